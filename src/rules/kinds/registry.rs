//! `registry`: citations checked against what is known of real documents (the rule set's
//! registry, see [`crate::registry`]) and against what a number's code says.
//!
//! ```toml
//! [params]
//! check = "date"   # date | issuer-code | type-code | law-name
//! ```
//!
//! - `date`: a cited document's date differs from the one most sources agree on (a number's, or a
//!   law's by name: `Luật Đất đai ngày 18 tháng 01 năm 2024`);
//! - `issuer-code`: the issuer named after a citation (`… của Bộ Công Thương`) is not the body
//!   the number's code names (`TT-BTC` → Bộ Tài chính);
//! - `type-code`: the type word before a number (`Nghị định số 15/2025/QĐ-TTg`) is not the type
//!   its code names;
//! - `law-name`: a law named as the registry knows no law, one word from a law it knows.
//!
//! Nothing is reported for a document the registry does not know.

use crate::registry::cite::{document_key, local_issuer};
use crate::registry::format::{KnownName, name_key, show_date};
use crate::registry::{codes, laws};
use crate::rules::context::{DocContext, Scope, ScopedText};
use crate::rules::search::Searcher;
use crate::rules::spec::RuleError;

use super::{Check, Hit, Params, citation_searcher};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Date,
    IssuerCode,
    TypeCode,
    LawName,
}

/// How many sources must give a date, and which share of them must agree, before a citation is
/// told it is wrong.
const MIN_VOTES: u32 = 3;
const MIN_SHARE_PERCENT: u32 = 80;

#[derive(Debug)]
pub struct RegistryCheck {
    mode: Mode,
    scopes: Vec<Scope>,
}

impl RegistryCheck {
    pub fn compile(p: &Params) -> Result<Self, RuleError> {
        let mode = match p.str("check")? {
            "date" => Mode::Date,
            "issuer-code" => Mode::IssuerCode,
            "type-code" => Mode::TypeCode,
            "law-name" => Mode::LawName,
            other => return Err(p.error("check", format!("unknown registry check `{other}`"))),
        };
        Ok(RegistryCheck {
            mode,
            scopes: vec![Scope::All],
        })
    }

    fn check_dates(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        for (t, c) in ctx.citations() {
            let text = t.text.as_str();
            let local = c.issuer_at.and_then(|at| local_issuer(&text[at..]));
            let Some(key) = document_key(&c.number, local.as_deref(), c.ymd.0) else {
                continue;
            };
            let Some(e) = ctx.registry.document(&key) else {
                continue;
            };
            let Some(date) = e.date else { continue };
            let sure =
                e.date_votes >= MIN_VOTES && e.date_votes * 100 >= e.dated * MIN_SHARE_PERCENT;
            if sure && date != c.ymd {
                out.extend(Hit::at(t, c.start, c.end).map(|h| {
                    h.var("number", c.number.clone())
                        .var("date", c.date.clone())
                        .var("expected", show_date(date))
                        .var("votes", format!("{}/{}", e.date_votes, e.dated))
                }));
            }
        }
        for (t, mention) in ctx.law_mentions() {
            let Some(m) = laws::dated(t.text.as_str(), mention) else {
                continue;
            };
            // A law named with its number is checked by the number.
            if m.number.is_some() {
                continue;
            }
            let versions = ctx.registry.law_versions(&m.name);
            if versions.iter().any(|v| v.date == m.date) {
                continue;
            }
            // A law's name is used again by the law that replaces it: only a date in the
            // year of a known version, and not that version's, is a misquote.
            let Some(v) = versions
                .iter()
                .filter(|v| v.date.0 == m.date.0 && v.votes >= MIN_VOTES)
                .max_by_key(|v| v.votes)
            else {
                continue;
            };
            out.extend(Hit::at(t, m.start, m.end).map(|h| {
                h.var("number", m.name.clone())
                    .var("date", show_date(m.date))
                    .var("expected", show_date(v.date))
                    .var("votes", v.votes.to_string())
            }));
        }
    }

