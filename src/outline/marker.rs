//! Recognising the numbering marker at the start of a paragraph: `II.`, `2.`, `1.2.`, `đ)`, `-`,
//! `+`, `Điều 5.`, `Chương II`, `Mục 1`, `Phần I`.

use regex::Regex;
use std::sync::LazyLock;

use crate::text::numbering::{letter_ordinal, roman_value};

/// The kind of a numbered (or bulleted) part. The order of variants is not meaningful; see
/// [`MarkerKind::rank`] for nesting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerKind {
    Part,
    Chapter,
    Section,
    Subsection,
    Article,
    Roman,
    /// `A.`, `B.`, `Đ.`: groups of an annex (`A. LĨNH VỰC VIỆC LÀM`).
    UpperLetter,
    /// `1.`, `1.2.`, `1.2.3.`: the depth is the number of components.
    Arabic(u8),
    /// `1)`.
    ArabicParen,
    /// `a)` … `đ)` … `y)`.
    Letter,
    Dash,
    Plus,
}

impl MarkerKind {
    /// Nesting rank: a marker of higher rank nests under one of lower rank.
    pub fn rank(self) -> u32 {
        match self {
            MarkerKind::Part => 0,
            MarkerKind::Chapter => 1,
            MarkerKind::Section => 2,
            MarkerKind::Subsection => 3,
            MarkerKind::Article => 4,
            MarkerKind::Roman => 5,
            MarkerKind::UpperLetter => 6,
            MarkerKind::Arabic(depth) => 6 + u32::from(depth.min(4)),
            MarkerKind::ArabicParen => 11,
            MarkerKind::Letter => 12,
            MarkerKind::Dash => 13,
            MarkerKind::Plus => 14,
        }
    }

    /// The kind's name alone, as JSON writes the kinds without a depth: `arabic` for `1.2.`.
    pub fn name(self) -> &'static str {
        match self {
            MarkerKind::Part => "part",
            MarkerKind::Chapter => "chapter",
            MarkerKind::Section => "section",
            MarkerKind::Subsection => "subsection",
            MarkerKind::Article => "article",
            MarkerKind::Roman => "roman",
            MarkerKind::UpperLetter => "upper-letter",
            MarkerKind::Arabic(_) => "arabic",
            MarkerKind::ArabicParen => "arabic-paren",
            MarkerKind::Letter => "letter",
            MarkerKind::Dash => "dash",
            MarkerKind::Plus => "plus",
        }
    }

    /// The number of components of an Arabic number (`1.2.` is 2); `None` for other kinds.
    pub fn depth(self) -> Option<u8> {
        match self {
            MarkerKind::Arabic(depth) => Some(depth),
            _ => None,
        }
    }

    /// Bullets carry no number: they are list items, not numbered parts.
    pub fn is_bullet(self) -> bool {
        matches!(self, MarkerKind::Dash | MarkerKind::Plus)
    }

    /// Legal-structure parts whose numbering runs through the whole document (Điều 1..N) or
    /// which start a fresh path.
    pub fn is_legal_unit(self) -> bool {
        matches!(
            self,
            MarkerKind::Part
                | MarkerKind::Chapter
                | MarkerKind::Section
                | MarkerKind::Subsection
                | MarkerKind::Article
        )
    }
}

/// A recognised marker at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// The marker as written, normalised: `II.`, `đ)`, `-`, `Điều 5.`, `1.2.`.
    pub label: String,
    /// The component used in a numbering path: `II`, `đ`, `Điều 5`, `1.2`.
    pub key: String,
    /// Value in its sequence (Roman or Arabic value, letter position); `None` for bullets.
    pub ordinal: Option<u32>,
    /// Length in characters of the marker and the spaces after it.
    pub len_chars: usize,
}

static LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Tiểu mục|TIỂU MỤC|Điều|ĐIỀU)\s+([0-9]{1,4}[a-zđ]?|[IVXLC]{1,8})(\s*[.:\-–]\s*|\s*$|\s+)")
        .expect("static regex")
});
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,8})\s*[.\-–:]\s*").expect("static regex"));
/// `1. `, `1.2. `, and `9.Sắp xếp` (the space forgotten before a capital: still a number; a
/// lower-case letter or a digit after the dot is text, `5.000`, `3.a`).
static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:[0-9]{1,3}\.){1,4})(?:\s+|$|(\p{Lu}))").expect("static regex")
});
static ARABIC_NO_DOT: LazyLock<Regex> = LazyLock::new(|| {
    // "1.2 Title" (sub-numbering without the final dot) is common in converted text; its title
    // starts with a capital (or markup): `0.5 ngày`, `1.82 inch`, `2.8 < I` are decimals that a
    // wrapped line starts with, and no number starts at 0.
    Regex::new(r"^([1-9][0-9]{0,2}(?:\.[0-9]{1,3}){1,3})\s+[\p{Lu}*_“\x22(]").expect("static regex")
});
static ARABIC_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,2})\)\s*").expect("static regex"));

/// Recognises the marker at the start of `text` (already cleaned: no markup, single spaces).
///
/// A marker followed by punctuation (`301), các đơn vị`) is the end of a wrapped phrase, not a
/// heading.
pub fn parse_marker(text: &str) -> Option<Marker> {
    if let Some((at, len)) = footnote_reference(text) {
        // `1.[9] Nội dung`, `a[2]) …`, `Điều 8[7].`: a consolidated text's footnote reference
        // glued to the number is read past, and counted in the marker's length.
        let stripped = format!("{}{}", &text[..at], &text[at + len..]);
        let mut marker = parse_marker(&stripped)?;
        let before = text[..at].chars().count();
        if marker.len_chars >= before {
            marker.len_chars += text[at..at + len].chars().count();
        }
        return Some(marker);
    }
    let marker = parse_marker_unchecked(text)?;
    let rest = text
        .char_indices()
        .nth(marker.len_chars)
        .map_or("", |(i, _)| &text[i..]);
    if rest.starts_with([',', ';', '.', ')', ':', '%']) {
        return None;
    }
    Some(marker)
}

/// Where a footnote reference `[N]` sits right after the number of a marker: byte offset and
/// length. Only the first few characters are looked at; most paragraphs have no `[`.
fn footnote_reference(text: &str) -> Option<(usize, usize)> {
    let head = text.get(..text.len().min(16)).unwrap_or(text);
    let at = head.find('[')?;
    let before = text[..at].chars().last()?;
    if !(before.is_ascii_digit() || before.is_lowercase() || before == '.') || at == 0 {
        return None;
    }
    let inner = &text[at + 1..];
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    if !(1..=3).contains(&digits) || !inner[digits..].starts_with(']') {
        return None;
    }
    Some((at, digits + 2))
}

const LEGAL_WORDS: [&str; 10] = [
    "Phần",
    "PHẦN",
    "Chương",
    "CHƯƠNG",
    "Mục",
    "MỤC",
    "Tiểu mục",
    "TIỂU MỤC",
    "Điều",
    "ĐIỀU",
];

/// What the first characters allow the marker to be: most paragraphs start with a word and are
/// rejected here without running a regex.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Candidate {
    Legal,
    Roman,
    Arabic,
    Letter,
    UpperLetter,
    Bullet,
}

fn candidate(text: &str) -> Option<Candidate> {
    let mut chars = text.chars();
    let first = chars.next()?;
    match first {
        '0'..='9' => Some(Candidate::Arabic),
        '-' | '+' | '•' | '–' => Some(Candidate::Bullet),
        c if c.is_lowercase() => {
            matches!(chars.next(), Some(')' | '.')).then_some(Candidate::Letter)
        }
        _ if LEGAL_WORDS.iter().any(|w| text.starts_with(w)) => Some(Candidate::Legal),
        'A'..='H' | 'K' | 'M'..='U' | 'Y' | 'Đ'
            if chars.next().is_some_and(|c| c == '.' || c == ')') =>
        {
            Some(Candidate::UpperLetter)
        }
        'I' | 'V' | 'X' | 'L' | 'C' => {
            let after = text.trim_start_matches(['I', 'V', 'X', 'L', 'C']);
            let run = text.len() - after.len();
            let next = after.trim_start_matches(' ');
            (run <= 8 && next.starts_with(['.', '-', '–', ':'])).then_some(Candidate::Roman)
        }
        _ => None,
    }
}

