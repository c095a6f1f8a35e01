//! Vietnamese text typed in the 8-bit font encodings of the 1990s, TCVN3 (ABC, the `.VnTime`
//! fonts) and VNI (the `VNI-Times` fonts), and later read as Unicode: `Céng hoµ x· héi` (TCVN3) and
//! `Coäng hoøa xaõ hoäi` (VNI) for `Cộng hoà xã hội`.
//!
//! Detection and conversion work line by line, because such text usually arrives pasted into an
//! otherwise Unicode document: a line is converted only when it carries characters Vietnamese
//! Unicode text never uses and the conversion turns its words into Vietnamese ones. Pure.

use unicode_normalization::UnicodeNormalization;

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN 5712:1993 bytes 0xA1–0xFF (the VN3/ABC letters, plus VN1's capitals in the spare
/// positions), generated from glibc's TCVN5712-1 converter.
const TCVN3_HIGH: [char; 95] = [
    '\u{102}', '\u{C2}', '\u{CA}', '\u{D4}', '\u{1A0}', '\u{1AF}', '\u{110}', '\u{103}', '\u{E2}',
    '\u{EA}', '\u{F4}', '\u{1A1}', '\u{1B0}', '\u{111}', '\u{1EB0}', '\u{300}', '\u{309}',
    '\u{303}', '\u{301}', '\u{323}', '\u{E0}', '\u{1EA3}', '\u{E3}', '\u{E1}', '\u{1EA1}',
    '\u{1EB2}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EAF}', '\u{1EB4}', '\u{1EAE}', '\u{1EA6}',
    '\u{1EA8}', '\u{1EAA}', '\u{1EA4}', '\u{1EC0}', '\u{1EB7}', '\u{1EA7}', '\u{1EA9}', '\u{1EAB}',
    '\u{1EA5}', '\u{1EAD}', '\u{E8}', '\u{1EC2}', '\u{1EBB}', '\u{1EBD}', '\u{E9}', '\u{1EB9}',
    '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EBF}', '\u{1EC7}', '\u{EC}', '\u{1EC9}', '\u{1EC4}',
    '\u{1EBE}', '\u{1ED2}', '\u{129}', '\u{ED}', '\u{1ECB}', '\u{F2}', '\u{1ED4}', '\u{1ECF}',
    '\u{F5}', '\u{F3}', '\u{1ECD}', '\u{1ED3}', '\u{1ED5}', '\u{1ED7}', '\u{1ED1}', '\u{1ED9}',
    '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{1EDB}', '\u{1EE3}', '\u{F9}', '\u{1ED6}', '\u{1EE7}',
    '\u{169}', '\u{FA}', '\u{1EE5}', '\u{1EEB}', '\u{1EED}', '\u{1EEF}', '\u{1EE9}', '\u{1EF1}',
    '\u{1EF3}', '\u{1EF7}', '\u{1EF9}', '\u{FD}', '\u{1EF5}', '\u{1ED0}',
];

/// Characters that Vietnamese Unicode text never uses but TCVN3 or VNI text read as Windows-1252
/// shows in nearly every word.
fn is_marker(c: char) -> bool {
    matches!(
        c,
        'µ' | '·'
            | '¸'
            | '¶'
            | '¹'
            | '¨'
            | '©'
            | 'ª'
            | '«'
            | '¬'
            | '®'
            | '¡'
            | '¢'
            | '£'
            | '¤'
            | '¥'
            | '¦'
            | '§'
            | '»'
            | '¼'
            | '½'
            | '¾'
            | 'Æ'
            | 'Ç'
            | 'Ë'
            | 'Î'
            | 'Ï'
            | 'Ð'
            | 'Ñ'
            | 'Ö'
            | 'Ø'
            | 'Û'
            | 'Ü'
            | 'Þ'
            | 'ß'
            | 'ä'
            | 'å'
            | 'æ'
            | 'ç'
            | 'ë'
            | 'î'
            | 'ï'
            | 'ñ'
            | 'ö'
            | 'ø'
            | 'û'
            | 'ü'
            | 'þ'
            // TCVN3's ư is byte 0xAD, a soft hyphen in Windows-1252.
            | '\u{AD}'
    )
}

/// Whether `text` holds a [marker](is_marker) character. Markers are all U+00A1–U+00FF, two
/// bytes led by C2 or C3 in UTF-8: only those bytes are looked at, so that a Unicode document
/// (most of whose letters are not markers) is passed over at the speed of a byte search.
fn has_marker(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xC2, 0xC3, bytes).any(|i| {
        bytes.get(i + 1).is_some_and(|&next| {
            let code = (u32::from(bytes[i] & 0x1F) << 6) | u32::from(next & 0x3F);
            char::from_u32(code).is_some_and(is_marker)
        })
    })
}

