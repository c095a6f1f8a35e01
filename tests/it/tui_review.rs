//! The review screen's round workflow on ratatui's TestBackend: the change list, decisions kept
//! in the review file, places written as a reader cites them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rasoat::compare::Options;
use rasoat::decisions::{ReviewFile, Verdict};
use rasoat::input;
use rasoat::rules::RuleSet;
use rasoat::tui::App;
use rasoat::tui::model::{Filter, Mode};
use rasoat::tui::store;
use rasoat::tui::theme::Theme;
use rasoat::tui::update::{Effect, Msg, update};
use rasoat::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use crate::common::repo;

/// The seed's two rounds copied to a temporary folder (the review file is written beside them).
fn rounds() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("ke-hoach-v1.txt");
    let new = dir.path().join("ke-hoach-v2.txt");
    std::fs::copy(repo("samples/seed-2-draft-round1.txt"), &old).unwrap();
    std::fs::copy(repo("samples/seed-3-draft-round2.txt"), &new).unwrap();
    (dir, old, new)
}

/// The review of `old` against `new` at `w`×`h`, with its review file attached as the
/// runtime attaches it.
fn open(old: &Path, new: &Path, w: u16, h: u16) -> App {
    let load = |p: &Path| Arc::new(input::load(p, &input::LoadOptions::default()).unwrap());
    let mut app = App::new(
        load(old),
        1,
        load(new),
        1,
        Arc::new(RuleSet::builtin().unwrap()),
        Options::default(),
    );
    update(&mut app, Msg::Resize(w, h));
    store::attach(&mut app);
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Presses `code` and carries out the saves it asks for, as the runtime does.
fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let effects = key(app, code);
    for e in &effects {
        if let Effect::SaveReview { path, contents } = e {
            store::save(path, contents).unwrap();
        }
    }
    effects
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn draw(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f, &Theme::new(true))).unwrap();
    terminal.backend().buffer().clone()
}

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

/// The cell where `word` starts, if it is on screen.
fn find(buffer: &ratatui::buffer::Buffer, word: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        for x in 0..area.width {
            if row[x as usize..].concat().starts_with(word) {
                return Some((x, y));
            }
        }
    }
    None
}

fn section_of(app: &App, number: &str) -> usize {
    app.comparison
        .sections
        .iter()
        .position(|s| s.number() == number)
        .unwrap_or_else(|| panic!("no {number}"))
}

fn current_number(app: &App) -> String {
    app.comparison.sections[app.current_section()]
        .number()
        .to_string()
}

#[test]
fn the_change_list_shows_every_change_with_its_place_and_filters() {
    let (_dir, old, new) = rounds();
    let mut app = open(&old, &new, 120, 40);
    let all = app.changes(Filter::All);
    let differences = app
        .comparison
        .sections
        .iter()
        .filter(|s| s.is_difference())
        .count();
    assert_eq!(all.len(), differences);
    press(&mut app, KeyCode::Char('d'));
    assert!(matches!(app.mode, Mode::Changes(_)));
    let shown = screen(&draw(&app, 120, 40));
    assert!(shown.contains("Thay đổi (tất cả): 24"), "{shown}");
    // Kind, citation form with the numbering path, excerpt with the change marked.
    assert!(
        shown.contains("~ mục 3 phần III (III.3) · sửa — …thi hành Luật [-Thanh niên-]{+Thực"),
        "{shown}"
    );
    // Filters: deleted only, then moved (none), then with findings.
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Char('f'));
    let shown = screen(&draw(&app, 120, 40));
    assert!(shown.contains("Thay đổi (xóa): 1"), "{shown}");
    assert!(shown.contains("- gạch đầu dòng thứ 4 điểm d mục 1 phần II (II.1.d.-4) · xóa"));
    press(&mut app, KeyCode::Char('f'));
    assert!(screen(&draw(&app, 120, 40)).contains("Không có thay đổi nào (di chuyển)"));
    press(&mut app, KeyCode::Char('f'));
    let with_findings = app.changes(Filter::WithFindings);
    assert!(!with_findings.is_empty());
    assert!(with_findings.iter().all(|&s| app.findings_in(s) > 0));
    // `/` keeps the places that contain words typed without tone marks.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "dau dong thu 2");
    press(&mut app, KeyCode::Enter);
    let shown = screen(&draw(&app, 120, 40));
    assert!(
        shown.contains("Thay đổi (có phát hiện, \"dau dong thu 2\"): "),
        "{shown}"
    );
    let kept = app.changes(Filter::WithFindings);
    let with_findings: Vec<usize> = with_findings
        .into_iter()
        .filter(|&s| {
            rasoat::decisions::citation_of(&app.comparison.sections[s])
                .starts_with("gạch đầu dòng thứ 2 ")
        })
        .collect();
    assert!(!kept.is_empty());
    assert_eq!(kept, with_findings);
    // Enter goes to the selected change and closes the list.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.current_section(), with_findings[0]);
}

