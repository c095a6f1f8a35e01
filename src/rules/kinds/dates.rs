//! `dates`: dates that exist, leading zeros, deadlines and periods not before the document's own
//! date, a cited number's year equal to its date's year, one number always cited with one date.
//!
//! ```toml
//! [params]
//! check = "exists"   # exists | leading-zero | deadline | period | cited-year | same-number-same-date
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::rules::context::{DocContext, Scope, ScopedText};
use crate::rules::search::{Searcher, WordBounded, candidates_of_any};
use crate::rules::spec::RuleError;

use super::{Check, Hit, Params};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Exists,
    LeadingZero,
    Deadline,
    Period,
    CitedYear,
    SameNumberSameDate,
}

#[derive(Debug)]
pub struct Dates {
    mode: Mode,
    scopes: Vec<Scope>,
}

/// A calendar date as (year, month, day).
pub type Ymd = (i32, u32, u32);

// Digits are ASCII (`[0-9]`, not `\d`): they are parsed as numbers, and each Unicode `\d` costs
// its compiled class at start-up.
static LONG: LazyLock<Searcher> = LazyLock::new(|| {
    Searcher::new(
        Regex::new(r"(?i)ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})")
            .expect("static regex"),
    )
});
static SHORT: LazyLock<WordBounded> = LazyLock::new(|| {
    WordBounded::new(
        r"([0-9]{1,2})([/.\-])([0-9]{1,2})[/.\-]([0-9]{4})",
        true,
        true,
    )
});
static DEADLINE: LazyLock<WordBounded> = LazyLock::new(|| {
    WordBounded::new(
        r"(?i)(?:trước|chậm nhất|không muộn hơn|hạn chót)(?:\s+là)?\s+ngày\s+(?:([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})|([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}))",
        true,
        false,
    )
});
static PERIOD: LazyLock<WordBounded> = LazyLock::new(|| {
    WordBounded::new(
        r"(?:(Quý|quý)\s+(IV|III|II|I)|(Tháng|tháng)\s+([0-9]{1,2}))\s+năm\s+([0-9]{4})",
        true,
        false,
    )
});
static DAY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)ngày\s+[0-9]{1,2}\s+$").expect("static regex"));
/// `NUMBER … ngày DATE`: group 1 the number, 2 the year within it when there is one (`15/2020/QĐ`),
/// 3 to 8 the date (long form, then short form). Both citation checks share it.
static CITATION: LazyLock<WordBounded> = LazyLock::new(|| {
    WordBounded::new(
        r"([0-9]{1,5}/(?:([0-9]{4})/)?[\p{Lu}Đ][\p{Lu}\p{Ll}Đđ0-9\-]*)\s*(?:,\s*)?ngày\s+(?:([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})|([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}))",
        true,
        false,
    )
});

/// The search for citations, for the rules that read [`DocContext::citations`]: declaring it
/// lets the engine's one pass find the texts that hold one.
pub fn citation_searcher() -> &'static Searcher {
    CITATION.searcher()
}

/// A cited document number with its date, as found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub number: String,
    /// The year written inside the number (`15/2020/QĐ-UBND`), if any.
    pub number_year: Option<u32>,
    /// The date as dd/mm/yyyy.
    pub date: String,
    pub ymd: Ymd,
    /// Byte range of the citation in its text.
    pub start: usize,
    pub end: usize,
    /// The type word written before the number (`Nghị định số …`), as in
    /// [`TYPE_WORDS`](crate::registry::codes::TYPE_WORDS).
    pub kind: Option<&'static str>,
    /// Where the issuer named after the date starts (`… ngày 05/3/2020 của Chính phủ`: the byte
    /// of `Chính`), if one is named.
    pub issuer_at: Option<usize>,
}

/// Every `NUMBER … ngày DATE` citation in a text.
pub fn citations(text: &str) -> Vec<Citation> {
    CITATION
        .captures_iter(text)
        .filter_map(|(c, span)| {
            let ymd = date_in(&c, 3)?;
            let number = c.get(1)?;
            Some(Citation {
                number: number.as_str().to_string(),
                number_year: num(&c, 2),
                date: show(ymd),
                ymd,
                start: span.start,
                end: span.end,
                kind: crate::registry::cite::kind_before(text, number.start()),
                issuer_at: crate::registry::cite::issuer_text_after(text, span.end)
                    .map(|(at, _)| at),
            })
        })
        .collect()
}

