//! The review screen without a terminal: `update` on messages, `view` on ratatui's TestBackend.

use std::sync::Arc;

use rasoat::compare::Options;
use rasoat::input;
use rasoat::rules::RuleSet;
use rasoat::tui::App;
use rasoat::tui::model::{MIN_SIZE, Mode, Pane};
use rasoat::tui::theme::Theme;
use rasoat::tui::update::{Effect, Msg, update};
use rasoat::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use crate::common::repo;

fn seed_app(width: u16, height: u16) -> App {
    let file = Arc::new(
        input::load(
            &repo("samples/seed-combined.txt"),
            &input::LoadOptions::default(),
        )
        .unwrap(),
    );
    let mut app = App::new(
        file.clone(),
        2,
        file,
        3,
        Arc::new(RuleSet::builtin().unwrap()),
        Options::default(),
    );
    update(&mut app, Msg::Resize(width, height));
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn section_number(app: &App) -> String {
    let s = &app.comparison.sections[app.current_section()];
    s.new.as_ref().or(s.old.as_ref()).unwrap().number.clone()
}

#[test]
fn search_without_tone_marks_finds_the_law_name() {
    let mut app = seed_app(160, 48);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "thanh nien");
    assert_eq!(app.mode, Mode::SearchInput("thanh nien".into()));
    press(&mut app, KeyCode::Enter);
    let search = app.search.clone().expect("a match");
    assert_eq!(search.matches.len(), 1);
    assert_eq!(
        app.rows()[search.matches[0]].section,
        app.comparison
            .sections
            .iter()
            .position(|s| s.new.as_ref().is_some_and(|n| n.number == "III.3"))
            .unwrap()
    );
    // Esc first leaves the search, then quits.
    press(&mut app, KeyCode::Esc);
    assert!(app.search.is_none() && !app.quit);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn next_and_previous_change() {
    let mut app = seed_app(120, 40);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(section_number(&app), "I.1.-1", "first change: a) became -");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(section_number(&app), "I.1.-2");
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(section_number(&app), "I.1.-1");
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('n'));
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("Không còn thay đổi")
    );
}

#[test]
fn findings_jump_to_their_section() {
    let mut app = seed_app(120, 40);
    let noi_nhan = app
        .findings
        .iter()
        .position(|f| f.rule == "SPELL-NOI-NHAN")
        .unwrap();
    // From III.4 (after the findings of II.2.a) the next finding is the one in Nơi nhận.
    app.cursor = app.row_of_section(section_index(&app, "III.4")).unwrap();
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.findings_selected, noi_nhan);
    let s = &app.comparison.sections[app.current_section()];
    assert_eq!(s.new.as_ref().unwrap().title, "Nơi nhận");
    // Tab to the findings pane and Enter on the selection does the same.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Findings);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.comparison.sections[app.current_section()]
            .new
            .as_ref()
            .unwrap()
            .title,
        "Nơi nhận"
    );
}

#[test]
fn next_and_previous_finding_go_from_the_cursor_and_stop_at_the_ends() {
    let mut app = seed_app(120, 40);
    let n = app.findings.len();
    assert!(n >= 3);
    // In reading order: by the section's place on screen, then line and column.
    let place = |app: &App, i: usize| {
        let row = app
            .finding_section(i)
            .and_then(|s| app.row_of_section(s))
            .unwrap_or(0);
        (row, app.findings[i].line, app.findings[i].column)
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| place(&app, i));
    // The first ] from the top goes to the first finding, not the second.
    for &i in &order {
        press(&mut app, KeyCode::Char(']'));
        assert_eq!(app.findings_selected, i);
        assert_eq!(Some(app.current_section()), app.finding_section(i));
    }
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.findings_selected, order[n - 1], "stops at the last");
    assert_eq!(app.status.as_deref(), Some("Không còn phát hiện phía sau."));
    for &i in order.iter().rev().skip(1) {
        press(&mut app, KeyCode::Char('['));
        assert_eq!(app.findings_selected, i);
    }
    press(&mut app, KeyCode::Char('['));
    assert_eq!(
        app.findings_selected, order[0],
        "stops at the first, like N"
    );
    assert_eq!(
        app.status.as_deref(),
        Some("Không còn phát hiện phía trước.")
    );
    // From the end, [ goes to the last finding.
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.findings_selected, order[n - 1]);
}

#[test]
fn toggles_change_the_comparison_and_are_reported() {
    let mut app = seed_app(120, 40);
    let before = app.comparison.stats.sections_changed;
    press(&mut app, KeyCode::Char('m'));
    assert!(app.options.list_markers);
    assert!(
        app.comparison.stats.sections_changed < before,
        "marker-only changes disappear"
    );
    assert!(app.status.as_deref().unwrap().contains("list-markers"));
    press(&mut app, KeyCode::Char('u'));
    assert!(app.unified && app.rows().iter().all(|r| r.right.is_empty()));
    press(&mut app, KeyCode::Char('w'));
    assert!(!app.wrap);
}

