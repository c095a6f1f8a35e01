//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`), kept in the library so that the
//! inputs the fuzzer found are replayed by `cargo test` through exactly the same code
//! (`tests/it/fuzz_regressions.rs`). Each takes arbitrary bytes, must never panic, and checks
//! invariants with assertions.

use std::sync::LazyLock;

use crate::compare::{Options, Side, compare};
use crate::input::{LoadOptions, load_bytes};
use crate::report::diff::DocInfo;
use crate::rules::RuleSet;

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name.
pub const TARGETS: [(&str, Target); 6] = [
    ("load_text", load_text),
    ("outline", outline),
    ("compare", compare_texts),
    ("rules", rules),
    ("rule_file", rule_file),
    ("docx", docx),
];

/// Bytes as a text file: decoding (UTF-8/16, Windows-1258, TCVN3/VNI), legacy conversion,
/// document splitting and outline parsing.
pub fn load_text(data: &[u8]) {
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
}

/// Text to outline, and the outline reports (text and JSON) that walk the section tree.
pub fn outline(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = crate::outline::parse(text);
    let docs: Vec<&crate::outline::Document> = parsed.documents.iter().collect();
    let mut sink = Vec::new();
    crate::report::outline::write_json(&mut sink, "fuzz.txt", &docs).expect("writes to memory");
    crate::report::outline::write_text(&mut sink, "fuzz.txt", &docs, true)
        .expect("writes to memory");
}

/// Two texts (split at the first NUL, or halved) compared with every ignore option off and on,
/// and the JSON report.
pub fn compare_texts(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (old, new) = match text.find('\0') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => {
            let mut mid = text.len() / 2;
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            text.split_at(mid)
        }
    };
    let old = crate::outline::parse(old);
    let new = crate::outline::parse(new);
    let (Some(od), Some(nd)) = (old.documents.last(), new.documents.last()) else {
        return;
    };
    let everything = Options {
        whitespace: true,
        case: true,
        punctuation: true,
        list_markers: true,
        markup: true,
        unicode_form: true,
        tone_style: true,
        ..Options::default()
    };
    for options in [Options::default(), everything] {
        let cmp = compare(
            Side {
                doc: od,
                lines: &old.lines,
            },
            Side {
                doc: nd,
                lines: &new.lines,
            },
            &options,
        );
        let mut sink = Vec::new();
        crate::report::diff::write_json(
            &mut sink,
            &DocInfo::new("old", od),
            &DocInfo::new("new", nd),
            &cmp,
        )
        .expect("writes to memory");
    }
}

static BUILTIN: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("the built-in rules compile"));

/// Every built-in rule on arbitrary text; findings must lie inside the text.
pub fn rules(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = crate::outline::parse(text);
    for f in BUILTIN.check_file(&parsed) {
        assert!(f.line >= 1 && f.line as usize <= parsed.lines.len());
        assert!(f.end_line >= f.line);
    }
}

/// A rule file as a reviewer might write it: parsing, validation and compilation of every kind,
/// then the rule and its examples run on a small document.
pub fn rule_file(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = RuleSet::default();
    if set.add("rules/fuzz/FUZZ-1.toml", source).is_ok() {
        let _ = set.check_text("Số: 12/UBND-VX\nNơi nhận:\n- Lưu: VT, VX.\n");
        for rule in set.rules() {
            let _ = crate::rules::run_examples(&set, rule);
        }
    }
}

/// Bytes as a .docx: a zip archive when they start like one (`PK`), otherwise the XML of
/// `word/document.xml` (split at NUL bytes into document, numbering, styles, footnotes and
/// endnotes parts) so that the XML readers are reached without the fuzzer forging zip
/// checksums.
pub fn docx(data: &[u8]) {
    let result = if data.starts_with(b"PK") {
        crate::docx::extract(data, 8 * 1024 * 1024)
    } else {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let mut parts = text.splitn(5, '\0');
        let document = parts.next().unwrap_or_default();
        let (numbering, styles) = (parts.next(), parts.next());
        crate::docx::read_all_parts(document, numbering, styles, parts.next(), parts.next())
    };
    if let Ok(text) = result {
        for view in [Some(&text.new), text.old.as_ref()].into_iter().flatten() {
            let lines = view.paragraph_starts.len();
            assert_eq!(view.text.split('\n').count(), lines);
            assert!(view.body_lines <= lines);
            for note in &view.notes {
                assert!(note.reference_line as usize <= view.body_lines);
                assert!(view.body_lines < note.first_line as usize);
                assert!(note.first_line <= note.last_line && note.last_line as usize <= lines);
            }
        }
    }
}
