//! Searching all the texts of a scope for a rule's regular expression at once.
//!
//! A document has thousands of texts (paragraphs, lines) and a rule set dozens of regexes:
//! searching text by text costs one regex call per text and rule, nearly all of which find
//! nothing, and the per-call cost outweighs the search itself. Instead the texts of a scope are
//! joined once per document ([`ScopeTexts`], `\n` between texts), and each regex is first run over
//! the joined text in a *wide* form that matches wherever the regex could match within one text;
//! only the texts that search touches are then searched with the regex itself.
//!
//! The wide form is the regex with its text anchors (`^`, `$`, `\A`, `\z`) turned into line
//! anchors and its word-boundary assertions dropped. Every match of the regex at `a..b` of a text
//! is then a match of the wide form at the same place of the joined text: classes and literals
//! see the same characters, a line anchor holds where the text starts or ends, and dropping an
//! assertion only allows more. A leftmost-first search over the joined text reports, for each
//! such match, a match that starts at or before it and reaches it (or it would have reported
//! that one), so the texts each wide match touches, ends included, contain every match of the
//! regex. Dropping word boundaries also keeps the search on the regex crate's fast engines,
//! which give up on Unicode word boundaries in non-ASCII text: Vietnamese text.

//!
//! The wide forms of all the rules that search one scope are also compiled into one automaton
//! ([`SearchSet`]) that reports every place any of them matches in a single pass (an
//! overlapping search): every match of a rule's regex ends where its wide form has a match end,
//! so the texts holding those ends are the rule's candidates. One pass for all rules costs about
//! what two passes for two rules cost.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex::Regex;
use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind, meta, nfa::thompson};
use regex_syntax::hir::{self, Hir, HirKind, Look};

use super::context::ScopedText;

/// Scopes of fewer texts than this are searched text by text.
const JOIN_MIN_TEXTS: usize = 3;

/// Scopes with at least this much text are worth building the wide forms for; smaller ones are
/// searched text by text unless the wide forms are built already (a one-page document is checked
/// without building any).
const LARGE_BYTES: usize = 16 * 1024;

/// Size limit of the automata built here (as for rule regexes, see `Params::regex`).
const NFA_SIZE_LIMIT: usize = 1 << 22;

/// A rule's regular expression with its wide form.
#[derive(Debug)]
pub struct Searcher {
    /// Tells searchers apart in the candidates a [`SearchSet`] records.
    id: usize,
    regex: Regex,
    /// The wide form, built when a large scope is first searched; `None` when it cannot be
    /// built (then every text is searched).
    wide: OnceLock<Option<Hir>>,
    /// The wide form compiled, for searching without a [`SearchSet`].
    wide_regex: OnceLock<Option<meta::Regex>>,
}

impl Searcher {
    pub fn new(regex: Regex) -> Searcher {
        Searcher {
            id: unique_id(),
            regex,
            wide: OnceLock::new(),
            wide_regex: OnceLock::new(),
        }
    }

    fn wide(&self) -> Option<&Hir> {
        self.wide
            .get_or_init(|| {
                regex_syntax::parse(self.regex.as_str())
                    .ok()
                    .map(|h| widen(&h))
            })
            .as_ref()
    }

