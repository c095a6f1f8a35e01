//! Pairing the units of two versions: by content and numbering level by level, then a global
//! pass that recognises moved units (same text, other place or other parent).

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::similarity::{bag_similarity, dice};
use super::units::{Block, ParagraphMatch, Unit};

/// A step of the merged reading order: a pair, a deleted unit or an inserted unit.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'u, 'a> {
    pub old: Option<&'u Unit<'a>>,
    pub new: Option<&'u Unit<'a>>,
    pub moved: bool,
}

/// Minimum score to pair two units that are not equal.
const PAIR_MIN: f64 = 0.5;
/// Minimum similarity to call a deleted and an inserted unit the same unit moved.
const MOVE_MIN: f64 = 0.6;
/// A move needs some text: two one-word headings are not the same part.
const MOVE_MIN_WORDS: usize = 3;

/// How well `n` pairs with `o`, given the similarity of their subtrees (asked only when both are
/// sections).
fn pair_score(o: &Unit, n: &Unit, similarity: impl FnOnce() -> f64) -> f64 {
    if o.block != n.block {
        return 0.0;
    }
    if o.block != Block::Section {
        // A block pairs with the same block of the same attachment (or of the document).
        return if o.attachment == n.attachment {
            1.0
        } else {
            0.0
        };
    }
    let same_number = if o.number == n.number { 0.25 } else { 0.0 };
    similarity() + same_number
}

/// The unit of `candidates` that `o` pairs with: the one with the highest [`pair_score`] of at
/// least [`PAIR_MIN`] on the similarity of their subtrees' words (the last of equals).
///
/// That is what comparing `o`'s words with every candidate's gives, computed as little as
/// possible: an upper bound from the word counts, and a lower bound from the paragraphs and
/// children both sides hold unchanged ([`Unit::common_words_at_least`]), settle most choices
/// without a word being hashed. Otherwise the candidates are scored exactly
/// ([`Unit::common_subtree_words`]: identical paragraphs count whole), best bound first, each
/// first bounded by its identical paragraphs alone, until no bound left can beat the best score.
fn best_match<'u, 'a>(o: &Unit, candidates: &'u [Unit<'a>]) -> Option<usize> {
    let upper = |n: &Unit| {
        pair_score(o, n, || {
            let (a, b) = (o.subtree_words(), n.subtree_words());
            dice(a.min(b), a + b)
        })
    };
    let lower = |n: &Unit| {
        pair_score(o, n, || {
            dice(
                o.common_words_at_least(n),
                o.subtree_words() + n.subtree_words(),
            )
        })
    };
    let mut left: Vec<(usize, f64)> = candidates
        .iter()
        .enumerate()
        .map(|(k, n)| (k, upper(n)))
        .filter(|&(_, up)| up >= PAIR_MIN)
        .collect();
    let floor = left
        .iter()
        .map(|&(k, _)| lower(&candidates[k]))
        .max_by(f64::total_cmp)?;
    // The candidate with the best lower bound stays; one whose upper bound is below that cannot
    // win.
    left.retain(|&(_, up)| up >= floor);
    if let [(k, _)] = left[..]
        && floor >= PAIR_MIN
    {
        return Some(k);
    }
    // Best bound first (the later of equal bounds first, as the later of equal scores wins).
    left.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    let ours = o.sorted_paragraphs();
    let mut best: Option<(usize, f64)> = None;
    for (k, up) in left {
        if best.is_some_and(|(_, score)| up < score) {
            break;
        }
        let n = &candidates[k];
        let total = o.subtree_words() + n.subtree_words();
        let score = if o.subtree_hash == n.subtree_hash {
            pair_score(o, n, || dice(o.subtree_words(), total))
        } else {
            // The paragraphs both hold bound the score before their words are read: a
            // candidate that cannot beat the best so far is left there.
            let split = ParagraphMatch::of(&ours, &n.sorted_paragraphs());
            let at_most = pair_score(o, n, || dice(split.at_most(), total));
            if best.is_some_and(|(_, score)| at_most < score) {
                continue;
            }
            pair_score(o, n, || dice(split.common_words(), total))
        };
        let better = best.is_none_or(|(b, s)| score > s || (score == s && k > b));
        if score >= PAIR_MIN && better {
            best = Some((k, score));
        }
    }
    best.map(|(k, _)| k)
}

