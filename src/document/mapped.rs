//! Text that remembers where each of its characters came from in the user's file.
//!
//! Analysis runs on NFC text with markup stripped and paragraphs re-joined, but every finding must
//! point at the user's real line and column. A [`MappedText`] carries, for each character, the
//! 1-based line and 1-based column (in Unicode scalar values of the original line) it came from;
//! a [`MappedStr`] is the same borrowed (the lines of a file are views into one buffer, so that
//! no line needs a string of its own).

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

/// A stretch of consecutive characters that came from consecutive columns of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Index (in characters of the text) of the run's first character.
    start: u32,
    len: u32,
    line: u32,
    column: u32,
}

impl Run {
    /// `len` characters from column `column` of `line`, starting the text.
    pub(crate) fn line(line: u32, column: u32, len: u32) -> Run {
        Run {
            start: 0,
            len,
            line,
            column,
        }
    }
}

/// Text plus the original position of each character.
///
/// Positions are stored as runs: converted text maps to its source in long contiguous stretches
/// (one per line, cut only where markup or extra spaces were removed), so a run per stretch costs
/// far less than a position per character.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    chars: u32,
    runs: Runs,
}

/// The runs of a text. Most texts (a line, a one-line paragraph) are a single run, kept inline to
/// save a heap allocation per line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Runs {
    #[default]
    Empty,
    One(Run),
    Many(Vec<Run>),
}

impl Runs {
    fn as_slice(&self) -> &[Run] {
        match self {
            Runs::Empty => &[],
            Runs::One(r) => std::slice::from_ref(r),
            Runs::Many(v) => v,
        }
    }

    fn view(&self) -> RunsRef<'_> {
        match self {
            Runs::Empty => RunsRef::Many(&[]),
            Runs::One(r) => RunsRef::One(*r),
            Runs::Many(v) => RunsRef::Many(v),
        }
    }

    fn last_mut(&mut self) -> Option<&mut Run> {
        match self {
            Runs::Empty => None,
            Runs::One(r) => Some(r),
            Runs::Many(v) => v.last_mut(),
        }
    }

    fn push(&mut self, run: Run) {
        *self = match std::mem::take(self) {
            Runs::Empty => Runs::One(run),
            Runs::One(first) => Runs::Many(vec![first, run]),
            Runs::Many(mut v) => {
                v.push(run);
                Runs::Many(v)
            }
        };
    }
}

/// Borrowed runs: one inline, or a slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunsRef<'a> {
    One(Run),
    Many(&'a [Run]),
}

/// A borrowed [`MappedText`]: text and the original position of each of its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MappedStr<'a> {
    text: &'a str,
    chars: u32,
    runs: RunsRef<'a>,
}

impl<'a> MappedStr<'a> {
    /// `text` of `chars` characters whose runs are `runs` (one for a line read as it is).
    pub(crate) fn new(text: &'a str, chars: u32, runs: &'a [Run]) -> Self {
        debug_assert_eq!(chars as usize, text.chars().count());
        MappedStr {
            text,
            chars,
            runs: RunsRef::Many(runs),
        }
    }

    /// A whole line read as it is: `chars` characters from column 1 of `line`.
    pub(crate) fn line(text: &'a str, chars: u32, line: u32) -> Self {
        debug_assert_eq!(chars as usize, text.chars().count());
        let runs = if chars == 0 {
            RunsRef::Many(&[])
        } else {
            RunsRef::One(Run::line(line, 1, chars))
        };
        MappedStr { text, chars, runs }
    }

    fn runs(&self) -> &[Run] {
        match &self.runs {
            RunsRef::One(r) => std::slice::from_ref(r),
            RunsRef::Many(v) => v,
        }
    }

    pub fn as_str(&self) -> &'a str {
        self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of characters.
    pub fn char_len(&self) -> usize {
        self.chars as usize
    }

