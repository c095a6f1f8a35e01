//! The reviewer's decisions on the changes of a comparison (đã xem, tiếp thu, không tiếp thu,
//! ghi chú), the review file they are kept in, and the rows a "tiếp thu, giải trình" report is
//! made of.
//!
//! Pure: no terminal, no file system. A decision is keyed by what survives another run of the
//! comparison, a later round or another view: the section's place (numbering path) and a hash of
//! its old and new text. The same change found again (the same pair reopened, or the next round
//! of the same base where the section did not change) gets its decision back; a decision whose
//! change is gone is kept in the file, never dropped.

pub mod file;

use serde::{Deserialize, Serialize};

use crate::compare::{Comparison, SectionChange, Status};

pub use file::{FileError, ReviewFile};

/// What the reviewer decided about a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Đã xem: read, nothing to reply.
    Seen,
    /// Tiếp thu: the comment was taken in.
    TakenIn,
    /// Không tiếp thu: not taken in, with a reason.
    NotTakenIn,
}

impl Verdict {
    /// As the screen and the report write it.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Verdict::Seen => "đã xem",
            Verdict::TakenIn => "tiếp thu",
            Verdict::NotTakenIn => "không tiếp thu",
        }
    }

    /// One character for lists: `·` seen, `✓` taken in, `✗` not taken in.
    pub fn sign(self) -> char {
        match self {
            Verdict::Seen => '·',
            Verdict::TakenIn => '✓',
            Verdict::NotTakenIn => '✗',
        }
    }
}

/// What identifies a change across runs: its place and the hashes of its two texts (`None` for
/// the side it does not exist on).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChangeKey {
    pub place: String,
    pub old_hash: Option<String>,
    pub new_hash: Option<String>,
}

/// The numbering path of a change (`II.2.a`, `PL1/Điều 5`), or its block's name for the blocks
/// (`Chữ ký`, `PL1/Tiêu đề`), as the `section` field of the JSON reports names it.
pub fn place_of(change: &SectionChange) -> String {
    let Some(u) = change.new.as_ref().or(change.old.as_ref()) else {
        return String::new();
    };
    match (&u.number, &u.attachment) {
        (n, _) if !n.is_empty() => n.clone(),
        (_, Some(a)) => format!("{a}/{}", u.block.label_in_attachment()),
        (_, None) => u.block.label().to_string(),
    }
}

/// The citation form of a change's place (`điểm a khoản 2 Điều 5`), or its path when it has none.
pub fn citation_of(change: &SectionChange) -> String {
    change
        .new
        .as_ref()
        .or(change.old.as_ref())
        .map(|u| u.citation.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| place_of(change))
}

/// FNV-1a, 64 bits, as 16 hex digits: stable across runs, builds and platforms (the standard
/// library's hashers promise none of that), and enough to tell two texts of one section apart.
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.trim().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The key of a change.
pub fn key_of(change: &SectionChange) -> ChangeKey {
    ChangeKey {
        place: place_of(change),
        old_hash: change
            .old
            .as_ref()
            .map(|_| text_hash(&change.diff.old_text())),
        new_hash: change
            .new
            .as_ref()
            .map(|_| text_hash(&change.diff.new_text())),
    }
}

/// One decision, as kept in the review file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Numbering path or block name ([`place_of`]).
    pub place: String,
    /// The citation form when decided (for a reader of the file).
    #[serde(default)]
    pub citation: String,
    /// [`text_hash`] of the old text; `null` for an inserted section.
    pub old_hash: Option<String>,
    /// [`text_hash`] of the new text; `null` for a deleted section.
    pub new_hash: Option<String>,
    /// `null` when only a note was written.
    pub decision: Option<Verdict>,
    /// Why not taken in (lý do không tiếp thu).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Decision {
    fn key(&self) -> ChangeKey {
        ChangeKey {
            place: self.place.clone(),
            old_hash: self.old_hash.clone(),
            new_hash: self.new_hash.clone(),
        }
    }

    fn same_texts(&self, key: &ChangeKey) -> bool {
        self.old_hash == key.old_hash && self.new_hash == key.new_hash
    }
}

