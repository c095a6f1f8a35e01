//! Finding where each document of a multi-document file starts.
//!
//! A document opens with a header block: the issuing body, the Số line and the Quốc hiệu, in
//! either order. Each Quốc hiệu is an anchor; the document starts at the earliest header line just
//! above it (one run of caps lines for the issuing body, the Số line, a `V/v` block), never
//! reaching back into the previous document's signature.

use crate::document::clean::CleanLine;
use crate::text::{fold, is_caps, starts_lower};

use super::body::authority_prefix;
use super::header::national_title_end;

fn is_anchor(lines: &[CleanLine], i: usize) -> bool {
    national_title_end(lines, i).is_some()
}

/// Returns the index (into `lines`) of the first line of each document, in order. A file with no
/// recognisable header is one document starting at its first line.
pub fn document_starts(lines: &[CleanLine]) -> Vec<usize> {
    let anchors: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].is_text() && is_anchor(lines, i))
        .collect();
    if anchors.is_empty() {
        return vec![0];
    }
    let mut starts = Vec::with_capacity(anchors.len() + 1);
    let mut floor = 0usize;
    for &anchor in &anchors {
        let start = walk_back(lines, anchor, floor);
        starts.push(start);
        floor = anchor + 1;
    }
    // A copy from a website may lose the Quốc hiệu of its first document but keep its type line
    // and its Điều: that document starts at its type line, not nowhere.
    if let Some(headless) = headless_start(&lines[..starts[0]]) {
        starts.insert(0, headless);
    }
    starts
}

/// The type line (`NGHỊ ĐỊNH`) of a document without Quốc hiệu in `lines`, when Điều follow it.
fn headless_start(lines: &[CleanLine]) -> Option<usize> {
    let start = lines
        .iter()
        .position(|l| l.is_text() && super::header::is_type_name(l.as_str()))?;
    let has_articles = lines[start..].iter().any(|l| {
        l.is_text()
            && super::marker::parse_marker(l.as_str())
                .is_some_and(|m| m.kind == super::marker::MarkerKind::Article)
    });
    has_articles.then_some(start)
}

/// Walks up from the Quốc hiệu over header lines; stops at anything that belongs to the body or
/// signature of what comes before.
fn walk_back(lines: &[CleanLine], anchor: usize, floor: usize) -> usize {
    let mut start = anchor;
    let mut caps_run_done = false;
    let mut in_caps_run = false;
    // Lower-case lines just above are accepted only if a `V/v` line is found above them.
    let mut pending_subject: Option<usize> = None;
    let mut i = anchor;
    let budget = 16;
    while i > floor && anchor - i < budget {
        i -= 1;
        let line = &lines[i];
        if !line.is_text() {
            if in_caps_run {
                in_caps_run = false;
                caps_run_done = true;
            }
            continue;
        }
        let text = line.as_str();
        let folded = fold(text);
        if folded.starts_with("v/v") {
            start = i;
            pending_subject = None;
            continue;
        }
        if folded.starts_with("so") && (text.contains('/') || text.trim_end().ends_with(':')) {
            start = pending_subject.take().map_or(i, |_| i);
            continue;
        }
        if is_caps(text) && authority_prefix(text).is_none() && !caps_run_done {
            if pending_subject.is_some() {
                break;
            }
            in_caps_run = true;
            start = i;
            continue;
        }
        if !caps_run_done && !in_caps_run && (starts_lower(text) || pending_subject.is_some()) {
            pending_subject.get_or_insert(i);
            continue;
        }
        break;
    }
    start
}
