//! Hostile and broken inputs: each gets its exact one-line message and exit code 2 (or is read
//! within the documented limits), never a panic, a hang or an out-of-memory.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::common::run;

fn expect_error(args: &[&str], message: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    assert_eq!(err.trim_end(), message);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

fn shown(p: &Path) -> String {
    p.to_string_lossy().to_string()
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // Sparse: the test does not write 200 MB, and rasoat must not read them.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let p = shown(&path);
    for cmd in ["outline", "check", "text"] {
        expect_error(
            &[cmd, &p],
            &format!(
                "rasoat: {p}: tệp dài 209715200 byte, quá giới hạn 67108864 byte (tăng giới hạn bằng --max-file-size)"
            ),
        );
    }
}

#[test]
fn a_single_50_mb_line_is_refused_with_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-line.txt");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all("Số: 12/UBND-VX\n".as_bytes()).unwrap();
    let chunk = "Nội dung không xuống dòng ".repeat(1000);
    while f.metadata().unwrap().len() < 50 * 1024 * 1024 {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    drop(f);
    let p = shown(&path);
    let (code, _, err) = run(&["diff", &p, &p]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with(&format!("rasoat: {p}: dòng 2 dài 5"))
            && err.trim_end().ends_with(
                "byte, quá giới hạn 1048576 byte (tăng giới hạn bằng --max-line-length)"
            ),
        "{err}"
    );
}

#[test]
fn many_sections_and_deep_numbering_are_read_or_refused_by_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("ỦY BAN NHÂN DÂN TỈNH A\nSố: 1/KH-UBND\nKẾ HOẠCH\nThử\n");
    for i in 1..=1000 {
        text.push_str(&format!("{i}. Phần {i}\n"));
        for j in 0..100 {
            text.push_str(&format!("- Việc {j};\n"));
        }
    }
    let many = dir.path().join("many.txt");
    std::fs::write(&many, &text).unwrap();
    let p = shown(&many);
    let (code, out, err) = run(&["outline", "--format", "json", &p]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\"number\": \"999.-100\""),
        "the last sections are read"
    );
    expect_error(
        &["check", "--max-sections", "50000", &p],
        &format!("rasoat: {p}: 100999 mục, quá giới hạn 50000 (tăng giới hạn bằng --max-sections)"),
    );
    // Numbering nested 1,000 deep: 1. / 1.1. / 1.1.1. …
    let mut deep = String::from("KẾ HOẠCH\nThử\n");
    for depth in 1..=1000 {
        deep.push_str(&vec!["1"; depth].join("."));
        deep.push_str(". Mức\n\n");
    }
    let path = dir.path().join("deep.txt");
    std::fs::write(&path, deep).unwrap();
    let p = shown(&path);
    for args in [
        vec!["outline", "--format", "json", &p],
        vec!["check", &p],
        vec!["diff", "--format", "json", &p, &p],
    ] {
        let (code, _, err) = run(&args);
        assert!(code == 0 || code == 1, "{args:?}: {err}");
    }
}

#[test]
fn missing_files_fifos_and_documents_that_do_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = shown(&dir.path().join("missing.txt"));
    expect_error(
        &["outline", &missing],
        &format!("rasoat: {missing}: không có tệp này"),
    );
    let fifo = dir.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let f = shown(&fifo);
    expect_error(
        &["check", &f],
        &format!("rasoat: {f}: không phải tệp thông thường (FIFO, socket hay thiết bị)"),
    );
    expect_error(
        &["outline", "samples/seed-combined.txt#99"],
        "rasoat: samples/seed-combined.txt#99: không có văn bản này; tệp có 3 văn bản",
    );
}

#[test]
fn symlink_loops_under_a_checked_folder_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        crate::common::repo("samples/cong-van-v1.txt"),
        d.join("cong-van.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(d.join("b.txt"), d.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("a.txt"), d.join("b.txt")).unwrap();
    std::os::unix::fs::symlink(d, d.join("again")).unwrap();
    let (code, out, err) = run(&["check", "--format", "json", &shown(d)]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(err.is_empty(), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["files"], 1);
    let a = shown(&d.join("a.txt"));
    expect_error(
        &["outline", &a],
        &format!("rasoat: {a}: too many levels of symbolic links"),
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn an_unreadable_folder_is_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    let readable = d.join("cong-van.txt");
    std::fs::copy(crate::common::repo("samples/cong-van-v1.txt"), &readable).unwrap();
    std::fs::set_permissions(&readable, std::fs::Permissions::from_mode(0o644)).unwrap();
    let locked = d.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("secret.txt"), "Số: 1/UBND\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything: run rasoat as nobody then.
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_rasoat"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_rasoat"))
    };
    let output = cmd
        .args(["check", "--format", "json", &shown(d)])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert_eq!(
        err.trim_end(),
        format!("rasoat: {}: không có quyền truy cập", shown(&locked))
    );
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        v["summary"]["files"], 1,
        "the readable file is still checked"
    );
}

