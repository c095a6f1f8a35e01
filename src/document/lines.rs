//! Splitting decoded text into lines, normalising each to NFC while keeping original columns.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::mapped::{MappedStr, MappedText, Pos, Run};

/// The lines of a file, in NFC, without their terminators. Their text is kept in one buffer and
/// each line is a record of where it is: a file of a hundred thousand lines is three allocations,
/// not a hundred thousand.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    text: String,
    records: Vec<Record>,
    /// The position runs of the lines that are not read as they are (decomposed tone marks
    /// composed, several original characters to one): the others map character by character.
    runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy)]
struct Record {
    start: usize,
    end: usize,
    chars: u32,
    /// `runs[runs_start..runs_end]` when the line has runs of its own.
    runs_start: u32,
    runs_end: u32,
    was_not_nfc: bool,
    single_spaced: bool,
    names_rasoat: bool,
}

/// One physical line of the user's file, in NFC, without its line terminator.
#[derive(Debug, Clone, Copy)]
pub struct SourceLine<'a> {
    /// 1-based line number in the original file.
    pub number: u32,
    /// The line in NFC with original positions.
    pub text: MappedStr<'a>,
    /// Whether the original line was not already NFC (decomposed tone marks and the like).
    pub was_not_nfc: bool,
    /// Whether the text is [single-spaced](crate::text::is_single_spaced) and holds no markup
    /// (`*`, `|`) and no invisible character: what cleaning leaves as it is. Found in the same
    /// pass over the bytes as the NFC test.
    pub single_spaced: bool,
    /// Whether the line holds `rasoat-`, as every suppression directive does.
    pub names_rasoat: bool,
}

impl SourceLine<'_> {
    /// An owned copy of the line (to keep after the file is gone).
    pub fn to_owned_line(&self) -> OwnedLine {
        OwnedLine {
            number: self.number,
            text: self.text.to_mapped_text(),
        }
    }
}

/// A line kept apart from its file: what a report shows under a finding.
#[derive(Debug, Clone)]
pub struct OwnedLine {
    pub number: u32,
    pub text: MappedText,
}

impl Lines {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The line at 0-based `index`.
    pub fn get(&self, index: usize) -> Option<SourceLine<'_>> {
        let r = self.records.get(index)?;
        let text = &self.text[r.start..r.end];
        let view = if r.runs_start == r.runs_end {
            MappedStr::line(text, r.chars, index as u32 + 1)
        } else {
            let runs = &self.runs[r.runs_start as usize..r.runs_end as usize];
            MappedStr::new(text, r.chars, runs)
        };
        Some(SourceLine {
            number: index as u32 + 1,
            text: view,
            was_not_nfc: r.was_not_nfc,
            single_spaced: r.single_spaced,
            names_rasoat: r.names_rasoat,
        })
    }

    /// The lines that hold `rasoat-`, as every suppression directive does, without looking at
    /// the others.
    pub fn naming_rasoat(&self) -> impl Iterator<Item = SourceLine<'_>> {
        self.records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.names_rasoat)
            .filter_map(|(i, _)| self.get(i))
    }

    /// Whether the line with 1-based `number` was not NFC in the file.
    pub fn was_not_nfc(&self, number: u32) -> bool {
        (number as usize)
            .checked_sub(1)
            .and_then(|i| self.records.get(i))
            .is_some_and(|r| r.was_not_nfc)
    }

    /// The line with 1-based `number`.
    pub fn line(&self, number: u32) -> Option<SourceLine<'_>> {
        self.get((number as usize).checked_sub(1)?)
    }

    /// The lines in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = SourceLine<'_>> + ExactSizeIterator {
        (0..self.records.len()).map(|i| self.get(i).expect("index in range"))
    }

    /// Records the line at `range` of the text, adding its composed form to the text when it is
    /// not NFC.
    fn push(
        &mut self,
        records: &mut Vec<Record>,
        range: std::ops::Range<usize>,
        names_rasoat: bool,
    ) {
        let line = &self.text[range.clone()];
        // Fast path: text that is already NFC (almost all of it) is read where it is.
        let scan = scan(line);
        let plain = scan.nfc.or_else(|| {
            (unicode_normalization::is_nfc_quick(line.chars())
                == unicode_normalization::IsNormalized::Yes)
                .then(|| line.chars().count() as u32)
        });
        let runs_start = self.runs.len() as u32;
        let record = match plain {
            Some(chars) => Record {
                start: range.start,
                end: range.end,
                chars,
                runs_start,
                runs_end: runs_start,
                was_not_nfc: false,
                single_spaced: scan.single_spaced,
                names_rasoat,
            },
            None => {
                let number = records.len() as u32 + 1;
                let (text, was_not_nfc) = normalise_line(line, number);
                let single_spaced = crate::text::is_single_spaced(text.as_str(), refused);
                let start = self.text.len();
                self.text.push_str(text.as_str());
                self.runs.extend_from_slice(text.runs());
                Record {
                    start,
                    end: self.text.len(),
                    chars: text.char_len() as u32,
                    runs_start,
                    runs_end: self.runs.len() as u32,
                    was_not_nfc,
                    single_spaced,
                    names_rasoat,
                }
            }
        };
        records.push(record);
    }
}

