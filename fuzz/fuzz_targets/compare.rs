//! Two texts (split at the first NUL, or halved) compared section by section and word by word,
//! with every ignore option on and off, and the JSON report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasoat::compare::{Options, Side, compare};
use rasoat::report::diff::{DocInfo, write_json};

fuzz_target!(|text: &str| {
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
    let old = rasoat::outline::parse(old);
    let new = rasoat::outline::parse(new);
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
        write_json(
            &mut sink,
            &DocInfo::new("old", od),
            &DocInfo::new("new", nd),
            &cmp,
        )
        .unwrap();
    }
});
