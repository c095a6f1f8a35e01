//! The reports CI systems read: GitLab's Code Quality JSON, JUnit XML, and SARIF checked by
//! Microsoft's validator; and the pre-commit hook's command line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{repo, run};

const FILES: [&str; 2] = ["samples/cong-van-v2.txt", "samples/seed-round2.docx"];

#[test]
fn gitlab_code_quality_report() {
    let (code, out, err) = run(&["check", FILES[0], FILES[1], "--format", "gitlab"]);
    assert_eq!(code, 1, "{err}");
    insta::assert_snapshot!(out);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    for i in &issues {
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn gitlab_fingerprints_are_unique_and_stable() {
    // The seed repeats findings (the same capitalisation in one section); the corpus has many.
    for args in [
        vec!["check", "samples/seed-combined.txt", "--format", "gitlab"],
        vec!["check", "tests/fixtures/corpus", "--format", "gitlab"],
    ] {
        let (_, out, _) = run(&args);
        let issues: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        assert!(!issues.is_empty());
        let unique: BTreeSet<&str> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap())
            .collect();
        assert_eq!(unique.len(), issues.len(), "{args:?}");
        let (_, again, _) = run(&args);
        assert_eq!(out, again);
    }
    // A path typed absolute is written relative to the project (the current folder here).
    let absolute = repo(FILES[0]).display().to_string();
    let (_, out, _) = run(&["check", &absolute, "--format", "gitlab"]);
    let (_, relative, _) = run(&["check", FILES[0], "--format", "gitlab"]);
    assert_eq!(out, relative);
}

#[test]
fn junit_report() {
    let (code, out, err) = run(&["check", FILES[0], FILES[1], "--format", "junit"]);
    assert_eq!(code, 1, "{err}");
    insta::assert_snapshot!(out);
    well_formed(&out);
    // Without findings: one passing test case; with an input error: a test case in error.
    let (code, out, _) = run(&["check", "samples/cong-van-v1.txt", "--format", "junit"]);
    assert_eq!(code, 0);
    well_formed(&out);
    assert!(
        out.contains("<testcase name=\"Không có phát hiện nào\""),
        "{out}"
    );
    assert!(!out.contains("<failure"), "{out}");
    let (code, out, _) = run(&["check", "no-such.txt", FILES[0], "--format", "junit"]);
    assert_eq!(code, 2);
    well_formed(&out);
    assert!(
        out.contains("<error message=\"no-such.txt: không có tệp này\">"),
        "{out}"
    );
}

/// Every element of `xml` closes (quick-xml checks end names) and the text is XML 1.0.
fn well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{e}: {xml}"),
        }
    }
    assert_eq!(depth, 0);
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && !['\n', '\t', '\r'].contains(&c))
    );
}

/// The SARIF multitool to validate with: `RASOAT_SARIF_MULTITOOL` (the `sarif-multitool`
/// command, as `.ci/run` installs it), else one installed with npm under `target/`.
fn sarif_multitool() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RASOAT_SARIF_MULTITOOL") {
        return Some(PathBuf::from(p));
    }
    let local = repo("target/sarif-multitool/node_modules/.bin/sarif-multitool");
    local.exists().then_some(local)
}

/// The lines of the validator's output that report an error (it exits 0 even then).
fn validation_errors(tool: &Path, files: &[PathBuf]) -> Vec<String> {
    let out = Command::new(tool)
        .arg("validate")
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", tool.display()));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains(&format!("{} files scanned", files.len())),
        "the validator did not run: {text}"
    );
    text.lines()
        .filter(|l| l.contains(": error "))
        .map(str::to_string)
        .collect()
}

#[test]
fn sarif_passes_microsofts_validator() {
    let Some(tool) = sarif_multitool() else {
        eprintln!(
            "SKIPPED: the SARIF multitool is not installed (npm install @microsoft/sarif-multitool, \
             then RASOAT_SARIF_MULTITOOL=…/node_modules/.bin/sarif-multitool); .ci/run installs it"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let absolute = repo("samples").display().to_string();
    // Relative and absolute paths, .txt and .docx, with and without rounds, and an input error.
    let runs: [(&str, Vec<&str>); 4] = [
        ("relative", vec!["samples", "tests/fixtures/docx"]),
        ("absolute", vec![&absolute]),
        (
            "rounds",
            vec![
                "samples/seed-combined.txt#3",
                "--against",
                "samples/seed-combined.txt#2",
            ],
        ),
        ("error", vec!["no-such.txt", FILES[0]]),
    ];
    let mut files = Vec::new();
    for (name, paths) in runs {
        let sarif = dir.path().join(format!("{name}.sarif"));
        let out = sarif.display().to_string();
        let mut args = vec!["check", "--format", "sarif", "-o", &out];
        args.extend(paths);
        let (code, _, err) = run(&args);
        assert!(code == 1 || code == 2, "{name}: {err}");
        files.push(sarif);
    }
    // One run of the validator for all (it takes seconds to start).
    let errors = validation_errors(&tool, &files);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_pre_commit_hook_runs_what_it_says() {
    let hooks = std::fs::read_to_string(repo(".pre-commit-hooks.yaml")).unwrap();
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .expect("an entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("rasoat"));
    // pre-commit appends the staged files' paths, excluded ones included.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".rasoat.toml"), "exclude = [\"nhap/**\"]\n").unwrap();
    std::fs::create_dir_all(dir.path().join("nhap")).unwrap();
    for f in ["a.txt", "nhap/b.txt"] {
        std::fs::copy(repo("samples/cong-van-v2.txt"), dir.path().join(f)).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(words)
        .args(["--show-files", "a.txt", "nhap/b.txt"])
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("no-user-config"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a.txt\n");
    // It checks the kinds of files rasoat reads, .docx included.
    for kind in ["markdown", "text"] {
        assert!(hooks.contains(kind), "{kind}");
    }
    let files = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .expect("a files pattern");
    assert!(files.contains("docx"), "{files}");
}
