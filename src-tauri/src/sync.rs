//! Sync in the background while the window is open: when it starts, a few seconds after
//! the writer's changes, on a timer, and every half minute while offline (so it resumes
//! when the network returns). It runs on its own thread and the library is locked one
//! step at a time (jcc-app), so typing is never blocked. The window hears each change of
//! state as a [`SyncEvent`]; a state that needs the writer (sign in again, a merge to
//! review) also raises a desktop notification.

use crate::Desktop;
use jcc_app::{App, AppError, ErrorCode, Event};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event as _;

/// How long after a change the sync waits for the writer to pause.
const AFTER_CHANGES: Duration = Duration::from_secs(4);
/// How often an idle window looks for other devices' changes.
const EVERY: Duration = Duration::from_secs(5 * 60);
/// How often an offline window tries again.
const WHILE_OFFLINE: Duration = Duration::from_secs(30);

/// Notification ids for sync (negative: reminders use journal ids).
pub(crate) const NOTICE_SIGN_IN: i32 = -1;
pub(crate) const NOTICE_REVIEW: i32 = -2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    /// Not signed in: sync is off (the app is complete without it).
    Off,
    /// Signed in, but this device has not set up or unlocked the account's key.
    Locked,
    Syncing,
    /// The last sync finished.
    Synced,
    /// The server could not be reached; tried again every half minute.
    Offline,
    /// The sign-in expired or was revoked: sign in again.
    NeedsSignIn,
    /// A sync stopped on something the writer must decide or fix (`message` says what).
    Error,
}

/// What the sidebar shows.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SyncState {
    pub phase: SyncPhase,
    /// The error's code and words for `Error` (and `Locked` after a key change).
    pub error: Option<AppError>,
    /// What the last finished sync sent and received.
    pub pushed: u32,
    pub pulled: u32,
    /// Entries a merge marked for review.
    pub review: i64,
    /// When the last sync finished (Unix ms).
    pub last_sync: Option<i64>,
}

impl SyncState {
    fn off() -> Self {
        Self {
            phase: SyncPhase::Off,
            error: None,
            pushed: 0,
            pulled: 0,
            review: 0,
            last_sync: None,
        }
    }
}

/// The state changed.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct SyncEvent(pub SyncState);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    /// Now (the window opened, the writer asked, signed in or unlocked).
    Now,
    /// The library changed: sync once the writer pauses.
    Changed,
}

/// The background sync's handle, managed by the app.
#[derive(Debug)]
pub struct SyncService {
    triggers: Mutex<Sender<Trigger>>,
    state: Arc<Mutex<SyncState>>,
}

