//! Book order: moving an entry within its journal (drag to reorder in the desktop app).

use crate::error::{Result, StoreError};
use crate::model::{Entry, EntryId};
use crate::Store;
use rusqlite::params;

impl Store {
    /// Moves `id` to just before `before` (or to the end when `None`) in its journal's
    /// book order and renumbers positions 1..n, in one transaction. Trashed entries keep
    /// their positions out of the way at the end.
    pub fn move_entry(&mut self, id: EntryId, before: Option<EntryId>) -> Result<Entry> {
        let entry = self.entry(id)?;
        if before == Some(id) {
            return Ok(entry);
        }
        let now = self.now();
        self.transaction(|s| {
            let mut order: Vec<EntryId> = s
                .conn
                .prepare_cached(
                    "SELECT id FROM entries WHERE journal_id = ?1 AND trashed_at IS NULL
                     ORDER BY position, entry_date, id",
                )?
                .query_map([entry.journal_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            order.retain(|&e| e != id);
            let at = match before {
                None => order.len(),
                Some(b) => order.iter().position(|&e| e == b).ok_or_else(|| {
                    StoreError::not_found(format!("entry {b} in the same journal as entry {id}"))
                })?,
            };
            order.insert(at, id);
            let mut update = s.conn.prepare_cached(
                "UPDATE entries SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
            )?;
            for (i, e) in order.iter().enumerate() {
                update.execute(params![e, i as i64 + 1])?;
            }
            drop(update);
            s.touch_journal(entry.journal_id, now)?;
            s.entry(id)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{NewEntry, NewJournal};
    use crate::Store;

    fn book(n: usize) -> (Store, Vec<i64>) {
        let mut s = Store::open_in_memory().unwrap();
        let j = s
            .create_journal(NewJournal {
                title: "Book".into(),
                ..Default::default()
            })
            .unwrap();
        let ids = (0..n)
            .map(|i| {
                s.add_entry(NewEntry {
                    journal_id: j.id,
                    title: format!("Day {}", i + 1),
                    ..Default::default()
                })
                .unwrap()
                .id
            })
            .collect();
        (s, ids)
    }

    fn titles(s: &Store, journal: i64) -> Vec<String> {
        let filter = crate::EntryFilter {
            journal_id: Some(journal),
            ..Default::default()
        };
        s.list_entries(&filter)
            .unwrap()
            .into_iter()
            .map(|e| e.title)
            .collect()
    }

    #[test]
    fn moves_before_another_and_to_the_end() {
        let (mut s, ids) = book(4);
        let j = s.entry(ids[0]).unwrap().journal_id;
        s.move_entry(ids[3], Some(ids[1])).unwrap();
        assert_eq!(titles(&s, j), ["Day 1", "Day 4", "Day 2", "Day 3"]);
        s.move_entry(ids[0], None).unwrap();
        assert_eq!(titles(&s, j), ["Day 4", "Day 2", "Day 3", "Day 1"]);
        let moved = s.move_entry(ids[2], Some(ids[2])).unwrap();
        assert_eq!(moved.title, "Day 3");
    }

    #[test]
    fn refuses_an_anchor_outside_the_journal() {
        let (mut s, ids) = book(2);
        let err = s.move_entry(ids[0], Some(ids[1] + 100)).unwrap_err();
        assert!(err.to_string().contains("same journal"), "{err}");
        let j = s.entry(ids[0]).unwrap().journal_id;
        assert_eq!(titles(&s, j), ["Day 1", "Day 2"], "nothing moved");
    }
}
