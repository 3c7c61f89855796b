//! Sync in the real window against the real local stack: PostgreSQL, the OpenID provider
//! (npm `oidc-provider`), the sync server and a Secret Service. The window signs in
//! through "the system browser" (`xdg-open` runs `$BROWSER`, here the cookie-keeping
//! stand-in from jcc-sync-testkit), sets a passphrase and is shown its recovery key; a
//! second library synced with `jcc` sees what the window wrote; an offline edit on both
//! sides marks for review only the entry whose words could not merge, and the review view
//! resolves it; after a relaunch the window is still signed in (keyring) and nothing is
//! lost. Screenshots of the account and merge screens go to the test artifacts.

use jcc_e2e::steps::{new_journal, type_and_save, type_at_end, EDITOR, WAIT};
use jcc_e2e::{artifacts_dir, keys, AppUnderTest, Prerequisites, Session};
use jcc_sync_testkit::{Device, ProviderOptions, Stack};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "lighthouse keeper 1911";
const SYNC_WAIT: Duration = Duration::from_secs(60);

/// The body of the entry holding `words` on a `jcc` device.
fn entry_with(d: &Device, words: &str) -> Value {
    d.json(&["entry", "list"], "")
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["body"].as_str().is_some_and(|b| b.contains(words)))
        .cloned()
        .unwrap_or_else(|| panic!("the laptop has no entry with {words:?}"))
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Waits for a finished sync (phase "synced", nothing left to send) that ended after
/// `after` (Unix ms); its state.
async fn sync_finished_after(w: &Session, after: i64) -> Value {
    let deadline = Instant::now() + SYNC_WAIT;
    loop {
        let status = w.invoke("sync_status", json!({})).await.unwrap();
        let state = w.invoke("sync_state", json!({})).await.unwrap();
        let ended = state["last_sync"].as_i64().unwrap_or(0);
        if status["outbox"] == 0 && state["phase"] == "synced" && ended > after {
            return state;
        }
        assert!(
            Instant::now() < deadline,
            "the window did not finish a sync: {status} {state}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The window's saves are on the server: the background sync runs after them by itself
/// (waited for here), then "Sync now" starts one that surely began after the last save.
async fn synced(w: &Session) {
    let background = sync_finished_after(w, now_ms()).await;
    let ended = background["last_sync"].as_i64().unwrap();
    w.find("[data-testid=sync-now]").await.click().await;
    sync_finished_after(w, ended).await;
}

async fn close_dialog(w: &Session) {
    w.execute(
        "document.querySelectorAll('[role=dialog] .dialog-header button').forEach(b => b.click());",
        json!([]),
    )
    .await;
    let deadline = Instant::now() + WAIT;
    while w.try_find("[role=dialog]").await.is_some() {
        assert!(Instant::now() < deadline, "a dialog stays open");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn open_entry_with(w: &Session, words: &str) {
    let js = "const e = [...document.querySelectorAll('[data-testid=entry-item]')]
                .find(e => e.textContent.includes(arguments[0]));
              if (e) e.click();
              return !!e;";
    let deadline = Instant::now() + WAIT;
    while w.execute(js, json!([words])).await != json!(true) {
        assert!(
            Instant::now() < deadline,
            "no entry with {words:?} in the list"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    w.wait_text(EDITOR, WAIT, |t| t.contains(words)).await;
}

/// The stored text of the entry whose body holds `words` (in the window's library).
async fn window_entry(w: &Session, words: &str) -> Value {
    let list = w
        .invoke("entry_list", json!({"input": {"journal": null}}))
        .await
        .unwrap();
    let id = list
        .as_array()
        .and_then(|l| {
            l.iter().find(|e| {
                e["excerpt"].as_str().is_some_and(|s| s.contains(words))
                    || e["title"].as_str().is_some_and(|s| s.contains(words))
            })
        })
        .and_then(|e| e["id"].as_i64())
        .unwrap_or_else(|| panic!("no entry with {words:?}: {list}"));
    w.invoke("entry_show", json!({"id": id})).await.unwrap()["entry"].clone()
}

/// `dbus-monitor` on the app's session bus, keeping every `Notify` call (the call a
/// notification server would receive).
struct NotifyWatch {
    child: std::process::Child,
    log: PathBuf,
}

impl NotifyWatch {
    fn start(stack: &Stack, log: &Path) -> Self {
        let address = stack
            .keyring_env()
            .into_iter()
            .find(|(k, _)| k == "DBUS_SESSION_BUS_ADDRESS")
            .map(|(_, v)| v)
            .unwrap();
        let child = Command::new("dbus-monitor")
            .args([
                "--address",
                &address,
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
            ])
            .stdout(Stdio::from(std::fs::File::create(log).unwrap()))
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor runs (apt package dbus-bin)");
        Self {
            child,
            log: log.to_path_buf(),
        }
    }

    fn seen(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for NotifyWatch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn browser_log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("browser.log")).unwrap_or_default()
}

#[tokio::test]
async fn a_writer_signs_in_syncs_and_reviews_a_merge_in_the_window() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let Some(stack) = Stack::start(1, ProviderOptions::default(), &[], None) else {
        return;
    };
    let server = stack.servers.url(0).to_string();
    let browser = jcc_e2e::test_browser_binary();
    assert!(
        browser.is_file(),
        "no stand-in browser at {} (cargo build -p jcc-sync-testkit; scripts/e2e.sh does)",
        browser.display()
    );
    let mut app = AppUnderTest::new(pre);
    for (k, v) in stack.keyring_env() {
        app.env(&k, &v);
    }
    app.env("BROWSER", browser.to_str().unwrap());
    app.env(
        "JCC_TEST_BROWSER_LOG",
        stack.dir.path().join("browser.log").to_str().unwrap(),
    );
    // No desktop environment: xdg-open hands the address to $BROWSER, as on a bare session.
    app.env("XDG_CURRENT_DESKTOP", "");

    // Sign in from Settings -> Account: the "system browser" finishes at the app's loopback.
    let w = app.launch().await;
    w.find("[data-testid=nav-settings]").await.click().await;
    w.find("[data-testid=sync-server]")
        .await
        .send_keys(&server)
        .await;
    w.find("[data-testid=sync-sign-in]").await.click().await;
    let passphrase = w.wait_for("[data-testid=sync-passphrase]", SYNC_WAIT).await;
    assert!(
        browser_log(stack.dir.path()).contains("/callback"),
        "the browser was not sent to the app's loopback: {}",
        browser_log(stack.dir.path())
    );
    passphrase.send_keys(PASSPHRASE).await;
    w.find("[data-testid=sync-passphrase-again]")
        .await
        .send_keys(PASSPHRASE)
        .await;
    w.find("[data-testid=sync-set-up-button]")
        .await
        .click()
        .await;
    w.wait_for("[data-testid=sync-recovery-words]", SYNC_WAIT)
        .await;
    let words: Vec<String> = serde_json::from_value(
        w.execute(
            "return [...document.querySelectorAll('[data-testid=sync-recovery-words] li')].map(l => l.textContent);",
            json!([]),
        )
        .await,
    )
    .unwrap();
    assert_eq!(words.len(), 24, "{words:?}");
    assert!(
        words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase())),
        "{words:?}"
    );
    w.screenshot(&artifacts_dir().join("sync-recovery-key.png"))
        .await;
    // Going on needs "I have saved it".
    let done = w.find("[data-testid=sync-recovery-done]").await;
    assert_eq!(done.property("disabled").await, json!(true));
    w.find("[data-testid=sync-recovery-saved]")
        .await
        .click()
        .await;
    done.click().await;
    w.wait_text("[data-testid=sync-signed-in]", WAIT, |t| {
        t.contains(&server)
    })
    .await;
    w.screenshot(&artifacts_dir().join("sync-account.png"))
        .await;
    close_dialog(&w).await;

    // Write in the window: the background sync sends it.
    new_journal(&w, "Shared Pages").await;
    w.find("[data-testid=new-entry-button]").await.click().await;
    type_and_save(&w, "We met at noon.").await;
    w.find("[data-testid=new-entry-button]").await.click().await;
    // The new entry's editor replaces the last one's.
    w.wait_text(EDITOR, WAIT, |t| t.trim().is_empty()).await;
    type_and_save(&w, "First paragraph.").await;
    w.find(EDITOR).await.send_keys(keys::ENTER).await;
    type_and_save(&w, &format!("{}Second paragraph.", keys::ENTER)).await;
    synced(&w).await;
    w.wait_for("[data-testid=sync-status][data-phase=synced]", WAIT)
        .await;

    // A second library, synced with jcc, sees it.
    let laptop = stack.device(jcc_e2e::jcc_binary(), "laptop");
    laptop.login(&server, "writer");
    laptop.json(&["sync", "unlock", "--passphrase-stdin"], PASSPHRASE);
    laptop.json(&["sync", "now"], "");
    let noon = entry_with(&laptop, "We met at noon.");
    let paragraphs = entry_with(&laptop, "Second paragraph.");
    let laptop_body = paragraphs["body"].as_str().unwrap().to_string();
    assert!(laptop_body.contains("First paragraph."), "{laptop_body}");

    // Offline on both sides: the same words changed differently in one entry; different
    // paragraphs changed in the other.
    let noon_id = noon["id"].as_i64().unwrap().to_string();
    laptop.json(&["entry", "edit", &noon_id, "--body", "We met at two."], "");
    let para_id = paragraphs["id"].as_i64().unwrap().to_string();
    let edited = laptop_body.replace("First paragraph.", "First paragraph, edited on the laptop.");
    laptop.json(&["entry", "edit", &para_id, "--body", &edited], "");

    open_entry_with(&w, "We met at noon.").await;
    // "noon." becomes "one." as a writer does it: to the end, rub out, type.
    type_at_end(&w, &keys::BACKSPACE.repeat("noon.".len())).await;
    type_and_save(&w, "one.").await;
    assert_eq!(
        window_entry(&w, "We met at").await["body"],
        "We met at one."
    );
    open_entry_with(&w, "Second paragraph.").await;
    type_and_save(&w, " Added in the window.").await;
    synced(&w).await;

    let outcome = laptop.json(&["sync", "now"], "");
    assert_eq!(outcome["review"], 1, "{outcome}");
    let notices = NotifyWatch::start(&stack, &artifacts_dir().join("sync-notify-calls.txt"));
    let before = now_ms();
    w.find("[data-testid=sync-now]").await.click().await;
    sync_finished_after(&w, before).await;
    // Only the entry whose words could not merge is marked.
    w.wait_for("[data-testid=review-mark]", SYNC_WAIT).await;
    let marks = w
        .execute(
            "return [...document.querySelectorAll('[data-testid=entry-item]')]
               .filter(e => e.querySelector('[data-testid=review-mark]'))
               .map(e => e.textContent);",
            json!([]),
        )
        .await;
    let marks: Vec<String> = serde_json::from_value(marks).unwrap();
    assert_eq!(marks.len(), 1, "{marks:?}");
    // The writer is told on the desktop too.
    let deadline = Instant::now() + WAIT;
    while !notices.seen().contains("A merged entry to review") {
        assert!(
            Instant::now() < deadline,
            "no Notify call for the merge to review: {}",
            notices.seen()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(marks[0].contains("We met at"), "{marks:?}");
    let clean = window_entry(&w, "Second paragraph").await;
    let clean_body = clean["body"].as_str().unwrap();
    assert!(
        clean_body.contains("edited on the laptop") && clean_body.contains("Added in the window"),
        "{clean_body}"
    );
    assert_eq!(clean["review_merge"], false);

    // The review: the two versions side by side; keep the laptop's.
    open_entry_with(&w, "We met at").await;
    w.find("[data-testid=review-merge]").await;
    w.find("[data-testid=review-compare]").await.click().await;
    let sides = w.wait_for("[data-testid=merge-side]", WAIT).await;
    drop(sides);
    let origins: Vec<String> = serde_json::from_value(
        w.execute(
            "return [...document.querySelectorAll('[data-testid=merge-side]')].map(s => s.dataset.origin);",
            json!([]),
        )
        .await,
    )
    .unwrap();
    let mut sorted = origins.clone();
    sorted.sort();
    assert_eq!(sorted, ["other_device", "this_device"], "{origins:?}");
    w.screenshot(&artifacts_dir().join("sync-merge-review.png"))
        .await;
    let other = origins.iter().position(|o| o == "other_device").unwrap();
    w.text_of(&format!("[data-testid=merge-side-{other}]"))
        .await
        .filter(|t| t.contains("We met at two."))
        .expect("the laptop's side holds its words");
    w.find(&format!("[data-testid=merge-keep-{other}]"))
        .await
        .click()
        .await;
    w.wait_text(EDITOR, WAIT, |t| t.trim() == "We met at two.")
        .await;
    assert!(w.try_find("[data-testid=review-merge]").await.is_none());
    synced(&w).await;

    laptop.json(&["sync", "now"], "");
    let resolved = entry_with(&laptop, "We met at two.");
    assert_eq!(resolved["body"], "We met at two.");
    assert_eq!(resolved["review_merge"], false, "{resolved}");
    w.close().await;

    // Relaunch: still signed in and unlocked (the keyring), every word there.
    let w = app.launch().await;
    w.wait_for("[data-testid=sync-status][data-phase=synced]", SYNC_WAIT)
        .await;
    let noon = window_entry(&w, "We met at two.").await;
    assert_eq!(noon["body"], "We met at two.");
    let clean = window_entry(&w, "Second paragraph").await;
    assert!(clean["body"]
        .as_str()
        .is_some_and(|b| b.contains("edited on the laptop") && b.contains("Added in the window")));
    w.close().await;
}
