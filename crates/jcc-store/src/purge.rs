//! Deleting for good: an entry, a journal, or everything in the trash.
//!
//! Trash only hides; a purge removes the text, its revisions, its search-index rows, its
//! tags' links and the attachments nothing else uses, and then leaves no readable copy in
//! the library's files: the rows are deleted with `secure_delete` on (freed space is
//! zeroed), the search index is merged so its deleted terms are dropped, the file is
//! rewritten (`VACUUM`) so older copies in free pages are gone, and the write-ahead log is
//! checkpointed and truncated. Backups taken before still hold the text: the ids purged
//! are kept (never the text) so the backup listing can name those backups.

use crate::backup::{BackupInfo, Backups};
use crate::error::{Result, StoreError};
use crate::model::{EntryId, JournalId};
use crate::Store;
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// What a purge removed, and where copies may remain.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeOutcome {
    pub entries: i64,
    pub journals: i64,
    /// Attached files removed (those no other entry used).
    pub files: i64,
    /// False when another program kept the library open, so the write-ahead log could
    /// not be emptied: the purged text may stay in it until every program closes it.
    pub log_emptied: bool,
    /// Backups that still hold purged entries or journals.
    pub backups_holding: Vec<BackupInfo>,
}

impl Store {
    /// Deletes a trashed entry for good.
    pub fn purge_entry(&mut self, id: EntryId) -> Result<PurgeOutcome> {
        let entry = self.entry(id)?;
        if entry.trashed_at.is_none() {
            return Err(StoreError::Invalid(format!(
                "entry {id} is not in the trash; trash it first (only trashed entries can be deleted for good)"
            )));
        }
        self.purge(&[id], &[])
    }

    /// Deletes a trashed journal and every entry in it, for good.
    pub fn purge_journal(&mut self, id: JournalId) -> Result<PurgeOutcome> {
        let journal = self.journal(id)?;
        if journal.trashed_at.is_none() {
            return Err(StoreError::Invalid(format!(
                "journal \"{}\" is not in the trash; trash it first",
                journal.title
            )));
        }
        self.purge(&[], &[id])
    }

    /// Deletes everything in the trash for good: trashed entries, and trashed journals
    /// with all their entries.
    pub fn empty_trash(&mut self) -> Result<PurgeOutcome> {
        let ids = |s: &Self, sql: &str| -> Result<Vec<i64>> {
            let mut stmt = s.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let entries = ids(self, "SELECT id FROM entries WHERE trashed_at IS NOT NULL")?;
        let journals = ids(self, "SELECT id FROM journals WHERE trashed_at IS NOT NULL")?;
        self.purge(&entries, &journals)
    }

    /// The ids (uuids) of every entry and journal purged so far.
    pub fn purged_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT uuid FROM purged")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The library's backups, newest first, each with how many purged entries and
    /// journals it still holds. Empty for a library in memory.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        let Some(path) = self.path.as_deref() else {
            return Ok(Vec::new());
        };
        Ok(Backups::beside(path).describe(&self.purged_ids()?))
    }

    /// Removes the backups `doomed` picks (see [`Store::backups`] for what it is shown).
    pub fn remove_backups(&self, doomed: impl Fn(&BackupInfo) -> bool) -> Result<Vec<BackupInfo>> {
        let Some(path) = self.path.as_deref() else {
            return Ok(Vec::new());
        };
        Backups::beside(path).remove(doomed, &self.purged_ids()?)
    }

    pub(crate) fn purge(
        &mut self,
        entries: &[EntryId],
        journals: &[JournalId],
    ) -> Result<PurgeOutcome> {
        // The gate first: nothing, not even the pragma below, touches a damaged library.
        self.writable()?;
        self.conn
            .execute_batch("PRAGMA secure_delete = ON")
            .map_err(|e| self.map_err(e))?;
        let removed = self.delete_for_good(entries, journals);
        let scrubbed = removed.and_then(|counts| self.scrub().map(|emptied| (counts, emptied)));
        let _ = self.conn.execute_batch("PRAGMA secure_delete = OFF");
        let ((entries, journals, files), log_emptied) = scrubbed?;
        Ok(PurgeOutcome {
            entries,
            journals,
            files,
            log_emptied,
            backups_holding: self
                .backups()?
                .into_iter()
                .filter(|b| b.holds_purged > 0)
                .collect(),
        })
    }

    /// The deletes, in one transaction: (entries, journals, files) removed.
    fn delete_for_good(
        &mut self,
        entries: &[EntryId],
        journals: &[JournalId],
    ) -> Result<(i64, i64, i64)> {
        let now = self.now();
        let entries = serde_json::to_string(entries).unwrap_or_else(|_| "[]".into());
        let journals = serde_json::to_string(journals).unwrap_or_else(|_| "[]".into());
        self.transaction(|s| {
            let c = &s.conn;
            // Every entry to go: the ones named and all of the journals' entries.
            c.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS jcc_purge (id INTEGER PRIMARY KEY);
                 DELETE FROM temp.jcc_purge;",
            )?;
            c.execute(
                "INSERT OR IGNORE INTO temp.jcc_purge (id)
                 SELECT value FROM json_each(?1)
                 UNION SELECT id FROM entries WHERE journal_id IN (SELECT value FROM json_each(?2))",
                params![entries, journals],
            )?;
            c.execute(
                "INSERT OR IGNORE INTO purged (uuid, what, purged_at)
                 SELECT uuid, 'entry', ?1 FROM entries WHERE id IN (SELECT id FROM temp.jcc_purge)
                 UNION ALL
                 SELECT uuid, 'journal', ?1 FROM journals WHERE id IN (SELECT value FROM json_each(?2))",
                params![now, journals],
            )?;
            let blobs_before: i64 = c.query_row("SELECT count(*) FROM blobs", [], |r| r.get(0))?;
            // Crew runs made for a purged journal hold its text in their steps.
            c.execute(
                "DELETE FROM crew_runs WHERE journal_id IN (SELECT value FROM json_each(?1))",
                [&journals],
            )?;
            // Revisions, tag links, attachments and crew writes go with their entry (foreign
            // keys); the search index's delete trigger runs for each.
            let entries_removed = c.execute(
                "DELETE FROM entries WHERE id IN (SELECT id FROM temp.jcc_purge)",
                [],
            )? as i64;
            let journals_removed = c.execute(
                "DELETE FROM journals WHERE id IN (SELECT value FROM json_each(?1))",
                [&journals],
            )? as i64;
            c.execute_batch(
                "DELETE FROM blobs WHERE hash NOT IN (SELECT blob_hash FROM attachments);
                 DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM entry_tags);
                 DELETE FROM temp.jcc_purge;
                 INSERT INTO entries_fts (entries_fts) VALUES ('optimize');",
            )?;
            let blobs_after: i64 = c.query_row("SELECT count(*) FROM blobs", [], |r| r.get(0))?;
            Ok((entries_removed, journals_removed, blobs_before - blobs_after))
        })
    }

    /// Rewrites the file without free pages and empties the write-ahead log; false when
    /// another connection kept the log from being emptied.
    fn scrub(&mut self) -> Result<bool> {
        self.conn
            .execute_batch("VACUUM")
            .map_err(|e| self.map_err(e))?;
        if self.path.is_none() {
            return Ok(true);
        }
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .map_err(|e| self.map_err(e))?;
        if busy != 0 {
            tracing::warn!(
                "another program kept the write-ahead log from being emptied after a purge"
            );
        }
        Ok(busy == 0)
    }
}
