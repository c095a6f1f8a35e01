//! Names of characters for findings: `U+202E RIGHT-TO-LEFT OVERRIDE`.
//!
//! Names come from the Unicode Character Database (the `unicode_names2` crate); controls, which
//! have no name there, are given their standard aliases (Unicode's NameAliases.txt).

/// The aliases of the C0 controls U+0000–U+001F.
const C0: [&str; 32] = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
];

/// The aliases of the C1 controls U+0080–U+009F.
const C1: [&str; 32] = [
    "PADDING CHARACTER",
    "HIGH OCTET PRESET",
    "BREAK PERMITTED HERE",
    "NO BREAK HERE",
    "INDEX",
    "NEXT LINE",
    "START OF SELECTED AREA",
    "END OF SELECTED AREA",
    "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION",
    "LINE TABULATION SET",
    "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED",
    "SINGLE SHIFT TWO",
    "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING",
    "PRIVATE USE ONE",
    "PRIVATE USE TWO",
    "SET TRANSMIT STATE",
    "CANCEL CHARACTER",
    "MESSAGE WAITING",
    "START OF GUARDED AREA",
    "END OF GUARDED AREA",
    "START OF STRING",
    "SINGLE GRAPHIC CHARACTER INTRODUCER",
    "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER",
    "STRING TERMINATOR",
    "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
];

/// The Unicode name of `c` (an alias for a control), if it has one.
pub fn name(c: char) -> Option<String> {
    let code = c as u32;
    match code {
        0..=0x1F => Some(C0[code as usize].to_string()),
        0x7F => Some("DELETE".to_string()),
        0x80..=0x9F => Some(C1[(code - 0x80) as usize].to_string()),
        _ => unicode_names2::name(c).map(|n| n.to_string()),
    }
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`, or `U+E0FFF` for a character without a name.
pub fn describe(c: char) -> String {
    match name(c) {
        Some(n) => format!("U+{:04X} {n}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_named_with_their_code() {
        assert_eq!(describe('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\u{421}'), "U+0421 CYRILLIC CAPITAL LETTER ES");
        assert_eq!(describe('\u{7}'), "U+0007 BELL");
        assert_eq!(describe('\u{9B}'), "U+009B CONTROL SEQUENCE INTRODUCER");
        assert_eq!(describe('\u{E0041}'), "U+E0041 TAG LATIN CAPITAL LETTER A");
        assert_eq!(describe('\u{E0FFF}'), "U+E0FFF");
    }
}
