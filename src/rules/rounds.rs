//! Checking a new round against the previous one (`rasoat check NEW --against OLD`).
//!
//! Findings of the new round are labelled `new` (introduced by this round) or `old` (already
//! there); findings of the old round that are gone are returned as `fixed`. Three checks only make
//! sense across rounds: a wrong term fixed in one place but left elsewhere
//! (`ROUND-PARTIAL-FIX`), a cited number whose date changed (`ROUND-CITATION-CHANGED`), and a
//! change of signing authority (`ROUND-SIGNER-CHANGED`).

use std::collections::HashMap;

use crate::outline::{self, Document, ParsedFile};
use crate::text::fold;

use super::context::DocContext;
use super::engine::{RuleSet, render, sort};
use super::finding::{Finding, Round};

/// A document of a parsed file.
#[derive(Debug, Clone, Copy)]
pub struct RoundDoc<'a> {
    pub file: &'a ParsedFile,
    pub doc: &'a Document,
}

/// Findings of one document, with inline suppressions of its file applied.
pub fn document_findings(set: &RuleSet, d: RoundDoc) -> Vec<Finding> {
    let mut all = set.check_file(d.file);
    all.retain(|f| f.document == d.doc.index);
    all
}

/// The result of a two-round check.
#[derive(Debug, Clone, Default)]
pub struct RoundFindings {
    /// Findings of the new round, each labelled `new` or `old`, plus cross-round findings.
    pub current: Vec<Finding>,
    /// Findings of the old round that the new round fixed (positions in the old file).
    pub fixed: Vec<Finding>,
}

fn meta(set: &RuleSet, id: &str, like: &Finding, vars: &[(&str, String)]) -> Option<Finding> {
    let rule = set.get(id)?;
    Some(Finding {
        rule: id.to_string(),
        severity: rule.spec.severity,
        message: render(&rule.spec.message, vars),
        suggestion: None,
        fix: None,
        round: Some(Round::New),
        ..like.clone()
    })
}

/// Checks `new` against `old`.
pub fn check_rounds(set: &RuleSet, new: RoundDoc, old: RoundDoc) -> RoundFindings {
    let (mut current, old_findings) = if std::ptr::eq(new.file, old.file) {
        // Two documents of one file (`rasoat FILE`): the file is checked once.
        let mut current = Vec::new();
        let mut old_findings = Vec::new();
        for f in set.check_file(new.file) {
            if f.document == new.doc.index {
                current.push(f);
            } else if f.document == old.doc.index {
                old_findings.push(f);
            }
        }
        (current, old_findings)
    } else {
        (document_findings(set, new), document_findings(set, old))
    };
    // Findings are matched across rounds on their key without its place (see
    // `Finding::key_across_rounds`).
    let key = |f: &Finding| {
        let (rule, excerpt) = f.key_across_rounds();
        (rule.to_string(), excerpt.to_string())
    };
    let mut old_count: HashMap<(String, String), usize> = HashMap::new();
    for f in &old_findings {
        *old_count.entry(key(f)).or_default() += 1;
    }
    let mut new_count: HashMap<(String, String), usize> = HashMap::new();
    for f in &current {
        *new_count.entry(key(f)).or_default() += 1;
    }
    let mut extra = Vec::new();
    for f in &mut current {
        let k = key(f);
        let before = old_count.get(&k).copied().unwrap_or(0);
        let now = new_count.get(&k).copied().unwrap_or(0);
        f.round = Some(if before > 0 { Round::Old } else { Round::New });
        if before > now && now > 0 && !f.excerpt.is_empty() {
            extra.extend(meta(
                set,
                "ROUND-PARTIAL-FIX",
                f,
                &[
                    ("found", f.excerpt.clone()),
                    ("before", before.to_string()),
                    ("now", now.to_string()),
                ],
            ));
        }
    }
    let mut fixed: Vec<Finding> = Vec::new();
    let mut remaining = new_count.clone();
    for f in old_findings {
        let k = key(&f);
        match remaining.get_mut(&k) {
            Some(n) if *n > 0 => *n -= 1,
            _ => fixed.push(Finding {
                round: Some(Round::Fixed),
                ..f
            }),
        }
    }
    extra.extend(citation_changes(set, new, old));
    extra.extend(signer_change(set, new, old));
    current.extend(extra);
    sort(&mut current);
    sort(&mut fixed);
    RoundFindings { current, fixed }
}

fn citation_changes(set: &RuleSet, new: RoundDoc, old: RoundDoc) -> Vec<Finding> {
    let mut old_dates: HashMap<String, String> = HashMap::new();
    let old_ctx = DocContext::new(old.file, old.doc);
    for (_, c) in old_ctx.citations() {
        old_dates
            .entry(c.number.clone())
            .or_insert_with(|| c.date.clone());
    }
    let mut out = Vec::new();
    let new_ctx = DocContext::new(new.file, new.doc);
    for (t, c) in new_ctx.citations() {
        {
            let Some(before) = old_dates.get(&c.number) else {
                continue;
            };
            if *before == c.date {
                continue;
            }
            let Some(span) = t.text.span_of_bytes(c.start, c.end) else {
                continue;
            };
            let like = Finding {
                rule: String::new(),
                severity: super::spec::Severity::Info,
                document: new.doc.index,
                line: span.line,
                column: span.column,
                end_line: span.end_line,
                end_column: span.end_column,
                place: t.origin.place(),
                message: String::new(),
                excerpt: t.text.as_str()[c.start..c.end].to_string(),
                suggestion: None,
                fix: None,
                round: None,
            };
            out.extend(meta(
                set,
                "ROUND-CITATION-CHANGED",
                &like,
                &[
                    ("number", c.number.clone()),
                    ("before", before.clone()),
                    ("now", c.date.clone()),
                ],
            ));
        }
    }
    out
}

fn authority(doc: &Document) -> String {
    doc.signature
        .iter()
        .filter(|l| {
            !matches!(
                l.role,
                outline::model::SignatureRole::Signer | outline::model::SignatureRole::Other
            )
        })
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn signer_change(set: &RuleSet, new: RoundDoc, old: RoundDoc) -> Option<Finding> {
    let (a, b) = (authority(old.doc), authority(new.doc));
    if a.is_empty() || b.is_empty() || fold(&a) == fold(&b) {
        return None;
    }
    let first = new.doc.signature.first()?;
    let last = new.doc.signature.iter().rev().find(|l| {
        !matches!(
            l.role,
            outline::model::SignatureRole::Signer | outline::model::SignatureRole::Other
        )
    })?;
    let (start, end) = (first.text.text.start()?, last.text.text.end()?);
    let like = Finding {
        rule: String::new(),
        severity: super::spec::Severity::Info,
        document: new.doc.index,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        place: crate::outline::Place::block(crate::outline::Block::Signature),
        message: String::new(),
        excerpt: b.clone(),
        suggestion: None,
        fix: None,
        round: None,
    };
    meta(
        set,
        "ROUND-SIGNER-CHANGED",
        &like,
        &[("before", a), ("now", b)],
    )
}

/// Checks two texts as rounds (for rule examples and tests): the last document of each.
pub fn check_against(set: &RuleSet, new_text: &str, old_text: &str) -> Vec<Finding> {
    let new = outline::parse(new_text);
    let old = outline::parse(old_text);
    let (Some(nd), Some(od)) = (new.documents.last(), old.documents.last()) else {
        return Vec::new();
    };
    let r = check_rounds(
        set,
        RoundDoc {
            file: &new,
            doc: nd,
        },
        RoundDoc {
            file: &old,
            doc: od,
        },
    );
    r.current
}