#[test]
fn broken_rule_files_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("x");
    std::fs::create_dir(&pack).unwrap();
    let rule = pack.join("X-HUGE.toml");
    std::fs::write(
        &rule,
        "id = \"X-HUGE\"\npack = \"x\"\nseverity = \"error\"\nkind = \"pattern\"\nmessage = \"m\"\ndoc = \"d\"\n[params]\npattern = \"(a{1000}){1000}\"\n[examples]\nbad = [\"a\"]\ngood = [\"b\"]\n",
    )
    .unwrap();
    let rules = shown(dir.path());
    let r = shown(&rule);
    expect_error(
        &["check", "--rules", &rules, "samples/cong-van-v1.txt"],
        &format!(
            "rasoat: {r}:8: invalid regex in `pattern`: Compiled regex exceeds size limit of 4194304 bytes."
        ),
    );
    std::fs::write(&rule, "id = \"X-BAD\"\npack = [\n").unwrap();
    expect_error(
        &["check", "--rules", &rules, "samples/cong-van-v1.txt"],
        &format!("rasoat: {r}:2: unclosed array, expected `]`"),
    );
}

/// A .docx of `paragraphs` numbered paragraphs (list 1, level 0) with this `numbering.xml`,
/// stored without compression.
fn numbered_docx(path: &Path, numbering: &str, paragraphs: usize) {
    let mut body = String::new();
    for i in 0..paragraphs {
        body.push_str(&format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Việc {i}</w:t></w:r></w:p>"#
        ));
    }
    docx_with(path, &body, numbering);
}

/// A .docx with this body XML and list definitions, stored without compression.
fn docx_with(path: &Path, body: &str, numbering: &str) {
    use zip::write::SimpleFileOptions;
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document =
        format!(r#"<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>"#);
    let numbering = format!(r#"<?xml version="1.0"?><w:numbering {w}>{numbering}</w:numbering>"#);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in [
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

fn one_level(start: u64, format: &str, text: &str) -> String {
    format!(
        r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#
    )
}

#[test]
fn docx_numbering_that_would_build_huge_labels_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "letters.docx",
            one_level(2_147_483_000, "lowerLetter", "%1)"),
            1,
        ),
        (
            "upper.docx",
            one_level(4_294_967_295, "upperLetter", "%1."),
            100,
        ),
        (
            "placeholders.docx",
            one_level(1, "decimal", &"%1".repeat(1000)),
            100,
        ),
    ];
    for (name, numbering, paragraphs) in cases {
        let path = dir.path().join(name);
        numbered_docx(&path, &numbering, paragraphs);
        assert!(std::fs::metadata(&path).unwrap().len() < 20_000);
        let p = shown(&path);
        let started = std::time::Instant::now();
        for cmd in ["outline", "check", "text"] {
            expect_error(
                &[cmd, &p],
                &format!(
                    "rasoat: {p}: word/numbering.xml: nhãn đánh số tự động của danh sách 1, cấp 1 dài quá 256 byte (không nhãn thật nào dài như vậy; tệp hỏng hoặc cố ý gây hại?)"
                ),
            );
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "{name}: {:?}",
            started.elapsed()
        );
    }
    // Labels under the cap that together outgrow the body they label.
    let path = dir.path().join("budget.docx");
    numbered_docx(&path, &one_level(1, "decimal", &"x".repeat(250)), 1000);
    let p = shown(&path);
    expect_error(
        &["outline", &p],
        &format!(
            "rasoat: {p}: word/numbering.xml: các nhãn đánh số tự động dài hơn cả word/document.xml; tệp hỏng hoặc cố ý gây hại?"
        ),
    );
    // Real labels are read as before.
    let path = dir.path().join("real.docx");
    numbered_docx(&path, &one_level(52, "lowerLetter", "%1)"), 2);
    let (code, out, err) = run(&["text", &shown(&path)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "    1  zz) Việc 0\n    2  aaa) Việc 1\n");
}

/// A short list with several safe fixes, some of which only show once others are applied.
const FIXABLE: &str = "Nơi nhận:\n- Ủy ban nhân dân các huyện, thị xã, thành phố  ;\n- Các sở( ban ngành  ) ;\n- Lưu: VT.\n";
const FIXED: &str = "Nơi nhận:\n- Ủy ban nhân dân các huyện, thị xã, thành phố;\n- Các sở(ban ngành);\n- Lưu: VT.\n";

#[test]
fn fix_applies_until_nothing_is_left_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    std::fs::write(&doc, FIXABLE).unwrap();
    let p = shown(&doc);
    let (code, _, err) = run(&["check", &p, "--fix", "--no-backup"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), FIXED);
    let (_, out, err) = run(&["check", &p, "--fix", "--dry-run"]);
    assert!(!out.contains("(đã sửa)"), "nothing left: {out}{err}");
}

