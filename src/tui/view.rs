//! `view`: draws the state. No side effects.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::rules::{Round, Severity};

use super::keys::BINDINGS;
use super::layout::Piece;
use super::model::{App, MIN_SIZE, Mode, Pane, Regions};
use super::model::{ChangeList, InputFor};
use super::theme::Theme;
use super::update::{
    changes_area, changes_first, findings_first, outline_first, picker_area, picker_first,
};

pub fn view(app: &App, frame: &mut Frame, theme: &Theme) {
    let r = app.regions();
    let area = frame.area();
    if r.too_small {
        let text = format!(
            "Cửa sổ quá nhỏ ({}x{}); rasoat cần ít nhất {}x{}. Nhấn q để thoát.",
            area.width, area.height, MIN_SIZE.width, MIN_SIZE.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    outline(app, frame, r.outline, theme);
    comparison(app, frame, r.diff, theme);
    findings(app, frame, r.findings, theme);
    status_bar(app, frame, r.status, theme);
    match &app.mode {
        Mode::Help => help(app, frame, area, theme),
        Mode::Picker(p) => picker(app, frame, p.step, p.selected, theme),
        Mode::Changes(l) | Mode::Input(_, Some(l)) => change_list(app, frame, *l, theme),
        _ => {}
    }
}

fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title)
}

fn clip(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.to_string().width();
        if used + w > width {
            if width > 0 {
                out.pop();
                out.push('…');
            }
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

fn outline(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let height = Regions::inner_height(area);
    let width = area.width.saturating_sub(2) as usize;
    let first = outline_first(app, height);
    let lines: Vec<Line> = app
        .comparison
        .sections
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, s)| {
            let unit = s
                .new
                .as_ref()
                .or(s.old.as_ref())
                .expect("a change has a side");
            let depth = unit.number.matches('.').count();
            let mark = s.mark();
            let name = if unit.number.is_empty() {
                unit.title.clone()
            } else {
                unit.number.clone()
            };
            let count = app.findings_in(i);
            let badge = if count > 0 {
                format!(" !{count}")
            } else {
                String::new()
            };
            let decided = app
                .review
                .of(i)
                .and_then(|d| d.decision)
                .map(|v| (v.sign(), theme.verdict(v)));
            let text = clip(
                &format!("{mark} {}{name}", "  ".repeat(depth.min(4))),
                width.saturating_sub(badge.width() + if decided.is_some() { 2 } else { 0 }),
            );
            let mut style = if s.moved {
                theme.moved()
            } else {
                theme.status(s.status)
            };
            if i == app.outline_selected {
                style = style.patch(theme.selected());
            }
            let mut spans = vec![Span::styled(text, style)];
            if let Some((sign, st)) = decided {
                spans.push(Span::styled(format!(" {sign}"), st));
            }
            spans.push(Span::styled(badge, theme.warning()));
            Line::from(spans)
        })
        .collect();
    let title = format!(" Mục lục ({}) ", app.comparison.sections.len());
    frame.render_widget(
        Paragraph::new(lines).block(block(title, app.focus == Pane::Outline, theme)),
        area,
    );
}

