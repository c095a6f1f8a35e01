//! Inline suppressions, written as comments in the document:
//!
//! - `<!-- rasoat-disable RULE[,RULE…] reason: … -->` (Markdown) or `# rasoat-disable RULE reason: …`
//!   / `// rasoat-disable …` (plain text): the rules are off from this line to the end of the file
//!   or to a matching `rasoat-enable RULE`.
//! - `rasoat-disable-next-line RULE reason: …`: the rules are off on the next line with text.
//!
//! A suppression that suppresses nothing is reported (`RASOAT-UNUSED-SUPPRESSION`), and so is one
//! without a reason (`RASOAT-SUPPRESSION-REASON`). Comment lines are not document text.

use crate::document::directive::{self, DirectiveKind};
use crate::outline::ParsedFile;

use super::engine::{RuleSet, render};
use super::finding::Finding;

/// Whether a raw line is a rasoat comment (parsing leaves it out of the text; see
/// [`crate::document::directive`]).
pub fn is_directive(line: &str) -> bool {
    directive::is_directive(line)
}

#[derive(Debug)]
struct Directive {
    line: u32,
    column_end: u32,
    rules: Vec<String>,
    /// Lines covered (inclusive).
    from: u32,
    to: u32,
    has_reason: bool,
    used: bool,
}

fn directives(file: &ParsedFile) -> Vec<Directive> {
    let mut out: Vec<Directive> = Vec::new();
    let lines = &file.lines;
    // A directive names rasoat: most lines are passed over without running the regex.
    for l in lines.naming_rasoat() {
        let i = l.number as usize - 1;
        let Some(d) = directive::parse(l.text.as_str()) else {
            continue;
        };
        let rules: Vec<String> = d.rules.iter().map(|r| r.to_string()).collect();
        let has_reason = d.reason.is_some_and(|r| !r.trim().is_empty());
        match d.kind {
            DirectiveKind::Enable => {
                for d in out.iter_mut().filter(|d| d.to == u32::MAX) {
                    d.rules.retain(|r| !rules.contains(r));
                    if d.rules.is_empty() {
                        d.to = l.number;
                    }
                }
            }
            kind => {
                let (from, to) = if kind == DirectiveKind::Disable {
                    (l.number, u32::MAX)
                } else {
                    // From the line after, by index: skipping through the iterator would build
                    // every line before it (quadratic in a file of many directives).
                    let next = (i + 1..lines.len())
                        .filter_map(|k| lines.get(k))
                        .find(|n| !n.text.as_str().trim().is_empty())
                        .map_or(l.number + 1, |n| n.number);
                    (next, next)
                };
                out.push(Directive {
                    line: l.number,
                    column_end: l.text.char_len() as u32,
                    rules,
                    from,
                    to,
                    has_reason,
                    used: false,
                });
            }
        }
    }
    out
}

/// Drops suppressed findings and adds findings about the suppressions themselves.
pub fn apply(file: &ParsedFile, findings: Vec<Finding>, set: &RuleSet) -> Vec<Finding> {
    let mut dirs = directives(file);
    if dirs.is_empty() {
        return findings;
    }
    // Directives for one line are looked up by that line, so that a file with thousands of
    // them is not checked against each for each finding; ranges (`rasoat-disable`) are few.
    let mut by_line: std::collections::HashMap<u32, Vec<usize>> = std::collections::HashMap::new();
    let mut ranges: Vec<usize> = Vec::new();
    for (k, d) in dirs.iter().enumerate() {
        if d.from == d.to {
            by_line.entry(d.from).or_default().push(k);
        } else {
            ranges.push(k);
        }
    }
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter(|f| {
            let mut suppressed = false;
            let at_line = by_line.get(&f.line).map_or(&[][..], Vec::as_slice);
            for &k in at_line.iter().chain(&ranges) {
                let d = &mut dirs[k];
                if (d.from..=d.to).contains(&f.line) && d.rules.contains(&f.rule) {
                    d.used = true;
                    suppressed = true;
                }
            }
            !suppressed
        })
        .collect();
    for d in &dirs {
        // Documents are in file order: the last one starting at or before the comment.
        let starts = file
            .documents
            .partition_point(|doc| doc.first_line <= d.line);
        let host = starts.checked_sub(1).map(|i| &file.documents[i]);
        let document = host.map_or(1, |doc| doc.index);
        // The comment is reported in the part of the document around it.
        let place = host.map_or_else(
            || crate::outline::Place::block(crate::outline::Block::Header),
            |doc| {
                super::context::DocContext::new(file, doc)
                    .origin_at(d.line)
                    .place()
            },
        );
        let mut meta = |id: &str| {
            if let Some(rule) = set.get(id) {
                kept.push(Finding {
                    rule: id.to_string(),
                    severity: rule.spec.severity,
                    document,
                    line: d.line,
                    column: 1,
                    end_line: d.line,
                    end_column: d.column_end.max(1),
                    place: place.clone(),
                    message: render(&rule.spec.message, &[("rules", d.rules.join(", "))]),
                    excerpt: d.rules.join(", "),
                    suggestion: None,
                    fix: None,
                    round: None,
                });
            }
        };
        if !d.used {
            meta("RASOAT-UNUSED-SUPPRESSION");
        }
        if !d.has_reason {
            meta("RASOAT-SUPPRESSION-REASON");
        }
    }
    kept
}