#[test]
fn fix_refuses_read_only_files_and_files_with_several_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, FIXABLE).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let p = shown(&locked);
    expect_error(
        &["check", &p, "--fix"],
        &format!("rasoat: {p}: tệp chỉ đọc; --fix không ghi (bỏ chỉ đọc nếu muốn sửa)"),
    );
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), FIXABLE);
    assert_eq!(
        std::fs::metadata(&locked).unwrap().permissions().mode() & 0o777,
        0o444
    );
    let linked = dir.path().join("linked.txt");
    std::fs::write(&linked, FIXABLE).unwrap();
    std::fs::hard_link(&linked, dir.path().join("other-name.txt")).unwrap();
    let p = shown(&linked);
    expect_error(
        &["check", &p, "--fix"],
        &format!(
            "rasoat: {p}: tệp có 2 liên kết cứng; --fix không ghi, vì ghi sẽ tách tệp khỏi các liên kết kia"
        ),
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("other-name.txt")).unwrap(),
        FIXABLE
    );
    // Nothing was left behind: no backup, no temporary file.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["linked.txt", "locked.txt", "other-name.txt"]);
}

#[test]
fn fix_keeps_mode_owner_and_group_of_the_file_and_its_backup() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("plan.txt");
    std::fs::write(&doc, FIXABLE).unwrap();
    std::fs::set_permissions(&doc, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root, the file belongs to someone else (nobody), as a shared folder's files do.
    if is_root() {
        std::os::unix::fs::chown(&doc, Some(65534), Some(65534)).unwrap();
    }
    let before = std::fs::metadata(&doc).unwrap();
    let (code, _, err) = run(&["check", &shown(&doc), "--fix"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), FIXED);
    for path in [doc.clone(), dir.path().join("plan.txt.orig")] {
        let after = std::fs::metadata(&path).unwrap();
        assert_eq!(after.mode() & 0o7777, 0o640, "{path:?}");
        assert_eq!(
            (after.uid(), after.gid()),
            (before.uid(), before.gid()),
            "{path:?}"
        );
    }
}

#[test]
fn control_characters_in_documents_and_file_names_reach_no_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let text = "UBND TỈNH A\nSỞ B\n\nSố: 12/SB-VP\nV/v thử \u{1b}[31mđỏ\u{1b}[0m\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n1. Việc \u{1b}]0;pwned\u{7} một  hai\u{9b}2J.\n";
    let named = dir.path().join("e\u{1b}[2Jx.txt");
    std::fs::write(&named, text).unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, text.replace("một", "ba")).unwrap();
    let docx = dir.path().join("esc.docx");
    docx_with(
        &docx,
        "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:r><w:t>Việc &#x1b;]0;pwned&#x7; một</w:t></w:r></w:p>",
        "",
    );
    let (n, o, d) = (shown(&named), shown(&other), shown(&docx));
    let missing = format!("{n}.missing");
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", &n],
        vec!["check", "--format", "github", &n],
        vec!["check", "--fix", "--dry-run", &n],
        vec!["outline", &n],
        vec!["outline", &d],
        vec!["text", &n],
        vec!["text", &d],
        vec!["diff", "--color", "never", &n, &o],
        vec!["diff", "--format", "markdown", &n, &o],
        vec!["diff", "--color", "always", &n, &o],
        vec!["outline", &missing],
    ];
    for args in &runs {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rasoat"))
            .args(args)
            .output()
            .unwrap();
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let s = String::from_utf8_lossy(bytes);
            let leaked = if args.contains(&"always") {
                // Colour is the report's own: only SGR sequences, none from the document.
                s.contains("\u{1b}]") || s.contains("\u{1b}[2J") || s.contains("\u{7}")
            } else {
                s.contains(['\u{1b}', '\u{7}', '\u{9b}'])
            };
            assert!(!leaked, "{args:?} {stream}: {s:?}");
        }
    }
    let (_, out, _) = run(&["text", &n]);
    assert!(out.contains("Việc ␛]0;pwned␇ một  hai�2J."), "{out}");
    let (_, _, err) = run(&["outline", &missing]);
    assert!(
        err.contains("e␛[2Jx.txt.missing: không có tệp này"),
        "{err}"
    );
}

