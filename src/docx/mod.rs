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

mod body;
pub mod numbering;
pub mod styles;
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

/// One view of the body: its text (lines joined by `\n`) and, per line, whether it starts a
/// paragraph (`false` for the lines after a manual line break).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextView {
    pub text: String,
    pub paragraph_starts: Vec<bool>,
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
        "encrypted or password-protected document; remove the password in Word (File > Info) and save again"
    )]
    Encrypted,
    #[error("not a .docx file ({0}); save the document as .docx from Word or LibreOffice")]
    NotDocx(String),
    #[error("corrupt .docx archive: {0}")]
    Corrupt(String),
    #[error("the archive holds {count} entries, over the limit of {limit} (not a Word document?)")]
    TooManyEntries { count: usize, limit: usize },
    #[error(
        "{part} decompresses to more than {limit} bytes (zip bomb?); raise --max-file-size to read it"
    )]
    TooLarge { part: String, limit: u64 },
    #[error("malformed XML in {part} near byte {offset}: {message}")]
    Xml {
        part: String,
        offset: u64,
        message: String,
    },
    #[error("{part} is not valid UTF-8 XML")]
    NotUtf8 { part: String },
    #[error("the document has no text")]
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
        return Err(DocxError::NotDocx("no zip signature".to_string()));
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
        .ok_or_else(|| DocxError::NotDocx("no word/document.xml in the archive".to_string()))?;
    let numbering = read_part(&mut archive, "word/numbering.xml", &mut budget)?;
    let styles = read_part(&mut archive, "word/styles.xml", &mut budget)?;
    read_parts(&document, numbering.as_deref(), styles.as_deref())
}

/// Reads the body from the XML of its parts (`word/document.xml`, and `numbering.xml` and
/// `styles.xml` when the package has them).
pub fn read_parts(
    document: &str,
    numbering: Option<&str>,
    styles: Option<&str>,
) -> Result<DocxText, DocxError> {
    let numbering = match numbering {
        Some(xml) => Numbering::parse(xml)?,
        None => Numbering::default(),
    };
    let styles = match styles {
        Some(xml) => Styles::parse(xml)?,
        None => Styles::default(),
    };
    let (old, new, revisions) = body::read(document, &numbering, &styles)?;
    if new.text.trim().is_empty() && old.text.trim().is_empty() {
        return Err(DocxError::NoText);
    }
    Ok(DocxText {
        new,
        old: revisions.then_some(old),
    })
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
