//! What a rule looks at: one document of a parsed file, and the texts of a scope with the
//! section each belongs to.

use crate::document::mapped::MappedStr;
use crate::outline::model::{Attachment, Document, Paragraph, Section};
use crate::outline::{Block, BlockRef, ParsedFile, Place};

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use super::kinds::Citation;

use super::search::{Found, ScopeTexts};
use super::spec::RuleError;

/// A part of the document a rule is limited to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everything parsed: header, blocks and body (not the text after the signature, which in
    /// converted files is often a website's footer; name `trailer` to check it).
    All,
    /// The original lines (NFC), markup and spacing as written: for typography.
    Raw,
    Header,
    Symbol,
    Date,
    NationalTitle,
    Motto,
    TypeName,
    /// Trích yếu or `V/v` subject.
    Title,
    /// The `V/v` subject of a công văn only.
    Subject,
    Addressees,
    LegalBases,
    /// Preamble, sections and closing paragraphs of the document's own body.
    Body,
    /// Every text of the document's attachments (headings, parts, signatures, notes).
    Attachments,
    /// A section and its descendants, by numbering path prefix (`section:II.2`).
    Section(String),
    Closing,
    Distribution,
    DistributionHeading,
    /// Nơi nhận items without the Lưu line.
    Recipients,
    Archive,
    Signature,
    /// Footnotes.
    Footnotes,
    /// Text after the signature that belongs to no block.
    Trailer,
}

/// Whether `p` reads as a numbering path (`II.2`, `3.a`, `Điều 5.2`): dot-separated numbers or
/// letters, none empty. `../x`, `/etc`, an empty path are not.
fn is_section_path(p: &str) -> bool {
    p.split('.').all(|part| {
        !part.is_empty()
            && !part.starts_with(' ')
            && !part.ends_with(' ')
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == ' ')
    })
}

impl Scope {
    pub fn parse(s: &str) -> Option<Scope> {
        Some(match s {
            "all" => Scope::All,
            "raw" => Scope::Raw,
            "header" => Scope::Header,
            "symbol" => Scope::Symbol,
            "date" => Scope::Date,
            "national-title" => Scope::NationalTitle,
            "motto" => Scope::Motto,
            "type-name" => Scope::TypeName,
            "title" => Scope::Title,
            "subject" => Scope::Subject,
            "addressees" => Scope::Addressees,
            "legal-bases" => Scope::LegalBases,
            "body" => Scope::Body,
            "attachments" => Scope::Attachments,
            "footnotes" => Scope::Footnotes,
            "closing" => Scope::Closing,
            "distribution" => Scope::Distribution,
            "distribution-heading" => Scope::DistributionHeading,
            "recipients" => Scope::Recipients,
            "archive" => Scope::Archive,
            "signature" => Scope::Signature,
            "trailer" => Scope::Trailer,
            other => Scope::Section(
                other
                    .strip_prefix("section:")
                    .filter(|p| is_section_path(p))?
                    .to_string(),
            ),
        })
    }

    /// Whether the texts of this scope are among those of [`Scope::All`]: every scope but the
    /// original lines and the text after the signature.
    pub fn within_all(&self) -> bool {
        !matches!(self, Scope::Raw | Scope::Trailer)
    }

    /// The scope list to search for a rule that looks at `scopes`: `all` when they take in the
    /// body and are within `all` (one search then serves every such rule), `scopes` themselves
    /// otherwise (the header's fields, the Nơi nhận block: a few short texts, searched one by
    /// one).
    pub fn search_base(scopes: &[Scope]) -> Vec<Scope> {
        let takes_in_body = |s: &Scope| {
            matches!(
                s,
                Scope::Body | Scope::Attachments | Scope::Section(_) | Scope::Closing
            )
        };
        if scopes.iter().any(takes_in_body) && scopes.iter().all(Scope::within_all) {
            vec![Scope::All]
        } else {
            scopes.to_vec()
        }
    }

    /// Parses a rule's scope list (empty means `all`).
    pub fn parse_list(list: &[String], path: &str, line: usize) -> Result<Vec<Scope>, RuleError> {
        if list.is_empty() {
            return Ok(vec![Scope::All]);
        }
        list.iter()
            .map(|s| {
                Scope::parse(s).ok_or_else(|| RuleError {
                    path: path.to_string(),
                    line,
                    message: if s.starts_with("section:") {
                        format!(
                            "phạm vi `{s}` không hợp lệ: sau `section:` phải là số hiệu một mục, như `section:II.2`"
                        )
                    } else {
                        format!("unknown scope `{s}`")
                    },
                })
            })
            .collect()
    }
}

