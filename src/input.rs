//! Reading the user's files: the only module besides `cli` that touches the file system.
//!
//! Every error names the file and the cause in one line; nothing here writes anything.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::document::legacy;
use crate::document::source::{DecodeError, Encoding, decode_owned};
use crate::docx::{self, DocxError, Revisions};
use crate::outline::{self, Document, ParsedFile};

/// Largest file read by default. Larger inputs are refused with a message rather than risking the
/// memory of a CI runner; raise it with `--max-file-size`.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Longest line (a .docx paragraph) read by default: a real paragraph is a few kilobytes, and a
/// megabyte-long line is a conversion gone wrong whose word diff would cost far more memory than
/// it is worth; raise it with `--max-line-length`.
pub const DEFAULT_MAX_LINE_LENGTH: usize = 1024 * 1024;

/// Most sections (numbered or bulleted parts) in one file by default; the longest codes have a few
/// thousand. Raise it with `--max-sections`.
pub const DEFAULT_MAX_SECTIONS: usize = 200_000;

#[derive(Debug, Error)]
pub enum InputError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: {source}")]
    Decode { path: String, source: DecodeError },
    #[error(
        "{path}: là một thư mục, không phải tệp; hãy chỉ một tệp (hoặc dùng `rasoat check THƯ_MỤC`)"
    )]
    Directory { path: String },
    #[error("{path}: không phải tệp thông thường (FIFO, socket hay thiết bị)")]
    NotRegular { path: String },
    #[error(
        "{path}: tệp dài {size} byte, quá giới hạn {limit} byte (tăng giới hạn bằng --max-file-size)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: không đọc được tệp {kind}; hãy lưu văn bản thành .docx hoặc .txt UTF-8")]
    Unsupported { path: String, kind: &'static str },
    #[error("{path}: {source}")]
    Docx { path: String, source: DocxError },
    #[error(
        "{path}: văn bản mã {encoding} ({lines} dòng); chạy lại với --convert-legacy để chuyển sang Unicode"
    )]
    Legacy {
        path: String,
        encoding: &'static str,
        lines: usize,
    },
    #[error("{arg}: {message}")]
    Git { arg: String, message: String },
    #[error(
        "{path}: {unit} {line} dài {length} byte, quá giới hạn {limit} byte (tăng giới hạn bằng --max-line-length)"
    )]
    LineTooLong {
        path: String,
        unit: &'static str,
        line: usize,
        length: usize,
        limit: usize,
    },
    #[error("{path}: không có văn bản trước đó để so sánh")]
    NoEarlierDocument { path: String },
    #[error("{path}: {count} mục, quá giới hạn {limit} (tăng giới hạn bằng --max-sections)")]
    TooManySections {
        path: String,
        count: usize,
        limit: usize,
    },
    #[error(
        "{path}: tệp dài hơn giới hạn {limit} byte khi đọc (tệp đang được ghi thêm, hay tệp đặc biệt như /proc); tăng giới hạn bằng --max-file-size"
    )]
    GrewTooLarge { path: String, limit: u64 },
    #[error(
        "{path}: không có tệp này, và số thứ tự văn bản sau `#` quá lớn để có trong {file}; viết PATH#N với N từ 1"
    )]
    IndexTooLarge { path: String, file: String },
    #[error("{path}#{index}: không có văn bản này; tệp có {count} văn bản")]
    NoSuchDocument {
        path: String,
        index: usize,
        count: usize,
    },
}

/// How files are read: limits and the choices a user makes about formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Largest file read (`--max-file-size`); a .docx may decompress to four times as much.
    pub max_file_size: u64,
    /// Which side of a .docx's tracked changes to read (`--docx-revisions`); `None` reads the
    /// accepted text and keeps the other side for comparing the two.
    pub docx_revisions: Option<Revisions>,
    /// Convert TCVN3/VNI text to Unicode (`--convert-legacy`).
    pub convert_legacy: bool,
    /// Longest line or .docx paragraph, in bytes (`--max-line-length`).
    pub max_line_length: usize,
    /// Most sections in one file (`--max-sections`).
    pub max_sections: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            docx_revisions: None,
            convert_legacy: false,
            max_line_length: DEFAULT_MAX_LINE_LENGTH,
            max_sections: DEFAULT_MAX_SECTIONS,
        }
    }
}

