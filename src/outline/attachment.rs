//! Attachments: what a document carries after its signature.
//!
//! A Quyết định "ban hành kèm theo" a Quy chế, a Danh mục, a Phụ lục or a set of forms carries its
//! substance after the signature. Each attachment opens with a heading: a label (`PHỤ LỤC I`,
//! `QUY CHẾ`, `Mẫu số 01`), a title, and usually `(Ban hành kèm theo Quyết định số … ngày …)`.
//! Its text is then read like a body, with parts numbered under the attachment's key
//! (`PL1/Điều 5.2`). An attachment that repeats a header (a Quy chế under the issuing body and the
//! Quốc hiệu, a form) was split off as a document of its own; [`merge_into_carriers`] gives it
//! back to the document it belongs to.
//!
//! Converted files end with a website's notices; they are not part of the last attachment.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::clean::CleanLine;
use crate::text::numbering::roman_value;
use crate::text::{fold, is_caps};

use super::header::join;
use super::model::{Attachment, AttachmentKind, Document, Footnote, Paragraph};
use super::place::AttachmentTag;

/// Label words of each kind, folded, with the key and name of an unnumbered attachment.
const KINDS: &[(&str, AttachmentKind, &str, &str)] = &[
    ("phu luc", AttachmentKind::Appendix, "PL", "Phụ lục"),
    ("quy che", AttachmentKind::Regulation, "QC", "Quy chế"),
    ("quy dinh", AttachmentKind::Rules, "QyĐ", "Quy định"),
    ("dieu le", AttachmentKind::Charter, "ĐL", "Điều lệ"),
    ("huong dan", AttachmentKind::Guide, "HD", "Hướng dẫn"),
    ("ke hoach", AttachmentKind::Plan, "KH", "Kế hoạch"),
    (
        "chuong trinh",
        AttachmentKind::Programme,
        "CTr",
        "Chương trình",
    ),
    ("de an", AttachmentKind::Scheme, "ĐA", "Đề án"),
    ("phuong an", AttachmentKind::Scheme, "PA", "Phương án"),
    ("danh muc", AttachmentKind::List, "DM", "Danh mục"),
    ("quy trinh", AttachmentKind::Other, "QT", "Quy trình"),
    ("bieu mau", AttachmentKind::Form, "M", "Biểu mẫu"),
    ("mau", AttachmentKind::Form, "M", "Mẫu"),
    ("bieu", AttachmentKind::Table, "B", "Biểu"),
    ("bang", AttachmentKind::Table, "B", "Bảng"),
];

/// `Phụ lục I`, `Mẫu số 01`, `Biểu số 02/TH`: a label that names itself by its number.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:phụ lục|mẫu|biểu mẫu|biểu|bảng)(?:\s+số)?\s*([0-9]{1,3}[a-z]?|[IVXLC]{1,6})\b",
    )
    .expect("static regex")
});

/// The kind of an attachment label line, with its entry of [`KINDS`].
fn label_entry(
    text: &str,
) -> Option<&'static (&'static str, AttachmentKind, &'static str, &'static str)> {
    // Every label word starts with one of these letters: most lines are rejected here.
    if !text.starts_with(|c: char| "PpQqĐđHhKkCcDdBbMm".contains(c)) || text.len() > 1200 {
        return None;
    }
    if text.chars().count() > 300 {
        return None;
    }
    // The longest label word is 12 letters: a prefix decides, the whole line is folded only to
    // tell a bare label (`Mẫu`) apart.
    let folded = crate::text::fold_prefix(text, 14);
    let entry = KINDS.iter().find(|(word, ..)| {
        folded.strip_prefix(word).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with([' ', ':', '.', '-', '_'])
                || rest.starts_with(|c: char| c.is_ascii_digit())
        })
    })?;
    let self_naming = matches!(
        entry.1,
        AttachmentKind::Appendix | AttachmentKind::Form | AttachmentKind::Table
    );
    // A caps label (`QUY CHẾ`), or a numbered label in any case (`Phụ lục II`, `Mẫu số 01`); a
    // sentence starting with the word is not a label.
    let words = text.split_whitespace().count();
    let caps = is_caps(text);
    if !caps && cites_elsewhere(text) {
        return None;
    }
    let ok = caps && (self_naming || words <= 30)
        || self_naming && words <= 12 && (NUMBERED.is_match(text) || fold(text) == entry.0);
    ok.then_some(entry)
}

