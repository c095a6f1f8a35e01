//! `consistency`: variants that must not be mixed in one document. When more than one variant
//! occurs, every occurrence of the less used ones is reported (the most used variant is taken as
//! the document's choice). The document's own text and each attachment vote apart: an attached
//! list is often drafted by another hand, and its choice is its own. A part whose vote is not clear
//! (fewer than three occurrences of its leading variant, or less than twice the next) follows the
//! whole document's vote: one `CỘNG HOÀ` in a form's Quốc hiệu against one `Ủy ban` is no choice
//! of the form's, and the document's forty `Ủy ban` say which is the odd one.
//!
//! ```toml
//! [params]
//! variants = [
//!   { name = "kiểu cũ (hoà)", pattern = '…' , exclude = '^[qQ]' },
//!   { name = "kiểu mới (hòa)", pattern = '…' },
//! ]
//! # `preferred = true` on a variant: the form the source prescribes, which wins a tie.
//! ```

use regex::Regex;
use std::collections::BTreeMap;

use crate::rules::context::{DocContext, Scope};
use crate::rules::search::Searcher;
use crate::rules::spec::RuleError;

use super::{Check, Hit, Params};

#[derive(Debug)]
struct Variant {
    name: String,
    regex: Searcher,
    exclude: Option<Regex>,
    /// The form the source prescribes: it wins a tie.
    preferred: bool,
}

#[derive(Debug)]
pub struct Consistency {
    variants: Vec<Variant>,
    scopes: Vec<Scope>,
}

impl Consistency {
    pub fn compile(p: &Params, scopes: Vec<Scope>) -> Result<Self, RuleError> {
        let list = match p.table.get("variants") {
            Some(toml::Value::Array(a)) if a.len() >= 2 => a,
            _ => {
                return Err(p.error(
                    "variants",
                    "`variants` must list at least two { name, pattern }",
                ));
            }
        };
        let mut variants = Vec::new();
        for v in list {
            let bad = || {
                p.error(
                    "variants",
                    "each variant must be { name = \"…\", pattern = \"…\" }",
                )
            };
            let t = v.as_table().ok_or_else(bad)?;
            let name = t.get("name").and_then(|v| v.as_str()).ok_or_else(bad)?;
            let pattern = t.get("pattern").and_then(|v| v.as_str()).ok_or_else(bad)?;
            let exclude = t
                .get("exclude")
                .and_then(|v| v.as_str())
                .map(|e| p.regex("variants", e))
                .transpose()?;
            let preferred = t
                .get("preferred")
                .map(|v| v.as_bool().ok_or_else(bad))
                .transpose()?
                .unwrap_or(false);
            variants.push(Variant {
                name: name.to_string(),
                regex: p.searcher("variants", pattern)?,
                exclude,
                preferred,
            });
        }
        Ok(Consistency { variants, scopes })
    }
}

impl Check for Consistency {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        self.variants
            .iter()
            .map(|v| (self.scopes.as_slice(), &v.regex))
            .collect()
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let scope = ctx.scope_texts(&self.scopes);
        // Occurrences per text part (the document's own text, each attachment: an attached
        // list is often drafted apart) and per variant.
        let mut parts: BTreeMap<Option<usize>, Vec<Vec<Hit>>> = BTreeMap::new();
        for (k, v) in self.variants.iter().enumerate() {
            for t in v.regex.texts(&scope) {
                let part = t.origin.attachment.map(|a| a.tag.index);
                for c in v.regex.regex().captures_iter(t.text.as_str()) {
                    let m = c
                        .get(1)
                        .or_else(|| c.get(0))
                        .expect("group 0 always matches");
                    if v.exclude.as_ref().is_some_and(|e| e.is_match(m.as_str())) {
                        continue;
                    }
                    if let Some(hit) = Hit::at(t, m.start(), m.end()) {
                        parts
                            .entry(part)
                            .or_insert_with(|| vec![Vec::new(); self.variants.len()])[k]
                            .push(hit);
                    }
                }
            }
        }
        let mut totals = vec![0usize; self.variants.len()];
        for found in parts.values() {
            for (k, hits) in found.iter().enumerate() {
                totals[k] += hits.len();
            }
        }
        let document_choice = self.leading(&totals);
        for found in parts.into_values() {
            let counts: Vec<usize> = found.iter().map(Vec::len).collect();
            let majority = if is_clear(&counts) {
                self.leading(&counts)
            } else {
                document_choice
            };
            self.report_minority(found, majority, out);
        }
    }
}

/// Whether a part's own counts make a choice: the leading variant occurs at least three times and
/// at least twice as often as the next.
fn is_clear(counts: &[usize]) -> bool {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let (first, second) = (sorted[0], sorted.get(1).copied().unwrap_or(0));
    first >= 3 && first >= 2 * second
}

impl Consistency {
    /// The variant with the most occurrences; a tie goes to the preferred form, then to the first.
    fn leading(&self, counts: &[usize]) -> usize {
        (0..counts.len())
            .max_by_key(|&k| (counts[k], self.variants[k].preferred, std::cmp::Reverse(k)))
            .expect("variants are not empty")
    }

    /// Reports the occurrences of the variants other than `majority` in one text part.
    fn report_minority(&self, found: Vec<Vec<Hit>>, majority: usize, out: &mut Vec<Hit>) {
        if found.iter().filter(|f| !f.is_empty()).count() < 2 {
            return;
        }
        for (k, hits) in found.into_iter().enumerate() {
            if k == majority {
                continue;
            }
            for hit in hits {
                out.push(
                    hit.var("variant", self.variants[k].name.clone())
                        .var("majority", self.variants[majority].name.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_clear;

    #[test]
    fn a_part_decides_alone_only_on_a_clear_vote() {
        assert!(is_clear(&[3, 0]));
        assert!(is_clear(&[10, 5]));
        assert!(is_clear(&[1, 12]));
        assert!(!is_clear(&[1, 1]));
        assert!(!is_clear(&[2, 1]));
        assert!(!is_clear(&[5, 3]));
    }
}
