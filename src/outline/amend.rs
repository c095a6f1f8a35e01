//! Amending instructions: the parts of a document that amend another one.
//!
//! In a document that amends another, each instruction is a numbered part of its own structure
//! (`1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:`, `Điều 2. Bãi bỏ Điều 7 của Quyết định số
//! 12/2023/QĐ-UBND`); the replacement text after it is a quotation of the amended document (see
//! [`super::quote`]). This module reads what each instruction does, to what, and in which
//! document, where the text says so: in the instruction itself, in the part it belongs to (`Điều
//! 1. Sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP`) or in the document's title.

use std::sync::LazyLock;

use regex::Regex;

use super::model::{Document, Section};

/// What an amending instruction does, to what and in which document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Amendment {
    /// The verb as written, in lower case: `sửa đổi, bổ sung`, `bãi bỏ`, `thay thế`.
    pub action: String,
    /// What it acts on, as written: `khoản 2 Điều 5`, `điểm a, c khoản 1 Điều 3`, `một số điều`.
    pub target: String,
    /// The amended document where the text names it (`Nghị định số 15/2020/NĐ-CP`, `Luật Đất
    /// đai`), from the instruction, the part it is in, or the document's title.
    pub document: Option<String>,
}

/// An instruction: an amending verb, then what it acts on (which must name a kind of part or a
/// wording), up to `như sau`, a colon or the end.
static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    const VERB: &str =
        "sửa đổi|bổ sung|bãi bỏ|thay thế|thay đổi|điều chỉnh|hủy bỏ|huỷ bỏ|đính chính|bỏ|thay|sửa";
    Regex::new(&format!(
        r"(?i)^((?:{VERB})(?:(?:\s*,\s*|\s+và\s+)(?:{VERB}))*)\s+(.+?)\s*(?:như sau)?\s*[:.;]?\s*$"
    ))
    .expect("static regex")
});

/// The target must name a part by its number (`khoản 2`, `Điều 5a`, `điểm c`, `Chương III`,
/// `Mẫu số 02`), some parts (`một số điều`) or a wording (`cụm từ “…”`), so that `Bổ sung kinh phí
/// cho …`, `Điều chỉnh thời hạn …` and `Thay mặt Chủ tịch điều hành …` are no instructions.
static TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?:^|[\s,(])(?:(?:điểm|khoản|điều|chương|mục|phần|phụ lục|mẫu|biểu mẫu|tiết)(?: số)? (?:[0-9]+[a-zđ]?\b|[ivxlc]+\b|[a-zđ]\b)|một số (?:điều|khoản|điểm|nội dung|từ|cụm từ)|(?:các|một số)? ?(?:cụm )?từ ["“”]|cụm từ\b)"#,
    )
    .expect("static regex")
});

/// The amended document named after `của` / `tại`: a numbered act or a named law or code.
static DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:của|tại|thuộc|kèm theo|Điều [0-9]+[a-zđ]?)\s+((?:(?:Quy chế|Quy định|Điều lệ)\s+(?:ban hành\s+)?kèm theo\s+)?(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị|Quy chế|Quy định|Kế hoạch|Hướng dẫn)\s+(?:(?:số\s+)?[0-9][0-9A-Za-zĐđ/.\-]*|[\p{Lu}][^,;:()]*?))(?:\s+ngày\b|\s+năm\b|\s+như sau|\s+đã\b|\s+được\b|\s+của\b|\s+về\b|\s+và\b|[,;:()]|$)",
    )
    .expect("static regex")
});

