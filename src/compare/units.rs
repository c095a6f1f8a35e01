//! The comparable units of a document: fixed blocks (header, căn cứ, Nơi nhận, signature…) and
//! every section of the body, each with its own text (title and paragraphs, children apart).

use crate::document::lines::Lines;
pub use crate::outline::Block;
use crate::outline::MarkerKind;
use crate::outline::model::{Document, Paragraph, Section};

use std::borrow::Cow;
use std::hash::{BuildHasher, Hasher};

use super::options::Options;
use super::similarity;
use super::tokens::tone_key;

/// One comparable unit.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub block: Block,
    /// The key of the attachment the unit is in (`PL1`), `None` in the document's own text.
    pub attachment: Option<&'a str>,
    pub kind: Option<MarkerKind>,
    pub number: &'a str,
    pub label: &'a str,
    pub title: &'a str,
    pub line: u32,
    /// The place as a reader cites it (`điểm a khoản 2 Điều 5`, `mục 2 phần II Phụ lục I`,
    /// `Chữ ký`), see [`crate::outline::Place::citation`].
    pub citation: String,
    /// Own text, paragraph by paragraph (title first for sections); with the Unicode form not
    /// ignored, the invisible characters cleaning dropped from inside a paragraph are shown in it
    /// (`truy⟨U+200B⟩ền`, see [`with_invisibles_shown`]).
    pub paragraphs: Vec<Cow<'a, str>>,
    /// Original lines covered by the own paragraphs (for markup and Unicode-form checks).
    pub own_lines: Vec<u32>,
    /// Comparison key of each own paragraph under the options (usually the paragraph itself).
    pub paragraph_keys: Vec<Cow<'a, str>>,
    /// A hash of each paragraph key: identical paragraphs of two subtrees are recognised by it
    /// and share all their words without them being hashed one by one.
    paragraph_hashes: Vec<u64>,
    /// Sorted word hashes of the own text (for move detection and pairing), built on first use:
    /// most units match exactly and never need it.
    bag: std::sync::OnceLock<Vec<similarity::WordHash>>,
    /// The number of words of each own paragraph. Counted when the unit is built, as the units
    /// of both versions are built at once: alignment needs the counts of nearly every part.
    paragraph_words: Vec<u32>,
    /// The number of words of the own text and all descendants.
    subtree_words: usize,
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

    /// Sorted word hashes of the own text and all descendants: the reference that
    /// [`common_subtree_words`](Self::common_subtree_words) is tested against.
    #[cfg(test)]
    pub fn subtree_bag(&self) -> Vec<similarity::WordHash> {
        fn collect(unit: &Unit, out: &mut Vec<similarity::WordHash>) {
            out.extend_from_slice(unit.bag());
            unit.children.iter().for_each(|c| collect(c, out));
        }
        let mut all = Vec::new();
        collect(self, &mut all);
        all.sort_unstable();
        all
    }

    /// The number of words this unit's subtree shares with `other`'s, as multisets: what
    /// [`similarity::common_words`] of the sorted word hashes of both subtrees counts.
    ///
    /// For multisets, what X + A and X + B share is X and what A and B share. So the paragraphs
    /// found on both sides (by hash, then text) count whole, and only the words of the others are
    /// hashed and compared. Two versions of a long part differ in a few paragraphs, and two parts
    /// that merely look alike (the same clauses in another order) mostly hold the same paragraphs
    /// too: either way the cost is that of the paragraphs, not of every word.
    pub fn common_subtree_words(&self, other: &Unit) -> usize {
        if self.subtree_hash == other.subtree_hash {
            return self.subtree_words();
        }
        common_paragraph_words(&self.sorted_paragraphs(), &other.sorted_paragraphs())
    }

    /// The (hash, key, word count) of every paragraph of the subtree, sorted by hash: one side of
    /// [`common_paragraph_words`]. Equal hashes are taken for equal paragraphs, as equal subtree
    /// hashes are for equal subtrees: at 64 bits a collision among the paragraphs of two versions
    /// is out of reach, and comparing the keys on every step made the sort the larger cost.
    pub fn sorted_paragraphs(&self) -> Vec<(u64, &str, u32)> {
        let mut all = Vec::new();
        self.collect_paragraphs(&mut all);
        all.sort_unstable_by_key(|p| p.0);
        all
    }

    /// The (hash, key, word count) of every paragraph of the subtree.
    fn collect_paragraphs<'s>(&'s self, out: &mut Vec<(u64, &'s str, u32)>) {
        out.extend(
            self.paragraph_hashes
                .iter()
                .zip(&self.paragraph_keys)
                .zip(&self.paragraph_words)
                .map(|((&h, k), &n)| (h, k.as_ref(), n)),
        );
        for child in &self.children {
            child.collect_paragraphs(out);
        }
    }

    /// The number of words of the own text and all descendants (the length of
    /// [`subtree_bag`](Self::subtree_bag)), counted without hashing them.
    pub fn subtree_words(&self) -> usize {
        self.subtree_words
    }

    /// A lower bound of [`common_subtree_words`](Self::common_subtree_words) found without a
    /// word being read.
    ///
    /// What two multisets share is at least the sum of what disjoint parts of them share pairwise,
    /// so the bound adds the own paragraphs both sides hold, the children both hold unchanged
    /// (equal subtree hashes), and, for the other children, the bound of each with the unmatched
    /// child of `other` that has its number: two versions of a long part differ in a few places,
    /// and their children mostly keep their numbers.
    pub fn common_words_at_least(&self, other: &Unit) -> usize {
        if self.subtree_hash == other.subtree_hash {
            return self.subtree_words();
        }
        let mut common = self.common_own_words(other);
        let mut twins = Takes::new(other.children.iter().map(|c| c.subtree_hash));
        let mut unmatched = Vec::new();
        for child in &self.children {
            match twins.take(child.subtree_hash) {
                Some(_) => common += child.subtree_words(),
                None => unmatched.push(child),
            }
        }
        if unmatched.is_empty() {
            return common;
        }
        let left: Vec<usize> = twins.untaken().collect();
        let mut namesakes = Takes::of(left.iter().map(|&i| (other.children[i].number, i)));
        for child in unmatched {
            if let Some(i) = namesakes.take(child.number) {
                common += child.common_words_at_least(&other.children[i]);
            }
        }
        common
    }

    /// The words of the own paragraphs both units hold (each paragraph of `other` matched once).
    fn common_own_words(&self, other: &Unit) -> usize {
        if self.paragraph_hashes == other.paragraph_hashes {
            return self.paragraph_words.iter().map(|&n| n as usize).sum();
        }
        let mut theirs = Takes::new(other.paragraph_hashes.iter().copied());
        self.paragraph_hashes
            .iter()
            .zip(&self.paragraph_words)
            .filter(|&(&h, _)| theirs.take(h).is_some())
            .map(|(_, &n)| n as usize)
            .sum()
    }
}