/// Whether a numbered label goes on as a reference (`Mẫu số 12 tại Phụ lục II …`, `Phụ lục I
/// của Thông tư …`): a cell of a table of procedures naming a form, not a form's heading.
fn cites_elsewhere(text: &str) -> bool {
    let Some(m) = NUMBERED.find(text) else {
        return false;
    };
    let rest = crate::text::fold_prefix(text[m.end()..].trim_start(), 16);
    [
        "tai ",
        "theo ",
        "cua ",
        "quy dinh ",
        "da ",
        "duoc ",
        "nay ",
        "phu luc ",
        "nghi dinh ",
        "thong tu ",
        "quyet dinh ",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// `(Ban hành kèm theo Quyết định số …)`, `Kèm theo Nghị định số …`.
pub(crate) fn is_issued_with(text: &str) -> bool {
    let t = text.trim_start_matches(['(', '*', ' ', '[']);
    let folded = crate::text::fold_prefix(t, 40);
    [
        "kem theo",
        "ban hanh kem theo",
        "duoc ban hanh kem theo",
        "phe duyet kem theo",
    ]
    .iter()
    .any(|w| folded.starts_with(w))
        && text.chars().count() < 400
}

fn text_lines<'l>(lines: &'l [CleanLine], from: usize) -> impl Iterator<Item = usize> + 'l {
    (from..lines.len()).filter(|&j| lines[j].is_text())
}

/// Whether `lines[i]` opens an attachment's heading.
///
/// Phụ lục, Mẫu and Biểu name themselves; the other kinds (`QUY CHẾ`, `DANH MỤC`) are also the
/// first words of ordinary caps headings (`QUY ĐỊNH CHUNG` under `Chương I`), so they open an
/// attachment only with a `kèm theo` line under them. A run of form labels one or two lines apart
/// is a table listing the forms, not their headings.
pub(crate) fn starts_heading(lines: &[CleanLine], i: usize) -> bool {
    let line = &lines[i];
    if !line.is_text() {
        return false;
    }
    let Some(&(word, kind, ..)) = label_entry(line.as_str()) else {
        return false;
    };
    let next: Vec<usize> = text_lines(lines, i + 1).take(6).collect();
    // `Mẫu` / `số 12 tại Phụ lục II …`: a label wrapped after its word is read whole.
    if fold(line.as_str()) == word
        && let Some(&j) = next.first()
        && crate::text::starts_lower(lines[j].as_str())
        && label_entry(&format!("{} {}", line.as_str(), lines[j].as_str())).is_none()
    {
        return false;
    }
    let issued_with_follows = next.iter().any(|&j| is_issued_with(lines[j].as_str()));
    if issued_with_follows {
        return true;
    }
    match kind {
        AttachmentKind::Appendix => true,
        AttachmentKind::Form | AttachmentKind::Table => !next
            .iter()
            .take(3)
            .any(|&j| label_entry(lines[j].as_str()).is_some_and(|e| e.1 == kind)),
        _ => false,
    }
}

/// The website's notices that converted files end with: the end of the document's text.
fn is_site_notice(lines: &[CleanLine], i: usize) -> bool {
    // Every notice starts with one of these letters: most lines are rejected here.
    if !lines[i]
        .as_str()
        .starts_with(|c: char| "VvCcQqBbTt".contains(c))
    {
        return false;
    }
    let folded = crate::text::fold_prefix(lines[i].as_str(), 48);
    const STARTS: &[&str] = &[
        "ve luu tru, su dung thong tin khach hang",
        "cam on da dung thuvienphapluat",
        "quy khach can hoi them thong tin",
        "ban vua bi dang xuat",
        "van ban nay chua cap nhat noi dung tieng anh",
        "tai khoan hien da du nguoi",
        "thua quy khach,",
    ];
    if STARTS.iter().any(|s| folded.starts_with(s)) {
        return true;
    }
    // `THÔNG BÁO` over `về Lưu trữ, Sử dụng Thông tin Khách hàng`.
    folded == "thong bao"
        && text_lines(lines, i + 1).next().is_some_and(|j| {
            crate::text::fold_prefix(lines[j].as_str(), 16).starts_with("ve luu tru")
        })
}

/// Where the website's notices start in `lines` (or its length). They close a converted page, so
/// only its last lines are looked at.
fn site_notice_start(lines: &[CleanLine]) -> usize {
    const TAIL: usize = 400;
    (lines.len().saturating_sub(TAIL)..lines.len())
        .find(|&i| lines[i].is_text() && is_site_notice(lines, i))
        .unwrap_or(lines.len())
}

static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([0-9]{1,3})\]\s*").expect("static regex"));

