//! The header block: issuing body, Quốc hiệu, Tiêu ngữ, Số/ký hiệu, place and date, draft mark,
//! type name and trích yếu (or a công văn's `V/v`).
//!
//! Converted headers arrive flattened in any order (left column then right, or row by row), with
//! fields wrapped over two lines (`Số:` / `44/2025/QĐ-UBND`, `ngày 20` / `tháng 11 năm 2025`).
//! The parser therefore classifies line by line and collects, rather than expecting an order.

use regex::Regex;
use std::sync::LazyLock;

use crate::document::clean::{CleanLine, LineKind};
use crate::document::mapped::MappedText;
use crate::text::{fold, is_caps, starts_lower};

use super::marker::parse_marker;
use super::model::{Header, Paragraph, PlaceDate, Symbol};

/// Type names of Phụ lục III (and legal types), folded (no tone marks, lower case).
const TYPE_NAMES: &[&str] = &[
    "ke hoach",
    "quyet dinh",
    "nghi quyet",
    "chi thi",
    "quy che",
    "quy dinh",
    "thong cao",
    "thong bao",
    "huong dan",
    "chuong trinh",
    "phuong an",
    "de an",
    "du an",
    "bao cao",
    "bien ban",
    "to trinh",
    "hop dong",
    "cong dien",
    "ban ghi nho",
    "ban thoa thuan",
    "giay uy quyen",
    "giay moi",
    "giay gioi thieu",
    "giay nghi phep",
    "phieu gui",
    "phieu chuyen",
    "phieu bao",
    "nghi dinh",
    "thong tu",
    "thong tu lien tich",
    "luat",
    "bo luat",
    "phap lenh",
    "lenh",
    "cong van",
    "thu cong",
    "dieu le",
    "de cuong",
    "phieu trinh",
    "quy trinh",
    "danh muc",
    "phu luc",
    "to khai",
    "don de nghi",
    "giay de nghi",
    "bang ke",
    "van ban hop nhat",
];

/// Urgency, secrecy and circulation marks, folded.
const MARKS: &[&str] = &[
    "hoa toc",
    "thuong khan",
    "khan",
    "tuyet mat",
    "toi mat",
    "mat",
    "xem xong tra lai",
    "luu hanh noi bo",
];

/// Words that open the name of a subordinate organisation: a caps line starting with one of
/// these, under another caps line, is the issuing body under its parent (`UBND TỈNH` / `VĂN
/// PHÒNG`); other caps lines continue the name (`ỦY BAN NHÂN DÂN` / `TỈNH SÓC TRĂNG`).
const ORGANISATION_WORDS: &[&str] = &[
    "van phong",
    "cuc ",
    "tong cuc",
    "chi cuc",
    "so ",
    "ban ",
    "phong ",
    "vu ",
    "vien ",
    "trung tam",
    "thanh tra",
    "kho bac",
    "truong ",
    "benh vien",
    "cong an",
    "bo chi huy",
    "hoi dong",
    "uy ban",
    "thue ",
];

static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    // The number may be a form's placeholder (`Số: ...../GP-....`, `Số: …/QĐ-…`).
    Regex::new(r"^(?:Số|SỐ|Sô|So|số)(?:\s*[:.;]\s*|\s+)?([0-9/.…_].*)?$").expect("static regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(.*?)\s*,\s*)?ngày\s*([0-9]{1,2})?\s*tháng\s*([0-9]{1,2})?\s*năm\s*([0-9]{4})?",
    )
    .expect("static regex")
});
static DATE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:[^,]{1,40},\s*)?ngày(?:\s|$)").expect("static regex"));
static YEAR_PRESENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)năm\s*[0-9]{4}").expect("static regex"));
/// A year wrapped onto a line of its own (`2025`, `2025*`).
static YEAR_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{4}\b").expect("static regex"));

/// What a header line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    NationalTitle,
    NationalTitleFirstHalf,
    Motto,
    Symbol,
    Date,
    Draft,
    Mark,
    TypeName,
    Subject,
    /// `(Ban hành kèm theo Quyết định số …)`.
    IssuedWith,
    AddresseeHeading,
    LegalBasis,
    Caps,
    Other,
}

const NATIONAL_TITLE: &str = "cong hoa xa hoi chu nghia viet nam";

