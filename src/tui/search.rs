//! Searching the comparison's rows: without tone marks (the default, `dan chu` finds `dân chủ`)
//! or with them (case aside), in any part of a word or whole words only. Pure: the matches are
//! found in the laid-out rows, with the part of each row they cover, so that the view highlights
//! the match and not its row.

use unicode_normalization::UnicodeNormalization;

use crate::text::fold;

use super::layout::Row;

/// How a query matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchMode {
    /// Tone marks and other diacritics must match (`hòa` is not `hoạ`); case never matters.
    pub exact: bool,
    /// The match must be whole words (`hoa` is not the start of `hoạch`).
    pub whole_word: bool,
}

impl SearchMode {
    /// The modes in words, for the prompt and the status bar.
    pub fn describe(&self) -> String {
        format!(
            "{}{}",
            if self.exact {
                "đúng dấu"
            } else {
                "không dấu"
            },
            if self.whole_word { ", cả từ" } else { "" }
        )
    }
}

/// A part of one side of a row that a match covers: byte offsets into the side's text (its
/// pieces joined).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub row: usize,
    /// The old (left) side; in the unified view the only one.
    pub left: bool,
    pub start: usize,
    pub end: usize,
    /// The row the match starts in (the one `n`/`N` go to).
    pub match_row: usize,
}

/// The matches of a query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// Rows where a match starts, in order, each once.
    pub rows: Vec<usize>,
    /// Every part of a row that a match covers, in row order.
    pub hits: Vec<Hit>,
}

/// The query as it is compared: NFC, then folded or lower-cased.
fn normalize(query: &str, mode: SearchMode) -> String {
    let nfc: String = query.trim().nfc().collect();
    if mode.exact {
        nfc.to_lowercase()
    } else {
        fold(&nfc)
    }
}

/// Where a normalized byte came from.
#[derive(Clone, Copy)]
struct Origin {
    /// Index of the row in the group, `None` for the space that joins two rows.
    row: Option<usize>,
    start: usize,
    end: usize,
}

/// Finds `query` in `rows`. A phrase may be wrapped onto the next row of its paragraph: the rows
/// of one paragraph of one side are searched as one text, joined by a space where wrapping
/// dropped one.
pub fn find(rows: &[Row], query: &str, mode: SearchMode) -> Found {
    let needle = normalize(query, mode);
    let mut found = Found::default();
    if needle.is_empty() {
        return found;
    }
    let mut i = 0;
    while i < rows.len() {
        let r = &rows[i];
        let end = if r.heading {
            i + 1
        } else {
            (i..rows.len())
                .find(|&k| {
                    rows[k].heading || (rows[k].section, rows[k].para) != (r.section, r.para)
                })
                .unwrap_or(rows.len())
        };
        if !r.heading {
            for left in [true, false] {
                search_group(rows, i..end, left, &needle, mode, &mut found.hits);
            }
        }
        i = end;
    }
    found.hits.sort_by_key(|h| (h.row, !h.left, h.start));
    found.rows = found.hits.iter().map(|h| h.match_row).collect();
    found.rows.sort_unstable();
    found.rows.dedup();
    found
}

fn side_text(row: &Row, left: bool) -> String {
    let pieces = if left { &row.left } else { &row.right };
    pieces.iter().map(|p| p.text.as_str()).collect()
}

fn search_group(
    rows: &[Row],
    group: std::ops::Range<usize>,
    left: bool,
    needle: &str,
    mode: SearchMode,
    hits: &mut Vec<Hit>,
) {
    let texts: Vec<String> = group.clone().map(|k| side_text(&rows[k], left)).collect();
    if texts.iter().all(|t| t.is_empty()) {
        return;
    }
    let mut hay = String::new();
    let mut origin: Vec<Origin> = Vec::new();
    let mut buf = [0u8; 4];
    for (k, text) in texts.iter().enumerate() {
        if k > 0 && !hay.ends_with(char::is_whitespace) && !text.starts_with(char::is_whitespace) {
            hay.push(' ');
            origin.push(Origin {
                row: None,
                start: 0,
                end: 0,
            });
        }
        for (start, c) in text.char_indices() {
            let before = hay.len();
            if c.is_ascii() {
                hay.push(c.to_ascii_lowercase());
            } else if mode.exact {
                hay.extend(c.to_lowercase());
            } else {
                hay.push_str(&fold(c.encode_utf8(&mut buf)));
            }
            let end = start + c.len_utf8();
            origin.extend((before..hay.len()).map(|_| Origin {
                row: Some(k),
                start,
                end,
            }));
        }
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    for (at, m) in hay.match_indices(needle) {
        let stop = at + m.len();
        if mode.whole_word
            && (is_word(hay[..at].chars().next_back()) || is_word(hay[stop..].chars().next()))
        {
            continue;
        }
        // The rows the match covers, from its first byte's character to its last one's.
        let (Some(first), Some(last)) = (
            origin[at..stop].iter().find(|o| o.row.is_some()),
            origin[at..stop].iter().rev().find(|o| o.row.is_some()),
        ) else {
            continue;
        };
        let (a, b) = (first.row.unwrap_or(0), last.row.unwrap_or(0));
        let match_row = group.start + a;
        for (k, text) in texts.iter().enumerate().take(b + 1).skip(a) {
            let start = if k == a { first.start } else { 0 };
            let end = if k == b { last.end } else { text.len() };
            if start < end {
                hits.push(Hit {
                    row: group.start + k,
                    left,
                    start,
                    end,
                    match_row,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::layout::{Mark, Piece};

    fn row(para: usize, text: &str) -> Row {
        Row {
            section: 0,
            left: vec![Piece {
                text: text.to_string(),
                mark: Mark::Plain,
            }],
            right: Vec::new(),
            heading: false,
            para,
        }
    }

    #[test]
    fn a_phrase_wrapped_onto_the_next_row_is_found_and_highlighted_on_both() {
        let rows = [row(1, "thi hành Luật Thanh"), row(1, "niên đảm bảo")];
        let found = find(&rows, "thanh nien", SearchMode::default());
        assert_eq!(found.rows, [0]);
        let parts: Vec<(usize, &str)> = found
            .hits
            .iter()
            .map(|h| {
                let t = &rows[h.row].left[0].text;
                (h.row, &t[h.start..h.end])
            })
            .collect();
        assert_eq!(parts, [(0, "Thanh"), (1, "niên")]);
        // Not across paragraphs.
        let rows = [row(1, "Luật Thanh"), row(2, "niên")];
        assert!(
            find(&rows, "thanh nien", SearchMode::default())
                .rows
                .is_empty()
        );
    }

    #[test]
    fn exact_and_whole_word_modes() {
        let rows = [row(1, "KẾ HOẠCH"), row(2, "CỘNG HÒA"), row(3, "hoà giải")];
        let rows_of = |q: &str, exact: bool, whole_word: bool| {
            find(&rows, q, SearchMode { exact, whole_word }).rows
        };
        assert_eq!(rows_of("hòa", false, false), [0, 1, 2]);
        assert_eq!(rows_of("hòa", true, false), [1]);
        assert_eq!(rows_of("hoa", false, true), [1, 2]);
        assert_eq!(rows_of("HOẠ", true, false), [0]);
        assert!(rows_of("hoạ", true, true).is_empty());
    }
}
