//! The state of the review screen. Everything here is plain data; `update` changes it and `view`
//! draws it.

use std::sync::Arc;

use ratatui::layout::{Constraint, Direction, Layout, Rect, Size};

use crate::compare::{self, Comparison, Options, Side};
use crate::decisions::{self, Edit, Kind, Review, ReviewFile};
use crate::input::LoadedFile;
use crate::outline::Document;
use crate::rules::Finding;
use crate::rules::rounds::RoundDoc;
use crate::workspace::Profile;

use unicode_width::UnicodeWidthStr;

use super::layout::{LayoutKey, Piece, Row, layout};
use super::search::{self, Hit, SearchMode};

/// The panes that take the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Outline,
    Diff,
    Findings,
}

/// Choosing the two documents of a multi-document file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// 0 while choosing the old document, 1 the new.
    pub step: u8,
    pub selected: usize,
    pub old: usize,
}

/// An active search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    pub mode: SearchMode,
    /// Rows where a match starts.
    pub matches: Vec<usize>,
    /// The parts of rows the matches cover (highlighted).
    pub hits: Vec<Hit>,
    pub current: usize,
}

impl Search {
    /// Searches `rows` for `query`; `None` when nothing matches. The current match is the first
    /// one at or after `from`.
    pub fn run(rows: &[Row], query: &str, mode: SearchMode, from: usize) -> Option<Search> {
        let found = search::find(rows, query, mode);
        if found.rows.is_empty() {
            return None;
        }
        let current = found.rows.iter().position(|&r| r >= from).unwrap_or(0);
        Some(Search {
            query: query.to_string(),
            mode,
            matches: found.rows,
            hits: found.hits,
            current,
        })
    }
}

/// What a line typed at the bottom of the screen is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFor {
    /// The reason a change of section `.0` is not taken in (không tiếp thu).
    Reason(usize),
    /// A note on the change of section `.0`.
    Note(usize),
    /// A place to go to, written as a reader cites it (`:`).
    Place,
    /// Words the change list's places must contain (`/` in the list).
    ListQuery,
}

/// A line being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    pub purpose: InputFor,
    pub text: String,
}

/// Which changes the change list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Changed,
    Inserted,
    Deleted,
    Moved,
    WithFindings,
    Undecided,
}

impl Filter {
    pub const ALL: [Filter; 7] = [
        Filter::All,
        Filter::Changed,
        Filter::Inserted,
        Filter::Deleted,
        Filter::Moved,
        Filter::WithFindings,
        Filter::Undecided,
    ];

    pub fn vietnamese(self) -> &'static str {
        match self {
            Filter::All => "tất cả",
            Filter::Changed => "sửa",
            Filter::Inserted => "thêm",
            Filter::Deleted => "xóa",
            Filter::Moved => "di chuyển",
            Filter::WithFindings => "có phát hiện",
            Filter::Undecided => "chưa quyết định",
        }
    }

    /// The next filter (`f` in the change list).
    pub fn next(self) -> Filter {
        let i = Filter::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Filter::ALL[(i + 1) % Filter::ALL.len()]
    }
}

/// The change list (`d`): every change, filtered, with a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChangeList {
    pub filter: Filter,
    /// Index into [`App::changes`].
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search query.
    SearchInput(String),
    Help,
    Picker(Picker),
    /// The list of changes.
    Changes(ChangeList),
    /// Typing a reason, a note or a place; the change list it came from, if any, comes back.
    Input(TextInput, Option<ChangeList>),
}

/// Where each part of the screen is, computed from the terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    pub outline: Rect,
    pub diff: Rect,
    pub findings: Rect,
    pub status: Rect,
    /// The screen is too small to draw the panes.
    pub too_small: bool,
}

/// Smallest usable screen: below it the panes are not drawn and a message says so. README's
/// "Works from W×H up" states the same size (checked by `tests/it/tui.rs`).
pub const MIN_SIZE: Size = Size {
    width: 60,
    height: 12,
};

