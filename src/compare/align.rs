//! Pairing the units of two versions: by content and numbering level by level, then a global
//! pass that recognises moved units (same text, other place or other parent).

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::similarity::bag_similarity;
use super::units::{Block, Unit};

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

fn pair_score(o: &Unit, n: &Unit, o_bag: &[u64], n_bag: &[u64]) -> f64 {
    if o.block != n.block {
        return 0.0;
    }
    if o.block != Block::Section {
        return 1.0;
    }
    let same_number = if o.number == n.number { 0.25 } else { 0.0 };
    bag_similarity(o_bag, n_bag) + same_number
}

/// Aligns two lists of units (one level), recursing into paired children; appends to `out`.
fn align_level<'u, 'a>(old: &'u [Unit<'a>], new: &'u [Unit<'a>], out: &mut Vec<Entry<'u, 'a>>) {
    // Sections match exactly on their whole text; fixed blocks always match their own kind.
    let key = |u: &Unit| -> (Block, u64) {
        match u.block {
            Block::Section => (Block::Section, u.subtree_hash),
            other => (other, 0),
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
                let new_bags: Vec<_> = ns.iter().map(Unit::subtree_bag).collect();
                let mut next_new = 0;
                let mut j = 0;
                for oi in os {
                    let old_bag = oi.subtree_bag();
                    let best = (next_new..ns.len())
                        .map(|k| (k, pair_score(oi, &ns[k], &old_bag, &new_bags[k])))
                        .filter(|(_, s)| *s >= PAIR_MIN)
                        .max_by(|a, b| a.1.total_cmp(&b.1));
                    match best {
                        Some((k, _)) => {
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
