//! `rasoat check`: files and folders, every document, the rule packs, reports for people and CI.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use crate::input::{self, DocRef, InputError, LoadedFile};
use crate::report::check::{Located, Summary};
use crate::report::emit::{
    ConciseFindings, FindingsEmitter, FindingsReport, GithubFindings, GitlabFindings, JsonFindings,
    JunitFindings, SarifFindings, StatisticsFindings, TextFindings,
};
use crate::rules::rounds::RoundDoc;
use crate::rules::{Finding, Round, Severity};
use crate::workspace::{Profile, Workspace, WorkspaceError};

use super::{ColorChoice, CommonInput, EXIT_ERROR, EXIT_FOUND, EXIT_OK, RuleArgs, RunError};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and folders to check (folders recursively, honouring .gitignore and .rasoatignore;
    /// .txt, .md and .docx; default: the current folder). PATH#N checks one document of a file;
    /// REV:PATH a file as of a git revision; `-` standard input (see --stdin-filename).
    #[arg(value_name = "PATH[#N]")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Compare with the previous round: findings are labelled new, old or fixed, and checks across
    /// rounds run. Needs exactly one PATH.
    #[arg(long, value_name = "OLD[#N]", conflicts_with = "changed_since")]
    pub against: Option<String>,
    /// Check only the documents changed since git revision REV (compared with the merge base of
    /// REV and HEAD, work tree included), under the given PATHs.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// With --changed-since: compare each changed document with its version at the base, as
    /// --against does (documents added since then are checked alone).
    #[arg(long, requires = "changed_since")]
    pub against_base: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and report nothing).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Write the report to FILE instead of standard output (atomically; never over a file the
    /// run reads).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// The file name standard input (`-`) stands for: shown in findings, and deciding its format
    /// (.md, .txt), its .rasoat.toml and, with --force-exclude, whether it is checked. Given
    /// without PATH, standard input is read.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Print the files that would be checked (after ignore files and --force-exclude), one a
    /// line, and check nothing.
    #[arg(long)]
    pub show_files: bool,
    /// Print each file that would be checked with the configuration it takes (the nearest
    /// .rasoat.toml, or --config), a tab between, and check nothing.
    #[arg(long)]
    pub show_config: bool,
    /// Print only the findings (and errors): no summary line, no notes on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print how many findings each rule has (most first) instead of the findings, in the text
    /// and concise formats.
    #[arg(long)]
    pub statistics: bool,
    /// Leave out files named on the command line (or by --changed-since) that .rasoatignore,
    /// .gitignore or .ignore exclude, as folders are walked (for pre-commit hooks and editors).
    #[arg(long)]
    pub force_exclude: bool,
    /// Apply the suggestions of rules marked safe to fix, writing files atomically.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print the changes as a diff instead of writing.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
    /// With --fix: do not keep the original as FILE.orig.
    #[arg(long, requires = "fix")]
    pub no_backup: bool,
    /// When to colour the text format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub input: CommonInput,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    /// One line per finding: `tệp:dòng:cột: lỗi RULE thông điệp`.
    Concise,
    Json,
    Sarif,
    Github,
    /// GitLab's Code Quality report (JSON).
    Gitlab,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
}

impl CheckFormat {
    /// The emitter of this format: the one place a format of findings is chosen.
    pub fn emitter(self, statistics: bool, quiet: bool, color: bool) -> Box<dyn FindingsEmitter> {
        match self {
            CheckFormat::Text | CheckFormat::Concise if statistics => {
                Box::new(StatisticsFindings { quiet })
            }
            CheckFormat::Text => Box::new(TextFindings { color, quiet }),
            CheckFormat::Concise => Box::new(ConciseFindings { quiet }),
            CheckFormat::Json => Box::new(JsonFindings),
            CheckFormat::Sarif => Box::new(SarifFindings),
            CheckFormat::Github => Box::new(GithubFindings),
            CheckFormat::Gitlab => Box::new(GitlabFindings),
            CheckFormat::Junit => Box::new(JunitFindings),
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Info => true,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Error => s == Severity::Error,
        }
    }
}

/// A file to check, the document addressed in it if any, and the previous round to compare it
/// with (`--against`, `--against-base`).
#[derive(Debug, Clone)]
struct Target {
    doc: DocRef,
    against: Option<DocRef>,
    /// The bytes read from standard input (`-`), checked as `doc.path` would be.
    stdin: Option<std::sync::Arc<Vec<u8>>>,
    /// The folder named on the command line whose walk found this file (`None`: named itself).
    walked_from: Option<PathBuf>,
}

impl Target {
    fn new(doc: DocRef) -> Target {
        Target {
            doc,
            against: None,
            stdin: None,
            walked_from: None,
        }
    }

    fn load(&self, options: &input::LoadOptions) -> Result<LoadedFile, InputError> {
        match &self.stdin {
            Some(bytes) => input::load_bytes(self.doc.path.clone(), bytes.to_vec(), options),
            None => self.doc.load(options),
        }
    }
}

/// The name standard input is shown and configured as: `--stdin-filename`, else `-`.
fn stdin_name(args: &CheckArgs) -> PathBuf {
    args.stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("-"))
}

/// Reads standard input, at most `limit` bytes.
fn read_stdin(shown: &str, limit: u64) -> Result<Vec<u8>, InputError> {
    input::read_stream_at_most(io::stdin().lock(), 0, shown, limit)
}

