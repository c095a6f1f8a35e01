//! Command-line front end: parses arguments, reads files, picks a report, returns an exit code.

use std::io::{self, Write};

use clap::{Parser, Subcommand, ValueEnum};

use crate::input::{self, DocRef, InputError};
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
Any PATH may address one document of a file holding several as PATH#N (1-based).\n\n\
Exit codes: 0 success, 1 something found (findings, differences), 2 usage or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print every document of a file with its header fields and section tree.
    Outline(OutlineArgs),
}

#[derive(clap::Args, Debug)]
pub struct CommonInput {
    /// Refuse input files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
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
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<i32, RunError> {
    match cli.command {
        Command::Outline(args) => outline(args, out),
    }
}

fn outline(args: OutlineArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    let doc_ref = DocRef::parse(&args.path);
    let file = input::load(&doc_ref.path, args.input.max_file_size)?;
    let documents = file.select(doc_ref.index)?;
    let path = file.display();
    match args.format {
        OutlineFormat::Json => report::outline::write_json(out, &path, &documents)?,
        OutlineFormat::Text => report::outline::write_text(out, &path, &documents, args.bullets)?,
    }
    Ok(EXIT_OK)
}
