//! Command-line front end: parses arguments, reads files, picks a report, returns an exit code.

/// `eprintln!` for messages that may hold a file name or document text: control characters
/// are shown, not obeyed by the terminal (see [`crate::report::terminal_safe`]).
macro_rules! say {
    ($($t:tt)*) => {
        eprintln!("{}", $crate::report::terminal_safe(&format!($($t)*)))
    };
}

pub mod check;
pub mod lsp;
pub mod registry;
pub mod review;
pub mod rules;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use std::io::IsTerminal;

use crate::compare::{self, Side};
use crate::input::{self, DocRef, InputError, LoadedFile};
use crate::report;

/// Exit codes are a contract: 0 success, 1 the command found something (findings,
/// differences), 2 usage or input error.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FOUND: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "rasoat",
    version,
    about = "Review Vietnamese administrative and legal drafts: outline, compare, check.",
    long_about = "rasoat (\"rà soát\") reads Vietnamese administrative documents (kế hoạch, quyết định, \
công văn…) as a reviewer does: header, căn cứ, numbered parts, Nơi nhận, signature.\n\n\
Any PATH may address one document of a file holding several as PATH#N (1-based), and may be \
REV:PATH to read the file as of a git revision. .txt, .md and .docx files are read.\n\n\
Exit codes: 0 success; 1 something found: check, a finding at or above --fail-on; the review \
without a terminal, an error-level finding of the new round; diff --exit-code, differences; \
2 usage or input error."
)]
#[command(args_conflicts_with_subcommands = true, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub review: ReviewArgs,
}

/// `rasoat OLD NEW` or `rasoat FILE`: the review screen.
#[derive(clap::Args, Debug)]
pub struct ReviewArgs {
    /// Open the review screen on OLD and NEW (each may be PATH#N), or on one FILE holding several
    /// versions (the last two are compared; `o` picks others). Without a terminal, prints the
    /// comparison and the findings instead.
    #[arg(value_name = "OLD[#N] [NEW[#N]]", num_args = 0..=2)]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub ignoring: IgnoreArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// When to use colour (`auto` honours NO_COLOR and FORCE_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub input: CommonInput,
}

/// Which rules run and with which configuration: the same for `check` and the review screen.
#[derive(clap::Args, Debug, Default)]
pub struct RuleArgs {
    /// Extra rule folder (rules/<pack>/<ID>.toml files); adds rules or overrides built-in ones.
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// A registry of documents (built by `rasoat registry build`) consulted before the
    /// built-in one by the citation rules (repeatable).
    #[arg(long = "registry", value_name = "FILE")]
    pub registries: Vec<PathBuf>,
    /// Turn off a rule or a whole pack (repeatable).
    #[arg(long, value_name = "ID|PACK")]
    pub disable: Vec<String>,
    /// Run only these rules or packs (repeatable); an opt-in rule runs when named by its id.
    #[arg(long, value_name = "ID|PACK")]
    pub enable: Vec<String>,
    /// Add rules or packs to those that run (repeatable), e.g. an opt-in rule.
    #[arg(long, value_name = "ID|PACK")]
    pub extend_enable: Vec<String>,
    /// Configuration file for every file (default: for each file, the nearest .rasoat.toml
    /// upward from it).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any .rasoat.toml.
    #[arg(long)]
    pub no_config: bool,
}

