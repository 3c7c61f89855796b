//! The window and `jcc` in a terminal, open on the same library at once: words typed in
//! the window while the terminal saves are merged with the terminal's, never written
//! over (`outside.rs` has what the terminal alone saves reaching the window).

use jcc_e2e::steps::{open_journal, type_at_end, EDITOR, WAIT};
use jcc_e2e::{artifacts_dir, jcc_binary, AppUnderTest, Prerequisites, Session};
use std::os::unix::fs::PermissionsExt;

async fn open_first_entry_of(w: &Session, journal: &str) {
    open_journal(w, journal).await;
    w.find("[data-testid=entry-item]").await.click().await;
    w.find(EDITOR).await;
}

/// `jcc entry edit ID` in a terminal with an "editor" that adds `paragraph` at the end:
/// jcc reads the entry, the editor changes it, jcc saves it from the version it read.
fn edit_in_terminal(app: &AppUnderTest, id: &str, paragraph: &str) {
    let editor = app.data_dir.path().join("append.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\nprintf '\\n\\n{paragraph}' >> \"$1\"\n"),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    // `script` gives jcc a terminal, so it opens $EDITOR as it does for a writer.
    let out = app
        .with_library("script")
        .args([
            "-qec",
            &format!("\"{}\" entry edit {id}", jcc_binary().display()),
            "/dev/null",
        ])
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .env("NO_COLOR", "1")
        .output()
        .expect("script (bsdutils) runs");
    assert!(
        out.status.success(),
        "jcc entry edit: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[tokio::test]
async fn the_terminal_and_the_window_write_one_entry() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    app.jcc_ok(&[
        "entry",
        "add",
        "--journal",
        "Harbour Log",
        "--title",
        "Tide",
        "--body",
        "Low tide at six.",
    ]);
    let w = app.launch().await;
    open_first_entry_of(&w, "Harbour Log").await;
    w.wait_text(EDITOR, WAIT, |t| t.contains("Low tide at six."))
        .await;

    // Words typed in the window, not saved yet, while the terminal saves its own: the
    // merge keeps both, whichever save lands first.
    type_at_end(&w, " The ferry is late.").await;
    edit_in_terminal(&app, "1", "A heron on the slipway.");
    let text = w
        .wait_text(EDITOR, WAIT, |t| {
            t.contains("The ferry is late.") && t.contains("A heron on the slipway.")
        })
        .await;
    assert!(text.contains("Low tide at six."), "{text}");
    w.find("[data-testid=save-status][data-status=saved]").await;
    // The library holds both too, and the history both inputs of the merge.
    let shown = app.jcc_ok(&["entry", "show", "1", "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let body = shown["entry"]["body"].as_str().unwrap_or_default();
    assert!(
        body.contains("The ferry is late.") && body.contains("A heron on the slipway."),
        "{body}"
    );
    assert_eq!(
        body.matches("Low tide at six.").count(),
        1,
        "nothing doubled: {body}"
    );
    let history = app.jcc_ok(&["entry", "history", "1", "--json"]);
    let history: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["origin"] == "merge"),
        "the merge is in the history: {history}"
    );
    w.screenshot(&artifacts_dir().join("two-writers.png")).await;
    w.close().await;
}
