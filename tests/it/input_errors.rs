//! Bad input gets one clear line naming the file and the cause, exit code 2, never a panic.

use std::io::Write;

use crate::common::run;

fn temp_with(bytes: &[u8], name: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    let shown = path.to_string_lossy().to_string();
    (dir, shown)
}

fn expect_error(args: &[&str], message: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    assert_eq!(err.trim_end(), message);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn empty_whitespace_binary_invalid_files() {
    let (_d, p) = temp_with(b"", "empty.txt");
    expect_error(&["outline", &p], &format!("rasoat: {p}: file is empty"));
    let (_d, p) = temp_with(b"  \n\t\r\n", "blank.txt");
    expect_error(
        &["outline", &p],
        &format!("rasoat: {p}: file contains no text (only whitespace)"),
    );
    let (_d, p) = temp_with(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image.txt");
    expect_error(
        &["outline", &p],
        &format!("rasoat: {p}: binary file (NUL byte at offset 8), not a text document"),
    );
    let (_d, p) = temp_with(b"S\xe1 3593\nN\xf4i nh\xe2n", "latin1.txt");
    expect_error(
        &["outline", &p],
        &format!("rasoat: {p}: invalid UTF-8 at line 1, byte offset 1; save the file as UTF-8"),
    );
}

#[test]
fn utf16_files_are_decoded() {
    let text = "UBND TỈNH A\nSỞ B\n\nSố: 12/SB-VP\nV/v thử\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";
    for bom in [true, false] {
        let mut bytes: Vec<u8> = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (_d, p) = temp_with(&bytes, "utf16.txt");
        let (code, out, err) = run(&["outline", &p, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["documents"][0]["symbol"], "12/SB-VP");
    }
}

#[test]
fn missing_directory_and_unknown_document() {
    expect_error(
        &["outline", "no/such/file.txt"],
        "rasoat: no/such/file.txt: no such file",
    );
    expect_error(
        &["outline", "samples"],
        "rasoat: samples: is a directory; give a file (or use `rasoat check DIR`)",
    );
    expect_error(
        &["outline", "samples/seed-combined.txt#99"],
        "rasoat: samples/seed-combined.txt#99: no such document; the file holds 3 document(s)",
    );
    expect_error(
        &["outline", "samples/seed-combined.txt#0"],
        "rasoat: samples/seed-combined.txt#0: no such document; the file holds 3 document(s)",
    );
}

#[test]
fn unsupported_formats_name_the_way_out() {
    let (_d, p) = temp_with(b"%PDF-1.7", "draft.pdf");
    expect_error(
        &["outline", &p],
        &format!(
            "rasoat: {p}: PDF files are not supported; save the document as .docx or UTF-8 .txt"
        ),
    );
}

#[test]
fn size_limit_is_enforced_with_a_message() {
    let (_d, p) = temp_with("Số: 1/QĐ-UBND\n".as_bytes(), "small.txt");
    expect_error(
        &["outline", &p, "--max-file-size", "4"],
        &format!(
            "rasoat: {p}: file is 17 bytes, over the limit of 4 bytes (raise it with --max-file-size)"
        ),
    );
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let (code, _, err) = run(&["outline"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, _) = run(&["outline", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("PATH[#N]"));
    let (code, _, _) = run(&["--help"]);
    assert_eq!(code, 0);
}

#[cfg(unix)]
#[test]
fn fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let p = fifo.to_string_lossy().to_string();
    expect_error(
        &["outline", &p],
        &format!("rasoat: {p}: not a regular file (FIFO, socket or device)"),
    );
}
