//! `update`: applies a message to the state and returns the effects to carry out. No terminal and
//! no file system here: exporting and copying are effects the runtime performs.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use crate::compare::IgnoreWhat;
use crate::report::diff::{DocInfo, write_html, write_markdown};

use super::keys::{Action, action_for};
use crate::decisions::{Edit, Verdict};

use super::model::{App, ChangeList, InputFor, Mode, Pane, Picker, Regions, Search, TextInput};

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
}

/// Something for the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write a report; the runtime picks a file name that does not exist yet.
    Export {
        extension: &'static str,
        contents: String,
    },
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Write the review file (atomically: a crash or a kill leaves the old file or the new one).
    SaveReview {
        path: std::path::PathBuf,
        contents: String,
    },
}

/// Applies `msg`.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Resize(w, h) => {
            app.width = w;
            app.height = h;
            app.refresh_rows();
            Vec::new()
        }
        Msg::Mouse(m) => {
            mouse(app, m);
            Vec::new()
        }
        Msg::Key(k) => key(app, k),
    }
}

fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    if k.kind == ratatui::crossterm::event::KeyEventKind::Release {
        return Vec::new();
    }
    match app.mode.clone() {
        Mode::Help => {
            help_key(app, k);
            Vec::new()
        }
        Mode::SearchInput(mut query) => {
            match k.code {
                KeyCode::Esc => app.mode = Mode::Normal,
                KeyCode::Enter => {
                    app.mode = Mode::Normal;
                    run_search(app, &query);
                }
                KeyCode::Backspace => {
                    query.pop();
                    app.mode = Mode::SearchInput(query);
                }
                // Ctrl+D: tone marks (dấu) must match; Ctrl+T: whole words (từ).
                KeyCode::Char('d') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    app.search_mode.exact = !app.search_mode.exact;
                    app.mode = Mode::SearchInput(query);
                }
                KeyCode::Char('t') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    app.search_mode.whole_word = !app.search_mode.whole_word;
                    app.mode = Mode::SearchInput(query);
                }
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                    query.push(c);
                    app.mode = Mode::SearchInput(query);
                }
                _ => {}
            }
            Vec::new()
        }
        Mode::Picker(p) => {
            picker_key(app, p, k);
            Vec::new()
        }
        Mode::Changes(list) => changes_key(app, list, k),
        Mode::Input(input, back) => input_key(app, input, back, k),
        Mode::Normal => match action_for(k) {
            Some(a) => act(app, a),
            None => Vec::new(),
        },
    }
}

/// Puts the cursor on `row` and scrolls it to the top of the comparison, or as far as the last
/// page allows: the view never runs past the last row.
fn scroll_to(app: &mut App, row: usize) {
    let last = app.rows().len().saturating_sub(1);
    app.cursor = row.min(last);
    app.scroll = row.min(app.max_scroll());
    app.outline_selected = app.current_section();
}

fn move_in(app: &mut App, delta: isize) {
    match app.focus {
        Pane::Diff => {
            if delta > 0 && app.scroll >= app.max_scroll() {
                // The last page is on screen: the cursor moves on to the last row.
                let last = app.rows().len().saturating_sub(1);
                app.cursor = (app.cursor + delta as usize).min(last);
                app.outline_selected = app.current_section();
                return;
            }
            let target = (app.scroll as isize + delta).max(0) as usize;
            scroll_to(app, target);
        }
        Pane::Outline => {
            let n = app.comparison.sections.len();
            if n > 0 {
                app.outline_selected =
                    (app.outline_selected as isize + delta).clamp(0, n as isize - 1) as usize;
            }
        }
        Pane::Findings => {
            let n = app.findings.len();
            if n > 0 {
                app.findings_selected =
                    (app.findings_selected as isize + delta).clamp(0, n as isize - 1) as usize;
            }
        }
    }
}

/// Columns one `h`/`l` scrolls by.
const HSCROLL_STEP: usize = 8;

/// Scrolls the comparison's columns left (`direction` < 0) or right, without wrap.
fn scroll_sideways(app: &mut App, direction: isize) {
    if app.wrap {
        app.status = Some("Đang ngắt dòng: nhấn w để tắt rồi cuộn ngang.".to_string());
        return;
    }
    app.hscroll = if direction < 0 {
        app.hscroll.saturating_sub(HSCROLL_STEP)
    } else {
        (app.hscroll + HSCROLL_STEP).min(app.max_hscroll())
    };
}

