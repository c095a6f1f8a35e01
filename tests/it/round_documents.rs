//! The documents of a round: the redline .docx (accepting every change gives the new version,
//! rejecting every change the old one, paragraph for paragraph, as rasoat's own .docx reader
//! reads them) and the bảng so sánh in .docx, HTML and Markdown; then the real consumers
//! (python-docx, LibreOffice) open every .docx produced.

use std::path::{Path, PathBuf};
use std::process::Command;

use rasoat::compare::{self, Comparison, Options, Side};
use rasoat::docx::write::Revision;
use rasoat::outline::{Document, ParsedFile, Section};
use rasoat::report::redline;

use crate::common::{repo, run};

fn revision() -> Revision {
    Revision {
        author: "rasoat".to_string(),
        date: "2026-12-03T10:00:00Z".to_string(),
    }
}

/// The paragraphs of a document as its model holds them, in reading order: each block's
/// paragraphs, each section's heading (marker included) and paragraphs before its children.
fn paragraphs(doc: &Document) -> Vec<String> {
    fn section(s: &Section, out: &mut Vec<String>) {
        out.push(s.heading.as_str().to_string());
        out.extend(s.paragraphs.iter().map(|p| p.as_str().to_string()));
        s.children.iter().for_each(|c| section(c, out));
    }
    let mut out = Vec::new();
    for b in doc.blocks() {
        out.extend(b.paragraphs.iter().map(|p| p.as_str().to_string()));
        b.sections.iter().for_each(|s| section(s, &mut out));
    }
    out
}

fn compare_docs(old: (&Document, &ParsedFile), new: (&Document, &ParsedFile)) -> Comparison {
    compare::compare(
        Side {
            doc: old.0,
            lines: &old.1.lines,
        },
        Side {
            doc: new.0,
            lines: &new.1.lines,
        },
        &Options::default(),
    )
}

/// Writes the redline of `old` → `new`, reads it back with rasoat's reader, and checks both
/// views against the two documents; returns the package.
fn assert_round_trip(
    name: &str,
    old: (&Document, &ParsedFile),
    new: (&Document, &ParsedFile),
) -> Vec<u8> {
    let cmp = compare_docs(old, new);
    let bytes = redline::redline_docx(&cmp, old.0, new.0, revision()).unwrap();
    let text = rasoat::docx::extract(&bytes, 64 << 20).unwrap();
    let lines = |t: &str| -> Vec<String> { t.split('\n').map(str::to_string).collect() };
    let accepted = lines(&text.new.text);
    assert_eq!(
        accepted,
        paragraphs(new.0),
        "{name}: accepting every change"
    );
    if cmp.has_differences() {
        let rejected = lines(&text.old.expect("a redline has tracked changes").text);
        assert_eq!(
            rejected,
            paragraphs(old.0),
            "{name}: rejecting every change"
        );
    }
    bytes
}

fn load(path: &str) -> rasoat::input::LoadedFile {
    rasoat::input::load(&repo(path), &rasoat::input::LoadOptions::default()).unwrap()
}

/// The two versions of a pair of small texts.
fn pair(old: &str, new: &str) -> (ParsedFile, ParsedFile) {
    (rasoat::outline::parse(old), rasoat::outline::parse(new))
}

const HEAD: &str = "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\n\nSố: 12/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSóc Trăng, ngày 04 tháng 7 năm 2023\n\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc\n\n";

