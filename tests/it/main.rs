//! Integration tests: one binary, one module per theme.

mod attachments;
mod check_cli;
mod ci_formats;
mod common;
mod compare;
mod config_files;
mod corpus;
mod diff_cli;
mod docx;
mod fuzz_regressions;
mod git;
mod hostile;
mod input_errors;
mod labels;
mod layouts;
mod lsp;
mod outline_seed;
mod properties;
mod registry;
mod round_documents;
mod rules;
mod tui;
mod tui_review;
mod tui_tmux;
mod workspace;
