//! Text the window could not save yet, kept beside the library until a save confirms it
//! (see `jcc-app`'s drafts): kept while saves fail, offered back at the next start.

use crate::Desktop;
use jcc_app::store::EntryId;
use jcc_app::{AppResult, Draft, KeptDraft};
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn draft_keep(desktop: State<'_, Desktop>, draft: Draft) -> AppResult<()> {
    desktop.run(move |app| app.draft_keep(draft)).await
}

/// Drafts left by an earlier window whose saves failed, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn draft_list(desktop: State<'_, Desktop>) -> AppResult<Vec<KeptDraft>> {
    desktop.run(|app| app.draft_list()).await
}

#[tauri::command]
#[specta::specta]
pub async fn draft_discard(desktop: State<'_, Desktop>, entry_id: EntryId) -> AppResult<()> {
    desktop.run(move |app| app.draft_discard(entry_id)).await
}

/// Writes the kept text of `entry_ids` as Markdown to `path` (the writer picked it in a
/// save dialog).
#[tauri::command]
#[specta::specta]
pub async fn draft_export(
    desktop: State<'_, Desktop>,
    entry_ids: Vec<EntryId>,
    path: PathBuf,
) -> AppResult<()> {
    desktop
        .run(move |app| app.draft_export(&entry_ids, &path))
        .await
}
