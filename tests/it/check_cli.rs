//! `rasoat check` from the command line: the seed, rounds, formats, configuration, fixes.

use crate::common::run;
use std::fs;

fn findings(args: &[&str]) -> (i32, serde_json::Value) {
    let mut full = args.to_vec();
    full.extend(["--format", "json"]);
    let (code, out, err) = run(&full);
    assert!(code != 2, "{err}");
    (code, serde_json::from_str(&out).expect("JSON output"))
}

fn has(v: &serde_json::Value, document: u64, rule: &str, excerpt: &str) -> bool {
    v["findings"].as_array().unwrap().iter().any(|f| {
        f["document"] == document
            && f["rule"] == rule
            && f["excerpt"].as_str().unwrap().contains(excerpt)
    })
}

#[test]
fn opt_in_rules_run_only_when_named_by_id() {
    let path = "samples/seed-combined.txt";
    let (_, v) = findings(&["check", path, "--extend-enable", "TYPO-BULLET-MIX"]);
    assert!(has(&v, 2, "TYPO-BULLET-MIX", "-"));
    assert!(
        has(&v, 2, "ND30-LUU-VT", "Lưu: NC, HC"),
        "the others still run"
    );
    // `--enable` of the rule alone runs it alone.
    let (_, v) = findings(&["check", path, "--enable", "TYPO-BULLET-MIX"]);
    let rules: std::collections::BTreeSet<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules.into_iter().collect::<Vec<_>>(), ["TYPO-BULLET-MIX"]);
    // Naming its pack runs the pack's usual rules, not the opt-in one.
    let (_, v) = findings(&["check", path, "--enable", "typography"]);
    assert!(!has(&v, 2, "TYPO-BULLET-MIX", "-"));
    assert!(has(&v, 2, "TYPO-SPACE-BEFORE-PUNCT", " ."));
}

