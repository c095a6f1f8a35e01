//! The body: Kính gửi, căn cứ, numbered parts, closing paragraphs, Nơi nhận and the signature.
//!
//! Two passes. The closing zone (Nơi nhận, signature) is read line by line because its lines are
//! short caps lines that must not be merged. The content before it is first re-joined into
//! paragraphs (converted text is hard-wrapped, and page breaks split paragraphs over a blank
//! line), then classified paragraph by paragraph into the section tree.

use regex::Regex;
use std::sync::LazyLock;

use crate::document::clean::{CleanLine, LineKind};
use crate::text::{fold, is_caps, starts_lower, starts_with_folded};

use super::header::{join, starts_with_closing_mark};
use super::marker::{Marker, parse_marker};
use super::model::{Distribution, Document, Paragraph, SignatureLine, SignatureRole};
use super::parts::PartsBuilder;
use super::quote;

/// Authority prefixes, including misspelt forms so that rules can flag them.
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T\.M|K\.T|T\.L)(?:(\.)\s*|()\s+)(\S.*)$")
        .expect("static regex")
});

static SIGNATURE_TITLE_WORDS: &[&str] = &[
    "chu tich",
    "giam doc",
    "bo truong",
    "thu truong",
    "thu tuong",
    "chanh van phong",
    "truong",
    "cuc truong",
    "vu truong",
    "tong cuc truong",
    "bi thu",
    "chanh an",
    "vien truong",
    "hieu truong",
    "tong giam doc",
];

/// Whether `text` is an authority line (`TM. ỦY BAN NHÂN DÂN`); returns the prefix as written.
pub fn authority_prefix(text: &str) -> Option<String> {
    // Every prefix starts with T, K or Q: most lines are rejected before the regex runs.
    if !text.starts_with(['T', 'K', 'Q']) {
        return None;
    }
    let c = AUTHORITY.captures(text)?;
    let rest = c.get(4)?.as_str();
    if !is_caps(rest) {
        return None;
    }
    let dot = c.get(2).map_or("", |m| m.as_str());
    Some(format!("{}{dot}", &c[1]))
}

fn is_distribution_heading(text: &str) -> bool {
    // Matches "Nơi nhận" and its misspellings "Noi nhận", "Nơi nhan".
    starts_with_folded(text, &["noi nhan"])
}

