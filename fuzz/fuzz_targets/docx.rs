//! Bytes as a .docx: a zip archive when they start like one (`PK`), otherwise the XML of
//! `word/document.xml` (split at NUL bytes into document, numbering and styles parts) so that
//! the XML readers are reached without the fuzzer having to forge zip checksums.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasoat::docx::{extract, read_parts};

fuzz_target!(|data: &[u8]| {
    let result = if data.starts_with(b"PK") {
        extract(data, 8 * 1024 * 1024)
    } else {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let mut parts = text.splitn(3, '\0');
        let document = parts.next().unwrap_or_default();
        read_parts(document, parts.next(), parts.next())
    };
    if let Ok(text) = result {
        for view in [Some(&text.new), text.old.as_ref()].into_iter().flatten() {
            assert_eq!(view.text.split('\n').count(), view.paragraph_starts.len());
        }
    }
});
