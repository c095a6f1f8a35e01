//! See `rasoat::fuzzing::load_text`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rasoat::fuzzing::load_text(data));