fn is_signature_title(text: &str) -> bool {
    if !is_caps(text) || text.split_whitespace().count() > 8 {
        return false;
    }
    let folded = fold(text);
    folded.starts_with("pho ")
        || SIGNATURE_TITLE_WORDS.iter().any(|w| {
            folded
                .strip_prefix(w)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
}

/// Military and police ranks written before a signer's name (`Đại tá Nguyễn Văn A`), with the
/// old tone style (`Đại uý`).
const RANKS: [&str; 19] = [
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
    "Đại uý",
    "Thượng uý",
    "Trung uý",
    "Thiếu uý",
    "Đô đốc",
    "Phó Đô đốc",
    "Chuẩn Đô đốc",
];

/// The name without a rank before it.
fn without_rank(text: &str) -> &str {
    if !text.starts_with(['Đ', 'T', 'P', 'C']) {
        return text;
    }
    RANKS
        .iter()
        .find_map(|r| {
            let rest = text.strip_prefix(r)?;
            rest.starts_with(' ').then(|| rest.trim_start())
        })
        .unwrap_or(text)
}

fn looks_like_name(text: &str) -> bool {
    let text = without_rank(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !is_caps(text)
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && text
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.')
}

/// Where the closing zone starts: the Nơi nhận heading or the first signature line.
fn closing_start(lines: &[CleanLine]) -> usize {
    let mut last_text: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        if !line.is_text() {
            continue;
        }
        let text = line.as_str();
        if is_distribution_heading(text) || authority_prefix(text).is_some() {
            return i;
        }
        if is_signature_title(text) && last_text.is_some_and(|t| t.ends_with("./.")) {
            return i;
        }
        last_text = Some(text);
    }
    lines.len()
}

/// A paragraph re-joined from its lines, with what was learnt of it on the way.
pub(crate) struct Gathered {
    pub paragraph: Paragraph,
    /// Its marker ([`parse_marker`]): a paragraph of one line has the one its line was found to
    /// have.
    pub marker: Option<Marker>,
    /// Set in italics from its first line to its last.
    pub italic: bool,
    /// How many rules (table-cell borders `|`, `---`) come before it: paragraphs with another
    /// count are in another cell of a table.
    pub cell: u32,
}

/// Re-joins wrapped lines into paragraphs.
pub(crate) fn gather(lines: &[CleanLine]) -> Vec<Gathered> {
    let mut out: Vec<Gathered> = Vec::new();
    let mut current: Vec<&CleanLine> = Vec::new();
    let mut blank = false;
    let mut rule = false;
    // Whether the previous text line is a bare legal heading (`Điều 3.`), from its marker,
    // which is computed once per line.
    let mut prev_bare_heading = false;
    // The marker of the first line of the paragraph being gathered.
    let mut first_marker: Option<Marker> = None;
    let mut cell = 0u32;
    let mut flush = |current: &mut Vec<&CleanLine>, marker: Option<Marker>, cell: u32| {
        let paragraph = join(current);
        let marker = match current.len() {
            1 => marker,
            _ => parse_marker(paragraph.as_str()),
        };
        let italic = current.first().is_some_and(|l| l.starts_italic)
            && current.last().is_some_and(|l| l.ends_emphasis);
        out.push(Gathered {
            paragraph,
            marker,
            italic,
            cell,
        });
        current.clear();
    };
    for (k, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Blank => blank = true,
            LineKind::Rule => {
                rule = true;
                if !current.is_empty() {
                    flush(&mut current, first_marker.take(), cell);
                }
                cell += 1;
            }
            LineKind::Text => {
                let marker = parse_marker(line.as_str())
                    .filter(|m| !is_row_number(m, line, lines.get(k + 1)));
                let joins = current.last().is_some_and(|prev| {
                    let emphasis_break = prev.ends_emphasis && !starts_lower(line.as_str());
                    continues(
                        (prev.as_str(), prev_bare_heading),
                        (line.as_str(), marker.is_some()),
                        Breaks {
                            blank,
                            rule,
                            hard: line.hard_break,
                            emphasis: emphasis_break,
                            next_bold: line.starts_bold,
                        },
                    )
                });
                if !joins && !current.is_empty() {
                    flush(&mut current, first_marker.take(), cell);
                }
                let rejoined_number =
                    joins && wants_number(current.last().map_or("", |l| l.as_str()), line.as_str());
                let starts_paragraph = current.is_empty();
                current.push(line);
                let bare = |m: &Marker, len: usize| m.kind.is_legal_unit() && m.len_chars >= len;
                // `**Chương` / `III**`: the heading is whole only now (rare: joined lazily).
                prev_bare_heading = if rejoined_number {
                    let text = join(&current);
                    parse_marker(text.as_str())
                        .is_some_and(|m| bare(&m, text.as_str().chars().count()))
                } else {
                    marker
                        .as_ref()
                        .is_some_and(|m| bare(m, line.as_str().chars().count()))
                };
                if starts_paragraph {
                    first_marker = marker;
                }
                blank = false;
                rule = false;
            }
        }
    }
    if !current.is_empty() {
        flush(&mut current, first_marker.take(), cell);
    }
    // Grown by doubling, it may hold twice the room it needs until the sections take them.
    out.shrink_to_fit();
    out
}

/// Whether a marker alone in a table cell, with more cells after it on the same row (`| 1. | Xã A
/// | 10 |`), is the row's number (the STT column), not a numbered part with an empty title.
fn is_row_number(marker: &Marker, line: &CleanLine, next: Option<&CleanLine>) -> bool {
    !marker.kind.is_legal_unit()
        && marker.len_chars >= line.as_str().chars().count()
        && next.is_some_and(|n| n.number == line.number && n.is_text())
}

/// What separates two lines besides their text.
struct Breaks {
    /// One or more blank lines.
    blank: bool,
    /// A `|` cell border or a `---` rule.
    rule: bool,
    /// The previous line closed a bold or italic run.
    emphasis: bool,
    /// The next line opens a bold run.
    next_bold: bool,
    /// The source format starts a paragraph at the next line (.docx).
    hard: bool,
}

/// Whether `line` ends with a lower-case function word (`của`, `và`, `theo`): a wrapped sentence.
fn ends_with_function_word(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "của", "và", "với", "cho", "tại", "theo", "về", "các", "những", "đối", "trong", "trên",
        "từ", "đến", "hoặc", "là", "được", "bị", "do", "để",
    ];
    let end = line.trim_end_matches(['*', '_', ' ']);
    WORDS.contains(&end.rsplit(' ').next().unwrap_or(end))
}

/// Whether `next` is the number of a word that `prev` ends with, wrapped away from it: a unit
/// (`Điều` / `2. Tổ chức thực hiện`, `Chương` / `III`) or a date part (`tháng` / `12.`; then the
/// line is the number alone, since `hằng tháng` / `2. Báo cáo quý` is a new item).
fn wants_number(prev: &str, next: &str) -> bool {
    const UNITS: &[&str] = &[
        "Điều", "điều", "ĐIỀU", "khoản", "Khoản", "điểm", "Chương", "CHƯƠNG", "Mục", "MỤC", "Phần",
        "PHẦN",
    ];
    const DATE_PARTS: &[&str] = &["tháng", "năm", "ngày"];
    if !next.starts_with(|c: char| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')) {
        return false;
    }
    let end = prev.trim_end_matches(['*', '_', ' ']);
    let last = end.rsplit(' ').next().unwrap_or(end);
    let number = next.split([' ', '.', ',', ';', ')']).next().unwrap_or("");
    let is_number = !number.is_empty()
        && (number.chars().all(|c| c.is_ascii_digit())
            || number
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')));
    if !is_number {
        return false;
    }
    if UNITS.contains(&last) {
        return true;
    }
    let alone = next[number.len()..]
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == ' ')
        .is_empty();
    // `kỹ thuật viên hạng` / `II.`, `độ` / `3.`: a rank or grade takes a number, Roman or
    // Arabic; the number alone on its line is no item.
    const RANKS: &[&str] = &[
        "hạng", "loại", "nhóm", "cấp", "bậc", "quý", "lần", "số", "độ", "khu", "vùng", "bước",
    ];
    if RANKS.contains(&last) {
        // With text after the number (`… các địa bàn cấp độ` / `1. Cấp ngay mì tôm …`), the
        // number still belongs to the rank when the line before is a wrapped line of running
        // text: a heading ending in a rank word (`Phân loại theo cấp độ`) is short.
        return alone || prev.chars().count() >= WRAPPED_LINE_CHARS;
    }
    alone && DATE_PARTS.contains(&last) && number.chars().all(|c| c.is_ascii_digit())
}