/// A path argument, optionally addressing one document of a multi-document file (`PATH#N`) or
/// a file as of a git revision (`REV:PATH`, with PATH relative to the current folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    pub path: PathBuf,
    pub index: Option<usize>,
    pub rev: Option<String>,
}

impl DocRef {
    /// Parses `PATH`, `PATH#N`, `REV:PATH` or `REV:PATH#N`. A path that itself exists with a `#`
    /// or `:` in its name wins.
    pub fn parse(arg: &str) -> DocRef {
        let (file, index) = match arg.rsplit_once('#') {
            Some((path, n))
                if !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
                    && !Path::new(arg).exists() =>
            {
                match n.parse::<usize>() {
                    Ok(i) => (path, Some(i)),
                    Err(_) => (arg, None),
                }
            }
            _ => (arg, None),
        };
        if !Path::new(file).exists()
            && let Some((rev, path)) = file.split_once(':')
            && !rev.is_empty()
            && !path.is_empty()
        {
            return DocRef {
                path: PathBuf::from(path),
                index,
                rev: Some(rev.to_string()),
            };
        }
        DocRef {
            path: PathBuf::from(file),
            index,
            rev: None,
        }
    }

    /// The file part as the user wrote it (`REV:PATH` or `PATH`).
    pub fn file_display(&self) -> String {
        match &self.rev {
            Some(rev) => format!("{rev}:{}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }

    pub fn display(&self) -> String {
        match self.index {
            Some(i) => format!("{}#{i}", self.file_display()),
            None => self.file_display(),
        }
    }

    /// Reads and parses the file this argument names (from the work tree or from git).
    pub fn load(&self, options: &LoadOptions) -> Result<LoadedFile, InputError> {
        match &self.rev {
            None => {
                let mut file = load(&self.path, options).map_err(|e| self.explain(e))?;
                if let Some(note) = self.shadowed_revision() {
                    file.notes.push(note);
                }
                Ok(file)
            }
            Some(rev) => {
                let shown = self.file_display();
                let bytes = git_show(rev, &self.path, &shown, options.max_file_size)?;
                load_bytes(PathBuf::from(&shown), bytes, options)
            }
        }
    }
}

impl DocRef {
    /// A missing `PATH#N` whose N is too large to be a document number (more digits than any
    /// count) is said to be that, not "no such file".
    fn explain(&self, e: InputError) -> InputError {
        let shown = self.path.display().to_string();
        if let InputError::Io { path, .. } = &e
            && self.index.is_none()
            && let Some((file, n)) = shown.rsplit_once('#')
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
            && n.parse::<usize>().is_err()
            && Path::new(file).is_file()
        {
            return InputError::IndexTooLarge {
                path: path.clone(),
                file: file.to_string(),
            };
        }
        e
    }

    /// When a file named like `REV:PATH` was read, and REV is also a revision of the git
    /// repository: says that the file was read, not the revision.
    fn shadowed_revision(&self) -> Option<String> {
        let shown = self.path.to_str()?;
        let (rev, path) = shown.split_once(':')?;
        if rev.is_empty() || path.is_empty() || rev.starts_with('.') || rev.starts_with('/') {
            return None;
        }
        let known = std::process::Command::new("git")
            .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}"))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        known.then(|| {
            format!(
                "{shown}: đọc tệp tên `{shown}` trong thư mục, không phải `{path}` ở bản `{rev}` của git (viết ./{shown} để khỏi nhắc, hoặc đổi tên tệp để đọc bản git)"
            )
        })
    }
}

/// The format a file was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Docx,
}

/// A loaded and parsed file.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub path: PathBuf,
    pub encoding: Encoding,
    pub format: Format,
    pub parsed: ParsedFile,
    /// For a .docx with tracked changes: which side this is.
    pub revisions: Option<Revisions>,
    /// For a .docx with tracked changes read without `--docx-revisions`: the text with every
    /// change rejected, so that the file alone can be reviewed as two rounds.
    pub before_changes: Option<Box<LoadedFile>>,
    /// Lines converted from TCVN3/VNI (with `--convert-legacy`).
    pub converted_lines: usize,
    /// Things the user should know about how the file was read (printed on stderr).
    pub notes: Vec<String>,
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
pub fn load(path: &Path, options: &LoadOptions) -> Result<LoadedFile, InputError> {
    let shown = path.display().to_string();
    let (file, meta) = open_regular(path, &shown)?;
    if meta.len() > options.max_file_size {
        return Err(InputError::TooLarge {
            path: shown,
            size: meta.len(),
            limit: options.max_file_size,
        });
    }
    // Refused before reading: a PDF is not read only to be refused.
    refuse_unsupported(path, &shown)?;
    let bytes = read_at_most(file, &meta, &shown, options.max_file_size)?;
    parse_bytes(path.to_path_buf(), bytes, options)
}

