//! The bảng so sánh of a round (one row per changed section: STT, place, old text, new text,
//! Giải trình), and the one table model it is written from, as Markdown, self-contained HTML or
//! a landscape .docx.
//!
//! A table is data ([`Table`]: a title, columns, rows of cells of marked text); each format is one
//! pure writer of that data. Another report of the round (the tiếp thu, giải trình report, with a
//! decision and a reason per change) is another builder of a [`Table`] with its own columns: the
//! writers stay as they are.

use crate::compare::{Comparison, SectionChange, Status};
use crate::docx::write::{self, Align, Body, Meta, Orientation, ParagraphStyle, RunStyle};
use crate::outline::Document;

use super::diff::{DocInfo, escape_html, escape_md, status_words};
use super::pieces::{Version, pieces, side};

/// What a piece of text in a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// Only in the old text (struck through).
    Deleted,
    /// Only in the new text (bold).
    Inserted,
    /// Said by the report, not quoted from a document (italic).
    Note,
}

/// A piece of text with its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub mark: Mark,
}

/// The text of a cell: paragraphs of marked pieces.
pub type Cell = Vec<Vec<Span>>;

/// A column: its heading and its share of the page width (in twentieths of a point on a
/// landscape A4 page within the margins of Phụ lục I; the widths of a table add up to
/// [`LANDSCAPE_WIDTH`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    pub width: u32,
}

/// The writing width of a landscape A4 page with the margins of Phụ lục I (297 mm less 30 mm
/// and 15 mm), in twentieths of a point.
pub const LANDSCAPE_WIDTH: u32 = 14286;

/// A report table: a title, lines that say what it compares, columns and rows, and a legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub subtitle: Vec<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub legend: String,
    /// Said instead of the rows when there are none.
    pub empty: String,
}

fn plain(text: impl Into<String>) -> Vec<Span> {
    vec![Span {
        text: text.into(),
        mark: Mark::Plain,
    }]
}

fn note(text: impl Into<String>) -> Vec<Span> {
    vec![Span {
        text: text.into(),
        mark: Mark::Note,
    }]
}

/// Whether a change gets a row of its own: its text, its presence or its place changed (a
/// renumbering alone does not: the rows of the changes that caused it say so).
fn is_row(s: &SectionChange) -> bool {
    s.status != Status::Unchanged || s.moved
}

/// Whether `child` is a part of `parent` by numbering path (`II.1.a` of `II.1`).
fn is_within(child: &str, parent: &str) -> bool {
    !parent.is_empty()
        && child.len() > parent.len()
        && child.starts_with(parent)
        && child[parent.len()..].starts_with('.')
}

/// One side of a group of changes as a cell (`new_side`: the new text), or a note that the side
/// has none.
fn side_cell(group: &[&SectionChange], old: &Version, new: &Version, new_side: bool) -> Cell {
    let mut cell: Cell = Vec::new();
    for s in group {
        let mark = if new_side {
            Mark::Inserted
        } else {
            Mark::Deleted
        };
        for para in side(&pieces(s, old, new), new_side) {
            cell.push(
                para.into_iter()
                    .map(|(changed, text)| Span {
                        text,
                        mark: if changed { mark } else { Mark::Plain },
                    })
                    .collect(),
            );
        }
    }
    if cell.is_empty() {
        cell.push(note(if new_side {
            "(bị xóa)"
        } else {
            "(thêm mới)"
        }));
    }
    cell
}

/// The place cell of a group: where it is, as a reader cites it, where it was if that differs,
/// and what happened.
fn place_cell(s: &SectionChange, old: &Version, new: &Version, parts: usize) -> Cell {
    let old_place = s.old.as_ref().map(|u| old.citation(u));
    let new_place = s.new.as_ref().map(|u| new.citation(u));
    let mut cell: Cell = Vec::new();
    match (&old_place, &new_place) {
        (Some(o), Some(n)) if o != n => {
            cell.push(plain(n.clone()));
            cell.push(note(format!("(bản cũ: {o})")));
        }
        (_, Some(n)) => cell.push(plain(n.clone())),
        (Some(o), None) => cell.push(plain(o.clone())),
        (None, None) => {}
    }
    let mut words = status_words(s);
    if parts > 1 {
        words.push(format!("gồm {} phần con", parts - 1));
    }
    cell.push(note(words.join("; ")));
    cell
}

