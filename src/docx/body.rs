//! The body of a .docx (`word/document.xml`) as lines of text, once with every tracked change
//! rejected (the old view) and once with every change accepted (the new view).
//!
//! One paragraph is one line, in reading order: table cells row by row and cell by cell (so the
//! two-column header reads as issuing body, Số, then Quốc hiệu and date, as in converted text);
//! a manual line break starts a new line of the same paragraph; text boxes come before the
//! paragraph that anchors them. Footnotes, headers and footers live in other parts and are never
//! mixed into the body. Formatting is ignored.

use quick_xml::NsReader;
use quick_xml::events::Event;

use super::numbering::{Counters, Numbering};
use super::styles::{NumRef, Styles};
use super::xml::{attr, attr_u32, is_mc, is_w, resolve_ref};
use super::{DocxError, TextView};

const OLD: usize = 0;
const NEW: usize = 1;

/// What an open element means for the text inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Paragraph,
    ParagraphProps,
    ParagraphPropsChange,
    /// Any other property element (`rPr`, `tblPr`, `sectPr`…): `ins`/`del`/`tab` inside are
    /// markers or definitions, not content.
    Props,
    Inserted,
    Deleted,
    Text,
    DeletedText,
    /// Content that is not shown (field instructions) or shown twice (`mc:Fallback`).
    Hidden,
    Other,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    /// Text of the old and new views; `\n` for manual line breaks.
    text: [String; 2],
    style: Option<String>,
    num: NumRef,
    /// Properties before a tracked property change (`w:pPrChange`), when there is one.
    old_style: Option<Option<String>>,
    old_num: Option<NumRef>,
    /// The paragraph mark itself was inserted or deleted (paragraphs joined or split).
    mark_inserted: bool,
    mark_deleted: bool,
}

/// The lines of one view being built.
#[derive(Debug, Default)]
struct View {
    lines: Vec<String>,
    starts: Vec<bool>,
    /// Text of paragraphs whose mark does not exist in this view: it runs into the next one.
    carried: String,
    counters: Counters,
}

struct Walker<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    views: [View; 2],
    open: Vec<Tag>,
    paragraphs: Vec<Paragraph>,
    inserted: u32,
    deleted: u32,
    props: u32,
    hidden: u32,
    text: u32,
    in_props_change: u32,
    in_paragraph_props: u32,
    revisions: bool,
    /// Bytes numbering labels may still add: as many as `document.xml` has, so that generated
    /// text never outgrows the part it comes from (real labels are a few bytes a paragraph).
    label_budget: usize,
    /// The first label that could not be produced; reading stops there.
    error: Option<DocxError>,
}

/// Reads the body; returns the old and new views and whether they differ by tracked changes.
pub fn read(
    xml: &str,
    numbering: &Numbering,
    styles: &Styles,
) -> Result<(TextView, TextView, bool), DocxError> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut w = Walker {
        numbering,
        styles,
        views: [View::default(), View::default()],
        open: Vec::new(),
        paragraphs: Vec::new(),
        inserted: 0,
        deleted: 0,
        props: 0,
        hidden: 0,
        text: 0,
        in_props_change: 0,
        in_paragraph_props: 0,
        revisions: false,
        label_budget: xml.len(),
        error: None,
    };
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok(v) => v,
            Err(e) => {
                return Err(DocxError::xml(
                    "word/document.xml",
                    reader.error_position(),
                    e,
                ));
            }
        };
        match event {
            Event::Start(e) => {
                let w_ns = is_w(&ns);
                let tag = if is_mc(&ns) && e.local_name().as_ref() == "Fallback" {
                    Tag::Hidden
                } else if w_ns {
                    w.start(&e)
                } else {
                    Tag::Other
                };
                w.push(tag);
            }
            Event::End(_) => w.pop(),
            Event::Text(t) if w.collecting() => w.push_text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if w.collecting()
                    && let Some(s) = resolve_ref(&r)
                {
                    w.push_text(&s);
                }
            }
            Event::CData(t) if w.collecting() => w.push_text(&t.xml10_content()),
            Event::Eof => break,
            _ => {}
        }
        if let Some(e) = w.error.take() {
            return Err(e);
        }
    }
    // An unterminated document still gives what was read.
    while !w.paragraphs.is_empty() {
        w.end_paragraph();
    }
    if let Some(e) = w.error.take() {
        return Err(e);
    }
    let revisions = w.revisions;
    let [old, new] = w.views.map(View::finish);
    Ok((old, new, revisions))
}

