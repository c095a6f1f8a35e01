//! Vietnamese text facts shared by the parser, the comparison and the rules.

pub mod charname;
pub mod numbering;

use unicode_normalization::UnicodeNormalization;

/// True when the text has at least two letters and every letter is upper case: the style of
/// issuing bodies, type names, Roman-numbered headings and signature titles.
pub fn is_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        let (alphabetic, lower) = alphabetic_and_lowercase(c);
        if alphabetic {
            if lower {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Removes tone marks and other diacritics and maps `đ` to `d`, lower-cased: `Dân Chủ` and
/// `dan chu` fold to the same string. Used for accent-insensitive search and fuzzy keywords.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(f) = folded_letter(c) {
            out.push(f);
        } else {
            fold_char_into(c, &mut out);
        }
    }
    out
}

/// The general fold of one character: decomposed, marks dropped, `đ` → `d`, lower case.
fn fold_char_into(c: char, out: &mut String) {
    std::iter::once(c)
        .nfd()
        .filter(|d| !unicode_normalization::char::is_combining_mark(*d))
        .map(|d| match d {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .for_each(|f| out.push(f));
}

/// What parsing asks of a character, for the Latin letters Vietnamese uses (U+00C0–U+024F and
/// U+1EA0–U+1EFF) read from a table built once: folding ([`fold_char_into`]), alphabetic and
/// lower case are on the hot path of parsing, and decomposing each letter again, or searching
/// the Unicode tables, is most of their cost.
#[derive(Debug, Clone, Copy)]
struct Letter {
    /// The fold, or `\0` when the character folds to more or less than one character.
    folded: char,
    alphabetic: bool,
    lowercase: bool,
}

fn letter(c: char) -> Option<Letter> {
    const LATIN: (u32, usize) = (0xC0, 0x190);
    const VIETNAMESE: (u32, usize) = (0x1EA0, 0x60);
    static TABLES: std::sync::LazyLock<(Vec<Letter>, Vec<Letter>)> =
        std::sync::LazyLock::new(|| {
            let build = |(start, len): (u32, usize)| -> Vec<Letter> {
                (start..start + len as u32)
                    .map(|u| {
                        let c = char::from_u32(u).expect("no surrogates in these ranges");
                        let mut folded = String::new();
                        fold_char_into(c, &mut folded);
                        let mut chars = folded.chars();
                        Letter {
                            folded: match (chars.next(), chars.next()) {
                                (Some(f), None) => f,
                                _ => '\0',
                            },
                            alphabetic: c.is_alphabetic(),
                            lowercase: c.is_lowercase(),
                        }
                    })
                    .collect()
            };
            (build(LATIN), build(VIETNAMESE))
        });
    let u = c as u32;
    if (LATIN.0..LATIN.0 + LATIN.1 as u32).contains(&u) {
        Some(TABLES.0[(u - LATIN.0) as usize])
    } else if (VIETNAMESE.0..VIETNAMESE.0 + VIETNAMESE.1 as u32).contains(&u) {
        Some(TABLES.1[(u - VIETNAMESE.0) as usize])
    } else {
        None
    }
}

/// The fold of a Vietnamese letter from the table, `None` elsewhere.
fn folded_letter(c: char) -> Option<char> {
    letter(c).map(|l| l.folded).filter(|&f| f != '\0')
}

/// [`char::is_alphabetic`] and [`char::is_lowercase`], without a table search for ASCII and the
/// Vietnamese letters.
fn alphabetic_and_lowercase(c: char) -> (bool, bool) {
    if c.is_ascii() {
        return (c.is_ascii_alphabetic(), c.is_ascii_lowercase());
    }
    match letter(c) {
        Some(l) => (l.alphabetic, l.lowercase),
        None => (c.is_alphabetic(), c.is_lowercase()),
    }
}

/// [`fold`] of the first `n` characters only: enough to test a keyword at the start of a line
/// without decomposing the whole line.
pub fn fold_prefix(text: &str, n: usize) -> String {
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    fold(&text[..end])
}

/// Calls `each` with the characters `c` folds to (see [`fold`]), usually one, without
/// allocating for the letters Vietnamese uses; stops early when `each` returns false.
fn fold_char_each(c: char, mut each: impl FnMut(char) -> bool) -> bool {
    if c.is_ascii() {
        return each(c.to_ascii_lowercase());
    }
    if let Some(f) = folded_letter(c) {
        return each(f);
    }
    let mut folded = String::new();
    fold_char_into(c, &mut folded);
    folded.chars().all(each)
}

/// Whether `text` starts with one of `keywords` once folded (see [`fold`]); keywords are folded
/// already. Compares character by character without folding the text into a new string: this
/// runs on every line.
pub fn starts_with_folded(text: &str, keywords: &[&str]) -> bool {
    // Most lines start with a letter that begins none of the keywords: their first folded
    // character settles them.
    let mut initial = None;
    if let Some(first) = text.chars().next() {
        fold_char_each(first, |f| {
            initial = Some(f);
            false
        });
    }
    if let Some(initial) = initial
        && !keywords
            .iter()
            .any(|k| k.is_empty() || k.starts_with(initial))
    {
        return false;
    }
    let longest = keywords
        .iter()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0);
    keywords
        .iter()
        .any(|k| folded_starts_with(text, k, longest))
}

/// [`fold_prefix`]`(text, n)` starts with `keyword`.
fn folded_starts_with(text: &str, keyword: &str, n: usize) -> bool {
    let mut want = keyword.chars().peekable();
    for c in text.chars().take(n) {
        if want.peek().is_none() {
            return true;
        }
        let same = fold_char_each(c, |f| match want.peek() {
            Some(&w) if w == f => {
                want.next();
                true
            }
            None => true,
            Some(_) => false,
        });
        if !same {
            return false;
        }
    }
    want.peek().is_none()
}

/// Whether the only whitespace in `text` is single U+0020 spaces between other characters (none
/// leading, trailing or repeated; no tab, no other Unicode space), and no character is refused
/// by `refuse`.
///
/// Decided on bytes with a table, decoding only characters led by C2, E1 9A, E2, E3 or EF (those
/// hold every Unicode space and invisible format character below U+FFFF); `refuse` sees those
/// and ASCII punctuation only, never a letter or digit, so it must not refuse letters or digits.
/// Runs on every line and every paragraph.
pub fn is_single_spaced(text: &str, refuse: impl Fn(char) -> bool) -> bool {
    /// What a byte asks for: most (letters, digits, continuation bytes, the leads of Vietnamese
    /// letters) nothing.
    const PASS: u8 = 0;
    const SPACE: u8 = 1;
    const CONTROL: u8 = 2;
    const ASCII_MARK: u8 = 3;
    const LOOK: u8 = 4;
    const KIND: [u8; 256] = {
        let mut kind = [PASS; 256];
        let mut b = 0;
        while b < 128 {
            kind[b] = match b as u8 {
                b' ' => SPACE,
                b'\t'..=b'\r' => CONTROL,
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => PASS,
                _ => ASCII_MARK,
            };
            b += 1;
        }
        kind[0xC2] = LOOK;
        kind[0xE1] = LOOK;
        kind[0xE2] = LOOK;
        kind[0xE3] = LOOK;
        kind[0xEF] = LOOK;
        // U+061C (a direction mark) and the tag characters U+E0000–U+E007F, which cleaning
        // refuses.
        kind[0xD8] = LOOK;
        kind[0xF3] = LOOK;
        kind
    };
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let kind = KIND[usize::from(b)];
        if kind == PASS {
            previous_space = false;
            i += 1;
            continue;
        }
        match kind {
            SPACE if previous_space => return false,
            SPACE => {
                previous_space = true;
                i += 1;
                continue;
            }
            CONTROL => return false,
            ASCII_MARK if refuse(char::from(b)) => return false,
            ASCII_MARK => {}
            // E1 leads the Vietnamese letters too; only E1 9A (U+1680) is a space.
            _ if b == 0xE1 && bytes.get(i + 1) != Some(&0x9A) => {}
            _ => {
                let c = text[i..].chars().next().expect("a character starts here");
                if c.is_whitespace() || refuse(c) {
                    return false;
                }
                previous_space = false;
                i += c.len_utf8();
                continue;
            }
        }
        previous_space = false;
        i += 1;
    }
    true
}