/// The citations of the texts of `scope` that may hold one (the candidates of the citation
/// search), each with the index of its text.
pub fn citations_of(scope: &crate::rules::search::ScopeTexts) -> Vec<(usize, Citation)> {
    let mut out = Vec::new();
    for i in CITATION.searcher().candidates(scope) {
        out.extend(
            citations(scope.texts[i].text.as_str())
                .into_iter()
                .map(|c| (i, c)),
        );
    }
    out
}
/// Whether (y, m, d) is a real calendar date.
/// Whether a short form `d/m/y` that is not a real date was meant as one. Dotted numbers whose
/// day or month cannot be one (`97.6.1923`, `98.5.2032`: codes and scores) are not dates, and a
/// date in month-first order (`8/21/2000`, quoted from English) exists: neither is a date that
/// does not exist.
fn reads_as_date(separator: &str, y: i32, m: u32, d: u32) -> bool {
    if separator == "." && (d > 31 || m > 12) {
        return false;
    }
    !is_valid(y, d, m)
}

pub fn is_valid(y: i32, m: u32, d: u32) -> bool {
    // Any year: historical dates (`ngày 2 tháng 9 năm 1945`, `năm 1859`) are real dates too.
    if !(1..=12).contains(&m) || d == 0 || y < 1 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    d <= days[m as usize - 1]
}

fn num(c: &Captures, i: usize) -> Option<u32> {
    c.get(i)?.as_str().parse().ok()
}

/// The date in capture groups (d, m, y) starting at `first`, or at `first + 3` for the short form.
fn date_in(c: &Captures, first: usize) -> Option<Ymd> {
    if let (Some(d), Some(m), Some(y)) = (num(c, first), num(c, first + 1), num(c, first + 2)) {
        return Some((y as i32, m, d));
    }
    let (d, m, y) = (num(c, first + 3)?, num(c, first + 4)?, num(c, first + 5)?);
    Some((y as i32, m, d))
}

/// The document's own date: full when written, otherwise the year only (a draft), as the first
/// day it could be.
fn document_date(ctx: &DocContext) -> Option<(Ymd, bool)> {
    let pd = ctx.doc.header.place_date.as_ref()?;
    let y: i32 = pd.year.as_ref()?.parse().ok()?;
    match (pd.day.as_ref(), pd.month.as_ref()) {
        (Some(d), Some(m)) => Some(((y, m.parse().ok()?, d.parse().ok()?), true)),
        _ => Some(((y, 1, 1), false)),
    }
}

fn period_end(c: &Captures) -> Option<Ymd> {
    let y: i32 = c.get(5)?.as_str().parse().ok()?;
    if let Some(q) = c.get(2) {
        let month = match q.as_str() {
            "I" => 3,
            "II" => 6,
            "III" => 9,
            _ => 12,
        };
        let last = [31, 30, 30, 31][(month / 3 - 1) as usize];
        return Some((y, month, last));
    }
    let m: u32 = c.get(4)?.as_str().parse().ok()?;
    if !(1..=12).contains(&m) {
        return None;
    }
    Some((y, m, 28))
}

/// Days since a fixed origin (for distances between dates; exact for the Gregorian calendar).
fn days((y, m, d): Ymd) -> i64 {
    let (y, m) = if m <= 2 {
        (i64::from(y) - 1, i64::from(m) + 12)
    } else {
        (i64::from(y), i64::from(m))
    };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + i64::from(d)
}

fn show((y, m, d): Ymd) -> String {
    format!("{d:02}/{m:02}/{y}")
}

impl Dates {
    pub fn compile(p: &Params, scopes: Vec<Scope>) -> Result<Self, RuleError> {
        let mode = match p.str("check")? {
            "exists" => Mode::Exists,
            "leading-zero" => Mode::LeadingZero,
            "deadline" => Mode::Deadline,
            "period" => Mode::Period,
            "cited-year" => Mode::CitedYear,
            "same-number-same-date" => Mode::SameNumberSameDate,
            other => return Err(p.error("check", format!("unknown dates check `{other}`"))),
        };
        Ok(Dates { mode, scopes })
    }