fn jump_to_section(app: &mut App, section: usize) {
    if let Some(row) = app.row_of_section(section) {
        scroll_to(app, row);
        app.outline_selected = section;
    }
}

fn jump_to_finding(app: &mut App, index: usize) {
    app.findings_selected = index;
    if let Some(s) = app.finding_section(index) {
        jump_to_section(app, s);
    }
    app.finding_at = Some((index, app.cursor));
    if let Some(f) = app.findings.get(index) {
        app.status = Some(format!("{} — {}", f.rule, f.message));
    }
}

/// The next (or previous) section that differs, from the one at the top of the comparison.
fn change(app: &mut App, forward: bool) {
    let current = app.current_section();
    let sections = &app.comparison.sections;
    let found = if forward {
        (current + 1..sections.len()).find(|&i| sections[i].is_difference())
    } else {
        (0..current).rev().find(|&i| sections[i].is_difference())
    };
    match found {
        Some(i) => jump_to_section(app, i),
        None => {
            app.status = Some(
                if forward {
                    "Không còn thay đổi phía sau."
                } else {
                    "Không còn thay đổi phía trước."
                }
                .to_string(),
            )
        }
    }
}

/// The next (or previous) finding in reading order from the cursor: from the finding the
/// cursor was taken to, else from the cursor's row (a section's findings stand at its heading).
/// Stops at the ends, like `n`/`N`.
fn finding(app: &mut App, forward: bool) {
    let n = app.findings.len();
    if n == 0 {
        app.status = Some("Không có phát hiện nào.".to_string());
        return;
    }
    let place = |i: usize| {
        let row = app
            .finding_section(i)
            .and_then(|s| app.row_of_section(s))
            .unwrap_or(0);
        let f = &app.findings[i];
        (row, f.line, f.column, i)
    };
    let mut order: Vec<(usize, u32, u32, usize)> = (0..n).map(place).collect();
    order.sort_unstable();
    let on = app
        .finding_at
        .filter(|&(i, row)| row == app.cursor && i < n)
        .and_then(|(i, _)| order.iter().position(|p| p.3 == i));
    let target = match (on, forward) {
        (Some(k), true) => order.get(k + 1),
        (Some(k), false) => k.checked_sub(1).map(|k| &order[k]),
        (None, true) => order.iter().find(|p| p.0 >= app.cursor),
        (None, false) => order.iter().rev().find(|p| p.0 < app.cursor),
    };
    match target {
        Some(&(_, _, _, i)) => jump_to_finding(app, i),
        None => {
            app.status = Some(
                if forward {
                    "Không còn phát hiện phía sau."
                } else {
                    "Không còn phát hiện phía trước."
                }
                .to_string(),
            )
        }
    }
}

/// Finds `query` in the rows, in the mode chosen in the prompt, and goes to the first match
/// at or after the top of the comparison.
fn run_search(app: &mut App, query: &str) {
    if query.trim().is_empty() {
        app.search = None;
        return;
    }
    let mode = app.search_mode;
    let Some(search) = Search::run(app.rows(), query, mode, app.scroll) else {
        app.status = Some(format!("Không tìm thấy \"{query}\" ({}).", mode.describe()));
        app.search = None;
        return;
    };
    let row = search.matches[search.current];
    app.status = Some(format!(
        "\"{query}\" ({}): {}/{} (n/N để đi tiếp, Esc để thôi tìm)",
        mode.describe(),
        search.current + 1,
        search.matches.len()
    ));
    app.search = Some(search);
    show_row(app, row);
}

/// Scrolls so that `row` is visible with a few rows of context above it.
fn show_row(app: &mut App, row: usize) {
    let context = (app.page() / 4).min(3);
    scroll_to(app, row.saturating_sub(context));
    app.cursor = row.min(app.rows().len().saturating_sub(1));
    app.outline_selected = app.current_section();
}

fn next_match(app: &mut App, forward: bool) {
    let Some(s) = app.search.as_mut() else { return };
    let n = s.matches.len();
    s.current = if forward {
        (s.current + 1) % n
    } else {
        (s.current + n - 1) % n
    };
    let row = s.matches[s.current];
    app.status = Some(format!(
        "\"{}\" ({}): {}/{}",
        s.query,
        s.mode.describe(),
        s.current + 1,
        n
    ));
    show_row(app, row);
}

