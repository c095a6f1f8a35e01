//! From text to documents: splitting a file into documents and parsing each into an outline.

pub mod body;
pub mod header;
pub mod marker;
pub mod model;
pub mod split;

use crate::document::clean::{CleanLine, clean_line_into};
use crate::document::lines::{Lines, split_lines};
use crate::text::fold;

pub use marker::MarkerKind;
pub use model::{Document, Header, Paragraph, Section};

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
    let starts = split::document_starts(&clean);
    let mut documents = Vec::with_capacity(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(clean.len());
        let slice = &clean[start..end];
        let mut doc = parse_document(slice);
        doc.index = k + 1;
        documents.push(doc);
    }
    assign_versions(&mut documents);
    ParsedFile { lines, documents }
}

/// Parses one document's lines.
pub fn parse_document(lines: &[CleanLine]) -> Document {
    let (header, body_start) = header::parse_header(lines);
    let mut doc = Document {
        header,
        ..Document::default()
    };
    body::parse_body(&lines[body_start..], &mut doc);
    let text_lines = || lines.iter().filter(|l| l.is_text());
    doc.first_line = text_lines().next().map_or(0, |l| l.number);
    doc.last_line = text_lines().next_back().map_or(0, |l| l.number);
    doc
}

/// A key that is equal for two versions of the same document: type and title, folded, without
/// punctuation or spacing differences.
pub fn version_key(doc: &Document) -> Option<String> {
    let title = doc.title()?;
    let type_name = doc.type_name().unwrap_or_default();
    let squash = |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    Some(format!("{}|{}", squash(&type_name), squash(title)))
}

fn assign_versions(documents: &mut [Document]) {
    let keys: Vec<Option<String>> = documents.iter().map(version_key).collect();
    for i in 0..documents.len() {
        documents[i].version_of = (0..i)
            .find(|&j| keys[j].is_some() && keys[j] == keys[i])
            .map_or(documents[i].index, |j| documents[j].index);
    }
}
