//! `rasoat outline`: text and JSON views of parsed documents.
//!
//! The JSON field names are a contract (scripts and later commands rely on them): extend, never
//! rename.

use std::io::{self, Write};

use serde::Serialize;

use crate::outline::MarkerKind;
use crate::outline::amend::Amendment;
use crate::outline::model::{
    Attachment, AttachmentKind, Document, Footnote, Paragraph, Section, SignatureLine,
    SignatureRole,
};

#[derive(Serialize)]
pub struct OutlineJson<'a> {
    pub path: String,
    pub documents: Vec<DocumentJson<'a>>,
}

#[derive(Serialize)]
pub struct TextJson<'a> {
    pub text: &'a str,
    pub line: u32,
    /// Quoted from another document (only written when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub quoted: bool,
}

fn field(p: &Paragraph) -> TextJson<'_> {
    TextJson {
        text: p.as_str(),
        line: p.line(),
        quoted: p.quoted,
    }
}

#[derive(Serialize)]
pub struct SymbolJson<'a> {
    pub text: &'a str,
    pub value: &'a str,
    pub number: Option<&'a str>,
    pub year: Option<&'a str>,
    pub type_code: Option<&'a str>,
    pub agency: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub line: u32,
}

#[derive(Serialize)]
pub struct DateJson<'a> {
    pub text: &'a str,
    pub place: Option<&'a str>,
    pub day: Option<&'a str>,
    pub month: Option<&'a str>,
    pub year: Option<&'a str>,
    pub line: u32,
}

#[derive(Serialize)]
pub struct HeaderJson<'a> {
    pub parent_body: Option<TextJson<'a>>,
    pub issuing_body: Option<TextJson<'a>>,
    pub national_title: Option<TextJson<'a>>,
    pub motto: Option<TextJson<'a>>,
    pub symbol: Option<SymbolJson<'a>>,
    pub place_date: Option<DateJson<'a>>,
    pub draft_mark: Option<TextJson<'a>>,
    pub marks: Vec<TextJson<'a>>,
    /// Header lines that are no known field.
    pub other: Vec<TextJson<'a>>,
    pub type_name: Option<TextJson<'a>>,
    pub title: Option<TextJson<'a>>,
    /// `(Ban hành kèm theo Quyết định số …)`.
    pub issued_with: Option<TextJson<'a>>,
}

#[derive(Serialize)]
pub struct SectionJson<'a> {
    pub number: &'a str,
    pub label: &'a str,
    /// `"letter"`, or `{"arabic": depth}` for Arabic numbers (kept as it was first written).
    pub kind: MarkerKind,
    /// The kind as a string always (`"arabic"` for `{"arabic": 2}`).
    pub kind_name: &'static str,
    /// The depth of an Arabic number (`1.2.` is 2); absent for other kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<u8>,
    pub ordinal: Option<u32>,
    pub title: &'a str,
    pub line: u32,
    pub end_line: u32,
    pub paragraphs: Vec<TextJson<'a>>,
    pub children: Vec<SectionJson<'a>>,
    /// Part of a quotation (only written when true): its numbering is not this document's.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub quoted: bool,
    /// What an amending instruction amends (only written for instructions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amends: Option<&'a Amendment>,
}

#[derive(Serialize)]
pub struct SignatureJson<'a> {
    pub role: SignatureRole,
    pub prefix: Option<&'a str>,
    pub text: &'a str,
    pub line: u32,
}

