//! The daily full check runs after open, not on it: a clean library is stamped for a day,
//! and damage it finds stops every later save with the damaged-library error.

use jcc_app::{AddEntry, App, AppPaths, ErrorCode, Event};
use std::path::Path;
use std::sync::Arc;

fn paths(root: &Path) -> AppPaths {
    AppPaths::new(root.join("data"), root.join("config"))
}

fn write_some(app: &App, n: usize) {
    for i in 0..n {
        app.entry_add(AddEntry {
            journal: Some("Diary".into()),
            body: format!(
                "Entry {i}. {}",
                "Words worth keeping, every one. ".repeat(60)
            ),
            ..Default::default()
        })
        .unwrap();
    }
}

#[test]
fn a_clean_library_is_checked_after_open_and_not_again_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(App::open(paths(dir.path())).unwrap());
    write_some(&app, 3);
    assert!(app.integrity_check_due(), "never checked yet");
    let handle = app
        .check_integrity_in_background()
        .expect("the check is due");
    handle.join().unwrap().unwrap();
    assert!(!app.integrity_check_due(), "checked today");
    assert!(app.check_integrity_in_background().is_none());
    // Saves go on as before.
    write_some(&app, 1);
}

#[test]
fn damage_found_after_open_refuses_later_saves_with_the_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    {
        let app = App::open(p.clone()).unwrap();
        write_some(&app, 120);
        app.store()
            .connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    // Scribble over pages near the end of the file (entry text and its index), which
    // opening does not read.
    let library = p.library();
    let mut bytes = std::fs::read(&library).unwrap();
    let page = 4096;
    assert!(bytes.len() > page * 40, "{} bytes", bytes.len());
    let end = bytes.len() - page * 2;
    for b in &mut bytes[end - page * 6..end] {
        *b = 0xA5;
    }
    std::fs::write(&library, &bytes).unwrap();

    let app = Arc::new(App::open(p).expect("opening checks the structure only"));
    let events = app.events().subscribe();
    let err = app
        .check_integrity_in_background()
        .expect("the check is due")
        .join()
        .unwrap()
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::CorruptLibrary, "{err}");
    assert!(app.integrity_check_due(), "a failed check is not stamped");
    assert!(events
        .try_iter()
        .any(|e| matches!(e, Event::LibraryDamaged { .. })));
    // The writer sees it on their next save, with the way out.
    let err = app
        .entry_add(AddEntry {
            journal: Some("Diary".into()),
            body: "one more".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::CorruptLibrary, "{err}");
    assert!(
        err.to_string().contains("jcc doctor --restore-backup"),
        "{err}"
    );
}