/// Whether a legal unit's number ends a heading: followed by punctuation (`Điều 5.`), by nothing,
/// or by a caps title (`Chương II QUY ĐỊNH CHUNG`); `Điều 5 Quyết định số …` is a reference that a
/// wrapped line happens to start with.
fn ends_heading(separator: &str, rest: &str) -> bool {
    !separator.trim().is_empty() || rest.is_empty() || crate::text::is_caps(rest)
}

/// `Phần thứ nhất`, `PHẦN THỨ HAI`: a part numbered by an ordinal word (reports and đề cương
/// divide so), alone on its line or before a caps title or a separator.
static ORDINAL_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Phần|PHẦN)\s+(?:thứ|THỨ|Thứ)\s+(\p{L}+)(\s*[.:\-–]\s*|\s*$|\s+)")
        .expect("static regex")
});

const ORDINAL_WORDS: [(&str, u32); 11] = [
    ("nhat", 1),
    ("hai", 2),
    ("ba", 3),
    ("tu", 4),
    ("bon", 4),
    ("nam", 5),
    ("sau", 6),
    ("bay", 7),
    ("tam", 8),
    ("chin", 9),
    ("muoi", 10),
];

fn ordinal_part(text: &str) -> Option<Marker> {
    let c = ORDINAL_PART.captures(text)?;
    let word = c.get(1)?.as_str();
    let ordinal = ORDINAL_WORDS
        .iter()
        .find(|(w, _)| crate::text::fold(word) == *w)?
        .1;
    if !ends_heading(c.get(2)?.as_str(), &text[c.get(0)?.end()..]) {
        return None;
    }
    let spelled = format!("Phần thứ {}", word.to_lowercase());
    Some(Marker {
        kind: MarkerKind::Part,
        key: format!("Phần {ordinal}"),
        label: spelled,
        ordinal: Some(ordinal),
        len_chars: c.get(0)?.as_str().chars().count(),
    })
}