#[test]
fn the_change_list_colours_kinds_and_decisions() {
    let (_dir, old, new) = rounds();
    let mut app = open(&old, &new, 120, 40);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('a')); // tiếp thu the first, the list moves on
    press(&mut app, KeyCode::Char('x')); // đã xem the second
    let b = draw(&app, 120, 40);
    let (x, y) = find(&b, "✓ ~ gạch đầu dòng thứ 1 mục 1 phần I").expect("decided sign");
    assert_eq!(b[(x, y)].fg, Color::Green, "taken in is green");
    assert!(b[(x, y)].modifier.contains(Modifier::BOLD));
    assert_eq!(
        b[(x + 2, y)].fg,
        Color::Yellow,
        "a changed section is yellow"
    );
    let (x, y) = find(&b, "· ~ gạch đầu dòng thứ 2").expect("seen sign");
    assert_eq!(b[(x, y)].fg, Color::Reset, "seen has no colour of its own");
    // The selection (third change) is reversed.
    let (x, y) = find(&b, "  ~ gạch đầu dòng thứ 3 mục 1").unwrap();
    assert!(b[(x + 2, y)].modifier.contains(Modifier::REVERSED));
    // Not taken in: the reason is asked for, and red.
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Enter);
    assert!(
        app.status.as_deref().unwrap().contains("Hãy ghi lý do"),
        "an empty reason is refused"
    );
    type_text(&mut app, "trái Luật");
    press(&mut app, KeyCode::Enter);
    let b = draw(&app, 120, 40);
    let (x, y) = find(&b, "✗ ~ gạch đầu dòng thứ 3 mục 1").expect("not taken in");
    assert_eq!(b[(x, y)].fg, Color::Red);
    assert!(screen(&b).contains("3/24 đã quyết định"));
    let Mode::Changes(l) = app.mode.clone() else {
        panic!("back in the list")
    };
    assert_eq!(l.filter, Filter::All);
    // Under "undecided" a decided change leaves the list and the next one is selected.
    for _ in 0..6 {
        press(&mut app, KeyCode::Char('f'));
    }
    let undecided = app.changes(Filter::Undecided);
    assert_eq!(undecided.len(), 21);
    press(&mut app, KeyCode::Char('a'));
    let Mode::Changes(l) = app.mode.clone() else {
        panic!("still in the list")
    };
    assert_eq!(app.changes(l.filter)[l.selected], undecided[1]);
    // The outline shows the signs too.
    press(&mut app, KeyCode::Esc);
    let shown = screen(&draw(&app, 120, 40));
    assert!(shown.contains("I.1.-1 ✓"), "{shown}");
}

#[test]
fn decisions_are_saved_after_each_one_and_come_back() {
    let (dir, old, new) = rounds();
    let file = dir.path().join("ke-hoach-v2.txt.rasoat-review.json");
    let mut app = open(&old, &new, 80, 24);
    assert_eq!(app.review_path.as_deref(), Some(file.as_path()));
    assert!(screen(&draw(&app, 80, 24)).contains("0/24 đã quyết định"));
    // From the comparison: the next change, tiếp thu.
    press(&mut app, KeyCode::Char('n'));
    let first = current_number(&app);
    let effects = press(&mut app, KeyCode::Char('a'));
    assert!(matches!(effects.as_slice(), [Effect::SaveReview { .. }]));
    let saved = ReviewFile::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved.decisions.len(), 1, "saved at once");
    // The next: not taken in with a reason, and a note.
    press(&mut app, KeyCode::Char('n'));
    let second = current_number(&app);
    press(&mut app, KeyCode::Char('r'));
    type_text(&mut app, "giữ như dự thảo");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('i'));
    type_text(&mut app, "hỏi Sở Tư pháp");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("2/24 đã quyết định")
    );
    // Reopened: the same decisions on the same changes.
    let again = open(&old, &new, 80, 24);
    assert_eq!(again.progress().decided, 2);
    assert!(
        again
            .status
            .as_deref()
            .unwrap()
            .contains("Đã mở quyết định đã lưu: 2/24")
    );
    let d = again.review.of(section_of(&again, &first)).unwrap();
    assert_eq!(d.decision, Some(Verdict::TakenIn));
    let d = again.review.of(section_of(&again, &second)).unwrap();
    assert_eq!(d.decision, Some(Verdict::NotTakenIn));
    assert_eq!(d.reason, "giữ như dự thảo");
    assert_eq!(d.note, "hỏi Sở Tư pháp");
    // An unchanged section has nothing to decide.
    let mut again = again;
    let unchanged = section_of(&again, "I.1");
    again.cursor = again.row_of_section(unchanged).unwrap();
    assert!(press(&mut again, KeyCode::Char('a')).is_empty());
    assert!(
        again
            .status
            .as_deref()
            .unwrap()
            .contains("không có thay đổi")
    );
}