/// The spans of one column of a row: its pieces from column `offset` on, clipped to `width`
/// columns and padded to it, so that a column never runs into the next one. `marked` are byte
/// ranges of the side's text (search matches) drawn in their own style.
fn pieces<'a>(
    pieces: &'a [Piece],
    offset: usize,
    width: usize,
    theme: &Theme,
    marked: &[(usize, usize, Style)],
) -> Vec<Span<'a>> {
    // The pieces cut where a marked range starts or ends.
    let mut segments: Vec<(&'a str, Style)> = Vec::new();
    let mut base = 0;
    for p in pieces {
        let style = theme.mark(p.mark);
        let (start, end) = (base, base + p.text.len());
        let mut at = start;
        for &(ms, me, ms_style) in marked {
            let (ms, me) = (ms.max(at), me.min(end));
            if ms >= me {
                continue;
            }
            if ms > at {
                segments.push((&p.text[at - start..ms - start], style));
            }
            segments.push((&p.text[ms - start..me - start], style.patch(ms_style)));
            at = me;
        }
        if at < end {
            segments.push((&p.text[at - start..], style));
        }
        base = end;
    }
    let mut out: Vec<Span> = Vec::new();
    // Columns passed so far (skipped or shown) and shown.
    let (mut at, mut used) = (0usize, 0usize);
    for (text, style) in segments {
        if used >= width {
            break;
        }
        let w = text.width();
        if at >= offset && used + w <= width {
            // The common case: the whole segment is shown.
            out.push(Span::styled(text, style));
            at += w;
            used += w;
            continue;
        }
        let mut shown = String::new();
        for g in text.graphemes(true) {
            let gw = g.width();
            if at < offset {
                // A wide grapheme cut by the left edge leaves blanks.
                if at + gw > offset {
                    shown.push_str(&" ".repeat(at + gw - offset));
                    used += at + gw - offset;
                }
                at += gw;
                continue;
            }
            if used + gw > width {
                break;
            }
            shown.push_str(g);
            at += gw;
            used += gw;
        }
        if !shown.is_empty() {
            out.push(Span::styled(shown, style));
        }
    }
    if used < width {
        out.push(Span::raw(" ".repeat(width - used)));
    }
    out
}

