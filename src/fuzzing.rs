//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`), kept in the library so that the
//! inputs the fuzzer found are replayed by `cargo test` through exactly the same code
//! (`tests/it/fuzz_regressions.rs`). Each takes arbitrary bytes, must never panic, and checks
//! invariants with assertions.

use std::sync::LazyLock;

use crate::compare::{Options, Side, compare};
use crate::input::{LoadOptions, load_bytes};
use crate::report::diff::DocInfo;
use crate::rules::RuleSet;

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name.
pub const TARGETS: [(&str, Target); 8] = [
    ("load_text", load_text),
    ("outline", outline),
    ("compare", compare_texts),
    ("rules", rules),
    ("rule_file", rule_file),
    ("docx", docx),
    ("numbering", numbering),
    ("documents", documents),
];

/// Bytes as a text file: decoding (UTF-8/16, Windows-1258, TCVN3/VNI), legacy conversion,
/// document splitting and outline parsing.
pub fn load_text(data: &[u8]) {
    for convert_legacy in [false, true] {
        let options = LoadOptions {
            convert_legacy,
            ..LoadOptions::default()
        };
        if let Ok(file) = load_bytes("fuzz.txt".into(), data.to_vec(), &options) {
            for doc in &file.parsed.documents {
                assert!(doc.first_line <= doc.last_line || doc.last_line == 0);
            }
        }
    }
}

/// Text to outline, and the outline reports (text and JSON) that walk the section tree.
pub fn outline(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = crate::outline::parse(text);
    let docs: Vec<&crate::outline::Document> = parsed.documents.iter().collect();
    let mut sink = Vec::new();
    crate::report::outline::write_json(&mut sink, "fuzz.txt", &docs).expect("writes to memory");
    crate::report::outline::write_text(&mut sink, "fuzz.txt", &docs, true)
        .expect("writes to memory");
}

/// Two texts (split at the first NUL, or halved) compared with every ignore option off and on,
/// and the JSON report.
pub fn compare_texts(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (old, new) = match text.find('\0') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => {
            let mut mid = text.len() / 2;
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            text.split_at(mid)
        }
    };
    let old = crate::outline::parse(old);
    let new = crate::outline::parse(new);
    let (Some(od), Some(nd)) = (old.documents.last(), new.documents.last()) else {
        return;
    };
    let everything = Options {
        whitespace: true,
        case: true,
        punctuation: true,
        list_markers: true,
        markup: true,
        unicode_form: true,
        tone_style: true,
        ..Options::default()
    };
    for options in [Options::default(), everything] {
        let cmp = compare(
            Side {
                doc: od,
                lines: &old.lines,
            },
            Side {
                doc: nd,
                lines: &new.lines,
            },
            &options,
        );
        let mut sink = Vec::new();
        crate::report::diff::write_json(
            &mut sink,
            &DocInfo::new("old", od),
            &DocInfo::new("new", nd),
            &cmp,
        )
        .expect("writes to memory");
    }
}

static BUILTIN: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("the built-in rules compile"));

/// Every built-in rule on arbitrary text; findings must lie inside the text.
pub fn rules(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = crate::outline::parse(text);
    for f in BUILTIN.check_file(&parsed) {
        assert!(f.line >= 1 && f.line as usize <= parsed.lines.len());
        assert!(f.end_line >= f.line);
    }
}

/// A rule file as a reviewer might write it: parsing, validation and compilation of every kind,
/// then the rule and its examples run on a small document.
pub fn rule_file(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = RuleSet::default();
    if set.add("rules/fuzz/FUZZ-1.toml", source).is_ok() {
        let _ = set.check_text("Số: 12/UBND-VX\nNơi nhận:\n- Lưu: VT, VX.\n");
        for rule in set.rules() {
            let _ = crate::rules::run_examples(&set, rule);
        }
    }
}

