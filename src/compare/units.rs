//! The comparable units of a document: fixed blocks (header, căn cứ, Nơi nhận, signature…) and
//! every section of the body, each with its own text (title and paragraphs, children apart).

use serde::Serialize;

use crate::document::lines::SourceLine;
use crate::outline::MarkerKind;
use crate::outline::model::{Document, Paragraph, Section};

use super::options::Options;
use super::tokens::tokenize;

/// Which part of the document a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Block {
    Header,
    Addressees,
    LegalBases,
    Preamble,
    Section,
    Closing,
    Distribution,
    Signature,
}

impl Block {
    /// The Vietnamese name shown to reviewers.
    pub fn label(self) -> &'static str {
        match self {
            Block::Header => "Thể thức đầu văn bản",
            Block::Addressees => "Kính gửi",
            Block::LegalBases => "Căn cứ",
            Block::Preamble => "Phần mở đầu",
            Block::Section => "Mục",
            Block::Closing => "Phần kết",
            Block::Distribution => "Nơi nhận",
            Block::Signature => "Chữ ký",
        }
    }
}

/// One comparable unit.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub block: Block,
    pub kind: Option<MarkerKind>,
    pub number: String,
    pub label: String,
    pub title: String,
    pub line: u32,
    /// Own text, paragraph by paragraph (title first for sections).
    pub paragraphs: Vec<&'a str>,
    /// Original lines covered by the own paragraphs (for markup and Unicode-form checks).
    pub own_lines: Vec<u32>,
    /// Comparison key of the own text under the options.
    pub key: String,
    /// Key of the own text and all descendants (for pairing by similarity).
    pub subtree_key: String,
    pub children: Vec<Unit<'a>>,
}

impl Unit<'_> {
    pub fn is_bullet(&self) -> bool {
        self.kind.is_some_and(MarkerKind::is_bullet)
    }
}

/// The comparison key of a text: its non-glue token keys.
pub fn text_key(text: &str, options: &Options) -> String {
    tokenize(text, options)
        .iter()
        .filter(|t| !t.is_glue(options))
        .map(|t| t.key.as_str())
        .collect::<Vec<_>>()
        .join("\u{1}")
}

fn lines_of(paragraphs: &[&Paragraph]) -> Vec<u32> {
    let mut lines: Vec<u32> = paragraphs
        .iter()
        .flat_map(|p| p.line()..=p.end_line())
        .filter(|&l| l > 0)
        .collect();
    lines.dedup();
    lines
}

fn block_unit<'a>(block: Block, paragraphs: Vec<&'a Paragraph>, options: &Options) -> Unit<'a> {
    let texts: Vec<&'a str> = paragraphs.iter().map(|p| p.as_str()).collect();
    let key = texts
        .iter()
        .map(|t| text_key(t, options))
        .collect::<Vec<_>>()
        .join("\u{1}\n");
    Unit {
        block,
        kind: None,
        number: String::new(),
        label: String::new(),
        title: block.label().to_string(),
        line: paragraphs.first().map_or(0, |p| p.line()),
        own_lines: lines_of(&paragraphs),
        paragraphs: texts,
        subtree_key: key.clone(),
        key,
        children: Vec::new(),
    }
}

fn section_unit<'a>(section: &'a Section, options: &Options) -> Unit<'a> {
    let own: Vec<&'a Paragraph> = std::iter::once(&section.title)
        .chain(section.paragraphs.iter())
        .collect();
    let mut unit = block_unit(Block::Section, own.clone(), options);
    unit.own_lines = lines_of(
        &std::iter::once(&section.heading)
            .chain(section.paragraphs.iter())
            .collect::<Vec<_>>(),
    );
    unit.kind = Some(section.kind);
    unit.number = section.number.clone();
    unit.label = section.label.clone();
    unit.title = section.title.as_str().to_string();
    unit.line = section.line();
    unit.children = section
        .children
        .iter()
        .map(|c| section_unit(c, options))
        .collect();
    for child in &unit.children {
        unit.subtree_key.push('\u{1}');
        unit.subtree_key.push_str(&child.subtree_key);
    }
    unit
}

/// The units of a document in reading order. Empty blocks are left out.
pub fn units<'a>(doc: &'a Document, options: &Options) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    let h = &doc.header;
    let header: Vec<&Paragraph> = [
        h.parent_body.as_ref(),
        h.issuing_body.as_ref(),
        h.national_title.as_ref(),
        h.motto.as_ref(),
        h.symbol.as_ref().map(|s| &s.line),
        h.place_date.as_ref().map(|d| &d.line),
    ]
    .into_iter()
    .flatten()
    .chain(h.marks.iter())
    .chain(
        [h.draft.as_ref(), h.type_name.as_ref(), h.title.as_ref()]
            .into_iter()
            .flatten(),
    )
    .collect();
    let mut push = |block: Block, paragraphs: Vec<&'a Paragraph>| {
        if !paragraphs.is_empty() {
            out.push(block_unit(block, paragraphs, options));
        }
    };
    push(Block::Header, header);
    push(
        Block::Addressees,
        doc.addressee_heading
            .iter()
            .chain(doc.addressees.iter())
            .collect(),
    );
    push(Block::LegalBases, doc.legal_bases.iter().collect());
    push(Block::Preamble, doc.preamble.iter().collect());
    for s in &doc.sections {
        out.push(section_unit(s, options));
    }
    let mut push = |block: Block, paragraphs: Vec<&'a Paragraph>| {
        if !paragraphs.is_empty() {
            out.push(block_unit(block, paragraphs, options));
        }
    };
    push(Block::Closing, doc.closing.iter().collect());
    if let Some(d) = &doc.distribution {
        push(
            Block::Distribution,
            std::iter::once(&d.heading)
                .chain(d.items.iter())
                .chain(d.archive.iter())
                .collect(),
        );
    }
    push(
        Block::Signature,
        doc.signature.iter().map(|s| &s.text).collect(),
    );
    out
}

/// Markup characters on the unit's original lines (to notice markup-only changes).
pub fn markup_signature(unit: &Unit, lines: &[SourceLine]) -> usize {
    unit.own_lines
        .iter()
        .filter_map(|&l| lines.get(l as usize - 1))
        .map(|l| l.text.as_str().chars().filter(|&c| c == '*').count())
        .sum()
}

/// Whether any of the unit's original lines was not in NFC.
pub fn has_decomposed_text(unit: &Unit, lines: &[SourceLine]) -> bool {
    unit.own_lines
        .iter()
        .filter_map(|&l| lines.get(l as usize - 1))
        .any(|l| l.was_not_nfc)
}