    fn wide_regex(&self) -> Option<&meta::Regex> {
        self.wide_regex
            .get_or_init(|| {
                meta::Builder::new()
                    .configure(meta::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
                    .build_from_hir(self.wide()?)
                    .ok()
            })
            .as_ref()
    }

    /// The regex itself, for searching one text.
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Indices of the texts of `scope` that may hold a match of the regex, in order.
    pub fn candidates(&self, scope: &ScopeTexts) -> Vec<usize> {
        if let Some(found) = scope.found.0.borrow().get(&self.id) {
            // Recorded for this very scope (nearly always): the indices are the answer.
            if found.scope == scope.id {
                return found.indices.clone();
            }
            let keys: HashSet<(usize, usize)> = found.identities.iter().copied().collect();
            return (0..scope.texts.len())
                .filter(|&i| keys.contains(&identity(&scope.texts[i])))
                .collect();
        }
        let all = || (0..scope.texts.len()).collect();
        if !scope.is_large() {
            return all();
        }
        let Some(wide) = self.wide_regex() else {
            return all();
        };
        let joined = scope.joined();
        let text_at = |pos: usize| joined.starts.partition_point(|&s| s <= pos) - 1;
        let mut out: Vec<usize> = Vec::new();
        for m in wide.find_iter(&joined.text) {
            let (first, last) = (text_at(m.start()), text_at(m.end()));
            let from = out.last().map_or(first, |&l| first.max(l + 1));
            out.extend(from..=last);
        }
        out
    }

    /// The texts of `scope` that may hold a match, in order.
    pub fn texts<'s, 'a>(
        &self,
        scope: &'s ScopeTexts<'a>,
    ) -> impl Iterator<Item = &'s ScopedText<'a>> {
        self.candidates(scope).into_iter().map(|i| &scope.texts[i])
    }
}

/// The wide forms of several searchers in one automaton: one overlapping search over a scope's
/// joined text finds the candidate texts of all of them.
pub struct SearchSet {
    dfa: DFA,
    /// The searcher of each pattern of the automaton.
    ids: Vec<usize>,
    caches: Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>,
}

impl std::fmt::Debug for SearchSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchSet").field("ids", &self.ids).finish()
    }
}

impl SearchSet {
    /// The set of `searchers` whose wide form can only match something (an empty match would be
    /// reported everywhere); `None` when there is no such searcher or the automaton cannot be
    /// built (each searcher then searches alone).
    pub fn new(searchers: &[&Searcher]) -> Option<SearchSet> {
        let mut ids = Vec::new();
        let mut hirs = Vec::new();
        for s in searchers {
            if let Some(hir) = s.wide()
                && hir.properties().minimum_len().is_some_and(|n| n > 0)
                && !ids.contains(&s.id)
            {
                ids.push(s.id);
                hirs.push(hir);
            }
        }
        if ids.is_empty() {
            return None;
        }
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
            .build_many_from_hir(&hirs)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(8 << 20)
                    // A search that keeps refilling the cache gives up (and the searchers
                    // search alone) rather than crawl.
                    .minimum_cache_clear_count(Some(8))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let for_cache = dfa.clone();
        let caches: Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>> =
            Pool::new(Box::new(move || for_cache.create_cache()));
        Some(SearchSet { dfa, ids, caches })
    }

    /// Runs over `scope` and records in it the candidate texts of every member, which
    /// [`Searcher::candidates`] then returns without a search of its own. Scopes of a few texts
    /// are left to the searchers.
    pub fn run(&self, scope: &ScopeTexts) {
        if scope.texts.len() < JOIN_MIN_TEXTS {
            return;
        }
        let joined = scope.joined();
        let mut found: Vec<Vec<usize>> = vec![Vec::new(); self.ids.len()];
        let mut cache = self.caches.get();
        // Match ends come in order: the text holding one is found by moving forward.
        let mut text = 0;
        let scanned = self.match_ends(&mut cache, &joined.text, |pattern, end| {
            while joined.starts.get(text + 1).is_some_and(|&s| s <= end) {
                text += 1;
            }
            let list = &mut found[pattern];
            if list.last() != Some(&text) {
                list.push(text);
            }
        });
        if scanned.is_err() {
            return;
        }
        let mut map = scope.found.0.borrow_mut();
        for (id, indices) in self.ids.iter().zip(found) {
            let identities = indices.iter().map(|&i| identity(&scope.texts[i])).collect();
            map.insert(
                *id,
                Recorded {
                    scope: scope.id,
                    indices,
                    identities,
                },
            );
        }
    }

