//! The library's health: its status at start, the full check, its backups, a restore.

use crate::Desktop;
use jcc_app::store::BackupInfo;
use jcc_app::{AppResult, BackupPrune, LibraryStatus, RestoreOutcome};
use std::path::PathBuf;
use tauri::State;

/// Whether the library is marked damaged (saves refused), asked once at start: the
/// `library_damaged` event may have fired before the page listened.
/// (On the blocking pool: it waits for the library, which long work may hold.)
#[tauri::command]
#[specta::specta]
pub async fn library_status(desktop: State<'_, Desktop>) -> AppResult<LibraryStatus> {
    desktop.run(|app| Ok(app.library_status())).await
}

/// The full check, now (seconds on a large library).
#[tauri::command]
#[specta::specta]
pub async fn library_check(desktop: State<'_, Desktop>) -> AppResult<LibraryStatus> {
    desktop.run(|app| app.library_check()).await
}

/// The backups, newest first, with dates and sizes.
#[tauri::command]
#[specta::specta]
pub async fn backup_list(desktop: State<'_, Desktop>) -> AppResult<Vec<BackupInfo>> {
    desktop.run(|app| app.backup_list()).await
}

/// Removes backups: taken before a time, or still holding text deleted for good.
#[tauri::command]
#[specta::specta]
pub async fn backup_prune(
    desktop: State<'_, Desktop>,
    prune: BackupPrune,
) -> AppResult<Vec<BackupInfo>> {
    desktop.run(move |app| app.backup_prune(prune)).await
}

/// Puts a listed backup in place of the damaged library (kept aside) and reopens it.
#[tauri::command]
#[specta::specta]
pub async fn library_restore(
    desktop: State<'_, Desktop>,
    backup: PathBuf,
) -> AppResult<RestoreOutcome> {
    desktop.run(move |app| app.library_restore(&backup)).await
}
