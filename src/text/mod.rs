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
    fn folding_removes_tones_and_dd() {
        assert_eq!(fold("Dân chủ Đồng"), "dan chu dong");
        assert_eq!(fold("Ủy ban"), "uy ban");
    }
}