fn toggle(app: &mut App, what: IgnoreWhat) {
    let flag = app.options.ignoring_mut(what);
    *flag = !*flag;
    let section = app.current_section();
    app.recompare();
    app.search = None;
    if let Some(r) =
        app.row_of_section(section.min(app.comparison.sections.len().saturating_sub(1)))
    {
        scroll_to(app, r);
    }
    app.status = Some(format!(
        "Bỏ qua: {}",
        if app.comparison.ignored.is_empty() {
            "không".to_string()
        } else {
            app.comparison.ignored.join(", ")
        }
    ));
}

fn report(app: &App, html: bool) -> String {
    let old = DocInfo::of(&app.old_file, app.old_doc());
    let new = DocInfo::of(&app.new_file, app.new_doc());
    let mut out = Vec::new();
    let written = if html {
        write_html(&mut out, &old, &new, &app.comparison)
    } else {
        write_markdown(&mut out, &old, &new, &app.comparison)
    };
    written.expect("writing to memory does not fail");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// The new text of the section at the top of the comparison.
fn section_text(app: &App) -> Option<String> {
    let s = app.comparison.sections.get(app.current_section())?;
    s.new.as_ref()?;
    Some(s.diff.new_text().trim_end().to_string())
}

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    app.status = None;
    let page = app.page() as isize;
    match a {
        Action::Down => move_in(app, 1),
        Action::Up => move_in(app, -1),
        Action::PageDown => move_in(app, page.max(1) - 1),
        Action::PageUp => move_in(app, -(page.max(1) - 1)),
        Action::ScrollLeft => scroll_sideways(app, -1),
        Action::ScrollRight => scroll_sideways(app, 1),
        Action::Top => match app.focus {
            Pane::Diff => scroll_to(app, 0),
            Pane::Outline => app.outline_selected = 0,
            Pane::Findings => app.findings_selected = 0,
        },
        Action::Bottom => match app.focus {
            Pane::Diff => scroll_to(app, app.rows().len().saturating_sub(1)),
            Pane::Outline => app.outline_selected = app.comparison.sections.len().saturating_sub(1),
            Pane::Findings => app.findings_selected = app.findings.len().saturating_sub(1),
        },
        Action::NextChange if app.search.is_some() => next_match(app, true),
        Action::PrevChange if app.search.is_some() => next_match(app, false),
        Action::NextChange => change(app, true),
        Action::PrevChange => change(app, false),
        Action::NextFinding => finding(app, true),
        Action::PrevFinding => finding(app, false),
        Action::CyclePane => {
            app.focus = match app.focus {
                Pane::Outline => Pane::Diff,
                Pane::Diff => Pane::Findings,
                Pane::Findings => Pane::Outline,
            }
        }
        Action::Enter => match app.focus {
            Pane::Outline => jump_to_section(app, app.outline_selected),
            Pane::Findings => jump_to_finding(app, app.findings_selected),
            Pane::Diff => {}
        },
        Action::Search => app.mode = Mode::SearchInput(String::new()),
        Action::Toggle(w) => toggle(app, w),
        // The layout keeps the top row and the cursor on their paragraphs.
        Action::ToggleUnified => {
            app.unified = !app.unified;
            app.refresh_rows();
        }
        Action::ToggleWrap => {
            app.wrap = !app.wrap;
            app.hscroll = 0;
            app.refresh_rows();
        }
        Action::ExportHtml => {
            return vec![Effect::Export {
                extension: "html",
                contents: report(app, true),
            }];
        }
        Action::ExportMarkdown => {
            return vec![Effect::Export {
                extension: "md",
                contents: report(app, false),
            }];
        }
        Action::Copy => match section_text(app) {
            Some(t) => {
                app.status = Some("Đã sao chép nội dung mới của mục (OSC 52).".to_string());
                return vec![Effect::Copy(t)];
            }
            None => app.status = Some("Mục này không có trong bản mới.".to_string()),
        },
        Action::Picker => {
            if app.documents_for(0).len() < 2 && app.documents_for(1).len() < 2 {
                app.status = Some("Tệp chỉ có một văn bản.".to_string());
            } else {
                app.mode = Mode::Picker(Picker {
                    step: 0,
                    selected: app.old_index - 1,
                    old: app.old_index,
                });
            }
        }
        Action::ChangeList => open_changes(app),
        Action::ChangedOnly => {
            app.changed_only = !app.changed_only;
            let section = app.current_section();
            app.refresh_rows();
            if let Some(r) = app.row_of_section(section) {
                scroll_to(app, r);
            }
            app.status = Some(if app.changed_only {
                "Chỉ hiện các mục có thay đổi (z để hiện tất cả).".to_string()
            } else {
                "Hiện tất cả các mục.".to_string()
            });
        }
        Action::GoToPlace => {
            app.mode = Mode::Input(
                TextInput {
                    purpose: InputFor::Place,
                    text: String::new(),
                },
                None,
            )
        }
        Action::MarkSeen => return decide_here(app, None, Edit::Verdict(Verdict::Seen)),
        Action::TakeIn => return decide_here(app, None, Edit::Verdict(Verdict::TakenIn)),
        Action::ClearDecision => return decide_here(app, None, Edit::Clear),
        Action::NotTakeIn => ask(app, None, true),
        Action::Note => ask(app, None, false),
        Action::Help => {
            app.mode = Mode::Help;
            app.help_scroll = 0;
        }
        // As in lazygit and gitui, Esc backs out of things and never quits: a second Esc too
        // many (after a search that found nothing, say) must not close the review.
        Action::Cancel => {
            app.status = Some(if app.search.take().is_some() {
                "Đã thôi tìm.".to_string()
            } else {
                "Nhấn q để thoát.".to_string()
            });
        }
        Action::Quit => app.quit = true,
    }
    Vec::new()
}

