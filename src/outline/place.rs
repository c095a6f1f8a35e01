//! Where something is in a document: a block (Căn cứ, Nơi nhận…), an attachment, a numbered part.
//!
//! A place has two renderings and only these two: the numbering path that scripts match on
//! (`II.2.đ`, `Điều 5.2.a`, `PL1/Điều 5.2`) and the citation form a reader writes (`điểm a khoản
//! 2 Điều 5`, `mục 2 phần II`, `khoản 2 Điều 5 Quy chế`). Every face (findings, reports,
//! baselines, the review screen) uses them, so a block name is never mistaken for a number.

use serde::Serialize;

use super::blocks::Block;
use super::marker::MarkerKind;

/// One numbered step of a path: its kind and where its key ends in the path's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Step {
    kind: MarkerKind,
    start: u32,
    end: u32,
    /// The first step of a quotation (`Điều 1.2.“Điều 6a`: the quoted Điều 6a in khoản 2).
    opens_quote: bool,
}

/// The numbering path of a section: its key and its ancestors' (`II.2.đ`), with the kind of each
/// step, and the attachment prefix (`PL1/`) when the section is in an attachment.
///
/// The text is the contract (`number` in every JSON report); the steps give the citation form
/// without parsing the text back (`1.2` is one step of an `Arabic(2)` kind, not two).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NumberPath {
    text: String,
    steps: Vec<Step>,
}

impl NumberPath {
    /// The path of a top-level part: `prefix` is the attachment's key with its slash (`PL1/`), or
    /// empty.
    pub fn root(prefix: &str, kind: MarkerKind, key: &str) -> NumberPath {
        let mut text = String::with_capacity(prefix.len() + key.len());
        text.push_str(prefix);
        let start = text.len() as u32;
        text.push_str(key);
        NumberPath {
            steps: vec![Step {
                kind,
                start,
                end: text.len() as u32,
                opens_quote: false,
            }],
            text,
        }
    }

    /// The path of a child part: this path, a dot, the child's key. Bullets write their key with
    /// its sign (`-2`), so that `II.1.-2` reads as the second dash item of `II.1`.
    pub fn child(&self, kind: MarkerKind, key: &str) -> NumberPath {
        self.extend(kind, key, ".", false)
    }

    /// The path of the first part of a quotation inside this part: `.“` and the quoted key
    /// (`Điều 1.2.“Điều 6a`, `II.1.“1`).
    pub fn quoted_child(&self, kind: MarkerKind, key: &str) -> NumberPath {
        self.extend(kind, key, ".“", true)
    }

    fn extend(
        &self,
        kind: MarkerKind,
        key: &str,
        separator: &str,
        opens_quote: bool,
    ) -> NumberPath {
        let mut text = String::with_capacity(self.text.len() + separator.len() + key.len());
        text.push_str(&self.text);
        if !self.steps.is_empty() {
            text.push_str(separator);
        } else if opens_quote {
            text.push('“');
        }
        let start = text.len() as u32;
        text.push_str(key);
        let mut steps = Vec::with_capacity(self.steps.len() + 1);
        steps.extend_from_slice(&self.steps);
        steps.push(Step {
            kind,
            start,
            end: text.len() as u32,
            opens_quote,
        });
        NumberPath { text, steps }
    }

    /// A path with no step yet: where the top-level parts of an attachment (`PL1/`) or a quotation
    /// outside any part start.
    pub fn empty(prefix: &str) -> NumberPath {
        NumberPath {
            text: prefix.to_string(),
            steps: Vec::new(),
        }
    }

    /// The path of a part whose numbering does not nest under its parent's (Điều, Phần): a root
    /// with the parent's attachment prefix, or, inside a quotation, a first part of the quotation
    /// again (a quoted Chương's Điều is `…“Điều 5`, not `…“Chương II.Điều 5`).
    pub fn restart(&self, kind: MarkerKind, key: &str) -> NumberPath {
        match self.steps.iter().rposition(|s| s.opens_quote) {
            Some(q) => self.truncated(q).quoted_child(kind, key),
            None => NumberPath::root(self.prefix(), kind, key),
        }
    }

    /// The path of the first `n` steps.
    fn truncated(&self, n: usize) -> NumberPath {
        let end = match n.checked_sub(1) {
            Some(last) => self.steps[last].end as usize,
            None => self.prefix().len(),
        };
        NumberPath {
            text: self.text[..end].to_string(),
            steps: self.steps[..n].to_vec(),
        }
    }