/// Reads what follows a document's signature into its attachments, footnotes and trailer.
pub(crate) fn parse_after_signature(lines: &[CleanLine], doc: &mut Document) {
    let end = site_notice_start(lines);
    // A heading's title may itself start like a label (`PHỤ LỤC 01` / `QUY ĐỊNH MỘT SỐ CHẾ ĐỘ…` /
    // `(Kèm theo …)`): the next attachment starts after this one's heading.
    let mut starts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < end {
        if starts_heading(lines, i) {
            starts.push(i);
            i = heading(&lines[..end], i).body_start.max(i + 1);
        } else {
            i += 1;
        }
    }
    let first = starts.first().copied().unwrap_or(end);
    read_notes(&lines[..first], doc);
    for (k, &start) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).copied().unwrap_or(end);
        let attachment = parse_attachment(&lines[start..stop], doc);
        doc.attachments.push(attachment);
    }
    doc.trailer.extend(
        lines[end..]
            .iter()
            .filter(|l| l.is_text())
            .map(|l| Paragraph::new(l.text.to_mapped_text())),
    );
}

/// Text after the signature before any attachment: the notes of a consolidated text (`[9] …`,
/// one per mark) become footnotes; other lines stay in the trailer.
fn read_notes(lines: &[CleanLine], doc: &mut Document) {
    let mut current: Option<(String, Vec<&CleanLine>)> = None;
    let flush = |current: &mut Option<(String, Vec<&CleanLine>)>, doc: &mut Document| {
        if let Some((mark, parts)) = current.take() {
            doc.footnotes.push(Footnote {
                mark,
                text: join(&parts),
            });
        }
    };
    for line in lines.iter().filter(|l| l.is_text()) {
        let footnote = line
            .as_str()
            .starts_with('[')
            .then(|| FOOTNOTE.captures(line.as_str()))
            .flatten();
        if let Some(c) = footnote {
            flush(&mut current, doc);
            current = Some((c[1].to_string(), vec![line]));
        } else if let Some((_, parts)) = current.as_mut() {
            parts.push(line);
        } else {
            doc.trailer.push(Paragraph::new(line.text.to_mapped_text()));
        }
    }
    flush(&mut current, doc);
}

/// The key, name and kind of an attachment from its label, unique among `existing`.
fn tag_of(label: &str, index: usize, existing: &[Attachment]) -> (AttachmentKind, AttachmentTag) {
    let (kind, key, name) = match label_entry(label) {
        Some(&(_, kind, key, name)) => {
            let number = NUMBERED
                .captures(label)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string());
            match number {
                Some(n) => {
                    let value = n
                        .parse::<u32>()
                        .ok()
                        .or_else(|| roman_value(&n.to_uppercase()))
                        .map_or_else(|| n.clone(), |v| v.to_string());
                    let shown = if kind == AttachmentKind::Appendix {
                        format!("{name} {n}")
                    } else {
                        format!("{name} số {n}")
                    };
                    let key = if kind == AttachmentKind::Appendix {
                        format!("{key}{value}")
                    } else {
                        format!("{key}{n}")
                    };
                    (kind, key, shown)
                }
                None => (kind, key.to_string(), name.to_string()),
            }
        }
        None => (
            AttachmentKind::Other,
            "PL".to_string(),
            "Phụ lục".to_string(),
        ),
    };
    let taken = |k: &str| existing.iter().any(|a| a.tag.key == k);
    let mut unique = key.clone();
    let mut n = 2;
    while taken(&unique) {
        unique = format!("{key}-{n}");
        n += 1;
    }
    (
        kind,
        AttachmentTag {
            index,
            key: unique,
            name,
        },
    )
}

/// The heading of an attachment: its label line, title lines and `kèm theo` lines, and where its
/// text starts.
struct Heading<'l, 'a> {
    label: Vec<&'l CleanLine<'a>>,
    title: Vec<&'l CleanLine<'a>>,
    issued: Vec<&'l CleanLine<'a>>,
    body_start: usize,
}