/// For each section of `cmp`, the index in `decisions` of its decision: the one with the same
/// place and texts, else one with the same texts elsewhere (the section was renumbered or moved
/// since) that no other section took. Sections that are no difference get none.
pub fn match_decisions(cmp: &Comparison, decisions: &[Decision]) -> Vec<Option<usize>> {
    if decisions.is_empty() {
        // Keys hash every change's text: not worth it on opening a large pair with no review.
        return vec![None; cmp.sections.len()];
    }
    let keys: Vec<Option<ChangeKey>> = cmp
        .sections
        .iter()
        .map(|s| s.is_difference().then(|| key_of(s)))
        .collect();
    let mut taken = vec![false; decisions.len()];
    let mut out: Vec<Option<usize>> = vec![None; keys.len()];
    // Exact keys first, so that a renumbered twin never takes a decision from its own place.
    let exact: std::collections::HashMap<ChangeKey, usize> = decisions
        .iter()
        .enumerate()
        .rev()
        .map(|(i, d)| (d.key(), i))
        .collect();
    for (s, key) in keys.iter().enumerate() {
        if let Some(&i) = key.as_ref().and_then(|k| exact.get(k))
            && !taken[i]
        {
            taken[i] = true;
            out[s] = Some(i);
        }
    }
    for (s, key) in keys.iter().enumerate() {
        let Some(key) = key else { continue };
        if out[s].is_some() {
            continue;
        }
        if let Some(i) = (0..decisions.len()).find(|&i| !taken[i] && decisions[i].same_texts(key)) {
            taken[i] = true;
            out[s] = Some(i);
        }
    }
    out
}

/// How far a review is: changes with a verdict, out of all changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub decided: usize,
    pub total: usize,
}

impl Progress {
    /// `12/23 đã quyết định`.
    pub fn vietnamese(&self) -> String {
        format!("{}/{} đã quyết định", self.decided, self.total)
    }
}

/// The decisions of a review and which change each belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    pub decisions: Vec<Decision>,
    /// Per section of the comparison: its decision.
    by_section: Vec<Option<usize>>,
}

/// A change to a section's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Verdict(Verdict),
    /// Không tiếp thu with its reason.
    NotTakenIn(String),
    Note(String),
    /// Removes the verdict (keeps a note).
    Clear,
}

impl Review {
    pub fn new(decisions: Vec<Decision>, cmp: &Comparison) -> Review {
        let by_section = match_decisions(cmp, &decisions);
        Review {
            decisions,
            by_section,
        }
    }

    /// Matches the decisions again after the comparison changed (other documents, options).
    pub fn rematch(&mut self, cmp: &Comparison) {
        self.by_section = match_decisions(cmp, &self.decisions);
    }

    /// The decision of section `s`.
    pub fn of(&self, s: usize) -> Option<&Decision> {
        self.by_section
            .get(s)
            .copied()
            .flatten()
            .map(|i| &self.decisions[i])
    }

    /// Applies `edit` to section `s` of `cmp`; `false` when `s` is no change (nothing to decide).
    pub fn apply(&mut self, cmp: &Comparison, s: usize, edit: Edit) -> bool {
        let Some(change) = cmp.sections.get(s).filter(|c| c.is_difference()) else {
            return false;
        };
        if self.by_section.len() != cmp.sections.len() {
            self.rematch(cmp);
        }
        let index = match self.by_section[s] {
            Some(i) => i,
            None => {
                let key = key_of(change);
                self.decisions.push(Decision {
                    place: key.place,
                    citation: citation_of(change),
                    old_hash: key.old_hash,
                    new_hash: key.new_hash,
                    decision: None,
                    reason: String::new(),
                    note: String::new(),
                });
                self.by_section[s] = Some(self.decisions.len() - 1);
                self.decisions.len() - 1
            }
        };
        let d = &mut self.decisions[index];
        // A decision found by its texts under another place (renumbered, moved) takes the
        // place it has now.
        d.place = place_of(change);
        d.citation = citation_of(change);
        match edit {
            Edit::Verdict(v) => {
                d.decision = Some(v);
                if v != Verdict::NotTakenIn {
                    d.reason.clear();
                }
            }
            Edit::NotTakenIn(reason) => {
                d.decision = Some(Verdict::NotTakenIn);
                d.reason = reason.trim().to_string();
            }
            Edit::Note(note) => d.note = note.trim().to_string(),
            Edit::Clear => {
                d.decision = None;
                d.reason.clear();
            }
        }
        // Nothing left to keep: the entry goes, so that the file lists only what was decided.
        if d.decision.is_none() && d.note.is_empty() {
            self.decisions.remove(index);
            self.rematch(cmp);
        }
        true
    }

