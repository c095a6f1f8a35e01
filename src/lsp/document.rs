//! An open document as the editor has it: its text, kept in step with the editor's changes, and
//! the findings of its last check.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use super::line_index::{Encoding, LineIndex, Pos};
use crate::rules::Finding;

/// One open document.
#[derive(Debug)]
pub struct OpenDocument {
    pub text: String,
    pub version: i32,
    pub index: LineIndex,
    /// The path the text is checked as (its configuration is the one of this path); `None` for a
    /// document rasoat does not check (not `.txt` or `.md`).
    pub checked_as: Option<PathBuf>,
    /// The findings of the last check of `text`.
    pub findings: Vec<Finding>,
    /// The profile (of the server's workspace) of the last check.
    pub profile: Option<usize>,
}

impl OpenDocument {
    pub fn new(text: String, version: i32, checked_as: Option<PathBuf>) -> OpenDocument {
        OpenDocument {
            index: LineIndex::new(&text),
            text,
            version,
            checked_as,
            findings: Vec::new(),
            profile: None,
        }
    }

    /// Applies the editor's changes, in order (whole-text or ranged ones).
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let a = self.offset(range.start, encoding);
                    let b = self.offset(range.end, encoding);
                    self.text.replace_range(a.min(b)..a.max(b), &change.text);
                }
            }
            self.index = LineIndex::new(&self.text);
        }
        self.version = version;
    }

    /// The text as rasoat reads it (without a byte order mark: its loader drops one, so rasoat's
    /// columns on the first line start after it).
    pub fn body(&self) -> &str {
        self.text.strip_prefix('\u{feff}').unwrap_or(&self.text)
    }

    /// Bytes of `text` before [`OpenDocument::body`].
    pub fn body_start(&self) -> usize {
        self.text.len() - self.body().len()
    }

    pub fn offset(&self, pos: Position, encoding: Encoding) -> usize {
        self.index.offset(
            &self.text,
            Pos {
                line: pos.line,
                character: pos.character,
            },
            encoding,
        )
    }

    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let p = self.index.position(&self.text, offset, encoding);
        Position::new(p.line, p.character)
    }

    pub fn range(&self, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(self.position(start, encoding), self.position(end, encoding))
    }

    /// The byte range of `text` a finding covers (its end column is inclusive; an empty span
    /// is an empty range at its start).
    pub fn finding_span(&self, f: &Finding) -> (usize, usize) {
        let bom = u32::from(self.body_start() > 0);
        let at = |line: u32, column: u32| {
            let column = if line == 1 {
                column.saturating_add(bom)
            } else {
                column
            };
            self.index.offset_of_column(&self.text, line, column.max(1))
        };
        let start = at(f.line, f.column);
        let end = at(f.end_line, f.end_column.saturating_add(1));
        (start, end.max(start))
    }
}

/// Whether a document with this path (if it is a file) and language is checked: `.txt` and `.md`
/// files, and files without an extension or documents that are not files (an editor's untitled
/// buffer) in plain text or Markdown. A `.docx` is never edited as text.
pub fn is_checked(path: Option<&Path>, language_id: &str) -> bool {
    let extension = path
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("txt" | "md") => true,
        Some(_) => false,
        None => matches!(language_id, "plaintext" | "text" | "markdown"),
    }
}

/// The path of a `file:` URI (percent-decoded), or `None` for other schemes.
pub fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // The authority: empty or `localhost`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let mut bytes = Vec::with_capacity(rest.len());
    let raw = rest.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (raw[i], raw.get(i + 1).copied(), raw.get(i + 2).copied()) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                bytes.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows is `C:/x`.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if cfg!(windows) && drive.is_ascii_alphabetic() => &path[1..],
        _ => path.as_str(),
    };
    Some(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path("file:///tmp/c%C3%B4ng%20v%C4%83n.txt"),
            Some(PathBuf::from("/tmp/công văn.txt"))
        );
        assert_eq!(
            file_path("file://localhost/a.md"),
            Some(PathBuf::from("/a.md"))
        );
        assert_eq!(file_path("untitled:Untitled-1"), None);
        assert_eq!(file_path("file://host/a.md"), None);
        // A stray `%` is kept as it is.
        assert_eq!(
            file_path("file:///a%zz.txt"),
            Some(PathBuf::from("/a%zz.txt"))
        );
    }

    #[test]
    fn only_text_and_markdown_are_checked() {
        assert!(is_checked(Some(Path::new("/a/b.TXT")), "plaintext"));
        assert!(is_checked(Some(Path::new("/a/b.md")), "markdown"));
        assert!(!is_checked(Some(Path::new("/a/b.docx")), "plaintext"));
        assert!(!is_checked(Some(Path::new("/a/.rasoat.toml")), "toml"));
        assert!(is_checked(None, "markdown"));
        assert!(!is_checked(None, "rust"));
    }

    #[test]
    fn ranged_changes_and_a_byte_order_mark() {
        let mut doc = OpenDocument::new("\u{feff}Noi nhận:\n😀 x".to_string(), 1, None);
        assert_eq!(doc.body_start(), 3);
        let f = Finding {
            rule: "X".into(),
            severity: crate::rules::Severity::Error,
            document: 1,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 8,
            place: crate::outline::Place::block(crate::outline::Block::Preamble),
            message: String::new(),
            excerpt: "Noi nhận".into(),
            suggestion: None,
            fix: None,
            round: None,
        };
        let (a, b) = doc.finding_span(&f);
        assert_eq!(&doc.text[a..b], "Noi nhận");
        // Replace "x" after the emoji (UTF-16 columns 3..4 of line 1).
        doc.apply(
            vec![TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(1, 3), Position::new(1, 4))),
                range_length: None,
                text: "xã".into(),
            }],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "\u{feff}Noi nhận:\n😀 xã");
        assert_eq!(doc.version, 2);
    }
}
