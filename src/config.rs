//! `.rasoat.toml`: which rules and packs run, their severities, extra rule folders, and settings
//! per path glob. Parsing is pure; finding and reading the file is the CLI's job.
//!
//! ```toml
//! [rules]
//! disable = ["TYPO-DOUBLE-SPACE", "typography"]   # rule ids or pack names
//! enable = []                                     # if not empty, only these run
//! extend-enable = ["ND30-REQUIRED-BLOCKS"]         # add rules (opt-in ones too) to those that run
//! folders = ["quy-tac-rieng"]                     # extra rule folders, relative to this file
//!
//! [rules.severity]
//! ND30-LUU-DOT = "warning"
//!
//! registry = "so-van-ban.tsv"                   # a registry of documents, relative to this file
//! exclude = ["du-thao-cu/**", "*.bak.txt"]        # files and folders not checked, relative to it
//!
//! [[overrides]]
//! paths = ["du-thao/**"]
//! disable = ["ND30-DRAFT-BLANKS"]
//! ```

use std::collections::BTreeMap;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use thiserror::Error;

use crate::rules::spec::error_line;
use crate::rules::{Finding, Rule, Severity};

#[derive(Debug, Error)]
#[error("{path}:{line}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default, rename = "extend-enable")]
    extend_enable: Vec<String>,
    #[serde(default)]
    folders: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// A registry file of one's own (`rasoat registry build`), relative to this file.
    #[serde(default)]
    registry: Option<String>,
    /// Globs of files and folders not checked, relative to this file's folder.
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Debug, Clone)]
struct Override {
    globs: GlobSet,
    disable: Vec<String>,
}

/// A parsed configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub disable: Vec<String>,
    /// If not empty, only these rules and packs run.
    pub enable: Vec<String>,
    /// Rules and packs added to those that run (as ruff's `extend-select`).
    pub extend_enable: Vec<String>,
    /// Extra rule folders, as written (relative to the configuration file).
    pub folders: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    /// A registry file of documents (`registry = "so-van-ban.tsv"`), as written (relative to
    /// the configuration file).
    pub registry: Option<String>,
    /// The `exclude` globs, as written.
    pub exclude: Vec<String>,
    exclude_globs: GlobSet,
    overrides: Vec<Override>,
}

fn names(rule: &Rule) -> [&str; 2] {
    [rule.spec.id.as_str(), rule.spec.pack.as_str()]
}

impl Config {
    pub fn parse(path: &str, source: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(source).map_err(|e| ConfigError {
            path: path.to_string(),
            line: error_line(source, &e),
            message: e.message().trim().to_string(),
        })?;
        let globs = |patterns: &[String]| -> Result<GlobSet, ConfigError> {
            let mut builder = GlobSetBuilder::new();
            for p in patterns {
                builder.add(Glob::new(p).map_err(|e| {
                    ConfigError {
                        path: path.to_string(),
                        line: source
                            .lines()
                            .position(|l| l.contains(p.as_str()))
                            .map_or(1, |i| i + 1),
                        message: format!("invalid glob `{p}`: {e}"),
                    }
                })?);
            }
            builder.build().map_err(|e| ConfigError {
                path: path.to_string(),
                line: 1,
                message: e.to_string(),
            })
        };
        let mut overrides = Vec::new();
        for o in raw.overrides {
            overrides.push(Override {
                globs: globs(&o.paths)?,
                disable: o.disable,
            });
        }
        let exclude_globs = globs(&raw.exclude)?;
        Ok(Config {
            disable: raw.rules.disable,
            enable: raw.rules.enable,
            extend_enable: raw.rules.extend_enable,
            folders: raw.rules.folders,
            severity: raw.rules.severity,
            registry: raw.registry,
            exclude: raw.exclude,
            exclude_globs,
            overrides,
        })
    }

    /// Whether `exclude` names this file or folder (`path` relative to the configuration file's
    /// folder, with `/` separators). Folders above it are asked separately, by the caller.
    pub fn excludes(&self, path: &str) -> bool {
        !path.is_empty() && self.exclude_globs.is_match(path)
    }

    /// Whether a rule runs at all. An opt-in rule runs only when its id is named in `enable`
    /// or `extend-enable` (naming its pack is not enough: a pack is enabled for its usual rules).
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        let n = names(rule);
        let named = |list: &[String]| list.iter().any(|e| n.contains(&e.as_str()));
        if rule.spec.opt_in
            && !self
                .enable
                .iter()
                .chain(&self.extend_enable)
                .any(|e| *e == rule.spec.id)
        {
            return false;
        }
        if !self.enable.is_empty() && !named(&self.enable) && !named(&self.extend_enable) {
            return false;
        }
        !named(&self.disable)
    }

    /// The rule ids and pack names this configuration names that `rules` does not know, each
    /// with the known name closest to it when one is close enough to be a typo.
    pub fn unknown_names(&self, rules: &crate::rules::RuleSet) -> Vec<(String, Option<String>)> {
        let known: Vec<&str> = rules
            .rules()
            .iter()
            .flat_map(|r| [r.spec.id.as_str(), r.spec.pack.as_str()])
            .collect();
        let named = self
            .enable
            .iter()
            .chain(&self.extend_enable)
            .chain(&self.disable)
            .chain(self.severity.keys())
            .chain(self.overrides.iter().flat_map(|o| &o.disable));
        let mut unknown: Vec<(String, Option<String>)> = Vec::new();
        for name in named {
            if known.contains(&name.as_str()) || unknown.iter().any(|(u, _)| u == name) {
                continue;
            }
            let closest = known
                .iter()
                .map(|k| {
                    (
                        strsim::jaro_winkler(&name.to_uppercase(), &k.to_uppercase()),
                        *k,
                    )
                })
                .filter(|(score, _)| *score > 0.85)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, k)| k.to_string());
            unknown.push((name.clone(), closest));
        }
        unknown
    }

    /// Applies per-path overrides and severities to the findings of one file (`path` relative to
    /// the configuration file's folder, with `/` separators).
    pub fn apply(&self, path: &str, findings: &mut Vec<Finding>, rules: &crate::rules::RuleSet) {
        for o in self.overrides.iter().filter(|o| o.globs.is_match(path)) {
            findings.retain(|f| {
                let pack = rules.get(&f.rule).map_or("", |r| r.spec.pack.as_str());
                !o.disable.iter().any(|d| *d == f.rule || *d == pack)
            });
        }
        for f in findings.iter_mut() {
            if let Some(s) = self.severity.get(&f.rule) {
                f.severity = *s;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
        let e = Config::parse(
            ".rasoat.toml",
            "[rules]\ndisable = [\"A\"]\nfrobnicate = 1\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let c = Config::parse(
            ".rasoat.toml",
            "[rules]\ndisable = [\"typography\"]\n[rules.severity]\nND30-LUU-DOT = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(c.severity["ND30-LUU-DOT"], Severity::Warning);
    }

    #[test]
    fn exclude_globs_match_relative_paths() {
        let c = Config::parse(
            ".rasoat.toml",
            "exclude = [\"du-thao/**\", \"*.bak.txt\", \"cu\"]\n",
        )
        .unwrap();
        assert!(c.excludes("du-thao/a.txt"));
        assert!(c.excludes("du-thao/sub/b.md"));
        assert!(c.excludes("x/y.bak.txt"));
        assert!(c.excludes("cu"));
        assert!(
            !c.excludes("cu/a.txt"),
            "a folder's files are excluded through the folder"
        );
        assert!(!c.excludes("ke-hoach.txt"));
        let e = Config::parse(".rasoat.toml", "\nexclude = [\"a/[\"]\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