#[test]
fn picker_chooses_two_documents() {
    let mut app = seed_app(120, 40);
    press(&mut app, KeyCode::Char('o'));
    assert!(matches!(app.mode, Mode::Picker(_)));
    press(&mut app, KeyCode::Up); // the cover letter, #1
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // new stays #3
    assert_eq!((app.old_index, app.new_index), (1, 3));
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn export_and_copy_are_effects() {
    let mut app = seed_app(120, 40);
    match press(&mut app, KeyCode::Char('e')).as_slice() {
        [
            Effect::Export {
                extension: "html",
                contents,
            },
        ] => assert!(contents.contains("<del>Thanh niên</del>")),
        other => panic!("{other:?}"),
    }
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kinh phi bao dam");
    press(&mut app, KeyCode::Enter);
    match press(&mut app, KeyCode::Char('y')).as_slice() {
        [Effect::Copy(text)] => assert!(text.starts_with("Kinh phí bảo đảm"), "{text}"),
        other => panic!("{other:?}"),
    }
}

fn draw(app: &App, w: u16, h: u16, color: bool) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f, &Theme::new(color))).unwrap();
    terminal.backend().buffer().clone()
}

/// Text of the buffer, one line per row.
fn screen(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cell where `word` starts in row `y` at or after column `from`.
fn find(buffer: &ratatui::buffer::Buffer, word: &str, from: u16) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        for x in from..area.width {
            let rest: String = row[x as usize..].concat();
            if rest.starts_with(word) {
                return Some((x, y));
            }
        }
    }
    None
}

#[test]
fn screens_show_the_law_change_styled_at_both_sizes() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut app = seed_app(w, h);
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "thanh nien");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Esc);
        let buffer = draw(&app, w, h, true);
        let text = screen(&buffer);
        assert!(
            text.contains("Mục lục") && text.contains("Phát hiện"),
            "{text}"
        );
        let middle = app.regions().diff.x + app.regions().diff.width / 2;
        let (x, y) =
            find(&buffer, "Thanh", 0).unwrap_or_else(|| panic!("old side shows Thanh:\n{text}"));
        assert!(x < middle, "deletion on the left");
        let cell = &buffer[(x, y)];
        assert_eq!(cell.fg, Color::Red);
        assert!(cell.modifier.contains(Modifier::CROSSED_OUT));
        let (x, y) = find(&buffer, "Thực hiện dân", middle)
            .unwrap_or_else(|| panic!("new side shows the law:\n{text}"));
        let cell = &buffer[(x, y)];
        assert_eq!(cell.fg, Color::Green, "an insertion is styled as one");
        assert!(cell.modifier.contains(Modifier::UNDERLINED));
        insta::with_settings!({snapshot_suffix => format!("{w}x{h}")}, {
            insta::assert_snapshot!(text);
        });
    }
}

#[test]
fn without_colour_the_meaning_stays_in_modifiers() {
    let mut app = seed_app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "thanh nien");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    let buffer = draw(&app, 120, 40, false);
    let (x, y) = find(&buffer, "Thanh", 0).unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Reset);
    assert!(buffer[(x, y)].modifier.contains(Modifier::CROSSED_OUT));
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    for (w, h) in [
        (1u16, 1u16),
        (20, 5),
        (59, 30),
        (60, 12),
        (300, 10),
        (80, 100),
    ] {
        let mut app = seed_app(w, h);
        for code in [
            KeyCode::Char('n'),
            KeyCode::PageDown,
            KeyCode::Char('G'),
            KeyCode::Char('?'),
            KeyCode::Char('x'),
            KeyCode::Tab,
            KeyCode::Enter,
        ] {
            press(&mut app, code);
            let _ = draw(&app, w, h, true);
        }
        let text = screen(&draw(&app, w, h, true));
        if w < MIN_SIZE.width || h < MIN_SIZE.height {
            assert!(
                text.replace('\n', "").contains("quá nhỏ") || w * h < 40,
                "{w}x{h}: {text}"
            );
        }
    }
}

/// Two bundles of the seed's three documents; the new one changes a sentence of document #2.
fn bundle_app() -> (App, tempfile::TempDir) {
    let seed = std::fs::read_to_string(repo("samples/seed-combined.txt")).unwrap();
    let changed = seed.replacen(
        "Kinh phí bảo đảm để triển khai",
        "Kinh phí được bảo đảm để triển khai",
        1,
    );
    assert_ne!(seed, changed);
    documents_app((&seed, 3), (&changed, 3), 120, 40)
}

#[test]
fn picker_takes_the_old_document_from_the_old_file() {
    let (mut app, _dir) = bundle_app();
    // #3 against #3 is unchanged; the change is in #2.
    assert_eq!(app.comparison.stats.sections_changed, 0);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Up); // old #2
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Up); // new #2
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.old_index, app.new_index), (2, 2));
    assert!(
        app.comparison.stats.sections_changed > 0,
        "the old #2 comes from the old file, so the change shows"
    );
    assert!(!Arc::ptr_eq(&app.old_file, &app.new_file));
}

#[test]
fn a_bundle_says_which_documents_differ() {
    let (app, _dir) = bundle_app();
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("khác nhau: #2."), "{status}");
    let shown = screen(&draw(&app, 120, 40, false));
    assert!(shown.contains("nhấn o để chọn"), "{shown}");
}