/// Opens `path` for reading and checks what was opened (not what the path named a moment
/// before): a regular file, not a folder, FIFO, socket or device. A FIFO is opened without
/// waiting for a writer, so that it is refused at once instead of hanging.
pub fn open_regular(
    path: &Path,
    shown: &str,
) -> Result<(std::fs::File, std::fs::Metadata), InputError> {
    let io = |e: std::io::Error| InputError::Io {
        path: shown.to_string(),
        message: describe_io(&e),
    };
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = open.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(InputError::Directory {
            path: shown.to_string(),
        });
    }
    if !meta.is_file() {
        return Err(InputError::NotRegular {
            path: shown.to_string(),
        });
    }
    Ok((file, meta))
}

/// Reads an opened file, at most `limit` bytes: one more is an error, whatever size the file
/// reported (a file that grows while it is read, a `/proc` file that reports 0 bytes).
pub fn read_at_most(
    file: std::fs::File,
    meta: &std::fs::Metadata,
    shown: &str,
    limit: u64,
) -> Result<Vec<u8>, InputError> {
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            path: shown.to_string(),
            size: meta.len(),
            limit,
        });
    }
    // The reported size is only a hint (capped: it may be wrong either way).
    let hint = meta.len().min(limit).min(DEFAULT_MAX_FILE_SIZE) as usize;
    read_stream_at_most(file, hint, shown, limit)
}

