//! Text that remembers where each of its characters came from in the user's file.
//!
//! Analysis runs on NFC text with markup stripped and paragraphs re-joined, but every finding must
//! point at the user's real line and column. A [`MappedText`] carries, for each character, the
//! 1-based line and 1-based column (in Unicode scalar values of the original line) it came from.

use serde::Serialize;

/// A position in the original file: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A range in the original file, inclusive of its last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Text plus one original position per character.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    pos: Vec<Pos>,
}

impl MappedText {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of characters.
    pub fn char_len(&self) -> usize {
        self.pos.len()
    }

    pub fn push(&mut self, c: char, at: Pos) {
        self.text.push(c);
        self.pos.push(at);
    }

    pub fn push_mapped(&mut self, other: &MappedText) {
        self.text.push_str(&other.text);
        self.pos.extend_from_slice(&other.pos);
    }

    /// Original position of the character at `char_index` (clamped to the last character).
    pub fn pos_at(&self, char_index: usize) -> Option<Pos> {
        self.pos
            .get(char_index)
            .or_else(|| self.pos.last())
            .copied()
    }

    /// First original position, if any text.
    pub fn start(&self) -> Option<Pos> {
        self.pos.first().copied()
    }

    /// Last original position, if any text.
    pub fn end(&self) -> Option<Pos> {
        self.pos.last().copied()
    }

    /// Span in the original file of the byte range `start..end` of this text.
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Option<Span> {
        let first = self.text[..start].chars().count();
        let len = self.text[start..end].chars().count().max(1);
        let a = self.pos_at(first)?;
        let b = self.pos_at(first + len - 1)?;
        Some(Span {
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
        })
    }

    /// Keeps the characters for which `keep` is true, with their positions.
    pub fn filter(&self, mut keep: impl FnMut(usize, char) -> bool) -> MappedText {
        let mut out = MappedText::new();
        for (i, (c, p)) in self.text.chars().zip(self.pos.iter()).enumerate() {
            if keep(i, c) {
                out.push(c, *p);
            }
        }
        out
    }

    /// Iterates over characters with their positions.
    pub fn chars(&self) -> impl Iterator<Item = (char, Pos)> + '_ {
        self.text.chars().zip(self.pos.iter().copied())
    }

    /// Removes leading and trailing whitespace.
    pub fn trimmed(&self) -> MappedText {
        let chars: Vec<(char, Pos)> = self.chars().collect();
        let start = chars
            .iter()
            .position(|(c, _)| !c.is_whitespace())
            .unwrap_or(chars.len());
        let end = chars
            .iter()
            .rposition(|(c, _)| !c.is_whitespace())
            .map_or(start, |i| i + 1);
        let mut out = MappedText::new();
        for (c, p) in &chars[start..end] {
            out.push(*c, *p);
        }
        out
    }

    /// The characters from `char_start` on (used to drop a recognised prefix such as a marker).
    pub fn slice_chars(&self, char_start: usize, char_end: usize) -> MappedText {
        let mut out = MappedText::new();
        for (c, p) in self
            .chars()
            .skip(char_start)
            .take(char_end.saturating_sub(char_start))
        {
            out.push(c, p);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(s: &str, line: u32) -> MappedText {
        let mut m = MappedText::new();
        for (i, c) in s.chars().enumerate() {
            m.push(
                c,
                Pos {
                    line,
                    column: i as u32 + 1,
                },
            );
        }
        m
    }

    #[test]
    fn span_of_bytes_counts_characters_not_bytes() {
        let m = mapped("Nơi nhận: VT", 7);
        let start = m.as_str().find("VT").unwrap();
        let span = m.span_of_bytes(start, start + 2).unwrap();
        assert_eq!((span.line, span.column, span.end_column), (7, 11, 12));
    }

    #[test]
    fn trimmed_keeps_positions() {
        let t = mapped("  ab ", 1).trimmed();
        assert_eq!(t.as_str(), "ab");
        assert_eq!(t.start().unwrap().column, 3);
    }
}