impl SyncService {
    pub fn state(&self) -> SyncState {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Syncs as soon as the current one (if any) ends.
    pub fn sync_soon(&self) {
        let _ = self
            .triggers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(Trigger::Now);
    }
}

/// Starts the background sync for the life of the app.
pub(crate) fn start<R: Runtime>(handle: &AppHandle<R>) {
    let (tx, rx) = mpsc::channel();
    let state = Arc::new(Mutex::new(SyncState::off()));
    handle.manage(SyncService {
        triggers: Mutex::new(tx.clone()),
        state: Arc::clone(&state),
    });
    let app = Arc::clone(&handle.state::<Desktop>().app);
    let syncing = Arc::new(std::sync::atomic::AtomicBool::new(false));
    watch_changes(&app, tx.clone(), Arc::clone(&syncing));
    let worker = Worker {
        handle: handle.clone(),
        app,
        state,
        syncing,
        notified: Notified::default(),
    };
    let spawned = std::thread::Builder::new()
        .name("jcc-sync".into())
        .spawn(move || worker.run(rx));
    if let Err(e) = spawned {
        tracing::error!(error = %e, "no background sync: use Sync now");
    }
    let _ = tx.send(Trigger::Now);
}

/// The writer's changes (and other programs' commits) ask for a sync; what a sync itself
/// wrote does not.
fn watch_changes(
    app: &Arc<App>,
    triggers: Sender<Trigger>,
    syncing: Arc<std::sync::atomic::AtomicBool>,
) {
    let events = app.events().subscribe();
    let spawned = std::thread::Builder::new()
        .name("jcc-sync-changes".into())
        .spawn(move || {
            for event in events {
                let ours = matches!(event, Event::ChangedElsewhere { .. })
                    && syncing.load(std::sync::atomic::Ordering::SeqCst);
                if ours || matches!(event, Event::LibraryDamaged { .. }) {
                    continue;
                }
                if triggers.send(Trigger::Changed).is_err() {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "changes sync on the timer only");
    }
}

/// What the writer was already told, so a notification is not repeated every sync.
#[derive(Debug, Default)]
struct Notified {
    sign_in: bool,
    review: i64,
}

struct Worker<R: Runtime> {
    handle: AppHandle<R>,
    app: Arc<App>,
    state: Arc<Mutex<SyncState>>,
    syncing: Arc<std::sync::atomic::AtomicBool>,
    notified: Notified,
}

impl<R: Runtime> Worker<R> {
    fn run(mut self, triggers: Receiver<Trigger>) {
        let mut next = Instant::now() + EVERY;
        let mut pending_change: Option<Instant> = None;
        loop {
            let due = pending_change.map_or(next, |c| c.min(next));
            let trigger = match triggers.recv_timeout(due.saturating_duration_since(Instant::now()))
            {
                Ok(t) => Some(t),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            match trigger {
                // Typing goes on: wait for a pause (each change moves the sync later, up to
                // the timer).
                Some(Trigger::Changed) => {
                    pending_change = Some(Instant::now() + AFTER_CHANGES);
                    continue;
                }
                Some(Trigger::Now) | None => {}
            }
            pending_change = None;
            let offline = self.sync_once();
            next = Instant::now() + if offline { WHILE_OFFLINE } else { EVERY };
        }
    }

    /// One sync (when signed in and unlocked); true when the server was out of reach.
    fn sync_once(&mut self) -> bool {
        let state = match self.app.sync_configured() {
            Ok(false) => SyncState::off(),
            Ok(true) => match self.app.sync_status() {
                Ok(s) if !s.signed_in => self.with_phase(SyncPhase::NeedsSignIn, None),
                Ok(s) if !s.unlocked => self.with_phase(SyncPhase::Locked, None),
                Ok(_) => self.sync(),
                Err(e) => self.with_phase(SyncPhase::Error, Some(e)),
            },
            Err(e) => self.with_phase(SyncPhase::Error, Some(e)),
        };
        let offline = state.phase == SyncPhase::Offline;
        self.tell_writer(&state);
        self.publish(state);
        offline
    }

    fn sync(&mut self) -> SyncState {
        self.publish(self.with_phase(SyncPhase::Syncing, None));
        self.syncing
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let done = self.app.sync_now(false);
        self.syncing
            .store(false, std::sync::atomic::Ordering::SeqCst);
        // The library file says what changed; the keyring was read once already.
        let status = self.app.sync_local_status().ok();
        let mut state = match done {
            Ok(outcome) => SyncState {
                phase: SyncPhase::Synced,
                error: None,
                pushed: u32::try_from(outcome.pushed).unwrap_or(u32::MAX),
                pulled: u32::try_from(outcome.pulled).unwrap_or(u32::MAX),
                review: 0,
                last_sync: None,
            },
            Err(e) => {
                let phase = match e.code {
                    ErrorCode::SyncUnavailable => SyncPhase::Offline,
                    ErrorCode::SignInNeeded => SyncPhase::NeedsSignIn,
                    ErrorCode::WrongSecret => SyncPhase::Locked,
                    _ => SyncPhase::Error,
                };
                tracing::warn!(error = %e, "background sync stopped");
                self.with_phase(phase, Some(e))
            }
        };
        if let Some(s) = status {
            state.review = s.review;
            state.last_sync = s.last_sync;
        }
        state
    }

    /// The last state with a new phase (counts kept for the sidebar).
    fn with_phase(&self, phase: SyncPhase, error: Option<AppError>) -> SyncState {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner()).clone();
        s.phase = phase;
        s.error = error;
        s
    }

    fn publish(&self, state: SyncState) {
        *self.state.lock().unwrap_or_else(|p| p.into_inner()) = state.clone();
        if let Err(e) = SyncEvent(state).emit(&self.handle) {
            tracing::warn!(error = %e, "could not tell the window how sync is doing");
        }
    }

    /// A desktop notification when sync needs the writer: once per sign-in lapse, and when
    /// more entries wait for review than the writer was last told about.
    fn tell_writer(&mut self, state: &SyncState) {
        if state.phase == SyncPhase::NeedsSignIn {
            if !self.notified.sign_in {
                self.notified.sign_in = true;
                crate::notices::show(
                    &self.handle,
                    NOTICE_SIGN_IN,
                    "Sync needs you to sign in again",
                    "Your sign-in expired. Open Settings, Account, and sign in: your writing waits safely here.",
                );
            }
        } else if state.phase == SyncPhase::Synced {
            self.notified.sign_in = false;
        }
        if state.review > self.notified.review {
            crate::notices::show(
                &self.handle,
                NOTICE_REVIEW,
                "A merged entry to review",
                "The same words changed on two devices. Both versions are kept: open the entry marked Review merge.",
            );
        }
        if state.phase == SyncPhase::Synced {
            self.notified.review = state.review;
        }
    }
}

/// A click on a sync notification brings the window up where the writer acts on it.
pub(crate) fn on_notice_clicked<R: Runtime>(handle: &AppHandle<R>, id: i32) {
    crate::notices::raise_window(handle);
    let open = match id {
        NOTICE_SIGN_IN => SyncOpen::Account,
        NOTICE_REVIEW => SyncOpen::Review,
        _ => return,
    };
    let _ = SyncOpenEvent(open).emit(handle);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncOpen {
    Account,
    Review,
}

/// The window should show the account settings or the entries to review.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct SyncOpenEvent(pub SyncOpen);
