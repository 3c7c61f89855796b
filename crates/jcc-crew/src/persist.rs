//! Saving a run as it goes. A step's row, the entries it writes and the images it
//! attaches commit in one SQLite transaction: after a crash either all of a step is in
//! the library or none of it, so a resume neither loses nor duplicates entries.

use crate::error::Result;
use jcc_store::crew_runs::{CrewStep, CrewWrite};
use jcc_store::{
    EntryKind, EntryPatch, JournalKind, JournalPatch, NewEntry, NewJournal, Origin, Store,
};
use serde_json::Value;
use std::sync::{Mutex, MutexGuard};

/// Access to the library; the app passes its own store, tests a `Mutex<Store>`.
pub trait StoreHandle: Send + Sync {
    fn lock_store(&self) -> MutexGuard<'_, Store>;
}

impl StoreHandle for Mutex<Store> {
    fn lock_store(&self) -> MutexGuard<'_, Store> {
        // Store calls are transactional: a panic elsewhere leaves no half-write.
        self.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// One entry a step writes (rendered from the task's `write` templates).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryWrite {
    pub key: String,
    pub kind: Option<EntryKind>,
    pub day: Option<i64>,
    pub position: Option<i64>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub prompt: Option<String>,
    pub lines: Option<i64>,
}

/// An image to attach to the entry with `key`.
#[derive(Debug, Clone)]
pub struct ImageWrite {
    pub key: String,
    pub filename: String,
    pub png: Vec<u8>,
}

/// The journal a run creates at its first write.
#[derive(Debug, Clone, Default)]
pub struct JournalFields {
    pub title: String,
    pub subtitle: String,
    pub theme: String,
    pub author_voice: String,
}

#[derive(Debug, Clone, Default)]
pub struct StepCommit {
    pub step: CrewStep,
    pub entries: Vec<EntryWrite>,
    pub images: Vec<ImageWrite>,
    /// Journal settings to merge in (only keys the journal doesn't have yet).
    pub settings: Option<Value>,
    /// Replace text the writer changed since the crew wrote it.
    pub overwrite_writer_edits: bool,
}

pub fn source_key(key: &str) -> String {
    format!("crew:{key}")
}

/// Saves a finished step with everything it writes; returns the journal id (if any)
/// and warnings about entries left alone because the writer changed them.
pub fn commit_step(
    store: &mut Store,
    journal: &JournalFields,
    mut commit: StepCommit,
) -> Result<(Option<i64>, Vec<String>)> {
    let run_id = commit.step.run_id;
    let out = store.transaction(|s| {
        let mut journal_id = s.crew_run(run_id)?.journal_id;
        let needs_journal =
            !commit.entries.is_empty() || !commit.images.is_empty() || commit.settings.is_some();
        if needs_journal && journal_id.is_none() {
            let title = if journal.title.trim().is_empty() {
                format!("Journaling for {}", journal.theme.trim())
            } else {
                journal.title.clone()
            };
            let j = s.create_journal(NewJournal {
                kind: Some(JournalKind::Guided),
                title,
                subtitle: journal.subtitle.clone(),
                theme: journal.theme.clone(),
                author_voice: journal.author_voice.clone(),
                ..Default::default()
            })?;
            s.set_crew_run_journal(run_id, j.id)?;
            journal_id = Some(j.id);
        }
        let mut warnings = Vec::new();
        if let Some(jid) = journal_id {
            for w in &commit.entries {
                if let Some(kept) = write_entry(
                    s,
                    jid,
                    run_id,
                    &commit.step.step_key,
                    w,
                    commit.overwrite_writer_edits,
                )? {
                    warnings.push(kept);
                }
            }
            for img in &commit.images {
                if let Some(e) = s.entry_by_source(jid, &source_key(&img.key))? {
                    s.attach(e.id, &img.filename, "image/png", &img.png)?;
                }
            }
            if let Some(settings) = &commit.settings {
                let current = s.journal(jid)?.settings;
                let mut merged = current.as_object().cloned().unwrap_or_default();
                for (k, v) in settings.as_object().into_iter().flatten() {
                    merged.entry(k.clone()).or_insert_with(|| v.clone());
                }
                s.update_journal(
                    jid,
                    JournalPatch {
                        settings: Some(Value::Object(merged)),
                        ..Default::default()
                    },
                )?;
            }
        }
        commit.step.warnings.extend(warnings.iter().cloned());
        s.save_crew_step(&commit.step)?;
        Ok((journal_id, warnings))
    })?;
    Ok(out)
}

/// Adds or updates one crew entry. An entry the writer changed since the crew last
/// wrote it (or trashed) is left alone unless `overwrite` says otherwise.
fn write_entry(
    s: &mut Store,
    journal: i64,
    run: i64,
    step_key: &str,
    w: &EntryWrite,
    overwrite: bool,
) -> jcc_store::Result<Option<String>> {
    let key = source_key(&w.key);
    let entry = match s.entry_by_source(journal, &key)? {
        None => s.add_entry(NewEntry {
            journal_id: journal,
            kind: w.kind,
            position: w.position,
            day: w.day,
            title: w.title.clone().unwrap_or_default(),
            body: w.body.clone().unwrap_or_default(),
            prompt: w.prompt.clone().unwrap_or_default(),
            writing_lines: w.lines.unwrap_or(0),
            source_key: Some(key),
            ..Default::default()
        })?,
        Some(current) => {
            let last = s.crew_write(current.id)?;
            let writer_changed = current.trashed_at.is_some()
                || match &last {
                    Some(l) => {
                        (l.title.as_str(), l.body.as_str(), l.prompt.as_str())
                            != (
                                current.title.as_str(),
                                current.body.as_str(),
                                current.prompt.as_str(),
                            )
                    }
                    None => true,
                };
            if writer_changed && !overwrite {
                return Ok(Some(format!(
                    "kept your changes to {:?} (entry {}); re-run the step with --overwrite to replace them",
                    w.key, current.id
                )));
            }
            s.update_entry(
                current.id,
                EntryPatch {
                    title: w.title.clone(),
                    body: w.body.clone(),
                    prompt: w.prompt.clone(),
                    kind: w.kind,
                    position: w.position,
                    day: w.day.map(Some),
                    writing_lines: w.lines,
                    ..Default::default()
                },
                Origin::Crew,
            )?
        }
    };
    s.record_crew_write(&CrewWrite {
        entry_id: entry.id,
        run_id: run,
        step_key: step_key.to_string(),
        title: entry.title.clone(),
        body: entry.body.clone(),
        prompt: entry.prompt.clone(),
    })?;
    Ok(None)
}