#[test]
fn unknown_rule_names_are_rejected_with_a_suggestion() {
    for flag in ["--enable", "--disable", "--extend-enable"] {
        let (code, out, err) = run(&["check", "samples/seed-combined.txt", flag, "ND30-LUU-V"]);
        assert_eq!(code, 2, "{flag}: {out}{err}");
        assert!(
            err.contains("`ND30-LUU-V` (có phải `ND30-LUU-VT`?)"),
            "{err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("x.txt"), "Nơi nhận:\n- Lưu: VT.\n").unwrap();
    fs::write(
        dir.path().join(".rasoat.toml"),
        "[rules]\ndisable = [\"typograhpy\"]\n",
    )
    .unwrap();
    let file = dir.path().join("x.txt");
    let (code, _, err) = run(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`typograhpy` (có phải `typography`?)"),
        "{err}"
    );
    assert!(
        err.contains(".rasoat.toml"),
        "names the configuration: {err}"
    );
}

#[test]
fn seed_findings_a_reviewer_expects() {
    let (code, v) = findings(&["check", "samples/seed-combined.txt"]);
    assert_eq!(code, 1, "errors found: exit 1");
    // Draft round 1 (document 2): the wrong law, the Lưu line, mixed bullets, space before ".".
    assert!(has(&v, 2, "CONS-LAW-SUBJECT", "Luật Thanh niên"));
    assert!(has(&v, 2, "ND30-LUU-VT", "Lưu: NC, HC"));
    assert!(has(&v, 2, "CONS-ARCHIVE-UNIT", "Lưu: NC, HC"));
    // Mixed bullets: TYPO-BULLET-MIX is opt-in (2 of 52 findings right on judged documents).
    assert!(!has(&v, 2, "TYPO-BULLET-MIX", "-"));
    assert!(has(&v, 2, "TYPO-SPACE-BEFORE-PUNCT", " ."));
    // Draft round 2 (document 3): "Noi nhận" and the same space before ".".
    assert!(has(&v, 3, "SPELL-NOI-NHAN", "Noi nhận"));
    assert!(has(&v, 3, "TYPO-SPACE-BEFORE-PUNCT", " ."));
    // The cover letter (document 1): its symbol form and its Lưu line without the unit VX.
    assert!(has(&v, 1, "ND30-SO-FORMAT", "Số.3593 /VP-VX"));
    assert!(has(&v, 1, "CONS-ARCHIVE-UNIT", "Lưu: VT."));
    // Lines are 1-based in the original file, columns in characters.
    let law = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "CONS-LAW-SUBJECT")
        .unwrap();
    assert_eq!(
        (law["line"].as_u64(), law["section"].as_str()),
        (Some(184), Some("III.3"))
    );
    let line = fs::read_to_string(crate::common::repo("samples/seed-combined.txt")).unwrap();
    let l184: Vec<char> = line.lines().nth(183).unwrap().chars().collect();
    let col = law["column"].as_u64().unwrap() as usize;
    let end = law["end_column"].as_u64().unwrap() as usize;
    assert_eq!(
        l184[col - 1..end].iter().collect::<String>(),
        "Luật Thanh niên"
    );
    assert_eq!(law["suggestion"], "Luật Thực hiện dân chủ ở cơ sở");
}

#[test]
fn against_labels_new_old_and_fixed() {
    let (_, v) = findings(&[
        "check",
        "samples/seed-combined.txt#3",
        "--against",
        "samples/seed-combined.txt#2",
    ]);
    let round = |rule: &str, excerpt: &str| -> String {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule && f["excerpt"].as_str().unwrap().contains(excerpt))
            .map(|f| f["round"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(round("SPELL-NOI-NHAN", "Noi nhận"), "new");
    assert_eq!(round("CONS-LAW-SUBJECT", "Luật Thanh niên"), "fixed");
    assert_eq!(round("TYPO-SPACE-BEFORE-PUNCT", " ."), "old");
    assert_eq!(round("ROUND-SIGNER-CHANGED", "KT. CHỦ TỊCH"), "new");
    assert!(v["summary"]["fixed"].as_u64().unwrap() >= 1);
}

#[test]
fn fail_on_decides_the_exit_code() {
    let (code, _, _) = run(&["check", "samples/quyet-dinh-v1.txt", "--fail-on", "never"]);
    assert_eq!(code, 0);
    let (code, _, _) = run(&["check", "samples/seed-combined.txt#3", "--fail-on", "error"]);
    assert_eq!(code, 1);
    let (code, _, _) = run(&[
        "check",
        "samples/seed-combined.txt#3",
        "--disable",
        "SPELL-NOI-NHAN",
        "--fail-on",
        "error",
    ]);
    assert_eq!(code, 0, "only warnings remain");
    let (code, _, _) = run(&[
        "check",
        "samples/seed-combined.txt#3",
        "--disable",
        "SPELL-NOI-NHAN",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(code, 1);
}

#[test]
fn text_format_snapshot() {
    let (code, out, _) = run(&["check", "samples/cong-van-v2.txt"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn github_and_sarif_formats() {
    let (_, out, _) = run(&["check", "samples/cong-van-v2.txt", "--format", "github"]);
    assert!(out.lines().any(|l| l.starts_with("::error file=samples/cong-van-v2.txt,line=25,col=1,endLine=25,endColumn=8,title=SPELL-NOI-NHAN::")), "{out}");
    let (_, out, _) = run(&["check", "samples/cong-van-v2.txt", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 30);
    assert!(rules.iter().all(|r| {
        r["help"]["text"]
            .as_str()
            .unwrap()
            .contains("Vì sao quan trọng")
    }));
    let result = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "SPELL-NOI-NHAN")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            region["startLine"].as_u64(),
            region["startColumn"].as_u64(),
            region["endColumn"].as_u64()
        ),
        (Some(25), Some(1), Some(9))
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "samples/cong-van-v2.txt"
    );
    assert!(
        result["partialFingerprints"]["rasoat/v1"]
            .as_str()
            .unwrap()
            .len()
            == 16
    );
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "SPELL-NOI-NHAN"
    );
}

#[test]
fn folders_are_walked_honouring_ignore_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("vong-2")).unwrap();
    fs::write(
        dir.path().join("vong-2/du-thao.md"),
        "Noi nhận:\n- Lưu: VT.\n",
    )
    .unwrap();
    fs::write(dir.path().join("ghi-chu.md"), "Noi nhận trong ghi chú.\n").unwrap();
    fs::write(dir.path().join(".rasoatignore"), "ghi-chu.md\n").unwrap();
    fs::write(dir.path().join("anh.png"), b"\x89PNG").unwrap();
    let (_, v) = findings(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(v["summary"]["files"], 1);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["path"].as_str().unwrap().ends_with("du-thao.md"))
    );
}

#[test]
fn configuration_disables_and_changes_severity() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "Noi nhận:\n- Như trên\n- Lưu: VT.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join(".rasoat.toml"),
        "[rules]\ndisable = [\"typography\"]\n\n[rules.severity]\nSPELL-NOI-NHAN = \"info\"\n",
    )
    .unwrap();
    let (code, v) = findings(&["check", dir.path().join("a.txt").to_str().unwrap()]);
    assert_eq!(code, 0, "the only error became info");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SPELL-NOI-NHAN")
        .unwrap();
    assert_eq!(f["severity"], "info");
    fs::write(dir.path().join(".rasoat.toml"), "[rules]\nfrobnicate = 1\n").unwrap();
    let (code, _, err) = run(&["check", dir.path().join("a.txt").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains(".rasoat.toml:2: unknown field `frobnicate`"),
        "{err}"
    );
}

#[test]
fn inline_suppression_and_unused_suppression() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    fs::write(
        &p,
        "<!-- rasoat-disable-next-line SPELL-NOI-NHAN reason: trích nguyên văn -->\nNoi nhận:\n- Lưu: VT.\n<!-- rasoat-disable SPELL-KINH-GUI reason: không dùng -->\n",
    )
    .unwrap();
    let (_, v) = findings(&["check", p.to_str().unwrap()]);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"SPELL-NOI-NHAN"), "{rules:?}");
    assert_eq!(
        rules
            .iter()
            .filter(|r| **r == "RASOAT-UNUSED-SUPPRESSION")
            .count(),
        1,
        "{rules:?}"
    );
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    let baseline = dir.path().join("baseline.json");
    fs::write(&doc, "Noi nhận:\n- Lưu: VT.\n").unwrap();
    let (code, _, _) = run(&[
        "check",
        doc.to_str().unwrap(),
        "--write-baseline",
        baseline.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    // Lines move, the old finding stays known; a new one appears.
    fs::write(&doc, "Kính gởi: Sở Tư pháp.\n\nNoi nhận:\n- Lưu: VT.\n").unwrap();
    let (_, v) = findings(&[
        "check",
        doc.to_str().unwrap(),
        "--baseline",
        baseline.to_str().unwrap(),
    ]);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"SPELL-KINH-GUI"),
        "the new finding is reported: {rules:?}"
    );
    assert!(
        !rules.contains(&"SPELL-NOI-NHAN"),
        "the recorded one is not: {rules:?}"
    );
}

