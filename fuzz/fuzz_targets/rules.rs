//! See `rasoat::fuzzing::rules`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rasoat::fuzzing::rules(data));