/// [`is_single_spaced`] refusing nothing, decided with comparisons the compiler vectorises
/// instead of a loop that looks at each byte: a comparison keys every paragraph of both versions
/// with it.
pub fn has_single_spaces(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ')
        || b.last() == Some(&b' ')
        || memchr::memmem::find(b, b"  ").is_some()
    {
        return false;
    }
    // Whitespace but U+0020: U+0009–U+000D; U+0085, U+00A0 (C2 85, C2 A0); U+1680 (E1 9A 80);
    // U+2000–U+200A, U+2028, U+2029, U+202F (E2 80 ..); U+205F (E2 81 9F); U+3000 (E3 80 80).
    let controls = b
        .iter()
        .fold(false, |any, &x| any | (b'\t'..=b'\r').contains(&x));
    let latin1 = b
        .iter()
        .zip(&b[1.min(b.len())..])
        .fold(false, |any, (&x, &y)| {
            any | ((x == 0xC2) & ((y == 0x85) | (y == 0xA0)))
        });
    let wide = b
        .iter()
        .zip(&b[1.min(b.len())..])
        .zip(&b[2.min(b.len())..])
        .fold(false, |any, ((&x, &y), &z)| {
            let e1 = (x == 0xE1) & (y == 0x9A) & (z == 0x80);
            let e2_80 =
                (x == 0xE2) & (y == 0x80) & ((z <= 0x8A) | (z == 0xA8) | (z == 0xA9) | (z == 0xAF));
            let e2_81 = (x == 0xE2) & (y == 0x81) & (z == 0x9F);
            let e3 = (x == 0xE3) & (y == 0x80) & (z == 0x80);
            any | e1 | e2_80 | e2_81 | e3
        });
    !(controls | latin1 | wide)
}

