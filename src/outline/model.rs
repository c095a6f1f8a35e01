//! The outline of a document as a reviewer reads it. Every node keeps its source text with
//! original positions, so later stages can point at the user's real lines.

use crate::document::mapped::MappedText;

use super::marker::MarkerKind;
use super::place::{AttachmentTag, NumberPath};

/// A run of text (one header field, one paragraph) with its original positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    pub text: MappedText,
    /// Text quoted from another document (or the replacement text of an amendment): compared and
    /// spell-checked like any text, but not this document's own structure.
    pub quoted: bool,
}

impl Paragraph {
    pub fn new(text: MappedText) -> Self {
        Self {
            text,
            quoted: false,
        }
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
    /// `(Ban hành kèm theo Quyết định số …)`: the document was issued with another one.
    pub issued_with: Option<Paragraph>,
    /// Lines in the header zone that are none of the above (a form number, stray converted
    /// text), kept so that no text of the document is lost to comparison and rules.
    pub other: Vec<Paragraph>,
}

impl Header {
    /// Every paragraph of the header (in field order; [`Document::blocks`] sorts them into
    /// reading order).
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        [
            self.parent_body.as_ref(),
            self.issuing_body.as_ref(),
            self.national_title.as_ref(),
            self.motto.as_ref(),
            self.symbol.as_ref().map(|s| &s.line),
            self.place_date.as_ref().map(|d| &d.line),
            self.draft.as_ref(),
            self.type_name.as_ref(),
            self.title.as_ref(),
            self.issued_with.as_ref(),
        ]
        .into_iter()
        .flatten()
        .chain(&self.marks)
        .chain(&self.other)
    }

    /// Whether any field was recognised.
    pub fn is_empty(&self) -> bool {
        self.paragraphs().next().is_none()
    }

    /// Whether this is a văn bản hợp nhất (`Số: 92/VBHN-BQP`): it keeps the type line of the act
    /// it consolidates and reproduces the final provisions of each amending act.
    pub fn is_consolidated(&self) -> bool {
        self.symbol
            .as_ref()
            .and_then(|s| s.type_code.as_deref())
            .is_some_and(|c| c.eq_ignore_ascii_case("VBHN"))
    }

    /// A form's header: placeholders instead of a body's name, a number or a date
    /// (`TÊN CƠ QUAN`, `Số: ……/QĐ-…`).
    pub fn is_template(&self) -> bool {
        // `Số: …/QĐ-…`, `(Tên địa phương), ngày ... tháng ... năm...`, `[Tên cơ quan]`.
        let placeholder = |p: &Paragraph| {
            let t = p.as_str();
            let folded = crate::text::fold(t);
            t.contains('…')
                || t.contains("...")
                || t.contains("___")
                || folded.contains("(ten ")
                || folded.contains("[ten ")
        };
        self.symbol.as_ref().is_some_and(|s| placeholder(&s.line))
            || self.place_date.as_ref().is_some_and(|d| {
                // A draft leaves the day and month blank but has its year; a form leaves all.
                placeholder(&d.line)
                    || d.year.is_none() && !d.line.as_str().contains(|c: char| c.is_ascii_digit())
            })
            || [self.parent_body.as_ref(), self.issuing_body.as_ref()]
                .into_iter()
                .flatten()
                .any(|p| {
                    let folded = crate::text::fold(p.as_str());
                    folded.contains("ten co quan")
                        || folded.contains("ten to chuc")
                        || placeholder(p)
                })
    }
}