/// The items of a list found by a key, each item taken at most once (the first by index of
/// those with the key): how the parts both sides hold are paired.
struct Takes<K> {
    /// (key, index) of the items, sorted.
    sorted: Vec<(K, usize)>,
    taken: Vec<bool>,
}

impl<K: Ord + Copy> Takes<K> {
    /// The items of a list by their keys, in list order.
    fn new(keys: impl Iterator<Item = K>) -> Self {
        Takes::of(keys.enumerate().map(|(i, k)| (k, i)))
    }

    /// Items given as (key, index in the list).
    fn of(items: impl Iterator<Item = (K, usize)>) -> Self {
        let mut sorted: Vec<(K, usize)> = items.collect();
        sorted.sort_unstable();
        let len = sorted.iter().map(|&(_, i)| i + 1).max().unwrap_or(0);
        Takes {
            sorted,
            taken: vec![false; len],
        }
    }

    /// The index of an item with `key` not taken yet, which is taken.
    fn take(&mut self, key: K) -> Option<usize> {
        let from = self.sorted.partition_point(|&(k, _)| k < key);
        let i = self.sorted[from..]
            .iter()
            .take_while(|&&(k, _)| k == key)
            .map(|&(_, i)| i)
            .find(|&i| !self.taken[i])?;
        self.taken[i] = true;
        Some(i)
    }