/// Reads an instruction from a part's title (its text after the marker). In a document that does
/// not say it amends (`amending` false), the part must come first in the target (`Bãi bỏ khoản 3
/// …`, `Thay thế cụm từ …`): `Điều chỉnh mức giá … so với mức giá quy định tại Mục B Phụ lục II`
/// only cites a part.
pub fn instruction(title: &str, amending: bool) -> Option<Amendment> {
    let title = title.trim().trim_matches('*').trim();
    // Most titles start with another word: they are settled without the regex.
    const FIRST: &[&str] = &[
        "Sửa",
        "sửa",
        "SỬA",
        "Bổ",
        "bổ",
        "BỔ",
        "Bãi",
        "bãi",
        "BÃI",
        "Bỏ",
        "bỏ",
        "BỎ",
        "Thay",
        "thay",
        "THAY",
        "Điều chỉnh",
        "điều chỉnh",
        "ĐIỀU CHỈNH",
        "Hủy",
        "hủy",
        "HỦY",
        "Huỷ",
        "huỷ",
        "HUỶ",
        "Đính",
        "đính",
        "ĐÍNH",
    ];
    if !FIRST.iter().any(|w| title.starts_with(w)) {
        return None;
    }
    let caps = INSTRUCTION.captures(title)?;
    let mut target = caps[2].trim().to_string();
    let part = TARGET.find(&target)?;
    if !amending && target[..part.start()].split_whitespace().count() > 2 {
        return None;
    }
    let document = named_document(&target);
    if let Some(m) = DOCUMENT.captures(&target).and_then(|c| c.get(1)) {
        let before = target[..m.start()].trim_end();
        let before = ["của", "tại", "thuộc", "kèm theo"]
            .iter()
            .find_map(|w| before.strip_suffix(w))
            .unwrap_or(before);
        target = before.trim_end().to_string();
    }
    if target.is_empty() {
        return None;
    }
    Some(Amendment {
        action: caps[1].to_lowercase(),
        target,
        document,
    })
}

/// The document a text names as the one amended (`… của Nghị định số 15/2020/NĐ-CP …`).
fn named_document(text: &str) -> Option<String> {
    DOCUMENT
        .captures(text)
        .map(|c| c[1].trim().trim_end_matches('.').to_string())
}

/// Marks the instructions of a document and of its attachments.
pub fn mark(doc: &mut Document) {
    let amending_title = doc.header.title.as_ref().filter(|t| {
        let t = t.as_str().to_lowercase();
        t.contains("sửa đổi") || t.contains("bổ sung") || t.contains("bãi bỏ")
    });
    let from_title = amending_title.and_then(|t| named_document(t.as_str()));
    let within = Within {
        amending: amending_title.is_some(),
        document: from_title.as_deref(),
        article: None,
    };
    for s in &mut doc.body.sections {
        mark_section(s, within);
    }
    for a in &mut doc.attachments {
        mark(&mut a.content);
    }
}

/// What the parts around an instruction say.
#[derive(Debug, Clone, Copy)]
struct Within<'a> {
    /// The document or a part above says it amends.
    amending: bool,
    /// The amended document, as named above.
    document: Option<&'a str>,
    /// The one article the instruction above acts on (`Điều 31` in `Sửa đổi, bổ sung một số
    /// khoản của Điều 31 như sau:`): the target of `a) Sửa đổi điểm b khoản 2` is in it.
    article: Option<&'a str>,
}

static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bĐiều [0-9]+[a-zđ]?\b").expect("static regex"));

/// The one article a target names, if it names exactly one.
fn one_article(target: &str) -> Option<&str> {
    let mut found = ARTICLE.find_iter(target).map(|m| m.as_str());
    let first = found.next()?;
    found.all(|a| a == first).then_some(first)
}