#[derive(Serialize)]
pub struct DocumentJson<'a> {
    pub index: usize,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub symbol: Option<&'a str>,
    pub draft: bool,
    /// A form template (placeholders instead of values); not checked by rules.
    pub template: bool,
    /// An administrative document (it has a thể thức); other texts (articles, notes) are checked
    /// only by the rules for any text.
    pub administrative: bool,
    /// A document of the Đảng (thể thức of Hướng dẫn 36-HD/VPTW): rules on forms that only
    /// Nghị định 30 prescribes do not run on it.
    pub party: bool,
    /// A document of the Quốc hội or its Ủy ban Thường vụ (`…/NQ-UBTVQH15`): the rules on its
    /// closing and bases that follow Nghị định 30 do not run on it.
    pub assembly: bool,
    pub title: Option<&'a str>,
    pub version_of: usize,
    pub first_line: u32,
    pub last_line: u32,
    pub header: HeaderJson<'a>,
    pub addressees: Vec<TextJson<'a>>,
    pub legal_bases: Vec<TextJson<'a>>,
    pub preamble: Vec<TextJson<'a>>,
    pub sections: Vec<SectionJson<'a>>,
    pub closing: Vec<TextJson<'a>>,
    pub distribution_heading: Option<TextJson<'a>>,
    pub recipients: Vec<TextJson<'a>>,
    pub archive: Vec<&'a str>,
    pub archive_line: Option<TextJson<'a>>,
    pub signature: Vec<SignatureJson<'a>>,
    /// What the document carries after its signature (Phụ lục, Quy chế, forms…).
    pub attachments: Vec<AttachmentJson<'a>>,
    pub footnotes: Vec<FootnoteJson<'a>>,
    /// Every non-empty block in reading order, as the one walk of the document
    /// (`Document::blocks`) yields it: the document's own, then each attachment's, then the
    /// footnotes and what follows the document. A block added to the model appears here.
    pub blocks: Vec<BlockJson<'a>>,
}

#[derive(Serialize)]
pub struct BlockJson<'a> {
    /// `header`, `addressees`, `legal-bases`, `preamble`, `section`, `closing`,
    /// `distribution`, `signature`, `footnotes`, `trailer`.
    pub block: crate::outline::Block,
    /// Its Vietnamese name (`Căn cứ`; in an attachment, `Tiêu đề` for its heading).
    pub label: &'static str,
    /// The key of the attachment it belongs to (`PL1`), `null` for the document's own.
    pub attachment: Option<&'a str>,
    /// Its paragraphs (for `section`: its top-level numbered parts).
    pub count: usize,
    /// The line of its first paragraph or part.
    pub first_line: u32,
}

fn blocks_json(d: &Document) -> Vec<BlockJson<'_>> {
    d.blocks()
        .iter()
        .map(|b| BlockJson {
            block: b.block,
            label: if b.attachment.is_some() {
                b.block.label_in_attachment()
            } else {
                b.block.label()
            },
            attachment: b.attachment.map(|a| a.tag.key.as_str()),
            count: if b.block == crate::outline::Block::Section {
                b.sections.len()
            } else {
                b.paragraphs.len()
            },
            first_line: b
                .paragraphs
                .iter()
                .map(|p| p.line())
                .chain(b.sections.iter().map(|s| s.heading.line()))
                .filter(|&l| l > 0)
                .min()
                .unwrap_or(0),
        })
        .collect()
}

#[derive(Serialize)]
pub struct FootnoteJson<'a> {
    pub mark: &'a str,
    pub text: &'a str,
    pub line: u32,
}

#[derive(Serialize)]
pub struct AttachmentJson<'a> {
    pub index: usize,
    /// The prefix of its numbering paths (`PL1` in `PL1/Điều 5.2`).
    pub key: &'a str,
    /// As a reader cites it: `Phụ lục I`, `Quy chế`, `Mẫu số 01`.
    pub name: &'a str,
    pub kind: AttachmentKind,
    pub label: TextJson<'a>,
    pub title: Option<TextJson<'a>>,
    pub issued_with: Option<TextJson<'a>>,
    /// A form to fill in.
    pub template: bool,
    pub first_line: u32,
    pub last_line: u32,
    /// Header lines it repeats (issuing body, Quốc hiệu, a form's placeholders).
    pub header: HeaderJson<'a>,
    pub addressees: Vec<TextJson<'a>>,
    pub legal_bases: Vec<TextJson<'a>>,
    pub preamble: Vec<TextJson<'a>>,
    pub sections: Vec<SectionJson<'a>>,
    pub closing: Vec<TextJson<'a>>,
    pub distribution_heading: Option<TextJson<'a>>,
    pub recipients: Vec<TextJson<'a>>,
    pub signature: Vec<SignatureJson<'a>>,
    /// Text after its signature (a form's notes).
    pub notes: Vec<TextJson<'a>>,
}