    /// The indices of the items not taken, in list order.
    fn untaken(&self) -> impl Iterator<Item = usize> + '_ {
        let mut left: Vec<usize> = self
            .sorted
            .iter()
            .map(|&(_, i)| i)
            .filter(|&i| !self.taken[i])
            .collect();
        left.sort_unstable();
        left.into_iter()
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

/// The number of words two multisets of paragraphs share, from their sorted (hash, key, word
/// count) triples (see [`Unit::common_subtree_words`]): the paragraphs on both sides count whole,
/// the words of the others are hashed and compared.
pub fn common_paragraph_words(ours: &[(u64, &str, u32)], theirs: &[(u64, &str, u32)]) -> usize {
    ParagraphMatch::of(ours, theirs).common_words()
}

/// Two multisets of paragraphs split into the paragraphs both hold and the rest of each side.
///
/// The split alone bounds the words they share ([`at_most`](Self::at_most)) without a word being
/// hashed, which settles most comparisons with a part that is merely similar in size.
pub struct ParagraphMatch<'s> {
    /// The words of the paragraphs both sides hold.
    identical_words: usize,
    rest_ours: Vec<&'s str>,
    rest_theirs: Vec<&'s str>,
    rest_ours_words: usize,
    rest_theirs_words: usize,
}

impl<'s> ParagraphMatch<'s> {
    /// Merges two sorted lists of (hash, key, word count) triples.
    pub fn of(ours: &[(u64, &'s str, u32)], theirs: &[(u64, &'s str, u32)]) -> Self {
        let mut split = ParagraphMatch {
            identical_words: 0,
            rest_ours: Vec::new(),
            rest_theirs: Vec::new(),
            rest_ours_words: 0,
            rest_theirs_words: 0,
        };
        let (mut i, mut j) = (0, 0);
        while i < ours.len() && j < theirs.len() {
            match ours[i].0.cmp(&theirs[j].0) {
                std::cmp::Ordering::Less => {
                    split.rest_ours.push(ours[i].1);
                    split.rest_ours_words += ours[i].2 as usize;
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    split.rest_theirs.push(theirs[j].1);
                    split.rest_theirs_words += theirs[j].2 as usize;
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    split.identical_words += ours[i].2 as usize;
                    i += 1;
                    j += 1;
                }
            }
        }
        for p in &ours[i..] {
            split.rest_ours.push(p.1);
            split.rest_ours_words += p.2 as usize;
        }
        for p in &theirs[j..] {
            split.rest_theirs.push(p.1);
            split.rest_theirs_words += p.2 as usize;
        }
        split
    }

    /// An upper bound of [`common_words`](Self::common_words): the rest of the smaller side
    /// shared whole.
    pub fn at_most(&self) -> usize {
        self.identical_words + self.rest_ours_words.min(self.rest_theirs_words)
    }

    /// The number of words both sides share, as multisets.
    pub fn common_words(&self) -> usize {
        let bag = |rest: &[&str]| {
            let mut bag = Vec::new();
            rest.iter()
                .for_each(|p| similarity::extend_bag(p, &mut bag));
            bag.sort_unstable();
            bag
        };
        self.identical_words
            + similarity::common_words(&bag(&self.rest_ours), &bag(&self.rest_theirs))
    }
}

