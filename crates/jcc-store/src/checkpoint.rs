//! WAL checkpoints off the save path.
//!
//! In WAL mode every commit appends to `library.sqlite3-wal`; a checkpoint copies those
//! pages back into the library file and fsyncs it. SQLite's automatic checkpoint runs
//! inside the commit that crosses its threshold, so every few dozen saves one save also
//! paid for a checkpoint (a burst of writes and two more fsyncs). Here a thread of the
//! store's own, on a connection of its own, runs a `PASSIVE` checkpoint when the WAL has
//! grown: it never blocks the writer, and the writer's commit is just the WAL append and
//! its fsync. The writer's automatic checkpoint stays on, at a higher threshold, as a
//! backstop should this thread fall behind.

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::thread::JoinHandle;
use std::time::Duration;

/// Checkpoint once the WAL holds this much (SQLite's own default is 1000 pages of 4 KiB).
const WAL_BYTES: u64 = 4 * 1024 * 1024;
/// The writer's own automatic checkpoint, in pages: only if this thread falls behind.
pub(crate) const BACKSTOP_PAGES: i64 = 10_000;

pub(crate) struct Checkpointer {
    nudge: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    pub(crate) fn start(library: &Path) -> Option<Self> {
        let (tx, rx) = sync_channel(1);
        let library = library.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("jcc-checkpoint".into())
            .spawn(move || run(&library, &rx))
            .map_err(|e| tracing::warn!(error = %e, "no background checkpoints"))
            .ok()?;
        Some(Self {
            nudge: Some(tx),
            thread: Some(thread),
        })
    }

    /// Called after a commit; never blocks (nudges arriving while one is pending merge).
    pub(crate) fn nudge(&self) {
        if let Some(tx) = &self.nudge {
            match tx.try_send(()) {
                Ok(()) | Err(TrySendError::Full(())) => {}
                Err(TrySendError::Disconnected(())) => {}
            }
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Closing the channel ends the thread after the checkpoint it may be running.
        self.nudge.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn wal_of(library: &Path) -> PathBuf {
    let mut name = library.as_os_str().to_os_string();
    name.push("-wal");
    PathBuf::from(name)
}

fn run(library: &Path, nudges: &Receiver<()>) {
    let wal = wal_of(library);
    let mut conn: Option<Connection> = None;
    while nudges.recv().is_ok() {
        let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if size < WAL_BYTES {
            continue;
        }
        if conn.is_none() {
            conn = Connection::open_with_flags(
                library,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .and_then(|c| {
                c.busy_timeout(Duration::from_secs(1))?;
                c.execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;")?;
                Ok(c)
            })
            .map_err(|e| tracing::warn!(error = %e, "checkpoint connection failed"))
            .ok();
        }
        if let Some(c) = &conn {
            if let Err(e) = c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                tracing::warn!(error = %e, "background checkpoint failed");
            }
        }
    }
}
