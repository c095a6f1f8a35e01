//! The text of one change as the documents of a round write it: the section's marker with its
//! heading, then its paragraphs, each piece with its operation, and the places of both sides.
//!
//! The comparison compares a section's title and paragraphs apart from its marker (so that a
//! renumbering alone is not a text change); a redline or a bảng so sánh shows the text as written,
//! so the marker comes back here, from the heading of each side. Concatenating the pieces that
//! are not insertions gives the old text exactly, those that are not deletions the new text,
//! each paragraph ended by `\n`.

use std::collections::HashMap;

use crate::compare::{Block, Op, SectionChange, UnitRef};
use crate::outline::place::Place;
use crate::outline::{Document, Section};

/// A run of text with what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

/// A version compared, with its sections found by heading line and numbering path (the units of
/// a comparison name their section so): looked up once per unit, in a document of thousands.
#[derive(Debug)]
pub struct Version<'d> {
    pub doc: &'d Document,
    sections: HashMap<(u32, &'d str), &'d Section>,
}

impl<'d> Version<'d> {
    pub fn new(doc: &'d Document) -> Version<'d> {
        let mut sections = HashMap::new();
        let all = doc.all_sections().chain(
            doc.attachments
                .iter()
                .flat_map(|a| a.content.all_sections()),
        );
        for s in all {
            // The first of two alike (malformed numbering) is the one in reading order.
            sections.entry((s.line(), s.number())).or_insert(s);
        }
        Version { doc, sections }
    }

    /// The section a unit of the comparison is: same heading line, same numbering path.
    pub fn section_of(&self, unit: &UnitRef) -> Option<&'d Section> {
        if unit.block != Block::Section {
            return None;
        }
        self.sections
            .get(&(unit.line, unit.number.as_str()))
            .copied()
    }

    /// What a section's heading writes before its title: the marker and the space after it
    /// (`"1. "`, `"Điều 5. "`, `"- "`), empty for a unit that is not a section.
    fn heading_prefix(&self, unit: &UnitRef) -> String {
        let Some(section) = self.section_of(unit) else {
            return String::new();
        };
        let heading = section.heading.as_str();
        match heading.strip_suffix(section.title.as_str()) {
            Some(prefix) => prefix.to_string(),
            // The title is not the heading's end (a cleaned heading): the marker and a space.
            None => format!("{} ", section.label),
        }
    }

    /// Where a unit is, as a reader cites it: `điểm a khoản 2 Điều 5`, `mục 2 phần II`, `Căn
    /// cứ`, with the attachment after it (`Điều 3 Quy chế`).
    pub fn citation(&self, unit: &UnitRef) -> String {
        let attachment = unit.attachment.as_deref().and_then(|key| {
            self.doc
                .attachments
                .iter()
                .find(|a| a.tag.key == key)
                .map(|a| a.tag.clone())
        });
        let path = self.section_of(unit).map(|s| s.path.clone());
        let place = Place {
            block: unit.block,
            attachment,
            path,
        };
        if unit.block == Block::Section && place.path.is_none() {
            // Not found again (never expected): the numbering path is still a place.
            return unit.number.clone();
        }
        place.citation()
    }
}

/// The pieces of a change, marker included; `old` and `new` are the documents compared.
pub fn pieces(s: &SectionChange, old: &Version, new: &Version) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |op: Op, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(Piece {
                op,
                text: text.to_string(),
            }),
        }
    };
    let old_prefix = s.old.as_ref().map(|u| old.heading_prefix(u));
    let new_prefix = s.new.as_ref().map(|u| new.heading_prefix(u));
    match (old_prefix, new_prefix) {
        (Some(a), Some(b)) if a == b => push(Op::Equal, &a),
        (a, b) => {
            let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
            // `a) ` became `- `: the marker changed, the space after it did not.
            let common = a
                .chars()
                .rev()
                .zip(b.chars().rev())
                .take_while(|(x, y)| x == y && x.is_whitespace())
                .map(|(x, _)| x.len_utf8())
                .sum::<usize>();
            push(Op::Delete, &a[..a.len() - common]);
            push(Op::Insert, &b[..b.len() - common]);
            push(Op::Equal, &a[a.len() - common..]);
        }
    }
    for e in &s.diff.edits {
        match (e.op, &e.old_text) {
            // Equal under the options but not to the letter (spacing, case… ignored): a
            // document of the round still writes each side as it is.
            (Op::Equal, Some(old_text)) if *old_text != e.text => {
                let olds: Vec<&str> = old_text.split('\n').collect();
                let news: Vec<&str> = e.text.split('\n').collect();
                if olds.len() == news.len() {
                    for (k, (o, n)) in olds.iter().zip(&news).enumerate() {
                        if k > 0 {
                            push(Op::Equal, "\n");
                        }
                        if o == n {
                            push(Op::Equal, o);
                        } else {
                            push(Op::Delete, o);
                            push(Op::Insert, n);
                        }
                    }
                } else {
                    push(Op::Delete, old_text);
                    push(Op::Insert, &e.text);
                }
            }
            (op, _) => push(op, &e.text),
        }
    }
    out
}

/// The paragraphs of one side of pieces (`Op::Delete` is left out of the new side, `Op::Insert`
/// of the old one), each a list of (changed, text): `changed` marks the pieces that side does
/// not share with the other.
pub fn side(pieces: &[Piece], new_side: bool) -> Vec<Vec<(bool, String)>> {
    let skip = if new_side { Op::Delete } else { Op::Insert };
    let mut out: Vec<Vec<(bool, String)>> = vec![Vec::new()];
    let mut ended = true;
    for p in pieces.iter().filter(|p| p.op != skip) {
        for (k, part) in p.text.split('\n').enumerate() {
            if k > 0 {
                out.push(Vec::new());
                ended = true;
            }
            if !part.is_empty() {
                out.last_mut()
                    .expect("never empty")
                    .push((p.op != Op::Equal, part.to_string()));
                ended = false;
            }
        }
    }
    // The text ends with a paragraph break: no empty paragraph after it.
    if ended && out.len() > 1 {
        out.pop();
    }
    if out.len() == 1 && out[0].is_empty() {
        out.clear();
    }
    out
}