#[test]
fn fix_writes_atomically_with_a_backup_and_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    let original =
        "Noi nhận:\r\n- Ủy ban nhân dân các huyện, thị xã, thành phố ;\r\n- Lưu: VT.\r\n";
    fs::write(&doc, original).unwrap();
    let (_, out, _) = run(&["check", doc.to_str().unwrap(), "--fix", "--dry-run"]);
    assert!(
        out.contains("-Noi nhận:") && out.contains("+Nơi nhận:"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(&doc).unwrap(),
        original,
        "dry run writes nothing"
    );
    let (code, _, err) = run(&["check", doc.to_str().unwrap(), "--fix"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(&doc).unwrap(),
        "Nơi nhận:\r\n- Ủy ban nhân dân các huyện, thị xã, thành phố;\r\n- Lưu: VT.\r\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt.orig")).unwrap(),
        original
    );
    // Nothing else is left behind (no temporary files).
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[cfg(unix)]
#[test]
fn fix_refuses_to_write_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    fs::write(&real, "Noi nhận:\n- Lưu: VT.\n").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, _, err) = run(&["check", link.to_str().unwrap(), "--fix"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("là liên kết tượng trưng; --fix không ghi qua liên kết"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        "Noi nhận:\n- Lưu: VT.\n"
    );
}

#[test]
fn bad_rule_files_are_reported_with_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("rieng");
    fs::create_dir_all(&pack).unwrap();
    fs::write(
        pack.join("MY-RULE.toml"),
        "id = \"MY-RULE\"\npack = \"rieng\"\nseverity = \"error\"\nkind = \"pattern\"\nmessage = \"m\"\ndoc = \"d\"\n\n[params]\npattern = '(unclosed'\n",
    )
    .unwrap();
    let (code, _, err) = run(&[
        "check",
        "samples/cong-van-v1.txt",
        "--rules",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    let expected = format!(
        "{}:9: invalid regex in `pattern`",
        pack.join("MY-RULE.toml").display()
    );
    assert!(err.contains(&expected), "{err}");
    let regex_bomb = "id = \"MY-RULE\"\npack = \"rieng\"\nseverity = \"error\"\nkind = \"pattern\"\nmessage = \"m\"\ndoc = \"d\"\n\n[params]\npattern = '(\\w{1000}){1000}'\n";
    fs::write(pack.join("MY-RULE.toml"), regex_bomb).unwrap();
    let (code, _, err) = run(&[
        "check",
        "samples/cong-van-v1.txt",
        "--rules",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("MY-RULE.toml:9: invalid regex in `pattern`"),
        "{err}"
    );
}

#[test]
fn a_user_rule_overrides_a_builtin_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("spelling");
    fs::create_dir_all(&pack).unwrap();
    let builtin =
        fs::read_to_string(crate::common::repo("rules/spelling/SPELL-NOI-NHAN.toml")).unwrap();
    fs::write(
        pack.join("SPELL-NOI-NHAN.toml"),
        builtin.replace("severity = \"error\"", "severity = \"info\""),
    )
    .unwrap();
    let (_, v) = findings(&[
        "check",
        "samples/cong-van-v2.txt",
        "--rules",
        dir.path().to_str().unwrap(),
    ]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SPELL-NOI-NHAN")
        .unwrap();
    assert_eq!(f["severity"], "info");
}

#[test]
fn rules_and_explain() {
    let (code, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["rules"].as_array().unwrap().len() >= 30);
    let (code, out, _) = run(&["explain", "CONS-LAW-SUBJECT"]);
    assert_eq!(code, 0);
    assert!(out.contains("Vì sao quan trọng") && out.contains("Luật Thanh niên"));
    let (code, _, err) = run(&["explain", "NO-SUCH"]);
    assert_eq!(code, 2);
    assert!(err.contains("NO-SUCH: không có quy tắc này"));
}

#[test]
fn unreadable_files_are_errors_but_others_are_still_checked() {
    let (code, out, err) = run(&[
        "check",
        "samples/cong-van-v2.txt",
        "no-such.txt",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("rasoat: no-such.txt: không có tệp này"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["summary"]["findings"].as_u64().unwrap() > 0);
}

/// `--fix` killed at any moment leaves the original or the fixed file, never a mix, and the
/// backup (when written) equal to the original.
#[test]
fn fix_killed_mid_write_leaves_the_file_whole() {
    use std::time::{Duration, Instant};
    let original: String = "Ủy ban  nhân dân tỉnh đề nghị các sở  thực hiện.\n\n".repeat(10_000);
    let dir = tempfile::tempdir().unwrap();
    // The fully fixed text, from a run that is not interrupted.
    let reference = dir.path().join("reference.txt");
    std::fs::write(&reference, &original).unwrap();
    let start = Instant::now();
    let (code, _, err) = run(&["check", reference.to_str().unwrap(), "--fix", "--no-backup"]);
    let full = start.elapsed();
    assert!(code == 0 || code == 1, "{err}");
    let fixed = std::fs::read_to_string(&reference).unwrap();
    assert_ne!(fixed, original);
    let mut outcomes = (0, 0);
    // Kill points go on past the measured time while no run has reached its rename: on a loaded
    // machine the runs take longer than the one measured.
    for step in 0..40u32 {
        if step >= 12 && outcomes.0 > 0 && outcomes.1 > 0 {
            break;
        }
        let work = tempfile::tempdir().unwrap();
        let doc = work.path().join("plan.txt");
        std::fs::write(&doc, &original).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rasoat"))
            .args(["check", doc.to_str().unwrap(), "--fix"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill points spread over the whole run, the write at its end included.
        std::thread::sleep(full.mul_f64(f64::from(step) / 10.0) + Duration::from_millis(5));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&doc).unwrap();
        if now == original {
            outcomes.0 += 1;
        } else {
            assert_eq!(now, fixed, "step {step}: a partly written file");
            outcomes.1 += 1;
        }
        for entry in std::fs::read_dir(work.path()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            match name.as_str() {
                "plan.txt" => {}
                "plan.txt.orig" => assert!(
                    std::fs::read_to_string(work.path().join(&name)).unwrap() == original,
                    "a backup that exists is the whole original"
                ),
                n => assert!(
                    n.starts_with(".rasoat-") && n.ends_with(".tmp"),
                    "stray file {n}"
                ),
            }
        }
    }
    assert!(
        outcomes.0 > 0 && outcomes.1 > 0,
        "kills before and after the rename: {outcomes:?}"
    );
}

#[test]
fn look_alike_letters_are_reported_at_their_place_with_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.txt");
    let text = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 15/KH-UBND\n\nKẾ HOẠCH\n\n\
        Căn cứ Nghị định số 30/2020/NĐ-\u{421}P ngày 05 tháng 3 năm 2020;\n\n\
        1. \u{421}ông tác tuyên truyền theo Điều l2 của Luật.\n\n\
        2. Kế hoạch năm 2O25, thay thế Công văn số 1O/2024.\n\n\
        3. Văn bản tiếng Nga: Москва.\n";
    fs::write(&path, text).unwrap();
    let (_, v) = findings(&["check", path.to_str().unwrap()]);
    let found: Vec<(String, u64, u64, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "TYPO-MIXED-SCRIPT" || f["rule"] == "TYPO-LETTER-IN-NUMBER")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["suggestion"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let at: Vec<(&str, u64, u64, &str)> = found
        .iter()
        .map(|(r, l, c, s, _)| (r.as_str(), *l, *c, s.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            ("TYPO-MIXED-SCRIPT", 8, 32, "C"),
            ("TYPO-MIXED-SCRIPT", 10, 4, "C"),
            ("TYPO-LETTER-IN-NUMBER", 10, 36, "12"),
            ("TYPO-LETTER-IN-NUMBER", 12, 17, "2025"),
            ("TYPO-LETTER-IN-NUMBER", 12, 44, "10"),
        ]
    );
    assert!(
        found[0].4.contains("U+0421 CYRILLIC CAPITAL LETTER ES"),
        "{}",
        found[0].4
    );
    assert!(
        found[2].4.contains("U+006C LATIN SMALL LETTER L"),
        "{}",
        found[2].4
    );
    assert!(
        found[3].4.contains("U+004F LATIN CAPITAL LETTER O"),
        "{}",
        found[3].4
    );
}

#[test]
fn text_output_names_severities_in_vietnamese_and_json_keeps_the_contract() {
    let (_, out, _) = run(&["check", "samples/seed-combined.txt"]);
    for word in ["lỗi[", "cảnh báo[", "thông tin[", "= ghi chú: "] {
        assert!(out.contains(word), "{word}: {out}");
    }
    for word in ["error[", "warning[", "info[", "= note:"] {
        assert!(!out.contains(word), "{word}: {out}");
    }
    // The review command without a terminal prints the same findings.
    let (_, out, _) = run(&["samples/seed-combined.txt"]);
    assert!(out.contains("lỗi[") && !out.contains("error["), "{out}");
    let (_, v) = findings(&["check", "samples/seed-combined.txt"]);
    let severities: std::collections::BTreeSet<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(
        severities.into_iter().collect::<Vec<_>>(),
        ["error", "info", "warning"]
    );
}

#[test]
fn a_mistyped_subcommand_is_suggested_when_no_such_file_exists() {
    let (code, out, err) = run(&["chek", "samples/seed-combined.txt"]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        err.trim_end(),
        "rasoat: chek: không có lệnh hay tệp này (có phải `rasoat check`?)"
    );
    // A file of that name is read as a file.
    let dir = tempfile::tempdir().unwrap();
    let chek = dir.path().join("chek");
    fs::write(&chek, "").unwrap();
    let out = crate::common::rasoat()
        .current_dir(dir.path())
        .args(["chek"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("chek: tệp rỗng"), "{err}");
}

#[test]
fn each_file_takes_its_nearest_configuration_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Noi nhận:\n- Như trên\n- Lưu: VT.\n";
    for sub in ["a", "b"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("x.txt"), text).unwrap();
    }
    // Only a/ turns the spelling rule off.
    fs::write(
        dir.path().join("a/.rasoat.toml"),
        "[rules]\ndisable = [\"SPELL-NOI-NHAN\"]\n",
    )
    .unwrap();
    let a = dir.path().join("a/x.txt").display().to_string();
    let b = dir.path().join("b/x.txt").display().to_string();
    let spelled = |v: &serde_json::Value| -> Vec<String> {
        let mut paths: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "SPELL-NOI-NHAN")
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        paths.sort();
        paths
    };
    let (_, ab) = findings(&["check", &a, &b]);
    let (_, ba) = findings(&["check", &b, &a]);
    assert_eq!(spelled(&ab), vec![b.clone()], "{ab}");
    assert_eq!(spelled(&ba), vec![b.clone()], "{ba}");
    // The same findings (listed in the order of the paths given).
    let sorted = |v: &serde_json::Value| {
        let mut all: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.to_string())
            .collect();
        all.sort();
        all
    };
    assert_eq!(sorted(&ab), sorted(&ba));
    // `--config` and `--no-config` still decide for every file.
    let (_, v) = findings(&["check", &b, &a, "--no-config"]);
    assert_eq!(spelled(&v).len(), 2);
    let (_, v) = findings(&[
        "check",
        &b,
        &a,
        "--config",
        &dir.path().join("a/.rasoat.toml").display().to_string(),
    ]);
    assert!(spelled(&v).is_empty());
}

#[test]
fn fix_reports_the_findings_left_after_fixing() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    fs::write(&doc, "Noi nhận:\n- Như trên ;\n- Lưu: VT.\n").unwrap();
    let p = doc.to_str().unwrap();
    let (_, before) = findings(&["check", p]);
    assert!(has(&before, 1, "SPELL-NOI-NHAN", "Noi nhận"), "{before}");
    let (code, out, err) = run(&["check", p, "--fix", "--no-backup", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let after: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = after["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        !rules.contains(&"SPELL-NOI-NHAN") && !rules.contains(&"TYPO-SPACE-BEFORE-PUNCT"),
        "fixed findings are not reported: {rules:?}"
    );
    // What is reported is what a check of the fixed file reports.
    let (_, again) = findings(&["check", p]);
    assert_eq!(after["findings"], again["findings"]);
    // A dry run writes nothing, so it reports the findings as they are.
    fs::write(&doc, "Noi nhận:\n- Như trên ;\n- Lưu: VT.\n").unwrap();
    let (code, out, _) = run(&["check", p, "--fix", "--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("+Nơi nhận:") && out.contains("lỗi[SPELL-NOI-NHAN]"),
        "{out}"
    );
}

#[test]
fn sarif_uris_descriptions_and_input_errors() {
    let cwd = std::env::current_dir().unwrap();
    let absolute = cwd.join("samples/cong-van-v2.txt").display().to_string();
    let (code, out, _) = run(&[
        "check",
        &absolute,
        "samples/cong-van-v2.txt",
        "no-such.txt",
        "--format",
        "sarif",
    ]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run0 = &v["runs"][0];
    let uris: std::collections::BTreeSet<(String, String)> = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let a = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                a["uri"].as_str().unwrap().to_string(),
                a["uriBaseId"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // An absolute path is a file:// URI; a relative one is relative to %SRCROOT%.
    let root = format!("file://{}/", cwd.display());
    assert_eq!(
        uris.into_iter().collect::<Vec<_>>(),
        [
            (format!("{root}samples/cong-van-v2.txt"), String::new()),
            (
                "samples/cong-van-v2.txt".to_string(),
                "%SRCROOT%".to_string()
            ),
        ]
    );
    assert_eq!(run0["originalUriBaseIds"]["%SRCROOT%"]["uri"], root);
    // The file that could not be read is the invocation's notification.
    let invocation = &run0["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["message"]["text"],
        "no-such.txt: không có tệp này"
    );
    // Short descriptions are whole sentences, not the first line of the paragraph.
    for r in run0["tool"]["driver"]["rules"].as_array().unwrap() {
        let text = r["shortDescription"]["text"].as_str().unwrap();
        assert!(
            text.ends_with(['.', '!', '?', ')'])
                && !text
                    .chars()
                    .find(|c| c.is_alphanumeric())
                    .unwrap()
                    .is_lowercase(),
            "{}: {text}",
            r["id"]
        );
    }
    let luu = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ND30-LUU-VT")
        .unwrap();
    assert_eq!(
        luu["shortDescription"]["text"],
        "Mục cuối của Nơi nhận ghi `- Lưu: VT, <đơn vị soạn thảo>.`: bản lưu của Văn thư (VT) đứng đầu."
    );
}

#[test]
fn force_exclude_leaves_out_explicit_paths_the_ignore_files_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Noi nhận:\n- Như trên;\n- Lưu: VT.\n";
    fs::create_dir_all(dir.path().join("docs/nhap")).unwrap();
    for f in [
        "README.md",
        "docs/plan.txt",
        "docs/nhap/a.txt",
        "docs/giu-cu.txt",
    ] {
        fs::write(dir.path().join(f), text).unwrap();
    }
    fs::write(
        dir.path().join(".rasoatignore"),
        "README.md\nnhap/\n*-cu.txt\n",
    )
    .unwrap();
    // A deeper ignore file brings a file back.
    fs::write(dir.path().join("docs/.rasoatignore"), "!giu-cu.txt\n").unwrap();
    let checked = |args: &[&str]| -> Vec<String> {
        let out = crate::common::rasoat()
            .current_dir(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(2), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut paths: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        paths.dedup();
        paths
    };
    let files = [
        "README.md",
        "./docs/plan.txt",
        "docs/nhap/../nhap/a.txt",
        "docs/giu-cu.txt",
    ];
    // Named on the command line, every file is checked, as before.
    assert_eq!(checked(&files).len(), 4);
    // The folder walk agrees.
    assert_eq!(checked(&["."]), ["./docs/giu-cu.txt", "./docs/plan.txt"]);
    // With --force-exclude the ignore files decide, as for a folder walked.
    let mut args = files.to_vec();
    args.push("--force-exclude");
    assert_eq!(checked(&args), ["./docs/plan.txt", "docs/giu-cu.txt"]);
}

#[test]
fn concise_quiet_and_statistics() {
    let p = "samples/cong-van-v2.txt";
    let (code, out, _) = run(&["check", p, "--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "samples/cong-van-v2.txt:25:1: lỗi SPELL-NOI-NHAN Viết sai \"Noi nhận\"; phải là \"Nơi nhận\".\n\
         samples/cong-van-v2.txt:28:1: cảnh báo CONS-ARCHIVE-UNIT Dòng \"Lưu\" phải có đơn vị soạn thảo \"CCVC\" (theo ký hiệu văn bản); đang ghi: VT.\n\
         2 phát hiện (1 lỗi, 1 cảnh báo, 0 thông tin) trong 1 văn bản, 1 tệp.\n"
    );
    // Quiet: the findings only, in every text format.
    let (code, out, _) = run(&["check", p, "--format", "concise", "-q"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
    let (_, full, _) = run(&["check", p]);
    let (_, quiet, _) = run(&["check", p, "--quiet"]);
    assert!(
        full.starts_with(&quiet) && !quiet.contains("phát hiện ("),
        "{quiet}"
    );
    // Statistics: a count per rule, most first, instead of the findings.
    let (code, out, _) = run(&["check", "samples/seed-combined.txt", "--statistics"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "5  CONS-CAPS-SO-BAN-NGANH   cảnh báo", "{out}");
    assert!(lines.contains(&"1  SPELL-NOI-NHAN           lỗi"), "{out}");
    assert!(lines.last().unwrap().contains("phát hiện ("), "{out}");
    assert!(!out.contains("-->"), "{out}");
    let (code, _, err) = run(&["check", p, "--statistics", "--format", "json"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn quiet_leaves_out_notes_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    fs::write(&doc, "Noi nhận:\n- Như trên;\n- Lưu: VT.\n").unwrap();
    let p = doc.to_str().unwrap();
    let (_, _, err) = run(&["check", p, "--fix", "--no-backup"]);
    assert!(err.contains("đã sửa 1 chỗ"), "{err}");
    fs::write(&doc, "Noi nhận:\n- Như trên;\n- Lưu: VT.\n").unwrap();
    let (_, _, err) = run(&["check", p, "--fix", "--no-backup", "-q"]);
    assert_eq!(err, "");
}

#[test]
fn force_color_colours_piped_output_and_no_color_wins() {
    let colour = |env: &[(&str, &str)], args: &[&str]| -> bool {
        let mut cmd = crate::common::rasoat();
        cmd.env_remove("NO_COLOR").env_remove("FORCE_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap().contains('\x1b')
    };
    let check = ["check", "samples/cong-van-v2.txt"];
    let diff = ["diff", "samples/cong-van-v1.txt", "samples/cong-van-v2.txt"];
    for args in [&check[..], &diff[..]] {
        assert!(!colour(&[], args), "piped: no colour");
        assert!(colour(&[("FORCE_COLOR", "1")], args));
        assert!(!colour(&[("FORCE_COLOR", "0")], args));
        assert!(!colour(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")], args));
        let mut never = args.to_vec();
        never.extend(["--color", "never"]);
        assert!(!colour(&[("FORCE_COLOR", "1")], &never));
    }
}

#[test]
fn output_file_is_written_atomically_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    let text = "Noi nhận:\n- Như trên;\n- Lưu: VT.\n";
    fs::write(&doc, text).unwrap();
    let p = doc.to_str().unwrap();
    let report = dir.path().join("bao-cao.json");
    let r = report.to_str().unwrap();
    let (code, out, err) = run(&["check", p, "--format", "json", "-o", r]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out, "", "nothing on stdout");
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert!(has(&v, 1, "SPELL-NOI-NHAN", "Noi nhận"));
    // Written again over the old report, with no temporary file left.
    let (code, _, _) = run(&["check", p, "--format", "concise", "--output-file", r]);
    assert_eq!(code, 1);
    assert!(
        fs::read_to_string(&report)
            .unwrap()
            .contains(": lỗi SPELL-NOI-NHAN ")
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    // Never over a checked file, however it is spelled.
    let same = dir.path().join(".").join("a.txt");
    let (code, _, err) = run(&["check", p, "-o", same.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("--output-file không ghi đè lên nó"), "{err}");
    assert_eq!(fs::read_to_string(&doc).unwrap(), text);
    // Nor through a symbolic link.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(dir.path().join("elsewhere.txt"), &link).unwrap();
        let (code, _, err) = run(&["check", p, "-o", link.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert!(err.contains("không ghi qua liên kết"), "{err}");
        assert!(!dir.path().join("elsewhere.txt").exists());
    }
}

#[test]
fn standard_input_with_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(
        dir.path().join("docs/.rasoat.toml"),
        "[rules.severity]\nSPELL-NOI-NHAN = \"warning\"\n",
    )
    .unwrap();
    let text = "Noi nhận:\n- Như trên;\n- Lưu: VT.\n";
    let piped = |args: &[&str]| {
        let out = crate::common::rasoat()
            .current_dir(dir.path())
            .args(args)
            .write_stdin(text)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // `-` alone: shown as `-`, no configuration of a folder.
    let (code, out, err) = piped(&["check", "-", "--format", "concise"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("-:1:1: lỗi SPELL-NOI-NHAN "), "{out}");
    // With a name: shown as it, configured by the .rasoat.toml nearest to it.
    let (code, out, err) = piped(&[
        "check",
        "-",
        "--stdin-filename",
        "docs/du-thao.md",
        "--format",
        "concise",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("docs/du-thao.md:1:1: cảnh báo SPELL-NOI-NHAN "),
        "{out}"
    );
    // The name alone reads standard input too.
    let (code, out, _) = piped(&["check", "--stdin-filename", "x.txt", "--format", "concise"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("x.txt:1:1: lỗi"), "{out}");
    // --fix does not rewrite standard input.
    let (code, _, err) = piped(&["check", "-", "--fix"]);
    assert_eq!(code, 2);
    assert!(err.contains("đầu vào chuẩn"), "{err}");
}

#[test]
fn shell_completions_and_the_manual_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(
            out.contains("check") && out.contains("stdin-filename"),
            "{shell}"
        );
    }
    let (code, _, _) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie") && out.contains(".TH rasoat 1"),
        "{out}"
    );
    assert!(out.contains("rasoat\\-check(1)"), "{out}");
    let (code, out, _) = run(&["man", "check"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(".TH rasoat-check 1") && out.contains("stdin\\-filename"),
        "{out}"
    );
    let (code, _, err) = run(&["man", "chek"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn show_files_and_show_config_check_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Noi nhận:\n- Như trên;\n- Lưu: VT.\n";
    fs::create_dir(dir.path().join("a")).unwrap();
    fs::write(dir.path().join("a/x.txt"), text).unwrap();
    fs::write(dir.path().join("y.md"), text).unwrap();
    fs::write(dir.path().join("README.md"), text).unwrap();
    fs::write(dir.path().join("a/.rasoat.toml"), "[rules]\n").unwrap();
    fs::write(dir.path().join(".rasoatignore"), "README.md\n").unwrap();
    let in_dir = |args: &[&str]| {
        let out = crate::common::rasoat()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (code, out) = in_dir(&["check", "--show-files"]);
    assert_eq!((code, out.as_str()), (0, "./a/x.txt\n./y.md\n"));
    let (code, out) = in_dir(&[
        "check",
        "--show-files",
        "README.md",
        "y.md",
        "--force-exclude",
    ]);
    assert_eq!((code, out.as_str()), (0, "y.md\n"));
    let (code, out) = in_dir(&["check", "--show-config", "y.md", "a/x.txt"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "y.md\t(không có cấu hình)");
    assert!(
        lines[1].starts_with("a/x.txt\t") && lines[1].ends_with("a/.rasoat.toml"),
        "{out}"
    );
}

#[test]
fn an_unreadable_against_file_is_an_input_error_and_the_new_round_is_still_checked() {
    let (code, out, err) = run(&[
        "check",
        "samples/seed-combined.txt#3",
        "--against",
        "samples/khong-co.txt",
        "--format",
        "concise",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("samples/khong-co.txt"), "{err}");
    assert!(
        out.contains("SPELL-NOI-NHAN"),
        "the new round's findings: {out}"
    );
}
