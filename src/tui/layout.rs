//! The comparison as visual rows for a given width: side by side (old left, new right) or
//! unified, long paragraphs soft-wrapped with the shorter side padded so that rows stay aligned.
//!
//! Pure: the view renders only the visible slice of these rows, and the model caches them per
//! (width, view mode, wrap, comparison) so that scrolling a large document costs nothing.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::compare::{Comparison, Op, SectionChange, Status};

/// What a piece of text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    Deleted,
    Inserted,
    /// A section heading (number and title line) with its status.
    Heading(Status),
    /// Heading of a moved section.
    MovedHeading,
    /// Nothing on this side (padding for alignment).
    Empty,
    /// `[-` and `-]` around a deletion in the unified view.
    DeletedEdge,
    /// `{+` and `+}` around an insertion in the unified view.
    InsertedEdge,
}

/// A styled piece of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub mark: Mark,
}

/// One visual row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into `Comparison::sections`.
    pub section: usize,
    pub left: Vec<Piece>,
    /// Empty in unified mode.
    pub right: Vec<Piece>,
    pub heading: bool,
    /// The part of the section the row shows: 0 the heading, then 1, 2… its paragraphs (pairs),
    /// then the blank row that ends it. Rows are sorted by (section, para) in every layout, so
    /// that a position survives a layout at another width or view.
    pub para: usize,
}

impl Row {
    /// The empty row that ends a section.
    fn blank(section: usize, para: usize) -> Row {
        Row {
            section,
            left: Vec::new(),
            right: Vec::new(),
            heading: false,
            para,
        }
    }

    /// Plain text of both sides.
    pub fn text(&self) -> String {
        self.left
            .iter()
            .chain(self.right.iter())
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How to lay the comparison out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    /// Width of the comparison area in columns (both sides and the gutter).
    pub width: u16,
    pub unified: bool,
    pub wrap: bool,
    /// Only the sections that differ (`z`): the unchanged ones are left out of the rows.
    pub changed_only: bool,
}

/// A paragraph as styled runs, on one side.
type Runs = Vec<(Op, String)>;

/// A paragraph on each side; `None` where the paragraph exists on one side only.
type Pair = (Option<Runs>, Option<Runs>);

/// Splits a section's edits into paragraph pairs (old runs, new runs). Consecutive one-sided
/// paragraphs (deleted, then inserted) are paired so that they face each other. A line break
/// that ends a paragraph on one side only (the other side's paragraph goes on) stays in that
/// side's runs as a `"\n"` run, which [`wrap`] turns into a new row: every line of a block keeps
/// its own row, as in the CLI and HTML outputs.
pub fn paragraph_pairs(change: &SectionChange) -> Vec<Pair> {
    let mut out: Vec<Pair> = Vec::new();
    let (mut old, mut new): (Runs, Runs) = (Vec::new(), Vec::new());
    // Whether the current paragraph has text on each side. Only text opens a paragraph: the
    // empty rest after a run's last break does not, so that a deleted or inserted line that
    // follows a break is a paragraph of its own.
    let (mut old_open, mut new_open) = (false, false);
    for e in &change.diff.edits {
        let new_parts: Vec<&str> = e.text.split('\n').collect();
        // Equal runs that differ in ignored ways show each side's own text.
        let old_parts: Vec<&str> = match (&e.op, &e.old_text) {
            (Op::Equal, Some(o)) if o.split('\n').count() == new_parts.len() => {
                o.split('\n').collect()
            }
            _ => new_parts.clone(),
        };
        let last = new_parts.len() - 1;
        for (k, (np, op_text)) in new_parts.iter().zip(old_parts.iter()).enumerate() {
            let ends = k < last;
            match e.op {
                Op::Equal => {
                    if !op_text.is_empty() {
                        old.push((Op::Equal, op_text.to_string()));
                        old_open = true;
                    }
                    if !np.is_empty() {
                        new.push((Op::Equal, np.to_string()));
                        new_open = true;
                    }
                    if ends {
                        out.push((
                            Some(std::mem::take(&mut old)),
                            Some(std::mem::take(&mut new)),
                        ));
                        old_open = false;
                        new_open = false;
                    }
                }
                Op::Delete => {
                    if !np.is_empty() {
                        old.push((Op::Delete, np.to_string()));
                        old_open = true;
                    }
                    if ends {
                        if new_open {
                            // The new paragraph goes on: the old line ends inside the pair.
                            old.push((Op::Delete, "\n".to_string()));
                        } else {
                            out.push((Some(std::mem::take(&mut old)), None));
                            old_open = false;
                        }
                    }
                }
                Op::Insert => {
                    if !np.is_empty() {
                        new.push((Op::Insert, np.to_string()));
                        new_open = true;
                    }
                    if ends {
                        if old_open {
                            new.push((Op::Insert, "\n".to_string()));
                        } else {
                            out.push((None, Some(std::mem::take(&mut new))));
                            new_open = false;
                        }
                    }
                }
            }
        }
    }
    if old_open || new_open {
        out.push((old_open.then_some(old), new_open.then_some(new)));
    }
    let mut paired: Vec<Pair> = Vec::new();
    for pair in out {
        let faces =
            matches!(paired.last(), Some((Some(_), None))) && pair.0.is_none() && pair.1.is_some();
        match paired.last_mut() {
            Some(last) if faces => last.1 = pair.1,
            _ => paired.push(pair),
        }
    }
    paired
}

/// Wraps styled runs into lines of at most `width` columns (see [`wrap_line`]); a `"\n"` in the
/// runs starts a new line.
pub fn wrap(runs: &[(Op, String)], width: usize, wrap: bool) -> Vec<Vec<Piece>> {
    let marked: Marked = runs
        .iter()
        .map(|(op, t)| (mark_of(*op), t.clone()))
        .collect();
    wrap_marked(&marked, width, wrap)
}

/// The style of an edit's text.
fn mark_of(op: Op) -> Mark {
    match op {
        Op::Equal => Mark::Plain,
        Op::Delete => Mark::Deleted,
        Op::Insert => Mark::Inserted,
    }
}

/// Text runs with their styles.
type Marked = Vec<(Mark, String)>;

/// [`wrap`] of runs already styled.
fn wrap_marked(runs: &[(Mark, String)], width: usize, wrap: bool) -> Vec<Vec<Piece>> {
    if !runs.iter().any(|(_, t)| t.contains('\n')) {
        return wrap_line(runs, width, wrap);
    }
    let mut lines = Vec::new();
    let mut segment: Marked = Vec::new();
    for (op, text) in runs {
        let mut parts = text.split('\n').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty() {
                segment.push((*op, part.to_string()));
            }
            if parts.peek().is_some() {
                lines.extend(wrap_line(&std::mem::take(&mut segment), width, wrap));
            }
        }
    }
    lines.extend(wrap_line(&segment, width, wrap));
    lines
}

