//! Integration tests: one binary, one module per theme.

mod common;
mod corpus;
mod input_errors;
mod outline_seed;