/// The hasher of paragraph keys and subtrees: fast, and seeded the same in every run so that
/// a comparison is reproducible (a hash only decides equality here, never an order shown).
const HASHER: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x7261_736f_6174);

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
    attachment: Option<&'a str>,
    paragraphs: Vec<&'a Paragraph>,
    lines: &[&Paragraph],
    source: Option<&Lines>,
    options: &Options,
) -> Unit<'a> {
    let texts: Vec<Cow<'a, str>> = paragraphs
        .iter()
        .map(|p| match source.filter(|_| !options.unicode_form) {
            Some(source) => {
                with_invisibles_shown(p, source).map_or(Cow::Borrowed(p.as_str()), Cow::Owned)
            }
            None => Cow::Borrowed(p.as_str()),
        })
        .collect();
    let paragraph_keys: Vec<Cow<'a, str>> = texts
        .iter()
        .map(|t| match t {
            Cow::Borrowed(t) => text_key(t, options),
            Cow::Owned(t) => Cow::Owned(text_key(t, options).into_owned()),
        })
        .collect();
    let paragraph_hashes: Vec<u64> = paragraph_keys.iter().map(|k| HASHER.hash_one(k)).collect();
    let paragraph_words: Vec<u32> = paragraph_keys
        .iter()
        .map(|k| u32::try_from(similarity::count_words(k)).unwrap_or(u32::MAX))
        .collect();
    let own_words = paragraph_words.iter().map(|&n| n as usize).sum();
    let mut hasher = HASHER.build_hasher();
    hasher.write_usize(paragraph_hashes.len());
    paragraph_hashes.iter().for_each(|&h| hasher.write_u64(h));
    Unit {
        block,
        attachment,
        kind: None,
        number: "",
        label: "",
        title: if attachment.is_some() {
            block.label_in_attachment()
        } else {
            block.label()
        },
        line: paragraphs.first().map_or(0, |p| p.line()),
        citation: String::new(),
        own_lines: lines_of(lines),
        paragraphs: texts,
        paragraph_keys,
        paragraph_hashes,
        bag: std::sync::OnceLock::new(),
        paragraph_words,
        subtree_words: own_words,
        subtree_hash: hasher.finish(),
        children: Vec::new(),
    }
}

fn section_unit<'a>(
    section: &'a Section,
    attachment: Option<&'a str>,
    attachment_name: Option<&str>,
    source: Option<&Lines>,
    options: &Options,
) -> Unit<'a> {
    let own: Vec<&'a Paragraph> = std::iter::once(&section.title)
        .chain(section.paragraphs.iter())
        .collect();
    let lines: Vec<&Paragraph> = std::iter::once(&section.heading)
        .chain(section.paragraphs.iter())
        .collect();
    let mut unit = block_unit(Block::Section, attachment, own, &lines, source, options);
    unit.kind = Some(section.kind);
    unit.number = section.number();
    unit.label = &section.label;
    unit.title = section.title.as_str();
    unit.line = section.line();
    unit.citation = with_attachment(section.path.citation(), attachment_name);
    unit.children = section
        .children
        .iter()
        .map(|c| section_unit(c, attachment, attachment_name, source, options))
        .collect();
    unit.subtree_words += unit.children.iter().map(Unit::subtree_words).sum::<usize>();
    let mut hasher = HASHER.build_hasher();
    hasher.write_u64(unit.subtree_hash);
    for child in &unit.children {
        hasher.write_u64(child.subtree_hash);
    }
    unit.subtree_hash = hasher.finish();
    unit
}

/// The units of a document in reading order ([`Document::blocks`]): each block of text is a
/// unit, each part a unit with its children. `source`, the original lines of the document's
/// file, shows the invisible characters in the text when the Unicode form is not ignored.
pub fn units<'a>(doc: &'a Document, source: Option<&Lines>, options: &Options) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    for b in doc.blocks() {
        let attachment = b.attachment.map(|a| a.tag.key.as_str());
        let attachment_name = b.attachment.map(|a| a.tag.name.as_str());
        match b.block {
            Block::Section => out.extend(
                b.sections
                    .iter()
                    .map(|s| section_unit(s, attachment, attachment_name, source, options)),
            ),
            block => {
                let mut unit = block_unit(
                    block,
                    attachment,
                    b.paragraphs.clone(),
                    &b.paragraphs,
                    source,
                    options,
                );
                // An attachment's heading is shown by its label (`PHỤ LỤC I`).
                if let (Block::Header, Some(a)) = (block, b.attachment)
                    && !a.label.text.is_empty()
                {
                    unit.title = a.label.as_str();
                }
                let own = if attachment.is_some() {
                    block.label_in_attachment()
                } else {
                    block.label()
                };
                unit.citation = with_attachment(own.to_string(), attachment_name);
                out.push(unit);
            }
        }
    }
    out
}

