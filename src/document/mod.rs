//! Turning bytes into analysable text: decoding, line splitting with NFC, cleaning.

pub mod clean;
pub mod directive;
pub mod legacy;
pub mod lines;
pub mod mapped;
pub mod source;