impl RuleArgs {
    /// The workspace options these flags give.
    pub fn options(&self, max_file_size: u64) -> crate::workspace::RuleOptions {
        use crate::workspace::ConfigChoice;
        crate::workspace::RuleOptions {
            config: match (&self.config, self.no_config) {
                (_, true) => ConfigChoice::None,
                (Some(given), false) => ConfigChoice::File(given.clone()),
                (None, false) => ConfigChoice::Nearest,
            },
            rule_dirs: self.rule_dirs.clone(),
            registries: self.registries.clone(),
            enable: self.enable.clone(),
            disable: self.disable.clone(),
            extend_enable: self.extend_enable.clone(),
            max_file_size,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print every document of a file with its header fields and section tree.
    Outline(OutlineArgs),
    /// Compare two versions of a document section by section, word by word.
    #[command(
        long_about = "Compare two versions of a document section by section, word by word.\n\n\
With one path, the file must hold several versions of one document (a cover letter and two draft \
rounds, say): the last two versions are compared. A file holding several documents given without \
#N stands for its last document.\n\n\
Ignored by default: whitespace, markup, unicode-form. Shown by default: case, punctuation, \
list-markers, tone-style. Use --ignore and --no-ignore to change that."
    )]
    Diff(DiffArgs),
    /// Check documents against the rule packs (files and folders; for reviewers and CI).
    #[command(
        long_about = "Check documents against the rule packs: Nghị định 30 format (nd30), \
consistency, typography and spelling.\n\n\
Folders are walked recursively (honouring .gitignore); .txt, .md and .docx files are read, every document \
of a multi-document file is checked. Each file is checked with the nearest .rasoat.toml upward \
from it (or --config FILE).\n\n\
Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error."
    )]
    Check(Box<check::CheckArgs>),
    /// Print the text rasoat reads from a file, numbered as findings and comparisons number it
    /// (for a .docx: one paragraph per line, table cells in reading order, numbering resolved).
    Text(TextArgs),
    /// List the rules.
    Rules(rules::RulesArgs),
    /// Show a rule's documentation and examples.
    Explain(rules::ExplainArgs),
    /// The registry of documents the citation rules check against: build one from an archive,
    /// show what is known of a number or a law.
    Registry(registry::RegistryArgs),
    /// Run a language server for editors on standard input and output: findings as diagnostics
    /// while .txt and .md documents are typed, quick fixes, a rule's explanation on hover.
    #[command(
        long_about = "Run a language server (LSP) for editors on standard input and output.\n\n\
The editor starts `rasoat lsp`; while a .txt or .md document is open, its findings are shown as \
diagnostics as it is typed (those of `rasoat check` on the same file, with the nearest \
.rasoat.toml upward from it or --config FILE), the rules marked safe to fix offer a quick fix, \
and hovering a finding shows its rule's explanation (`rasoat explain ID`). A .docx is not \
checked. See the README for VS Code, Neovim and Helix.\n\n\
Exit codes: 0 after the client's shutdown and exit; 1 when the client exits (or closes the \
connection) without shutdown, as the protocol says; 2 usage error."
    )]
    Lsp(lsp::LspArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        long_about = "Print a shell completion script for SHELL on standard output.\n\n\
bash:  rasoat completions bash > ~/.local/share/bash-completion/completions/rasoat\n\
zsh:   rasoat completions zsh > ~/.zfunc/_rasoat   (with fpath+=~/.zfunc before compinit)\n\
fish:  rasoat completions fish > ~/.config/fish/completions/rasoat.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on standard output: `rasoat man | man -l -`; `rasoat man
    /// check` prints the page of `rasoat check` (rasoat-check(1)).
    Man(ManArgs),
}

#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// The subcommand whose page to print (default: rasoat(1)).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(clap::Args, Debug)]
pub struct CommonInput {
    /// Refuse input files larger than this many bytes (a .docx may decompress to four times as
    /// much).
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Read a .docx with tracked changes as if all were rejected (old) or accepted (new). Without
    /// it, changes are accepted, and a .docx alone is reviewed as its before and after.
    #[arg(long, value_enum, value_name = "SIDE")]
    pub docx_revisions: Option<RevisionsArg>,
    /// Convert text in the legacy TCVN3 (ABC) or VNI encodings to Unicode before reading it.
    #[arg(long)]
    pub convert_legacy: bool,
    /// Refuse files with a line (a .docx paragraph) longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_LINE_LENGTH)]
    pub max_line_length: usize,
    /// Refuse files with more sections (numbered or bulleted parts) than this.
    #[arg(long, value_name = "N", default_value_t = input::DEFAULT_MAX_SECTIONS)]
    pub max_sections: usize,
}

/// `--docx-revisions`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevisionsArg {
    Old,
    New,
}

impl CommonInput {
    pub fn options(&self) -> input::LoadOptions {
        input::LoadOptions {
            max_file_size: self.max_file_size,
            docx_revisions: self.docx_revisions.map(|r| match r {
                RevisionsArg::Old => crate::docx::Revisions::Old,
                RevisionsArg::New => crate::docx::Revisions::New,
            }),
            convert_legacy: self.convert_legacy,
            max_line_length: self.max_line_length,
            max_sections: self.max_sections,
        }
    }
}

/// Prints what the user should know about how a file was read (legacy text, conversions).
pub(crate) fn announce(file: &LoadedFile) {
    for note in &file.notes {
        say!("rasoat: {note}");
    }
}