/// A line at least this long that does not end a sentence was wrapped by its width, not ended.
const WRAPPED_LINE_CHARS: usize = 60;

/// `Trường hợp tại điểm a), b), c),` / `d) khoản 1, Điều 10 …`: an inline enumeration of points
/// wrapped before its next letter, which is no heading.
fn continues_inline_points(prev: &str, next: &str) -> bool {
    let end = prev.trim_end_matches(['*', '_', ' ']);
    let Some(before_comma) = end.strip_suffix(',') else {
        return false;
    };
    let mut tail = before_comma.chars().rev();
    let (close, letter, space) = (tail.next(), tail.next(), tail.next());
    close == Some(')')
        && letter.is_some_and(char::is_lowercase)
        && space.is_none_or(|c| c == ' ' || c == ',')
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() && next[c.len_utf8()..].starts_with(')'))
}

/// Does `next` continue the paragraph whose last line is `prev`? `prev` comes with whether it is
/// a bare legal heading, `next` with whether it has a marker ([`parse_marker`]).
fn continues(
    (prev, prev_bare_heading): (&str, bool),
    (next, next_has_marker): (&str, bool),
    breaks: Breaks,
) -> bool {
    if breaks.rule {
        return false;
    }
    // `khoản 3 Điều` / `15. …`, `ngày 31 tháng` / `12.`, `**Điều` / `2. Tổ chức thực hiện`: a
    // word that wants a number was wrapped away from it, and the number is no marker.
    if !breaks.blank && (wants_number(prev, next) || continues_inline_points(prev, next)) {
        return true;
    }
    if next_has_marker {
        return false;
    }
    // `Theo đề nghị của` / `**Giám đốc Sở …`: a sentence never ends on a function word, whatever
    // markup the next line opens with.
    if !breaks.blank
        && !breaks.hard
        && ends_with_function_word(prev)
        && !starts_with_folded(next, &["kinh gui", "can cu", "noi nhan", "theo de nghi"])
    {
        return true;
    }
    // A bare heading (`Điều 3.`, `Chương II`) takes its title from the next line.
    if prev_bare_heading {
        return true;
    }
    if breaks.emphasis || breaks.hard {
        return false;
    }
    if starts_with_folded(next, &["kinh gui", "can cu", "noi nhan", "theo de nghi"]) {
        return false;
    }
    let prev_end = prev.trim_end_matches(['"', '”', ')', '*']);
    if prev_end.ends_with(['.', ';', ':', '!', '?']) {
        return false;
    }
    if breaks.blank {
        // A page break splits a paragraph over a blank line: the next part goes on in lower case.
        return starts_lower(next);
    }
    if breaks.next_bold && !starts_lower(next) {
        return false;
    }
    // A caps heading does not run into the sentence after it; a wrapped caps heading does. A
    // caps line after a sentence is a heading of its own (`QUYẾT ĐỊNH:`) unless it carries
    // digits, as a wrapped citation does (`72/2025/QH15;`).
    if is_caps(prev) {
        return is_caps(next) || starts_lower(next);
    }
    !is_caps(next) || next.chars().any(|c| c.is_ascii_digit())
}

/// Parses the body lines of a document into `doc`: Kính gửi, căn cứ, the parts, the closing
/// zone, then what follows the signature (attachments, footnotes, trailer).
pub fn parse_body(lines: &[CleanLine], doc: &mut Document) {
    let split = closing_start(lines);
    classify_paragraphs(gather(&lines[..split]), doc, "");
    let after = split + parse_closing(&lines[split..], doc);
    super::attachment::parse_after_signature(&lines[after..], doc);
}

/// Parses the body of an attachment (its lines after its heading) into `doc`'s body and closing
/// zone; parts are numbered under `prefix` (`PL1/`). Returns the index of the first line after
/// its signature.
pub(crate) fn parse_attachment_body(
    lines: &[CleanLine],
    doc: &mut Document,
    prefix: &str,
) -> usize {
    let split = closing_start(lines);
    classify_paragraphs(gather(&lines[..split]), doc, prefix);
    split + parse_closing(&lines[split..], doc)
}

