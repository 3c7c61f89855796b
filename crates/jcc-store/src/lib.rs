//! The Journal Craft Crew library: one SQLite file holding journals, entries, tags,
//! revisions, templates, prompts, settings and a full-text index.
//!
//! A [`Store`] owns one connection. It is `Send`, so an application can keep it behind a
//! mutex and use it from any thread.

pub mod backup;
mod checkpoint;
pub mod connection;
pub mod crew_runs;
pub mod crew_status;
mod damage;
pub mod dates;
pub mod days;
pub mod doctor;
pub mod error;
pub mod model;
pub mod purge;
pub mod reminders;
pub mod search;
pub mod stats;
pub mod sync_records;
pub mod templates;
pub mod watch;

mod attachments;
mod discard;
mod entries;
mod journals;
mod reorder;
mod revisions;
mod save;
mod settings;
mod tags;

pub use backup::{BackupInfo, Backups};
pub use connection::{
    configure, integrity_check_due, latest_schema_version, verify_library, IntegrityCheck,
    OpenOptions,
};
pub use crew_status::{RunStatus, StepStatus};
pub use days::DayCount;
pub use error::{Result, StoreError};
pub use model::*;
pub use purge::PurgeOutcome;
pub use reminders::Reminder;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Milliseconds since the Unix epoch; replaceable so tests can move time.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Edits to one entry closer together than this share one revision.
pub const DEFAULT_REVISION_WINDOW_MS: i64 = 5 * 60 * 1000;

