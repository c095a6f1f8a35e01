//! From text to documents: splitting a file into documents and parsing each into an outline.

pub mod amend;
pub mod attachment;
pub mod blocks;
pub mod body;
pub mod header;
pub mod marker;
pub mod model;
pub mod notes;
pub mod parts;
pub mod place;
pub mod quote;
pub mod split;

use crate::document::clean::{CleanLine, clean_line_into, join_wrapped_labels};
use crate::document::lines::{Lines, split_lines};
use crate::text::fold;

pub use blocks::{Block, BlockRef};
pub use marker::MarkerKind;
pub use model::{Attachment, AttachmentKind, Body, Document, Header, Paragraph, Section};
pub use place::{AttachmentTag, NumberPath, Place};

/// A parsed file: its NFC lines (for rules that read raw text) and its documents.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub lines: Lines,
    pub documents: Vec<Document>,
}

/// Parses decoded text into documents.
pub fn parse(text: impl Into<String>) -> ParsedFile {
    parse_with_breaks(text.into(), None)
}

/// Parses text whose paragraphs are known (a .docx): `paragraph_starts[i]` tells whether line
/// `i + 1` starts a paragraph, and such a line is never joined to the one before.
pub fn parse_paragraphs(text: impl Into<String>, paragraph_starts: &[bool]) -> ParsedFile {
    parse_with_breaks(text.into(), Some(paragraph_starts))
}

/// Parses `text`, which the lines of the result keep (no copy of it is made).
fn parse_with_breaks(text: String, paragraph_starts: Option<&[bool]>) -> ParsedFile {
    let lines = split_lines(text);
    let mut clean: Vec<CleanLine> = Vec::with_capacity(lines.len() + lines.len() / 16);
    for line in lines.iter() {
        let first = clean.len();
        clean_line_into(line, &mut clean);
        if let Some(starts) = paragraph_starts
            && starts
                .get(line.number as usize - 1)
                .copied()
                .unwrap_or(true)
            && let Some(c) = clean.get_mut(first)
        {
            c.hard_break = true;
        }
    }
    join_wrapped_labels(&mut clean);
    let starts = split::document_starts(&clean);
    let mut documents: Vec<Document> = Vec::with_capacity(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(clean.len());
        let slice = &clean[start..end];
        let (header, body_start) = header::parse_header(slice);
        // An attachment with a header of its own (a Quy chế under the Quốc hiệu, a form) goes
        // back to the document it belongs to.
        // The label may stand over the first lines of the header (`BM-21` over `ĐƠN VỊ CHỦ
        // QUẢN (nếu` / `có)`, which the split left behind).
        // A label wrapped over two lines (`**Mẫu` / `số 26**`) was joined by
        // `join_wrapped_labels`; placeholders of the form's issuing body (`.......(01).....`)
        // may stand between it and the header.
        let label = clean[..start]
            .iter()
            .rev()
            .filter(|l| l.is_text())
            .take(5)
            .find(|l| attachment::is_label_alone(l.as_str()));
        if let Some(carrier) = documents.last_mut()
            && attachment::belongs_to(carrier, &header, label.is_some())
        {
            let label = label.map(|l| Paragraph::new(l.text.to_mapped_text()));
            attachment::adopt(carrier, header, label, body_start, slice);
            carrier.last_line = last_text_line(slice).max(carrier.last_line);
            continue;
        }
        let mut doc = parse_document_from(header, body_start, slice);
        doc.index = documents.len() + 1;
        documents.push(doc);
    }
    assign_versions(&mut documents);
    ParsedFile { lines, documents }
}

/// Parses one document's lines.
pub fn parse_document(lines: &[CleanLine]) -> Document {
    let (header, body_start) = header::parse_header(lines);
    parse_document_from(header, body_start, lines)
}

/// Parses one document whose header is known (it ends at `body_start`).
fn parse_document_from(header: Header, body_start: usize, lines: &[CleanLine]) -> Document {
    let mut doc = Document {
        header,
        ..Document::default()
    };
    body::parse_body(&lines[body_start..], &mut doc);
    amend::mark(&mut doc);
    doc.first_line = lines.iter().find(|l| l.is_text()).map_or(0, |l| l.number);
    doc.last_line = last_text_line(lines);
    doc
}

fn last_text_line(lines: &[CleanLine]) -> u32 {
    lines
        .iter()
        .rev()
        .find(|l| l.is_text())
        .map_or(0, |l| l.number)
}

/// A key that is equal for two versions of the same document: type and title, folded, without
/// punctuation or spacing differences.
pub fn version_key(doc: &Document) -> Option<String> {
    header_version_key(&doc.header)
}

/// The latest earlier version of `of` among `docs` (the same [`version_key`]); with `same_file`
/// (`docs` is the file `of` is in), only documents before it count. The one lookup of the review
/// screen (`rasoat FILE`) and `rasoat check --against`.
pub fn previous_version<'a>(
    docs: &'a [Document],
    of: &Document,
    same_file: bool,
) -> Option<&'a Document> {
    if same_file {
        // Versions within a file were grouped when it was parsed.
        return docs
            .iter()
            .rev()
            .find(|d| d.index < of.index && d.version_of == of.version_of);
    }
    let key = version_key(of)?;
    docs.iter()
        .rev()
        .find(|d| version_key(d).as_ref() == Some(&key))
}

/// [`version_key`] from a header alone.
pub fn header_version_key(header: &Header) -> Option<String> {
    let title = header.title.as_ref()?.as_str();
    let type_name = header_type_name(header).unwrap_or_default();
    let squash = |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    Some(format!("{}|{}", squash(&type_name), squash(title)))
}

/// The type name of a header in upper case, or `CÔNG VĂN` for a `V/v` subject without a type.
pub(crate) fn header_type_name(h: &Header) -> Option<String> {
    match &h.type_name {
        Some(t) => Some(t.as_str().trim_end_matches(':').trim().to_string()),
        None if h.title_is_subject => Some("CÔNG VĂN".to_string()),
        None => None,
    }
}

fn assign_versions(documents: &mut [Document]) {
    // The first document with each key, found in one pass (a file may hold thousands).
    let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for d in documents.iter_mut() {
        d.version_of = match version_key(d) {
            Some(key) => *first.entry(key).or_insert(d.index),
            None => d.index,
        };
    }
}