fn classify_paragraphs(gathered: Vec<Gathered>, doc: &mut Document, prefix: &str) {
    let facts: Vec<quote::ParagraphFacts> = gathered
        .iter()
        .map(|g| quote::ParagraphFacts {
            text: g.paragraph.as_str(),
            italic: g.italic,
        })
        .collect();
    let quotes = quote::find(&facts, 1);
    drop(facts);
    let first_section = gathered
        .iter()
        .zip(&quotes)
        .position(|(g, q)| q.is_none() && g.marker.as_ref().is_some_and(|m| !m.kind.is_bullet()));
    let closing_from = closing_from(&gathered, &quotes, first_section);
    let mut parts = PartsBuilder::new(prefix);
    let mut in_addressees = false;
    let mut seen_text = false;
    for (i, (g, quoted)) in gathered.into_iter().zip(quotes).enumerate() {
        let Gathered {
            paragraph: mut para,
            marker,
            cell,
            ..
        } = g;
        if closing_from.is_some_and(|c| i >= c) {
            parts.close_all();
            doc.body.closing.push(para);
            continue;
        }
        if let Some(q) = quoted {
            if parts.in_quote() != Some(q.id) {
                parts.open_quote(q.id);
            }
            para.quoted = true;
            let text = para.as_str();
            let lead_bytes = text
                .char_indices()
                .nth(q.lead)
                .map_or(text.len(), |(b, _)| b);
            let marker = if q.lead == 0 {
                marker
            } else {
                parse_marker(&text[lead_bytes..])
            };
            match marker {
                Some(m) => parts.open(m, para, q.lead, cell),
                None => {
                    if let Some(para) = parts.add(para) {
                        doc.body.preamble.push(para);
                    }
                }
            }
            continue;
        }
        if parts.in_quote().is_some() {
            parts.close_quote();
        }
        let text = para.as_str();
        if doc.addressee_heading.is_none() && starts_with_folded(text, &["kinh gui"]) {
            if let Some(colon) = text.find(':') {
                let rest_start = text[..=colon].chars().count();
                let rest = para
                    .text
                    .slice_chars(rest_start, para.text.char_len())
                    .trimmed();
                if !rest.is_empty() {
                    doc.addressees.push(Paragraph::new(rest));
                }
            }
            doc.addressee_heading = Some(para);
            in_addressees = true;
            continue;
        }
        if in_addressees {
            if marker.as_ref().is_some_and(|m| m.kind.is_bullet()) || starts_lower(text) {
                doc.addressees.push(para);
                continue;
            }
            in_addressees = false;
        }
        let before_sections = first_section.is_none_or(|f| i < f);
        // A căn cứ the conversion broke before its end (`… giai đoạn 2021` / `- 2025”;`,
        // `… **số**` / `72/2025/QH15;`, `… ở người` / `(HIV/AIDS);`): until a basis ends with its
        // punctuation, a fragment that is no new basis, no caps line (`QUYẾT ĐỊNH:`, the enacting
        // authority; a lone `(HIV/AIDS);` is no such line) and no Điều goes on with it.
        if before_sections
            && !parts.has_open()
            && !seen_text
            && let Some(last) = doc.legal_bases.last_mut()
            && !last
                .as_str()
                .trim_end_matches(['*', ' '])
                .ends_with([';', '.', ',', ':'])
            && !is_legal_basis(text)
            && !(is_caps(text) && text.split_whitespace().count() > 1)
            && !marker.as_ref().is_some_and(|m| m.kind.is_legal_unit())
            && text.chars().count() <= 120
            // `Ủy ban nhân dân tỉnh ban hành Quyết định …` after the bases is the enacting
            // sentence: a fragment starts in lower case, with a digit, a bracket or a dash, or is
            // a few words.
            && (!text.starts_with(char::is_uppercase) || text.split_whitespace().count() <= 3)
        {
            let mut joined = last.text.clone();
            if let Some(p) = para.text.start()
                && !starts_with_closing_mark(text)
            {
                joined.push(' ', p);
            }
            joined.push_mapped(para.text.view());
            *last = Paragraph::new(joined);
            continue;
        }
        if before_sections
            && !parts.has_open()
            && !seen_text
            && (is_legal_basis(text) || (!doc.legal_bases.is_empty() && continues_bases(text)))
        {
            doc.legal_bases.push(para);
            continue;
        }
        match marker {
            Some(m) if !(before_sections && m.kind.is_bullet()) => parts.open(m, para, 0, cell),
            _ => {
                if !is_caps(text) {
                    seen_text = true;
                }
                if let Some(para) = parts.add(para) {
                    doc.body.preamble.push(para);
                }
            }
        }
    }
    doc.body.sections = parts.finish();
}

/// Whether a paragraph is a căn cứ ban hành: `Căn cứ …` or `Theo đề nghị …`, not a lead-in of
/// the reasoning (`Căn cứ các quy định trên:`). The caller also requires that no text of the body
/// came before it (the enacting authority's caps line may): a letter's `Căn cứ …` after its
/// opening sentences is reasoning.
fn is_legal_basis(text: &str) -> bool {
    starts_with_folded(
        text,
        &["can cu", "theo de nghi", "xet de nghi", "xet to trinh"],
    ) && !text.trim_end_matches(['*', ' ']).ends_with(':')
}

/// Whether a paragraph that follows căn cứ continues them: `Thực hiện Hiệp định …;` or
/// `Xét …;` between `Căn cứ …;` and `Theo đề nghị …;` (Phụ lục I, Nghị định 30/2020/NĐ-CP).
fn continues_bases(text: &str) -> bool {
    starts_with_folded(text, &["thuc hien", "xet "])
        && text.trim_end_matches(['*', ' ']).ends_with(';')
}