#[test]
fn a_corrupt_or_foreign_review_file_is_left_untouched() {
    for contents in [
        "{\"decisions\": [",
        "{\"name\": \"package\", \"version\": 1}\n",
    ] {
        let (dir, old, new) = rounds();
        let file = dir.path().join("ke-hoach-v2.txt.rasoat-review.json");
        std::fs::write(&file, contents).unwrap();
        let mut app = open(&old, &new, 80, 24);
        let status = app.status.clone().unwrap();
        assert!(status.contains("Không dùng tệp quyết định"), "{status}");
        assert!(status.contains("Tệp được giữ nguyên"), "{status}");
        let shown = screen(&draw(&app, 80, 24));
        assert!(shown.contains("Không dùng tệp quyết định"), "{shown}");
        press(&mut app, KeyCode::Char('n'));
        let effects = press(&mut app, KeyCode::Char('a'));
        assert!(effects.is_empty(), "nothing is written over it");
        assert!(
            app.status
                .as_deref()
                .unwrap()
                .contains("Không lưu quyết định")
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), contents);
    }
}

#[test]
fn the_next_round_carries_decisions_where_the_section_is_unchanged() {
    let (dir, old, new) = rounds();
    let mut app = open(&old, &new, 120, 40);
    for number in ["III.3", "III.4"] {
        app.cursor = app.row_of_section(section_of(&app, number)).unwrap();
        press(&mut app, KeyCode::Char('a'));
    }
    // The next draft changes III.4 again and leaves III.3 as it was.
    let text = std::fs::read_to_string(&new).unwrap();
    let third = dir.path().join("ke-hoach-v3.txt");
    let changed = text.replacen("Kinh phí bảo đảm", "Kinh phí được bảo đảm", 1);
    assert_ne!(text, changed);
    std::fs::write(&third, changed).unwrap();
    let next = open(&old, &third, 120, 40);
    let status = next.status.clone().unwrap();
    assert!(
        status.contains("Mang sang 1 quyết định từ vòng trước"),
        "{status}"
    );
    assert_eq!(
        next.review
            .of(section_of(&next, "III.3"))
            .and_then(|d| d.decision),
        Some(Verdict::TakenIn)
    );
    assert!(next.review.of(section_of(&next, "III.4")).is_none());
    assert!(
        !dir.path()
            .join("ke-hoach-v3.txt.rasoat-review.json")
            .exists()
    );
}

#[test]
fn only_changed_sections_are_shown_on_z() {
    let (_dir, old, new) = rounds();
    let mut app = open(&old, &new, 120, 40);
    let all = app.rows().len();
    press(&mut app, KeyCode::Char('z'));
    assert!(app.rows().len() < all);
    assert!(
        app.rows()
            .iter()
            .all(|r| app.comparison.sections[r.section].is_difference())
    );
    let shown = screen(&draw(&app, 120, 40));
    assert!(!shown.contains("Thể thức  ·  dòng 1"), "{shown}");
    // n still goes from change to change, and z shows everything again.
    press(&mut app, KeyCode::Char('n'));
    assert!(app.comparison.sections[app.current_section()].is_difference());
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(app.rows().len(), all);
}