    /// An owned copy.
    pub fn to_mapped_text(&self) -> MappedText {
        let runs = match self.runs {
            RunsRef::One(r) => Runs::One(r),
            RunsRef::Many([]) => Runs::Empty,
            RunsRef::Many([r]) => Runs::One(*r),
            RunsRef::Many(v) => Runs::Many(v.to_vec()),
        };
        MappedText {
            text: self.text.to_string(),
            chars: self.chars,
            runs,
        }
    }

    /// Original position of the character at `char_index` (clamped to the last character).
    pub fn pos_at(&self, char_index: usize) -> Option<Pos> {
        if self.chars == 0 {
            return None;
        }
        let i = (char_index as u32).min(self.chars - 1);
        let runs = self.runs();
        let k = runs.partition_point(|r| r.start <= i) - 1;
        let run = runs[k];
        Some(Pos {
            line: run.line,
            column: run.column + (i - run.start),
        })
    }

    /// First original position, if any text.
    pub fn start(&self) -> Option<Pos> {
        self.pos_at(0)
    }

    /// Last original position, if any text.
    pub fn end(&self) -> Option<Pos> {
        self.pos_at(self.char_len().checked_sub(1)?)
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

    /// Iterates over characters with their positions.
    pub fn chars(&self) -> impl Iterator<Item = (char, Pos)> + '_ {
        chars_with_positions(self.text, self.runs())
    }

    /// The characters `char_start..char_end` (used to drop a recognised prefix such as a marker).
    pub fn slice_chars(&self, char_start: usize, char_end: usize) -> MappedText {
        let total = self.char_len();
        let (a, b) = (char_start.min(total), char_end.min(total));
        if a >= b {
            return MappedText::new();
        }
        // Slices usually run to the end (a title after its marker): that end needs no search.
        let byte_at = |k: usize| {
            if k >= total {
                return self.text.len();
            }
            self.text
                .char_indices()
                .nth(k)
                .map_or(self.text.len(), |(i, _)| i)
        };
        let (start, end) = (byte_at(a), byte_at(b));
        let mut out = MappedText::with_capacity(end - start);
        out.push_part(*self, start..end, a, b - a);
        out
    }
}

/// The characters of `text` with their positions from `runs`.
fn chars_with_positions<'s>(
    text: &'s str,
    runs: &'s [Run],
) -> impl Iterator<Item = (char, Pos)> + 's {
    let mut run = 0usize;
    text.chars().enumerate().map(move |(i, c)| {
        let i = i as u32;
        while runs[run].start + runs[run].len <= i {
            run += 1;
        }
        let r = runs[run];
        (
            c,
            Pos {
                line: r.line,
                column: r.column + (i - r.start),
            },
        )
    })
}