/// A citation followed by the attachment's name (`khoản 2 Điều 5 Quy chế`), as
/// [`crate::outline::Place::citation`] writes it.
fn with_attachment(citation: String, attachment_name: Option<&str>) -> String {
    match attachment_name {
        Some(name) => format!("{citation} {name}"),
        None => citation,
    }
}

/// The text of `p` with the invisible characters that cleaning dropped from inside it (between
/// its first and last character: a zero-width space inside a word, a bidirectional control)
/// written visibly, `⟨U+200B⟩`; `None` when its lines hold none.
pub fn with_invisibles_shown(p: &Paragraph, source: &Lines) -> Option<String> {
    let view = p.text.view();
    let (start, end) = (view.start()?, view.end()?);
    let mut hidden: Vec<(crate::document::mapped::Pos, char)> = Vec::new();
    for l in start.line..=end.line {
        let Some(line) = source.line(l) else {
            continue;
        };
        let raw = line.text.as_str();
        if raw.is_ascii() && !raw.bytes().any(|b| b < b' ' || b == 0x7F) {
            continue;
        }
        for (i, c) in raw.chars().enumerate() {
            if crate::document::clean::is_invisible(c)
                && let Some(pos) = line.text.pos_at(i)
                && start < pos
                && pos < end
            {
                hidden.push((pos, c));
            }
        }
    }
    if hidden.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(p.as_str().len() + hidden.len() * 10);
    let mut next = hidden.into_iter().peekable();
    for (i, c) in p.as_str().chars().enumerate() {
        let pos = view.pos_at(i)?;
        while let Some((_, h)) = next.next_if(|&(at, _)| at < pos) {
            out.push_str(&format!("⟨U+{:04X}⟩", h as u32));
        }
        out.push(c);
    }
    Some(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn first_unit(text: &str) -> Unit<'static> {
        let parsed: &'static crate::outline::ParsedFile =
            Box::leak(Box::new(crate::outline::parse(text)));
        units(&parsed.documents[0], None, &Options::default())
            .into_iter()
            .find(|u| u.block == Block::Section)
            .expect("a section")
    }

    #[test]
    fn lower_bound_reaches_into_children_that_kept_their_number() {
        let old = first_unit(
            "I. Mục tiêu chung\n\n1. Triển khai thi hành Luật Thanh niên.\n\n\
             Giao các sở, ban, ngành thực hiện.\n\n2. Báo cáo kết quả.\n",
        );
        let new = first_unit(
            "I. Mục tiêu chung\n\n1. Triển khai thi hành Luật Thực hiện dân chủ ở cơ sở.\n\n\
             Giao các sở, ban, ngành thực hiện.\n\n2. Báo cáo kết quả.\n",
        );
        // Title "Mục tiêu chung" (3), the unchanged paragraph of 1. (7) and all of 2. (4).
        let unchanged = 3 + 7 + 4;
        assert_eq!(old.common_words_at_least(&new), unchanged);
        // The changed heading shares "Triển khai thi hành Luật" too: only the exact count sees it.
        assert_eq!(old.common_subtree_words(&new), unchanged + 5);
        assert_eq!(old.subtree_words(), old.subtree_bag().len());
    }

    #[test]
    fn identical_paragraph_split_bounds_the_shared_words() {
        let old = first_unit("I. Phạm vi\n\nMột hai ba.\n\nBốn năm.\n");
        let new = first_unit("I. Phạm vi\n\nMột hai ba.\n\nSáu bảy tám chín.\n");
        let split = ParagraphMatch::of(&old.sorted_paragraphs(), &new.sorted_paragraphs());
        assert_eq!(split.at_most(), 2 + 3 + 2);
        assert_eq!(split.common_words(), 2 + 3);
    }
}
