//! `rasoat registry build DIR… --output FILE` and `rasoat registry show NUMBER|NAME`.

use std::io::Write;
use std::path::PathBuf;

use crate::input;
use crate::registry::format::show_date;
use crate::registry::{Builder, Registry};

use super::{CommonInput, EXIT_FOUND, EXIT_OK, RunError};

#[derive(clap::Args, Debug)]
pub struct RegistryArgs {
    #[command(subcommand)]
    pub command: RegistryCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum RegistryCommand {
    /// Build a registry of documents from folders of documents (an office's archive: its own
    /// documents and what they cite), for `--registry FILE` or `registry = "FILE"`.
    Build(BuildArgs),
    /// Print what the registry knows of a document number or a law's name.
    Show(ShowArgs),
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Folders (walked recursively, honouring .gitignore and .rasoatignore) and files to read.
    #[arg(value_name = "DIR", required = true)]
    pub paths: Vec<PathBuf>,
    /// The registry file to write.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite FILE when it exists.
    #[arg(long)]
    pub force: bool,
    /// Votes a fact needs to be written (sources that agree on it).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_votes: u32,
    /// Threads to read the files with.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub jobs: usize,
    #[command(flatten)]
    pub input: CommonInput,
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// A document number (`30/2020/NĐ-CP`) or a law's name (`Luật Đất đai`).
    #[arg(value_name = "NUMBER|NAME")]
    pub query: String,
    /// Registry files of one's own, consulted before the built-in one.
    #[arg(long = "registry", value_name = "FILE")]
    pub registries: Vec<PathBuf>,
    /// Refuse registry files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

pub fn run(args: RegistryArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    match args.command {
        RegistryCommand::Build(a) => build(a, out),
        RegistryCommand::Show(a) => show(a, out),
    }
}

/// Reads the registry files given on the command line or in `.rasoat.toml`, each checked whole.
pub fn read_files(
    registry_files: &[PathBuf],
    limit: u64,
) -> Result<Vec<(String, String)>, RunError> {
    crate::workspace::read_registries(registry_files, limit)
        .map_err(|e| RunError::Usage(e.to_string()))
}

fn files_of(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_file() {
            files.push(p.clone());
            continue;
        }
        if !p.is_dir() {
            errors.push(format!("{}: không có tệp hay thư mục này", p.display()));
            continue;
        }
        let walker = ignore::WalkBuilder::new(p)
            .require_git(false)
            .add_custom_ignore_filename(".rasoatignore")
            .follow_links(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for e in walker {
            match e {
                Ok(e)
                    if e.file_type().is_some_and(|t| t.is_file())
                        && input::is_document(e.path()) =>
                {
                    files.push(e.path().to_path_buf());
                }
                Ok(_) => {}
                Err(e) => errors.push(e.to_string()),
            }
        }
    }
    files
}

fn build(args: BuildArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    if !args.force && std::fs::symlink_metadata(&args.output).is_ok() {
        return Err(RunError::Usage(format!(
            "{}: tệp đã có; thêm --force để ghi đè",
            args.output.display()
        )));
    }
    let mut errors = Vec::new();
    let files = files_of(&args.paths, &mut errors);
    if let Some(e) = errors.first() {
        return Err(RunError::Usage(e.clone()));
    }
    let options = args.input.options();
    let jobs = args.jobs.max(1);
    let chunk = files.len().div_ceil(jobs).max(1);
    let results: Vec<(Builder, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                let options = &options;
                s.spawn(move || {
                    let mut b = Builder::new();
                    let mut failed = Vec::new();
                    for f in part {
                        match input::load(f, options) {
                            Ok(loaded) => b.add_file(&loaded.parsed),
                            Err(e) => failed.push(e.to_string()),
                        }
                    }
                    (b, failed)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut all = Builder::new();
    let mut failed = Vec::new();
    for (b, f) in results {
        all.merge(b);
        failed.extend(f);
    }
    for f in &failed {
        say!("rasoat: {f}");
    }
    let text = all.finish(args.min_votes);
    let inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    super::check::write_output(&args.output, text.as_bytes(), &inputs, "registry build")
        .map_err(RunError::Usage)?;
    let facts = text.lines().filter(|l| !l.starts_with('#')).count();
    writeln!(
        out,
        "Đã ghi {}: {facts} dòng dữ kiện từ {} tệp.",
        args.output.display(),
        all.files()
    )?;
    Ok(EXIT_OK)
}

fn show(args: ShowArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    let mut registry = Registry::builtin();
    for (name, text) in read_files(&args.registries, args.max_file_size)? {
        registry
            .add(&name, text)
            .map_err(|e| RunError::Usage(e.to_string()))?;
    }
    let q = args.query.trim();
    let mut found = false;
    if q.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        for e in registry.documents_numbered(q) {
            found = true;
            writeln!(out, "{}", e.number)?;
            if let Some((_, issuer)) = e.key.split_once('@') {
                writeln!(out, "  Cơ quan (văn bản địa phương): {issuer}")?;
            }
            if let Some((_, year)) = e.key.split('@').next().and_then(|k| k.split_once('~')) {
                writeln!(out, "  Năm: {year}")?;
            }
            if let Some(k) = e.kind {
                writeln!(out, "  Loại:      {k}  ({} nguồn)", e.kind_votes)?;
            }
            if let Some(d) = e.date {
                writeln!(
                    out,
                    "  Ngày:      {}  ({} trên {} nguồn có ghi ngày)",
                    show_date(d),
                    e.date_votes,
                    e.dated
                )?;
            }
            if let Some(i) = e.issuer {
                writeln!(out, "  Cơ quan:   {i}  ({} nguồn)", e.issuer_votes)?;
            }
            if let Some(t) = e.title {
                writeln!(out, "  Trích yếu: {t}")?;
            }
        }
    } else {
        let versions = registry.law_versions(q);
        for v in &versions {
            found = true;
            writeln!(out, "{}", v.name)?;
            writeln!(
                out,
                "  Ngày:      {}  ({} nguồn)",
                show_date(v.date),
                v.votes
            )?;
            if let Some(n) = v.number {
                writeln!(out, "  Số:        {n}")?;
            }
        }
    }
    if !found {
        writeln!(out, "Danh mục không có văn bản {q}.")?;
        return Ok(EXIT_FOUND);
    }
    Ok(EXIT_OK)
}
