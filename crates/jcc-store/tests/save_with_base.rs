//! Two writers of one library file (two stores, as the window and `jcc` are two
//! processes) saving the same entry from the versions they last saw.

use jcc_store::{EntryPatch, NewEntry, NewJournal, Origin, Store};
use proptest::prelude::*;
use std::collections::HashSet;

fn library() -> (tempfile::TempDir, Store, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut a = Store::open(&path).unwrap();
    let b = Store::open(&path).unwrap();
    let j = a
        .create_journal(NewJournal {
            title: "Diary".into(),
            ..Default::default()
        })
        .unwrap();
    let e = a
        .add_entry(NewEntry {
            journal_id: j.id,
            title: "Harbour".into(),
            body: "Morning light.\n\nGulls.".into(),
            ..Default::default()
        })
        .unwrap();
    (dir, a, b, e.id)
}

fn body(text: &str) -> EntryPatch {
    EntryPatch {
        body: Some(text.into()),
        ..Default::default()
    }
}

#[test]
fn a_save_from_an_older_version_is_merged_and_both_inputs_are_kept() {
    let (_dir, mut window, mut cli, id) = library();
    let seen = window.entry(id).unwrap().version;
    // The CLI saves first, from the same version the window shows.
    let cli_saved = cli
        .save_entry(
            id,
            body("Morning light.\n\nGulls.\n\nA ferry left at nine."),
            Origin::Writer,
            Some(seen),
        )
        .unwrap();
    assert!(!cli_saved.merged);
    // The window's autosave still names the version it started from.
    let saved = window
        .save_entry(
            id,
            body("Morning light over the water.\n\nGulls."),
            Origin::Writer,
            Some(seen),
        )
        .unwrap();
    assert!(saved.merged);
    assert_eq!(saved.conflicts, 0);
    assert_eq!(
        saved.entry.body,
        "Morning light over the water.\n\nGulls.\n\nA ferry left at nine."
    );
    assert!(!saved.entry.review_merge);
    let history: Vec<String> = window
        .revisions(id)
        .unwrap()
        .into_iter()
        .map(|r| r.body)
        .collect();
    assert!(history.contains(&"Morning light over the water.\n\nGulls.".to_string()));
    assert!(history.contains(&"Morning light.\n\nGulls.\n\nA ferry left at nine.".to_string()));
}

#[test]
fn a_paragraph_changed_differently_on_both_sides_is_kept_twice_and_marked() {
    let (_dir, mut window, mut cli, id) = library();
    let seen = window.entry(id).unwrap().version;
    cli.save_entry(
        id,
        body("Evening light.\n\nGulls."),
        Origin::Writer,
        Some(seen),
    )
    .unwrap();
    let saved = window
        .save_entry(
            id,
            body("Noon light.\n\nGulls."),
            Origin::Writer,
            Some(seen),
        )
        .unwrap();
    assert_eq!(saved.conflicts, 1);
    assert_eq!(saved.entry.body, "Evening light.\n\nNoon light.\n\nGulls.");
    assert!(window.entry(id).unwrap().review_merge);
    assert!(!window.clear_review_merge(id).unwrap().review_merge);
}

#[test]
fn autosaves_coalesce_only_within_one_writer_session() {
    let (_dir, mut window, mut cli, id) = library();
    let mut version = window.entry(id).unwrap().version;
    let save = |s: &mut Store, text: &str, base: &mut i64| {
        let saved = s
            .save_entry(id, body(text), Origin::Writer, Some(*base))
            .unwrap();
        *base = saved.entry.version;
        saved
    };
    save(&mut window, "one", &mut version);
    save(&mut window, "one two", &mut version);
    assert_eq!(window.revisions(id).unwrap().len(), 1, "one per session");
    // Another writer between two autosaves: their text is kept, and so is the window's.
    save(&mut cli, "one two (from the terminal)", &mut version);
    save(
        &mut window,
        "one two (from the terminal) three",
        &mut version,
    );
    let bodies: Vec<String> = window
        .revisions(id)
        .unwrap()
        .into_iter()
        .map(|r| r.body)
        .collect();
    assert_eq!(
        bodies,
        vec![
            "one two (from the terminal)".to_string(),
            "one two".to_string(),
            "Morning light.\n\nGulls.".to_string()
        ]
    );
}

