//! Noticing commits made by other connections (the CLI, a second tool, a sync) to an open
//! library, so a window can show them.
//!
//! `PRAGMA data_version` changes on a connection whenever *another* connection commits,
//! and costs no I/O beyond the WAL index. A [`ChangeProbe`] polls it on a read-only
//! connection of its own (it can never write, so it never reports itself), and on a
//! change lists what moved: entries and journals whose `updated_at` (or, for entries,
//! `trashed_at`) is newer than the last it saw.

use crate::error::{Result, StoreError};
use crate::{EntryId, JournalId, Store};
use rusqlite::{params, Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// What another connection changed since the last look.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changed {
    /// `(entry, its journal)` for entries written, trashed or restored.
    pub entries: Vec<(EntryId, JournalId)>,
    /// Journals whose row changed (a rename, an entry added, trashed or moved).
    pub journals: Vec<JournalId>,
}

/// The newest change times a [`ChangeProbe`] has taken as known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    entries: i64,
    journals: i64,
}

/// A read-only connection that tells when the library file was committed to by any
/// other connection, and what changed.
pub struct ChangeProbe {
    conn: Connection,
    version: i64,
    entries_seen: i64,
    journals_seen: i64,
}

impl std::fmt::Debug for ChangeProbe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChangeProbe")
            .field("version", &self.version)
            .finish()
    }
}

impl ChangeProbe {
    /// Opens `path` read-only and takes the current state as seen.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(e),
        })?;
        conn.busy_timeout(Duration::from_secs(1))?;
        let mut probe = Self {
            conn,
            version: 0,
            entries_seen: 0,
            journals_seen: 0,
        };
        probe.version = data_version(&probe.conn)?;
        let seen = probe.look()?;
        probe.adopt(seen);
        Ok(probe)
    }

    /// True when some other connection committed since the last call (cheap: no read of
    /// the database pages).
    pub fn committed_elsewhere(&mut self) -> Result<bool> {
        let now = data_version(&self.conn)?;
        let changed = now != self.version;
        self.version = now;
        Ok(changed)
    }

    /// The newest change times now in the file, to [`adopt`](Self::adopt) once the
    /// caller knows every commit so far was its own. Looked at before the caller checks,
    /// so a commit landing in between is still listed by the next [`changes`](Self::changes).
    pub fn look(&self) -> Result<Seen> {
        let newest = |table: &str| -> Result<i64> {
            Ok(self.conn.query_row(
                &format!(
                    "SELECT coalesce(max(max(updated_at, coalesce(trashed_at, 0))), 0) FROM {table}"
                ),
                [],
                |r| r.get(0),
            )?)
        };
        Ok(Seen {
            entries: newest("entries")?,
            journals: newest("journals")?,
        })
    }

    /// Takes everything up to `seen` as known, without listing it.
    pub fn adopt(&mut self, seen: Seen) {
        self.entries_seen = self.entries_seen.max(seen.entries);
        self.journals_seen = self.journals_seen.max(seen.journals);
    }

    /// Entries and journals changed since the last look, and takes them as seen.
    pub fn changes(&mut self) -> Result<Changed> {
        let mut changed = Changed::default();
        let mut stmt = self.conn.prepare(
            "SELECT id, journal_id, max(updated_at, coalesce(trashed_at, 0)) FROM entries
             WHERE updated_at > ?1 OR trashed_at > ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![self.entries_seen], |r| {
            Ok((
                r.get::<_, EntryId>(0)?,
                r.get::<_, JournalId>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (id, journal, at) = row?;
            changed.entries.push((id, journal));
            self.entries_seen = self.entries_seen.max(at);
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, max(updated_at, coalesce(trashed_at, 0)) FROM journals
             WHERE updated_at > ?1 OR trashed_at > ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![self.journals_seen], |r| {
            Ok((r.get::<_, JournalId>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (id, at) = row?;
            changed.journals.push(id);
            self.journals_seen = self.journals_seen.max(at);
        }
        Ok(changed)
    }
}

impl Store {
    /// This connection's `PRAGMA data_version`: it changes only when another connection
    /// commits, never for this store's own writes.
    pub fn data_version(&self) -> Result<i64> {
        data_version(&self.conn)
    }
}

fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntryPatch, NewEntry, NewJournal, Origin};
    use std::sync::Arc;

    fn journal(s: &mut Store, title: &str) -> JournalId {
        s.create_journal(NewJournal {
            title: title.into(),
            ..Default::default()
        })
        .unwrap()
        .id
    }

    #[test]
    fn another_connections_commit_is_seen_and_listed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let mut ours = Store::open(&path).unwrap();
        let j = journal(&mut ours, "Days");
        let e = ours
            .add_entry(NewEntry {
                journal_id: j,
                body: "first".into(),
                ..Default::default()
            })
            .unwrap();
        let mut probe = ChangeProbe::open(&path).unwrap();
        assert!(!probe.committed_elsewhere().unwrap());

        let mut theirs = Store::open(&path).unwrap();
        // A later clock, as another process saving a moment later has.
        theirs.set_clock(Arc::new(|| chrono::Utc::now().timestamp_millis() + 10));
        theirs
            .update_entry(
                e.id,
                EntryPatch {
                    body: Some("changed elsewhere".into()),
                    ..Default::default()
                },
                Origin::Writer,
            )
            .unwrap();
        assert!(probe.committed_elsewhere().unwrap());
        let changed = probe.changes().unwrap();
        assert_eq!(changed.entries, vec![(e.id, j)]);
        // Asked again, nothing new.
        assert!(!probe.committed_elsewhere().unwrap());
        assert_eq!(probe.changes().unwrap(), Changed::default());
    }

    #[test]
    fn the_probe_sees_no_commit_of_its_own_and_the_owner_tells_its_own_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let mut ours = Store::open(&path).unwrap();
        let before = ours.data_version().unwrap();
        journal(&mut ours, "Mine");
        // The store's own commit leaves its data_version alone: that is how its owner
        // tells its own writes from another process's.
        assert_eq!(ours.data_version().unwrap(), before);
        let mut theirs = Store::open(&path).unwrap();
        journal(&mut theirs, "Theirs");
        assert_ne!(ours.data_version().unwrap(), before);
    }
}