/// Bytes as a .docx: a zip archive when they start like one (`PK`), otherwise the XML of
/// `word/document.xml` (split at NUL bytes into document, numbering, styles, footnotes and
/// endnotes parts) so that the XML readers are reached without the fuzzer forging zip
/// checksums.
pub fn docx(data: &[u8]) {
    let result = if data.starts_with(b"PK") {
        crate::docx::extract(data, 8 * 1024 * 1024)
    } else {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let mut parts = text.splitn(5, '\0');
        let document = parts.next().unwrap_or_default();
        let (numbering, styles) = (parts.next(), parts.next());
        crate::docx::read_all_parts(document, numbering, styles, parts.next(), parts.next())
    };
    if let Ok(text) = result {
        for view in [Some(&text.new), text.old.as_ref()].into_iter().flatten() {
            let lines = view.paragraph_starts.len();
            assert_eq!(view.text.split('\n').count(), lines);
            assert!(view.body_lines <= lines);
            for note in &view.notes {
                assert!(note.reference_line as usize <= view.body_lines);
                assert!(view.body_lines < note.first_line as usize);
                assert!(note.first_line <= note.last_line && note.last_line as usize <= lines);
            }
        }
    }
}

/// Fuzz bytes read as a stream of small choices; past the end they read as zeros, so that every
/// input decodes to something.
struct Choices<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Choices<'a> {
    fn new(data: &'a [u8]) -> Self {
        Choices { data, pos: 0 }
    }

    fn exhausted(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    fn pick<T: Copy>(&mut self, options: &[T]) -> T {
        options[self.below(options.len())]
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }
}

/// `s` as an XML attribute value.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// `start` and `startOverride` values: the edges of Word's counters and of each format
/// (26 letters, roman numerals up to 3999), and anything else.
fn start_value(c: &mut Choices) -> String {
    match c.below(16) {
        0 => "0".into(),
        1 => "1".into(),
        2 => "26".into(),
        3 => "27".into(),
        4 => "3999".into(),
        5 => "4000".into(),
        6 => "2147483647".into(),
        7 => "2147483648".into(),
        8 => "4294967295".into(),
        9 => "4294967296".into(),
        10 => "-1".into(),
        11 => "x".into(),
        12 => u32::from(c.byte()).to_string(),
        _ => c.u32().to_string(),
    }
}

const NUM_FORMATS: [&str; 12] = [
    "decimal",
    "decimalZero",
    "lowerLetter",
    "upperLetter",
    "lowerRoman",
    "upperRoman",
    "bullet",
    "none",
    "ordinal",
    "cardinalText",
    "",
    "chicago",
];

/// A `lvlText`: placeholders `%1`…`%9` (and `%0`, `%%`) among literal text, some repeated many
/// times.
fn level_text(c: &mut Choices) -> String {
    const PIECES: [&str; 14] = [
        "%1", "%2", "%3", "%4", "%5", "%6", "%7", "%8", "%9", "%0", ".", ")", "Điều ", "%",
    ];
    let mut text = String::new();
    for _ in 0..c.below(8) {
        let piece = c.pick(&PIECES);
        let times = if c.below(8) == 0 {
            usize::from(c.byte()) * 8
        } else {
            1
        };
        text.push_str(&piece.repeat(times));
    }
    text
}

/// A `numbering.xml`, a `styles.xml` and a `document.xml` built from the choices: well-formed by
/// construction, so that every input reaches the labels.
struct NumberedDocx {
    numbering: String,
    styles: String,
    document: String,
    /// `(numId, ilvl)` of each paragraph with direct numbering, in order.
    direct: Vec<(u32, usize)>,
    /// Bytes of paragraph text, all paragraphs together.
    text_bytes: usize,
}

