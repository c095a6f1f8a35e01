//! Reading Word documents (.docx) without any converter: the text a reader sees, as lines the
//! outline parser reads like any text file.
//!
//! Pure: takes the file's bytes, returns text or a [`DocxError`]; the caller names the file. A
//! .docx is untrusted input: the archive's entry count and decompressed size are capped (zip
//! bombs), encrypted files are refused, entities are never expanded (only the five predefined
//! ones and character references are resolved), and malformed XML is an error, never a panic.
//!
//! Positions: each paragraph of the body is one line of the text view, in reading order (table
//! cells included), and a manual line break inside a paragraph starts a new line. Line N of a
//! finding in a .docx is line N of that view, which `rasoat text FILE.docx` prints.
//!
//! Footnotes and endnotes (`word/footnotes.xml`, `word/endnotes.xml`) follow the body in the
//! same view, so that their lines are addressable too: the body shows each reference where Word
//! shows it, as `[1]` (endnotes `[i]`, Word's default numbering; a custom mark as typed), and
//! after the body's last line come an empty line, a separator line
//! ([`FOOTNOTES_SEPARATOR`], [`ENDNOTES_SEPARATOR`]) and the notes in the order of their
//! references, each starting with its mark (`[1] Luật số …`), one line per paragraph. Only notes
//! referenced in a view are in it: a reference deleted by a tracked change takes its note out of
//! the new view.

mod body;
pub mod numbering;
pub mod styles;
pub mod write;
mod xml;

use std::io::{Cursor, Read};

use thiserror::Error;

use numbering::Numbering;
use styles::Styles;

/// Most entries a .docx may hold; real documents have a few dozen.
pub const MAX_ENTRIES: usize = 10_000;

/// Which side of a document's tracked changes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Revisions {
    /// Every change rejected: the text before this round of edits.
    Old,
    /// Every change accepted: the text after (the default, as Word's "Final" view).
    New,
}

/// The line between the body and its footnotes in the text view.
pub const FOOTNOTES_SEPARATOR: &str = "----- Chú thích cuối trang -----";
/// The line between the body (or its footnotes) and its endnotes in the text view.
pub const ENDNOTES_SEPARATOR: &str = "----- Chú thích cuối văn bản -----";

/// One view of the document: its text (lines joined by `\n`) and, per line, whether it starts a
/// paragraph (`false` for the lines after a manual line break). The first `body_lines` lines are
/// the body; the notes, if any, follow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextView {
    pub text: String,
    pub paragraph_starts: Vec<bool>,
    /// How many lines of `text` are the body.
    pub body_lines: usize,
    /// The footnotes and endnotes after the body, in the order of their references.
    pub notes: Vec<NoteSpan>,
}

/// A footnote or an endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    Footnote,
    Endnote,
}

impl NoteKind {
    /// The mark of the `n`th note: `1`, `2`… for footnotes, `i`, `ii`… for endnotes (Word's
    /// default numbering of each).
    pub fn mark(self, n: u32) -> String {
        match self {
            NoteKind::Footnote => n.to_string(),
            NoteKind::Endnote => lower_roman(n),
        }
    }
}