/// Tone marks, as combining characters after canonical decomposition.
fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// A Vietnamese syllable: an onset, a vowel nucleus and a coda, with at most one tone mark.
/// Conversions are told apart by how many of their words are syllables: TCVN3 read as VNI keeps
/// its marker characters, and VNI read as TCVN3 gives vowel clusters no syllable has (`hoứa`).
pub fn is_syllable(word: &str) -> bool {
    static SYLLABLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            "^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?\
             (uyê|uya|uyu|iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|\
             oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|ươ|ưa|ưi|ưu|uy|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)\
             (ch|ng|nh|[cmnpt])?$",
        )
        .expect("the syllable pattern is valid")
    });
    // The longest syllables have seven letters (nghiêng).
    if word.is_empty() || word.len() > 8 * 3 {
        return false;
    }
    let mut tones = 0;
    let mut base = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match untoned(c) {
            Some((b, toned)) => {
                tones += usize::from(toned);
                base.push(b);
            }
            None => return false,
        }
    }
    tones <= 1 && SYLLABLE.is_match(&base)
}

/// A lower-case letter of the Vietnamese alphabet without its tone mark, and whether it had one
/// (`ấ` → `â`, true); `None` for anything else.
fn untoned(c: char) -> Option<(char, bool)> {
    static TABLE: std::sync::LazyLock<std::collections::HashMap<char, (char, bool)>> =
        std::sync::LazyLock::new(|| {
            let mut table = std::collections::HashMap::new();
            let letters = ('a'..='z')
                .chain(['đ'])
                .chain('\u{C0}'..='\u{1B0}')
                .chain('\u{1EA0}'..='\u{1EF9}');
            for c in letters.filter(|c| c.is_lowercase()) {
                let decomposed: String = c.nfd().collect();
                let toned = decomposed.chars().any(is_tone);
                let base: String = decomposed.chars().filter(|&d| !is_tone(d)).nfc().collect();
                let mut chars = base.chars();
                if let (Some(b), None) = (chars.next(), chars.next())
                    && (b.is_ascii_lowercase() || "ăâêôơưđ".contains(b))
                {
                    table.insert(c, (b, toned));
                }
            }
            table
        });
    TABLE.get(&c).copied()
}

fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !c.is_alphanumeric() && !is_marker(c))
        .filter(|w| !w.is_empty())
}

/// Words with a marker character, and words that are Vietnamese syllables.
fn score(line: &str) -> (usize, usize) {
    words(line).fold((0, 0), |(marked, good), w| {
        (
            marked + usize::from(w.chars().any(is_marker)),
            good + usize::from(is_syllable(w)),
        )
    })
}

/// How many more Vietnamese syllables a line's conversion must give for the line to count as
/// legacy text.
const MIN_SYLLABLE_GAIN: usize = 2;

/// A letter of Vietnamese that lies outside Windows-1252 (`ă Đ ĩ ũ ơ ư` and the precomposed
/// letters with tone marks, U+1EA0–U+1EF9).
fn is_unicode_only_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'
            ..='\u{1EF9}'
    )
}

/// Words of the line written with a [Unicode-only letter](is_unicode_only_letter).
fn unicode_words(line: &str) -> usize {
    words(line)
        .filter(|w| w.chars().any(is_unicode_only_letter))
        .count()
}

/// Words with a marker character and at least one other letter (`x·`, `héi`).
fn marked_letter_words(line: &str) -> usize {
    words(line)
        .filter(|w| {
            w.chars().any(is_marker) && w.chars().any(|c| c.is_alphanumeric() && !is_marker(c))
        })
        .count()
}

/// The legacy encoding this line is in, if it looks like one.
pub fn detect_line(line: &str) -> Option<Legacy> {
    // Nearly every line of a Unicode document stops here, before any word is looked at.
    if !has_marker(line) {
        return None;
    }
    let (marked, good) = score(line);
    // A line whose words are mostly written with letters only Unicode has (`ă đ ơ ư ế ỷ`…: an
    // 8-bit text read as Windows-1252 cannot show them) is Unicode text with a foreign word
    // (`München`, `Kjær`), a guillemet or a middle dot in it.
    // Markers standing alone (`Trực Lệ · Phụng Thiên`) are punctuation in such a line: only
    // words with letters besides their markers weigh against the Unicode words.
    if marked == 0 || unicode_words(line) >= marked_letter_words(line) {
        return None;
    }
    // One more syllable is what a lone `·` (TCVN3 `à`) or `½` gives: a legacy line turns
    // several of its words into Vietnamese ones.
    let best = [Legacy::Tcvn3, Legacy::Vni]
        .into_iter()
        .map(|enc| (enc, score(&convert_line(line, enc))))
        .filter(|(_, (m, g))| *m < marked && *g >= good + MIN_SYLLABLE_GAIN)
        .max_by_key(|(enc, (m, g))| (*g as isize - *m as isize, *enc == Legacy::Tcvn3))?;
    Some(best.0)
}