impl Regions {
    pub fn of(width: u16, height: u16) -> Regions {
        let area = Rect::new(0, 0, width, height);
        let too_small = width < MIN_SIZE.width || height < MIN_SIZE.height;
        let [main, status] = Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Min(1), Constraint::Length(1)])
            .areas(area);
        let findings_height = (main.height / 4).clamp(4, 12);
        let [top, findings] = Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Min(3), Constraint::Length(findings_height)])
            .areas(main);
        let outline_width = (width / 4).clamp(18, 40);
        let [outline, diff] = Layout::default()
            .direction(Direction::Horizontal)
            .constraints([Constraint::Length(outline_width), Constraint::Min(10)])
            .areas(top);
        Regions {
            outline,
            diff,
            findings,
            status,
            too_small,
        }
    }

    /// Width of the text inside the comparison pane (its borders removed).
    pub fn diff_text_width(&self) -> u16 {
        self.diff.width.saturating_sub(2)
    }

    /// Number of rows inside a pane.
    pub fn inner_height(r: Rect) -> usize {
        r.height.saturating_sub(2) as usize
    }
}

/// A position in the comparison that does not depend on its layout: a paragraph of a section
/// and how far into it.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    section: usize,
    para: usize,
    /// The view it was taken in: characters count the same only in the same view.
    unified: bool,
    /// Non-space characters of the paragraph before the row (see [`paragraph_side`]).
    chars: usize,
    /// Rows from the paragraph's first row, out of `rows`.
    offset: usize,
    rows: usize,
}