fn lower_roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Where a note sits in a text view (1-based lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSpan {
    pub kind: NoteKind,
    /// The mark shown at the reference and before the note's text: `1`, `i`, `*`.
    pub mark: String,
    /// The line of the body that holds the reference.
    pub reference_line: u32,
    /// The note's lines: the first starts with `[mark] `.
    pub first_line: u32,
    pub last_line: u32,
}

/// The text of a .docx.
#[derive(Debug, Clone)]
pub struct DocxText {
    /// The body with every tracked change accepted.
    pub new: TextView,
    /// The body with every tracked change rejected, when the document has tracked changes.
    pub old: Option<TextView>,
}

/// Why a .docx could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DocxError {
    #[error(
        "tài liệu được mã hóa hoặc đặt mật khẩu; hãy gỡ mật khẩu trong Word (File > Info) rồi lưu lại"
    )]
    Encrypted,
    #[error("không phải tệp .docx ({0}); hãy lưu văn bản thành .docx từ Word hoặc LibreOffice")]
    NotDocx(String),
    #[error("gói .docx bị hỏng: {0}")]
    Corrupt(String),
    #[error("gói có {count} mục, quá giới hạn {limit} (không phải văn bản Word?)")]
    TooManyEntries { count: usize, limit: usize },
    #[error("{part} giải nén ra hơn {limit} byte (bom zip?); tăng --max-file-size để đọc được")]
    TooLarge { part: String, limit: u64 },
    #[error("XML hỏng trong {part} gần byte {offset}: {message}")]
    Xml {
        part: String,
        offset: u64,
        message: String,
    },
    #[error("{part} không phải XML UTF-8 hợp lệ")]
    NotUtf8 { part: String },
    #[error("văn bản không có chữ nào")]
    NoText,
    #[error(
        "{part}: nhãn đánh số tự động của danh sách {num_id}, cấp {level} dài quá {limit} byte (không nhãn thật nào dài như vậy; tệp hỏng hoặc cố ý gây hại?)"
    )]
    LabelTooLong {
        part: String,
        num_id: u32,
        level: usize,
        limit: usize,
    },
    #[error(
        "{part}: các nhãn đánh số tự động dài hơn cả word/document.xml; tệp hỏng hoặc cố ý gây hại?"
    )]
    LabelsTooLarge { part: String },
}

impl DocxError {
    fn xml(part: &str, offset: u64, e: impl std::fmt::Display) -> DocxError {
        DocxError::Xml {
            part: part.to_string(),
            offset,
            message: e.to_string(),
        }
    }
}

/// Reads the body of a .docx from its bytes. `max_decompressed` caps the total size of the XML
/// parts read.
pub fn extract(bytes: &[u8], max_decompressed: u64) -> Result<DocxText, DocxError> {
    // An encrypted Office document is an OLE compound file, whatever its extension.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(DocxError::Encrypted);
    }
    if !bytes.starts_with(b"PK") {
        return Err(DocxError::NotDocx("không có chữ ký zip".to_string()));
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::Corrupt(e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(DocxError::TooManyEntries {
            count: archive.len(),
            limit: MAX_ENTRIES,
        });
    }
    let mut budget = max_decompressed;
    let document = read_part(&mut archive, "word/document.xml", &mut budget)?
        .ok_or_else(|| DocxError::NotDocx("trong gói không có word/document.xml".to_string()))?;
    let numbering = read_part(&mut archive, "word/numbering.xml", &mut budget)?;
    let styles = read_part(&mut archive, "word/styles.xml", &mut budget)?;
    let footnotes = read_part(&mut archive, FOOTNOTES_PART, &mut budget)?;
    let endnotes = read_part(&mut archive, ENDNOTES_PART, &mut budget)?;
    read_all_parts(
        &document,
        numbering.as_deref(),
        styles.as_deref(),
        footnotes.as_deref(),
        endnotes.as_deref(),
    )
}

const FOOTNOTES_PART: &str = "word/footnotes.xml";
const ENDNOTES_PART: &str = "word/endnotes.xml";

/// Reads the body from the XML of its parts (`word/document.xml`, and `numbering.xml` and
/// `styles.xml` when the package has them).
pub fn read_parts(
    document: &str,
    numbering: Option<&str>,
    styles: Option<&str>,
) -> Result<DocxText, DocxError> {
    read_all_parts(document, numbering, styles, None, None)
}

