//! Vietnamese text facts shared by the parser, the comparison and the rules.

pub mod numbering;

use unicode_normalization::UnicodeNormalization;

/// True when the text has at least two letters and every letter is upper case: the style of
/// issuing bodies, type names, Roman-numbered headings and signature titles.
pub fn is_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
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
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`fold`] of the first `n` characters only: enough to test a keyword at the start of a line
/// without decomposing the whole line.
pub fn fold_prefix(text: &str, n: usize) -> String {
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    fold(&text[..end])
}

/// The first character without tone marks or other diacritics, lower case (`Đ` → `d`).
fn first_base_letter(text: &str) -> Option<char> {
    let c = text.chars().next()?;
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    fold(c.encode_utf8(&mut [0; 4])).chars().next()
}

/// Whether `text` starts with one of `keywords` once folded (see [`fold`]); keywords are folded
/// already. Rejects on the first letter before folding anything, since this runs on every line.
pub fn starts_with_folded(text: &str, keywords: &[&str]) -> bool {
    let Some(first) = first_base_letter(text) else {
        return false;
    };
    if !keywords.iter().any(|k| k.starts_with(first)) {
        return false;
    }
    let longest = keywords
        .iter()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0);
    let folded = fold_prefix(text, longest);
    keywords.iter().any(|k| folded.starts_with(k))
}

/// First character upper case?
pub fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// First character lower case?
pub fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn folding_removes_tones_and_dd() {
        assert_eq!(fold("Dân chủ Đồng"), "dan chu dong");
        assert_eq!(fold("Ủy ban"), "uy ban");
    }
}
