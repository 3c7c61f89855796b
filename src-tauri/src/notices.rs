//! Desktop notifications (reminders, sync) and bringing the window up when one is clicked.

use tauri::{AppHandle, Manager, Runtime};

/// Shows a native notification, when the notification plugin is there (not on the mock
/// runtime of the tests). `id` tells a click what it was about.
pub(crate) fn show<R: Runtime>(handle: &AppHandle<R>, id: i32, title: &str, body: &str) {
    use tauri_plugin_notification::NotificationExt;
    if handle
        .try_state::<tauri_plugin_notification::Notification<R>>()
        .is_none()
    {
        return;
    }
    let shown = handle
        .notification()
        .builder()
        .id(id)
        .title(title)
        .body(body)
        .show();
    if let Err(e) = shown {
        tracing::warn!(error = %e, title, "a notification could not be shown");
    }
}

/// The window comes up (from the tray, minimized or behind others).
pub(crate) fn raise_window<R: Runtime>(handle: &AppHandle<R>) {
    if let Some(window) = handle.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