impl View {
    fn finish(mut self) -> TextView {
        // Text carried past the last paragraph mark, or a view without any paragraph (all of it
        // inserted, say): still one line, so that lines and paragraph starts correspond.
        if !self.carried.is_empty() || self.lines.is_empty() {
            let rest = std::mem::take(&mut self.carried);
            self.push_paragraph(None, &rest);
        }
        TextView {
            text: self.lines.join("\n"),
            paragraph_starts: self.starts,
        }
    }

    fn push_paragraph(&mut self, label: Option<String>, text: &str) {
        let mut first = true;
        for piece in text.split('\n') {
            let mut line = String::new();
            if first && let Some(l) = &label {
                line.push_str(l);
            }
            line.push_str(piece);
            self.lines.push(line);
            self.starts.push(first);
            first = false;
        }
    }
}

impl Walker<'_> {
    /// Handles an opening WordprocessingML element; returns what it means for its content.
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>) -> Tag {
        let name = e.local_name();
        let name = name.as_ref();
        // Nothing inside hidden content counts, not even its paragraphs.
        if self.hidden > 0 {
            return Tag::Other;
        }
        if self.props > 0 {
            return self.property(name, e);
        }
        match name {
            "p" => {
                self.paragraphs.push(Paragraph::default());
                Tag::Paragraph
            }
            "pPr" => Tag::ParagraphProps,
            n if n.ends_with("Pr") || n.ends_with("PrEx") => Tag::Props,
            "ins" | "moveTo" => {
                self.revisions = true;
                Tag::Inserted
            }
            "del" | "moveFrom" => {
                self.revisions = true;
                Tag::Deleted
            }
            "t" => Tag::Text,
            "delText" => Tag::DeletedText,
            "instrText" | "delInstrText" => Tag::Hidden,
            "tab" | "ptab" => {
                self.push_text("\t");
                Tag::Other
            }
            "br" | "cr" => {
                // Page and column breaks do not start a line of text.
                if !matches!(attr(e, "type").as_deref(), Some("page" | "column")) {
                    self.push_text("\n");
                }
                Tag::Other
            }
            "noBreakHyphen" => {
                self.push_text("-");
                Tag::Other
            }
            _ => Tag::Other,
        }
    }

    /// An element inside a property element: paragraph style, numbering, and tracked marks.
    fn property(&mut self, name: &str, e: &quick_xml::events::BytesStart<'_>) -> Tag {
        let in_change = self.in_props_change > 0;
        let own_paragraph = self.in_paragraph_props > 0;
        match name {
            "pPrChange" if own_paragraph => {
                self.revisions = true;
                if let Some(p) = self.paragraphs.last_mut() {
                    p.old_style = Some(None);
                    p.old_num = Some(NumRef::default());
                }
                return Tag::ParagraphPropsChange;
            }
            "pStyle" if own_paragraph => {
                if let Some(p) = self.paragraphs.last_mut() {
                    let value = attr(e, "val");
                    if in_change {
                        p.old_style = Some(value);
                    } else {
                        p.style = value;
                    }
                }
            }
            "numId" | "ilvl" if own_paragraph => {
                if let Some(p) = self.paragraphs.last_mut() {
                    let value = attr_u32(e, "val");
                    let target = if in_change {
                        p.old_num.get_or_insert_with(NumRef::default)
                    } else {
                        &mut p.num
                    };
                    if name == "numId" {
                        target.num_id = value;
                    } else {
                        target.ilvl = value;
                    }
                }
            }
            // `w:pPr/w:rPr/w:ins` and `…/w:del`: the paragraph mark was inserted or deleted.
            "ins" if own_paragraph && !in_change => {
                self.revisions = true;
                if let Some(p) = self.paragraphs.last_mut() {
                    p.mark_inserted = true;
                }
            }
            "del" if own_paragraph && !in_change => {
                self.revisions = true;
                if let Some(p) = self.paragraphs.last_mut() {
                    p.mark_deleted = true;
                }
            }
            _ => {}
        }
        Tag::Props
    }

    fn push(&mut self, tag: Tag) {
        match tag {
            Tag::ParagraphProps => {
                self.props += 1;
                self.in_paragraph_props += 1;
            }
            Tag::ParagraphPropsChange => {
                self.props += 1;
                self.in_props_change += 1;
            }
            Tag::Props => self.props += 1,
            Tag::Inserted => self.inserted += 1,
            Tag::Deleted => self.deleted += 1,
            Tag::Text | Tag::DeletedText => self.text += 1,
            Tag::Hidden => self.hidden += 1,
            Tag::Paragraph | Tag::Other => {}
        }
        self.open.push(tag);
    }

    fn pop(&mut self) {
        let Some(tag) = self.open.pop() else {
            return;
        };
        match tag {
            Tag::ParagraphProps => {
                self.props -= 1;
                self.in_paragraph_props -= 1;
            }
            Tag::ParagraphPropsChange => {
                self.props -= 1;
                self.in_props_change -= 1;
            }
            Tag::Props => self.props -= 1,
            Tag::Inserted => self.inserted -= 1,
            Tag::Deleted => self.deleted -= 1,
            Tag::Text | Tag::DeletedText => self.text -= 1,
            Tag::Hidden => self.hidden -= 1,
            Tag::Paragraph => self.end_paragraph(),
            Tag::Other => {}
        }
    }

    fn collecting(&self) -> bool {
        self.text > 0 && self.hidden == 0 && self.props == 0 && !self.paragraphs.is_empty()
    }

    /// Adds run text to the views it belongs to: rejected changes leave insertions out of the old
    /// view, accepted changes leave deletions out of the new one.
    fn push_text(&mut self, s: &str) {
        if self.hidden > 0 || self.props > 0 {
            return;
        }
        let Some(p) = self.paragraphs.last_mut() else {
            return;
        };
        if self.inserted == 0 {
            p.text[OLD].push_str(s);
        }
        if self.deleted == 0 {
            p.text[NEW].push_str(s);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraphs.pop() else {
            return;
        };
        for side in [OLD, NEW] {
            let mark_exists = if side == OLD {
                !p.mark_inserted
            } else {
                !p.mark_deleted
            };
            let view = &mut self.views[side];
            if !mark_exists {
                view.carried.push_str(&p.text[side]);
                continue;
            }
            let (style, num) = match (side, &p.old_style, &p.old_num) {
                (OLD, Some(style), old_num) => (style.as_deref(), old_num.unwrap_or_default()),
                (OLD, None, Some(old_num)) => (p.style.as_deref(), *old_num),
                _ => (p.style.as_deref(), p.num),
            };
            let label = match label(self.numbering, self.styles, &mut view.counters, style, num) {
                Ok(l) => l,
                Err(e) => {
                    self.error.get_or_insert(e);
                    return;
                }
            };
            let used = label.as_ref().map_or(0, String::len);
            if used > self.label_budget {
                self.error.get_or_insert(DocxError::LabelsTooLarge {
                    part: "word/numbering.xml".to_string(),
                });
                return;
            }
            self.label_budget -= used;
            let text = std::mem::take(&mut view.carried) + &p.text[side];
            view.push_paragraph(label, &text);
        }
    }
}

