//! The app in the tray, in the real window: with a daily reminder set, Close Window (Ctrl+W)
//! hides the window and the app keeps running; the reminder still comes as a desktop
//! notification; a click on it (as the notification server reports one: `ActionInvoked`
//! with the `default` action) brings the window back with a new entry in that journal;
//! Quit (Ctrl+Q) then ends the app. The notification server is a small one on the test's
//! session bus, speaking the Desktop Notifications Specification as GNOME's or dunst do.

use jcc_e2e::steps::{press, type_and_save, WAIT};
use jcc_e2e::{procs, AppUnderTest, Prerequisites};
use std::collections::HashMap;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zbus::zvariant::OwnedValue;

const PATH: &str = "/org/freedesktop/Notifications";
const INTERFACE: &str = "org.freedesktop.Notifications";

/// A notification as the server received it.
#[derive(Debug, Clone)]
struct Shown {
    id: u32,
    summary: String,
    body: String,
    actions: Vec<String>,
}

#[derive(Default)]
struct Server {
    shown: Arc<Mutex<Vec<Shown>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        _app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        let id = u32::try_from(shown.len()).unwrap() + 1;
        shown.push(Shown {
            id,
            summary,
            body,
            actions,
        });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("jcc-e2e".into(), "jcc".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}
}

struct NotificationServer {
    connection: zbus::blocking::Connection,
    shown: Arc<Mutex<Vec<Shown>>>,
}

impl NotificationServer {
    fn start() -> Self {
        let server = Server::default();
        let shown = Arc::clone(&server.shown);
        let connection = zbus::blocking::connection::Builder::session()
            .and_then(|b| b.name(INTERFACE))
            .and_then(|b| b.serve_at(PATH, server))
            .and_then(|b| b.build())
            .expect("a notification server on the session bus (run under dbus-run-session)");
        Self { connection, shown }
    }

    fn shown(&self) -> Vec<Shown> {
        self.shown.lock().unwrap().clone()
    }

    /// What the server sends when the writer clicks the notification.
    fn click(&self, id: u32) {
        self.connection
            .emit_signal(
                None::<()>,
                PATH,
                INTERFACE,
                "ActionInvoked",
                &(id, "default"),
            )
            .expect("the click is sent");
    }
}

/// Whether the app's window is on screen (mapped), as the X server sees it.
fn window_visible() -> bool {
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "Journal Craft Crew"])
        .output()
        .expect("xdotool runs (apt package xdotool)")
        .status
        .success()
}

async fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !done() {
        assert!(Instant::now() < deadline, "{what} did not happen");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn remind_at(app: &AppUnderTest, at: &str, days: &str) {
    app.jcc_ok(&[
        "remind",
        "set",
        "--journal",
        "Evening Pages",
        "--at",
        at,
        "--days",
        days,
    ]);
}

#[tokio::test]
async fn with_a_reminder_the_app_waits_in_the_tray_and_the_notification_opens_a_new_entry() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let server = NotificationServer::start();
    let mut app = AppUnderTest::new(pre);
    app.jcc_ok(&["journal", "new", "Evening Pages"]);
    // A reminder for tomorrow only (none today): enough for closing the window to keep the
    // app in the tray.
    let tomorrow = (chrono::Local::now() + chrono::Duration::days(1))
        .format("%a")
        .to_string()
        .to_lowercase();
    remind_at(&app, "20:00", &tomorrow);

    let w = app.launch().await;
    w.wait_for("[data-testid=journal-item]", WAIT).await;
    wait_until("the window showing", WAIT, window_visible).await;
    press("ctrl+w");
    wait_until("the window hiding", WAIT, || !window_visible()).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        !procs::app_tree(&app.library_dir()).is_empty(),
        "the app quit instead of staying in the tray"
    );

    // Now due in the coming minute: the app, window closed, still notifies.
    let next_minute = chrono::Local::now() + chrono::Duration::minutes(1);
    remind_at(&app, &next_minute.format("%H:%M").to_string(), "daily");
    wait_until(
        "the reminder's notification",
        Duration::from_secs(150),
        || !server.shown().is_empty(),
    )
    .await;
    let shown = server.shown();
    assert_eq!(shown.len(), 1, "{shown:?}");
    let note = &shown[0];
    assert_eq!(note.summary, "Time to write");
    assert!(note.body.contains("Evening Pages"), "{note:?}");
    assert!(
        note.actions.iter().any(|a| a == "default"),
        "the notification offers no click: {note:?}"
    );
    assert!(!window_visible(), "the window came up before the click");

    // The writer clicks it: the window comes back with a new entry in Evening Pages.
    server.click(note.id);
    wait_until("the window coming back", WAIT, window_visible).await;
    w.wait_text("[data-testid=journal-item][aria-current=page]", WAIT, |t| {
        t.contains("Evening Pages")
    })
    .await;
    w.wait_for("[data-testid=entry-title]", WAIT).await;
    type_and_save(&w, "Called back from the tray.").await;

    // Quit ends the app, tray and all.
    press("ctrl+q");
    let library = app.library_dir();
    wait_until("the app quitting", Duration::from_secs(30), || {
        procs::app_tree(&library).is_empty()
    })
    .await;
    w.close().await;
    let list = app.jcc_ok(&["entry", "list", "--journal", "Evening Pages", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(entries[0]["body"], "Called back from the tray.");
}
