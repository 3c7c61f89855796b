//! A damaged library (found by the daily full check in an earlier run) through IPC: the
//! window asks for the status at start (the event may
//! have fired before it listened), saves are refused, the backups are listed, and a
//! restore puts one back and reopens the library in the running app. Also: delete for
//! good from the window.

mod common;

use common::{open, open_in, paths_in};
use jcc_app::{AddEntry, App, NewJournalInput};
use serde_json::json;

#[test]
fn a_damaged_library_is_reported_at_start_refuses_saves_and_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    {
        let app = App::open(paths.clone()).unwrap();
        app.journal_new(NewJournalInput {
            title: "Diary".into(),
            ..Default::default()
        })
        .unwrap();
        let add = |body: &str| {
            app.entry_add(AddEntry {
                journal: Some("Diary".into()),
                body: body.into(),
                ..Default::default()
            })
            .unwrap();
        };
        add("Written before the backup.");
        app.store().backup_now("daily").unwrap();
        add("Written after the backup.");
        for i in 0..120 {
            add(&format!(
                "Filler {i}. {}",
                "Words worth keeping. ".repeat(90)
            ));
        }
        app.store()
            .connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    // Scribble over pages near the end of the file (entry text), which opening does not
    // read; the daily full check finds them and marks the library damaged.
    let mut bytes = std::fs::read(paths.library()).unwrap();
    let page = 4096;
    let end = bytes.len() - page * 2;
    for b in &mut bytes[end - page * 6..end] {
        *b = 0xA5;
    }
    std::fs::write(paths.library(), &bytes).unwrap();
    let err = App::open(paths.clone())
        .unwrap()
        .check_integrity()
        .unwrap_err();
    assert_eq!(err.code, jcc_app::ErrorCode::CorruptLibrary, "{err}");

    let w = open_in(dir);
    let status = w.ok("library_status", json!({}));
    assert_eq!(status["damaged"], true, "{status}");
    assert!(status["reason"].as_str().unwrap().len() > 3, "{status}");
    let err = w.err(
        "entry_add",
        json!({"input": {"journal": "Diary", "body": "one more"}}),
    );
    assert_eq!(err["code"], "corrupt_library", "{err}");
    let err = w.err("journal_rename", json!({"key": "Diary", "title": "Log"}));
    assert_eq!(err["code"], "corrupt_library", "{err}");

    let backups = w.ok("backup_list", json!({}));
    assert_eq!(backups.as_array().unwrap().len(), 1, "{backups}");
    assert!(backups[0]["size_bytes"].as_u64().unwrap() > 0);
    assert!(backups[0]["taken_at"].as_i64().unwrap() > 0);
    let backup = backups[0]["path"].clone();

    let err = w.err("library_restore", json!({"backup": "/etc/passwd"}));
    assert_eq!(
        err["code"], "not_found",
        "only a listed backup is put back: {err}"
    );
    let restored = w.ok("library_restore", json!({"backup": backup}));
    assert_eq!(restored["status"]["damaged"], false, "{restored}");
    let kept = restored["damaged_copy"].as_str().unwrap();
    assert!(
        std::path::Path::new(kept).exists(),
        "the damaged file is kept aside"
    );

    // The running app now has the backup's library and saves again.
    assert_eq!(w.ok("library_status", json!({}))["damaged"], false);
    let list = w.ok("entry_list", json!({"input": {"journal": "Diary"}}));
    let excerpts: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["excerpt"].as_str().unwrap())
        .collect();
    assert_eq!(excerpts, ["Written before the backup."]);
    w.ok(
        "entry_add",
        json!({"input": {"journal": "Diary", "body": "Saved after the restore."}}),
    );
}

#[test]
fn delete_forever_and_empty_trash_from_the_window() {
    let w = open();
    w.ok("journal_new", json!({"input": {"title": "Diary"}}));
    w.ok("journal_new", json!({"input": {"title": "Old"}}));
    let add = |journal: &str, body: &str| {
        w.ok(
            "entry_add",
            json!({"input": {"journal": journal, "body": body}}),
        )["id"]
            .as_i64()
            .unwrap()
    };
    let a = add("Diary", "first secret");
    let b = add("Diary", "second secret");
    add("Old", "old secret");
    let err = w.err("entry_purge", json!({"id": a}));
    assert_eq!(err["code"], "invalid_input", "only trashed entries: {err}");
    w.ok("entry_trash", json!({"id": a}));
    let purged = w.ok("entry_purge", json!({"id": a}));
    assert_eq!(purged["entries"], 1);
    assert_eq!(w.err("entry_show", json!({"id": a}))["code"], "not_found");

    w.ok("journal_trash", json!({"key": "Old"}));
    let purged = w.ok("journal_purge", json!({"key": "Old"}));
    assert_eq!(
        (purged["entries"].as_i64(), purged["journals"].as_i64()),
        (Some(1), Some(1))
    );

    w.ok("entry_trash", json!({"id": b}));
    assert_eq!(w.ok("trash_empty", json!({}))["entries"], 1);
    let trashed = w.ok("entry_list", json!({"input": {"trashed": true}}));
    assert_eq!(trashed, json!([]));
}
