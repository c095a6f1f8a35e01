//! `term`: wrong phrases and the right one. Variants in both tone-mark placement styles are
//! generated automatically (`Uỷ ban` finds `Ủy ban` as well); text is already NFC, so NFD
//! spellings are found too. All terms of a rule compile into one regex (a literal alternation,
//! which the regex crate runs with Aho-Corasick).
//!
//! ```toml
//! [params]
//! case_sensitive = true
//! outside_quotes = true   # optional: not between quotation marks (words an amendment quotes)
//! terms = [
//!   { wrong = ["Noi nhận", "Nơi nhân"], right = "Nơi nhận" },
//! ]
//! ```

use std::collections::HashMap;

use crate::rules::search::Searcher;
use unicode_normalization::UnicodeNormalization;

use crate::rules::context::{DocContext, Scope};
use crate::rules::spec::RuleError;

use super::{Check, Hit, Params};

#[derive(Debug)]
pub struct Term {
    regex: Searcher,
    /// Variant (lower-cased when matching ignores case) → index into `right`.
    index: HashMap<String, usize>,
    case_sensitive: bool,
    /// Leave alone what is between quotation marks: an amending text quotes the words it
    /// replaces as the amended act wrote them.
    outside_quotes: bool,
    right: Vec<String>,
    scopes: Vec<Scope>,
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The two tone-placement styles of one syllable ending in `oa`, `oe` or `uy` (not after `q`);
/// other syllables have one spelling.
pub fn syllable_variants(word: &str) -> Vec<String> {
    let decomposed: Vec<char> = word.nfd().collect();
    let Some(tone_pos) = decomposed.iter().position(|c| TONES.contains(c)) else {
        return vec![word.to_string()];
    };
    let tone = decomposed[tone_pos];
    let base: Vec<char> = decomposed
        .iter()
        .copied()
        .filter(|c| !TONES.contains(c))
        .collect::<String>()
        .nfc()
        .collect();
    let n = base.len();
    let lower: Vec<char> = base.iter().flat_map(|c| c.to_lowercase()).collect();
    if n < 2 || lower.len() != n {
        return vec![word.to_string()];
    }
    let pair = (lower[n - 2], lower[n - 1]);
    let eligible = matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'))
        && !(pair.0 == 'u' && n >= 3 && lower[n - 3] == 'q');
    if !eligible {
        return vec![word.to_string()];
    }
    let with_tone_at = |k: usize| -> String {
        let mut s = String::new();
        for (i, c) in base.iter().enumerate() {
            s.push(*c);
            if i == k {
                s.push(tone);
            }
        }
        s.nfc().collect()
    };
    vec![with_tone_at(n - 2), with_tone_at(n - 1)]
}

/// All tone-style spellings of a phrase (at most 16).
pub fn phrase_variants(phrase: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for (i, word) in phrase.nfc().collect::<String>().split(' ').enumerate() {
        let variants = syllable_variants(word);
        let mut next = Vec::new();
        for prefix in &out {
            for v in &variants {
                let mut s = prefix.clone();
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(v);
                next.push(s);
            }
        }
        next.truncate(16);
        out = next;
    }
    out
}

impl Term {
    pub fn compile(p: &Params, scopes: Vec<Scope>) -> Result<Self, RuleError> {
        let case_sensitive = p.bool("case_sensitive", true)?;
        let list = match p.table.get("terms") {
            Some(toml::Value::Array(a)) if !a.is_empty() => a,
            _ => {
                return Err(p.error(
                    "terms",
                    "`terms` must be a non-empty list of { wrong, right }",
                ));
            }
        };
        let mut right = Vec::new();
        let mut index = HashMap::new();
        let mut alternatives = Vec::new();
        for (k, entry) in list.iter().enumerate() {
            let bad = || {
                p.error(
                    "terms",
                    "each term must be { wrong = [\"…\"], right = \"…\" }",
                )
            };
            let table = entry.as_table().ok_or_else(bad)?;
            let r = table
                .get("right")
                .and_then(|v| v.as_str())
                .ok_or_else(bad)?;
            let wrongs = table
                .get("wrong")
                .and_then(|v| v.as_array())
                .ok_or_else(bad)?;
            right.push(r.nfc().collect::<String>());
            for w in wrongs {
                let w = w.as_str().ok_or_else(bad)?;
                for variant in phrase_variants(w) {
                    let key = if case_sensitive {
                        variant.clone()
                    } else {
                        variant.to_lowercase()
                    };
                    index.entry(key).or_insert(k);
                    let starts_word = variant.chars().next().is_some_and(char::is_alphanumeric);
                    let ends_word = variant.chars().last().is_some_and(char::is_alphanumeric);
                    alternatives.push(format!(
                        "{}{}{}",
                        if starts_word { r"\b" } else { "" },
                        regex::escape(&variant),
                        if ends_word { r"\b" } else { "" }
                    ));
                }
            }
        }
        let pattern = format!(
            "{}(?:{})",
            if case_sensitive { "" } else { "(?i)" },
            alternatives.join("|")
        );
        Ok(Term {
            regex: p.searcher("terms", &pattern)?,
            index,
            case_sensitive,
            outside_quotes: p.bool("outside_quotes", false)?,
            right,
            scopes,
        })
    }
}

impl Check for Term {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        vec![(&self.scopes, &self.regex)]
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let scope = ctx.scope_texts(&self.scopes);
        for t in self.regex.texts(&scope) {
            for m in self.regex.regex().find_iter(t.text.as_str()) {
                let key = if self.case_sensitive {
                    m.as_str().to_string()
                } else {
                    m.as_str().to_lowercase()
                };
                let Some(&k) = self.index.get(&key) else {
                    continue;
                };
                if m.as_str() == self.right[k]
                    || (self.outside_quotes
                        && super::references::inside_quotation_marks(t.text.as_str(), m.start()))
                {
                    continue;
                }
                if let Some(hit) = Hit::at(t, m.start(), m.end()) {
                    out.push(
                        hit.var("expected", self.right[k].clone())
                            .suggest(self.right[k].clone()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_style_variants() {
        assert_eq!(syllable_variants("hoà"), ["hòa", "hoà"]);
        assert_eq!(syllable_variants("Uỷ"), ["Ủy", "Uỷ"]);
        assert_eq!(syllable_variants("quý"), ["quý"]);
        assert_eq!(syllable_variants("hoàng"), ["hoàng"]);
        assert_eq!(phrase_variants("Uỷ ban").len(), 2);
    }
}
