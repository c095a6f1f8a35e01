//! The registry of documents: the citation rules against the built-in registry, `rasoat registry
//! build` and `show`, `--registry` and `registry = …` in `.rasoat.toml`.

use std::fs;

use crate::common::run;

fn registry_findings(args: &[&str]) -> Vec<serde_json::Value> {
    let mut full = args.to_vec();
    full.extend(["--format", "json"]);
    let (code, out, err) = run(&full);
    assert!(code != 2, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON output");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("REG-"))
        .cloned()
        .collect()
}

#[test]
fn a_cited_decrees_changed_day_gets_the_right_date() {
    let wrong = registry_findings(&["check", "tests/fixtures/registry/quyet-dinh-sai-ngay.md"]);
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    let f = &wrong[0];
    assert_eq!(f["rule"], "REG-CITATION-DATE");
    assert_eq!(f["line"], 31);
    assert!(
        f["excerpt"]
            .as_str()
            .unwrap()
            .contains("63/2010/NĐ-CP ngày 18/6/2010")
    );
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("ngày 08/06/2010"), "{message}");
    // The document as published cites its bases right: nothing from the registry rules.
    let right = registry_findings(&["check", "tests/fixtures/registry/quyet-dinh.md"]);
    assert!(right.is_empty(), "{right:#?}");
}

#[test]
fn the_seed_passes_clean_of_the_registry_rules() {
    let found = registry_findings(&["check", "samples/seed-combined.txt"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn registry_show_prints_what_is_known() {
    let (code, out, err) = run(&["registry", "show", "30/2020/NĐ-CP"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Ngày:      05/03/2020"), "{out}");
    assert!(out.contains("Cơ quan:   Chính phủ"), "{out}");
    let (code, out, _) = run(&["registry", "show", "Luật Tổ chức chính quyền địa phương"]);
    assert_eq!(code, 0);
    assert!(out.contains("16/06/2025"), "{out}");
    let (code, out, _) = run(&["registry", "show", "9999/2099/NĐ-CP"]);
    assert_eq!(code, 1);
    assert!(out.contains("Danh mục không có văn bản"), "{out}");
}

/// An office's archive: three documents citing its own decision with one date.
fn archive(dir: &std::path::Path) {
    for (i, who) in ["Sở Tài chính", "Sở Y tế", "Sở Nội vụ"].iter().enumerate() {
        fs::write(
            dir.join(format!("cv{i}.txt")),
            format!(
                "KẾ HOẠCH\nThực hiện kế hoạch\n\nCăn cứ Quyết định số 12/2024/QĐ-UBND ngày 01/02/2024 của UBND tỉnh Lào Cai về quản lý.\n\n{who} thực hiện./.\n\nNơi nhận:\n- Lưu: VT.\n"
            ),
        )
        .unwrap();
    }
}

#[test]
fn registry_build_makes_a_registry_that_check_consults() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("luu-tru");
    fs::create_dir(&docs).unwrap();
    archive(&docs);
    let out = tmp.path().join("so.tsv");
    let (out_s, docs_s) = (out.to_str().unwrap(), docs.to_str().unwrap());
    let (code, stdout, err) = run(&["registry", "build", docs_s, "--output", out_s]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("3 tệp"), "{stdout}");
    let text = fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("12/2024/QĐ-UBND@ủy ban nhân dân tỉnh lào cai\td\t12/2024/QĐ-UBND\tQuyết định\t3\t01/02/2024\t3\t3"),
        "{text}"
    );
    // Never overwritten without --force; the same documents give the same bytes.
    let (code, _, err) = run(&["registry", "build", docs_s, "--output", out_s]);
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    let (code, _, err) = run(&["registry", "build", docs_s, "--output", out_s, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), text);

    let draft = tmp.path().join("du-thao.txt");
    fs::write(
        &draft,
        "KẾ HOẠCH\nThực hiện kế hoạch\n\nCăn cứ Quyết định số 12/2024/QĐ-UBND ngày 02/02/2024 của UBND tỉnh Lào Cai về quản lý.\n\nNơi nhận:\n- Lưu: VT.\n",
    )
    .unwrap();
    let draft_s = draft.to_str().unwrap();
    // The built-in registry does not know the local decision: nothing is reported.
    assert!(registry_findings(&["check", draft_s, "--no-config"]).is_empty());
    let found = registry_findings(&["check", draft_s, "--no-config", "--registry", out_s]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0]["message"].as_str().unwrap().contains("01/02/2024"));
    // The same from `.rasoat.toml`, relative to it.
    fs::write(tmp.path().join(".rasoat.toml"), "registry = \"so.tsv\"\n").unwrap();
    let found = registry_findings(&["check", draft_s]);
    assert_eq!(found.len(), 1, "{found:#?}");
    // Another province's decision with the same number is another document.
    let other = tmp.path().join("khac.txt");
    fs::write(
        &other,
        "KẾ HOẠCH\nThực hiện kế hoạch\n\nCăn cứ Quyết định số 12/2024/QĐ-UBND ngày 02/02/2024 của UBND tỉnh Yên Bái về quản lý.\n\nNơi nhận:\n- Lưu: VT.\n",
    )
    .unwrap();
    assert!(registry_findings(&["check", other.to_str().unwrap()]).is_empty());
}

#[test]
fn a_bad_registry_file_is_refused_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.tsv");
    fs::write(&bad, "# rasoat registry 1\n1/2020/NĐ-CP\td\tkhông đủ\n").unwrap();
    let (code, _, err) = run(&[
        "check",
        "samples/cong-van-v1.txt",
        "--registry",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.tsv:2:"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