/// Non-space characters of a row side: wrapping drops spaces, never these.
fn visible_chars(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .map(|p| p.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// Which side of a paragraph's rows positions are counted on: the new one when it has text.
fn paragraph_side(rows: &[Row]) -> fn(&Row) -> &[Piece] {
    if rows.iter().any(|r| !r.right.is_empty()) {
        |r| &r.right
    } else {
        |r| &r.left
    }
}

/// The review screen's state.
pub struct App {
    pub old_file: Arc<LoadedFile>,
    pub new_file: Arc<LoadedFile>,
    pub old_index: usize,
    pub new_index: usize,
    /// The rules and configuration the findings come from (those `rasoat check` takes for the
    /// new file).
    pub profile: Profile,
    pub options: Options,
    pub comparison: Comparison,
    /// Findings of the new document, labelled against the old one.
    pub findings: Vec<Finding>,
    /// Findings of the old document that the new one fixed.
    pub fixed: usize,
    pub unified: bool,
    pub wrap: bool,
    pub focus: Pane,
    pub outline_selected: usize,
    pub findings_selected: usize,
    /// The finding `]`/`[` or the findings pane last took the cursor to, with the cursor row
    /// then: while the cursor stays there, the next `]` goes on from that finding.
    pub finding_at: Option<(usize, usize)>,
    /// First visible row of the comparison.
    pub scroll: usize,
    /// Columns scrolled off to the left of each column of the comparison (without wrap).
    pub hscroll: usize,
    /// The row the reviewer navigated to (a search match, a section's heading); the current
    /// section is the one this row belongs to.
    pub cursor: usize,
    pub width: u16,
    pub height: u16,
    pub mode: Mode,
    /// Lines of the help overlay scrolled off its top.
    pub help_scroll: usize,
    pub search: Option<Search>,
    /// How the next search matches (toggled in the search prompt).
    pub search_mode: SearchMode,
    pub status: Option<String>,
    pub quit: bool,
    /// The findings are being computed in the background.
    pub findings_pending: bool,
    /// The reviewer's decisions on the changes.
    pub review: Review,
    /// Where the decisions are saved (beside the new file); `None` when they cannot be (the new
    /// version was read from standard input) or before the runtime attached a file.
    pub review_path: Option<std::path::PathBuf>,
    /// Why the review file found there is not used: it stays untouched, and decisions are not
    /// saved over it.
    pub review_blocked: Option<String>,
    /// Only the sections that differ are laid out (`z`).
    pub changed_only: bool,
    /// The change list shows only the places that contain these words, without tone marks
    /// (`khoan 1 dieu 5` keeps `điểm a khoản 1 Điều 5`); empty: all.
    pub changes_query: String,
    /// The section of each finding (computed when either changes).
    finding_sections: Vec<Option<usize>>,
    rows: Vec<Row>,
    rows_key: Option<LayoutKey>,
    /// The widest side of any text row (for the horizontal scroll).
    rows_width: usize,
    /// The scroll and cursor rows set by the last relayout, with the positions they stand for.
    anchors: Option<(usize, usize, Anchor, Anchor)>,
}

impl App {
    /// A review of `old_index` in `old_file` against `new_index` in `new_file` (1-based), with
    /// its findings.
    pub fn new(
        old_file: Arc<LoadedFile>,
        old_index: usize,
        new_file: Arc<LoadedFile>,
        new_index: usize,
        rules: impl Into<Profile>,
        options: Options,
    ) -> App {
        let mut app = App::new_deferred(old_file, old_index, new_file, new_index, rules, options);
        app.refresh_rows();
        app.recheck();
        app.status = app.status.take().or_else(|| app.bundle_hint());
        app
    }

    /// For two files of several documents (bundles), which documents differ, so that the reviewer
    /// knows there is more to see than the pair on screen.
    pub fn bundle_hint(&self) -> Option<String> {
        let differ = self.differing_documents()?;
        let (old, new) = (&self.old_file.parsed, &self.new_file.parsed);
        let differ: Vec<String> = differ.iter().map(|i| format!("#{i}")).collect();
        Some(format!(
            "Hai tệp có {} và {} văn bản; khác nhau: {}. Đang so sánh #{} với #{} — nhấn o để chọn.",
            old.documents.len(),
            new.documents.len(),
            if differ.is_empty() {
                "không có".to_string()
            } else {
                differ.join(", ")
            },
            self.old_index,
            self.new_index
        ))
    }

    /// For two files of several documents (bundles), the documents (1-based) whose text differs
    /// from the document at the same place in the other file; `None` for other pairs.
    pub fn differing_documents(&self) -> Option<Vec<usize>> {
        let (old, new) = (&self.old_file.parsed, &self.new_file.parsed);
        if Arc::ptr_eq(&self.old_file, &self.new_file)
            || old.documents.len() < 2 && new.documents.len() < 2
        {
            return None;
        }
        let text = |file: &crate::outline::ParsedFile, d: &Document| -> Vec<String> {
            (d.first_line..=d.last_line)
                .filter_map(|n| file.lines.line(n))
                .map(|l| l.text.as_str().trim().to_string())
                .filter(|t| !t.is_empty())
                .collect()
        };
        let count = old.documents.len().max(new.documents.len());
        Some(
            (0..count)
                .filter(|&i| match (old.documents.get(i), new.documents.get(i)) {
                    (Some(a), Some(b)) => text(old, a) != text(new, b),
                    _ => true,
                })
                .map(|i| i + 1)
                .collect(),
        )
    }

    /// Like [`App::new`] but without running the rules: the runtime computes the findings in the
    /// background ([`App::findings_job`]) so that the first screen does not wait for them.
    pub fn new_deferred(
        old_file: Arc<LoadedFile>,
        old_index: usize,
        new_file: Arc<LoadedFile>,
        new_index: usize,
        rules: impl Into<Profile>,
        options: Options,
    ) -> App {
        let mut app = App {
            old_file,
            new_file,
            old_index,
            new_index,
            profile: rules.into(),
            options,
            comparison: Comparison {
                sections: Vec::new(),
                stats: Default::default(),
                ignored: Vec::new(),
            },
            findings: Vec::new(),
            fixed: 0,
            unified: false,
            wrap: true,
            focus: Pane::Diff,
            outline_selected: 0,
            findings_selected: 0,
            finding_at: None,
            scroll: 0,
            hscroll: 0,
            cursor: 0,
            width: 80,
            height: 24,
            mode: Mode::Normal,
            help_scroll: 0,
            search: None,
            search_mode: SearchMode::default(),
            status: None,
            quit: false,
            finding_sections: Vec::new(),
            rows: Vec::new(),
            rows_key: None,
            rows_width: 0,
            anchors: None,
            findings_pending: false,
            review: Review::default(),
            review_path: None,
            review_blocked: None,
            changed_only: false,
            changes_query: String::new(),
        };
        // Compared now, laid out at the first `Msg::Resize`: the runtime knows the terminal's
        // size only then, and laying a large pair out twice costs as much as comparing it.
        app.compare_only();
        app.findings_pending = true;
        app
    }

    /// A closure computing the findings of the current pair (to run on another thread).
    pub fn findings_job(&self) -> impl FnOnce() -> (Vec<Finding>, usize) + Send + 'static {
        let (old_file, new_file, profile) = (
            Arc::clone(&self.old_file),
            Arc::clone(&self.new_file),
            self.profile.clone(),
        );
        let (oi, ni) = (self.old_index, self.new_index);
        move || {
            let r = profile.round_findings(
                RoundDoc {
                    file: &new_file.parsed,
                    doc: &new_file.parsed.documents[ni - 1],
                },
                &new_file.path,
                RoundDoc {
                    file: &old_file.parsed,
                    doc: &old_file.parsed.documents[oi - 1],
                },
                &old_file.path,
            );
            (r.current, r.fixed.len())
        }
    }

    /// Receives findings computed in the background.
    pub fn set_findings(&mut self, findings: Vec<Finding>, fixed: usize) {
        self.findings = findings;
        self.fixed = fixed;
        self.findings_selected = 0;
        self.finding_at = None;
        self.findings_pending = false;
        self.map_findings();
    }

    pub fn old_doc(&self) -> &Document {
        &self.old_file.parsed.documents[self.old_index - 1]
    }

    pub fn new_doc(&self) -> &Document {
        &self.new_file.parsed.documents[self.new_index - 1]
    }

    /// Documents a picker chooses from at `step`: the old file's (0), then the new file's (1).
    pub fn documents_for(&self, step: u8) -> &[Document] {
        if step == 0 {
            &self.old_file.parsed.documents
        } else {
            &self.new_file.parsed.documents
        }
    }

    pub fn regions(&self) -> Regions {
        Regions::of(self.width, self.height)
    }

    /// Recomputes the comparison (after a change of documents or options).
    pub fn recompare(&mut self) {
        self.compare_only();
        self.refresh_rows();
        self.outline_selected = self
            .outline_selected
            .min(self.comparison.sections.len().saturating_sub(1));
    }

    /// Compares the current pair without laying the rows out (they are marked stale).
    fn compare_only(&mut self) {
        let old = Side {
            doc: &self.old_file.parsed.documents[self.old_index - 1],
            lines: &self.old_file.parsed.lines,
        };
        let new = Side {
            doc: &self.new_file.parsed.documents[self.new_index - 1],
            lines: &self.new_file.parsed.lines,
        };
        self.comparison = compare::compare(old, new, &self.options);
        self.review.rematch(&self.comparison);
        self.map_findings();
        self.rows_key = None;
        self.anchors = None;
        self.finding_at = None;
    }

    /// Re-runs the rules (after a change of documents).
    pub fn recheck(&mut self) {
        let (findings, fixed) = self.findings_job()();
        self.set_findings(findings, fixed);
    }

    /// Maps every finding to its section: by numbering path, else by the last block that starts
    /// at or before the finding's line (one table lookup or binary search per finding).
    fn map_findings(&mut self) {
        let mut by_number: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::new();
        let mut by_line: Vec<(u32, usize)> = Vec::new();
        for (i, s) in self.comparison.sections.iter().enumerate() {
            if let Some(u) = s.new.as_ref() {
                if !u.number.is_empty() {
                    by_number.entry(u.number.as_str()).or_insert(i);
                }
                if u.line > 0 {
                    by_line.push((u.line, i));
                }
            }
        }
        by_line.sort_unstable();
        self.finding_sections = self
            .findings
            .iter()
            .map(|f| {
                by_number.get(f.section().as_str()).copied().or_else(|| {
                    let k = by_line.partition_point(|(line, _)| *line <= f.line);
                    (k > 0).then(|| by_line[k - 1].1)
                })
            })
            .collect();
    }

    /// The section of the finding at `index`.
    pub fn finding_section(&self, index: usize) -> Option<usize> {
        self.finding_sections.get(index).copied().flatten()
    }

    fn layout_key(&self) -> LayoutKey {
        LayoutKey {
            width: self.regions().diff_text_width(),
            unified: self.unified,
            wrap: self.wrap,
            changed_only: self.changed_only,
        }
    }

    /// The rows of `(section, para)` in the current layout.
    fn paragraph_rows(&self, section: usize, para: usize) -> std::ops::Range<usize> {
        let key = (section, para);
        let start = self.rows.partition_point(|x| (x.section, x.para) < key);
        let end = self.rows.partition_point(|x| (x.section, x.para) <= key);
        start..end
    }

    /// Where `row` is, in terms that survive another layout of the same comparison.
    fn anchor(&self, row: usize) -> Option<Anchor> {
        let r = self.rows.get(row)?;
        let rows = self.paragraph_rows(r.section, r.para);
        let side = paragraph_side(&self.rows[rows.clone()]);
        let chars = self.rows[rows.start..row]
            .iter()
            .map(|r| visible_chars(side(r)))
            .sum();
        Some(Anchor {
            section: r.section,
            para: r.para,
            unified: self.unified,
            chars,
            offset: row - rows.start,
            rows: rows.len(),
        })
    }

    /// The row at `anchor` in the current layout: the same paragraph, at the row holding the
    /// same character (or as far into it, in proportion, after a change of view).
    fn row_at(&self, anchor: Anchor) -> usize {
        let rows = self.paragraph_rows(anchor.section, anchor.para);
        if rows.is_empty() {
            return rows.start.min(self.rows.len().saturating_sub(1));
        }
        let last = rows.end - 1;
        if anchor.unified != self.unified {
            return rows.start + (anchor.offset * rows.len() / anchor.rows.max(1)).min(last);
        }
        let side = paragraph_side(&self.rows[rows.clone()]);
        let mut before = 0;
        for i in rows.clone() {
            before += visible_chars(side(&self.rows[i]));
            if before > anchor.chars {
                return i;
            }
        }
        last
    }

    /// Lays the rows out again if the width or the view changed (cached otherwise). The top row
    /// and the cursor stay on the same paragraph of the same section: a resize or another view
    /// keeps the reading position.
    pub fn refresh_rows(&mut self) {
        let key = self.layout_key();
        if self.rows_key != Some(key) {
            // Only a new layout of the same comparison has positions to keep.
            // The anchors of the last layout are kept while the reviewer has not moved since:
            // taken again from rounded rows, the position would creep up at every resize.
            let kept = match self.anchors {
                Some((scroll, cursor, top, at))
                    if (scroll, cursor) == (self.scroll, self.cursor) =>
                {
                    Some((top, at))
                }
                _ => self
                    .rows_key
                    .and_then(|_| Some((self.anchor(self.scroll)?, self.anchor(self.cursor)?))),
            };
            self.rows = layout(&self.comparison, key);
            self.rows_key = Some(key);
            self.anchors = None;
            if let Some((top, cursor)) = kept {
                self.scroll = self.row_at(top).min(self.max_scroll());
                self.cursor = self.row_at(cursor);
                self.anchors = Some((self.scroll, self.cursor, top, cursor));
            }
            // The matches are rows of the old layout: found again in the new one.
            if let Some(s) = self.search.take() {
                self.search = Search::run(&self.rows, &s.query, s.mode, self.cursor);
            }
            self.rows_width = self
                .rows
                .iter()
                .filter(|r| !r.heading)
                .flat_map(|r| [&r.left, &r.right])
                .map(|side| side.iter().map(|p| p.text.width()).sum::<usize>())
                .max()
                .unwrap_or(0);
            self.hscroll = self.hscroll.min(self.max_hscroll());
            self.scroll = self.scroll.min(self.max_scroll());
            self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        }
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Rows visible in the comparison pane.
    pub fn page(&self) -> usize {
        Regions::inner_height(self.regions().diff).max(1)
    }

    /// Width of one column of text in the comparison (the whole pane in the unified view).
    pub fn side_width(&self) -> usize {
        let total = self.regions().diff_text_width() as usize;
        if self.unified {
            total
        } else {
            total.saturating_sub(3) / 2
        }
    }

    /// The farthest the columns scroll to the right: the widest row's end at the right edge.
    /// Nothing to scroll with wrap on.
    pub fn max_hscroll(&self) -> usize {
        if self.wrap {
            0
        } else {
            self.rows_width.saturating_sub(self.side_width())
        }
    }

    /// The last first row that still fills the comparison pane.
    pub fn max_scroll(&self) -> usize {
        self.rows.len().saturating_sub(self.page())
    }

    /// First row of a section.
    pub fn row_of_section(&self, section: usize) -> Option<usize> {
        // Rows are in section order.
        let row = self.rows.partition_point(|r| r.section < section);
        (self.rows.get(row)?.section == section).then_some(row)
    }

    /// The section of the cursor row.
    pub fn current_section(&self) -> usize {
        self.rows.get(self.cursor).map_or(0, |r| r.section)
    }

    /// Number of findings per section (for the outline).
    pub fn findings_in(&self, section: usize) -> usize {
        self.finding_sections
            .iter()
            .filter(|s| **s == Some(section))
            .count()
    }

    /// The review file of the decisions as they stand.
    pub fn review_file(&self) -> ReviewFile {
        let mut file = ReviewFile::new(
            &self.old_file.display(),
            self.old_index,
            &self.new_file.display(),
            self.new_index,
        );
        file.decisions = self.review.decisions.clone();
        file
    }

    /// Takes the decisions of a review file read from disk.
    pub fn load_review(&mut self, file: ReviewFile) {
        self.review = Review::new(file.decisions, &self.comparison);
    }

    /// Applies a decision to section `s`; `false` when it is no change.
    pub fn decide(&mut self, s: usize, edit: Edit) -> bool {
        self.review.apply(&self.comparison, s, edit)
    }

    pub fn progress(&self) -> decisions::Progress {
        self.review.progress(&self.comparison)
    }

    /// The sections the change list shows under `filter`, in reading order.
    pub fn changes(&self, filter: Filter) -> Vec<usize> {
        // Findings per section, counted once (not once per section: a large pair has many of
        // both).
        let mut counts = vec![0usize; self.comparison.sections.len()];
        if filter == Filter::WithFindings {
            for s in self.finding_sections.iter().flatten() {
                if let Some(c) = counts.get_mut(*s) {
                    *c += 1;
                }
            }
        }
        let query = crate::text::fold(self.changes_query.trim());
        self.comparison
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                query.is_empty()
                    || [
                        decisions::citation_of(s),
                        decisions::place_of(s),
                        s.new
                            .as_ref()
                            .or(s.old.as_ref())
                            .map_or(String::new(), |u| u.title.clone()),
                    ]
                    .iter()
                    .any(|t| crate::text::fold(t).contains(&query))
            })
            .filter(|(i, s)| {
                let Some(kind) = Kind::of(s) else {
                    return false;
                };
                match filter {
                    Filter::All => true,
                    Filter::Changed => kind == Kind::Changed,
                    Filter::Inserted => kind == Kind::Inserted,
                    Filter::Deleted => kind == Kind::Deleted,
                    Filter::Moved => kind == Kind::Moved,
                    Filter::WithFindings => counts[*i] > 0,
                    Filter::Undecided => self.review.of(*i).is_none_or(|d| d.decision.is_none()),
                }
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The section at the place `query` names, written as a reader cites it (`điểm c khoản 1
    /// Điều 5`, `mục 2 phần II`, with the attachment: `Điều 3 Quy chế`) or as a numbering path
    /// (`II.2`): the same citation first, then one that matches without tone marks or case,
    /// then the first whose citation starts with it.
    pub fn find_place(&self, query: &str) -> Option<usize> {
        // Commas between the parts are allowed, as in `điểm c, khoản 1, Điều 5`.
        let words = |t: &str| {
            t.split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let q = words(query);
        if q.is_empty() {
            return None;
        }
        let lower = q.to_lowercase();
        let folded = crate::text::fold(&q);
        let sections = &self.comparison.sections;
        let names: Vec<(String, String)> = sections
            .iter()
            .map(|s| (words(&decisions::citation_of(s)), decisions::place_of(s)))
            .collect();
        let exact = |f: &dyn Fn(&str) -> bool| names.iter().position(|(c, p)| f(c) || f(p));
        exact(&|n: &str| n == q)
            .or_else(|| exact(&|n: &str| n.to_lowercase() == lower))
            .or_else(|| exact(&|n: &str| crate::text::fold(n) == folded))
            .or_else(|| {
                names
                    .iter()
                    .position(|(c, _)| crate::text::fold(c).starts_with(&folded))
            })
    }
}
