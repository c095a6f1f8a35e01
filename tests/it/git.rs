//! Reading files as of a git revision (`REV:PATH`) and checking only what changed
//! (`check --changed-since REV [--against-base]`), in a throwaway repository.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::repo;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "rasoat")
        .env("GIT_AUTHOR_EMAIL", "rasoat@example.invalid")
        .env("GIT_COMMITTER_NAME", "rasoat")
        .env("GIT_COMMITTER_EMAIL", "rasoat@example.invalid")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn rasoat_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("rasoat runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A repository whose first commit holds round 1 of the plan (as .txt and .docx) and a cover
/// letter; the work tree then holds round 2 and a new document.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(d.join("docs")).unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(repo(from), d.join(to)).unwrap();
    copy("samples/seed-2-draft-round1.txt", "docs/plan.txt");
    copy("samples/seed-round1.docx", "docs/plan.docx");
    copy("samples/seed-1-cover-letter.txt", "docs/letter.txt");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "round 1"]);
    copy("samples/seed-3-draft-round2.txt", "docs/plan.txt");
    copy("samples/seed-round2.docx", "docs/plan.docx");
    copy("samples/quyet-dinh-v1.txt", "docs/new.txt");
    dir
}

#[test]
fn rev_path_reads_a_file_as_of_a_revision() {
    let dir = repository();
    let d = dir.path();
    for (old, new) in [
        ("HEAD:docs/plan.txt", "docs/plan.txt"),
        ("HEAD:docs/plan.docx", "docs/plan.docx"),
    ] {
        let (code, out, err) = rasoat_in(d, &["diff", "--format", "json", old, new]);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["old"]["path"], old);
        let iii3 = v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["new"]["number"] == "III.3")
            .expect("III.3");
        let inserted: Vec<&str> = iii3["edits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["op"] == "insert")
            .map(|e| e["text"].as_str().unwrap())
            .collect();
        assert!(
            inserted.contains(&"Thực hiện dân chủ ở cơ sở"),
            "{inserted:?}"
        );
    }
    // From a subfolder, PATH is relative to it, as every other path argument is.
    let (code, _, err) = rasoat_in(&d.join("docs"), &["outline", "HEAD:plan.txt"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = rasoat_in(
        d,
        &[
            "check",
            "--format",
            "json",
            "--against",
            "HEAD:docs/plan.txt",
            "docs/plan.txt",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["summary"]["new"].as_u64().is_some(), "{out}");
}

#[test]
fn rev_path_errors_are_one_line() {
    let dir = repository();
    let (code, _, err) = rasoat_in(dir.path(), &["outline", "nosuchrev:docs/plan.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("rasoat: nosuchrev:docs/plan.txt: git: "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, _, err) = rasoat_in(dir.path(), &["outline", "HEAD:docs/missing.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("rasoat: HEAD:docs/missing.txt: git: "),
        "{err}"
    );
    let (code, _, err) = rasoat_in(dir.path(), &["outline", "HEAD:docs"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        "rasoat: HEAD:docs: không phải tệp ở bản đó (một thư mục?); hãy chỉ một tệp"
    );
}

#[test]
fn changed_since_checks_only_changed_documents_against_their_base() {
    let dir = repository();
    let d = dir.path();
    let (code, out, err) = rasoat_in(
        d,
        &[
            "check",
            "--format",
            "json",
            "--changed-since",
            "HEAD",
            "--against-base",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let mut paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    paths.dedup();
    // docs/new.txt is untracked: not a change git knows of. The unchanged letter is skipped.
    assert_eq!(v["summary"]["files"], 2, "{out}");
    // Findings fixed since the base are shown in the base version (`a1b2c3d:docs/plan.txt`).
    assert!(
        paths
            .iter()
            .all(|p| p.ends_with("docs/plan.txt") || p.ends_with("docs/plan.docx")),
        "{paths:?}"
    );
    assert!(paths.iter().any(|p| p.contains(":docs/plan.")), "{paths:?}");
    // Compared with the base: findings carry their round.
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["round"].is_string()),
        "{out}"
    );
    // Once added, the new document is checked alone (no base version to compare with).
    git(d, &["add", "docs/new.txt"]);
    let (code, out, err) = rasoat_in(
        d,
        &[
            "check",
            "--format",
            "json",
            "--changed-since",
            "HEAD",
            "--against-base",
            "docs",
        ],
    );
    assert!(code == 0 || code == 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["files"], 3, "{out}");
    let (code, _, err) = rasoat_in(d, &["check", "--changed-since", "no-such-branch"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("rasoat: git merge-base: "), "{err}");
}

#[test]
fn revisions_that_look_like_options_and_files_that_look_like_revisions() {
    let dir = repository();
    let d = dir.path();
    // A revision starting with `-` reaches git as a revision, not an option.
    let pwned = d.join("pwned");
    let arg = format!("--output={}:docs/plan.txt", pwned.display());
    let (code, _, err) = rasoat_in(d, &["outline", "--", &arg]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid object name '--output="), "{err}");
    let (code, _, err) = rasoat_in(
        d,
        &[
            "check",
            &format!("--changed-since=--output={}", pwned.display()),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Not a valid object name --output="), "{err}");
    assert!(!pwned.exists());
    // A file named `HEAD:docs/plan.txt` is read, and the user told so.
    std::fs::create_dir(d.join("HEAD:docs")).unwrap();
    std::fs::copy(
        repo("samples/cong-van-v1.txt"),
        d.join("HEAD:docs/plan.txt"),
    )
    .unwrap();
    let (code, out, err) = rasoat_in(d, &["outline", "HEAD:docs/plan.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("812/SNV-CCVC"), "the file: {out}");
    assert_eq!(
        err.trim_end(),
        "rasoat: HEAD:docs/plan.txt: đọc tệp tên `HEAD:docs/plan.txt` trong thư mục, không phải `docs/plan.txt` ở bản `HEAD` của git (viết ./HEAD:docs/plan.txt để khỏi nhắc, hoặc đổi tên tệp để đọc bản git)"
    );
    let (code, _, err) = rasoat_in(d, &["outline", "./HEAD:docs/plan.txt"]);
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn fix_refuses_a_file_read_from_a_revision() {
    let dir = repository();
    let d = dir.path();
    let fixable = "Ủy ban  nhân dân tỉnh đề nghị các sở  thực hiện.\n";
    std::fs::write(d.join("docs/sua.txt"), fixable).unwrap();
    git(d, &["add", "docs/sua.txt"]);
    git(d, &["commit", "-q", "-m", "fixable"]);
    let (code, _, err) = rasoat_in(d, &["check", "--fix", "HEAD:docs/sua.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.lines()
            .any(|l| l == "rasoat: HEAD:docs/sua.txt: --fix không sửa tệp ở một bản git (REV:PATH)"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("docs/sua.txt")).unwrap(),
        fixable
    );
    assert!(!d.join("docs/sua.txt.orig").exists());
}