/// Wraps styled runs without line breaks into lines of at most `width` columns. Lines break at spaces (Vietnamese
/// syllables are separated by spaces); punctuation stays with the word before it; a chunk wider
/// than a line is broken by graphemes.
fn wrap_line(runs: &[(Mark, String)], width: usize, wrap: bool) -> Vec<Vec<Piece>> {
    let width = width.max(4);
    // Parts: slices of the runs that are all spaces or all non-spaces, merged while they stay in
    // one run. Consecutive parts of the same kind form a chunk (a word with its punctuation, or
    // the spaces between words), so that a change inside a word keeps its style. Slices, not
    // copies: this runs over every paragraph of both versions when the screen opens.
    struct Part<'a> {
        space: bool,
        text: &'a str,
        mark: Mark,
        width: usize,
    }
    let mut parts: Vec<Part> = Vec::new();
    for (mark, text) in runs {
        let mark = *mark;
        let mut add = |space: bool, start: usize, stop: usize| {
            let piece = &text[start..stop];
            parts.push(Part {
                space,
                text: piece,
                mark,
                width: piece.width(),
            })
        };
        let mut current: Option<(bool, usize, usize)> = None;
        for (offset, c) in text.char_indices() {
            let space = c.is_whitespace();
            let end = offset + c.len_utf8();
            current = match current {
                Some((s, start, _)) if s == space => Some((s, start, end)),
                Some((s, start, stop)) => {
                    add(s, start, stop);
                    Some((space, offset, end))
                }
                None => Some((space, offset, end)),
            };
        }
        if let Some((s, start, stop)) = current {
            add(s, start, stop);
        }
    }
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    let mut used = 0usize;
    let push = |lines: &mut Vec<Vec<Piece>>, text: &str, m: Mark| {
        let line = lines.last_mut().expect("never empty");
        match line.last_mut() {
            Some(p) if p.mark == m => p.text.push_str(text),
            _ => line.push(Piece {
                text: text.to_string(),
                mark: m,
            }),
        }
    };
    let mut i = 0;
    while i < parts.len() {
        let space = parts[i].space;
        let end = (i..parts.len())
            .find(|&k| parts[k].space != space)
            .unwrap_or(parts.len());
        let chunk = &parts[i..end];
        i = end;
        let w: usize = chunk.iter().map(|p| p.width).sum();
        if wrap && used + w > width && used > 0 {
            if space {
                // Spaces at the end of a line are dropped rather than starting the next one.
                continue;
            }
            lines.push(Vec::new());
            used = 0;
        }
        for part in chunk {
            if wrap && part.width + used > width {
                // Wider than a line: break by graphemes.
                for g in part.text.graphemes(true) {
                    let gw = g.width();
                    if used + gw > width && used > 0 {
                        lines.push(Vec::new());
                        used = 0;
                    }
                    push(&mut lines, g, part.mark);
                    used += gw;
                }
            } else {
                push(&mut lines, part.text, part.mark);
                used += part.width;
            }
        }
    }
    lines
}

