//! Entries: list, open, write, save, tag, trash, reorder, history, images.

use crate::Desktop;
use jcc_app::store::{Attachment, Entry, EntryId, EntryPatch, Revision};
use jcc_app::{AddEntry, AppError, AppResult, EntryDetail, EntrySummary, ListEntries, TagChange};
use std::path::PathBuf;
use tauri::State;

/// Images a writer may drop into an entry, by extension.
const IMAGE_TYPES: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
];

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
    desktop.run(move |app| app.entry_add(input)).await
}

/// Saves the writer's edits (autosave calls this; unchanged text makes no revision).
#[tauri::command]
#[specta::specta]
pub async fn entry_save(
    desktop: State<'_, Desktop>,
    id: EntryId,
    patch: EntryPatch,
) -> AppResult<Entry> {
    desktop.run(move |app| app.entry_edit(id, patch)).await
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
        .run(move |app| {
            let mime = image_type(&path)?;
            let data = std::fs::read(&path).map_err(|e| {
                AppError::new(
                    jcc_app::ErrorCode::Io,
                    format!("can't read {}: {e}", path.display()),
                )
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "image".into());
            app.entry_attach(id, &name, mime, &data)
        })
        .await
}

fn image_type(path: &std::path::Path) -> AppResult<&'static str> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    IMAGE_TYPES
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, mime)| *mime)
        .ok_or_else(|| {
            AppError::invalid(format!(
                "{} is not an image this app keeps; drop a PNG, JPEG, GIF or WebP file",
                path.display()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::image_type;
    use std::path::Path;

    #[test]
    fn only_images_are_attached() {
        assert_eq!(image_type(Path::new("/a/Sun.JPG")).unwrap(), "image/jpeg");
        let err = image_type(Path::new("/a/notes.pdf")).unwrap_err();
        assert!(err.message.contains("PNG, JPEG"), "{err}");
    }
}