#[test]
fn readme_states_the_minimum_size_of_the_code() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let stated = format!("Works from {}×{} up", MIN_SIZE.width, MIN_SIZE.height);
    assert!(
        readme.contains(&stated),
        "README should say \"{stated}\" (the size below which the screen refuses to draw)"
    );
    let (w, h) = (MIN_SIZE.width, MIN_SIZE.height);
    let app = seed_app(w, h);
    assert!(!screen(&draw(&app, w, h, true)).contains("quá nhỏ"));
    let app = seed_app(w - 1, h);
    assert!(screen(&draw(&app, w - 1, h, true)).contains("quá nhỏ"));
}

/// A review of two texts written to a temporary folder, at `width`×`height`.
fn pair_app(old: &str, new: &str, width: u16, height: u16) -> (App, tempfile::TempDir) {
    documents_app((old, 1), (new, 1), width, height)
}

/// A review of document `old.1` of the text `old.0` against document `new.1` of `new.0`, both
/// written to a temporary folder, at `width`×`height`.
fn documents_app(
    old: (&str, usize),
    new: (&str, usize),
    width: u16,
    height: u16,
) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (old_path, new_path) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old_path, old.0).unwrap();
    std::fs::write(&new_path, new.0).unwrap();
    let load =
        |p: &std::path::Path| Arc::new(input::load(p, &input::LoadOptions::default()).unwrap());
    let mut app = App::new(
        load(&old_path),
        old.1,
        load(&new_path),
        new.1,
        Arc::new(RuleSet::builtin().unwrap()),
        Options::default(),
    );
    update(&mut app, Msg::Resize(width, height));
    (app, dir)
}

/// The text rows (old, new) of the section whose title or number is `name`.
fn section_rows(app: &App, name: &str) -> Vec<(String, String)> {
    let section = section_index(app, name);
    let text = |pieces: &[rasoat::tui::layout::Piece]| -> String {
        pieces.iter().map(|p| p.text.as_str()).collect()
    };
    app.rows()
        .iter()
        .filter(|r| r.section == section && !r.heading)
        .map(|r| (text(&r.left), text(&r.right)))
        .collect()
}

fn section_index(app: &App, name: &str) -> usize {
    app.comparison
        .sections
        .iter()
        .position(|s| {
            let u = s.new.as_ref().or(s.old.as_ref()).unwrap();
            u.number == name || u.number.is_empty() && u.title == name
        })
        .unwrap_or_else(|| panic!("no section {name}"))
}

const HEADER_OLD: &str = "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\nSố: 12/KH-UBND\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
Sóc Trăng, ngày 15 tháng 8 năm 2023\nDỰ THẢO\n\nKẾ HOẠCH\nTriển khai thi hành Luật\n\n\
I. MỤC ĐÍCH\n1. Bảo đảm kịp thời.\n";
const HEADER_NEW: &str = "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\nSố: 15/KH-UBND\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
Sóc Trăng, ngày 08 tháng 9 năm 2023\nBẢN TRÌNH KÝ\n\nKẾ HOẠCH\nTriển khai thi hành Luật\n\n\
I. MỤC ĐÍCH\n1. Bảo đảm kịp thời.\n";

