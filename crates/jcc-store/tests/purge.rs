//! Deleting for good: a phrase planted in an entry's title, body, a revision, a tag and an
//! attachment is gone from the library file, its write-ahead log and the search index
//! after a purge, and the backup listing names the backups that still hold it.

use jcc_store::{EntryPatch, NewEntry, NewJournal, Origin, Store, StoreError};
use std::path::{Path, PathBuf};

const WORD: &str = "zeppelinquark";
const PHRASE: &str = "marmalade zeppelinquark harbour";

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The library's bytes as they lie on disk: the database file and its write-ahead log.
fn on_disk(library: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(library).unwrap();
    bytes.extend(std::fs::read(with_suffix(library, "-wal")).unwrap_or_default());
    bytes
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Terms the full-text index holds, read from its own shadow tables.
fn indexed(s: &Store, term: &str) -> i64 {
    let c = s.connection();
    c.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, entries_fts, 'row')",
    )
    .unwrap();
    let in_vocab: i64 = c
        .query_row(
            "SELECT count(*) FROM temp.vocab WHERE term = ?1",
            [term],
            |r| r.get(0),
        )
        .unwrap();
    let matched: i64 = c
        .query_row(
            "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?1",
            [term],
            |r| r.get(0),
        )
        .unwrap();
    in_vocab + matched
}

/// A library with one entry holding the phrase everywhere, one that must survive, and a
/// backup taken while the phrase was there. Returns (store, planted id, kept id).
fn planted(library: &Path) -> (Store, i64, i64) {
    let mut s = Store::open(library).unwrap();
    let j = s
        .create_journal(NewJournal {
            title: "Private".into(),
            ..Default::default()
        })
        .unwrap();
    let secret = s
        .add_entry(NewEntry {
            journal_id: j.id,
            title: format!("About the {WORD}"),
            body: format!("The first draft: {PHRASE}."),
            tags: vec![format!("{WORD}tag")],
            ..Default::default()
        })
        .unwrap();
    // A revision keeps the first draft; the entry now holds a second one.
    s.update_entry(
        secret.id,
        EntryPatch {
            body: Some(format!("The second draft, still about the {WORD}.")),
            ..Default::default()
        },
        Origin::Crew,
    )
    .unwrap();
    assert_eq!(s.revisions(secret.id).unwrap().len(), 1);
    s.attach(
        secret.id,
        "note.txt",
        "text/plain",
        format!("attached {PHRASE}").as_bytes(),
    )
    .unwrap();
    let kept = s
        .add_entry(NewEntry {
            journal_id: j.id,
            title: "Groceries".into(),
            body: "Bread, apples and tea.".into(),
            ..Default::default()
        })
        .unwrap();
    (s, secret.id, kept.id)
}

#[test]
fn a_purged_phrase_is_gone_from_the_file_the_log_and_search_and_backups_holding_it_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let (mut s, secret, kept) = planted(&library);
    let before = s.backup_now("before").unwrap();
    s.trash_entry(secret).unwrap();
    assert!(
        holds(&on_disk(&library), PHRASE),
        "planted where a reader finds it"
    );
    assert!(indexed(&s, WORD) > 0, "trash alone leaves it in the index");

    let err = s.purge_entry(kept).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert!(err.to_string().contains("trash it first"), "{err}");

    let outcome = s.purge_entry(secret).unwrap();
    assert_eq!(
        (outcome.entries, outcome.journals, outcome.files),
        (1, 0, 1)
    );
    assert!(outcome.log_emptied);

    let bytes = on_disk(&library);
    for needle in [PHRASE, WORD, "first draft", "second draft"] {
        assert!(
            !holds(&bytes, needle),
            "{needle:?} is still in the library's files"
        );
    }
    assert_eq!(indexed(&s, WORD), 0, "the search index still holds it");
    assert_eq!(indexed(&s, "marmalade"), 0);
    assert!(matches!(s.entry(secret), Err(StoreError::NotFound { .. })));
    assert!(s
        .list_tags()
        .unwrap()
        .iter()
        .all(|t| !t.name.contains(WORD)));
    assert_eq!(s.entry(kept).unwrap().body, "Bread, apples and tea.");
    let blobs: i64 = s
        .connection()
        .query_row("SELECT count(*) FROM blobs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(blobs, 0, "the attachment no one else used is gone");

    // The backup from before still has it, and is named; one taken after is not.
    assert!(holds(&std::fs::read(&before).unwrap(), PHRASE));
    let after = s.backup_now("after").unwrap();
    assert_eq!(
        outcome
            .backups_holding
            .iter()
            .map(|b| &b.path)
            .collect::<Vec<_>>(),
        vec![&before]
    );
    let listing = s.backups().unwrap();
    assert_eq!(listing.len(), 2);
    let row = |p: &PathBuf| listing.iter().find(|b| &b.path == p).unwrap();
    assert_eq!(row(&before).holds_purged, 1);
    assert_eq!(row(&after).holds_purged, 0);
    assert_eq!(row(&before).reason, "before");
    assert!(row(&before).size_bytes > 0 && row(&before).taken_at > 0);

    // Pruning the backups that hold purged text leaves the clean one.
    let removed = s.remove_backups(|b| b.holds_purged > 0).unwrap();
    assert_eq!(removed.len(), 1);
    assert!(!before.exists() && after.exists());
    assert!(s.backups().unwrap().iter().all(|b| b.holds_purged == 0));
}

#[test]
fn emptying_the_trash_purges_trashed_journals_with_their_entries_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let (mut s, secret, kept) = planted(&library);
    let journal = s.entry(secret).unwrap().journal_id;
    let other = s
        .create_journal(NewJournal {
            title: "Work".into(),
            ..Default::default()
        })
        .unwrap();
    let stays = s
        .add_entry(NewEntry {
            journal_id: other.id,
            body: "Meeting notes.".into(),
            ..Default::default()
        })
        .unwrap();
    let err = s.purge_journal(journal).unwrap_err();
    assert!(err.to_string().contains("trash it first"), "{err}");
    s.trash_journal(journal).unwrap();

    let outcome = s.empty_trash().unwrap();
    assert_eq!((outcome.entries, outcome.journals), (2, 1));
    assert!(!holds(&on_disk(&library), PHRASE));
    assert!(!holds(&on_disk(&library), "Groceries"));
    assert!(matches!(s.entry(kept), Err(StoreError::NotFound { .. })));
    assert_eq!(s.entry(stays.id).unwrap().body, "Meeting notes.");
    assert_eq!(s.list_journals(true).unwrap().len(), 0);
    assert_eq!(
        s.purged_ids().unwrap().len(),
        3,
        "two entries and a journal"
    );
    assert_eq!(s.empty_trash().unwrap().entries, 0, "nothing left to empty");
}

#[test]
fn a_damaged_library_refuses_a_purge() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let (mut s, secret, _) = planted(&library);
    s.trash_entry(secret).unwrap();
    s.mark_damaged("page 7: btree cell out of order");
    let err = s.purge_entry(secret).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(s.entry(secret).is_ok(), "nothing was deleted");
}
