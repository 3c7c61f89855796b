//! Entries: add, read, list, edit (keeping revisions), trash.

use crate::connection::MemoryMap;
use crate::dates::stored_day;
use crate::error::{Result, StoreError};
use crate::model::{word_count, Entry, EntryFilter, EntryId, EntryKind, JournalId, NewEntry};
use crate::Store;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

/// From this many entries, [`Store::append_entries`] tunes FTS5 for a bulk load.
const BULK: usize = 5000;
/// FTS5's own defaults, put back after a bulk load when the library had not set them.
const FTS5_DEFAULT_HASHSIZE: i64 = 1024 * 1024;
const FTS5_DEFAULT_AUTOMERGE: i64 = 4;

pub(crate) const SELECT: &str =
    "SELECT e.id, e.uuid, e.journal_id, e.kind, e.position, e.entry_date, e.day,
        e.title, e.body, e.prompt, e.writing_lines, e.starred, e.word_count, e.source_key,
        e.created_at, e.updated_at, e.trashed_at,
        e.version, e.review_merge,
        (SELECT group_concat(t.name, char(31)) FROM entry_tags et
            JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id)
    FROM entries e";

pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let kind: String = row.get(3)?;
    let date: Option<String> = row.get(5)?;
    let tags: Option<String> = row.get(19)?;
    Ok(Entry {
        id: row.get(0)?,
        uuid: row.get(1)?,
        journal_id: row.get(2)?,
        kind: kind.parse().unwrap_or(EntryKind::Free),
        position: row.get(4)?,
        date: date.as_deref().and_then(stored_day),
        day: row.get(6)?,
        title: row.get(7)?,
        body: row.get(8)?,
        prompt: row.get(9)?,
        writing_lines: row.get(10)?,
        starred: row.get(11)?,
        word_count: row.get(12)?,
        source_key: row.get(13)?,
        created_at: row.get(14)?,
        updated_at: row.get(15)?,
        trashed_at: row.get(16)?,
        version: row.get(17)?,
        review_merge: row.get(18)?,
        tags: tags.map(|t| sorted_tags(&t)).unwrap_or_default(),
    })
}

/// An entry's tags in the order of `name COLLATE NOCASE` (ASCII letters folded; names are
/// unique that way, so there are no ties). Sorted here rather than in the query: sorting
/// in SQL opened a sorter for every row, a tenth of an export's reading.
fn sorted_tags(joined: &str) -> Vec<String> {
    let mut tags: Vec<String> = joined.split('\u{1f}').map(str::to_string).collect();
    let folded = |t: &String| {
        t.bytes()
            .map(|b| b.to_ascii_lowercase())
            .collect::<Vec<u8>>()
    };
    if tags.len() > 1 {
        tags.sort_by_cached_key(folded);
    }
    tags
}

pub(crate) fn date_text(date: Option<NaiveDate>) -> Option<String> {
    date.map(|d| d.format("%Y-%m-%d").to_string())
}

pub(crate) fn check_lines(lines: i64) -> Result<i64> {
    if !(0..=200).contains(&lines) {
        return Err(StoreError::Invalid(format!(
            "writing lines must be between 0 and 200, not {lines}"
        )));
    }
    Ok(lines)
}

