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
    start: Start,
    out: &mut Vec<Hit>,
) {
    let numbered: Vec<(&Section, u32)> = siblings
        .iter()
        .filter_map(|s| Some((*s, s.ordinal?)))
        .collect();
    // A list that starts again at 1 in another cell of a table is another list (the cells of a
    // table of procedures each number their own items).
    let mut from = 0;
    for i in 1..=numbered.len() {
        let restarts = numbered
            .get(i)
            .is_some_and(|&(s, n)| n == 1 && s.cell != numbered[i - 1].0.cell);
        if i == numbered.len() || restarts {
            let first_start = if from == 0 { start } else { Start::One };
            run_sequence(&numbered[from..i], attachment, first_start, out);
            from = i;
        }
    }
}

/// Where a list may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// At 1: a list of the document's own parts.
    One,
    /// Anywhere: a quotation replaces parts of another text (`“b) …”`).
    Free,
    /// At 1, or after the last number of the same list under the previous part: procedures
    /// numbered 1–18 across the groups `A.`, `B.` of an annex (`Quy trình số 13` under `II.`).
    After(u32),
}

/// [`sequence`] on one list.
fn run_sequence(
    numbered: &[(&Section, u32)],
    attachment: Option<&Attachment>,
    start: Start,
    out: &mut Vec<Hit>,
) {
    let mut expected = match (start, numbered.first()) {
        (Start::Free, Some((_, n))) => *n,
        (Start::After(last), Some((_, n))) if *n == last + 1 => *n,
        _ => 1,
    };
    let mut i = 0;
    while i < numbered.len() {
        let (s, n) = numbered[i];
        i += 1;
        if n == expected {
            expected = n + 1;
            continue;
        }
        let kind = s.kind;
        let found = label(kind, n);
        let want = label(kind, expected);
        let next = numbered.get(i).map(|&(_, next)| next);
        let intruder = next == Some(expected);
        // `24. 23. 26.`: the list goes on as if this one had the number it should have; one
        // mistyped number, one finding.
        let mistyped = !intruder && next == Some(expected + 1);
        let problem = if intruder {
            format!("số thứ tự {found} không đúng chỗ (ở đây cần {want})")
        } else if mistyped {
            format!("số thứ tự {found} viết sai (ở đây cần {want})")
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
        // An intruder leaves the count where it was; a mistyped number takes its place; after a
        // gap count on from the number found; after a duplicate keep waiting.
        if mistyped {
            expected += 1;
        } else if !intruder && n > expected {
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

/// The last number of each of the document's own lists among `children`, by kind.
type LastNumbers = Vec<(MarkerKind, u32)>;

/// Checks the runs among `children`, whose parent is in quotation `owner` (`None`: this
/// document's own text), and below them. `before` holds the last numbers of the lists under the
/// parent's previous sibling, which a list here may continue. Returns the last numbers here.
fn walk(
    children: &[Section],
    owner: Option<u32>,
    attachment: Option<&Attachment>,
    (mode, free_top): (Mode, bool),
    before: &[(MarkerKind, u32)],
    out: &mut Vec<Hit>,
) -> LastNumbers {
    let mut last: LastNumbers = Vec::new();
    match mode {
        Mode::Sequence => {
            for (quote, run) in runs(children) {
                // A quotation's first parts continue the text they replace, so their run may
                // start anywhere; a run nested in a quoted part starts at 1.
                let free = quote.is_some() && quote != owner || free_top;
                let kind = run[0].kind;
                let start = match before.iter().find(|(k, _)| *k == kind) {
                    _ if free => Start::Free,
                    Some(&(_, n)) if quote.is_none() => Start::After(n),
                    _ => Start::One,
                };
                sequence(&run, attachment, start, out);
                if quote.is_none()
                    && let Some(n) = run.iter().rev().find_map(|s| s.ordinal)
                {
                    last.push((kind, n));
                }
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
    let mut previous: Option<(&Section, LastNumbers)> = None;
    // The last number of each kind among the siblings walked so far: `1.`–`10.` then `B. Bảo
    // dưỡng cầu` whose items go on at `11.` (an amending annex that leaves out the `A.`).
    let mut seen: LastNumbers = Vec::new();
    for c in children {
        // Only a group heading hands its lists on to the next of the same kind (`A.` to `B.`,
        // `I.` to `II.`); the khoản of each Điều and the điểm of each khoản start again at 1.
        let hands_on = matches!(c.kind, MarkerKind::Roman | MarkerKind::UpperLetter);
        let before = match previous.as_ref() {
            _ if !hands_on => &[][..],
            Some((p, l)) if p.kind == c.kind && p.quote == c.quote => l.as_slice(),
            _ if c.quote.is_none() => seen.as_slice(),
            _ => &[][..],
        };
        let here = walk(&c.children, c.quote, attachment, (mode, false), before, out);
        if c.quote.is_none()
            && let Some(n) = c.ordinal
        {
            match seen.iter_mut().find(|(k, _)| *k == c.kind) {
                Some(entry) => entry.1 = n,
                None => seen.push((c.kind, n)),
            }
        }
        previous = Some((c, here));
    }
    last
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
        let start = if quote.is_some() {
            Start::Free
        } else {
            Start::One
        };
        sequence(&group, attachment, start, out);
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
            walk(
                &body.sections,
                None,
                attachment,
                (self.mode, form),
                &[],
                out,
            );
            if self.mode == Mode::Sequence {
                articles(body, attachment, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;

    /// The problems ND30-NUMBERING reports on `text`, in order.
    fn problems(text: &str) -> Vec<String> {
        let mut set = RuleSet::default();
        let source = include_str!("../../../rules/nd30/ND30-NUMBERING.toml");
        set.add("rules/nd30/ND30-NUMBERING.toml", source).unwrap();
        set.check_text(text)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    const HEAD: &str = "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2025\n\n";

    #[test]
    fn a_mistyped_number_is_one_finding_and_the_count_goes_on() {
        let found = problems(&format!(
            "{HEAD}1. Một\n\n2. Hai\n\n4. Ba\n\n4. Bốn\n\n5. Năm"
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("4. viết sai (ở đây cần 3.)"), "{found:?}");
    }

    #[test]
    fn a_list_may_go_on_across_groups_but_khoan_start_again_in_each_dieu() {
        let groups =
            format!("{HEAD}A. NHÓM MỘT\n\n1. Một\n\n2. Hai\n\nB. NHÓM HAI\n\n3. Ba\n\n4. Bốn");
        assert_eq!(problems(&groups), Vec::<String>::new());
        let restarted = format!("{HEAD}A. NHÓM MỘT\n\n1. Một\n\nB. NHÓM HAI\n\n1. Hai");
        assert_eq!(problems(&restarted), Vec::<String>::new());
        // An annex amending part of a list: `B.` without an `A.` is reported, its items that go
        // on from those before it are not.
        let after_items = format!("{HEAD}1. Một\n\n2. Hai\n\nB. CẦU\n\n3. Ba\n\n4. Bốn");
        let found = problems(&after_items);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("cần A."), "{found:?}");
        let articles = "QUYẾT ĐỊNH\nVề việc ban hành quy chế\n\nĐiều 1. Phạm vi\n\n1. Một\n\n\
                        2. Hai\n\nĐiều 2. Đối tượng\n\n3. Ba";
        let found = problems(articles);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("cần 1."), "{found:?}");
    }
}
