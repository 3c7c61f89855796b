//! A journal's entry and word totals are maintained by triggers (schema 4), not counted
//! on every read; these tests fail if they ever drift from a recount.

use jcc_store::{EntryPatch, NewEntry, NewJournal, Origin, Store};
use std::path::Path;

const V1_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/library-v1.sqlite3"
);

/// (entries, words) of a journal.
type Totals = (i64, i64);

/// Every journal's stored totals next to a recount of its live entries.
fn totals_and_recount(conn: &rusqlite::Connection) -> Vec<(i64, Totals, Totals)> {
    let mut stmt = conn
        .prepare(
            "SELECT j.id, j.entry_count, j.word_count,
                (SELECT count(*) FROM entries e WHERE e.journal_id = j.id AND e.trashed_at IS NULL),
                (SELECT coalesce(sum(e.word_count), 0) FROM entries e
                 WHERE e.journal_id = j.id AND e.trashed_at IS NULL)
             FROM journals j ORDER BY j.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?), (r.get(3)?, r.get(4)?)))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[track_caller]
fn assert_in_step(s: &Store) {
    for (journal, stored, recount) in totals_and_recount(s.connection()) {
        assert_eq!(
            stored, recount,
            "journal {journal}: stored totals vs a recount"
        );
        // What the API reports is the stored pair.
        let j = s.journal(journal).unwrap();
        assert_eq!((j.entry_count, j.word_count), recount);
    }
}

