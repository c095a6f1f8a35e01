//! Splitting paragraphs into comparable tokens.
//!
//! Vietnamese words are syllables separated by spaces; Unicode word boundaries (UAX #29, through
//! unicode-segmentation) split them and their punctuation correctly, including marks and `/` in
//! symbols such as `3593/VP-VX`. Each token gets a comparison key that applies the ignore options.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::options::Options;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Space,
    Punct,
    /// The end of a paragraph (`\n`).
    Break,
}

/// A token of a paragraph with its comparison key.
///
/// The key borrows the token's text when they are the same (the default options, and most
/// tokens under the others): a paragraph of a megabyte has hundreds of thousands of tokens, and a
/// string of its own for each would cost several times the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub kind: TokenKind,
    pub key: Cow<'a, str>,
}

impl Token<'_> {
    /// Whether the token is left out of the comparison (and kept as glue) under `options`.
    pub fn is_glue(&self, options: &Options) -> bool {
        match self.kind {
            TokenKind::Space => options.whitespace,
            TokenKind::Punct => options.punctuation,
            TokenKind::Word | TokenKind::Break => false,
        }
    }
}

/// Tokenises `text` into words, spaces and punctuation.
pub fn tokenize<'a>(text: &'a str, options: &Options) -> Vec<Token<'a>> {
    tokens(text, options).collect()
}

/// The tokens of `text`, one by one (see [`tokenize`]).
pub fn tokens<'a>(text: &'a str, options: &Options) -> impl Iterator<Item = Token<'a>> {
    pieces(text).map(move |piece| {
        let kind = if piece == "\n" {
            TokenKind::Break
        } else if piece.chars().all(char::is_whitespace) {
            TokenKind::Space
        } else if piece.chars().any(char::is_alphanumeric) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        Token {
            text: piece,
            kind,
            key: key(piece, kind, options),
        }
    })
}

/// The word-bound pieces of `text`, an invisible character shown as `⟨U+200B⟩` (see
/// [`with_invisibles_shown`](super::units::with_invisibles_shown)) one piece with the word it is
/// in (`truy⟨U+200B⟩ền` one word, not four).
enum Pieces<'a> {
    Plain(unicode_segmentation::UWordBounds<'a>),
    Merged(std::vec::IntoIter<&'a str>),
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        match self {
            Pieces::Plain(p) => p.next(),
            Pieces::Merged(p) => p.next(),
        }
    }
}

fn pieces(text: &str) -> Pieces<'_> {
    if !text.contains("⟨U+") {
        return Pieces::Plain(text.split_word_bounds());
    }
    // The byte ranges of the shown characters.
    let mut shown: Vec<std::ops::Range<usize>> = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("⟨U+").map(|i| i + from) {
        let rest = &text[i + "⟨U+".len()..];
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if (4..=6).contains(&hex) && rest[hex..].starts_with('⟩') {
            let end = i + "⟨U+".len() + hex + '⟩'.len_utf8();
            shown.push(i..end);
            from = end;
        } else {
            from = i + "⟨U+".len();
        }
    }
    let inside = |at: usize| shown.iter().any(|r| r.contains(&at));
    let mut out: Vec<&str> = Vec::new();
    // Byte range of the last piece and whether it was (part of) a shown character or a word.
    let mut last: Option<(usize, usize, bool, bool)> = None;
    let mut at = 0;
    for piece in text.split_word_bounds() {
        let start = at;
        at += piece.len();
        let is_shown = inside(start);
        let is_word = piece.chars().any(char::is_alphanumeric) && !is_shown;
        if let Some((s, e, was_shown, was_word)) = last
            && ((is_shown && (was_shown || was_word)) || (is_word && was_shown))
        {
            last = Some((s, at, is_shown, is_word));
            debug_assert_eq!(e, start);
            continue;
        }
        if let Some((s, e, _, _)) = last {
            out.push(&text[s..e]);
        }
        last = Some((start, at, is_shown, is_word));
    }
    if let Some((s, e, _, _)) = last {
        out.push(&text[s..e]);
    }
    Pieces::Merged(out.into_iter())
}

fn key<'a>(piece: &'a str, kind: TokenKind, options: &Options) -> Cow<'a, str> {
    match kind {
        TokenKind::Space if options.whitespace => Cow::Borrowed(" "),
        TokenKind::Word => {
            let mut k = if options.tone_style {
                Cow::Owned(tone_key(piece))
            } else {
                Cow::Borrowed(piece)
            };
            if options.case {
                let lower = k.to_lowercase();
                if lower != k {
                    k = Cow::Owned(lower);
                }
            }
            // Owned only where it differs.
            if let Cow::Owned(o) = &k
                && o == piece
            {
                return Cow::Borrowed(piece);
            }
            k
        }
        _ => Cow::Borrowed(piece),
    }
}

/// The five tone marks of Vietnamese as combining characters.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A key equal for both tone-placement styles of a syllable: the syllable without its tone mark,
/// followed by the tone. `hoà` and `hòa` both give `hoa\u{300}`; `uỷ` and `ủy` give `uy\u{309}`.
pub fn tone_key(word: &str) -> String {
    let mut tone = None;
    let base: String = word
        .nfd()
        .filter(|c| {
            if TONE_MARKS.contains(c) {
                tone = Some(*c);
                false
            } else {
                true
            }
        })
        .nfc()
        .collect();
    match tone {
        Some(t) => format!("{base}{t}"),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_spaces_and_punctuation() {
        let o = Options::default();
        let kinds: Vec<(&str, TokenKind)> = tokenize("Luật Thanh niên, số 3593/VP-VX.", &o)
            .iter()
            .map(|t| (t.text, t.kind))
            .collect();
        assert_eq!(kinds[0], ("Luật", TokenKind::Word));
        assert_eq!(kinds[1], (" ", TokenKind::Space));
        assert!(kinds.contains(&(",", TokenKind::Punct)));
        assert!(kinds.contains(&("3593", TokenKind::Word)));
        assert_eq!(kinds.last(), Some(&(".", TokenKind::Punct)));
    }

    #[test]
    fn a_shown_invisible_character_is_part_of_its_word() {
        let o = Options::default();
        let t = tokenize("tuyên truy⟨U+200B⟩ền rộng⟨U+202E⟩ rãi ⟨U+2066⟩x.", &o);
        let words: Vec<&str> = t
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            [
                "tuyên",
                "truy⟨U+200B⟩ền",
                "rộng⟨U+202E⟩",
                "rãi",
                "⟨U+2066⟩x"
            ]
        );
        let all: String = t.iter().map(|t| t.text).collect();
        assert_eq!(all, "tuyên truy⟨U+200B⟩ền rộng⟨U+202E⟩ rãi ⟨U+2066⟩x.");
    }

    #[test]
    fn tone_styles_share_a_key() {
        assert_eq!(tone_key("hoà"), tone_key("hòa"));
        assert_eq!(tone_key("Uỷ"), tone_key("Ủy"));
        assert_ne!(tone_key("hòa"), tone_key("hóa"));
    }
}
