//! Reading the user's files: the only module besides `cli` that touches the file system.
//!
//! Every error names the file and the cause in one line; nothing here writes anything.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::document::source::{DecodeError, Encoding, decode};
use crate::outline::{self, Document, ParsedFile};

/// Largest file read by default. Larger inputs are refused with a message rather than risking the
/// memory of a CI runner; raise it with `--max-file-size`.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum InputError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: {source}")]
    Decode { path: String, source: DecodeError },
    #[error("{path}: is a directory; give a file (or use `rasoat check DIR`)")]
    Directory { path: String },
    #[error("{path}: not a regular file (FIFO, socket or device)")]
    NotRegular { path: String },
    #[error(
        "{path}: file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: {kind} files are not supported; save the document as .docx or UTF-8 .txt")]
    Unsupported { path: String, kind: &'static str },
    #[error("{path}: .docx is not supported yet; save the document as UTF-8 .txt")]
    Docx { path: String },
    #[error("{path}#{index}: no such document; the file holds {count} document(s)")]
    NoSuchDocument {
        path: String,
        index: usize,
        count: usize,
    },
}

/// A path argument, optionally addressing one document of a multi-document file: `PATH#N`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    pub path: PathBuf,
    pub index: Option<usize>,
}

impl DocRef {
    /// Parses `PATH` or `PATH#N`. A path that itself exists with a `#` in its name wins.
    pub fn parse(arg: &str) -> DocRef {
        if let Some((path, n)) = arg.rsplit_once('#')
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
            && !Path::new(arg).exists()
            && let Ok(index) = n.parse::<usize>()
        {
            return DocRef {
                path: PathBuf::from(path),
                index: Some(index),
            };
        }
        DocRef {
            path: PathBuf::from(arg),
            index: None,
        }
    }

    pub fn display(&self) -> String {
        match self.index {
            Some(i) => format!("{}#{i}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

/// A loaded and parsed file.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub path: PathBuf,
    pub encoding: Encoding,
    pub parsed: ParsedFile,
}

impl LoadedFile {
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }

    /// The documents addressed by `index` (all when `None`).
    pub fn select(&self, index: Option<usize>) -> Result<Vec<&Document>, InputError> {
        match index {
            None => Ok(self.parsed.documents.iter().collect()),
            Some(i) => self
                .parsed
                .documents
                .get(i.wrapping_sub(1))
                .map(|d| vec![d])
                .ok_or_else(|| InputError::NoSuchDocument {
                    path: self.display(),
                    index: i,
                    count: self.parsed.documents.len(),
                }),
        }
    }

    /// Exactly one document: the addressed one, or the only one.
    pub fn document(&self, index: Option<usize>) -> Result<&Document, InputError> {
        let docs = self.select(index)?;
        Ok(docs[docs.len() - 1])
    }
}

/// Reads and parses a file.
pub fn load(path: &Path, max_size: u64) -> Result<LoadedFile, InputError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| InputError::Io {
        path: shown.clone(),
        message: describe_io(&e),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(InputError::Directory { path: shown });
    }
    if !meta.is_file() {
        return Err(InputError::NotRegular { path: shown });
    }
    if meta.len() > max_size {
        return Err(InputError::TooLarge {
            path: shown,
            size: meta.len(),
            limit: max_size,
        });
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("docx") => return Err(InputError::Docx { path: shown }),
        Some("doc") => {
            return Err(InputError::Unsupported {
                path: shown,
                kind: "old binary Word (.doc)",
            });
        }
        Some("pdf") => {
            return Err(InputError::Unsupported {
                path: shown,
                kind: "PDF",
            });
        }
        _ => {}
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let (text, encoding) = decode(&bytes).map_err(|source| InputError::Decode {
        path: shown.clone(),
        source,
    })?;
    Ok(LoadedFile {
        path: path.to_path_buf(),
        encoding,
        parsed: outline::parse(&text),
    })
}

/// A short, stable description of an I/O error (without the OS error number noise).
fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ref_parsing() {
        assert_eq!(
            DocRef::parse("a/b.txt#3"),
            DocRef {
                path: "a/b.txt".into(),
                index: Some(3)
            }
        );
        assert_eq!(DocRef::parse("a/b.txt").index, None);
        assert_eq!(DocRef::parse("a/b#x.txt").index, None);
    }
}
