//! Laws cited by name: `Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025`, `Bộ luật
//! Lao động số 45/2019/QH14`. A law's name runs from the word after `Luật` to its number, its
//! date or the end of the clause.

use std::sync::LazyLock;

use regex::Regex;

use crate::rules::kinds::Ymd;

/// A law named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawMention {
    /// `Luật Đất đai`, `Bộ luật Lao động`.
    pub name: String,
    /// Byte range of the name in its text.
    pub start: usize,
    pub end: usize,
}

/// A law named with its date (and maybe number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedMention {
    pub name: String,
    pub number: Option<String>,
    pub date: Ymd,
    /// Byte range from the name to the end of the date.
    pub start: usize,
    pub end: usize,
}

// Spaces and the word boundary are tested in code: Unicode classes cost more to compile than
// checking a small file.
static LAW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:Bộ luật|Luật) +").expect("static regex"));
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:số\s+([0-9]{1,3}/[0-9]{4}/QH[0-9]{1,2})\s*)?,?\s*ngày\s+(?:([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})|([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}))")
        .expect("static regex")
});

/// Words that end a law's name: what follows is its number, date or the sentence.
const STOPS: &[&str] = &[
    "số", "ngày", "năm", "được", "đã", "có", "hiện", "thì", "theo", "tại", "để", "này", "đang",
    "cùng", "trong", "của", "về", "với", "cho", "nêu", "như", "là", "mới", "sẽ", "hoặc",
];

/// Two-word phrases that end a name (`… quy định`, `… hướng dẫn`), and the words after which
/// `và` starts another act (`Luật Đất đai và Luật Nhà ở`) rather than continuing the name (`Luật
/// Khoa học và Công nghệ`).
const STOP_PAIRS: &[(&str, &str)] = &[
    ("quy", "định"),
    ("hướng", "dẫn"),
    ("thi", "hành"),
    ("sửa", "đổi"),
    ("bổ", "sung"),
    ("và", "Luật"),
    ("và", "Bộ"),
    ("và", "Nghị"),
    ("và", "Thông"),
    ("và", "Quyết"),
    ("và", "các"),
    ("và", "những"),
    ("và", "văn"),
];

/// The laws named in `text`: `Luật` (or `Bộ luật`) and a name starting with a capital, up to a
/// stop word or mark. `Luật này`, `Luật số 10/…` (no name) are not mentions.
pub fn mentions(text: &str) -> Vec<LawMention> {
    mentions_with(text, true)
}

/// [`mentions`], with names starting in lower case too (`Luật ban Ban hành …`, a misspelt name).
pub fn mentions_any_case(text: &str) -> Vec<LawMention> {
    mentions_with(text, false)
}

fn mentions_with(text: &str, capital: bool) -> Vec<LawMention> {
    let mut out = Vec::new();
    for m in LAW.find_iter(text) {
        if text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &text[m.end()..];
        if !rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || (!capital && c.is_alphabetic()))
        {
            continue;
        }
        let mut end = 0;
        let mut words = 0;
        let tokens: Vec<(usize, &str)> = rest
            .split_inclusive(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len();
                Some((start, w.trim_end()))
            })
            .collect();
        for (k, &(i, w)) in tokens.iter().enumerate() {
            let word = w.trim_end_matches([',', ';', '.', ':', ')', '"', '”', '*', '[', '…']);
            let next = tokens.get(k + 1).map_or("", |t| t.1);
            let pair_stop = STOP_PAIRS
                .iter()
                .any(|(a, b)| *a == word && next.starts_with(b));
            if word.is_empty()
                || (words > 0 && (STOPS.contains(&word) || pair_stop))
                || word.starts_with(['(', '"', '“', '[', '…', '.'])
                || word.chars().any(|c| c.is_ascii_digit())
                || words >= 16
            {
                break;
            }
            words += 1;
            end = i + word.len();
            // A mark after a word ends the name, but for a comma before a word in lower case
            // (`Phòng, chống tham nhũng`, `Quản lý, sử dụng tài sản công`; not `Đất đai, Luật
            // Nhà ở`).
            let comma_inside = w[word.len()..] == *","
                && next.chars().next().is_some_and(char::is_lowercase)
                && !STOPS.contains(&next);
            if word.len() < w.len() && !comma_inside {
                break;
            }
        }
        if words == 0 {
            continue;
        }
        let prefix = &text[m.start()..m.end()];
        out.push(LawMention {
            name: format!(
                "{}{}",
                prefix.split_whitespace().collect::<Vec<_>>().join(" ") + " ",
                &rest[..end]
            ),
            start: m.start(),
            end: m.end() + end,
        });
    }
    out
}