/// A word of a legacy line: its byte range and its conversion.
pub type LegacyWord = (std::ops::Range<usize>, String);

/// The words of a legacy line that carry a marker character, as byte ranges with their
/// conversion, when the line [is legacy text](detect_line).
pub fn legacy_words(line: &str) -> Option<(Legacy, Vec<LegacyWord>)> {
    let legacy = detect_line(line)?;
    let base = line.as_ptr() as usize;
    let found = words(line)
        .filter(|w| w.chars().any(is_marker))
        .map(|w| {
            let start = w.as_ptr() as usize - base;
            (start..start + w.len(), convert_line(w, legacy))
        })
        .collect();
    Some((legacy, found))
}

/// Converts one line from `legacy` to Unicode (NFC).
pub fn convert_line(line: &str, legacy: Legacy) -> String {
    match legacy {
        Legacy::Tcvn3 => line
            .chars()
            .map(|c| match c as u32 {
                0xA1..=0xFF => TCVN3_HIGH[(c as u32 - 0xA1) as usize],
                _ => c,
            })
            .nfc()
            .collect(),
        Legacy::Vni => vni(line),
    }
}

/// VNI writes a vowel as its ASCII letter followed by characters that stand for the circumflex,
/// breve and tone marks; ơ, ư, đ and some i/y forms are single characters.
fn vni(line: &str) -> String {
    const CIRCUMFLEX: char = '\u{302}';
    const BREVE: char = '\u{306}';
    const ACUTE: char = '\u{301}';
    const GRAVE: char = '\u{300}';
    const HOOK: char = '\u{309}';
    const TILDE: char = '\u{303}';
    const DOT: char = '\u{323}';
    let mut out = String::with_capacity(line.len() + 8);
    let mut after_vowel: Option<char> = None;
    for c in line.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let upper = c.is_uppercase();
        // Marks that modify the vowel just written.
        if let Some(base) = after_vowel {
            let marks: Option<&[char]> = match lower {
                'ù' => Some(&[ACUTE]),
                'ø' => Some(&[GRAVE]),
                'û' => Some(&[HOOK]),
                'õ' => Some(&[TILDE]),
                'ï' => Some(&[DOT]),
                'â' if matches!(base, 'a' | 'e' | 'o') => Some(&[CIRCUMFLEX]),
                'á' if matches!(base, 'a' | 'e' | 'o') => Some(&[CIRCUMFLEX, ACUTE]),
                'à' if matches!(base, 'a' | 'e' | 'o') => Some(&[CIRCUMFLEX, GRAVE]),
                'å' if matches!(base, 'a' | 'e' | 'o') => Some(&[CIRCUMFLEX, HOOK]),
                'ã' if matches!(base, 'a' | 'e' | 'o') => Some(&[CIRCUMFLEX, TILDE]),
                'ä' if matches!(base, 'a' | 'e' | 'o') => Some(&[CIRCUMFLEX, DOT]),
                'ê' if base == 'a' => Some(&[BREVE]),
                'é' if base == 'a' => Some(&[BREVE, ACUTE]),
                'è' if base == 'a' => Some(&[BREVE, GRAVE]),
                'ú' if base == 'a' => Some(&[BREVE, HOOK]),
                'ü' if base == 'a' => Some(&[BREVE, TILDE]),
                'ë' if base == 'a' => Some(&[BREVE, DOT]),
                _ => None,
            };
            if let Some(marks) = marks {
                out.extend(marks);
                // A tone may follow a circumflex or breve only when it was not given with it.
                after_vowel =
                    (marks.len() == 1 && matches!(marks[0], CIRCUMFLEX | BREVE)).then_some('x');
                continue;
            }
        }
        let (written, vowel) = match lower {
            'ô' => ('ơ', true),
            'ö' => ('ư', true),
            'ñ' => ('đ', false),
            'î' => ('ỵ', false),
            'æ' => ('ỉ', false),
            'ó' => ('ĩ', false),
            'ò' => ('ị', false),
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' => (lower, true),
            _ => (lower, false),
        };
        let written = if written == lower {
            c
        } else if upper {
            written.to_uppercase().next().unwrap_or(written)
        } else {
            written
        };
        out.push(written);
        after_vowel = vowel.then_some(lower);
    }
    out.nfc().collect()
}