#[test]
fn each_line_of_a_changed_block_keeps_its_own_row() {
    // The signature gains a line: `KT. CHỦ TỊCH` above `PHÓ CHỦ TỊCH`, as the CLI shows it.
    let mut app = seed_app(120, 40);
    let rows = section_rows(&app, "Chữ ký");
    let right: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert!(
        right.starts_with(&["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        "{rows:?}"
    );
    assert_eq!(rows[1].0, "", "the inserted line faces nothing: {rows:?}");
    assert_eq!(rows[2].0, "CHỦ TỊCH", "{rows:?}");
    app.scroll = app.row_of_section(section_index(&app, "Chữ ký")).unwrap();
    let buffer = draw(&app, 120, 40, true);
    let text = screen(&buffer);
    assert!(!text.contains("TỊCHPHÓ"), "{text}");
    let (x, y) = find(&buffer, "KT. CHỦ TỊCH", 0).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(buffer[(x, y)].fg, Color::Green);
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let (_, below) = find(&buffer, "PHÓ", x).unwrap();
    assert_eq!(below, y + 1, "PHÓ CHỦ TỊCH on the next row:\n{text}");

    // A header line replaced by another stays on its own row instead of running into the next.
    let (app, _dir) = pair_app(HEADER_OLD, HEADER_NEW, 120, 40);
    let rows = section_rows(&app, "Thể thức");
    let pair = |old: &str, new: &str| (old.to_string(), new.to_string());
    assert!(rows.contains(&pair("DỰ THẢO", "BẢN TRÌNH KÝ")), "{rows:?}");
    assert!(rows.contains(&pair("KẾ HOẠCH", "KẾ HOẠCH")), "{rows:?}");
    let mut app = app;
    press(&mut app, KeyCode::Char('u'));
    let rows: Vec<String> = section_rows(&app, "Thể thức")
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert!(rows.iter().any(|r| r == "KẾ HOẠCH"), "unified: {rows:?}");
}

#[test]
fn the_end_shows_the_last_page_full() {
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut app = seed_app(w, h);
        let (rows, page) = (app.rows().len(), app.page());
        press(&mut app, KeyCode::Char('G'));
        assert_eq!(
            app.scroll + page,
            rows,
            "{w}x{h}: the last row at the bottom"
        );
        assert_eq!(app.cursor, rows - 1);
        assert_eq!(app.current_section(), section_index(&app, "Chữ ký"));
        let text = screen(&draw(&app, w, h, true));
        assert!(
            text.contains("PHÓ CHỦ TỊCH") && text.contains("100%"),
            "{text}"
        );
        // Paging on stays there; paging back up moves by a page.
        press(&mut app, KeyCode::PageDown);
        assert_eq!(app.scroll + page, rows);
        press(&mut app, KeyCode::PageUp);
        assert_eq!(app.scroll + page, rows - (page - 1));
        press(&mut app, KeyCode::End);
        press(&mut app, KeyCode::Char('k'));
        assert_eq!(app.scroll + page + 1, rows);
    }
}

/// The column of the comparison's middle separator on screen.
fn separator_column(app: &App) -> u16 {
    let d = app.regions().diff;
    let side = (d.width - 2 - 3) / 2;
    d.x + 1 + side + 1
}

#[test]
fn without_wrap_each_column_is_clipped_and_scrolls_sideways() {
    let mut app = seed_app(120, 40);
    press(&mut app, KeyCode::Char('w'));
    assert!(!app.wrap);
    app.scroll = app.row_of_section(section_index(&app, "III.4")).unwrap() - 5;
    let d = app.regions().diff;
    let sep = separator_column(&app);
    let check = |app: &App| -> ratatui::buffer::Buffer {
        let buffer = draw(app, 120, 40, true);
        let shown = (app.rows().len() - app.scroll).min(app.page()) as u16;
        for y in d.y + 1..d.y + 1 + shown {
            assert_eq!(
                buffer[(sep, y)].symbol(),
                "│",
                "row {y}: the old column runs over the new one:\n{}",
                screen(&buffer)
            );
        }
        buffer
    };
    let buffer = check(&app);
    let row_text = |b: &ratatui::buffer::Buffer, y: u16, from: u16, to: u16| -> String {
        (from..to).map(|x| b[(x, y)].symbol()).collect::<String>()
    };
    let (_, y) = find(&buffer, "Kinh phí bảo đảm", 0).unwrap();
    let left = row_text(&buffer, y, d.x + 1, sep - 1);
    assert!(left.starts_with("Kinh phí bảo đảm"), "{left}");
    // → and l scroll both columns to the right, ← and h back.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('l'));
    assert!(app.hscroll > 0);
    let buffer = check(&app);
    let shifted = row_text(&buffer, y, d.x + 1, sep - 1);
    let full = "Kinh phí bảo đảm để triển khai thực hiện kế hoạch được bố trí từ ngân sách";
    let skipped: String = full.chars().skip(app.hscroll).collect();
    assert!(
        shifted.starts_with(&skipped[..20]),
        "{shifted:?} should start at column {}",
        app.hscroll
    );
    let right = row_text(&buffer, y, sep + 2, d.x + d.width - 1);
    assert!(right.starts_with(&skipped[..20]), "{right:?}");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.hscroll, 0);
    // With wrap on there is nothing to scroll sideways; the key says so.
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.hscroll, 0);
    assert!(
        app.status.as_deref().unwrap_or("").contains("w"),
        "{:?}",
        app.status
    );
    // The help lists the keys.
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&draw(&app, 160, 48, true));
    assert!(help.contains("h ←") && help.contains("l →"), "{help}");
}

#[test]
fn a_resize_keeps_the_reading_position() {
    let mut app = seed_app(160, 48);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kinh phi bao dam");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    let section = app.current_section();
    assert_eq!(section, section_index(&app, "III.4"));
    // The top row in the middle of III.4's long paragraph.
    let first = app.row_of_section(section).unwrap();
    app.scroll = first + 3;
    app.cursor = first + 3;
    let top_text = |app: &App| -> String {
        app.rows()[app.scroll]
            .left
            .iter()
            .map(|p| p.text.as_str())
            .collect()
    };
    let before = top_text(&app);
    for (w, h) in [(80u16, 24u16), (50, 10), (120, 40), (160, 48)] {
        update(&mut app, Msg::Resize(w, h));
        assert_eq!(app.rows()[app.scroll].section, section, "{w}x{h}: top row");
        assert_eq!(app.current_section(), section, "{w}x{h}: cursor");
        assert!(
            !app.rows()[app.scroll].heading,
            "{w}x{h}: still inside the paragraph"
        );
        assert_eq!(app.outline_selected, section);
    }
    assert_eq!(
        top_text(&app),
        before,
        "back at the first size, the same row on top"
    );
    // Changing the view keeps it too.
    // (The top row may move up: near the end the last page is shown full.)
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.current_section(), section);
    assert!(!app.rows()[app.cursor].heading);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(top_text(&app), before);
}

