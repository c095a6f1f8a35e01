//! See `rasoat::fuzzing::compare_texts`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rasoat::fuzzing::compare_texts(data));