fn journal(s: &mut Store, title: &str) -> i64 {
    s.create_journal(NewJournal {
        title: title.into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn add(s: &mut Store, journal_id: i64, body: &str) -> i64 {
    s.add_entry(NewEntry {
        journal_id,
        title: "A title".into(),
        body: body.into(),
        tags: vec!["walk".into()],
        ..Default::default()
    })
    .unwrap()
    .id
}

fn edit(s: &mut Store, id: i64, patch: EntryPatch) {
    s.update_entry(id, patch, Origin::Writer).unwrap();
}

#[test]
fn totals_follow_add_edit_trash_restore_move_and_delete() {
    let mut s = Store::open_in_memory().unwrap();
    let a = journal(&mut s, "A");
    let b = journal(&mut s, "B");
    assert_in_step(&s);

    let one = add(&mut s, a, "one two three");
    let two = add(&mut s, a, "four five");
    let three = add(&mut s, b, "six");
    assert_in_step(&s);
    assert_eq!(s.journal(a).unwrap().entry_count, 2);
    assert_eq!(s.journal(a).unwrap().word_count, 2 * 2 + 3 + 2);

    // Text edits change the words; a metadata-only edit changes nothing.
    edit(
        &mut s,
        one,
        EntryPatch {
            body: Some("one two three four five six seven".into()),
            ..Default::default()
        },
    );
    edit(
        &mut s,
        two,
        EntryPatch {
            title: Some(String::new()),
            ..Default::default()
        },
    );
    edit(
        &mut s,
        three,
        EntryPatch {
            starred: Some(true),
            tags: Some(vec!["rain".into()]),
            ..Default::default()
        },
    );
    assert_in_step(&s);

    // Trash and restore, including edits of an entry while it is in the trash.
    s.trash_entry(one).unwrap();
    assert_in_step(&s);
    edit(
        &mut s,
        one,
        EntryPatch {
            body: Some("edited in the trash".into()),
            ..Default::default()
        },
    );
    assert_in_step(&s);
    s.trash_entry(one).unwrap();
    assert_in_step(&s);
    s.restore_entry(one).unwrap();
    s.restore_entry(one).unwrap();
    assert_in_step(&s);

    // A move between journals, live and trashed (there is no API for it yet; the
    // triggers must hold for any writer of the table).
    let c = s.connection();
    c.execute("UPDATE entries SET journal_id = ?1 WHERE id = ?2", [b, two])
        .unwrap();
    s.trash_entry(three).unwrap();
    s.connection()
        .execute(
            "UPDATE entries SET journal_id = ?1 WHERE id = ?2",
            [a, three],
        )
        .unwrap();
    s.connection()
        .execute(
            "UPDATE entries SET journal_id = ?1, word_count = word_count + 5 WHERE id = ?2",
            [a, two],
        )
        .unwrap();
    assert_in_step(&s);

    // Deleting entries: directly, and by purging a journal (a cascade).
    s.connection()
        .execute("DELETE FROM entries WHERE id = ?1", [one])
        .unwrap();
    assert_in_step(&s);
    add(&mut s, b, "seven eight");
    s.trash_journal(b).unwrap();
    assert_in_step(&s);
    s.purge_journal(b).unwrap();
    assert_in_step(&s);
    s.trash_journal(a).unwrap();
    s.purge_journal(a).unwrap();
    assert!(totals_and_recount(s.connection()).is_empty());
}

#[test]
fn a_rolled_back_save_leaves_the_totals_as_they_were() {
    let mut s = Store::open_in_memory().unwrap();
    let a = journal(&mut s, "A");
    add(&mut s, a, "one two");
    let before = s.journal(a).unwrap();
    let failed = s.transaction(|s| {
        add(s, a, "three four five");
        Err::<(), _>(jcc_store::StoreError::Invalid("changed my mind".into()))
    });
    assert!(failed.is_err());
    let after = s.journal(a).unwrap();
    assert_eq!(
        (after.entry_count, after.word_count),
        (before.entry_count, before.word_count)
    );
    assert_in_step(&s);
}

#[test]
fn a_bulk_append_keeps_the_totals_in_step() {
    let mut s = Store::open_in_memory().unwrap();
    let a = journal(&mut s, "A");
    s.transaction(|s| {
        for i in 0..50 {
            s.append_entry(NewEntry {
                journal_id: a,
                body: "word ".repeat(i),
                source_key: Some(format!("bulk:{i}")),
                ..Default::default()
            })?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(s.journal(a).unwrap().entry_count, 50);
    assert_eq!(s.journal(a).unwrap().word_count, (0..50).sum::<i64>());
    assert_in_step(&s);
}

#[test]
fn a_bulk_append_over_several_moves_keeps_order_tags_totals_and_search() {
    // More than one staged move (20,000 entries each) and past the bulk threshold.
    const N: usize = 20_050;
    let mut s = Store::open_in_memory().unwrap();
    let a = journal(&mut s, "A");
    let entries = (0..N)
        .map(|i| NewEntry {
            journal_id: a,
            body: format!("note {i} walk"),
            tags: if i % 1000 == 0 {
                vec!["milestone".into()]
            } else {
                vec![]
            },
            source_key: Some(format!("bulk:{i}")),
            ..Default::default()
        })
        .collect();
    let ids = s.append_entries(entries).unwrap();
    assert_eq!(ids.len(), N);
    assert!(ids.windows(2).all(|w| w[1] == w[0] + 1), "ids in order");
    let last = s.entry(*ids.last().unwrap()).unwrap();
    assert_eq!(last.position, N as i64, "book order continues across moves");
    assert_eq!(last.body, format!("note {} walk", N - 1));
    let tags = s.list_tags().unwrap();
    let milestone = tags.iter().find(|t| t.name == "milestone").unwrap();
    assert_eq!(milestone.entries, 21, "tags of every move");
    let q = jcc_store::search::query::parse(
        "20049",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    )
    .unwrap();
    let hits = s.search(&q, 5, 0).unwrap();
    assert_eq!(hits.len(), 1, "the last move is in the search index");
    assert_eq!(s.journal(a).unwrap().entry_count, N as i64);
    assert_in_step(&s);
}

fn upgrade(path: &Path) -> Store {
    Store::open(path).unwrap()
}

#[test]
fn upgrading_a_schema_1_library_backfills_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    std::fs::copy(V1_FIXTURE, &path).unwrap();
    // Give the schema-1 library a trashed entry, a second journal and an empty one, so the
    // backfill has something to leave out and something to count from zero.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO journals (uuid, kind, title, created_at, updated_at)
                 VALUES ('j-2', 'diary', 'Second', 1, 1), ('j-3', 'diary', 'Empty', 1, 1);
             INSERT INTO entries (uuid, journal_id, kind, body, word_count, created_at, updated_at, trashed_at)
                 VALUES ('e-t', 1, 'free', 'gone', 1, 1, 1, 2);
             INSERT INTO entries (uuid, journal_id, kind, body, word_count, created_at, updated_at)
                 SELECT 'e-2', id, 'free', 'a b c d', 4, 1, 1 FROM journals WHERE uuid = 'j-2';",
        )
        .unwrap();
    }
    let mut s = upgrade(&path);
    assert_in_step(&s);
    let old = s.find_journal("Old Diary").unwrap();
    assert_eq!((old.entry_count, old.word_count), (2, 17));
    let second = s.find_journal("Second").unwrap();
    assert_eq!((second.entry_count, second.word_count), (1, 4));
    let empty = s.find_journal("Empty").unwrap();
    assert_eq!((empty.entry_count, empty.word_count), (0, 0));
    // And they stay in step after the upgrade.
    add(&mut s, old.id, "after the upgrade");
    assert_in_step(&s);
}
