//! `references`: internal references (`điểm b khoản 2 Điều 5`, `khoản 3 Mục II`) must point at
//! parts that exist. A reference followed by another document's name (`Điều 5 Nghị định số …`) is
//! external and skipped, unless it says `… này` (this document).
//!
//! ```toml
//! [params]
//! check = "internal"
//! ```

use std::sync::LazyLock;

use regex::Regex;

use crate::outline::MarkerKind;
use crate::outline::model::Section;
use crate::rules::context::{DocContext, Scope};
use crate::rules::search::{Searcher, WordBounded};
use crate::rules::spec::RuleError;
use crate::text::numbering::{letter_ordinal, roman_value};

use super::{Check, Hit, Params};

static REFERENCE: LazyLock<WordBounded> = LazyLock::new(|| {
    WordBounded::new(
        r"(?:điểm\s+([a-zđ])\s+)?(?:khoản\s+([0-9]{1,3})\s+)?(?:(Điều)\s+([0-9]{1,3})|(Mục)\s+([IVXLC]{1,6}))",
        false,
        true,
    )
});
static AMENDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:sửa đổi|bổ sung|bãi bỏ|thay thế|hết hiệu lực)[^.;]*$")
        .expect("static regex")
});
static EXTERNAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:của\s+)?(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh|Nghị định|Nghị quyết|Thông tư|Quyết định|Chỉ thị|Kế hoạch|Quy chế|Quy định|Chương trình|Đề án|Hướng dẫn|Văn bản|Công văn|Thông báo|Phụ lục|Hiệp định|Công ước)\b([^,;.]{0,80})")
        .expect("static regex")
});

/// An introducer that names the act whose parts a list cites (`quy định chi tiết một số điều
/// của Luật Di sản văn hóa …, bao gồm: điểm d khoản 3 Điều 7, khoản 4 Điều 13, …`).
static OWNER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:điều|khoản|điểm)(?:,\s*(?:khoản|điểm))*\s+(?:của|tại|theo)\s+(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh|Nghị định|Nghị quyết|Thông tư)\s+(\S+)")
        .expect("static regex")
});

/// What follows a reference up to the end of its sentence, or of its list when the reference
/// is one item of a list (`khoản 3 Điều 10; khoản 3 Điều 20; khoản 4 Điều 47 Nghị định số
/// 77/2025/NĐ-CP`): the act named after the last item owns them all.
fn rest_of_list(after: &str) -> &str {
    let mut end = 0;
    loop {
        let segment_end = after[end..]
            .find(['.', ';', ':'])
            .map_or(after.len(), |i| end + i);
        let next = after.get(segment_end + 1..).unwrap_or("").trim_start();
        let continues = after[segment_end..].starts_with(';')
            && crate::text::starts_with_folded(next, &["khoan ", "diem ", "dieu ", "muc ", "va "]);
        if !continues {
            return &after[..segment_end];
        }
        end = segment_end + 1;
    }
}

/// Whether byte `at` of `text` lies between an opening and a closing quotation mark: `…
/// được thay bằng “điểm g khoản 1 Điều 52 Thông tư này”` quotes another act's words.
pub(super) fn inside_quotation_marks(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let opened = before.matches(['“', '«']).count();
    let closed = before.matches(['”', '»']).count();
    let straight = before.matches('"').count();
    opened > closed || straight % 2 == 1
}

#[derive(Debug)]
pub struct References {
    scopes: Vec<Scope>,
}

impl References {
    pub fn compile(p: &Params, scopes: Vec<Scope>) -> Result<Self, RuleError> {
        match p.str("check")? {
            "internal" => Ok(References { scopes }),
            other => Err(p.error("check", format!("`check` must be internal, not `{other}`"))),
        }
    }
}

fn child(parent: &[Section], kind: fn(MarkerKind) -> bool, ordinal: u32) -> Option<&Section> {
    parent
        .iter()
        .find(|s| kind(s.kind) && s.ordinal == Some(ordinal))
}

/// Why a reference to khoản `clause` (and điểm `point`) of `top` does not resolve, if it does not.
fn unresolved(point: Option<u32>, clause: Option<u32>, top: &Section) -> Option<String> {
    let k = clause?;
    let Some(kh) = child(&top.children, |k| matches!(k, MarkerKind::Arabic(1)), k) else {
        return Some(format!(
            "không có khoản {k} trong {}",
            top.label.trim_end_matches('.')
        ));
    };
    let p = point?;
    child(&kh.children, |k| k == MarkerKind::Letter, p)
        .is_none()
        .then(|| {
            format!(
                "không có điểm {} trong khoản {k}",
                crate::text::numbering::letter_at(p).unwrap_or('?')
            )
        })
}

