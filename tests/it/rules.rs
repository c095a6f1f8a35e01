//! The rule packs: every rule loads, is documented, and its examples behave as stated.

use rasoat::rules::{RuleSet, run_examples};

#[test]
fn builtin_rules_load_and_cover_the_packs() {
    let set = RuleSet::builtin().unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let checking = set.rules().iter().filter(|r| r.spec.kind != "meta").count();
    assert!(
        checking >= 30,
        "at least 30 checking rules, found {checking}"
    );
    for pack in ["nd30", "consistency", "typography", "spelling"] {
        assert!(
            set.rules().iter().any(|r| r.spec.pack == pack),
            "pack {pack}"
        );
    }
}

#[test]
fn every_rule_is_documented() {
    let set = RuleSet::builtin().unwrap();
    for rule in set.rules() {
        let doc = &rule.spec.doc;
        for section in ["Kiểm tra gì:", "Vì sao quan trọng:", "Căn cứ:"] {
            assert!(
                doc.contains(section),
                "{}: doc lacks `{section}`",
                rule.path
            );
        }
        assert!(
            rule.path == format!("rules/{}/{}.toml", rule.spec.pack, rule.spec.id),
            "{}: file must be rules/<pack>/<ID>.toml",
            rule.path
        );
    }
}

#[test]
fn every_rule_example_behaves_as_stated() {
    let set = RuleSet::builtin().unwrap();
    let failures: Vec<String> = set
        .rules()
        .iter()
        .flat_map(|r| run_examples(&set, r))
        .map(|f| format!("{}: {}: {}", f.path, f.rule, f.message))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
