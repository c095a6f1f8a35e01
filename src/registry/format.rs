//! The registry file: UTF-8 text, a header line, comments (`#`), then one fact a line, fields
//! separated by tabs, sorted by key (so that the file is read in place, by binary search):
//!
//! ```text
//! (⇥ stands for a tab)
//! # rasoat registry 1
//! 30/2020/NĐ-CP ⇥ d ⇥ 30/2020/NĐ-CP ⇥ Nghị định ⇥ 41 ⇥ 05/03/2020 ⇥ 57 ⇥ 58 ⇥ Chính phủ ⇥ 50 ⇥ về công tác văn thư
//! luật đất đai ⇥ n ⇥ Luật Đất đai ⇥ 18/01/2024 ⇥ 25 ⇥ 31/2024/QH15
//! ```
//!
//! A document line (`d`): key, `d`, number as most often written, type word and its votes, date,
//! the votes for it and the number of dated sources, issuer and its votes, title (trích yếu). A
//! law name line (`n`): the name's key (lower case), `n`, the name as most often written, the
//! date of this version of the law, its votes, its number (or empty). The key of a document is
//! its number (leading zeros dropped, `5/2020/TT-BYT`), with `@issuer` for a local document
//! (`15/2014/QĐ-UBND@ủy ban nhân dân tỉnh lào cai`). Votes count sources: each document's own
//! header or metadata, and each citation in another document.

use thiserror::Error;

use crate::rules::kinds::Ymd;

/// The first line of every registry file.
pub const HEADER: &str = "# rasoat registry 1";

/// A registry file that cannot be read.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{path}:{line}: {message}")]
pub struct RegistryError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// A document the registry knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'r> {
    pub key: &'r str,
    pub number: &'r str,
    pub kind: Option<&'r str>,
    pub kind_votes: u32,
    pub date: Option<Ymd>,
    pub date_votes: u32,
    /// Sources that gave a date (agreeing or not).
    pub dated: u32,
    pub issuer: Option<&'r str>,
    pub issuer_votes: u32,
    pub title: Option<&'r str>,
}

/// One version of a law known by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry<'r> {
    pub name: &'r str,
    pub date: Ymd,
    pub votes: u32,
    pub number: Option<&'r str>,
}

/// A law name split into folded words, for the near-miss search.
#[derive(Debug, Clone)]
pub struct KnownName {
    pub key: String,
    pub name: String,
    pub words: Vec<String>,
    pub votes: u32,
}

impl KnownName {
    pub fn new(name: &str, votes: u32) -> KnownName {
        KnownName {
            key: name_key(name),
            name: name.to_string(),
            words: name_key(name).split(' ').map(str::to_string).collect(),
            votes,
        }
    }
}

/// The key of a law's name: lower case, one space between words, `uỷ` as `ủy`.
pub fn name_key(name: &str) -> String {
    // Old and new tone placement (`uỷ`/`ủy`, `hoà`/`hòa`: at a syllable's end only, `toàn`
    // is written one way) are one name.
    const ENDS: [(&str, &str); 6] = [
        ("uỷ", "ủy"),
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
    ];
    name.to_lowercase()
        .split_whitespace()
        .map(|w| {
            for (old, new) in ENDS {
                if let Some(stem) = w.strip_suffix(old) {
                    return format!("{stem}{new}");
                }
            }
            w.to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key of a fact line (its first field).
pub fn key_of(line: &str) -> &str {
    // memchr: binary searches over the registry call this a dozen times per lookup.
    let end = memchr::memchr2(b'\t', b'\n', line.as_bytes()).unwrap_or(line.len());
    &line[..end]
}

/// The line starting at byte `at`, without its end.
pub fn line_at(text: &str, at: u32) -> &str {
    let rest = &text[at as usize..];
    &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())]
}

/// The offsets of the fact lines of a (valid) file, sorted by key: the file's own order when it
/// is sorted, as the files rasoat writes are.
pub fn index(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        if !line.starts_with('#') && !line.trim().is_empty() {
            out.push(at as u32);
        }
        at += line.len();
    }
    let sorted = out
        .windows(2)
        .all(|w| key_of(&text[w[0] as usize..]) <= key_of(&text[w[1] as usize..]));
    if !sorted {
        out.sort_by(|a, b| key_of(&text[*a as usize..]).cmp(key_of(&text[*b as usize..])));
    }
    out
}

