//! Text to outline, and the outline reports (text and JSON) that walk the section tree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let parsed = rasoat::outline::parse(text);
    let docs: Vec<&rasoat::outline::Document> = parsed.documents.iter().collect();
    let mut sink = Vec::new();
    rasoat::report::outline::write_json(&mut sink, "fuzz.txt", &docs).unwrap();
    rasoat::report::outline::write_text(&mut sink, "fuzz.txt", &docs, true).unwrap();
});
