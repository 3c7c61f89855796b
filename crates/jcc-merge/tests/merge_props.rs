//! Properties of the merge over random edits by two writers from one base: every word a
//! writer added survives, every base word neither deleted survives, and a clean merge
//! never doubles a word.

use jcc_merge::merge_text;
use proptest::prelude::*;
use std::collections::HashSet;

/// A writer's edit of their copy, in paragraph/word coordinates taken modulo the size.
#[derive(Debug, Clone)]
enum Edit {
    InsertWord { para: usize, at: usize },
    InsertParagraph { at: usize, words: usize },
    DeleteWord { para: usize, at: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), any::<usize>()).prop_map(|(para, at)| Edit::InsertWord { para, at }),
        2 => (any::<usize>(), 1..5usize).prop_map(|(at, words)| Edit::InsertParagraph { at, words }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(para, at)| Edit::DeleteWord { para, at }),
    ]
}

type Doc = Vec<Vec<String>>;

fn render(doc: &Doc) -> String {
    doc.iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Applies edits with fresh words `{side}{n}`; returns what was added and deleted.
fn apply(doc: &mut Doc, edits: &[Edit], side: &str) -> (Vec<String>, Vec<String>) {
    let (mut added, mut deleted) = (Vec::new(), Vec::new());
    let mut fresh = 0;
    let mut next = || {
        fresh += 1;
        format!("{side}{fresh}")
    };
    for e in edits {
        match *e {
            Edit::InsertWord { para, at } if !doc.is_empty() => {
                let p = para % doc.len();
                let w = next();
                let at = at % (doc[p].len() + 1);
                doc[p].insert(at, w.clone());
                added.push(w);
            }
            Edit::InsertParagraph { at, words } => {
                let words: Vec<String> = (0..words).map(|_| next()).collect();
                added.extend(words.iter().cloned());
                doc.insert(at % (doc.len() + 1), words);
            }
            Edit::DeleteWord { para, at } if !doc.is_empty() => {
                let p = para % doc.len();
                if doc[p].len() > 1 {
                    let at = at % doc[p].len();
                    let w = doc[p].remove(at);
                    added.retain(|a| a != &w);
                    if !w.starts_with(side) {
                        deleted.push(w);
                    }
                }
            }
            _ => {}
        }
    }
    (added, deleted)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn no_word_is_lost_or_doubled(
        shape in prop::collection::vec(1..6usize, 1..6),
        ours_edits in prop::collection::vec(edit(), 0..8),
        theirs_edits in prop::collection::vec(edit(), 0..8),
    ) {
        let mut n = 0;
        let base: Doc = shape.iter().map(|&len| (0..len).map(|_| { n += 1; format!("b{n}") }).collect()).collect();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let (ours_added, ours_deleted) = apply(&mut ours, &ours_edits, "o");
        let (theirs_added, theirs_deleted) = apply(&mut theirs, &theirs_edits, "t");
        let merged = merge_text(&render(&base), &render(&ours), &render(&theirs));
        let words: Vec<&str> = merged.text.split_whitespace().collect();
        let present: HashSet<&str> = words.iter().copied().collect();
        for w in ours_added.iter().chain(&theirs_added) {
            prop_assert!(present.contains(w.as_str()), "added {w} lost: {:?}", merged.text);
        }
        for w in base.iter().flatten() {
            if !ours_deleted.contains(w) && !theirs_deleted.contains(w) {
                prop_assert!(present.contains(w.as_str()), "kept {w} lost: {:?}", merged.text);
            }
        }
        if merged.conflicts == 0 {
            prop_assert_eq!(present.len(), words.len(), "a word doubled: {:?}", merged.text);
        }
        // The same inputs always give the same text.
        prop_assert_eq!(merge_text(&render(&base), &render(&ours), &render(&theirs)), merged);
    }
}
