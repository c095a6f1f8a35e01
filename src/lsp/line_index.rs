//! Converting between byte offsets in a document's text, rasoat's line/column (1-based lines,
//! 1-based columns in Unicode characters) and LSP positions (0-based lines, columns in the
//! negotiated encoding's code units: UTF-16 by default, UTF-8 when the client offers it).
//!
//! Lines end at `\n`, `\r\n` or `\r`, as both the LSP specification and rasoat's loader say.

/// The unit an LSP position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// Code units of `c` in this encoding.
    fn len(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        }
    }
}

/// An LSP position: 0-based line, 0-based column in code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub character: u32,
}

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    /// Byte offset of the end of each line's content (before its line break).
    ends: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut ends = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + k;
            ends.push(at);
            i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(i);
        }
        ends.push(text.len());
        LineIndex { starts, ends }
    }

    /// The number of lines (a text ending with a line break has an empty last line).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The content of 0-based line `line` (without its line break), and its start offset.
    fn line<'t>(&self, text: &'t str, line: usize) -> Option<(usize, &'t str)> {
        let (start, end) = (*self.starts.get(line)?, *self.ends.get(line)?);
        Some((start, text.get(start..end)?))
    }

    /// The byte offset of an LSP position. A line past the end gives the end of the text; a
    /// column past the end of its line, the end of the line; a column inside a character (the
    /// middle of a surrogate pair), the start of that character.
    pub fn offset(&self, text: &str, pos: Pos, encoding: Encoding) -> usize {
        let Some((start, content)) = self.line(text, pos.line as usize) else {
            return text.len();
        };
        let mut units = 0u32;
        for (i, c) in content.char_indices() {
            let next = units + encoding.len(c);
            if next > pos.character {
                return start + i;
            }
            units = next;
        }
        start + content.len()
    }

    /// The LSP position of a byte offset (clamped to the text, rounded down to a character).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (start, content) = self.line(text, line).unwrap_or((offset, ""));
        // An offset inside a line break counts as the end of the line's content.
        let within = offset.saturating_sub(start).min(content.len());
        let character = content[..within].chars().map(|c| encoding.len(c)).sum();
        Pos {
            line: line as u32,
            character,
        }
    }

    /// The byte offset of rasoat's 1-based `line` and 1-based character `column` (column 0 is
    /// read as 1; a column past the end of the line gives the end of the line).
    pub fn offset_of_column(&self, text: &str, line: u32, column: u32) -> usize {
        let Some((start, content)) = self.line(text, line.saturating_sub(1) as usize) else {
            return text.len();
        };
        let k = column.saturating_sub(1) as usize;
        start
            + content
                .char_indices()
                .nth(k)
                .map_or(content.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Pos {
        Pos { line, character }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_cr() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.lines(), 4);
        for (line, letter) in ["a", "b", "c", "d"].iter().enumerate() {
            let at = index.offset(text, pos(line as u32, 0), Encoding::Utf16);
            assert_eq!(&text[at..at + 1], *letter);
        }
        assert_eq!(LineIndex::new("x\n").lines(), 2);
    }

    #[test]
    fn vietnamese_and_astral_characters_in_utf16_and_utf8() {
        // "Ủy" is 2 chars, "ban" 3; the emoji is one char, two UTF-16 units, four bytes.
        let text = "Nơi nhận:\nỦy 😀 ban";
        let index = LineIndex::new(text);
        let ban = text.find("ban").unwrap();
        assert_eq!(
            index.position(text, ban, Encoding::Utf16),
            pos(1, 3 + 2 + 1)
        );
        assert_eq!(
            index.position(text, ban, Encoding::Utf8),
            pos(1, "Ủy 😀 ".len() as u32)
        );
        assert_eq!(index.offset(text, pos(1, 6), Encoding::Utf16), ban);
        // Inside the surrogate pair: the start of the emoji.
        let emoji = text.find('😀').unwrap();
        assert_eq!(index.offset(text, pos(1, 4), Encoding::Utf16), emoji);
        // rasoat's columns are characters: "ban" starts at column 6.
        assert_eq!(index.offset_of_column(text, 2, 6), ban);
        // "nhận" on line 1 ends at column 8 (inclusive); its end is before ':'.
        let colon = text.find(':').unwrap();
        assert_eq!(index.offset_of_column(text, 1, 9), colon);
        assert_eq!(index.position(text, colon, Encoding::Utf16), pos(0, 8));
        assert_eq!(
            index.position(text, colon, Encoding::Utf8),
            pos(0, "Nơi nhận".len() as u32)
        );
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(index.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        // Inside the \r\n: the end of line 0.
        assert_eq!(index.position(text, 3, Encoding::Utf16), pos(0, 2));
        assert_eq!(index.position(text, 99, Encoding::Utf16), pos(1, 2));
        assert_eq!(index.offset_of_column(text, 9, 1), text.len());
        assert_eq!(index.offset_of_column(text, 2, 99), text.len());
        assert_eq!(index.offset_of_column(text, 1, 0), 0);
        // Positions round-trip on every character boundary.
        let text = "Ủy ban 😀\nxã";
        let index = LineIndex::new(text);
        for (i, _) in text.char_indices() {
            for e in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(index.offset(text, index.position(text, i, e), e), i);
            }
        }
        // A position inside a UTF-8 character rounds down.
        let u = "Ủ".len();
        assert_eq!(index.position(text, u - 1, Encoding::Utf8), pos(0, 0));
    }
}
