//! `numbering`: numbering sequences and bullet markers.
//!
//! ```toml
//! [params]
//! check = "sequence"     # gaps, duplicates, a wrong start, `d)` followed by `e)` (skipping `đ)`)
//! # check = "bullet-mix" # `-` and `+` mixed at one level
//! ```
//! Điều are numbered through the whole document; other parts restart under each parent.

use crate::outline::MarkerKind;
use crate::outline::model::Section;
use crate::rules::context::{DocContext, ScopedText};
use crate::rules::spec::RuleError;
use crate::text::numbering::{letter_at, to_roman};

use super::{Check, Hit, Params};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Sequence,
    BulletMix,
}

#[derive(Debug)]
pub struct Numbering {
    mode: Mode,
}

impl Numbering {
    pub fn compile(p: &Params) -> Result<Self, RuleError> {
        let mode = match p.str("check")? {
            "sequence" => Mode::Sequence,
            "bullet-mix" => Mode::BulletMix,
            other => {
                return Err(p.error(
                    "check",
                    format!("`check` must be sequence or bullet-mix, not `{other}`"),
                ));
            }
        };
        Ok(Numbering { mode })
    }
}

/// How a number of `kind` is written, for messages: `3.`, `III.`, `đ)`.
fn label(kind: MarkerKind, ordinal: u32) -> String {
    match kind {
        MarkerKind::Roman => format!("{}.", to_roman(ordinal).unwrap_or_default()),
        MarkerKind::Letter => format!("{})", letter_at(ordinal).unwrap_or('?')),
        MarkerKind::ArabicParen => format!("{ordinal})"),
        MarkerKind::Article => format!("Điều {ordinal}."),
        _ => format!("{ordinal}."),
    }
}

/// A hit on the marker of a section heading.
fn hit_on(s: &Section) -> Option<Hit> {
    let t = ScopedText {
        text: s.heading.text.view(),
        section: &s.number,
    };
    let text = t.text.as_str();
    let n = s.label.chars().count().max(1);
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    Hit::at(&t, 0, end)
}

/// Checks one run of siblings of the same kind.
fn sequence(siblings: &[&Section], out: &mut Vec<Hit>) {
    let mut expected = 1u32;
    for s in siblings {
        let Some(n) = s.ordinal else { continue };
        if n != expected {
            let kind = s.kind;
            let duplicate = n < expected;
            let found = label(kind, n);
            let want = label(kind, expected);
            let problem = if duplicate {
                format!("số thứ tự {found} bị trùng hoặc lùi lại (cần {want})")
            } else if kind == MarkerKind::Letter && expected == 5 && n == 6 {
                "sau d) phải là đ), không phải e)".to_string()
            } else {
                format!(
                    "đánh số nhảy cóc: sau {} là {found}, cần {want}",
                    if expected > 1 {
                        label(kind, expected - 1)
                    } else {
                        "phần đầu".to_string()
                    }
                )
            };
            if let Some(hit) = hit_on(s) {
                out.push(hit.var("problem", problem).var("expected", want));
            }
        }
        // After a gap count on from the number found; after a duplicate keep waiting.
        expected = n.max(expected - 1) + 1;
    }
}

fn walk(children: &[Section], mode: Mode, out: &mut Vec<Hit>) {
    match mode {
        Mode::Sequence => {
            let mut kinds: Vec<MarkerKind> = Vec::new();
            for c in children {
                if !c.kind.is_bullet() && c.kind != MarkerKind::Article && !kinds.contains(&c.kind)
                {
                    kinds.push(c.kind);
                }
            }
            for kind in kinds {
                let run: Vec<&Section> = children.iter().filter(|c| c.kind == kind).collect();
                sequence(&run, out);
            }
        }
        Mode::BulletMix => {
            let dashes: Vec<&Section> = children
                .iter()
                .filter(|c| c.kind == MarkerKind::Dash)
                .collect();
            let pluses: Vec<&Section> = children
                .iter()
                .filter(|c| c.kind == MarkerKind::Plus)
                .collect();
            if !dashes.is_empty() && !pluses.is_empty() {
                let minority = if pluses.len() < dashes.len() {
                    &pluses
                } else {
                    &dashes
                };
                let (found, other) = if pluses.len() < dashes.len() {
                    ("+", "-")
                } else {
                    ("-", "+")
                };
                for s in minority {
                    if let Some(hit) = hit_on(s) {
                        out.push(hit.var("found", found).var("majority", other));
                    }
                }
            }
        }
    }
    for c in children {
        walk(&c.children, mode, out);
    }
}

impl Check for Numbering {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        walk(&ctx.doc.sections, self.mode, out);
        if self.mode == Mode::Sequence {
            let articles: Vec<&Section> = ctx
                .doc
                .all_sections()
                .filter(|s| s.kind == MarkerKind::Article)
                .collect();
            sequence(&articles, out);
        }
    }
}