const PARTY_TITLE: &str = "dang cong san viet nam";

/// If the Quốc hiệu starts at `lines[i]`, possibly wrapped onto the next text line at any word
/// (`CỘNG HÒA XÃ HỘI` / `CHỦ NGHĨA VIỆT NAM`, `**CỘNG` / `HÒA XÃ HỘI…`), returns the index of its
/// last line. The party's header `ĐẢNG CỘNG SẢN VIỆT NAM` stands in its place in documents of
/// the Đảng.
///
/// The words alone are not enough: articles and encyclopedia pages name the country and the
/// party on lines of their own, and a wrapped citation may start a line with them (`Cộng hòa xã
/// hội chủ nghĩa Việt Nam số 69/2014/QH13`). A header line holds the title alone (or with the
/// Tiêu ngữ glued on by a conversion), in capitals, or, written in lower case by mistake,
/// followed by the Tiêu ngữ; the party's header is in capitals.
pub(crate) fn national_title_end(lines: &[CleanLine], i: usize) -> Option<usize> {
    // Cheap tests first: this runs on every line of a file. Whatever matches below starts with
    // "cong" (at least four characters of the Quốc hiệu) or "dang".
    if lines[i].as_str().len() > 160
        || !crate::text::starts_with_folded(lines[i].as_str(), &["cong", "dang"])
    {
        return None;
    }
    let text = lines[i].as_str();
    // Lines opening with `Công …` are common: their first 40 characters settle most of them
    // before the whole line is folded.
    let head = crate::text::fold_prefix(text, 40);
    if !(head.starts_with(PARTY_TITLE)
        || head.starts_with(NATIONAL_TITLE)
        || NATIONAL_TITLE.starts_with(head.trim_end()))
    {
        return None;
    }
    let first = fold(text);
    if let Some(rest) = first.strip_prefix(PARTY_TITLE) {
        let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
        return (rest.is_empty() && is_caps(text)).then_some(i);
    }
    let (end, title_text, folded) = if first.starts_with(NATIONAL_TITLE) {
        (i, text.to_string(), first)
    } else {
        if first.len() < 4 || !NATIONAL_TITLE.starts_with(first.trim_end()) {
            return None;
        }
        let j = next_text(lines, i + 1)?;
        let joined = format!("{} {}", text.trim_end(), lines[j].as_str());
        let folded = fold(&joined);
        if !folded.starts_with(NATIONAL_TITLE) {
            return None;
        }
        (j, joined, folded)
    };
    let rest = folded[NATIONAL_TITLE.len()..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let motto_glued = rest.starts_with("doc lap");
    if !rest.is_empty() && !motto_glued {
        return None;
    }
    let title_chars = NATIONAL_TITLE.chars().count();
    let title: String = title_text.chars().take(title_chars).collect();
    let motto_follows = motto_glued
        || next_text(lines, end + 1)
            .is_some_and(|k| fold(lines[k].as_str()).starts_with("doc lap"));
    (is_caps(&title) || motto_follows).then_some(end)
}

/// The length in characters of the Quốc hiệu at the start of `text` when the Tiêu ngữ follows on
/// the same line (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc`, a conversion
/// that lost the line break), so that the two can be told apart.
fn glued_motto_start(text: &str) -> Option<usize> {
    let folded = fold(text);
    if !folded.starts_with(NATIONAL_TITLE) {
        return None;
    }
    let at = folded.find("doc lap")?;
    (folded[NATIONAL_TITLE.len()..at]
        .chars()
        .all(|c| !c.is_alphanumeric()))
    .then(|| folded[..at].chars().count())
}

/// Whether `line` is a type line on its own (`NGHỊ ĐỊNH`, `QUYẾT ĐỊNH`).
pub(crate) fn is_type_name(line: &str) -> bool {
    matches!(classify(line), Field::TypeName)
}

fn classify(line: &str) -> Field {
    let folded = fold(line);
    let folded_trim = folded.trim_end_matches([':', '.']).trim();
    if folded.starts_with(NATIONAL_TITLE) || folded == PARTY_TITLE && is_caps(line) {
        return Field::NationalTitle;
    }
    if folded.len() >= 4 && NATIONAL_TITLE.starts_with(&folded) {
        return Field::NationalTitleFirstHalf;
    }
    if folded.starts_with("doc lap") && folded.contains("tu do") {
        return Field::Motto;
    }
    if SYMBOL.is_match(line) && line.len() < 80 {
        return Field::Symbol;
    }
    if DATE_START.is_match(line) && line.chars().count() < 90 && line.contains(',') {
        return Field::Date;
    }
    // "DỰ THẢO", "Dự thảo lần 2", "(Dự thảo)"; a V/v line going on with "dự thảo Kế hoạch…" is not
    // a draft mark.
    let opens_mark = line.starts_with(['(', '[']) || crate::text::starts_upper(line);
    if opens_mark
        && line.chars().count() < 40
        && (folded.starts_with("du thao")
            || folded.starts_with("(du thao")
            || folded.starts_with("[du thao"))
    {
        return Field::Draft;
    }
    if is_caps(line) && MARKS.contains(&folded_trim) {
        return Field::Mark;
    }
    if is_caps(line) && TYPE_NAMES.contains(&folded_trim) {
        return Field::TypeName;
    }
    if folded.starts_with("v/v") {
        return Field::Subject;
    }
    if super::attachment::is_issued_with(line) {
        return Field::IssuedWith;
    }
    if folded.starts_with("kinh gui") {
        return Field::AddresseeHeading;
    }
    if folded.starts_with("can cu") || folded.starts_with("theo de nghi") {
        return Field::LegalBasis;
    }
    if is_caps(line) {
        return Field::Caps;
    }
    Field::Other
}

/// Sets the Tiêu ngữ from its line. A conversion that flattened the header may have glued the
/// rule drawn under it (`Hạnh phúc---------`) and the place and date beside it (`Hạnh
/// phúc_____ Hà Nội, ngày 30 tháng 6 năm 2025`) onto the same line: the rule is not part of the
/// Tiêu ngữ, and the date is the header's place and date.
fn set_motto(header: &mut Header, line: MappedText) {
    let folded = fold(line.as_str());
    let Some(at) = folded.find("hanh phuc") else {
        header.motto = Some(Paragraph::new(line));
        return;
    };
    let end = folded[..at + "hanh phuc".len()].chars().count();
    let len = line.char_len();
    let rest = line.slice_chars(end, len);
    let rest_text = rest.as_str();
    let rule_len = rest_text
        .chars()
        .take_while(|c| matches!(c, '-' | '_' | '=' | '─' | '—' | '–' | '*' | ' '))
        .count();
    if rule_len == 0 && !rest_text.trim().is_empty() {
        header.motto = Some(Paragraph::new(line));
        return;
    }
    header.motto = Some(Paragraph::new(line.slice_chars(0, end)));
    let date = rest.slice_chars(rule_len, rest.char_len()).trimmed();
    if header.place_date.is_none() && DATE_START.is_match(date.as_str()) {
        header.place_date = Some(parse_place_date(Paragraph::new(date)));
    }
}

/// Parses the header from the start of a document; returns it with the index of the first line
/// that belongs to the body.
pub fn parse_header(lines: &[CleanLine]) -> (Header, usize) {
    let mut header = Header::default();
    let mut body_caps: Vec<&CleanLine> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if !line.is_text() {
            i += 1;
            continue;
        }
        let text = line.as_str();
        let field = classify(text);
        // Once a header field is known, text that is none is where the body begins: skipping
        // it as stray text would lose it (only text before any field is stray).
        let seen_core = header.national_title.is_some()
            || header.symbol.is_some()
            || header.type_name.is_some()
            || header.title.is_some()
            || header.place_date.is_some();
        match field {
            Field::NationalTitle if national_title_end(lines, i) == Some(i) => {
                let whole = line.text.to_mapped_text();
                match glued_motto_start(text) {
                    Some(at) => {
                        let len = whole.char_len();
                        header.national_title =
                            Some(Paragraph::new(whole.slice_chars(0, at).trimmed()));
                        set_motto(&mut header, whole.slice_chars(at, len).trimmed());
                    }
                    None => header.national_title = Some(Paragraph::new(whole)),
                }
            }
            Field::NationalTitleFirstHalf => match national_title_end(lines, i) {
                Some(j) => {
                    header.national_title = Some(join(&[&lines[i], &lines[j]]));
                    i = j;
                }
                None if header.type_name.is_none() => body_caps.push(line),
                None => {}
            },
            Field::Motto => set_motto(&mut header, line.text.to_mapped_text()),
            Field::Symbol if header.symbol.is_none() => {
                let caps = SYMBOL.captures(text).expect("classified as symbol");
                let value = caps.get(1).map_or("", |m| m.as_str()).trim();
                let mut parts = vec![line];
                if value.is_empty()
                    && let Some(j) = next_text(lines, i + 1)
                    && lines[j].as_str().contains('/')
                {
                    parts.push(&lines[j]);
                    i = j;
                }
                header.symbol = Some(parse_symbol(join(&parts)));
            }
            Field::Date if header.place_date.is_none() => {
                let mut parts = vec![line];
                if !YEAR_PRESENT.is_match(text)
                    && let Some(j) = next_text(lines, i + 1)
                    && (YEAR_PRESENT.is_match(lines[j].as_str())
                        || YEAR_ALONE.is_match(lines[j].as_str())
                            && fold(text).trim_end_matches('*').trim_end().ends_with("nam"))
                {
                    // `…, ngày 16 tháng 11` / `năm 2025`, or `… năm` / `2025`.
                    parts.push(&lines[j]);
                    i = j;
                }
                header.place_date = Some(parse_place_date(join(&parts)));
            }
            Field::Draft => header.draft = Some(Paragraph::new(line.text.to_mapped_text())),
            Field::Mark => header
                .marks
                .push(Paragraph::new(line.text.to_mapped_text())),
            Field::TypeName if header.type_name.is_none() => {
                header.type_name = Some(Paragraph::new(line.text.to_mapped_text()));
                let (title, next) = collect_title(lines, i + 1, false);
                if !title.is_empty() {
                    header.title = Some(join(&title));
                    header.title_is_subject = false;
                }
                i = next;
                continue;
            }
            Field::Subject if header.title.is_none() => {
                let (mut title, next) = collect_title(lines, i + 1, true);
                title.insert(0, line);
                header.title = Some(join(&title));
                header.title_is_subject = true;
                i = next;
                continue;
            }
            Field::Caps if header.type_name.is_none() && parse_marker(text).is_none() => {
                // A type name broken over two lines (`**QUYẾT` / `ĐỊNH**`).
                if let Some(j) = next_text(lines, i + 1)
                    && classify(&format!("{text} {}", lines[j].as_str())) == Field::TypeName
                {
                    header.type_name = Some(join(&[line, &lines[j]]));
                    let (title, next) = collect_title(lines, j + 1, false);
                    if !title.is_empty() {
                        header.title = Some(join(&title));
                    }
                    i = next;
                    continue;
                }
                body_caps.push(line);
            }
            // A place name wrapped before its date (`Thành phố Hồ Chí` / `Minh, ngày 20 …`).
            Field::Other | Field::Caps
                if header.place_date.is_none()
                    && text.chars().count() < 40
                    && next_text(lines, i + 1)
                        .is_some_and(|j| classify(lines[j].as_str()) == Field::Date) =>
            {
                let j = next_text(lines, i + 1).expect("checked above");
                let mut parts = vec![line, &lines[j]];
                if !YEAR_PRESENT.is_match(lines[j].as_str())
                    && let Some(k) = next_text(lines, j + 1)
                {
                    parts.push(&lines[k]);
                    i = k;
                } else {
                    i = j;
                }
                header.place_date = Some(parse_place_date(join(&parts)));
            }
            Field::IssuedWith if header.issued_with.is_none() && seen_core => {
                // Wrapped over a few lines, up to its closing bracket.
                let mut parts = vec![line];
                let mut j = i;
                while !parts.iter().any(|l| l.as_str().contains(')'))
                    && parts.len() < 4
                    && let Some(k) = next_text(lines, j + 1)
                    && !lines[k].as_str().contains('(')
                {
                    parts.push(&lines[k]);
                    j = k;
                }
                header.issued_with = Some(join(&parts));
                i = j;
            }
            Field::AddresseeHeading | Field::LegalBasis => break,
            _ if seen_core => break,
            // A text without a header (an excerpt, a note): the body starts at its first
            // numbered part or sentence.
            _ if parse_marker(text).is_some_and(|m| !m.kind.is_bullet())
                || text.chars().count() >= 60 =>
            {
                break;
            }
            // Lines before anything recognisable (stray text at the top of a converted file) do
            // not end the header; they are kept as its other lines.
            _ => header
                .other
                .push(Paragraph::new(line.text.to_mapped_text())),
        }
        i += 1;
    }
    // Nothing recognisable as a header (an excerpt, a note, a distribution list on its own): the
    // lines skipped as stray text are the body.
    let found_any = header.national_title.is_some()
        || header.symbol.is_some()
        || header.type_name.is_some()
        || header.title.is_some()
        || header.place_date.is_some()
        || header.motto.is_some();
    if !found_any {
        return (Header::default(), 0);
    }
    let (parent, issuing) = split_bodies(&body_caps);
    header.parent_body = parent;
    header.issuing_body = issuing;
    if let (Some(symbol), Some(_)) = (&mut header.symbol, &header.type_name) {
        symbol.type_code = symbol.code_parts.first().cloned();
        symbol.agency = symbol.code_parts.get(1).cloned();
        symbol.unit = symbol.code_parts.get(2).cloned();
    }
    (header, i)
}

