//! The redline of a round: the new version as a Word document whose tracked changes are the
//! comparison's, so that accepting them all gives the new text and rejecting them all the old
//! one, paragraph for paragraph.
//!
//! Every unit of the comparison is written in the new version's reading order (deleted units
//! where they were). Word edits become `w:ins` / `w:del` runs; a paragraph break inserted or
//! deleted becomes an inserted or deleted paragraph mark (two paragraphs joined, one split). A
//! unit the comparison reports moved is written twice inside a named move range: its old text as
//! moved-from at its old place (where the units around it in the old version are), its new text
//! as moved-to at its new place, the words the move also added marked inserted there. (Word
//! itself shows a moved and edited text the same way.)
//!
//! Looks: Times New Roman 14 pt (Nghị định 30/2020/NĐ-CP, Phụ lục I), the header centred, the
//! headings of parts and Điều bold, body text justified with its first line indented.

use crate::compare::{Block, Comparison, Op, SectionChange};
use crate::docx::write::{self, Align, Body, Change, Meta, Orientation, ParagraphStyle, RunStyle};
use crate::outline::{Document, MarkerKind};

use super::pieces::{Piece, Version, pieces};

/// Where a unit's text goes in the redline.
enum Slot<'c> {
    /// At its place in the new version (a deleted unit at its old place).
    Here(&'c SectionChange),
    /// A moved unit at its old place.
    MovedFrom(&'c SectionChange),
}

/// The order of the redline: the comparison's entries, each moved unit also at its old place,
/// before the first unit that followed it in the old version and did not move.
fn slots(cmp: &Comparison) -> Vec<Slot<'_>> {
    let mut moved: Vec<&SectionChange> = cmp
        .sections
        .iter()
        .filter(|s| s.moved && s.old.is_some())
        .collect();
    moved.sort_by_key(|s| s.old.as_ref().map_or(0, |o| o.line));
    let mut moved = moved.into_iter().peekable();
    let mut out = Vec::with_capacity(cmp.sections.len() + 4);
    for s in &cmp.sections {
        if let (false, Some(o)) = (s.moved, &s.old) {
            while let Some(m) = moved.next_if(|m| m.old.as_ref().is_some_and(|mo| mo.line < o.line))
            {
                out.push(Slot::MovedFrom(m));
            }
        }
        out.push(Slot::Here(s));
    }
    out.extend(moved.map(Slot::MovedFrom));
    out
}

/// How the paragraphs of a unit look; `first` is its first paragraph (a section's heading).
fn style(s: &SectionChange, doc: &Document, text: &str, first: bool) -> ParagraphStyle {
    let body = ParagraphStyle {
        align: Align::Both,
        first_line: Some(567),
        ..ParagraphStyle::default()
    };
    match s.block() {
        Block::Header => {
            let h = &doc.header;
            let bold = [
                &h.parent_body,
                &h.issuing_body,
                &h.national_title,
                &h.motto,
                &h.type_name,
                &h.title,
            ]
            .into_iter()
            .flatten()
            .any(|p| p.as_str() == text);
            ParagraphStyle {
                align: Align::Center,
                bold,
                ..ParagraphStyle::default()
            }
        }
        Block::Signature => ParagraphStyle {
            align: Align::Center,
            bold: true,
            ..ParagraphStyle::default()
        },
        Block::Distribution => ParagraphStyle {
            bold: first,
            size: Some(24),
            ..ParagraphStyle::default()
        },
        Block::Addressees => ParagraphStyle {
            align: Align::Center,
            ..ParagraphStyle::default()
        },
        Block::Section if first => {
            let unit = s.new.as_ref().or(s.old.as_ref());
            let kind = unit.and_then(|u| u.kind);
            let title = unit.map_or("", |u| u.title.as_str());
            let heading = match kind {
                Some(
                    MarkerKind::Part
                    | MarkerKind::Chapter
                    | MarkerKind::Section
                    | MarkerKind::Subsection
                    | MarkerKind::Article
                    | MarkerKind::Roman
                    | MarkerKind::UpperLetter,
                ) => true,
                // `1. Mục đích` is a heading, `1. Quyết định này có hiệu lực …` a sentence.
                Some(MarkerKind::Arabic(_)) => {
                    !title.trim_end().ends_with(['.', ';', ':', ',', '…'])
                }
                _ => false,
            };
            ParagraphStyle {
                bold: heading,
                ..body
            }
        }
        _ => body,
    }
}

