//! The outline of a document as a reviewer reads it. Every node keeps its source text with
//! original positions, so later stages can point at the user's real lines.

use crate::document::mapped::MappedText;

use super::marker::MarkerKind;

/// A run of text (one header field, one paragraph) with its original positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    pub text: MappedText,
}

impl Paragraph {
    pub fn new(text: MappedText) -> Self {
        Self { text }
    }
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }
    /// 1-based first line in the original file (0 for an empty paragraph).
    pub fn line(&self) -> u32 {
        self.text.start().map_or(0, |p| p.line)
    }
    /// 1-based last line in the original file.
    pub fn end_line(&self) -> u32 {
        self.text.end().map_or(0, |p| p.line)
    }
}

/// Số và ký hiệu, split into its parts: `Số: 3593/VP-VX`, `Số: 15/2020/NĐ-CP`, `Số: /KH-UBND`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Symbol {
    /// The whole line as written (cleaned), e.g. `Số.3593 /VP-VX`.
    pub line: Paragraph,
    /// The symbol after `Số`, spaces removed: `3593/VP-VX`.
    pub value: String,
    /// The number; `None` when blank (a draft).
    pub number: Option<String>,
    /// The year component of legal documents (`15/2020/NĐ-CP`).
    pub year: Option<String>,
    /// The parts of the ký hiệu after the last `/`: `["VP", "VX"]`, `["KH", "UBND"]`.
    pub code_parts: Vec<String>,
    /// Type code (`KH`, `QĐ`) when the document has a type; `None` for a công văn.
    pub type_code: Option<String>,
    /// Issuing agency code (`UBND`, `VP`).
    pub agency: Option<String>,
    /// Drafting unit code of a công văn (`VX`), or a further part of a typed symbol.
    pub unit: Option<String>,
}

/// Place and date line: `Sóc Trăng, ngày 04 tháng 7 năm 2023`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlaceDate {
    pub line: Paragraph,
    pub place: Option<String>,
    /// Day, month as written (digits), `None` when blank (a draft).
    pub day: Option<String>,
    pub month: Option<String>,
    pub year: Option<String>,
}

/// Header fields in the order they usually appear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub parent_body: Option<Paragraph>,
    pub issuing_body: Option<Paragraph>,
    pub national_title: Option<Paragraph>,
    pub motto: Option<Paragraph>,
    pub symbol: Option<Symbol>,
    pub place_date: Option<PlaceDate>,
    pub draft: Option<Paragraph>,
    /// Urgency, secrecy and circulation marks (`HỎA TỐC`, `MẬT`, …).
    pub marks: Vec<Paragraph>,
    pub type_name: Option<Paragraph>,
    /// Trích yếu: the title after the type name, or the `V/v …` summary of a công văn.
    pub title: Option<Paragraph>,
    /// Whether the title is a công văn's `V/v` summary.
    pub title_is_subject: bool,
    /// Lines in the header zone that are none of the above (a form number, stray converted
    /// text), kept so that no text of the document is lost to comparison and rules.
    pub other: Vec<Paragraph>,
}

/// A numbered or bulleted part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: MarkerKind,
    /// The marker as written: `II.`, `đ)`, `-`, `Điều 5.`.
    pub label: String,
    /// Numbering path: `II.2.đ`, `Điều 5.2.a`; bullets add `-N` / `+N` to their parent's path.
    pub number: String,
    /// Position in its numbering sequence; `None` for bullets.
    pub ordinal: Option<u32>,
    /// The heading paragraph without its marker.
    pub title: Paragraph,
    /// The heading paragraph with its marker, as written.
    pub heading: Paragraph,
    /// Paragraphs after the heading that are not themselves numbered or bulleted.
    pub paragraphs: Vec<Paragraph>,
    pub children: Vec<Section>,
}

impl Section {
    pub fn line(&self) -> u32 {
        self.heading.line()
    }
    /// Last line covered by this section and its children.
    pub fn end_line(&self) -> u32 {
        let own = self
            .paragraphs
            .iter()
            .map(Paragraph::end_line)
            .chain(std::iter::once(self.heading.end_line()))
            .max()
            .unwrap_or(0);
        self.children
            .iter()
            .map(Section::end_line)
            .max()
            .map_or(own, |c| c.max(own))
    }
    /// Depth-first iteration over this section and all descendants.
    pub fn walk(&self) -> Walk<'_> {
        Walk {
            stack: vec![std::slice::from_ref(self).iter()],
        }
    }
}