fn numbered_docx(c: &mut Choices) -> NumberedDocx {
    let mut numbering = format!("<w:numbering {W_NS}>");
    for abstract_id in 0..1 + c.below(3) {
        numbering.push_str(&format!(
            r#"<w:abstractNum w:abstractNumId="{abstract_id}">"#
        ));
        for _ in 0..1 + c.below(9) {
            let ilvl = c.pick(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 200]);
            numbering.push_str(&format!(r#"<w:lvl w:ilvl="{ilvl}">"#));
            if c.below(4) != 0 {
                numbering.push_str(&format!(r#"<w:start w:val="{}"/>"#, start_value(c)));
            }
            numbering.push_str(&format!(r#"<w:numFmt w:val="{}"/>"#, c.pick(&NUM_FORMATS)));
            if c.below(8) != 0 {
                let text = xml_escape(&level_text(c));
                numbering.push_str(&format!(r#"<w:lvlText w:val="{text}"/>"#));
            }
            if c.below(4) == 0 {
                let suff = c.pick(&["tab", "space", "nothing"]);
                numbering.push_str(&format!(r#"<w:suff w:val="{suff}"/>"#));
            }
            if c.below(4) == 0 {
                numbering.push_str(&format!(r#"<w:pStyle w:val="S{}"/>"#, c.below(3)));
            }
            numbering.push_str("</w:lvl>");
        }
        numbering.push_str("</w:abstractNum>");
    }
    for _ in 0..1 + c.below(4) {
        let (num_id, abstract_id) = (c.below(5), c.below(4));
        numbering.push_str(&format!(
            r#"<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>"#
        ));
        for _ in 0..c.below(3) {
            let ilvl = c.pick(&[0, 1, 2, 8, 9]);
            numbering.push_str(&format!(
                r#"<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{}"/></w:lvlOverride>"#,
                start_value(c)
            ));
        }
        numbering.push_str("</w:num>");
    }
    numbering.push_str("</w:numbering>");

    // Paragraph styles carrying numbering, possibly based on each other (cycles included).
    let mut styles = format!("<w:styles {W_NS}>");
    for s in 0..3 {
        styles.push_str(&format!(r#"<w:style w:type="paragraph" w:styleId="S{s}">"#));
        if c.below(3) == 0 {
            styles.push_str(&format!(r#"<w:basedOn w:val="S{}"/>"#, c.below(3)));
        }
        if c.flag() {
            styles.push_str(&format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr></w:pPr>"#,
                c.below(10),
                c.below(5)
            ));
        }
        styles.push_str("</w:style>");
    }
    styles.push_str("</w:styles>");

    let mut document = format!("<w:document {W_NS}><w:body>");
    let mut direct = Vec::new();
    let mut text_bytes = 0;
    let mut id = 0;
    let mut paragraphs = 0;
    while !c.exhausted() && paragraphs < 2000 {
        paragraphs += 1;
        let shape = c.byte();
        document.push_str("<w:p><w:pPr>");
        if shape & 1 != 0 {
            document.push_str(&format!(r#"<w:pStyle w:val="S{}"/>"#, c.below(3)));
        }
        if shape & 2 != 0 {
            let num_id = c.below(6) as u32;
            let ilvl = c.below(11);
            document.push_str("<w:numPr>");
            if ilvl < 10 {
                document.push_str(&format!(r#"<w:ilvl w:val="{ilvl}"/>"#));
            }
            document.push_str(&format!(r#"<w:numId w:val="{num_id}"/></w:numPr>"#));
            if shape & 1 == 0 {
                direct.push((num_id, if ilvl < 10 { ilvl } else { 0 }));
            }
        }
        if shape & 4 != 0 {
            id += 1;
            document.push_str(&format!(
                r#"<w:pPrChange w:id="{id}"><w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr></w:pPr></w:pPrChange>"#,
                c.below(10),
                c.below(6)
            ));
        }
        if shape & 8 != 0 {
            id += 1;
            let mark = if shape & 16 != 0 { "ins" } else { "del" };
            document.push_str(&format!(r#"<w:rPr><w:{mark} w:id="{id}"/></w:rPr>"#));
        }
        document.push_str("</w:pPr>");
        let text = c.pick(&["Điều", "x", "", "Nơi nhận:", "a"]);
        text_bytes += text.len();
        let run = format!("<w:r><w:t>{text}</w:t></w:r>");
        match (shape >> 5) & 3 {
            1 => {
                id += 1;
                document.push_str(&format!(r#"<w:ins w:id="{id}">{run}</w:ins>"#));
            }
            2 => {
                id += 1;
                let deleted = run.replace("w:t>", "w:delText>");
                document.push_str(&format!(r#"<w:del w:id="{id}">{deleted}</w:del>"#));
            }
            _ => document.push_str(&run),
        }
        document.push_str("</w:p>");
    }
    document.push_str("</w:body></w:document>");
    NumberedDocx {
        numbering,
        styles,
        document,
        direct,
        text_bytes,
    }
}

/// Word's automatic numbering, built structurally from the bytes (levels with `start`,
/// `numFmt`, `lvlText`, list instances with overrides, styles, numbered paragraphs with tracked
/// changes): no label is longer than [`crate::docx::numbering::MAX_LABEL_BYTES`] (plus the space
/// after it), the labels of a document never add more bytes than its `document.xml` has, and a
/// label that would break either limit is an error, not a panic or a hang.
pub fn numbering(data: &[u8]) {
    use crate::docx::DocxError;
    use crate::docx::numbering::{Counters, MAX_LABEL_BYTES, Numbering};

    let docx = numbered_docx(&mut Choices::new(data));
    let list = Numbering::parse(&docx.numbering).expect("generated numbering.xml is well-formed");
    let mut counters = Counters::default();
    for &(num_id, ilvl) in &docx.direct {
        match list.next_label(&mut counters, num_id, ilvl) {
            Ok(Some(label)) => assert!(label.len() <= MAX_LABEL_BYTES + 1, "{label:?}"),
            Ok(None) => {}
            Err(e) => assert!(matches!(e, DocxError::LabelTooLong { .. }), "{e:?}"),
        }
    }
    match crate::docx::read_parts(&docx.document, Some(&docx.numbering), Some(&docx.styles)) {
        Ok(text) => {
            for view in [Some(&text.new), text.old.as_ref()].into_iter().flatten() {
                assert_eq!(view.text.split('\n').count(), view.paragraph_starts.len());
                // Paragraph text plus labels, which may add at most what document.xml has.
                assert!(view.text.len() <= docx.text_bytes + docx.document.len() + 2000);
                for line in view.text.split('\n') {
                    assert!(
                        line.len() <= MAX_LABEL_BYTES + 1 + docx.text_bytes,
                        "{line:?}"
                    );
                }
            }
        }
        Err(e) => assert!(
            matches!(
                e,
                DocxError::LabelTooLong { .. }
                    | DocxError::LabelsTooLarge { .. }
                    | DocxError::NoText
            ),
            "{e:?}"
        ),
    }
}

/// Characters of the fields a document's template takes from the input: Vietnamese letters in
/// both cases and normalisation forms, digits, punctuation, and the invisible and odd characters
/// real files carry (no line break: a field stays on its line).
const FIELD_CHARS: [char; 40] = [
    'a', 'ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư', 'ạ', 'ế', 'Đ', 'Ư', 'Ơ', 'H', 'N', 'T', 'x', 'y', '0',
    '1', '9', ' ', ' ', '.', ',', ';', ':', '/', '-', '(', ')', '*', '"', '\u{0301}', '\u{00a0}',
    '\u{200b}', '\u{202e}', '\u{2066}', '\t', '\u{1}',
];

const AUTHORITIES: [&str; 6] = [
    "UBND TỈNH QUẢNG NAM",
    "ỦY BAN NHÂN DÂN",
    "BỘ TÀI CHÍNH",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    "UBND HUYỆN BA VÌ",
    "HỘI ĐỒNG NHÂN DÂN",
];

const WORDS: [&str; 12] = [
    "ban hành",
    "quy chế",
    "tổ chức",
    "hoạt động",
    "kế hoạch",
    "năm 2025",
    "phòng, chống",
    "thiên tai",
    "công tác",
    "triển khai",
    "the the",
    "  ",
];

/// The text of a field: from the tables, or (when the document is not intact) characters taken
/// from the input.
fn field(c: &mut Choices, table: &[&str], raw: bool) -> String {
    if raw && c.below(2) == 0 {
        (0..c.below(24)).map(|_| c.pick(&FIELD_CHARS)).collect()
    } else {
        let mut s = String::new();
        for k in 0..1 + c.below(4) {
            if k > 0 {
                s.push(' ');
            }
            s.push_str(c.pick(table));
        }
        s
    }
}

/// A file of many documents built from the input: each a template (quyết định, công văn, kế
/// hoạch) with its header (issuing body, Quốc hiệu, Số, date), numbered parts, Nơi nhận and
/// signature, its fields taken from the input; a document that is not intact also loses, repeats
/// or reorders lines. Returns the text, how many documents it holds if every one is intact, and
/// how many lines could open a document (Quốc hiệu, party title).
fn many_documents(data: &[u8]) -> (String, Option<usize>, usize) {
    let mut c = Choices::new(data);
    let first = c.byte();
    let count = if first < 192 {
        1 + usize::from(first % 16)
    } else {
        16 + usize::from(first - 192) * 5
    };
    let body = c.pos;
    let mut out = String::new();
    let mut all_intact = true;
    let mut anchors = 0;
    for k in 0..count {
        // The documents after the input's end take their choices from it again, from the start.
        if c.exhausted() {
            c.pos = body;
        }
        let intact = c.below(4) != 0;
        all_intact &= intact;
        let raw = !intact;
        let kind = c.below(3);
        let mut lines: Vec<String> = Vec::new();
        let authority = c.pick(&AUTHORITIES);
        let abbreviation = ["QĐ-UBND", "UBND-VX", "KH-UBND"][kind];
        let number = format!("{}", 1 + k + usize::from(c.byte()));
        lines.push(authority.to_string());
        if c.below(3) == 0 {
            lines.push("PHÒNG NỘI VỤ".to_string());
        }
        lines.push("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string());
        lines.push("Độc lập - Tự do - Hạnh phúc".to_string());
        let symbol = if raw && c.below(4) == 0 {
            field(&mut c, &WORDS, true)
        } else {
            format!("{number}/{abbreviation}")
        };
        lines.push(format!("Số: {symbol}"));
        lines.push(format!(
            "Quảng Nam, ngày {} tháng {} năm {}",
            c.below(33),
            c.below(14),
            2000 + c.below(40)
        ));
        match kind {
            0 => {
                lines.push("QUYẾT ĐỊNH".to_string());
                lines.push(format!("Về việc {}", field(&mut c, &WORDS, raw)));
                lines.push("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH".to_string());
                lines.push(format!(
                    "Căn cứ Luật Tổ chức chính quyền địa phương ngày {} tháng 6 năm 2015;",
                    c.below(32)
                ));
                lines.push("QUYẾT ĐỊNH:".to_string());
                for article in 1..=1 + c.below(4) {
                    lines.push(format!("Điều {article}. {}", field(&mut c, &WORDS, raw)));
                    for clause in 1..=c.below(3) {
                        lines.push(format!("{clause}. {}.", field(&mut c, &WORDS, raw)));
                    }
                }
            }
            1 => {
                lines.push(format!("V/v {}", field(&mut c, &WORDS, raw)));
                lines.push(format!("Kính gửi: {}", field(&mut c, &AUTHORITIES, raw)));
                for _ in 0..1 + c.below(3) {
                    lines.push(format!("{}.", field(&mut c, &WORDS, raw)));
                }
            }
            _ => {
                lines.push("KẾ HOẠCH".to_string());
                lines.push(field(&mut c, &WORDS, raw));
                for (part, roman) in ["I", "II", "III"].iter().enumerate().take(1 + c.below(3)) {
                    lines.push(format!(
                        "{roman}. {}",
                        field(&mut c, &WORDS, raw).to_uppercase()
                    ));
                    for item in 1..=c.below(3) {
                        lines.push(format!("{item}. {}", field(&mut c, &WORDS, raw)));
                        if c.flag() {
                            lines.push(format!("a) {} {part}", field(&mut c, &WORDS, raw)));
                        }
                    }
                }
            }
        }
        lines.push("Nơi nhận:".to_string());
        lines.push("- Như trên;".to_string());
        lines.push("- Lưu: VT.".to_string());
        lines.push("TM. ỦY BAN NHÂN DÂN".to_string());
        lines.push("CHỦ TỊCH".to_string());
        lines.push("(Đã ký)".to_string());
        lines.push("Nguyễn Văn A".to_string());
        if c.below(4) == 0 {
            lines.push("PHỤ LỤC".to_string());
            lines.push(field(&mut c, &WORDS, raw));
        }
        if raw {
            // Lose, repeat or swap a few lines, or split the Quốc hiệu over two.
            for _ in 0..c.below(4) {
                let i = c.below(lines.len());
                match c.below(5) {
                    0 => {
                        lines.remove(i);
                    }
                    1 => lines.insert(i, lines[i].clone()),
                    2 => {
                        let j = c.below(lines.len());
                        lines.swap(i, j);
                    }
                    3 => lines.insert(i, String::new()),
                    _ => {
                        if let Some(q) = lines.iter().position(|l| l.starts_with("CỘNG HÒA")) {
                            lines[q] = "CỘNG HÒA XÃ HỘI".to_string();
                            lines.insert(q + 1, "CHỦ NGHĨA VIỆT NAM".to_string());
                        }
                    }
                }
                if lines.is_empty() {
                    break;
                }
            }
        }
        anchors += lines
            .iter()
            .filter(|l| l.starts_with("CỘNG") || l.starts_with("ĐẢNG"))
            .count();
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    }
    (out, all_intact.then_some(count), anchors)
}

/// Many documents in one file, built from the input (see [`many_documents`]): split, outlined
/// and checked with every built-in rule. The splitter finds exactly the documents of a file whose
/// every document is intact, never more documents than lines that may open one, in order and
/// without overlap; every finding lies inside the text and its document.
pub fn documents(data: &[u8]) {
    let (text, intact, anchors) = many_documents(data);
    let parsed = crate::outline::parse(text);
    let docs = &parsed.documents;
    let lines = parsed.lines.len();
    assert!(!docs.is_empty());
    assert!(docs.len() <= anchors + 1, "{} documents", docs.len());
    if let Some(count) = intact {
        assert_eq!(docs.len(), count);
    }
    for (k, doc) in docs.iter().enumerate() {
        assert_eq!(doc.index, k + 1);
        assert!(doc.first_line <= doc.last_line && doc.last_line as usize <= lines);
        assert!(doc.version_of >= 1 && doc.version_of <= doc.index);
        if k > 0 {
            assert!(docs[k - 1].last_line < doc.first_line);
        }
    }
    let chars = |n: u32| {
        parsed
            .lines
            .line(n)
            .map_or(0, |l| l.text.as_str().chars().count()) as u32
    };
    for f in BUILTIN.check_file(&parsed) {
        assert!(
            f.line >= 1 && f.line <= f.end_line && f.end_line as usize <= lines,
            "{f:?}"
        );
        assert!(f.column >= 1 && f.column <= chars(f.line) + 1, "{f:?}");
        assert!(f.end_column <= chars(f.end_line) + 1, "{f:?}");
        assert!(f.line < f.end_line || f.column <= f.end_column, "{f:?}");
        assert!(f.document >= 1 && f.document <= docs.len(), "{f:?}");
    }
    let all: Vec<&crate::outline::Document> = docs.iter().collect();
    let mut sink = Vec::new();
    crate::report::outline::write_json(&mut sink, "fuzz.txt", &all).expect("writes to memory");
    crate::report::outline::write_text(&mut sink, "fuzz.txt", &all, true)
        .expect("writes to memory");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::DocxError;

    fn kept(target: &str, name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/fuzz/{target}/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    #[test]
    fn the_numbering_target_builds_the_hostile_docx_of_the_issue() {
        let data = kept("numbering", "letters-near-2-31-thousand-placeholders.bin");
        let docx = numbered_docx(&mut Choices::new(&data));
        assert!(docx.numbering.contains(r#"<w:start w:val="2147483647"/>"#));
        assert!(
            docx.numbering
                .contains(r#"<w:numFmt w:val="lowerLetter"/>"#)
        );
        assert!(docx.numbering.contains(&"%1".repeat(1000)));
        assert_eq!(docx.direct.len(), 40);
        let read = crate::docx::read_parts(&docx.document, Some(&docx.numbering), None);
        assert!(matches!(read, Err(DocxError::LabelTooLong { .. })));
        numbering(&data);
    }

    #[test]
    fn the_numbering_target_reaches_real_labels() {
        let data = kept("numbering", "levels-overrides-and-changes.bin");
        let docx = numbered_docx(&mut Choices::new(&data));
        let text =
            crate::docx::read_parts(&docx.document, Some(&docx.numbering), Some(&docx.styles))
                .unwrap();
        assert!(text.old.is_some());
        assert!(
            text.new.text.lines().any(|l| l.starts_with("I.")),
            "{}\n{}",
            docx.numbering,
            text.new.text
        );
        numbering(&data);
    }

    #[test]
    fn intact_documents_are_split_into_as_many() {
        for name in [
            "intact-cong-van.bin",
            "intact-ke-hoach.bin",
            "intact-quyet-dinh.bin",
        ] {
            let data = kept("documents", name);
            let (text, intact, anchors) = many_documents(&data);
            assert_eq!((intact, anchors), (Some(331), 331));
            assert_eq!(crate::outline::parse(text).documents.len(), 331);
            documents(&data);
        }
        let (_, intact, _) = many_documents(&kept("documents", "mutated-56.bin"));
        assert_eq!(intact, None);
    }
}