#[test]
fn write_baseline_refuses_links_and_the_files_it_reads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("plan.txt");
    std::fs::write(&doc, FIXABLE).unwrap();
    let d = shown(&doc);
    // The document itself, however the path is spelled.
    let spelled = format!("{}/./plan.txt", shown(dir.path()));
    for target in [d.clone(), spelled.clone()] {
        expect_error(
            &["check", &d, "--write-baseline", &target],
            &format!(
                "rasoat: {target}: là tệp mà lần chạy này đọc (văn bản, cấu hình hay mốc); --write-baseline không ghi đè lên nó"
            ),
        );
    }
    // A document inside a checked folder.
    expect_error(
        &["check", &shown(dir.path()), "--write-baseline", &d],
        &format!(
            "rasoat: {d}: là tệp mà lần chạy này đọc (văn bản, cấu hình hay mốc); --write-baseline không ghi đè lên nó"
        ),
    );
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), FIXABLE);
    // The configuration.
    let config = dir.path().join("rasoat.toml");
    std::fs::write(&config, "").unwrap();
    let c = shown(&config);
    let (code, _, err) = run(&["check", &d, "--config", &c, "--write-baseline", &c]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "");
    // A symbolic link, to anything.
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "giữ nguyên").unwrap();
    let link = dir.path().join("baseline.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let l = shown(&link);
    expect_error(
        &["check", &d, "--write-baseline", &l],
        &format!("rasoat: {l}: là liên kết tượng trưng; --write-baseline không ghi qua liên kết"),
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "giữ nguyên");
    // A new baseline is written whole, readable as files are, with nothing left beside it.
    let out_dir = tempfile::tempdir().unwrap();
    let baseline = out_dir.path().join("baseline.json");
    let (code, _, err) = run(&["check", &d, "--write-baseline", &shown(&baseline)]);
    assert_eq!(code, 0, "{err}");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(written["version"], 1);
    assert_eq!(
        std::fs::metadata(&baseline).unwrap().permissions().mode() & 0o777,
        0o644
    );
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 1);
}

#[test]
fn a_baseline_of_another_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, r#"{"version": 99, "findings": []}"#).unwrap();
    let b = shown(&baseline);
    expect_error(
        &["check", "--baseline", &b, "samples/cong-van-v1.txt"],
        &format!(
            "rasoat: {b}: mốc phiên bản 99, rasoat này chỉ đọc mốc phiên bản 1; ghi lại bằng --write-baseline"
        ),
    );
}

