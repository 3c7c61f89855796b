//! What sync sends of each synced thing, by ids every device shares (uuids, template
//! names, content hashes), and how a record from another device lands in this library.
//!
//! A record holds only what the writer made: no row ids, counters or local times, so a
//! record applied here reads back identical (sync relies on that to tell a local change
//! from one it just applied).

use crate::error::{Result, StoreError};
use crate::model::{EntryId, JournalId, Origin};
use crate::Store;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The setting that holds the author profile (name and rights printed in books).
pub const AUTHOR_PROFILE_KEY: &str = "author_profile";

/// One synced thing's fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Record {
    Journal(JournalRecord),
    Entry(EntryRecord),
    Template(TemplateRecord),
    Blob(BlobRecord),
    Profile { value: serde_json::Value },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalRecord {
    pub kind: String,
    pub title: String,
    pub subtitle: String,
    pub theme: String,
    pub author_voice: String,
    pub settings: serde_json::Value,
    pub created_at: i64,
    pub trashed_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryRecord {
    pub journal: String,
    pub kind: String,
    pub position: i64,
    pub date: Option<String>,
    pub day: Option<i64>,
    pub title: String,
    pub body: String,
    pub prompt: String,
    pub writing_lines: i64,
    pub starred: bool,
    /// Sorted, case-insensitively unique.
    pub tags: Vec<String>,
    /// (file name, blob hash), sorted.
    pub attachments: Vec<(String, String)>,
    pub review_merge: bool,
    pub created_at: i64,
    pub trashed_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateRecord {
    pub name: String,
    pub category: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlobRecord {
    pub mime: String,
    /// Base64 of the file.
    pub data: String,
}

impl Record {
    /// What this record's digest is computed over; equal records have equal digests.
    pub fn digest(&self) -> String {
        if let Record::Blob(_) = self {
            // Content-addressed: the entity key already names the content.
            return "blob".into();
        }
        let json = serde_json::to_vec(self).expect("records serialize");
        hex::encode(Sha256::digest(json))
    }

    /// The journal an entry belongs to (for keeping a journal off sync).
    pub fn journal_uuid(&self) -> Option<&str> {
        match self {
            Record::Entry(e) => Some(&e.journal),
            _ => None,
        }
    }
}

/// Entity keys: `journal/<uuid>`, `entry/<uuid>`, `template/<name lowercased>`,
/// `blob/<sha256>`, `profile/author`.
pub fn entity_key(kind: &str, id: &str) -> String {
    format!("{kind}/{id}")
}

impl Store {
    /// Every synced thing's entity key and digest, files and journals before entries (so
    /// a device receiving them in this order has what an entry refers to first), without
    /// reading file contents. `skip_journals`: journals kept on this device only (by uuid);
    /// their entries are left out too.
    pub fn sync_digests(&self, skip_journals: &[String]) -> Result<Vec<(String, String)>> {
        Ok(self
            .sync_records(skip_journals)?
            .into_iter()
            .map(|(key, record)| {
                let digest = record.digest();
                (key, digest)
            })
            .collect())
    }

    /// One thing's record now (`None`: it is not in the library).
    pub fn sync_record(&self, key: &str) -> Result<Option<Record>> {
        let (kind, id) = split_key(key)?;
        Ok(match kind {
            "journal" => self.journal_record(id)?.map(Record::Journal),
            "entry" => self.entry_record(id)?.map(Record::Entry),
            "template" => self.template_record(id)?.map(Record::Template),
            "blob" => self.blob_record(id)?.map(Record::Blob),
            "profile" => self
                .setting(AUTHOR_PROFILE_KEY)?
                .map(|value| Record::Profile { value }),
            _ => unreachable!("split_key checks kinds"),
        })
    }

    /// Every synced thing and its record, in [`Store::sync_digests`] order; files are
    /// listed without their contents (read one with [`Store::sync_record`]).
    pub fn sync_records(&self, skip_journals: &[String]) -> Result<Vec<(String, Record)>> {
        let mut out = Vec::new();
        let blobs: Vec<(String, String)> = self
            .conn
            .prepare("SELECT hash, mime FROM blobs ORDER BY hash")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (hash, mime) in blobs {
            let record = BlobRecord {
                mime,
                data: String::new(),
            };
            out.push((entity_key("blob", &hash), Record::Blob(record)));
        }
        let journals: Vec<String> = self
            .conn
            .prepare("SELECT uuid FROM journals ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for uuid in journals.iter().filter(|u| !skip_journals.contains(u)) {
            if let Some(j) = self.journal_record(uuid)? {
                out.push((entity_key("journal", uuid), Record::Journal(j)));
            }
        }
        let entries: Vec<(String, String)> = self
            .conn
            .prepare("SELECT e.uuid, j.uuid FROM entries e JOIN journals j ON j.id = e.journal_id ORDER BY e.id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (uuid, journal) in entries {
            if skip_journals.contains(&journal) {
                continue;
            }
            if let Some(e) = self.entry_record(&uuid)? {
                out.push((entity_key("entry", &uuid), Record::Entry(e)));
            }
        }
        let templates: Vec<String> = self
            .conn
            .prepare("SELECT name FROM templates WHERE builtin = 0 ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for name in templates {
            let key = name.to_lowercase();
            if let Some(t) = self.template_record(&key)? {
                out.push((entity_key("template", &key), Record::Template(t)));
            }
        }
        if let Some(value) = self.setting(AUTHOR_PROFILE_KEY)? {
            out.push((entity_key("profile", "author"), Record::Profile { value }));
        }
        Ok(out)
    }

    fn journal_record(&self, uuid: &str) -> Result<Option<JournalRecord>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT kind, title, subtitle, theme, author_voice, settings, created_at, trashed_at
                 FROM journals WHERE uuid = ?1",
            )?
            .query_row([uuid], |r| {
                let settings: String = r.get(5)?;
                Ok(JournalRecord {
                    kind: r.get(0)?,
                    title: r.get(1)?,
                    subtitle: r.get(2)?,
                    theme: r.get(3)?,
                    author_voice: r.get(4)?,
                    settings: serde_json::from_str(&settings).unwrap_or_default(),
                    created_at: r.get(6)?,
                    trashed_at: r.get(7)?,
                })
            })
            .optional()?)
    }

    fn entry_record(&self, uuid: &str) -> Result<Option<EntryRecord>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT e.id, j.uuid, e.kind, e.position, e.entry_date, e.day, e.title, e.body,
                        e.prompt, e.writing_lines, e.starred, e.review_merge, e.created_at,
                        e.trashed_at
                 FROM entries e JOIN journals j ON j.id = e.journal_id WHERE e.uuid = ?1",
            )?
            .query_row([uuid], |r| {
                Ok((
                    r.get::<_, EntryId>(0)?,
                    EntryRecord {
                        journal: r.get(1)?,
                        kind: r.get(2)?,
                        position: r.get(3)?,
                        date: r.get(4)?,
                        day: r.get(5)?,
                        title: r.get(6)?,
                        body: r.get(7)?,
                        prompt: r.get(8)?,
                        writing_lines: r.get(9)?,
                        starred: r.get(10)?,
                        tags: Vec::new(),
                        attachments: Vec::new(),
                        review_merge: r.get(11)?,
                        created_at: r.get(12)?,
                        trashed_at: r.get(13)?,
                    },
                ))
            })
            .optional()?;
        let Some((id, mut record)) = row else {
            return Ok(None);
        };
        record.tags = self
            .conn
            .prepare_cached(
                "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                 WHERE et.entry_id = ?1 ORDER BY t.name COLLATE NOCASE, t.name",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        record.attachments = self
            .conn
            .prepare_cached(
                "SELECT filename, blob_hash FROM attachments WHERE entry_id = ?1
                 ORDER BY filename, blob_hash",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(record))
    }

    fn template_record(&self, key: &str) -> Result<Option<TemplateRecord>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT name, category, body FROM templates WHERE name = ?1 AND builtin = 0",
            )?
            .query_row([key], |r| {
                Ok(TemplateRecord {
                    name: r.get(0)?,
                    category: r.get(1)?,
                    body: r.get(2)?,
                })
            })
            .optional()?)
    }

    fn blob_record(&self, hash: &str) -> Result<Option<BlobRecord>> {
        use base64::Engine;
        Ok(self
            .conn
            .prepare_cached("SELECT mime, data FROM blobs WHERE hash = ?1")?
            .query_row([hash], |r| {
                let data: Vec<u8> = r.get(1)?;
                Ok(BlobRecord {
                    mime: r.get(0)?,
                    data: base64::engine::general_purpose::STANDARD.encode(data),
                })
            })
            .optional()?)
    }

    /// Makes the library hold `record` for `key` (inside the caller's transaction), as
    /// another device wrote it. Replaced entry text stays in the history (origin sync).
    /// `None` trashes the thing: deleting for good is the caller's next step
    /// ([`Store::sync_purge`]), because a purge rewrites the file outside any transaction.
    pub fn apply_sync_record(&mut self, key: &str, record: Option<&Record>) -> Result<()> {
        self.inside_transaction()?;
        let (kind, id) = split_key(key)?;
        let now = self.now();
        match (kind, record) {
            ("journal", Some(Record::Journal(j))) => self.apply_journal(id, j, now),
            ("entry", Some(Record::Entry(e))) => self.apply_entry(id, e, now),
            ("template", Some(Record::Template(t))) => {
                self.conn.execute(
                    "INSERT INTO templates (name, category, body, builtin, created_at, updated_at)
                     VALUES (?1, ?2, ?3, 0, ?4, ?4)
                     ON CONFLICT (name) DO UPDATE SET name = excluded.name,
                         category = excluded.category, body = excluded.body,
                         updated_at = excluded.updated_at
                     WHERE templates.builtin = 0",
                    params![t.name, t.category, t.body, now],
                )?;
                Ok(())
            }
            ("blob", Some(Record::Blob(b))) => {
                use base64::Engine;
                let data = base64::engine::general_purpose::STANDARD
                    .decode(&b.data)
                    .map_err(|e| {
                        StoreError::Invalid(format!("a synced file is not base64: {e}"))
                    })?;
                let hash = hex::encode(Sha256::digest(&data));
                if hash != id {
                    return Err(StoreError::Invalid(format!(
                        "a synced file does not match its hash {id}"
                    )));
                }
                self.conn.execute(
                    "INSERT OR IGNORE INTO blobs (hash, mime, size, data, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![hash, b.mime, data.len() as i64, data, now],
                )?;
                Ok(())
            }
            ("profile", Some(Record::Profile { value })) => {
                self.conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![AUTHOR_PROFILE_KEY, value.to_string()],
                )?;
                Ok(())
            }
            ("journal", None) => {
                self.conn.execute(
                    "UPDATE journals SET trashed_at = coalesce(trashed_at, ?2) WHERE uuid = ?1",
                    params![id, now],
                )?;
                Ok(())
            }
            ("entry", None) => {
                self.conn.execute(
                    "UPDATE entries SET trashed_at = coalesce(trashed_at, ?2) WHERE uuid = ?1",
                    params![id, now],
                )?;
                Ok(())
            }
            ("template", None) => {
                self.conn.execute(
                    "DELETE FROM templates WHERE name = ?1 AND builtin = 0",
                    [id],
                )?;
                Ok(())
            }
            ("profile", None) => {
                self.conn
                    .execute("DELETE FROM settings WHERE key = ?1", [AUTHOR_PROFILE_KEY])?;
                Ok(())
            }
            // Files are content-addressed and never deleted by sync.
            ("blob", None) => Ok(()),
            _ => Err(StoreError::Invalid(format!(
                "a synced record does not fit its key {key}"
            ))),
        }
    }

    /// Deletes for good what another device deleted for good (after
    /// [`Store::apply_sync_record`] trashed it).
    pub fn sync_purge(&mut self, entries: &[String], journals: &[String]) -> Result<()> {
        let ids = |s: &Self, table: &str, uuids: &[String]| -> Result<Vec<i64>> {
            let mut out = Vec::new();
            for u in uuids {
                let sql = format!("SELECT id FROM {table} WHERE uuid = ?1");
                if let Some(id) = s.conn.query_row(&sql, [u], |r| r.get(0)).optional()? {
                    out.push(id);
                }
            }
            Ok(out)
        };
        let e = ids(self, "entries", entries)?;
        let j = ids(self, "journals", journals)?;
        if e.is_empty() && j.is_empty() {
            return Ok(());
        }
        self.purge(&e, &j).map(|_| ())
    }

    fn apply_journal(&mut self, uuid: &str, j: &JournalRecord, now: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO journals (uuid, kind, title, subtitle, theme, author_voice, settings,
                 created_at, updated_at, trashed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (uuid) DO UPDATE SET kind = excluded.kind, title = excluded.title,
                 subtitle = excluded.subtitle, theme = excluded.theme,
                 author_voice = excluded.author_voice, settings = excluded.settings,
                 created_at = excluded.created_at, updated_at = excluded.updated_at,
                 trashed_at = excluded.trashed_at",
            params![
                uuid,
                j.kind,
                j.title,
                j.subtitle,
                j.theme,
                j.author_voice,
                j.settings.to_string(),
                j.created_at,
                now,
                j.trashed_at
            ],
        )?;
        Ok(())
    }

    fn apply_entry(&mut self, uuid: &str, e: &EntryRecord, now: i64) -> Result<()> {
        let journal: JournalId = self
            .conn
            .query_row(
                "SELECT id FROM journals WHERE uuid = ?1",
                [&e.journal],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "a synced entry belongs to journal {} which this library does not have",
                    e.journal
                ))
            })?;
        let words = crate::model::word_count(&e.title) + crate::model::word_count(&e.body);
        let existing = self
            .conn
            .query_row("SELECT id FROM entries WHERE uuid = ?1", [uuid], |r| {
                r.get::<_, EntryId>(0)
            })
            .optional()?;
        // Two statements, not one upsert: an upsert's conflict policy overrides the
        // `INSERT OR IGNORE` of the sync_dirty triggers, which then fail.
        let id = match existing {
            Some(id) => {
                let current = self.entry(id)?;
                let text_changed = current.title != e.title
                    || current.body != e.body
                    || current.prompt != e.prompt;
                if text_changed {
                    let writer = self.last_writer(id)?;
                    self.keep_revision(&current, &writer, Origin::Sync, now)?;
                }
                self.conn.execute(
                    "UPDATE entries SET journal_id = ?2, kind = ?3, position = ?4, entry_date = ?5,
                         day = ?6, title = ?7, body = ?8, prompt = ?9, writing_lines = ?10,
                         starred = ?11, word_count = ?12, review_merge = ?13, created_at = ?14,
                         trashed_at = ?15, updated_at = ?16,
                         version = version + ?17, writer = 'sync'
                     WHERE id = ?1",
                    params![
                        id,
                        journal,
                        e.kind,
                        e.position,
                        e.date,
                        e.day,
                        e.title,
                        e.body,
                        e.prompt,
                        e.writing_lines,
                        e.starred,
                        words,
                        e.review_merge,
                        e.created_at,
                        e.trashed_at,
                        now,
                        i64::from(text_changed)
                    ],
                )?;
                id
            }
            None => {
                self.conn.execute(
                    "INSERT INTO entries (uuid, journal_id, kind, position, entry_date, day, title,
                         body, prompt, writing_lines, starred, word_count, review_merge,
                         created_at, trashed_at, updated_at, writer)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                         ?16, 'sync')",
                    params![
                        uuid,
                        journal,
                        e.kind,
                        e.position,
                        e.date,
                        e.day,
                        e.title,
                        e.body,
                        e.prompt,
                        e.writing_lines,
                        e.starred,
                        words,
                        e.review_merge,
                        e.created_at,
                        e.trashed_at,
                        now
                    ],
                )?;
                self.conn.last_insert_rowid()
            }
        };
        self.conn
            .execute("DELETE FROM entry_tags WHERE entry_id = ?1", [id])?;
        self.insert_tags(id, &e.tags)?;
        self.conn
            .execute("DELETE FROM attachments WHERE entry_id = ?1", [id])?;
        for (filename, hash) in &e.attachments {
            // A file arrives as its own record, before the entries that use it; one that
            // did not (yet) is left out rather than pointing at nothing.
            self.conn.execute(
                "INSERT OR IGNORE INTO attachments (entry_id, blob_hash, filename, created_at)
                 SELECT ?1, hash, ?3, ?4 FROM blobs WHERE hash = ?2",
                params![id, hash, filename, now],
            )?;
        }
        self.touch_journal(journal, now)?;
        Ok(())
    }
}

fn split_key(key: &str) -> Result<(&str, &str)> {
    match key.split_once('/') {
        Some((kind @ ("journal" | "entry" | "template" | "blob" | "profile"), id))
            if !id.is_empty() =>
        {
            Ok((kind, id))
        }
        _ => Err(StoreError::Invalid(format!("not a synced thing: {key}"))),
    }
}