/// Index of the first closing paragraph: `Trên đây là …` after the parts, or a last plain
/// paragraph ending the body with `./.`. Quoted paragraphs are never the closing.
fn closing_from(
    gathered: &[Gathered],
    quotes: &[Option<quote::Quoted>],
    first_section: Option<usize>,
) -> Option<usize> {
    let first = first_section?;
    let plain = |i: usize| gathered[i].marker.is_none() && quotes[i].is_none();
    if let Some(i) = (first + 1..gathered.len())
        .find(|&i| plain(i) && starts_with_folded(gathered[i].paragraph.as_str(), &["tren day"]))
    {
        return Some(i);
    }
    let last = gathered.len().checked_sub(1)?;
    let p = gathered[last].paragraph.as_str();
    // In a legal-style document the last paragraph is the text of the last Điều or khoản.
    let legal = gathered[first..]
        .iter()
        .filter_map(|g| g.marker.as_ref())
        .any(|m| m.kind.is_legal_unit());
    (!legal && last > first && plain(last) && p.trim_end().ends_with("./.")).then_some(last)
}

/// Reads Nơi nhận and the signature; lines laid out in two columns with tabs (`Nơi nhận:⇥⇥TM.
/// ỦY BAN NHÂN DÂN` / `- Sở Nội vụ;⇥⇥CHỦ TỊCH`) are read column by column, Nơi nhận first.
///
/// Returns the index of the first line after the block.
fn parse_closing(lines: &[CleanLine], doc: &mut Document) -> usize {
    let in_columns = |l: &CleanLine| l.column != 0;
    let (Some(first), Some(last)) = (
        lines.iter().position(in_columns),
        lines.iter().rposition(in_columns),
    ) else {
        return parse_closing_lines(lines, doc);
    };
    let mut reordered: Vec<CleanLine> = lines[..first].to_vec();
    let range = &lines[first..=last];
    reordered.extend(range.iter().filter(|l| l.column < 2).cloned());
    reordered.extend(range.iter().filter(|l| l.column == 2).cloned());
    reordered.extend_from_slice(&lines[last + 1..]);
    // Past the columns the order is the file's; inside them the block goes to their end.
    parse_closing_lines(&reordered, doc).max(last + 1)
}

/// Reads Nơi nhận and the signature line by line; what follows the signer is trailer.
///
/// Returns the index of the first line after the block: the text after the signer, or an
/// attachment's heading met before a signer (a draft has a title but no name yet).
fn parse_closing_lines(lines: &[CleanLine], doc: &mut Document) -> usize {
    let mut distribution: Option<Distribution> = None;
    let mut signer_found = false;
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.is_text()) {
        let text = line.as_str();
        let para = || Paragraph::new(line.text.to_mapped_text());
        let signature_started = !doc.signature.is_empty();
        if (signature_started || distribution.is_some())
            && super::attachment::starts_heading(lines, i)
        {
            doc.distribution = distribution;
            return i;
        }
        if is_distribution_heading(text) && distribution.is_none() {
            let mut d = Distribution {
                heading: para(),
                ..Distribution::default()
            };
            if let Some(colon) = text.find(':') {
                let start = text[..=colon].chars().count();
                let text = line.text.view();
                let rest = text.slice_chars(start, text.char_len()).trimmed();
                if !rest.is_empty() {
                    push_item(&mut d, Paragraph::new(rest));
                }
            }
            distribution = Some(d);
            continue;
        }
        let bullet = parse_marker(text).is_some_and(|m| m.kind.is_bullet());
        if let Some(d) = distribution
            .as_mut()
            .filter(|_| !signature_started || signer_found)
        {
            if bullet && d.archive.is_none() {
                push_item(d, para());
                continue;
            } else if !d.items.is_empty()
                && d.archive.is_none()
                && (starts_lower(text) || !ends_item(d.items.last().expect("non-empty")))
            {
                // A recipient wrapped over lines (`- Công ty TNHH` / `Công nghiệp Vàng Anh (129
                // Tân Cảng, …` / `Minh);`): until an item ends with its punctuation, the lines
                // without a bullet continue it.
                let last = d.items.last_mut().expect("checked non-empty");
                append_line(last, line);
                continue;
            }
        }
        // A caps recipient wrapped onto its own line (`DTTG, NHNNVN, TTCP;`).
        if let Some(d) = distribution
            .as_mut()
            .filter(|d| !signature_started && d.archive.is_none() && !d.items.is_empty())
            && text.ends_with([';', ','])
        {
            let last = d.items.last_mut().expect("checked non-empty");
            append_line(last, line);
            continue;
        }
        if !signer_found {
            // A signature title wrapped onto the next line (`TM. ỦY BAN NHÂN` / `DÂN`).
            if let Some(previous) = doc.signature.last_mut()
                && matches!(
                    previous.role,
                    SignatureRole::Authority | SignatureRole::Title
                )
                && is_caps(text)
                && continues_title(previous.text.as_str(), text)
            {
                append_line(&mut previous.text, line);
                continue;
            }
            if let Some(prefix) = authority_prefix(text) {
                doc.signature.push(SignatureLine {
                    role: SignatureRole::Authority,
                    prefix: Some(prefix),
                    text: para(),
                });
                continue;
            }
            if is_caps(text) && text.split_whitespace().count() <= 12 {
                doc.signature.push(SignatureLine {
                    role: SignatureRole::Title,
                    prefix: None,
                    text: para(),
                });
                continue;
            }
            if signature_started && looks_like_name(text) {
                doc.signature.push(SignatureLine {
                    role: SignatureRole::Signer,
                    prefix: None,
                    text: para(),
                });
                signer_found = true;
                continue;
            }
            if signature_started && text.starts_with('(') {
                doc.signature.push(SignatureLine {
                    role: SignatureRole::Other,
                    prefix: None,
                    text: para(),
                });
                continue;
            }
        }
        if distribution.is_some() && !signature_started {
            // Unbulleted recipient lines do occur; keep them in the list rather than losing them.
            if let Some(d) = distribution.as_mut().filter(|d| d.archive.is_none()) {
                push_item(d, para());
                continue;
            }
        }
        // Notes between the Lưu line and the signature (`05 bản`, `Ký bởi: …`) are kept as
        // trailer text without ending the block; only what follows the signer ends it.
        if signer_found {
            doc.distribution = distribution;
            return i;
        }
        doc.trailer.push(para());
    }
    doc.distribution = distribution;
    lines.len()
}