#[test]
fn colon_goes_to_a_place_written_as_a_reader_cites_it() {
    let (_dir, old, new) = rounds();
    let mut app = open(&old, &new, 80, 24);
    for (typed, number) in [
        ("mục 3 phần III", "III.3"),
        ("muc 1 phan ii", "II.1"),
        ("điểm d mục 1 phần II", "II.1.d"),
        ("II.2.b", "II.2.b"),
        ("gạch đầu dòng thứ 2 điểm d mục 1", "II.1.d.-2"),
    ] {
        press(&mut app, KeyCode::Char(':'));
        type_text(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        assert_eq!(current_number(&app), number, "{typed}");
    }
    // The comparison's border names the place as it is cited.
    let shown = screen(&draw(&app, 80, 24));
    assert!(
        shown.contains("└ gạch đầu dòng thứ 2 điểm d mục 1 phần II ─"),
        "{shown}"
    );
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "Điều 99");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("Không có vị trí \"Điều 99\"")
    );
}

#[test]
fn a_law_cites_points_clauses_and_attachments() {
    let text = "QUỐC HỘI\nSố: 1/2023/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 1 tháng 1 năm 2023\n\nLUẬT\nThử\n\n\
Điều 5. Phạm vi\n1. Khoản một.\na) Điểm a.\nb) Điểm b.\nc) Điểm c.\n\n\
Nơi nhận:\n- Như Điều 5;\n- Lưu: VT.\n\nCHỦ TỊCH QUỐC HỘI\n\nNguyễn Văn A\n\nPHỤ LỤC I\n\nDANH MỤC\n\n\
1. Mục một.\n2. Mục hai.\n";
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&old, text).unwrap();
    let changed = text
        .replace("Điểm c.", "Điểm c sửa.")
        .replace("Mục hai.", "Mục hai sửa.");
    std::fs::write(&new, changed).unwrap();
    let mut app = open(&old, &new, 80, 24);
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "điểm c khoản 1 Điều 5");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_number(&app), "Điều 5.1.c");
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "diem b, khoan 1, dieu 5");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_number(&app), "Điều 5.1.b");
    press(&mut app, KeyCode::Char('d'));
    let shown = screen(&draw(&app, 80, 24));
    assert!(
        shown.contains("~ điểm c khoản 1 Điều 5 (Điều 5.1.c) · sửa"),
        "{shown}"
    );
    // A part of an attachment is cited with the attachment's name.
    assert!(shown.contains("~ mục 2 Phụ lục I (PL1/2) · sửa"), "{shown}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "mục 2 phụ lục I");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_number(&app), "PL1/2");
}

#[test]
fn the_screens_fit_at_80_by_24() {
    let (_dir, old, new) = rounds();
    let mut app = open(&old, &new, 80, 24);
    press(&mut app, KeyCode::Char('d'));
    let b = draw(&app, 80, 24);
    let shown = screen(&b);
    let lines: Vec<&str> = shown.lines().collect();
    assert!(lines[0].starts_with("┌ Thay đổi (tất cả): 24 · 0/24 đã quyết định"));
    assert!(lines[22].contains("f / lọc · Enter đi tới"), "{shown}");
    assert!(
        lines[23].contains("0/24 đã quyết định"),
        "the status bar stays"
    );
    press(&mut app, KeyCode::Char('r'));
    let shown = screen(&draw(&app, 80, 24));
    assert!(
        shown
            .lines()
            .last()
            .unwrap()
            .starts_with("Lý do không tiếp thu: ▏")
    );
}

#[test]
fn the_picker_gives_an_overview_of_a_bundle() {
    let seed = std::fs::read_to_string(repo("samples/seed-combined.txt")).unwrap();
    let changed = seed.replacen(
        "Kinh phí bảo đảm để triển khai",
        "Kinh phí được bảo đảm để triển khai",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, &seed).unwrap();
    std::fs::write(&new, &changed).unwrap();
    let load = |p: &Path| Arc::new(input::load(p, &input::LoadOptions::default()).unwrap());
    let mut app = App::new(
        load(&old),
        3,
        load(&new),
        3,
        Arc::new(RuleSet::builtin().unwrap()),
        Options::default(),
    );
    update(&mut app, Msg::Resize(120, 40));
    assert_eq!(app.differing_documents(), Some(vec![2]));
    press(&mut app, KeyCode::Char('o'));
    let shown = screen(&draw(&app, 120, 40));
    assert!(shown.contains("≠ khác bản kia"), "{shown}");
    assert!(shown.contains("│= #1 "), "{shown}");
    assert!(shown.contains("│≠ #2 "), "{shown}");
    assert!(shown.contains("│= #3 "), "{shown}");
}
