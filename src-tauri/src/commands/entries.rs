//! Entries: list, open, write, save, tag, trash, delete for good, reorder, history, images.

use crate::Desktop;
use jcc_app::store::{Attachment, Entry, EntryId, EntryPatch, PurgeOutcome, Revision, Saved};
use jcc_app::{AddEntry, AppResult, EntryDetail, EntrySummary, ListEntries, TagChange};
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn entry_list(
    desktop: State<'_, Desktop>,
    input: ListEntries,
) -> AppResult<Vec<EntrySummary>> {
    desktop.run(move |app| app.entry_summaries(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn entry_show(desktop: State<'_, Desktop>, id: EntryId) -> AppResult<EntryDetail> {
    desktop.run(move |app| app.entry_show(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn entry_add(desktop: State<'_, Desktop>, input: AddEntry) -> AppResult<Entry> {
    let blank = [&input.title, &input.body, &input.prompt]
        .iter()
        .all(|t| t.trim().is_empty())
        && input.tags.is_empty();
    let entry = desktop.run(move |app| app.entry_add(input)).await?;
    if blank {
        desktop.note_blank_entry(entry.id);
    }
    Ok(entry)
}

/// Saves the writer's edits (autosave calls this; unchanged text makes no revision).
/// `base` is the version of the text the editor started from: a save from an older
/// version than the library's is merged with it, never written over it.
#[tauri::command]
#[specta::specta]
pub async fn entry_save(
    desktop: State<'_, Desktop>,
    id: EntryId,
    patch: EntryPatch,
    base: Option<i64>,
) -> AppResult<Saved> {
    desktop
        .run(move |app| app.entry_save(id, patch, base))
        .await
}

/// The writer looked at a merged entry: clears its "review merge" mark.
#[tauri::command]
#[specta::specta]
pub async fn entry_review_done(desktop: State<'_, Desktop>, id: EntryId) -> AppResult<Entry> {
    desktop.run(move |app| app.entry_review_done(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn entry_tag(
    desktop: State<'_, Desktop>,
    id: EntryId,
    change: TagChange,
) -> AppResult<Entry> {
    desktop.run(move |app| app.entry_tag(id, change)).await
}

#[tauri::command]
#[specta::specta]
pub async fn entry_trash(desktop: State<'_, Desktop>, id: EntryId) -> AppResult<Entry> {
    desktop.run(move |app| app.entry_trash(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn entry_restore(desktop: State<'_, Desktop>, id: EntryId) -> AppResult<Entry> {
    desktop.run(move |app| app.entry_restore(id)).await
}

/// Deletes an entry the writer left without writing anything (the window calls this
/// when the writer leaves an entry); an entry with anything in it is kept. True if gone.
#[tauri::command]
#[specta::specta]
pub async fn entry_discard_if_empty(desktop: State<'_, Desktop>, id: EntryId) -> AppResult<bool> {
    desktop.run(move |app| app.entry_discard_if_empty(id)).await
}

/// Deletes a trashed entry for good (text, history, search rows, unshared attachments).
#[tauri::command]
#[specta::specta]
pub async fn entry_purge(desktop: State<'_, Desktop>, id: EntryId) -> AppResult<PurgeOutcome> {
    desktop.run(move |app| app.entry_purge(id)).await
}

/// Deletes every trashed entry and journal for good.
#[tauri::command]
#[specta::specta]
pub async fn trash_empty(desktop: State<'_, Desktop>) -> AppResult<PurgeOutcome> {
    desktop.run(|app| app.trash_empty()).await
}

/// Moves an entry in its book: before `before`, or to the end.
#[tauri::command]
#[specta::specta]
pub async fn entry_move(
    desktop: State<'_, Desktop>,
    id: EntryId,
    before: Option<EntryId>,
) -> AppResult<Entry> {
    desktop.run(move |app| app.entry_move(id, before)).await
}

#[tauri::command]
#[specta::specta]
pub async fn entry_history(desktop: State<'_, Desktop>, id: EntryId) -> AppResult<Vec<Revision>> {
    desktop.run(move |app| app.entry_history(id)).await
}

/// A unified diff from `revision` to the entry as it is now.
#[tauri::command]
#[specta::specta]
pub async fn entry_diff(
    desktop: State<'_, Desktop>,
    id: EntryId,
    revision: i64,
) -> AppResult<String> {
    desktop.run(move |app| app.entry_diff(id, revision)).await
}

/// Puts an old revision back (the current text stays in the history).
#[tauri::command]
#[specta::specta]
pub async fn entry_revert(
    desktop: State<'_, Desktop>,
    id: EntryId,
    revision: i64,
) -> AppResult<Entry> {
    desktop.run(move |app| app.entry_revert(id, revision)).await
}

/// Stores an image file dropped on the editor with the entry.
#[tauri::command]
#[specta::specta]
pub async fn entry_attach(
    desktop: State<'_, Desktop>,
    id: EntryId,
    path: PathBuf,
) -> AppResult<Attachment> {
    desktop
        .run(move |app| app.entry_attach_file(id, &path, true))
        .await
}
