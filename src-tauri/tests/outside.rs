//! The shell's side of items that keep words safe: another process's commit reaches the
//! window as `changed_elsewhere` (and the window's own saves never do), and unsaved text
//! is kept, listed, exported and discarded through the draft commands.

mod common;

use common::open;
use jcc_app::{App, AppPaths};
use serde_json::json;
use std::sync::mpsc::Receiver;
use std::time::Duration;
use tauri::Listener;

fn library_events(w: &common::Window) -> Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    w.app.listen_any("library-event", move |e| {
        let _ = tx.send(e.payload().to_string());
    });
    rx
}

#[test]
fn a_commit_by_another_process_reaches_the_window() {
    let w = open();
    let entry = w.ok(
        "entry_add",
        json!({"input": {"journal": "Days", "title": "Rain", "body": "typed in the window"}}),
    )["id"]
        .as_i64()
        .unwrap();
    let events = library_events(&w);
    // What entry_add announced may still be on its way (its journal's new total): let it
    // arrive before the save whose events this test counts.
    while events.recv_timeout(Duration::from_millis(300)).is_ok() {}
    w.ok(
        "entry_save",
        json!({"id": entry, "patch": {"body": "typed again"}}),
    );
    // The window's own save: announced once, as its own.
    let own = events.recv_timeout(Duration::from_secs(2)).unwrap();
    assert!(own.contains("entry_changed"), "{own}");
    assert!(
        events.recv_timeout(Duration::from_secs(1)).is_err(),
        "the window's own save is not reported again as an outside change"
    );

    // `jcc` (another connection to the same file) edits the entry.
    let paths = AppPaths::new(w.dir.path().join("data"), w.dir.path().join("config"));
    let cli = App::open(paths).unwrap();
    cli.entry_edit(
        entry,
        jcc_app::store::EntryPatch {
            body: Some("from the terminal".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let event = events
        .recv_timeout(Duration::from_secs(1))
        .expect("the outside change reaches the window within a second");
    let event: serde_json::Value = serde_json::from_str(&event).unwrap();
    assert_eq!(event["type"], "changed_elsewhere");
    assert_eq!(event["entries"][0]["entry_id"], entry);
}

#[test]
fn unsaved_text_is_kept_listed_exported_and_discarded() {
    let w = open();
    let entry = w.ok(
        "entry_add",
        json!({"input": {"journal": "Days", "title": "Harbour", "body": "saved"}}),
    )["id"]
        .as_i64()
        .unwrap();
    w.ok(
        "draft_keep",
        json!({"draft": {"entry_id": entry, "title": null, "body": "saved, and words the library refused"}}),
    );
    let kept = w.ok("draft_list", json!({}));
    assert_eq!(kept[0]["draft"]["entry_id"], entry);
    assert_eq!(kept[0]["entry_title"], "Harbour");
    assert_eq!(
        kept[0]["draft"]["body"],
        "saved, and words the library refused"
    );
    let file = w.dir.path().join("rescued.md");
    w.ok("draft_export", json!({"entryIds": [entry], "path": file}));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# Harbour\n\nsaved, and words the library refused\n"
    );
    w.ok("draft_discard", json!({"entryId": entry}));
    assert_eq!(w.ok("draft_list", json!({})), json!([]));
}