fn next_text(lines: &[CleanLine], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| lines[j].is_text())
}

/// Collects title lines after a type name (skipping blank lines before the first one) or the
/// continuation lines of a `V/v` subject.
fn collect_title<'a>(
    lines: &'a [CleanLine<'a>],
    from: usize,
    subject: bool,
) -> (Vec<&'a CleanLine<'a>>, usize) {
    let mut out: Vec<&CleanLine> = Vec::new();
    let mut i = from;
    while i < lines.len() {
        let line = &lines[i];
        if !line.is_text() {
            if out.is_empty() && !subject && line.kind == LineKind::Blank {
                i += 1;
                continue;
            }
            break;
        }
        let text = line.as_str();
        let field = classify(text);
        // `THỦ TƯỚNG CHÍNH PHỦ điện:` opens the body of a công điện (who sends it, to whom).
        let cable_address = fold(text).trim_end_matches(['*', ' ']).ends_with(" dien:");
        let ends_block = !matches!(field, Field::Other | Field::Caps)
            || parse_marker(text).is_some()
            || cable_address
            || (line.starts_bold && !out.is_empty() && !subject);
        if ends_block {
            break;
        }
        // A công văn subject continues on lines that start in lower case or follow a line that
        // stops mid-phrase; a capitalised sentence after it is the body.
        if subject {
            let previous = out.last().map_or("", |l| l.as_str());
            let prev_open = !previous.ends_with(['.', ';', ':']);
            if !(starts_lower(text) || prev_open && out.len() < 6) {
                break;
            }
        }
        out.push(line);
        i += 1;
    }
    (out, i)
}