/// Depth-first iteration over sections and their descendants, parents before children (one
/// stack for the whole walk, not an iterator per section).
#[derive(Debug, Clone)]
pub struct Walk<'a> {
    stack: Vec<std::slice::Iter<'a, Section>>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = &'a Section;

    fn next(&mut self) -> Option<&'a Section> {
        while let Some(top) = self.stack.last_mut() {
            match top.next() {
                Some(s) => {
                    self.stack.push(s.children.iter());
                    return Some(s);
                }
                None => {
                    self.stack.pop();
                }
            }
        }
        None
    }
}

/// Nơi nhận: its heading, the recipients and the Lưu line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Distribution {
    pub heading: Paragraph,
    pub items: Vec<Paragraph>,
    pub archive: Option<Paragraph>,
    /// Archive units from the Lưu line: `Lưu: VT, VX (02b).` → `["VT", "VX"]`.
    pub archive_units: Vec<String>,
}

/// What a line of the signature block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureRole {
    /// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH` and misspelt forms such as `T/M`.
    Authority,
    /// A title without a prefix: `PHÓ CHỦ TỊCH`.
    Title,
    /// The signer's name.
    Signer,
    /// Anything else in the block (`(Đã ký)`, a seal note).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureLine {
    pub role: SignatureRole,
    /// For authority lines, the prefix as written (`TM.`, `KT.`, `T/M`).
    pub prefix: Option<String>,
    pub text: Paragraph,
}

/// One document of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// 1-based index in its file.
    pub index: usize,
    /// First and last original line of the document.
    pub first_line: u32,
    pub last_line: u32,
    pub header: Header,
    /// Kính gửi recipients (công văn, tờ trình).
    pub addressees: Vec<Paragraph>,
    /// The Kính gửi line itself.
    pub addressee_heading: Option<Paragraph>,
    pub legal_bases: Vec<Paragraph>,
    /// Body text before the first numbered part (introduction, enacting line).
    pub preamble: Vec<Paragraph>,
    pub sections: Vec<Section>,
    /// Closing paragraphs after the last part (`Trên đây là …./.`).
    pub closing: Vec<Paragraph>,
    pub distribution: Option<Distribution>,
    pub signature: Vec<SignatureLine>,
    /// Text after the signature that belongs to no block (website footers of converted files).
    pub trailer: Vec<Paragraph>,
    /// Index of the first document in the same file that this one is a version of (same type and
    /// title), or its own index.
    pub version_of: usize,
}

impl Document {
    /// Type name in upper case, or `CÔNG VĂN` for a document with a `V/v` subject and no type.
    pub fn type_name(&self) -> Option<String> {
        match &self.header.type_name {
            Some(t) => Some(t.as_str().trim_end_matches(':').trim().to_string()),
            None if self.header.title_is_subject => Some("CÔNG VĂN".to_string()),
            None => None,
        }
    }

    pub fn title(&self) -> Option<&str> {
        self.header.title.as_ref().map(Paragraph::as_str)
    }

    pub fn is_draft(&self) -> bool {
        self.header.draft.is_some()
    }

    /// A form template rather than a document (`TÊN CƠ QUAN`, `Số: ……/QĐ-…`): appendices of
    /// decrees carry such forms, with the same header layout and placeholders for every field.
    pub fn is_template(&self) -> bool {
        let h = &self.header;
        let placeholder = |p: &Paragraph| {
            let t = p.as_str();
            t.contains('…') || t.contains("....") || t.contains("___")
        };
        h.symbol.as_ref().is_some_and(|s| placeholder(&s.line))
            || h.place_date.as_ref().is_some_and(|d| placeholder(&d.line))
            || [h.parent_body.as_ref(), h.issuing_body.as_ref()]
                .into_iter()
                .flatten()
                .any(|p| {
                    crate::text::fold(p.as_str()).contains("ten co quan")
                        || crate::text::fold(p.as_str()).contains("ten to chuc")
                        || placeholder(p)
                })
    }

    /// All sections depth first.
    pub fn all_sections(&self) -> Walk<'_> {
        Walk {
            stack: vec![self.sections.iter()],
        }
    }

    /// Finds a section by numbering path (`III.3`).
    pub fn section(&self, number: &str) -> Option<&Section> {
        self.all_sections().find(|s| s.number == number)
    }
}
