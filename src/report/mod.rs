//! Output formats. Each writer takes plain data and an `io::Write`, so every format is tested
//! against a `Vec<u8>`.

pub mod check;
pub mod diff;
pub mod emit;
pub mod explain;
pub mod gitlab;
pub mod junit;
pub mod outline;
pub mod pieces;
pub mod redline;
pub mod table;

/// Writes `value` as pretty-printed JSON and a final newline.
///
/// Through a buffer of its own: the serializer's many small writes then are copies the compiler
/// inlines instead of calls through `dyn Write` (a tenth of a large diff's run).
pub fn write_pretty_json(
    out: &mut dyn std::io::Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}

/// The replacement shown for a character a terminal would act on instead of print: C0
/// controls (but tab and line feed) as their control pictures (`␛`), DEL as `␡`, C1 controls and
/// bidirectional overrides and isolates as `�` — as the `check` report (annotate-snippets) and
/// the review screen show them. `None` for a character printed as it is.
fn terminal_replacement(c: char) -> Option<char> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `s` with the characters a terminal would act on replaced by visible ones (see
/// [`terminal_replacement`]): escape sequences in a document or a file name cannot move the
/// cursor, retitle the window or hide text.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| terminal_replacement(c).is_some()) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| terminal_replacement(c).unwrap_or(c))
            .collect(),
    )
}

/// A writer that passes text through [`terminal_safe`]: for outputs without colour of their
/// own (outline, text, Markdown). Bytes that are not UTF-8 pass as they are; a character split
/// across two writes is held until it is whole.
pub struct TerminalSafe<'a> {
    inner: &'a mut dyn std::io::Write,
    /// The start of a character whose other bytes have not been written yet.
    carry: Vec<u8>,
}

impl<'a> TerminalSafe<'a> {
    pub fn new(inner: &'a mut dyn std::io::Write) -> TerminalSafe<'a> {
        TerminalSafe {
            inner,
            carry: Vec::new(),
        }
    }

    fn write_str_safe(&mut self, s: &str) -> std::io::Result<()> {
        self.inner.write_all(terminal_safe(s).as_bytes())
    }
}

impl std::io::Write for TerminalSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let joined;
        let mut bytes = buf;
        if !self.carry.is_empty() {
            let mut v = std::mem::take(&mut self.carry);
            v.extend_from_slice(buf);
            joined = v;
            bytes = &joined;
        }
        while !bytes.is_empty() {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    self.write_str_safe(s)?;
                    break;
                }
                Err(e) => {
                    let (good, rest) = bytes.split_at(e.valid_up_to());
                    // `good` was just validated.
                    self.write_str_safe(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // An incomplete character at the end: kept for the next write.
                        None => {
                            self.carry = rest.to_vec();
                            break;
                        }
                        Some(n) => {
                            self.inner.write_all(&rest[..n])?;
                            bytes = &rest[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            self.inner.write_all(&carry)?;
        }
        self.inner.flush()
    }
}

impl Drop for TerminalSafe<'_> {
    fn drop(&mut self) {
        if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            let _ = self.inner.write_all(&carry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            terminal_safe("a\u{1b}[31mb\u{7}\u{9b}c\u{202e}d\te\n"),
            "a␛[31mb␇�c�d\te\n"
        );
        assert!(matches!(
            terminal_safe("Điều 1."),
            std::borrow::Cow::Borrowed(_)
        ));
        let mut out = Vec::new();
        {
            let mut w = TerminalSafe::new(&mut out);
            // A C1 control (two bytes) split across writes, an invalid byte, an escape.
            w.write_all(b"x\xc2").unwrap();
            w.write_all(b"\x9by\xff\x1b[2J").unwrap();
            w.write_all("ệ".as_bytes()).unwrap();
            w.flush().unwrap();
        }
        let mut expected = "x\u{fffd}y".as_bytes().to_vec();
        expected.push(0xff);
        expected.extend_from_slice("␛[2Jệ".as_bytes());
        assert_eq!(out, expected);
    }
}
