//! `rasoat lsp`: the language server's command line (the server is in [`crate::lsp`]).

use super::{CommonInput, RuleArgs, RunError};

#[derive(clap::Args, Debug)]
pub struct LspArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub input: CommonInput,
    /// Talk over standard input and output (the only way; accepted because some editors add it).
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(args: LspArgs) -> Result<i32, RunError> {
    let options = args.rules.options(args.input.max_file_size);
    crate::lsp::run(options, args.input.options()).map_err(|e| RunError::Usage(e.to_string()))
}
