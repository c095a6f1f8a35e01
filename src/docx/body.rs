//! The body of a .docx (`word/document.xml`) as lines of text, once with every tracked change
//! rejected (the old view) and once with every change accepted (the new view).
//!
//! One paragraph is one line, in reading order: table cells row by row and cell by cell (so the
//! two-column header reads as issuing body, Số, then Quốc hiệu and date, as in converted text);
//! a manual line break starts a new line of the same paragraph; text boxes come before the
//! paragraph that anchors them. Headers and footers live in other parts and are never mixed into
//! the body. Formatting is ignored.
//!
//! Footnotes and endnotes live in their own parts (`word/footnotes.xml`, `word/endnotes.xml`),
//! read by [`read_notes`] with the same walker, note by note. In the body, a reference to one
//! (`w:footnoteReference`) is shown as Word shows it: its number in each view (references are
//! numbered in reading order, so a reference inserted by a tracked change renumbers the ones after
//! it in the new view only), written `[1]` as consolidated texts write them, or nothing when a
//! custom mark follows it in the run (`*`), which is then the note's mark.

use quick_xml::NsReader;
use quick_xml::events::Event;

use super::numbering::{Counters, Numbering};
use super::styles::{NumRef, Styles};
use super::xml::{attr, attr_u32, is_mc, is_w, resolve_ref};
use super::{DocxError, NoteKind, TextView};

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
    /// One footnote or endnote of a notes part.
    Note,
    /// A run: a custom note mark is text of the run its reference is in.
    Run,
    Other,
}

/// Stands in a view's text for a note reference until the view is finished and references are
/// numbered in reading order. Control characters are not allowed in XML text, and any that a
/// document smuggles in through a character reference are dropped.
const FOOTNOTE_SENTINEL: char = '\u{1}';
const ENDNOTE_SENTINEL: char = '\u{2}';

/// Longest custom note mark kept, in characters (Word's are a symbol or two).
const MAX_CUSTOM_MARK: usize = 8;

/// A reference to a note in the body, in the order of reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRef {
    pub kind: NoteKind,
    /// The note's `w:id` in its part.
    pub id: String,
    /// The mark shown: the number, or the custom mark.
    pub mark: String,
    /// 0-based line of the view the reference is on.
    pub line: usize,
}

/// A reference being read: its mark is known when the view is finished.
#[derive(Debug, Clone)]
struct PendingRef {
    kind: NoteKind,
    id: String,
    /// `w:customMarkFollows`: the text that follows in the run is the mark, and the reference
    /// takes no number.
    custom: Option<String>,
}

/// One footnote or endnote of a notes part: its lines in each view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteText {
    pub id: String,
    /// Lines and, per line, whether it starts a paragraph: old view, new view.
    pub lines: [(Vec<String>, Vec<bool>); 2],
}

/// What a part gives: the two views, the note references of each, and whether they differ.
#[derive(Debug)]
pub struct Read {
    pub old: TextView,
    pub new: TextView,
    pub refs: [Vec<NoteRef>; 2],
    pub revisions: bool,
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
    /// Note references met in each view, in order.
    refs: [Vec<PendingRef>; 2],
    /// The reference of each view whose custom mark is the next text.
    custom_pending: [Option<usize>; 2],
    /// Reading a notes part: the note being read (its kind, id, whether it is a real note and
    /// not a separator) and the notes read.
    notes_part: Option<NoteKind>,
    note: Option<(String, bool)>,
    notes: Vec<NoteText>,
}

/// Reads the body (`word/document.xml`): the old and new views, the note references in each, and
/// whether the views differ by tracked changes.
pub fn read(xml: &str, numbering: &Numbering, styles: &Styles) -> Result<Read, DocxError> {
    let mut w = walk(xml, "word/document.xml", numbering, styles, None)?;
    // An unterminated document still gives what was read.
    while !w.paragraphs.is_empty() {
        w.end_paragraph();
    }
    if let Some(e) = w.error.take() {
        return Err(e);
    }
    let revisions = w.revisions;
    let [old_refs, new_refs] = std::mem::take(&mut w.refs);
    let [old, new] = std::mem::take(&mut w.views).map(View::finish);
    let (old, old_refs) = resolve_refs(old, old_refs);
    let (new, new_refs) = resolve_refs(new, new_refs);
    Ok(Read {
        old,
        new,
        refs: [old_refs, new_refs],
        revisions,
    })
}

