//! `numbering`: numbering sequences and bullet markers.
//!
//! ```toml
//! [params]
//! check = "sequence"     # gaps, duplicates, a wrong start, `d)` followed by `e)` (skipping `đ)`)
//! # check = "bullet-mix" # `-` and `+` mixed at one level
//! ```
//! Điều are numbered through the whole document; other parts restart under each parent.

use crate::outline::model::{Attachment, AttachmentKind, Body, Section};
use crate::outline::{Block, MarkerKind};
use crate::rules::context::{DocContext, Origin, ScopedText};
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
        MarkerKind::UpperLetter => {
            let letter = letter_at(ordinal).unwrap_or('?');
            format!("{}.", letter.to_uppercase())
        }
        MarkerKind::ArabicParen => format!("{ordinal})"),
        MarkerKind::Article => format!("Điều {ordinal}."),
        _ => format!("{ordinal}."),
    }
}

/// A hit on the marker of a section heading.
fn hit_on(s: &Section, attachment: Option<&Attachment>) -> Option<Hit> {
    let t = ScopedText {
        text: s.heading.text.view(),
        origin: Origin {
            block: Block::Section,
            attachment,
            section: Some(s),
        },
        quoted: s.is_quoted(),
    };
    let text = t.text.as_str();
    // A quoted heading starts with its quotation mark.
    let lead = text
        .chars()
        .take_while(|c| !c.is_alphanumeric())
        .count()
        .min(2);
    let lead = if s.is_quoted() { lead } else { 0 };
    let n = lead + s.label.chars().count().max(1);
    let start = text.char_indices().nth(lead).map_or(0, |(i, _)| i);
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    Hit::at(&t, start, end)
}

/// Checks one run of siblings of the same kind. A run of this document's own parts starts at 1;
/// a quoted run starts where the quotation does (`“b) …”` replaces a point b).
///
/// One mistake gives one finding: a number out of place (`5.` before `1. 2. 3.`, `e)` before
/// `d)`) is reported alone when the run goes on as if it were not there.
fn sequence(
    siblings: &[&Section],
    attachment: Option<&Attachment>,
    free_start: bool,
    out: &mut Vec<Hit>,
) {
    let numbered: Vec<(&Section, u32)> = siblings
        .iter()
        .filter_map(|s| Some((*s, s.ordinal?)))
        .collect();
    // A list that starts again at 1 in another cell of a table is another list (the cells of a
    // table of procedures each number their own items).
    let mut start = 0;
    for i in 1..=numbered.len() {
        let restarts = numbered
            .get(i)
            .is_some_and(|&(s, n)| n == 1 && s.cell != numbered[i - 1].0.cell);
        if i == numbered.len() || restarts {
            run_sequence(
                &numbered[start..i],
                attachment,
                free_start && start == 0,
                out,
            );
            start = i;
        }
    }
}

/// [`sequence`] on one list.
fn run_sequence(
    numbered: &[(&Section, u32)],
    attachment: Option<&Attachment>,
    free_start: bool,
    out: &mut Vec<Hit>,
) {
    let mut expected = match (free_start, numbered.first()) {
        (true, Some((_, n))) => *n,
        _ => 1,
    };
    for (i, &(s, n)) in numbered.iter().enumerate() {
        if n == expected {
            expected = n + 1;
            continue;
        }
        let kind = s.kind;
        let found = label(kind, n);
        let want = label(kind, expected);
        let intruder = numbered
            .get(i + 1)
            .is_some_and(|&(_, next)| next == expected);
        let problem = if intruder {
            format!("số thứ tự {found} không đúng chỗ (ở đây cần {want})")
        } else if n < expected {
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
        if let Some(hit) = hit_on(s, attachment) {
            out.push(hit.var("problem", problem).var("expected", want));
        }
        // An intruder leaves the count where it was; after a gap count on from the number found;
        // after a duplicate keep waiting.
        if !intruder && n > expected {
            expected = n + 1;
        }
    }
}

/// The children of a part grouped into runs: this document's own parts by kind, and the parts of
/// each quotation by kind apart. Bullets carry no number; Điều are numbered through a body (or a
/// quotation) and checked there.
fn runs(children: &[Section]) -> Vec<(Option<u32>, Vec<&Section>)> {
    let mut runs: Vec<(Option<u32>, MarkerKind, Vec<&Section>)> = Vec::new();
    for c in children {
        if c.kind.is_bullet() || c.kind == MarkerKind::Article {
            continue;
        }
        match runs
            .iter_mut()
            .find(|(q, k, _)| *q == c.quote && *k == c.kind)
        {
            Some((_, _, run)) => run.push(c),
            None => runs.push((c.quote, c.kind, vec![c])),
        }
    }
    runs.into_iter().map(|(q, _, run)| (q, run)).collect()
}

/// Checks the runs among `children`, whose parent is in quotation `owner` (`None`: this
/// document's own text), and below them.
fn walk(
    children: &[Section],
    owner: Option<u32>,
    attachment: Option<&Attachment>,
    (mode, free_top): (Mode, bool),
    out: &mut Vec<Hit>,
) {
    match mode {
        Mode::Sequence => {
            for (quote, run) in runs(children) {
                // A quotation's first parts continue the text they replace, so their run may
                // start anywhere; a run nested in a quoted part starts at 1.
                let free = quote.is_some() && quote != owner || free_top;
                sequence(&run, attachment, free, out);
            }
        }
        Mode::BulletMix => {
            let own: Vec<&Section> = children.iter().collect();
            let dashes: Vec<&Section> = own
                .iter()
                .copied()
                .filter(|c| c.kind == MarkerKind::Dash)
                .collect();
            let pluses: Vec<&Section> = own
                .iter()
                .copied()
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
                    if let Some(hit) = hit_on(s, attachment) {
                        out.push(hit.var("found", found).var("majority", other));
                    }
                }
            }
        }
    }
    for c in children {
        walk(&c.children, c.quote, attachment, (mode, false), out);
    }
}

/// Checks the Điều of a body: this document's own, numbered from 1, and each quotation's apart.
fn articles(body: &Body, attachment: Option<&Attachment>, out: &mut Vec<Hit>) {
    let mut groups: Vec<(Option<u32>, Vec<&Section>)> = Vec::new();
    for s in body
        .all_sections()
        .filter(|s| s.kind == MarkerKind::Article)
    {
        match groups.iter_mut().find(|(q, _)| *q == s.quote) {
            Some((_, g)) => g.push(s),
            None => groups.push((s.quote, vec![s])),
        }
    }
    for (quote, group) in groups {
        sequence(&group, attachment, quote.is_some(), out);
    }
}

impl Check for Numbering {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let bodies = std::iter::once((&ctx.doc.body, None)).chain(
            ctx.doc
                .attachments
                .iter()
                .map(|a| (&a.content.body, Some(a))),
        );
        for (body, attachment) in bodies {
            // A form is often cut out of a longer annex (the procedures of a Phụ lục go on after
            // the forms of one of them), so its first list may go on from the text before it.
            let form = attachment.is_some_and(|a| a.kind == AttachmentKind::Form || a.template);
            // A form to fill in numbers its fields as its author laid them out (several on one
            // line, branches for each case, blank rows to copy): judged on real annexes, its
            // numbering is not the document's to check.
            if form {
                continue;
            }
            walk(&body.sections, None, attachment, (self.mode, form), out);
            if self.mode == Mode::Sequence {
                articles(body, attachment, out);
            }
        }
    }
}