/// The numbering label of a paragraph with this style and direct numbering, if it has one.
fn label(
    numbering: &Numbering,
    styles: &Styles,
    counters: &mut Counters,
    style: Option<&str>,
    direct: NumRef,
) -> Result<Option<String>, DocxError> {
    let from_style = style.map(|s| styles.numbering(s)).unwrap_or_default();
    let num = from_style.overlay(direct);
    let Some(num_id) = num.num_id.filter(|&n| n != 0) else {
        return Ok(None);
    };
    let ilvl = match num.ilvl {
        Some(l) => l as usize,
        None => style
            .and_then(|s| numbering.level_of_style(num_id, s))
            .unwrap_or(0),
    };
    numbering.next_label(counters, num_id, ilvl)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn views(body: &str) -> (Vec<String>, Vec<String>, bool) {
        views_with(body, &Numbering::default())
    }

    fn views_with(body: &str, numbering: &Numbering) -> (Vec<String>, Vec<String>, bool) {
        let xml = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let (old, new, revisions) = read(&xml, numbering, &Styles::default()).unwrap();
        let lines = |v: TextView| v.text.split('\n').map(str::to_string).collect();
        (lines(old), lines(new), revisions)
    }

    #[test]
    fn runs_breaks_tabs_and_hidden_content() {
        let (_, new, revisions) = views(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
                 <w:r><w:t xml:space="preserve">ỦY BAN </w:t></w:r><w:r><w:t>NHÂN DÂN</w:t><w:br/><w:t>TỈNH A</w:t></w:r></w:p>
               <w:p><w:r><w:t>Số:</w:t><w:tab/><w:t>12</w:t><w:br w:type="page"/></w:r>
                 <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>
                 <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>/UBND</w:t></w:r></w:p>
               <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>
                 <w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
                 <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
                 </mc:AlternateContent><w:t>KẾ HOẠCH</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            new,
            [
                "ỦY BAN NHÂN DÂN",
                "TỈNH A",
                "Số:\t12/UBND",
                "DỰ THẢO",
                "KẾ HOẠCH"
            ]
        );
        assert!(!revisions);
    }

    #[test]
    fn tracked_changes_give_two_views() {
        let (old, new, revisions) = views(
            r#"<w:p><w:r><w:t xml:space="preserve">triển khai thi hành Luật </w:t></w:r>
                 <w:del w:id="1" w:author="A"><w:r><w:delText>Thanh niên</w:delText></w:r></w:del>
                 <w:ins w:id="2" w:author="A"><w:r><w:t>Thực hiện dân chủ ở cơ sở</w:t></w:r></w:ins></w:p>
               <w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Nơi </w:t></w:r></w:p>
               <w:p><w:r><w:t>nhận:</w:t></w:r></w:p>
               <w:p><w:pPr><w:rPr><w:ins w:id="4" w:author="A"/></w:rPr></w:pPr>
                 <w:ins w:id="5" w:author="A"><w:r><w:t>- Như trên;</w:t></w:r></w:ins></w:p>
               <w:p><w:moveFrom w:id="6" w:author="A"><w:r><w:t>- Lưu: VT.</w:t></w:r></w:moveFrom>
                 <w:moveTo w:id="7" w:author="A"><w:r><w:t>- Lưu: VT, VX.</w:t></w:r></w:moveTo></w:p>"#,
        );
        assert!(revisions);
        assert_eq!(
            old,
            [
                "triển khai thi hành Luật Thanh niên",
                "Nơi ",
                "nhận:",
                "- Lưu: VT."
            ]
        );
        // The deleted paragraph mark joins "Nơi " and "nhận:"; the inserted one splits.
        assert_eq!(
            new,
            [
                "triển khai thi hành Luật Thực hiện dân chủ ở cơ sở",
                "Nơi nhận:",
                "- Như trên;",
                "- Lưu: VT, VX."
            ]
        );
    }

    #[test]
    fn numbering_follows_each_view_and_property_changes() {
        let numbering = Numbering::parse(
            r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
              <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
                <w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        )
        .unwrap();
        let num = r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#;
        let body = format!(
            r#"<w:p><w:pPr>{num}</w:pPr><w:r><w:t>một</w:t></w:r></w:p>
               <w:p><w:pPr>{num}<w:rPr><w:ins w:id="1"/></w:rPr></w:pPr><w:ins w:id="2"><w:r><w:t>chèn</w:t></w:r></w:ins></w:p>
               <w:p><w:pPr>{num}</w:pPr><w:r><w:t>hai</w:t></w:r></w:p>
               <w:p><w:pPr><w:pPrChange w:id="3"><w:pPr>{num}</w:pPr></w:pPrChange></w:pPr><w:r><w:t>ba</w:t></w:r></w:p>"#
        );
        let (old, new, _) = views_with(&body, &numbering);
        assert_eq!(old, ["a) một", "b) hai", "c) ba"]);
        assert_eq!(new, ["a) một", "b) chèn", "c) hai", "ba"]);
    }

    #[test]
    fn a_view_without_paragraphs_still_has_one_line() {
        // Found by fuzzing: everything inserted leaves the old view without any paragraph.
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:pPr><w:rPr><w:ins w:id="1"/></w:rPr></w:pPr>
               <w:ins w:id="2"><w:r><w:t>Số: 12</w:t></w:r></w:ins></w:p></w:body></w:document>"#
        );
        let (old, new, _) = read(&xml, &Numbering::default(), &Styles::default()).unwrap();
        assert_eq!((old.text.as_str(), old.paragraph_starts), ("", vec![true]));
        assert_eq!(
            (new.text.as_str(), new.paragraph_starts),
            ("Số: 12", vec![true])
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let xml =
            format!("<w:document {W}><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>");
        assert!(matches!(
            read(&xml, &Numbering::default(), &Styles::default()),
            Err(DocxError::Xml { .. })
        ));
    }
}
