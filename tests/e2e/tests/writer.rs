//! A writer's session in the real window: make a journal, write, quit, come back, find
//! it, go back to an older version, export from the File menu, and see that hostile
//! entry text stays inert.

use jcc_e2e::{artifacts_dir, AppUnderTest, Prerequisites, Session};
use std::time::Duration;

const SAVE_WAIT: Duration = Duration::from_secs(15);

async fn type_in_editor(w: &Session, text: &str) {
    let editor = w.find("[data-testid=entry-editor] .cm-content").await;
    editor.click().await;
    editor.send_keys(text).await;
    w.wait_text("[data-testid=save-status]", SAVE_WAIT, |t| {
        t.contains("Saved")
    })
    .await;
}

async fn editor_text(w: &Session) -> String {
    w.find("[data-testid=entry-editor] .cm-content")
        .await
        .text()
        .await
}

async fn new_journal(w: &Session, title: &str) {
    w.find("[data-testid=new-journal-button]")
        .await
        .click()
        .await;
    w.find("[data-testid=new-journal-title]")
        .await
        .send_keys(title)
        .await;
    w.find("[data-testid=new-journal-submit]")
        .await
        .click()
        .await;
    w.wait_text("[data-testid=sidebar]", SAVE_WAIT, |t| t.contains(title))
        .await;
}

async fn open_first_entry(w: &Session, journal: &str) {
    for item in w.find_all("[data-testid=journal-item]").await {
        if item.text().await.contains(journal) {
            item.click().await;
        }
    }
    w.find("[data-testid=entry-item]").await.click().await;
}

#[tokio::test]
async fn write_quit_relaunch_search_restore_export() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    // Every autosave becomes a revision, so there is an older version to go back to.
    std::fs::create_dir_all(app.config_dir()).unwrap();
    std::fs::write(
        app.config_dir().join("config.toml"),
        "revision_window_secs = 0\n",
    )
    .unwrap();

    let w = app.launch().await;
    new_journal(&w, "Morning Pages").await;
    w.find("[data-testid=new-entry-button]").await.click().await;
    type_in_editor(&w, "The harbour at dawn.").await;
    type_in_editor(&w, " Gulls everywhere, loud as a market.").await;
    w.screenshot(&artifacts_dir().join("editor.png")).await;
    w.close().await;

    // Quit and come back: the words are there.
    let w = app.launch().await;
    open_first_entry(&w, "Morning Pages").await;
    let text = editor_text(&w).await;
    assert!(
        text.contains("Gulls everywhere"),
        "after relaunch the editor shows {text:?}"
    );
    w.screenshot(&artifacts_dir().join("library.png")).await;

    // Search finds it, with the hit marked.
    let search = w.find("[data-testid=search-input]").await;
    search.click().await;
    search.send_keys("gulls").await;
    let results = w
        .wait_text("[data-testid=search-results]", SAVE_WAIT, |t| {
            t.contains("Gulls")
        })
        .await;
    assert!(
        results.contains("harbour") || results.contains("Gulls"),
        "{results}"
    );
    let mark = w
        .find("[data-testid=search-results] mark")
        .await
        .text()
        .await;
    assert_eq!(mark.to_lowercase(), "gulls");
    w.screenshot(&artifacts_dir().join("search.png")).await;
    w.find("[data-testid=search-result]").await.click().await;

    // History: restore the version from before the gulls.
    w.find("[data-testid=history-button]").await.click().await;
    w.find("[data-testid=history-list]").await;
    let mut restored = false;
    for rev in w.find_all("[data-testid=history-item]").await {
        rev.click().await;
        let diff = w.find("[data-testid=history-diff]").await.text().await;
        if diff.contains("-The harbour at dawn.") && !diff.contains("-The harbour at dawn. Gulls") {
            w.find("[data-testid=history-restore]").await.click().await;
            restored = true;
            break;
        }
    }
    assert!(
        restored,
        "a revision with only the first sentence is in the history"
    );
    w.screenshot(&artifacts_dir().join("history.png")).await;
    let text = w
        .wait_text("[data-testid=entry-editor] .cm-content", SAVE_WAIT, |t| {
            !t.contains("Gulls")
        })
        .await;
    assert!(text.contains("The harbour at dawn."), "{text}");
    w.close().await;
}