/// Joins cleaned lines into one paragraph with single spaces, keeping positions.
pub(crate) fn join(lines: &[&CleanLine]) -> Paragraph {
    if let [line] = lines {
        return Paragraph::new(line.text.to_mapped_text());
    }
    let mut text = MappedText::with_capacity(lines.iter().map(|l| l.as_str().len() + 1).sum());
    for line in lines {
        if let (false, Some(p)) = (text.is_empty(), line.text.view().start())
            && !starts_with_closing_mark(line.as_str())
        {
            text.push(' ', p);
        }
        text.push_mapped(line.text.view());
    }
    Paragraph::new(text)
}

/// Whether a wrapped line starts with a mark that closes what comes before it (`,` `;` `.` `:`
/// `)`): the conversion broke the line before it, where no space was typed (`… Tư pháp` / `,`),
/// so the lines join without one.
pub(crate) fn starts_with_closing_mark(line: &str) -> bool {
    line.starts_with([',', ';', '.', ':', ')']) && !line.starts_with("..")
}

/// Splits the caps lines of the issuing block into parent body and issuing body.
fn split_bodies(lines: &[&CleanLine]) -> (Option<Paragraph>, Option<Paragraph>) {
    if lines.is_empty() {
        return (None, None);
    }
    let split = (1..lines.len()).find(|&k| {
        let folded = fold(lines[k].as_str()) + " ";
        ORGANISATION_WORDS.iter().any(|w| folded.starts_with(w))
    });
    match split {
        Some(k) => (Some(join(&lines[..k])), Some(join(&lines[k..]))),
        None => (None, Some(join(lines))),
    }
}

