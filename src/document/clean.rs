//! Cleaning converted text for analysis: markup, table pipes, odd spaces and rule lines.
//!
//! Converted documents carry `**bold**`/`*italic*` markers that may open on one line and close on
//! another, `|` cells of a flattened two-column header, `-------` rules under the issuing body,
//! tabs and non-breaking spaces. None of this is content; all of it breaks naive parsing.

use super::lines::SourceLine;
use super::mapped::{MappedStr, MappedText};

/// What a cleaned line is, for the paragraph and header logic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or whitespace only: a soft paragraph break.
    Blank,
    /// A `|` cell border or a `-----` rule: a hard break between blocks, never content.
    Rule,
    /// Content.
    Text,
}

/// The text of a cleaned line: the source line itself when it is clean already (almost always),
/// so that parsing does not copy the whole text once more, or the cleaned copy.
#[derive(Debug, Clone)]
pub enum LineText<'a> {
    Source(MappedStr<'a>),
    Cleaned(MappedText),
}

impl LineText<'_> {
    pub fn view(&self) -> MappedStr<'_> {
        match self {
            LineText::Source(s) => *s,
            LineText::Cleaned(t) => t.view(),
        }
    }

    pub fn to_mapped_text(&self) -> MappedText {
        match self {
            LineText::Source(s) => s.to_mapped_text(),
            LineText::Cleaned(t) => t.clone(),
        }
    }
}

/// A line (or one table cell of a line) ready for analysis.
#[derive(Debug, Clone)]
pub struct CleanLine<'a> {
    pub number: u32,
    pub kind: LineKind,
    /// Cleaned text: no markup, single spaces, trimmed.
    pub text: LineText<'a>,
    /// Whether the original line opened with a bold marker (`**`): converters put each bold run of
    /// the header (issuing body, type name, authority) on its own, so this helps split blocks.
    pub starts_bold: bool,
    /// Whether the original line opened with an italic marker (`*`, or `***` for bold italics):
    /// quotations are often set in italics, their quotation marks lost in conversion.
    pub starts_italic: bool,
    /// Whether the original line closed an emphasis run (`…**` or `…*`): a heading set in bold
    /// (`**Điều 5. Hiệu lực thi hành**`) ends there even without punctuation.
    pub ends_emphasis: bool,
    /// The source format says a paragraph starts here (a .docx paragraph): no joining with the
    /// line before, whatever it looks like.
    pub hard_break: bool,
    /// The column of a line laid out in columns with runs of tabs (`Nơi nhận:⇥⇥TM. ỦY BAN NHÂN
    /// DÂN`): 0 for a line without such a gap; 1 for the text before the first gap; 2 for the
    /// text after a gap (a line that starts with a gap, `⇥⇥Nguyễn Văn A`, is all column 2).
    pub column: u8,
}

impl CleanLine<'_> {
    /// A line without text: a blank line or a rule.
    fn empty(number: u32, kind: LineKind) -> CleanLine<'static> {
        CleanLine {
            number,
            kind,
            text: LineText::Cleaned(MappedText::new()),
            starts_bold: false,
            starts_italic: false,
            ends_emphasis: false,
            hard_break: false,
            column: 0,
        }
    }

    /// The line with its own copy of the text (for lines that must outlive their source).
    pub fn into_owned(self) -> CleanLine<'static> {
        CleanLine {
            text: LineText::Cleaned(self.text.to_mapped_text()),
            ..self
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.text {
            LineText::Source(s) => s.as_str(),
            LineText::Cleaned(t) => t.as_str(),
        }
    }
    pub fn is_text(&self) -> bool {
        self.kind == LineKind::Text
    }
}

/// Characters that carry no text and are dropped (they are reported by typography rules, which
/// read the original lines): zero-width spaces and joiners, the byte order mark, the soft hyphen,
/// and the invisible controls of [`is_invisible_control`]. A reader sees through them, so the
/// rules do (`Luật Thanh niên\u{202E} đảm bảo` reads as `Luật Thanh niên đảm bảo`); the columns of
/// the characters kept stay those of the original line.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || is_invisible_control(c)
}