/// Splits on `\r\n`, `\n` or a lone `\r`, and normalises each line to NFC.
///
/// Canonical composition never crosses an extended grapheme cluster boundary for the scripts
/// rasoat reads, so each grapheme is normalised on its own and all its NFC characters are mapped to
/// the column where the grapheme started.
pub fn split_lines(text: impl Into<String>) -> Lines {
    // The lines are kept in the text itself (the line ends are left between them): a line that
    // is not NFC gets its composed form added at the end.
    let mut lines = Lines {
        text: text.into(),
        records: Vec::new(),
        runs: Vec::new(),
    };
    let original = lines.text.len();
    let bytes = lines.text.as_bytes();
    // Reserve exactly: a doubling vector of line records would hold up to twice their size.
    let estimate = memchr::memchr2_iter(b'\n', b'\r', bytes).count() + 1;
    let mut records = Vec::with_capacity(estimate);
    let mut mentions: Vec<usize> = memchr::memmem::find_iter(bytes, b"rasoat-").collect();
    mentions.reverse();
    // Suppression directives are rare: one search of the whole text (above, in reverse order)
    // finds the lines that may hold one.
    let mut start = 0usize;
    loop {
        let bytes = &lines.text.as_bytes()[..original];
        // Line ends are ASCII bytes, never inside a multi-byte character: a byte search, not a
        // character search, finds them.
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(i) => {
                let at = start + i;
                let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
                (at, at + if crlf { 2 } else { 1 })
            }
            None => (original, original),
        };
        let mut names_rasoat = false;
        while let Some(&at) = mentions.last() {
            if at >= end {
                break;
            }
            names_rasoat |= at >= start;
            mentions.pop();
        }
        lines.push(&mut records, start..end, names_rasoat);
        start = next;
        if start >= original {
            break;
        }
    }
    lines.records = records;
    lines
}

/// A line that is not plainly NFC, composed grapheme by grapheme, and whether it was not NFC.
fn normalise_line(line: &str, number: u32) -> (MappedText, bool) {
    let mut text = MappedText::new();
    let mut column = 1u32;
    let mut was_not_nfc = false;
    for grapheme in line.graphemes(true) {
        let original_len = grapheme.chars().count() as u32;
        let mut produced = 0u32;
        for c in grapheme.nfc() {
            let at = Pos {
                line: number,
                column,
            };
            // Every character of a grapheme maps to where the grapheme starts.
            if produced == 0 {
                text.push(c, at);
            } else {
                text.push_same(c, at);
            }
            produced += 1;
        }
        if produced != original_len || !unicode_normalization::is_nfc(grapheme) {
            was_not_nfc = true;
        }
        column += original_len;
    }
    (text, was_not_nfc)
}

/// What one pass over the bytes of a line tells.
struct Scan {
    /// The number of characters if the line is NFC because every character is one that is NFC
    /// whatever surrounds it: below U+0300 (ASCII, Latin-1, Latin Extended-A and B: no combining
    /// marks), the precomposed letters of Latin Extended Additional (U+1E00–U+1EFF: Vietnamese
    /// `ạ`…`ỹ`), or the dashes, quotes and ellipsis of General Punctuation (U+2010–U+205E).
    /// `None` only means "not decided here".
    nfc: Option<u32>,
    /// [`crate::text::is_single_spaced`] with [`refused`] characters.
    single_spaced: bool,
}

