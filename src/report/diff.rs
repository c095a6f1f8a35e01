//! `rasoat diff` reports: text (coloured on a terminal, marked inline without colour), JSON,
//! and a comment-round report in Markdown or self-contained HTML with a legal redline.
//!
//! JSON field names are a contract: extend, never rename.

use std::io::{self, Write};

use anstyle::{AnsiColor, Effects, Style};

use super::terminal_safe;
use serde::Serialize;

use crate::compare::{Block, Comparison, Edit, Op, SectionChange, Stats, Status, UnitRef};
use crate::outline::Document;

use super::outline::ellipsize;

/// Which document a side of the report is.
#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    pub path: String,
    pub document: usize,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub symbol: Option<String>,
    pub title: Option<String>,
    pub draft: bool,
    /// For a .docx with tracked changes: `old` (changes rejected) or `new` (accepted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revisions: Option<crate::docx::Revisions>,
}

impl DocInfo {
    pub fn new(path: &str, doc: &Document) -> DocInfo {
        DocInfo {
            path: path.to_string(),
            document: doc.index,
            type_name: doc.type_name(),
            symbol: doc.header.symbol.as_ref().map(|s| s.value.clone()),
            title: doc.title().map(str::to_string),
            draft: doc.is_draft(),
            revisions: None,
        }
    }

    /// The description of a document of a loaded file (with the side of its tracked changes).
    pub fn of(file: &crate::input::LoadedFile, doc: &Document) -> DocInfo {
        DocInfo {
            revisions: file.revisions,
            ..DocInfo::new(&file.display(), doc)
        }
    }

    fn address(&self) -> String {
        format!("{}#{}", self.path, self.document)
    }

    /// The document as a report names it: `PATH#N`, type, symbol, draft and tracked side.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.address()];
        if let Some(t) = &self.type_name {
            parts.push(t.clone());
        }
        if let Some(s) = &self.symbol {
            parts.push(s.clone());
        }
        if self.draft {
            parts.push("(dự thảo)".to_string());
        }
        match self.revisions {
            Some(crate::docx::Revisions::Old) => {
                parts.push("[trước theo dõi thay đổi]".to_string())
            }
            Some(crate::docx::Revisions::New) => parts.push("[sau theo dõi thay đổi]".to_string()),
            None => {}
        }
        parts.join("  ")
    }
}

#[derive(Serialize)]
struct UnitJson<'a> {
    block: Block,
    number: &'a str,
    label: &'a str,
    kind: Option<crate::outline::MarkerKind>,
    /// `kind` as a string always (`"arabic"` for `{"arabic": 1}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    kind_name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    depth: Option<u8>,
    title: &'a str,
    line: u32,
}

fn unit_json(u: &UnitRef) -> UnitJson<'_> {
    UnitJson {
        block: u.block,
        number: &u.number,
        label: &u.label,
        kind: u.kind,
        kind_name: u.kind.map(crate::outline::MarkerKind::name),
        depth: u.kind.and_then(crate::outline::MarkerKind::depth),
        title: &u.title,
        line: u.line,
    }
}

#[derive(Serialize)]
struct SectionJson<'a> {
    status: Status,
    moved: bool,
    renumbered: bool,
    marker_changed: bool,
    block: Block,
    old: Option<UnitJson<'a>>,
    new: Option<UnitJson<'a>>,
    edits: &'a [Edit],
    words_inserted: usize,
    words_deleted: usize,
    coarse: bool,
    notes: &'a [String],
}

#[derive(Serialize)]
struct DiffJson<'a> {
    old: &'a DocInfo,
    new: &'a DocInfo,
    ignored: &'a [&'static str],
    sections: Vec<SectionJson<'a>>,
    stats: &'a Stats,
}

/// Writes the comparison as JSON: every unit, in reading order.
pub fn write_json(
    out: &mut dyn Write,
    old: &DocInfo,
    new: &DocInfo,
    cmp: &Comparison,
) -> io::Result<()> {
    let json = DiffJson {
        old,
        new,
        ignored: &cmp.ignored,
        sections: cmp
            .sections
            .iter()
            .map(|s| SectionJson {
                status: s.status,
                moved: s.moved,
                renumbered: s.renumbered,
                marker_changed: s.marker_changed,
                block: s.block(),
                old: s.old.as_ref().map(unit_json),
                new: s.new.as_ref().map(unit_json),
                edits: &s.diff.edits,
                words_inserted: s.diff.words_inserted,
                words_deleted: s.diff.words_deleted,
                coarse: s.diff.coarse,
                notes: &s.notes,
            })
            .collect(),
        stats: &cmp.stats,
    };
    super::write_pretty_json(out, &json)
}

