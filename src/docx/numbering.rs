//! Word's automatic numbering (`word/numbering.xml`): from a paragraph's list and level to the
//! label the reader sees (`I.`, `1.`, `a)`, `-`).
//!
//! Counters belong to the abstract list, so two list instances of one abstract list continue each
//! other's numbers (as Word shows them) unless an instance restarts a level with `startOverride`.

use std::collections::{HashMap, HashSet};

use quick_xml::NsReader;
use quick_xml::events::Event;

use super::DocxError;
use super::xml::{attr, attr_u32, is_w};

/// Word allows nine list levels (0–8).
pub const LEVELS: usize = 9;

/// Longest label a list may produce, in bytes. Word's own labels are a few characters
/// (`1.2.3.4.`, `zz)`, `Điều 12.`); a label past this is a hostile or broken `numbering.xml`
/// (a letter format started near 2^31 writes 80 million letters), refused as it is produced.
pub const MAX_LABEL_BYTES: usize = 256;

/// How one level's numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

impl Format {
    fn parse(value: &str) -> Format {
        match value {
            "decimalZero" => Format::DecimalZero,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // decimal and the many rarer formats (ordinal, cardinalText, …) read as numbers.
            _ => Format::Decimal,
        }
    }

    /// The number `n` written in this format, or `None` when it would be longer than `room`
    /// bytes (found before it is built).
    fn write_within(self, n: u32, room: usize) -> Option<String> {
        if matches!(self, Format::LowerLetter | Format::UpperLetter) && letters_len(n) > room {
            return None;
        }
        Some(self.write(n)).filter(|s| s.len() <= room)
    }

    fn write(self, n: u32) -> String {
        match self {
            Format::Decimal | Format::Bullet => n.to_string(),
            Format::DecimalZero => format!("{n:02}"),
            Format::LowerLetter => letters(n),
            Format::UpperLetter => letters(n).to_uppercase(),
            Format::LowerRoman => roman(n).to_lowercase(),
            Format::UpperRoman => roman(n),
            Format::None => String::new(),
        }
    }
}

/// How many letters [`letters`] writes for `n`.
fn letters_len(n: u32) -> usize {
    ((n.max(1) - 1) / 26) as usize + 1
}

/// Word's letter numbering: a…z, then aa…zz (it does not know the Vietnamese `đ`).
fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let letter = char::from(b'a' + (n % 26) as u8);
    std::iter::repeat_n(letter, (n / 26) as usize + 1).collect()
}

fn roman(n: u32) -> String {
    crate::text::numbering::to_roman(n).unwrap_or_else(|| n.to_string())
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: Format,
    /// `%1.%2.`: placeholders for the counters of levels 1 and 2.
    text: String,
    /// The paragraph style linked to this level, if any.
    style: Option<String>,
    /// Whether a space separates the label from the text (`w:suff` tab or space).
    separated: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: Format::Decimal,
            text: String::new(),
            style: None,
            separated: true,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: u32,
    start_overrides: [Option<u32>; LEVELS],
}

/// The list definitions of one document.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    instances: HashMap<u32, Instance>,
}

/// Where a list stands: the last number given at each level of each abstract list.
#[derive(Debug, Clone, Default)]
pub struct Counters {
    values: HashMap<u32, [Option<u32>; LEVELS]>,
    restarted: HashSet<u32>,
}

