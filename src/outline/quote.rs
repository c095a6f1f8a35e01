//! Quotations: text of another document reproduced in this one.
//!
//! A công văn quotes the khoản of a Nghị định it relies on (`… quy định: “1. Người nộp thuế …”`);
//! an amending document gives the new text of what it amends (`Sửa đổi, bổ sung khoản 2 Điều 5
//! như sau: “2. …”`). Such text has numbered parts of its own that are not this document's: read
//! as the document's structure they would make its numbering look broken. This module finds where
//! quotations are, paragraph by paragraph, before the parts are built.
//!
//! A quotation opens at a paragraph that starts with a quotation mark, when the paragraph before
//! introduces it (it ends with `:`) or the mark is not closed within the paragraph; it ends at
//! the paragraph that ends with a closing mark. Converted text often has the wrong mark (`”5.`
//! opening a quotation), so any mark counts at either end. An italic run introduced by `như sau:`,
//! `quy định:`… is a quotation too (converters keep the italics and drop the marks).

use std::sync::LazyLock;

use regex::Regex;

/// What quotation detection needs to know of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct ParagraphFacts<'a> {
    pub text: &'a str,
    /// Set in italics from its first line to its last.
    pub italic: bool,
}

/// Where a paragraph stands in a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// The quotation, numbered from the `first` given to [`find`].
    pub id: u32,
    /// Characters of the opening mark (and spaces after it) at the start of the paragraph: the
    /// quoted part's marker comes after them.
    pub lead: usize,
}

const MARKS: &[char] = &['“', '”', '"', '‘', '’', '«', '»'];

/// An amending instruction of the host document (`3. Sửa đổi khoản 2 Điều 5 như sau:`): a
/// quotation left open by a lost closing mark does not run past it.
static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[0-9]{1,3}[a-z]?\.|[a-zđ]\)|Điều [0-9]{1,3}[a-z]?\.)\s*(?:Sửa đổi|Bổ sung|Bãi bỏ|Thay thế|Thay cụm|Thay từ|Điều chỉnh|Hủy bỏ|Huỷ bỏ|Sửa|Bỏ)",
    )
    .expect("static regex")
});

/// Words that introduce a quotation at the end of the paragraph before it.
const INTRODUCERS: &[&str] = &[
    "nhu sau",
    "quy dinh",
    "huong dan",
    "neu ro",
    "neu",
    "ghi ro",
    "ghi",
    "viet",
    "noi dung sau",
    "noi dung",
    "trich",
];

fn lead_of(text: &str) -> Option<usize> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if !MARKS.contains(&first) {
        return None;
    }
    let spaces = chars.take_while(|c| *c == ' ').count();
    Some(1 + spaces)
}

/// The paragraph ends with a closing mark (before final punctuation: `”.`, `.”`, `”;`).
fn ends_quote(text: &str) -> bool {
    let t = text.trim_end_matches(['.', ';', ',', ':', ' ', '*', '/']);
    t.ends_with(MARKS)
}

/// Whether the mark opening `text` is closed before the paragraph ends: `“Quỹ” là …`.
fn closed_inside(text: &str) -> bool {
    let body = &text[text.chars().next().map_or(0, char::len_utf8)..];
    let trimmed = body.trim_end_matches(['.', ';', ',', ':', ' ', '*', '/']);
    // A closing mark before the end, with text after it: the quotation is a phrase of a sentence.
    match trimmed.find(MARKS) {
        Some(at) => at + 3 < trimmed.len(),
        None => false,
    }
}

fn introduces(previous: &str) -> bool {
    let t = previous.trim_end_matches(['*', ' ']);
    t.ends_with(':')
}

fn introduces_italics(previous: &str) -> bool {
    if !introduces(previous) {
        return false;
    }
    let folded = crate::text::fold(previous.trim_end_matches(['*', ' ', ':']));
    INTRODUCERS.iter().any(|w| folded.ends_with(w))
}

/// Whether the italic paragraph `i` is a heading of this document set in italics rather than
/// quoted text: `… các công tác trọng tâm như sau:` / `*2.1. Sở Tài chính*` / plain text. A
/// quotation in italics keeps its italics past its first line; a heading is one short line
/// without a closing stop, and the text under it is upright. `quy định:` always quotes.
fn is_italic_heading(paragraphs: &[ParagraphFacts], i: usize) -> bool {
    let text = paragraphs[i].text.trim_end_matches(['*', ' ']);
    let introducer = crate::text::fold(paragraphs[i - 1].text.trim_end_matches(['*', ' ', ':']));
    introducer.ends_with("nhu sau")
        && text.chars().count() <= 80
        && !text.ends_with(['.', ';', ',', ':'])
        && paragraphs.get(i + 1).is_some_and(|next| !next.italic)
}

