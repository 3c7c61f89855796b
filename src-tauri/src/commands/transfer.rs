//! Getting words in and out: import, Markdown/JSON export, and the print-ready book
//! (PDF, EPUB) with progress over a channel and cancellation.

use crate::desktop::{relay, Desktop};
use jcc_app::{
    AppResult, AuthorProfile, BookExportInput, BookExportOutcome, BookProgress, ExportInput,
    ExportOutcome, ImportInput, ImportOutcome, ImportProgress,
};
use serde::Serialize;
use specta::Type;
use tauri::ipc::Channel;
use tauri::State;

/// A KDP trim size the export dialog offers.
#[derive(Debug, Clone, Serialize, Type)]
pub struct TrimInfo {
    pub name: String,
    pub width_in: f64,
    pub height_in: f64,
}

/// Imports a file or folder (Markdown, jrnl, Day One, JSON) as one transaction;
/// `task` names it for [`super::settings::task_cancel`].
#[tauri::command]
#[specta::specta]
pub async fn import_file(
    desktop: State<'_, Desktop>,
    input: ImportInput,
    task: String,
    on_progress: Channel<ImportProgress>,
) -> AppResult<ImportOutcome> {
    let progress = relay(on_progress);
    desktop
        .run_task(&task, move |app, cancel| {
            app.import_with(input, &mut |p| progress(p), cancel)
        })
        .await
}

/// Writes a journal as Markdown files (a folder) or one JSON file.
#[tauri::command]
#[specta::specta]
pub async fn export_file(
    desktop: State<'_, Desktop>,
    input: ExportInput,
) -> AppResult<ExportOutcome> {
    desktop.run(move |app| app.export(input)).await
}

/// Lays out a journal as a print-ready PDF or an EPUB; progress streams to the window.
#[tauri::command]
#[specta::specta]
pub async fn export_book(
    desktop: State<'_, Desktop>,
    input: BookExportInput,
    task: String,
    on_progress: Channel<BookProgress>,
) -> AppResult<BookExportOutcome> {
    let progress = relay(on_progress);
    desktop
        .run_task(&task, move |app, cancel| {
            app.export_book_cancellable(input, &mut |p| progress(p), cancel)
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub fn book_trims() -> Vec<TrimInfo> {
    jcc_book::kdp::TRIM_SIZES
        .iter()
        .map(|t| TrimInfo {
            name: t.name.to_string(),
            width_in: t.width_in,
            height_in: t.height_in,
        })
        .collect()
}

/// The name and notes printed on title and copyright pages.
#[tauri::command]
#[specta::specta]
pub async fn author_get(desktop: State<'_, Desktop>) -> AppResult<AuthorProfile> {
    desktop.run(|app| app.author_profile_get()).await
}

#[tauri::command]
#[specta::specta]
pub async fn author_set(
    desktop: State<'_, Desktop>,
    profile: AuthorProfile,
) -> AppResult<AuthorProfile> {
    desktop
        .run(move |app| app.author_profile_set(profile))
        .await
}