/// The bảng so sánh of a comparison: one row per changed section (an inserted or deleted part
/// with the parts under it, inserted or deleted too, in one row), in the new version's order.
/// The Giải trình column is left to fill in.
pub fn comparison_table(
    cmp: &Comparison,
    old_info: &DocInfo,
    new_info: &DocInfo,
    old: &Document,
    new: &Document,
) -> Table {
    let (old, new) = (&Version::new(old), &Version::new(new));
    let changes: Vec<&SectionChange> = cmp.sections.iter().filter(|s| is_row(s)).collect();
    let mut rows = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let head = changes[i];
        let mut group = vec![head];
        i += 1;
        if matches!(head.status, Status::Inserted | Status::Deleted) && !head.moved {
            while i < changes.len()
                && changes[i].status == head.status
                && !changes[i].moved
                && is_within(changes[i].number(), head.number())
            {
                group.push(changes[i]);
                i += 1;
            }
        }
        rows.push(vec![
            vec![plain((rows.len() + 1).to_string())],
            place_cell(head, old, new, group.len()),
            side_cell(&group, old, new, false),
            side_cell(&group, old, new, true),
            // Giải trình: the drafting unit's explanation, written by hand in the reply.
            vec![Vec::new()],
        ]);
    }
    Table {
        title: "BẢNG SO SÁNH".to_string(),
        subtitle: vec![
            match new.doc.title() {
                Some(t) => format!("các nội dung sửa đổi của dự thảo {t}"),
                None => "các nội dung sửa đổi giữa hai dự thảo".to_string(),
            },
            format!("Bản cũ: {}", old_info.describe()),
            format!("Bản mới: {}", new_info.describe()),
        ],
        columns: vec![
            Column {
                header: "STT",
                width: 850,
            },
            Column {
                header: "Vị trí",
                width: 2400,
            },
            Column {
                header: "Nội dung bản cũ",
                width: 4500,
            },
            Column {
                header: "Nội dung bản mới",
                width: 4500,
            },
            Column {
                header: "Giải trình",
                width: LANDSCAPE_WIDTH - 850 - 2400 - 4500 - 4500,
            },
        ],
        rows,
        legend: "Chữ gạch ngang: phần bị xóa ở bản cũ; chữ in đậm: phần thêm mới ở bản mới."
            .to_string(),
        empty: "Hai bản không có nội dung nào khác nhau.".to_string(),
    }
}

/// A cell in Markdown: paragraphs joined by `<br>`, deletions `~~…~~`, insertions `**…**`.
fn md_cell(cell: &Cell) -> String {
    let paragraphs: Vec<String> = cell
        .iter()
        .map(|p| {
            p.iter()
                .map(|span| {
                    let t = escape_md(&span.text);
                    let core = t.trim();
                    if core.is_empty() {
                        return t;
                    }
                    let lead = &t[..t.len() - t.trim_start().len()];
                    let tail = &t[t.trim_end().len()..];
                    match span.mark {
                        Mark::Plain => t.clone(),
                        Mark::Deleted => format!("{lead}~~{core}~~{tail}"),
                        Mark::Inserted => format!("{lead}**{core}**{tail}"),
                        Mark::Note => format!("{lead}*{core}*{tail}"),
                    }
                })
                .collect()
        })
        .collect();
    paragraphs.join("<br>")
}

