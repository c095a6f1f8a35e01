//! Key bindings as data: one table maps keys to actions and feeds the `?` help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::compare::IgnoreWhat;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    ScrollLeft,
    ScrollRight,
    Top,
    Bottom,
    NextChange,
    PrevChange,
    NextFinding,
    PrevFinding,
    CyclePane,
    Enter,
    Search,
    Toggle(IgnoreWhat),
    ToggleUnified,
    ToggleWrap,
    ExportHtml,
    ExportMarkdown,
    Copy,
    Picker,
    /// The change list.
    ChangeList,
    /// Only the sections that differ.
    ChangedOnly,
    /// Decisions on the current change.
    MarkSeen,
    TakeIn,
    NotTakeIn,
    Note,
    ClearDecision,
    /// `:` a place written as a reader cites it.
    GoToPlace,
    Help,
    /// Esc: ends a search; never quits.
    Cancel,
    Quit,
}

/// A binding: the keys, the action, and its description in the help overlay.
pub struct Binding {
    pub keys: &'static str,
    pub codes: &'static [KeyCode],
    pub action: Action,
    pub help: &'static str,
}

/// Every binding of the normal mode, in the order of the help overlay.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "j ↓",
        codes: &[KeyCode::Char('j'), KeyCode::Down],
        action: Action::Down,
        help: "xuống một dòng / mục",
    },
    Binding {
        keys: "k ↑",
        codes: &[KeyCode::Char('k'), KeyCode::Up],
        action: Action::Up,
        help: "lên một dòng / mục",
    },
    Binding {
        keys: "PgDn Space",
        codes: &[KeyCode::PageDown, KeyCode::Char(' ')],
        action: Action::PageDown,
        help: "xuống một trang",
    },
    Binding {
        keys: "PgUp b",
        codes: &[KeyCode::PageUp, KeyCode::Char('b')],
        action: Action::PageUp,
        help: "lên một trang",
    },
    Binding {
        keys: "h ←",
        codes: &[KeyCode::Char('h'), KeyCode::Left],
        action: Action::ScrollLeft,
        help: "sang trái (khi tắt ngắt dòng)",
    },
    Binding {
        keys: "l →",
        codes: &[KeyCode::Char('l'), KeyCode::Right],
        action: Action::ScrollRight,
        help: "sang phải (khi tắt ngắt dòng)",
    },
    Binding {
        keys: "g Home",
        codes: &[KeyCode::Char('g'), KeyCode::Home],
        action: Action::Top,
        help: "về đầu",
    },
    Binding {
        keys: "G End",
        codes: &[KeyCode::Char('G'), KeyCode::End],
        action: Action::Bottom,
        help: "về cuối",
    },
    Binding {
        keys: "n",
        codes: &[KeyCode::Char('n')],
        action: Action::NextChange,
        help: "thay đổi tiếp theo (kết quả tìm tiếp theo khi đang tìm)",
    },
    Binding {
        keys: "N",
        codes: &[KeyCode::Char('N')],
        action: Action::PrevChange,
        help: "thay đổi trước (kết quả tìm trước)",
    },
    Binding {
        keys: "]",
        codes: &[KeyCode::Char(']')],
        action: Action::NextFinding,
        help: "phát hiện tiếp theo (tính từ chỗ đang xem)",
    },
    Binding {
        keys: "[",
        codes: &[KeyCode::Char('[')],
        action: Action::PrevFinding,
        help: "phát hiện trước (tính từ chỗ đang xem)",
    },
    Binding {
        keys: "Tab",
        codes: &[KeyCode::Tab],
        action: Action::CyclePane,
        help: "chuyển khung: mục lục → so sánh → phát hiện",
    },
    Binding {
        keys: "Enter",
        codes: &[KeyCode::Enter],
        action: Action::Enter,
        help: "đi tới mục / phát hiện đang chọn",
    },
    Binding {
        keys: "/",
        codes: &[KeyCode::Char('/')],
        action: Action::Search,
        help: "tìm; mặc định không cần dấu (\"dan chu\" tìm được \"dân chủ\"); trong ô tìm: Ctrl+D đúng dấu, Ctrl+T cả từ",
    },
    Binding {
        keys: "s",
        codes: &[KeyCode::Char('s')],
        action: Action::Toggle(IgnoreWhat::Whitespace),
        help: "bật/tắt bỏ qua khoảng trắng",
    },
    Binding {
        keys: "c",
        codes: &[KeyCode::Char('c')],
        action: Action::Toggle(IgnoreWhat::Case),
        help: "bật/tắt bỏ qua chữ hoa/thường",
    },
    Binding {
        keys: "p",
        codes: &[KeyCode::Char('p')],
        action: Action::Toggle(IgnoreWhat::Punctuation),
        help: "bật/tắt bỏ qua dấu câu",
    },
    Binding {
        keys: "m",
        codes: &[KeyCode::Char('m')],
        action: Action::Toggle(IgnoreWhat::ListMarkers),
        help: "bật/tắt bỏ qua ký hiệu đầu dòng (a) / - / +)",
    },
    Binding {
        keys: "t",
        codes: &[KeyCode::Char('t')],
        action: Action::Toggle(IgnoreWhat::ToneStyle),
        help: "bật/tắt bỏ qua kiểu đặt dấu (hoà / hòa)",
    },
    Binding {
        keys: "u",
        codes: &[KeyCode::Char('u')],
        action: Action::ToggleUnified,
        help: "song song / gộp một cột",
    },
    Binding {
        keys: "w",
        codes: &[KeyCode::Char('w')],
        action: Action::ToggleWrap,
        help: "bật/tắt ngắt dòng",
    },
    Binding {
        keys: "e",
        codes: &[KeyCode::Char('e')],
        action: Action::ExportHtml,
        help: "xuất báo cáo HTML",
    },
    Binding {
        keys: "E",
        codes: &[KeyCode::Char('E')],
        action: Action::ExportMarkdown,
        help: "xuất báo cáo Markdown",
    },
    Binding {
        keys: "y",
        codes: &[KeyCode::Char('y')],
        action: Action::Copy,
        help: "sao chép nội dung mới của mục (OSC 52)",
    },
    Binding {
        keys: "o",
        codes: &[KeyCode::Char('o')],
        action: Action::Picker,
        help: "chọn hai văn bản để so sánh",
    },
    Binding {
        keys: "d",
        codes: &[KeyCode::Char('d')],
        action: Action::ChangeList,
        help: "danh sách thay đổi (f: lọc)",
    },
    Binding {
        keys: "z",
        codes: &[KeyCode::Char('z')],
        action: Action::ChangedOnly,
        help: "chỉ các mục có thay đổi / tất cả",
    },
    Binding {
        keys: ":",
        codes: &[KeyCode::Char(':')],
        action: Action::GoToPlace,
        help: "đi tới vị trí: khoản 1 Điều 5, mục 2 phần II",
    },
    Binding {
        keys: "a",
        codes: &[KeyCode::Char('a')],
        action: Action::TakeIn,
        help: "tiếp thu thay đổi",
    },
    Binding {
        keys: "r",
        codes: &[KeyCode::Char('r')],
        action: Action::NotTakeIn,
        help: "không tiếp thu (gõ lý do)",
    },
    Binding {
        keys: "x",
        codes: &[KeyCode::Char('x')],
        action: Action::MarkSeen,
        help: "đã xem",
    },
    Binding {
        keys: "i",
        codes: &[KeyCode::Char('i')],
        action: Action::Note,
        help: "ghi chú",
    },
    Binding {
        keys: "X",
        codes: &[KeyCode::Char('X')],
        action: Action::ClearDecision,
        help: "bỏ quyết định (giữ ghi chú)",
    },
    Binding {
        keys: "?",
        codes: &[KeyCode::Char('?')],
        action: Action::Help,
        help: "trợ giúp",
    },
    Binding {
        keys: "Esc",
        codes: &[KeyCode::Esc],
        action: Action::Cancel,
        help: "đóng khung / thôi tìm (không thoát)",
    },
    Binding {
        keys: "q",
        codes: &[KeyCode::Char('q')],
        action: Action::Quit,
        help: "thoát (cả Ctrl+C)",
    },
];

/// The action of a key in normal mode, if any.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            KeyCode::Char('d') => Some(Action::PageDown),
            KeyCode::Char('u') => Some(Action::PageUp),
            _ => None,
        };
    }
    BINDINGS
        .iter()
        .find(|b| b.codes.contains(&key.code))
        .map(|b| b.action)
}