/// Reads the body and its notes from the XML of its parts (`word/document.xml`, and
/// `numbering.xml`, `styles.xml`, `footnotes.xml` and `endnotes.xml` when the package has them).
pub fn read_all_parts(
    document: &str,
    numbering: Option<&str>,
    styles: Option<&str>,
    footnotes: Option<&str>,
    endnotes: Option<&str>,
) -> Result<DocxText, DocxError> {
    let numbering = match numbering {
        Some(xml) => Numbering::parse(xml)?,
        None => Numbering::default(),
    };
    let styles = match styles {
        Some(xml) => Styles::parse(xml)?,
        None => Styles::default(),
    };
    let body = body::read(document, &numbering, &styles)?;
    if body.new.text.trim().is_empty() && body.old.text.trim().is_empty() {
        return Err(DocxError::NoText);
    }
    let mut revisions = body.revisions;
    // A notes part is read only when the body refers to it: one nobody refers to is not shown.
    let mut parts: Vec<(NoteKind, Vec<body::NoteText>)> = Vec::new();
    for (kind, part, xml) in [
        (NoteKind::Footnote, FOOTNOTES_PART, footnotes),
        (NoteKind::Endnote, ENDNOTES_PART, endnotes),
    ] {
        let referred = body.refs.iter().flatten().any(|r| r.kind == kind);
        if let (true, Some(xml)) = (referred, xml) {
            let (notes, changed) = body::read_notes(xml, part, kind, &numbering, &styles)?;
            revisions |= changed;
            parts.push((kind, notes));
        }
    }
    let [old_refs, new_refs] = body.refs;
    let mut old = body.old;
    let mut new = body.new;
    append_notes(&mut old, &old_refs, &parts, 0);
    append_notes(&mut new, &new_refs, &parts, 1);
    Ok(DocxText {
        new,
        old: revisions.then_some(old),
    })
}

/// Writes the notes referenced in a view after its body: per kind an empty line, the separator,
/// then each note (`side` 0 is the old view, 1 the new one).
fn append_notes(
    view: &mut TextView,
    refs: &[body::NoteRef],
    parts: &[(NoteKind, Vec<body::NoteText>)],
    side: usize,
) {
    for (kind, notes) in parts {
        let separator = match kind {
            NoteKind::Footnote => FOOTNOTES_SEPARATOR,
            NoteKind::Endnote => ENDNOTES_SEPARATOR,
        };
        let mut seen: Vec<&str> = Vec::new();
        for r in refs.iter().filter(|r| r.kind == *kind) {
            // A note referred to twice is shown once, at its first reference.
            if seen.contains(&r.id.as_str()) {
                continue;
            }
            seen.push(&r.id);
            if seen.len() == 1 {
                push_line(view, "", true);
                push_line(view, separator, true);
            }
            let empty = (Vec::new(), Vec::new());
            let (lines, starts) = notes
                .iter()
                .find(|n| n.id == r.id)
                .map_or(&empty, |n| &n.lines[side]);
            let first_line = view.paragraph_starts.len() as u32 + 1;
            let mut first = true;
            for (line, &start) in lines.iter().zip(starts) {
                if line.trim().is_empty() {
                    continue;
                }
                if first {
                    let line = format!("[{}] {}", r.mark, line.trim_start());
                    push_line(view, &line, true);
                    first = false;
                } else {
                    push_line(view, line, start);
                }
            }
            if first {
                push_line(view, &format!("[{}]", r.mark), true);
            }
            view.notes.push(NoteSpan {
                kind: *kind,
                mark: r.mark.clone(),
                reference_line: r.line as u32 + 1,
                first_line,
                last_line: view.paragraph_starts.len() as u32,
            });
        }
    }
}

fn push_line(view: &mut TextView, line: &str, start: bool) {
    view.text.push('\n');
    view.text.push_str(line);
    view.paragraph_starts.push(start);
}

