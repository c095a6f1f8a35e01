//! `pattern`: a regular expression that must not occur (or, with `must_match`, must match each
//! text of the scope), with an optional replacement as suggestion.
//!
//! ```toml
//! [params]
//! pattern = '\s+([.,;:!?])'
//! replacement = '$1'      # optional: suggestion (and fix, when the rule has `fix = true`)
//! must_match = false      # true: report texts of the scope that do NOT match
//! exclude = '^\s*$'       # optional: matches whose text matches this are ignored
//! exclude_in_context = '[.,]\s+[.,]$'
//!                         # optional: matches are ignored when this matches the match's text
//!                         # with up to 24 characters before it (what precedes the match)
//! ```

use regex::Regex;

use crate::rules::context::{DocContext, Scope};
use crate::rules::search::Searcher;

use super::{Check, Hit, Params};

#[derive(Debug)]
pub struct Pattern {
    regex: Searcher,
    replacement: Option<String>,
    must_match: bool,
    exclude: Option<Regex>,
    exclude_in_context: Option<Regex>,
    scopes: Vec<Scope>,
}

/// How many characters before a match `exclude_in_context` sees.
const CONTEXT_CHARS: usize = 24;

impl Pattern {
    pub fn compile(p: &Params, scopes: Vec<Scope>) -> Result<Self, crate::rules::spec::RuleError> {
        Ok(Pattern {
            regex: p.searcher("pattern", p.str("pattern")?)?,
            replacement: p.opt_str("replacement")?.map(str::to_string),
            must_match: p.bool("must_match", false)?,
            exclude: p
                .opt_str("exclude")?
                .map(|e| p.regex("exclude", e))
                .transpose()?,
            exclude_in_context: p
                .opt_str("exclude_in_context")?
                .map(|e| p.regex("exclude_in_context", e))
                .transpose()?,
            scopes,
        })
    }
}

impl Check for Pattern {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        if self.must_match {
            return Vec::new();
        }
        vec![(&self.scopes, &self.regex)]
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let scope = ctx.scope_texts(&self.scopes);
        if self.must_match {
            for t in &scope.texts {
                let text = t.text.as_str();
                if !text.is_empty() && !self.regex.regex().is_match(text) {
                    out.extend(Hit::whole(t));
                }
            }
            return;
        }
        for t in self.regex.texts(&scope) {
            let text = t.text.as_str();
            let excluded = |m: &regex::Match| {
                self.exclude
                    .as_ref()
                    .is_some_and(|e| e.is_match(m.as_str()))
                    || self.exclude_in_context.as_ref().is_some_and(|e| {
                        let from = text[..m.start()]
                            .char_indices()
                            .rev()
                            .nth(CONTEXT_CHARS - 1)
                            .map_or(0, |(i, _)| i);
                        e.is_match(&text[from..m.end()])
                    })
            };
            // Capture groups cost a slower search: only a replacement that uses them needs it.
            if !self.replacement.as_deref().is_some_and(|r| r.contains('$')) {
                for m in self.regex.regex().find_iter(text) {
                    if excluded(&m) {
                        continue;
                    }
                    if let Some(hit) = Hit::at(t, m.start(), m.end()) {
                        out.push(match &self.replacement {
                            Some(r) => hit.suggest(r.clone()),
                            None => hit,
                        });
                    }
                }
                continue;
            }
            for caps in self.regex.regex().captures_iter(text) {
                let m = caps.get(0).expect("group 0 always matches");
                if excluded(&m) {
                    continue;
                }
                let Some(mut hit) = Hit::at(t, m.start(), m.end()) else {
                    continue;
                };
                if let Some(r) = &self.replacement {
                    let mut expanded = String::new();
                    caps.expand(r, &mut expanded);
                    hit = hit.suggest(expanded);
                }
                out.push(hit);
            }
        }
    }
}
