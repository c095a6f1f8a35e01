//! What a rule reports.

use serde::Serialize;

use crate::outline::Place;

use super::spec::Severity;

/// A replacement of the finding's span that `--fix` may apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub replacement: String,
}

/// Which round a finding belongs to when two rounds are checked (`--against`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Round {
    /// Only in the new round: introduced by it.
    New,
    /// In both rounds.
    Old,
    /// Only in the old round: fixed by the new one.
    Fixed,
}

/// One finding. Lines are 1-based in the original file, columns 1-based in Unicode characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub document: usize,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// Where the finding is: the section (`III.3`) or block (`Nơi nhận`), with its attachment.
    pub place: Place,
    pub message: String,
    /// The text the finding is about.
    pub excerpt: String,
    pub suggestion: Option<String>,
    pub fix: Option<Fix>,
    pub round: Option<Round>,
}

/// What makes two findings "the same finding" from one run to the next, whatever moved around
/// them: the rule, the place (numbering path or block) and the text matched; never the line, so
/// that a paragraph inserted above a finding does not make it new. The baseline (with the file's
/// path), SARIF's partial fingerprints and the comparison of rounds all key findings on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FindingKey {
    pub rule: String,
    pub section: String,
    pub excerpt: String,
}

impl FindingKey {
    /// A short stable hash of the key and the file's path (FNV-1a, 16 hex digits): SARIF's
    /// partial fingerprint.
    pub fn fingerprint(&self, path: &str) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [
            self.rule.as_str(),
            path,
            self.section.as_str(),
            self.excerpt.as_str(),
        ] {
            for b in part.bytes().chain(std::iter::once(0)) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}

impl Finding {
    /// The key of "the same finding" (see [`FindingKey`]).
    pub fn key(&self) -> FindingKey {
        FindingKey {
            rule: self.rule.clone(),
            section: self.section(),
            excerpt: self.excerpt.clone(),
        }
    }

    /// The [`FindingKey`] without its place, as two rounds are matched: across rounds the parts
    /// of a document are renumbered (a section inserted before makes `II` into `III`), so rule
    /// and matched text alone say that a finding was already there.
    pub fn key_across_rounds(&self) -> (&str, &str) {
        (&self.rule, &self.excerpt)
    }

    /// The numbering path or block name of the place (`III.3`, `Căn cứ`, `PL1/Điều 2`): the
    /// `section` of the JSON reports.
    pub fn section(&self) -> String {
        self.place.path()
    }
}
