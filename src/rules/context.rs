//! What a rule looks at: one document of a parsed file, and the texts of a scope with the
//! section each belongs to.

use crate::document::mapped::MappedStr;
use crate::outline::ParsedFile;
use crate::outline::model::{Document, Paragraph, Section};

use std::cell::RefCell;
use std::rc::Rc;

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
    /// Preamble, sections and closing paragraphs.
    Body,
    /// A section and its descendants, by numbering path prefix (`section:II.2`).
    Section(String),
    Closing,
    Distribution,
    DistributionHeading,
    /// Nơi nhận items without the Lưu line.
    Recipients,
    Archive,
    Signature,
    /// Text after the signature.
    Trailer,
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
            "closing" => Scope::Closing,
            "distribution" => Scope::Distribution,
            "distribution-heading" => Scope::DistributionHeading,
            "recipients" => Scope::Recipients,
            "archive" => Scope::Archive,
            "signature" => Scope::Signature,
            "trailer" => Scope::Trailer,
            other => Scope::Section(other.strip_prefix("section:")?.to_string()),
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
        let takes_in_body =
            |s: &Scope| matches!(s, Scope::Body | Scope::Section(_) | Scope::Closing);
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
                    message: format!("unknown scope `{s}`"),
                })
            })
            .collect()
    }
}

/// A text to check with the section (or block) it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct ScopedText<'a> {
    pub text: MappedStr<'a>,
    pub section: &'a str,
}

/// One document to check, within its file.
#[derive(Debug)]
pub struct DocContext<'a> {
    pub file: &'a ParsedFile,
    pub doc: &'a Document,
    /// The texts of each scope list asked for, kept for the other rules of the document.
    scopes: RefCell<Vec<(Vec<Scope>, Rc<ScopeTexts<'a>>)>>,
    /// Candidate texts of the rules' regexes, shared by all scopes.
    found: Rc<Found>,
}

const HEADER: &str = "Thể thức";
const ADDRESSEES: &str = "Kính gửi";
const LEGAL_BASES: &str = "Căn cứ";
const PREAMBLE: &str = "Phần mở đầu";
const CLOSING: &str = "Phần kết";
const DISTRIBUTION: &str = "Nơi nhận";
const SIGNATURE: &str = "Chữ ký";
const TRAILER: &str = "Sau chữ ký";