/// Expands arguments into files: folders are walked (honouring .gitignore and hidden files).
fn targets(paths: &[String], errors: &mut Vec<String>) -> Vec<Target> {
    let mut out = Vec::new();
    for arg in paths {
        let r = DocRef::parse(arg);
        if r.index.is_none() && r.rev.is_none() && r.path.is_dir() {
            let walker = ignore::WalkBuilder::new(&r.path)
                .require_git(false)
                .add_custom_ignore_filename(".rasoatignore")
                .follow_links(false)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                match entry {
                    Ok(e)
                        if e.file_type().is_some_and(|t| t.is_file())
                            && input::is_document(e.path()) =>
                    {
                        let mut t = Target::new(DocRef {
                            path: e.path().to_path_buf(),
                            index: None,
                            rev: None,
                        });
                        t.walked_from = Some(r.path.clone());
                        out.push(t);
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(format!("rasoat: {}", describe_walk_error(&e))),
                }
            }
        } else {
            out.push(Target::new(r));
        }
    }
    out
}

/// Whether the ignore files of a path's folders (`.gitignore`, `.ignore`, `.rasoatignore`, as
/// the folder walk reads them) exclude it. The deepest folder with a matching pattern decides
/// (a `!pattern` there brings a file back). Matchers are built once per folder.
struct Excluder {
    by_folder: HashMap<PathBuf, Option<ignore::gitignore::Gitignore>>,
}

impl Excluder {
    fn new() -> Excluder {
        Excluder {
            by_folder: HashMap::new(),
        }
    }

    fn excludes(&mut self, path: &Path) -> bool {
        let Ok(abs) = std::path::absolute(path) else {
            return false;
        };
        // `a/./b` and `a/../b` as the folders they name.
        let abs: PathBuf = abs.components().fold(PathBuf::new(), |mut p, c| {
            match c {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    p.pop();
                }
                other => p.push(other),
            }
            p
        });
        // As the walk does: an excluded folder is not entered, whatever is below it.
        let folders: Vec<PathBuf> = abs.ancestors().skip(1).map(Path::to_path_buf).collect();
        folders
            .iter()
            .rev()
            .any(|folder| self.decides(folder, true) == Some(true))
            || self.decides(&abs, false) == Some(true)
    }

    /// Whether the ignore files above `path` exclude it (`Some(true)`), bring it back
    /// (`Some(false)`) or say nothing; the deepest folder with a matching pattern decides.
    fn decides(&mut self, path: &Path, is_dir: bool) -> Option<bool> {
        for dir in path.ancestors().skip(1) {
            let matcher = self.by_folder.entry(dir.to_path_buf()).or_insert_with(|| {
                let mut builder = ignore::gitignore::GitignoreBuilder::new(dir);
                let mut any = false;
                for name in [".gitignore", ".ignore", ".rasoatignore"] {
                    let file = dir.join(name);
                    if file.is_file() {
                        any = true;
                        // A bad line is skipped, as the walk does.
                        let _ = builder.add(&file);
                    }
                }
                any.then(|| builder.build().ok()).flatten()
            });
            if let Some(m) = matcher {
                match m.matched(path, is_dir) {
                    ignore::Match::Ignore(_) => return Some(true),
                    ignore::Match::Whitelist(_) => return Some(false),
                    ignore::Match::None => {}
                }
            }
        }
        None
    }
}

/// One line for an error met while walking a folder: `PATH: cause`.
fn describe_walk_error(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { path, err } => match err.as_ref() {
            ignore::Error::Io(io) => format!("{}: {}", path.display(), input::describe_io(io)),
            other => format!("{}: {}", path.display(), describe_walk_error(other)),
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe_walk_error(err)
        }
        ignore::Error::Loop { child, .. } => {
            format!(
                "{}: liên kết tượng trưng tạo vòng lặp; không đi theo",
                child.display()
            )
        }
        ignore::Error::Io(io) => input::describe_io(io),
        other => other.to_string(),
    }
}