/// The laws named with a date in `text` (`Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm
/// 2024`), for the registry.
pub fn dated_mentions(text: &str) -> Vec<DatedMention> {
    mentions(text)
        .iter()
        .filter_map(|m| dated(text, m))
        .collect()
}

/// The date (and number) after a law named in `text`, when its name starts with a capital. `Luật
/// sửa đổi, bổ sung một số điều của Luật X ngày …`: the date is the amending law's, so a name
/// right after `của` has none of its own.
pub fn dated(text: &str, m: &LawMention) -> Option<DatedMention> {
    let first = m
        .name
        .split(' ')
        .find(|w| *w != "Bộ" && *w != "luật" && *w != "Luật")?;
    if !first.chars().next().is_some_and(char::is_uppercase)
        || text[..m.start].trim_end().ends_with("của")
    {
        return None;
    }
    let c = AFTER.captures(&text[m.end..])?;
    let n = |i: usize| -> Option<u32> { c.get(i)?.as_str().parse().ok() };
    let date = match (n(2), n(3), n(4)) {
        (Some(d), Some(mo), Some(y)) => (y as i32, mo, d),
        _ => (n(7)? as i32, n(6)?, n(5)?),
    };
    if !crate::rules::kinds::is_valid_date(date) {
        return None;
    }
    Some(DatedMention {
        name: m.name.clone(),
        number: c.get(1).map(|x| x.as_str().to_string()),
        date,
        start: m.start,
        end: m.end + c.get(0)?.end(),
    })
}

/// The texts that may name a law, for the engine's one pass; what follows the word is read here
/// (a Unicode letter class in the search would cost more to compile than checking a small file).
pub fn searcher() -> &'static crate::rules::search::Searcher {
    static LAW_TEXTS: LazyLock<crate::rules::search::Searcher> = LazyLock::new(|| {
        crate::rules::search::Searcher::new(Regex::new(r"(?:Bộ luật|Luật) ").expect("static regex"))
    });
    &LAW_TEXTS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_end_at_their_number_or_date() {
        let t = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;";
        let d = dated_mentions(t);
        assert_eq!(d[0].name, "Luật Tổ chức chính quyền địa phương");
        assert_eq!(d[0].date, (2025, 6, 16));
        let t = "Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019;";
        let d = dated_mentions(t);
        assert_eq!(d[0].name, "Bộ luật Lao động");
        assert_eq!(d[0].number.as_deref(), Some("45/2019/QH14"));
        let m = mentions("Luật Khoa học và Công nghệ quy định");
        assert_eq!(m[0].name, "Luật Khoa học và Công nghệ");
        let m = mentions("Luật Ban hành văn bản quy phạm pháp luật ngày");
        assert_eq!(m[0].name, "Luật Ban hành văn bản quy phạm pháp luật");
        let m = mentions("theo Luật Phòng, chống tham nhũng và Luật này");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].name, "Luật Phòng, chống tham nhũng");
        assert!(mentions("Luật số 10/2022/QH15").is_empty());
        let m = mentions("Căn cứ Luật Quản lý, sử dụng tài sản công ngày 21");
        assert_eq!(m[0].name, "Luật Quản lý, sử dụng tài sản công");
        let m = mentions("Luật Đất đai, Luật Nhà ở");
        assert_eq!(m[0].name, "Luật Đất đai");
        let m = mentions("Căn cứ Luật Tổ chức chính quyền địa phương….. ngày....");
        assert_eq!(m[0].name, "Luật Tổ chức chính quyền địa phương");
        assert!(
            dated_mentions("Luật sửa đổi một số điều của Luật Đất đai ngày 1/1/2025").is_empty()
        );
    }
}
