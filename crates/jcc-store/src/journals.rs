//! Journals: create, find, rename, trash.

use crate::error::{Result, StoreError};
use crate::model::{Journal, JournalId, JournalKind, JournalPatch, NewJournal};
use crate::Store;
use rusqlite::{params, OptionalExtension, Row};

const SELECT: &str = "SELECT j.id, j.uuid, j.kind, j.title, j.subtitle, j.theme, j.author_voice,
        j.settings, j.created_at, j.updated_at, j.trashed_at, j.entry_count, j.word_count
    FROM journals j";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Journal> {
    let kind: String = row.get(2)?;
    let settings: String = row.get(7)?;
    Ok(Journal {
        id: row.get(0)?,
        uuid: row.get(1)?,
        kind: kind.parse().unwrap_or(JournalKind::Diary),
        title: row.get(3)?,
        subtitle: row.get(4)?,
        theme: row.get(5)?,
        author_voice: row.get(6)?,
        settings: serde_json::from_str(&settings).unwrap_or_default(),
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        trashed_at: row.get(10)?,
        entry_count: row.get(11)?,
        word_count: row.get(12)?,
    })
}

pub(crate) fn clean_title(title: &str) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(StoreError::Invalid("a journal needs a title".into()));
    }
    Ok(title.to_string())
}

impl Store {
    pub fn create_journal(&mut self, new: NewJournal) -> Result<Journal> {
        let title = clean_title(&new.title)?;
        let now = self.now();
        let uuid = new.uuid.unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
        let settings = new.settings.unwrap_or_else(|| serde_json::json!({}));
        self.transaction(|s| {
            s.conn
                .execute(
                    "INSERT INTO journals (uuid, kind, title, subtitle, theme, author_voice, settings, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                    params![
                        uuid,
                        new.kind.unwrap_or(JournalKind::Diary).as_str(),
                        title,
                        new.subtitle.trim(),
                        new.theme.trim(),
                        new.author_voice.trim(),
                        settings.to_string(),
                        now
                    ],
                )
                .map_err(|e| s.map_err(e))?;
            s.journal(s.conn.last_insert_rowid())
        })
    }

    pub fn journal(&self, id: JournalId) -> Result<Journal> {
        self.conn
            .prepare_cached(&format!("{SELECT} WHERE j.id = ?1"))?
            .query_row([id], from_row)
            .optional()?
            .ok_or_else(|| StoreError::not_found(format!("journal {id}")))
    }

    /// A journal's kind alone.
    pub fn journal_kind(&self, id: JournalId) -> Result<JournalKind> {
        let kind: Option<String> = self
            .conn
            .prepare_cached("SELECT kind FROM journals WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        kind.map(|k| k.parse().unwrap_or(JournalKind::Diary))
            .ok_or_else(|| StoreError::not_found(format!("journal {id}")))
    }

    /// Finds a live journal by numeric id, uuid, or title (case-insensitive).
    pub fn find_journal(&self, key: &str) -> Result<Journal> {
        let key = key.trim();
        if let Ok(id) = key.parse::<i64>() {
            if let Ok(j) = self.journal(id) {
                return Ok(j);
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE (j.uuid = ?1 OR j.title = ?1 COLLATE NOCASE)
             ORDER BY j.trashed_at IS NOT NULL, j.updated_at DESC"
        ))?;
        let found: Vec<Journal> = stmt
            .query_map([key], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let live: Vec<&Journal> = found.iter().filter(|j| j.trashed_at.is_none()).collect();
        match (live.len(), found.first()) {
            (1, _) => Ok(live[0].clone()),
            (0, Some(trashed)) => Ok(trashed.clone()),
            (0, None) => Err(StoreError::not_found(format!("journal \"{key}\""))),
            (n, _) => Err(StoreError::Conflict(format!(
                "{n} journals are titled \"{key}\"; use the id instead ({})",
                live.iter()
                    .map(|j| j.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    pub fn list_journals(&self, trashed: bool) -> Result<Vec<Journal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE (j.trashed_at IS NOT NULL) = ?1 ORDER BY j.updated_at DESC, j.id DESC"
        ))?;
        let rows = stmt.query_map([trashed], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn update_journal(&mut self, id: JournalId, patch: JournalPatch) -> Result<Journal> {
        let current = self.journal(id)?;
        let title = match &patch.title {
            Some(t) => clean_title(t)?,
            None => current.title.clone(),
        };
        let settings = patch.settings.unwrap_or(current.settings);
        let now = self.now();
        self.transaction(|s| {
            s.conn
                .execute(
                    "UPDATE journals SET title = ?2, subtitle = ?3, theme = ?4, author_voice = ?5,
                     settings = ?6, updated_at = ?7 WHERE id = ?1",
                    params![
                        id,
                        title,
                        patch.subtitle.unwrap_or(current.subtitle),
                        patch.theme.unwrap_or(current.theme),
                        patch.author_voice.unwrap_or(current.author_voice),
                        settings.to_string(),
                        now
                    ],
                )
                .map_err(|e| s.map_err(e))?;
            s.journal(id)
        })
    }

    /// Moves a journal to the trash (its entries stay, hidden from lists and search).
    pub fn trash_journal(&mut self, id: JournalId) -> Result<Journal> {
        self.set_journal_trashed(id, Some(self.now()))
    }

    pub fn restore_journal(&mut self, id: JournalId) -> Result<Journal> {
        self.set_journal_trashed(id, None)
    }

    fn set_journal_trashed(&mut self, id: JournalId, at: Option<i64>) -> Result<Journal> {
        self.transaction(|s| {
            s.journal(id)?;
            s.conn
                .execute(
                    "UPDATE journals SET trashed_at = ?2 WHERE id = ?1",
                    params![id, at],
                )
                .map_err(|e| s.map_err(e))?;
            s.journal(id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_find_rename_trash() {
        let mut s = Store::open_in_memory().unwrap();
        let j = s
            .create_journal(NewJournal {
                title: "  Morning Pages ".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(j.title, "Morning Pages");
        assert_eq!(j.kind, JournalKind::Diary);
        assert_eq!(s.find_journal("morning pages").unwrap().id, j.id);
        assert_eq!(s.find_journal(&j.id.to_string()).unwrap().id, j.id);
        assert_eq!(s.find_journal(&j.uuid).unwrap().id, j.id);
        let renamed = s
            .update_journal(
                j.id,
                JournalPatch {
                    title: Some("Evening Pages".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(renamed.title, "Evening Pages");
        assert!(matches!(
            s.find_journal("Morning Pages"),
            Err(StoreError::NotFound { .. })
        ));
        s.trash_journal(j.id).unwrap();
        assert!(s.list_journals(false).unwrap().is_empty());
        assert_eq!(s.list_journals(true).unwrap().len(), 1);
        s.restore_journal(j.id).unwrap();
        assert_eq!(s.list_journals(false).unwrap().len(), 1);
    }

    #[test]
    fn rejects_blank_titles_and_reports_ambiguity() {
        let mut s = Store::open_in_memory().unwrap();
        assert!(matches!(
            s.create_journal(NewJournal {
                title: "   ".into(),
                ..Default::default()
            }),
            Err(StoreError::Invalid(_))
        ));
        for _ in 0..2 {
            s.create_journal(NewJournal {
                title: "Twin".into(),
                ..Default::default()
            })
            .unwrap();
        }
        let err = s.find_journal("twin").unwrap_err().to_string();
        assert!(err.contains("use the id"), "{err}");
    }
}
