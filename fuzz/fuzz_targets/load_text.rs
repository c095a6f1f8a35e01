//! Bytes as a text file: decoding (UTF-8/16, Windows-1258, TCVN3/VNI), legacy conversion,
//! document splitting and outline parsing, as `rasoat outline FILE.txt` reads them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasoat::input::{LoadOptions, load_bytes};

fuzz_target!(|data: &[u8]| {
    for convert_legacy in [false, true] {
        let options = LoadOptions {
            convert_legacy,
            ..LoadOptions::default()
        };
        if let Ok(file) = load_bytes("fuzz.txt".into(), data.to_vec(), &options) {
            for doc in &file.parsed.documents {
                assert!(doc.first_line <= doc.last_line || doc.last_line == 0);
            }
        }
    }
});
