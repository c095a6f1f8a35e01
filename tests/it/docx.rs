//! Word documents: the seed's rounds as .docx (automatic numbering, a table header, tracked
//! changes) must read exactly like the text samples; hostile archives get one clear line.

use serde_json::Value;

use crate::common::run;

/// Output JSON without what depends on where text sits in the file (lines, paths, the
/// tracked-changes side), which legitimately differs between a .txt and a .docx.
pub(crate) fn positionless(json: &str) -> Value {
    fn strip(v: Value) -> Value {
        match v {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .filter(|(k, _)| {
                        !matches!(
                            k.as_str(),
                            "line"
                                | "first_line"
                                | "last_line"
                                | "end_line"
                                | "column"
                                | "end_column"
                                | "path"
                                | "revisions"
                                | "position_unit"
                        )
                    })
                    .map(|(k, v)| (k, strip(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.into_iter().map(strip).collect()),
            other => other,
        }
    }
    strip(serde_json::from_str(json).expect("valid JSON"))
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    out
}

const ROUND1: &str = "samples/seed-2-draft-round1.txt";
const ROUND2: &str = "samples/seed-3-draft-round2.txt";

#[test]
fn docx_rounds_give_the_text_samples_outline() {
    let cases = [
        ("samples/seed-round1.docx", ROUND1, None),
        ("samples/seed-round2.docx", ROUND2, None),
        ("samples/seed-tracked.docx", ROUND2, None),
        ("samples/seed-tracked.docx", ROUND2, Some("new")),
        ("samples/seed-tracked.docx", ROUND1, Some("old")),
    ];
    for (docx, txt, side) in cases {
        let mut args = vec!["outline", "--format", "json", docx];
        if let Some(side) = side {
            args.extend(["--docx-revisions", side]);
        }
        let from_docx = positionless(&ok(&args));
        let from_txt = positionless(&ok(&["outline", "--format", "json", txt]));
        assert_eq!(from_docx, from_txt, "{docx} ({side:?}) vs {txt}");
    }
}

#[test]
fn docx_comparison_equals_the_text_comparison() {
    let txt = positionless(&ok(&["diff", "--format", "json", ROUND1, ROUND2]));
    let pair = positionless(&ok(&[
        "diff",
        "--format",
        "json",
        "samples/seed-round1.docx",
        "samples/seed-round2.docx",
    ]));
    assert_eq!(pair, txt);
    // A .docx with tracked changes alone is two rounds: before and after its changes.
    let out = ok(&["diff", "--format", "json", "samples/seed-tracked.docx"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["old"]["revisions"], "old");
    assert_eq!(v["new"]["revisions"], "new");
    assert_eq!(positionless(&out), txt);
    // The law-name change of III.3 is one small edit, as in the text samples.
    let text = ok(&["diff", "samples/seed-tracked.docx", "--color", "never"]);
    assert!(
        text.contains("[-Thanh niên-]{+Thực hiện dân chủ ở cơ sở+}"),
        "{text}"
    );
}

#[test]
fn docx_findings_equal_the_text_findings_and_name_paragraphs() {
    let summary = |json: &str| -> Vec<(String, String, String)> {
        let v: Value = serde_json::from_str(json).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["section"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let docx = ok(&["check", "--format", "json", "samples/seed-round1.docx"]);
    let txt = ok(&["check", "--format", "json", ROUND1]);
    assert!(!summary(&docx).is_empty());
    assert_eq!(summary(&docx), summary(&txt));
    let v: Value = serde_json::from_str(&docx).unwrap();
    let law = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "CONS-LAW-SUBJECT")
        .expect("the law-name finding");
    assert_eq!(law["position_unit"], "paragraph");
    // Paragraph 69 of the body is III.3 (`rasoat text` prints the numbered view).
    let line = law["line"].as_u64().unwrap() as usize;
    let text = ok(&["text", "samples/seed-round1.docx"]);
    let shown = text.lines().nth(line - 1).unwrap();
    assert!(shown.contains("Luật Thanh niên"), "{shown}");
    // SARIF points at the file only; GitHub annotations name the paragraph in the message.
    let sarif: Value = serde_json::from_str(&ok(&[
        "check",
        "--format",
        "sarif",
        "samples/seed-round1.docx",
    ]))
    .unwrap();
    let loc = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "samples/seed-round1.docx");
    assert!(loc.get("region").is_none(), "{loc}");
    let github = ok(&["check", "--format", "github", "samples/seed-round1.docx"]);
    assert!(
        github.lines().any(|l| l
            .starts_with("::error file=samples/seed-round1.docx,title=CONS-LAW-SUBJECT::Đoạn ")),
        "{github}"
    );
}

#[test]
fn numbering_is_resolved_into_visible_labels() {
    let text = ok(&["text", "--plain", "samples/seed-round1.docx"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[12], "I. MỤC ĐÍCH, YÊU CẦU:");
    assert_eq!(lines[13], "1. Mục đích");
    assert!(lines[14].starts_with("a) Xác định cụ thể"), "{}", lines[14]);
    // The header table reads cell by cell: issuing body and Số, then Quốc hiệu and date.
    assert_eq!(
        &lines[..6],
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH SÓC TRĂNG",
            "Số: /KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Sóc Trăng, ngày tháng năm 2023"
        ]
    );
}

fn expect_error(args: &[&str], message: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    assert_eq!(err.trim_end(), message);
}

#[test]
fn hostile_and_broken_archives_get_one_clear_line() {
    let f = "tests/fixtures/docx";
    expect_error(
        &["outline", &format!("{f}/not-a-zip.docx")],
        &format!(
            "rasoat: {f}/not-a-zip.docx: không phải tệp .docx (không có chữ ký zip); hãy lưu văn bản thành .docx từ Word hoặc LibreOffice"
        ),
    );
    expect_error(
        &["outline", &format!("{f}/truncated.docx")],
        &format!(
            "rasoat: {f}/truncated.docx: gói .docx bị hỏng: invalid Zip archive: Could not find EOCD"
        ),
    );
    expect_error(
        &["check", &format!("{f}/encrypted.docx")],
        &format!(
            "rasoat: {f}/encrypted.docx: tài liệu được mã hóa hoặc đặt mật khẩu; hãy gỡ mật khẩu trong Word (File > Info) rồi lưu lại"
        ),
    );
    expect_error(
        &["outline", &format!("{f}/no-document.docx")],
        &format!(
            "rasoat: {f}/no-document.docx: không phải tệp .docx (trong gói không có word/document.xml); hãy lưu văn bản thành .docx từ Word hoặc LibreOffice"
        ),
    );
    expect_error(
        &["outline", &format!("{f}/malformed-xml.docx")],
        &format!(
            "rasoat: {f}/malformed-xml.docx: XML hỏng trong word/document.xml gần byte 176: ill-formed document: expected `</w:t>`, but `</w:r>` was found"
        ),
    );
    expect_error(
        &["outline", &format!("{f}/many-entries.docx")],
        &format!(
            "rasoat: {f}/many-entries.docx: gói có 10001 mục, quá giới hạn 10000 (không phải văn bản Word?)"
        ),
    );
    // 8 MiB of XML from an 8 KB archive: over four times a 1 MB --max-file-size.
    expect_error(
        &[
            "outline",
            "--max-file-size",
            "1000000",
            &format!("{f}/bomb.docx"),
        ],
        &format!(
            "rasoat: {f}/bomb.docx: word/document.xml giải nén ra hơn 4000000 byte (bom zip?); tăng --max-file-size để đọc được"
        ),
    );
    expect_error(
        &["outline", &format!("{f}/bomb.docx")],
        &format!("rasoat: {f}/bomb.docx: văn bản không có chữ nào"),
    );
}

#[test]
fn declared_entities_are_never_expanded() {
    let text = ok(&["text", "--plain", "tests/fixtures/docx/entities.docx"]);
    assert_eq!(text, "Kính gửi: Sở Nội vụ & Sở Tư pháp\n");
}

#[test]
fn old_word_and_pdf_are_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    for (name, kind) in [("a.doc", "Word cũ (.doc)"), ("a.pdf", "PDF")] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"%PDF-1.4 or DOC bytes").unwrap();
        let p = path.to_string_lossy().to_string();
        expect_error(
            &["outline", &p],
            &format!(
                "rasoat: {p}: không đọc được tệp {kind}; hãy lưu văn bản thành .docx hoặc .txt UTF-8"
            ),
        );
    }
}

