//! Preferences, where the library lives, and cancelling long work.

use crate::Desktop;
use jcc_app::{AppError, AppResult, ErrorCode, Preferences};
use serde::Serialize;
use specta::Type;
use std::path::PathBuf;
use tauri::State;

/// Where this app keeps things, for the settings screen.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    pub library: PathBuf,
    pub log_dir: PathBuf,
    /// Where exports go unless the writer picks another folder: Documents, else home.
    pub documents_dir: Option<PathBuf>,
    /// When this process started (ms since the Unix epoch), for launch timing.
    pub started_at_ms: i64,
}

#[tauri::command]
#[specta::specta]
pub async fn preferences_get(desktop: State<'_, Desktop>) -> AppResult<Preferences> {
    desktop.run(|app| app.preferences()).await
}

#[tauri::command]
#[specta::specta]
pub async fn preferences_set(
    desktop: State<'_, Desktop>,
    preferences: Preferences,
) -> AppResult<Preferences> {
    desktop
        .run(move |app| app.set_preferences(preferences))
        .await
}

#[tauri::command]
#[specta::specta]
pub fn app_info(desktop: State<'_, Desktop>) -> AppResult<AppInfo> {
    let paths = desktop
        .app
        .paths()
        .ok_or_else(|| AppError::new(ErrorCode::Config, "this library lives in memory only"))?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: paths.data_dir.clone(),
        config_dir: paths.config_dir.clone(),
        library: paths.library(),
        log_dir: paths.log_dir.clone(),
        documents_dir: directories::UserDirs::new().and_then(|d| {
            d.document_dir()
                .map(PathBuf::from)
                .or(Some(d.home_dir().to_path_buf()))
        }),
        started_at_ms: crate::desktop::process_started_at_ms(),
    })
}

/// Cancels a running import, export, crew run or suggestion by the id the window gave
/// it; false when it had already ended.
#[tauri::command]
#[specta::specta]
pub fn task_cancel(desktop: State<'_, Desktop>, task: String) -> bool {
    desktop.tasks.cancel(&task)
}