    /// Calls `on_match(pattern, end)` for every place a pattern's match ends in `haystack`, in
    /// order: what an overlapping search reports, found in a loop of one table look-up per byte
    /// (the overlapping search of the regex crate returns to its caller at every match and
    /// checks more per byte, which made it the largest single cost of checking a repository).
    /// `Err` when the automaton gives up (its cache keeps filling up).
    fn match_ends(
        &self,
        cache: &mut Cache,
        haystack: &str,
        mut on_match: impl FnMut(usize, usize),
    ) -> Result<(), ()> {
        let dfa = &self.dfa;
        let bytes = haystack.as_bytes();
        let mut report = |cache: &Cache, sid: LazyStateID, end: usize| {
            for k in 0..dfa.match_len(cache, sid) {
                on_match(dfa.match_pattern(cache, sid, k).as_usize(), end);
            }
        };
        let mut sid = dfa
            .start_state_forward(cache, &Input::new(haystack))
            .map_err(drop)?;
        let mut at = 0;
        while at < bytes.len() {
            // Most bytes lead from a plain state to a plain state: four at a time.
            while !sid.is_tagged() && at + 4 <= bytes.len() {
                let s1 = dfa.next_state_untagged(cache, sid, bytes[at]);
                if s1.is_tagged() {
                    break;
                }
                let s2 = dfa.next_state_untagged(cache, s1, bytes[at + 1]);
                if s2.is_tagged() {
                    (sid, at) = (s1, at + 1);
                    break;
                }
                let s3 = dfa.next_state_untagged(cache, s2, bytes[at + 2]);
                if s3.is_tagged() {
                    (sid, at) = (s2, at + 2);
                    break;
                }
                let s4 = dfa.next_state_untagged(cache, s3, bytes[at + 3]);
                if s4.is_tagged() {
                    (sid, at) = (s3, at + 3);
                    break;
                }
                (sid, at) = (s4, at + 4);
            }
            if at == bytes.len() {
                break;
            }
            // A state not computed yet, or a match, dead or quit state.
            sid = dfa.next_state(cache, sid, bytes[at]).map_err(drop)?;
            if sid.is_tagged() {
                // Match states are entered one byte late: the match ended before this byte.
                if sid.is_match() {
                    report(cache, sid, at);
                } else if sid.is_dead() {
                    return Ok(());
                } else if sid.is_quit() {
                    return Err(());
                }
            }
            at += 1;
        }
        let sid = dfa.next_eoi_state(cache, sid).map_err(drop)?;
        if sid.is_match() {
            report(cache, sid, bytes.len());
        }
        Ok(())
    }
}

/// A regex for `\bX\b` (or `\bX`, or `X\b`) without word-boundary assertions. The regex crate
/// searches a Unicode word boundary in non-ASCII text only with its slow engines; a class it
/// searches with the fast ones. When `X` starts (and ends) with a word character, a boundary
/// there means exactly that the character before (after) is not one or that the text starts
/// (ends).
///
/// The leading boundary is tested on the character before each match of `X`: a match that fails
/// it is skipped and the search goes on from its second character, which visits the starts in the
/// order the regex would. (Matching `(?:^|\W)` instead costs a compiled Unicode class per regex,
/// a millisecond of start-up each.) The trailing boundary is matched as `(?:\W|$)`, since `X` may
/// match several lengths at one start and only the regex knows which of them a boundary follows;
/// the search resumes where `X` ended (the character after it may be the one before the next).
/// For the built-in checks' regexes.
#[derive(Debug)]
pub struct WordBounded {
    searcher: Searcher,
    leading: bool,
    trailing: bool,
}