fn count(s: &str) -> Result<u32, String> {
    s.parse()
        .map_err(|_| format!("số lượng nguồn không hợp lệ: `{s}`"))
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// A date written dd/mm/yyyy.
pub fn parse_date(s: &str) -> Option<Ymd> {
    let mut it = s.split('/');
    let d = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let y = it.next()?.parse().ok()?;
    it.next().is_none().then_some((y, m, d))
}

pub fn show_date((y, m, d): Ymd) -> String {
    format!("{d:02}/{m:02}/{y}")
}

/// A document line, `None` for a line of another kind.
pub fn parse_document(line: &str) -> Result<Option<Entry<'_>>, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.get(1) != Some(&"d") {
        return Ok(None);
    }
    if f.len() != 11 {
        return Err(format!("dòng văn bản cần 11 trường, có {}", f.len()));
    }
    let date = match opt(f[5]) {
        None => None,
        Some(d) => Some(parse_date(d).ok_or_else(|| format!("ngày không hợp lệ: `{d}`"))?),
    };
    Ok(Some(Entry {
        key: f[0],
        number: f[2],
        kind: opt(f[3]),
        kind_votes: count(f[4])?,
        date,
        date_votes: count(f[6])?,
        dated: count(f[7])?,
        issuer: opt(f[8]),
        issuer_votes: count(f[9])?,
        title: opt(f[10]),
    }))
}

/// A law name line, `None` for a line of another kind.
pub fn parse_name(line: &str) -> Result<Option<NameEntry<'_>>, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.get(1) != Some(&"n") {
        return Ok(None);
    }
    if f.len() != 6 {
        return Err(format!("dòng tên luật cần 6 trường, có {}", f.len()));
    }
    Ok(Some(NameEntry {
        name: f[2],
        date: parse_date(f[3]).ok_or_else(|| format!("ngày không hợp lệ: `{}`", f[3]))?,
        votes: count(f[4])?,
        number: opt(f[5]),
    }))
}

/// Checks a whole file: its header and every line, so that a bad file is refused when read
/// rather than misread during a check.
pub fn validate(path: &str, text: &str) -> Result<(), RegistryError> {
    let error = |line: usize, message: String| RegistryError {
        path: path.to_string(),
        line,
        message,
    };
    if text.lines().next().map(str::trim_end) != Some(HEADER) {
        return Err(error(
            1,
            format!("không phải tệp danh mục văn bản của rasoat (dòng đầu phải là `{HEADER}`)"),
        ));
    }
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let parsed = match line.split('\t').nth(1) {
            Some("d") => parse_document(line).map(|_| ()),
            Some("n") => parse_name(line).map(|_| ()),
            _ => Err("loại dòng phải là `d` (văn bản) hoặc `n` (tên luật)".to_string()),
        };
        parsed.map_err(|m| error(i + 1, m))?;
    }
    Ok(())
}

/// A field written without tabs or line ends.
pub fn clean_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_back() {
        let l = "30/2020/NĐ-CP\td\t30/2020/NĐ-CP\tNghị định\t4\t05/03/2020\t5\t6\tChính phủ\t5\tvề công tác văn thư";
        let e = parse_document(l).unwrap().unwrap();
        assert_eq!(e.date, Some((2020, 3, 5)));
        assert_eq!(e.issuer, Some("Chính phủ"));
        assert_eq!(key_of(l), "30/2020/NĐ-CP");
        let n = parse_name("luật đất đai\tn\tLuật Đất đai\t18/01/2024\t25\t31/2024/QH15")
            .unwrap()
            .unwrap();
        assert_eq!(n.number, Some("31/2024/QH15"));
        assert!(validate("x.tsv", "nope").is_err());
        let bad = format!("{HEADER}\n1/2020/NĐ-CP\td\tx\n");
        assert_eq!(validate("x.tsv", &bad).unwrap_err().line, 2);
        assert_eq!(name_key("Luật  Tổ chức Uỷ ban"), "luật tổ chức ủy ban");
        assert_eq!(name_key("An toàn hoà"), "an toàn hòa");
    }
}