/// Controls that show nothing (or something other than the text reads): bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069), direction marks (U+200E, U+200F,
/// U+061C), C0 and C1 controls other than the whitespace ones (tab, line ends, U+000B, U+000C,
/// U+0085, which are spaces), and tag characters (U+E0000–U+E007F).
pub(crate) fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{E}'..='\u{1F}'
            | '\u{7F}'..='\u{84}'
            | '\u{86}'..='\u{9F}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Cleans one source line into one or more lines (a `|`-separated row becomes one line per cell).
pub fn clean_line(line: SourceLine<'_>) -> Vec<CleanLine<'_>> {
    let mut out = Vec::new();
    clean_line_into(line, &mut out);
    out
}

/// [`clean_line`] appending to `out`: parsing cleans every line of a file into one vector, without
/// a vector per line.
pub fn clean_line_into<'a>(line: SourceLine<'a>, out: &mut Vec<CleanLine<'a>>) {
    let raw = line.text.as_str();
    if raw.is_empty() {
        out.push(CleanLine::empty(line.number, LineKind::Blank));
        return;
    }
    // rasoat's own comments (suppressions) are not document text.
    if line.names_rasoat && super::directive::is_directive(raw) {
        out.push(CleanLine::empty(line.number, LineKind::Rule));
        return;
    }
    // Fast path: most lines are already clean text (no markup, pipes, odd or repeated spaces).
    if is_plain(&line) {
        out.push(CleanLine {
            number: line.number,
            kind: LineKind::Text,
            text: LineText::Source(line.text),
            starts_bold: false,
            starts_italic: false,
            ends_emphasis: false,
            hard_break: false,
            column: 0,
        });
        return;
    }
    if is_rule(raw) {
        out.push(CleanLine::empty(line.number, LineKind::Rule));
        return;
    }
    let trimmed_raw = raw.trim_start();
    let underscores = markup_underscores(raw);
    let starts_bold = trimmed_raw.starts_with("**")
        || underscores.as_ref().is_some_and(|u| {
            let lead = raw.chars().count() - trimmed_raw.chars().count();
            u.get(lead).copied().unwrap_or(false)
        });
    let starts_italic =
        trimmed_raw.starts_with('*') && (!starts_bold || trimmed_raw.starts_with("***"));
    let ends_emphasis = raw.trim_end().ends_with('*');
    let had_pipe = raw.contains('|');
    // Markdown heading hashes at the start of a line are markup, not text; a line of hashes
    // alone is an empty heading the conversion left (`#` after the last paragraph).
    let hashes = trimmed_raw.chars().take_while(|&c| c == '#').count();
    let after_hashes = &trimmed_raw[hashes..];
    let skip_leading =
        if hashes > 0 && (after_hashes.starts_with(' ') || after_hashes.trim().is_empty()) {
            raw.chars().count() - trimmed_raw.chars().count() + hashes
        } else {
            0
        };
    // Kept characters are copied in stretches (between two dropped characters or spaces), not
    // one by one: a third of the lines of converted files carry markup or table pipes. Each cell
    // goes to `out` as soon as it ends.
    let before = out.len();
    // Column gaps: runs of whitespace holding two tabs or more, as Word layouts put between Nơi
    // nhận and the signature. A single tab is an indent or the space after a marker (`1.⇥Nội
    // dung`).
    let gaps = column_gaps(raw);
    let mut column: u8 = 0;
    let finish = |cell: MappedText, column: u8, out: &mut Vec<CleanLine<'a>>| {
        let mut text = without_rule_ends(cell.trimmed());
        // A cell was given room for the whole line: give back what it did not use.
        text.shrink_to_fit();
        if !text.is_empty() {
            out.push(CleanLine {
                number: line.number,
                kind: LineKind::Text,
                text: LineText::Cleaned(text),
                starts_bold,
                starts_italic,
                ends_emphasis,
                hard_break: false,
                column,
            });
        }
    };
    let mut cell = MappedText::with_capacity(raw.len());
    let mut stretch: Option<(usize, usize)> = None;
    let mut last_space = true;
    for (i, (at, c)) in raw.char_indices().enumerate() {
        let dropped = i < skip_leading
            || is_invisible(c)
            || c == '*'
            || (c == '_' && underscores.as_ref().is_some_and(|u| u[i]));
        if !dropped && c != '|' && !c.is_whitespace() {
            stretch.get_or_insert((at, i));
            last_space = false;
            continue;
        }
        if let Some((start, first)) = stretch.take() {
            cell.push_part(line.text, start..at, first, i - first);
        }
        if dropped {
            continue;
        }
        if let Some(gaps) = &gaps
            && gaps.contains(&i)
        {
            let empty = cell.as_str().trim().is_empty();
            if !empty {
                finish(std::mem::take(&mut cell), column.max(1), out);
            }
            column = 2;
            last_space = true;
            continue;
        }
        if c == '|' {
            finish(std::mem::take(&mut cell), column, out);
        } else if !last_space && let Some(p) = line.text.pos_at(i) {
            cell.push(' ', p);
        }
        last_space = true;
    }
    if let Some((start, first)) = stretch {
        cell.push_part(
            line.text,
            start..raw.len(),
            first,
            line.text.char_len() - first,
        );
    }
    finish(cell, column, out);
    if out.len() == before {
        // A line of markup only (`**`, `* *`) is an artefact of a bold run split by the converter:
        // dropping it keeps the lines around it together (`**ỦY BAN NHÂN DÂN` / `**` / `TỈNH X`).
        if raw.contains('*') && !had_pipe && raw.chars().all(|c| c == '*' || c.is_whitespace()) {
            return;
        }
        let kind = if had_pipe {
            LineKind::Rule
        } else {
            LineKind::Blank
        };
        out.push(CleanLine::empty(line.number, kind));
    }
}