#[test]
fn the_picker_scrolls_to_its_selection() {
    let seed = std::fs::read_to_string(repo("samples/seed-combined.txt")).unwrap();
    let many = vec![seed; 10].join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.txt");
    std::fs::write(&path, many).unwrap();
    let file = Arc::new(input::load(&path, &input::LoadOptions::default()).unwrap());
    assert_eq!(file.parsed.documents.len(), 30);
    let mut app = App::new(
        file.clone(),
        1,
        file,
        2,
        Arc::new(RuleSet::builtin().unwrap()),
        Options::default(),
    );
    update(&mut app, Msg::Resize(80, 24));
    press(&mut app, KeyCode::Char('o'));
    // The selected line of the picker, read from the screen (reversed).
    let selected_line = |app: &App| -> String {
        let buffer = draw(app, 80, 24, false);
        let text = screen(&buffer);
        (0..24)
            .find_map(|y| {
                let cells: Vec<_> = (0..80)
                    .filter(|&x| {
                        buffer[(x, y)].modifier.contains(Modifier::REVERSED)
                            && buffer[(x, y)].symbol() == "#"
                    })
                    .collect();
                cells
                    .first()
                    .map(|&x| (x..80).map(|x| buffer[(x, y)].symbol()).collect::<String>())
            })
            .unwrap_or_else(|| panic!("no selection on screen:\n{text}"))
    };
    for (key, doc) in [
        (KeyCode::Char('G'), "#30 "),
        (KeyCode::Char('g'), "#1 "),
        (KeyCode::End, "#30 "),
        (KeyCode::Home, "#1 "),
    ] {
        press(&mut app, key);
        assert!(
            selected_line(&app).starts_with(doc),
            "{key:?}: {}",
            selected_line(&app)
        );
    }
    for k in 2..=25 {
        press(&mut app, KeyCode::Char('j'));
        assert!(
            selected_line(&app).starts_with(&format!("#{k} ")),
            "{}",
            selected_line(&app)
        );
    }
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.old_index, app.new_index), (30, 30));
}

#[test]
fn escape_closes_and_clears_but_never_quits() {
    let mut app = seed_app(120, 40);
    // A search that finds nothing, then Esc: the screen stays.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "khong co chu nay");
    press(&mut app, KeyCode::Enter);
    assert!(app.search.is_none());
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit, "Esc after a search that found nothing quit");
    assert!(
        app.status.as_deref().unwrap_or("").contains("q"),
        "{:?}",
        app.status
    );
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit, "Esc never quits");
    // Esc closes the prompt, the help, the picker, then ends a search, in that order.
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "thanh nien");
    press(&mut app, KeyCode::Enter);
    assert!(app.search.is_some());
    press(&mut app, KeyCode::Esc);
    assert!(app.search.is_none() && !app.quit);
    // Only q (or Ctrl+C) quits.
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    let mut app = seed_app(120, 40);
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(app.quit);
}

#[test]
fn a_change_of_list_marker_alone_is_shown_on_the_heading() {
    let mut app = seed_app(120, 40);
    let section = section_index(&app, "I.1.-1");
    let s = &app.comparison.sections[section];
    assert!(
        s.marker_changed && !s.diff.has_changes(),
        "only the marker changed"
    );
    app.scroll = app.row_of_section(section).unwrap();
    let buffer = draw(&app, 120, 40, true);
    let text = screen(&buffer);
    let sep = separator_column(&app);
    let (x, y) = find(&buffer, "ký hiệu a)", 0).unwrap_or_else(|| panic!("{text}"));
    assert!(x < sep);
    let cell = &buffer[(x + "ký hiệu ".chars().count() as u16, y)];
    assert_eq!(cell.symbol(), "a");
    assert_eq!(cell.fg, Color::Red);
    assert!(cell.modifier.contains(Modifier::CROSSED_OUT));
    let (x, y2) = find(&buffer, "ký hiệu -", sep).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(y2, y, "both headings on one row");
    let cell = &buffer[(x + "ký hiệu ".chars().count() as u16, y)];
    assert_eq!(cell.fg, Color::Green);
    assert!(cell.modifier.contains(Modifier::UNDERLINED));
    // Unified: both markers on the one heading.
    press(&mut app, KeyCode::Char('u'));
    app.scroll = app.row_of_section(section).unwrap();
    let text = screen(&draw(&app, 120, 40, false));
    let heading = text.lines().find(|l| l.contains("I.1.-1")).unwrap();
    assert!(
        heading.contains("a)") && heading.contains("ký hiệu"),
        "{heading}"
    );
    // Ignoring list markers (m) hides it with the change.
    press(&mut app, KeyCode::Char('m'));
    let text = screen(&draw(&app, 120, 40, false));
    assert!(!text.contains("ký hiệu a)"), "{text}");
}