impl Numbering {
    /// Reads `numbering.xml`. Unknown elements are skipped; malformed XML is an error.
    pub fn parse(xml: &str) -> Result<Numbering, DocxError> {
        let mut reader = NsReader::from_str(xml);
        reader.config_mut().expand_empty_elements = true;
        let mut numbering = Numbering::default();
        // The definition being read.
        let mut abstract_id: Option<u32> = None;
        let mut levels: Vec<Level> = Vec::new();
        let mut level: Option<(usize, Level)> = None;
        let mut instance: Option<(u32, Instance)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let (ns, event) = match reader.read_resolved_event() {
                Ok(v) => v,
                Err(e) => {
                    return Err(DocxError::xml(
                        "word/numbering.xml",
                        reader.error_position(),
                        e,
                    ));
                }
            };
            match event {
                Event::Start(e) if is_w(&ns) => match e.local_name().as_ref() {
                    "abstractNum" => {
                        abstract_id = attr_u32(&e, "abstractNumId");
                        levels.clear();
                    }
                    "lvl" if abstract_id.is_some() => {
                        let ilvl = attr_u32(&e, "ilvl").unwrap_or(0) as usize;
                        level = Some((ilvl.min(LEVELS - 1), Level::default()));
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr_u32(&e, "val")) {
                            l.start = v;
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.format = Format::parse(&v);
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.text = v;
                        }
                    }
                    "suff" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.separated = v != "nothing";
                        }
                    }
                    "pStyle" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.style = attr(&e, "val");
                        }
                    }
                    "num" => {
                        if let Some(id) = attr_u32(&e, "numId") {
                            instance = Some((id, Instance::default()));
                        }
                    }
                    "abstractNumId" => {
                        if let (Some((_, i)), Some(v)) = (instance.as_mut(), attr_u32(&e, "val")) {
                            i.abstract_id = v;
                        }
                    }
                    "lvlOverride" => {
                        override_level = attr_u32(&e, "ilvl").map(|l| (l as usize).min(LEVELS - 1));
                    }
                    "startOverride" => {
                        if let (Some((_, i)), Some(l), Some(v)) =
                            (instance.as_mut(), override_level, attr_u32(&e, "val"))
                        {
                            i.start_overrides[l] = Some(v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if is_w(&ns) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let Some((ilvl, l)) = level.take() {
                            if levels.len() <= ilvl {
                                levels.resize(ilvl + 1, Level::default());
                            }
                            levels[ilvl] = l;
                        }
                    }
                    "abstractNum" => {
                        if let Some(id) = abstract_id.take() {
                            numbering.abstracts.insert(id, std::mem::take(&mut levels));
                        }
                    }
                    "num" => {
                        if let Some((id, i)) = instance.take() {
                            numbering.instances.insert(id, i);
                        }
                    }
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// The level of list `num_id` linked to paragraph style `style`, if one is.
    pub fn level_of_style(&self, num_id: u32, style: &str) -> Option<usize> {
        let levels = self
            .abstracts
            .get(&self.instances.get(&num_id)?.abstract_id)?;
        levels
            .iter()
            .position(|l| l.style.as_deref() == Some(style))
    }

    /// The label of the next paragraph of list `num_id` at level `ilvl`, advancing the counters.
    /// `None` when the list does not exist (`numId` 0 means "no numbering") or shows nothing; an
    /// error when the label would be longer than [`MAX_LABEL_BYTES`].
    pub fn next_label(
        &self,
        counters: &mut Counters,
        num_id: u32,
        ilvl: usize,
    ) -> Result<Option<String>, DocxError> {
        let Some(instance) = self.instances.get(&num_id) else {
            return Ok(None);
        };
        let Some(levels) = self.abstracts.get(&instance.abstract_id) else {
            return Ok(None);
        };
        let ilvl = ilvl.min(LEVELS - 1);
        let Some(level) = levels.get(ilvl) else {
            return Ok(None);
        };
        let values = counters.values.entry(instance.abstract_id).or_default();
        if instance.start_overrides.iter().any(Option::is_some) && counters.restarted.insert(num_id)
        {
            for (k, o) in instance.start_overrides.iter().enumerate() {
                if o.is_some() {
                    values[k] = None;
                }
            }
        }
        let start_of = |k: usize| {
            instance.start_overrides[k]
                .or_else(|| levels.get(k).map(|l| l.start))
                .unwrap_or(1)
        };
        values[ilvl] = Some(values[ilvl].map_or(start_of(ilvl), |v| v.saturating_add(1)));
        for deeper in values.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let too_long = || DocxError::LabelTooLong {
            part: "word/numbering.xml".to_string(),
            num_id,
            level: ilvl + 1,
            limit: MAX_LABEL_BYTES,
        };
        let label = match level.format {
            Format::None => String::new(),
            Format::Bullet => bullet(&level.text),
            _ => expand(&level.text, MAX_LABEL_BYTES, |k, room| {
                let format = levels.get(k).map_or(Format::Decimal, |l| l.format);
                let value = values[k].unwrap_or_else(|| start_of(k));
                format.write_within(value, room)
            })
            .ok_or_else(too_long)?,
        };
        let label = label.trim().to_string();
        if label.is_empty() {
            return Ok(None);
        }
        Ok(Some(if level.separated { label + " " } else { label }))
    }
}

/// Replaces `%1`…`%9` in a level text with the formatted counters of those levels; `value`
/// gives a counter written in at most the bytes left, or `None`. `None` when the label would be
/// longer than `limit` bytes: the label never grows past it.
fn expand(
    template: &str,
    limit: usize,
    value: impl Fn(usize, usize) -> Option<String>,
) -> Option<String> {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%'
            && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            && (1..=LEVELS as u32).contains(&d)
        {
            chars.next();
            out.push_str(&value(d as usize - 1, limit - out.len())?);
        } else {
            out.push(c);
        }
        if out.len() > limit {
            return None;
        }
    }
    Some(out)
}