    pub fn progress(&self, cmp: &Comparison) -> Progress {
        let total = cmp.sections.iter().filter(|s| s.is_difference()).count();
        let decided = (0..cmp.sections.len())
            .filter(|&s| cmp.sections[s].is_difference())
            .filter(|&s| self.of(s).is_some_and(|d| d.decision.is_some()))
            .count();
        Progress { decided, total }
    }

    /// Decisions that belong to no change of the comparison (their section changed again, or
    /// they come from another pair): kept, and counted for the reviewer.
    pub fn unmatched(&self) -> usize {
        let mut used = vec![false; self.decisions.len()];
        self.by_section
            .iter()
            .flatten()
            .for_each(|&i| used[i] = true);
        used.iter().filter(|u| !**u).count()
    }
}

/// What a change is, for the change list's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Changed,
    Inserted,
    Deleted,
    Moved,
    Renumbered,
}

impl Kind {
    pub fn of(change: &SectionChange) -> Option<Kind> {
        if change.moved {
            return Some(Kind::Moved);
        }
        match change.status {
            Status::Changed => Some(Kind::Changed),
            Status::Inserted => Some(Kind::Inserted),
            Status::Deleted => Some(Kind::Deleted),
            Status::Unchanged if change.renumbered => Some(Kind::Renumbered),
            Status::Unchanged => None,
        }
    }

    pub fn vietnamese(self) -> &'static str {
        match self {
            Kind::Changed => "sửa",
            Kind::Inserted => "thêm",
            Kind::Deleted => "xóa",
            Kind::Moved => "di chuyển",
            Kind::Renumbered => "đánh số lại",
        }
    }
}

/// At most `max` characters of `text` on one line, with `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The part of a change worth reading in a list: the first inserted or deleted words with a few
/// words around them, or the start of the text when the change is the whole section.
pub fn change_excerpt(change: &SectionChange, max: usize) -> String {
    use crate::compare::Op;
    let edits = &change.diff.edits;
    match edits.iter().position(|e| e.op != Op::Equal) {
        Some(i) if change.status == Status::Changed => {
            let before = edits[..i]
                .last()
                .map(|e| {
                    let words: Vec<&str> = e.text.split_whitespace().collect();
                    let tail = words[words.len().saturating_sub(3)..].join(" ");
                    if tail.is_empty() {
                        tail
                    } else {
                        format!("…{tail} ")
                    }
                })
                .unwrap_or_default();
            let changed: String = edits[i..]
                .iter()
                .take(4)
                .map(|e| match e.op {
                    Op::Delete => format!("[-{}-]", e.text.trim()),
                    Op::Insert => format!("{{+{}+}}", e.text.trim()),
                    Op::Equal => e.text.clone(),
                })
                .collect();
            excerpt(&format!("{before}{changed}"), max)
        }
        _ => excerpt(
            &if change.new.is_some() {
                change.diff.new_text()
            } else {
                change.diff.old_text()
            },
            max,
        ),
    }
}

/// One row of a "tiếp thu, giải trình" report: a decided change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyRow {
    /// Numbering path.
    pub place: String,
    /// Citation form (`điểm a khoản 2 Điều 5`).
    pub citation: String,
    pub old_excerpt: String,
    pub new_excerpt: String,
    pub decision: Verdict,
    pub reason: String,
    pub note: String,
}

/// Length of the excerpts of [`reply_rows`].
const REPLY_EXCERPT: usize = 200;

/// The decided changes of `cmp` in reading order, for a "tiếp thu, giải trình" report.
pub fn reply_rows(cmp: &Comparison, review: &Review) -> Vec<ReplyRow> {
    let mut review = review.clone();
    review.rematch(cmp);
    cmp.sections
        .iter()
        .enumerate()
        .filter_map(|(s, change)| {
            let d = review.of(s)?;
            let decision = d.decision?;
            let side = |present: bool, text: String| {
                if present {
                    excerpt(&text, REPLY_EXCERPT)
                } else {
                    String::new()
                }
            };
            Some(ReplyRow {
                place: place_of(change),
                citation: citation_of(change),
                old_excerpt: side(change.old.is_some(), change.diff.old_text()),
                new_excerpt: side(change.new.is_some(), change.diff.new_text()),
                decision,
                reason: d.reason.clone(),
                note: d.note.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