impl Store {
    pub fn add_entry(&mut self, new: NewEntry) -> Result<Entry> {
        // Existence only: a journal's totals are maintained by triggers (schema 4).
        let exists: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM journals WHERE id = ?1)")?
            .query_row([new.journal_id], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::not_found(format!("journal {}", new.journal_id)));
        }
        let journal_id = new.journal_id;
        let now = self.now();
        self.transaction(|s| {
            let id = s.append_entry(new)?;
            s.touch_journal(journal_id, now)?;
            s.entry(id)
        })
    }

    /// The insert at the heart of [`Store::add_entry`], for bulk work (an import) inside
    /// one [`Store::transaction`]: it neither reads the entry back nor marks the journal
    /// as changed, so the caller calls [`Store::touch_journal`] once at the end. A
    /// missing journal is refused by the foreign key.
    ///
    /// Inside a transaction it takes no savepoint of its own: a failure fails the
    /// caller's transaction, which rolls back as a whole. (A savepoint per entry would
    /// also make FTS5 flush its pending index data into a new segment per entry, and
    /// spend the import merging them.) Outside one, it is a transaction of its own.
    pub fn append_entry(&mut self, new: NewEntry) -> Result<EntryId> {
        if self.conn.is_autocommit() {
            return self.transaction(|s| s.append_entry(new));
        }
        let lines = check_lines(new.writing_lines)?;
        let now = self.now();
        let created = new.created_at.unwrap_or(now);
        let updated = new.updated_at.unwrap_or(created);
        {
            let s = &mut *self;
            let position = match new.position {
                Some(p) => p,
                // One index lookup: the last entry of the journal in book order.
                None => s
                    .conn
                    .prepare_cached(
                        "SELECT coalesce(max(position), 0) + 1 FROM entries WHERE journal_id = ?1",
                    )?
                    .query_row([new.journal_id], |r| r.get(0))?,
            };
            let words = word_count(&new.title) + word_count(&new.body);
            s.conn
                .prepare_cached(
                    "INSERT INTO entries (uuid, journal_id, kind, position, entry_date, day, title, body,
                        prompt, writing_lines, starred, word_count, source_key, created_at, updated_at,
                        writer)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                )?
                .execute(params![
                    uuid::Uuid::now_v7().to_string(),
                    new.journal_id,
                    new.kind.unwrap_or(EntryKind::Free).as_str(),
                    position,
                    date_text(new.date),
                    new.day,
                    new.title.trim(),
                    new.body,
                    new.prompt,
                    lines,
                    new.starred,
                    words,
                    new.source_key,
                    created,
                    updated,
                    s.writer
                ])
                .map_err(|e| match &e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                            && new.source_key.is_some() =>
                    {
                        StoreError::Conflict(format!(
                            "an entry from {} is already in this journal",
                            new.source_key.as_deref().unwrap_or_default()
                        ))
                    }
                    _ => s.map_err(e),
                })?;
            let id = s.conn.last_insert_rowid();
            if !new.tags.is_empty() {
                s.insert_tags(id, &new.tags)?;
            }
            Ok(id)
        }
    }

    /// Adds many entries at once (an import), in order, and returns their ids in the
    /// same order. Like [`Store::append_entry`] it neither reads them back nor marks
    /// their journals as changed. All of them are added, or none.
    ///
    /// The rows are staged in a temporary table and moved into `entries` with one
    /// `INSERT … SELECT` per chunk, so the search-index and journal-total triggers run
    /// as they do for a single save, but FTS5 gets whole chunks: every statement that
    /// opens a statement savepoint makes FTS5 flush what it holds into a new segment, and
    /// one such statement per entry made an import spend most of its time merging those
    /// one-entry segments.
    pub fn append_entries(&mut self, entries: Vec<NewEntry>) -> Result<Vec<EntryId>> {
        if self.conn.is_autocommit() {
            return self.transaction(|s| s.append_entries(entries));
        }
        if entries.len() < BULK {
            return self.stage_entries(entries);
        }
        // A big batch: let FTS5 hold more in memory before writing a segment, and merge
        // wider, so the index is written with fewer merge passes; and give the page cache
        // room for the index being built. Both are put back before the caller commits
        // (the FTS5 settings are stored in the library, inside this same transaction).
        let fts_setting = |s: &Self, key: &str| -> Result<Option<i64>> {
            Ok(s.conn
                .prepare_cached("SELECT v FROM entries_fts_config WHERE k = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?)
        };
        let set_fts = |s: &Self, key: &str, value: i64| -> Result<()> {
            s.conn
                .prepare_cached("INSERT INTO entries_fts (entries_fts, rank) VALUES (?1, ?2)")?
                .execute(params![key, value])?;
            Ok(())
        };
        let hashsize = fts_setting(self, "hashsize")?;
        let automerge = fts_setting(self, "automerge")?;
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        set_fts(self, "hashsize", 64 * 1024 * 1024)?;
        set_fts(self, "automerge", 8)?;
        self.conn.execute_batch("PRAGMA cache_size = -131072")?;
        let staged = self.stage_entries(entries);
        let restored = set_fts(self, "hashsize", hashsize.unwrap_or(FTS5_DEFAULT_HASHSIZE))
            .and_then(|()| {
                set_fts(
                    self,
                    "automerge",
                    automerge.unwrap_or(FTS5_DEFAULT_AUTOMERGE),
                )
            });
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
        let ids = staged?;
        restored?;
        Ok(ids)
    }

    fn stage_entries(&mut self, entries: Vec<NewEntry>) -> Result<Vec<EntryId>> {
        // Each move is one statement, and FTS5 writes a segment at the end of each: big
        // moves mean fewer, larger segments to merge (2,000 took 12 s for 100,000 entries
        // where 20,000 took 9 s); the staged rows sit in the temp store meanwhile.
        const CHUNK: usize = 20_000;
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS jcc_stage_entries (
                 id INTEGER PRIMARY KEY, uuid TEXT, journal_id INTEGER, kind TEXT,
                 position INTEGER, entry_date TEXT, day INTEGER, title TEXT, body TEXT,
                 prompt TEXT, writing_lines INTEGER, starred INTEGER, word_count INTEGER,
                 source_key TEXT, created_at INTEGER, updated_at INTEGER);
             CREATE TEMP TABLE IF NOT EXISTS jcc_stage_tags (entry_id INTEGER, name TEXT);
             DELETE FROM temp.jcc_stage_entries;
             DELETE FROM temp.jcc_stage_tags;",
        )?;
        let now = self.now();
        // Ids are given, not left to SQLite, so tags and attachments can point at them;
        // the write lock is held, so no one else can take them meanwhile.
        let first_id: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM entries")?
            .query_row([], |r| r.get(0))?;
        let mut next_position = std::collections::HashMap::<JournalId, i64>::new();
        let mut ids = Vec::with_capacity(entries.len());
        let mut staged = 0;
        for (id, new) in (first_id..).zip(entries) {
            let lines = check_lines(new.writing_lines)?;
            let position = match new.position {
                Some(p) => p,
                None => {
                    let next = match next_position.get(&new.journal_id) {
                        Some(p) => *p,
                        None => self
                            .conn
                            .prepare_cached(
                                "SELECT coalesce(max(position), 0) + 1 FROM entries WHERE journal_id = ?1",
                            )?
                            .query_row([new.journal_id], |r| r.get(0))?,
                    };
                    next_position.insert(new.journal_id, next + 1);
                    next
                }
            };
            let created = new.created_at.unwrap_or(now);
            self.conn
                .prepare_cached(
                    "INSERT INTO temp.jcc_stage_entries VALUES
                     (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                )?
                .execute(params![
                    id,
                    uuid::Uuid::now_v7().to_string(),
                    new.journal_id,
                    new.kind.unwrap_or(EntryKind::Free).as_str(),
                    position,
                    date_text(new.date),
                    new.day,
                    new.title.trim(),
                    new.body,
                    new.prompt,
                    lines,
                    new.starred,
                    word_count(&new.title) + word_count(&new.body),
                    new.source_key,
                    created,
                    new.updated_at.unwrap_or(created)
                ])?;
            for tag in new.tags.iter().filter_map(|t| crate::tags::normalize(t)) {
                self.conn
                    .prepare_cached("INSERT INTO temp.jcc_stage_tags VALUES (?1, ?2)")?
                    .execute(params![id, tag])?;
            }
            ids.push(id);
            staged += 1;
            if staged == CHUNK {
                self.flush_staged_entries()?;
                staged = 0;
            }
        }
        if staged > 0 {
            self.flush_staged_entries()?;
        }
        Ok(ids)
    }

    fn flush_staged_entries(&mut self) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO entries (id, uuid, journal_id, kind, position, entry_date, day, title,
                    body, prompt, writing_lines, starred, word_count, source_key, created_at,
                    updated_at)
                 SELECT id, uuid, journal_id, kind, position, entry_date, day, title, body, prompt,
                    writing_lines, starred, word_count, source_key, created_at, updated_at
                 FROM temp.jcc_stage_entries ORDER BY id",
            )?
            .execute([])
            .map_err(|e| match &e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
                {
                    StoreError::Conflict(
                        "an entry from the same source is already in this journal".into(),
                    )
                }
                _ => self.map_err(e),
            })?;
        // Tags in the order they were given, so the first spelling of a new tag is kept.
        self.conn
            .prepare_cached(
                "INSERT INTO tags (name) SELECT name FROM temp.jcc_stage_tags WHERE true
                 ORDER BY rowid ON CONFLICT (name) DO NOTHING",
            )?
            .execute([])?;
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id)
                 SELECT st.entry_id, t.id FROM temp.jcc_stage_tags st JOIN tags t ON t.name = st.name",
            )?
            .execute([])?;
        self.conn.execute_batch(
            "DELETE FROM temp.jcc_stage_entries; DELETE FROM temp.jcc_stage_tags;",
        )?;
        Ok(())
    }

    pub fn entry(&self, id: EntryId) -> Result<Entry> {
        self.conn
            .prepare_cached(&format!("{SELECT} WHERE e.id = ?1"))?
            .query_row([id], from_row)
            .optional()
            .map_err(|e| self.map_err(e))?
            .ok_or_else(|| StoreError::not_found(format!("entry {id}")))
    }

    /// The id of the entry that came from `source_key` in a journal, if it was imported
    /// before (one lookup in the unique source index).
    pub fn entry_id_by_source(
        &self,
        journal: JournalId,
        source_key: &str,
    ) -> Result<Option<EntryId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM entries WHERE journal_id = ?1 AND source_key = ?2")?
            .query_row(params![journal, source_key], |r| r.get(0))
            .optional()?)
    }

    /// The entry that came from `source_key` in a journal, if it was imported before.
    pub fn entry_by_source(&self, journal: JournalId, source_key: &str) -> Result<Option<Entry>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "{SELECT} WHERE e.journal_id = ?1 AND e.source_key = ?2"
            ))?
            .query_row(params![journal, source_key], from_row)
            .optional()?)
    }

    /// Entries in book order (position), then by date.
    pub fn list_entries(&self, filter: &EntryFilter) -> Result<Vec<Entry>> {
        let mut out = Vec::new();
        self.for_each_entry(filter, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Store::list_entries`] one entry at a time, in the same order, without holding the
    /// whole list: an export of 100,000 entries needs the memory of one. Stops at the
    /// first error `f` returns.
    pub fn for_each_entry(
        &self,
        filter: &EntryFilter,
        mut f: impl FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        let mut sql = format!("{SELECT} WHERE (e.trashed_at IS NOT NULL) = :trashed");
        if filter.journal_id.is_some() {
            sql.push_str(" AND e.journal_id = :journal");
        }
        if filter.tag.is_some() {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                   WHERE et.entry_id = e.id AND t.name = :tag)",
            );
        }
        if filter.starred.is_some() {
            sql.push_str(" AND e.starred = :starred");
        }
        sql.push_str(" ORDER BY e.journal_id, e.position, e.entry_date, e.id LIMIT :limit");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut args: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":trashed", &filter.trashed)];
        let limit = filter.limit.unwrap_or(-1);
        args.push((":limit", &limit));
        if let Some(j) = &filter.journal_id {
            args.push((":journal", j));
        }
        if let Some(t) = &filter.tag {
            args.push((":tag", t));
        }
        if let Some(st) = &filter.starred {
            args.push((":starred", st));
        }
        // A scan of every entry reads the pages once, in place: through a memory map they
        // are not copied into the page cache first (a quarter of an export's reading). A
        // page of a listing (a limit) is not worth mapping and unmapping the file for.
        let _mmap = match filter.limit {
            None => Some(MemoryMap::on(&self.conn)?),
            Some(_) => None,
        };
        let mut rows = stmt.query(args.as_slice())?;
        while let Some(row) = rows.next()? {
            f(from_row(row)?)?;
        }
        Ok(())
    }

    /// Entries in a journal that are not in the trash.
    pub fn count_entries(&self, journal: JournalId) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM entries WHERE journal_id = ?1 AND trashed_at IS NULL",
            [journal],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    pub fn trash_entry(&mut self, id: EntryId) -> Result<Entry> {
        self.set_entry_trashed(id, Some(self.now()))
    }

    pub fn restore_entry(&mut self, id: EntryId) -> Result<Entry> {
        self.set_entry_trashed(id, None)
    }

    fn set_entry_trashed(&mut self, id: EntryId, at: Option<i64>) -> Result<Entry> {
        let now = self.now();
        self.transaction(|s| {
            let entry = s.entry(id)?;
            s.conn
                .execute(
                    "UPDATE entries SET trashed_at = ?2 WHERE id = ?1",
                    params![id, at],
                )
                .map_err(|e| s.map_err(e))?;
            s.touch_journal(entry.journal_id, now)?;
            s.entry(id)
        })
    }

    /// Marks a journal as changed at `now` (lists show the most recently changed first).
    /// Only inside a [`Store::transaction`], the write gate.
    pub fn touch_journal(&self, journal: JournalId, now: i64) -> Result<()> {
        self.inside_transaction()?;
        self.conn
            .prepare_cached("UPDATE journals SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![journal, now])
            .map_err(|e| self.map_err(e))?;
        Ok(())
    }
}

pub(crate) fn same_tags(a: &[String], b: &[String]) -> bool {
    let norm = |t: &[String]| {
        let mut v: Vec<String> = t
            .iter()
            .filter_map(|x| crate::tags::normalize(x))
            .map(|x| x.to_lowercase())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryPatch, NewJournal, Origin};
    use std::sync::atomic::{AtomicI64, Ordering};
    use std::sync::Arc;

    fn store_with_clock() -> (Store, Arc<AtomicI64>, JournalId) {
        let mut s = Store::open_in_memory().unwrap();
        let t = Arc::new(AtomicI64::new(1_000_000));
        let clock = t.clone();
        s.set_clock(Arc::new(move || clock.load(Ordering::SeqCst)));
        let j = s
            .create_journal(NewJournal {
                title: "Diary".into(),
                ..Default::default()
            })
            .unwrap();
        (s, t, j.id)
    }

    fn edit(s: &mut Store, id: EntryId, body: &str) -> Entry {
        s.update_entry(
            id,
            EntryPatch {
                body: Some(body.into()),
                ..Default::default()
            },
            Origin::Writer,
        )
        .unwrap()
    }

    #[test]
    fn stored_days_and_tags_read_back_as_sqlite_would_order_them() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(stored_day("2024-02-29"), d(2024, 2, 29));
        assert_eq!(stored_day("0999-12-31"), d(999, 12, 31));
        assert_eq!(stored_day("2023-02-29"), None);
        assert_eq!(stored_day("2024-13-01"), None);
        assert_eq!(stored_day("2024-0a-01"), None);
        assert_eq!(
            stored_day("2024-1-2"),
            NaiveDate::parse_from_str("2024-1-2", "%Y-%m-%d").ok()
        );
        assert_eq!(stored_day(""), None);
        assert_eq!(
            sorted_tags("walk\u{1f}Rain\u{1f}_x\u{1f}apple\u{1f}Éte"),
            ["_x", "apple", "Rain", "walk", "Éte"]
        );
        // The same order SQLite gives.
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let order: String = conn
            .query_row(
                "SELECT group_concat(n, char(31)) FROM (SELECT column1 AS n FROM (VALUES
                   ('walk'), ('Rain'), ('_x'), ('apple'), ('Éte')) ORDER BY n COLLATE NOCASE)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            sorted_tags(&order),
            sorted_tags("walk\u{1f}Rain\u{1f}_x\u{1f}apple\u{1f}Éte")
        );
        assert_eq!(
            order.split('\u{1f}').collect::<Vec<_>>(),
            sorted_tags(&order)
        );
    }

    /// A scan reads through a memory map and turns it off when done, also when another
    /// scan runs inside it (the inner one must not unmap the outer one's pages).
    #[test]
    fn scans_map_the_file_and_nested_scans_leave_the_map_to_the_outer() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("library.sqlite3")).unwrap();
        let j = s
            .create_journal(NewJournal {
                title: "Diary".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        for i in 0..3 {
            s.add_entry(NewEntry {
                journal_id: j,
                body: format!("entry {i}"),
                ..Default::default()
            })
            .unwrap();
        }
        let map = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA mmap_size", [], |r| r.get(0))
                .unwrap()
        };
        let filter = EntryFilter {
            journal_id: Some(j),
            ..Default::default()
        };
        let (mut outer, mut inner) = (Vec::new(), 0);
        s.for_each_entry(&filter, |e| {
            assert!(map(&s) > 0, "the scan reads through the map");
            inner += s.list_entries(&filter)?.len();
            assert!(map(&s) > 0, "the nested scan left the map on");
            outer.push(e.body);
            Ok(())
        })
        .unwrap();
        assert_eq!(outer, ["entry 0", "entry 1", "entry 2"]);
        assert_eq!(inner, 9);
        assert_eq!(map(&s), 0, "off again after the scan");
    }

    #[test]
    fn add_appends_in_book_order_and_counts_words() {
        let (mut s, _, j) = store_with_clock();
        let a = s
            .add_entry(NewEntry {
                journal_id: j,
                body: "one two three".into(),
                ..Default::default()
            })
            .unwrap();
        let b = s
            .add_entry(NewEntry {
                journal_id: j,
                title: "Second".into(),
                body: "four".into(),
                tags: vec!["#Walk".into(), "walk".into(), "rain".into()],
                ..Default::default()
            })
            .unwrap();
        assert_eq!((a.position, b.position), (1, 2));
        assert_eq!(a.word_count, 3);
        assert_eq!(b.word_count, 2);
        assert_eq!(b.tags, vec!["rain", "Walk"]);
        let listed = s
            .list_entries(&EntryFilter {
                journal_id: Some(j),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            listed.iter().map(|e| e.id).collect::<Vec<_>>(),
            vec![a.id, b.id]
        );
    }

    #[test]
    fn autosaves_coalesce_into_one_revision_per_window() {
        let (mut s, t, j) = store_with_clock();
        let e = s
            .add_entry(NewEntry {
                journal_id: j,
                body: "v0".into(),
                ..Default::default()
            })
            .unwrap();
        // Continuous editing: a save every 10 s for 4 minutes.
        for i in 1..=24 {
            t.fetch_add(10_000, Ordering::SeqCst);
            edit(&mut s, e.id, &format!("v{i}"));
        }
        let revs = s.revisions(e.id).unwrap();
        assert_eq!(revs.len(), 1, "one revision for one editing session");
        assert_eq!(
            revs[0].body, "v0",
            "it holds the text from before the session"
        );
        // Still editing past the window: a second revision.
        for i in 25..=40 {
            t.fetch_add(10_000, Ordering::SeqCst);
            edit(&mut s, e.id, &format!("v{i}"));
        }
        assert_eq!(s.revisions(e.id).unwrap().len(), 2);
        // A pause, then a new session: a new revision immediately.
        t.fetch_add(60 * 60_000, Ordering::SeqCst);
        edit(&mut s, e.id, "after lunch");
        let revs = s.revisions(e.id).unwrap();
        assert_eq!(revs.len(), 3);
        assert_eq!(revs[0].body, "v40");
    }

    #[test]
    fn unchanged_save_is_a_no_op_and_crew_writes_always_keep_a_revision() {
        let (mut s, t, j) = store_with_clock();
        let e = s
            .add_entry(NewEntry {
                journal_id: j,
                body: "same".into(),
                ..Default::default()
            })
            .unwrap();
        t.fetch_add(1000, Ordering::SeqCst);
        let again = edit(&mut s, e.id, "same");
        assert_eq!(again.updated_at, e.updated_at);
        assert!(s.revisions(e.id).unwrap().is_empty());
        for i in 0..3 {
            t.fetch_add(1000, Ordering::SeqCst);
            s.update_entry(
                e.id,
                EntryPatch {
                    body: Some(format!("crew {i}")),
                    ..Default::default()
                },
                Origin::Crew,
            )
            .unwrap();
        }
        assert_eq!(s.revisions(e.id).unwrap().len(), 3);
    }

    #[test]
    fn trash_hides_and_restore_brings_back() {
        let (mut s, _, j) = store_with_clock();
        let e = s
            .add_entry(NewEntry {
                journal_id: j,
                ..Default::default()
            })
            .unwrap();
        s.trash_entry(e.id).unwrap();
        let live = EntryFilter {
            journal_id: Some(j),
            ..Default::default()
        };
        assert!(s.list_entries(&live).unwrap().is_empty());
        assert_eq!(
            s.list_entries(&EntryFilter {
                trashed: true,
                ..live.clone()
            })
            .unwrap()
            .len(),
            1
        );
        s.restore_entry(e.id).unwrap();
        assert_eq!(s.list_entries(&live).unwrap().len(), 1);
    }

    #[test]
    fn duplicate_source_key_is_a_conflict() {
        let (mut s, _, j) = store_with_clock();
        let new = NewEntry {
            journal_id: j,
            source_key: Some("md:a.md".into()),
            ..Default::default()
        };
        s.add_entry(new.clone()).unwrap();
        assert!(matches!(s.add_entry(new), Err(StoreError::Conflict(_))));
        assert!(s.entry_by_source(j, "md:a.md").unwrap().is_some());
    }
}