/// The heading of a section on one side (`unified`: the one heading of both): the mark, the
/// number, the line, and a changed list marker (`a)` became `-`) styled as the deletion and
/// insertion it is, since the text alone shows nothing of it.
fn heading_pieces(change: &SectionChange, new_side: bool, unified: bool) -> Vec<Piece> {
    let unit = if new_side {
        change.new.as_ref()
    } else {
        change.old.as_ref()
    };
    let Some(u) = unit else {
        return vec![Piece {
            text: String::new(),
            mark: Mark::Empty,
        }];
    };
    let sign = change.mark();
    let name = if u.number.is_empty() {
        u.title.clone()
    } else {
        u.number.clone()
    };
    let mark = if change.moved {
        Mark::MovedHeading
    } else {
        Mark::Heading(change.status)
    };
    let piece = |text: String, mark: Mark| Piece { text, mark };
    let mut pieces = vec![piece(format!("{sign} {name}  ·  "), mark)];
    if change.marker_changed
        && let (Some(old), Some(new)) = (&change.old, &change.new)
    {
        pieces.push(piece("ký hiệu ".to_string(), mark));
        if unified {
            // Written as the text's changes are in this view (see `bracketed`).
            for (edge, label, style, close) in [
                ("[-", &old.label, Mark::Deleted, "-]"),
                ("{+", &new.label, Mark::Inserted, "+}"),
            ] {
                let edge_mark = if style == Mark::Deleted {
                    Mark::DeletedEdge
                } else {
                    Mark::InsertedEdge
                };
                pieces.push(piece(edge.to_string(), edge_mark));
                pieces.push(piece(label.clone(), style));
                pieces.push(piece(close.to_string(), edge_mark));
            }
        } else if new_side {
            pieces.push(piece(new.label.clone(), Mark::Inserted));
        } else {
            pieces.push(piece(old.label.clone(), Mark::Deleted));
        }
        pieces.push(piece("  ·  ".to_string(), mark));
    }
    pieces.push(piece(format!("dòng {}", u.line), mark));
    pieces
}

fn truncate(pieces: Vec<Piece>, width: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut used = 0;
    for p in pieces {
        let mut text = String::new();
        for g in p.text.graphemes(true) {
            let w = g.width();
            if used + w > width {
                break;
            }
            used += w;
            text.push_str(g);
        }
        out.push(Piece { text, mark: p.mark });
    }
    out
}

/// Lays the whole comparison out.
pub fn layout(cmp: &Comparison, key: LayoutKey) -> Vec<Row> {
    let mut rows = layout_all(cmp, key);
    if key.changed_only {
        // Rows stay sorted by (section, para): positions and section lookups work as before.
        rows.retain(|r| cmp.sections[r.section].is_difference());
    }
    rows
}

fn layout_all(cmp: &Comparison, key: LayoutKey) -> Vec<Row> {
    // A large comparison is laid out in two halves at once: sections lay out independently.
    let n = cmp.sections.len();
    if n >= PARALLEL_SECTIONS && crate::parallel::available() {
        let (mut first, second) = crate::parallel::join(
            || layout_sections(cmp, 0..n / 2, key),
            || layout_sections(cmp, n / 2..n, key),
        );
        first.extend(second);
        return first;
    }
    layout_sections(cmp, 0..n, key)
}

/// Below this many sections, one thread lays the comparison out faster than two.
const PARALLEL_SECTIONS: usize = 2000;