fn parse_marker_unchecked(text: &str) -> Option<Marker> {
    let chars = |s: &str| s.chars().count();
    let kind = candidate(text)?;
    if kind == Candidate::Legal
        && let Some(marker) = ordinal_part(text)
    {
        return Some(marker);
    }
    if kind == Candidate::Legal
        && let Some(c) = LEGAL.captures(text)
    {
        let word = c.get(1)?.as_str();
        let num = c.get(2)?.as_str();
        let kind = match crate::text::fold(word).as_str() {
            "phan" => MarkerKind::Part,
            "chuong" => MarkerKind::Chapter,
            "muc" => MarkerKind::Section,
            "tieu muc" => MarkerKind::Subsection,
            _ => MarkerKind::Article,
        };
        let lettered = num.ends_with(|c: char| c.is_lowercase());
        let ordinal = num.parse::<u32>().ok().or_else(|| roman_value(num));
        // `Điều 2a` is inserted between Điều 2 and Điều 3 by an amendment: it has no place in
        // the count.
        if ordinal.is_none() && !(lettered && kind == MarkerKind::Article) {
            return None;
        }
        // Without punctuation after the number, "Điều 5 Quyết định số …" is a reference that a
        // wrapped line happens to start with, not a heading; a heading without a dot is followed
        // by a caps title ("Chương II QUY ĐỊNH CHUNG") or nothing.
        if !ends_heading(c.get(3)?.as_str(), &text[c.get(0)?.end()..]) {
            return None;
        }
        let canonical_word = title_case(word);
        let label = if kind == MarkerKind::Article {
            format!("{canonical_word} {num}.")
        } else {
            format!("{canonical_word} {num}")
        };
        return Some(Marker {
            kind,
            key: format!("{canonical_word} {num}"),
            label,
            ordinal,
            len_chars: chars(c.get(0)?.as_str()),
        });
    }
    if kind == Candidate::Roman
        && let Some(c) = ROMAN.captures(text)
    {
        let numeral = c.get(1)?.as_str();
        // `XI.24, XI.25` are row numbers of a table, not a heading.
        if text[c.get(0)?.end()..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // A Roman heading is followed by text; "I." alone or "C. Something" are still accepted,
        // but a lone capital that is really a word (e.g. "V. I. Lenin") is rare enough to ignore.
        // Headings never run past XL; a larger "numeral" is a word or an initial ("C. Mác").
        if let Some(value) = roman_value(numeral).filter(|v| *v <= 40) {
            return Some(Marker {
                kind: MarkerKind::Roman,
                label: format!("{numeral}."),
                key: numeral.to_string(),
                ordinal: Some(value),
                len_chars: chars(c.get(0)?.as_str()),
            });
        }
    }
    if kind != Candidate::Arabic {
        return parse_letter_or_bullet(text, kind);
    }
    if let Some(c) = ARABIC.captures(text) {
        let raw = c.get(1)?.as_str().trim_end_matches('.');
        let parts: Vec<&str> = raw.split('.').collect();
        if parts[1..].iter().any(|p| p.len() == 3) {
            return None;
        }
        let last = parts.last()?.parse::<u32>().ok()?;
        return Some(Marker {
            kind: MarkerKind::Arabic(parts.len() as u8),
            label: format!("{raw}."),
            key: raw.to_string(),
            ordinal: Some(last),
            // The capital that follows an unspaced number belongs to the title.
            len_chars: chars(c.get(0)?.as_str()) - c.get(2).map_or(0, |l| chars(l.as_str())),
        });
    }
    if let Some(c) = ARABIC_NO_DOT.captures(text) {
        let raw = c.get(1)?.as_str();
        let parts: Vec<&str> = raw.split('.').collect();
        // `5.000.000 đồng` is an amount: sub-numbers never have three digits.
        if parts[1..].iter().any(|p| p.len() == 3) {
            return None;
        }
        let last = parts.last()?.parse::<u32>().ok()?;
        return Some(Marker {
            kind: MarkerKind::Arabic(parts.len() as u8),
            label: raw.to_string(),
            key: raw.to_string(),
            ordinal: Some(last),
            // The match ends on the title's first character.
            len_chars: chars(c.get(0)?.as_str()) - 1,
        });
    }
    if let Some(c) = ARABIC_PAREN.captures(text) {
        let raw = c.get(1)?.as_str();
        return Some(Marker {
            kind: MarkerKind::ArabicParen,
            label: format!("{raw})"),
            key: raw.to_string(),
            ordinal: raw.parse().ok(),
            len_chars: chars(c.get(0)?.as_str()),
        });
    }
    None
}

/// `a)` … `y)` and the bullets `-`, `+`, `•`, `–` followed by spaces, read by hand: bullets start
/// most lines of plans, and a regex search per line costs more than the whole rest of the test.
fn parse_letter_or_bullet(text: &str, kind: Candidate) -> Option<Marker> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let spaces = |s: &str| s.chars().take_while(|c| c.is_whitespace()).count();
    if kind == Candidate::UpperLetter {
        // `A. LĨNH VỰC …`: a capital, a stop or bracket, a space and a capital (not an initial
        // before a name in lower case, nor `D.` glued to a word).
        let after = rest.get(1..)?;
        let spaces = spaces(after);
        let next = after[spaces..].chars().next()?;
        if spaces == 0 || !next.is_uppercase() {
            return None;
        }
        return Some(Marker {
            kind: MarkerKind::UpperLetter,
            label: format!("{first}{}", &rest[..1]),
            key: first.to_string(),
            ordinal: letter_ordinal(first),
            len_chars: 2 + spaces,
        });
    }
    if kind == Candidate::Letter && "abcdđeghiklmnopqrstuvxy".contains(first) {
        // `a. Nội dung cắt giảm` is written for `a)` in some annexes; the capital after it
        // keeps abbreviations (`v.v.`) out.
        if let Some(after) = rest.strip_prefix(". ")
            && after.chars().next().is_some_and(char::is_uppercase)
        {
            return Some(Marker {
                kind: MarkerKind::Letter,
                label: format!("{first}."),
                key: first.to_string(),
                ordinal: letter_ordinal(first),
                len_chars: 2 + 1 + spaces(after),
            });
        }
        let after = rest.strip_prefix(')')?;
        return Some(Marker {
            kind: MarkerKind::Letter,
            label: format!("{first})"),
            key: first.to_string(),
            ordinal: letter_ordinal(first),
            len_chars: 2 + spaces(after),
        });
    }
    if kind == Candidate::Bullet && matches!(first, '-' | '+' | '•' | '–') {
        let spaces = spaces(rest);
        if spaces == 0 {
            return None;
        }
        let kind = if first == '+' {
            MarkerKind::Plus
        } else {
            MarkerKind::Dash
        };
        return Some(Marker {
            kind,
            label: first.to_string(),
            key: first.to_string(),
            ordinal: None,
            len_chars: 1 + spaces,
        });
    }
    None
}

fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn kind_names_are_the_json_strings() {
        use super::MarkerKind::*;
        for kind in [
            Part,
            Chapter,
            Section,
            Subsection,
            Article,
            Roman,
            UpperLetter,
            ArabicParen,
            Letter,
            Dash,
            Plus,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
            assert_eq!(kind.depth(), None);
        }
        assert_eq!(
            serde_json::to_value(Arabic(2)).unwrap(),
            serde_json::json!({"arabic": 2})
        );
        assert_eq!((Arabic(2).name(), Arabic(2).depth()), ("arabic", Some(2)));
    }

    use super::*;

    fn kind_key(text: &str) -> Option<(MarkerKind, String, Option<u32>)> {
        parse_marker(text).map(|m| (m.kind, m.key, m.ordinal))
    }

    #[test]
    fn parts_numbered_by_an_ordinal_word() {
        assert_eq!(
            kind_key("Phần thứ nhất"),
            Some((MarkerKind::Part, "Phần 1".into(), Some(1)))
        );
        assert_eq!(
            kind_key("PHẦN THỨ HAI: PHƯƠNG HƯỚNG"),
            Some((MarkerKind::Part, "Phần 2".into(), Some(2)))
        );
        // A sentence that starts with the words is no heading.
        assert_eq!(kind_key("Phần thứ hai của báo cáo nêu rõ"), None);
    }

    #[test]
    fn plan_markers() {
        assert_eq!(
            kind_key("II. NỘI DUNG"),
            Some((MarkerKind::Roman, "II".into(), Some(2)))
        );
        assert_eq!(
            kind_key("3. Tổ chức rà soát"),
            Some((MarkerKind::Arabic(1), "3".into(), Some(3)))
        );
        assert_eq!(
            kind_key("1.2. Mục tiêu"),
            Some((MarkerKind::Arabic(2), "1.2".into(), Some(2)))
        );
        assert_eq!(
            kind_key("đ) Ban hành Quy chế"),
            Some((MarkerKind::Letter, "đ".into(), Some(5)))
        );
        assert_eq!(
            kind_key("e) Tiếp"),
            Some((MarkerKind::Letter, "e".into(), Some(6)))
        );
        assert_eq!(kind_key("- Cơ quan chủ trì").unwrap().0, MarkerKind::Dash);
        assert_eq!(kind_key("+ Sở Nội vụ").unwrap().0, MarkerKind::Plus);
        // The space forgotten before a capital: still item 9, whose title keeps its first letter.
        assert_eq!(
            kind_key("9.Sắp xếp xã Tân Lập"),
            Some((MarkerKind::Arabic(1), "9".into(), Some(9)))
        );
        assert_eq!(parse_marker("9.Sắp xếp").unwrap().len_chars, 2);
        assert_eq!(kind_key("5.000 đồng"), None);
        assert_eq!(kind_key("3.a"), None);
    }

    #[test]
    fn legal_markers() {
        assert_eq!(
            kind_key("Điều 5. Phạm vi"),
            Some((MarkerKind::Article, "Điều 5".into(), Some(5)))
        );
        assert_eq!(
            kind_key("Chương II"),
            Some((MarkerKind::Chapter, "Chương II".into(), Some(2)))
        );
        assert_eq!(
            kind_key("ĐIỀU 3. Hiệu lực").unwrap().1,
            "Điều 3".to_string()
        );
    }

    #[test]
    fn a_reference_at_the_start_of_a_wrapped_line_is_not_a_heading() {
        assert_eq!(
            parse_marker("Điều 5 Quyết định số 15/2025/QĐ-TTg trên cơ sở"),
            None
        );
        assert_eq!(
            kind_key("Chương II QUY ĐỊNH CHUNG").unwrap().1,
            "Chương II".to_string()
        );
        assert_eq!(kind_key("Điều 3.").unwrap().1, "Điều 3".to_string());
    }

    #[test]
    fn bullets_and_letters_take_the_spaces_after_them() {
        let len = |t: &str| parse_marker(t).map(|m| (m.kind, m.len_chars));
        assert_eq!(len("–  Sở Nội vụ"), Some((MarkerKind::Dash, 3)));
        assert_eq!(len("•\u{a0}Sở"), Some((MarkerKind::Dash, 2)));
        assert_eq!(len("+ Sở"), Some((MarkerKind::Plus, 2)));
        assert_eq!(len("b)Tiếp"), Some((MarkerKind::Letter, 2)));
        assert_eq!(len("b)   Tiếp"), Some((MarkerKind::Letter, 5)));
        assert_eq!(len("-"), None);
        assert_eq!(len("w) Tiếp"), None);
    }

    #[test]
    fn not_markers() {
        assert_eq!(parse_marker("Năm 2023 và các năm"), None);
        assert_eq!(parse_marker("2023/NĐ-CP quy định"), None);
        assert_eq!(parse_marker("Căn cứ Luật"), None);
        assert_eq!(parse_marker("-5 độ"), None);
        assert_eq!(parse_marker("301), các đơn vị"), None);
        assert_eq!(parse_marker("5.000.000 đồng/tháng"), None);
        assert_eq!(parse_marker("1), các đơn vị"), None);
        assert_eq!(parse_marker("f) không phải chữ cái Việt"), None);
        // Decimals a wrapped line starts with.
        for decimal in [
            "0.5 ngày làm việc",
            "1.82 inch",
            "2.8 < I <= 4.0",
            "13.75 ± 3g/chiếc",
            "7.5 ngày làm việc",
        ] {
            assert_eq!(parse_marker(decimal), None, "{decimal}");
        }
        let m = parse_marker("1.2 Công tác địa chất").unwrap();
        assert_eq!((m.kind, m.len_chars), (MarkerKind::Arabic(2), 4));
        let m = parse_marker("2.3 **Tổ chức**").unwrap();
        assert_eq!(m.len_chars, 4);
    }

    #[test]
    fn footnote_references_glued_to_the_number() {
        let m = parse_marker("1.[9] Nội dung phương án").unwrap();
        assert_eq!((m.key.as_str(), m.ordinal, m.len_chars), ("1", Some(1), 6));
        assert_eq!(
            kind_key("a[2]) Những người"),
            Some((MarkerKind::Letter, "a".into(), Some(1)))
        );
        assert_eq!(
            kind_key("Điều 8[7]. Hiệu lực thi hành"),
            Some((MarkerKind::Article, "Điều 8".into(), Some(8)))
        );
        // A bracket further on is text.
        assert_eq!(parse_marker("Theo quy định [3] của"), None);
    }

    #[test]
    fn lettered_articles_and_row_numbers() {
        assert_eq!(
            kind_key("Điều 2a. Chế độ"),
            Some((MarkerKind::Article, "Điều 2a".into(), None))
        );
        assert_eq!(parse_marker("Chương 2a. X"), None);
        assert_eq!(parse_marker("XI.24, XI.25, XI.26"), None);
        assert!(parse_marker("XI. NHIỆM VỤ").is_some());
    }

    #[test]
    fn capital_and_dotted_letters() {
        assert_eq!(
            kind_key("B. LĨNH VỰC LAO ĐỘNG"),
            Some((MarkerKind::UpperLetter, "B".into(), Some(2)))
        );
        assert_eq!(
            kind_key("Đ. NHÓM NĂM"),
            Some((MarkerKind::UpperLetter, "Đ".into(), Some(5)))
        );
        assert_eq!(
            kind_key("a. Nội dung cắt giảm"),
            Some((MarkerKind::Letter, "a".into(), Some(1)))
        );
        assert_eq!(parse_marker("v.v. và các"), None);
        assert_eq!(parse_marker("A. nguyễn"), None);
        assert_eq!(parse_marker("D.Tên"), None);
    }
}
