//! `encoding`: text that is not in NFC (decomposed tone marks), or text in a legacy 8-bit
//! encoding read as Unicode (TCVN3, VNI), checked on the original lines.
//!
//! ```toml
//! [params]
//! check = "nfd"   # nfd | legacy
//! ```
//!
//! `legacy` reports the marked words of a line only when the whole line reads as legacy text
//! (its conversion gives Vietnamese syllables, see `document::legacy`): a foreign word with
//! `ü` or `ø`, a guillemet or a middle dot in Unicode text is not.

use crate::document::legacy::legacy_words;
use crate::rules::context::{DocContext, Scope};
use crate::rules::spec::RuleError;

use super::{Check, Hit, Params};

#[derive(Debug)]
pub enum Encoding {
    Nfd,
    Legacy,
}

impl Encoding {
    pub fn compile(p: &Params) -> Result<Self, RuleError> {
        match p.str("check")? {
            "nfd" => Ok(Encoding::Nfd),
            "legacy" => Ok(Encoding::Legacy),
            other => Err(p.error(
                "check",
                format!("`check` must be nfd or legacy, not `{other}`"),
            )),
        }
    }
}

impl Check for Encoding {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
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
