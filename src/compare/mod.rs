//! Section-aligned comparison of two versions of a document.
//!
//! 1. Both documents become lists of [`units::Unit`]s (header, căn cứ, sections, Nơi nhận,
//!    signature). 2. [`align::align`] pairs them by structure and content and finds moves.
//! 3. Each pair is diffed word by word ([`words::diff_paragraphs`]). Markers are compared apart
//!    from the text, so a renumbering alone is not a text change.

pub mod align;
pub mod options;
pub mod similarity;
pub mod tokens;
pub mod units;
pub mod words;

use serde::Serialize;

use crate::document::lines::Lines;
use crate::outline::{Document, MarkerKind};

pub use options::{IgnoreWhat, Options};
pub use units::Block;
pub use words::{Edit, Op, TextDiff};

/// One side of a comparison: a document and the original lines of its file.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub doc: &'a Document,
    pub lines: &'a Lines,
}

/// What happened to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Unchanged,
    Changed,
    Inserted,
    Deleted,
}

/// A unit on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    pub block: Block,
    /// The key of the attachment the unit is in (`PL1`), `null` in the document's own text.
    pub attachment: Option<String>,
    pub kind: Option<MarkerKind>,
    pub number: String,
    pub label: String,
    pub title: String,
    pub line: u32,
    /// The place as a reader cites it (`điểm a khoản 2 Điều 5`); not in the JSON report, whose
    /// fields are a contract (the review screen and the review file use it).
    #[serde(skip)]
    pub citation: String,
}

/// The comparison of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionChange {
    pub status: Status,
    pub moved: bool,
    /// Same kind of marker, other number (`b)` became `c)`).
    pub renumbered: bool,
    /// Other kind of marker (`a)` became `-`).
    pub marker_changed: bool,
    pub old: Option<UnitRef>,
    pub new: Option<UnitRef>,
    pub diff: TextDiff,
    /// Differences of form the options do not ignore (markup, Unicode form).
    pub notes: Vec<String>,
}

impl SectionChange {
    /// The number shown for this change: the new number, or the old one for a deletion.
    pub fn number(&self) -> &str {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or("", |u| u.number.as_str())
    }

    pub fn block(&self) -> Block {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or(Block::Section, |u| u.block)
    }

    /// One character for the review screen's outline and headings: `>` moved, `~` changed,
    /// `+` inserted, `-` deleted, `#` renumbered, space when nothing happened.
    pub fn mark(&self) -> char {
        match (self.status, self.moved, self.renumbered) {
            (_, true, _) => '>',
            (Status::Changed, _, _) => '~',
            (Status::Inserted, _, _) => '+',
            (Status::Deleted, _, _) => '-',
            (_, _, true) => '#',
            _ => ' ',
        }
    }

    /// Whether this entry is worth showing: anything but an unchanged, unmoved unit.
    pub fn is_difference(&self) -> bool {
        self.status != Status::Unchanged || self.moved || self.renumbered
    }
}

/// Counts over a comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub sections_unchanged: usize,
    pub sections_changed: usize,
    pub sections_inserted: usize,
    pub sections_deleted: usize,
    pub sections_moved: usize,
    pub sections_renumbered: usize,
    pub words_inserted: usize,
    pub words_deleted: usize,
    /// Sections compared coarsely because they ran out of budget.
    pub sections_coarse: usize,
}

/// The comparison of two documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub sections: Vec<SectionChange>,
    pub stats: Stats,
    pub ignored: Vec<&'static str>,
}

impl Comparison {
    pub fn has_differences(&self) -> bool {
        self.sections.iter().any(SectionChange::is_difference)
    }
}

fn unit_ref(u: &units::Unit) -> UnitRef {
    UnitRef {
        block: u.block,
        attachment: u.attachment.map(str::to_string),
        kind: u.kind,
        number: u.number.to_string(),
        label: u.label.to_string(),
        title: u.title.to_string(),
        line: u.line,
        citation: u.citation.clone(),
    }
}

/// The own paragraphs of a unit (none for a missing one).
fn texts<'u>(u: Option<&'u units::Unit>) -> Vec<&'u str> {
    u.map_or(Vec::new(), |u| {
        u.paragraphs.iter().map(|p| p.as_ref()).collect()
    })
}

