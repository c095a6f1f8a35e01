//! Writing Word documents (.docx): a minimal valid package around a body of WordprocessingML.
//!
//! Pure: paragraphs and tables in, bytes out; the caller decides where they go. The package has
//! only the parts Word, LibreOffice and python-docx need: `[Content_Types].xml`, `_rels/.rels`,
//! `word/document.xml`, `word/_rels/document.xml.rels`, `word/styles.xml`, `word/settings.xml`
//! and `docProps/core.xml`. Text is Times New Roman 14 pt, on A4 with the margins of Nghị định
//! 30/2020/NĐ-CP, Phụ lục I (top and bottom 20 mm, left 30 mm, right 15 mm).
//!
//! Tracked changes are written as Word writes them: `w:ins` / `w:del` runs (deleted text in
//! `w:delText`), `w:moveFrom` / `w:moveTo` runs inside named move ranges, and a paragraph mark
//! inserted, deleted or moved marked in the paragraph's own run properties. Accepting every change
//! keeps the inserted and moved-to text; rejecting every change keeps the deleted and moved-from
//! text.

use std::io::{Cursor, Write};

use thiserror::Error;

/// Why a package could not be written (only the zip writer can fail, on memory).
#[derive(Debug, Error)]
#[error("không tạo được tệp .docx: {0}")]
pub struct WriteError(String);

/// A tracked change, as the author of a revision made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Inserted,
    Deleted,
    MovedFrom,
    MovedTo,
}

impl Change {
    fn element(self) -> &'static str {
        match self {
            Change::Inserted => "w:ins",
            Change::Deleted => "w:del",
            Change::MovedFrom => "w:moveFrom",
            Change::MovedTo => "w:moveTo",
        }
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Both,
}

/// How a paragraph looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParagraphStyle {
    pub align: Align,
    pub bold: bool,
    /// Font size in half-points; `None` for the document's default (14 pt).
    pub size: Option<u32>,
    /// First-line indent in twentieths of a point (body text of Phụ lục I: 1 to 1.27 cm).
    pub first_line: Option<u32>,
}

/// How a run looks, on top of its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunStyle {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
}

/// The author and date of every tracked change of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub author: String,
    /// W3C date and time, UTC: `2026-12-03T11:47:00Z`.
    pub date: String,
}

/// A WordprocessingML body being written: paragraphs, runs, tables, and the ids of tracked
/// changes (unique in the document, as the schema requires).
#[derive(Debug)]
pub struct Body {
    xml: String,
    revision: Revision,
    next_id: u32,
    /// The style of the paragraph being written (its runs inherit its boldness and size).
    paragraph: ParagraphStyle,
}

impl Body {
    pub fn new(revision: Revision) -> Body {
        Body {
            xml: String::new(),
            revision,
            next_id: 1,
            paragraph: ParagraphStyle::default(),
        }
    }

    fn id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// ` w:id="…" w:author="…" w:date="…"` of a new change.
    fn change_attrs(&mut self) -> String {
        let id = self.id();
        format!(
            r#" w:id="{id}" w:author="{}" w:date="{}""#,
            escape(&self.revision.author),
            escape(&self.revision.date)
        )
    }