pub struct Store {
    /// Runs WAL checkpoints on a thread of its own (file libraries only).
    checkpointer: Option<checkpoint::Checkpointer>,
    conn: Connection,
    path: Option<PathBuf>,
    clock: Clock,
    revision_window_ms: i64,
    /// Set when a full check found the file damaged; every later save is refused.
    damaged: Option<String>,
    /// This writer session (one window, one `jcc` run): a writer's autosaves coalesce
    /// into one revision only while no other session wrote in between.
    writer: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the library file at `path`, checking and migrating it.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, &OpenOptions::default())
    }

    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Self> {
        let conn = connection::open_file(path, options)?;
        conn.execute_batch(&format!(
            "PRAGMA wal_autocheckpoint = {}",
            checkpoint::BACKSTOP_PAGES
        ))
        .map_err(|e| StoreError::from_sqlite(e, path))?;
        let mut store = Self::wrap(conn, Some(path.to_path_buf()));
        store.checkpointer = checkpoint::Checkpointer::start(path);
        if let Some(reason) = damage::read(path) {
            store.mark_damaged(&reason);
        }
        Ok(store)
    }

    /// A private library in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Self> {
        Ok(Self::wrap(connection::open_memory()?, None))
    }

    fn wrap(conn: Connection, path: Option<PathBuf>) -> Self {
        Self {
            checkpointer: None,
            conn,
            path,
            clock: Arc::new(|| chrono::Utc::now().timestamp_millis()),
            revision_window_ms: DEFAULT_REVISION_WINDOW_MS,
            damaged: None,
            writer: uuid::Uuid::new_v4().to_string(),
        }
    }

    /// This store's writer session: fresh for every open, so two processes (or two
    /// stores in one) on the same library are two writers.
    pub fn writer(&self) -> &str {
        &self.writer
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn set_revision_window_ms(&mut self, window: i64) {
        self.revision_window_ms = window;
    }

    /// The store's clock: milliseconds since the Unix epoch.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// Direct access for benchmarks and diagnostics; application code uses the methods.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Records that a full check (run in the background by [`verify_library`]) found the
    /// file damaged: from now on every save is refused with [`StoreError::Corrupt`] and
    /// its way out, instead of writing more into a damaged file. Reading stays possible,
    /// to copy words out. The mark is also kept beside the library file, so every other
    /// process that opens it (and this one after a restart) refuses saves too.
    pub fn mark_damaged(&mut self, reason: &str) {
        let _ = self.conn.execute_batch("PRAGMA query_only = ON");
        if let Some(path) = &self.path {
            if damage::read(path).as_deref() != Some(reason) {
                damage::write(path, reason);
            }
        }
        self.damaged = Some(reason.to_string());
    }

    /// Lifts the damaged mark after a full check of the file came back clean.
    pub fn clear_damage(&mut self) {
        let _ = self.conn.execute_batch("PRAGMA query_only = OFF");
        if let Some(path) = &self.path {
            damage::clear(path);
        }
        self.damaged = None;
    }

    /// Refuses (with [`StoreError::Corrupt`] and its way out) when the library is marked
    /// damaged: for callers that must know before work that ends in a save (a crew run
    /// asks a model first, an API key goes to the keyring first).
    pub fn writable(&self) -> Result<()> {
        match self.damaged_error() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    /// Why the library was found damaged since it was opened, if it was.
    pub fn damage(&self) -> Option<&str> {
        self.damaged.as_deref()
    }

    fn damaged_error(&self) -> Option<StoreError> {
        let reason = self.damaged.clone()?;
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"));
        Some(StoreError::Corrupt {
            backups: Backups::beside(&path).dir().to_path_buf(),
            path,
            reason,
        })
    }

    /// Runs `f` atomically: all of it is saved, or none of it. Nests (as a savepoint)
    /// inside an outer call, so bulk work can wrap many single saves in one commit.
    ///
    /// This is the library's one write gate: every method that changes the library runs
    /// its statements in here, so a library marked damaged refuses all of them alike
    /// (with [`StoreError::Corrupt`] and its way out) before anything is written.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        // IMMEDIATE takes the write lock up front, so the busy timeout applies instead of
        // failing later when a read transaction tries to upgrade.
        if let Some(err) = self.damaged_error() {
            return Err(err);
        }
        let outer = self.conn.is_autocommit();
        let (begin, commit, rollback) = if outer {
            ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
        } else {
            (
                "SAVEPOINT jcc",
                "RELEASE jcc",
                "ROLLBACK TO jcc; RELEASE jcc",
            )
        };
        self.conn
            .execute_batch(begin)
            .map_err(|e| self.map_err(e))?;
        match f(self) {
            Ok(value) => match self.conn.execute_batch(commit) {
                Ok(()) => {
                    if outer {
                        if let Some(c) = &self.checkpointer {
                            c.nudge();
                        }
                    }
                    Ok(value)
                }
                Err(e) => {
                    let err = self.map_err(e);
                    let _ = self.conn.execute_batch(rollback);
                    Err(err)
                }
            },
            Err(err) => {
                if let Err(e) = self.conn.execute_batch(rollback) {
                    tracing::error!(error = %e, "rollback failed");
                }
                Err(err)
            }
        }
    }

    /// For the write helpers that run inside a caller's transaction (they take `&self`
    /// and so cannot open one): they refuse on a damaged library like the gate does.
    pub(crate) fn inside_transaction(&self) -> Result<()> {
        debug_assert!(
            !self.conn.is_autocommit(),
            "a write outside Store::transaction, the write gate"
        );
        match self.damaged_error() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    /// Maps SQLite errors that writers can act on (disk full, busy, damage).
    pub(crate) fn map_err(&self, e: rusqlite::Error) -> StoreError {
        if let Some(err) = self.damaged_error() {
            return err;
        }
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"));
        if connection::is_corruption(&e) {
            return StoreError::Corrupt {
                backups: Backups::beside(&path).dir().to_path_buf(),
                path,
                reason: e.to_string(),
            };
        }
        StoreError::from_sqlite(e, &path)
    }

    /// Takes a backup now (the app does this before risky bulk work). A damaged library
    /// is not backed up: the copy would push a good older backup out of the rotation.
    pub fn backup_now(&self, reason: &str) -> Result<PathBuf> {
        if let Some(err) = self.damaged_error() {
            return Err(err);
        }
        let path = self
            .path
            .as_deref()
            .ok_or_else(|| StoreError::Invalid("an in-memory library has no backups".into()))?;
        Backups::beside(path).take(&self.conn, reason)
    }

    /// Takes the daily backup when the newest is more than a day old: at open, and from
    /// the desktop's hourly check, so a window left open for days still gets one a day.
    /// `None` when none was due (or the library lives in memory).
    pub fn daily_backup_if_due(&self) -> Result<Option<PathBuf>> {
        self.writable()?;
        match &self.path {
            Some(path) if Backups::beside(path).daily_due() => self.backup_now("daily").map(Some),
            _ => Ok(None),
        }
    }
}
