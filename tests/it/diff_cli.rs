//! `rasoat diff` from the command line: documents chosen, formats, colour, exit codes.

use crate::common::{rasoat, run};

#[test]
fn one_file_with_several_versions_compares_the_last_two() {
    let (code, out, err) = run(&["diff", "samples/seed-combined.txt", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["old"]["document"], 2);
    assert_eq!(v["new"]["document"], 3);
    assert_eq!(
        v["ignored"],
        serde_json::json!(["whitespace", "markup", "unicode-form"])
    );
    let iii3 = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["new"]["number"] == "III.3")
        .unwrap();
    assert_eq!(iii3["status"], "changed");
    assert_eq!(iii3["moved"], false);
    assert_eq!(iii3["renumbered"], false);
    assert_eq!(iii3["old"]["line"], 184);
    assert_eq!(iii3["new"]["line"], 339);
    assert!(v["stats"]["sections_changed"].as_u64().unwrap() > 0);
}

#[test]
fn seed_json_snapshot() {
    let (code, out, _) = run(&[
        "diff",
        "samples/seed-combined.txt#2",
        "samples/seed-combined.txt#3",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn exit_code_reports_differences() {
    let (code, _, _) = run(&[
        "diff",
        "samples/cong-van-v1.txt",
        "samples/cong-van-v2.txt",
        "--exit-code",
    ]);
    assert_eq!(code, 1);
    let (code, _, _) = run(&[
        "diff",
        "samples/cong-van-v1.txt",
        "samples/cong-van-v1.txt",
        "--exit-code",
    ]);
    assert_eq!(code, 0);
    let (code, _, _) = run(&["diff", "samples/cong-van-v1.txt", "samples/cong-van-v2.txt"]);
    assert_eq!(code, 0, "without --exit-code differences are not a failure");
}

#[test]
fn ignore_options_are_reported_and_applied() {
    let (_, out, _) = run(&[
        "diff",
        "samples/seed-combined.txt",
        "--ignore",
        "case,list-markers",
        "--no-ignore",
        "markup",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["ignored"],
        serde_json::json!(["whitespace", "case", "list-markers", "unicode-form"])
    );
    assert!(
        v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["marker_changed"] == false)
    );
}

#[test]
fn single_path_without_versions_is_a_usage_error() {
    let (code, _, err) = run(&["diff", "samples/cong-van-v1.txt"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        "rasoat: samples/cong-van-v1.txt: không có hai phiên bản của cùng một văn bản (1 văn bản); hãy chỉ hai đường dẫn hoặc PATH#N"
    );
    let (code, _, err) = run(&["diff", "samples/seed-combined.txt#2"]);
    assert_eq!(code, 2);
    assert!(err.contains("hãy chỉ thêm văn bản thứ hai"), "{err}");
}

#[test]
fn text_is_plain_without_a_terminal_and_coloured_on_request() {
    let (_, plain, _) = run(&["diff", "samples/cong-van-v1.txt", "samples/cong-van-v2.txt"]);
    assert!(!plain.contains('\u{1b}'));
    assert!(plain.contains("[-25-]{+10+}"), "{plain}");
    let out = rasoat()
        .args([
            "diff",
            "samples/cong-van-v1.txt",
            "samples/cong-van-v2.txt",
            "--color",
            "always",
        ])
        .output()
        .unwrap();
    let coloured = String::from_utf8(out.stdout).unwrap();
    // Deletion red + strikethrough, insertion green + underline.
    assert!(coloured.contains("\u{1b}[9m\u{1b}[31m25"), "{coloured:?}");
    assert!(coloured.contains("\u{1b}[4m\u{1b}[32m10"), "{coloured:?}");
}

#[test]
fn report_formats_snapshot() {
    for format in ["text", "markdown", "html"] {
        let (code, out, err) = run(&[
            "diff",
            "samples/quyet-dinh-v1.txt",
            "samples/quyet-dinh-v2.txt",
            "--format",
            format,
        ]);
        assert_eq!(code, 0, "{err}");
        insta::with_settings!({snapshot_suffix => format}, {
            insta::assert_snapshot!(out);
        });
    }
}

#[test]
fn html_is_one_self_contained_file() {
    let (_, html, _) = run(&["diff", "samples/seed-combined.txt", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("src="));
    assert!(html.contains("<del>Thanh niên</del><ins>Thực hiện dân chủ ở cơ sở</ins>"));
    assert!(html.contains("text-decoration: line-through"));
}

#[test]
fn invisible_characters_inside_words_show_unless_the_unicode_form_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::write(&old, "Kế hoạch\n\n1. Tổ chức tuyên truyền rộng rãi.\n").unwrap();
    std::fs::write(
        &new,
        "Kế hoạch\n\n1. Tổ chức tuyên truy\u{200B}ền rộng\u{202E} rãi.\n",
    )
    .unwrap();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    // By default the Unicode form is ignored: the texts read the same.
    let (code, out, err) = run(&["diff", "--color", "never", old, new]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 mục sửa đổi"), "{out}");
    for shown in ["unicode-form", "whitespace,markup,unicode-form"] {
        let (code, out, err) = run(&["diff", "--color", "never", "--no-ignore", shown, old, new]);
        assert_eq!(code, 0, "{err}");
        // Each invisible character is part of its word: one word changed each, two in all.
        assert!(
            out.contains("[-truyền rộng-]{+truy⟨U+200B⟩ền rộng⟨U+202E⟩+} rãi.")
                || out.contains("[-truyền-]{+truy⟨U+200B⟩ền+} [-rộng-]{+rộng⟨U+202E⟩+} rãi."),
            "{shown}: {out}"
        );
        assert!(out.contains("2 từ thêm, 2 từ xóa"), "{out}");
        assert!(out.contains("1 mục sửa đổi"), "{out}");
        assert!(
            !out.contains('\u{200B}') && !out.contains('\u{202E}'),
            "{out}"
        );
    }
}

#[test]
fn review_without_a_terminal_exits_as_check_does() {
    // Piped (the test's stdout is not a terminal): v2 brings an error-level finding
    // (SPELL-NOI-NHAN), so the printed review exits 1, as `check --against` would.
    let (code, out, err) = run(&["samples/cong-van-v1.txt", "samples/cong-van-v2.txt"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("lỗi[SPELL-NOI-NHAN]"), "{out}");
    // Differences alone are not a failure: the reverse has no error finding in the new round.
    let (code, out, err) = run(&["samples/cong-van-v2.txt", "samples/cong-van-v1.txt"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, _) = run(&[
        "check",
        "samples/cong-van-v2.txt",
        "--against",
        "samples/cong-van-v1.txt",
    ]);
    assert_eq!(code, 1);
}