fn comparison(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let height = Regions::inner_height(area);
    let total = area.width.saturating_sub(2) as usize;
    let side = if app.unified {
        total
    } else {
        total.saturating_sub(3) / 2
    };
    let rows = app.rows();
    // The search's hits on the visible rows: the current match stronger than the others.
    let visible = app.scroll..app.scroll + height;
    let hits: Vec<_> = app.search.as_ref().map_or(Vec::new(), |s| {
        let current = s.matches[s.current];
        let from = s.hits.partition_point(|h| h.row < visible.start);
        s.hits[from..]
            .iter()
            .take_while(|h| h.row < visible.end)
            .map(|h| {
                let style = if h.match_row == current {
                    theme.search_current()
                } else {
                    theme.search_match()
                };
                (h.row, h.left, (h.start, h.end, style))
            })
            .collect()
    });
    let marked = |row: usize, left: bool| -> Vec<(usize, usize, Style)> {
        hits.iter()
            .filter(|h| h.0 == row && h.1 == left)
            .map(|h| h.2)
            .collect()
    };
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(app.scroll)
        .take(height)
        .map(|(i, row)| {
            // Headings stay in place: they name the section whatever the columns show.
            let offset = if row.heading { 0 } else { app.hscroll };
            let mut spans = pieces(&row.left, offset, side, theme, &marked(i, true));
            if !app.unified {
                spans.push(Span::styled(" │ ", theme.dim()));
                spans.extend(pieces(&row.right, offset, side, theme, &marked(i, false)));
            }
            Line::from(spans)
        })
        .collect();
    let old = app.old_doc();
    let new = app.new_doc();
    let title = if app.unified {
        format!(" So sánh #{} → #{} (gộp) ", old.index, new.index)
    } else {
        format!(" Bản cũ #{} │ Bản mới #{} ", old.index, new.index)
    };
    // How far the last visible row is into the comparison, as `less` counts it: 100% when the
    // end is on screen.
    let position = if rows.is_empty() {
        100
    } else {
        (app.scroll + height).min(rows.len()) * 100 / rows.len()
    };
    let mut block = block(title, app.focus == Pane::Diff, theme)
        .title_bottom(Line::from(format!(" {position}% ")).alignment(Alignment::Right));
    // Where the cursor is, as a reader cites it (`điểm a khoản 2 Điều 5`).
    if let Some(change) = app.comparison.sections.get(app.current_section())
        && change
            .new
            .as_ref()
            .or(change.old.as_ref())
            .is_some_and(|u| !u.number.is_empty())
    {
        let room = (area.width as usize).saturating_sub(12);
        let place = clip(&crate::decisions::citation_of(change), room);
        block = block.title_bottom(Line::from(format!(" {place} ")).alignment(Alignment::Left));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn findings(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let height = Regions::inner_height(area);
    let width = area.width.saturating_sub(2) as usize;
    let first = findings_first(app, height);
    let lines: Vec<Line> = app
        .findings
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, f)| {
            let (label, style) = match f.severity {
                Severity::Error => (Severity::Error.vietnamese(), theme.error()),
                Severity::Warning => (Severity::Warning.vietnamese(), theme.warning()),
                Severity::Info => (Severity::Info.vietnamese(), theme.info()),
            };
            let new = if f.round == Some(Round::New) {
                "mới "
            } else {
                ""
            };
            let rest = clip(
                &format!(
                    " {} [{}] {}:{} {}",
                    f.rule,
                    f.section(),
                    f.line,
                    f.column,
                    f.message
                ),
                width.saturating_sub(label.width() + new.width()),
            );
            let mut spans = vec![
                Span::styled(new, theme.new_badge()),
                Span::styled(label, style),
                Span::raw(rest),
            ];
            if i == app.findings_selected && app.focus == Pane::Findings {
                spans = spans
                    .into_iter()
                    .map(|s| {
                        let st = s.style.patch(theme.selected());
                        s.style(st)
                    })
                    .collect();
            }
            Line::from(spans)
        })
        .collect();
    if app.findings_pending {
        let block = block(
            " Phát hiện: đang kiểm tra… ".to_string(),
            app.focus == Pane::Findings,
            theme,
        );
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    let new_count = app
        .findings
        .iter()
        .filter(|f| f.round == Some(Round::New))
        .count();
    let title = format!(
        " Phát hiện: {} (mới {}, đã sửa {}) ",
        app.findings.len(),
        new_count,
        app.fixed
    );
    frame.render_widget(
        Paragraph::new(lines).block(block(title, app.focus == Pane::Findings, theme)),
        area,
    );
}

/// The name a status bar gives a file: its name without folders (a git revision kept,
/// `HEAD~1:plan.docx`), shortened in the middle to `max` columns, keeping its end.
fn short_name(display: &str, max: usize) -> String {
    let (rev, path) = match display.split_once(':') {
        Some((rev, path)) if !rev.is_empty() && !path.is_empty() => (Some(rev), path),
        _ => (None, display),
    };
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = match rev {
        Some(rev) => format!("{rev}:{name}"),
        None => name.to_string(),
    };
    if name.width() <= max || max < 5 {
        return name;
    }
    // Keep the end (the round, the extension), then as much of the start as fits.
    let chars: Vec<char> = name.chars().collect();
    let tail = (max - 1) / 2;
    let head = max - 1 - tail;
    let start: String = chars[..head.min(chars.len())].iter().collect();
    let end: String = chars[chars.len().saturating_sub(tail)..].iter().collect();
    format!("{start}…{end}")
}

/// The status bar's text at `width` columns: files and documents, counts, view, ignore options,
/// search, and the help hint, the least important shortened or left out first so that the
/// state stays visible at 80 columns.
pub fn status_text(app: &App, width: usize) -> String {
    let st = &app.comparison.stats;
    let counts = format!(
        "~{} +{} -{} >{} #{}",
        st.sections_changed,
        st.sections_inserted,
        st.sections_deleted,
        st.sections_moved,
        st.sections_renumbered
    );
    let files = |max: usize| -> String {
        let doc = |file: &crate::input::LoadedFile, index: usize| {
            if file.parsed.documents.len() > 1 {
                format!(" #{index}")
            } else {
                String::new()
            }
        };
        let old = doc(&app.old_file, app.old_index);
        let new = doc(&app.new_file, app.new_index);
        if std::sync::Arc::ptr_eq(&app.old_file, &app.new_file) {
            let new = if new.is_empty() {
                String::new()
            } else {
                format!(" →{new}")
            };
            format!("{}{old}{new}", short_name(&app.old_file.display(), max))
        } else {
            format!(
                "{}{old} → {}{new}",
                short_name(&app.old_file.display(), max),
                short_name(&app.new_file.display(), max)
            )
        }
    };
    let layout = if app.unified { "gộp" } else { "song song" };
    let (view, view_short) = match (app.wrap, app.hscroll) {
        (true, _) => (layout.to_string(), layout.to_string()),
        (false, 0) => {
            let v = format!("{layout}, không ngắt dòng");
            (v.clone(), v)
        }
        (false, h) => (
            format!("{layout}, không ngắt dòng, từ cột {}", h + 1),
            format!("{layout}, không ngắt dòng"),
        ),
    };
    let ignored = &app.comparison.ignored;
    let ignore_long = format!(
        "bỏ qua: {}",
        if ignored.is_empty() {
            "không".to_string()
        } else {
            ignored.join(",")
        }
    );
    let ignore_short = format!("bỏ qua: {} loại", ignored.len());
    let search = app.search.as_ref().map(|s| {
        format!(
            "tìm \"{}\" {}/{}",
            clip(&s.query, 20),
            s.current + 1,
            s.matches.len()
        )
    });
    // From the fullest to the barest; the first that fits is shown.
    let forms: [(usize, &str, Option<&str>, &str); 9] = [
        (40, &ignore_long, Some(&view), "?: trợ giúp  q: thoát"),
        (40, &ignore_long, Some(&view), "?: trợ giúp"),
        (40, &ignore_short, Some(&view), "?: trợ giúp"),
        (40, &ignore_short, Some(&view), ""),
        (40, "", Some(&view), ""),
        (24, "", Some(&view), ""),
        (24, "", Some(&view_short), ""),
        (16, "", Some(&view_short), ""),
        (16, "", None, ""),
    ];
    // Progress once decisions are kept (a review file attached) or made.
    let progress = (app.review_path.is_some() || !app.review.decisions.is_empty())
        .then(|| app.progress().vietnamese());
    let build = |(max, ignore, view, help): (usize, &str, Option<&str>, &str)| -> String {
        let mut parts = vec![files(max), counts.clone()];
        parts.extend(progress.clone());
        parts.extend(search.clone());
        parts.extend(view.map(str::to_string));
        parts.extend(
            [ignore, help]
                .into_iter()
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
        parts.join(" │ ")
    };
    let mut text = String::new();
    for form in forms {
        text = build(form);
        if text.width() <= width {
            return text;
        }
    }
    text
}

fn status_bar(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = match &app.mode {
        Mode::Input(input, _) => {
            let label = match input.purpose {
                InputFor::Reason(_) => "Lý do không tiếp thu",
                InputFor::Note(_) => "Ghi chú",
                InputFor::Place => "Đi tới (vd. khoản 1 Điều 5, mục 2 phần II)",
                InputFor::ListQuery => "Lọc theo vị trí (vd. khoan 1 dieu 5)",
            };
            format!("{label}: {}▏  Enter ghi, Esc thôi", input.text)
        }
        Mode::SearchInput(q) => {
            let mode = app.search_mode;
            format!(
                "Tìm ({}): {q}▏  Enter tìm, Esc thôi, ^D {}, ^T {}",
                mode.describe(),
                if mode.exact {
                    "không dấu"
                } else {
                    "đúng dấu"
                },
                if mode.whole_word {
                    "một phần từ"
                } else {
                    "cả từ"
                }
            )
        }
        _ => match &app.status {
            Some(s) => s.clone(),
            None => status_text(app, area.width as usize),
        },
    };
    frame.render_widget(
        Paragraph::new(clip(&text, area.width as usize)).style(theme.status_bar()),
        area,
    );
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Words of `text` in lines of at most `width` columns (a word wider than that stays whole on
/// its own line; the overlay's widths never come close).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Columns of the keys in the help overlay (the widest binding's keys and a space).
fn help_keys_width() -> usize {
    BINDINGS.iter().map(|b| b.keys.width()).max().unwrap_or(0) + 1
}

/// Below this inner width the help is one column.
const HELP_TWO_COLUMNS: usize = 100;

/// The lines of the help overlay for an inner width: every binding in full (its description
/// wrapped under itself), in two columns when they fit, then the legend.
pub fn help_lines(width: usize) -> Vec<Line<'static>> {
    let keys_width = help_keys_width();
    let two = width >= HELP_TWO_COLUMNS;
    let column = if two { (width - 2) / 2 } else { width };
    let entry = |b: &super::keys::Binding| -> Vec<Vec<Span<'static>>> {
        wrap_words(b.help, column.saturating_sub(keys_width).max(8))
            .into_iter()
            .enumerate()
            .map(|(k, text)| {
                let keys = if k == 0 { b.keys } else { "" };
                let keys = format!("{keys:>w$} ", w = keys_width - 1);
                let pad = column.saturating_sub(keys.width() + text.width());
                vec![
                    Span::styled(keys, Style::new().add_modifier(Modifier::BOLD)),
                    Span::raw(text),
                    Span::raw(" ".repeat(pad)),
                ]
            })
            .collect()
    };
    let column_lines = |bindings: &[super::keys::Binding]| -> Vec<Vec<Span<'static>>> {
        bindings.iter().flat_map(entry).collect()
    };
    let mut lines: Vec<Line<'static>> = if two {
        // Split where the two columns come out about as long.
        let total: usize = BINDINGS.iter().map(|b| entry(b).len()).sum();
        let mut acc = 0;
        let split = BINDINGS
            .iter()
            .position(|b| {
                acc += entry(b).len();
                acc * 2 >= total
            })
            .map_or(BINDINGS.len(), |i| i + 1);
        let (left, right) = (
            column_lines(&BINDINGS[..split]),
            column_lines(&BINDINGS[split..]),
        );
        (0..left.len().max(right.len()))
            .map(|i| {
                let mut spans = left
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| vec![Span::raw(" ".repeat(column))]);
                spans.push(Span::raw("  "));
                spans.extend(right.get(i).cloned().unwrap_or_default());
                Line::from(spans)
            })
            .collect()
    } else {
        column_lines(BINDINGS).into_iter().map(Line::from).collect()
    };
    lines.push(Line::from(""));
    for text in [
        "Ký hiệu: ~ sửa, + thêm, - xóa, > di chuyển, # đánh số lại, !n số phát hiện. Gộp một cột: [-xóa-]{+thêm+}.",
        "Quyết định: ✓ tiếp thu, ✗ không tiếp thu, · đã xem; lưu ngay vào BẢN-MỚI.rasoat-review.json cạnh bản mới.",
        "Danh sách thay đổi (d): f lọc theo loại, / theo vị trí, Enter đi tới, a/r/x/i/X quyết định mục đang chọn.",
        "Chuột: con lăn cuộn khung dưới con trỏ, nhấp để chọn.",
        "Trong trợ giúp: j/k, PgUp/PgDn, g/G để cuộn; phím khác để đóng.",
    ] {
        lines.extend(wrap_words(text, width).into_iter().map(Line::from));
    }
    lines
}