#[test]
fn the_unified_view_keeps_a_replacement_from_reading_as_one_text() {
    let (mut app, _dir) = pair_app(HEADER_OLD, HEADER_NEW, 120, 40);
    press(&mut app, KeyCode::Char('u'));
    let rows: Vec<String> = section_rows(&app, "Thể thức")
        .into_iter()
        .map(|r| r.0)
        .collect();
    let date = "Sóc Trăng, ngày [-15-]{+08+} tháng [-8-]{+9+} năm 2023";
    assert!(rows.iter().any(|r| r == date), "{rows:?}");
    assert!(
        rows.iter().any(|r| r == "Số: [-12-]{+15+}/KH-UBND"),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r == "[-DỰ THẢO-]{+BẢN TRÌNH KÝ+}"),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.contains("15 08")), "{rows:?}");
    for color in [true, false] {
        let buffer = draw(&app, 120, 40, color);
        let (x, y) = find(&buffer, "[-15-]{+08+}", 0).unwrap();
        let at = |dx: u16| &buffer[(x + dx, y)];
        // The brackets in the colour of their change, bold, neither struck nor underlined.
        assert!(at(0).modifier.contains(Modifier::BOLD));
        assert!(!at(0).modifier.contains(Modifier::CROSSED_OUT));
        assert!(at(2).modifier.contains(Modifier::CROSSED_OUT), "15 struck");
        assert!(!at(4).modifier.contains(Modifier::CROSSED_OUT));
        assert!(
            at(8).modifier.contains(Modifier::UNDERLINED),
            "08 underlined"
        );
        assert!(!at(10).modifier.contains(Modifier::UNDERLINED));
        if color {
            assert_eq!(at(0).fg, Color::Red);
            assert_eq!(at(2).fg, Color::Red);
            assert_eq!(at(6).fg, Color::Green);
            assert_eq!(at(8).fg, Color::Green);
        }
    }
    // The seed: a changed capital reads as two words, not "Sở sở".
    let mut app = seed_app(120, 40);
    press(&mut app, KeyCode::Char('u'));
    let text: String = section_rows(&app, "III.4")
        .into_iter()
        .map(|r| r.0 + "\n")
        .collect();
    assert!(
        text.contains("Các [-Sở-]{+sở+}, ban, ngành{+ tỉnh+}"),
        "{text}"
    );
    // Side by side needs no brackets: each column shows one version.
    press(&mut app, KeyCode::Char('u'));
    let rows = section_rows(&app, "III.4");
    assert!(
        rows.iter()
            .all(|(l, r)| !l.contains("[-") && !r.contains("{+"))
    );
}