/// Whether a recipient item ends as items do (`;`, `.` or `:` before a sub-list). A comma or an
/// open bracket means the next line goes on with it (`- VPCP: BTCN, các PCN,` / `Các Vụ: …;`,
/// `- Công ty … (Tầng 33,` / `Keangnam Landmark, …);`).
fn ends_item(item: &Paragraph) -> bool {
    let text = item.as_str();
    let open_bracket = text.matches('(').count() > text.matches(')').count();
    !open_bracket
        && text
            .trim_end_matches(['*', '_', ' ', ')'])
            .ends_with([';', '.', ':'])
}

fn append_line(paragraph: &mut Paragraph, line: &CleanLine) {
    let mut joined = paragraph.text.clone();
    if let Some(p) = line.text.view().start()
        && !starts_with_closing_mark(line.as_str())
    {
        joined.push(' ', p);
    }
    joined.push_mapped(line.text.view());
    *paragraph = Paragraph::new(joined);
}

/// Words that open a new signature title; a caps line not opening with one of them continues the
/// line above it.
const TITLE_STARTS: &[&str] = &[
    "pho ",
    "chu tich",
    "giam doc",
    "thu truong",
    "truong ",
    "cuc truong",
    "chanh ",
    "bo truong",
    "thu tuong",
    "vu truong",
    "chu nhiem",
    "tong ",
    "vien truong",
    "hieu truong",
    "bi thu",
    "kt",
    "tl",
    "tm",
    "tuq",
    "q.",
    "chanh an",
    "uy vien",
    "ke toan",
];

fn continues_title(previous: &str, next: &str) -> bool {
    if previous.ends_with(',') {
        return true;
    }
    let folded = fold(next) + " ";
    !TITLE_STARTS.iter().any(|w| folded.starts_with(w))
}

fn push_item(d: &mut Distribution, item: Paragraph) {
    let body = item
        .as_str()
        .trim_start_matches(['-', '+', '•', ' '])
        .to_string();
    if fold(&body).starts_with("luu") {
        // `Lưu: VT, CN (2). Ha`: what follows the full stop is the drafter's initials.
        let (archive, note) = match drafter_initials_at(item.as_str()) {
            Some(at) => (
                Paragraph::new(item.text.slice_chars(0, at).trimmed()),
                Some(Paragraph::new(
                    item.text.slice_chars(at, item.text.char_len()).trimmed(),
                )),
            ),
            None => (item, None),
        };
        d.archive_units = archive_units(archive.as_str().trim_start_matches(['-', '+', '•', ' ']));
        d.archive = Some(archive);
        d.archive_note = note;
    } else {
        d.items.push(item);
    }
}

/// Where the drafter's initials start after the full stop of a Lưu line (char offset): one or
/// two short words with no list punctuation, which may carry the number of copies (`Lưu: VT, CN
/// (2). Ha`, `(2b). 70`, `CN. pvc 19`), or initials glued to the bracket's stop (`(2).VH`).
fn drafter_initials_at(line: &str) -> Option<usize> {
    let note = |tail: &str| {
        let tail = tail.trim();
        !tail.is_empty()
            && tail.chars().count() <= 12
            && tail.split_whitespace().count() <= 2
            && tail
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '.')
    };
    // `VT, TCCV (2) CMP. 21b`: text after the copies' bracket means the stop is misplaced (it
    // belongs after the bracket), not that a note follows it.
    let after_copies = |head: &str| {
        head.rsplit_once(')')
            .is_some_and(|(_, after)| !after.trim().is_empty() && !after.trim().starts_with(','))
    };
    if let Some((head, tail)) = line.rsplit_once(". ")
        && note(tail)
        && !after_copies(head)
    {
        return Some(head.chars().count() + 1);
    }
    let (head, tail) = line.rsplit_once(").")?;
    (note(tail) && tail.chars().all(char::is_alphabetic) && tail.chars().count() <= 4)
        .then(|| head.chars().count() + 2)
}

/// A bracket standing for an item, `Lưu: VT, (VX/KN).`: the unit and the drafter's initials.
static BRACKETED_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([,:]\s*)\(([A-ZĐ][A-ZĐa-zđ]{0,7})/[^)]*\)").expect("static regex")
});

