//! Notes kept apart from the body: the footnotes and endnotes of a .docx.
//!
//! Their lines follow the body in the file's text (so that findings in them have a line of
//! their own, see [`crate::docx`]), but they are no part of the body's reading: the body is parsed
//! alone, and each note becomes a [`Footnote`] of the document whose lines hold its reference.

use crate::document::clean::{CleanLine, clean_line_into};
use crate::document::lines::split_lines;

use super::header::join;
use super::model::Footnote;
use super::{ParsedFile, parse_paragraphs};

/// Where a note's lines are in the text (1-based, inclusive) and where its reference is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLines {
    /// The mark shown at the reference and before the note's text (`1`, `*`).
    pub mark: String,
    pub reference_line: u32,
    pub first_line: u32,
    pub last_line: u32,
}

/// Parses text made of a body (its first `body_lines` lines, whose paragraphs are known as in
/// [`parse_paragraphs`]) followed by notes. The result's lines are all of the text; its documents
/// are those of the body, each with the notes referenced in it as footnotes (in the order given).
pub fn parse_with_notes(
    text: String,
    paragraph_starts: &[bool],
    body_lines: usize,
    notes: &[NoteLines],
) -> ParsedFile {
    if notes.is_empty() && body_lines >= paragraph_starts.len() {
        return parse_paragraphs(text, paragraph_starts);
    }
    let body_end = text
        .match_indices('\n')
        .nth(body_lines.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let body = text[..body_end].to_string();
    let starts = &paragraph_starts[..body_lines.min(paragraph_starts.len())];
    let mut parsed = parse_paragraphs(body, starts);
    // The body is a prefix of the text: its positions are the same in all of the text's lines.
    parsed.lines = split_lines(text);
    for note in notes {
        let mut clean: Vec<CleanLine> = Vec::new();
        for n in note.first_line..=note.last_line {
            if let Some(line) = parsed.lines.line(n) {
                clean_line_into(line, &mut clean);
            }
        }
        let parts: Vec<&CleanLine> = clean.iter().filter(|l| l.is_text()).collect();
        if parts.is_empty() {
            continue;
        }
        let footnote = Footnote {
            mark: note.mark.clone(),
            text: join(&parts),
        };
        let documents = &mut parsed.documents;
        let owner = documents
            .iter()
            .position(|d| (d.first_line..=d.last_line).contains(&note.reference_line))
            .or_else(|| documents.len().checked_sub(1));
        if let Some(k) = owner {
            documents[k].footnotes.push(footnote);
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_go_to_the_document_that_refers_to_them() {
        let text = "Kính gửi: Sở Nội vụ.\nThực hiện Luật[1] và Nghị định[2].\n\n----- Chú thích cuối trang -----\n[1] Luật số 10/2022/QH15.\n[2] Nghị định số 59/2023/NĐ-CP\nngày 14 tháng 8 năm 2023.";
        let starts = [true, true, true, true, true, true, false];
        let notes = [
            NoteLines {
                mark: "1".into(),
                reference_line: 2,
                first_line: 5,
                last_line: 5,
            },
            NoteLines {
                mark: "2".into(),
                reference_line: 2,
                first_line: 6,
                last_line: 7,
            },
        ];
        let parsed = parse_with_notes(text.to_string(), &starts, 2, &notes);
        assert_eq!(parsed.lines.len(), 7);
        assert_eq!(parsed.documents.len(), 1);
        let doc = &parsed.documents[0];
        assert_eq!(doc.last_line, 2);
        let got: Vec<(&str, &str, u32)> = doc
            .footnotes
            .iter()
            .map(|f| (f.mark.as_str(), f.text.as_str(), f.text.line()))
            .collect();
        assert_eq!(
            got,
            [
                ("1", "[1] Luật số 10/2022/QH15.", 5),
                (
                    "2",
                    "[2] Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023.",
                    6
                )
            ]
        );
    }
}
