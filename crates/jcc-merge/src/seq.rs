//! Three-way merge of two sequences against their common base (the merge3 algorithm:
//! regions where both sides still match the base are stable; between them, each side
//! either kept the base, or changed it, and a change on both sides is a conflict).

use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::hash::Hash;

/// One stretch of the merged sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Region<'a, T> {
    /// Neither side changed it.
    Unchanged(&'a [T]),
    /// Only ours changed it (to this).
    Ours(&'a [T]),
    /// Only theirs changed it (to this).
    Theirs(&'a [T]),
    /// Both changed it the same way.
    Same(&'a [T]),
    /// Both changed it, differently.
    Conflict {
        base: &'a [T],
        ours: &'a [T],
        theirs: &'a [T],
    },
}

/// A run where `base[base_at..]` equals `side[side_at..]` for `len` items.
#[derive(Debug, Clone, Copy)]
struct Match {
    base_at: usize,
    side_at: usize,
    len: usize,
}

fn matches<T: Hash + Eq + Ord>(base: &[T], side: &[T]) -> Vec<Match> {
    capture_diff_slices(Algorithm::Myers, base, side)
        .into_iter()
        .filter_map(|op| match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => Some(Match {
                base_at: old_index,
                side_at: new_index,
                len,
            }),
            _ => None,
        })
        .collect()
}

/// Stretches of the base that both sides kept, with where they sit in each side:
/// `(base, ours, theirs, len)`, ending with an empty sentinel at the three ends.
fn sync_points<T: Hash + Eq + Ord>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
) -> Vec<(usize, usize, usize, usize)> {
    let (a, b) = (matches(base, ours), matches(base, theirs));
    let (mut i, mut j) = (0, 0);
    let mut points = Vec::new();
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        let start = x.base_at.max(y.base_at);
        let end = (x.base_at + x.len).min(y.base_at + y.len);
        if start < end {
            points.push((
                start,
                x.side_at + (start - x.base_at),
                y.side_at + (start - y.base_at),
                end - start,
            ));
        }
        if x.base_at + x.len < y.base_at + y.len {
            i += 1;
        } else {
            j += 1;
        }
    }
    points.push((base.len(), ours.len(), theirs.len(), 0));
    points
}

/// Merges `ours` and `theirs` against `base` into regions, in order.
pub fn merge3<'a, T: Hash + Eq + Ord>(
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
) -> Vec<Region<'a, T>> {
    let mut regions = Vec::new();
    let (mut z, mut a, mut b) = (0, 0, 0);
    for (zs, as_, bs, len) in sync_points(base, ours, theirs) {
        let (zc, ac, bc) = (&base[z..zs], &ours[a..as_], &theirs[b..bs]);
        if !(zc.is_empty() && ac.is_empty() && bc.is_empty()) {
            let ours_kept = ac == zc;
            let theirs_kept = bc == zc;
            regions.push(if ac == bc {
                Region::Same(ac)
            } else if ours_kept {
                Region::Theirs(bc)
            } else if theirs_kept {
                Region::Ours(ac)
            } else {
                Region::Conflict {
                    base: zc,
                    ours: ac,
                    theirs: bc,
                }
            });
        }
        if len > 0 {
            regions.push(Region::Unchanged(&base[zs..zs + len]));
        }
        (z, a, b) = (zs + len, as_ + len, bs + len);
    }
    regions
}

/// Two insertions at one place, kept both without doubling what they share: items both
/// inserted appear once, the rest in order, ours before theirs at each difference.
pub fn union<'a, T: Hash + Eq + Ord>(ours: &'a [T], theirs: &'a [T]) -> Vec<&'a T> {
    let mut out = Vec::with_capacity(ours.len() + theirs.len());
    for op in capture_diff_slices(Algorithm::Myers, ours, theirs) {
        match op {
            DiffOp::Equal { old_index, len, .. }
            | DiffOp::Delete {
                old_index,
                old_len: len,
                ..
            } => out.extend(&ours[old_index..old_index + len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(&theirs[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.extend(&ours[old_index..old_index + old_len]);
                out.extend(&theirs[new_index..new_index + new_len]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat<'a>(regions: &[Region<'a, &'a str>]) -> String {
        regions
            .iter()
            .map(|r| match r {
                Region::Unchanged(x) | Region::Ours(x) | Region::Theirs(x) | Region::Same(x) => {
                    x.concat()
                }
                Region::Conflict { ours, theirs, .. } => {
                    format!("<{}|{}>", ours.concat(), theirs.concat())
                }
            })
            .collect()
    }

    #[test]
    fn changes_on_different_items_merge() {
        let base = ["a", "b", "c", "d"];
        let ours = ["A", "b", "c", "d"];
        let theirs = ["a", "b", "c", "D", "e"];
        assert_eq!(flat(&merge3(&base, &ours, &theirs)), "AbcDe");
    }

    #[test]
    fn the_same_change_twice_is_made_once() {
        let base = ["a", "b"];
        let both = ["a", "x", "b"];
        let regions = merge3(&base, &both, &both);
        assert_eq!(flat(&regions), "axb");
        assert!(regions.iter().any(|r| matches!(r, Region::Same(_))));
    }

    #[test]
    fn different_changes_to_one_item_conflict() {
        let base = ["a", "b", "c"];
        let regions = merge3(&base, &["a", "X", "c"], &["a", "Y", "c"]);
        assert_eq!(flat(&regions), "a<X|Y>c");
    }

    #[test]
    fn union_keeps_shared_items_once() {
        let ours = ["a", "b", "c"];
        let theirs = ["a", "x", "c", "d"];
        let merged: String = union(&ours, &theirs).into_iter().copied().collect();
        assert_eq!(merged, "abxcd");
    }
}