/// The characters a clean line never holds besides spaces other than U+0020: markup and
/// invisible characters (see `clean`).
fn refused(c: char) -> bool {
    // `_` for the `__bold__` of some converters (see `clean`).
    c == '*' || c == '|' || c == '_' || super::clean::is_invisible(c)
}

// What a byte asks of [`scan`]. Nearly every byte of Vietnamese text (letters, digits,
// punctuation, continuation bytes, the leads C3–CB and E1 of its letters) is `PASS` or `E1`.
// `PASS` (spaces are tested apart) and `E1` come first: `scan` looks closer at greater kinds.
const SCAN_PASS: u8 = 0;
const SCAN_E1: u8 = 1;
const SCAN_REFUSED: u8 = 2;
/// C2: U+0080–U+00BF, which holds the C1 controls, U+0085, U+00A0 (spaces) and U+00AD (invisible).
const SCAN_C2: u8 = 3;
/// CC–DF, E0, E3–EF, F0–F4: characters the NFC test leaves undecided.
const SCAN_OTHER: u8 = 4;
const SCAN_E2: u8 = 5;

const fn scan_kinds() -> [u8; 256] {
    let mut kind = [SCAN_PASS; 256];
    // Controls: tab, the line ends and the other C0 controls, DEL.
    let mut b = 0;
    while b < b' ' {
        kind[b as usize] = SCAN_REFUSED;
        b += 1;
    }
    kind[0x7F] = SCAN_REFUSED;
    kind[b'*' as usize] = SCAN_REFUSED;
    kind[b'|' as usize] = SCAN_REFUSED;
    kind[b'_' as usize] = SCAN_REFUSED;
    kind[0xC2] = SCAN_C2;
    let mut b = 0xCC;
    while b <= 0xFF {
        kind[b] = SCAN_OTHER;
        b += 1;
    }
    kind[0xE1] = SCAN_E1;
    kind[0xE2] = SCAN_E2;
    kind
}

/// Tests a line for NFC and for single spacing, counting its characters, in one pass: this runs
/// on every line of every file, and the general tests look each character up in tables.
fn scan(line: &str) -> Scan {
    const KIND: [u8; 256] = scan_kinds();
    let bytes = line.as_bytes();
    // Every byte but a continuation byte (0x80–0xBF) starts a character. Counted apart: a loop
    // of its own is vectorised.
    let chars = bytes
        .iter()
        .map(|&b| u32::from((b as i8) >= -0x40))
        .sum::<u32>();
    let mut nfc = true;
    // E1 leads the Vietnamese letters (U+1E00–U+1EFF, second byte B8–BB) and a few characters
    // of other scripts; tested pairwise without a branch, a loop the compiler vectorises, which
    // also finds two spaces in a row.
    let (other_e1, double_space) =
        bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .fold((false, false), |(other, double), (&a, &b)| {
                (
                    other | ((a == 0xE1) & !(0xB8..=0xBB).contains(&b)),
                    double | ((a == b' ') & (b == b' ')),
                )
            });
    let mut single_spaced =
        bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ') && !double_space;
    // The other bytes that need a look are rare in Vietnamese text: whether a line has any is
    // found with comparisons the compiler vectorises, and only then are they looked at.
    let any_rare = bytes.iter().fold(false, |any, &b| {
        any | (b < b' ')
            | (b == 0x7F)
            | (b == b'*')
            | (b == b'|')
            | (b == b'_')
            | (b == 0xC2)
            | ((b >= 0xCC) & (b != 0xE1))
    });
    if any_rare || other_e1 {
        for (i, &b) in bytes.iter().enumerate() {
            let kind = KIND[usize::from(b)];
            if kind > SCAN_E1 || (kind == SCAN_E1 && other_e1) {
                rare(kind, bytes, i, &mut nfc, &mut single_spaced);
            }
        }
    }
    Scan {
        nfc: nfc.then_some(chars),
        single_spaced,
    }
}