/// Where the help overlay is drawn: centred, 116 columns at most, as tall as its lines or the
/// screen allows (shared with `update`, which scrolls it).
pub fn help_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(116);
    let lines = help_lines(width.saturating_sub(2) as usize).len() as u16;
    centered(area, width, (lines + 2).min(area.height.saturating_sub(2)))
}

/// The farthest the help scrolls on a screen of `area`.
pub fn help_max_scroll(area: Rect) -> usize {
    let rect = help_area(area);
    help_lines(rect.width.saturating_sub(2) as usize)
        .len()
        .saturating_sub(Regions::inner_height(rect))
}

fn help(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = help_area(area);
    let lines = help_lines(rect.width.saturating_sub(2) as usize);
    let height = Regions::inner_height(rect);
    let scroll = app.help_scroll.min(lines.len().saturating_sub(height));
    let total = lines.len();
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    let mut block = block(" Trợ giúp (?) ".to_string(), true, theme);
    if total > height {
        block = block.title_bottom(
            Line::from(format!(
                " {}–{}/{} · j/k cuộn ",
                scroll + 1,
                (scroll + height).min(total),
                total
            ))
            .alignment(Alignment::Right),
        );
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(shown).block(block), rect);
}

fn picker(app: &App, frame: &mut Frame, step: u8, selected: usize, theme: &Theme) {
    let rect = picker_area(app, step);
    let width = rect.width.saturating_sub(2) as usize;
    let height = Regions::inner_height(rect);
    let documents = app.documents_for(step);
    let first = picker_first(app, step, selected);
    // The bundle overview: which documents differ from their counterpart in the other file.
    let differ = app.differing_documents();
    let lines: Vec<Line> = documents
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, d)| {
            let sign = match &differ {
                Some(list) if list.contains(&d.index) => "≠ ",
                Some(_) => "= ",
                None => "",
            };
            let text = format!(
                "{sign}#{} {} {} {}{}",
                d.index,
                d.type_name().unwrap_or_else(|| "?".into()),
                d.header.symbol.as_ref().map_or("", |s| s.value.as_str()),
                d.title().unwrap_or(""),
                if d.is_draft() { " [DỰ THẢO]" } else { "" }
            );
            let style = if i == selected {
                theme.selected()
            } else {
                Style::new()
            };
            Line::from(Span::styled(clip(&text, width), style))
        })
        .collect();
    let which = if step == 0 { "CŨ" } else { "MỚI" };
    let legend = if differ.is_some() {
        " ≠ khác bản kia,"
    } else {
        ""
    };
    let title = format!(
        " Chọn bản {which} ({}/{}) —{legend} Enter: chọn, Esc: thôi ",
        selected + 1,
        documents.len()
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block(title, true, theme)), rect);
}