/// The character indices that start a column gap (a whitespace run with two tabs or more), or
/// `None` when the line has none (most lines have no tab at all).
fn column_gaps(raw: &str) -> Option<Vec<usize>> {
    if !raw.contains("\t") {
        return None;
    }
    let mut gaps = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (first index, tabs)
    for (i, c) in raw.chars().chain(std::iter::once('x')).enumerate() {
        if c == '\t' || c == ' ' {
            let r = run.get_or_insert((i, 0));
            r.1 += usize::from(c == '\t');
            continue;
        }
        if let Some((first, tabs)) = run.take()
            && tabs >= 2
        {
            gaps.push(first);
        }
    }
    (!gaps.is_empty()).then_some(gaps)
}

/// A cell with the rule a flattened header drew beside its text taken off
/// (`------------------ Số: 1661/NQ-UBTVQH15`, `Hạnh phúc------------------`): three or more
/// rule characters at either end. A cell of the rule alone is left for [`is_rule`].
fn without_rule_ends(text: MappedText) -> MappedText {
    let is_rule_char = |c: char| matches!(c, '-' | '_' | '=' | '—' | '–');
    let s = text.as_str();
    if !(s.starts_with(is_rule_char) || s.ends_with(is_rule_char)) {
        return text;
    }
    let chars: Vec<char> = s.chars().collect();
    let lead = chars.iter().take_while(|&&c| is_rule_char(c)).count();
    let trail = chars.iter().rev().take_while(|&&c| is_rule_char(c)).count();
    if lead == chars.len() {
        return text;
    }
    let start = if lead >= 3 { lead } else { 0 };
    let end = if trail >= 3 {
        chars.len() - trail
    } else {
        chars.len()
    };
    if start == 0 && end == chars.len() {
        return text;
    }
    text.slice_chars(start, end).trimmed()
}

/// Which characters of `raw` (by index) are the `__` of a `__bold__` run: exactly two
/// underscores that open a word (`__5.1. Các lớp`, ` __Lớp`) or close one (`mở__`, `đó:__`).
/// Longer runs are blanks to fill in (`Họ tên: ______`) and a single one joins words
/// (`file_name`). `None` when the line has none.
fn markup_underscores(raw: &str) -> Option<Vec<bool>> {
    if !raw.contains("__") {
        return None;
    }
    let chars: Vec<char> = raw.chars().collect();
    let mut marks = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '_' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == '_' {
            i += 1;
        }
        if i - start != 2 {
            continue;
        }
        let before = start.checked_sub(1).map(|k| chars[k]);
        let after = chars.get(i).copied();
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let opens = space(before) && after.is_some_and(char::is_alphanumeric);
        let closes = !space(before) && before != Some('.') && space(after);
        if opens || closes {
            marks[start] = true;
            marks[start + 1] = true;
        }
    }
    Some(marks)
}

