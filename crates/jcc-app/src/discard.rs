//! New entries the writer left without writing anything are not kept.

use crate::error::AppResult;
use crate::events::Event;
use crate::App;
use jcc_store::{EntryId, StoreError};

impl App {
    /// Deletes entry `id` if it is still empty (no title, text, prompt, tags, star,
    /// attachments or revisions), as the window does when the writer leaves a new entry
    /// untouched. Returns whether it did; an entry with anything in it, or one already
    /// gone, is left as it is.
    pub fn entry_discard_if_empty(&self, id: EntryId) -> AppResult<bool> {
        let mut store = self.store();
        let journal_id = match store.entry(id) {
            Ok(e) => e.journal_id,
            Err(StoreError::NotFound { .. }) => return Ok(false),
            Err(e) => return Err(e.into()),
        };
        let gone = store.discard_entry_if_empty(id)?;
        drop(store);
        if gone {
            tracing::debug!(entry = id, "empty entry discarded");
            self.events.emit(Event::JournalChanged { journal_id });
        }
        Ok(gone)
    }
}