/// The comparison of one aligned entry.
fn section_change(e: &align::Entry, old: Side, new: Side, options: &Options) -> SectionChange {
    let no_keys: Vec<std::borrow::Cow<str>> = Vec::new();
    let (old_texts, new_texts) = (texts(e.old), texts(e.new));
    let old_paras = (&old_texts, e.old.map_or(&no_keys, |u| &u.paragraph_keys));
    let new_paras = (&new_texts, e.new.map_or(&no_keys, |u| &u.paragraph_keys));
    // Most units are equal: skip the word diff for them.
    let diff = match (e.old, e.new) {
        (Some(o), Some(n)) if o.same_text(n) => words::equal(old_paras.0, new_paras.0),
        _ => words::diff_keyed_paragraphs(
            (old_paras.0, old_paras.1),
            (new_paras.0, new_paras.1),
            options,
        ),
    };
    let (status, renumbered, marker_changed, notes) = match (e.old, e.new) {
        (Some(o), Some(n)) => {
            let same_kind = o.kind == n.kind;
            let renumbered = same_kind && !o.is_bullet() && o.label != n.label;
            let marker_changed = !same_kind && !options.list_markers;
            let mut notes = Vec::new();
            if !options.markup
                && units::markup_signature(o, old.lines) != units::markup_signature(n, new.lines)
            {
                notes.push("định dạng (đậm/nghiêng) thay đổi".to_string());
            }
            if !options.unicode_form
                && units::has_decomposed_text(o, old.lines)
                    != units::has_decomposed_text(n, new.lines)
            {
                notes.push("dạng Unicode (NFC/NFD) thay đổi".to_string());
            }
            let changed = diff.has_changes() || marker_changed || !notes.is_empty();
            let status = if changed {
                Status::Changed
            } else {
                Status::Unchanged
            };
            (status, renumbered, marker_changed, notes)
        }
        (Some(_), None) => (Status::Deleted, false, false, Vec::new()),
        _ => (Status::Inserted, false, false, Vec::new()),
    };
    SectionChange {
        status,
        moved: e.moved,
        renumbered,
        marker_changed,
        old: e.old.map(unit_ref),
        new: e.new.map(unit_ref),
        diff,
        notes,
    }
}

/// Below this many lines in both versions together, the units are built on one thread.
const PARALLEL_LINES: usize = 20_000;

/// Compares `old` with `new` under `options`.
pub fn compare(old: Side, new: Side, options: &Options) -> Comparison {
    // Both versions' units at once when they are large enough for a thread to pay off.
    let large = old.lines.len() + new.lines.len() >= PARALLEL_LINES;
    let (old_units, new_units) = if large && crate::parallel::available() {
        crate::parallel::join(
            || units::units(old.doc, Some(old.lines), options),
            || units::units(new.doc, Some(new.lines), options),
        )
    } else {
        (
            units::units(old.doc, Some(old.lines), options),
            units::units(new.doc, Some(new.lines), options),
        )
    };
    let entries = align::align(&old_units, &new_units);
    let changes = |entries: &[align::Entry]| -> Vec<SectionChange> {
        entries
            .iter()
            .map(|e| section_change(e, old, new, options))
            .collect()
    };
    let sections = if large && crate::parallel::available() {
        // Two halves at once: the entries are independent, and most of the time goes to
        // copying their text (equal units) and diffing the few that changed.
        let (first, second) = entries.split_at(entries.len() / 2);
        let (mut sections, rest) = crate::parallel::join(|| changes(first), || changes(second));
        sections.extend(rest);
        sections
    } else {
        changes(&entries)
    };
    let mut stats = Stats::default();
    for s in &sections {
        match s.status {
            Status::Unchanged => stats.sections_unchanged += 1,
            Status::Changed => stats.sections_changed += 1,
            Status::Inserted => stats.sections_inserted += 1,
            Status::Deleted => stats.sections_deleted += 1,
        }
        stats.sections_moved += usize::from(s.moved);
        stats.sections_renumbered += usize::from(s.renumbered);
        stats.sections_coarse += usize::from(s.diff.coarse);
        stats.words_inserted += s.diff.words_inserted;
        stats.words_deleted += s.diff.words_deleted;
    }
    Comparison {
        sections,
        stats,
        ignored: options.ignored(),
    }
}