/// Vietnamese words for what happened to a unit.
pub fn status_words(s: &SectionChange) -> Vec<String> {
    let mut words = Vec::new();
    match s.status {
        Status::Changed => words.push("sửa đổi".to_string()),
        Status::Inserted => words.push("thêm mới".to_string()),
        Status::Deleted => words.push("bị xóa".to_string()),
        Status::Unchanged => {}
    }
    if s.moved {
        let from = s.old.as_ref().map_or(String::new(), |o| {
            if o.number.is_empty() {
                format!(" từ dòng {}", o.line)
            } else {
                format!(" từ {}", o.number)
            }
        });
        words.push(format!("di chuyển{from}"));
    }
    if s.renumbered
        && let (Some(o), Some(n)) = (&s.old, &s.new)
    {
        words.push(format!("đánh số lại {} → {}", o.label, n.label));
    }
    if s.marker_changed
        && let (Some(o), Some(n)) = (&s.old, &s.new)
    {
        words.push(format!("đổi ký hiệu đầu dòng {} → {}", o.label, n.label));
    }
    if s.diff.coarse {
        words.push("so sánh thô (vượt giới hạn)".to_string());
    }
    words.extend(s.notes.iter().cloned());
    words
}

/// A heading for a change: number (or block name) and title.
pub fn heading(s: &SectionChange) -> String {
    let unit = s
        .new
        .as_ref()
        .or(s.old.as_ref())
        .expect("a change has a side");
    if unit.block == Block::Section {
        format!("{} {}", unit.number, ellipsize(&unit.title, 70))
    } else {
        unit.title.clone()
    }
}

fn sign(s: &SectionChange) -> char {
    match s.status {
        Status::Inserted => '+',
        Status::Deleted => '-',
        Status::Changed => '~',
        Status::Unchanged if s.moved => '>',
        Status::Unchanged => '#',
    }
}

fn lines_note(s: &SectionChange) -> String {
    match (&s.old, &s.new) {
        (Some(o), Some(n)) => format!("dòng {} → {}", o.line, n.line),
        (Some(o), None) => format!("dòng {} (bản cũ)", o.line),
        (None, Some(n)) => format!("dòng {}", n.line),
        (None, None) => String::new(),
    }
}