/// `Lưu: VT, VX (02b).` → `["VT", "VX"]`.
pub fn archive_units(line: &str) -> Vec<String> {
    let line = BRACKETED_UNIT.replace_all(line, "$1$2");
    // Parenthesised notes (copies, drafters' names) may hold commas of their own.
    let mut depth = 0usize;
    let line: String = line
        .chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect();
    let line = line.as_str();
    let after = line
        .split_once(':')
        .map_or_else(|| line.get(4..).unwrap_or(""), |(_, rest)| rest);
    after
        .split([',', ';'])
        .map(|unit| unit_code(unit.trim().trim_end_matches(['.', ',']).trim()).to_string())
        .filter(|u| !u.is_empty())
        .collect()
}

/// The code of one unit of the Lưu line: `Vụ KHTC` → `KHTC` (written with its kind), `KGVX Q` →
/// `KGVX` (the drafter's initial after it).
fn unit_code(unit: &str) -> &str {
    const KINDS: &[&str] = &["Vụ", "Phòng", "Ban", "Cục", "Văn phòng", "Sở", "Trung tâm"];
    let is_code = |w: &str| {
        w.chars().count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
    };
    let mut unit = unit;
    if let Some(rest) = KINDS
        .iter()
        .find_map(|k| unit.strip_prefix(k).and_then(|r| r.strip_prefix(' ')))
        && rest.split_whitespace().next().is_some_and(is_code)
    {
        unit = rest.trim();
    }
    let mut words = unit.split_whitespace();
    match (words.next(), words.clone().next()) {
        (Some(code), Some(_))
            if is_code(code) && words.all(|w| w.chars().count() <= 3 && !is_code(w)) =>
        {
            code
        }
        _ => unit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{clean::clean_line, lines::split_lines};

    fn clean(text: &str) -> Vec<CleanLine<'static>> {
        split_lines(text)
            .iter()
            .flat_map(clean_line)
            .map(CleanLine::into_owned)
            .collect()
    }

    /// The paragraphs [`gather`] makes of `text`.
    fn gathered(text: &str) -> Vec<String> {
        gather(&clean(text))
            .iter()
            .map(|g| g.paragraph.as_str().to_string())
            .collect()
    }

    #[test]
    fn rejoins_wrapped_and_page_broken_paragraphs() {
        let texts = gathered(
            "1. Cấp, thu hồi Giấy chứng\nnhận cơ sở đủ điều kiện.\n2. Tiếp theo\n\n- Cơ quan chủ trì ... trình\n\ncấp thẩm quyền ban hành.\n\nThời gian: Năm 2023.",
        );
        assert_eq!(
            texts,
            [
                "1. Cấp, thu hồi Giấy chứng nhận cơ sở đủ điều kiện.",
                "2. Tiếp theo",
                "- Cơ quan chủ trì ... trình cấp thẩm quyền ban hành.",
                "Thời gian: Năm 2023."
            ]
        );
    }

    #[test]
    fn a_word_wrapped_away_from_its_number_rejoins_it() {
        let texts = gathered(
            "**Điều\n2. Tổ chức thực hiện**\n1. Giao Sở Tài chính.\ntheo khoản 3 Điều\n15. Luật này\nngày 31 tháng\n12.\n**Chương\nIII**\nQUY ĐỊNH CHUNG\n1. Báo cáo hằng tháng\n2. Báo cáo quý",
        );
        assert_eq!(
            texts,
            [
                "Điều 2. Tổ chức thực hiện",
                "1. Giao Sở Tài chính.",
                "theo khoản 3 Điều 15. Luật này ngày 31 tháng 12.",
                "Chương III QUY ĐỊNH CHUNG",
                "1. Báo cáo hằng tháng",
                "2. Báo cáo quý"
            ]
        );
    }

    #[test]
    fn a_wrapped_rank_or_point_list_keeps_its_number() {
        let texts = gathered(
            "1. Ứng phó khẩn cấp: tổ chức lực lượng tiếp cận ngay, ưu tiên các địa bàn cấp độ\n1. Cấp ngay mì tôm, lương khô.\nTrường hợp tại điểm a), b), c),\nd) khoản 1 Điều 10 của Quy chế này.\nPhân loại theo cấp độ\n1. Cấp độ một.",
        );
        assert_eq!(
            texts,
            [
                "1. Ứng phó khẩn cấp: tổ chức lực lượng tiếp cận ngay, ưu tiên các địa bàn cấp độ 1. Cấp ngay mì tôm, lương khô.",
                "Trường hợp tại điểm a), b), c), d) khoản 1 Điều 10 của Quy chế này.",
                "Phân loại theo cấp độ",
                "1. Cấp độ một."
            ]
        );
    }

    #[test]
    fn a_basis_broken_by_the_conversion_is_one_basis() {
        let file = crate::outline::parse(
            "QUYẾT ĐỊNH\nVề việc ban hành quy chế\n\n*Căn cứ Luật Tổ chức\nchính quyền địa phương **số**\n72/2025/QH15;*\n\nCăn cứ Quyết định giai đoạn 2021\n\n- 2025”;\n\nCăn cứ Nghị định quy định ở người\n\n(HIV/AIDS);\n\nTheo đề nghị của Giám đốc Sở bằng Phiếu biểu quyết\n\nỦy ban nhân dân tỉnh ban hành Quyết định quy định về quản lý chất thải.\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành.",
        );
        let bases: Vec<&str> = file.documents[0]
            .legal_bases
            .iter()
            .map(|b| b.as_str())
            .collect();
        assert_eq!(
            bases,
            [
                "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
                "Căn cứ Quyết định giai đoạn 2021 - 2025”;",
                "Căn cứ Nghị định quy định ở người (HIV/AIDS);",
                "Theo đề nghị của Giám đốc Sở bằng Phiếu biểu quyết"
            ]
        );
    }

    #[test]
    fn archive_units_are_split() {
        assert_eq!(archive_units("Lưu: VT, VX (02b)."), ["VT", "VX"]);
        assert_eq!(archive_units("Lưu: NC, HC."), ["NC", "HC"]);
        assert_eq!(archive_units("Lưu: VT."), ["VT"]);
        assert_eq!(archive_units("Lưu: VT, NC (Hùng, Dũng)."), ["VT", "NC"]);
        assert_eq!(archive_units("Lưu: VT, (VX/KN)."), ["VT", "VX"]);
        assert_eq!(archive_units("Lưu: VT, Vụ KHTC."), ["VT", "KHTC"]);
        assert_eq!(archive_units("Lưu: VT, KGVX (3) Q"), ["VT", "KGVX"]);
        assert_eq!(
            archive_units("Lưu: VT, Văn phòng Sở."),
            ["VT", "Văn phòng Sở"]
        );
        assert_eq!(drafter_initials_at("Lưu: VT, CN (2). Ha"), Some(16));
        assert_eq!(drafter_initials_at("Lưu: VT, CN (2)."), None);
        // Copies and initials after the stop, in the ways offices write them.
        assert_eq!(drafter_initials_at("Lưu: VT, KSTT (2b). 70"), Some(19));
        assert_eq!(drafter_initials_at("Lưu: VT, CN. pvc 19"), Some(12));
        assert_eq!(drafter_initials_at("Lưu: VT, QHQT (2).VH"), Some(18));
        // A unit after a stop is not a note: a list goes on after it.
        assert_eq!(drafter_initials_at("Lưu: VT. Phòng Tổ chức, KT"), None);
        assert_eq!(drafter_initials_at("Lưu: VT, TCCV (2) CMP. 21b"), None);
    }

    #[test]
    fn authority_prefixes() {
        assert_eq!(authority_prefix("KT. CHỦ TỊCH").as_deref(), Some("KT."));
        assert_eq!(
            authority_prefix("T/M ỦY BAN NHÂN DÂN").as_deref(),
            Some("T/M")
        );
        assert_eq!(authority_prefix("KT. Chủ tịch nói"), None);
        assert_eq!(authority_prefix("KT.CHỦ TỊCH").as_deref(), Some("KT."));
        assert_eq!(authority_prefix("TRƯỞNG BAN"), None);
    }

    #[test]
    fn sections_nest_and_letters_follow_the_vietnamese_alphabet() {
        let mut doc = Document::default();
        parse_body(
            &clean(
                "I. NỘI DUNG\n\n1. Việc một\n\nd) Bốn\n\nđ) Năm\n\n- Chủ trì: A.\n\nThời gian: 2023.\n\n2. Việc hai\n\nII. TỔ CHỨC\n",
            ),
            &mut doc,
        );
        let numbers: Vec<&str> = doc.all_sections().map(|s| s.number()).collect();
        assert_eq!(
            numbers,
            ["I", "I.1", "I.1.d", "I.1.đ", "I.1.đ.-1", "I.2", "II"]
        );
        let dd = doc.section("I.1.đ").unwrap();
        assert_eq!(dd.ordinal, Some(5));
        assert_eq!(dd.title.as_str(), "Năm");
        assert_eq!(dd.paragraphs[0].as_str(), "Thời gian: 2023.");
    }

    fn numbers_of(text: &str) -> Vec<String> {
        let mut doc = Document::default();
        parse_body(&clean(text), &mut doc);
        doc.all_sections().map(|s| s.number().to_string()).collect()
    }

    #[test]
    fn lists_nest_where_they_start_and_continue_where_they_are() {
        // Capital groups under a Roman part, and Roman parts under capital groups.
        assert_eq!(
            numbers_of(
                "II. NỘI DUNG\n\nA. LĨNH VỰC MỘT\n\n1. Thủ tục một\n\n2. Thủ tục hai\n\nB. LĨNH VỰC HAI\n\n1. Thủ tục ba\n"
            ),
            ["II", "II.A", "II.A.1", "II.A.2", "II.B", "II.B.1"]
        );
        assert_eq!(
            numbers_of(
                "A. PHẦN CHUNG\n\nI. MỤC TIÊU\n\nII. YÊU CẦU\n\nB. PHẦN RIÊNG\n\nI. NHIỆM VỤ\n"
            ),
            ["A", "A.I", "A.II", "B", "B.I"]
        );
        // A list introduced by a bullet ending with a colon nests under it, and the outer list
        // goes on after it.
        assert_eq!(
            numbers_of(
                "1. Thủ tục một\n\n- Thời gian giải quyết:\n\n1. Trường hợp gia hạn: 17 ngày\n\n2. Trường hợp cấp lại: 07 ngày\n\n2. Thủ tục hai\n"
            ),
            ["1", "1.-1", "1.-1.1", "1.-1.2", "2"]
        );
        // A number that repeats is still a sibling (the rule reports it).
        assert_eq!(numbers_of("1. Một\n\n2. Hai\n\n2. Ba\n"), ["1", "2", "2"]);
    }
}
