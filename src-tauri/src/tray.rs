//! The tray icon, and what closing the window means. With a daily reminder set, closing
//! the window only hides it: the app stays in the tray so the reminder still comes, and the
//! tray's Open (or a click on the reminder) brings the same window back. With no reminder,
//! closing the window quits, as the writer expects of an app with nothing to do in the
//! background. Quit (tray, File menu, Ctrl+Q) always quits; the window saves first either
//! way, since both paths go through its close request.

use crate::events::{MenuAction, MenuCommand};
use crate::Desktop;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::menu::{MenuBuilder, MenuItemBuilder};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime, WebviewWindow};
use tauri_specta::Event;

const OPEN: &str = "tray_open";
const NEW_ENTRY: &str = "tray_new_entry";
const QUIT: &str = "tray_quit";

/// Given to the app when the session starts it (see [`crate::autostart`]): it starts in the
/// tray instead of opening its window on the writer's desktop.
pub(crate) const IN_TRAY_ARG: &str = "--in-tray";

/// Whether the tray is there, and whether the writer asked to quit (then a close is final).
#[derive(Default)]
struct TrayState {
    installed: AtomicBool,
    quitting: AtomicBool,
}

/// The tray, on a real desktop (not the mock runtime of the tests): installed, and the
/// window hidden when the session started the app. Without a tray (no tray service) the
/// app works as before: closing the window quits.
pub fn setup<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    app.manage(WindowCloser(Box::new(move || {
        match handle.get_webview_window("main") {
            Some(window) => close_window(&window),
            None => Ok(false),
        }
    })));
    match install(app) {
        Ok(()) => start_hidden_if_autostarted(app),
        Err(e) => tracing::warn!(error = %e, "no tray icon: closing the window quits"),
    }
}

/// Puts the icon in the tray, with Open, New entry and Quit. A left click opens the window
/// (where the desktop reports clicks; on Linux the menu is the way in).
fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    app.manage(TrayState::default());
    let menu = MenuBuilder::new(app)
        .item(&MenuItemBuilder::with_id(OPEN, "Open Journal Craft Crew").build(app)?)
        .item(&MenuItemBuilder::with_id(NEW_ENTRY, "New Entry").build(app)?)
        .separator()
        .item(&MenuItemBuilder::with_id(QUIT, "Quit").build(app)?)
        .build()?;
    let mut tray = TrayIconBuilder::with_id("main")
        .tooltip("Journal Craft Crew")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| on_menu(app, event.id().as_ref()))
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_main_window(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    app.state::<TrayState>()
        .installed
        .store(true, Ordering::SeqCst);
    Ok(())
}

fn on_menu<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match id {
        OPEN => show_main_window(app),
        NEW_ENTRY => {
            show_main_window(app);
            if let Err(e) = MenuAction(MenuCommand::NewEntry).emit(app) {
                tracing::warn!(error = %e, "the tray's New Entry was not delivered");
            }
        }
        QUIT => quit(app),
        _ => {}
    }
}

/// Brings the window up (shown, unminimized, focused), from the tray or a second launch.
pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Quit: every window is asked to close (each saves pending text first) and the closes
/// are final. With no window left to ask, the app ends at once.
pub(crate) fn quit<R: Runtime>(app: &AppHandle<R>) {
    mark_quitting(app);
    let windows = app.webview_windows();
    if windows.is_empty() {
        app.exit(0);
    }
    for window in windows.values() {
        let _ = window.close();
    }
}

/// From here on a close of the window is final (the File menu's Quit, the tray's).
pub(crate) fn mark_quitting<R: Runtime>(app: &AppHandle<R>) {
    if let Some(state) = app.try_state::<TrayState>() {
        state.quitting.store(true, Ordering::SeqCst);
    }
}

/// Whether closing the window should leave the app in the tray: the tray is there, the
/// writer did not ask to quit, and a daily reminder is set (which only comes while the app
/// runs).
pub(crate) fn keeps_running<R: Runtime>(app: &AppHandle<R>) -> bool {
    let Some(state) = app.try_state::<TrayState>() else {
        return false;
    };
    if !state.installed.load(Ordering::SeqCst) || state.quitting.load(Ordering::SeqCst) {
        return false;
    }
    app.try_state::<Desktop>()
        .and_then(|d| d.app.reminder_list().ok())
        .is_some_and(|reminders| !reminders.is_empty())
}

/// Closes the main window for the `window_close` command, which cannot name the runtime.
pub struct WindowCloser(Box<dyn Fn() -> tauri::Result<bool> + Send + Sync>);

impl WindowCloser {
    pub fn close(&self) -> tauri::Result<bool> {
        (self.0)()
    }
}

/// The window's close after its last save: hidden while the app stays in the tray,
/// destroyed otherwise (the last window gone, the app exits). Returns whether it was kept.
pub(crate) fn close_window<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<bool> {
    if keeps_running(window.app_handle()) {
        window.hide()?;
        tracing::info!("window hidden; the app stays in the tray for its reminders");
        Ok(true)
    } else {
        window.destroy()?;
        Ok(false)
    }
}

/// Started by the session (autostart) with a reminder set: the app waits in the tray with
/// its window hidden. Started any other way, or with nothing to wait for, the window shows.
fn start_hidden_if_autostarted<R: Runtime>(app: &AppHandle<R>) {
    if std::env::args().any(|a| a == IN_TRAY_ARG) && keeps_running(app) {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.hide();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> tauri::App<tauri::test::MockRuntime> {
        let desktop = Desktop::new(jcc_app::App::in_memory().unwrap());
        let context = tauri::test::mock_context(tauri::test::noop_assets());
        crate::run_app(tauri::test::mock_builder(), context, desktop).unwrap()
    }

    #[test]
    fn closing_keeps_the_app_in_the_tray_only_with_a_reminder_and_until_quit() {
        let app = app();
        let handle = app.handle();
        // No tray (the mock runtime, or a desktop without one): a close is final.
        assert!(!keeps_running(handle));
        handle.manage(TrayState::default());
        handle
            .state::<TrayState>()
            .installed
            .store(true, Ordering::SeqCst);
        // A tray but nothing to wait for: closing the window quits.
        assert!(!keeps_running(handle));

        let desktop = handle.state::<Desktop>();
        desktop
            .app
            .journal_new(jcc_app::NewJournalInput {
                title: "Evening Pages".into(),
                ..Default::default()
            })
            .unwrap();
        desktop
            .app
            .reminder_set(jcc_app::SetReminder {
                journal: "Evening Pages".into(),
                at: "20:00".into(),
                days: "daily".into(),
            })
            .unwrap();
        assert!(keeps_running(handle));

        // Quit wins over the tray.
        mark_quitting(handle);
        assert!(!keeps_running(handle));
    }
}
