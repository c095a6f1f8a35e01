//! `doubled`: one of a list of words written twice in a row (`các các`), with the single word as
//! suggestion.
//!
//! ```toml
//! [params]
//! words = ["của", "các"]   # lower case; `Các các` at a sentence start and `CÁC CÁC` count too
//! ```
//!
//! A scan of the words of each text rather than a regex: an alternation of every word in three
//! cases, searched with the other rules' regexes, made every check a fifth slower.

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
        if words.is_empty() {
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

impl Check for Doubled {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let scope = ctx.scope_texts(&self.scopes);
        for t in &scope.texts {
            let text = t.text.as_str();
            // Tokens between single spaces and line breaks (two spaces leave an empty token, so
            // words two spaces apart are not a pair).
            let mut previous: Option<(usize, &str)> = None;
            // Separators are dense (one word in five bytes): a plain scan beats memchr's calls.
            let ends = text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b' ' || b == b'\n')
                .map(|(i, _)| i)
                .chain([text.len()]);
            let mut next_start = 0;
            for end in ends {
                let start = next_start;
                next_start = end + 1;
                let token = &text[start..end];
                if let Some((first_at, first)) = previous.take()
                    && let Some(word) = repeated_word(first, token)
                    && word.chars().all(char::is_alphabetic)
                {
                    // Sentence start: the first word opens the text or follows `.`, `:`, `!`,
                    // `?`, `;` (a capitalised word after another is a name's part: `Đàng Trong
                    // trong`).
                    let before = text[..first_at].trim_end();
                    let sentence_start =
                        before.is_empty() || before.ends_with(['.', ':', '!', '?', ';']);
                    if self.doubled(first, word, sentence_start)
                        && let Some(hit) = Hit::at(t, first_at, start + word.len())
                    {
                        out.push(hit.suggest(first.to_string()));
                        continue;
                    }
                }
                // Only a short word without punctuation after it can be the first of a pair
                // (`các, các` is no doubled word; no listed word is longer than `longest`).
                if !token.is_empty()
                    && token.len() <= self.longest
                    && !token.as_bytes()[token.len() - 1].is_ascii_punctuation()
                {
                    previous = Some((start, token));
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
}