fn layout_sections(cmp: &Comparison, range: std::ops::Range<usize>, key: LayoutKey) -> Vec<Row> {
    let total = key.width as usize;
    let side = if key.unified {
        total.saturating_sub(1)
    } else {
        total.saturating_sub(3) / 2
    };
    let mut rows = Vec::new();
    for i in range {
        let change = &cmp.sections[i];
        if key.unified {
            rows.push(Row {
                section: i,
                left: truncate(heading_pieces(change, change.new.is_some(), true), side),
                right: Vec::new(),
                heading: true,
                para: 0,
            });
            let pairs = paragraph_pairs(change);
            let count = pairs.len();
            for (k, (old, new)) in pairs.into_iter().enumerate() {
                // Unified: the new paragraph with deletions inline, or the old one if deleted.
                let mut runs: Runs = Vec::new();
                match (old, new) {
                    (Some(o), Some(n)) => {
                        let changed = o.iter().chain(n.iter()).any(|(op, _)| *op != Op::Equal);
                        if changed {
                            merge_unified(&o, &n, &mut runs);
                        } else {
                            runs = n;
                        }
                    }
                    (Some(o), None) => runs = o,
                    (None, Some(n)) => runs = n,
                    (None, None) => {}
                }
                for line in wrap_marked(&bracketed(&runs), side, key.wrap) {
                    rows.push(Row {
                        section: i,
                        left: line,
                        right: Vec::new(),
                        heading: false,
                        para: k + 1,
                    });
                }
            }
            rows.push(Row::blank(i, count + 1));
            continue;
        }
        rows.push(Row {
            section: i,
            left: truncate(heading_pieces(change, false, false), side),
            right: truncate(heading_pieces(change, true, false), side),
            heading: true,
            para: 0,
        });
        let pairs = paragraph_pairs(change);
        let count = pairs.len();
        for (k, (old, new)) in pairs.into_iter().enumerate() {
            let left = old.map(|o| wrap(&o, side, key.wrap)).unwrap_or_default();
            let right = new.map(|n| wrap(&n, side, key.wrap)).unwrap_or_default();
            let height = left.len().max(right.len());
            let (mut left, mut right) = (left.into_iter(), right.into_iter());
            for _ in 0..height {
                rows.push(Row {
                    section: i,
                    left: left.next().unwrap_or_default(),
                    right: right.next().unwrap_or_default(),
                    heading: false,
                    para: k + 1,
                });
            }
        }
        rows.push(Row::blank(i, count + 1));
    }
    rows
}

/// The unified view's runs styled, each deletion in `[-…-]` and each insertion in `{+…+}` as
/// the CLI and `git diff --word-diff` write them: side by side in one column, a replaced word
/// or number must not read as one text with its replacement, with or without colour.
fn bracketed(runs: &Runs) -> Marked {
    let mut out: Marked = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let op = runs[i].0;
        let end = (i..runs.len())
            .find(|&k| runs[k].0 != op)
            .unwrap_or(runs.len());
        let (open, close, edge) = match op {
            Op::Equal => ("", "", Mark::Plain),
            Op::Delete => ("[-", "-]", Mark::DeletedEdge),
            Op::Insert => ("{+", "+}", Mark::InsertedEdge),
        };
        if op != Op::Equal {
            out.push((edge, open.to_string()));
        }
        out.extend(runs[i..end].iter().map(|(op, t)| (mark_of(*op), t.clone())));
        if op != Op::Equal {
            out.push((edge, close.to_string()));
        }
        i = end;
    }
    out
}

