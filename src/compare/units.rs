//! The comparable units of a document: fixed blocks (header, căn cứ, Nơi nhận, signature…) and
//! every section of the body, each with its own text (title and paragraphs, children apart).

use serde::Serialize;

use crate::document::lines::Lines;
use crate::outline::MarkerKind;
use crate::outline::model::{Document, Paragraph, Section};

use std::borrow::Cow;
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
    pub number: &'a str,
    pub label: &'a str,
    pub title: &'a str,
    pub line: u32,
    /// Own text, paragraph by paragraph (title first for sections).
    pub paragraphs: Vec<&'a str>,
    /// Original lines covered by the own paragraphs (for markup and Unicode-form checks).
    pub own_lines: Vec<u32>,
    /// Comparison key of each own paragraph under the options (usually the paragraph itself).
    pub paragraph_keys: Vec<Cow<'a, str>>,
    /// Sorted word hashes of the own text (for move detection and pairing), built on first use:
    /// most units match exactly and never need it.
    bag: std::cell::OnceCell<Vec<similarity::WordHash>>,
    /// The number of words of the own text and all descendants, counted on first use.
    subtree_words: std::cell::OnceCell<usize>,
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
    pub fn bag(&self) -> &[similarity::WordHash] {
        self.bag.get_or_init(|| {
            let mut bag: Vec<similarity::WordHash> = Vec::new();
            for key in &self.paragraph_keys {
                similarity::extend_bag(key, &mut bag);
            }
            bag.sort_unstable();
            bag
        })
    }

    /// Sorted word hashes of the own text and all descendants. Built when pairing needs it and
    /// not kept: caching it at every level held each word's hash once per level of nesting.
    pub fn subtree_bag(&self) -> std::borrow::Cow<'_, [similarity::WordHash]> {
        if self.children.is_empty() {
            return std::borrow::Cow::Borrowed(self.bag());
        }
        let mut all = Vec::new();
        self.collect_bags(&mut all);
        all.sort_unstable();
        std::borrow::Cow::Owned(all)
    }

    /// The number of words of the own text and all descendants (the length of
    /// [`subtree_bag`](Self::subtree_bag)), counted without hashing them.
    pub fn subtree_words(&self) -> usize {
        *self.subtree_words.get_or_init(|| {
            let own = match self.bag.get() {
                Some(bag) => bag.len(),
                None => self
                    .paragraph_keys
                    .iter()
                    .map(|k| similarity::count_words(k))
                    .sum(),
            };
            own + self.children.iter().map(Unit::subtree_words).sum::<usize>()
        })
    }

    /// A lower bound of the number of words this unit's subtree shares with `other`'s (as
    /// multisets: what [`similarity::common_words`] of their [`subtree_bag`](Self::subtree_bag)s
    /// counts).
    ///
    /// Shared words can be counted part by part: for disjoint parts, what each pair of parts
    /// shares adds up to at most what the wholes share. Identical children (equal subtree hashes)
    /// share all their words and are only counted. With `deep`, the own texts are compared too
    /// and the other children are paired in order and bounded the same way, down to the
    /// paragraphs an edit touched; without it they count for nothing and no word is hashed. An
    /// edit to one paragraph of a long part (a Phần of a code of law) thus costs that paragraph,
    /// not the whole part, at every level the alignment goes through.
    pub fn common_words_at_least(&self, other: &Unit, deep: bool) -> usize {
        if self.subtree_hash == other.subtree_hash {
            return self.subtree_words();
        }
        let mut common = if deep {
            similarity::common_words(self.bag(), other.bag())
        } else {
            0
        };
        let mut theirs: Vec<(u64, usize)> = other
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| (c.subtree_hash, i))
            .collect();
        theirs.sort_unstable();
        let mut matched = vec![false; other.children.len()];
        let mut unmatched_ours = Vec::new();
        for child in &self.children {
            let from = theirs.partition_point(|&(h, _)| h < child.subtree_hash);
            let twin = theirs[from..]
                .iter()
                .take_while(|&&(h, _)| h == child.subtree_hash)
                .map(|&(_, i)| i)
                .find(|&i| !matched[i]);
            match twin {
                Some(i) => {
                    matched[i] = true;
                    common += child.subtree_words();
                }
                None => unmatched_ours.push(child),
            }
        }
        if !deep {
            return common;
        }
        let unmatched_theirs = other
            .children
            .iter()
            .enumerate()
            .filter(|&(i, _)| !matched[i])
            .map(|(_, c)| c);
        common
            + unmatched_ours
                .into_iter()
                .zip(unmatched_theirs)
                .map(|(a, b)| a.common_words_at_least(b, true))
                .sum::<usize>()
    }

    fn collect_bags(&self, out: &mut Vec<similarity::WordHash>) {
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
pub fn text_key<'a>(text: &'a str, options: &Options) -> Cow<'a, str> {
    // Cleaned paragraphs are single-spaced already: under the default options their key is the
    // text itself, without a copy.
    if !options.case
        && !options.tone_style
        && !options.punctuation
        && (!options.whitespace || crate::text::has_single_spaces(text))
    {
        return Cow::Borrowed(text);
    }
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
    Cow::Owned(out)
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

/// A unit of `paragraphs` whose original lines are those of `lines` (for a section, its heading
/// with the marker rather than its title without it).
fn block_unit<'a>(
    block: Block,
    paragraphs: Vec<&'a Paragraph>,
    lines: &[&Paragraph],
    options: &Options,
) -> Unit<'a> {
    let texts: Vec<&'a str> = paragraphs.iter().map(|p| p.as_str()).collect();
    let paragraph_keys: Vec<Cow<'a, str>> = texts.iter().map(|t| text_key(t, options)).collect();
    let mut hasher = DefaultHasher::new();
    paragraph_keys.hash(&mut hasher);
    Unit {
        block,
        kind: None,
        number: "",
        label: "",
        title: block.label(),
        line: paragraphs.first().map_or(0, |p| p.line()),
        own_lines: lines_of(lines),
        paragraphs: texts,
        paragraph_keys,
        bag: std::cell::OnceCell::new(),
        subtree_words: std::cell::OnceCell::new(),
        subtree_hash: hasher.finish(),
        children: Vec::new(),
    }
}

fn section_unit<'a>(section: &'a Section, options: &Options) -> Unit<'a> {
    let own: Vec<&'a Paragraph> = std::iter::once(&section.title)
        .chain(section.paragraphs.iter())
        .collect();
    let lines: Vec<&Paragraph> = std::iter::once(&section.heading)
        .chain(section.paragraphs.iter())
        .collect();
    let mut unit = block_unit(Block::Section, own, &lines, options);
    unit.kind = Some(section.kind);
    unit.number = &section.number;
    unit.label = &section.label;
    unit.title = section.title.as_str();
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
            out.push(block_unit(block, paragraphs.clone(), &paragraphs, options));
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
            out.push(block_unit(block, paragraphs.clone(), &paragraphs, options));
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
pub fn markup_signature(unit: &Unit, lines: &Lines) -> usize {
    unit.own_lines
        .iter()
        .filter_map(|&l| lines.line(l))
        .map(|l| memchr::memchr_iter(b'*', l.text.as_str().as_bytes()).count())
        .sum()
}

/// Whether any of the unit's original lines was not in NFC.
pub fn has_decomposed_text(unit: &Unit, lines: &Lines) -> bool {
    unit.own_lines
        .iter()
        .filter_map(|&l| lines.line(l))
        .any(|l| l.was_not_nfc)
}