impl MappedText {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty text with room for `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> Self {
        MappedText {
            text: String::with_capacity(bytes),
            ..Self::default()
        }
    }

    /// Gives back the room reserved beyond the text.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
    }

    /// The text borrowed.
    pub fn view(&self) -> MappedStr<'_> {
        MappedStr {
            text: &self.text,
            chars: self.chars,
            runs: self.runs.view(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of characters.
    pub fn char_len(&self) -> usize {
        self.chars as usize
    }

    /// A whole line of text starting at column 1 of `line`: one run.
    pub fn from_line(text: &str, line: u32) -> MappedText {
        MappedStr::line(text, text.chars().count() as u32, line).to_mapped_text()
    }

    pub fn push(&mut self, c: char, at: Pos) {
        self.text.push(c);
        match self.runs.last_mut() {
            Some(run) if run.line == at.line && run.column + run.len == at.column => run.len += 1,
            _ => self.runs.push(Run {
                start: self.chars,
                len: 1,
                line: at.line,
                column: at.column,
            }),
        }
        self.chars += 1;
    }

    /// Appends a character that maps to the same position as the one before it (an NFC
    /// composition of several original characters produces one character per grapheme; a
    /// decomposition never happens after NFC, but a grapheme may still yield two characters).
    pub(crate) fn push_same(&mut self, c: char, at: Pos) {
        self.text.push(c);
        self.runs.push(Run {
            start: self.chars,
            len: 1,
            line: at.line,
            column: at.column,
        });
        self.chars += 1;
    }

    pub fn push_mapped(&mut self, other: MappedStr) {
        self.push_part(other, 0..other.text.len(), 0, other.char_len());
    }

    /// The runs, to store apart from the text (see [`MappedStr::new`]).
    pub(crate) fn runs(&self) -> &[Run] {
        self.runs.as_slice()
    }

    /// Original position of the character at `char_index` (clamped to the last character).
    pub fn pos_at(&self, char_index: usize) -> Option<Pos> {
        self.view().pos_at(char_index)
    }

    /// First original position, if any text.
    pub fn start(&self) -> Option<Pos> {
        self.view().start()
    }

    /// Last original position, if any text.
    pub fn end(&self) -> Option<Pos> {
        self.view().end()
    }

    /// Span in the original file of the byte range `start..end` of this text.
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Option<Span> {
        self.view().span_of_bytes(start, end)
    }

    /// Iterates over characters with their positions.
    pub fn chars(&self) -> impl Iterator<Item = (char, Pos)> + '_ {
        chars_with_positions(&self.text, self.runs.as_slice())
    }

    /// Removes leading and trailing whitespace (without a copy when there is none).
    pub fn trimmed(self) -> MappedText {
        let lead = self.text.chars().take_while(|c| c.is_whitespace()).count();
        if lead == self.char_len() {
            return MappedText::new();
        }
        let trail = self
            .text
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        if lead == 0 && trail == 0 {
            return self;
        }
        self.slice_chars(lead, self.char_len() - trail)
    }

    /// The characters `char_start..char_end` (used to drop a recognised prefix such as a marker).
    pub fn slice_chars(&self, char_start: usize, char_end: usize) -> MappedText {
        self.view().slice_chars(char_start, char_end)
    }

    /// Appends the bytes `bytes` of `source`, which are its `chars` characters from character
    /// `char_start`, with their positions: a whole stretch at once instead of character by
    /// character.
    pub fn push_part(
        &mut self,
        source: MappedStr,
        bytes: std::ops::Range<usize>,
        char_start: usize,
        chars: usize,
    ) {
        let part = &source.text[bytes];
        debug_assert_eq!(chars, part.chars().count());
        if chars == 0 {
            return;
        }
        self.text.push_str(part);
        let (a, b) = (char_start, char_start + chars);
        for run in source.runs() {
            let (run_start, run_end) = (run.start as usize, (run.start + run.len) as usize);
            if run_end <= a {
                continue;
            }
            if run_start >= b {
                break;
            }
            let (s, e) = (run_start.max(a), run_end.min(b));
            let piece = Run {
                start: self.chars + (s - a) as u32,
                len: (e - s) as u32,
                line: run.line,
                column: run.column + (s - run_start) as u32,
            };
            match self.runs.last_mut() {
                Some(last)
                    if last.line == piece.line
                        && last.column + last.len == piece.column
                        && last.start + last.len == piece.start =>
                {
                    last.len += piece.len;
                }
                _ => self.runs.push(piece),
            }
        }
        self.chars += chars as u32;
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
    fn runs_survive_concatenation_and_slicing() {
        let mut a = mapped("ab", 1);
        let mut b = MappedText::new();
        b.push('x', Pos { line: 3, column: 7 });
        b.push('y', Pos { line: 3, column: 8 });
        a.push_mapped(b.view());
        assert_eq!(a.as_str(), "abxy");
        assert_eq!(a.pos_at(1), Some(Pos { line: 1, column: 2 }));
        assert_eq!(a.pos_at(2), Some(Pos { line: 3, column: 7 }));
        assert_eq!(a.end(), Some(Pos { line: 3, column: 8 }));
        let s = a.slice_chars(1, 3);
        assert_eq!(s.as_str(), "bx");
        assert_eq!(s.start(), Some(Pos { line: 1, column: 2 }));
        assert_eq!(s.end(), Some(Pos { line: 3, column: 7 }));
    }

    #[test]
    fn trimmed_keeps_positions() {
        let t = mapped("  ab ", 1).trimmed();
        assert_eq!(t.as_str(), "ab");
        assert_eq!(t.start().unwrap().column, 3);
    }
}