impl<'a> DocContext<'a> {
    pub fn new(file: &'a ParsedFile, doc: &'a Document) -> Self {
        DocContext {
            file,
            doc,
            scopes: RefCell::new(Vec::new()),
            found: Rc::default(),
        }
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

    /// The texts of `scope`, in document order.
    pub fn texts(&self, scope: &Scope) -> Vec<ScopedText<'a>> {
        let mut out = Vec::new();
        let d = self.doc;
        let h = &d.header;
        let push = |out: &mut Vec<ScopedText<'a>>, p: Option<&'a Paragraph>, section: &'a str| {
            if let Some(p) = p {
                out.push(ScopedText {
                    text: p.text.view(),
                    section,
                });
            }
        };
        match scope {
            Scope::All => {
                for s in [
                    Scope::Header,
                    Scope::Addressees,
                    Scope::LegalBases,
                    Scope::Body,
                    Scope::Distribution,
                    Scope::Signature,
                ] {
                    out.extend(self.texts(&s));
                }
            }
            Scope::Raw => {
                let lines = &self.file.lines;
                let first = d.first_line.max(1) as usize;
                let last = (d.last_line as usize).min(lines.len());
                // Each raw line belongs to the last section (or block) starting at or before it:
                // the lines and the spans are both in order, so one pass over both attributes
                // them.
                let spans = self.section_spans();
                let mut k = 0;
                out.reserve((last + 1).saturating_sub(first));
                for line in (first..=last).filter_map(|n| lines.line(n as u32)) {
                    while k < spans.len() && spans[k].0 <= line.number {
                        k += 1;
                    }
                    out.push(ScopedText {
                        text: line.text,
                        section: if k == 0 { HEADER } else { spans[k - 1].2 },
                    });
                }
            }
            Scope::Header => {
                for p in [
                    h.parent_body.as_ref(),
                    h.issuing_body.as_ref(),
                    h.national_title.as_ref(),
                    h.motto.as_ref(),
                    h.symbol.as_ref().map(|s| &s.line),
                    h.place_date.as_ref().map(|s| &s.line),
                    h.draft.as_ref(),
                    h.type_name.as_ref(),
                    h.title.as_ref(),
                ] {
                    push(&mut out, p, HEADER);
                }
                for m in h.marks.iter().chain(&h.other) {
                    push(&mut out, Some(m), HEADER);
                }
            }
            Scope::Symbol => push(&mut out, h.symbol.as_ref().map(|s| &s.line), HEADER),
            Scope::Date => push(&mut out, h.place_date.as_ref().map(|s| &s.line), HEADER),
            Scope::NationalTitle => push(&mut out, h.national_title.as_ref(), HEADER),
            Scope::Motto => push(&mut out, h.motto.as_ref(), HEADER),
            Scope::TypeName => push(&mut out, h.type_name.as_ref(), HEADER),
            Scope::Title => push(&mut out, h.title.as_ref(), HEADER),
            Scope::Subject if h.title_is_subject => push(&mut out, h.title.as_ref(), HEADER),
            Scope::Subject => {}
            Scope::Addressees => {
                push(&mut out, d.addressee_heading.as_ref(), ADDRESSEES);
                for p in &d.addressees {
                    push(&mut out, Some(p), ADDRESSEES);
                }
            }
            Scope::LegalBases => {
                for p in &d.legal_bases {
                    push(&mut out, Some(p), LEGAL_BASES);
                }
            }
            Scope::Body => {
                for p in &d.preamble {
                    push(&mut out, Some(p), PREAMBLE);
                }
                for s in d.all_sections() {
                    section_texts(s, &mut out);
                }
                out.extend(self.texts(&Scope::Closing));
            }
            Scope::Section(prefix) => {
                for s in d
                    .all_sections()
                    .filter(|s| s.number == *prefix || s.number.starts_with(&format!("{prefix}.")))
                {
                    section_texts(s, &mut out);
                }
            }
            Scope::Closing => {
                for p in &d.closing {
                    push(&mut out, Some(p), CLOSING);
                }
            }
            Scope::Distribution => {
                if let Some(x) = &d.distribution {
                    push(&mut out, Some(&x.heading), DISTRIBUTION);
                    for p in &x.items {
                        push(&mut out, Some(p), DISTRIBUTION);
                    }
                    push(&mut out, x.archive.as_ref(), DISTRIBUTION);
                }
            }
            Scope::DistributionHeading => push(
                &mut out,
                d.distribution.as_ref().map(|x| &x.heading),
                DISTRIBUTION,
            ),
            Scope::Recipients => {
                if let Some(x) = &d.distribution {
                    for p in &x.items {
                        push(&mut out, Some(p), DISTRIBUTION);
                    }
                }
            }
            Scope::Archive => push(
                &mut out,
                d.distribution.as_ref().and_then(|x| x.archive.as_ref()),
                DISTRIBUTION,
            ),
            Scope::Signature => {
                for s in &d.signature {
                    push(&mut out, Some(&s.text), SIGNATURE);
                }
            }
            Scope::Trailer => {
                for p in &d.trailer {
                    push(&mut out, Some(p), TRAILER);
                }
            }
        }
        out
    }

    /// (first line, last line, name) of each part of the document, in order: used to attribute
    /// a raw line to a section.
    fn section_spans(&self) -> Vec<(u32, u32, &'a str)> {
        let d = self.doc;
        let mut spans: Vec<(u32, u32, &'a str)> = Vec::new();
        let mut add = |p: &'a Paragraph, name: &'a str| {
            if p.line() > 0 {
                spans.push((p.line(), p.end_line(), name));
            }
        };
        for p in &d.legal_bases {
            add(p, LEGAL_BASES);
        }
        for p in &d.preamble {
            add(p, PREAMBLE);
        }
        for s in d.all_sections() {
            add(&s.heading, &s.number);
        }
        for p in &d.closing {
            add(p, CLOSING);
        }
        if let Some(x) = &d.distribution {
            add(&x.heading, DISTRIBUTION);
        }
        if let Some(s) = d.signature.first() {
            add(&s.text, SIGNATURE);
        }
        if let Some(p) = d.trailer.first() {
            add(p, TRAILER);
        }
        spans.sort_by_key(|(a, _, _)| *a);
        spans
    }

    /// The name of the section or block that contains `line`.
    pub fn section_at(&self, line: u32) -> &'a str {
        let spans = self.section_spans();
        let k = spans.partition_point(|(a, _, _)| *a <= line);
        if k == 0 { HEADER } else { spans[k - 1].2 }
    }
}

fn section_texts<'a>(s: &'a Section, out: &mut Vec<ScopedText<'a>>) {
    out.push(ScopedText {
        text: s.heading.text.view(),
        section: &s.number,
    });
    for p in &s.paragraphs {
        out.push(ScopedText {
            text: p.text.view(),
            section: &s.number,
        });
    }
}