/// Runs git with `args`; its standard output, or its first error line.
fn git(args: &[&str]) -> Result<String, RunError> {
    let output = std::process::Command::new("git")
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| RunError::Usage(format!("--changed-since cần git: {e}")))?;
    if !output.status.success() {
        return Err(RunError::Usage(format!(
            "git {}: {}",
            args[0],
            input::git_error_line(&output.stderr, "git lỗi")
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The documents changed since `rev` under `paths`: added, copied, modified or renamed, between
/// the merge base of `rev` and HEAD and the work tree. With `against_base`, each is paired with
/// its version at the base when it existed there.
fn changed_targets(
    rev: &str,
    paths: &[String],
    against_base: bool,
) -> Result<Vec<Target>, RunError> {
    // A revision starting with `-` is a revision, never an option of git's.
    let base = git(&["merge-base", "--end-of-options", rev, "HEAD"])?
        .trim()
        .to_string();
    // Shown in findings of the base version (`a1b2c3d:docs/plan.md`).
    let base = git(&["rev-parse", "--short", "--end-of-options", &base])?
        .trim()
        .to_string();
    let mut args = vec![
        "diff",
        "--name-only",
        "--relative",
        "--no-renames",
        "--diff-filter=ACMR",
        "-z",
        "--end-of-options",
        &base,
        "--",
    ];
    args.extend(paths.iter().map(String::as_str));
    let names = git(&args)?;
    let mut out = Vec::new();
    for name in names.split('\0').filter(|n| !n.is_empty()) {
        let path = PathBuf::from(name);
        if !input::is_document(&path) || !path.is_file() {
            continue;
        }
        let mut target = Target::new(DocRef {
            path: path.clone(),
            index: None,
            rev: None,
        });
        if against_base
            && git(&[
                "cat-file",
                "-e",
                "--end-of-options",
                &format!("{base}:./{name}"),
            ])
            .is_ok()
        {
            target.against = Some(DocRef {
                path,
                index: None,
                rev: Some(base.clone()),
            });
        }
        out.push(target);
    }
    out.sort_by(|a, b| a.doc.path.cmp(&b.doc.path));
    Ok(out)
}

/// The profiles of a run and, for each target, the index of its profile: one profile per
/// configuration file in use (one only with `--config` or `--no-config`).
fn profiles(
    workspace: &mut Workspace,
    targets: &[Target],
) -> Result<(Vec<Profile>, Vec<usize>), RunError> {
    let usage = |e: WorkspaceError| RunError::Usage(e.to_string());
    let mut of_target = Vec::with_capacity(targets.len());
    for t in targets {
        of_target.push(workspace.profile_index(&t.doc.path).map_err(usage)?);
    }
    if targets.is_empty() {
        // No file to check: the configuration of the current folder still decides whether the
        // flags name known rules.
        workspace.profile_index(Path::new(".")).map_err(usage)?;
    }
    Ok((workspace.profiles().to_vec(), of_target))
}

/// Baseline entries: findings keyed on rule, path, section and matched text (not lines).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, Hash, Clone)]
struct BaselineEntry {
    rule: String,
    path: String,
    section: String,
    excerpt: String,
}

/// The version of the baseline format this rasoat writes and reads.
const BASELINE_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Baseline {
    version: u32,
    findings: Vec<BaselineEntry>,
}

/// A path as a baseline keys it, whichever way it was typed: without `.` components or
/// doubled separators, and relative to the current folder when it lies under it
/// (`./docs//a.txt`, `docs/a.txt` and `/repo/docs/a.txt` run from `/repo` are one key).
fn baseline_path(path: &str) -> String {
    let p = Path::new(path);
    let absolute = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf));
    let p = absolute.as_deref().unwrap_or(p);
    let parts: PathBuf = p
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if parts.as_os_str().is_empty() {
        path.to_string()
    } else {
        parts.display().to_string()
    }
}

/// The baseline entry of a finding: its key and its file's path.
fn entry(l: &Located) -> BaselineEntry {
    let crate::rules::FindingKey {
        rule,
        section,
        excerpt,
    } = l.finding.key();
    BaselineEntry {
        rule,
        path: baseline_path(&l.path),
        section,
        excerpt,
    }
}

/// The result of checking one file. The parsed file is kept only when two rounds are compared;
/// otherwise only the source lines that findings point at are (a repository of documents does
/// not have to fit in memory).
struct FileResult {
    loaded: Option<LoadedFile>,
    findings: Vec<Located>,
    documents: usize,
    error: Option<String>,
    /// How the file was read (legacy encodings), for stderr.
    notes: Vec<String>,
}

fn check_one(
    t: &Target,
    profile: &Profile,
    options: &input::LoadOptions,
    keep: bool,
) -> FileResult {
    let failed = |e: InputError| FileResult {
        loaded: None,
        findings: Vec::new(),
        documents: 0,
        error: Some(format!("rasoat: {e}")),
        notes: Vec::new(),
    };
    let loaded = match t.load(options) {
        Ok(l) => l,
        Err(e) => return failed(e),
    };
    if let Some(i) = t.doc.index
        && let Err(e) = loaded.select(Some(i))
    {
        return failed(e);
    }
    let findings = file_findings(&loaded, t, profile);
    let documents = if t.doc.index.is_some() {
        1
    } else {
        loaded.parsed.documents.len()
    };
    let path = t.doc.file_display();
    let notes = loaded.notes.clone();
    let findings = findings
        .into_iter()
        .map(|f| Located::new(path.clone(), f, Some(&loaded.parsed.lines)))
        .collect();
    FileResult {
        loaded: (keep || t.against.is_some()).then_some(loaded),
        findings,
        documents,
        error: None,
        notes,
    }
}

/// The findings of a loaded file, as configured, in the document `t` addresses.
fn file_findings(loaded: &LoadedFile, t: &Target, profile: &Profile) -> Vec<Finding> {
    profile.file_findings(&loaded.parsed, &t.doc.path, t.doc.index)
}

/// Checks files on `threads` workers; results in the order of `targets`.
fn check_all(
    targets: &[Target],
    profiles: &[Profile],
    of_target: &[usize],
    options: &input::LoadOptions,
    threads: usize,
    keep: bool,
) -> Vec<FileResult> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, FileResult)>> = Mutex::new(Vec::with_capacity(targets.len()));
    std::thread::scope(|s| {
        for _ in 0..threads.max(1).min(targets.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(t) = targets.get(i) else { break };
                    let r = check_one(t, &profiles[of_target[i]], options, keep);
                    results
                        .lock()
                        .expect("no worker panics while holding the lock")
                        .push((i, r));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("workers are done");
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Why a file is not rewritten by `--fix`, if it may not be: a symbolic link, a file with
/// several hard links (the rename would split it from the others), a read-only file.
fn refuse_to_rewrite(path: &Path, meta: &std::fs::Metadata) -> Option<String> {
    let shown = path.display();
    if meta.file_type().is_symlink() {
        return Some(format!(
            "{shown}: là liên kết tượng trưng; --fix không ghi qua liên kết"
        ));
    }
    if !meta.is_file() {
        return Some(format!("{shown}: không phải tệp thường; --fix không ghi"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Some(format!(
                "{shown}: tệp có {} liên kết cứng; --fix không ghi, vì ghi sẽ tách tệp khỏi các liên kết kia",
                meta.nlink()
            ));
        }
    }
    if meta.permissions().readonly() || !writable(path) {
        return Some(format!(
            "{shown}: tệp chỉ đọc; --fix không ghi (bỏ chỉ đọc nếu muốn sửa)"
        ));
    }
    None
}

/// Whether this process may write `path` (as the system decides, not only the mode bits): it
/// is opened for writing, which changes nothing in it (no truncation, no write).
fn writable(path: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// Gives `file` (a temporary file about to replace `like`) the mode, owner and group of `like`.
/// `strict`: an owner or group that cannot be kept is an error, else it is left as it is.
fn keep_ownership(file: &std::fs::File, like: &std::fs::Metadata, strict: bool) -> io::Result<()> {
    file.set_permissions(like.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let now = file.metadata()?;
        if (now.uid(), now.gid()) != (like.uid(), like.gid()) {
            let kept = std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid()))
                .or_else(|_| std::os::unix::fs::fchown(file, None, Some(like.gid())));
            let now = file.metadata()?;
            if strict && (kept.is_err() || (now.uid(), now.gid()) != (like.uid(), like.gid())) {
                return Err(io::Error::other(format!(
                    "không giữ được chủ sở hữu {} và nhóm {} của tệp; --fix không ghi",
                    like.uid(),
                    like.gid()
                )));
            }
            // chown may clear the set-user-ID and set-group-ID bits: the mode again.
            file.set_permissions(like.permissions())?;
        }
    }
    Ok(())
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder with the
/// original's mode, owner and group, flushed to disk, then renamed over the original. The
/// original is kept as `FILE.orig` unless `backup` is false. The file is read again after the
/// backup and the new contents are on disk, right before the rename: if it changed since it was
/// read (an edit saved meanwhile), it is left alone and the backup removed.
fn write_atomically(
    path: &Path,
    original: &[u8],
    contents: &[u8],
    backup: bool,
    limit: u64,
) -> Result<Option<PathBuf>, String> {
    write_atomically_with(path, original, contents, backup, limit, &|| {})
}

/// [`write_atomically`], calling `before_last_look` once the backup and the new contents are on
/// disk, right before the file is read again (tests edit the file there).
fn write_atomically_with(
    path: &Path,
    original: &[u8],
    contents: &[u8],
    backup: bool,
    limit: u64,
    before_last_look: &dyn Fn(),
) -> Result<Option<PathBuf>, String> {
    let shown = path.display();
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("{shown}: {e}"))?;
    if let Some(why) = refuse_to_rewrite(path, &meta) {
        return Err(why);
    }
    let dir = folder_of(path);
    let backup_path = if backup {
        Some(write_backup(path, original, &meta)?)
    } else {
        None
    };
    let give_up = |message: String| {
        if let Some(b) = &backup_path {
            let _ = std::fs::remove_file(b);
        }
        message
    };
    // The new contents go to a hidden temporary file beside the original, are flushed to disk,
    // and only then renamed over it: a crash or a kill at any point leaves either the old file
    // or the new one, never a mix (at worst a `.rasoat-*.tmp` file is left beside it).
    let mut tmp = temp_beside(dir).map_err(|e| give_up(format!("{shown}: {e}")))?;
    tmp.write_all(contents)
        .and_then(|()| keep_ownership(tmp.as_file(), &meta, true))
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| give_up(format!("{shown}: {e}")))?;
    before_last_look();
    // Last look before the rename: the same file, with the contents that were fixed.
    let unchanged = std::fs::symlink_metadata(path).is_ok_and(|now| same_file(&now, &meta))
        && input::open_regular(path, &shown.to_string())
            .and_then(|(f, m)| input::read_at_most(f, &m, &shown.to_string(), limit))
            .is_ok_and(|now| now == original);
    if !unchanged {
        return Err(give_up(format!(
            "{shown}: tệp đã đổi trong lúc sửa; --fix để nguyên, không ghi"
        )));
    }
    tmp.persist(path)
        .map_err(|e| give_up(format!("{shown}: {}", e.error)))?;
    // The rename itself is durable once the folder is flushed.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(backup_path)
}

/// Writes a baseline file atomically (a temporary file beside it, flushed, then renamed over
/// it), never through a symbolic link, and never over a file this run reads: a document
/// checked, the configuration, the baseline given with `--baseline`.
fn write_baseline(path: &Path, contents: &[u8], inputs: &[&Path]) -> Result<(), String> {
    write_output(path, contents, inputs, "--write-baseline")
}

/// Writes a file the run was asked to write (`flag`: `--write-baseline`, `--output-file`)
/// atomically, never through a symbolic link and never over a file the run reads.
pub(crate) fn write_output(
    path: &Path,
    contents: &[u8],
    inputs: &[&Path],
    flag: &str,
) -> Result<(), String> {
    write_output_file(path, contents, inputs, flag, true)
}

/// [`write_output`], replacing a file already there only when `replace` is set (else the rename
/// refuses to, so that a file created meanwhile is not lost either).
pub(crate) fn write_output_file(
    path: &Path,
    contents: &[u8],
    inputs: &[&Path],
    flag: &str,
    replace: bool,
) -> Result<(), String> {
    let shown = path.display();
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{shown}: {}", input::describe_io(&e))),
    };
    if existing.is_some() && !replace {
        return Err(format!(
            "{shown}: tệp đã có; thêm --force để ghi đè, hoặc chọn tên khác"
        ));
    }
    if let Some(meta) = &existing {
        if meta.file_type().is_symlink() {
            return Err(format!(
                "{shown}: là liên kết tượng trưng; {flag} không ghi qua liên kết"
            ));
        }
        if !meta.is_file() {
            return Err(format!(
                "{shown}: không phải tệp thường; {flag} chỉ ghi tệp thường"
            ));
        }
        let read = inputs
            .iter()
            .any(|p| std::fs::metadata(p).is_ok_and(|m| same_file(&m, meta)));
        if read {
            return Err(format!(
                "{shown}: là tệp mà lần chạy này đọc (văn bản, cấu hình hay mốc); {flag} không ghi đè lên nó"
            ));
        }
    }
    let dir = folder_of(path);
    let mut tmp = temp_beside(dir).map_err(|e| format!("{shown}: {}", input::describe_io(&e)))?;
    let permissions = match &existing {
        Some(meta) => meta.permissions(),
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::Permissions::from_mode(0o644)
            }
            #[cfg(not(unix))]
            {
                tmp.as_file()
                    .metadata()
                    .map_err(|e| format!("{shown}: {e}"))?
                    .permissions()
            }
        }
    };
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().set_permissions(permissions))
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{shown}: {}", input::describe_io(&e)))?;
    if replace {
        tmp.persist(path)
            .map_err(|e| format!("{shown}: {}", input::describe_io(&e.error)))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                format!("{shown}: tệp đã có; thêm --force để ghi đè, hoặc chọn tên khác")
            } else {
                format!("{shown}: {}", input::describe_io(&e.error))
            }
        })?;
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The folder a file is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A hidden temporary file in `dir` (`.rasoat-*.tmp`), to be renamed over or beside a file there:
/// a rename within one folder is atomic.
fn temp_beside(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".rasoat-")
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// Whether two looks at a path saw the same file (not one swapped in between).
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino() && a.file_type() == b.file_type()
    }
    #[cfg(not(unix))]
    {
        a.file_type() == b.file_type()
    }
}