fn rule_file(dir: &Path, pack: &str, id: &str) -> std::path::PathBuf {
    let folder = dir.join(pack);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join(format!("{id}.toml"));
    std::fs::write(
        &path,
        format!(
            "id = \"{id}\"\npack = \"{pack}\"\nseverity = \"info\"\nkind = \"pattern\"\nmessage = \"m\"\ndoc = \"d\"\n[params]\npattern = \"zzzq\"\n[examples]\nbad = [\"zzzq\"]\ngood = [\"b\"]\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn two_rules_of_ones_own_with_one_id_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let first = rule_file(dir.path(), "mot", "X-DUP");
    let second = rule_file(dir.path(), "hai", "X-DUP");
    // Replacing a built-in rule stays allowed.
    rule_file(dir.path(), "ba", "TYPO-DOUBLE-SPACE");
    let rules = shown(dir.path());
    // Files are read in name order: ba, hai, mot.
    expect_error(
        &["check", "--rules", &rules, "samples/cong-van-v1.txt"],
        &format!(
            "rasoat: {}:1: mã quy tắc `X-DUP` đã có ở {}; hai quy tắc không được trùng mã (chỉ quy tắc có sẵn mới được thay bằng quy tắc cùng mã)",
            shown(&first),
            shown(&second)
        ),
    );
    std::fs::remove_file(&second).unwrap();
    let (code, _, err) = run(&[
        "check",
        "--rules",
        &rules,
        "--rules",
        &rules,
        "samples/cong-van-v1.txt",
    ]);
    assert!(
        code == 0 || code == 1,
        "a folder given twice is fine: {err}"
    );
}

#[test]
fn a_configuration_reads_rule_folders_only_inside_its_repository() {
    let outer = tempfile::tempdir().unwrap();
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    rule_file(&repo, "rieng", "X-INSIDE");
    rule_file(outer.path(), "ngoai", "X-OUTSIDE");
    let doc = repo.join("plan.txt");
    std::fs::copy(crate::common::repo("samples/cong-van-v1.txt"), &doc).unwrap();
    let config = repo.join(".rasoat.toml");
    let c = shown(&config);
    for folder in ["/", "../ngoai"] {
        std::fs::write(
            &config,
            format!("[rules]\nfolders = [\"rieng\", \"{folder}\"]\n"),
        )
        .unwrap();
        let root = std::fs::canonicalize(&repo).unwrap();
        expect_error(
            &["check", &shown(&doc)],
            &format!(
                "rasoat: {c}: thư mục quy tắc `{folder}` nằm ngoài kho {}; cấu hình chỉ đọc quy tắc trong kho (thư mục khác: dùng --rules DIR)",
                root.display()
            ),
        );
    }
    std::fs::write(&config, "[rules]\nfolders = [\"rieng\"]\n").unwrap();
    let (code, _, err) = run(&["check", &shown(&doc)]);
    assert!(code == 0 || code == 1, "{err}");
    // On the command line, any folder.
    let (code, _, err) = run(&[
        "check",
        "--rules",
        &shown(&outer.path().join("ngoai")),
        &shown(&doc),
    ]);
    assert!(code == 0 || code == 1, "{err}");
}

#[test]
fn a_baseline_matches_however_the_path_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = shown(&dir.path().join("baseline.json"));
    let (code, _, err) = run(&[
        "check",
        "./samples//seed-combined.txt",
        "--write-baseline",
        &baseline,
    ]);
    assert_eq!(code, 0, "{err}");
    let absolute = shown(&crate::common::repo("samples/seed-combined.txt"));
    for typed in [
        "samples/seed-combined.txt",
        "samples/./seed-combined.txt",
        &absolute,
    ] {
        let (code, out, err) = run(&["check", "--format", "json", typed, "--baseline", &baseline]);
        assert_eq!(code, 0, "{typed}: nothing new\n{out}{err}");
    }
}

#[test]
fn suppressions_in_a_file_of_many_documents_each_apply_to_their_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let one = |i: usize, suppressed: bool| {
        format!(
            "UBND TỈNH SÓC TRĂNG\nSỞ Y TẾ\n\nSố: {i}/KH-SYT\n\nKẾ HOẠCH\nThử {i}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSóc Trăng, ngày 04 tháng 7 năm 2023\n\n{}1. Việc  một./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nTrần Văn A\n\n",
            if suppressed {
                "<!-- rasoat-disable-next-line TYPO-DOUBLE-SPACE reason: thử -->\n"
            } else {
                ""
            }
        )
    };
    // 300 documents, every third without its suppression; then a range over the last two.
    let mut text: String = (1..=300).map(|i| one(i, i % 3 != 0)).collect();
    text.push_str("<!-- rasoat-disable TYPO-DOUBLE-SPACE reason: trích -->\n");
    text.push_str(&one(301, false));
    text.push_str(&one(302, false));
    let path = dir.path().join("many.md");
    std::fs::write(&path, text).unwrap();
    let (_, out, err) = run(&["check", "--format", "json", &shown(&path)]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{err}"));
    let count = |rule: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .count()
    };
    assert_eq!(count("TYPO-DOUBLE-SPACE"), 100);
    assert_eq!(count("RASOAT-UNUSED-SUPPRESSION"), 0);
}