    fn check_text(
        &self,
        ctx: &DocContext,
        t: &ScopedText,
        seen: &mut HashMap<String, Ymd>,
        out: &mut Vec<Hit>,
    ) {
        let text = t.text.as_str();
        match self.mode {
            Mode::Exists => {
                for c in LONG.regex().captures_iter(text) {
                    if let Some((y, m, d)) = date_in(&c, 1)
                        && !is_valid(y, m, d)
                    {
                        let m0 = c.get(0).expect("group 0");
                        out.extend(Hit::at(t, m0.start(), m0.end()));
                    }
                }
                for (c, m0) in SHORT.captures_iter(text) {
                    // `15/2020/…` is a document number, not a date.
                    if text[m0.end..].starts_with('/') {
                        continue;
                    }
                    let (Some(d), Some(m), Some(y)) = (num(&c, 1), num(&c, 3), num(&c, 4)) else {
                        continue;
                    };
                    if !is_valid(y as i32, m, d) && reads_as_date(&c[2], y as i32, m, d) {
                        out.extend(Hit::at(t, m0.start, m0.end));
                    }
                }
            }
            Mode::LeadingZero => {
                for c in LONG.regex().captures_iter(text) {
                    let (day, month) = (c.get(1).expect("day"), c.get(2).expect("month"));
                    let d: u32 = day.as_str().parse().unwrap_or(0);
                    let m: u32 = month.as_str().parse().unwrap_or(0);
                    if d < 10 && day.as_str().len() == 1 {
                        out.extend(Hit::at(t, day.start(), day.end()).map(|h| {
                            h.suggest(format!("{d:02}"))
                                .var("expected", format!("{d:02}"))
                        }));
                    }
                    if m < 3 && month.as_str().len() == 1 {
                        out.extend(Hit::at(t, month.start(), month.end()).map(|h| {
                            h.suggest(format!("{m:02}"))
                                .var("expected", format!("{m:02}"))
                        }));
                    }
                }
            }
            Mode::Deadline => {
                let Some((doc_date, full)) = document_date(ctx) else {
                    return;
                };
                for (c, m0) in DEADLINE.captures_iter(text) {
                    let Some(date) = date_in(&c, 1) else { continue };
                    // "… đã chỉ đạo … hoàn thành trước ngày 30/10/2025": a sentence telling what
                    // was done recounts an earlier deadline, it does not set one.
                    let sentence = text[..m0.start]
                        .rfind(['.', ';', ':'])
                        .map_or(&text[..m0.start], |i| &text[i + 1..m0.start]);
                    if sentence.contains(" đã ") || sentence.starts_with("Đã ") {
                        continue;
                    }
                    // A deadline left over from an earlier round is recent; "nhà ở xây dựng trước
                    // ngày 01/7/2004" is a condition about the past, not a deadline.
                    let before = if full {
                        date < doc_date && days(date) + 366 >= days(doc_date)
                    } else {
                        date.0 == doc_date.0 - 1
                    };
                    if before {
                        out.extend(
                            Hit::at(t, m0.start, m0.end).map(|h| h.var("date", show(doc_date))),
                        );
                    }
                }
            }
            Mode::Period => {
                let Some((doc_date, full)) = document_date(ctx) else {
                    return;
                };
                for (c, m0) in PERIOD.captures_iter(text) {
                    // "ngày 10 tháng 11 năm 2022" is a date, not the period "tháng 11 năm 2022".
                    let before = &text[..m0.start];
                    if DAY_BEFORE.is_match(before) {
                        continue;
                    }
                    let Some(end) = period_end(&c) else { continue };
                    let before = if full {
                        end < doc_date
                    } else {
                        end.0 < doc_date.0
                    };
                    if before {
                        out.extend(
                            Hit::at(t, m0.start, m0.end).map(|h| h.var("date", show(doc_date))),
                        );
                    }
                }
            }
            Mode::CitedYear | Mode::SameNumberSameDate => {
                for c in citations(text) {
                    self.check_citation(t, &c, seen, out);
                }
            }
        }
    }