/// A line that cleaning would leave unchanged: non-empty, no markup, pipes, hashes at the start,
/// invisible characters or whitespace other than single spaces between words (the last found
/// when the line was read, see [`SourceLine::single_spaced`]).
fn is_plain(line: &SourceLine) -> bool {
    let raw = line.text.as_str();
    line.single_spaced
        && !raw.is_empty()
        && !raw.starts_with('#')
        && !raw.starts_with("---")
        && !raw.ends_with("---")
        && !is_rule(raw)
}

/// A horizontal rule: three or more of `-`, `_`, `=`, `—`, `–` and nothing else.
fn is_rule(raw: &str) -> bool {
    let is_rule_char = |c: char| matches!(c, '-' | '_' | '=' | '—' | '–');
    // Most lines fail on their first byte past ASCII spaces and stars: one that is neither a
    // rule character nor the lead of a non-ASCII one (a dash or a space).
    let first = raw.bytes().find(|b| !matches!(b, b' ' | b'\t' | b'*'));
    if !first.is_some_and(|b| matches!(b, b'-' | b'_' | b'=') || b >= 0x80) {
        return false;
    }
    let t = raw.trim().trim_matches('*').trim();
    t.chars().count() >= 3 && t.chars().all(is_rule_char)
}

/// Joins a label that a hard wrap split after its first word back onto one line: `Nơi` /
/// `nhận:`, `PHỤ` / `LỤC IV`, `Chương` / `III`, `Điều` / `2. Tên`, `Mẫu` / `số 26`, `ỦY` / `BAN
/// NHÂN DÂN`, `KT.` / `CHỦ TỊCH`, and a place whose date went to the next line (`Hải Phòng,` /
/// `ngày 26 tháng 11 năm 2025`). Read apart, the first word is a line of its own and the label
/// goes unrecognised: no Nơi nhận, no Phụ lục, numbering that seems to restart, a date that is
/// not found. The second line's text moves onto the first, and the second line goes.
pub fn join_wrapped_labels(lines: &mut Vec<CleanLine<'_>>) {
    let mut joined_any = false;
    for i in 0..lines.len().saturating_sub(1) {
        let (head, tail) = lines.split_at_mut(i + 1);
        let (first, second) = (&mut head[i], &mut tail[0]);
        if first.kind != LineKind::Text || second.kind != LineKind::Text || second.hard_break {
            continue;
        }
        if !continues_label(first.text.view().as_str(), second.text.view().as_str()) {
            continue;
        }
        let mut joined = first.text.to_mapped_text();
        // The space stands for the line break: it maps to the first line's last character.
        if let Some(end) = joined.end() {
            joined.push(' ', end);
        }
        joined.push_mapped(second.text.view());
        first.text = LineText::Cleaned(joined);
        first.ends_emphasis = second.ends_emphasis;
        // Marked for removal (lines are numbered from 1): a blank line left here would break
        // the block the label opens.
        *second = CleanLine::empty(0, LineKind::Blank);
        joined_any = true;
    }
    if joined_any {
        lines.retain(|l| l.number != 0);
    }
}