/// A key for an attachment's blocks: its key's bytes, folded into a number (never 0, which is
/// the document's own blocks).
fn attachment_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }) | 1
}

/// Aligns two lists of units (one level), recursing into paired children; appends to `out`.
fn align_level<'u, 'a>(old: &'u [Unit<'a>], new: &'u [Unit<'a>], out: &mut Vec<Entry<'u, 'a>>) {
    // Sections match exactly on their whole text; fixed blocks always match their own kind in
    // the same attachment.
    let key = |u: &Unit| -> (Block, u64) {
        match u.block {
            Block::Section => (Block::Section, u.subtree_hash),
            other => (other, u.attachment.map_or(0, attachment_hash)),
        }
    };
    let old_keys: Vec<(Block, u64)> = old.iter().map(key).collect();
    let new_keys: Vec<(Block, u64)> = new.iter().map(key).collect();
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => o.zip(n).for_each(|(i, j)| pair(&old[i], &new[j], out)),
            DiffTag::Delete => o.for_each(|i| deleted(&old[i], out)),
            DiffTag::Insert => n.for_each(|j| inserted(&new[j], out)),
            DiffTag::Replace => {
                let (os, ns) = (&old[o.clone()], &new[n.clone()]);
                let mut next_new = 0;
                let mut j = 0;
                for oi in os {
                    match best_match(oi, &ns[next_new..]).map(|k| next_new + k) {
                        Some(k) => {
                            while j < k {
                                inserted(&ns[j], out);
                                j += 1;
                            }
                            pair(oi, &ns[k], out);
                            j = k + 1;
                            next_new = k + 1;
                        }
                        None => deleted(oi, out),
                    }
                }
                ns[j..].iter().for_each(|u| inserted(u, out));
            }
        }
    }
}

fn pair<'u, 'a>(o: &'u Unit<'a>, n: &'u Unit<'a>, out: &mut Vec<Entry<'u, 'a>>) {
    out.push(Entry {
        old: Some(o),
        new: Some(n),
        moved: false,
    });
    align_level(&o.children, &n.children, out);
}

fn deleted<'u, 'a>(u: &'u Unit<'a>, out: &mut Vec<Entry<'u, 'a>>) {
    out.push(Entry {
        old: Some(u),
        new: None,
        moved: false,
    });
    u.children.iter().for_each(|c| deleted(c, out));
}

fn inserted<'u, 'a>(u: &'u Unit<'a>, out: &mut Vec<Entry<'u, 'a>>) {
    out.push(Entry {
        old: None,
        new: Some(u),
        moved: false,
    });
    u.children.iter().for_each(|c| inserted(c, out));
}