impl Check for References {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        vec![(&self.scopes, REFERENCE.searcher())]
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        // An amending document ("Sửa đổi, bổ sung một số điều của Quy định …") cites the parts of
        // the document it amends, not its own.
        let title = doc.title().map(crate::text::fold).unwrap_or_default();
        // A văn bản hợp nhất (`…/VBHN-…`) reproduces the final provisions of each amending act,
        // whose "Điều 1 Thông tư này" is that act's Điều 1.
        if doc.header.is_consolidated()
            || ["sua doi", "bo sung", "bai bo", "hop nhat"]
                .iter()
                .any(|w| title.contains(w))
        {
            return;
        }
        let articles: Vec<&Section> = doc
            .all_sections()
            .filter(|s| s.kind == MarkerKind::Article)
            .collect();
        let romans: Vec<&Section> = doc
            .all_sections()
            .filter(|s| s.kind == MarkerKind::Roman)
            .collect();
        let scope = ctx.scope_texts(&self.scopes);
        for t in REFERENCE.searcher().texts(&scope) {
            // Quoted text cites the parts of the document it comes from ("Điều 105 Nghị định
            // này" in a khoản of Nghị định 131 that a công văn reproduces).
            if t.quoted {
                continue;
            }
            let text = t.text.as_str();
            for (c, m) in REFERENCE.captures_iter(text) {
                if inside_quotation_marks(text, m.start) {
                    continue;
                }
                // The rest of the sentence: a document named there ("… Điều 50 Nghị định số 18…")
                // makes the reference external, unless it is "… này".
                let rest = rest_of_list(&text[m.end..]);
                if let Some(e) = EXTERNAL.captures(rest)
                    && e.get(1)
                        .is_none_or(|r| r.as_str().split_whitespace().next() != Some("này"))
                {
                    continue;
                }
                // The act named before the list in the same sentence (a colon does not end it
                // here: `…, bao gồm:` introduces the list).
                let before = &text[..m.start];
                let sentence_start = before.rfind(['.', ';']).map_or(0, |i| i + 1);
                if OWNER_BEFORE
                    .captures_iter(&before[sentence_start..])
                    .any(|o| o.get(1).is_some_and(|w| !w.as_str().starts_with("này")))
                {
                    continue;
                }
                // Amendments quote the parts of the amended document ("sửa đổi khoản 2 Điều 1 như
                // sau").
                if AMENDING.is_match(&text[..m.start]) || rest.trim_start().starts_with("như sau")
                {
                    continue;
                }
                let point = c
                    .get(1)
                    .and_then(|p| letter_ordinal(p.as_str().chars().next()?));
                let clause = c.get(2).and_then(|k| k.as_str().parse().ok());
                let problem = if c.get(3).is_some() {
                    if articles.is_empty() {
                        continue;
                    }
                    let n: u32 = c.get(4).and_then(|n| n.as_str().parse().ok()).unwrap_or(0);
                    match articles.iter().find(|a| a.ordinal == Some(n)) {
                        None => Some(format!("văn bản không có Điều {n}")),
                        Some(a) => unresolved(point, clause, a),
                    }
                } else {
                    if romans.is_empty() {
                        continue;
                    }
                    let numeral = c.get(6).map_or("", |n| n.as_str());
                    let n = roman_value(numeral).unwrap_or(0);
                    match romans.iter().find(|r| r.ordinal == Some(n)) {
                        None => Some(format!("văn bản không có mục {numeral}")),
                        Some(r) => unresolved(point, clause, r),
                    }
                };
                if let Some(problem) = problem {
                    out.extend(Hit::at(t, m.start, m.end).map(|h| h.var("problem", problem)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_references_belongs_to_the_act_named_after_it() {
        let after =
            "; khoản 3 Điều 20; khoản 4 Điều 47 Nghị định số 77/2025/NĐ-CP; Quyết định này.";
        assert_eq!(
            rest_of_list(after),
            "; khoản 3 Điều 20; khoản 4 Điều 47 Nghị định số 77/2025/NĐ-CP"
        );
        assert_eq!(rest_of_list("; Sở Tư pháp chủ trì."), "");
        assert_eq!(rest_of_list(" của Quy chế này."), " của Quy chế này");
    }

    #[test]
    fn references_between_quotation_marks_are_quoted() {
        let text = "thay cụm từ “điểm g khoản 1 Điều 52 Thông tư này” bằng “Điều 5”";
        assert!(inside_quotation_marks(text, text.find("điểm").unwrap()));
        assert!(!inside_quotation_marks(text, text.find("bằng").unwrap()));
    }
}
