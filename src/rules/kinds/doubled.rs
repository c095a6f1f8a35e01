//! `doubled`: one of a list of words written twice in a row (`các các`), with the single word as
//! suggestion.
//!
//! ```toml
//! [params]
//! words = ["của", "các"]   # lower case; `Các các` at a sentence start and `CÁC CÁC` count too
//! ```
//!
//! A scan of the words of each text rather than a regex: an alternation of every word in three
//! cases, searched with the other rules' regexes, made every check a fifth slower (and an
//! Aho-Corasick automaton of the pairs costs as much as this scan, plus its build at start-up).
//! The scan looks closer only where a word starts with the letter the word before it starts
//! with, in either case: one pair of words in ten.

use std::collections::HashSet;

use crate::rules::context::{DocContext, Scope};

use super::{Check, Hit, Params};

#[derive(Debug)]
pub struct Doubled {
    words: HashSet<String>,
    /// The byte length of the longest word (in any case).
    longest: usize,
    scopes: Vec<Scope>,
}

impl Doubled {
    pub fn compile(p: &Params, scopes: Vec<Scope>) -> Result<Self, crate::rules::spec::RuleError> {
        let words: HashSet<String> = p.str_list("words")?.into_iter().collect();
        if words.is_empty() || words.contains("") {
            return Err(p.error("words", "`words` cần ít nhất một từ"));
        }
        if let Some(w) = words
            .iter()
            .find(|w| w.to_lowercase() != **w || w.contains(' '))
        {
            return Err(p.error(
                "words",
                format!("`{w}`: mỗi từ viết thường, một âm tiết, không có dấu cách"),
            ));
        }
        if let Some(w) = words.iter().find(|w| {
            let first = w.as_bytes()[0];
            [w.to_uppercase(), capitalised(w)]
                .iter()
                .any(|f| !may_repeat(first, f.as_bytes()[0]))
        }) {
            return Err(p.error(
                "words",
                format!("`{w}`: chữ đầu viết hoa và viết thường khác nhau ở byte đầu, chưa hỗ trợ"),
            ));
        }
        let longest = words
            .iter()
            .map(|w| w.len().max(w.to_uppercase().len()))
            .max()
            .unwrap_or(0);
        Ok(Doubled {
            words,
            longest,
            scopes,
        })
    }

    /// Whether `first second` is a listed word typed twice: both in lower case, both in upper
    /// case, or the first capitalised at the start of a sentence.
    fn doubled(&self, first: &str, second: &str, sentence_start: bool) -> bool {
        if first.len() != second.len() {
            return false;
        }
        let lower = second.to_lowercase();
        if !self.words.contains(&lower) {
            return false;
        }
        if first == second {
            return second == lower || second == second.to_uppercase();
        }
        sentence_start && second == lower && capitalised(&lower) == first
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The word of `token` that repeats `first` (`token` may carry punctuation after it: `các.`).
fn repeated_word<'a>(first: &str, token: &'a str) -> Option<&'a str> {
    let n = first.len();
    if token.len() < n
        || !token.is_char_boundary(n)
        || !token.as_bytes()[n..].iter().all(u8::is_ascii_punctuation)
    {
        return None;
    }
    let word = &token[..n];
    repeats(first, word).then_some(word)
}

/// Whether `second` repeats `first` byte for byte, or but
/// for the case of its first letter: a test that rejects almost every pair of words at once.
fn repeats(first: &str, second: &str) -> bool {
    if first.len() != second.len() || first.is_empty() {
        return false;
    }
    if first == second {
        return true;
    }
    let head = |w: &str| w.chars().next().map_or(0, char::len_utf8);
    let (a, b) = (head(first), head(second));
    a == b && first[a..] == second[b..]
}

/// Whether a word starting with byte `b` may repeat one starting with byte `a`: the same byte, or
/// bytes one case apart (`C`/`c`; `Đ` and `đ` share their first byte). Every listed word is
/// checked to pass this gate in each of its forms (see [`Doubled::compile`]).
fn may_repeat(a: u8, b: u8) -> bool {
    a | 0x20 == b | 0x20
}