/// The table in Markdown (GitHub's pipe tables).
pub fn to_markdown(t: &Table) -> String {
    let mut out = format!("# {}\n\n", escape_md(&t.title));
    for line in &t.subtitle {
        out.push_str(&format!("{}  \n", escape_md(line)));
    }
    out.push('\n');
    if t.rows.is_empty() {
        out.push_str(&format!("{}\n", escape_md(&t.empty)));
        return out;
    }
    out.push_str(&format!("{}\n\n", escape_md(&t.legend)));
    let headers: Vec<&str> = t.columns.iter().map(|c| c.header).collect();
    out.push_str(&format!("| {} |\n", headers.join(" | ")));
    let rule: Vec<&str> = t
        .columns
        .iter()
        .enumerate()
        .map(|(k, _)| if k == 0 { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(md_cell).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

const HTML_STYLE: &str = r#"
body { font-family: "Times New Roman", "Noto Serif", serif; font-size: 13pt; margin: 1.5rem; color: #111; background: #fff; }
h1 { font-size: 14pt; text-align: center; margin-bottom: .2rem; }
.sub { text-align: center; margin: .1rem 0; }
.legend { font-style: italic; margin: .8rem 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #000; padding: .3rem .4rem; vertical-align: top; text-align: left; }
th { text-align: center; background: #f2f2f2; }
td p { margin: 0 0 .3rem 0; }
del { color: #c00000; text-decoration: line-through; }
ins { color: #0033cc; font-weight: bold; text-decoration: none; }
em { color: #555; }
"#;

/// The table as one self-contained HTML page (no external resources).
pub fn to_html(t: &Table) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape_html(&t.title),
        escape_html(&t.title)
    );
    for line in &t.subtitle {
        out.push_str(&format!("<p class=\"sub\">{}</p>\n", escape_html(line)));
    }
    if t.rows.is_empty() {
        out.push_str(&format!(
            "<p>{}</p>\n</body>\n</html>\n",
            escape_html(&t.empty)
        ));
        return out;
    }
    out.push_str(&format!(
        "<p class=\"legend\">{}</p>\n<table>\n<colgroup>",
        escape_html(&t.legend)
    ));
    let total: u32 = t.columns.iter().map(|c| c.width).sum::<u32>().max(1);
    for c in &t.columns {
        out.push_str(&format!(
            "<col style=\"width: {:.1}%\">",
            f64::from(c.width) * 100.0 / f64::from(total)
        ));
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for c in &t.columns {
        out.push_str(&format!("<th>{}</th>", escape_html(c.header)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str("<td>");
            for p in cell {
                out.push_str("<p>");
                for span in p {
                    let text = escape_html(&span.text);
                    match span.mark {
                        Mark::Plain => out.push_str(&text),
                        Mark::Deleted => out.push_str(&format!("<del>{text}</del>")),
                        Mark::Inserted => out.push_str(&format!("<ins>{text}</ins>")),
                        Mark::Note => out.push_str(&format!("<em>{text}</em>")),
                    }
                }
                out.push_str("</p>");
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

/// The table as a landscape .docx (Times New Roman 13 pt in the table, Phụ lục I).
pub fn to_docx(t: &Table, date: &str) -> Result<Vec<u8>, write::WriteError> {
    let mut body = Body::new(write::Revision {
        author: "rasoat".to_string(),
        date: date.to_string(),
    });
    let center = |bold: bool| ParagraphStyle {
        align: Align::Center,
        bold,
        ..ParagraphStyle::default()
    };
    body.paragraph(center(true), &[(&t.title, RunStyle::default())]);
    for line in &t.subtitle {
        body.paragraph(center(false), &[(line, RunStyle::default())]);
    }
    if t.rows.is_empty() {
        body.paragraph(
            ParagraphStyle::default(),
            &[(&t.empty, RunStyle::default())],
        );
    } else {
        let italic = RunStyle {
            italic: true,
            ..RunStyle::default()
        };
        body.paragraph(ParagraphStyle::default(), &[(&t.legend, italic)]);
        let widths: Vec<u32> = t.columns.iter().map(|c| c.width).collect();
        let cell_style = ParagraphStyle {
            size: Some(26),
            ..ParagraphStyle::default()
        };
        body.start_table(&widths);
        body.start_row(true);
        for c in &t.columns {
            body.start_cell(c.width);
            body.paragraph(
                ParagraphStyle {
                    align: Align::Center,
                    bold: true,
                    size: Some(26),
                    ..ParagraphStyle::default()
                },
                &[(c.header, RunStyle::default())],
            );
            body.end_cell();
        }
        body.end_row();
        for row in &t.rows {
            body.start_row(false);
            for (cell, column) in row.iter().zip(&t.columns) {
                body.start_cell(column.width);
                // A cell holds at least one paragraph.
                if cell.is_empty() {
                    body.paragraph(cell_style, &[]);
                }
                for p in cell {
                    let runs: Vec<(&str, RunStyle)> = p
                        .iter()
                        .map(|span| {
                            let style = match span.mark {
                                Mark::Plain => RunStyle::default(),
                                Mark::Deleted => RunStyle {
                                    strike: true,
                                    ..RunStyle::default()
                                },
                                Mark::Inserted => RunStyle {
                                    bold: true,
                                    ..RunStyle::default()
                                },
                                Mark::Note => italic,
                            };
                            (span.text.as_str(), style)
                        })
                        .collect();
                    body.paragraph(cell_style, &runs);
                }
                body.end_cell();
            }
            body.end_row();
        }
        body.end_table();
        // Word wants a paragraph after a table that ends the body.
        body.paragraph(ParagraphStyle::default(), &[]);
    }
    write::package(
        &body,
        &Meta {
            title: format!("{} {}", t.title, t.subtitle.first().map_or("", |s| s)),
            orientation: Orientation::Landscape,
            tracked: false,
        },
    )
}
