//! Paragraph styles (`word/styles.xml`), read only for the list numbering they carry: Word's
//! heading and list styles number their paragraphs without any numbering in the paragraph itself.

use std::collections::HashMap;

use quick_xml::NsReader;
use quick_xml::events::Event;

use super::DocxError;
use super::xml::{attr, attr_u32, is_w};

/// A list reference: the list instance and, when given, the level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NumRef {
    pub num_id: Option<u32>,
    pub ilvl: Option<u32>,
}

impl NumRef {
    /// `other`'s fields where it has them, ours elsewhere.
    pub fn overlay(self, other: NumRef) -> NumRef {
        NumRef {
            num_id: other.num_id.or(self.num_id),
            ilvl: other.ilvl.or(self.ilvl),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num: NumRef,
}

/// The paragraph styles of one document.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
}

impl Styles {
    pub fn parse(xml: &str) -> Result<Styles, DocxError> {
        let mut reader = NsReader::from_str(xml);
        reader.config_mut().expand_empty_elements = true;
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        loop {
            let (ns, event) = match reader.read_resolved_event() {
                Ok(v) => v,
                Err(e) => {
                    return Err(DocxError::xml(
                        "word/styles.xml",
                        reader.error_position(),
                        e,
                    ));
                }
            };
            match event {
                Event::Start(e) if is_w(&ns) => match e.local_name().as_ref() {
                    "style" => {
                        current = attr(&e, "styleId").map(|id| (id, Style::default()));
                    }
                    "basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.based_on = attr(&e, "val");
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num.num_id = attr_u32(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num.ilvl = attr_u32(&e, "val");
                        }
                    }
                    _ => {}
                },
                Event::End(e) if is_w(&ns) && e.local_name().as_ref() == "style" => {
                    if let Some((id, s)) = current.take() {
                        styles.styles.insert(id, s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The numbering a style gives its paragraphs, following `basedOn` (cycles and chains longer
    /// than Word allows end the walk).
    pub fn numbering(&self, style: &str) -> NumRef {
        let mut chain = Vec::new();
        let mut id = Some(style);
        while let Some(s) = id.and_then(|i| self.styles.get(i)) {
            if chain.len() >= 32 {
                break;
            }
            chain.push(s.num);
            id = s.based_on.as_deref();
        }
        chain
            .into_iter()
            .rev()
            .fold(NumRef::default(), NumRef::overlay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_inherited_through_based_on_and_cycles_end() {
        let xml = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:style w:type="paragraph" w:styleId="List"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="List2"><w:basedOn w:val="List"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>
          <w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>
        </w:styles>"#;
        let s = Styles::parse(xml).unwrap();
        assert_eq!(
            s.numbering("List2"),
            NumRef {
                num_id: Some(4),
                ilvl: Some(1)
            }
        );
        assert_eq!(s.numbering("A"), NumRef::default());
        assert_eq!(s.numbering("missing"), NumRef::default());
    }
}
