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

impl Finding {
    /// The numbering path or block name of the place (`III.3`, `Căn cứ`, `PL1/Điều 2`): the
    /// `section` of the JSON reports.
    pub fn section(&self) -> String {
        self.place.path()
    }
}
