//! The window's own life: closing it (to the tray or for good, see [`crate::tray`]) and
//! whether the session starts the app ([`crate::autostart`]). They take no runtime type,
//! like every command here, so both reach the app through state set up with it.

use crate::tray::WindowCloser;
use jcc_app::{AppError, AppResult, ErrorCode};
use tauri::State;
use tauri_plugin_autostart::AutoLaunchManager;

/// Called by the window once it has saved, when asked to close: hidden while the app stays
/// in the tray for a reminder, closed otherwise. Returns whether the app keeps running.
#[tauri::command]
#[specta::specta]
pub async fn window_close(closer: State<'_, WindowCloser>) -> AppResult<bool> {
    closer.close().map_err(|e| {
        AppError::new(
            ErrorCode::Internal,
            format!("the window did not close: {e}"),
        )
    })
}

#[tauri::command]
#[specta::specta]
pub async fn autostart_get(manager: State<'_, AutoLaunchManager>) -> AppResult<bool> {
    crate::autostart::is_on(&manager)
}

#[tauri::command]
#[specta::specta]
pub async fn autostart_set(manager: State<'_, AutoLaunchManager>, on: bool) -> AppResult<bool> {
    crate::autostart::set(&manager, on)
}
