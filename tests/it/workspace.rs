//! One workspace for every face: `rasoat check`, the review command and the review screen take
//! the same rules and configuration for the same file.

use std::path::Path;
use std::sync::Arc;

use rasoat::compare::Options;
use rasoat::input;
use rasoat::tui::App;
use rasoat::workspace::{ConfigChoice, RuleOptions, Workspace};

use crate::common::{rasoat, repo};

/// A folder holding the seed and a configuration that turns a pack off and raises a severity.
fn configured_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("samples/seed-combined.txt"),
        dir.path().join("seed-combined.txt"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".rasoat.toml"),
        "[rules]\ndisable = [\"typography\"]\n[rules.severity]\nCONS-CAPS-SO-BAN-NGANH = \"error\"\n",
    )
    .unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = rasoat().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// (rule, line, severity) of each finding of a `check --format json` report.
fn json_findings(report: &str) -> Vec<(String, u64, String)> {
    let v: serde_json::Value = serde_json::from_str(report).unwrap();
    let mut out: Vec<(String, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["round"] != "fixed")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_review_command_reports_what_check_reports_under_a_configuration() {
    let dir = configured_folder();
    let (check_code, check) = run_in(
        dir.path(),
        &[
            "check",
            "seed-combined.txt#3",
            "--against",
            "seed-combined.txt#2",
        ],
    );
    // Piped, the review command prints the comparison, then the findings as `check` does.
    let (review_code, review) = run_in(dir.path(), &["seed-combined.txt"]);
    assert_eq!(review_code, check_code);
    assert!(
        review.ends_with(&check),
        "the review's findings differ from check's:\n--- review\n{review}\n--- check\n{check}"
    );
    assert!(
        !check.contains("TYPO-"),
        "the configuration turns typography off"
    );
    // Without the configuration the typography findings come back: the test would notice a
    // review that ignored it.
    let (_, unconfigured) = run_in(dir.path(), &["--no-config", "seed-combined.txt"]);
    assert!(unconfigured.contains("TYPO-"), "{unconfigured}");
}

#[test]
fn the_review_screen_shows_the_findings_check_reports_under_a_configuration() {
    let dir = configured_folder();
    let path = dir.path().join("seed-combined.txt");
    let (_, report) = run_in(
        dir.path(),
        &[
            "check",
            "seed-combined.txt#3",
            "--against",
            "seed-combined.txt#2",
            "--format",
            "json",
        ],
    );
    let expected = json_findings(&report);
    let profile = Workspace::new(RuleOptions {
        config: ConfigChoice::Nearest,
        max_file_size: input::DEFAULT_MAX_FILE_SIZE,
        ..RuleOptions::default()
    })
    .profile_for(&path)
    .unwrap()
    .clone();
    let file = Arc::new(input::load(&path, &input::LoadOptions::default()).unwrap());
    let app = App::new(file.clone(), 2, file, 3, profile, Options::default());
    let mut shown: Vec<(String, u64, String)> = app
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.line as u64,
                f.severity.as_str().to_string(),
            )
        })
        .collect();
    shown.sort();
    assert_eq!(shown, expected);
    assert!(
        shown
            .iter()
            .any(|(rule, _, severity)| rule == "CONS-CAPS-SO-BAN-NGANH" && severity == "error"),
        "the configured severity is applied: {shown:?}"
    );
}

/// The blocks of a document's one walk, as the outline JSON lists them.
fn outline_blocks(path: &str) -> std::collections::BTreeSet<String> {
    let out = rasoat()
        .args(["outline", path, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["documents"][0]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["block"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_outline_and_the_comparison_see_the_same_blocks() {
    let (old, new) = ("samples/seed-combined.txt#2", "samples/seed-combined.txt#3");
    let out = rasoat()
        .args(["diff", old, new, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let compared: std::collections::BTreeSet<String> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["block"].as_str().unwrap().to_string())
        .collect();
    let mut read = outline_blocks(old);
    read.extend(outline_blocks(new));
    assert!(
        read.contains("legal-bases") && read.contains("signature"),
        "{read:?}"
    );
    assert_eq!(compared, read);
}