    /// Opens a paragraph; `mark` is the change of its paragraph mark (a mark deleted joins the
    /// paragraph to the next one once accepted; one inserted does so once rejected).
    pub fn start_paragraph(&mut self, style: ParagraphStyle, mark: Option<Change>) {
        self.paragraph = style;
        self.xml.push_str("<w:p><w:pPr>");
        let jc = match style.align {
            Align::Left => None,
            Align::Center => Some("center"),
            Align::Right => Some("right"),
            Align::Both => Some("both"),
        };
        if let Some(first) = style.first_line {
            self.xml
                .push_str(&format!(r#"<w:ind w:firstLine="{first}"/>"#));
        }
        if let Some(jc) = jc {
            self.xml.push_str(&format!(r#"<w:jc w:val="{jc}"/>"#));
        }
        let mut rpr = String::new();
        if let Some(change) = mark {
            let attrs = self.change_attrs();
            rpr.push_str(&format!("<{}{attrs}/>", change.element()));
        }
        rpr.push_str(&self.run_props(RunStyle::default()));
        if !rpr.is_empty() {
            self.xml.push_str(&format!("<w:rPr>{rpr}</w:rPr>"));
        }
        self.xml.push_str("</w:pPr>");
    }

    pub fn end_paragraph(&mut self) {
        self.xml.push_str("</w:p>");
    }

    /// A whole paragraph of plain runs.
    pub fn paragraph(&mut self, style: ParagraphStyle, runs: &[(&str, RunStyle)]) {
        self.start_paragraph(style, None);
        for (text, run) in runs {
            self.run(text, *run, None);
        }
        self.end_paragraph();
    }

    fn run_props(&self, run: RunStyle) -> String {
        let mut props = String::new();
        if run.bold || self.paragraph.bold {
            props.push_str("<w:b/><w:bCs/>");
        }
        if run.italic {
            props.push_str("<w:i/><w:iCs/>");
        }
        if run.strike {
            props.push_str("<w:strike/>");
        }
        // The schema's order: `w:sz` before `w:u`.
        if let Some(size) = self.paragraph.size {
            props.push_str(&format!(
                r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#
            ));
        }
        if run.underline {
            props.push_str(r#"<w:u w:val="single"/>"#);
        }
        props
    }

    /// A run of text (tabs become `w:tab`), tracked as `change` when there is one.
    pub fn run(&mut self, text: &str, run: RunStyle, change: Option<Change>) {
        if text.is_empty() {
            return;
        }
        let tag = if change == Some(Change::Deleted) {
            "w:delText"
        } else {
            "w:t"
        };
        let props = self.run_props(run);
        let mut r = String::from("<w:r>");
        if !props.is_empty() {
            r.push_str(&format!("<w:rPr>{props}</w:rPr>"));
        }
        for (k, piece) in text.split('\t').enumerate() {
            if k > 0 {
                r.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                r.push_str(&format!(
                    r#"<{tag} xml:space="preserve">{}</{tag}>"#,
                    escape(piece)
                ));
            }
        }
        r.push_str("</w:r>");
        match change {
            None => self.xml.push_str(&r),
            Some(c) => {
                let attrs = self.change_attrs();
                let e = c.element();
                self.xml.push_str(&format!("<{e}{attrs}>{r}</{e}>"));
            }
        }
    }

    /// Opens the range of a move (`from`: where the text was, else where it went), named so that
    /// Word pairs the two ends; returns the id its end repeats.
    pub fn start_move_range(&mut self, from: bool, name: &str) -> u32 {
        let id = self.id();
        let e = if from {
            "w:moveFromRangeStart"
        } else {
            "w:moveToRangeStart"
        };
        self.xml.push_str(&format!(
            r#"<{e} w:id="{id}" w:name="{}" w:author="{}" w:date="{}"/>"#,
            escape(name),
            escape(&self.revision.author),
            escape(&self.revision.date)
        ));
        id
    }

    pub fn end_move_range(&mut self, from: bool, id: u32) {
        let e = if from {
            "w:moveFromRangeEnd"
        } else {
            "w:moveToRangeEnd"
        };
        self.xml.push_str(&format!(r#"<{e} w:id="{id}"/>"#));
    }

    /// Opens a table of columns this wide (twentieths of a point), with borders, its first row
    /// repeated on every page.
    pub fn start_table(&mut self, widths: &[u32]) {
        let total: u32 = widths.iter().sum();
        self.xml.push_str(&format!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders>{}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
            ["top", "left", "bottom", "right", "insideH", "insideV"]
                .map(|b| format!(r#"<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#))
                .concat()
        ));
        for w in widths {
            self.xml.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
        }
        self.xml.push_str("</w:tblGrid>");
    }

    pub fn start_row(&mut self, header: bool) {
        self.xml.push_str("<w:tr>");
        if header {
            self.xml
                .push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        }
    }

    /// Opens a cell `width` wide; a cell must hold at least one paragraph.
    pub fn start_cell(&mut self, width: u32) {
        self.xml.push_str(&format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>"#
        ));
    }

    pub fn end_cell(&mut self) {
        self.xml.push_str("</w:tc>");
    }

    pub fn end_row(&mut self) {
        self.xml.push_str("</w:tr>");
    }

    pub fn end_table(&mut self) {
        self.xml.push_str("</w:tbl>");
    }

    /// The body's XML so far (without the section properties).
    pub fn xml(&self) -> &str {
        &self.xml
    }
}

/// Page orientation of the document's one section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// `word/document.xml` for a body: A4 with the margins of Phụ lục I.
pub fn document_xml(body: &Body, orientation: Orientation) -> String {
    // A4 is 11906 × 16838 twentieths of a point; margins 20 mm (1134), 30 mm (1701), 15 mm
    // (851). In landscape the binding edge (30 mm) stays on the left.
    let (w, h, orient) = match orientation {
        Orientation::Portrait => (11906, 16838, ""),
        Orientation::Landscape => (16838, 11906, r#" w:orient="landscape""#),
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#,
            "{body}",
            r#"<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        ),
        body = body.xml(),
        w = w,
        h = h,
        orient = orient,
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

/// Times New Roman 14 pt for all text (Phụ lục I: 13 to 14 pt), single spacing with 6 pt after
/// each paragraph, Vietnamese as the language (spelling and hyphenation).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

/// Settings: the document opens with its tracked changes shown (and further edits tracked, as a
/// reviewer replying to a redline expects).
fn settings(track: bool) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{}<w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#,
        if track { "<w:trackRevisions/>" } else { "" }
    )
}

fn core(title: &str, date: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>rasoat</dc:creator><cp:lastModifiedBy>rasoat</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>"#,
        escape(title),
        date = escape(date)
    )
}

/// What goes around a body: the title in the document's properties, the page, and whether the
/// document has tracked changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub orientation: Orientation,
    pub tracked: bool,
}

/// The .docx package of a body.
pub fn package(body: &Body, meta: &Meta) -> Result<Vec<u8>, WriteError> {
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/document.xml", document_xml(body, meta.orientation)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", STYLES.to_string()),
        ("word/settings.xml", settings(meta.tracked)),
        ("docProps/core.xml", core(&meta.title, &body.revision.date)),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp: the same comparison gives the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let fail = |e: &dyn std::fmt::Display| WriteError(e.to_string());
    for (name, xml) in parts {
        zip.start_file(name, options).map_err(|e| fail(&e))?;
        zip.write_all(xml.as_bytes()).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

/// Escapes text for XML content and attributes, dropping the characters XML 1.0 cannot hold
/// (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{0}'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{fffe}'
            | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The W3C date and time (UTC, whole seconds) of a moment in seconds since 1970.
pub fn w3c_date(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision() -> Revision {
        Revision {
            author: "rasoat".to_string(),
            date: "2026-01-02T03:04:05Z".to_string(),
        }
    }

    #[test]
    fn dates_are_w3c_utc() {
        assert_eq!(w3c_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3c_date(951_825_600), "2000-02-29T12:00:00Z");
        assert_eq!(w3c_date(1_798_761_600), "2027-01-01T00:00:00Z");
        assert_eq!(w3c_date(1_798_761_599), "2026-12-31T23:59:59Z");
    }

    #[test]
    fn tracked_runs_read_back_as_two_views() {
        let mut body = Body::new(revision());
        body.start_paragraph(ParagraphStyle::default(), None);
        body.run("Luật ", RunStyle::default(), None);
        body.run("Thanh niên", RunStyle::default(), Some(Change::Deleted));
        body.run("Dân <chủ>\t&", RunStyle::default(), Some(Change::Inserted));
        body.end_paragraph();
        body.start_paragraph(ParagraphStyle::default(), Some(Change::Inserted));
        body.run("mới", RunStyle::default(), Some(Change::Inserted));
        body.end_paragraph();
        let bytes = package(
            &body,
            &Meta {
                title: "t".to_string(),
                orientation: Orientation::Portrait,
                tracked: true,
            },
        )
        .unwrap();
        let text = crate::docx::extract(&bytes, 1 << 20).unwrap();
        assert_eq!(text.new.text, "Luật Dân <chủ>\t&\nmới");
        assert_eq!(text.old.unwrap().text, "Luật Thanh niên");
        assert!(body.xml().contains(
            r#"<w:del w:id="1" w:author="rasoat" w:date="2026-01-02T03:04:05Z"><w:r><w:delText xml:space="preserve">Thanh niên</w:delText></w:r></w:del>"#
        ));
    }

    #[test]
    fn escaping_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a\u{1}b<\"&\t"), "ab&lt;&quot;&amp;\t");
    }
}