/// Interleaves the old and new runs of a paired paragraph for the unified view: equal text once,
/// deletions and insertions in the order they occur.
fn merge_unified(old: &Runs, new: &Runs, out: &mut Runs) {
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some((Op::Delete, t)), _) => {
                // A deletion replaced by an insertion is kept apart from it by the brackets of
                // `bracketed`, not by a space that would read `15/8 08/2023` as one date.
                out.push((Op::Delete, t.clone()));
                i += 1;
            }
            (_, Some((Op::Insert, t))) => {
                out.push((Op::Insert, t.clone()));
                j += 1;
            }
            (Some((Op::Equal, t)), Some((Op::Equal, _))) => {
                out.push((Op::Equal, t.clone()));
                i += 1;
                j += 1;
            }
            (Some(run), None) => {
                out.push(run.clone());
                i += 1;
            }
            (None, Some(run)) => {
                out.push(run.clone());
                j += 1;
            }
            _ => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Runs {
        vec![(Op::Equal, text.to_string())]
    }

    #[test]
    fn a_large_comparison_laid_out_in_halves_equals_one_pass() {
        let doc = |edit: usize| {
            let mut text = String::from("KẾ HOẠCH\nThử\n\n1. Phần một\n\n");
            for k in 0..2500 {
                let word = if k == edit { "đã sửa" } else { "như cũ" };
                text.push_str(&format!("- Việc số {k} của phần một, {word};\n\n"));
            }
            crate::outline::parse(&text)
        };
        let (old, new) = (doc(usize::MAX), doc(1234));
        let cmp = crate::compare::compare(
            crate::compare::Side {
                doc: &old.documents[0],
                lines: &old.lines,
            },
            crate::compare::Side {
                doc: &new.documents[0],
                lines: &new.lines,
            },
            &crate::compare::Options::default(),
        );
        assert!(cmp.sections.len() >= PARALLEL_SECTIONS);
        let key = LayoutKey {
            width: 100,
            unified: false,
            wrap: true,
            changed_only: false,
        };
        assert_eq!(
            layout(&cmp, key),
            layout_sections(&cmp, 0..cmp.sections.len(), key)
        );
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let lines = wrap(&runs("Đề nghị Ủy ban Mặt trận Tổ quốc"), 12, true);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|p| p.text.as_str()).collect())
            .collect();
        assert!(texts.iter().all(|t| t.width() <= 12), "{texts:?}");
        assert_eq!(
            texts.join(" ").split_whitespace().count(),
            8,
            "no syllable lost"
        );
    }

    #[test]
    fn punctuation_stays_with_its_word() {
        let lines = wrap(&runs("theo quy định của pháp luật. Các sở"), 27, true);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|p| p.text.as_str()).collect())
            .collect();
        assert!(texts.iter().all(|t| !t.starts_with('.')), "{texts:?}");
    }

    fn texts(lines: &[Vec<Piece>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|p| p.text.as_str()).collect())
            .collect()
    }

    fn change_of(edits: &[(Op, &str)]) -> SectionChange {
        SectionChange {
            status: crate::compare::Status::Changed,
            moved: false,
            renumbered: false,
            marker_changed: false,
            old: None,
            new: None,
            diff: crate::compare::TextDiff {
                edits: edits
                    .iter()
                    .map(|(op, t)| crate::compare::Edit {
                        op: *op,
                        text: t.to_string(),
                        old_text: None,
                    })
                    .collect(),
                ..Default::default()
            },
            notes: Vec::new(),
        }
    }

    #[test]
    fn a_break_on_one_side_only_keeps_both_lines() {
        // Old "A x" / "y B", new "A z B": the old break is inside the paired paragraph.
        let change = change_of(&[
            (Op::Equal, "A "),
            (Op::Delete, "x\ny"),
            (Op::Insert, "z"),
            (Op::Equal, " B\n"),
        ]);
        let pairs = paragraph_pairs(&change);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        let (old, new) = pairs[0].clone();
        assert_eq!(texts(&wrap(&old.unwrap(), 40, true)), ["A x", "y B"]);
        assert_eq!(texts(&wrap(&new.unwrap(), 40, true)), ["A z B"]);
    }

    #[test]
    fn replaced_lines_after_a_break_are_their_own_paragraphs() {
        let change = change_of(&[
            (Op::Equal, "năm 2023\n"),
            (Op::Delete, "DỰ THẢO\n"),
            (Op::Insert, "BẢN TRÌNH KÝ\n"),
            (Op::Equal, "KẾ HOẠCH\n"),
        ]);
        type Shown = (Option<Vec<String>>, Option<Vec<String>>);
        let shown: Vec<Shown> = paragraph_pairs(&change)
            .into_iter()
            .map(|(o, n)| {
                let side = |r: Option<Runs>| r.map(|r| texts(&wrap(&r, 40, true)));
                (side(o), side(n))
            })
            .collect();
        let one = |t: &str| Some(vec![t.to_string()]);
        assert_eq!(
            shown,
            [
                (one("năm 2023"), one("năm 2023")),
                (one("DỰ THẢO"), one("BẢN TRÌNH KÝ")),
                (one("KẾ HOẠCH"), one("KẾ HOẠCH")),
            ]
        );
    }

    #[test]
    fn wide_words_are_broken() {
        let lines = wrap(&runs("3593/VP-VX-ABCDEFGHIJKLMNOP"), 8, true);
        assert!(lines.len() >= 3);
    }
}
