//! Entry commands: write, edit, tag, trash, history.

use crate::error::{AppError, AppResult};
use crate::events::Event;
use crate::App;
use chrono::NaiveDate;
use jcc_store::{
    Attachment, Entry, EntryFilter, EntryId, EntryKind, EntryPatch, JournalKind, NewEntry,
    NewJournal, Origin, Revision, Saved, Store,
};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AddEntry {
    /// Journal title, id or uuid; a diary of that title is created if none exists.
    pub journal: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// Defaults to today for diaries.
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub kind: Option<EntryKind>,
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub starred: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListEntries {
    pub journal: Option<String>,
    pub tag: Option<String>,
    pub starred: Option<bool>,
    #[serde(default)]
    pub trashed: bool,
    pub limit: Option<i64>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntryDetail {
    pub entry: Entry,
    pub journal_title: String,
    pub attachments: Vec<Attachment>,
    pub revisions: usize,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TagChange {
    #[serde(default)]
    pub add: Vec<String>,
    #[serde(default)]
    pub remove: Vec<String>,
}

impl App {
    /// Resolves the journal a command is about: the one named, else the configured
    /// default, else the only one there is.
    pub(crate) fn resolve_journal(&self, store: &Store, key: Option<&str>) -> AppResult<i64> {
        if let Some(key) = key.or(self.config.default_journal.as_deref()) {
            return Ok(store.find_journal(key)?.id);
        }
        let live = store.list_journals(false)?;
        match live.as_slice() {
            [only] => Ok(only.id),
            [] => Err(AppError::new(
                crate::ErrorCode::NotFound,
                "there are no journals yet; create one with `jcc journal new TITLE`",
            )),
            _ => Err(AppError::invalid(
                "which journal? name one with --journal (or set default_journal in config.toml)",
            )),
        }
    }

    pub fn entry_add(&self, input: AddEntry) -> AppResult<Entry> {
        let mut store = self.store();
        let (journal_id, journal_kind) =
            match self.resolve_journal(&store, input.journal.as_deref()) {
                Ok(id) => (id, store.journal_kind(id)?),
                // Writing into a journal that doesn't exist yet starts it.
                Err(e) if e.code == crate::ErrorCode::NotFound && input.journal.is_some() => {
                    let title = input.journal.clone().unwrap_or_default();
                    let j = store.create_journal(NewJournal {
                        title,
                        kind: Some(JournalKind::Diary),
                        ..Default::default()
                    })?;
                    tracing::info!(journal = %j.title, "journal created for a new entry");
                    self.events.emit(Event::JournalChanged { journal_id: j.id });
                    (j.id, j.kind)
                }
                Err(e) => return Err(e),
            };
        let date = match (input.date, journal_kind) {
            (Some(d), _) => Some(d),
            (None, JournalKind::Diary) => Some(App::today()),
            (None, JournalKind::Guided) => None,
        };
        let entry = store.add_entry(NewEntry {
            journal_id,
            kind: input.kind,
            date,
            title: input.title,
            body: input.body,
            prompt: input.prompt,
            starred: input.starred,
            tags: input.tags,
            ..Default::default()
        })?;
        drop(store);
        self.emit_entry(&entry);
        Ok(entry)
    }

    pub fn entry_show(&self, id: EntryId) -> AppResult<EntryDetail> {
        let store = self.store();
        let entry = store.entry(id)?;
        Ok(EntryDetail {
            journal_title: store.journal(entry.journal_id)?.title,
            attachments: store.attachments(id)?,
            revisions: store.revisions(id)?.len(),
            entry,
        })
    }

    pub fn entry_list(&self, input: ListEntries) -> AppResult<Vec<Entry>> {
        let store = self.store();
        let journal_id = match input.journal.as_deref() {
            Some(key) => Some(store.find_journal(key)?.id),
            None => None,
        };
        Ok(store.list_entries(&EntryFilter {
            journal_id,
            trashed: input.trashed,
            tag: input.tag,
            starred: input.starred,
            limit: input.limit,
        })?)
    }

    /// A writer's save that replaces whatever is there (autosaves coalesce into one
    /// revision per few minutes, within this writer session).
    pub fn entry_edit(&self, id: EntryId, patch: EntryPatch) -> AppResult<Entry> {
        self.entry_change(|s| s.update_entry(id, patch, Origin::Writer))
    }

    /// A writer's save of text they started from version `base` of the entry: if someone
    /// else saved meanwhile, the two are merged (both kept in the history) instead of
    /// this save overwriting theirs.
    pub fn entry_save(
        &self,
        id: EntryId,
        patch: EntryPatch,
        base: Option<i64>,
    ) -> AppResult<Saved> {
        let saved = self.store().save_entry(id, patch, Origin::Writer, base)?;
        if saved.merged {
            tracing::info!(
                entry = id,
                conflicts = saved.conflicts,
                "save merged with a newer version"
            );
        }
        self.emit_entry(&saved.entry);
        Ok(saved)
    }

    /// The writer looked at a merged entry: its "review merge" mark goes.
    pub fn entry_review_done(&self, id: EntryId) -> AppResult<Entry> {
        self.entry_change(|s| s.clear_review_merge(id))
    }

    pub fn entry_tag(&self, id: EntryId, change: TagChange) -> AppResult<Entry> {
        self.entry_change(|s| {
            let current = s.entry(id)?;
            let mut tags = current.tags;
            tags.retain(|t| {
                !change
                    .remove
                    .iter()
                    .any(|r| r.trim_start_matches('#').eq_ignore_ascii_case(t))
            });
            tags.extend(change.add.iter().cloned());
            s.update_entry(
                id,
                EntryPatch {
                    tags: Some(tags),
                    ..Default::default()
                },
                Origin::Writer,
            )
        })
        .inspect(|_| self.events.emit(Event::TagsChanged))
    }

    pub fn entry_trash(&self, id: EntryId) -> AppResult<Entry> {
        self.entry_change(|s| s.trash_entry(id))
    }

    pub fn entry_restore(&self, id: EntryId) -> AppResult<Entry> {
        self.entry_change(|s| s.restore_entry(id))
    }

    pub fn entry_history(&self, id: EntryId) -> AppResult<Vec<Revision>> {
        Ok(self.store().revisions(id)?)
    }

    pub fn entry_diff(&self, id: EntryId, revision: i64) -> AppResult<String> {
        Ok(self.store().diff_revision(id, revision)?)
    }

    /// Puts an earlier revision back (the replaced text becomes a revision itself).
    pub fn entry_revert(&self, id: EntryId, revision: i64) -> AppResult<Entry> {
        self.entry_change(|s| s.restore_revision(id, revision))
    }

    pub fn entry_attach(
        &self,
        id: EntryId,
        filename: &str,
        mime: &str,
        data: &[u8],
    ) -> AppResult<Attachment> {
        let attachment = self.store().attach(id, filename, mime, data)?;
        let entry = self.store().entry(id)?;
        self.emit_entry(&entry);
        Ok(attachment)
    }

    /// Moves an entry in its book's order: before `before`, or to the end.
    pub fn entry_move(&self, id: EntryId, before: Option<EntryId>) -> AppResult<Entry> {
        let entry = self.store().move_entry(id, before)?;
        self.events.emit(Event::JournalChanged {
            journal_id: entry.journal_id,
        });
        Ok(entry)
    }

    pub fn tag_list(&self) -> AppResult<Vec<jcc_store::TagCount>> {
        Ok(self.store().list_tags()?)
    }

    pub fn tag_rename(&self, from: &str, to: &str) -> AppResult<usize> {
        let n = self.store().rename_tag(from, to)?;
        self.events.emit(Event::TagsChanged);
        Ok(n)
    }

    fn entry_change(
        &self,
        f: impl FnOnce(&mut Store) -> jcc_store::Result<Entry>,
    ) -> AppResult<Entry> {
        let entry = f(&mut self.store())?;
        self.emit_entry(&entry);
        Ok(entry)
    }

    pub(crate) fn emit_entry(&self, entry: &Entry) {
        self.events.emit(Event::EntryChanged {
            entry_id: entry.id,
            journal_id: entry.journal_id,
        });
    }
}
