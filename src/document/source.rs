//! Decoding raw bytes into text: BOMs, UTF-16, and refusing what is not text.
//!
//! Pure: takes bytes, returns a `String` or a [`DecodeError`]. The caller names the file.

use thiserror::Error;

/// Why a byte buffer could not be read as a text document.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("tệp rỗng")]
    Empty,
    #[error("tệp không có chữ nào (chỉ có khoảng trắng)")]
    OnlyWhitespace,
    #[error("tệp nhị phân (byte NUL ở vị trí {offset}), không phải văn bản")]
    Binary { offset: usize },
    #[error("không phải UTF-8 hợp lệ ở dòng {line}, byte {offset}; hãy lưu tệp dưới dạng UTF-8")]
    InvalidUtf8 { line: usize, offset: usize },
    #[error("văn bản UTF-16 không hợp lệ")]
    InvalidUtf16,
}

/// How the bytes were encoded; reported so users know what rasoat saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Windows-1258 (Vietnamese ANSI), decoded and normalised to NFC.
    Windows1258,
    /// 8-bit TCVN3 (ABC) or VNI text, converted to Unicode line by line.
    Tcvn3,
    Vni,
}

impl Encoding {
    /// The legacy font encoding the text was in, which rasoat converts only when asked
    /// (`--convert-legacy`).
    pub fn legacy(self) -> Option<super::legacy::Legacy> {
        match self {
            Encoding::Tcvn3 => Some(super::legacy::Legacy::Tcvn3),
            Encoding::Vni => Some(super::legacy::Legacy::Vni),
            _ => None,
        }
    }
}

/// Like [`decode`], taking the bytes: plain UTF-8 (the common case) becomes the `String` without
/// a copy, so a large file is not held twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
    if bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
    {
        return decode(&bytes);
    }
    // Validating Vietnamese text (nearly every word has multi-byte letters) with SIMD is an order
    // of magnitude faster than the standard library's validator; errors are located by `decode`.
    let plain = simdutf8::basic::from_utf8(&bytes)
        .is_ok_and(|s| !s.trim().is_empty() && memchr::memchr(0, s.as_bytes()).is_none());
    if !plain {
        return decode(&bytes);
    }
    // SAFETY: `simdutf8` has just validated the bytes as UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok((text, Encoding::Utf8))
}

/// Decodes `bytes` as UTF-8 (with or without BOM) or UTF-16 (with BOM, or without a BOM when the
/// NUL-byte pattern makes it unambiguous).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest, 3)?, Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, encoding_rs::UTF_16LE)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, encoding_rs::UTF_16BE)?, Encoding::Utf16Be)
    } else if let Some(enc) = sniff_utf16_without_bom(bytes) {
        let decoded = utf16(bytes, enc)?;
        let tag = if enc == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        (decoded, tag)
    } else {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(DecodeError::Binary { offset });
        }
        match utf8(bytes, 0) {
            Ok(text) => (text, Encoding::Utf8),
            Err(e) => single_byte(bytes).ok_or(e)?,
        }
    };
    if let Some(offset) = text.find('\0') {
        return Err(DecodeError::Binary { offset });
    }
    if text.trim().is_empty() {
        return Err(DecodeError::OnlyWhitespace);
    }
    Ok((text, encoding))
}

fn utf8(bytes: &[u8], bom_len: usize) -> Result<String, DecodeError> {
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let valid = e.valid_up_to();
            let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
            Err(DecodeError::InvalidUtf8 {
                line,
                offset: valid + bom_len,
            })
        }
    }
}