/// Converts every line that looks like legacy text; returns the text, the encoding found most
/// often and the number of lines converted (0 when nothing looked like legacy text). When most
/// non-ASCII lines are legacy text, so is any other non-ASCII line whose conversion keeps its
/// syllables (`Sè` → `Số` has no marker character to give it away).
pub fn convert(text: &str) -> (String, Option<Legacy>, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let detected: Vec<Option<Legacy>> = lines.iter().map(|l| detect_line(l)).collect();
    let Some((found, tcvn3, vni)) = majority(&detected) else {
        return (text.to_string(), None, 0);
    };
    let non_ascii = lines.iter().filter(|l| !l.is_ascii()).count();
    let dominant = (tcvn3 + vni) * 2 >= non_ascii;
    let mut out = String::with_capacity(text.len());
    let mut converted = 0;
    for (i, (line, enc)) in lines.iter().zip(&detected).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let enc = enc.or_else(|| {
            (dominant && !line.is_ascii() && {
                let candidate = convert_line(line, found);
                score(&candidate).1 >= score(line).1
            })
            .then_some(found)
        });
        match enc {
            Some(enc) => {
                out.push_str(&convert_line(line, enc));
                converted += 1;
            }
            None => out.push_str(line),
        }
    }
    (out, Some(found), converted)
}

/// The legacy encoding of the text, if any of its lines looks like one, and how many lines do.
pub fn detect(text: &str) -> Option<(Legacy, usize)> {
    if !has_marker(text) {
        return None;
    }
    let detected: Vec<Option<Legacy>> = text.lines().map(detect_line).collect();
    let (found, _, _) = majority(&detected)?;
    Some((found, detected.iter().flatten().count()))
}

/// The encoding most lines are in (TCVN3 on a tie), and the counts of each.
fn majority(detected: &[Option<Legacy>]) -> Option<(Legacy, usize, usize)> {
    let count = |enc: Legacy| detected.iter().filter(|d| **d == Some(enc)).count();
    match (count(Legacy::Tcvn3), count(Legacy::Vni)) {
        (0, 0) => None,
        (t, v) if t >= v => Some((Legacy::Tcvn3, t, v)),
        (t, v) => Some((Legacy::Vni, t, v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_lines_convert() {
        let line = "Céng hoµ x· héi chñ nghÜa ViÖt Nam";
        assert_eq!(detect_line(line), Some(Legacy::Tcvn3));
        assert_eq!(
            convert_line(line, Legacy::Tcvn3),
            "Cộng hoà xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            convert_line("§éc lËp - Tù do - H¹nh phóc", Legacy::Tcvn3),
            "Độc lập - Tự do - Hạnh phúc"
        );
    }

    #[test]
    fn vni_lines_convert() {
        let line = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam";
        assert_eq!(detect_line(line), Some(Legacy::Vni));
        assert_eq!(
            convert_line(line, Legacy::Vni),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            convert_line(
                "Ñoäc laäp - Töï do - Haïnh phuùc; Ủy ban: UÛY BAN NHAÂN DAÂN",
                Legacy::Vni
            ),
            "Độc lập - Tự do - Hạnh phúc; Ủy ban: ỦY BAN NHÂN DÂN"
        );
        assert_eq!(convert_line("thaéng lôïi", Legacy::Vni), "thắng lợi");
    }

    #[test]
    fn unicode_lines_are_left_alone() {
        for line in [
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 3593/VP-VX",
            "Quản lý tài sản; 5 000 000 đồng",
            "Thế kỷ 17 · Thế kỷ 18 · Thế kỷ 19",
            "nốt viết ½ cung",
            "- » Tư tưởng Hồ Chí Minh sải bước cùng thời đại",
            "Geißenklösterle, Flöte và München",
            "·",
            "| Tỉnh | 22 | Trực Lệ · Phụng Thiên · Cát Lâm · Hắc Long Giang · Sơn Đông · Hà Nam · Sơn Tây",
        ] {
            assert_eq!(detect_line(line), None, "{line}");
        }
        let (text, found, n) = convert("Nơi nhận:\nCéng hoµ x· héi\n- Lưu: VT.");
        assert_eq!(text, "Nơi nhận:\nCộng hoà xã hội\n- Lưu: VT.");
        assert_eq!((found, n), (Some(Legacy::Tcvn3), 1));
    }

    #[test]
    fn markers_are_found_on_bytes_as_on_characters() {
        for c in '\u{80}'..='\u{17F}' {
            let text = format!("Cộng hòa {c} xã");
            assert_eq!(has_marker(&text), is_marker(c), "U+{:04X}", c as u32);
        }
        assert!(!has_marker("Cộng hòa xã hội chủ nghĩa Việt Nam"));
    }
}
