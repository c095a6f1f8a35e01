//! `encoding`: text that is not in NFC (decomposed tone marks), or text in a legacy 8-bit
//! encoding read as Unicode (TCVN3, VNI), checked on the original lines.
//!
//! ```toml
//! [params]
//! check = "nfd"   # nfd | legacy | controls
//! ```
//!
//! `legacy` reports the marked words of a line only when the whole line reads as legacy text
//! (its conversion gives Vietnamese syllables, see `document::legacy`): a foreign word with
//! `ü` or `ø`, a guillemet or a middle dot in Unicode text is not.
//!
//! `controls` reports the invisible controls of `document::clean::is_invisible_control`
//! (bidirectional controls and marks, C0/C1 controls but the whitespace ones, tag characters),
//! a run of them as one finding, with `{character}` naming them (`U+202E RIGHT-TO-LEFT
//! OVERRIDE`) and `{kind}` saying what they are. Lines are found by the engine's one search pass
//! (a regex of those characters), so lines without any cost nothing more.

use crate::document::legacy::legacy_words;
use crate::rules::context::{DocContext, Scope};
use crate::rules::search::Searcher;
use crate::rules::spec::RuleError;
use crate::text::charname::describe;

use super::{Check, Hit, Params};

#[derive(Debug)]
pub enum Encoding {
    Nfd,
    Legacy,
    Controls(Searcher),
}

/// The characters of [`is_invisible_control`](crate::document::clean::is_invisible_control),
/// as a regex class.
const CONTROLS: &str = r"[\x00-\x08\x0E-\x1F\x7F-\x{84}\x{86}-\x{9F}\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}\x{061C}\x{E0000}-\x{E007F}]+";

const RAW: &[Scope] = &[Scope::Raw];

/// What an invisible control is, in the message's words.
fn control_kind(c: char) -> &'static str {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "ký tự điều khiển hướng chữ",
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "dấu hướng chữ",
        '\u{E0000}'..='\u{E007F}' => "ký tự thẻ (tag)",
        _ => "ký tự điều khiển",
    }
}

impl Encoding {
    pub fn compile(p: &Params) -> Result<Self, RuleError> {
        match p.str("check")? {
            "nfd" => Ok(Encoding::Nfd),
            "legacy" => Ok(Encoding::Legacy),
            "controls" => Ok(Encoding::Controls(p.searcher("check", CONTROLS)?)),
            other => Err(p.error(
                "check",
                format!("`check` must be nfd, legacy or controls, not `{other}`"),
            )),
        }
    }
}

impl Check for Encoding {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        match self {
            Encoding::Controls(s) => vec![(RAW, s)],
            _ => Vec::new(),
        }
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        if let Encoding::Controls(searcher) = self {
            let scope = ctx.scope_texts(RAW);
            for t in searcher.texts(&scope) {
                let text = t.text.as_str();
                for m in searcher.regex().find_iter(text) {
                    let mut names: Vec<String> = Vec::new();
                    for c in m.as_str().chars() {
                        let name = describe(c);
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                    let first = m.as_str().chars().next().expect("a match is not empty");
                    let count = m.as_str().chars().count();
                    let mut character = names[..names.len().min(3)].join(", ");
                    if names.len() > 3 {
                        character.push_str(", …");
                    }
                    if count > 1 {
                        character.push_str(&format!(" ({count} ký tự)"));
                    }
                    // Deleting is certain unless a C0/C1 control stands between two words'
                    // letters, where it may have taken a space's place.
                    let between_letters = text[..m.start()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                        && text[m.end()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric);
                    let certain = !between_letters || !m.as_str().chars().all(|c| c < '\u{A0}');
                    if let Some(hit) = Hit::at(t, m.start(), m.end()) {
                        let hit = hit
                            .var("character", character)
                            .var("kind", control_kind(first));
                        out.push(if certain { hit.suggest("") } else { hit });
                    }
                }
            }
            return;
        }
        for t in &ctx.scope_texts(&[Scope::Raw]).texts {
            match self {
                Encoding::Nfd => {
                    let Some(line) = t.text.start().map(|p| p.line) else {
                        continue;
                    };
                    if ctx.file.lines.was_not_nfc(line) {
                        out.extend(Hit::whole(t));
                    }
                }
                Encoding::Controls(_) => {}
                Encoding::Legacy => {
                    let Some((legacy, words)) = legacy_words(t.text.as_str()) else {
                        continue;
                    };
                    for (range, converted) in words {
                        out.extend(
                            Hit::at(t, range.start, range.end).map(|h| {
                                h.var("encoding", legacy.name()).var("converted", converted)
                            }),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_controls_regex_is_the_cleaning_definition() {
        let regex = regex::Regex::new(CONTROLS).unwrap();
        for c in ('\u{0}'..='\u{3000}').chain('\u{DFF00}'..='\u{E0100}') {
            assert_eq!(
                regex.is_match(&c.to_string()),
                crate::document::clean::is_invisible_control(c),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
