//! A rule file as a reviewer might write it: TOML parsing, validation and compilation of every
//! kind, then running the rule (and its examples) on a small document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasoat::rules::RuleSet;

fuzz_target!(|source: &str| {
    let mut set = RuleSet::default();
    if set.add("rules/fuzz/FUZZ-1.toml", source).is_ok() {
        let _ = set.check_text("Số: 12/UBND-VX\nNơi nhận:\n- Lưu: VT, VX.\n");
        for rule in &set.rules {
            let _ = rasoat::rules::run_examples(&set, rule);
        }
    }
});