/// A numbered or bulleted part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: MarkerKind,
    /// The marker as written: `II.`, `đ)`, `-`, `Điều 5.`.
    pub label: String,
    /// Numbering path: `II.2.đ`, `Điều 5.2.a`; bullets add `-N` / `+N` to their parent's path;
    /// parts of an attachment start with its key (`PL1/Điều 5`).
    pub path: NumberPath,
    /// Position in its numbering sequence; `None` for bullets.
    pub ordinal: Option<u32>,
    /// The heading paragraph without its marker.
    pub title: Paragraph,
    /// The heading paragraph with its marker, as written.
    pub heading: Paragraph,
    /// Paragraphs after the heading that are not themselves numbered or bulleted.
    pub paragraphs: Vec<Paragraph>,
    pub children: Vec<Section>,
    /// The quotation (numbered in the document from 1) this part is in: a khoản of another
    /// document quoted in a letter, or the replacement text of an amendment. Its numbering is a
    /// sequence of its own, apart from this document's.
    pub quote: Option<u32>,
    /// What this part amends when it is an amending instruction (`1. Sửa đổi, bổ sung khoản 2
    /// Điều 5 như sau:`); its replacement text is a quotation.
    pub amends: Option<super::amend::Amendment>,
    /// The table cell its heading is in, counted by the rules (`|`, `---`) before it in its body:
    /// a list in a cell of a table is numbered apart from the list in the cell before.
    pub cell: u32,
}

impl Section {
    /// The numbering path as text (`II.2.đ`).
    pub fn number(&self) -> &str {
        self.path.as_str()
    }

    pub fn is_quoted(&self) -> bool {
        self.quote.is_some()
    }

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
    /// The drafter's initials written after the Lưu line's full stop (`Ha` in
    /// `Lưu: VT, CN (2). Ha`), allowed by Phụ lục I.
    pub archive_note: Option<Paragraph>,
    /// Archive units from the Lưu line: `Lưu: VT, VX (02b).` → `["VT", "VX"]`.
    pub archive_units: Vec<String>,
}

impl Distribution {
    /// The recipients that stand for themselves: not the heading of a sub-list (`- VP UBND
    /// tỉnh:` over `+ LĐVP, KGVX;`), which rightly ends with a colon.
    pub fn recipients(&self) -> impl Iterator<Item = &Paragraph> {
        self.items.iter().enumerate().filter_map(|(i, item)| {
            let heads_sublist = item.as_str().trim_end_matches(['*', ' ']).ends_with(':')
                && self
                    .items
                    .get(i + 1)
                    .or(self.archive.as_ref())
                    .is_some_and(|next| next.as_str().starts_with('+'));
            (!heads_sublist).then_some(item)
        })
    }
}

impl Symbol {
    /// Whether the line is the Số line of a header: `Số: 15/QĐ-UBND` (or blank in a draft,
    /// `Số:     /KH-UBND`), alone or with the place and date a flattened table put beside it. A
    /// sentence that mentions a number (`Số 485/GP-BTTTT do Bộ … cấp`) or an address (`số 1/126
    /// An Đà`) is not.
    pub fn is_header_line(&self) -> bool {
        let text = self.line.as_str().trim_start_matches(['*', '_', '|', ' ']);
        if !text.starts_with(['S']) || self.code_parts.is_empty() || !self.value.contains('/') {
            return false;
        }
        let after_number = text
            .split_once(|c: char| c.is_ascii_digit() || c == '/')
            .map_or("", |(_, rest)| rest);
        let words = after_number.split_whitespace().skip(1);
        words
            .clone()
            .next()
            .is_none_or(|_| crate::text::fold(after_number).contains(", ngay"))
    }
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
    /// Preamble, numbered parts and closing paragraphs.
    pub body: Body,
    pub distribution: Option<Distribution>,
    pub signature: Vec<SignatureLine>,
    /// What the document carries after its signature: Phụ lục, Quy chế, Danh mục, forms…
    pub attachments: Vec<Attachment>,
    /// Footnotes: of a .docx, or the numbered notes of a consolidated text.
    pub footnotes: Vec<Footnote>,
    /// Text after the signature that belongs to no block (website footers of converted files).
    pub trailer: Vec<Paragraph>,
    /// Index of the first document in the same file that this one is a version of (same type and
    /// title), or its own index.
    pub version_of: usize,
}

