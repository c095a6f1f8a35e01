//! The comparable units of a document: fixed blocks (header, căn cứ, Nơi nhận, signature…) and
//! every section of the body, each with its own text (title and paragraphs, children apart).

use serde::Serialize;

use crate::document::lines::SourceLine;
use crate::outline::MarkerKind;
use crate::outline::model::{Document, Paragraph, Section};

use std::hash::{DefaultHasher, Hash, Hasher};

use super::options::Options;
use super::similarity;
use super::tokens::tone_key;

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
    /// Text after the signature: appendices, attached regulations, notes.
    Trailer,
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
            Block::Trailer => "Phần sau chữ ký (phụ lục)",
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
    /// Comparison key of each own paragraph under the options.
    pub paragraph_keys: Vec<String>,
    /// Sorted word hashes of the own text (for move detection and pairing), built on first use:
    /// most units match exactly and never need it.
    bag: std::cell::OnceCell<Vec<u64>>,
    /// Hash of the own text and all descendants (for exact matching).
    pub subtree_hash: u64,
    pub children: Vec<Unit<'a>>,
}

impl Unit<'_> {
    pub fn is_bullet(&self) -> bool {
        self.kind.is_some_and(MarkerKind::is_bullet)
    }

    /// Whether the own texts are equal under the options.
    pub fn same_text(&self, other: &Unit) -> bool {
        self.paragraph_keys == other.paragraph_keys
    }

    /// Sorted word hashes of the own text.
    pub fn bag(&self) -> &[u64] {
        self.bag.get_or_init(|| {
            let mut bag: Vec<u64> = self
                .paragraph_keys
                .iter()
                .flat_map(|k| similarity::bag(k))
                .collect();
            bag.sort_unstable();
            bag
        })
    }

    /// Sorted word hashes of the own text and all descendants. Built when pairing needs it and
    /// not kept: caching it at every level held each word's hash once per level of nesting.
    pub fn subtree_bag(&self) -> std::borrow::Cow<'_, [u64]> {
        if self.children.is_empty() {
            return std::borrow::Cow::Borrowed(self.bag());
        }
        let mut all = Vec::new();
        self.collect_bags(&mut all);
        all.sort_unstable();
        std::borrow::Cow::Owned(all)
    }

    fn collect_bags(&self, out: &mut Vec<u64>) {
        out.extend_from_slice(self.bag());
        for child in &self.children {
            child.collect_bags(out);
        }
    }
}

/// The comparison key of a text under the options, computed without word segmentation.
///
/// Equal keys imply that the word diff finds no change (so it can be skipped); unequal keys only
/// mean the word diff runs. Spaces (when ignored) collapse to one, punctuation (when ignored) is
/// dropped, case and tone placement are folded when ignored.
pub fn text_key(text: &str, options: &Options) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let push_word = |out: &mut String, word: &str, pending_space: &mut bool| {
        if word.is_empty() {
            return;
        }
        if *pending_space && !out.is_empty() {
            out.push(' ');
        }
        *pending_space = false;
        match (options.tone_style, options.case) {
            (false, false) => out.push_str(word),
            (false, true) => out.extend(word.chars().flat_map(char::to_lowercase)),
            (true, false) => out.push_str(&tone_key(word)),
            (true, true) => out.push_str(&tone_key(word).to_lowercase()),
        }
    };
    let mut word = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            push_word(&mut out, &word, &mut pending_space);
            word.clear();
            if options.whitespace {
                pending_space = true;
            } else {
                out.push(c);
            }
        } else if options.punctuation && !c.is_alphanumeric() && !is_mark(c) {
            push_word(&mut out, &word, &mut pending_space);
            word.clear();
            // A dropped mark separates words like a space does.
            pending_space = true;
        } else {
            word.push(c);
        }
    }
    push_word(&mut out, &word, &mut pending_space);
    out
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
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
    let paragraph_keys: Vec<String> = texts.iter().map(|t| text_key(t, options)).collect();
    let mut hasher = DefaultHasher::new();
    paragraph_keys.hash(&mut hasher);
    Unit {
        block,
        kind: None,
        number: String::new(),
        label: String::new(),
        title: block.label().to_string(),
        line: paragraphs.first().map_or(0, |p| p.line()),
        own_lines: lines_of(&paragraphs),
        paragraphs: texts,
        paragraph_keys,
        bag: std::cell::OnceCell::new(),
        subtree_hash: hasher.finish(),
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
    let mut hasher = DefaultHasher::new();
    unit.subtree_hash.hash(&mut hasher);
    for child in &unit.children {
        child.subtree_hash.hash(&mut hasher);
    }
    unit.subtree_hash = hasher.finish();
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
    .chain(h.other.iter())
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
    push(Block::Trailer, doc.trailer.iter().collect());
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