/// Finds the quotations among `paragraphs`; quotations are numbered from `first`.
pub fn find(paragraphs: &[ParagraphFacts], first: u32) -> Vec<Option<Quoted>> {
    let n = paragraphs.len();
    let mut out: Vec<Option<Quoted>> = vec![None; n];
    let mut id = first;
    let mut i = 0;
    while i < n {
        let text = paragraphs[i].text;
        let introduced = i > 0 && introduces(paragraphs[i - 1].text);
        if let Some(lead) = lead_of(text)
            && (introduced || !closed_inside(text))
        {
            let end = quotation_end(paragraphs, i);
            out[i] = Some(Quoted { id, lead });
            for slot in out.iter_mut().take(end + 1).skip(i + 1) {
                *slot = Some(Quoted { id, lead: 0 });
            }
            id += 1;
            i = end + 1;
            continue;
        }
        if paragraphs[i].italic
            && i > 0
            && !paragraphs[i - 1].italic
            && introduces_italics(paragraphs[i - 1].text)
            && !is_italic_heading(paragraphs, i)
        {
            let mut end = i;
            while end + 1 < n
                && paragraphs[end + 1].italic
                && !INSTRUCTION.is_match(paragraphs[end + 1].text)
            {
                end += 1;
            }
            for slot in out.iter_mut().take(end + 1).skip(i) {
                *slot = Some(Quoted { id, lead: 0 });
            }
            id += 1;
            i = end + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// The last paragraph of the quotation opening at `start`.
fn quotation_end(paragraphs: &[ParagraphFacts], start: usize) -> usize {
    if ends_quote(paragraphs[start].text) && paragraphs[start].text.chars().count() > 1 {
        return start;
    }
    let mut k = start + 1;
    while k < paragraphs.len() {
        let text = paragraphs[k].text;
        // A closing mark lost in conversion: the next instruction of the host, or a new
        // quotation introduced by the paragraph before, is not part of this one.
        if INSTRUCTION.is_match(text)
            || (lead_of(text).is_some() && introduces(paragraphs[k - 1].text))
        {
            return k - 1;
        }
        if ends_quote(text) {
            return k;
        }
        k += 1;
    }
    paragraphs.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(texts: &[&'static str]) -> Vec<ParagraphFacts<'static>> {
        texts
            .iter()
            .map(|t| ParagraphFacts {
                text: t,
                italic: false,
            })
            .collect()
    }

    fn ids(found: &[Option<Quoted>]) -> Vec<Option<u32>> {
        found.iter().map(|q| q.map(|q| q.id)).collect()
    }

    #[test]
    fn an_amendment_quotes_the_new_text_over_several_paragraphs() {
        let p = facts(&[
            "1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:",
            "“2. Nội dung mới:",
            "a) Điểm một;",
            "b) Điểm hai.”.",
            "2. Bãi bỏ khoản 3 Điều 6.",
        ]);
        let found = find(&p, 1);
        assert_eq!(ids(&found), [None, Some(1), Some(1), Some(1), None]);
        assert_eq!(found[1].unwrap().lead, 1);
    }

    #[test]
    fn a_quoted_phrase_inside_a_sentence_is_not_a_quotation() {
        let p = facts(&["“Tháng hành động vì môi trường” là hoạt động của tỉnh."]);
        assert_eq!(ids(&find(&p, 1)), [None]);
    }

    #[test]
    fn a_lost_closing_mark_stops_at_the_next_instruction() {
        let p = facts(&[
            "3. Sửa đổi khoản 1 Điều 13 như sau:",
            "“1. Mức hỗ trợ;",
            "2. Thời gian hỗ trợ.",
            "4. Bổ sung Điều 14a như sau:",
            "“Điều 14a. Phân cấp”",
        ]);
        assert_eq!(ids(&find(&p, 1)), [None, Some(1), Some(1), None, Some(2)]);
    }

    #[test]
    fn an_italic_heading_after_nhu_sau_is_not_a_quotation() {
        let mut p = facts(&[
            "Các sở, ngành tổ chức thực hiện các công tác trọng tâm cụ thể như sau:",
            "2.1. Sở Tài chính",
            "Chủ trì tham mưu Ủy ban nhân dân tỉnh.",
        ]);
        p[1].italic = true;
        assert_eq!(ids(&find(&p, 1)), [None, None, None]);
        // Italic text that goes on under it is quoted.
        p[2].italic = true;
        assert_eq!(ids(&find(&p, 1)), [None, Some(1), Some(1)]);
    }

    #[test]
    fn italics_introduced_by_quy_dinh_are_a_quotation() {
        let mut p = facts(&[
            "- Tại khoản 1 Điều 17 Nghị định số 103/2024/NĐ-CP quy định:",
            "1. Hộ gia đình, cá nhân thuộc đối tượng được miễn.",
            "2. Trường hợp khác.",
            "- Tại khoản 3 Điều 18 Nghị định số 103/2024/NĐ-CP.",
        ]);
        p[1].italic = true;
        p[2].italic = true;
        assert_eq!(ids(&find(&p, 5)), [None, Some(5), Some(5), None]);
    }
}
