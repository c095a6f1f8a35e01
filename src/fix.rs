//! Applying safe suggestions to a text (pure: the CLI reads and writes the file).

use unicode_normalization::UnicodeNormalization;

use crate::rules::Finding;

/// Byte offset in `line` of the character at 1-based `column`.
fn byte_at(line: &str, column: u32) -> Option<usize> {
    if column == 0 {
        return None;
    }
    let k = column as usize - 1;
    let count = line.chars().count();
    if k == count {
        return Some(line.len());
    }
    line.char_indices().nth(k).map(|(i, _)| i)
}

/// One replacement of a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit<'f> {
    pub start: usize,
    pub end: usize,
    pub replacement: &'f str,
}

/// The edits the fixes of `findings` make to `text` (the file's decoded contents), in order and
/// not overlapping. Only single-line fixes whose original span still reads as the finding's
/// excerpt (in NFC) are kept; overlapping ones after the first are skipped.
pub fn fix_edits<'f>(text: &str, findings: &[&'f Finding]) -> Vec<Edit<'f>> {
    // Start offset of each line (lines split on \n, \r\n or \r like the loader).
    let mut starts = vec![0usize];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                starts.push(i + 1);
            }
            _ => {}
        }
        i += 1;
    }
    let line_text = |n: usize| -> Option<(usize, &str)> {
        let start = *starts.get(n.checked_sub(1)?)?;
        let end = starts.get(n).map_or(text.len(), |&e| e);
        let raw = &text[start..end];
        Some((start, raw.trim_end_matches(['\n', '\r'])))
    };
    let mut edits: Vec<Edit<'f>> = Vec::new();
    for f in findings {
        let Some(fix) = &f.fix else { continue };
        if f.line != f.end_line {
            continue;
        }
        let Some((offset, line)) = line_text(f.line as usize) else {
            continue;
        };
        let (Some(a), Some(b)) = (byte_at(line, f.column), byte_at(line, f.end_column + 1)) else {
            continue;
        };
        if a > b || line[a..b].nfc().collect::<String>() != f.excerpt.nfc().collect::<String>() {
            continue;
        }
        edits.push(Edit {
            start: offset + a,
            end: offset + b,
            replacement: fix.replacement.as_str(),
        });
    }
    edits.sort_by_key(|e| (e.start, e.end));
    let mut at = 0;
    edits.retain(|e| {
        let keep = e.start >= at;
        if keep {
            at = e.end;
        }
        keep
    });
    edits
}

/// Applies the fixes of `findings` to `text` (see [`fix_edits`]). Returns the new text and the
/// number of fixes applied.
pub fn apply_fixes(text: &str, findings: &[&Finding]) -> (String, usize) {
    let edits = fix_edits(text, findings);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in &edits {
        out.push_str(&text[at..e.start]);
        out.push_str(e.replacement);
        at = e.end;
    }
    out.push_str(&text[at..]);
    (out, edits.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;
    use crate::rules::finding::Fix;

    fn finding(line: u32, column: u32, end: u32, excerpt: &str, replacement: &str) -> Finding {
        Finding {
            rule: "X".into(),
            severity: Severity::Warning,
            document: 1,
            line,
            column,
            end_line: line,
            end_column: end,
            place: crate::outline::Place::block(crate::outline::Block::Preamble),
            message: String::new(),
            excerpt: excerpt.into(),
            suggestion: Some(replacement.into()),
            fix: Some(Fix {
                replacement: replacement.into(),
            }),
            round: None,
        }
    }

    #[test]
    fn applies_on_the_right_columns_and_keeps_line_ends() {
        let text = "Nơi nhận:\r\n- Ủy ban huyện, thành phố .\r\n";
        let f = finding(2, 26, 27, " .", ".");
        let (out, n) = apply_fixes(text, &[&f]);
        assert_eq!(n, 1);
        assert_eq!(out, "Nơi nhận:\r\n- Ủy ban huyện, thành phố.\r\n");
    }

    #[test]
    fn skips_a_fix_whose_text_changed() {
        let f = finding(1, 1, 8, "Noi nhận", "Nơi nhận");
        let (out, n) = apply_fixes("Nơi nhận:\n", &[&f]);
        assert_eq!((out.as_str(), n), ("Nơi nhận:\n", 0));
    }
}
