//! The library as a file on disk: pragmas, reopening, upgrades, damage and backups.

use jcc_store::{
    Backups, EntryFilter, IntegrityCheck, NewEntry, NewJournal, OpenOptions, Store, StoreError,
};
use std::path::{Path, PathBuf};

const V1_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/library-v1.sqlite3"
);

fn library(dir: &Path) -> PathBuf {
    dir.join("library.sqlite3")
}

fn write_one(path: &Path, body: &str) -> i64 {
    let mut s = Store::open(path).unwrap();
    let j = s
        .create_journal(NewJournal {
            title: "Diary".into(),
            ..Default::default()
        })
        .unwrap();
    s.add_entry(NewEntry {
        journal_id: j.id,
        body: body.into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

#[test]
fn a_new_library_uses_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&library(dir.path())).unwrap();
    let c = s.connection();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    let fk: i64 = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
}

#[test]
fn saved_words_are_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    let id = write_one(&path, "Café au lait, naïve résumé.");
    let s = Store::open(&path).unwrap();
    assert_eq!(s.entry(id).unwrap().body, "Café au lait, naïve résumé.");
}

#[test]
fn a_schema_1_library_upgrades_with_a_backup_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    std::fs::copy(V1_FIXTURE, &path).unwrap();
    let s = Store::open(&path).unwrap();
    let j = s.find_journal("Old Diary").unwrap();
    let entries = s
        .list_entries(&EntryFilter {
            journal_id: Some(j.id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].tags, vec!["morning"]);
    assert_eq!(
        s.revisions(entries[0].id).unwrap()[0].body,
        "The cafe was quiet."
    );
    // Search works on rows written before the upgrade (the index was kept by triggers).
    let q = jcc_store::search::query::parse(
        "cafe",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    )
    .unwrap();
    assert_eq!(s.search(&q, 10, 0).unwrap().len(), 1);
    // Schema 2's starter content arrived.
    assert!(!s.templates().unwrap().is_empty());
    let backups = Backups::beside(&path).list();
    assert_eq!(backups.len(), 1, "one backup taken before migrating");
    assert!(backups[0].to_string_lossy().contains("pre-migration"));
}

#[test]
fn a_failed_migration_restores_the_backup_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    std::fs::copy(V1_FIXTURE, &path).unwrap();
    // A row that makes schema 2's starter templates collide (UNIQUE name).
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO templates (name, body, created_at, updated_at) VALUES ('Daily page', 'mine', 1, 1)",
        [],
    )
    .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::MigrationFailed { .. }), "{err}");
    assert!(err.to_string().contains("nothing was lost"), "{err}");
    // The library is exactly as it was: schema 1, the writer's template intact.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let body: String = conn
        .query_row(
            "SELECT body FROM templates WHERE name = 'Daily page'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let version: i64 = conn
        .query_row(
            "SELECT max(version) FROM refinery_schema_history",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((body.as_str(), version), ("mine", 1));
}

#[test]
fn a_library_from_a_newer_app_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    write_one(&path, "x");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (999, 'future', '', '0')",
        [],
    )
    .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
}

#[test]
fn garbage_in_place_of_the_library_is_reported_as_damage_with_the_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    std::fs::write(&path, b"this is not a database, it is a shopping list").unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(
        err.to_string().contains("jcc doctor --restore-backup"),
        "{err}"
    );
    // Nothing was overwritten.
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"this is not a database, it is a shopping list"
    );
}

/// The doctor opens with the full check (`IntegrityCheck::Full`): damaged pages anywhere in
/// the file are caught at that open. (A writer's default open checks only the header and
/// structure; the daily full check runs after open, see `the_daily_check_...` below.)
#[test]
fn damaged_pages_are_caught_by_the_full_check_at_open_and_a_backup_can_be_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    let id = write_one(&path, "precious words");
    // Make sure a backup exists (the daily one taken at the next open), then close cleanly.
    {
        let s = Store::open(&path).unwrap();
        s.backup_now("test").unwrap();
        s.connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    // Scribble over the middle of the file, past the header page.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192);
    let page = 4096;
    for b in &mut bytes[page..page * 3] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let full = OpenOptions {
        integrity: IntegrityCheck::Full,
        daily_backup: false,
    };
    let err = Store::open_with(&path, &full).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");

    let backups = Backups::beside(&path);
    let newest = backups.list().into_iter().next().unwrap();
    let kept = backups.restore(&newest, &path).unwrap();
    assert!(kept.exists(), "the damaged file is kept for inspection");
    let s = Store::open_with(&path, &full).unwrap();
    assert_eq!(s.entry(id).unwrap().body, "precious words");
}

#[test]
fn old_backups_are_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    write_one(&path, "x");
    let s = Store::open(&path).unwrap();
    for i in 0..12 {
        s.backup_now(&format!("n{i}")).unwrap();
    }
    assert_eq!(Backups::beside(&path).list().len(), 7);
}

#[test]
fn the_daily_check_runs_off_the_open_path_and_catches_damaged_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    write_one(&path, "precious words");
    // Opening does not run the full check: it is still due afterwards.
    drop(Store::open(&path).unwrap());
    assert!(jcc_store::integrity_check_due(&path));
    // The check itself, on its own connection while the writer's is open.
    let s = Store::open(&path).unwrap();
    jcc_store::verify_library(&path).unwrap();
    assert!(
        !jcc_store::integrity_check_due(&path),
        "a clean check is stamped"
    );
    s.connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(s);

    let stamp = dir.path().join("library.sqlite3.checked");
    std::fs::remove_file(&stamp).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    for b in &mut bytes[page..page * 3] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = jcc_store::verify_library(&path).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(
        err.to_string().contains("jcc doctor --restore-backup"),
        "{err}"
    );
    assert!(!stamp.exists(), "damage is never stamped as checked");
}

#[test]
fn a_store_marked_damaged_refuses_saves_but_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    let id = write_one(&path, "precious words");
    let mut s = Store::open(&path).unwrap();
    s.mark_damaged("page 3: btree cell out of order");
    let j = s.entry(id).unwrap().journal_id;
    let err = s
        .add_entry(NewEntry {
            journal_id: j,
            body: "more".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(s.trash_entry(id).is_err());
    assert_eq!(s.entry(id).unwrap().body, "precious words");
    assert_eq!(s.damage(), Some("page 3: btree cell out of order"));
}

#[test]
fn the_damaged_mark_is_kept_beside_the_file_until_a_backup_is_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    write_one(&path, "precious words");
    let good = Store::open(&path).unwrap().backup_now("good").unwrap();
    Store::open(&path)
        .unwrap()
        .mark_damaged("page 3: btree cell out of order");

    // Another process opening it later (its open checks only the structure) refuses too,
    // and takes no backup of it.
    let before = Backups::beside(&path).list();
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.damage(), Some("page 3: btree cell out of order"));
    let err = s.set_setting("k", &serde_json::json!(1)).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(matches!(s.backup_now("x"), Err(StoreError::Corrupt { .. })));
    assert!(matches!(
        s.daily_backup_if_due(),
        Err(StoreError::Corrupt { .. })
    ));
    drop(s);
    assert_eq!(Backups::beside(&path).list(), before);

    Backups::beside(&path).restore(&good, &path).unwrap();
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.damage(), None, "the mark went with the replaced file");
    s.set_setting("k", &serde_json::json!(1)).unwrap();
}