/// Whether `second` continues the label that `first` starts (see [`join_wrapped_labels`]).
fn continues_label(first: &str, second: &str) -> bool {
    // Cheap tests first: this runs on every pair of lines. A label's first line is one word, or
    // a short place name ending with a comma.
    let first = first.trim();
    if first.len() > 40 {
        return false;
    }
    if let Some(place) = first.strip_suffix(',') {
        // `Hải Phòng,` / `ngày 26 …`: a short place name and nothing else before the comma.
        return crate::text::starts_with_folded(second, &["ngay "])
            && !place.contains([',', '.', ';', ':'])
            && first.chars().next().is_some_and(char::is_uppercase);
    }
    if first.len() > "chương".len() || first.contains(' ') {
        return false;
    }
    let a = crate::text::fold(first);
    let b = crate::text::fold_prefix(second, 12);
    let b_word = b.split_whitespace().next().unwrap_or("");
    let numbered = b_word
        .trim_end_matches(['.', ':'])
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "ivxlc".contains(c));
    match a.as_str() {
        "noi" => b_word.starts_with("nhan"),
        "phu" => b_word == "luc",
        "uy" => b_word == "ban" && crate::text::is_caps(first) == crate::text::is_caps(second),
        // `Mẫu` / `số 26`, or `Mẫu` / `01-ĐĐN-CĐ` (a form's code).
        "mau" => b_word == "so" || b_word.starts_with(|c: char| c.is_ascii_digit()),
        "chuong" | "muc" | "phan" | "dieu" => numbered,
        "kt." | "tm." | "tl." | "tuq." | "q." => crate::text::is_caps(second),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::lines::split_lines;

    fn clean(s: &str) -> Vec<(LineKind, String)> {
        let lines = split_lines(s);
        lines
            .iter()
            .flat_map(clean_line)
            .map(|l| (l.kind, l.as_str().to_string()))
            .collect()
    }

    #[test]
    fn double_underscores_around_words_are_markup_but_blanks_stay() {
        assert_eq!(
            clean("__5.1. Các lớp đã mở__"),
            [(LineKind::Text, "5.1. Các lớp đã mở".to_string())]
        );
        assert_eq!(
            clean("mỗi loại: __Lớp xóa mù chữ"),
            [(LineKind::Text, "mỗi loại: Lớp xóa mù chữ".to_string())]
        );
        assert_eq!(
            clean("Họ tên: ______ tuổi __ năm; tep_du_lieu"),
            [(
                LineKind::Text,
                "Họ tên: ______ tuổi __ năm; tep_du_lieu".to_string()
            )]
        );
        let lines = split_lines("__Trong đó:__");
        assert!(clean_line(lines.get(0).unwrap())[0].starts_bold);
    }

    #[test]
    fn a_rule_beside_a_header_cell_is_not_its_text() {
        assert_eq!(
            clean("------------------ Số: 1661/NQ-UBTVQH15 | Hạnh phúc------------------ |"),
            [
                (LineKind::Text, "Số: 1661/NQ-UBTVQH15".to_string()),
                (LineKind::Text, "Hạnh phúc".to_string())
            ]
        );
        assert_eq!(
            clean("Họ tên: ---"),
            [(LineKind::Text, "Họ tên:".to_string())]
        );
        assert_eq!(
            clean("- Như trên;"),
            [(LineKind::Text, "- Như trên;".to_string())]
        );
    }

    #[test]
    fn a_line_of_hashes_alone_is_an_empty_heading() {
        assert_eq!(clean("##"), [(LineKind::Blank, String::new())]);
        assert_eq!(
            clean("# Tiêu đề"),
            [(LineKind::Text, "Tiêu đề".to_string())]
        );
        assert_eq!(clean("#1"), [(LineKind::Text, "#1".to_string())]);
    }

    #[test]
    fn strips_markup_spaces_and_pipes() {
        assert_eq!(
            clean("**KT. CHÁNH\tVĂN\u{a0}PHÒNG**"),
            [(LineKind::Text, "KT. CHÁNH VĂN PHÒNG".to_string())]
        );
        assert_eq!(
            clean("| UBND TỈNH A | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |"),
            [
                (LineKind::Text, "UBND TỈNH A".to_string()),
                (
                    LineKind::Text,
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string()
                )
            ]
        );
        assert_eq!(clean("|")[0].0, LineKind::Rule);
        assert_eq!(clean("---------------")[0].0, LineKind::Rule);
        assert!(clean("** **").is_empty());
        assert_eq!(clean("   ")[0].0, LineKind::Blank);
        assert_eq!(clean("## Văn bản")[0].1, "Văn bản");
    }

    #[test]
    fn invisible_controls_are_dropped_and_columns_kept() {
        let lines = split_lines("Luật Thanh\u{202E} niên\u{7}\u{E0041} đảm\u{200F}bảo");
        let cl = &clean_line(lines.get(0).unwrap())[0];
        assert_eq!(cl.as_str(), "Luật Thanh niên đảmbảo");
        // "n" of "niên" is the 13th original character, "đ" the 20th, "b" the 24th.
        assert_eq!(cl.text.view().pos_at(11).unwrap().column, 13);
        assert_eq!(cl.text.view().pos_at(16).unwrap().column, 20);
        assert_eq!(cl.text.view().pos_at(19).unwrap().column, 24);
        // Whitespace controls stay spaces.
        let lines = split_lines("Nơi\u{85}nhận\u{c}:");
        assert_eq!(clean_line(lines.get(0).unwrap())[0].as_str(), "Nơi nhận :");
    }

    #[test]
    fn keeps_original_columns_after_cleaning() {
        let lines = split_lines("**Số:  15/QĐ-UBND**");
        let cl = &clean_line(lines.get(0).unwrap())[0];
        assert_eq!(cl.as_str(), "Số: 15/QĐ-UBND");
        // "1" of 15 is at original column 8 (after "**Số:" and two spaces).
        assert_eq!(cl.text.view().pos_at(4).unwrap().column, 8);
    }

    /// Lines never hold `\r` or `\n` (they end lines), so the characters tried are those a line
    /// can hold.
    #[test]
    fn the_byte_level_plain_test_agrees_with_the_character_definition() {
        let by_chars = |raw: &str| {
            !raw.is_empty()
                && !raw.starts_with([' ', '#'])
                && !raw.ends_with(' ')
                && !raw.contains("  ")
                && !raw.chars().any(|c| {
                    c == '*' || c == '|' || (c != ' ' && c.is_whitespace()) || is_invisible(c)
                })
                && !is_rule(raw)
        };
        let odd = [
            "\u{85}",
            "\u{a0}",
            "\u{ad}",
            "\u{1680}",
            "\u{2000}",
            "\u{200a}",
            "\u{200b}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{2060}",
            "\u{3000}",
            "\u{feff}",
            "\t",
            "\u{1c}",
            "ạ",
            "ỹ",
            "Ở",
            "“",
            "–",
            "…",
            "\u{1e9a}",
            "ẞ",
            "é",
            " ",
            "  ",
            "*",
            "|",
            "#",
            "\u{b}",
            "\u{c}",
            "\u{0}",
            "\u{7}",
            "\u{1f}",
            "\u{7f}",
            "\u{80}",
            "\u{9f}",
            "\u{200e}",
            "\u{200f}",
            "\u{202a}",
            "\u{202e}",
            "\u{2066}",
            "\u{2069}",
            "\u{206a}",
            "\u{2065}",
            "\u{61c}",
            "\u{61b}",
            "\u{e0000}",
            "\u{e0041}",
            "\u{e007f}",
            "\u{e0080}",
            "\u{2027}",
        ];
        for a in odd {
            for b in odd {
                for text in [
                    format!("Nơi{a}nhận{b}"),
                    format!("{a}Lưu{b}VT"),
                    format!("x{a}{b}y"),
                ] {
                    let lines = split_lines(&text);
                    assert_eq!(
                        is_plain(&lines.get(0).unwrap()),
                        by_chars(&text),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn wrapped_labels_are_joined() {
        for (a, b) in [
            ("Nơi", "nhận:"),
            ("PHỤ", "LỤC IV"),
            ("Chương", "III"),
            ("Điều", "2. Tổ chức thực hiện"),
            ("Mẫu", "số 26"),
            ("KT.", "CHỦ TỊCH"),
            ("Hải Phòng,", "ngày 26 tháng 11 năm 2025"),
        ] {
            assert!(continues_label(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Nơi", "ở của người dân"),
            (
                "theo quy định tại Điều 5, khoản 2 và các văn bản khác,",
                "ngày 26",
            ),
            ("Chương", "trình công tác"),
            ("KT.", "Chủ tịch"),
        ] {
            assert!(!continues_label(a, b), "{a} / {b}");
        }
    }
}