impl Document {
    /// Type name in upper case, or `CÔNG VĂN` for a document with a `V/v` subject and no type.
    pub fn type_name(&self) -> Option<String> {
        super::header_type_name(&self.header)
    }

    pub fn title(&self) -> Option<&str> {
        self.header.title.as_ref().map(Paragraph::as_str)
    }

    pub fn is_draft(&self) -> bool {
        self.header.draft.is_some()
    }

    /// Whether the text is an administrative document: it carries at least one element of the
    /// thể thức that only such a document has (the Quốc hiệu or the party's header, a Số line with
    /// its ký hiệu, a type line, Nơi nhận). A web article, an encyclopedia page or notes have
    /// none; rules on the thể thức of a document (Nghị định 30) do not apply to them. A place and
    /// date alone (`Hà Nội, ngày 5 tháng 3 năm 2020` opens many articles) or `Số 5, phố …` (an
    /// address) are not enough.
    pub fn is_administrative(&self) -> bool {
        let h = &self.header;
        h.national_title.is_some()
            || h.symbol.as_ref().is_some_and(Symbol::is_header_line)
            || h.type_name.is_some()
            || self.distribution.is_some()
    }

    /// A document of the Đảng: headed `ĐẢNG CỘNG SẢN VIỆT NAM` in place of the Quốc hiệu, or
    /// numbered the party's way (`Số 1147-QĐ/BTGDVTW`: the number, a hyphen, the type code, then
    /// the issuing body). Its thể thức follows Hướng dẫn 36-HD/VPTW rather than Nghị định 30.
    pub fn is_party(&self) -> bool {
        let h = &self.header;
        h.national_title
            .as_ref()
            .is_some_and(|t| crate::text::fold(t.as_str()).starts_with("dang cong san"))
            || h.symbol.as_ref().is_some_and(|s| {
                let (number, rest) = s.value.split_at(
                    s.value
                        .find(|c: char| !c.is_ascii_digit())
                        .unwrap_or(s.value.len()),
                );
                !number.is_empty()
                    && rest
                        .strip_prefix('-')
                        .and_then(|r| r.split_once('/'))
                        .is_some_and(|(code, body)| {
                            !code.is_empty()
                                && !body.is_empty()
                                && code.chars().all(|c| c.is_uppercase())
                        })
            })
    }

    /// A document of the Quốc hội or its Ủy ban Thường vụ: numbered `…/QH15`, `…/NQ-UBTVQH15`,
    /// or issued by `QUỐC HỘI` / `ỦY BAN THƯỜNG VỤ QUỐC HỘI`. Their laws and resolutions close
    /// with the adoption formula (`… thông qua ngày 16 tháng 6 năm 2025.`) and end their bases
    /// with a comma before `QUYẾT NGHỊ:`, the Quốc hội's own way rather than Nghị định 30's.
    pub fn is_assembly(&self) -> bool {
        let h = &self.header;
        let numbered = h.symbol.as_ref().is_some_and(|s| {
            s.value.rsplit('/').next().is_some_and(|body| {
                let code = body.rsplit('-').next().unwrap_or(body);
                let digits = code.trim_start_matches(|c: char| c.is_ascii_uppercase());
                let letters = &code[..code.len() - digits.len()];
                matches!(letters, "QH" | "UBTVQH")
                    && !digits.is_empty()
                    && digits.chars().all(|c| c.is_ascii_digit())
            })
        });
        let issued = h.issuing_body.as_ref().is_some_and(|b| {
            matches!(
                crate::text::fold(b.as_str()).as_str(),
                "quoc hoi" | "uy ban thuong vu quoc hoi"
            )
        });
        numbered || issued
    }

    /// A form template rather than a document (`TÊN CƠ QUAN`, `Số: ……/QĐ-…`): appendices of
    /// decrees carry such forms, with the same header layout and placeholders for every field.
    pub fn is_template(&self) -> bool {
        self.header.is_template()
    }