impl Doubled {
    /// The doubled words of `text`: (start of the first, end of the second, the first).
    fn find<'t>(&self, text: &'t str) -> Vec<(usize, usize, &'t str)> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        // Tokens lie between single spaces and line breaks (two spaces leave an empty token, so
        // words two spaces apart are not a pair).
        let mut previous: Option<usize> = None;
        let mut start = 0;
        let ends = bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b' ' || b == b'\n')
            .map(|(i, _)| i)
            .chain([text.len()]);
        for end in ends {
            let token_start = start;
            start = end + 1;
            if token_start == end {
                previous = None;
                continue;
            }
            if let Some(first_at) = previous.take()
                && may_repeat(bytes[first_at], bytes[token_start])
                && let Some(pair) = self.pair(text, first_at, token_start, end)
            {
                found.push(pair);
                // A third copy is the same slip (`các các các` is one finding).
                continue;
            }
            previous = Some(token_start);
        }
        found
    }

    /// The pair of the token at `first_at` (ending before `second_at`) and the token
    /// `second_at..second_end`, if it is a listed word typed twice.
    fn pair<'t>(
        &self,
        text: &'t str,
        first_at: usize,
        second_at: usize,
        second_end: usize,
    ) -> Option<(usize, usize, &'t str)> {
        let first = &text[first_at..second_at - 1];
        // Only a short word without punctuation after it can be the first of a pair (`các, các`
        // is no doubled word; no listed word is longer than `longest`).
        if first.len() > self.longest || first.as_bytes()[first.len() - 1].is_ascii_punctuation() {
            return None;
        }
        let word = repeated_word(first, &text[second_at..second_end])?;
        if !word.chars().all(char::is_alphabetic) {
            return None;
        }
        // Sentence start: the first word opens the text or follows `.`, `:`, `!`, `?`, `;` (a
        // capitalised word after another is a name's part: `Đàng Trong trong`).
        let before = text[..first_at].trim_end();
        let sentence_start = before.is_empty() || before.ends_with(['.', ':', '!', '?', ';']);
        self.doubled(first, word, sentence_start).then_some((
            first_at,
            second_at + word.len(),
            first,
        ))
    }
}

impl Check for Doubled {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let scope = ctx.scope_texts(&self.scopes);
        for t in &scope.texts {
            for (start, end, first) in self.find(t.text.as_str()) {
                if let Some(hit) = Hit::at(t, start, end) {
                    out.push(hit.suggest(first.to_string()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doubled() -> Doubled {
        Doubled {
            words: ["các", "là"].iter().map(|w| w.to_string()).collect(),
            longest: 4,
            scopes: Vec::new(),
        }
    }

    #[test]
    fn a_repeat_is_the_same_bytes_but_for_the_first_letters_case() {
        assert!(repeats("các", "các"));
        assert!(repeats("Được", "được"));
        assert!(!repeats("các", "cách"));
        assert!(!repeats("các", "cơ"));
        assert!(!repeats("", ""));
        assert_eq!(repeated_word("các", "các."), Some("các"));
        assert_eq!(repeated_word("các", "cách"), None);
    }

    #[test]
    fn case_decides_what_is_doubled() {
        let d = doubled();
        assert!(d.doubled("các", "các", false));
        assert!(d.doubled("CÁC", "CÁC", false));
        assert!(d.doubled("Các", "các", true));
        assert!(
            !d.doubled("Các", "các", false),
            "a name's part mid-sentence"
        );
        assert!(!d.doubled("các", "cách", false));
        assert!(!d.doubled("vi", "vi", false), "not a listed word");
    }

    fn pairs(text: &str) -> Vec<&str> {
        let d = doubled();
        d.find(text)
            .into_iter()
            .map(|(s, e, _)| &text[s..e])
            .collect()
    }

    #[test]
    fn pairs_are_found_in_a_text() {
        assert_eq!(pairs("tất cả các các giá trị"), ["các các"]);
        assert_eq!(pairs("CỦA CÁC CÁC CƠ QUAN"), ["CÁC CÁC"]);
        assert_eq!(pairs("Các các cơ quan"), ["Các các"]);
        assert_eq!(pairs("Xong. Các các cơ quan"), ["Các các"]);
        assert!(
            pairs("của Các các nước").is_empty(),
            "a name's part mid-sentence"
        );
        assert!(pairs("Các Các").is_empty());
        assert_eq!(pairs("đóng là\nlà nhà"), ["là\nlà"]);
        assert!(pairs("các cách làm").is_empty());
        assert!(pairs("các, các").is_empty());
        assert!(pairs("(các các").is_empty());
        assert!(
            pairs("các  các").is_empty(),
            "two spaces are another rule's"
        );
        assert_eq!(pairs("là các các."), ["các các"]);
        assert!(pairs("các cácx").is_empty());
    }

    #[test]
    fn a_triple_is_one_slip_and_a_rejected_pair_does_not_hide_the_next() {
        assert_eq!(pairs("xcác các các"), ["các các"]);
        assert_eq!(pairs("các các các"), ["các các"]);
        assert_eq!(pairs("là là các các"), ["là là", "các các"]);
    }

    #[test]
    fn the_first_byte_gate_lets_every_case_form_through() {
        assert!(may_repeat(b'C', b'c'));
        assert!(may_repeat("Đ".as_bytes()[0], "đ".as_bytes()[0]));
        assert!(!may_repeat(b'c', b'v'));
    }
}
