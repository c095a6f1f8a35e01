//! See `rasoat::fuzzing::docx`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rasoat::fuzzing::docx(data));