/// Reads the heading that starts at `lines[at]`.
fn heading<'l, 'a>(lines: &'l [CleanLine<'a>], at: usize) -> Heading<'l, 'a> {
    let mut h = Heading {
        label: vec![&lines[at]],
        title: Vec::new(),
        issued: Vec::new(),
        body_start: at + 1,
    };
    let form = label_entry(lines[at].as_str()).is_some_and(|e| e.1 == AttachmentKind::Form);
    for j in text_lines(lines, at + 1) {
        let t = lines[j].as_str();
        if !h.issued.is_empty() {
            if h.issued.iter().any(|l| l.as_str().contains(')')) || h.issued.len() >= 4 {
                break;
            }
            h.issued.push(&lines[j]);
            h.body_start = j + 1;
            continue;
        }
        if is_issued_with(t) {
            h.issued.push(&lines[j]);
            h.body_start = j + 1;
            continue;
        }
        let marker = super::marker::parse_marker(t).is_some();
        // A label with its title on the same line, wrapped (`Mẫu số 9. Biên bản họp Hội` /
        // `đồng xét hủy tài liệu`).
        if h.title.is_empty() && crate::text::starts_lower(t) && h.label.len() < 3 {
            h.label.push(&lines[j]);
            h.body_start = j + 1;
            continue;
        }
        let caps_title = is_caps(t) && !marker;
        let form_title =
            form && h.title.is_empty() && !marker && t.split_whitespace().count() <= 20;
        if caps_title || form_title {
            h.title.push(&lines[j]);
            h.body_start = j + 1;
            continue;
        }
        break;
    }
    h
}

/// Reads one attachment: its heading, then its text as a body.
fn parse_attachment(lines: &[CleanLine], doc: &Document) -> Attachment {
    let label_at = text_lines(lines, 0).next().unwrap_or(0);
    let h = heading(lines, label_at);
    let label = join(&h.label);
    let (title, issued) = (h.title, h.issued);
    let body_start = h.body_start;
    let (kind, tag) = tag_of(
        lines[label_at].as_str(),
        doc.attachments.len() + 1,
        &doc.attachments,
    );
    let mut content = Document::default();
    let rest = &lines[body_start.min(lines.len())..];
    let prefix = format!("{}/", tag.key);
    let start = if kind == AttachmentKind::Form {
        // A form lays out a header of placeholders (`TÊN CƠ QUAN`, `Số: …`) like a document's.
        let (header, start) = super::header::parse_header(rest);
        content.header = header;
        start
    } else {
        0
    };
    let after = start + super::body::parse_attachment_body(&rest[start..], &mut content, &prefix);
    // What follows the attachment's own signature (a form's notes) is part of it.
    content.trailer.extend(
        rest[after..]
            .iter()
            .filter(|l| l.is_text())
            .map(|l| Paragraph::new(l.text.to_mapped_text())),
    );
    set_lines(&mut content, rest);
    let template =
        kind == AttachmentKind::Form || content.header.is_template() || has_blanks(&content);
    Attachment {
        kind,
        tag,
        label,
        title: (!title.is_empty()).then(|| join(&title)),
        issued_with: (!issued.is_empty()).then(|| join(&issued)),
        template,
        content,
    }
}

fn set_lines(content: &mut Document, lines: &[CleanLine]) {
    let text = || lines.iter().filter(|l| l.is_text());
    content.first_line = text().next().map_or(0, |l| l.number);
    content.last_line = text().next_back().map_or(0, |l| l.number);
}

/// Blanks to fill in (`……`, `....`, `___`) on several lines: a form.
fn has_blanks(content: &Document) -> bool {
    let blank = |p: &Paragraph| {
        let t = p.as_str();
        t.contains("……") || t.contains("....") || t.contains("___") || t.contains("…..")
    };
    let mut count = 0;
    for b in content.blocks() {
        let headings = b
            .sections
            .iter()
            .flat_map(|s| s.walk())
            .flat_map(|s| std::iter::once(&s.heading).chain(&s.paragraphs));
        for p in b.paragraphs.iter().copied().chain(headings) {
            if blank(p) {
                count += 1;
                if count >= 3 {
                    return true;
                }
            }
        }
    }
    false
}

/// An attachment whose label was read but no text after it (`Mẫu số 01` over a form that has a
/// header of its own, split off at its Quốc hiệu).
fn is_dangling(a: &Attachment) -> bool {
    a.content.body.is_empty() && a.content.signature.is_empty() && a.content.header.is_empty()
}

/// A form's code alone on its line: `BM-21`, `M01`, `TK-02a`.
static FORM_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:BM|M|TK|MS|PL)[-.]?[0-9]{1,3}[a-z]?$").expect("static regex")
});

