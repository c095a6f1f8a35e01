//! Output formats. Each writer takes plain data and an `io::Write`, so every format is tested
//! against a `Vec<u8>`.

pub mod check;
pub mod diff;
pub mod outline;
