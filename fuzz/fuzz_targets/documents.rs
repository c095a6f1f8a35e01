//! See `rasoat::fuzzing::documents`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rasoat::fuzzing::documents(data));
