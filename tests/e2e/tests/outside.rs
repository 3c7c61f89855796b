//! What happens to the words in the window when the world around it does not cooperate:
//! another process writes the library while the window shows it, and saves that keep
//! failing (the library made read-only) while the writer types and closes the window.

use jcc_e2e::steps::{press, saved_entry, stored_body, type_and_save, type_at_end, EDITOR, WAIT};
use jcc_e2e::{artifacts_dir, procs, AppUnderTest, Prerequisites, Session};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// How long an outside change may take to reach the window (the promise: within
/// a second; the shell looks every 300 ms).
const OUTSIDE_CHANGE_SHOWS_WITHIN: Duration = Duration::from_secs(1);

#[tokio::test]
async fn jcc_entry_edit_in_a_terminal_shows_in_the_open_window() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    let w = app.launch().await;
    let entry = saved_entry(&w, "Harbour Days", "Typed in the window.").await;

    // The CLI edits the very entry the window shows, as a real process of its own.
    let body = "Rewritten from the terminal: the ferry left at nine.";
    let out = app
        .jcc()
        .args(["entry", "edit", &entry.to_string()])
        .args(["--title", "Ferry", "--body", body])
        .output()
        .expect("jcc runs");
    assert!(
        out.status.success(),
        "jcc entry edit: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let edited = Instant::now();
    let shown = wait_until(&w, OUTSIDE_CHANGE_SHOWS_WITHIN, |w| async move {
        let editor = w.text_of(EDITOR).await.unwrap_or_default();
        let list = w
            .text_of("[data-testid=entry-list]")
            .await
            .unwrap_or_default();
        let title = w
            .execute(
                "return document.querySelector('[data-testid=entry-title]')?.value ?? null;",
                serde_json::json!([]),
            )
            .await;
        editor.contains("the ferry left at nine") && list.contains("Ferry") && title == "Ferry"
    })
    .await;
    w.screenshot(&artifacts_dir().join("outside-change.png"))
        .await;
    assert!(
        shown,
        "the editor, its title and the entry list show the terminal's edit within {OUTSIDE_CHANGE_SHOWS_WITHIN:?}"
    );
    eprintln!(
        "the terminal's edit showed in the window after {:?}",
        edited.elapsed()
    );

    // Shown, never saved back: the library still holds exactly the terminal's text.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(stored_body(&w, entry).await, body);
    // And the writer goes on typing in it as usual.
    type_and_save(&w, " Gulls followed it out.").await;
    assert_eq!(
        stored_body(&w, entry).await,
        format!("{body} Gulls followed it out.")
    );
    w.close().await;
}

/// Polls `check` until it holds or `within` has passed.
async fn wait_until<F, Fut>(w: &Session, within: Duration, check: F) -> bool
where
    F: Fn(Session) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + within;
    loop {
        if check(w.clone()).await {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Makes the library file and its WAL immutable (`chattr +i`), so every save fails with
/// the error a read-only file gives, even for root; undone when dropped.
struct ReadOnlyLibrary(Vec<PathBuf>);

impl ReadOnlyLibrary {
    fn make(library_dir: &Path) -> Self {
        let files: Vec<PathBuf> = ["library.sqlite3", "library.sqlite3-wal"]
            .iter()
            .map(|f| library_dir.join(f))
            .filter(|p| p.exists())
            .collect();
        assert!(!files.is_empty(), "the library is on disk");
        for f in &files {
            let status = Command::new("chattr")
                .arg("+i")
                .arg(f)
                .status()
                .expect("chattr runs (apt package e2fsprogs)");
            assert!(
                status.success(),
                "chattr +i {} (needs root and a file system with the immutable flag)",
                f.display()
            );
        }
        Self(files)
    }
}

impl Drop for ReadOnlyLibrary {
    fn drop(&mut self) {
        for f in &self.0 {
            let _ = Command::new("chattr").arg("-i").arg(f).status();
        }
    }
}

#[tokio::test]
async fn words_typed_while_saves_fail_survive_closing_the_window() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    let w = app.launch().await;
    let entry = saved_entry(&w, "Tide Tables", "Low tide at six.").await;

    let read_only = ReadOnlyLibrary::make(&app.library_dir());
    let words = " The library refused these words, and they must not be lost.";
    type_at_end(&w, words).await;
    // Saves keep failing: the window says why and what to do, not just "retrying".
    w.find("[data-testid=save-status][data-status=retrying]")
        .await;
    let banner = w
        .wait_text("[data-testid=save-problem]", WAIT, |t| {
            t.contains("can't be written") && t.contains("kept beside the library")
        })
        .await;
    assert!(banner.contains("Check the folder"), "{banner}");
    w.screenshot(&artifacts_dir().join("save-failing.png"))
        .await;
    // A copy is on disk, outside the library.
    let draft = app
        .library_dir()
        .join("drafts")
        .join(format!("entry-{entry}.json"));
    let copy = std::fs::read_to_string(&draft).expect("the unsaved text is kept in drafts/");
    assert!(copy.contains("must not be lost"), "{copy}");

    // Quit (Ctrl+Q, the native menu): the window asks instead of closing over the words.
    press("ctrl+q");
    let prompt = w
        .wait_text("[data-testid=close-prompt]", WAIT, |t| {
            t.contains("must not be lost")
        })
        .await;
    assert!(prompt.contains("Keep the window open"), "{prompt}");
    w.screenshot(&artifacts_dir().join("close-prompt.png"))
        .await;
    // "Keep the window open" keeps it, with the words in the editor.
    w.find("[data-testid=close-keep-open]").await.click().await;
    let text = w.text_of(EDITOR).await.unwrap_or_default();
    assert!(text.contains("must not be lost"), "{text}");
    assert!(w.try_find("[data-testid=close-prompt]").await.is_none());

    // Asked again, then the window is killed while the question is open (a crash, a
    // forced quit): the copy on disk is all that is left.
    press("ctrl+q");
    w.find("[data-testid=close-prompt]").await;
    procs::kill_app(&app.library_dir());
    drop(read_only);

    // The next start offers the words back; "Put back" saves them into the entry.
    let w = app.launch().await;
    let offered = w
        .wait_text("[data-testid=recovered-drafts]", WAIT, |t| {
            t.contains("must not be lost")
        })
        .await;
    assert!(offered.contains("Put back"), "{offered}");
    w.screenshot(&artifacts_dir().join("recovered-drafts.png"))
        .await;
    w.find(&format!(
        "[data-testid=recovered-draft][data-entry-id='{entry}'] [data-testid=recovered-put-back]"
    ))
    .await
    .click()
    .await;
    let deadline = Instant::now() + WAIT;
    while w.try_find("[data-testid=recovered-drafts]").await.is_some() {
        assert!(
            Instant::now() < deadline,
            "the dialog closes once all is put back"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        stored_body(&w, entry).await,
        format!("Low tide at six.{words}")
    );
    assert!(
        !draft.exists(),
        "the copy goes once the library holds the words"
    );
    w.close().await;
}