/// Keeps the original as `FILE.orig` (or `FILE.orig.N`), never overwriting an earlier backup.
/// The backup is written like the fix itself (temporary file, flush, then a rename that refuses
/// to replace anything), so a backup that exists is always complete.
fn write_backup(path: &Path, original: &[u8], meta: &std::fs::Metadata) -> Result<PathBuf, String> {
    let dir = folder_of(path);
    let mut tmp = temp_beside(dir).map_err(|e| format!("{}: {e}", path.display()))?;
    // The backup is as private as the original: same mode, and its owner and group where this
    // process may give them.
    tmp.write_all(original)
        .and_then(|()| keep_ownership(tmp.as_file(), meta, false))
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    for k in 0..1000 {
        let candidate = if k == 0 {
            PathBuf::from(format!("{}.orig", path.display()))
        } else {
            PathBuf::from(format!("{}.orig.{k}", path.display()))
        };
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => return Ok(candidate),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(format!("{}: {}", candidate.display(), e.error)),
        }
    }
    Err(format!(
        "{}: không còn tên trống cho bản gốc (.orig); --fix không ghi",
        path.display()
    ))
}

/// Most rounds of fixes applied to one file: a fix may reveal another (two spaces left where
/// three were), so fixes are applied to the fixed text again until none is left.
const FIX_ROUNDS: usize = 10;