/// Text that is not UTF-8 may be Vietnamese in an 8-bit encoding: TCVN3 or VNI (font
/// encodings, recognised by their marker characters), or Windows-1258 (recognised by the
/// Vietnamese syllables it decodes to). Anything else stays an invalid UTF-8 error.
fn single_byte(bytes: &[u8]) -> Option<(String, Encoding)> {
    use super::legacy::{self, Legacy};
    use unicode_normalization::UnicodeNormalization;
    // Windows-1252 keeps the byte values of 0xA0–0xFF, which the legacy tables are written in.
    let (latin, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    // Converting finds the encoding too: one pass over the lines, not a detection and then a
    // conversion.
    let (converted, found, _) = legacy::convert(&latin);
    let legacy = found.map(|found| {
        let tag = match found {
            Legacy::Tcvn3 => Encoding::Tcvn3,
            Legacy::Vni => Encoding::Vni,
        };
        (converted, tag)
    });
    // Vietnamese in Windows-1258 has tone marks as combining bytes, or ă đ ơ ư, within a few
    // words; without any, the bytes are more likely Latin-1 or another code page.
    let vietnamese_bytes = bytes.iter().any(|b| {
        matches!(
            b,
            0xCC | 0xD2
                | 0xDE
                | 0xEC
                | 0xF2
                | 0xC3
                | 0xE3
                | 0xD0
                | 0xF0
                | 0xD5
                | 0xF5
                | 0xDD
                | 0xFD
        )
    });
    let (cp1258, had_errors) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
    let cp1258 = (!had_errors && vietnamese_bytes)
        .then(|| (cp1258.nfc().collect::<String>(), Encoding::Windows1258));
    // Whichever reading gives more Vietnamese syllables, if most of its non-ASCII words are.
    [legacy, cp1258]
        .into_iter()
        .flatten()
        .filter_map(|(text, enc)| {
            let (words, syllables) = syllables(&text);
            (words >= 3 && syllables * 10 >= words * 8).then_some((syllables, text, enc))
        })
        .max_by_key(|(syllables, _, _)| *syllables)
        .map(|(_, text, enc)| (text, enc))
}

/// Non-ASCII words of `text`, and how many of them are Vietnamese syllables.
fn syllables(text: &str) -> (usize, usize) {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_ascii())
        .fold((0, 0), |(words, syllables), w| {
            (
                words + 1,
                syllables + usize::from(super::legacy::is_syllable(w)),
            )
        })
}

fn utf16(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Result<String, DecodeError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::InvalidUtf16);
    }
    Ok(text.into_owned())
}

/// UTF-16 text without a BOM shows NUL bytes in every other position for ASCII-range characters
/// (newlines, spaces, digits, and Vietnamese base letters). Require that pattern on most pairs so
/// that a binary file is not mistaken for text.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair[0] == 0 && pair[1] != 0 {
            even_nul += 1;
        }
        if pair[1] == 0 && pair[0] != 0 {
            odd_nul += 1;
        }
    }
    let threshold = pairs * 6 / 10;
    if odd_nul > threshold && even_nul == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul > threshold && odd_nul == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for unit in s.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Số: 1".as_bytes()).unwrap().1, Encoding::Utf8);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("Số: 1".as_bytes());
        assert_eq!(
            decode(&bom).unwrap(),
            ("Số: 1".to_string(), Encoding::Utf8Bom)
        );
    }

    #[test]
    fn utf16_with_and_without_bom_decodes() {
        let text = "Nơi nhận:\n- Lưu: VT, VX.\n";
        assert_eq!(decode(&utf16le(text, true)).unwrap().0, text);
        assert_eq!(
            decode(&utf16le(text, false)).unwrap(),
            (text.to_string(), Encoding::Utf16Le)
        );
    }

    #[test]
    fn vietnamese_8_bit_encodings_decode() {
        // "Cộng hòa xã hội" in Windows-1258: base letters with combining tone bytes.
        let cp1258 = b"C\xf4\xf2ng ho\xe0 xa\xde h\xf4\xf2i chu\xd2 nghi\xdea";
        let (text, enc) = decode(cp1258).unwrap();
        assert_eq!(enc, Encoding::Windows1258);
        assert_eq!(text, "Cộng hoà xã hội chủ nghĩa");
        // The same words in TCVN3 bytes.
        let tcvn3 = b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca";
        assert_eq!(
            decode(tcvn3).unwrap(),
            ("Cộng hoà xã hội chủ nghĩa".to_string(), Encoding::Tcvn3)
        );
    }

    #[test]
    fn refuses_empty_binary_and_invalid() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(DecodeError::OnlyWhitespace));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary { offset: 8 })
        );
        assert_eq!(
            decode(b"line one\nbad \xC3\x28 here"),
            Err(DecodeError::InvalidUtf8 {
                line: 2,
                offset: 13
            })
        );
    }
}