#[derive(clap::Args, Debug)]
pub struct OutlineArgs {
    /// The file to read; PATH#N selects the N-th document.
    #[arg(value_name = "PATH[#N]")]
    pub path: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Text)]
    pub format: OutlineFormat,
    /// Also list bullet items (`-`, `+`) in the text outline.
    #[arg(long)]
    pub bullets: bool,
    #[command(flatten)]
    pub input: CommonInput,
}

#[derive(clap::Args, Debug)]
pub struct TextArgs {
    /// The file to read; PATH#N prints only the N-th document.
    #[arg(value_name = "PATH[#N]")]
    pub path: String,
    /// Leave out the line numbers.
    #[arg(long)]
    pub plain: bool,
    #[command(flatten)]
    pub input: CommonInput,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The old version; with no NEW, a file holding several versions of one document.
    #[arg(value_name = "OLD[#N]")]
    pub old: String,
    /// The new version.
    #[arg(value_name = "NEW[#N]")]
    pub new: Option<String>,
    /// Output format: text for a terminal, json for scripts, markdown or html for a report to
    /// attach to a reply; the documents of a round: redline-docx (the new version with the
    /// changes as Word tracked changes), table-docx, table-html, table-md (the bảng so sánh).
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Write the output to FILE instead of standard output (atomically: a temporary file beside
    /// it, then renamed). Required for the .docx formats; never replaces a file without --force.
    #[arg(long, short = 'o', value_name = "FILE", visible_alias = "output-file")]
    pub output: Option<std::path::PathBuf>,
    /// Replace the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// When to colour the text format (`auto` honours NO_COLOR and FORCE_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with 1 when there are differences (after ignores), 0 when none.
    #[arg(long)]
    pub exit_code: bool,
    #[command(flatten)]
    pub ignoring: IgnoreArgs,
    /// Time budget for the word diff of one section, in milliseconds; past it the section is
    /// compared paragraph by paragraph and the report says so.
    #[arg(long, value_name = "MS", default_value_t = 250)]
    pub section_timeout_ms: u64,
    #[command(flatten)]
    pub input: CommonInput,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    /// Changed sections with their word edits, for a terminal.
    Text,
    /// Every section with its edits, for scripts.
    Json,
    /// A comment-round report in Markdown.
    Markdown,
    /// A comment-round report as one HTML page.
    Html,
    /// The new version as .docx, the changes as Word tracked changes (needs --output).
    RedlineDocx,
    /// The bảng so sánh as a landscape .docx (needs --output).
    TableDocx,
    /// The bảng so sánh as one HTML page.
    TableHtml,
    /// The bảng so sánh as a Markdown table.
    TableMd,
}

impl DiffFormat {
    /// Formats whose output is binary (a .docx package): written to a file only.
    pub fn is_binary(self) -> bool {
        matches!(self, DiffFormat::RedlineDocx | DiffFormat::TableDocx)
    }

    fn name(self) -> String {
        self.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    }
}

/// The date of the tracked changes and of the document's properties: `SOURCE_DATE_EPOCH` when
/// set (reproducible builds of the same documents), else now.
fn revision_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    crate::docx::write::w3c_date(seconds)
}

impl DiffFormat {
    /// The emitter of this format: the one place a format of comparisons is chosen.
    pub fn emitter(self, color: bool) -> Box<dyn report::emit::ComparisonEmitter> {
        use report::emit::{
            HtmlComparison, JsonComparison, MarkdownComparison, RedlineDocxComparison,
            TableComparison, TableForm, TextComparison,
        };
        let table = |form| {
            Box::new(TableComparison {
                form,
                date: revision_date(),
            })
        };
        match self {
            DiffFormat::Text => Box::new(TextComparison { color }),
            DiffFormat::Json => Box::new(JsonComparison),
            DiffFormat::Markdown => Box::new(MarkdownComparison),
            DiffFormat::Html => Box::new(HtmlComparison),
            DiffFormat::RedlineDocx => Box::new(RedlineDocxComparison {
                date: revision_date(),
            }),
            DiffFormat::TableDocx => table(TableForm::Docx),
            DiffFormat::TableHtml => table(TableForm::Html),
            DiffFormat::TableMd => table(TableForm::Markdown),
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Resolves `auto` against the terminal, `NO_COLOR` and `FORCE_COLOR`: `NO_COLOR` (not
    /// empty) turns colour off; else `FORCE_COLOR` (not empty, not `0`) turns it on where the
    /// output is no terminal (CI logs that show colour); else colour goes to a terminal only.
    pub fn enabled(self, is_terminal: bool) -> bool {
        let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR").is_some() => false,
            ColorChoice::Auto if set("FORCE_COLOR").is_some_and(|v| v != "0") => true,
            ColorChoice::Auto => is_terminal,
        }
    }
}

/// `--ignore` and `--no-ignore`, shared by `diff` and the review screen.
#[derive(clap::Args, Debug, Default)]
pub struct IgnoreArgs {
    /// Also ignore these differences (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "WHAT")]
    pub ignore: Vec<IgnoreWhat>,
    /// Show these differences even though they are ignored by default (comma-separated).
    #[arg(
        long = "no-ignore",
        value_enum,
        value_delimiter = ',',
        value_name = "WHAT"
    )]
    pub no_ignore: Vec<IgnoreWhat>,
}