fn section_json(s: &Section) -> SectionJson<'_> {
    SectionJson {
        quoted: s.is_quoted(),
        amends: s.amends.as_ref(),
        number: s.number(),
        label: &s.label,
        kind: s.kind,
        kind_name: s.kind.name(),
        depth: s.kind.depth(),
        ordinal: s.ordinal,
        title: s.title.as_str(),
        line: s.line(),
        end_line: s.end_line(),
        paragraphs: s.paragraphs.iter().map(field).collect(),
        children: s.children.iter().map(section_json).collect(),
    }
}

fn header_json(h: &crate::outline::Header) -> HeaderJson<'_> {
    HeaderJson {
        parent_body: h.parent_body.as_ref().map(field),
        issuing_body: h.issuing_body.as_ref().map(field),
        national_title: h.national_title.as_ref().map(field),
        motto: h.motto.as_ref().map(field),
        symbol: h.symbol.as_ref().map(|s| SymbolJson {
            text: s.line.as_str(),
            value: &s.value,
            number: s.number.as_deref(),
            year: s.year.as_deref(),
            type_code: s.type_code.as_deref(),
            agency: s.agency.as_deref(),
            unit: s.unit.as_deref(),
            line: s.line.line(),
        }),
        place_date: h.place_date.as_ref().map(|p| DateJson {
            text: p.line.as_str(),
            place: p.place.as_deref(),
            day: p.day.as_deref(),
            month: p.month.as_deref(),
            year: p.year.as_deref(),
            line: p.line.line(),
        }),
        draft_mark: h.draft.as_ref().map(field),
        marks: h.marks.iter().map(field).collect(),
        other: h.other.iter().map(field).collect(),
        type_name: h.type_name.as_ref().map(field),
        title: h.title.as_ref().map(field),
        issued_with: h.issued_with.as_ref().map(field),
    }
}

fn signature_json(lines: &[SignatureLine]) -> Vec<SignatureJson<'_>> {
    lines
        .iter()
        .map(|s| SignatureJson {
            role: s.role,
            prefix: s.prefix.as_deref(),
            text: s.text.as_str(),
            line: s.text.line(),
        })
        .collect()
}

fn attachment_json(a: &Attachment) -> AttachmentJson<'_> {
    let c = &a.content;
    AttachmentJson {
        index: a.tag.index,
        key: &a.tag.key,
        name: &a.tag.name,
        kind: a.kind,
        label: field(&a.label),
        title: a.title.as_ref().map(field),
        issued_with: a.issued_with.as_ref().map(field),
        template: a.template,
        first_line: a.first_line(),
        last_line: a.last_line(),
        header: header_json(&c.header),
        addressees: c.addressees.iter().map(field).collect(),
        legal_bases: c.legal_bases.iter().map(field).collect(),
        preamble: c.body.preamble.iter().map(field).collect(),
        sections: c.body.sections.iter().map(section_json).collect(),
        closing: c.body.closing.iter().map(field).collect(),
        distribution_heading: c.distribution.as_ref().map(|x| field(&x.heading)),
        recipients: c
            .distribution
            .as_ref()
            .map(|x| x.items.iter().map(field).collect())
            .unwrap_or_default(),
        signature: signature_json(&c.signature),
        notes: c.trailer.iter().map(field).collect(),
    }
}

fn footnote_json(f: &Footnote) -> FootnoteJson<'_> {
    FootnoteJson {
        mark: &f.mark,
        text: f.text.as_str(),
        line: f.text.line(),
    }
}