    /// The numbering path as written in reports: `II.2.đ`, `PL1/Điều 5.2`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The attachment prefix with its slash (`PL1/`), or empty.
    pub fn prefix(&self) -> &str {
        let start = self.steps.first().map_or(self.text.len(), |s| {
            // A quotation opened outside any part writes its mark before its first key.
            let mark = if s.opens_quote { '“'.len_utf8() } else { 0 };
            s.start as usize - mark
        });
        &self.text[..start]
    }

    /// The steps from the outermost: each kind with its key (`II`, `2`, `đ`, `Điều 5`, `-1`).
    pub fn steps(&self) -> impl DoubleEndedIterator<Item = (MarkerKind, &str)> + '_ {
        self.steps
            .iter()
            .map(|s| (s.kind, &self.text[s.start as usize..s.end as usize]))
    }

    /// The citation form, innermost part first, as a reader writes it: `điểm a khoản 2 Điều 5`,
    /// `gạch đầu dòng thứ 2 điểm a mục 1 phần II`. Above an Điều nothing is named (Điều are
    /// numbered through the whole document).
    ///
    /// A quoted part is cited as the quoted text numbers it, then where the quotation is:
    /// `khoản 1 Điều 6a (trích dẫn tại khoản 2 Điều 1)`.
    pub fn citation(&self) -> String {
        self.citation_of(&self.steps)
    }

    fn citation_of(&self, steps: &[Step]) -> String {
        let quote = steps.iter().rposition(|s| s.opens_quote);
        let own = &steps[quote.unwrap_or(0)..];
        let key = |s: &Step| &self.text[s.start as usize..s.end as usize];
        let mut words: Vec<String> = Vec::new();
        for (i, s) in own.iter().enumerate().rev() {
            let parent = i.checked_sub(1).map(|p| own[p].kind);
            words.push(step_citation(s.kind, key(s), parent));
            if s.kind == MarkerKind::Article {
                break;
            }
        }
        let inner = words.join(" ");
        match quote {
            Some(q) if q > 0 => {
                format!("{inner} (trích dẫn tại {})", self.citation_of(&steps[..q]))
            }
            _ => inner,
        }
    }
}

/// How a reader names one numbered part, given the kind of its parent.
fn step_citation(kind: MarkerKind, key: &str, parent: Option<MarkerKind>) -> String {
    let bare = key.trim_start_matches(['-', '+']);
    match kind {
        MarkerKind::Part
        | MarkerKind::Chapter
        | MarkerKind::Section
        | MarkerKind::Subsection
        | MarkerKind::Article => key.to_string(),
        MarkerKind::Roman => format!("phần {key}"),
        MarkerKind::UpperLetter => format!("phần {key}"),
        MarkerKind::Arabic(1) if parent == Some(MarkerKind::Article) => format!("khoản {key}"),
        MarkerKind::Arabic(_) => format!("mục {key}"),
        MarkerKind::ArabicParen => format!("mục {key})"),
        MarkerKind::Letter => format!("điểm {key}"),
        MarkerKind::Dash => format!("gạch đầu dòng thứ {bare}"),
        MarkerKind::Plus => format!("ý “+” thứ {bare}"),
    }
}

/// Which attachment of its document a place is in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct AttachmentTag {
    /// 1-based position among the document's attachments.
    pub index: usize,
    /// The key that prefixes its numbering paths: `PL1`, `QC`, `Mẫu 01`.
    pub key: String,
    /// Its name as a reader cites it: `Phụ lục I`, `Quy chế`, `Mẫu số 01`.
    pub name: String,
}

/// A place in a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub block: Block,
    pub attachment: Option<AttachmentTag>,
    /// The numbered part, for a place in a section.
    pub path: Option<NumberPath>,
}

impl Place {
    /// A block of the document itself.
    pub const fn block(block: Block) -> Place {
        Place {
            block,
            attachment: None,
            path: None,
        }
    }

    /// The numbering path (`III.3`, `PL1/Điều 5.2`) of a place in a section; the block's name
    /// for the others (`Căn cứ`, `PL1/Tiêu đề`): the `section` field of the JSON reports.
    pub fn path(&self) -> String {
        match (&self.path, &self.attachment) {
            (Some(p), _) => p.as_str().to_string(),
            (None, Some(a)) => format!("{}/{}", a.key, self.block.label_in_attachment()),
            (None, None) => self.block.label().to_string(),
        }
    }