/// Keys in the help overlay: the movement keys scroll it, any other key closes it.
fn help_key(app: &mut App, k: KeyEvent) {
    let area = ratatui::layout::Rect::new(0, 0, app.width, app.height);
    let max = super::view::help_max_scroll(area);
    let page = Regions::inner_height(super::view::help_area(area)).max(2) - 1;
    let s = app.help_scroll.min(max);
    app.help_scroll = match k.code {
        KeyCode::Down | KeyCode::Char('j') => (s + 1).min(max),
        KeyCode::Up | KeyCode::Char('k') => s.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => (s + page).min(max),
        KeyCode::PageUp | KeyCode::Char('b') => s.saturating_sub(page),
        KeyCode::Home | KeyCode::Char('g') => 0,
        KeyCode::End | KeyCode::Char('G') => max,
        _ => {
            app.mode = Mode::Normal;
            0
        }
    };
}

fn picker_key(app: &mut App, mut p: Picker, k: KeyEvent) {
    let n = app.documents_for(p.step).len().max(1);
    match k.code {
        KeyCode::Esc | KeyCode::Char('q') => app.mode = Mode::Normal,
        KeyCode::Down | KeyCode::Char('j') => p.selected = (p.selected + 1).min(n - 1),
        KeyCode::Up | KeyCode::Char('k') => p.selected = p.selected.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => {
            p.selected = (p.selected + picker_page(app)).min(n - 1)
        }
        KeyCode::PageUp | KeyCode::Char('b') => {
            p.selected = p.selected.saturating_sub(picker_page(app))
        }
        KeyCode::Home | KeyCode::Char('g') => p.selected = 0,
        KeyCode::End | KeyCode::Char('G') => p.selected = n - 1,
        KeyCode::Enter if p.step == 0 => {
            p.old = p.selected + 1;
            p.step = 1;
            let new_count = app.documents_for(1).len().max(1);
            p.selected = (app.new_index - 1).min(new_count - 1);
        }
        KeyCode::Enter => {
            app.old_index = p.old;
            app.new_index = p.selected + 1;
            app.mode = Mode::Normal;
            app.scroll = 0;
            app.recompare();
            app.recheck();
            app.status = Some(format!(
                "So sánh văn bản #{} với #{}.",
                app.old_index, app.new_index
            ));
            return;
        }
        _ => {}
    }
    if matches!(app.mode, Mode::Picker(_)) {
        app.mode = Mode::Picker(p);
    }
}

/// Lines (or entries) one notch of the mouse wheel scrolls.
const WHEEL_LINES: usize = 3;

