//! What surrounds a citation's number: the type word before it (`Nghị định số …`), the issuer
//! after its date (`… của Bộ Tài chính`), the title after that; and the key a number is known by
//! (local documents share numbers across provinces, so theirs carries the issuer).

use super::codes::{self, TYPE_WORDS};

/// The type word written just before a number (`Nghị định số 30/…`, `Thông tư 02/…`), as in
/// [`TYPE_WORDS`]; compared without case (`nghị định số`).
pub fn kind_before(text: &str, start: usize) -> Option<&'static str> {
    let mut before = text[..start].trim_end();
    before = before
        .strip_suffix("số")
        .or_else(|| before.strip_suffix("Số"))
        .unwrap_or(before)
        .trim_end();
    // The last 25 characters are enough for the longest type word.
    let tail: String = {
        let n = before.chars().count();
        before.chars().skip(n.saturating_sub(25)).collect()
    };
    let tail = tail.to_lowercase();
    TYPE_WORDS.iter().copied().find(|w| {
        tail.strip_suffix(&w.to_lowercase()).is_some_and(|rest| {
            rest.chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// The issuer named after a citation's date: the text after `của` (`… ngày 05/3/2020 của Chính
/// phủ về …` → `Chính phủ về …`), or `None`.
pub fn issuer_text_after(text: &str, end: usize) -> Option<(usize, &str)> {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', ',']);
    let after = trimmed.strip_prefix("của ")?;
    let at = end + (rest.len() - after.len());
    Some((at, after))
}

/// A local body as a key: `UBND tỉnh Lào Cai`, `Ủy ban nhân dân tỉnh Lào Cai` and `ỦY BAN NHÂN DÂN
/// TỈNH LÀO CAI` are one (lower case, `UBND` spelt out, `Uỷ` as `Ủy`, `TP.` as `thành phố`).
/// Read by hand rather than by a regex: a regex with Unicode letter classes costs more to
/// compile than checking a small file.
pub fn local_issuer(text: &str) -> Option<String> {
    let text = text.strip_prefix("Chủ tịch ").unwrap_or(text);
    let (body, rest) = [
        ("Ủy ban nhân dân ", "ủy ban nhân dân"),
        ("Uỷ ban nhân dân ", "ủy ban nhân dân"),
        ("UBND ", "ủy ban nhân dân"),
        ("Hội đồng nhân dân ", "hội đồng nhân dân"),
        ("HĐND ", "hội đồng nhân dân"),
    ]
    .iter()
    .find_map(|(p, key)| text.strip_prefix(p).map(|r| (*key, r)))?;
    let (level, rest) = [
        ("tỉnh ", "tỉnh"),
        ("thành phố ", "thành phố"),
        ("Thành phố ", "thành phố"),
        ("TP. ", "thành phố"),
        ("TP ", "thành phố"),
    ]
    .iter()
    .find_map(|(p, key)| rest.strip_prefix(p).map(|r| (*key, r)))?;
    let name: Vec<String> = rest
        .split(' ')
        .map(|w| w.trim_end_matches([',', ';', '.', ':', ')', '*']))
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .take(4)
        .map(str::to_lowercase)
        .collect();
    if name.is_empty() {
        return None;
    }
    Some(format!("{body} {level} {}", name.join(" ")))
}

/// A header's issuing body as a local key (`ỦY BAN NHÂN DÂN TỈNH LÀO CAI`), via title case.
pub fn local_issuer_of_header(text: &str) -> Option<String> {
    let lower = text.to_lowercase().replace("uỷ", "ủy");
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    for (body, key) in [
        ("ủy ban nhân dân ", "ủy ban nhân dân"),
        ("hội đồng nhân dân ", "hội đồng nhân dân"),
    ] {
        if let Some(rest) = lower.strip_prefix(body) {
            for level in ["tỉnh ", "thành phố "] {
                if let Some(name) = rest.strip_prefix(level) {
                    let name = name.trim_end_matches(|c: char| !c.is_alphanumeric());
                    if !name.is_empty() && name.split(' ').count() <= 4 {
                        return Some(format!("{key} {}{name}", level));
                    }
                }
            }
        }
    }
    None
}

/// Whether a number's agency is a central body: its documents are known by their number alone;
/// the others (`QĐ-UBND`, `NQ-HĐND`) are keyed with their issuer.
pub fn is_central(number: &str) -> bool {
    let (_, agencies) = codes::code_parts(number);
    !agencies.is_empty() && agencies.iter().all(|a| codes::body_of_code(a).is_some())
}

/// The key of a number: `05/2020/TT-BYT` and `5/2020/TT-BYT` are one document (leading zeros of
/// the serial dropped, spaces removed).
pub fn number_key(number: &str) -> String {
    let n: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    let (serial, rest) = n.split_once('/').unwrap_or((&n, ""));
    let serial = serial.trim_start_matches('0');
    format!("{}/{rest}", if serial.is_empty() { "0" } else { serial })
}

/// The key of a document: its number's, with `~year` for a number without its year (numbers
/// start again each year: `346/QĐ-TTg~2023`) and `@issuer` for a local document (`None` when a
/// local document's issuer is not known: it cannot be told from the same number of another
/// province).
pub fn document_key(number: &str, local_issuer: Option<&str>, year: i32) -> Option<String> {
    let mut key = number_key(number);
    if key.matches('/').count() < 2 {
        key = format!("{key}~{year}");
    }
    if is_central(number) {
        Some(key)
    } else {
        Some(format!("{key}@{}", local_issuer?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn around_a_number() {
        let t =
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư";
        let start = t.find("30/").unwrap();
        assert_eq!(kind_before(t, start), Some("Nghị định"));
        assert_eq!(
            kind_before("theo thông tư liên tịch số 1/", 28),
            Some("Thông tư liên tịch")
        );
        assert_eq!(kind_before("Xem số 1/", 8), None);
        let end = t.find(" của").unwrap();
        assert_eq!(
            issuer_text_after(t, end).unwrap().1,
            "Chính phủ về công tác văn thư"
        );
        assert_eq!(
            local_issuer("UBND tỉnh Lào Cai về việc").as_deref(),
            Some("ủy ban nhân dân tỉnh lào cai")
        );
        assert_eq!(
            local_issuer_of_header("ỦY BAN NHÂN DÂN TỈNH LÀO CAI").as_deref(),
            Some("ủy ban nhân dân tỉnh lào cai")
        );
        assert_eq!(number_key("05/2020/TT-BYT"), "5/2020/TT-BYT");
        assert!(is_central("30/2020/NĐ-CP"));
        assert!(is_central("10/2022/QH15"));
        assert!(!is_central("15/2014/QĐ-UBND"));
        assert_eq!(document_key("15/2014/QĐ-UBND", None, 2014), None);
        assert_eq!(
            document_key("346/QĐ-TTg", None, 2023).as_deref(),
            Some("346/QĐ-TTg~2023")
        );
    }
}