/// Reads one part, charging its decompressed size to `budget`. `None` when the part is absent.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("assword") => {
            return Err(DocxError::Encrypted);
        }
        Err(e) => return Err(DocxError::Corrupt(format!("{name}: {e}"))),
    };
    if file.encrypted() {
        return Err(DocxError::Encrypted);
    }
    let too_large = || DocxError::TooLarge {
        part: name.to_string(),
        limit: *budget,
    };
    // The declared size is checked first, the real one while reading: a bomb may lie about it.
    if file.size() > *budget {
        return Err(too_large());
    }
    // The declared size is only a hint, and a capped one: it may lie, and the budget may be
    // near 2^64 (`--max-file-size 18446744073709551615`).
    let mut out = Vec::with_capacity(file.size().min(64 << 20) as usize);
    file.take(budget.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| DocxError::Corrupt(format!("{name}: {e}")))?;
    if out.len() as u64 > *budget {
        return Err(too_large());
    }
    *budget -= out.len() as u64;
    String::from_utf8(out)
        .map(Some)
        .map_err(|_| DocxError::NotUtf8 {
            part: name.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn notes_follow_the_body_in_the_order_of_their_references() {
        let document = format!(
            r#"<w:document {W}><w:body>
               <w:p><w:r><w:t>Điều 1.</w:t><w:endnoteReference w:id="1"/></w:r></w:p>
               <w:p><w:r><w:t>Luật</w:t><w:footnoteReference w:id="5"/><w:t xml:space="preserve"> và Nghị định</w:t><w:footnoteReference w:id="3"/></w:r></w:p>
               <w:p><w:r><w:t>Thông tư</w:t><w:footnoteReference w:id="4"/></w:r></w:p>
               </w:body></w:document>"#
        );
        let footnotes = format!(
            r#"<w:footnotes {W}>
               <w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
               <w:footnote w:id="3"><w:p><w:r><w:footnoteRef/><w:t xml:space="preserve"> Nghị định số 59.</w:t></w:r></w:p></w:footnote>
               <w:footnote w:id="5"><w:p><w:r><w:footnoteRef/><w:t xml:space="preserve"> Luật số 10</w:t></w:r></w:p>
                 <w:p/><w:p><w:r><w:t>của Quốc hội.</w:t></w:r></w:p></w:footnote>
               </w:footnotes>"#
        );
        let endnotes = format!(
            r#"<w:endnotes {W}><w:endnote w:id="1"><w:p><w:r><w:t>Ghi chú.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
        );
        let text =
            read_all_parts(&document, None, None, Some(&footnotes), Some(&endnotes)).unwrap();
        assert!(text.old.is_none());
        let view = text.new;
        let lines: Vec<&str> = view.text.split('\n').collect();
        assert_eq!(
            lines,
            [
                "Điều 1.[i]",
                "Luật[1] và Nghị định[2]",
                "Thông tư[3]",
                "",
                FOOTNOTES_SEPARATOR,
                "[1] Luật số 10",
                "của Quốc hội.",
                "[2] Nghị định số 59.",
                // Footnote 4 is referred to but not in the part: its mark alone.
                "[3]",
                "",
                ENDNOTES_SEPARATOR,
                "[i] Ghi chú.",
            ]
        );
        assert_eq!(view.paragraph_starts.len(), lines.len());
        assert_eq!(view.body_lines, 3);
        let spans: Vec<(NoteKind, &str, u32, u32, u32)> = view
            .notes
            .iter()
            .map(|n| {
                (
                    n.kind,
                    n.mark.as_str(),
                    n.reference_line,
                    n.first_line,
                    n.last_line,
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                (NoteKind::Footnote, "1", 2, 6, 7),
                (NoteKind::Footnote, "2", 2, 8, 8),
                (NoteKind::Footnote, "3", 3, 9, 9),
                (NoteKind::Endnote, "i", 1, 12, 12),
            ]
        );
    }

    #[test]
    fn notes_without_references_are_not_read() {
        // Not even a malformed part: nothing refers to it.
        let document = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>Số: 12</w:t></w:r></w:p></w:body></w:document>"#
        );
        let text = read_all_parts(&document, None, None, Some("<w:footnotes><"), None).unwrap();
        assert_eq!(text.new.text, "Số: 12");
        assert!(text.new.notes.is_empty());
    }

    #[test]
    fn roman_marks() {
        let marks: Vec<String> = [1, 4, 9, 14, 40].map(|n| NoteKind::Endnote.mark(n)).into();
        assert_eq!(marks, ["i", "iv", "ix", "xiv", "xl"]);
    }
}