/// What the checks of one run share, for checking fixed text again.
struct Checking<'a> {
    profiles: &'a [Profile],
    of_target: &'a [usize],
    options: &'a input::LoadOptions,
}

/// Applies safe fixes to `text` until none is left (or [`FIX_ROUNDS`] rounds): returns the fixed
/// text, the number of fixes applied, and how many fixes were still found after the last round.
fn fix_until_stable(
    text: &str,
    first: &[&Finding],
    t: &Target,
    profile: &Profile,
    checking: &Checking,
) -> (String, usize, usize) {
    let (mut fixed, mut total) = crate::fix::apply_fixes(text, first);
    let mut applied = total;
    let mut rounds = 1;
    while applied > 0 {
        let Ok(loaded) = input::load_bytes(
            t.doc.path.clone(),
            fixed.clone().into_bytes(),
            checking.options,
        ) else {
            return (fixed, total, 0);
        };
        let findings = file_findings(&loaded, t, profile);
        let fixable: Vec<&Finding> = findings.iter().filter(|f| f.fix.is_some()).collect();
        if rounds == FIX_ROUNDS {
            // What is left is reported, not applied.
            let (_, left) = crate::fix::apply_fixes(&fixed, &fixable);
            return (fixed, total, left);
        }
        let next;
        (next, applied) = crate::fix::apply_fixes(&fixed, &fixable);
        fixed = next;
        total += applied;
        rounds += 1;
    }
    (fixed, total, 0)
}

