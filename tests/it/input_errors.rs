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
    expect_error(&["outline", &p], &format!("rasoat: {p}: tệp rỗng"));
    let (_d, p) = temp_with(b"  \n\t\r\n", "blank.txt");
    expect_error(
        &["outline", &p],
        &format!("rasoat: {p}: tệp không có chữ nào (chỉ có khoảng trắng)"),
    );
    let (_d, p) = temp_with(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image.txt");
    expect_error(
        &["outline", &p],
        &format!("rasoat: {p}: tệp nhị phân (byte NUL ở vị trí 8), không phải văn bản"),
    );
    let (_d, p) = temp_with(b"S\xe1 3593\nN\xf4i nh\xe2n", "latin1.txt");
    expect_error(
        &["outline", &p],
        &format!(
            "rasoat: {p}: không phải UTF-8 hợp lệ ở dòng 1, byte 1; hãy lưu tệp dưới dạng UTF-8"
        ),
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
        "rasoat: no/such/file.txt: không có tệp này",
    );
    expect_error(
        &["outline", "samples"],
        "rasoat: samples: là một thư mục, không phải tệp; hãy chỉ một tệp (hoặc dùng `rasoat check THƯ_MỤC`)",
    );
    expect_error(
        &["outline", "samples/seed-combined.txt#99"],
        "rasoat: samples/seed-combined.txt#99: không có văn bản này; tệp có 3 văn bản",
    );
    expect_error(
        &["outline", "samples/seed-combined.txt#0"],
        "rasoat: samples/seed-combined.txt#0: không có văn bản này; tệp có 3 văn bản",
    );
}

#[test]
fn unsupported_formats_name_the_way_out() {
    let (_d, p) = temp_with(b"%PDF-1.7", "draft.pdf");
    expect_error(
        &["outline", &p],
        &format!(
            "rasoat: {p}: không đọc được tệp PDF; hãy lưu văn bản thành .docx hoặc .txt UTF-8"
        ),
    );
}

#[test]
fn size_limit_is_enforced_with_a_message() {
    let (_d, p) = temp_with("Số: 1/QĐ-UBND\n".as_bytes(), "small.txt");
    expect_error(
        &["outline", &p, "--max-file-size", "4"],
        &format!(
            "rasoat: {p}: tệp dài 17 byte, quá giới hạn 4 byte (tăng giới hạn bằng --max-file-size)"
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
        &format!("rasoat: {p}: không phải tệp thông thường (FIFO, socket hay thiết bị)"),
    );
}

/// Runs rasoat, killing it after 20 s: a FIFO that hangs it fails the test instead of hanging it.
fn run_bounded(args: &[&str]) -> (i32, String, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn expect_bounded_error(args: &[&str], message: &str) {
    let (code, out, err) = run_bounded(args);
    assert_eq!(code, 2, "{args:?}\nstdout: {out}\nstderr: {err}");
    assert_eq!(err.trim_end(), message, "{args:?}");
}

#[test]
fn fifos_and_devices_as_documents_configs_baselines_and_rules_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let zero = zero.to_string_lossy().to_string();
    let sample = "samples/cong-van-v1.txt";
    let not_regular =
        |p: &str| format!("rasoat: {p}: không phải tệp thông thường (FIFO, socket hay thiết bị)");
    let mut specials = vec![zero.clone(), "/dev/zero".to_string()];
    if made {
        specials.push(fifo.to_string_lossy().to_string());
    } else {
        eprintln!("mkfifo unavailable: FIFO cases skipped");
    }
    for p in &specials {
        expect_bounded_error(&["check", "--config", p, sample], &not_regular(p));
        expect_bounded_error(&["check", "--baseline", p, sample], &not_regular(p));
        expect_bounded_error(&["outline", p], &not_regular(p));
    }
    if made {
        // A FIFO among the rule files of a folder.
        let rules = dir.path().to_string_lossy().to_string();
        let (code, _, err) = run_bounded(&["check", "--rules", &rules, sample]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(&not_regular(&fifo.to_string_lossy())), "{err}");
    }
}

#[test]
fn a_file_that_reports_no_size_is_still_held_to_the_limit() {
    // /proc files report 0 bytes whatever they hold.
    let maps = "/proc/self/maps";
    if !std::path::Path::new(maps).exists() {
        eprintln!("no /proc: skipped");
        return;
    }
    expect_bounded_error(
        &["outline", "--max-file-size", "100", maps],
        &format!(
            "rasoat: {maps}: tệp dài hơn giới hạn 100 byte khi đọc (tệp đang được ghi thêm, hay tệp đặc biệt như /proc); tăng giới hạn bằng --max-file-size"
        ),
    );
    // A baseline or configuration is held to it too.
    expect_bounded_error(
        &[
            "check",
            "--max-file-size",
            "100",
            "--config",
            maps,
            "samples/cong-van-v1.txt",
        ],
        &format!(
            "rasoat: {maps}: tệp dài hơn giới hạn 100 byte khi đọc (tệp đang được ghi thêm, hay tệp đặc biệt như /proc); tăng giới hạn bằng --max-file-size"
        ),
    );
}

#[test]
fn a_max_file_size_near_2_to_the_64_reads_docx_as_usual() {
    for max in ["18446744073709551615", "18446744073709551614"] {
        let (code, out, err) = run(&["text", "--max-file-size", max, "samples/seed-round1.docx"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("CỘNG HÒA"), "{out}");
    }
}

#[test]
fn a_document_number_too_large_for_any_file_is_said_to_be_so() {
    expect_error(
        &["outline", "samples/seed-combined.txt#999999999999999999999"],
        "rasoat: samples/seed-combined.txt#999999999999999999999: không có tệp này, và số thứ tự văn bản sau `#` quá lớn để có trong samples/seed-combined.txt; viết PATH#N với N từ 1",
    );
}

#[test]
fn a_closed_standard_output_is_an_error_not_a_silent_success() {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"exec "$0" check samples/cong-van-v1.txt >&-"#)
        .arg(env!("CARGO_BIN_EXE_rasoat"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(
        err.trim_end(),
        "rasoat: không ghi được đầu ra: đầu ra chuẩn đã đóng (standard output is closed)"
    );
    // A reader that goes away (`| head`) is not an error: rasoat stops quietly.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#""$0" check --format json samples/ | (exec 0<&-; sleep 1)"#)
        .arg(env!("CARGO_BIN_EXE_rasoat"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