/// The change list: every change with its decision, kind, place and an excerpt.
fn change_list(app: &App, frame: &mut Frame, l: ChangeList, theme: &Theme) {
    let rect = changes_area(app);
    let width = rect.width.saturating_sub(2) as usize;
    let height = Regions::inner_height(rect);
    let changes = app.changes(l.filter);
    let first = changes_first(app, l.selected);
    let lines: Vec<Line> = changes
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(k, &s)| {
            let change = &app.comparison.sections[s];
            let kind = crate::decisions::Kind::of(change).map_or("", |k| k.vietnamese());
            let style = if change.moved {
                theme.moved()
            } else {
                theme.status(change.status)
            };
            let d = app.review.of(s);
            let (sign, sign_style) = match d.and_then(|d| d.decision) {
                Some(v) => (v.sign(), theme.verdict(v)),
                None => (' ', Style::new()),
            };
            let citation = crate::decisions::citation_of(change);
            let path = crate::decisions::place_of(change);
            let place = if path != citation && change.number().contains(['.', '/']) {
                format!("{citation} ({path})")
            } else {
                citation
            };
            let findings = app.findings_in(s);
            let badge = if findings > 0 {
                format!(" !{findings}")
            } else {
                String::new()
            };
            let note = d.map_or(String::new(), |d| {
                let mut extra = String::new();
                if !d.reason.is_empty() {
                    extra.push_str(&format!(" — lý do: {}", d.reason));
                }
                if !d.note.is_empty() {
                    extra.push_str(&format!(" — ghi chú: {}", d.note));
                }
                extra
            });
            let head = format!("{} {place} · {kind}", change.mark());
            let room = width.saturating_sub(2 + head.width() + badge.width() + 3);
            let excerpt = crate::decisions::change_excerpt(change, room.max(10));
            let mut spans = vec![
                Span::styled(format!("{sign} "), sign_style),
                Span::styled(head, style.add_modifier(Modifier::BOLD)),
                Span::styled(badge, theme.warning()),
                Span::raw(format!(" — {excerpt}{note}")),
            ];
            if first + k == l.selected {
                spans = spans
                    .into_iter()
                    .map(|sp| {
                        let st = sp.style.patch(theme.selected());
                        sp.style(st)
                    })
                    .collect();
            }
            Line::from(spans)
        })
        .collect();
    let query = if app.changes_query.is_empty() {
        String::new()
    } else {
        format!(", \"{}\"", clip(&app.changes_query, 24))
    };
    let title = format!(
        " Thay đổi ({}{query}): {} · {} ",
        l.filter.vietnamese(),
        changes.len(),
        app.progress().vietnamese()
    );
    let hint = " f / lọc · Enter đi tới · a tiếp thu · r không · x đã xem · i ghi chú ";
    let mut block = block(title, true, theme);
    if width >= hint.width() {
        block = block.title_bottom(Line::from(hint).alignment(Alignment::Right));
    }
    let body = if lines.is_empty() {
        vec![Line::from(format!(
            "Không có thay đổi nào ({}); f để đổi bộ lọc.",
            l.filter.vietnamese()
        ))]
    } else {
        lines
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(body).block(block), rect);
}
