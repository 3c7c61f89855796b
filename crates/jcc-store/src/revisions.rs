//! Revision history of an entry: list, diff, restore.

use crate::error::{Result, StoreError};
use crate::model::{word_count, Entry, EntryId, EntryPatch, Origin, Revision};
use crate::Store;
use rusqlite::OptionalExtension;

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Revision> {
    let origin: String = row.get(5)?;
    let title: String = row.get(2)?;
    let body: String = row.get(3)?;
    Ok(Revision {
        id: row.get(0)?,
        entry_id: row.get(1)?,
        word_count: word_count(&title) + word_count(&body),
        title,
        body,
        prompt: row.get(4)?,
        origin: origin.parse().unwrap_or(Origin::Writer),
        created_at: row.get(6)?,
        version: row.get(7)?,
    })
}

const SELECT: &str =
    "SELECT id, entry_id, title, body, prompt, origin, created_at, version FROM revisions";

impl Store {
    /// An entry's earlier versions, newest first.
    pub fn revisions(&self, entry: EntryId) -> Result<Vec<Revision>> {
        self.entry(entry)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE entry_id = ?1 ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([entry], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn revision(&self, entry: EntryId, revision: i64) -> Result<Revision> {
        self.conn
            .query_row(
                &format!("{SELECT} WHERE id = ?1 AND entry_id = ?2"),
                [revision, entry],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found(format!("revision {revision} of entry {entry}")))
    }

    /// A unified diff from the revision to the entry's current text.
    pub fn diff_revision(&self, entry: EntryId, revision: i64) -> Result<String> {
        let rev = self.revision(entry, revision)?;
        let current = self.entry(entry)?;
        Ok(unified_diff(
            &render(&rev.title, &rev.prompt, &rev.body),
            &render(&current.title, &current.prompt, &current.body),
            &format!("revision {}", rev.id),
            "current",
        ))
    }

    /// Puts a revision's text back. The text being replaced is kept as a revision first,
    /// so a restore can itself be undone.
    pub fn restore_revision(&mut self, entry: EntryId, revision: i64) -> Result<Entry> {
        let rev = self.revision(entry, revision)?;
        self.update_entry(
            entry,
            EntryPatch {
                title: Some(rev.title),
                body: Some(rev.body),
                prompt: Some(rev.prompt),
                ..Default::default()
            },
            Origin::Restore,
        )
    }
}

fn render(title: &str, prompt: &str, body: &str) -> String {
    let mut out = format!("# {title}\n");
    if !prompt.is_empty() {
        out.push_str(&format!("> {prompt}\n"));
    }
    out.push('\n');
    out.push_str(body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

pub fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::Store;

    #[test]
    fn restore_brings_back_text_and_is_undoable() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_revision_window_ms(0);
        let j = s
            .create_journal(NewJournal {
                title: "J".into(),
                ..Default::default()
            })
            .unwrap();
        let e = s
            .add_entry(NewEntry {
                journal_id: j.id,
                title: "Walk".into(),
                body: "first draft\n".into(),
                ..Default::default()
            })
            .unwrap();
        s.update_entry(
            e.id,
            EntryPatch {
                body: Some("second draft\n".into()),
                ..Default::default()
            },
            Origin::Writer,
        )
        .unwrap();
        let revs = s.revisions(e.id).unwrap();
        assert_eq!(revs.len(), 1);
        let diff = s.diff_revision(e.id, revs[0].id).unwrap();
        assert!(
            diff.contains("-first draft") && diff.contains("+second draft"),
            "{diff}"
        );
        let restored = s.restore_revision(e.id, revs[0].id).unwrap();
        assert_eq!(restored.body, "first draft\n");
        let revs = s.revisions(e.id).unwrap();
        assert_eq!(revs[0].body, "second draft\n");
        assert_eq!(revs[0].origin, Origin::Restore);
    }
}
