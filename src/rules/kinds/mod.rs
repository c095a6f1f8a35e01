//! Rule kinds: each kind is one source file that turns a rule file's `[params]` into a check.
//!
//! Text kinds (generic, configured entirely by the rule file): `pattern`, `term`, `consistency`,
//! `capture`. Structural kinds (logic in Rust, configured by the rule file): `numbering`, `dates`,
//! `signature`, `required`, `references`, `encoding`, `lookalike`, `doubled`.

mod capture;
mod consistency;
mod dates;
mod doubled;
mod encoding;
mod lookalike;
mod numbering;
mod pattern;
mod references;
mod registry;
mod required;
mod signature;
mod term;

pub use dates::{Citation, Ymd, citation_searcher, citations, citations_of};

/// Whether a (year, month, day) is a real calendar date.
pub fn is_valid_date((y, m, d): Ymd) -> bool {
    dates::is_valid(y, m, d)
}

use regex::Regex;

use crate::document::mapped::Span;
use crate::outline::Place;

use super::context::{DocContext, Scope, ScopedText};
use super::search::Searcher;
use super::spec::{RuleError, RuleSpec, line_of_key};

/// The kinds a rule file may name.
pub const KINDS: &[&str] = &[
    "pattern",
    "term",
    "consistency",
    "capture",
    "numbering",
    "dates",
    "signature",
    "required",
    "references",
    "encoding",
    "lookalike",
    "registry",
    "doubled",
];

/// One place a check found: the engine turns it into a finding with the rule's message.
#[derive(Debug, Clone)]
pub struct Hit {
    pub span: Span,
    /// Where the hit is: block, attachment, numbered part.
    pub place: Place,
    pub excerpt: String,
    /// Values for the message's `{placeholders}` (`found` defaults to the excerpt).
    pub vars: Vec<(&'static str, String)>,
    pub suggestion: Option<String>,
}

impl Hit {
    /// A hit on the byte range `start..end` of a scoped text.
    pub fn at(t: &ScopedText, start: usize, end: usize) -> Option<Hit> {
        let span = t.text.span_of_bytes(start, end)?;
        Some(Hit {
            span,
            place: t.origin.place(),
            excerpt: t.text.as_str()[start..end].to_string(),
            vars: Vec::new(),
            suggestion: None,
        })
    }

    /// A hit on a whole scoped text.
    pub fn whole(t: &ScopedText) -> Option<Hit> {
        Hit::at(t, 0, t.text.as_str().len())
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Hit {
        self.vars.push((name, value.into()));
        self
    }

    pub fn suggest(mut self, suggestion: impl Into<String>) -> Hit {
        self.suggestion = Some(suggestion.into());
        self
    }
}

/// A compiled check.
pub trait Check: Send + Sync + std::fmt::Debug {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>);

    /// The regexes the check searches scopes with, and those scopes: the engine searches a
    /// scope for all the rules' regexes at once (see [`SearchSet`](super::search::SearchSet)).
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        Vec::new()
    }
}

/// Typed access to `[params]`, with errors that name the file and line.
pub struct Params<'a> {
    pub table: &'a toml::Table,
    pub path: &'a str,
    pub source: &'a str,
}

impl Params<'_> {
    pub fn error(&self, key: &str, message: impl Into<String>) -> RuleError {
        RuleError {
            path: self.path.to_string(),
            line: line_of_key(self.source, key),
            message: message.into(),
        }
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<&str>, RuleError> {
        match self.table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.error(key, format!("`{key}` must be a string"))),
        }
    }

    pub fn str(&self, key: &str) -> Result<&str, RuleError> {
        self.opt_str(key)?
            .ok_or_else(|| self.error("[params]", format!("missing parameter `{key}`")))
    }

    pub fn bool(&self, key: &str, default: bool) -> Result<bool, RuleError> {
        match self.table.get(key) {
            None => Ok(default),
            Some(toml::Value::Boolean(b)) => Ok(*b),
            Some(_) => Err(self.error(key, format!("`{key}` must be true or false"))),
        }
    }

    pub fn str_list(&self, key: &str) -> Result<Vec<String>, RuleError> {
        match self.table.get(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str().map(str::to_string).ok_or_else(|| {
                        self.error(key, format!("`{key}` must be a list of strings"))
                    })
                })
                .collect(),
            Some(_) => Err(self.error(key, format!("`{key}` must be a list of strings"))),
        }
    }

    pub fn regex(&self, key: &str, pattern: &str) -> Result<Regex, RuleError> {
        regex::RegexBuilder::new(pattern)
            .size_limit(1 << 22)
            .dfa_size_limit(1 << 23)
            .build()
            .map_err(|e| {
                let first = e.to_string();
                let first = first
                    .lines()
                    .last()
                    .unwrap_or("invalid regex")
                    .trim()
                    .to_string();
                self.error(key, format!("invalid regex in `{key}`: {first}"))
            })
    }

    /// A regex to search the texts of a scope with (see [`Searcher`]).
    pub fn searcher(&self, key: &str, pattern: &str) -> Result<Searcher, RuleError> {
        Ok(Searcher::new(self.regex(key, pattern)?))
    }

    pub fn scope(&self, key: &str) -> Result<Option<Scope>, RuleError> {
        match self.opt_str(key)? {
            None => Ok(None),
            Some(s) => Scope::parse(s)
                .map(Some)
                .ok_or_else(|| self.error(key, format!("unknown scope `{s}`"))),
        }
    }
}

/// Compiles the check of a rule.
pub fn compile(
    spec: &RuleSpec,
    scopes: &[Scope],
    path: &str,
    source: &str,
) -> Result<Box<dyn Check>, RuleError> {
    let params = Params {
        table: &spec.params,
        path,
        source,
    };
    let scopes = scopes.to_vec();
    Ok(match spec.kind.as_str() {
        "pattern" => Box::new(pattern::Pattern::compile(&params, scopes)?),
        "term" => Box::new(term::Term::compile(&params, scopes)?),
        "consistency" => Box::new(consistency::Consistency::compile(&params, scopes)?),
        "capture" => Box::new(capture::Capture::compile(&params)?),
        "numbering" => Box::new(numbering::Numbering::compile(&params)?),
        "dates" => Box::new(dates::Dates::compile(&params, scopes)?),
        "signature" => Box::new(signature::Signature::compile(&params)?),
        "required" => Box::new(required::Required::compile(&params)?),
        "references" => Box::new(references::References::compile(&params, scopes)?),
        "encoding" => Box::new(encoding::Encoding::compile(&params)?),
        "lookalike" => Box::new(lookalike::Lookalike::compile(&params, scopes)?),
        "registry" => Box::new(registry::RegistryCheck::compile(&params)?),
        "doubled" => Box::new(doubled::Doubled::compile(&params, scopes)?),
        other => {
            return Err(RuleError {
                path: path.to_string(),
                line: line_of_key(source, "kind"),
                message: format!("unknown kind `{other}`; known kinds: {}", KINDS.join(", ")),
            });
        }
    })
}
