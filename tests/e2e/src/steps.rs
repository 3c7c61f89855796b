//! A writer's common steps in the window, shared by the test files.

use crate::webdriver::{keys, Session};
use serde_json::json;
use std::process::Command;
use std::time::Duration;

pub const WAIT: Duration = Duration::from_secs(20);
pub const EDITOR: &str = "[data-testid=editor-content]";

/// A new journal, shown in the sidebar.
pub async fn new_journal(w: &Session, title: &str) {
    w.find("[data-testid=new-journal-button]")
        .await
        .click()
        .await;
    let input = w.find("[data-testid=new-journal-title]").await;
    input.send_keys(title).await;
    w.find("[data-testid=new-journal-submit]")
        .await
        .click()
        .await;
    w.wait_text("[data-testid=sidebar]", WAIT, |t| t.contains(title))
        .await;
}

/// Opens a journal from the sidebar.
pub async fn open_journal(w: &Session, journal: &str) {
    w.wait_text("[data-testid=sidebar]", WAIT, |t| t.contains(journal))
        .await;
    w.execute(
        "[...document.querySelectorAll('[data-testid=journal-item]')]
           .find(e => e.textContent.includes(arguments[0])).click();",
        json!([journal]),
    )
    .await;
}

/// Types at the end of the open entry (without waiting for the save).
pub async fn type_at_end(w: &Session, text: &str) {
    let editor = w.find(EDITOR).await;
    editor.click().await;
    w.chord(&[keys::CONTROL, keys::END]).await;
    editor.send_keys(text).await;
}

/// Types at the end of the open entry and waits for the autosave to finish.
pub async fn type_and_save(w: &Session, text: &str) {
    type_at_end(w, text).await;
    // The status leaves "saved" as soon as there is unsaved text, then comes back.
    w.wait_for(
        "[data-testid=save-status]:not([data-status=saved])",
        Duration::from_secs(3),
    )
    .await;
    w.find("[data-testid=save-status][data-status=saved]").await;
}

/// The id of the entry open in the editor.
pub async fn current_entry(w: &Session) -> i64 {
    w.find("[data-testid=entry-item][aria-selected=true]")
        .await
        .attr("data-entry-id")
        .await
        .and_then(|id| id.parse().ok())
        .expect("the open entry is selected in the list")
}

/// A new journal with one entry holding `text`, typed and saved; its id.
pub async fn saved_entry(w: &Session, journal: &str, text: &str) -> i64 {
    new_journal(w, journal).await;
    w.find("[data-testid=new-entry-button]").await.click().await;
    type_and_save(w, text).await;
    current_entry(w).await
}

/// The entry's text as the library holds it.
pub async fn stored_body(w: &Session, entry: i64) -> String {
    let detail = w
        .invoke("entry_show", json!({"id": entry}))
        .await
        .expect("the core shows the entry");
    detail["entry"]["body"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Presses a shortcut on the X display, as the writer's keyboard would: the native
/// menu's accelerator, not the page's own key handling.
pub fn press(shortcut: &str) {
    let status = Command::new("xdotool")
        .args(["key", "--clearmodifiers", shortcut])
        .status()
        .expect("xdotool runs (apt package xdotool)");
    assert!(status.success(), "xdotool key {shortcut}");
}