/// Texts of the comparison pane drawn with the search-match background, one per run of cells.
fn highlighted(app: &App, buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    let d = app.regions().diff;
    let mut out = Vec::new();
    for y in d.y + 1..d.y + d.height - 1 {
        let mut run = String::new();
        for x in d.x + 1..d.x + d.width - 1 {
            let cell = &buffer[(x, y)];
            if cell.bg == Color::Blue || cell.bg == Color::Yellow {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

fn search(app: &mut App, query: &str, toggles: &[char]) {
    press(app, KeyCode::Char('/'));
    for &t in toggles {
        update(
            app,
            Msg::Key(KeyEvent::new(KeyCode::Char(t), KeyModifiers::CONTROL)),
        );
    }
    type_text(app, query);
    press(app, KeyCode::Enter);
}

#[test]
fn search_modes_highlight_only_the_match_and_move_the_outline() {
    // Without tone marks (the default) `hòa` is found inside `HOẠCH` too.
    let mut app = seed_app(120, 40);
    search(&mut app, "hòa", &[]);
    let loose = app.search.as_ref().unwrap().matches.len();
    let first = app.rows()[app.search.as_ref().unwrap().matches[0]].clone();
    let first: String = first.left.iter().map(|p| p.text.as_str()).collect();
    assert!(
        first.contains("KẾ HOẠCH") || first.contains("HÒA"),
        "{first}"
    );
    // Ctrl+D: with tone marks, case aside: only HÒA.
    let mut app = seed_app(120, 40);
    search(&mut app, "hòa", &['d']);
    let exact = app.search.clone().expect("CỘNG HÒA is there");
    assert!(exact.matches.len() < loose);
    for _ in 0..exact.matches.len() {
        let buffer = draw(&app, 120, 40, true);
        let shown = highlighted(&app, &buffer);
        assert!(!shown.is_empty());
        for t in &shown {
            assert_eq!(
                t.to_lowercase(),
                "hòa",
                "only the match is highlighted: {shown:?}"
            );
        }
        press(&mut app, KeyCode::Char('n'));
    }
    // Ctrl+T: whole words; without tone marks `hoa` is HÒA, never HOẠCH.
    let mut app = seed_app(120, 40);
    search(&mut app, "hoa", &['t']);
    let words = app.search.clone().unwrap();
    assert!(words.matches.len() < loose);
    for h in &words.hits {
        let r = &app.rows()[h.row];
        let side = if h.left { &r.left } else { &r.right };
        let text: String = side.iter().map(|p| p.text.as_str()).collect();
        let word = &text[h.start..h.end];
        assert_eq!(rasoat::text::fold(word), "hoa", "{text}");
        assert!(
            !text[h.end..].starts_with(char::is_alphanumeric),
            "a whole word, not the start of one: {text}"
        );
    }
    // The prompt says which modes are on.
    press(&mut app, KeyCode::Char('/'));
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
    );
    let bar = screen(&draw(&app, 120, 40, true));
    let bar = bar.lines().last().unwrap();
    assert!(bar.contains("đúng dấu") && bar.contains("cả từ"), "{bar}");
    press(&mut app, KeyCode::Esc);

    // The law name: only "Thanh niên" is highlighted, not its row; the outline follows.
    let mut app = seed_app(120, 40);
    search(&mut app, "thanh nien", &[]);
    let buffer = draw(&app, 120, 40, true);
    assert_eq!(highlighted(&app, &buffer), ["Thanh niên"]);
    let iii3 = section_index(&app, "III.3");
    assert_eq!(app.outline_selected, iii3);
    let text = screen(&buffer);
    let o = app.regions().outline;
    let selected: Vec<&str> = (o.y + 1..o.y + o.height - 1)
        .filter(|&y| buffer[(o.x + 2, y)].modifier.contains(Modifier::REVERSED))
        .map(|y| text.lines().nth(y as usize).unwrap())
        .collect();
    assert_eq!(selected.len(), 1, "{text}");
    assert!(selected[0].contains("III.3"), "{selected:?}");
    // Going through several matches moves the outline with each jump.
    let mut app = seed_app(120, 40);
    search(&mut app, "so noi vu", &[]);
    let n = app.search.as_ref().unwrap().matches.len();
    assert!(n > 2);
    let mut sections = std::collections::BTreeSet::new();
    for _ in 0..n {
        assert_eq!(app.outline_selected, app.current_section());
        sections.insert(app.current_section());
        press(&mut app, KeyCode::Char('n'));
    }
    assert!(sections.len() > 2);
}

/// The inside of the box titled `title`, line by line.
fn boxed(buffer: &ratatui::buffer::Buffer, title: &str) -> Vec<String> {
    let (x, y) = find(buffer, &format!("┌ {title}"), 0).expect("the box is drawn");
    let area = buffer.area;
    let right = (x + 1..area.width)
        .find(|&c| buffer[(c, y)].symbol() == "┐")
        .unwrap();
    let bottom = (y + 1..area.height)
        .find(|&r| buffer[(x, r)].symbol() == "└")
        .unwrap();
    (y + 1..bottom)
        .map(|r| (x + 1..right).map(|c| buffer[(c, r)].symbol()).collect())
        .collect()
}

#[test]
fn the_help_fits_and_scrolls_at_every_size() {
    let bindings = rasoat::tui::keys::BINDINGS;
    for (w, h) in [(80u16, 24u16), (120, 30), (120, 40), (60, 12), (200, 60)] {
        let mut app = seed_app(w, h);
        press(&mut app, KeyCode::Char('?'));
        let mut seen: Vec<String> = Vec::new();
        let mut last: Option<Vec<String>> = None;
        for _ in 0..200 {
            let buffer = draw(&app, w, h, true);
            let inside = boxed(&buffer, "Trợ giúp");
            if last.as_ref() == Some(&inside) {
                break;
            }
            seen.extend(inside.iter().cloned());
            last = Some(inside);
            press(&mut app, KeyCode::Char('j'));
        }
        assert!(
            matches!(app.mode, Mode::Help),
            "j scrolls the help, it does not close it"
        );
        let all = seen.join("\n");
        assert!(!all.contains('…'), "{w}x{h}: nothing cut:\n{all}");
        let words: Vec<&str> = all.split_whitespace().collect();
        for b in bindings {
            assert!(
                all.contains(b.keys),
                "{w}x{h}: help lists {}:\n{all}",
                b.keys
            );
            for word in b.help.split_whitespace() {
                assert!(
                    words.contains(&word),
                    "{w}x{h}: {word:?} of {:?}:\n{all}",
                    b.help
                );
            }
        }
        assert!(
            all.contains("nhấp để chọn") || all.contains("để chọn"),
            "{all}"
        );
        press(&mut app, KeyCode::Char('z'));
        assert_eq!(app.mode, Mode::Normal, "any other key closes help");
    }
}

fn status_line(app: &App, w: u16, h: u16) -> String {
    screen(&draw(app, w, h, true))
        .lines()
        .last()
        .unwrap()
        .to_string()
}

#[test]
fn the_status_bar_names_files_briefly_and_keeps_the_state_visible() {
    let mut app = seed_app(80, 24);
    app.status = None;
    let bar = status_line(&app, 80, 24);
    assert!(!bar.contains("samples/") && !bar.contains('…'), "{bar}");
    for part in [
        "seed-combined.txt #2 → #3",
        "~23 +0 -1 >0 #0",
        "song song",
        "bỏ qua",
    ] {
        assert!(bar.contains(part), "80 columns show {part:?}: {bar}");
    }
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Char('l'));
    app.status = None;
    let bar = status_line(&app, 80, 24);
    assert!(bar.contains("không ngắt dòng"), "{bar}");
    // A search stays in view after its message is gone.
    search(&mut app, "thanh nien", &[]);
    app.status = None;
    let bar = status_line(&app, 80, 24);
    assert!(bar.contains("thanh nien") && bar.contains("1/1"), "{bar}");
    // Two files in a temporary folder: names only, the counts still there at 60 columns.
    let (mut app, _dir) = bundle_app();
    app.status = None;
    for (w, h) in [(80u16, 24u16), (60, 12)] {
        update(&mut app, Msg::Resize(w, h));
        let bar = status_line(&app, w, h);
        assert!(bar.contains("old.txt #3 → new.txt #3"), "{w}: {bar}");
        assert!(bar.contains("~0 +0 -0"), "{w}: {bar}");
        assert!(!bar.contains(&*_dir.path().to_string_lossy()), "{bar}");
    }
    // A long name is shortened in its middle, keeping its end.
    let long = "ke-hoach-trien-khai-thi-hanh-luat-thuc-hien-dan-chu-o-co-so-vong-2.txt";
    let (mut app, dir) = pair_app(HEADER_OLD, HEADER_NEW, 80, 24);
    std::fs::copy(dir.path().join("new.txt"), dir.path().join(long)).unwrap();
    app.new_file =
        Arc::new(input::load(&dir.path().join(long), &input::LoadOptions::default()).unwrap());
    app.status = None;
    let bar = status_line(&app, 80, 24);
    assert!(
        bar.contains("vong-2.txt") && bar.contains("~1 +0 -0"),
        "{bar}"
    );
}

fn wheel(app: &mut App, down: bool, column: u16, row: u16) {
    use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
    update(
        app,
        Msg::Mouse(MouseEvent {
            kind: if down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            },
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = seed_app(120, 40);
    let r = app.regions();
    let inside = |rect: ratatui::layout::Rect| (rect.x + 2, rect.y + 2);
    // Over the outline: the outline moves, the comparison stays.
    let (x, y) = inside(r.outline);
    wheel(&mut app, true, x, y);
    wheel(&mut app, true, x, y);
    assert_eq!(app.scroll, 0, "the comparison did not scroll");
    assert!(app.outline_selected > 0);
    let selected = app.outline_selected;
    wheel(&mut app, false, x, y);
    assert!(app.outline_selected < selected);
    // Over the findings: the findings move.
    let (x, y) = inside(r.findings);
    wheel(&mut app, true, x, y);
    assert_eq!(app.scroll, 0);
    assert!(app.findings_selected > 0);
    // Over the comparison: it scrolls.
    let (x, y) = inside(r.diff);
    wheel(&mut app, true, x, y);
    assert!(app.scroll > 0);
    // Over the help: the help scrolls and stays open.
    let mut app = seed_app(80, 24);
    press(&mut app, KeyCode::Char('?'));
    wheel(&mut app, true, 40, 12);
    assert!(matches!(app.mode, Mode::Help) && app.help_scroll > 0);
    assert_eq!(app.scroll, 0);
}

#[test]
fn without_wrap_the_rows_of_each_side_are_the_lines_of_its_text() {
    // The CLI and HTML outputs print each version's lines; the screen must show the same lines.
    let load = |p: &str| Arc::new(input::load(&repo(p), &input::LoadOptions::default()).unwrap());
    let seed = load("samples/seed-combined.txt");
    let pairs = [
        (seed.clone(), 2, seed, 3),
        (
            load("samples/cong-van-v1.txt"),
            1,
            load("samples/cong-van-v2.txt"),
            1,
        ),
        (
            load("samples/quyet-dinh-v1.txt"),
            1,
            load("samples/quyet-dinh-v2.txt"),
            1,
        ),
    ];
    for (old, oi, new, ni) in pairs {
        let mut app = App::new(
            old,
            oi,
            new,
            ni,
            Arc::new(RuleSet::builtin().unwrap()),
            Options::default(),
        );
        update(&mut app, Msg::Resize(120, 40));
        for unified in [false, true] {
            if unified {
                press(&mut app, KeyCode::Char('u'));
            }
            press(&mut app, KeyCode::Char('w'));
            for (i, s) in app.comparison.sections.iter().enumerate() {
                let text = |pieces: &[rasoat::tui::layout::Piece]| -> String {
                    pieces.iter().map(|p| p.text.as_str()).collect()
                };
                let rows = app.rows().iter().filter(|r| r.section == i && !r.heading);
                let shown = |left: bool| -> Vec<String> {
                    rows.clone()
                        .map(|r| text(if left { &r.left } else { &r.right }))
                        .filter(|t| !t.trim().is_empty())
                        .collect()
                };
                let lines = |t: String| -> Vec<String> {
                    t.lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(str::to_string)
                        .collect()
                };
                if unified {
                    // One line per line of the new text (or the old one's where deleted).
                    let n = shown(true).len();
                    let expected = lines(s.diff.new_text())
                        .len()
                        .max(lines(s.diff.old_text()).len());
                    assert!(n >= expected, "section {i}: {:?}", shown(true));
                    continue;
                }
                if s.old.is_some() {
                    let old_lines = lines(s.diff.old_text());
                    assert_eq!(shown(true), old_lines, "old side of section {i}");
                }
                if s.new.is_some() {
                    assert_eq!(
                        shown(false),
                        lines(s.diff.new_text()),
                        "new side of section {i}"
                    );
                }
            }
            press(&mut app, KeyCode::Char('w'));
        }
    }
}

#[test]
fn an_edit_in_a_docx_footnote_is_a_change_on_the_review_screen() {
    let load = |p: &str| Arc::new(input::load(&repo(p), &input::LoadOptions::default()).unwrap());
    let mut app = App::new(
        load("tests/fixtures/docx/footnotes.docx"),
        1,
        load("tests/fixtures/docx/footnotes-edited.docx"),
        1,
        Arc::new(RuleSet::builtin().unwrap()),
        Options::default(),
    );
    update(&mut app, Msg::Resize(140, 40));
    press(&mut app, KeyCode::Char('n'));
    let s = &app.comparison.sections[app.current_section()];
    assert_eq!(
        s.new.as_ref().unwrap().block,
        rasoat::outline::Block::Footnotes
    );
    let text = screen(&draw(&app, 140, 40, false));
    // In the outline marked changed, and side by side with the edit.
    assert!(text.contains("│~ Chú thích cuối trang"), "{text}");
    assert!(
        text.contains("~ Chú thích cuối trang  ·  dòng 17"),
        "{text}"
    );
    assert!(text.contains("quy định chi tiết và hướng dẫn"), "{text}");
}