#[test]
fn tcvn3_docx_is_reported_and_converted_on_request() {
    let f = "tests/fixtures/docx/tcvn3.docx";
    let (code, out, err) = run(&["check", "--format", "json", f]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "rasoat: {f}: 9 dòng có vẻ là văn bản mã TCVN3 (ABC); --convert-legacy chuyển chúng sang Unicode"
        )
    );
    assert!(out.contains("\"TYPO-TCVN3\""), "{out}");
    let (code, out, err) = run(&["outline", "--format", "json", "--convert-legacy", f]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.trim_end(),
        format!("rasoat: {f}: đã chuyển 11 dòng từ mã TCVN3 (ABC) sang Unicode")
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["symbol"], "12/UBND-VX");
    assert_eq!(
        doc["title"],
        "V/v triển khai thi hành Luật Thực hiện dân chủ ở cơ sở"
    );
    let text = ok(&["text", "--plain", "--convert-legacy", f]);
    assert!(
        text.contains("Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"),
        "{text}"
    );
    assert!(text.contains("- Lưu: VT, VX."), "{text}");
}

#[test]
fn legacy_8_bit_text_files() {
    let dir = tempfile::tempdir().unwrap();
    // TCVN3 bytes: "Cộng hoà xã hội chủ nghĩa Việt Nam" / "Số: 12/UBND-VX".
    let tcvn3 = dir.path().join("tcvn3.txt");
    std::fs::write(
        &tcvn3,
        b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\nS\xe8: 12/UBND-VX\n",
    )
    .unwrap();
    let p = tcvn3.to_string_lossy().to_string();
    expect_error(
        &["text", &p],
        &format!(
            "rasoat: {p}: văn bản mã TCVN3 (ABC) (2 dòng); chạy lại với --convert-legacy để chuyển sang Unicode"
        ),
    );
    let (code, out, err) = run(&["text", "--plain", "--convert-legacy", &p]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Cộng hoà xã hội chủ nghĩa Việt Nam\nSố: 12/UBND-VX\n");
    // Windows-1258 decodes without asking: a real encoding, not a font trick.
    let cp1258 = dir.path().join("cp1258.txt");
    std::fs::write(
        &cp1258,
        b"C\xf4\xf2ng ho\xe0 xa\xde h\xf4\xf2i chu\xd2 nghi\xdea Vi\xea\xf2t Nam\n",
    )
    .unwrap();
    let (code, out, err) = run(&["text", "--plain", &cp1258.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Cộng hoà xã hội chủ nghĩa Việt Nam\n");
}

const FOOTNOTES: &str = "tests/fixtures/docx/footnotes.docx";

#[test]
fn footnotes_follow_the_body_in_the_text_view() {
    let text = ok(&["text", FOOTNOTES]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 18, "{text}");
    // The marks where Word shows them; the notes after the body, under a separator.
    assert!(
        lines[7].ends_with(
            "Thực hiện Luật Thực hiện dân chủ ở cơ sở[1] và Nghị định số 59/2023/NĐ-CP[2], Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành triển khai thực hiện."
        ),
        "{text}"
    );
    assert_eq!(lines[13], "   14  Trần Văn Lâu");
    assert_eq!(lines[14].trim(), "15");
    assert_eq!(lines[15], "   16  ----- Chú thích cuối trang -----");
    assert_eq!(
        lines[16],
        "   17  [1] Luật số 10/2022/QH15 ngày 10 tháng 11 năm 2022 của Quốc hội."
    );
    assert!(lines[17].starts_with("   18  [2] Nghị định số 59/2023/NĐ-CP"));
}

#[test]
fn footnotes_are_in_the_outline() {
    let out = ok(&["outline", "--format", "json", FOOTNOTES]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["symbol"], "12/UBND-VX");
    // The notes are no part of the body: the document ends with its signature.
    assert_eq!(doc["last_line"], 14);
    assert_eq!(doc["signature"][2]["text"], "Trần Văn Lâu");
    let notes: Vec<(String, String, u64)> = doc["footnotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["mark"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            (
                "1".to_string(),
                "[1] Luật số 10/2022/QH15 ngày 10 tháng 11 năm 2022 của Quốc hội.".to_string(),
                17
            ),
            (
                "2".to_string(),
                "[2] Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở.".to_string(),
                18
            )
        ]
    );
    let text = ok(&["outline", FOOTNOTES]);
    assert!(text.contains("Chú thích cuối trang: 2"), "{text}");
}

#[test]
fn an_edit_in_a_footnote_is_a_change() {
    let out = ok(&[
        "diff",
        "--format",
        "json",
        FOOTNOTES,
        "tests/fixtures/docx/footnotes-edited.docx",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let changed: Vec<&Value> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] != "unchanged")
        .collect();
    assert_eq!(changed.len(), 1, "{out}");
    assert_eq!(changed[0]["block"], "footnotes", "{out}");
    let text = ok(&[
        "diff",
        "--color",
        "never",
        FOOTNOTES,
        "tests/fixtures/docx/footnotes-edited.docx",
    ]);
    assert!(text.contains("~ Chú thích cuối trang"), "{text}");
    assert!(
        text.contains("quy định chi tiết{+ và hướng dẫn thi hành+} một số điều"),
        "{text}"
    );
}

#[test]
fn tracked_changes_in_footnotes_give_both_views() {
    let f = "tests/fixtures/docx/footnotes-tracked.docx";
    let notes = |side: &str| -> Vec<String> {
        let out = ok(&["outline", "--format", "json", "--docx-revisions", side, f]);
        let v: Value = serde_json::from_str(&out).unwrap();
        v["documents"][0]["footnotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap().to_string())
            .collect()
    };
    let old = notes("old");
    let new = notes("new");
    assert_eq!(old.len(), 2, "{old:?}");
    assert!(old[1].contains("quy định chi tiết một số điều"), "{old:?}");
    // The third footnote's reference was inserted: it is in the new view only.
    assert_eq!(new.len(), 3, "{new:?}");
    assert!(
        new[1].contains("quy định chi tiết và hướng dẫn thi hành một số điều"),
        "{new:?}"
    );
    assert!(new[2].starts_with("[3] Kế hoạch số 45/KH-UBND"), "{new:?}");
    // The file alone is its two rounds: the footnote's edit and the new footnote are changes.
    let text = ok(&["diff", "--color", "never", f]);
    assert!(
        text.contains("quy định chi tiết{+ và hướng dẫn thi hành+} một số điều"),
        "{text}"
    );
    assert!(
        text.contains(
            "{+[3] Kế hoạch số 45/KH-UBND ngày 20 tháng 7 năm 2023 của Ủy ban nhân dân tỉnh.+}"
        ),
        "{text}"
    );
    assert!(text.contains("tỉnh[3]+}"), "{text}");
}

#[test]
fn a_malformed_footnotes_part_is_a_clear_error() {
    let f = "tests/fixtures/docx/malformed-footnotes.docx";
    expect_error(
        &["outline", f],
        &format!(
            "rasoat: {f}: XML hỏng trong word/footnotes.xml gần byte 639: ill-formed document: expected `</w:t>`, but `</w:r>` was found"
        ),
    );
}

#[test]
fn text_rules_read_footnotes() {
    let out = ok(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/docx/footnotes-mistakes.docx",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let in_notes: Vec<(String, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["block"] == "footnotes")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["excerpt"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // A raw-text rule and a text rule, each on the footnote's own line of `rasoat text`.
    assert_eq!(
        in_notes,
        [
            ("TYPO-DOUBLE-SPACE".to_string(), 17, "2  c".to_string()),
            ("SPELL-UBND".to_string(), 18, "Ủy Ban Nhân Dân".to_string())
        ],
        "{out}"
    );
}
