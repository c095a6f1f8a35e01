//! A fast similarity between two texts: the Dice coefficient of their word multisets.
//!
//! Used to pair paragraphs and sections. Word order is ignored on purpose: a reordered sentence is
//! still the same paragraph for pairing; the word diff then shows the reordering.

use std::collections::HashMap;

/// The words of a key as a sorted list of hashes: computed once per unit, compared in linear time
/// with [`bag_similarity`].
pub fn bag(key: &str) -> Vec<WordHash> {
    let mut out: Vec<WordHash> = Vec::new();
    extend_bag(key, &mut out);
    out.sort_unstable();
    out
}

/// Appends the unsorted word hashes of `key` to `out`.
pub fn extend_bag(key: &str, out: &mut Vec<WordHash>) {
    for_each_token(key, |token| {
        let word = trim_to_word(token);
        if !word.is_empty() {
            out.push(fnv1a(word));
        }
    });
}

/// The number of words [`bag`] would hash: tokens with a letter or digit (what is left after
/// trimming is not empty exactly then), tested on bytes for ASCII.
pub fn count_words(key: &str) -> usize {
    let mut n = 0;
    for_each_token(key, |token| {
        let word = token.bytes().any(|b| b.is_ascii_alphanumeric())
            || (!token.is_ascii() && token.chars().any(crate::text::is_alphanumeric));
        n += usize::from(word);
    });
    n
}

/// The tokens of a key, split at spaces, line breaks and U+0001 (ASCII bytes, so the split
/// needs no decoding; most tokens are a few bytes long, too short for a vectorised search).
fn for_each_token(key: &str, mut each: impl FnMut(&str)) {
    let mut start = 0;
    for (i, &b) in key.as_bytes().iter().enumerate() {
        if matches!(b, b' ' | b'\n' | b'\x01') {
            each(&key[start..i]);
            start = i + 1;
        }
    }
    each(&key[start..]);
}

/// A token without what is not a letter or digit at either end.
fn trim_to_word(token: &str) -> &str {
    let bytes = token.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(a), Some(z)) if a.is_ascii_alphanumeric() && z.is_ascii_alphanumeric() => token,
        _ => token.trim_matches(|c: char| !crate::text::is_alphanumeric(c)),
    }
}

/// The number of words two sorted bags share (as multisets).
pub fn common_words(a: &[WordHash], b: &[WordHash]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// The Dice coefficient of two word multisets from the number of words they share and their
/// total size.
pub fn dice(common: usize, total: usize) -> f64 {
    if total == 0 {
        return 1.0;
    }
    2.0 * common as f64 / total as f64
}

/// The hash a word is counted by in a bag. 32 bits: a bag holds the words of a part of a
/// document (a few thousand), a collision only nudges a similarity score, and half the size of
/// a 64-bit hash is half the memory the bags of a large comparison take.
pub type WordHash = u32;

/// FNV-1a, 32 bits: a fast hash for short words (no protection against crafted collisions is
/// needed: a collision only nudges a similarity score).
fn fnv1a(word: &str) -> WordHash {
    word.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ WordHash::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Dice coefficient of two bags from [`bag`]: the same value as [`similarity`] of their keys
/// (up to hash collisions).
pub fn bag_similarity(a: &[WordHash], b: &[WordHash]) -> f64 {
    dice(common_words(a, b), a.len() + b.len())
}

/// Similarity in 0..=1 of two keys whose words are separated by `\u{1}` (or spaces).
pub fn similarity(a: &str, b: &str) -> f64 {
    fn words(s: &str) -> HashMap<&str, usize> {
        let mut m = HashMap::new();
        for w in s
            .split(['\u{1}', ' ', '\n'])
            .filter(|w| w.chars().any(char::is_alphanumeric))
        {
            *m.entry(w).or_insert(0) += 1;
        }
        m
    }
    let (wa, wb) = (words(a), words(b));
    let total: usize = wa.values().sum::<usize>() + wb.values().sum::<usize>();
    if total == 0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let common: usize = wa
        .iter()
        .map(|(w, n)| (*n).min(*wb.get(w).unwrap_or(&0)))
        .sum();
    2.0 * common as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bags_agree_with_keys() {
        for (a, b) in [("a b c d", "a b c e"), ("x x y", "x y y"), ("", "a")] {
            assert!(
                (bag_similarity(&bag(a), &bag(b)) - similarity(a, b)).abs() < 1e-9 || a.is_empty()
            );
        }
    }

    #[test]
    fn dice_of_words() {
        assert_eq!(similarity("a b c", "a b c"), 1.0);
        assert_eq!(similarity("a b", "c d"), 0.0);
        assert!((similarity("a b c d", "a b c e") - 0.75).abs() < 1e-9);
    }

    #[test]
    fn counted_words_are_the_hashed_words() {
        for key in [
            "",
            " ",
            "Luật Thực hiện dân chủ ở cơ sở.",
            "ở – Đ ý",
            "- a) 1. (*) … “ ” 12/2020/NĐ-CP",
            "x\u{1}y\nz  ",
            "× ÷ ¶ § Ω",
        ] {
            assert_eq!(count_words(key), bag(key).len(), "{key:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn counted_words_are_the_hashed_words_of_any_text(
            key in "[a-zA-Z0-9 .,:;()–“”\n\u{1}ởĐýÀ×÷§Ωα\u{300}\u{301}]{0,40}"
        ) {
            proptest::prop_assert_eq!(count_words(&key), bag(&key).len());
        }
    }
}
