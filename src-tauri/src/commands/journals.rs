//! Journals: list, open, create, rename, trash, restore, delete for good.

use crate::Desktop;
use jcc_app::store::{Journal, PurgeOutcome};
use jcc_app::{AppResult, JournalDetail, NewJournalInput};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn journal_list(desktop: State<'_, Desktop>, trashed: bool) -> AppResult<Vec<Journal>> {
    desktop.run(move |app| app.journal_list(trashed)).await
}

#[tauri::command]
#[specta::specta]
pub async fn journal_show(desktop: State<'_, Desktop>, key: String) -> AppResult<JournalDetail> {
    desktop.run(move |app| app.journal_show(&key)).await
}

#[tauri::command]
#[specta::specta]
pub async fn journal_new(
    desktop: State<'_, Desktop>,
    input: NewJournalInput,
) -> AppResult<Journal> {
    desktop.run(move |app| app.journal_new(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn journal_rename(
    desktop: State<'_, Desktop>,
    key: String,
    title: String,
) -> AppResult<Journal> {
    desktop
        .run(move |app| app.journal_rename(&key, &title))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn journal_trash(desktop: State<'_, Desktop>, key: String) -> AppResult<Journal> {
    desktop.run(move |app| app.journal_trash(&key)).await
}

/// Deletes a trashed journal and all its entries for good.
#[tauri::command]
#[specta::specta]
pub async fn journal_purge(desktop: State<'_, Desktop>, key: String) -> AppResult<PurgeOutcome> {
    desktop.run(move |app| app.journal_purge(&key)).await
}

#[tauri::command]
#[specta::specta]
pub async fn journal_restore(desktop: State<'_, Desktop>, key: String) -> AppResult<Journal> {
    desktop.run(move |app| app.journal_restore(&key)).await
}