/// Splits edits into paragraphs (at `\n`), keeping the operation of each piece.
pub fn paragraphs(edits: &[Edit]) -> Vec<Vec<(Op, String)>> {
    let mut out: Vec<Vec<(Op, String)>> = vec![Vec::new()];
    for e in edits {
        let mut parts = e.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty() {
                out.last_mut()
                    .expect("never empty")
                    .push((e.op, part.to_string()));
            }
            if parts.peek().is_some() {
                out.push(Vec::new());
            }
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Colours of the text report.
struct Palette {
    delete: Style,
    insert: Style,
    heading: Style,
    dim: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        if !color {
            return Palette {
                delete: Style::new(),
                insert: Style::new(),
                heading: Style::new(),
                dim: Style::new(),
            };
        }
        Palette {
            delete: Style::new()
                .fg_color(Some(AnsiColor::Red.into()))
                .effects(Effects::STRIKETHROUGH),
            insert: Style::new()
                .fg_color(Some(AnsiColor::Green.into()))
                .effects(Effects::UNDERLINE),
            heading: Style::new().effects(Effects::BOLD),
            dim: Style::new().effects(Effects::DIMMED),
        }
    }
}

/// Writes the text report: only units that differ, with inline changes. Without colour,
/// deletions read `[-…-]` and insertions `{+…+}` (as `git diff --word-diff`).
pub fn write_text(
    out: &mut dyn Write,
    old: &DocInfo,
    new: &DocInfo,
    cmp: &Comparison,
    color: bool,
) -> io::Result<()> {
    let p = Palette::new(color);
    let h = p.heading;
    // Names and text from the documents are shown with their control characters made visible
    // (see `terminal_safe`); the colours are the report's own.
    writeln!(out, "{h}--- {}{h:#}", terminal_safe(&old.describe()))?;
    writeln!(out, "{h}+++ {}{h:#}", terminal_safe(&new.describe()))?;
    if !cmp.ignored.is_empty() {
        writeln!(out, "Bỏ qua: {}", cmp.ignored.join(", "))?;
    }
    for s in cmp.sections.iter().filter(|s| s.is_difference()) {
        writeln!(out)?;
        writeln!(
            out,
            "{h}{} {}{h:#}  [{}]  {d}{}{d:#}",
            sign(s),
            terminal_safe(&heading(s)),
            terminal_safe(&status_words(s).join("; ")),
            lines_note(s),
            d = p.dim
        )?;
        for para in paragraphs(&s.diff.edits) {
            let changed = para.iter().any(|(op, _)| *op != Op::Equal);
            if !changed && s.status == Status::Changed {
                continue;
            }
            write!(out, "    ")?;
            for (op, text) in para {
                let text = terminal_safe(&text);
                match op {
                    Op::Equal => write!(out, "{text}")?,
                    Op::Delete if color => write!(out, "{}{text}{:#}", p.delete, p.delete)?,
                    Op::Insert if color => write!(out, "{}{text}{:#}", p.insert, p.insert)?,
                    Op::Delete => write!(out, "[-{text}-]")?,
                    Op::Insert => write!(out, "{{+{text}+}}")?,
                }
            }
            writeln!(out)?;
        }
    }
    let st = &cmp.stats;
    writeln!(out)?;
    writeln!(
        out,
        "{h}Tổng cộng:{h:#} {} mục sửa đổi, {} thêm mới, {} bị xóa, {} di chuyển, {} đánh số lại; {} từ thêm, {} từ xóa; {} mục không đổi.",
        st.sections_changed,
        st.sections_inserted,
        st.sections_deleted,
        st.sections_moved,
        st.sections_renumbered,
        st.words_inserted,
        st.words_deleted,
        st.sections_unchanged
    )?;
    if st.sections_coarse > 0 {
        writeln!(
            out,
            "Lưu ý: {} mục được so sánh thô theo đoạn vì vượt giới hạn thời gian hoặc kích thước.",
            st.sections_coarse
        )?;
    }
    Ok(())
}

pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes Markdown control characters in running text.
pub(crate) fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn summary_rows(st: &Stats) -> [(&'static str, usize); 7] {
    [
        ("Mục sửa đổi", st.sections_changed),
        ("Mục thêm mới", st.sections_inserted),
        ("Mục bị xóa", st.sections_deleted),
        ("Mục di chuyển", st.sections_moved),
        ("Mục đánh số lại", st.sections_renumbered),
        ("Từ thêm", st.words_inserted),
        ("Từ xóa", st.words_deleted),
    ]
}

/// Writes a comment-round report in Markdown: summary table, then each change with its redline
/// (`~~deleted~~`, `<ins>inserted</ins>`).
pub fn write_markdown(
    out: &mut dyn Write,
    old: &DocInfo,
    new: &DocInfo,
    cmp: &Comparison,
) -> io::Result<()> {
    writeln!(out, "# Báo cáo so sánh dự thảo\n")?;
    writeln!(out, "| | |\n|---|---|")?;
    writeln!(out, "| Bản cũ | {} |", escape_md(&old.describe()))?;
    writeln!(out, "| Bản mới | {} |", escape_md(&new.describe()))?;
    if let Some(t) = &new.title {
        writeln!(out, "| Trích yếu | {} |", escape_md(t))?;
    }
    let ignored = if cmp.ignored.is_empty() {
        "không".to_string()
    } else {
        cmp.ignored.join(", ")
    };
    writeln!(out, "| Bỏ qua | {ignored} |\n")?;
    writeln!(out, "## Tóm tắt\n")?;
    writeln!(out, "| Nội dung | Số lượng |\n|---|---:|")?;
    for (name, n) in summary_rows(&cmp.stats) {
        writeln!(out, "| {name} | {n} |")?;
    }
    writeln!(out, "\n## Các thay đổi\n")?;
    writeln!(
        out,
        "Quy ước: ~~chữ gạch ngang~~ là phần bị xóa, <ins>chữ gạch chân</ins> là phần thêm mới.\n"
    )?;
    let mut k = 0;
    for s in cmp.sections.iter().filter(|s| s.is_difference()) {
        k += 1;
        writeln!(
            out,
            "### {k}. {} ({})\n",
            escape_md(&heading(s)),
            status_words(s).join("; ")
        )?;
        writeln!(out, "*{}*\n", lines_note(s))?;
        for para in paragraphs(&s.diff.edits) {
            let changed = para.iter().any(|(op, _)| *op != Op::Equal);
            if !changed && s.status == Status::Changed {
                continue;
            }
            let mut line = String::new();
            for (op, text) in para {
                let t = escape_md(&text);
                match op {
                    Op::Equal => line.push_str(&t),
                    Op::Delete if !t.trim().is_empty() => {
                        let lead = &t[..t.len() - t.trim_start().len()];
                        line.push_str(&format!("{lead}~~{}~~", t.trim()));
                    }
                    Op::Insert if !t.trim().is_empty() => {
                        let lead = &t[..t.len() - t.trim_start().len()];
                        line.push_str(&format!("{lead}<ins>{}</ins>", t.trim()));
                    }
                    _ => line.push_str(&t),
                }
            }
            writeln!(out, "> {line}\n")?;
        }
    }
    if k == 0 {
        writeln!(out, "Không có thay đổi.")?;
    }
    Ok(())
}

const HTML_STYLE: &str = r#"
body { font-family: "Times New Roman", "Noto Serif", serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #111; background: #fff; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin-bottom: .25rem; }
table { border-collapse: collapse; margin: .5rem 0; } td, th { border: 1px solid #999; padding: .25rem .6rem; text-align: left; }
td.n { text-align: right; }
del { color: #c00000; text-decoration: line-through; }
ins { color: #0033cc; text-decoration: underline; }
.moved { color: #007a33; }
.where { color: #555; font-size: .9rem; }
.para { margin: .3rem 0 .3rem 1rem; }
.legend span { margin-right: 1.5rem; }
"#;

/// Writes a comment-round report as one self-contained HTML file (no external resources), with a
/// legal redline: deletions struck through in red, insertions underlined in blue, moves in green.
pub fn write_html(
    out: &mut dyn Write,
    old: &DocInfo,
    new: &DocInfo,
    cmp: &Comparison,
) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Báo cáo so sánh: {}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>",
        escape_html(&new.describe())
    )?;
    writeln!(out, "<h1>Báo cáo so sánh dự thảo</h1>\n<table>")?;
    writeln!(
        out,
        "<tr><th>Bản cũ</th><td>{}</td></tr>",
        escape_html(&old.describe())
    )?;
    writeln!(
        out,
        "<tr><th>Bản mới</th><td>{}</td></tr>",
        escape_html(&new.describe())
    )?;
    if let Some(t) = &new.title {
        writeln!(
            out,
            "<tr><th>Trích yếu</th><td>{}</td></tr>",
            escape_html(t)
        )?;
    }
    let ignored = if cmp.ignored.is_empty() {
        "không".to_string()
    } else {
        cmp.ignored.join(", ")
    };
    writeln!(
        out,
        "<tr><th>Bỏ qua</th><td>{}</td></tr>\n</table>",
        escape_html(&ignored)
    )?;
    writeln!(
        out,
        "<h2>Tóm tắt</h2>\n<table>\n<tr><th>Nội dung</th><th>Số lượng</th></tr>"
    )?;
    for (name, n) in summary_rows(&cmp.stats) {
        writeln!(out, "<tr><td>{name}</td><td class=\"n\">{n}</td></tr>")?;
    }
    writeln!(out, "</table>")?;
    writeln!(
        out,
        "<h2>Các thay đổi</h2>\n<p class=\"legend\"><span><del>phần bị xóa</del></span><span><ins>phần thêm mới</ins></span><span class=\"moved\">phần di chuyển</span></p>"
    )?;
    let mut k = 0;
    for s in cmp.sections.iter().filter(|s| s.is_difference()) {
        k += 1;
        let class = if s.moved { " class=\"moved\"" } else { "" };
        writeln!(
            out,
            "<section>\n<h3{class}>{k}. {} ({})</h3>\n<div class=\"where\">{}</div>",
            escape_html(&heading(s)),
            escape_html(&status_words(s).join("; ")),
            escape_html(&lines_note(s))
        )?;
        for para in paragraphs(&s.diff.edits) {
            let changed = para.iter().any(|(op, _)| *op != Op::Equal);
            if !changed && s.status == Status::Changed {
                continue;
            }
            write!(out, "<p class=\"para\"{class}>")?;
            for (op, text) in para {
                let t = escape_html(&text);
                match op {
                    Op::Equal => write!(out, "{t}")?,
                    Op::Delete => write!(out, "<del>{t}</del>")?,
                    Op::Insert => write!(out, "<ins>{t}</ins>")?,
                }
            }
            writeln!(out, "</p>")?;
        }
        writeln!(out, "</section>")?;
    }
    if k == 0 {
        writeln!(out, "<p>Không có thay đổi.</p>")?;
    }
    writeln!(out, "</body>\n</html>")
}