    fn check_citation(
        &self,
        t: &ScopedText,
        c: &Citation,
        seen: &mut HashMap<String, Ymd>,
        out: &mut Vec<Hit>,
    ) {
        match self.mode {
            // Only numbers with a year (`15/2020/QĐ`) are checked.
            Mode::CitedYear => {
                if let Some(number_year) = c.number_year
                    && c.ymd.0 != number_year as i32
                {
                    out.extend(Hit::at(t, c.start, c.end).map(|h| {
                        h.var("number", c.number.clone())
                            .var("date", c.date.clone())
                    }));
                }
            }
            Mode::SameNumberSameDate => match seen.get(&c.number) {
                Some(first) if *first != c.ymd => {
                    out.extend(
                        Hit::at(t, c.start, c.end)
                            .map(|h| h.var("number", c.number.clone()).var("date", show(*first))),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(c.number.clone(), c.ymd);
                }
            },
            _ => {}
        }
    }
}

impl Dates {
    /// The regexes the check searches with.
    fn regexes(&self) -> Vec<&'static Searcher> {
        match self.mode {
            Mode::Exists => vec![&LONG, SHORT.searcher()],
            Mode::LeadingZero => vec![&LONG],
            Mode::Deadline => vec![DEADLINE.searcher()],
            Mode::Period => vec![PERIOD.searcher()],
            Mode::CitedYear | Mode::SameNumberSameDate => vec![CITATION.searcher()],
        }
    }
}

impl Check for Dates {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        self.regexes()
            .into_iter()
            .map(|s| (self.scopes.as_slice(), s))
            .collect()
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let mut seen = HashMap::new();
        // The citations of the whole document are parsed once for every rule that reads them.
        if matches!(self.mode, Mode::CitedYear | Mode::SameNumberSameDate)
            && self.scopes == [Scope::All]
        {
            for (t, c) in ctx.citations() {
                self.check_citation(t, c, &mut seen, out);
            }
            return;
        }
        let scope = ctx.scope_texts(&self.scopes);
        for i in candidates_of_any(&self.regexes(), &scope) {
            self.check_text(ctx, &scope.texts[i], &mut seen, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        assert!(is_valid(2024, 2, 29));
        assert!(is_valid(1897, 4, 23), "historical dates exist");
        assert!(!is_valid(1900, 2, 29));
        assert!(
            !reads_as_date(".", 1923, 6, 97),
            "a dotted code is not a date"
        );
        assert!(!reads_as_date("/", 2000, 21, 8), "month-first order");
        assert!(reads_as_date("/", 2025, 11, 31));
        assert!(reads_as_date(".", 2025, 2, 30));
        assert!(!is_valid(2023, 2, 29));
        assert!(!is_valid(2023, 4, 31));
        assert!(is_valid(2023, 7, 31));
    }

    #[test]
    fn citations_share_one_regex_with_the_year_optional() {
        let text = "Quyết định số 15/2020/QĐ-UBND ngày 01/02/2021 và Công văn số 7/UBND-VX ngày 3 tháng 4 năm 2022";
        let found: Vec<(String, String)> = citations(text)
            .into_iter()
            .map(|c| (c.number, c.date))
            .collect();
        assert_eq!(
            found,
            [
                ("15/2020/QĐ-UBND".to_string(), "01/02/2021".to_string()),
                ("7/UBND-VX".to_string(), "03/04/2022".to_string()),
            ]
        );
        let c = CITATION.captures_iter(text).next().unwrap().0;
        assert_eq!(num(&c, 2), Some(2020));
        let c = CITATION.captures_iter(text).nth(1).unwrap().0;
        assert_eq!(num(&c, 2), None);
    }

    #[test]
    fn digits_are_ascii() {
        // Full-width digits are not parsed as a number's year (which read as year 0 before).
        assert!(citations("số 15/２０２０/QĐ ngày 01/02/2021").is_empty());
        assert_eq!(
            LONG.regex().find("ngày ０１ tháng 02 năm 2021"),
            None,
            "a date needs ASCII digits"
        );
    }
}