/// One writer's step: type a new word somewhere, or save (and maybe take the merged
/// text back at once, as an editor with no newer keystrokes does).
#[derive(Debug, Clone)]
enum Step {
    Type {
        writer: usize,
        para: usize,
        at: usize,
    },
    NewParagraph {
        writer: usize,
        at: usize,
    },
    Save {
        writer: usize,
        adopt: bool,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..2usize, any::<usize>(), any::<usize>()).prop_map(|(writer, para, at)| Step::Type { writer, para, at }),
        1 => (0..2usize, any::<usize>()).prop_map(|(writer, at)| Step::NewParagraph { writer, at }),
        3 => (0..2usize, any::<bool>()).prop_map(|(writer, adopt)| Step::Save { writer, adopt }),
    ]
}

struct Writer {
    text: Vec<Vec<String>>,
    base: i64,
    typed: Vec<String>,
    sent: Vec<String>,
}

fn paragraphs(text: &str) -> Vec<Vec<String>> {
    text.split("\n\n")
        .map(|p| {
            p.split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

fn render(text: &[Vec<String>]) -> String {
    text.iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn two_writers_interleaving_lose_no_word_and_keep_every_save(
        steps in prop::collection::vec(step(), 1..40)
    ) {
        let (_dir, mut a, mut b, id) = library();
        // No coalescing: then every save's text must be in the history.
        a.set_revision_window_ms(0);
        b.set_revision_window_ms(0);
        let start = a.entry(id).unwrap();
        let mut writers: Vec<Writer> = (0..2).map(|_| Writer {
            text: paragraphs(&start.body),
            base: start.version,
            typed: Vec::new(),
            sent: Vec::new(),
        }).collect();
        let mut fresh = 0;
        let mut run = |step: &Step, writers: &mut Vec<Writer>, a: &mut Store, b: &mut Store| {
            match *step {
                Step::Type { writer, para, at } => {
                    fresh += 1;
                    let w = &mut writers[writer];
                    let word = format!("w{writer}x{fresh}");
                    let p = para % w.text.len();
                    let at = at % (w.text[p].len() + 1);
                    w.text[p].insert(at, word.clone());
                    w.typed.push(word);
                }
                Step::NewParagraph { writer, at } => {
                    fresh += 1;
                    let w = &mut writers[writer];
                    let word = format!("w{writer}p{fresh}");
                    let at = at % (w.text.len() + 1);
                    w.text.insert(at, vec![word.clone()]);
                    w.typed.push(word);
                }
                Step::Save { writer, adopt } => {
                    let store = if writer == 0 { &mut *a } else { &mut *b };
                    let w = &mut writers[writer];
                    let text = render(&w.text);
                    let saved = store.save_entry(id, body(&text), Origin::Writer, Some(w.base)).unwrap();
                    w.sent.push(text.clone());
                    if !saved.merged || adopt {
                        w.text = paragraphs(&saved.entry.body);
                        w.base = saved.entry.version;
                    }
                }
            }
        };
        for s in &steps {
            run(s, &mut writers, &mut a, &mut b);
        }
        // Both finish: each saves what it has, then takes the result.
        for writer in [0, 1, 0] {
            run(&Step::Save { writer, adopt: true }, &mut writers, &mut a, &mut b);
        }
        let last = a.entry(id).unwrap();
        let words: HashSet<&str> = last.body.split_whitespace().collect();
        for w in &writers {
            for word in &w.typed {
                prop_assert!(words.contains(word.as_str()), "{word} lost: {:?}", last.body);
            }
        }
        let mut kept: HashSet<String> = a.revisions(id).unwrap().into_iter().map(|r| r.body).collect();
        kept.insert(last.body.clone());
        for w in &writers {
            for text in &w.sent {
                prop_assert!(kept.contains(text), "a save is not in the history: {text:?}");
            }
        }
    }
}