impl WordBounded {
    /// `core` must start with a word character when `leading`, end with one when `trailing`.
    pub fn new(core: &str, leading: bool, trailing: bool) -> WordBounded {
        let pattern = if trailing {
            format!(r"(?:{core})(?:\W|$)")
        } else {
            core.to_string()
        };
        WordBounded {
            searcher: Searcher::new(Regex::new(&pattern).expect("built-in regex")),
            leading,
            trailing,
        }
    }

    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The matches of `X` in `text`: their captures (the groups of `X`; group 0 includes the
    /// character after when `trailing`) and the span of `X` itself.
    pub fn captures_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (regex::Captures<'t>, std::ops::Range<usize>)> + 't {
        let is_word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
        let mut at = 0;
        std::iter::from_fn(move || {
            loop {
                if at > text.len() {
                    return None;
                }
                let c = self.searcher.regex().captures_at(text, at)?;
                let m = c.get(0).expect("group 0 always matches");
                if self.leading && is_word(text[..m.start()].chars().next_back()) {
                    // `X` starts with a word character: the next start is after it.
                    at = m.start() + m.as_str().chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                let mut span = m.range();
                if self.trailing && !is_word(m.as_str().chars().next_back()) {
                    span.end -= m.as_str().chars().next_back().map_or(0, char::len_utf8);
                }
                // `X` is never empty: the search moves on.
                at = span.end.max(at + 1);
                return Some((c, span));
            }
        })
    }
}

/// Indices of the texts of `scope` that may hold a match of any of `searchers`, in order.
pub fn candidates_of_any(searchers: &[&Searcher], scope: &ScopeTexts) -> Vec<usize> {
    let mut all: Vec<usize> = searchers.iter().flat_map(|s| s.candidates(scope)).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The wide form of a regex (see the module documentation).
fn widen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => match look {
            Look::Start => Hir::look(Look::StartLF),
            Look::End => Hir::look(Look::EndLF),
            Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF => hir.clone(),
            // Every other assertion is about word boundaries.
            _ => Hir::empty(),
        },
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            sub: Box::new(widen(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            sub: Box::new(widen(&c.sub)),
            ..c.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(widen).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(widen).collect()),
    }
}

/// The texts of one or more scopes of a document, in document order, with their joined form
/// built on first use.
#[derive(Debug)]
pub struct ScopeTexts<'a> {
    pub texts: Vec<ScopedText<'a>>,
    /// The length of the joined text.
    bytes: usize,
    joined: OnceCell<Joined>,
    /// Tells this scope list's texts from another's in [`Found`].
    id: usize,
    /// Candidate texts of searchers, recorded by a [`SearchSet`] for every scope of the document.
    found: Rc<Found>,
}

/// The candidate texts of searchers in one document, by searcher, recorded by a [`SearchSet`]
/// that searched a scope holding them all (the texts of `body` are among those of `all`: one
/// search of `all` serves rules of either).
#[derive(Debug, Default)]
pub struct Found(RefCell<HashMap<usize, Recorded>>);

/// The candidate texts of one searcher, as indices into the scope searched and as
/// [identities](identity) for the other scopes of the document.
#[derive(Debug)]
struct Recorded {
    scope: usize,
    indices: Vec<usize>,
    identities: Vec<(usize, usize)>,
}

/// A number no other searcher or scope list of the process has: what [`Found`] keys on.
fn unique_id() -> usize {
    static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// What tells a text of a document from the others across scopes: where it is in memory (the
/// same paragraph is the same text in every scope) and its length.
fn identity(t: &ScopedText) -> (usize, usize) {
    let s = t.text.as_str();
    (s.as_ptr() as usize, s.len())
}

#[derive(Debug)]
struct Joined {
    /// The texts with `\n` between them.
    text: String,
    /// Where each text starts in `text`.
    starts: Vec<usize>,
}

impl<'a> ScopeTexts<'a> {
    /// The texts of a scope of a document whose candidates are recorded in `found`.
    pub fn new(texts: Vec<ScopedText<'a>>, found: Rc<Found>) -> Self {
        ScopeTexts {
            bytes: texts.iter().map(|t| t.text.as_str().len() + 1).sum(),
            texts,
            joined: OnceCell::new(),
            id: unique_id(),
            found,
        }
    }

    /// Whether the texts are long enough to build wide forms for.
    pub fn is_large(&self) -> bool {
        self.bytes >= LARGE_BYTES
    }

    fn joined(&self) -> &Joined {
        self.joined.get_or_init(|| {
            let mut text = String::with_capacity(self.bytes);
            let mut starts = Vec::with_capacity(self.texts.len());
            for t in &self.texts {
                starts.push(text.len());
                text.push_str(t.text.as_str());
                text.push('\n');
            }
            Joined { text, starts }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::mapped::MappedText;

    fn scope(texts: &[MappedText]) -> ScopeTexts<'_> {
        ScopeTexts::new(
            texts
                .iter()
                .map(|text| ScopedText {
                    text: text.view(),
                    origin: crate::rules::context::Origin::block(crate::outline::Block::Preamble),
                    quoted: false,
                })
                .collect(),
            Rc::default(),
        )
    }

    /// The texts where the regex itself matches, searched one by one.
    fn one_by_one(regex: &Regex, texts: &[MappedText]) -> Vec<usize> {
        (0..texts.len())
            .filter(|&i| regex.is_match(texts[i].as_str()))
            .collect()
    }

    const PATTERNS: &[&str] = &[
        r"^Số",
        r"\.$",
        r"\A-",
        r"VX\.\z",
        r"\bLuật\b",
        r"\bniên\b",
        r"\s+([.,;:!?)])([^.…\p{L}\p{N}]|$)",
        r"^$",
        r"^\s*$",
        r"(?i)NGÀY\s+(\d{1,2})",
        r"\p{L}*[µ·¸]\p{L}*",
        r"\Bhòa",
        r"x*",
        r"nhận:\s*-",
        r"VT, VX",
    ];

    /// The sample texts repeated into a scope large enough to be searched joined, with a few
    /// texts that match nothing in between.
    fn large_texts() -> Vec<MappedText> {
        let samples = [
            "Nơi nhận:",
            "- Lưu: VT, VX.",
            "",
            "Số: 15/QĐ-UBND",
            "ngày 04 tháng 7 năm 2023",
            "Luật Thanh niên",
            "  .",
            "đ) Hòa",
            "Một đoạn văn bình thường không có gì đáng chú ý",
        ];
        (0..3000)
            .map(|i| {
                let text = if i % 7 == 3 {
                    samples[8]
                } else {
                    samples[i % samples.len()]
                };
                MappedText::from_line(text, i as u32 + 1)
            })
            .collect()
    }

    fn assert_superset(pattern: &str, regex: &Regex, texts: &[MappedText], candidates: &[usize]) {
        for i in one_by_one(regex, texts) {
            assert!(candidates.contains(&i), "{pattern}: text {i} missing");
        }
        assert!(
            candidates.windows(2).all(|w| w[0] < w[1]),
            "{pattern}: not in order"
        );
    }

    #[test]
    fn every_text_with_a_match_is_a_candidate() {
        let texts = large_texts();
        assert!(scope(&texts).is_large());
        let searchers: Vec<Searcher> = PATTERNS
            .iter()
            .map(|p| Searcher::new(Regex::new(p).unwrap()))
            .collect();
        // Each searcher alone, then all of them in one automaton.
        for (pattern, searcher) in PATTERNS.iter().zip(&searchers) {
            let candidates = searcher.candidates(&scope(&texts));
            assert_superset(pattern, searcher.regex(), &texts, &candidates);
        }
        let members: Vec<&Searcher> = searchers.iter().collect();
        let set = SearchSet::new(&members).expect("the set builds");
        let joined = scope(&texts);
        set.run(&joined);
        for (pattern, searcher) in PATTERNS.iter().zip(&searchers) {
            let candidates = searcher.candidates(&joined);
            assert_superset(pattern, searcher.regex(), &texts, &candidates);
        }
    }

    #[test]
    fn word_bounded_matches_equal_those_of_word_boundaries() {
        let cases: &[(&str, bool, bool)] = &[
            (r"(\d{1,2})([/.\-])(\d{1,2})[/.\-](\d{4})", true, true),
            (
                r"(?:(Quý|quý)\s+(IV|III|II|I)|(Tháng|tháng)\s+(\d{1,2}))\s+năm\s+(\d{4})",
                true,
                false,
            ),
            (
                r"(?:(Điều)\s+(\d{1,3})|(Mục)\s+([IVXLC]{1,6}))",
                false,
                true,
            ),
            (r"(?i)(?:trước|hạn chót)\s+ngày", true, false),
            // Ends with a non-word character: the next match may start right after it.
            (r"[0-9]+\.", true, false),
        ];
        let texts = [
            "ngày 5/7/2023 và 6/8/2024,7/9/2025;8/10/2026",
            "5/7/2023",
            "a5/7/2023 ạ5/7/2023 5/7/20234 5/7/2023ạ 15/7/2023/QĐ 1/2/3/2024",
            "Quý IV năm 2023, tháng 3 năm 2024 vàTháng 3 năm 2024 ệquý I năm 2023",
            "Điều 5, Điều 6Mục II; Điều 7ạ Mục IV Mục IIIa Điều 12",
            "TRƯỚC ngày, trước ngày, ạtrước ngày, Hạn chót ngày",
            "trước ngàytrước ngày trước ngàyạ",
            "1.2.3. a4. 5.ạ6.",
            "",
            "5",
        ];
        for &(core, leading, trailing) in cases {
            let exact = Regex::new(&format!(
                "{}(?:{core}){}",
                if leading { r"\b" } else { "" },
                if trailing { r"\b" } else { "" }
            ))
            .unwrap();
            let bounded = WordBounded::new(core, leading, trailing);
            for text in texts {
                let want: Vec<(std::ops::Range<usize>, Vec<Option<&str>>)> = exact
                    .captures_iter(text)
                    .map(|c| {
                        (
                            c.get(0).unwrap().range(),
                            c.iter().skip(1).map(|g| g.map(|g| g.as_str())).collect(),
                        )
                    })
                    .collect();
                let got: Vec<(std::ops::Range<usize>, Vec<Option<&str>>)> = bounded
                    .captures_iter(text)
                    .map(|(c, span)| {
                        (
                            span,
                            c.iter().skip(1).map(|g| g.map(|g| g.as_str())).collect(),
                        )
                    })
                    .collect();
                assert_eq!(got, want, "{core} on {text:?}");
            }
        }
    }

    #[test]
    fn match_ends_are_those_of_an_overlapping_search() {
        use regex_automata::hybrid::dfa::OverlappingState;
        let searchers: Vec<Searcher> = [
            r"(?i)ngày\s+([0-9]{1,2})",
            r"\bNoi nhận\b",
            r"\p{L}*[µ·¸¶¹]\p{L}*",
            r"(\S)  +(\S)",
            r"^Số:",
            r"[.;]\s*$",
            r"nhận",
        ]
        .iter()
        .map(|p| Searcher::new(Regex::new(p).unwrap()))
        .collect();
        let set = SearchSet::new(&searchers.iter().collect::<Vec<_>>()).unwrap();
        let mut total = 0;
        for haystack in [
            "Số: 12/UBND\nNoi nhận:\nngày 5 tháng 7, NGÀY 12 và ngày  3.\nNoi nhận",
            "ngày 1",
            "µ",
            "a  b  c;",
            "",
            "\n\nSố:\n",
            "Nơi nhận ạ µ·x Noi nhậnn Noi nhận",
        ] {
            let mut cache = set.dfa.create_cache();
            let mut want = Vec::new();
            let input = Input::new(haystack);
            let mut state = OverlappingState::start();
            loop {
                set.dfa
                    .try_search_overlapping_fwd(&mut cache, &input, &mut state)
                    .unwrap();
                let Some(m) = state.get_match() else { break };
                want.push((m.pattern().as_usize(), m.offset()));
            }
            want.sort_unstable();
            let mut got = Vec::new();
            set.match_ends(&mut cache, haystack, |p, end| got.push((p, end)))
                .unwrap();
            got.sort_unstable();
            assert_eq!(got, want, "{haystack:?}");
            total += got.len();
        }
        // The texts do hold matches: the comparison is not between two empty lists.
        assert!(total >= 15, "{total}");
    }

    #[test]
    fn most_texts_are_not_candidates() {
        let texts: Vec<MappedText> = (0..2000)
            .map(|i| MappedText::from_line(&format!("Đoạn văn số {i} không có gì."), i + 1))
            .chain([MappedText::from_line("Noi nhận:", 2001)])
            .collect();
        let searcher = Searcher::new(Regex::new(r"\bNoi nhận\b").unwrap());
        assert_eq!(searcher.candidates(&scope(&texts)), [2000]);
        let joined = scope(&texts);
        SearchSet::new(&[&searcher]).unwrap().run(&joined);
        assert_eq!(searcher.candidates(&joined), [2000]);
        // A small scope is searched text by text: every text is a candidate.
        assert_eq!(searcher.candidates(&scope(&texts[1990..])).len(), 11);
    }
}
