//! What a document number's code says: the type of document (`NĐ` → Nghị định, Phụ lục III of
//! Nghị định 30/2020/NĐ-CP) and the central body that issues it (`CP` → Chính phủ, `BTC` → Bộ Tài
//! chính), with the 2025 reorganisation of the ministries (Nghị quyết 176/2025/QH15, in force from
//! 1 March 2025).

/// A central body: its code in document numbers, its official name (Phụ lục II's capitalisation)
/// and, for a body merged or renamed in 2025, the codes of the bodies that took its work over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Body {
    pub code: &'static str,
    pub name: &'static str,
    /// Until when the body existed (dd/mm/yyyy), for bodies merged or renamed.
    pub until: Option<&'static str>,
    /// The bodies that took its work over.
    pub successors: &'static [&'static str],
}

const fn body(code: &'static str, name: &'static str) -> Body {
    Body {
        code,
        name,
        until: None,
        successors: &[],
    }
}

const fn merged(
    code: &'static str,
    name: &'static str,
    until: &'static str,
    successors: &'static [&'static str],
) -> Body {
    Body {
        code,
        name,
        until: Some(until),
        successors,
    }
}

/// The central bodies whose codes appear in document numbers.
pub const BODIES: &[Body] = &[
    body("CP", "Chính phủ"),
    body("TTg", "Thủ tướng Chính phủ"),
    body("QH", "Quốc hội"),
    body("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    body("CTN", "Chủ tịch nước"),
    body("BTC", "Bộ Tài chính"),
    body("BCT", "Bộ Công Thương"),
    body("BYT", "Bộ Y tế"),
    body("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    body("BNV", "Bộ Nội vụ"),
    body("BTP", "Bộ Tư pháp"),
    body("BQP", "Bộ Quốc phòng"),
    body("BCA", "Bộ Công an"),
    body("BXD", "Bộ Xây dựng"),
    body("BNNMT", "Bộ Nông nghiệp và Môi trường"),
    body("BKHCN", "Bộ Khoa học và Công nghệ"),
    body("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"),
    body("BNG", "Bộ Ngoại giao"),
    body("BDTTG", "Bộ Dân tộc và Tôn giáo"),
    body("NHNN", "Ngân hàng Nhà nước Việt Nam"),
    body("TTCP", "Thanh tra Chính phủ"),
    body("VPCP", "Văn phòng Chính phủ"),
    body("KTNN", "Kiểm toán nhà nước"),
    body("TANDTC", "Tòa án nhân dân tối cao"),
    body("VKSNDTC", "Viện kiểm sát nhân dân tối cao"),
    merged("BKHĐT", "Bộ Kế hoạch và Đầu tư", "28/02/2025", &["BTC"]),
    merged(
        "BTNMT",
        "Bộ Tài nguyên và Môi trường",
        "28/02/2025",
        &["BNNMT"],
    ),
    merged(
        "BNNPTNT",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "28/02/2025",
        &["BNNMT"],
    ),
    merged("BGTVT", "Bộ Giao thông vận tải", "28/02/2025", &["BXD"]),
    merged(
        "BLĐTBXH",
        "Bộ Lao động - Thương binh và Xã hội",
        "28/02/2025",
        &["BNV", "BYT", "BGDĐT"],
    ),
    merged(
        "BTTTT",
        "Bộ Thông tin và Truyền thông",
        "28/02/2025",
        &["BKHCN"],
    ),
    merged("UBDT", "Ủy ban Dân tộc", "28/02/2025", &["BDTTG"]),
];

/// The bodies' names folded (see [`crate::text::fold`]), once.
static FOLDED: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| BODIES.iter().map(|b| crate::text::fold(b.name)).collect());

/// The first words of the bodies' folded names, each once (`bo`, `chinh`, `thu` …): most
/// texts after a citation start with none of them.
static FIRST_WORDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut words: Vec<&'static str> = FOLDED
        .iter()
        .map(|n| n.split(' ').next().unwrap_or(""))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// The central body of an agency code (`BTC`, `QH15` → `QH`, `UBTVQH15` → `UBTVQH`).
pub fn body_of_code(code: &str) -> Option<&'static Body> {
    let bare = code.trim_end_matches(|c: char| c.is_ascii_digit());
    BODIES.iter().find(|b| b.code == bare)
}

