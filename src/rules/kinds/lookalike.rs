//! `lookalike`: characters that look like the right ones but are others, invisible to the eye and
//! breaking search and citation matching.
//!
//! ```toml
//! [params]
//! check = "script"   # script | digits
//! ```
//!
//! `script` reports a Cyrillic, Greek or full-width letter inside a Latin (Vietnamese) word or
//! document symbol: `Сông` (Cyrillic `С`), `NĐ-СP`, `BHΧΗ`. A word is reported only when each of
//! its foreign letters has a Latin twin (`С`/`C`, `Р`/`P`, `у`/`y`) and it holds a Latin letter
//! too: a word wholly in Cyrillic or Greek (`Москва`, `μαθεĩν` with a stray Latin letter) is
//! foreign text, not a slip. `{character}` names the letter, the suggestion is its Latin twin.
//!
//! `digits` reports `l`, `I` or `O` typed for `1` or `0` in a number (`Điều l2`, `2O25`,
//! `số 1O/2024`): a number-like run of digits and those letters, standing alone, where the letter
//! is between digits, a lower-case `l` leads the digits (but a list label `l1)`), the run is
//! followed by `/` and a digit,
//! or the run follows a word that a number follows (`Điều`, `khoản`, `số`, `năm`, `ngày`,
//! `tháng`, `trang`, `tr.`). Codes that start with `I` or `O` (`I50`, `O2`) and units after a
//! number (`50l`) are left alone. The suggestion has the digits.

use crate::rules::context::{DocContext, Scope};
use crate::rules::search::Searcher;
use crate::rules::spec::RuleError;
use crate::text::charname::describe;

use super::{Check, Hit, Params};

#[derive(Debug)]
pub struct Lookalike {
    check: Which,
    searcher: Searcher,
    scopes: Vec<Scope>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Script,
    Digits,
}

/// Any Greek, Cyrillic or full-width Latin letter: the texts worth a closer look.
const FOREIGN: &str =
    r"[\x{0370}-\x{03FF}\x{0400}-\x{052F}\x{1F00}-\x{1FFF}\x{FF21}-\x{FF3A}\x{FF41}-\x{FF5A}]";

/// A digit beside `l`, `I` or `O`.
const DIGITS: &str = r"[0-9][lIO]|[lIO][0-9]";

impl Lookalike {
    pub fn compile(p: &Params, scopes: Vec<Scope>) -> Result<Self, RuleError> {
        let (check, pattern) = match p.str("check")? {
            "script" => (Which::Script, FOREIGN),
            "digits" => (Which::Digits, DIGITS),
            other => {
                return Err(p.error(
                    "check",
                    format!("`check` must be script or digits, not `{other}`"),
                ));
            }
        };
        Ok(Lookalike {
            check,
            searcher: p.searcher("check", pattern)?,
            scopes,
        })
    }
}

/// The Latin letter a Cyrillic, Greek or full-width letter is typed for, when it has one that
/// looks the same.
pub fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic.
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'Ѕ' => 'S',
        'І' => 'I',
        'Ј' => 'J',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'ѕ' => 's',
        'і' => 'i',
        'ј' => 'j',
        'һ' => 'h',
        'ԁ' => 'd',
        'ӏ' => 'l',
        // Greek.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        // Full-width Latin.
        '\u{FF21}'..='\u{FF3A}' => char::from(b'A' + (c as u32 - 0xFF21) as u8),
        '\u{FF41}'..='\u{FF5A}' => char::from(b'a' + (c as u32 - 0xFF41) as u8),
        _ => return None,
    })
}

/// A letter of the Latin script as Vietnamese text uses it (ASCII, Latin-1 to Latin Extended-B,
/// Latin Extended Additional), not a full-width one.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷')
}

/// What script a foreign letter is of, in the message's words.
fn script_name(c: char) -> &'static str {
    match c {
        '\u{0400}'..='\u{052F}' => "Kirin",
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => "Hy Lạp",
        _ => "toàn độ rộng (full-width)",
    }
}

/// The words a number follows in administrative text: with one of them before it, a run of
/// digits with `I` or `O` in it is a mistyped number, not a code.
const NUMBER_WORDS: &[&str] = &[
    "Điều", "điều", "Khoản", "khoản", "Số", "số", "Năm", "năm", "ngày", "tháng", "trang", "tr.",
];

impl Check for Lookalike {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        vec![(&self.scopes, &self.searcher)]
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let scope = ctx.scope_texts(&self.scopes);
        for t in self.searcher.texts(&scope) {
            let text = t.text.as_str();
            match self.check {
                Which::Script => {
                    for (start, word) in words(text, char::is_alphanumeric) {
                        script_hits(t, start, word, out);
                    }
                }
                Which::Digits => {
                    for (start, run) in words(text, |c| c.is_ascii_digit() || "lIO".contains(c)) {
                        digits_hit(t, text, start, run, out);
                    }
                }
            }
        }
    }
}

