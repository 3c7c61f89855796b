//! Starting with the writer's session (Tauri's autostart plugin): off until the writer turns
//! it on in Settings. The session then starts the app with [`crate::tray::IN_TRAY_ARG`], so
//! it waits in the tray for the day's reminder instead of opening its window at login.
//! The window reaches this only through the app's own two commands below; it is granted
//! none of the plugin's permissions.

use jcc_app::{AppError, AppResult, ErrorCode};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::AutoLaunchManager;

/// The plugin, set to start the app in the tray.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new()
        .arg(crate::tray::IN_TRAY_ARG)
        .build()
}

/// The plugin's switch, once the plugin is set up (not on the mock runtime of most tests).
pub fn manager<R: Runtime>(app: &AppHandle<R>) -> AppResult<tauri::State<'_, AutoLaunchManager>> {
    app.try_state::<AutoLaunchManager>().ok_or_else(|| {
        AppError::new(
            ErrorCode::Config,
            "starting with the session is not available in this build of the app",
        )
    })
}

fn failed(e: impl std::fmt::Display) -> AppError {
    AppError::new(
        ErrorCode::Io,
        format!(
            "the session's list of programs to start could not be changed: {e}. \
             Check that your autostart folder (on Linux ~/.config/autostart) is writable."
        ),
    )
}

/// Whether the session starts the app.
pub fn is_on(manager: &AutoLaunchManager) -> AppResult<bool> {
    manager.is_enabled().map_err(failed)
}

/// Turns starting with the session on or off; returns the state now in place.
pub fn set(manager: &AutoLaunchManager, on: bool) -> AppResult<bool> {
    if on {
        manager.enable().map_err(failed)?;
    } else {
        manager.disable().map_err(failed)?;
    }
    tracing::info!(on, "start with the session");
    manager.is_enabled().map_err(failed)
}