/// Reads a notes part (`word/footnotes.xml` or `word/endnotes.xml`, named `part` in errors): its
/// notes (separators left out) with their lines in each view, and whether any has tracked
/// changes.
pub fn read_notes(
    xml: &str,
    part: &str,
    kind: NoteKind,
    numbering: &Numbering,
    styles: &Styles,
) -> Result<(Vec<NoteText>, bool), DocxError> {
    let w = walk(xml, part, numbering, styles, Some(kind))?;
    Ok((w.notes, w.revisions))
}

/// Walks the XML of a part with a fresh walker.
fn walk<'a>(
    xml: &str,
    part: &str,
    numbering: &'a Numbering,
    styles: &'a Styles,
    notes_part: Option<NoteKind>,
) -> Result<Walker<'a>, DocxError> {
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
        refs: [Vec::new(), Vec::new()],
        custom_pending: [None, None],
        notes_part,
        note: None,
        notes: Vec::new(),
    };
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok(v) => v,
            Err(e) => return Err(DocxError::xml(part, reader.error_position(), e)),
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
    // A notes part cut inside a note still gives that note.
    if w.note.is_some() {
        w.end_note();
    }
    if let Some(e) = w.error.take() {
        return Err(e);
    }
    Ok(w)
}

/// Numbers the note references of a finished view in reading order and writes their marks in
/// place of the sentinels.
fn resolve_refs(mut view: TextView, pending: Vec<PendingRef>) -> (TextView, Vec<NoteRef>) {
    if pending.is_empty() {
        return (view, Vec::new());
    }
    let mut pending = pending.into_iter();
    let mut refs = Vec::new();
    let mut counters = [0u32; 2];
    let mut out = String::with_capacity(view.text.len() + 8 * pending.len());
    for (line, text) in view.text.split('\n').enumerate() {
        if line > 0 {
            out.push('\n');
        }
        for c in text.chars() {
            if c != FOOTNOTE_SENTINEL && c != ENDNOTE_SENTINEL {
                out.push(c);
                continue;
            }
            // Sentinels and references are in the same order; one without the other is
            // impossible, but is skipped rather than trusted.
            let Some(r) = pending.next() else { continue };
            let mark = match r.custom {
                Some(mark) => mark,
                None => {
                    let k = usize::from(r.kind == NoteKind::Endnote);
                    counters[k] += 1;
                    let mark = r.kind.mark(counters[k]);
                    out.push('[');
                    out.push_str(&mark);
                    out.push(']');
                    mark
                }
            };
            refs.push(NoteRef {
                kind: r.kind,
                id: r.id,
                mark,
                line,
            });
        }
    }
    view.text = out;
    (view, refs)
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
            body_lines: self.lines.len(),
            paragraph_starts: self.starts,
            notes: Vec::new(),
        }
    }

    /// The lines of a note, as read (a note without any paragraph has none).
    fn into_lines(mut self) -> (Vec<String>, Vec<bool>) {
        if !self.carried.is_empty() {
            let rest = std::mem::take(&mut self.carried);
            self.push_paragraph(None, &rest);
        }
        (self.lines, self.starts)
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
            "r" => Tag::Run,
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
            "footnoteReference" | "endnoteReference" if self.notes_part.is_none() => {
                let kind = if name == "footnoteReference" {
                    NoteKind::Footnote
                } else {
                    NoteKind::Endnote
                };
                self.reference(kind, e);
                Tag::Other
            }
            "footnote" | "endnote"
                if self.notes_part.is_some()
                    && self.note.is_none()
                    && self.paragraphs.is_empty() =>
            {
                // Separators (the short rule above the notes) and continuation notices are
                // layout, not notes.
                let real = matches!(attr(e, "type").as_deref(), None | Some("normal"));
                self.note = Some((attr(e, "id").unwrap_or_default(), real));
                self.views = [View::default(), View::default()];
                Tag::Note
            }
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
            // `w:pPr/w:rPr/w:ins` and `…/w:del`: the paragraph mark was inserted or deleted;
            // `…/w:moveTo` and `…/w:moveFrom`: it was moved there or away (Word marks the
            // paragraphs of a moved block so).
            "ins" | "moveTo" if own_paragraph && !in_change => {
                self.revisions = true;
                if let Some(p) = self.paragraphs.last_mut() {
                    p.mark_inserted = true;
                }
            }
            "del" | "moveFrom" if own_paragraph && !in_change => {
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
            Tag::Paragraph | Tag::Note | Tag::Run | Tag::Other => {}
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
            Tag::Note => self.end_note(),
            Tag::Run => self.custom_pending = [None, None],
            Tag::Other => {}
        }
    }

    /// A note reference in the body: a sentinel in each view it is part of (its number is given
    /// when the view is finished).
    fn reference(&mut self, kind: NoteKind, e: &quick_xml::events::BytesStart<'_>) {
        let id = attr(e, "id").unwrap_or_default();
        let custom = matches!(
            attr(e, "customMarkFollows").as_deref(),
            Some("1" | "true" | "on")
        );
        let sentinel = match kind {
            NoteKind::Footnote => FOOTNOTE_SENTINEL,
            NoteKind::Endnote => ENDNOTE_SENTINEL,
        };
        let visible = self.visible_sides();
        let Some(p) = self.paragraphs.last_mut() else {
            return;
        };
        for side in [OLD, NEW] {
            if !visible[side] {
                continue;
            }
            p.text[side].push(sentinel);
            if custom {
                self.custom_pending[side] = Some(self.refs[side].len());
            }
            self.refs[side].push(PendingRef {
                kind,
                id: id.clone(),
                custom: custom.then(String::new),
            });
        }
    }

    /// The end of a note of a notes part: its lines are kept with its id.
    fn end_note(&mut self) {
        while !self.paragraphs.is_empty() {
            self.end_paragraph();
        }
        let Some((id, real)) = self.note.take() else {
            return;
        };
        let [old, new] = std::mem::take(&mut self.views).map(View::into_lines);
        if real {
            self.notes.push(NoteText {
                id,
                lines: [old, new],
            });
        }
    }

    /// Which views the text being read belongs to (indexed by `OLD`, `NEW`): an insertion is not
    /// in the old view, a deletion not in the new one.
    fn visible_sides(&self) -> [bool; 2] {
        let mut sides = [false; 2];
        sides[OLD] = self.inserted == 0;
        sides[NEW] = self.deleted == 0;
        sides
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
        let cleaned;
        let s = if s.contains([FOOTNOTE_SENTINEL, ENDNOTE_SENTINEL]) {
            cleaned = s.replace([FOOTNOTE_SENTINEL, ENDNOTE_SENTINEL], "");
            cleaned.as_str()
        } else {
            s
        };
        let visible = self.visible_sides();
        let Some(p) = self.paragraphs.last_mut() else {
            return;
        };
        for side in [OLD, NEW] {
            if !visible[side] {
                continue;
            }
            p.text[side].push_str(s);
            // The text after a reference with a custom mark, in its run, is that mark (`*`).
            if let Some(k) = self.custom_pending[side].take()
                && let Some(r) = self.refs[side].get_mut(k)
            {
                let mark = s.split_whitespace().next().unwrap_or_default();
                r.custom = Some(mark.chars().take(MAX_CUSTOM_MARK).collect());
            }
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
        let r = read(&xml, numbering, &Styles::default()).unwrap();
        let lines = |v: TextView| v.text.split('\n').map(str::to_string).collect();
        (lines(r.old), lines(r.new), r.revisions)
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
    fn moved_paragraph_marks_move_with_their_text() {
        // A paragraph moved down: its mark is moved from above and moved to below, so neither
        // view keeps an empty paragraph where it is not.
        let (old, new, revisions) = views(
            r#"<w:moveFromRangeStart w:id="1" w:name="move1" w:author="A"/>
               <w:p><w:pPr><w:rPr><w:moveFrom w:id="2" w:author="A"/></w:rPr></w:pPr>
                 <w:moveFrom w:id="3" w:author="A"><w:r><w:t>Điều 4. Hiệu lực</w:t></w:r></w:moveFrom></w:p>
               <w:moveFromRangeEnd w:id="1"/>
               <w:p><w:r><w:t>Điều 5. Trách nhiệm</w:t></w:r></w:p>
               <w:moveToRangeStart w:id="4" w:name="move1" w:author="A"/>
               <w:p><w:pPr><w:rPr><w:moveTo w:id="5" w:author="A"/></w:rPr></w:pPr>
                 <w:moveTo w:id="6" w:author="A"><w:r><w:t>Điều 4. Hiệu lực</w:t></w:r></w:moveTo></w:p>
               <w:moveToRangeEnd w:id="4"/>
               <w:p><w:r><w:t>Nơi nhận:</w:t></w:r></w:p>"#,
        );
        assert!(revisions);
        assert_eq!(
            old,
            ["Điều 4. Hiệu lực", "Điều 5. Trách nhiệm", "Nơi nhận:"]
        );
        assert_eq!(
            new,
            ["Điều 5. Trách nhiệm", "Điều 4. Hiệu lực", "Nơi nhận:"]
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
        let Read { old, new, .. } = read(&xml, &Numbering::default(), &Styles::default()).unwrap();
        assert_eq!((old.text.as_str(), old.paragraph_starts), ("", vec![true]));
        assert_eq!(
            (new.text.as_str(), new.paragraph_starts),
            ("Số: 12", vec![true])
        );
    }

    #[test]
    fn note_references_are_numbered_in_each_view() {
        let xml = format!(
            r#"<w:document {W}><w:body>
               <w:p><w:r><w:t>Luật</w:t><w:footnoteReference w:id="7"/></w:r>
                 <w:ins w:id="1"><w:r><w:t xml:space="preserve"> và Nghị định</w:t><w:footnoteReference w:id="9"/></w:r></w:ins>
                 <w:r><w:t xml:space="preserve"> và Thông tư</w:t><w:footnoteReference w:id="8"/></w:r></w:p>
               <w:p><w:del w:id="2"><w:r><w:delText>Kế hoạch</w:delText><w:footnoteReference w:id="10"/></w:r></w:del>
                 <w:r><w:footnoteReference w:customMarkFollows="1" w:id="11"/><w:t>*</w:t></w:r>
                 <w:r><w:t>Quyết định</w:t><w:endnoteReference w:id="2"/></w:r></w:p>
               </w:body></w:document>"#
        );
        let r = read(&xml, &Numbering::default(), &Styles::default()).unwrap();
        assert_eq!(
            r.old.text,
            "Luật[1] và Thông tư[2]\nKế hoạch[3]*Quyết định[i]"
        );
        assert_eq!(
            r.new.text,
            "Luật[1] và Nghị định[2] và Thông tư[3]\n*Quyết định[i]"
        );
        let refs = |v: &[NoteRef]| -> Vec<(String, String, usize)> {
            v.iter()
                .map(|r| (r.id.clone(), r.mark.clone(), r.line))
                .collect()
        };
        let owned = |v: &[(&str, &str, usize)]| -> Vec<(String, String, usize)> {
            v.iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
                .collect()
        };
        assert_eq!(
            refs(&r.refs[OLD]),
            owned(&[
                ("7", "1", 0),
                ("8", "2", 0),
                ("10", "3", 1),
                ("11", "*", 1),
                ("2", "i", 1)
            ])
        );
        assert_eq!(
            refs(&r.refs[NEW]),
            owned(&[
                ("7", "1", 0),
                ("9", "2", 0),
                ("8", "3", 0),
                ("11", "*", 1),
                ("2", "i", 1)
            ])
        );
        assert_eq!(r.refs[NEW][4].kind, NoteKind::Endnote);
    }

    #[test]
    fn notes_are_read_note_by_note_with_their_changes() {
        let xml = format!(
            r#"<w:footnotes {W}>
               <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
               <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Luật số </w:t></w:r>
                 <w:del w:id="5"><w:r><w:delText>10</w:delText></w:r></w:del><w:ins w:id="6"><w:r><w:t>11</w:t></w:r></w:ins></w:p>
                 <w:p><w:r><w:t>của Quốc hội.</w:t></w:r></w:p></w:footnote>
               <w:footnote w:id="2"><w:p><w:r><w:t>Nghị định</w:t><w:br/><w:t>số 59</w:t></w:r></w:p></w:footnote>
               </w:footnotes>"#
        );
        let (notes, revisions) = read_notes(
            &xml,
            "word/footnotes.xml",
            NoteKind::Footnote,
            &Numbering::default(),
            &Styles::default(),
        )
        .unwrap();
        assert!(revisions);
        let ids: Vec<&str> = notes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["1", "2"]);
        let lines = |n: &NoteText, side: usize| n.lines[side].0.clone();
        assert_eq!(lines(&notes[0], OLD), [" Luật số 10", "của Quốc hội."]);
        assert_eq!(lines(&notes[0], NEW), [" Luật số 11", "của Quốc hội."]);
        assert_eq!(
            notes[1].lines[NEW],
            (
                vec!["Nghị định".to_string(), "số 59".to_string()],
                vec![true, false]
            )
        );
    }

    #[test]
    fn malformed_notes_name_their_part() {
        let xml = format!(r#"<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>x</w:r></w:p>"#);
        let err = read_notes(
            &xml,
            "word/footnotes.xml",
            NoteKind::Footnote,
            &Numbering::default(),
            &Styles::default(),
        )
        .unwrap_err();
        assert!(
            matches!(&err, DocxError::Xml { part, .. } if part == "word/footnotes.xml"),
            "{err:?}"
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
