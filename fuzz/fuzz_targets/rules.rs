//! Every built-in rule on arbitrary text; findings must lie inside the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rasoat::rules::RuleSet;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("the built-in rules compile"));

fuzz_target!(|text: &str| {
    let parsed = rasoat::outline::parse(text);
    for f in RULES.check_file(&parsed) {
        assert!(f.line >= 1 && f.line as usize <= parsed.lines.len());
        assert!(f.end_line >= f.line);
    }
});
