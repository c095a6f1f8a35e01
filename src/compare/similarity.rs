//! A fast similarity between two texts: the Dice coefficient of their word multisets.
//!
//! Used to pair paragraphs and sections. Word order is ignored on purpose: a reordered sentence is
//! still the same paragraph for pairing; the word diff then shows the reordering.

use std::collections::HashMap;

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
    fn dice_of_words() {
        assert_eq!(similarity("a b c", "a b c"), 1.0);
        assert_eq!(similarity("a b", "c d"), 0.0);
        assert!((similarity("a b c d", "a b c e") - 0.75).abs() < 1e-9);
    }
}