static SYMBOL_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]+[a-zA-Z]?)?/(?:([0-9]{4})/)?(.+)$").expect("static regex")
});

/// A symbol of the Đảng (Hướng dẫn 36-HD/VPTW): number, type code, then the issuing body after
/// the slash (`12-HD/VPTW`, `1147-QĐ/BTGDVTW`).
static PARTY_SYMBOL_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII capitals and Đ: the codes of Hướng dẫn 36 use no other letters (and a Unicode class
    // would cost the start-up its compilation).
    Regex::new(r"^([0-9]+[a-zA-Z]?)-([A-ZĐ][A-ZĐ0-9]*)/([A-ZĐ][A-ZĐ0-9\-]*)$")
        .expect("static regex")
});

/// Parses `Số: 3593/VP-VX` into its parts. The line keeps the text as written.
pub fn parse_symbol(line: Paragraph) -> Symbol {
    let caps = SYMBOL.captures(line.as_str());
    let after = caps
        .and_then(|c| c.get(1))
        .map_or("", |m| m.as_str())
        .to_string();
    let value: String = after.chars().filter(|c| !c.is_whitespace()).collect();
    let mut symbol = Symbol {
        line,
        value: value.clone(),
        ..Symbol::default()
    };
    let party = value.starts_with(|c: char| c.is_ascii_digit())
        && value
            .find('-')
            .is_some_and(|d| value.find('/').is_some_and(|s| d < s));
    if let Some(c) = party.then(|| PARTY_SYMBOL_VALUE.captures(&value)).flatten() {
        symbol.number = Some(c[1].to_string());
        symbol.code_parts = vec![c[2].to_string(), c[3].to_string()];
    } else if let Some(c) = SYMBOL_VALUE.captures(&value) {
        symbol.number = c.get(1).map(|m| m.as_str().to_string());
        symbol.year = c.get(2).map(|m| m.as_str().to_string());
        let code = c.get(3).map_or("", |m| m.as_str());
        symbol.code_parts = code
            .split(['-', '–'])
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
    } else if value.chars().all(|c| c.is_ascii_digit()) && !value.is_empty() {
        symbol.number = Some(value);
    }
    // Without a type line the symbol reads AGENCY-UNIT (công văn); `parse_header` re-reads it as
    // TYPE-AGENCY once it knows the document has a type.
    symbol.agency = symbol.code_parts.first().cloned();
    symbol.unit = symbol.code_parts.get(1).cloned();
    symbol
}

