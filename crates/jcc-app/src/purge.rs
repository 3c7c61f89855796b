//! Deleting for good: a trashed entry, a trashed journal, or the whole trash.

use crate::error::AppResult;
use crate::events::Event;
use crate::App;
use jcc_store::{EntryId, PurgeOutcome};

impl App {
    /// Deletes a trashed entry for good (its text, revisions, search rows and the
    /// attachments no other entry uses), leaving no readable copy in the library's files.
    pub fn entry_purge(&self, id: EntryId) -> AppResult<PurgeOutcome> {
        let mut store = self.store();
        let journal_id = store.entry(id)?.journal_id;
        let outcome = store.purge_entry(id)?;
        drop(store);
        self.events.emit(Event::EntryChanged {
            entry_id: id,
            journal_id,
        });
        self.events.emit(Event::TagsChanged);
        Ok(outcome)
    }

    /// Deletes a trashed journal and all its entries for good.
    pub fn journal_purge(&self, key: &str) -> AppResult<PurgeOutcome> {
        let mut store = self.store();
        let id = store.find_journal(key)?.id;
        let outcome = store.purge_journal(id)?;
        drop(store);
        self.events.emit(Event::JournalChanged { journal_id: id });
        self.events.emit(Event::TagsChanged);
        Ok(outcome)
    }

    /// Deletes everything in the trash for good.
    pub fn trash_empty(&self) -> AppResult<PurgeOutcome> {
        let mut store = self.store();
        let mut journals: Vec<i64> = store
            .list_entries(&jcc_store::EntryFilter {
                trashed: true,
                ..Default::default()
            })?
            .iter()
            .map(|e| e.journal_id)
            .chain(store.list_journals(true)?.iter().map(|j| j.id))
            .collect();
        journals.sort_unstable();
        journals.dedup();
        let outcome = store.empty_trash()?;
        drop(store);
        for journal_id in journals {
            self.events.emit(Event::JournalChanged { journal_id });
        }
        self.events.emit(Event::TagsChanged);
        Ok(outcome)
    }
}