/// [`char::is_alphanumeric`] with the Latin letters Vietnamese uses answered without a table
/// search: ASCII, U+00C0–U+024F (but × and ÷) and U+1E00–U+1EFF.
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// First character upper case?
pub fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// First character lower case?
pub fn starts_lower(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| alphabetic_and_lowercase(c).1)
}

/// Texts with every character up to U+3100 (and a few beyond) between words, at the start, at
/// the end and alone: what the fast single-spacing tests are checked against the general one on.
#[cfg(test)]
pub(crate) fn spacing_samples() -> Vec<String> {
    let odd = ('\u{0}'..='\u{3100}')
        .chain([
            '\u{FEFF}',
            '\u{FE00}',
            '\u{1F600}',
            '\u{E0000}',
            '\u{E0041}',
            '\u{E007F}',
        ])
        .map(String::from)
        .chain(["  ", " ", ""].map(String::from));
    odd.flat_map(|a| {
        [
            format!("Nơi{a}nhận"),
            format!("{a}Lưu VT"),
            format!("x {a}"),
            a,
        ]
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_by_table_equals_folding_by_decomposition() {
        let general = |t: &str| {
            let mut out = String::new();
            t.chars().for_each(|c| fold_char_into(c, &mut out));
            out
        };
        let all: String = ('\u{0}'..='\u{2FF}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .collect();
        assert_eq!(fold(&all), general(&all));
        assert_eq!(
            fold("Thực hiện DÂN CHỦ, Đắk Lắk"),
            "thuc hien dan chu, dak lak"
        );
    }

    #[test]
    fn single_spacing_decided_by_comparisons_agrees_with_the_byte_loop() {
        for text in spacing_samples() {
            assert_eq!(
                has_single_spaces(&text),
                is_single_spaced(&text, |_| false),
                "{text:?}"
            );
        }
    }

    #[test]
    fn fast_alphanumeric_test_agrees_with_the_standard_one() {
        for c in ('\u{0}'..='\u{2FFF}').chain('\u{FF00}'..='\u{FFFF}') {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn letter_facts_from_the_table_agree_with_the_standard_library() {
        for c in ('\u{0}'..='\u{2FF}').chain('\u{1E00}'..='\u{1FFF}') {
            assert_eq!(
                alphabetic_and_lowercase(c),
                (c.is_alphabetic(), c.is_lowercase()),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn caps_detection() {
        assert!(is_caps("ỦY BAN NHÂN DÂN"));
        assert!(is_caps("I. MỤC ĐÍCH, YÊU CẦU:"));
        assert!(!is_caps("Ủy ban nhân dân"));
        assert!(!is_caps("1."));
    }

    #[test]
    fn keyword_prefixes() {
        assert!(starts_with_folded("Nơi nhận:", &["noi nhan"]));
        assert!(starts_with_folded("Noi nhận:", &["noi nhan"]));
        assert!(starts_with_folded("Căn cứ Luật", &["kinh gui", "can cu"]));
        assert!(!starts_with_folded("Cơ quan", &["can cu"]));
        assert!(!starts_with_folded("", &["can cu"]));
    }

    #[test]
    fn keyword_test_without_folding_agrees_with_folding_first() {
        let by_folding = |text: &str, keywords: &[&str]| {
            let longest = keywords
                .iter()
                .map(|k| k.chars().count())
                .max()
                .unwrap_or(0);
            let folded = fold_prefix(text, longest);
            keywords.iter().any(|k| folded.starts_with(k))
        };
        let keywords: &[&[&str]] = &[
            &["noi nhan"],
            &["kinh gui", "can cu", "noi nhan"],
            &["tren day"],
            &[""],
        ];
        for text in [
            "Nơi nhận:",
            "NƠI NHẬN",
            "Noi nhan",
            "Nơi",
            "",
            "Căn cứ Luật",
            "Cặn",
            "Kính gửi:",
            "Trên đây",
            "ǅ",
            "İ",
            "K\u{301}inh",
            "Ñ",
            "Đ",
            "ﬁ",
        ] {
            for k in keywords {
                assert_eq!(
                    starts_with_folded(text, k),
                    by_folding(text, k),
                    "{text:?} {k:?}"
                );
            }
        }
    }

    #[test]
    fn folding_removes_tones_and_dd() {
        assert_eq!(fold("Dân chủ Đồng"), "dan chu dong");
        assert_eq!(fold("Ủy ban"), "uy ban");
    }
}