/// Reads a stream (an opened file, standard input) to its end, at most `limit` bytes: one more is
/// an error. `hint` is the room to reserve first.
pub fn read_stream_at_most(
    reader: impl std::io::Read,
    hint: usize,
    shown: &str,
    limit: u64,
) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(hint);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Io {
            path: shown.to_string(),
            message: describe_io(&e),
        })?;
    if bytes.len() as u64 > limit {
        return Err(InputError::GrewTooLarge {
            path: shown.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

/// Reads a UTF-8 file of settings (configuration, rules, baseline): opened once, checked to be
/// a regular file, read up to `limit` bytes (`--max-file-size`).
pub fn read_settings(path: &Path, limit: u64) -> Result<String, InputError> {
    let shown = path.display().to_string();
    let (file, meta) = open_regular(path, &shown)?;
    let bytes = read_at_most(file, &meta, &shown, limit)?;
    String::from_utf8(bytes).map_err(|_| InputError::Io {
        path: shown,
        message: "không phải văn bản UTF-8".to_string(),
    })
}

fn refuse_unsupported(path: &Path, shown: &str) -> Result<(), InputError> {
    let kind = match extension(path).as_deref() {
        Some("doc") => "Word cũ (.doc)",
        Some("pdf") => "PDF",
        Some("odt") => "OpenDocument (.odt)",
        Some("rtf") => "RTF",
        _ => return Ok(()),
    };
    Err(InputError::Unsupported {
        path: shown.to_string(),
        kind,
    })
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Whether rasoat reads files with this name when walking a folder.
pub fn is_document(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("txt" | "md" | "docx"))
}

/// Parses a file's bytes; `path` is what messages show.
pub fn load_bytes(
    path: PathBuf,
    bytes: Vec<u8>,
    options: &LoadOptions,
) -> Result<LoadedFile, InputError> {
    refuse_unsupported(&path, &path.display().to_string())?;
    parse_bytes(path, bytes, options)
}

/// Parses the bytes of a file whose format was accepted.
fn parse_bytes(
    path: PathBuf,
    bytes: Vec<u8>,
    options: &LoadOptions,
) -> Result<LoadedFile, InputError> {
    let shown = path.display().to_string();
    if extension(&path).as_deref() == Some("docx") {
        return load_docx(path, &bytes, options);
    }
    let (text, encoding) = decode_owned(bytes).map_err(|source| InputError::Decode {
        path: shown.clone(),
        source,
    })?;
    if let Some(found) = encoding.legacy()
        && !options.convert_legacy
    {
        return Err(InputError::Legacy {
            path: shown,
            encoding: found.name(),
            lines: text.lines().filter(|l| !l.is_ascii()).count(),
        });
    }
    let mut file = LoadedFile::unparsed(path, encoding, Format::Text, None);
    if let Some(found) = encoding.legacy() {
        file.notes.push(format!(
            "{shown}: đã đọc theo mã {} và chuyển sang Unicode",
            found.name()
        ));
    }
    // Before anything costly looks at the lines.
    check_line_lengths(&shown, &text, "dòng", options)?;
    let text = file.legacy_text(text, options.convert_legacy);
    file.parsed = outline::parse(text);
    check_sections(&shown, &file.parsed, options)?;
    Ok(file)
}

fn check_line_lengths(
    shown: &str,
    text: &str,
    unit: &'static str,
    options: &LoadOptions,
) -> Result<(), InputError> {
    if text.len() <= options.max_line_length {
        return Ok(());
    }
    match text
        .split('\n')
        .enumerate()
        .find(|(_, l)| l.len() > options.max_line_length)
    {
        Some((i, l)) => Err(InputError::LineTooLong {
            path: shown.to_string(),
            unit,
            line: i + 1,
            length: l.len(),
            limit: options.max_line_length,
        }),
        None => Ok(()),
    }
}

fn check_sections(
    shown: &str,
    parsed: &ParsedFile,
    options: &LoadOptions,
) -> Result<(), InputError> {
    let count: usize = parsed
        .documents
        .iter()
        .map(|d| d.all_sections().count())
        .sum();
    if count > options.max_sections {
        return Err(InputError::TooManySections {
            path: shown.to_string(),
            count,
            limit: options.max_sections,
        });
    }
    Ok(())
}

fn load_docx(path: PathBuf, bytes: &[u8], options: &LoadOptions) -> Result<LoadedFile, InputError> {
    let shown = path.display().to_string();
    let limit = options.max_file_size.saturating_mul(4);
    let text = docx::extract(bytes, limit).map_err(|source| InputError::Docx {
        path: shown.clone(),
        source,
    })?;
    for view in [Some(&text.new), text.old.as_ref()].into_iter().flatten() {
        check_line_lengths(&shown, &view.text, "đoạn văn", options)?;
    }
    let read_view = |view: docx::TextView, revisions: Option<Revisions>| {
        let mut file = LoadedFile::unparsed(path.clone(), Encoding::Utf8, Format::Docx, revisions);
        let text = file.legacy_text(view.text, options.convert_legacy);
        let notes: Vec<outline::notes::NoteLines> = view
            .notes
            .iter()
            .map(|n| outline::notes::NoteLines {
                mark: n.mark.clone(),
                reference_line: n.reference_line,
                first_line: n.first_line,
                last_line: n.last_line,
            })
            .collect();
        file.parsed =
            outline::notes::parse_with_notes(text, &view.paragraph_starts, view.body_lines, &notes);
        file
    };
    let file = match (options.docx_revisions, text.new, text.old) {
        (_, new, None) => read_view(new, None),
        (Some(Revisions::New), new, Some(_)) => read_view(new, Some(Revisions::New)),
        (Some(Revisions::Old), _, Some(old)) => read_view(old, Some(Revisions::Old)),
        (None, new, Some(old)) => {
            let mut new = read_view(new, Some(Revisions::New));
            let old = read_view(old, Some(Revisions::Old));
            check_sections(&shown, &old.parsed, options)?;
            new.notes.splice(0..0, old.notes.iter().cloned());
            new.before_changes = Some(Box::new(old));
            new
        }
    };
    check_sections(&shown, &file.parsed, options)?;
    Ok(file)
}

impl LoadedFile {
    /// A file read but not parsed yet.
    fn unparsed(
        path: PathBuf,
        encoding: Encoding,
        format: Format,
        revisions: Option<Revisions>,
    ) -> LoadedFile {
        LoadedFile {
            path,
            encoding,
            format,
            parsed: ParsedFile {
                lines: Default::default(),
                documents: Vec::new(),
            },
            revisions,
            before_changes: None,
            converted_lines: 0,
            notes: Vec::new(),
        }
    }

    /// Finds TCVN3/VNI lines in decoded text: converts them when asked, notes them otherwise.
    fn legacy_text(&mut self, text: String, convert: bool) -> String {
        let shown = self.path.display().to_string();
        if convert {
            let (converted, found, n) = legacy::convert(&text);
            if let Some(found) = found {
                self.converted_lines = n;
                self.notes.push(format!(
                    "{shown}: đã chuyển {n} dòng từ mã {} sang Unicode",
                    found.name()
                ));
                return converted;
            }
        } else if let Some((found, n)) = legacy::detect(&text) {
            self.notes.push(format!(
                "{shown}: {n} dòng có vẻ là văn bản mã {}; --convert-legacy chuyển chúng sang Unicode",
                found.name()
            ));
        }
        text
    }
}

/// The bytes of `path` (relative to the current folder) as of git revision `rev`.
fn git_show(rev: &str, path: &Path, shown: &str, max: u64) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let err = |message: String| InputError::Git {
        arg: shown.to_string(),
        message,
    };
    let spec = if path.is_absolute() || path.starts_with(".") || path.starts_with("..") {
        format!("{rev}:{}", path.display())
    } else {
        format!("{rev}:./{}", path.display())
    };
    // `git show` of a folder lists it; only a file (a blob) is a document.
    let kind = Command::new("git")
        .args(["cat-file", "-t", "--end-of-options", &spec])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| err(format!("không chạy được git ({})", describe_io(&e))))?;
    if !kind.status.success() {
        return Err(err(format!(
            "git: {}",
            git_error_line(&kind.stderr, "không có tệp này ở bản đó")
        )));
    }
    if kind.stdout.trim_ascii() != b"blob" {
        return Err(err(
            "không phải tệp ở bản đó (một thư mục?); hãy chỉ một tệp".to_string(),
        ));
    }
    let mut child = Command::new("git")
        .args(["show", "--no-textconv", "--end-of-options", &spec])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| err(format!("không chạy được git ({})", describe_io(&e))))?;
    let mut bytes = Vec::new();
    let stdout = child.stdout.take().expect("stdout is piped");
    let read = stdout.take(max.saturating_add(1)).read_to_end(&mut bytes);
    if bytes.len() as u64 > max {
        let _ = child.kill();
        let _ = child.wait();
        return Err(InputError::TooLarge {
            path: shown.to_string(),
            size: bytes.len() as u64,
            limit: max,
        });
    }
    let output = child
        .wait_with_output()
        .map_err(|e| err(format!("git lỗi ({e})")))?;
    read.map_err(|e| err(format!("không đọc được từ git ({e})")))?;
    if !output.status.success() {
        return Err(err(format!(
            "git: {}",
            git_error_line(&output.stderr, "git show lỗi")
        )));
    }
    Ok(bytes)
}

