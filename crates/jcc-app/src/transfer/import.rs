//! Import: all or nothing by default, idempotent always.

use super::to_millis;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::events::Event;
use crate::App;
use jcc_formats::{Format, PortableEntry};
use jcc_store::{EntryKind, JournalKind, NewEntry, NewJournal, Store};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportInput {
    pub path: PathBuf,
    /// Title (or id) of the journal to import into; created when missing.
    pub journal: String,
    /// Detected from the file when absent.
    pub format: Option<Format>,
    /// Import the good files even when some are bad (they are still reported).
    #[serde(default)]
    pub partial: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub journal_id: i64,
    pub journal_title: String,
    pub format: Format,
    pub imported: usize,
    /// Items already in the journal from an earlier import of the same source.
    pub already_present: usize,
    pub problems: Vec<ImportProblem>,
    /// Which field of the files gave the entries their day, most used first: for
    /// Markdown, a front-matter key (`date`, `created`, `created_at`, `creation_date`)
    /// or `file name`. Empty for formats with one fixed date field.
    pub dates_from: Vec<DateSource>,
    /// Entries read with no day at all (they sort by when they were written, and a book
    /// puts them under "Undated").
    pub undated: usize,
}

/// A field that gave entries their day, and how many.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSource {
    pub field: String,
    pub entries: usize,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub path: PathBuf,
    pub reason: String,
}

/// Where a long import is; the desktop shows it while the writer waits.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum ImportProgress {
    Reading,
    Writing { entries: usize },
    Done { imported: usize },
}

impl App {
    pub fn import(&self, input: ImportInput) -> AppResult<ImportOutcome> {
        self.import_with(input, &mut |_| {}, &jcc_llm::CancellationToken::new())
    }

    /// [`App::import`] with progress, stopping when `cancel` fires: the import is one
    /// transaction, so a cancelled one leaves the library as it was.
    pub fn import_with(
        &self,
        input: ImportInput,
        progress: &mut dyn FnMut(&ImportProgress),
        cancel: &jcc_llm::CancellationToken,
    ) -> AppResult<ImportOutcome> {
        // Refused before the files are read, not after (the import's save would be).
        self.store().writable()?;
        progress(&ImportProgress::Reading);
        let format = match input.format {
            Some(f) => f,
            None => jcc_formats::detect(&input.path)?,
        };
        let batch = jcc_formats::read(&input.path, format)?;
        let mut dates_from: Vec<DateSource> = batch
            .dates_from
            .iter()
            .map(|(field, &entries)| DateSource {
                field: field.clone(),
                entries,
            })
            .collect();
        dates_from.sort_by_key(|d| std::cmp::Reverse(d.entries));
        let undated = batch.entries.iter().filter(|e| e.date.is_none()).count();
        let problems: Vec<ImportProblem> = batch
            .problems
            .iter()
            .map(|p| ImportProblem {
                path: p.path.clone(),
                reason: p.reason.clone(),
            })
            .collect();
        if !problems.is_empty() && !input.partial {
            let list: Vec<String> = batch.problems.iter().map(|p| p.to_string()).collect();
            return Err(AppError::new(
                ErrorCode::ImportFailed,
                format!(
                    "{} of the items in {} could not be read, so nothing was imported:\n  {}\n\
                     Fix them, or run again with --partial to import the {} good ones",
                    problems.len(),
                    input.path.display(),
                    list.join("\n  "),
                    batch.entries.len()
                ),
            )
            .with_details(serde_json::to_value(&problems).unwrap_or_default()));
        }

        if cancel.is_cancelled() {
            return Err(cancelled());
        }
        progress(&ImportProgress::Writing {
            entries: batch.entries.len(),
        });
        let mut store = self.store();
        // One transaction for the whole batch: one commit (one fsync), cached statements,
        // one indexed lookup of each item's source key, and the journal marked as
        // changed once at the end rather than per entry.
        let (journal_id, imported, already_present) = store
            .transaction(|s| {
                let journal_id = target_journal(s, &input.journal, batch.journal.as_ref())?;
                let mut present = 0;
                // Items already imported (before, or earlier in this same file) are skipped.
                let mut seen = std::collections::HashSet::new();
                let mut fresh = Vec::new();
                for entry in &batch.entries {
                    if !seen.insert(entry.source_key.as_str())
                        || s.entry_id_by_source(journal_id, &entry.source_key)?
                            .is_some()
                    {
                        present += 1;
                        continue;
                    }
                    fresh.push(entry);
                }
                let ids =
                    s.append_entries(fresh.iter().map(|e| new_entry(journal_id, e)).collect())?;
                for (id, entry) in ids.iter().zip(&fresh) {
                    for a in &entry.attachments {
                        s.attach(*id, &a.filename, &a.mime, &a.data)?;
                    }
                }
                let imported = ids.len();
                if cancel.is_cancelled() {
                    return Err(jcc_store::StoreError::Cancelled);
                }
                if imported > 0 {
                    let now = s.now();
                    s.touch_journal(journal_id, now)?;
                }
                Ok((journal_id, imported, present))
            })
            .map_err(|e| match e {
                jcc_store::StoreError::Cancelled => cancelled(),
                e => e.into(),
            })?;
        let journal_title = store.journal(journal_id)?.title;
        drop(store);
        tracing::info!(imported, already_present, problems = problems.len(), path = %input.path.display(), "import finished");
        progress(&ImportProgress::Done { imported });
        self.events.emit(Event::Imported {
            journal_id,
            entries: imported,
        });
        Ok(ImportOutcome {
            journal_id,
            journal_title,
            format,
            imported,
            already_present,
            problems,
            dates_from,
            undated,
        })
    }
}

fn cancelled() -> AppError {
    AppError::new(
        ErrorCode::Cancelled,
        "import cancelled; the library is as it was before",
    )
}

fn target_journal(
    s: &mut Store,
    key: &str,
    meta: Option<&jcc_formats::PortableJournalMeta>,
) -> jcc_store::Result<i64> {
    match s.find_journal(key) {
        Ok(j) => Ok(j.id),
        Err(jcc_store::StoreError::NotFound { .. }) => {
            let kind = meta.and_then(|m| m.kind.parse::<JournalKind>().ok());
            let journal = s.create_journal(NewJournal {
                kind: Some(kind.unwrap_or(JournalKind::Diary)),
                title: key.to_string(),
                subtitle: meta.map(|m| m.subtitle.clone()).unwrap_or_default(),
                theme: meta.map(|m| m.theme.clone()).unwrap_or_default(),
                author_voice: meta.map(|m| m.author_voice.clone()).unwrap_or_default(),
                settings: meta.map(|m| m.settings.clone()).filter(|v| v.is_object()),
                uuid: None,
            })?;
            Ok(journal.id)
        }
        Err(e) => Err(e),
    }
}

fn new_entry(journal_id: i64, e: &PortableEntry) -> NewEntry {
    NewEntry {
        journal_id,
        kind: Some(e.kind.parse().unwrap_or(EntryKind::Free)),
        position: None,
        date: e.date,
        day: e.day,
        title: e.title.clone(),
        body: e.body.clone(),
        prompt: e.prompt.clone(),
        writing_lines: e.writing_lines.clamp(0, 200),
        starred: e.starred,
        tags: e.tags.clone(),
        source_key: Some(e.source_key.clone()),
        created_at: to_millis(e.created_at),
        updated_at: to_millis(e.updated_at),
    }
}