fn mark_section(s: &mut Section, within: Within<'_>) {
    if s.is_quoted() {
        return;
    }
    // Instructions are numbered parts (`1.`, `a)`, `Điều 2.`); a bullet that starts with a verb
    // is a list item of a procedure.
    if let Some(mut a) = (!s.kind.is_bullet())
        .then(|| instruction(s.title.as_str(), within.amending))
        .flatten()
    {
        if a.document.is_none() {
            a.document = within.document.map(str::to_string);
        }
        if let Some(article) = within.article
            && !ARTICLE.is_match(&a.target)
        {
            a.target = format!("{} {article}", a.target);
        }
        s.amends = Some(a);
    }
    let amends = s.amends.take();
    let inner = match &amends {
        Some(a) => Within {
            amending: true,
            document: a.document.as_deref().or(within.document),
            article: one_article(&a.target).or(within.article),
        },
        None => within,
    };
    for c in &mut s.children {
        mark_section(c, inner);
    }
    s.amends = amends;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(title: &str) -> Option<(String, String, Option<String>)> {
        instruction(title, false).map(|a| (a.action, a.target, a.document))
    }

    #[test]
    fn an_instruction_gives_its_action_and_target() {
        assert_eq!(
            read("Sửa đổi, bổ sung khoản 2 Điều 5 như sau:"),
            Some(("sửa đổi, bổ sung".into(), "khoản 2 Điều 5".into(), None))
        );
        assert_eq!(
            read("Sửa đổi, bổ sung điểm a, c khoản 1 Điều 3 như sau:"),
            Some((
                "sửa đổi, bổ sung".into(),
                "điểm a, c khoản 1 Điều 3".into(),
                None
            ))
        );
        assert_eq!(
            read("Bãi bỏ khoản 3 Điều 7."),
            Some(("bãi bỏ".into(), "khoản 3 Điều 7".into(), None))
        );
        assert_eq!(
            read("Thay thế, bãi bỏ một số từ, cụm từ tại Điều 5"),
            Some((
                "thay thế, bãi bỏ".into(),
                "một số từ, cụm từ tại Điều 5".into(),
                None
            ))
        );
        assert_eq!(
            read("Bổ sung Điều 5a vào sau Điều 5 như sau:"),
            Some(("bổ sung".into(), "Điều 5a vào sau Điều 5".into(), None))
        );
    }

    #[test]
    fn the_amended_document_is_read_where_it_is_named() {
        assert_eq!(
            read(
                "Sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP ngày 03 tháng 02 năm 2020 của Chính phủ"
            ),
            Some((
                "sửa đổi, bổ sung".into(),
                "một số điều".into(),
                Some("Nghị định số 15/2020/NĐ-CP".into())
            ))
        );
        assert_eq!(
            read(
                "Sửa đổi, bổ sung một số điều, khoản của Quy định kèm theo Nghị quyết số 10/2022/NQ-HĐND ngày 14 tháng 7 năm 2022"
            ),
            Some((
                "sửa đổi, bổ sung".into(),
                "một số điều, khoản".into(),
                Some("Quy định kèm theo Nghị quyết số 10/2022/NQ-HĐND".into())
            ))
        );
        assert_eq!(
            read("Bãi bỏ khoản 2 Điều 22 Thông tư 49/2017/TT-BQP."),
            Some((
                "bãi bỏ".into(),
                "khoản 2 Điều 22".into(),
                Some("Thông tư 49/2017/TT-BQP".into())
            ))
        );
        assert_eq!(
            read("Bãi bỏ Điều 12 của Luật Đất đai."),
            Some((
                "bãi bỏ".into(),
                "Điều 12".into(),
                Some("Luật Đất đai".into())
            ))
        );
    }

    #[test]
    fn outside_an_amending_document_the_part_comes_first() {
        let cited =
            "Điều chỉnh mức giá máy móc cao hơn so với mức giá quy định tại Mục B Phụ lục II.";
        assert_eq!(read(cited), None);
        let bare = "Bãi bỏ quy định định mức, tiêu chí phân bổ cho huyện tại khoản 3 Điều 3";
        assert_eq!(read(bare), None);
        assert!(instruction(bare, true).is_some());
    }

    #[test]
    fn an_instruction_inside_another_names_its_article() {
        let text = "QUYẾT ĐỊNH\nSửa đổi, bổ sung một số điều của Quyết định số 12/2023/QĐ-UBND\n\n\
                    Điều 1. Sửa đổi, bổ sung một số khoản của Điều 31 như sau:\n\n\
                    1. Sửa đổi, bổ sung điểm b khoản 2 như sau:\n\n“b) Nội dung mới;”\n";
        let file = crate::outline::parse(text);
        let doc = &file.documents[0];
        let amends: Vec<_> = doc
            .all_sections()
            .filter_map(|s| s.amends.as_ref())
            .map(|a| (a.target.as_str(), a.document.as_deref()))
            .collect();
        assert_eq!(
            amends,
            [
                (
                    "một số khoản của Điều 31",
                    Some("Quyết định số 12/2023/QĐ-UBND")
                ),
                (
                    "điểm b khoản 2 Điều 31",
                    Some("Quyết định số 12/2023/QĐ-UBND")
                ),
            ]
        );
    }

    #[test]
    fn a_verb_without_a_part_is_no_instruction() {
        assert_eq!(read("Bổ sung kinh phí cho các đơn vị"), None);
        assert_eq!(read("Điều chỉnh giá đất năm 2025"), None);
        assert_eq!(read("Tổ chức thực hiện"), None);
        assert_eq!(
            read("Thay mặt Chủ tịch Hội đồng điều hành các công việc."),
            None
        );
        assert_eq!(
            read("Sửa tên tổ chức; sửa đổi, bổ sung điều lệ (nếu có);"),
            None
        );
    }
}
