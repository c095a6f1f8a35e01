//! Building a registry from documents: each document's own facts (its header, and the metadata
//! block a legal website puts above a converted text) and every dated citation in the others,
//! voted on. A fact is written when most of its sources agree; the counts are kept so that a
//! rule can ask how sure it is.

use std::collections::{BTreeMap, HashMap};

use crate::outline::ParsedFile;
use crate::rules::context::{DocContext, Scope};
use crate::rules::kinds::Ymd;

use super::cite::{self, document_key, local_issuer, local_issuer_of_header};
use super::codes;
use super::format::{self, HEADER, clean_field, name_key, show_date};
use super::laws;

/// How many votes a document's own header or metadata counts for: it is the document itself,
/// worth more than one citation of it, but a few citations that agree still outweigh a header
/// misread.
const OWN_WEIGHT: u32 = 3;

#[derive(Debug, Default)]
struct Votes {
    numbers: HashMap<String, u32>,
    kinds: HashMap<&'static str, u32>,
    dates: HashMap<Ymd, u32>,
    issuers: HashMap<&'static str, u32>,
    titles: HashMap<String, u32>,
}

fn top<K: Clone + Ord>(m: &HashMap<K, u32>) -> Option<(K, u32)> {
    // Ties go to the smaller key, so that the output does not depend on hashing order.
    m.iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, v)| (k.clone(), *v))
}

/// The votes on a law's name: its spellings, and its (date, number) pairs.
type NameVotes = (HashMap<String, u32>, HashMap<(Ymd, String), u32>);

/// Accumulates the facts of documents; [`finish`](Builder::finish) writes the registry file.
#[derive(Debug, Default)]
pub struct Builder {
    documents: HashMap<String, Votes>,
    /// Law name key → (name as written → votes, (date, number) → votes).
    names: HashMap<String, NameVotes>,
    files: usize,
}

/// A title as cited: the words after the issuer, up to the end of the clause.
fn title_after(rest: &str) -> Option<String> {
    let mut end = rest
        .find([';', '\n', '“', '"', '(', ')'])
        .unwrap_or(rest.len());
    // What the title is followed by is no part of it: `… đã được sửa đổi, bổ sung …`, `… và
    // Nghị định số …`.
    for stop in [
        " đã được ",
        " được sửa đổi",
        " và Nghị định",
        " và Thông tư",
        " và Quyết định",
    ] {
        if let Some(i) = rest[..end].find(stop) {
            end = i;
        }
    }
    let t = rest[..end]
        .trim()
        .trim_end_matches(['.', ',', ':', '*', ' ']);
    let starts = [
        "về ",
        "quy định",
        "hướng dẫn",
        "ban hành",
        "sửa đổi",
        "phê duyệt",
        "thành lập",
    ];
    if t.chars().count() < 8 || !starts.iter().any(|s| t.starts_with(s)) {
        return None;
    }
    Some(shorten(t))
}

/// At most 160 characters, cut at a word's end.
fn shorten(t: &str) -> String {
    if t.chars().count() <= 160 {
        return t.to_string();
    }
    let cut: String = t.chars().take(160).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{} …", cut.trim_end_matches([',', ' ']))
}