fn mouse(app: &mut App, m: MouseEvent) {
    let r: Regions = app.regions();
    let inside = |rect: ratatui::layout::Rect| {
        m.column >= rect.x
            && m.column < rect.x + rect.width
            && m.row >= rect.y
            && m.row < rect.y + rect.height
    };
    let wheel = match m.kind {
        MouseEventKind::ScrollDown => Some(true),
        MouseEventKind::ScrollUp => Some(false),
        _ => None,
    };
    // Over an overlay the wheel moves in it, as its keys do.
    if let Some(down) = wheel {
        let code = if down { KeyCode::Down } else { KeyCode::Up };
        match app.mode.clone() {
            Mode::Help => {
                for _ in 0..WHEEL_LINES {
                    help_key(app, KeyEvent::new(code, KeyModifiers::NONE));
                }
                return;
            }
            Mode::Picker(p) => {
                picker_key(app, p, KeyEvent::new(code, KeyModifiers::NONE));
                return;
            }
            Mode::Changes(l) => {
                changes_key(app, l, KeyEvent::new(code, KeyModifiers::NONE));
                return;
            }
            _ => {}
        }
    }
    match m.kind {
        // The wheel scrolls the pane under the pointer, not the focused one.
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let delta = if wheel == Some(true) {
                WHEEL_LINES as isize
            } else {
                -(WHEEL_LINES as isize)
            };
            let pane = if inside(r.outline) {
                Pane::Outline
            } else if inside(r.findings) {
                Pane::Findings
            } else if inside(r.diff) {
                Pane::Diff
            } else {
                return;
            };
            let focus = std::mem::replace(&mut app.focus, pane);
            move_in(app, delta);
            app.focus = focus;
        }
        // A click under the change list or a prompt does nothing (they have no pointer use).
        MouseEventKind::Down(_) if matches!(app.mode, Mode::Changes(_) | Mode::Input(..)) => {}
        MouseEventKind::Down(_) => {
            if inside(r.outline) {
                app.focus = Pane::Outline;
                let row = m.row.saturating_sub(r.outline.y + 1) as usize;
                let first = outline_first(app, Regions::inner_height(r.outline));
                let section = first + row;
                if section < app.comparison.sections.len() {
                    jump_to_section(app, section);
                }
            } else if inside(r.findings) {
                app.focus = Pane::Findings;
                let row = m.row.saturating_sub(r.findings.y + 1) as usize;
                let first = findings_first(app, Regions::inner_height(r.findings));
                if first + row < app.findings.len() {
                    jump_to_finding(app, first + row);
                }
            } else if inside(r.diff) {
                app.focus = Pane::Diff;
            }
        }
        _ => {}
    }
}

/// Where the document picker is drawn (shared with the view): centred, 100 columns at most,
/// as tall as its list or the screen allows.
pub fn picker_area(app: &App, step: u8) -> ratatui::layout::Rect {
    let area = ratatui::layout::Rect::new(0, 0, app.width, app.height);
    let lines = app.documents_for(step).len() as u16;
    let w = 100.min(area.width);
    let h = (lines + 2)
        .min(area.height.saturating_sub(2))
        .max(3.min(area.height));
    ratatui::layout::Rect::new((area.width - w) / 2, (area.height - h) / 2, w, h)
}

/// Documents the picker shows at once.
fn picker_page(app: &App) -> usize {
    let step = match &app.mode {
        Mode::Picker(p) => p.step,
        _ => 0,
    };
    Regions::inner_height(picker_area(app, step)).max(1)
}

/// First document shown in the picker, keeping the selection visible (shared with the view).
pub fn picker_first(app: &App, step: u8, selected: usize) -> usize {
    first_visible(selected, Regions::inner_height(picker_area(app, step)))
}

/// First outline entry shown, keeping the selection visible (shared with the view).
pub fn outline_first(app: &App, height: usize) -> usize {
    first_visible(app.outline_selected, height)
}

/// First finding shown, keeping the selection visible (shared with the view).
pub fn findings_first(app: &App, height: usize) -> usize {
    first_visible(app.findings_selected, height)
}

fn first_visible(selected: usize, height: usize) -> usize {
    let height = height.max(1);
    selected.saturating_sub(height - 1)
}

/// The section a decision key acts on: the selected change of the list, else the cursor's.
fn target(app: &App, list: Option<ChangeList>) -> Option<usize> {
    match list {
        Some(l) => app.changes(l.filter).get(l.selected).copied(),
        None => Some(app.current_section()),
    }
}