/// The first line of what git printed on failure, without its `fatal: ` prefix.
pub fn git_error_line(stderr: &[u8], otherwise: &str) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .map(|l| l.trim_start_matches("fatal: ").trim())
        .find(|l| !l.is_empty())
        .unwrap_or(otherwise)
        .to_string()
}

/// A short, stable description of an I/O error (without the OS error number noise).
pub fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "không có tệp này".to_string(),
        ErrorKind::PermissionDenied => "không có quyền truy cập".to_string(),
        // "Too many levels of symbolic links (os error 40)" → without the number.
        _ => {
            let s = e.to_string();
            let s = match s.find(" (os error") {
                Some(i) => &s[..i],
                None => &s,
            };
            let mut chars = s.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
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
                index: Some(3),
                rev: None,
            }
        );
        assert_eq!(
            DocRef::parse("HEAD~1:plan.docx#2"),
            DocRef {
                path: "plan.docx".into(),
                index: Some(2),
                rev: Some("HEAD~1".into()),
            }
        );
        assert_eq!(
            DocRef::parse("origin/main:a/b.md").display(),
            "origin/main:a/b.md"
        );
        assert_eq!(DocRef::parse("a/b.txt").index, None);
        assert_eq!(DocRef::parse("a/b#x.txt").index, None);
    }
}