/// Applies safe fixes to the checked files; returns the number of fixes applied.
fn fix_files(
    results: &[FileResult],
    targets: &[Target],
    args: &CheckArgs,
    checking: &Checking,
    out: &mut dyn Write,
    errors: &mut Vec<String>,
) -> io::Result<usize> {
    let mut total = 0;
    for (i, (r, t)) in results.iter().zip(targets).enumerate() {
        let profile = &checking.profiles[checking.of_target[i]];
        let fixable: Vec<&Finding> = r
            .findings
            .iter()
            .map(|l| &l.finding)
            .filter(|f| f.fix.is_some())
            .collect();
        if fixable.is_empty() {
            continue;
        }
        let refusal = if t.doc.rev.is_some() {
            Some("--fix không sửa tệp ở một bản git (REV:PATH)")
        } else if t
            .doc
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        {
            Some("--fix không sửa tệp .docx; hãy sửa theo gợi ý trong Word")
        } else if args.input.convert_legacy {
            Some("--fix không sửa tệp đọc bằng --convert-legacy")
        } else {
            None
        };
        if let Some(why) = refusal {
            errors.push(format!("rasoat: {}: {why}", t.doc.display()));
            continue;
        }
        let shown = t.doc.path.display().to_string();
        // Refused before anything is computed for it (and again right before writing).
        if !args.dry_run {
            match std::fs::symlink_metadata(&t.doc.path) {
                Ok(meta) => {
                    if let Some(why) = refuse_to_rewrite(&t.doc.path, &meta) {
                        errors.push(format!("rasoat: {why}"));
                        continue;
                    }
                }
                Err(e) => {
                    errors.push(format!("rasoat: {shown}: {}", input::describe_io(&e)));
                    continue;
                }
            }
        }
        let original = match input::open_regular(&t.doc.path, &shown)
            .and_then(|(f, m)| input::read_at_most(f, &m, &shown, checking.options.max_file_size))
        {
            Ok(b) => b,
            Err(e) => {
                errors.push(format!("rasoat: {e}"));
                continue;
            }
        };
        let (bom, body) = match original.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (true, rest),
            None => (false, original.as_slice()),
        };
        let Ok(text) = std::str::from_utf8(body) else {
            errors.push(format!(
                "rasoat: {}: --fix only rewrites UTF-8 files",
                t.doc.path.display()
            ));
            continue;
        };
        let (fixed, n, left) = fix_until_stable(text, &fixable, t, profile, checking);
        if left > 0 {
            say!(
                "rasoat: {shown}: sau {FIX_ROUNDS} lượt sửa vẫn còn {left} chỗ sửa được; chạy lại --fix hoặc sửa tay"
            );
        }
        if n == 0 {
            continue;
        }
        total += n;
        if args.dry_run {
            let diff = similar::TextDiff::from_lines(text, &fixed);
            let shown_diff = diff
                .unified_diff()
                .context_radius(1)
                .header(&shown, &format!("{shown} (đã sửa)"))
                .to_string();
            write!(out, "{}", crate::report::terminal_safe(&shown_diff))?;
            continue;
        }
        let mut bytes = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        bytes.extend_from_slice(fixed.as_bytes());
        match write_atomically(
            &t.doc.path,
            &original,
            &bytes,
            !args.no_backup,
            checking.options.max_file_size,
        ) {
            Ok(backup) if !args.quiet => say!(
                "rasoat: {}: đã sửa {n} chỗ{}",
                t.doc.path.display(),
                backup
                    .map(|b| format!(" (bản gốc: {})", b.display()))
                    .unwrap_or_default()
            ),
            Ok(_) => {}
            Err(e) => errors.push(format!("rasoat: {e}")),
        }
    }
    Ok(total)
}

/// The files a run reads (documents, configurations, the baseline), which neither
/// `--write-baseline` nor `--output-file` overwrites.
fn read_files<'a>(
    targets: &'a [Target],
    profiles: &'a [Profile],
    args: &'a CheckArgs,
) -> Vec<&'a Path> {
    let mut inputs: Vec<&Path> = targets
        .iter()
        .filter(|t| t.doc.rev.is_none())
        .map(|t| t.doc.path.as_path())
        .collect();
    inputs.extend(profiles.iter().filter_map(|p| p.config_path.as_deref()));
    inputs.extend(args.baseline.as_deref());
    inputs
}

/// What `--output-file` never overwrites: the files read, and the baseline the run writes.
fn kept_from_output<'a>(
    targets: &'a [Target],
    profiles: &'a [Profile],
    args: &'a CheckArgs,
) -> Vec<&'a Path> {
    let mut kept = read_files(targets, profiles, args);
    kept.extend(args.write_baseline.as_deref());
    kept
}