/// The central body named at the start of `text` (`Bộ trưởng Bộ Tài chính hướng dẫn …` → Bộ Tài
/// chính; `Thủ tướng Chính phủ về …` → Thủ tướng Chính phủ), compared without case and tone style,
/// the longest name winning (`Thủ tướng Chính phủ` over `Chính phủ`). A name must end at a word
/// boundary.
pub fn body_named_at(text: &str) -> Option<&'static Body> {
    let text = text
        .strip_prefix("Bộ trưởng ")
        .or_else(|| text.strip_prefix("Bộ trưởng, "))
        .unwrap_or(text);
    // Only a text starting as a body's name can be one (`Bộ`, `Chính`, `Thủ`, `Quốc` …).
    let head = crate::text::fold(text.split(' ').next().unwrap_or(""));
    if !FIRST_WORDS.iter().any(|w| *w == head) {
        return None;
    }
    let folded = crate::text::fold(&text.chars().take(60).collect::<String>());
    let mut best: Option<&'static Body> = None;
    for (b, name) in BODIES.iter().zip(FOLDED.iter()) {
        if let Some(rest) = folded.strip_prefix(name.as_str())
            && rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
            && best.is_none_or(|x| x.name.len() < b.name.len())
        {
            best = Some(b);
        }
    }
    best
}

/// The type words a type code of a number stands for (Phụ lục III; `QH15` numbers laws and the
/// Quốc hội's resolutions, `PL` ordinances). `None` for a code that is no type (a công văn's).
pub fn type_words(code: &str) -> Option<&'static [&'static str]> {
    Some(match code {
        "NĐ" => &["Nghị định"],
        "QĐ" => &["Quyết định"],
        "TT" => &["Thông tư"],
        "TTLT" => &["Thông tư liên tịch", "Thông tư"],
        "NQ" | "NQLT" => &["Nghị quyết"],
        "CT" => &["Chỉ thị"],
        "KH" => &["Kế hoạch"],
        "TB" => &["Thông báo"],
        "HD" => &["Hướng dẫn"],
        "BC" => &["Báo cáo"],
        "TTr" => &["Tờ trình"],
        "CĐ" => &["Công điện"],
        "PL" => &["Pháp lệnh"],
        "L" => &["Lệnh"],
        _ => return None,
    })
}

/// The type words a citation may carry before its number, longest first so that `Thông tư liên
/// tịch` is read whole.
pub const TYPE_WORDS: &[&str] = &[
    "Thông tư liên tịch",
    "Nghị định",
    "Nghị quyết",
    "Quyết định",
    "Thông tư",
    "Chỉ thị",
    "Kế hoạch",
    "Thông báo",
    "Hướng dẫn",
    "Báo cáo",
    "Tờ trình",
    "Công điện",
    "Pháp lệnh",
    "Bộ luật",
    "Luật",
    "Lệnh",
];

/// The parts of a number's ký hiệu: (type code, agency codes). `15/2025/QĐ-TTg` → (`QĐ`,
/// [`TTg`]); `10/2022/QH15` → (none, [`QH15`]); `02/2021/TTLT-BTC-BYT` → (`TTLT`, [`BTC`, `BYT`]).
pub fn code_parts(number: &str) -> (Option<&str>, Vec<&str>) {
    let symbol = number.rsplit('/').next().unwrap_or("");
    let mut parts = symbol.split('-').filter(|p| !p.is_empty());
    let Some(first) = parts.next() else {
        return (None, Vec::new());
    };
    if type_words(first).is_some() {
        (Some(first), parts.collect())
    } else {
        (None, std::iter::once(first).chain(parts).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_types_and_bodies() {
        assert_eq!(code_parts("15/2025/QĐ-TTg"), (Some("QĐ"), vec!["TTg"]));
        assert_eq!(code_parts("10/2022/QH15"), (None, vec!["QH15"]));
        assert_eq!(
            code_parts("02/2021/TTLT-BTC-BYT"),
            (Some("TTLT"), vec!["BTC", "BYT"])
        );
        assert_eq!(body_of_code("QH15").unwrap().name, "Quốc hội");
        assert_eq!(body_of_code("BTC").unwrap().name, "Bộ Tài chính");
        assert_eq!(
            body_named_at("Thủ tướng Chính phủ về việc").unwrap().code,
            "TTg"
        );
        assert_eq!(body_named_at("Chính phủ quy định").unwrap().code, "CP");
        assert_eq!(
            body_named_at("Bộ trưởng Bộ Công Thương quy định")
                .unwrap()
                .code,
            "BCT"
        );
        assert_eq!(body_named_at("Bộ Tài chínhx"), None);
        assert_eq!(body_named_at("Ủy ban nhân dân tỉnh"), None);
    }
}
