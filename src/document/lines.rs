//! Splitting decoded text into lines, normalising each to NFC while keeping original columns.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::mapped::{MappedText, Pos};

/// One physical line of the user's file, in NFC, without its line terminator.
#[derive(Debug, Clone)]
pub struct SourceLine {
    /// 1-based line number in the original file.
    pub number: u32,
    /// The line in NFC with original positions.
    pub text: MappedText,
    /// Whether the original line was not already NFC (decomposed tone marks and the like).
    pub was_not_nfc: bool,
}

/// Splits on `\r\n`, `\n` or a lone `\r`, and normalises each line to NFC.
///
/// Canonical composition never crosses an extended grapheme cluster boundary for the scripts
/// rasoat reads, so each grapheme is normalised on its own and all its NFC characters are mapped to
/// the column where the grapheme started.
pub fn split_lines(text: &str) -> Vec<SourceLine> {
    // Reserve exactly: a doubling vector of line structs would hold up to twice their size.
    let estimate = text.bytes().filter(|&b| b == b'\n' || b == b'\r').count() + 1;
    let mut lines = Vec::with_capacity(estimate);
    let mut number = 0u32;
    let mut rest = text;
    while !rest.is_empty() || number == 0 {
        number += 1;
        let (line, next) = match rest.find(['\r', '\n']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        lines.push(normalise_line(line, number));
        rest = next;
        if rest.is_empty() {
            break;
        }
    }
    lines
}

fn normalise_line(line: &str, number: u32) -> SourceLine {
    let mut text = MappedText::new();
    // Fast path: text that is already NFC (almost all of it) maps one to one.
    if line.is_ascii()
        || unicode_normalization::is_nfc_quick(line.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return SourceLine {
            number,
            text: MappedText::from_line(line, number),
            was_not_nfc: false,
        };
    }
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
    SourceLine {
        number,
        text,
        was_not_nfc,
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
        assert_eq!(lines[3].number, 4);
    }

    #[test]
    fn nfd_is_composed_and_columns_point_at_the_original() {
        // "Nơi" written with a decomposed horn (o + U+031B), then "nhận" decomposed too.
        let nfd = "No\u{31B}i nha\u{323}\u{302}n";
        let lines = split_lines(nfd);
        let line = &lines[0];
        assert_eq!(line.text.as_str(), "Nơi nhận");
        assert!(line.was_not_nfc);
        // "n" of "nhận" is the 6th original character (N, o, U+031B, i, space, n).
        assert_eq!(line.text.pos_at(4).unwrap().column, 6);
        // "ậ" is one NFC char mapped to the original 'a' at column 8.
        assert_eq!(line.text.pos_at(6).unwrap().column, 8);
        // "n" after the two combining marks is at original column 11.
        assert_eq!(line.text.pos_at(7).unwrap().column, 11);
    }
}
