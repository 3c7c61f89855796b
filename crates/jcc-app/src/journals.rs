//! Journal commands.

use crate::error::AppResult;
use crate::events::Event;
use crate::App;
use jcc_store::{Entry, EntryFilter, Journal, JournalKind, JournalPatch, NewJournal};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewJournalInput {
    pub title: String,
    #[serde(default)]
    pub kind: Option<JournalKind>,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub author_voice: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalDetail {
    pub journal: Journal,
    pub entries: Vec<Entry>,
}

impl App {
    pub fn journal_new(&self, input: NewJournalInput) -> AppResult<Journal> {
        let journal = self.store().create_journal(NewJournal {
            kind: input.kind,
            title: input.title,
            subtitle: input.subtitle,
            theme: input.theme,
            author_voice: input.author_voice,
            settings: None,
            uuid: None,
        })?;
        self.events.emit(Event::JournalChanged {
            journal_id: journal.id,
        });
        Ok(journal)
    }

    pub fn journal_list(&self, trashed: bool) -> AppResult<Vec<Journal>> {
        Ok(self.store().list_journals(trashed)?)
    }

    /// Finds a journal by id, uuid or title.
    pub fn journal_find(&self, key: &str) -> AppResult<Journal> {
        Ok(self.store().find_journal(key)?)
    }

    pub fn journal_show(&self, key: &str) -> AppResult<JournalDetail> {
        let store = self.store();
        let journal = store.find_journal(key)?;
        let entries = store.list_entries(&EntryFilter {
            journal_id: Some(journal.id),
            ..Default::default()
        })?;
        Ok(JournalDetail { journal, entries })
    }

    pub fn journal_update(&self, key: &str, patch: JournalPatch) -> AppResult<Journal> {
        let mut store = self.store();
        let id = store.find_journal(key)?.id;
        let journal = store.update_journal(id, patch)?;
        drop(store);
        self.events.emit(Event::JournalChanged { journal_id: id });
        Ok(journal)
    }

    pub fn journal_rename(&self, key: &str, title: &str) -> AppResult<Journal> {
        self.journal_update(
            key,
            JournalPatch {
                title: Some(title.to_string()),
                ..Default::default()
            },
        )
    }

    pub fn journal_trash(&self, key: &str) -> AppResult<Journal> {
        self.journal_change(key, |s, id| s.trash_journal(id))
    }

    pub fn journal_restore(&self, key: &str) -> AppResult<Journal> {
        self.journal_change(key, |s, id| s.restore_journal(id))
    }

    fn journal_change(
        &self,
        key: &str,
        f: impl FnOnce(&mut jcc_store::Store, i64) -> jcc_store::Result<Journal>,
    ) -> AppResult<Journal> {
        let mut store = self.store();
        let id = store.find_journal(key)?.id;
        let journal = f(&mut store, id)?;
        drop(store);
        self.events.emit(Event::JournalChanged { journal_id: id });
        Ok(journal)
    }
}