pub fn document_json(d: &Document) -> DocumentJson<'_> {
    let h = &d.header;
    DocumentJson {
        index: d.index,
        type_name: d.type_name(),
        symbol: h.symbol.as_ref().map(|s| s.value.as_str()),
        draft: d.is_draft(),
        template: d.is_template(),
        administrative: d.is_administrative(),
        party: d.is_administrative() && d.is_party(),
        assembly: d.is_administrative() && d.is_assembly(),
        title: d.title(),
        version_of: d.version_of,
        first_line: d.first_line,
        last_line: d.last_line,
        header: header_json(h),
        addressees: d.addressees.iter().map(field).collect(),
        legal_bases: d.legal_bases.iter().map(field).collect(),
        preamble: d.body.preamble.iter().map(field).collect(),
        sections: d.body.sections.iter().map(section_json).collect(),
        closing: d.body.closing.iter().map(field).collect(),
        distribution_heading: d.distribution.as_ref().map(|x| field(&x.heading)),
        recipients: d
            .distribution
            .as_ref()
            .map(|x| x.items.iter().map(field).collect())
            .unwrap_or_default(),
        archive: d
            .distribution
            .as_ref()
            .map(|x| x.archive_units.iter().map(String::as_str).collect())
            .unwrap_or_default(),
        archive_line: d
            .distribution
            .as_ref()
            .and_then(|x| x.archive.as_ref())
            .map(field),
        signature: signature_json(&d.signature),
        attachments: d.attachments.iter().map(attachment_json).collect(),
        footnotes: d.footnotes.iter().map(footnote_json).collect(),
        blocks: blocks_json(d),
    }
}

/// Writes the JSON outline of `documents`.
pub fn write_json(out: &mut dyn Write, path: &str, documents: &[&Document]) -> io::Result<()> {
    let json = OutlineJson {
        path: path.to_string(),
        documents: documents.iter().map(|d| document_json(d)).collect(),
    };
    super::write_pretty_json(out, &json)
}

/// Shortens `text` to at most `max` characters, ending with `…` when cut.
pub fn ellipsize(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Writes a human-readable outline: header fields, then the numbered parts as an indented tree
/// (bullets only with `show_bullets`), then Nơi nhận and the signature.
pub fn write_text(
    out: &mut dyn Write,
    path: &str,
    documents: &[&Document],
    show_bullets: bool,
) -> io::Result<()> {
    for (k, d) in documents.iter().enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        let h = &d.header;
        let kind = match d.type_name() {
            Some(kind) => kind,
            None if d.is_administrative() => "(không rõ loại)".into(),
            None => {
                "(không phải văn bản hành chính: chỉ kiểm tra chính tả, dấu câu, ngày tháng)".into()
            }
        };
        let mut heading = format!("{path}#{}  {kind}", d.index);
        if let Some(s) = &h.symbol {
            heading.push_str(&format!("  {}", s.value));
        }
        if d.is_draft() {
            heading.push_str("  [DỰ THẢO]");
        }
        heading.push_str(&format!("  (dòng {}–{})", d.first_line, d.last_line));
        writeln!(out, "{heading}")?;
        if d.version_of != d.index {
            writeln!(out, "  Phiên bản của:   #{}", d.version_of)?;
        }
        let line_of = |p: &Paragraph| format!("  :{}", p.line());
        if let Some(p) = &h.parent_body {
            writeln!(out, "  Cơ quan chủ quản: {}{}", p.as_str(), line_of(p))?;
        }
        if let Some(p) = &h.issuing_body {
            writeln!(out, "  Cơ quan ban hành: {}{}", p.as_str(), line_of(p))?;
        }
        if let Some(s) = &h.symbol {
            let mut parts = Vec::new();
            if let Some(n) = &s.number {
                parts.push(format!("số {n}"));
            } else {
                parts.push("số để trống".to_string());
            }
            if let Some(t) = &s.type_code {
                parts.push(format!("loại {t}"));
            }
            if let Some(a) = &s.agency {
                parts.push(format!("cơ quan {a}"));
            }
            if let Some(u) = &s.unit {
                parts.push(format!("đơn vị {u}"));
            }
            writeln!(
                out,
                "  Số, ký hiệu:      {} ({}){}",
                s.line.as_str(),
                parts.join(", "),
                line_of(&s.line)
            )?;
        }
        if let Some(p) = &h.place_date {
            writeln!(
                out,
                "  Địa danh, ngày:   {}{}",
                p.line.as_str(),
                line_of(&p.line)
            )?;
        }
        if let Some(p) = &h.title {
            writeln!(
                out,
                "  Trích yếu:        {}{}",
                ellipsize(p.as_str(), 90),
                line_of(p)
            )?;
        }
        if !d.addressees.is_empty() {
            writeln!(out, "  Kính gửi:         {} nơi", d.addressees.len())?;
        }
        for b in &d.legal_bases {
            writeln!(
                out,
                "  Căn cứ:           {}{}",
                ellipsize(b.as_str(), 90),
                line_of(b)
            )?;
        }
        if !d.body.sections.is_empty() {
            writeln!(out, "  Bố cục:")?;
            for s in &d.body.sections {
                write_section(out, s, 2, show_bullets)?;
            }
        }
        if let Some(x) = &d.distribution {
            writeln!(
                out,
                "  {}  {} nơi nhận; Lưu: {}{}",
                x.heading.as_str(),
                x.items.len(),
                if x.archive_units.is_empty() {
                    "(không có)".to_string()
                } else {
                    x.archive_units.join(", ")
                },
                line_of(&x.heading)
            )?;
        }
        if !d.signature.is_empty() {
            let lines: Vec<&str> = d.signature.iter().map(|s| s.text.as_str()).collect();
            writeln!(out, "  Chữ ký:           {}", lines.join(" / "))?;
        }
        for a in &d.attachments {
            write_attachment(out, a, show_bullets)?;
        }
        if !d.footnotes.is_empty() {
            writeln!(out, "  Chú thích cuối trang: {}", d.footnotes.len())?;
        }
    }
    Ok(())
}

