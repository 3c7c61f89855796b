//! Shows the writer's daily reminders while the app runs: at the start of every minute it
//! asks the core which are due at the local time, then raises a native notification for
//! each and tells the window. A click on the notification (where the notification server
//! reports clicks) brings the window up with a new entry in that journal.

use crate::Desktop;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

/// A reminder the window acts on: `due` shows its "Time to write" bar, `open` (a click on
/// the notification) starts a new entry in the journal at once.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct ReminderEvent {
    pub kind: ReminderEventKind,
    pub journal_id: i64,
    pub journal_title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ReminderEventKind {
    Due,
    Open,
}

/// Starts the minute clock on a thread of its own; it ends with the app.
pub(crate) fn start<R: Runtime>(handle: &AppHandle<R>) {
    let handle = handle.clone();
    let spawned = std::thread::Builder::new()
        .name("jcc-reminders".into())
        // The first look is at the next minute, once the window listens and the click
        // handler is in place; a reminder whose time passed while the app was closed
        // still comes then (once that day).
        .spawn(move || loop {
            std::thread::sleep(until_next_minute());
            check(&handle);
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "no reminders while the window stays open");
    }
}

/// Time to the next minute on the clock (plus a moment, so the minute has begun).
fn until_next_minute() -> Duration {
    use chrono::Timelike;
    let now = chrono::Local::now();
    let into_minute = Duration::from_secs(u64::from(now.second()))
        + Duration::from_nanos(u64::from(now.nanosecond().min(999_999_999)));
    Duration::from_secs(61).saturating_sub(into_minute)
}

fn check<R: Runtime>(handle: &AppHandle<R>) {
    let Some(desktop) = handle.try_state::<Desktop>() else {
        return;
    };
    let due = match desktop
        .app
        .reminders_take_due(chrono::Local::now().naive_local())
    {
        Ok(due) => due,
        // A damaged or busy library: no reminder this minute, the next one asks again.
        Err(e) => {
            tracing::debug!(error = %e, "reminders not checked");
            return;
        }
    };
    for r in due {
        tracing::info!(journal = r.journal_id, "reminder due");
        notify(handle, r.journal_id, &r.journal_title);
        let _ = ReminderEvent {
            kind: ReminderEventKind::Due,
            journal_id: r.journal_id,
            journal_title: r.journal_title,
        }
        .emit(handle);
    }
}

/// The native notification. Its id is the journal's, so a click says which journal.
fn notify<R: Runtime>(handle: &AppHandle<R>, journal_id: i64, title: &str) {
    crate::notices::show(
        handle,
        i32::try_from(journal_id).unwrap_or_default(),
        "Time to write",
        &format!("A few words in “{title}” today? Click to start an entry."),
    );
}

/// A click on a reminder's notification: the window comes up and starts an entry there.
pub(crate) fn on_notification_clicked<R: Runtime>(
    handle: &AppHandle<R>,
    performed: &tauri_plugin_notification::ActionPerformed,
) {
    if performed.action_id() != "tap" {
        return;
    }
    let Some(id) = performed.notification().map(|n| n.id()) else {
        return;
    };
    if id < 0 {
        return crate::sync::on_notice_clicked(handle, id);
    }
    let id = i64::from(id);
    let Some(desktop) = handle.try_state::<Desktop>() else {
        return;
    };
    let Ok(journal) = desktop.app.journal_find(&id.to_string()) else {
        return;
    };
    crate::notices::raise_window(handle);
    let _ = ReminderEvent {
        kind: ReminderEventKind::Open,
        journal_id: id,
        journal_title: journal.title,
    }
    .emit(handle);
}