/// A difference that can be ignored (defined with the comparison's options).
pub use crate::compare::IgnoreWhat;

impl DiffArgs {
    /// The comparison options after defaults, `--ignore` and `--no-ignore`.
    pub fn options(&self) -> compare::Options {
        compare::Options {
            section_budget: std::time::Duration::from_millis(self.section_timeout_ms),
            ..review::options(&self.ignoring)
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineFormat {
    Text,
    Json,
}

/// Errors of a command run: input errors and output errors (a closed pipe is not an error).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("không ghi được đầu ra: {0}")]
    Output(#[from] io::Error),
    #[error("{0}")]
    Usage(String),
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<i32, RunError> {
    match cli.command {
        Some(Command::Outline(args)) => outline(args, out),
        Some(Command::Diff(args)) => diff(args, out),
        Some(Command::Check(args)) => check::run(*args, out),
        Some(Command::Text(args)) => text(args, out),
        Some(Command::Rules(args)) => rules::list(args, out),
        Some(Command::Explain(args)) => rules::explain(args, out),
        Some(Command::Registry(args)) => registry::run(args, out),
        Some(Command::Lsp(args)) => lsp::run(args),
        Some(Command::Completions(args)) => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(args.shell, &mut command, "rasoat", out);
            Ok(EXIT_OK)
        }
        Some(Command::Man(args)) => {
            use clap::CommandFactory;
            let top = Cli::command();
            let page = match &args.command {
                None => top,
                Some(name) => {
                    let version = top.get_version().unwrap_or_default().to_string();
                    let sub = top
                        .get_subcommands()
                        .find(|c| c.get_name() == name)
                        .cloned()
                        .ok_or_else(|| {
                            RunError::Usage(format!(
                                "man: không có lệnh `{name}`; xem danh sách bằng `rasoat --help`"
                            ))
                        })?;
                    sub.name(format!("rasoat-{name}")).version(version)
                }
            };
            clap_mangen::Man::new(page).render(out)?;
            Ok(EXIT_OK)
        }
        None => review::run(cli.review, out),
    }
}

fn outline(args: OutlineArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    let doc_ref = DocRef::parse(&args.path);
    let file = doc_ref.load(&args.input.options())?;
    announce(&file);
    let documents = file.select(doc_ref.index)?;
    let path = file.display();
    match args.format {
        OutlineFormat::Json => report::outline::write_json(out, &path, &documents)?,
        OutlineFormat::Text => report::outline::write_text(
            &mut report::TerminalSafe::new(out),
            &path,
            &documents,
            args.bullets,
        )?,
    }
    Ok(EXIT_OK)
}

fn text(args: TextArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    let doc_ref = DocRef::parse(&args.path);
    let file = doc_ref.load(&args.input.options())?;
    announce(&file);
    let lines = &file.parsed.lines;
    let (first, last) = match doc_ref.index {
        None => (1, lines.len() as u32),
        Some(_) => {
            let doc = file.document(doc_ref.index)?;
            (doc.first_line, doc.last_line)
        }
    };
    // A document's control characters are shown, not obeyed by the terminal.
    let mut safe = report::TerminalSafe::new(out);
    let out = &mut safe;
    for line in lines.iter().filter(|l| (first..=last).contains(&l.number)) {
        if args.plain {
            writeln!(out, "{}", line.text.as_str())?;
        } else {
            writeln!(out, "{:>5}  {}", line.number, line.text.as_str())?;
        }
    }
    Ok(EXIT_OK)
}

/// A loaded file and the 1-based index of the chosen document in it.
pub(crate) type Chosen = (LoadedFile, usize);

/// Resolves the two documents to compare: old and new.
pub(crate) fn resolve_pair(
    old: &str,
    new: Option<&String>,
    options: &input::LoadOptions,
) -> Result<(Chosen, Chosen), RunError> {
    let old_ref = DocRef::parse(old);
    match new {
        Some(new_arg) => {
            let new_ref = DocRef::parse(new_arg);
            // Two files are read and parsed in parallel.
            let (old_file, new_file) = if new_ref.path == old_ref.path && new_ref.rev == old_ref.rev
            {
                let f = old_ref.load(options)?;
                (f.clone(), f)
            } else {
                let (a, b) = std::thread::scope(|s| {
                    let other = s.spawn(|| new_ref.load(options));
                    let first = old_ref.load(options);
                    (first, other.join().expect("loading does not panic"))
                });
                (a?, b?)
            };
            announce(&old_file);
            if new_ref.path != old_ref.path || new_ref.rev != old_ref.rev {
                announce(&new_file);
            }
            let old_index = old_file.document(old_ref.index)?.index;
            let new_index = new_file.document(new_ref.index)?.index;
            Ok(((old_file, old_index), (new_file, new_index)))
        }
        None => {
            let mut file = old_ref.load(options)?;
            announce(&file);
            if old_ref.index.is_some() {
                return Err(RunError::Usage(format!(
                    "{}: hãy chỉ thêm văn bản thứ hai để so sánh (NEW hoặc PATH#N)",
                    old_ref.display()
                )));
            }
            // A .docx with tracked changes is itself two rounds: before and after the changes.
            if let Some(before) = file.before_changes.take() {
                let o = before.parsed.documents.len();
                let n = file.parsed.documents.len();
                return Ok(((*before, o), (file, n)));
            }
            let docs = &file.parsed.documents;
            // The last document that has an earlier version, and that earlier version.
            let pair = docs.iter().rev().find_map(|d| {
                crate::outline::previous_version(docs, d, true).map(|e| (e.index, d.index))
            });
            match pair {
                Some((o, n)) => Ok(((file.clone(), o), (file, n))),
                None => Err(RunError::Usage(format!(
                    "{}: không có hai phiên bản của cùng một văn bản ({} văn bản); hãy chỉ hai đường dẫn hoặc PATH#N",
                    file.display(),
                    docs.len()
                ))),
            }
        }
    }
}

fn diff(args: DiffArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    if args.format.is_binary() && args.output.is_none() {
        return Err(RunError::Usage(format!(
            "--format {}: tệp Word (.docx) là dữ liệu nhị phân, không ghi ra màn hình hay đầu ra chuẩn; hãy chỉ tệp cần ghi bằng --output TỆP.docx",
            args.format.name()
        )));
    }
    let ((old_file, oi), (new_file, ni)) =
        resolve_pair(&args.old, args.new.as_ref(), &args.input.options())?;
    let old_doc = &old_file.parsed.documents[oi - 1];
    let new_doc = &new_file.parsed.documents[ni - 1];
    let options = args.options();
    let cmp = compare::compare(
        Side {
            doc: old_doc,
            lines: &old_file.parsed.lines,
        },
        Side {
            doc: new_doc,
            lines: &new_file.parsed.lines,
        },
        &options,
    );
    let old_info = report::diff::DocInfo::of(&old_file, old_doc);
    let new_info = report::diff::DocInfo::of(&new_file, new_doc);
    // With --output the report is built in memory, then written atomically.
    let mut buffer: Vec<u8> = Vec::new();
    let to_file = args.output.is_some();
    let out: &mut dyn Write = if to_file { &mut buffer } else { out };
    let color = args.color.enabled(!to_file && io::stdout().is_terminal());
    args.format.emitter(color).emit(
        out,
        &report::emit::ComparisonReport {
            old: &old_info,
            new: &new_info,
            old_side: Side {
                doc: old_doc,
                lines: &old_file.parsed.lines,
            },
            new_side: Side {
                doc: new_doc,
                lines: &new_file.parsed.lines,
            },
            comparison: &cmp,
        },
    )?;
    if let Some(path) = &args.output {
        let inputs = [old_file.path.as_path(), new_file.path.as_path()];
        check::write_output_file(path, &buffer, &inputs, "--output", args.force)
            .map_err(RunError::Usage)?;
    }
    let code = if args.exit_code && cmp.has_differences() {
        EXIT_FOUND
    } else {
        EXIT_OK
    };
    // The process ends once the output is flushed: freeing two parsed documents and their
    // comparison piece by piece would only delay that (by a tenth of the run on large files).
    std::mem::forget((cmp, old_file, new_file));
    Ok(code)
}
