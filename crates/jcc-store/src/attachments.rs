//! Images and other files attached to entries, stored once by content hash.

use crate::error::{Result, StoreError};
use crate::model::{Attachment, EntryId, JournalId};
use crate::Store;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

/// Attachments larger than this are refused; a library file is not a video archive.
pub const MAX_ATTACHMENT_BYTES: usize = 64 * 1024 * 1024;

impl Store {
    /// Stores `data` (once, however many entries use it) and attaches it to `entry`.
    pub fn attach(
        &mut self,
        entry: EntryId,
        filename: &str,
        mime: &str,
        data: &[u8],
    ) -> Result<Attachment> {
        if data.len() > MAX_ATTACHMENT_BYTES {
            return Err(StoreError::Invalid(format!(
                "{filename} is {} MiB; attachments can be at most {} MiB",
                data.len() / (1024 * 1024),
                MAX_ATTACHMENT_BYTES / (1024 * 1024)
            )));
        }
        self.entry(entry)?;
        let hash = hex::encode(Sha256::digest(data));
        let now = self.now();
        self.transaction(|s| {
            s.conn.execute(
                "INSERT INTO blobs (hash, mime, size, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (hash) DO NOTHING",
                params![hash, mime, data.len() as i64, data, now],
            )?;
            s.conn.execute(
                "INSERT INTO attachments (entry_id, blob_hash, filename, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (entry_id, blob_hash) DO UPDATE SET filename = excluded.filename",
                params![entry, hash, filename, now],
            )?;
            Ok(())
        })
        .map_err(|e| match e {
            StoreError::Sqlite(e) => self.map_err(e),
            other => other,
        })?;
        self.attachments(entry)?
            .into_iter()
            .find(|a| a.hash == hash)
            .ok_or_else(|| StoreError::not_found("the attachment just saved"))
    }

    /// The entries of `journal` that have attachments (trashed ones included): an export
    /// asks [`Store::attachments`] only for these instead of once per entry.
    pub fn entries_with_attachments(
        &self,
        journal: JournalId,
    ) -> Result<std::collections::HashSet<EntryId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT a.entry_id FROM attachments a JOIN entries e ON e.id = a.entry_id
             WHERE e.journal_id = ?1",
        )?;
        let rows = stmt.query_map([journal], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn attachments(&self, entry: EntryId) -> Result<Vec<Attachment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.entry_id, a.blob_hash, a.filename, b.mime, b.size
             FROM attachments a JOIN blobs b ON b.hash = a.blob_hash
             WHERE a.entry_id = ?1 ORDER BY a.id",
        )?;
        let rows = stmt.query_map([entry], |r| {
            Ok(Attachment {
                id: r.get(0)?,
                entry_id: r.get(1)?,
                hash: r.get(2)?,
                filename: r.get(3)?,
                mime: r.get(4)?,
                size: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The type and bytes of the file entry `entry` keeps as `filename` (the latest
    /// attached under that name).
    pub fn attachment_file(&self, entry: EntryId, filename: &str) -> Result<(String, Vec<u8>)> {
        self.conn
            .prepare_cached(
                "SELECT b.mime, b.data FROM attachments a JOIN blobs b ON b.hash = a.blob_hash
                 WHERE a.entry_id = ?1 AND a.filename = ?2 ORDER BY a.id DESC LIMIT 1",
            )?
            .query_row(params![entry, filename], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(format!("entry {entry} has no attachment {filename:?}"))
            })
    }

    pub fn blob(&self, hash: &str) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT data FROM blobs WHERE hash = ?1", [hash], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::not_found(format!("file {hash}")))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::Store;

    #[test]
    fn same_image_is_stored_once() {
        let mut s = Store::open_in_memory().unwrap();
        let j = s
            .create_journal(NewJournal {
                title: "J".into(),
                ..Default::default()
            })
            .unwrap();
        let a = s
            .add_entry(NewEntry {
                journal_id: j.id,
                ..Default::default()
            })
            .unwrap();
        let b = s
            .add_entry(NewEntry {
                journal_id: j.id,
                ..Default::default()
            })
            .unwrap();
        let png = b"\x89PNG\r\n\x1a\nfake".to_vec();
        let x = s.attach(a.id, "sky.png", "image/png", &png).unwrap();
        let y = s.attach(b.id, "sky-copy.png", "image/png", &png).unwrap();
        assert_eq!(x.hash, y.hash);
        let blobs: i64 = s
            .connection()
            .query_row("SELECT count(*) FROM blobs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(blobs, 1);
        assert_eq!(s.blob(&x.hash).unwrap(), png);
        assert_eq!(
            s.attachment_file(b.id, "sky-copy.png").unwrap(),
            ("image/png".to_string(), png)
        );
        // By name and by entry: another entry's file is not this one's.
        assert!(matches!(
            s.attachment_file(b.id, "sky.png"),
            Err(crate::StoreError::NotFound { .. })
        ));
        // What an export asks before reading each entry's attachments.
        let c = s
            .add_entry(NewEntry {
                journal_id: j.id,
                ..Default::default()
            })
            .unwrap();
        let with = s.entries_with_attachments(j.id).unwrap();
        assert!(with.contains(&a.id) && with.contains(&b.id) && !with.contains(&c.id));
        assert!(s.entries_with_attachments(j.id + 1).unwrap().is_empty());
    }
}