/// A bullet as the outline reads it: dashes and pluses as typed, symbol-font glyphs (private-use
/// code points of Symbol and Wingdings) and other dots as `•`.
fn bullet(text: &str) -> String {
    match text.trim() {
        t @ ("-" | "+" | "–") => t.to_string(),
        "" => String::new(),
        _ => "•".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
    <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
    <w:lvl w:ilvl="4"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%5"/><w:suff w:val="nothing"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="0"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"#;

    #[test]
    fn labels_follow_levels_and_restart_deeper_ones() {
        let n = Numbering::parse(XML).unwrap();
        let mut c = Counters::default();
        let mut next = |num, lvl| n.next_label(&mut c, num, lvl).unwrap();
        assert_eq!(next(1, 0).as_deref(), Some("I. "));
        assert_eq!(next(1, 1).as_deref(), Some("1. "));
        assert_eq!(next(1, 2).as_deref(), Some("a) "));
        assert_eq!(next(1, 2).as_deref(), Some("b) "));
        assert_eq!(next(1, 3).as_deref(), Some("• "));
        assert_eq!(next(1, 1).as_deref(), Some("2. "));
        assert_eq!(next(1, 2).as_deref(), Some("a) "));
        assert_eq!(next(1, 4).as_deref(), Some("I.2.1"));
        assert_eq!(next(1, 0).as_deref(), Some("II. "));
        // Another instance of the same list continues it, unless it restarts a level.
        assert_eq!(next(2, 0).as_deref(), Some("V. "));
        assert_eq!(next(2, 0).as_deref(), Some("VI. "));
        assert_eq!(next(9, 0), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(letters(4), "d");
        assert_eq!(letters(5), "e");
        assert_eq!(letters(27), "aa");
        assert_eq!(roman(14), "XIV");
        assert_eq!(Format::DecimalZero.write(3), "03");
    }

    fn one_level(start: u32, format: &str, text: &str) -> Numbering {
        Numbering::parse(&format!(
            r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>
    <w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        ))
        .unwrap()
    }

    #[test]
    fn labels_longer_than_a_real_label_are_refused_before_they_are_built() {
        let too_long = Err(DocxError::LabelTooLong {
            part: "word/numbering.xml".to_string(),
            num_id: 1,
            level: 1,
            limit: MAX_LABEL_BYTES,
        });
        // 2^31 in letters would be 82 million `a`s; 2^32 - 1 saturates instead of wrapping.
        for start in [2_147_483_647, u32::MAX] {
            for format in ["lowerLetter", "upperLetter"] {
                let n = one_level(start, format, "%1)");
                let mut c = Counters::default();
                assert_eq!(n.next_label(&mut c, 1, 0), too_long, "{format} {start}");
                assert_eq!(n.next_label(&mut c, 1, 0), too_long, "{format} {start}");
            }
        }
        // A thousand placeholders, each short.
        let n = one_level(1, "decimal", &"%1".repeat(1000));
        assert_eq!(n.next_label(&mut Counters::default(), 1, 0), too_long);
        // A long literal text.
        let n = one_level(1, "decimal", &"x".repeat(MAX_LABEL_BYTES + 1));
        assert_eq!(n.next_label(&mut Counters::default(), 1, 0), too_long);
        // The longest real labels pass: zz), 4294967295., a nine-level decimal label.
        let n = one_level(52, "lowerLetter", "%1)");
        assert_eq!(
            n.next_label(&mut Counters::default(), 1, 0)
                .unwrap()
                .as_deref(),
            Some("zz) ")
        );
        let n = one_level(u32::MAX, "decimal", "Điều %1.%1.%1.%1.%1.%1.%1.%1.%1.");
        assert!(
            n.next_label(&mut Counters::default(), 1, 0)
                .unwrap()
                .is_some()
        );
        let n = one_level(9, "lowerLetter", &"%1".repeat(MAX_LABEL_BYTES));
        assert_eq!(
            n.next_label(&mut Counters::default(), 1, 0)
                .unwrap()
                .map(|l| l.len()),
            Some(MAX_LABEL_BYTES + 1)
        );
    }

    #[test]
    fn malformed_numbering_is_an_error_not_a_panic() {
        assert!(Numbering::parse("<w:numbering><w:num").is_err());
        assert!(Numbering::parse("").is_ok());
    }
}
