//! The way back from a damaged library in a running app: a listed backup is put in place,
//! the damaged file is kept aside, and the library is reopened with the backup's content.
//! And the daily backup, asked for again while the app stays open.

use jcc_app::{AddEntry, App, AppPaths, ErrorCode, ListEntries, NewJournalInput};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn paths(root: &Path) -> AppPaths {
    AppPaths::new(root.join("data"), root.join("config"))
}

fn add(app: &App, body: &str) {
    app.entry_add(AddEntry {
        journal: Some("Diary".into()),
        body: body.into(),
        ..Default::default()
    })
    .unwrap();
}

fn bodies(app: &App) -> Vec<String> {
    app.entry_list(ListEntries::default())
        .unwrap()
        .into_iter()
        .map(|e| e.body)
        .collect()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

#[test]
fn restoring_keeps_the_damaged_file_aside_and_reopens_the_backup_in_the_running_app() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let app = App::open(p.clone()).unwrap();
    app.journal_new(NewJournalInput {
        title: "Diary".into(),
        ..Default::default()
    })
    .unwrap();
    add(&app, "Kept in the backup.");
    let backup = app.store().backup_now("daily").unwrap();
    add(&app, "Only in the damaged file.");

    let err = app.library_restore(&backup).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Conflict,
        "a healthy library is not replaced: {err}"
    );

    app.store().mark_damaged("page 5: btree cell out of order");
    assert!(app.library_status().damaged);
    let stray = dir.path().join("elsewhere.sqlite3");
    std::fs::copy(&backup, &stray).unwrap();
    let err = app.library_restore(&stray).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound, "only listed backups: {err}");

    let listed = app.backup_list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, backup);
    let outcome = app.library_restore(&backup).unwrap();
    assert!(!outcome.status.damaged);
    assert_eq!(outcome.restored_from, backup);

    // The damaged file (with its log) is kept aside, words and all.
    let mut kept = std::fs::read(&outcome.damaged_copy).unwrap();
    kept.extend(std::fs::read(with_suffix(&outcome.damaged_copy, "-wal")).unwrap_or_default());
    let needle = b"Only in the damaged file.";
    assert!(kept.windows(needle.len()).any(|w| w == needle));

    // The running app has the backup's library, and saves again.
    assert_eq!(bodies(&app), ["Kept in the backup."]);
    add(&app, "Written after the restore.");
    assert!(!app.library_status().damaged);
    drop(app);
    // So does the next start: the damaged mark went with the damaged file.
    let again = App::open(p).unwrap();
    assert!(!again.library_status().damaged);
    assert_eq!(
        bodies(&again),
        ["Kept in the backup.", "Written after the restore."]
    );
}

#[test]
fn a_clean_full_check_lifts_the_damaged_mark() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let app = App::open(p.clone()).unwrap();
    app.store().mark_damaged("a check that was wrong");
    drop(app);
    let app = App::open(p).unwrap();
    assert!(
        app.library_status().damaged,
        "the mark outlives the process"
    );
    let status = app.library_check().unwrap();
    assert!(!status.damaged, "{status:?}");
    app.journal_new(NewJournalInput {
        title: "Diary".into(),
        ..Default::default()
    })
    .unwrap();
}

#[test]
fn the_daily_backup_is_taken_again_once_the_newest_is_a_day_old() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(paths(dir.path())).unwrap();
    // A new library has no backup yet: the first ask takes one, the next finds it fresh.
    let first = app
        .backup_daily_if_due()
        .unwrap()
        .expect("due: no backup yet");
    assert_eq!(app.backup_daily_if_due().unwrap(), None);
    // A day and a bit later, with the app still open.
    let yesterday = SystemTime::now() - Duration::from_secs(25 * 60 * 60);
    std::fs::File::options()
        .write(true)
        .open(&first)
        .unwrap()
        .set_modified(yesterday)
        .unwrap();
    let second = app.backup_daily_if_due().unwrap().expect("due again");
    assert_ne!(first, second);
    assert_eq!(app.backup_list().unwrap().len(), 2);
    // A damaged library is not backed up: the copy would push a good one out.
    app.store().mark_damaged("page 2: bad");
    let err = app.backup_daily_if_due().unwrap_err();
    assert_eq!(err.code, ErrorCode::CorruptLibrary);
}
