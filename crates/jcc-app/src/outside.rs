//! Changes made to the library by other processes (the `jcc` CLI, a second tool, a sync
//! client) reach this process's subscribers as [`Event::ChangedElsewhere`].
//!
//! A thread polls `PRAGMA data_version` on a read-only connection of its own
//! ([`ChangeProbe`]). That value also moves for this process's own commits (the probe is a
//! different connection), so on a change it asks the store's own connection, whose
//! `data_version` moves only for *other* connections' commits: unchanged there means the
//! commits were this process's, already announced by its own events, and nothing is sent.

use crate::error::AppResult;
use crate::events::{EntryRef, Event};
use crate::App;
use jcc_store::watch::ChangeProbe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the desktop shell looks: an outside change shows within about this long, and
/// a look costs one pragma on an idle library.
pub const OUTSIDE_POLL_INTERVAL: Duration = Duration::from_millis(300);

/// Tells another process's commits from this one's and lists what they changed.
#[derive(Debug)]
pub struct OutsideChanges {
    probe: ChangeProbe,
    own_version: i64,
}

impl App {
    /// Starts noticing other processes' commits to this library (`None` for a library in
    /// memory, which no other process can open).
    pub fn outside_changes(&self) -> AppResult<Option<OutsideChanges>> {
        let Some(paths) = &self.paths else {
            return Ok(None);
        };
        let probe = ChangeProbe::open(&paths.library())?;
        let own_version = self.store().data_version()?;
        Ok(Some(OutsideChanges { probe, own_version }))
    }

    /// Polls for outside changes every `every` on a thread of its own and emits each as
    /// [`Event::ChangedElsewhere`], until the returned handle is dropped or the app is.
    pub fn watch_outside_changes(self: &Arc<Self>, every: Duration) -> AppResult<Option<Watch>> {
        let Some(mut outside) = self.outside_changes()? else {
            return Ok(None);
        };
        let app: Weak<App> = Arc::downgrade(self);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("jcc-outside-changes".into())
            .spawn(move || {
                while !stopped.load(Ordering::Relaxed) {
                    std::thread::sleep(every);
                    let Some(app) = app.upgrade() else { break };
                    match outside.poll(&app) {
                        Ok(Some(event)) => app.events().emit(event),
                        Ok(None) => {}
                        // Busy or briefly unreadable: the next look catches up.
                        Err(e) => tracing::debug!(error = %e, "could not look for outside changes"),
                    }
                }
            })
            .map_err(|e| {
                crate::AppError::new(
                    crate::ErrorCode::Internal,
                    format!("could not start watching for outside changes: {e}"),
                )
            })?;
        Ok(Some(Watch {
            stop,
            thread: Some(thread),
        }))
    }
}

impl OutsideChanges {
    /// One look: the event for commits made by other processes since the last look, or
    /// `None` when there were none (or only `app`'s own).
    pub fn poll(&mut self, app: &App) -> AppResult<Option<Event>> {
        if !self.probe.committed_elsewhere()? {
            return Ok(None);
        }
        // Looked at before asking the store, so a commit landing in between is listed
        // next time rather than taken as our own.
        let seen = self.probe.look()?;
        let own_version = app.store().data_version()?;
        if own_version == self.own_version {
            self.probe.adopt(seen);
            return Ok(None);
        }
        self.own_version = own_version;
        let changed = self.probe.changes()?;
        Ok(Some(Event::ChangedElsewhere {
            entries: changed
                .entries
                .into_iter()
                .map(|(entry_id, journal_id)| EntryRef {
                    entry_id,
                    journal_id,
                })
                .collect(),
            journals: changed.journals,
        }))
    }
}

/// Stops the watching thread when dropped.
#[derive(Debug)]
pub struct Watch {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AddEntry, AppPaths, NewJournalInput};
    use jcc_store::EntryPatch;

    fn open(dir: &std::path::Path) -> App {
        App::open(AppPaths::new(dir.join("data"), dir.join("config"))).unwrap()
    }

    fn entry(app: &App, journal: &str, body: &str) -> (i64, i64) {
        let e = app
            .entry_add(AddEntry {
                journal: Some(journal.into()),
                body: body.into(),
                ..Default::default()
            })
            .unwrap();
        (e.id, e.journal_id)
    }

    #[test]
    fn another_process_commit_is_reported_within_a_second_and_our_own_never() {
        let dir = tempfile::tempdir().unwrap();
        let window = Arc::new(open(dir.path()));
        window
            .journal_new(NewJournalInput {
                title: "Days".into(),
                ..Default::default()
            })
            .unwrap();
        let (mine, journal) = entry(&window, "Days", "typed in the window");
        let events = window.events().subscribe();
        let _watch = window
            .watch_outside_changes(OUTSIDE_POLL_INTERVAL)
            .unwrap()
            .expect("a library on disk is watched");

        // The window's own save: its own event, and nothing from the watcher.
        window
            .entry_edit(
                mine,
                EntryPatch {
                    body: Some("typed again".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        assert!(matches!(
            events.recv_timeout(Duration::from_secs(1)).unwrap(),
            Event::EntryChanged { .. }
        ));
        assert!(
            events.recv_timeout(Duration::from_secs(1)).is_err(),
            "our own save is announced once"
        );

        // Another process (here a second connection, as `jcc` opens one) edits it.
        let cli = open(dir.path());
        cli.entry_edit(
            mine,
            EntryPatch {
                body: Some("edited from the terminal".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let event = events
            .recv_timeout(Duration::from_secs(1))
            .expect("the outside change is reported within a second");
        assert_eq!(
            event,
            Event::ChangedElsewhere {
                entries: vec![EntryRef {
                    entry_id: mine,
                    journal_id: journal
                }],
                journals: vec![journal],
            }
        );
        assert!(events.recv_timeout(Duration::from_millis(800)).is_err());
    }

    #[test]
    fn an_outside_commit_is_seen_among_our_own() {
        let dir = tempfile::tempdir().unwrap();
        let window = open(dir.path());
        window
            .journal_new(NewJournalInput {
                title: "Days".into(),
                ..Default::default()
            })
            .unwrap();
        let mut outside = window.outside_changes().unwrap().unwrap();
        let (mine, _) = entry(&window, "Days", "ours");
        assert_eq!(outside.poll(&window).unwrap(), None, "only our own commit");
        let cli = open(dir.path());
        let (theirs, journal) = entry(&cli, "Days", "theirs");
        let Some(Event::ChangedElsewhere { entries, journals }) = outside.poll(&window).unwrap()
        else {
            panic!("the other process's entry is reported");
        };
        assert_eq!(
            entries,
            vec![EntryRef {
                entry_id: theirs,
                journal_id: journal
            }]
        );
        assert_ne!(theirs, mine);
        assert_eq!(journals, vec![journal], "its journal changed too");
        assert_eq!(outside.poll(&window).unwrap(), None);
    }
}
