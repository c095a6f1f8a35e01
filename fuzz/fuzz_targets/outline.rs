//! See `rasoat::fuzzing::outline`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rasoat::fuzzing::outline(data));
