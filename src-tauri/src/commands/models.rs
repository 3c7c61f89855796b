//! Models that run on this computer: the models folder, the catalog's downloads (progress
//! over a channel, cancelled with `task_cancel`), and the profile that runs one.

use crate::desktop::{relay, Desktop};
use jcc_app::{AppResult, DownloadProgress, LocalModel, LocalModels, ProfileInfo};
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::State;

/// The models here, the catalog (downloaded, half-downloaded or not) and the free space.
#[tauri::command]
#[specta::specta]
pub async fn model_overview(desktop: State<'_, Desktop>) -> AppResult<LocalModels> {
    desktop.run(|app| app.local_models()).await
}

/// Checks a GGUF file the writer picked and copies it into the models folder.
#[tauri::command]
#[specta::specta]
pub async fn model_add(desktop: State<'_, Desktop>, path: String) -> AppResult<LocalModel> {
    desktop
        .run(move |app| app.model_add(&PathBuf::from(path), false))
        .await
}

/// Removes a model no profile runs.
#[tauri::command]
#[specta::specta]
pub async fn model_remove(desktop: State<'_, Desktop>, name: String) -> AppResult<()> {
    desktop
        .run(move |app| app.model_remove(&name).map(|_| ()))
        .await
}

/// Downloads a catalog model; a cancelled or cut download resumes on the next call.
#[tauri::command]
#[specta::specta]
pub async fn model_download(
    desktop: State<'_, Desktop>,
    id: String,
    task: String,
    on_progress: Channel<DownloadProgress>,
) -> AppResult<LocalModel> {
    let progress = relay(on_progress);
    desktop
        .run_task(&task, move |app, cancel| {
            app.model_download(&id, cancel, &|p| progress(p))
        })
        .await
}

/// Makes model `name` (a file in the folder or a catalog id) the default profile's model.
#[tauri::command]
#[specta::specta]
pub async fn model_use(desktop: State<'_, Desktop>, name: String) -> AppResult<ProfileInfo> {
    desktop.run(move |app| app.model_use(&name)).await
}