/// Writes units as paragraphs, each piece with its tracked change (`None` for plain text).
struct Writer<'a> {
    body: Body,
    old: Version<'a>,
    new: Version<'a>,
    /// Runs of the paragraph being written: its mark's change is known only at its end.
    runs: Vec<(String, Option<Change>)>,
}

impl Writer<'_> {
    fn unit(&mut self, s: &SectionChange, pieces: &[(Option<Change>, &str)], doc_new: bool) {
        let doc = if doc_new { self.new.doc } else { self.old.doc };
        let mut first = true;
        for &(change, text) in pieces {
            for (k, part) in text.split('\n').enumerate() {
                if k > 0 {
                    let shown: String = self.runs.iter().map(|(t, _)| t.as_str()).collect();
                    let style = style(s, doc, &shown, first);
                    first = false;
                    self.body.start_paragraph(style, change);
                    for (t, c) in std::mem::take(&mut self.runs) {
                        self.body.run(&t, RunStyle::default(), c);
                    }
                    self.body.end_paragraph();
                }
                if !part.is_empty() {
                    self.runs.push((part.to_string(), change));
                }
            }
        }
    }

    fn slot(&mut self, slot: &Slot) {
        match slot {
            Slot::Here(s) if !s.moved => {
                let all = pieces(s, &self.old, &self.new);
                let list: Vec<(Option<Change>, &str)> = all
                    .iter()
                    .map(|p| {
                        let c = match p.op {
                            Op::Equal => None,
                            Op::Delete => Some(Change::Deleted),
                            Op::Insert => Some(Change::Inserted),
                        };
                        (c, p.text.as_str())
                    })
                    .collect();
                self.unit(s, &list, s.new.is_some());
            }
            Slot::Here(s) => {
                let all = pieces(s, &self.old, &self.new);
                let name = move_name(s);
                let id = self.body.start_move_range(false, &name);
                let list = moved_side(&all, true);
                self.unit(s, &list, true);
                self.body.end_move_range(false, id);
            }
            Slot::MovedFrom(s) => {
                let all = pieces(s, &self.old, &self.new);
                let name = move_name(s);
                let id = self.body.start_move_range(true, &name);
                let list = moved_side(&all, false);
                self.unit(s, &list, false);
                self.body.end_move_range(true, id);
            }
        }
    }
}

/// The name both ends of a unit's move carry (unique: one unit per new line).
fn move_name(s: &SectionChange) -> String {
    format!("move{}", s.new.as_ref().map_or(0, |u| u.line))
}

/// One end of a move: the moved-to text (equal and inserted pieces) or the moved-from text
/// (equal and deleted pieces).
fn moved_side(all: &[Piece], to: bool) -> Vec<(Option<Change>, &str)> {
    all.iter()
        .filter_map(|p| {
            let c = match (p.op, to) {
                (Op::Equal, true) => Change::MovedTo,
                (Op::Insert, true) => Change::Inserted,
                (Op::Equal | Op::Delete, false) => Change::MovedFrom,
                _ => return None,
            };
            Some((Some(c), p.text.as_str()))
        })
        .collect()
}

/// The body of the redline (for tests of `word/document.xml`).
pub fn redline_body(
    cmp: &Comparison,
    old: &Document,
    new: &Document,
    revision: write::Revision,
) -> Body {
    let mut w = Writer {
        body: Body::new(revision),
        old: Version::new(old),
        new: Version::new(new),
        runs: Vec::new(),
    };
    for slot in slots(cmp) {
        w.slot(&slot);
    }
    w.body
}

/// The redline as a .docx package.
pub fn redline_docx(
    cmp: &Comparison,
    old: &Document,
    new: &Document,
    revision: write::Revision,
) -> Result<Vec<u8>, write::WriteError> {
    let body = redline_body(cmp, old, new, revision);
    let title = match new.title() {
        Some(t) => format!("So sánh dự thảo: {t}"),
        None => "So sánh dự thảo".to_string(),
    };
    write::package(
        &body,
        &Meta {
            title,
            orientation: Orientation::Portrait,
            tracked: true,
        },
    )
}