    fn check_issuer(&self, t: &ScopedText, c: &super::Citation, out: &mut Vec<Hit>) {
        let Some(at) = c.issuer_at else { return };
        let text = t.text.as_str();
        let Some(named) = codes::body_named_at(&text[at..]) else {
            return;
        };
        let (_, agencies) = codes::code_parts(&c.number);
        let expected: Vec<&codes::Body> = agencies
            .iter()
            .filter_map(|a| codes::body_of_code(a))
            .collect();
        if expected.is_empty() || expected.len() != agencies.len() {
            return;
        }
        // A body merged in 2025 and the one that took its work over are not told apart here.
        let related = |a: &codes::Body, b: &codes::Body| {
            a.code == b.code || a.successors.contains(&b.code) || b.successors.contains(&a.code)
        };
        if expected.iter().any(|e| related(e, named)) {
            return;
        }
        let shown = named.name;
        let end = at
            + text[at..]
                .find(shown)
                .map_or(shown.len(), |i| i + shown.len());
        let end = end.min(text.len());
        if !text.is_char_boundary(end) {
            return;
        }
        out.extend(Hit::at(t, c.start, end).map(|h| {
            h.var("number", c.number.clone()).var("issuer", shown).var(
                "expected",
                expected
                    .iter()
                    .map(|b| b.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }));
    }

    fn check_type(&self, t: &ScopedText, c: &super::Citation, out: &mut Vec<Hit>) {
        let Some(word) = c.kind else { return };
        let (code, agencies) = codes::code_parts(&c.number);
        let allowed: &[&str] = match code {
            Some(code) => codes::type_words(code).unwrap_or(&[]),
            None if agencies.len() == 1 && agencies[0].starts_with("QH") => {
                &["Luật", "Bộ luật", "Nghị quyết"]
            }
            None => &[],
        };
        if allowed.is_empty() || allowed.contains(&word) {
            return;
        }
        let text = t.text.as_str();
        // The hit runs from the type word to the number.
        let before = &text[..c.start];
        let start = before
            .to_lowercase()
            .rfind(&word.to_lowercase())
            .filter(|&i| before.is_char_boundary(i))
            .unwrap_or(c.start);
        let end = c.start + c.number.len();
        out.extend(Hit::at(t, start, end.min(text.len())).map(|h| {
            h.var("number", c.number.clone())
                .var("type", word)
                .var("expected", allowed[0])
        }));
    }

    fn check_law_names(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let mut known: Option<&[KnownName]> = None;
        for (t, m) in ctx.law_mentions() {
            let names = *known.get_or_insert_with(|| ctx.registry.known_names());
            if let Some(right) = near_miss(&m.name, names) {
                out.extend(Hit::at(t, m.start, m.end).map(|h| h.suggest(right.name.clone())));
            }
        }
    }
}

/// Characters that differ between two words (insertions, deletions, substitutions).
fn char_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// A known law one word from `name` when no known law is named by `name` (or a prefix of it):
/// a word doubled (`Luật ban Ban hành …`), left out, or mistyped by one character.
fn near_miss<'n>(name: &str, known: &'n [KnownName]) -> Option<&'n KnownName> {
    let key = name_key(name);
    let words: Vec<&str> = key.split(' ').collect();
    let is_prefix = |k: &KnownName| {
        k.words.len() <= words.len() && k.words.iter().zip(&words).all(|(a, b)| a == b)
    };
    if words.len() < 3 || known.iter().any(is_prefix) {
        return None;
    }
    let one_edit = |k: &KnownName| -> bool {
        let kw: Vec<&str> = k.words.iter().map(String::as_str).collect();
        if kw.len() < 3 || k.votes < MIN_VOTES {
            return false;
        }
        if kw.len() + 1 == words.len() {
            // A word doubled: drop it and the rest is the known name.
            return (1..words.len()).any(|i| {
                words[i] == words[i - 1] && words[..i].iter().chain(&words[i + 1..]).eq(kw.iter())
            });
        }
        // A word left out inside the name (not at its ends: `Luật Quản lý` may be cut short of
        // `thuế` by the text, `Luật Lao động` is how many write `Bộ luật Lao động`).
        if kw.len() == words.len() + 1 && kw.len() >= 4 {
            return (2..kw.len() - 1).any(|i| kw[..i].iter().chain(&kw[i + 1..]).eq(words.iter()));
        }
        if kw.len() == words.len() {
            let diff: Vec<usize> = (0..kw.len()).filter(|&i| kw[i] != words[i]).collect();
            return diff.len() == 1 && {
                let (a, b) = (kw[diff[0]], words[diff[0]]);
                a.chars().count() >= 3 && b.chars().count() >= 3 && char_distance(a, b) == 1
            };
        }
        false
    };
    known.iter().filter(|k| one_edit(k)).max_by_key(|k| k.votes)
}

impl Check for RegistryCheck {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        match self.mode {
            Mode::Date => vec![
                (self.scopes.as_slice(), citation_searcher()),
                (self.scopes.as_slice(), laws::searcher()),
            ],
            Mode::IssuerCode | Mode::TypeCode => {
                vec![(self.scopes.as_slice(), citation_searcher())]
            }
            Mode::LawName => vec![(self.scopes.as_slice(), laws::searcher())],
        }
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        match self.mode {
            Mode::Date => self.check_dates(ctx, out),
            Mode::IssuerCode => {
                for (t, c) in ctx.citations() {
                    self.check_issuer(t, c, out);
                }
            }
            Mode::TypeCode => {
                for (t, c) in ctx.citations() {
                    self.check_type(t, c, out);
                }
            }
            Mode::LawName => self.check_law_names(ctx, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_of_law_names() {
        let known = [
            KnownName::new("Luật Ban hành văn bản quy phạm pháp luật", 40),
            KnownName::new("Luật Thanh niên", 10),
            KnownName::new("Luật Tổ chức chính quyền địa phương", 30),
        ];
        assert_eq!(
            near_miss("Luật ban Ban hành văn bản quy phạm pháp luật", &known)
                .map(|k| k.name.as_str()),
            Some("Luật Ban hành văn bản quy phạm pháp luật")
        );
        assert!(near_miss("Luật Ban hành văn bản quy phạm pháp luật", &known).is_none());
        assert!(near_miss("Luật ban hành văn bản quy phạm pháp luật", &known).is_none());
        assert_eq!(
            near_miss("Luật Tổ chức chính quyền địa phuơng", &known).map(|k| k.votes),
            Some(30)
        );
        assert!(near_miss("Luật Tổ chức Chính phủ", &known).is_none());
    }
}
