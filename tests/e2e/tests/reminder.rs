//! A daily reminder in the real window: set with `jcc remind` for the coming minute, it
//! raises a desktop notification (the `Notify` call on the session bus, watched with
//! dbus-monitor: the same call a notification server would receive) and shows "Time to
//! write" in the window, whose Write now opens a new entry in that journal.

use jcc_e2e::steps::{type_and_save, WAIT};
use jcc_e2e::{artifacts_dir, AppUnderTest, Prerequisites};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `dbus-monitor` on the session bus, writing every `Notify` call to `log`.
struct NotifyWatch {
    child: Child,
    log: std::path::PathBuf,
}

impl NotifyWatch {
    fn start(log: std::path::PathBuf) -> Self {
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new("dbus-monitor")
            .args([
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
            ])
            .stdout(Stdio::from(out))
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor runs (apt package dbus-bin), under a D-Bus session");
        Self { child, log }
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

#[tokio::test]
async fn a_reminder_due_in_the_next_minute_notifies_and_opens_a_new_entry() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    app.jcc_ok(&["journal", "new", "Evening Pages"]);
    let next_minute = chrono::Local::now() + chrono::Duration::minutes(1);
    let at = next_minute.format("%H:%M").to_string();
    app.jcc_ok(&[
        "remind",
        "set",
        "--journal",
        "Evening Pages",
        "--at",
        &at,
        "--days",
        "daily",
    ]);
    let watch = NotifyWatch::start(artifacts_dir().join("notify-calls.txt"));

    let w = app.launch().await;
    // The app looks at the start of every minute: at most two minutes from now.
    w.wait_for("[data-testid=reminder-bar]", Duration::from_secs(150))
        .await;
    w.screenshot(&artifacts_dir().join("reminder.png")).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !watch.seen().contains("Evening Pages") && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let seen = watch.seen();
    assert!(
        seen.contains("member=Notify")
            && seen.contains("Time to write")
            && seen.contains("Evening Pages"),
        "no Notify call for the reminder on the session bus: {seen}"
    );
    assert_eq!(seen.matches("member=Notify").count(), 1, "{seen}");

    // Write now: a new entry in Evening Pages, ready to type in.
    w.find("[data-testid=reminder-write]").await.click().await;
    w.wait_text("[data-testid=journal-item][aria-current=page]", WAIT, |t| {
        t.contains("Evening Pages")
    })
    .await;
    w.wait_for("[data-testid=entry-title]", WAIT).await;
    type_and_save(&w, "Reminded, and writing.").await;
    assert!(w.try_find("[data-testid=reminder-bar]").await.is_none());
    w.close().await;

    // Written today: the reminder is spent for today, and the library has the entry.
    let list = app.jcc_ok(&["entry", "list", "--journal", "Evening Pages", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(entries[0]["body"], "Reminded, and writing.");
}