/// The effect that saves the decisions, or why they are not saved (in the status bar).
fn save(app: &mut App) -> Vec<Effect> {
    if let Some(why) = &app.review_blocked {
        app.status = Some(format!("Không lưu quyết định: {why}"));
        return Vec::new();
    }
    match &app.review_path {
        Some(path) => vec![Effect::SaveReview {
            path: path.clone(),
            contents: app.review_file().render(),
        }],
        None => Vec::new(),
    }
}

/// Applies `edit` to the change the keys act on and saves.
fn decide_here(app: &mut App, list: Option<ChangeList>, edit: Edit) -> Vec<Effect> {
    let Some(s) = target(app, list) else {
        app.status = Some("Không có thay đổi nào để quyết định.".to_string());
        return Vec::new();
    };
    let what = match &edit {
        Edit::Verdict(v) => v.vietnamese().to_string(),
        Edit::NotTakenIn(_) => Verdict::NotTakenIn.vietnamese().to_string(),
        Edit::Note(n) if n.trim().is_empty() => "xóa ghi chú".to_string(),
        Edit::Note(_) => "ghi chú".to_string(),
        Edit::Clear => "bỏ quyết định".to_string(),
    };
    if !app.decide(s, edit) {
        app.status = Some("Mục này không có thay đổi để quyết định.".to_string());
        return Vec::new();
    }
    let place = crate::decisions::citation_of(&app.comparison.sections[s]);
    app.status = Some(format!("{place}: {what} ({})", app.progress().vietnamese()));
    let effects = save(app);
    if let Some(mut l) = list {
        // The list moves on to the next change, as a reviewer goes through them. Under the
        // "undecided" filter the decided change leaves the list: the next one takes its row.
        let changes = app.changes(l.filter);
        l.selected = match changes.iter().position(|&x| x == s) {
            Some(i) => (i + 1).min(changes.len() - 1),
            None => l.selected.min(changes.len().saturating_sub(1)),
        };
        app.mode = Mode::Changes(l);
    }
    effects
}

/// Opens the prompt for a reason (`reason`) or a note on the change the keys act on.
fn ask(app: &mut App, list: Option<ChangeList>, reason: bool) {
    let Some(s) = target(app, list).filter(|&s| {
        app.comparison
            .sections
            .get(s)
            .is_some_and(|c| c.is_difference())
    }) else {
        app.status = Some("Mục này không có thay đổi để quyết định.".to_string());
        return;
    };
    let existing = app.review.of(s);
    let (purpose, text) = if reason {
        (
            InputFor::Reason(s),
            existing.map(|d| d.reason.clone()).unwrap_or_default(),
        )
    } else {
        (
            InputFor::Note(s),
            existing.map(|d| d.note.clone()).unwrap_or_default(),
        )
    };
    app.mode = Mode::Input(TextInput { purpose, text }, list);
}

/// Keys while a reason, a note or a place is typed.
fn input_key(
    app: &mut App,
    mut input: TextInput,
    back: Option<ChangeList>,
    k: KeyEvent,
) -> Vec<Effect> {
    let close = |app: &mut App| {
        app.mode = match back {
            Some(l) => Mode::Changes(l),
            None => Mode::Normal,
        }
    };
    match k.code {
        KeyCode::Esc => close(app),
        KeyCode::Backspace => {
            input.text.pop();
            app.mode = Mode::Input(input, back);
        }
        KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
            input.text.push(c);
            app.mode = Mode::Input(input, back);
        }
        KeyCode::Enter => match input.purpose {
            InputFor::ListQuery => {
                app.changes_query = input.text.trim().to_string();
                app.mode = Mode::Changes(ChangeList {
                    selected: 0,
                    ..back.unwrap_or_default()
                });
            }
            InputFor::Place => {
                close(app);
                match app.find_place(&input.text) {
                    Some(s) => {
                        if app.row_of_section(s).is_none() && app.changed_only {
                            // An unchanged section is hidden by `z`: shown again to go there.
                            app.changed_only = false;
                            app.refresh_rows();
                        }
                        jump_to_section(app, s);
                        app.status = Some(format!(
                            "{} ({})",
                            crate::decisions::citation_of(&app.comparison.sections[s]),
                            crate::decisions::place_of(&app.comparison.sections[s])
                        ));
                    }
                    None => {
                        app.status = Some(format!(
                            "Không có vị trí \"{}\" trong văn bản (viết như: khoản 1 Điều 5, mục 2 phần II, II.2).",
                            input.text.trim()
                        ))
                    }
                }
            }
            InputFor::Reason(_) if input.text.trim().is_empty() => {
                app.status = Some("Hãy ghi lý do không tiếp thu (Esc để thôi).".to_string());
                app.mode = Mode::Input(input, back);
            }
            InputFor::Reason(s) | InputFor::Note(s) => {
                let edit = if matches!(input.purpose, InputFor::Reason(_)) {
                    Edit::NotTakenIn(input.text)
                } else {
                    Edit::Note(input.text)
                };
                close(app);
                // The list's selection is the section asked about: decide on it, not the next.
                let list = back.map(|mut l| {
                    if let Some(i) = app.changes(l.filter).iter().position(|&x| x == s) {
                        l.selected = i;
                    }
                    l
                });
                if list.is_none() {
                    let Some(row) = app.row_of_section(s) else {
                        app.decide(s, edit);
                        return save(app);
                    };
                    app.cursor = row;
                }
                return decide_here(app, list, edit);
            }
        },
        _ => app.mode = Mode::Input(input, back),
    }
    Vec::new()
}