/// Parses `Sóc Trăng, ngày 04 tháng 7 năm 2023` (day and month may be blank in a draft).
pub fn parse_place_date(line: Paragraph) -> PlaceDate {
    let mut out = PlaceDate {
        line,
        ..PlaceDate::default()
    };
    if let Some(c) = DATE.captures(out.line.as_str()) {
        out.place = c
            .get(1)
            .map(|m| m.as_str().trim().to_string())
            .filter(|s| !s.is_empty());
        out.day = c.get(2).map(|m| m.as_str().to_string());
        out.month = c.get(3).map(|m| m.as_str().to_string());
        out.year = c.get(4).map(|m| m.as_str().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{clean::clean_line, lines::split_lines};

    /// The header and the text of the first body line.
    fn header_of(text: &str) -> (Header, String) {
        let source = split_lines(text);
        let lines: Vec<CleanLine> = source.iter().flat_map(clean_line).collect();
        let (header, body) = parse_header(&lines);
        let first = lines.get(body).map_or("", |l| l.as_str()).to_string();
        (header, first)
    }

    #[test]
    fn a_cable_subject_ends_at_the_senders_address() {
        let (h, first) = header_of(
            "THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 231/CĐ-TTg\n\nCÔNG ĐIỆN\nV/V CHỦ ĐỘNG PHÒNG,\nTRÁNH BÃO SỐ 15\n**THỦ TƯỚNG CHÍNH PHỦ điện:**\n- Bộ trưởng các Bộ;\n",
        );
        assert_eq!(
            h.title.unwrap().as_str(),
            "V/V CHỦ ĐỘNG PHÒNG, TRÁNH BÃO SỐ 15"
        );
        assert_eq!(first, "THỦ TƯỚNG CHÍNH PHỦ điện:");
    }

    #[test]
    fn a_party_symbol_has_its_number_before_the_type_code() {
        let s = parse_symbol(Paragraph::new(MappedText::from_line(
            "Số 1147-QĐ/BTGDVTW",
            1,
        )));
        assert_eq!(s.number.as_deref(), Some("1147"));
        assert_eq!(s.code_parts, ["QĐ", "BTGDVTW"]);
    }

    #[test]
    fn cover_letter_header() {
        let (h, _) = header_of(
            "UBND TỈNH SÓC TRĂNG\nVĂN PHÒNG\n\nSố.3593 /VP-VX\nV/v nghiên cứu, góp ý cho\ndự thảo Kế hoạch\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSóc Trăng, ngày 04 tháng 7 năm 2023\n\nKính gửi:\n",
        );
        assert_eq!(h.parent_body.unwrap().as_str(), "UBND TỈNH SÓC TRĂNG");
        assert_eq!(h.issuing_body.unwrap().as_str(), "VĂN PHÒNG");
        let s = h.symbol.unwrap();
        assert_eq!(s.value, "3593/VP-VX");
        assert_eq!(s.number.as_deref(), Some("3593"));
        assert_eq!(s.agency.as_deref(), Some("VP"));
        assert_eq!(s.unit.as_deref(), Some("VX"));
        assert!(h.title_is_subject);
        assert_eq!(
            h.title.unwrap().as_str(),
            "V/v nghiên cứu, góp ý cho dự thảo Kế hoạch"
        );
        let d = h.place_date.unwrap();
        assert_eq!(d.place.as_deref(), Some("Sóc Trăng"));
        assert_eq!(
            (d.day.as_deref(), d.month.as_deref(), d.year.as_deref()),
            (Some("04"), Some("7"), Some("2023"))
        );
    }

    #[test]
    fn draft_plan_header_with_wrapped_fields() {
        let (h, body) = header_of(
            "**ỦY BAN NHÂN DÂN\n**\nTỈNH X\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\nSố:\n/KH-UBND\n*X, ngày\ntháng năm 2023*\nDỰ THẢO\n**KẾ HOẠCH**\nTriển khai thi hành\nLuật Y\nCăn cứ Luật Y;\n",
        );
        assert_eq!(h.parent_body, None);
        assert_eq!(h.issuing_body.unwrap().as_str(), "ỦY BAN NHÂN DÂN TỈNH X");
        assert_eq!(
            h.national_title.unwrap().as_str(),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        let s = h.symbol.unwrap();
        assert_eq!(s.number, None);
        assert_eq!(s.type_code.as_deref(), Some("KH"));
        assert_eq!(s.agency.as_deref(), Some("UBND"));
        assert_eq!(h.place_date.unwrap().day, None);
        assert!(h.draft.is_some());
        assert_eq!(h.title.unwrap().as_str(), "Triển khai thi hành Luật Y");
        assert_eq!(body, "Căn cứ Luật Y;", "body starts at the Căn cứ line");
    }

    #[test]
    fn a_text_without_header_keeps_its_body() {
        let (h, body) = header_of("I. MỤC ĐÍCH\n\n1. Bảo đảm kịp thời.\n");
        assert_eq!(h, Header::default());
        assert_eq!(body, "I. MỤC ĐÍCH");
        let (h, body) = header_of("Noi nhận:\n- Như trên;\n- Lưu: VT.\n");
        assert_eq!(h, Header::default());
        assert_eq!(body, "Noi nhận:");
    }

    #[test]
    fn legal_symbol_with_year() {
        let s = parse_symbol(Paragraph::new({
            let l = split_lines("Số: 15/2020/NĐ-CP");
            l.get(0).unwrap().text.to_mapped_text()
        }));
        assert_eq!(s.number.as_deref(), Some("15"));
        assert_eq!(s.year.as_deref(), Some("2020"));
        assert_eq!(s.code_parts, ["NĐ", "CP"]);
    }
}
