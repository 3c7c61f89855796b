//! An entry the writer opened and left without writing anything is not kept.

use crate::error::Result;
use crate::model::EntryId;
use crate::Store;
use rusqlite::{params, OptionalExtension};

impl Store {
    /// Deletes entry `id` if it holds nothing the writer made: no title, body or prompt
    /// (blank counts as nothing), no tags, no star, no attachments and no revisions (an
    /// entry that ever held text has one). Returns whether it did. Anything else is kept
    /// untouched, so calling this on an entry the writer did use is always harmless.
    pub fn discard_entry_if_empty(&mut self, id: EntryId) -> Result<bool> {
        self.transaction(|s| {
            let journal: Option<i64> = s
                .conn
                .prepare_cached(
                    "SELECT journal_id FROM entries e
                     WHERE id = ?1 AND trim(title) = '' AND trim(body) = '' AND trim(prompt) = ''
                       AND NOT starred
                       AND NOT EXISTS (SELECT 1 FROM entry_tags WHERE entry_id = e.id)
                       AND NOT EXISTS (SELECT 1 FROM attachments WHERE entry_id = e.id)
                       AND NOT EXISTS (SELECT 1 FROM revisions WHERE entry_id = e.id)",
                )?
                .query_row([id], |r| r.get(0))
                .optional()?;
            let Some(journal) = journal else {
                return Ok(false);
            };
            s.conn
                .execute("DELETE FROM entries WHERE id = ?1", params![id])
                .map_err(|e| s.map_err(e))?;
            let now = s.now();
            s.touch_journal(journal, now)?;
            Ok(true)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{EntryPatch, NewEntry, NewJournal, Origin};
    use crate::Store;

    fn store_with_journal() -> (Store, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let j = s
            .create_journal(NewJournal {
                title: "Notes".into(),
                ..Default::default()
            })
            .unwrap();
        (s, j.id)
    }

    fn blank(journal_id: i64) -> NewEntry {
        NewEntry {
            journal_id,
            ..Default::default()
        }
    }

    #[test]
    fn an_untouched_new_entry_is_gone_without_a_trace() {
        let (mut s, j) = store_with_journal();
        let e = s.add_entry(blank(j)).unwrap();
        assert!(s.discard_entry_if_empty(e.id).unwrap());
        assert!(s.entry(e.id).is_err(), "deleted, not trashed");
        let left: i64 = s
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM revisions WHERE entry_id = ?1)
                      + (SELECT count(*) FROM entries WHERE id = ?1)",
                [e.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "no row and no revision left");
        assert!(
            !s.discard_entry_if_empty(e.id).unwrap(),
            "gone: nothing to do"
        );
    }

    #[test]
    fn anything_the_writer_made_keeps_the_entry() {
        let (mut s, j) = store_with_journal();
        let patches = [
            EntryPatch {
                title: Some("A title".into()),
                ..Default::default()
            },
            EntryPatch {
                body: Some("a word".into()),
                ..Default::default()
            },
            EntryPatch {
                tags: Some(vec!["later".into()]),
                ..Default::default()
            },
            EntryPatch {
                starred: Some(true),
                ..Default::default()
            },
        ];
        for patch in patches {
            let e = s.add_entry(blank(j)).unwrap();
            s.update_entry(e.id, patch.clone(), Origin::Writer).unwrap();
            assert!(!s.discard_entry_if_empty(e.id).unwrap(), "{patch:?}");
            assert!(s.entry(e.id).is_ok());
        }
        // Written, then all erased: the earlier words live on in a revision.
        let e = s.add_entry(blank(j)).unwrap();
        for body in ["gone soon", ""] {
            let patch = EntryPatch {
                body: Some(body.into()),
                ..Default::default()
            };
            s.update_entry(e.id, patch, Origin::Writer).unwrap();
        }
        assert!(!s.discard_entry_if_empty(e.id).unwrap());
        // A guided day's prompt is the writer's to answer later.
        let e = s
            .add_entry(NewEntry {
                prompt: "What went well?".into(),
                ..blank(j)
            })
            .unwrap();
        assert!(!s.discard_entry_if_empty(e.id).unwrap());
        // An image alone is content too.
        let e = s.add_entry(blank(j)).unwrap();
        s.attach(e.id, "sea.png", "image/png", b"\x89PNG not really")
            .unwrap();
        assert!(!s.discard_entry_if_empty(e.id).unwrap());
    }
}
