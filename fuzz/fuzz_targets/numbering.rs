//! See `rasoat::fuzzing::numbering`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rasoat::fuzzing::numbering(data));