/// The maximal runs of characters for which `keep` holds, with their byte offsets.
fn words(text: &str, keep: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (keep(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn script_hits(
    t: &crate::rules::context::ScopedText,
    start: usize,
    word: &str,
    out: &mut Vec<Hit>,
) {
    let foreign = |c: char| {
        matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}' | '\u{1F00}'..='\u{1FFF}')
            || latin_twin(c).is_some() && !c.is_ascii()
    };
    if !word.chars().any(foreign) || !word.chars().any(is_latin) {
        return;
    }
    // Every letter is Latin or a twin of one: the word reads as a Latin word.
    if word
        .chars()
        .any(|c| c.is_alphabetic() && !is_latin(c) && latin_twin(c).is_none())
    {
        return;
    }
    for (i, c) in word.char_indices() {
        if is_latin(c) || !c.is_alphabetic() {
            continue;
        }
        let Some(twin) = latin_twin(c) else {
            continue;
        };
        let at = start + i;
        if let Some(hit) = Hit::at(t, at, at + c.len_utf8()) {
            out.push(
                hit.var("character", describe(c))
                    .var("script", script_name(c))
                    .var("word", word)
                    .suggest(twin.to_string()),
            );
        }
    }
}

fn digits_hit(
    t: &crate::rules::context::ScopedText,
    text: &str,
    start: usize,
    run: &str,
    out: &mut Vec<Hit>,
) {
    let is_letter = |c: char| "lIO".contains(c);
    if !run.chars().any(|c| c.is_ascii_digit()) || !run.chars().any(is_letter) {
        return;
    }
    let before = &text[..start];
    let after = &text[start + run.len()..];
    // A run inside a word or a code (`Al2O3`, `CO2`, `%20l`, `v2I`) is not a number.
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "%_&=".contains(c));
    if glued(before.chars().next_back()) || glued(after.chars().next()) {
        return;
    }
    let chars: Vec<char> = run.chars().collect();
    // A letter between digits; `O` and `I` with two digits on one side at least, as a chemical
    // formula split by markup has one on each (`Fe` / `2O3`).
    let between_digits = (1..chars.len().saturating_sub(1)).any(|i| {
        let digits_before = chars[..i].iter().filter(|c| c.is_ascii_digit()).count();
        let digits_after = chars[i + 1..].iter().filter(|c| c.is_ascii_digit()).count();
        is_letter(chars[i])
            && digits_before > 0
            && digits_after > 0
            && (chars[i] == 'l' || digits_before.max(digits_after) >= 2)
    });
    // `l1)` is a list label (after `k1)`), not a number.
    let label = after.starts_with(')');
    let leading_l = chars[0] == 'l' && chars.get(1).is_some_and(char::is_ascii_digit) && !label;
    let before_slash =
        after.starts_with('/') && after[1..].starts_with(|c: char| c.is_ascii_digit());
    // Letters at the end only (`số 7l`): the number is short, a year with a letter after it
    // (`năm 1783l`) is something else.
    let trailing_only = chars
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
        .checked_add(chars.iter().rev().take_while(|&&c| is_letter(c)).count())
        == Some(chars.len());
    let short = chars.iter().filter(|c| c.is_ascii_digit()).count() <= 2;
    let after_word = (!trailing_only || short) && {
        let b = before.trim_end_matches([' ', ':']);
        (before.len() > b.len() || b.ends_with('.'))
            && NUMBER_WORDS.iter().any(|w| {
                b.ends_with(w)
                    && !b[..b.len() - w.len()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
    };
    if !(between_digits || leading_l || before_slash || after_word) {
        return;
    }
    let fixed: String = chars
        .iter()
        .map(|&c| match c {
            'l' | 'I' => '1',
            'O' => '0',
            c => c,
        })
        .collect();
    let mut names: Vec<String> = Vec::new();
    for &c in chars.iter().filter(|&&c| is_letter(c)) {
        let n = describe(c);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    if let Some(hit) = Hit::at(t, start, start + run.len()) {
        out.push(hit.var("character", names.join(", ")).suggest(fixed));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twins_are_latin_letters() {
        for c in ('\u{370}'..='\u{52F}').chain('\u{FF00}'..='\u{FF60}') {
            if let Some(t) = latin_twin(c) {
                assert!(t.is_ascii_alphabetic(), "U+{:04X}", c as u32);
                assert_eq!(c.is_uppercase(), t.is_uppercase(), "U+{:04X}", c as u32);
            }
        }
        assert_eq!(latin_twin('Ｑ'), Some('Q'));
        assert_eq!(latin_twin('ｚ'), Some('z'));
        assert_eq!(latin_twin('д'), None);
    }
}
