//! The rest of an entry: its tag set and single-valued fields (title, date, starred).

/// The merged value of a single field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMerge<T> {
    pub value: T,
    /// Both sides changed it differently; the later (theirs) won and ours is only in the
    /// history now.
    pub conflict: bool,
}

/// Three-way merge of one value: a side that changed it wins; if both changed it
/// differently, the later save (theirs) wins.
pub fn merge_field<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> FieldMerge<T> {
    let (value, conflict) = if ours == theirs || base == theirs {
        (ours.clone(), false)
    } else if base == ours {
        (theirs.clone(), false)
    } else {
        (theirs.clone(), true)
    };
    FieldMerge { value, conflict }
}

/// Three-way merge of tag sets (case-insensitive, as the library compares tags): a tag
/// either side removed is gone, a tag either side added is there. Ours' order first.
pub fn merge_tags(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let has = |set: &[String], tag: &str| set.iter().any(|t| t.eq_ignore_ascii_case(tag));
    let mut out: Vec<String> = Vec::new();
    for tag in ours.iter().chain(theirs) {
        let keep = if has(base, tag) {
            has(ours, tag) && has(theirs, tag)
        } else {
            true
        };
        if keep && !has(&out, tag) {
            out.push(tag.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tags_added_and_removed_on_either_side() {
        let base = tags(&["walk", "rain"]);
        let ours = tags(&["walk", "rain", "sea"]);
        let theirs = tags(&["Walk", "garden"]);
        assert_eq!(
            merge_tags(&base, &ours, &theirs),
            tags(&["walk", "sea", "garden"])
        );
    }

    #[test]
    fn a_field_changed_on_one_side_wins_and_both_sides_means_the_later() {
        assert_eq!(
            merge_field(&1, &1, &2),
            FieldMerge {
                value: 2,
                conflict: false
            }
        );
        assert_eq!(
            merge_field(&1, &3, &1),
            FieldMerge {
                value: 3,
                conflict: false
            }
        );
        assert_eq!(
            merge_field(&1, &3, &3),
            FieldMerge {
                value: 3,
                conflict: false
            }
        );
        assert_eq!(
            merge_field(&1, &3, &4),
            FieldMerge {
                value: 4,
                conflict: true
            }
        );
    }
}
