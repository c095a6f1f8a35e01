//! rasoat: review Vietnamese administrative and legal drafts.
//!
//! The core (`document` after decoding, `outline`, and later `compare` and `rules`) never touches
//! the terminal or the file system; the front ends in `cli` and `report` are thin.

pub mod document;
pub mod docx;
pub mod outline;
pub mod parallel;
pub mod registry;
pub mod rules;
pub mod text;
pub mod tui;
pub mod workspace;

pub mod cli;
pub mod compare;
pub mod config;
pub mod decisions;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod lsp;
pub mod report;
#[doc(hidden)]
pub mod scoring;