/// Aligns two documents' units; the result is in reading order of the new version, with deleted
/// units at their old place. Each unit appears in at most one entry.
pub fn align<'u, 'a>(old: &'u [Unit<'a>], new: &'u [Unit<'a>]) -> Vec<Entry<'u, 'a>> {
    let mut entries = Vec::new();
    align_level(old, new, &mut entries);
    // Moves: pair a deleted unit with the most similar inserted one anywhere in the document.
    let deleted: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].new.is_none())
        .collect();
    let mut taken = vec![false; entries.len()];
    for &d in &deleted {
        let o = entries[d].old.expect("deleted entries have an old unit");
        if o.bag().len() < MOVE_MIN_WORDS {
            continue;
        }
        let best = (0..entries.len())
            .filter(|&i| entries[i].old.is_none() && !taken[i])
            .map(|i| {
                let n = entries[i].new.expect("inserted entries have a new unit");
                (
                    i,
                    if n.block == o.block {
                        bag_similarity(o.bag(), n.bag())
                    } else {
                        0.0
                    },
                )
            })
            .filter(|(_, s)| *s >= MOVE_MIN)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best {
            taken[i] = true;
            taken[d] = true;
            entries[i].old = Some(o);
            entries[i].moved = true;
        }
    }
    entries
        .into_iter()
        .enumerate()
        .filter(|(i, e)| !(taken[*i] && e.new.is_none()))
        .map(|(_, e)| e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Options, units};
    use proptest::prelude::*;

    /// The choice [`best_match`] must make: every candidate's full word bag compared.
    fn best_match_by_bags(o: &Unit, candidates: &[Unit]) -> Option<usize> {
        let old_bag = o.subtree_bag();
        candidates
            .iter()
            .enumerate()
            .map(|(k, n)| {
                let similarity = || bag_similarity(&old_bag, &n.subtree_bag());
                (k, pair_score(o, n, similarity))
            })
            .filter(|(_, s)| *s >= PAIR_MIN)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(k, _)| k)
    }

    const WORDS: &[&str] = &[
        "Luật",
        "thi hành",
        "dân chủ",
        "cơ sở",
        "Sở",
        "ban",
        "ngành",
        "tỉnh",
    ];

    /// A document of nested parts (`I.`, `1.`, `a)`, `-`) whose paragraphs are drawn from a few
    /// words, and a second version with some words changed.
    fn versions() -> impl Strategy<Value = (String, String)> {
        let paragraph = proptest::collection::vec(0..WORDS.len(), 1..8);
        let part = (0..4usize, proptest::collection::vec(paragraph, 1..4));
        (
            proptest::collection::vec(part, 1..24),
            proptest::collection::vec((0..200usize, 0..WORDS.len()), 0..6),
        )
            .prop_map(|(parts, edits)| {
                let mut counters = [0usize; 4];
                let mut old = String::new();
                let mut words_written = Vec::new();
                for (level, paras) in parts {
                    counters[level] += 1;
                    counters[level + 1..].iter_mut().for_each(|c| *c = 0);
                    let marker = match level {
                        0 => format!("{}.", ["I", "II", "III", "IV", "V", "VI"][counters[0] % 6]),
                        1 => format!("{}.", counters[1]),
                        2 => format!("{})", ["a", "b", "c", "d", "đ", "e"][counters[2] % 6]),
                        _ => "-".to_string(),
                    };
                    for (k, para) in paras.iter().enumerate() {
                        let text: Vec<&str> = para.iter().map(|&w| WORDS[w]).collect();
                        words_written.push(old.len());
                        if k == 0 {
                            old.push_str(&format!("{marker} {}.\n\n", text.join(" ")));
                        } else {
                            old.push_str(&format!("{}.\n\n", text.join(" ")));
                        }
                    }
                }
                // A word added before the full stop of some paragraphs, the last first so that
                // the offsets of the others still hold.
                let mut edits: Vec<(usize, usize)> = edits
                    .into_iter()
                    .map(|(at, word)| (words_written[at % words_written.len()], word))
                    .collect();
                edits.sort_unstable();
                edits.dedup_by_key(|e| e.0);
                let mut new = old.clone();
                for (start, word) in edits.into_iter().rev() {
                    let line_end = start + new[start..].find('\n').expect("paragraphs end a line");
                    new.insert_str(line_end - 1, &format!(" {}", WORDS[word]));
                }
                (old, new)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn bounded_choice_equals_the_choice_by_full_bags((old, new) in versions()) {
            let (old, new) = (crate::outline::parse(&old), crate::outline::parse(&new));
            let options = Options::default();
            let old_units = units::units(&old.documents[0], None, &options);
            let new_units = units::units(&new.documents[0], None, &options);
            for o in &old_units {
                for from in 0..new_units.len() {
                    let candidates = &new_units[from..];
                    prop_assert_eq!(best_match(o, candidates), best_match_by_bags(o, candidates));
                }
                for n in &new_units {
                    let exact = bag_similarity(&o.subtree_bag(), &n.subtree_bag());
                    let common = o.common_subtree_words(n);
                    prop_assert_eq!(exact, dice(common, o.subtree_words() + n.subtree_words()));
                    let lower = dice(o.common_words_at_least(n), o.subtree_words() + n.subtree_words());
                    prop_assert!(lower <= exact + 1e-12, "{} > {}", lower, exact);
                    prop_assert_eq!(o.subtree_words() + n.subtree_words(), o.subtree_bag().len() + n.subtree_bag().len());
                }
            }
        }
    }
}