/// Small pairs, one kind of change each.
fn small_pairs() -> Vec<(&'static str, String, String)> {
    let article = |n: u32, text: &str| format!("Điều {n}. {text}\n\n");
    let a1 = "Phạm vi điều chỉnh\n\nQuy chế này quy định việc làm việc của Ủy ban nhân dân tỉnh.";
    let a2 = "Đối tượng áp dụng\n\nQuy chế này áp dụng đối với các sở, ban, ngành tỉnh.";
    let a3 = "Hiệu lực thi hành\n\nQuyết định này có hiệu lực kể từ ngày ký ban hành.";
    let doc = |articles: &[String]| format!("{HEAD}{}", articles.concat());
    vec![
        (
            "insert",
            doc(&[article(1, a1), article(2, a3)]),
            doc(&[article(1, a1), article(2, a2), article(3, a3)]),
        ),
        (
            "delete",
            doc(&[article(1, a1), article(2, a2), article(3, a3)]),
            doc(&[article(1, a1), article(2, a3)]),
        ),
        (
            "replace one word",
            doc(&[article(1, a1), article(2, a2)]),
            doc(&[
                article(1, &a1.replace("tỉnh", "huyện")),
                article(2, a2),
            ]),
        ),
        (
            "moved Điều",
            doc(&[article(1, a1), article(2, a2), article(3, a3)]),
            doc(&[article(1, a3), article(2, a1), article(3, a2)]),
        ),
        (
            "paragraph split",
            doc(&[article(1, a1), article(2, a2)]),
            doc(&[
                article(1, a1),
                article(
                    2,
                    &a2.replace("các sở, ban, ngành tỉnh.", "các sở, ban, ngành tỉnh.\n\nQuy chế này cũng áp dụng đối với Ủy ban nhân dân các huyện."),
                ),
            ]),
        ),
    ]
}

#[test]
fn redline_of_the_seed_rounds_gives_both_versions_back() {
    let old = load("samples/seed-2-draft-round1.txt");
    let new = load("samples/seed-3-draft-round2.txt");
    assert_round_trip(
        "seed .txt",
        (&old.parsed.documents[0], &old.parsed),
        (&new.parsed.documents[0], &new.parsed),
    );
    let old = load("samples/seed-round1.docx");
    let new = load("samples/seed-round2.docx");
    assert_round_trip(
        "seed .docx",
        (&old.parsed.documents[0], &old.parsed),
        (&new.parsed.documents[0], &new.parsed),
    );
    // The original seed: the cover letter and two rounds in one file.
    let combined = load("samples/seed-combined.txt");
    let docs = &combined.parsed.documents;
    assert_round_trip(
        "seed-combined #2 → #3",
        (&docs[1], &combined.parsed),
        (&docs[2], &combined.parsed),
    );
    for (old, new) in [
        ("samples/quyet-dinh-v1.txt", "samples/quyet-dinh-v2.txt"),
        ("samples/cong-van-v1.txt", "samples/cong-van-v2.txt"),
    ] {
        let (o, n) = (load(old), load(new));
        assert_round_trip(
            old,
            (&o.parsed.documents[0], &o.parsed),
            (&n.parsed.documents[0], &n.parsed),
        );
    }
}