/// Opens the change list on the change at the cursor (or the first after it).
fn open_changes(app: &mut App) {
    app.changes_query.clear();
    let list = ChangeList::default();
    let changes = app.changes(list.filter);
    if changes.is_empty() {
        app.status = Some("Hai bản không có thay đổi nào.".to_string());
        return;
    }
    let here = app.current_section();
    let selected = changes
        .iter()
        .position(|&s| s >= here)
        .unwrap_or(changes.len() - 1);
    app.mode = Mode::Changes(ChangeList { selected, ..list });
}

/// Rows the change list shows at once (shared with the view).
pub fn changes_area(app: &App) -> ratatui::layout::Rect {
    let r = app.regions();
    ratatui::layout::Rect::new(0, 0, app.width, r.status.y)
}

/// First change shown, keeping the selection visible (shared with the view).
pub fn changes_first(app: &App, selected: usize) -> usize {
    first_visible(selected, Regions::inner_height(changes_area(app)))
}

fn changes_key(app: &mut App, mut l: ChangeList, k: KeyEvent) -> Vec<Effect> {
    let n = app.changes(l.filter).len();
    let last = n.saturating_sub(1);
    let page = Regions::inner_height(changes_area(app)).max(2) - 1;
    match k.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('d') => {
            app.mode = Mode::Normal;
            return Vec::new();
        }
        KeyCode::Down | KeyCode::Char('j') => l.selected = (l.selected + 1).min(last),
        KeyCode::Up | KeyCode::Char('k') => l.selected = l.selected.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => l.selected = (l.selected + page).min(last),
        KeyCode::PageUp | KeyCode::Char('b') => l.selected = l.selected.saturating_sub(page),
        KeyCode::Home | KeyCode::Char('g') => l.selected = 0,
        KeyCode::End | KeyCode::Char('G') => l.selected = last,
        KeyCode::Char('f') => {
            l.filter = l.filter.next();
            l.selected = 0;
        }
        KeyCode::Char('/') => {
            app.mode = Mode::Input(
                TextInput {
                    purpose: InputFor::ListQuery,
                    text: app.changes_query.clone(),
                },
                Some(l),
            );
            return Vec::new();
        }
        KeyCode::Enter => {
            if let Some(&s) = app.changes(l.filter).get(l.selected) {
                app.mode = Mode::Normal;
                jump_to_section(app, s);
                return Vec::new();
            }
        }
        KeyCode::Char('a') => return decide_here(app, Some(l), Edit::Verdict(Verdict::TakenIn)),
        KeyCode::Char('x') => return decide_here(app, Some(l), Edit::Verdict(Verdict::Seen)),
        KeyCode::Char('X') => return decide_here(app, Some(l), Edit::Clear),
        KeyCode::Char('r') => {
            ask(app, Some(l), true);
            return Vec::new();
        }
        KeyCode::Char('i') => {
            ask(app, Some(l), false);
            return Vec::new();
        }
        _ => {}
    }
    app.mode = Mode::Changes(l);
    Vec::new()
}
