//! `encoding`: text that is not in NFC (decomposed tone marks), checked on the original lines.
//!
//! ```toml
//! [params]
//! check = "nfd"
//! ```

use crate::rules::context::{DocContext, Scope};
use crate::rules::spec::RuleError;

use super::{Check, Hit, Params};

#[derive(Debug)]
pub struct Encoding;

impl Encoding {
    pub fn compile(p: &Params) -> Result<Self, RuleError> {
        match p.str("check")? {
            "nfd" => Ok(Encoding),
            other => Err(p.error("check", format!("`check` must be nfd, not `{other}`"))),
        }
    }
}

impl Check for Encoding {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        for t in &ctx.scope_texts(&[Scope::Raw]).texts {
            let Some(line) = t.text.start().map(|p| p.line) else {
                continue;
            };
            if ctx.file.lines.was_not_nfc(line) {
                out.extend(Hit::whole(t));
            }
        }
    }
}