/// [`scan`] of the byte at `i` of kind `kind`, one of the rare kinds.
#[inline(never)]
fn rare(kind: u8, bytes: &[u8], i: usize, nfc: &mut bool, single_spaced: &mut bool) {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match kind {
        SCAN_REFUSED => *single_spaced = false,
        // C1 controls (U+0085 among them, a space), U+00A0 (a space), U+00AD (invisible).
        SCAN_C2 => *single_spaced &= !matches!(next(1), 0x80..=0x9F | 0xA0 | 0xAD),
        SCAN_E1 if (0xB8..=0xBB).contains(&next(1)) => {}
        SCAN_E1 => {
            *nfc = false;
            // U+1680, a space.
            *single_spaced &= !(next(1) == 0x9A && next(2) == 0x80);
        }
        SCAN_E2 => {
            let (b1, b2) = (next(1), next(2));
            // U+2010–U+203F and U+2040–U+205E.
            *nfc &= matches!((b1, b2), (0x80, 0x90..=0xBF) | (0x81, 0x80..=0x9E));
            // U+2000–U+200F (spaces, invisible, direction marks), U+2028, U+2029 (spaces),
            // U+202A–U+202E (bidirectional controls), U+202F, U+205F (spaces), U+2060
            // (invisible), U+2066–U+2069 (bidirectional isolates).
            *single_spaced &= !matches!(
                (b1, b2),
                (0x80, 0x80..=0x8F | 0xA8..=0xAF) | (0x81, 0x9F | 0xA0 | 0xA6..=0xA9)
            );
        }
        _ => {
            *nfc = false;
            // U+3000 (a space), U+FEFF (invisible), U+061C (a direction mark) and the tag
            // characters U+E0000–U+E007F.
            *single_spaced &= !matches!(
                (bytes[i], next(1), next(2)),
                (0xE3, 0x80, 0x80)
                    | (0xEF, 0xBB, 0xBF)
                    | (0xD8, 0x9C, _)
                    | (0xF3, 0xA0, 0x80 | 0x81)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_all_line_ends() {
        let lines = split_lines("a\r\nb\rc\nd");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        assert_eq!(lines.get(3).unwrap().number, 4);
    }

    #[test]
    fn nfd_is_composed_and_columns_point_at_the_original() {
        // "Nơi" written with a decomposed horn (o + U+031B), then "nhận" decomposed too.
        let nfd = "No\u{31B}i nha\u{323}\u{302}n";
        let lines = split_lines(nfd);
        let line = lines.get(0).unwrap();
        assert_eq!(line.text.as_str(), "Nơi nhận");
        assert!(line.was_not_nfc);
        // "n" of "nhận" is the 6th original character (N, o, U+031B, i, space, n).
        assert_eq!(line.text.pos_at(4).unwrap().column, 6);
        // "ậ" is one NFC char mapped to the original 'a' at column 8.
        assert_eq!(line.text.pos_at(6).unwrap().column, 8);
        // "n" after the two combining marks is at original column 11.
        assert_eq!(line.text.pos_at(7).unwrap().column, 11);
    }

    #[test]
    fn the_byte_level_nfc_check_never_accepts_what_is_not_nfc() {
        use unicode_normalization::is_nfc;
        let marks = [
            '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{31B}',
        ];
        for c in ('\u{0}'..='\u{2FFF}').chain('\u{FE00}'..='\u{FFFF}') {
            let alone = c.to_string();
            if scan(&alone).nfc.is_some() {
                assert!(is_nfc(&alone), "U+{:04X} alone", c as u32);
                for m in marks {
                    // A mark after an accepted character is itself never accepted.
                    let with_mark = format!("{c}{m}");
                    assert!(scan(&with_mark).nfc.is_none() || is_nfc(&with_mark));
                }
            }
        }
        let text = "Cộng hòa xã hội chủ nghĩa Việt Nam – “Độc lập”…";
        assert_eq!(scan(text).nfc, Some(text.chars().count() as u32));
        assert_eq!(scan("No\u{31B}i").nfc, None);
        // U+2000 is a singleton that NFC maps to U+2002: left to the general check.
        assert_eq!(scan("a\u{2000}b").nfc, None);
    }

    #[test]
    fn the_single_spacing_found_with_the_nfc_test_is_the_one_of_text() {
        for text in crate::text::spacing_samples() {
            assert_eq!(
                scan(&text).single_spaced,
                crate::text::is_single_spaced(&text, refused),
                "{text:?}"
            );
        }
    }

    #[test]
    fn lines_that_name_rasoat_are_marked() {
        let lines =
            split_lines("a\n<!-- rasoat-disable X reason: y -->\nrasoat\nb rasoat-enable X");
        let marked: Vec<bool> = lines.iter().map(|l| l.names_rasoat).collect();
        assert_eq!(marked, [false, true, false, true]);
    }
}