/// Whether `text` is a label alone (`Mẫu số 07`, `Phụ lục II`): the line just above a Quốc hiệu,
/// it names what follows as an attachment.
pub(crate) fn is_label_alone(text: &str) -> bool {
    FORM_CODE.is_match(text)
        || label_entry(text).is_some_and(|e| {
            matches!(
                e.1,
                AttachmentKind::Appendix | AttachmentKind::Form | AttachmentKind::Table
            )
        }) && NUMBERED.find(text).is_some_and(|m| {
            // The number may carry the form's code: `Mẫu 01-ĐĐN-CĐ`, `Mẫu số 02/TK`.
            let rest = text[m.end()..].trim_end();
            rest.is_empty() || FORM_CODE_SUFFIX.is_match(rest)
        })
}

/// The code a form's number carries: `-ĐĐN-CĐ` in `Mẫu 01-ĐĐN-CĐ`, `/TK` in `Mẫu số 02/TK`.
static FORM_CODE_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-./][\p{Lu}0-9]{1,8}){1,4}$").expect("static regex"));

/// Whether the text split off at its own Quốc hiệu, whose header is `header`, is an attachment
/// of `carrier` rather than a document of its own: it says it was issued with another (`kèm
/// theo`), it is a form, it fills a label the carrier left without text, or it is a Quy chế, Phụ
/// lục, Danh mục… with no Số line after a signed document, or it has no Số line and its label
/// stands just above it (`labelled`: `Mẫu số 07` over the Quốc hiệu of a form). Two versions of one document (same
/// type and title) are never merged, nor is a document with a number of its own.
pub(crate) fn belongs_to(
    carrier: &Document,
    header: &super::model::Header,
    labelled: bool,
) -> bool {
    let key = super::version_key(carrier);
    if key.is_some() && key == super::header_version_key(header) {
        return false;
    }
    if header.issued_with.is_some() {
        return true;
    }
    if header.symbol.as_ref().is_some_and(|s| s.number.is_some()) {
        return false;
    }
    if labelled {
        return true;
    }
    if header.is_template() || carrier.attachments.last().is_some_and(is_dangling) {
        return true;
    }
    let attachment_type = header
        .type_name
        .as_ref()
        .and_then(|t| label_entry(t.as_str()))
        .is_some();
    attachment_type && !carrier.signature.is_empty() && header.symbol.is_none()
}

/// Reads `lines` (a header, parsed as `header` up to `body_start`, then text) as the next
/// attachment of `carrier`: its type line is the label, its title the title, its parts are
/// numbered under the attachment's key; what follows its signature is the carrier's next
/// attachments.
pub(crate) fn adopt(
    carrier: &mut Document,
    mut header: super::model::Header,
    label_above: Option<Paragraph>,
    body_start: usize,
    lines: &[CleanLine],
) {
    let dangling = match carrier.attachments.last() {
        Some(a) if is_dangling(a) => carrier.attachments.pop(),
        _ => None,
    };
    // The label over the header (`Mẫu 01-ĐĐN-CĐ` over the Quốc hiệu of a form) names it; the
    // form's own type line (`ĐƠN ĐỀ NGHỊ`) is then its title.
    let mut label = match label_above {
        Some(above) => {
            if header.title.is_none() {
                header.title = header.type_name.take();
            }
            Some(above)
        }
        None => header.type_name.take(),
    };
    let mut title = header.title.take();
    let mut issued_with = header.issued_with.take();
    let (kind, tag) = match &dangling {
        Some(d) => {
            label = Some(d.label.clone());
            title = title.or_else(|| d.title.clone());
            issued_with = issued_with.or_else(|| d.issued_with.clone());
            (d.kind, d.tag.clone())
        }
        None => {
            let text = label.as_ref().map_or("", Paragraph::as_str);
            // A form without a label of its own (`ĐƠN ĐĂNG KÝ` under a header of placeholders)
            // is named as a form.
            let named = if label_entry(text).is_none() && header.is_template() {
                "Mẫu"
            } else {
                text
            };
            tag_of(named, carrier.attachments.len() + 1, &carrier.attachments)
        }
    };
    let mut content = Document {
        header,
        ..Document::default()
    };
    let rest = &lines[body_start.min(lines.len())..];
    // A form without signature runs to the end of the file: the website's notices are not its.
    let notice = site_notice_start(rest);
    let after =
        super::body::parse_attachment_body(&rest[..notice], &mut content, &format!("{}/", tag.key));
    set_lines(&mut content, lines);
    let template =
        kind == AttachmentKind::Form || content.header.is_template() || has_blanks(&content);
    carrier.attachments.push(Attachment {
        kind,
        tag,
        label: label.unwrap_or_default(),
        title,
        issued_with,
        template,
        content,
    });
    parse_after_signature(&rest[after..], carrier);
}
