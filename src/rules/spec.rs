//! The rule file format: one rule per TOML file under `rules/<pack>/<ID>.toml`.
//!
//! ```toml
//! id = "SPELL-NOI-NHAN"
//! pack = "spelling"
//! severity = "error"            # error | warning | info
//! kind = "term"                 # see `kinds`
//! applies_to = "any"            # optional: administrative (default) | state | any
//! opt_in = true                 # optional: runs only when named (`--enable` / `--extend-enable`)
//! scope = ["all"]               # optional; see `Scope`
//! message = "Viết đúng: \"{expected}\" (đang viết \"{found}\")."
//! doc = """Kiểm tra gì: …  Vì sao quan trọng: …  Căn cứ: (the legal source)."""
//!
//! [params]                      # kind-specific
//! terms = [{ wrong = ["Noi nhận"], right = "Nơi nhận" }]
//!
//! [examples]                    # run by the test suite
//! bad = ["Noi nhận:\n- Lưu: VT."]
//! good = ["Nơi nhận:\n- Lưu: VT."]
//! ```

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The word reviewers read: lỗi, cảnh báo, thông tin.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Severity::Info => "thông tin",
            Severity::Warning => "cảnh báo",
            Severity::Error => "lỗi",
        }
    }
}

/// The texts a rule checks (see [`crate::outline::Document::is_administrative`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppliesTo {
    /// Administrative documents: texts with a thể thức (Quốc hiệu, Số, type line, Nơi nhận).
    #[default]
    Administrative,
    /// Administrative documents of state bodies: not those of the Đảng, whose thể thức follows
    /// Hướng dẫn 36-HD/VPTW (`Số 1147-QĐ/BTGDVTW`, recipients ending with `,`, `K/T`, no Quốc
    /// hiệu), for rules on forms that Nghị định 30 alone prescribes.
    State,
    /// Administrative documents that Nghị định 30 governs in full: those of [`State`] bodies
    /// other than the Quốc hội and its Ủy ban Thường vụ, whose laws and resolutions close with
    /// the adoption formula and end their bases with a comma (see
    /// [`crate::outline::Document::is_assembly`]).
    ///
    /// [`State`]: AppliesTo::State
    Executive,
    /// Any text, an article or notes as well as a document.
    Any,
}

impl AppliesTo {
    pub fn as_str(self) -> &'static str {
        match self {
            AppliesTo::Administrative => "administrative",
            AppliesTo::State => "state",
            AppliesTo::Executive => "executive",
            AppliesTo::Any => "any",
        }
    }
}

/// An example text for a rule. A plain string is a document; a table may add the previous round
/// for rules that compare two rounds.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    Round { text: String, against: String },
}

impl Example {
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) | Example::Round { text: t, .. } => t,
        }
    }
    pub fn against(&self) -> Option<&str> {
        match self {
            Example::Text(_) => None,
            Example::Round { against, .. } => Some(against),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub bad: Vec<Example>,
    #[serde(default)]
    pub good: Vec<Example>,
}

/// A rule file as written.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub pack: String,
    pub severity: Severity,
    pub kind: String,
    #[serde(default)]
    pub scope: Vec<String>,
    pub message: String,
    pub doc: String,
    /// Precision measured on the judged real documents, as reviewers read it
    /// (`"1,00 — 14 đúng, 0 sai (120 văn bản đã chấm)"`).
    #[serde(default)]
    pub precision: Option<String>,
    /// Which texts the rule checks: administrative documents only (the default: rules on the
    /// thể thức, structure and references of a document) or any text (typing, spelling and
    /// dates, which are as wrong in an article as in a decision).
    #[serde(default)]
    pub applies_to: AppliesTo,
    /// The rule runs only when named by its id (`--enable`, `--extend-enable`, or the same keys
    /// of `.rasoat.toml`): its measured precision is too low for every run, but a reviewer who
    /// wants the check on their own drafts can have it. The doc says why.
    #[serde(default)]
    pub opt_in: bool,
    /// Suggestions of this rule may be applied by `--fix`.
    #[serde(default)]
    pub fix: bool,
    #[serde(default)]
    pub params: toml::Table,
    #[serde(default)]
    pub examples: Examples,
}

/// An error in a rule file, with the line it is about.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{path}:{line}: {message}")]
pub struct RuleError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// Line (1-based) of the first line of `source` that sets `key`, or 1.
pub fn line_of_key(source: &str, key: &str) -> usize {
    source
        .lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with(key) && t[key.len()..].trim_start().starts_with(['=', ']'])
        })
        .map_or(1, |i| i + 1)
}

/// The line a TOML error is about: the line of an unknown or duplicate key when the message names
/// one, else the start of the error's span.
pub fn error_line(source: &str, e: &toml::de::Error) -> usize {
    let message = e.message();
    if let Some(key) = message.split('`').nth(1)
        && (message.contains("unknown field") || message.contains("duplicate"))
    {
        let line = line_of_key(source, key);
        if line > 1 || source.trim_start().starts_with(key) {
            return line;
        }
    }
    e.span().map_or(1, |s| {
        source[..s.start.min(source.len())].lines().count().max(1)
    })
}

/// Parses a rule file. `path` is only used in errors.
pub fn parse_rule(path: &str, source: &str) -> Result<RuleSpec, RuleError> {
    let spec: RuleSpec = toml::from_str(source).map_err(|e| RuleError {
        path: path.to_string(),
        line: e.span().map_or(1, |s| {
            source[..s.start.min(source.len())].lines().count().max(1)
        }),
        message: e.message().trim().to_string(),
    })?;
    let stem = std::path::Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if !stem.is_empty() && stem != spec.id {
        return Err(RuleError {
            path: path.to_string(),
            line: line_of_key(source, "id"),
            message: format!("rule id `{}` must match the file name `{stem}`", spec.id),
        });
    }
    if !spec
        .id
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(RuleError {
            path: path.to_string(),
            line: line_of_key(source, "id"),
            message: format!(
                "rule id `{}` must be upper-case ASCII, digits and `-`",
                spec.id
            ),
        });
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_the_line() {
        let e = parse_rule(
            "rules/x/A.toml",
            "id = \"A\"\npack = \"x\"\nseverity = \"fatal\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.to_string().starts_with("rules/x/A.toml:3: "), "{e}");
        let e = parse_rule(
            "rules/x/B.toml",
            "id = \"A\"\npack = \"x\"\nseverity = \"info\"\nkind = \"pattern\"\nmessage = \"m\"\ndoc = \"d\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("must match the file name"));
    }
}