/// Findings of `rasoat check --format json` on `path`.
fn json_findings(path: &str) -> Vec<serde_json::Value> {
    let (code, out, err) = run(&["check", "--format", "json", path]);
    assert!(code != 2, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["findings"].as_array().unwrap().clone()
}

#[test]
fn invisible_controls_are_reported_and_the_rules_read_through_them() {
    let seed = std::fs::read_to_string(crate::common::repo("samples/seed-combined.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let before = json_findings(
        crate::common::repo("samples/seed-combined.txt")
            .to_str()
            .unwrap(),
    );
    for control in ['\u{202E}', '\u{2066}', '\u{200F}', '\u{7}', '\u{E0041}'] {
        // The control right after the wrong law name of round 1 (line 184), where it ended the
        // name for CONS-LAW-SUBJECT.
        let text = seed.replacen(
            "thi hành Luật Thanh niên đảm bảo",
            &format!("thi hành Luật Thanh niên{control} đảm bảo"),
            1,
        );
        let path = dir.path().join("seed.txt");
        std::fs::write(&path, &text).unwrap();
        let found = json_findings(path.to_str().unwrap());
        let of = |v: &[serde_json::Value], rule: &str| -> Vec<(u64, u64, u64)> {
            v.iter()
                .filter(|f| f["rule"] == rule)
                .map(|f| {
                    (
                        f["line"].as_u64().unwrap(),
                        f["column"].as_u64().unwrap(),
                        f["end_column"].as_u64().unwrap(),
                    )
                })
                .collect()
        };
        assert_eq!(
            of(&found, "CONS-LAW-SUBJECT"),
            of(&before, "CONS-LAW-SUBJECT"),
            "U+{:04X}: the law is still read, at the same columns",
            control as u32
        );
        let controls: Vec<&serde_json::Value> = found
            .iter()
            .filter(|f| f["rule"] == "TYPO-INVISIBLE-CONTROL")
            .collect();
        assert_eq!(controls.len(), 1, "U+{:04X}", control as u32);
        let line184: Vec<char> = text.lines().nth(183).unwrap().chars().collect();
        let column = controls[0]["column"].as_u64().unwrap() as usize;
        assert_eq!(line184[column - 1], control);
        let name = format!("U+{:04X}", control as u32);
        assert!(
            controls[0]["message"].as_str().unwrap().contains(&name),
            "{}",
            controls[0]["message"]
        );
        // Nothing else changes: the other rules read the line as before.
        let rules = |v: &[serde_json::Value]| -> Vec<String> {
            let mut r: Vec<String> = v
                .iter()
                .filter(|f| f["rule"] != "TYPO-INVISIBLE-CONTROL")
                .map(|f| format!("{}:{}:{}", f["rule"], f["line"], f["column"]))
                .collect();
            r.sort();
            r
        };
        assert_eq!(rules(&found), rules(&before), "U+{:04X}", control as u32);
    }
    let v = json_findings(
        crate::common::repo("samples/seed-combined.txt")
            .to_str()
            .unwrap(),
    );
    assert!(!v.iter().any(|f| f["rule"] == "TYPO-INVISIBLE-CONTROL"));
}

#[test]
fn fix_refuses_docx_and_text_converted_from_a_legacy_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Ủy ban  nhân dân tỉnh đề nghị các sở  thực hiện.";
    let docx = dir.path().join("sua.docx");
    docx_with(
        &docx,
        &format!("<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"),
        "",
    );
    let text = dir.path().join("sua.txt");
    std::fs::write(&text, format!("{line}\n")).unwrap();
    let (d, t) = (shown(&docx), shown(&text));
    let before = (std::fs::read(&docx).unwrap(), std::fs::read(&text).unwrap());
    for (args, message) in [
        (
            vec!["check", "--fix", &d],
            format!("rasoat: {d}: --fix không sửa tệp .docx; hãy sửa theo gợi ý trong Word"),
        ),
        (
            vec!["check", "--fix", "--convert-legacy", &t],
            format!("rasoat: {t}: --fix không sửa tệp đọc bằng --convert-legacy"),
        ),
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.lines().any(|l| l == message), "{args:?}: {err}");
    }
    assert_eq!(
        (std::fs::read(&docx).unwrap(), std::fs::read(&text).unwrap()),
        before
    );
    // Nothing written beside them: no backup, no temporary file.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}