/// An attachment: its name and key, label and title, lines, then its parts.
fn write_attachment(out: &mut dyn Write, a: &Attachment, show_bullets: bool) -> io::Result<()> {
    let mut heading = format!("  {} [{}]", a.tag.name, a.tag.key);
    let label = a.label.as_str();
    if !label.is_empty() && crate::text::fold(label) != crate::text::fold(&a.tag.name) {
        heading.push_str(&format!(": {}", ellipsize(label, 60)));
    }
    if let Some(t) = &a.title {
        heading.push_str(&format!(" — {}", ellipsize(t.as_str(), 70)));
    }
    if a.template {
        heading.push_str("  [MẪU]");
    }
    heading.push_str(&format!("  (dòng {}–{})", a.first_line(), a.last_line()));
    writeln!(out, "{heading}")?;
    if let Some(k) = &a.issued_with {
        writeln!(
            out,
            "    Kèm theo:       {}{}",
            ellipsize(k.as_str(), 90),
            format_args!("  :{}", k.line())
        )?;
    }
    for s in &a.content.body.sections {
        write_section(out, s, 2, show_bullets)?;
    }
    Ok(())
}

fn write_section(
    out: &mut dyn Write,
    s: &Section,
    depth: usize,
    show_bullets: bool,
) -> io::Result<()> {
    if s.kind.is_bullet() && !show_bullets {
        return Ok(());
    }
    let indent = "  ".repeat(depth);
    // A quoted part is shown with its quotation mark: its numbering is another document's.
    let label = if s.is_quoted() {
        format!("“{}", s.label)
    } else {
        s.label.clone()
    };
    writeln!(
        out,
        "{indent}{:<6} {}  :{}",
        label,
        ellipsize(s.title.as_str(), 80usize.saturating_sub(depth * 2)),
        s.line()
    )?;
    for c in &s.children {
        write_section(out, c, depth + 1, show_bullets)?;
    }
    Ok(())
}