    /// The place as a reader names it in a sentence: `mục III.3`-like citation forms for
    /// numbered parts (`khoản 2 Điều 5`, `mục 3 phần III`), the block's name otherwise, with the
    /// attachment after it (`khoản 2 Điều 5 Quy chế`, `Tiêu đề Phụ lục I`).
    pub fn citation(&self) -> String {
        let inner = match &self.path {
            Some(p) => p.citation(),
            None if self.attachment.is_some() => self.block.label_in_attachment().to_string(),
            None => self.block.label().to_string(),
        };
        match &self.attachment {
            Some(a) => format!("{inner} {}", a.name),
            None => inner,
        }
    }

    /// Whether the place is a numbered part.
    pub fn is_section(&self) -> bool {
        self.path.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_path() -> NumberPath {
        NumberPath::root("", MarkerKind::Article, "Điều 5")
            .child(MarkerKind::Arabic(1), "2")
            .child(MarkerKind::Letter, "a")
    }

    #[test]
    fn numbering_path_and_citation_of_a_point() {
        let p = article_path();
        assert_eq!(p.as_str(), "Điều 5.2.a");
        assert_eq!(p.citation(), "điểm a khoản 2 Điều 5");
        let chapter = NumberPath::root("", MarkerKind::Chapter, "Chương II");
        let article = chapter.restart(MarkerKind::Article, "Điều 7");
        assert_eq!(article.as_str(), "Điều 7");
        assert_eq!(article.citation(), "Điều 7");
    }

    #[test]
    fn plans_cite_parts_and_items() {
        let p = NumberPath::root("", MarkerKind::Roman, "II")
            .child(MarkerKind::Arabic(1), "2")
            .child(MarkerKind::Letter, "đ")
            .child(MarkerKind::Dash, "-1");
        assert_eq!(p.as_str(), "II.2.đ.-1");
        assert_eq!(p.citation(), "gạch đầu dòng thứ 1 điểm đ mục 2 phần II");
        let sub = NumberPath::root("", MarkerKind::Arabic(2), "1.2");
        assert_eq!(sub.steps().count(), 1, "1.2 is one step");
        assert_eq!(sub.citation(), "mục 1.2");
    }

    #[test]
    fn quoted_parts_are_cited_where_they_are_quoted() {
        let host =
            NumberPath::root("", MarkerKind::Article, "Điều 1").child(MarkerKind::Arabic(1), "2");
        let quoted = host
            .quoted_child(MarkerKind::Article, "Điều 6a")
            .child(MarkerKind::Arabic(1), "1");
        assert_eq!(quoted.as_str(), "Điều 1.2.“Điều 6a.1");
        let next = quoted.restart(MarkerKind::Article, "Điều 6b");
        assert_eq!(next.as_str(), "Điều 1.2.“Điều 6b");
        let outside = NumberPath::empty("PL1/").quoted_child(MarkerKind::Arabic(1), "1");
        assert_eq!(outside.as_str(), "PL1/“1");
        assert_eq!(outside.prefix(), "PL1/");
        assert_eq!(outside.citation(), "mục 1");
        assert_eq!(
            quoted.citation(),
            "khoản 1 Điều 6a (trích dẫn tại khoản 2 Điều 1)"
        );
    }

    #[test]
    fn attachment_places_carry_their_key_and_name() {
        let tag = AttachmentTag {
            index: 1,
            key: "PL1".to_string(),
            name: "Phụ lục I".to_string(),
        };
        let path = NumberPath::root("PL1/", MarkerKind::Article, "Điều 5")
            .child(MarkerKind::Arabic(1), "2");
        assert_eq!(path.as_str(), "PL1/Điều 5.2");
        assert_eq!(path.prefix(), "PL1/");
        let place = Place {
            block: Block::Section,
            attachment: Some(tag.clone()),
            path: Some(path),
        };
        assert_eq!(place.path(), "PL1/Điều 5.2");
        assert_eq!(place.citation(), "khoản 2 Điều 5 Phụ lục I");
        let heading = Place {
            block: Block::Header,
            attachment: Some(tag),
            path: None,
        };
        assert_eq!(heading.path(), "PL1/Tiêu đề");
    }

    #[test]
    fn blocks_are_never_numbers() {
        let p = Place::block(Block::LegalBases);
        assert_eq!(p.path(), "Căn cứ");
        assert_eq!(p.citation(), "Căn cứ");
        assert!(!p.is_section());
    }
}