/// Where a text of a scope comes from: its block, its attachment, its numbered part.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub block: Block,
    pub attachment: Option<&'a Attachment>,
    pub section: Option<&'a Section>,
}

impl<'a> Origin<'a> {
    /// A block of the document itself.
    pub const fn block(block: Block) -> Origin<'a> {
        Origin {
            block,
            attachment: None,
            section: None,
        }
    }

    fn of_section(section: &'a Section, attachment: Option<&'a Attachment>) -> Origin<'a> {
        Origin {
            block: Block::Section,
            attachment,
            section: Some(section),
        }
    }

    /// The place of the text, owned (for a finding).
    pub fn place(&self) -> Place {
        Place {
            block: self.block,
            attachment: self.attachment.map(|a| a.tag.clone()),
            path: self.section.map(|s| s.path.clone()),
        }
    }
}

/// A text to check with where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct ScopedText<'a> {
    pub text: MappedStr<'a>,
    pub origin: Origin<'a>,
    /// Quoted from another document: checked as text, not as this document's structure.
    pub quoted: bool,
}

impl<'a> ScopedText<'a> {
    pub fn of(p: &'a Paragraph, origin: Origin<'a>) -> ScopedText<'a> {
        ScopedText {
            text: p.text.view(),
            origin,
            quoted: p.quoted,
        }
    }
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    #[test]
    fn section_scopes_name_a_numbering_path() {
        for good in [
            "section:II.2",
            "section:3.a",
            "section:Điều 5.2",
            "section:999.-100",
        ] {
            assert!(Scope::parse(good).is_some(), "{good}");
        }
        for bad in [
            "section:",
            "section:../x",
            "section:/etc",
            "section:II..2",
            "section:a/b",
        ] {
            assert_eq!(Scope::parse(bad), None, "{bad}");
        }
        let e = Scope::parse_list(&["section:../x".to_string()], "r.toml", 3).unwrap_err();
        assert_eq!(
            e.message,
            "phạm vi `section:../x` không hợp lệ: sau `section:` phải là số hiệu một mục, như `section:II.2`"
        );
    }
}

/// Facts about a whole file that rules look up from each of its documents, computed once per
/// file so that checking stays linear in the number of documents (a file may hold thousands).
#[derive(Debug, Default)]
pub struct FileFacts {
    /// Per rule check (keyed by its address): a value taken from the file's documents, such as
    /// the first drafting unit found in them.
    values: RefCell<std::collections::HashMap<usize, Option<String>>>,
}

impl FileFacts {
    /// The value `key` stands for in this file: computed by `compute` the first time asked.
    pub fn value(&self, key: usize, compute: impl FnOnce() -> Option<String>) -> Option<String> {
        if let Some(v) = self.values.borrow().get(&key) {
            return v.clone();
        }
        let v = compute();
        self.values.borrow_mut().insert(key, v.clone());
        v
    }
}