/// The website's metadata block of a converted document (`**Số hiệu:**`, `|`, `80/2025/NQ-HĐND`,
/// …, `**Ngày ban hành:**`, `|`, `27/11/2025`): field name → value.
fn metadata(file: &ParsedFile) -> HashMap<&'static str, String> {
    let mut out = HashMap::new();
    let mut want: Option<&'static str> = None;
    for line in file.lines.iter().take(120) {
        let t = line.text.as_str().trim();
        if let Some(field) = [
            ("**Số hiệu:**", "number"),
            ("**Loại văn bản:**", "type"),
            ("**Nơi ban hành:**", "issuer"),
            ("**Ngày ban hành:**", "date"),
        ]
        .iter()
        .find(|(label, _)| t == *label)
        {
            want = Some(field.1);
            continue;
        }
        if t.is_empty() || t == "|" {
            continue;
        }
        if let Some(f) = want.take() {
            out.insert(f, t.to_string());
        }
    }
    out
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// How many files were added.
    pub fn files(&self) -> usize {
        self.files
    }

    fn vote(&mut self, key: String) -> &mut Votes {
        self.documents.entry(key).or_default()
    }

    /// Adds a file's documents: their own facts and the citations in them.
    pub fn add_file(&mut self, file: &ParsedFile) {
        self.files += 1;
        let meta = metadata(file);
        for (i, doc) in file.documents.iter().enumerate() {
            let own_key = self.add_own(file, doc, if i == 0 { Some(&meta) } else { None });
            let ctx = DocContext::new(file, doc);
            for (t, c) in ctx.citations() {
                let text = t.text.as_str();
                let issuer_text = c.issuer_at.map(|at| &text[at..]);
                let local = issuer_text.and_then(local_issuer);
                let Some(key) = document_key(&c.number, local.as_deref(), c.ymd.0) else {
                    continue;
                };
                // A document's mention of itself is no second source.
                if own_key.as_deref() == Some(key.as_str()) {
                    continue;
                }
                let v = self.vote(key);
                *v.numbers.entry(c.number.clone()).or_default() += 1;
                *v.dates.entry(c.ymd).or_default() += 1;
                if let Some(k) = c.kind {
                    *v.kinds.entry(k).or_default() += 1;
                }
                if let Some(rest) = issuer_text
                    && let Some(body) = codes::body_named_at(rest)
                {
                    *v.issuers.entry(body.name).or_default() += 1;
                    let after = rest
                        .strip_prefix("Bộ trưởng ")
                        .unwrap_or(rest)
                        .get(body.name.len()..)
                        .unwrap_or("");
                    if let Some(title) = title_after(after.trim_start()) {
                        *v.titles.entry(title).or_default() += 1;
                    }
                }
            }
            let texts = ctx.scope_texts(&[Scope::All]);
            for t in &texts.texts {
                for m in laws::dated_mentions(t.text.as_str()) {
                    let (spellings, dates) = self.names.entry(name_key(&m.name)).or_default();
                    *spellings.entry(m.name.clone()).or_default() += 1;
                    *dates
                        .entry((m.date, m.number.unwrap_or_default()))
                        .or_default() += 1;
                }
            }
        }
    }

    /// The document's own facts, from its header and (for the file's first document) the
    /// metadata block; returns its key.
    fn add_own(
        &mut self,
        file: &ParsedFile,
        doc: &crate::outline::Document,
        meta: Option<&HashMap<&'static str, String>>,
    ) -> Option<String> {
        let _ = file;
        let h = &doc.header;
        let symbol = h.symbol.as_ref()?;
        symbol.number.as_ref()?;
        let number = symbol.value.clone();
        let issuing = h.issuing_body.as_ref().map(|p| p.text.as_str().to_string());
        let local = issuing
            .as_deref()
            .and_then(local_issuer_of_header)
            .or_else(|| {
                meta.and_then(|m| m.get("issuer"))
                    .and_then(|i| local_issuer_of_header(i))
            });
        let pd = h.place_date.as_ref();
        let date: Option<Ymd> = pd.and_then(|pd| {
            Some((
                pd.year.as_ref()?.parse().ok()?,
                pd.month.as_ref()?.parse().ok()?,
                pd.day.as_ref()?.parse().ok()?,
            ))
        });
        let year = date
            .map(|d| d.0)
            .or_else(|| symbol.year.as_ref()?.parse().ok())?;
        let key = document_key(&number, local.as_deref(), year)?;
        let meta_date = meta
            .filter(|m| {
                m.get("number").map(|n| cite::number_key(n)) == Some(cite::number_key(&number))
            })
            .and_then(|m| m.get("date"))
            .and_then(|d| format::parse_date(d));
        let kind = h.type_name.as_ref().and_then(|t| {
            let folded = crate::text::fold(t.text.as_str());
            codes::TYPE_WORDS
                .iter()
                .copied()
                .find(|w| crate::text::fold(w) == folded)
        });
        let central_issuer = issuing
            .as_deref()
            .and_then(codes::body_named_at)
            .map(|b| b.name);
        let title = h
            .title
            .as_ref()
            .map(|t| shorten(&clean_field(t.text.as_str())));
        let v = self.vote(key.clone());
        *v.numbers.entry(number).or_default() += OWN_WEIGHT;
        for d in [date, meta_date].into_iter().flatten() {
            if crate::rules::kinds::is_valid_date(d) {
                *v.dates.entry(d).or_default() += OWN_WEIGHT;
            }
        }
        if let Some(k) = kind {
            *v.kinds.entry(k).or_default() += OWN_WEIGHT;
        }
        if let Some(i) = central_issuer {
            *v.issuers.entry(i).or_default() += OWN_WEIGHT;
        }
        if let Some(t) = title.filter(|t| t.chars().count() >= 8) {
            *v.titles.entry(t).or_default() += OWN_WEIGHT;
        }
        Some(key)
    }

    /// The registry file: documents whose date most of their sources agree on (at least
    /// `min_votes` votes), and law names dated by at least `min_votes` citations. Sorted, so the
    /// same documents give the same bytes.
    pub fn finish(&self, min_votes: u32) -> String {
        let mut lines: BTreeMap<String, ()> = BTreeMap::new();
        for (key, v) in &self.documents {
            let Some((date, date_votes)) = top(&v.dates) else {
                continue;
            };
            let dated: u32 = v.dates.values().sum();
            if date_votes < min_votes || date_votes * 2 <= dated {
                continue;
            }
            let number = top(&v.numbers).map(|x| x.0).unwrap_or_default();
            let (kind, kind_votes) = top(&v.kinds).unwrap_or(("", 0));
            let (issuer, issuer_votes) = top(&v.issuers).unwrap_or(("", 0));
            let title = top(&v.titles)
                .filter(|(_, n)| *n >= 2)
                .map(|x| x.0)
                .unwrap_or_default();
            lines.insert(
                [
                    clean_field(key),
                    "d".to_string(),
                    clean_field(&number),
                    kind.to_string(),
                    kind_votes.to_string(),
                    show_date(date),
                    date_votes.to_string(),
                    dated.to_string(),
                    issuer.to_string(),
                    issuer_votes.to_string(),
                    title,
                ]
                .join("\t"),
                (),
            );
        }
        for (key, (spellings, dates)) in &self.names {
            let Some((name, _)) = top(spellings) else {
                continue;
            };
            // One line per version (date) of the law with enough votes; a version's number is
            // the one most often cited with that date.
            let mut by_date: BTreeMap<Ymd, (u32, HashMap<String, u32>)> = BTreeMap::new();
            for ((date, number), n) in dates {
                let e = by_date.entry(*date).or_default();
                e.0 += n;
                if !number.is_empty() {
                    *e.1.entry(number.clone()).or_default() += n;
                }
            }
            // Within a year a law has one date: the others are misquotes.
            let mut best_of_year: HashMap<i32, u32> = HashMap::new();
            for (d, (n, _)) in &by_date {
                let b = best_of_year.entry(d.0).or_default();
                *b = (*b).max(*n);
            }
            for (date, (votes, numbers)) in &by_date {
                if *votes < min_votes || best_of_year[&date.0] > *votes {
                    continue;
                }
                let number = top(numbers).map(|x| x.0).unwrap_or_default();
                lines.insert(
                    [
                        clean_field(key),
                        "n".to_string(),
                        clean_field(&name),
                        show_date(*date),
                        votes.to_string(),
                        number,
                    ]
                    .join("\t"),
                    (),
                );
            }
        }
        let mut out = String::new();
        out.push_str(HEADER);
        out.push('\n');
        out.push_str(&format!(
            "# {} tệp; {} dòng. Trường: xem src/registry/format.rs.\n",
            self.files,
            lines.len()
        ));
        for (l, ()) in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out
    }
}

impl Builder {
    /// Adds the votes another builder gathered (from other files).
    pub fn merge(&mut self, other: Builder) {
        fn add<K: std::hash::Hash + Eq>(a: &mut HashMap<K, u32>, b: HashMap<K, u32>) {
            for (k, v) in b {
                *a.entry(k).or_default() += v;
            }
        }
        self.files += other.files;
        for (key, v) in other.documents {
            let mine = self.documents.entry(key).or_default();
            add(&mut mine.numbers, v.numbers);
            add(&mut mine.kinds, v.kinds);
            add(&mut mine.dates, v.dates);
            add(&mut mine.issuers, v.issuers);
            add(&mut mine.titles, v.titles);
        }
        for (key, (spellings, dates)) in other.names {
            let mine = self.names.entry(key).or_default();
            add(&mut mine.0, spellings);
            add(&mut mine.1, dates);
        }
    }
}