pub fn run(args: CheckArgs, stdout: &mut dyn Write) -> Result<i32, RunError> {
    // With --output-file the report is gathered, then written atomically at the end.
    let mut report = Vec::new();
    let out: &mut dyn Write = if args.output_file.is_some() {
        &mut report
    } else {
        stdout
    };
    let terminal = args.output_file.is_none() && io::stdout().is_terminal();
    if args.statistics && !matches!(args.format, CheckFormat::Text | CheckFormat::Concise) {
        return Err(RunError::Usage(
            "--statistics chỉ dùng với --format text hoặc concise (JSON có sẵn summary.by_rule)"
                .to_string(),
        ));
    }
    let mut errors = Vec::new();
    let options = args.input.options();
    let mut targets = match &args.changed_since {
        Some(rev) => changed_targets(rev, &args.paths, args.against_base)?,
        None if args.paths.iter().any(|p| p == "-")
            || (args.paths.is_empty() && args.stdin_filename.is_some()) =>
        {
            if args.fix {
                return Err(RunError::Usage(
                    "--fix không sửa văn bản đọc từ đầu vào chuẩn (-); lưu ra tệp rồi sửa"
                        .to_string(),
                ));
            }
            let name = stdin_name(&args);
            let bytes = std::sync::Arc::new(read_stdin(
                &name.display().to_string(),
                options.max_file_size,
            )?);
            let mut out = Vec::new();
            let paths: &[String] = if args.paths.is_empty() {
                &["-".to_string()]
            } else {
                &args.paths
            };
            for p in paths {
                if p == "-" {
                    let mut t = Target::new(DocRef {
                        path: name.clone(),
                        index: None,
                        rev: None,
                    });
                    t.stdin = Some(std::sync::Arc::clone(&bytes));
                    out.push(t);
                } else {
                    out.extend(targets(std::slice::from_ref(p), &mut errors));
                }
            }
            out
        }
        // No PATH: the current folder.
        None if args.paths.is_empty() => targets(&[".".to_string()], &mut errors),
        None => targets(&args.paths, &mut errors),
    };
    if let Some(old_arg) = &args.against {
        if targets.len() != 1 {
            return Err(RunError::Usage(
                "--against cần đúng một PATH (một tệp hoặc PATH#N)".to_string(),
            ));
        }
        targets[0].against = Some(DocRef::parse(old_arg));
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut workspace = Workspace::new(args.rules.options(args.input.max_file_size));
    // The configurations' `exclude`: always for the files a folder walk found, for files named
    // only with --force-exclude (as ruff does).
    let mut kept = Vec::with_capacity(targets.len());
    for t in targets {
        let excluded = match &t.walked_from {
            // With --force-exclude the folder named may be excluded itself.
            _ if args.force_exclude => workspace.is_excluded(&t.doc.path, None),
            Some(root) => workspace.is_excluded(&t.doc.path, Some(root)),
            None => Ok(false),
        }
        .map_err(|e| RunError::Usage(e.to_string()))?;
        if !excluded {
            kept.push(t);
        }
    }
    let mut targets = kept;
    if args.force_exclude {
        let mut excluder = Excluder::new();
        targets.retain(|t| !excluder.excludes(&t.doc.path));
    }
    let (profiles, of_target) = profiles(&mut workspace, &targets)?;
    if args.show_files || args.show_config {
        // What would be checked, and with which configuration; nothing is checked.
        for (t, &p) in targets.iter().zip(&of_target) {
            let shown = crate::report::terminal_safe(&t.doc.display()).into_owned();
            if args.show_config {
                let config = profiles[p].config_path.as_ref().map_or_else(
                    || "(không có cấu hình)".to_string(),
                    |c| crate::report::terminal_safe(&c.display().to_string()).into_owned(),
                );
                writeln!(out, "{shown}\t{config}")?;
            } else {
                writeln!(out, "{shown}")?;
            }
        }
        for e in &errors {
            say!("{e}");
        }
        out.flush()?;
        if let Some(path) = &args.output_file {
            let inputs = kept_from_output(&targets, &profiles, &args);
            write_output(path, &report, &inputs, "--output-file").map_err(RunError::Usage)?;
        }
        return Ok(if errors.is_empty() {
            EXIT_OK
        } else {
            EXIT_ERROR
        });
    }
    let mut results = check_all(&targets, &profiles, &of_target, &options, threads, false);
    if args.fix {
        let checking = Checking {
            profiles: &profiles,
            of_target: &of_target,
            options: &options,
        };
        let fixed = fix_files(&results, &targets, &args, &checking, out, &mut errors)?;
        if fixed > 0 && !args.dry_run {
            // What is reported is what is left in the fixed files, not what was fixed.
            results = check_all(&targets, &profiles, &of_target, &options, threads, false);
        }
    }
    let mut located: Vec<Located> = Vec::new();
    let mut documents = 0;
    for (i, (r, t)) in results.iter().zip(&targets).enumerate() {
        let profile = &profiles[of_target[i]];
        if let Some(e) = &r.error {
            errors.push(e.clone());
        }
        documents += r.documents;
        for note in r.notes.iter().filter(|_| !args.quiet) {
            say!("rasoat: {note}");
        }
        if let (Some(old_ref), Some(loaded)) = (&t.against, &r.loaded) {
            // A file that cannot be read or holds no earlier version is reported like any other
            // input error; the other files are still checked.
            let pair = old_ref.load(&options).and_then(|old| {
                let new_doc = loaded.document(t.doc.index)?;
                let old_doc = match old_ref.index {
                    Some(_) => old.document(old_ref.index)?,
                    None => {
                        // The latest earlier version of the same document, else the last
                        // document (before the new one when both are in one file).
                        let same_file = old_ref.path == t.doc.path && old_ref.rev == t.doc.rev;
                        let docs = &old.parsed.documents;
                        crate::outline::previous_version(docs, new_doc, same_file)
                            .or_else(|| {
                                docs.iter()
                                    .rev()
                                    .find(|d| !same_file || d.index < new_doc.index)
                            })
                            .ok_or_else(|| InputError::NoEarlierDocument {
                                path: old_ref.display(),
                            })?
                    }
                };
                Ok((new_doc.index, old_doc.index, old))
            });
            let (new_index, old_index, old) = match pair {
                Ok(p) => p,
                Err(e) => {
                    // Checked alone: its findings are still reported, without rounds.
                    errors.push(format!("rasoat: {e}"));
                    located.extend(r.findings.iter().cloned());
                    continue;
                }
            };
            let new_doc = &loaded.parsed.documents[new_index - 1];
            let old_doc = &old.parsed.documents[old_index - 1];
            let rounds = profile.round_findings(
                RoundDoc {
                    file: &loaded.parsed,
                    doc: new_doc,
                },
                &t.doc.path,
                RoundDoc {
                    file: &old.parsed,
                    doc: old_doc,
                },
                &old_ref.path,
            );
            let path = t.doc.file_display();
            let old_path = old_ref.file_display();
            for f in rounds.current {
                located.push(Located::new(path.clone(), f, Some(&loaded.parsed.lines)));
            }
            for f in rounds.fixed {
                located.push(Located::new(old_path.clone(), f, Some(&old.parsed.lines)));
            }
            continue;
        }
        located.extend(r.findings.iter().cloned());
    }
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline {
            version: BASELINE_VERSION,
            findings: located
                .iter()
                .filter(|l| l.finding.round != Some(Round::Fixed))
                .map(entry)
                .collect(),
        };
        let json =
            serde_json::to_string_pretty(&baseline).map_err(|e| RunError::Usage(e.to_string()))?;
        let inputs = read_files(&targets, &profiles, &args);
        write_baseline(path, (json + "\n").as_bytes(), &inputs).map_err(RunError::Usage)?;
        if !args.quiet {
            say!(
                "rasoat: {}: đã ghi {} phát hiện làm mốc",
                path.display(),
                baseline.findings.len()
            );
        }
        return Ok(EXIT_OK);
    }
    if let Some(path) = &args.baseline {
        let text = input::read_settings(path, options.max_file_size)
            .map_err(|e| RunError::Usage(e.to_string()))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
            RunError::Usage(format!(
                "{}: không phải tệp mốc của rasoat: {e}",
                path.display()
            ))
        })?;
        if baseline.version != BASELINE_VERSION {
            return Err(RunError::Usage(format!(
                "{}: mốc phiên bản {}, rasoat này chỉ đọc mốc phiên bản {BASELINE_VERSION}; ghi lại bằng --write-baseline",
                path.display(),
                baseline.version
            )));
        }
        let mut known: HashMap<BaselineEntry, usize> = HashMap::new();
        for e in baseline.findings {
            *known.entry(e).or_default() += 1;
        }
        located.retain(|l| match known.get_mut(&entry(l)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
    }
    let summary = Summary::new(targets.len(), documents, &located);
    // Every rule of every profile, once (the first profile's where ids repeat).
    let mut rules: Vec<&crate::rules::Rule> = Vec::new();
    for p in &profiles {
        for r in p.set.rules() {
            if !rules.iter().any(|k| k.id() == r.id()) {
                rules.push(r);
            }
        }
    }
    rules.sort_by(|a, b| a.id().cmp(b.id()));
    args.format
        .emitter(args.statistics, args.quiet, args.color.enabled(terminal))
        .emit(
            out,
            &FindingsReport {
                findings: &located,
                summary: &summary,
                rules: &rules,
                errors: &errors,
            },
        )?;
    out.flush()?;
    if let Some(path) = &args.output_file {
        let inputs = kept_from_output(&targets, &profiles, &args);
        write_output(path, &report, &inputs, "--output-file").map_err(RunError::Usage)?;
    }
    for e in &errors {
        say!("{e}");
    }
    if !errors.is_empty() {
        return Ok(EXIT_ERROR);
    }
    let failing = located
        .iter()
        .filter(|l| l.finding.round != Some(Round::Fixed))
        .any(|l| args.fail_on.fails(l.finding.severity));
    Ok(if failing { EXIT_FOUND } else { EXIT_OK })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_keys_do_not_depend_on_how_the_path_was_typed() {
        assert_eq!(baseline_path("./docs//a.txt"), "docs/a.txt");
        assert_eq!(baseline_path("docs/./a.txt"), "docs/a.txt");
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            baseline_path(&cwd.join("docs/a.txt").display().to_string()),
            "docs/a.txt"
        );
        assert_eq!(baseline_path("/elsewhere/a.txt"), "/elsewhere/a.txt");
        // A file as of a revision keeps its revision.
        assert_eq!(baseline_path("HEAD~1:docs/a.txt"), "HEAD~1:docs/a.txt");
    }

    #[test]
    fn an_edit_saved_while_fix_writes_is_kept_and_the_backup_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.txt");
        std::fs::write(&path, "cũ  .\n").unwrap();
        let edit = || std::fs::write(&path, "bản người dùng vừa lưu\n").unwrap();
        let result = write_atomically_with(
            &path,
            "cũ  .\n".as_bytes(),
            b"c\xc5\xa9.\n",
            true,
            1 << 20,
            &edit,
        );
        let message = result.unwrap_err();
        assert!(message.contains("tệp đã đổi trong lúc sửa"), "{message}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "bản người dùng vừa lưu\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            names.len(),
            1,
            "no backup, no temporary file left: {names:?}"
        );
        // Unchanged, it is written, with its backup.
        std::fs::write(&path, "cũ  .\n").unwrap();
        let backup = write_atomically(
            &path,
            "cũ  .\n".as_bytes(),
            "cũ.\n".as_bytes(),
            true,
            1 << 20,
        )
        .unwrap()
        .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "cũ.\n");
        assert_eq!(std::fs::read_to_string(backup).unwrap(), "cũ  .\n");
    }
}