#[test]
fn redline_of_small_pairs_gives_both_versions_back() {
    for (name, old, new) in small_pairs() {
        let (o, n) = pair(&old, &new);
        let bytes = assert_round_trip(name, (&o.documents[0], &o), (&n.documents[0], &n));
        let xml = document_xml(&bytes);
        match name {
            "moved Điều" => {
                for tag in [
                    "<w:moveFromRangeStart",
                    "<w:moveFromRangeEnd",
                    "<w:moveToRangeStart",
                    "<w:moveToRangeEnd",
                    "<w:moveFrom ",
                    "<w:moveTo ",
                ] {
                    assert!(xml.contains(tag), "{name}: no {tag} in {xml}");
                }
            }
            "replace one word" => {
                assert!(
                    xml.contains(r#"<w:delText xml:space="preserve">tỉnh</w:delText>"#),
                    "{xml}"
                );
                assert!(
                    xml.contains(r#"<w:t xml:space="preserve">huyện</w:t></w:r></w:ins>"#),
                    "{xml}"
                );
            }
            _ => {}
        }
        assert!(xml.contains(r#"w:author="rasoat" w:date="2026-12-03T10:00:00Z""#));
    }
}

/// `word/document.xml` of a package.
fn document_xml(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn redline_document_xml_of_a_tiny_pair() {
    let (o, n) = pair(
        "Điều 1. Phạm vi\n\nQuy chế này áp dụng trong tỉnh.\n\nĐiều 2. Hiệu lực\n\nCó hiệu lực từ ngày ký.\n",
        "Điều 1. Phạm vi\n\nQuy chế này áp dụng trong huyện.\n\nĐiều 2. Hiệu lực\n\nCó hiệu lực từ ngày ký.\n\nĐiều 3. Trách nhiệm\n\nCác sở thi hành.\n",
    );
    let cmp = compare_docs((&o.documents[0], &o), (&n.documents[0], &n));
    let body = redline::redline_body(&cmp, &o.documents[0], &n.documents[0], revision());
    // One paragraph a line, to read the snapshot.
    let xml = body.xml().replace("<w:p>", "\n<w:p>");
    insta::assert_snapshot!(xml);
}

fn table_md(old: &str, new: &str) -> String {
    let (code, out, err) = run(&["diff", "--format", "table-md", old, new]);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn comparison_table_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let old = write(
        "v1.txt",
        &format!(
            "{HEAD}Điều 1. Phạm vi\n\nQuy chế này áp dụng trong tỉnh.\n\nĐiều 2. Hiệu lực\n\nCó hiệu lực từ ngày ký.\n"
        ),
    );
    let new = write(
        "v2.txt",
        &format!(
            "{HEAD}Điều 1. Phạm vi\n\nQuy chế này áp dụng trong huyện.\n\nĐiều 2. Hiệu lực\n\nCó hiệu lực từ ngày ký.\n\nĐiều 3. Trách nhiệm\n\n1. Các sở thi hành.\n\n2. Các huyện thi hành.\n"
        ),
    );
    let out = table_md(&old, &new).replace(&dir.path().display().to_string(), "DIR");
    insta::assert_snapshot!(out);
}

#[test]
fn the_seed_table_names_places_as_a_reader_cites_them() {
    let out = table_md(
        "samples/seed-2-draft-round1.txt",
        "samples/seed-3-draft-round2.txt",
    );
    // The law-name change of mục 3 phần III, old and new text side by side.
    let row = out
        .lines()
        .find(|l| l.contains("| mục 3 phần III<br>"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(row.contains("Luật ~~Thanh niên~~"), "{row}");
    assert!(row.contains("Luật **Thực hiện dân chủ ở cơ sở**"), "{row}");
    assert!(
        row.ends_with("|  |"),
        "the Giải trình column is left empty: {row}"
    );
    assert!(out.contains("| STT | Vị trí | Nội dung bản cũ | Nội dung bản mới | Giải trình |"));
}

/// Writes every document of the round for `old` → `new` into `dir`; returns their paths.
fn write_all(dir: &Path, old: &str, new: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for (format, name) in [
        ("redline-docx", "redline.docx"),
        ("table-docx", "bang-so-sanh.docx"),
        ("table-html", "bang-so-sanh.html"),
        ("table-md", "bang-so-sanh.md"),
    ] {
        let path = dir.join(name);
        let shown = path.display().to_string();
        let (code, _, err) = run(&["diff", "--format", format, "--output", &shown, old, new]);
        assert_eq!(code, 0, "{format}: {err}");
        out.push(path);
    }
    out
}

#[test]
fn docx_output_needs_a_file_and_never_overwrites_without_force() {
    let (code, out, err) = run(&[
        "diff",
        "--format",
        "redline-docx",
        "samples/quyet-dinh-v1.txt",
        "samples/quyet-dinh-v2.txt",
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("--output") && err.contains("nhị phân"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("r.docx");
    std::fs::write(&target, b"earlier work").unwrap();
    let shown = target.display().to_string();
    let args = [
        "diff",
        "--format",
        "table-docx",
        "-o",
        &shown,
        "samples/quyet-dinh-v1.txt",
        "samples/quyet-dinh-v2.txt",
    ];
    let (code, _, err) = run(&args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("đã có") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), b"earlier work");
    let mut forced = args.to_vec();
    forced.push("--force");
    let (code, _, err) = run(&forced);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"));
    // Nothing left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["r.docx"]);
    // Not even --force writes over a file being compared.
    let copy = dir.path().join("v1.txt");
    std::fs::copy(repo("samples/quyet-dinh-v1.txt"), &copy).unwrap();
    let copy_shown = copy.display().to_string();
    let (code, _, err) = run(&[
        "diff",
        "--format",
        "table-md",
        "-o",
        &copy_shown,
        "--force",
        &copy_shown,
        "samples/quyet-dinh-v2.txt",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("không ghi đè"), "{err}");
}

#[test]
fn redline_read_back_outlines_as_the_new_version() {
    let dir = tempfile::tempdir().unwrap();
    for (old, new) in [
        (
            "samples/seed-2-draft-round1.txt",
            "samples/seed-3-draft-round2.txt",
        ),
        ("samples/quyet-dinh-v1.txt", "samples/quyet-dinh-v2.txt"),
    ] {
        let path = dir.path().join("r.docx");
        let shown = path.display().to_string();
        let (code, _, err) = run(&[
            "diff",
            "--format",
            "redline-docx",
            "--force",
            "-o",
            &shown,
            old,
            new,
        ]);
        assert_eq!(code, 0, "{err}");
        for (side, source) in [("new", new), ("old", old)] {
            let (_, from_redline, err) = run(&[
                "outline",
                "--format",
                "json",
                "--docx-revisions",
                side,
                &shown,
            ]);
            assert!(err.is_empty(), "{err}");
            let (_, from_source, _) = run(&["outline", "--format", "json", source]);
            assert_eq!(
                crate::docx::positionless(&from_redline),
                crate::docx::positionless(&from_source),
                "{old} → {new}, {side}"
            );
        }
    }
}

/// Whether a command runs here; a test that needs it says so and stops when it does not.
fn have(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn python_docx_opens_every_docx_produced() {
    if !have("python3", &["-c", "import docx"]) {
        eprintln!(
            "SKIPPED: python-docx is not installed (pip install python-docx); .ci/run installs it"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(
        dir.path(),
        "samples/seed-2-draft-round1.txt",
        "samples/seed-3-draft-round2.txt",
    );
    const SCRIPT: &str = r#"
import sys, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    print("P", p.text)
for t in d.tables:
    for row in t.rows:
        print("R", " | ".join(c.text for c in row.cells))
s = d.sections[0]
print("O", "landscape" if s.page_width > s.page_height else "portrait")
"#;
    let read = |path: &Path| -> String {
        let out = Command::new("python3")
            .args(["-c", SCRIPT])
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let redline = read(&files[0]);
    // python-docx reads only plain runs: the text no change touched.
    assert!(redline.contains("P KẾ HOẠCH\n"), "{redline}");
    assert!(
        redline.contains("P Căn cứ Luật Thực hiện dân chủ ở cơ sở"),
        "{redline}"
    );
    assert!(redline.ends_with("O portrait\n"), "{redline}");
    let table = read(&files[1]);
    assert!(table.contains("P BẢNG SO SÁNH\n"), "{table}");
    assert!(
        table.contains("R STT | Vị trí | Nội dung bản cũ | Nội dung bản mới | Giải trình\n"),
        "{table}"
    );
    assert!(table.contains("R 20 | mục 3 phần III"), "{table}");
    assert!(table.ends_with("O landscape\n"), "{table}");
}

#[test]
fn libreoffice_renders_every_docx_produced() {
    if !have("soffice", &["--version"]) {
        eprintln!(
            "SKIPPED: LibreOffice is not installed (apt-get install libreoffice-writer-nogui); .ci/run installs it"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(
        dir.path(),
        "samples/seed-2-draft-round1.txt",
        "samples/seed-3-draft-round2.txt",
    );
    let profile = dir.path().join("lo-profile");
    for docx in &files[..2] {
        let out = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(docx)
            .output()
            .unwrap();
        let pdf = docx.with_extension("pdf");
        assert!(
            out.status.success() && pdf.exists(),
            "{}: {}",
            docx.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        // The text LibreOffice laid out (tracked changes are shown, deletions included).
        if have("pdftotext", &["-v"]) {
            let text = Command::new("pdftotext")
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&text.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(text.contains("Thực hiện dân chủ ở cơ sở"), "{text}");
            assert!(text.contains("Thanh niên"), "{text}");
        }
    }
}

#[test]
fn comparison_table_in_html_is_one_self_contained_page() {
    let (code, out, err) = run(&[
        "diff",
        "--format",
        "table-html",
        "samples/seed-2-draft-round1.txt",
        "samples/seed-3-draft-round2.txt",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<!DOCTYPE html>"), "{out}");
    assert!(out.contains("<th>Giải trình</th>"), "{out}");
    assert!(
        out.contains("Luật <del>Thanh niên</del>")
            && out.contains("Luật <ins>Thực hiện dân chủ ở cơ sở</ins>"),
        "{out}"
    );
    assert!(!out.contains("http://") && !out.contains("https://") && !out.contains("<script"));
    assert_eq!(
        out.matches("<tr>").count(),
        25,
        "a heading row and 24 changed sections"
    );
}
