//! Numbering systems of Vietnamese documents: the Vietnamese alphabet for điểm, Roman numerals.

/// The letters used for điểm in Vietnamese alphabet order (no f, j, w, z; `đ` after `d`).
pub const VIETNAMESE_LETTERS: [char; 23] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

/// 1-based position of a điểm letter in the Vietnamese alphabet: `a` → 1, `đ` → 5, `e` → 6.
pub fn letter_ordinal(c: char) -> Option<u32> {
    let lower = c.to_lowercase().next()?;
    VIETNAMESE_LETTERS
        .iter()
        .position(|&l| l == lower)
        .map(|i| i as u32 + 1)
}

/// The điểm letter at a 1-based position.
pub fn letter_at(ordinal: u32) -> Option<char> {
    VIETNAMESE_LETTERS
        .get(ordinal.checked_sub(1)? as usize)
        .copied()
}

/// Value of an upper-case Roman numeral (I..MMMCMXCIX), `None` if not well formed.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Option<Vec<u32>> = s.chars().map(digit).collect();
    let values = values?;
    // Subtractive notation: a digit smaller than its right neighbour counts negatively.
    let mut total: i64 = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= i64::from(*v);
        } else {
            total += i64::from(*v);
        }
    }
    let total = u32::try_from(total).ok()?;
    // Reject non-canonical forms (IIII, VV, IC) by round-tripping.
    (to_roman(total).as_deref() == Some(s)).then_some(total)
}

/// Canonical Roman numeral of `n` (1..=3999).
pub fn to_roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, glyph) in TABLE {
        while n >= value {
            out.push_str(glyph);
            n -= value;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dd_follows_d() {
        assert_eq!(letter_ordinal('d'), Some(4));
        assert_eq!(letter_ordinal('đ'), Some(5));
        assert_eq!(letter_ordinal('e'), Some(6));
        assert_eq!(letter_ordinal('f'), None);
        assert_eq!(letter_at(5), Some('đ'));
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("IC"), None);
        assert_eq!(to_roman(9).as_deref(), Some("IX"));
    }
}