    /// The sections of the document's own body, depth first (not those of its attachments).
    pub fn all_sections(&self) -> Walk<'_> {
        self.body.all_sections()
    }

    /// Finds a section of the body or of an attachment by numbering path (`III.3`, `PL1/Điều 2`).
    pub fn section(&self, number: &str) -> Option<&Section> {
        self.all_sections()
            .chain(
                self.attachments
                    .iter()
                    .flat_map(|a| a.content.all_sections()),
            )
            .find(|s| s.number() == number)
    }
}

/// The text of a body: before the numbered parts, the parts, after them. A document has one; so
/// has each attachment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Text before the first numbered part (introduction, enacting line).
    pub preamble: Vec<Paragraph>,
    pub sections: Vec<Section>,
    /// Closing paragraphs after the last part (`Trên đây là …./.`).
    pub closing: Vec<Paragraph>,
}

impl Body {
    /// All sections depth first.
    pub fn all_sections(&self) -> Walk<'_> {
        Walk {
            stack: vec![self.sections.iter()],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.preamble.is_empty() && self.sections.is_empty() && self.closing.is_empty()
    }
}

/// What an attachment is, from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttachmentKind {
    /// Phụ lục.
    Appendix,
    /// Quy chế.
    Regulation,
    /// Quy định.
    Rules,
    /// Điều lệ.
    Charter,
    /// Hướng dẫn.
    Guide,
    /// Kế hoạch.
    Plan,
    /// Chương trình.
    Programme,
    /// Đề án, Phương án, Dự án.
    Scheme,
    /// Danh mục.
    List,
    /// Bảng, Biểu: a table of figures.
    Table,
    /// Mẫu: a form to fill in.
    Form,
    /// Anything else issued with the document (a heading of its own and a `kèm theo` line).
    Other,
}

/// A part issued with the document, after its signature: a Phụ lục, a Quy chế, a Danh mục, a
/// form. It has its own heading and its own outline; its numbering paths start with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub kind: AttachmentKind,
    /// Position among the document's attachments, key and name.
    pub tag: AttachmentTag,
    /// The label line: `PHỤ LỤC I`, `QUY CHẾ`, `Mẫu số 01`.
    pub label: Paragraph,
    /// The title under the label.
    pub title: Option<Paragraph>,
    /// `(Ban hành kèm theo Quyết định số … ngày … của …)`.
    pub issued_with: Option<Paragraph>,
    /// A form to fill in: blanks and numbered notes are intended.
    pub template: bool,
    /// What the attachment holds, read as a document: a header it repeats (a Quy chế under the
    /// issuing body and Quốc hiệu, a form's placeholders), a form's Kính gửi, its parts, a Nơi
    /// nhận and signature of its own, notes after them. Its own `attachments` stay empty: what
    /// follows it is the next attachment of the document.
    pub content: Document,
}

impl Attachment {
    /// The paragraphs of its heading: the label, the title, the `kèm theo` line.
    pub fn heading_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        std::iter::once(&self.label)
            .filter(|l| !l.text.is_empty())
            .chain(&self.title)
            .chain(&self.issued_with)
    }

    /// First original line of the attachment (its heading or a header it repeats above it).
    pub fn first_line(&self) -> u32 {
        [self.label.line(), self.content.first_line]
            .into_iter()
            .filter(|&l| l > 0)
            .min()
            .unwrap_or(0)
    }

    /// Last original line of the attachment.
    pub fn last_line(&self) -> u32 {
        self.heading_paragraphs()
            .map(Paragraph::end_line)
            .chain(std::iter::once(self.content.last_line))
            .max()
            .unwrap_or(0)
    }
}

/// A footnote: its mark (`1`, `[9]`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub mark: String,
    pub text: Paragraph,
}
