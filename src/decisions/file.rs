//! The review file (`NEW.rasoat-review.json`): its format, reading and writing as text. The
//! format is a contract documented in README ("The review file"): fields are added, never
//! renamed; `version` goes up only when an old reader would misread a new file.

use serde::{Deserialize, Serialize};

use super::Decision;

/// `format` of every review file: a JSON file without it is someone else's.
pub const FORMAT: &str = "rasoat-review";

/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;

/// A review file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewFile {
    /// Always [`FORMAT`].
    pub format: String,
    pub version: u32,
    /// The old and new files as given (`plan-v1.docx`, `HEAD~1:plan.docx`), for a reader.
    pub old: String,
    pub new: String,
    /// The documents compared (1-based, as `PATH#N`).
    pub old_document: usize,
    pub new_document: usize,
    pub decisions: Vec<Decision>,
}

impl ReviewFile {
    /// An empty review of `old` against `new`.
    pub fn new(old: &str, old_document: usize, new: &str, new_document: usize) -> ReviewFile {
        ReviewFile {
            format: FORMAT.to_string(),
            version: VERSION,
            old: old.to_string(),
            new: new.to_string(),
            old_document,
            new_document,
            decisions: Vec::new(),
        }
    }

    /// The file's text: pretty JSON ending with a newline (diffs well in git).
    pub fn render(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a review file serialises");
        text.push('\n');
        text
    }

    /// Reads a review file's text. A file that is not JSON, is JSON of another tool, or comes
    /// from a newer rasoat is refused with the reason (the caller leaves it untouched).
    pub fn parse(text: &str) -> Result<ReviewFile, FileError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| FileError::NotJson(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(FileError::Foreign);
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version > u64::from(VERSION) {
            return Err(FileError::Newer(version));
        }
        serde_json::from_value(value).map_err(|e| FileError::Malformed(e.to_string()))
    }
}

/// Why a review file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("không phải JSON hợp lệ ({0})")]
    NotJson(String),
    #[error("không phải tệp rà soát của rasoat (thiếu \"format\": \"rasoat-review\")")]
    Foreign,
    #[error("do bản rasoat mới hơn ghi (phiên bản {0}); hãy cập nhật rasoat")]
    Newer(u64),
    #[error("sai cấu trúc ({0})")]
    Malformed(String),
}