/// One document to check, within its file.
#[derive(Debug)]
pub struct DocContext<'a> {
    pub file: &'a ParsedFile,
    pub doc: &'a Document,
    /// What the rules learnt about the whole file, shared by its documents.
    pub facts: Rc<FileFacts>,
    /// The texts of each scope list asked for, kept for the other rules of the document.
    scopes: RefCell<Vec<(Vec<Scope>, Rc<ScopeTexts<'a>>)>>,
    /// Candidate texts of the rules' regexes, shared by all scopes.
    found: Rc<Found>,
    /// Where each part starts, for attributing a line to its part (built once).
    spans: OnceCell<Vec<(u32, Origin<'a>)>>,
    /// The citations of the document's texts, parsed once for every rule that needs them.
    citations: OnceCell<Vec<(ScopedText<'a>, Citation)>>,
    /// The laws named in the document's texts (any case), read once for the rules that need them.
    laws: OnceCell<Vec<(ScopedText<'a>, crate::registry::laws::LawMention)>>,
    /// What is known of real documents (the rule set's registry).
    pub registry: &'a crate::registry::Registry,
}

/// Appends the texts of a block.
fn block_texts<'a>(b: &BlockRef<'a>, out: &mut Vec<ScopedText<'a>>) {
    if b.block == Block::Section {
        for top in b.sections {
            for s in top.walk() {
                section_texts(s, b.attachment, out);
            }
        }
        return;
    }
    let origin = Origin {
        block: b.block,
        attachment: b.attachment,
        section: None,
    };
    out.extend(b.paragraphs.iter().map(|p| ScopedText::of(p, origin)));
}

impl<'a> DocContext<'a> {
    pub fn new(file: &'a ParsedFile, doc: &'a Document) -> Self {
        DocContext::with_facts(file, doc, Rc::default())
    }

    /// A document of a file whose other documents share `facts`.
    pub fn with_facts(file: &'a ParsedFile, doc: &'a Document, facts: Rc<FileFacts>) -> Self {
        DocContext {
            file,
            doc,
            facts,
            scopes: RefCell::new(Vec::new()),
            found: Rc::default(),
            spans: OnceCell::new(),
            citations: OnceCell::new(),
            laws: OnceCell::new(),
            registry: crate::registry::Registry::shared_builtin(),
        }
    }

    /// The same, looking documents up in `registry`.
    pub fn with_registry(mut self, registry: &'a crate::registry::Registry) -> Self {
        self.registry = registry;
        self
    }

    /// The texts of `scopes`, in document order, built once per document: the rules of a
    /// document share them (and their joined form, see [`Searcher`](super::search::Searcher)).
    pub fn scope_texts(&self, scopes: &[Scope]) -> Rc<ScopeTexts<'a>> {
        if let Some((_, texts)) = self.scopes.borrow().iter().find(|(s, _)| s == scopes) {
            return Rc::clone(texts);
        }
        let texts = Rc::new(ScopeTexts::new(
            scopes.iter().flat_map(|s| self.texts(s)).collect(),
            Rc::clone(&self.found),
        ));
        self.scopes
            .borrow_mut()
            .push((scopes.to_vec(), Rc::clone(&texts)));
        texts
    }

    /// The texts of the blocks `keep` selects, in reading order.
    fn blocks_texts(&self, keep: impl Fn(&BlockRef) -> bool) -> Vec<ScopedText<'a>> {
        let mut out = Vec::new();
        for b in self.doc.blocks().iter().filter(|b| keep(b)) {
            block_texts(b, &mut out);
        }
        out
    }

    /// The texts of `scope`, in document order.
    pub fn texts(&self, scope: &Scope) -> Vec<ScopedText<'a>> {
        let d = self.doc;
        let h = &d.header;
        let own = |block: Block| move |b: &BlockRef| b.attachment.is_none() && b.block == block;
        let one = |p: Option<&'a Paragraph>| -> Vec<ScopedText<'a>> {
            p.map(|p| ScopedText::of(p, Origin::block(Block::Header)))
                .into_iter()
                .collect()
        };
        match scope {
            // Everything but the document's own trailer (in converted files, a website's footer).
            Scope::All => {
                self.blocks_texts(|b| b.block != Block::Trailer || b.attachment.is_some())
            }
            Scope::Raw => self.raw_texts(),
            Scope::Header => self.blocks_texts(own(Block::Header)),
            Scope::Symbol => one(h.symbol.as_ref().map(|s| &s.line)),
            Scope::Date => one(h.place_date.as_ref().map(|s| &s.line)),
            Scope::NationalTitle => one(h.national_title.as_ref()),
            Scope::Motto => one(h.motto.as_ref()),
            Scope::TypeName => one(h.type_name.as_ref()),
            Scope::Title => one(h.title.as_ref()),
            Scope::Subject if h.title_is_subject => one(h.title.as_ref()),
            Scope::Subject => Vec::new(),
            Scope::Addressees => self.blocks_texts(own(Block::Addressees)),
            Scope::LegalBases => self.blocks_texts(own(Block::LegalBases)),
            Scope::Body => self.blocks_texts(|b| {
                b.attachment.is_none()
                    && matches!(b.block, Block::Preamble | Block::Section | Block::Closing)
            }),
            Scope::Attachments => self.blocks_texts(|b| b.attachment.is_some()),
            Scope::Section(prefix) => {
                let mut out = Vec::new();
                let dotted = format!("{prefix}.");
                for b in self
                    .doc
                    .blocks()
                    .iter()
                    .filter(|b| b.block == Block::Section)
                {
                    for s in b.sections.iter().flat_map(Section::walk) {
                        if s.number() == prefix || s.number().starts_with(&dotted) {
                            section_texts(s, b.attachment, &mut out);
                        }
                    }
                }
                out
            }
            Scope::Closing => self.blocks_texts(own(Block::Closing)),
            Scope::Distribution => self.blocks_texts(own(Block::Distribution)),
            Scope::DistributionHeading => d
                .distribution
                .as_ref()
                .map(|x| ScopedText::of(&x.heading, Origin::block(Block::Distribution)))
                .into_iter()
                .collect(),
            Scope::Recipients => d
                .distribution
                .iter()
                .flat_map(|x| x.recipients())
                .map(|p| ScopedText::of(p, Origin::block(Block::Distribution)))
                .collect(),
            Scope::Archive => d
                .distribution
                .as_ref()
                .and_then(|x| x.archive.as_ref())
                .map(|p| ScopedText::of(p, Origin::block(Block::Distribution)))
                .into_iter()
                .collect(),
            Scope::Signature => self.blocks_texts(own(Block::Signature)),
            Scope::Footnotes => self.blocks_texts(own(Block::Footnotes)),
            Scope::Trailer => self.blocks_texts(own(Block::Trailer)),
        }
    }

    /// The original lines of the document, each with the part it is in.
    fn raw_texts(&self) -> Vec<ScopedText<'a>> {
        let d = self.doc;
        let lines = &self.file.lines;
        let first = d.first_line.max(1) as usize;
        let last = (d.last_line as usize).min(lines.len());
        // Each raw line belongs to the last part (or block) starting at or before it: the lines
        // and the spans are both in order, so one pass over both attributes them.
        let spans = self.spans();
        let mut k = 0;
        let mut out = Vec::with_capacity((last + 1).saturating_sub(first));
        for line in (first..=last).filter_map(|n| lines.line(n as u32)) {
            while k < spans.len() && spans[k].0 <= line.number {
                k += 1;
            }
            out.push(ScopedText {
                text: line.text,
                origin: if k == 0 {
                    Origin::block(Block::Header)
                } else {
                    spans[k - 1].1
                },
                quoted: false,
            });
        }
        // The notes of a .docx follow the body in the file's lines, after the document's last.
        for f in &d.footnotes {
            let after = f.text.line().max(last as u32 + 1);
            for line in (after..=f.text.end_line()).filter_map(|n| lines.line(n)) {
                out.push(ScopedText {
                    text: line.text,
                    origin: Origin::block(Block::Footnotes),
                    quoted: false,
                });
            }
        }
        out
    }

    /// (first line, origin) of each part of the document, in order: used to attribute a line to
    /// its part. Built once per document.
    fn spans(&self) -> &[(u32, Origin<'a>)] {
        self.spans.get_or_init(|| {
            let mut spans: Vec<(u32, Origin<'a>)> = Vec::new();
            for b in self.doc.blocks() {
                if b.block == Block::Section {
                    for s in b.sections.iter().flat_map(Section::walk) {
                        if s.line() > 0 {
                            spans.push((s.line(), Origin::of_section(s, b.attachment)));
                        }
                    }
                    continue;
                }
                // A header block starts a span only in an attachment (the document's header
                // is what comes before the first span).
                if b.block == Block::Header && b.attachment.is_none() {
                    continue;
                }
                let first = b
                    .paragraphs
                    .iter()
                    .map(|p| p.line())
                    .filter(|&l| l > 0)
                    .min();
                if let Some(line) = first {
                    spans.push((
                        line,
                        Origin {
                            block: b.block,
                            attachment: b.attachment,
                            section: None,
                        },
                    ));
                }
            }
            spans.sort_by_key(|(line, _)| *line);
            spans
        })
    }

    /// Where `line` is: the last part or block starting at or before it.
    pub fn origin_at(&self, line: u32) -> Origin<'a> {
        let spans = self.spans();
        let k = spans.partition_point(|(a, _)| *a <= line);
        if k == 0 {
            Origin::block(Block::Header)
        } else {
            spans[k - 1].1
        }
    }

    /// The citations (`Nghị định số 30/2020/NĐ-CP ngày 05/3/2020`) in the texts of the document
    /// ([`Scope::All`]), with the text each is in: parsed once, for every rule that needs them.
    pub fn citations(&self) -> &[(ScopedText<'a>, Citation)] {
        self.citations.get_or_init(|| {
            let texts = self.scope_texts(&[Scope::All]);
            super::kinds::citations_of(&texts)
                .into_iter()
                .map(|(i, c)| (texts.texts[i], c))
                .collect()
        })
    }
}

impl<'a> DocContext<'a> {
    /// The laws named in the texts of the document ([`Scope::All`], names in lower case too: a
    /// misspelt one), with the text each is in: read once, for every rule that needs them.
    pub fn law_mentions(&self) -> &[(ScopedText<'a>, crate::registry::laws::LawMention)] {
        self.laws.get_or_init(|| {
            let texts = self.scope_texts(&[Scope::All]);
            let mut out = Vec::new();
            for i in crate::registry::laws::searcher().candidates(&texts) {
                let t = texts.texts[i];
                out.extend(
                    crate::registry::laws::mentions_any_case(t.text.as_str())
                        .into_iter()
                        .map(|m| (t, m)),
                );
            }
            out
        })
    }
}

fn section_texts<'a>(
    s: &'a Section,
    attachment: Option<&'a Attachment>,
    out: &mut Vec<ScopedText<'a>>,
) {
    let origin = Origin::of_section(s, attachment);
    out.push(ScopedText::of(&s.heading, origin));
    out.extend(s.paragraphs.iter().map(|p| ScopedText::of(p, origin)));
}
