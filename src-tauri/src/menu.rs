//! The native menu bar: File, Edit, View, Help with the standard shortcuts. Items the
//! window carries out are relayed as [`MenuAction`] events.

use crate::events::{MenuAction, MenuCommand};
use tauri::menu::{Menu, MenuBuilder, MenuItem, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

const QUIT: &str = "quit";
const CLOSE_WINDOW: &str = "close_window";

pub(crate) fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    app.set_menu(build(app)?)?;
    Ok(())
}

fn item<R: Runtime>(
    app: &AppHandle<R>,
    command: MenuCommand,
    text: &str,
    accelerator: Option<&str>,
) -> tauri::Result<MenuItem<R>> {
    let mut b = MenuItemBuilder::with_id(command.id(), text);
    if let Some(a) = accelerator {
        b = b.accelerator(a);
    }
    b.build(app)
}

fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    use MenuCommand as C;
    let close = MenuItemBuilder::with_id(CLOSE_WINDOW, "Close Window")
        .accelerator("CmdOrCtrl+W")
        .build(app)?;
    let quit = MenuItemBuilder::with_id(QUIT, "Quit")
        .accelerator("CmdOrCtrl+Q")
        .build(app)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item(
            app,
            C::NewJournal,
            "New Journal",
            Some("CmdOrCtrl+Shift+N"),
        )?)
        .item(&item(app, C::NewEntry, "New Entry", Some("CmdOrCtrl+N"))?)
        .separator()
        .item(&item(app, C::Import, "Import…", Some("CmdOrCtrl+O"))?)
        .separator()
        .item(&item(
            app,
            C::ExportPdf,
            "Export as PDF…",
            Some("CmdOrCtrl+E"),
        )?)
        .item(&item(
            app,
            C::ExportEpub,
            "Export as EPUB…",
            Some("CmdOrCtrl+Shift+E"),
        )?)
        .item(&item(app, C::ExportMarkdown, "Export as Markdown…", None)?)
        .separator()
        .item(&close)
        .item(&quit)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .separator()
        .item(&item(
            app,
            C::Find,
            "Find in Library…",
            Some("CmdOrCtrl+F"),
        )?)
        .build()?;
    let theme = SubmenuBuilder::new(app, "Theme")
        .item(&item(app, C::ThemeLight, "Light", None)?)
        .item(&item(app, C::ThemeDark, "Dark", None)?)
        .item(&item(app, C::ThemeSystem, "Follow System", None)?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&theme)
        .item(&item(
            app,
            C::FocusMode,
            "Focus Mode",
            Some("CmdOrCtrl+Shift+F"),
        )?)
        .separator()
        .item(&item(app, C::Settings, "Settings…", Some("CmdOrCtrl+,"))?)
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item(app, C::About, "About Journal Craft Crew", None)?)
        .build()?;
    MenuBuilder::new(app)
        .items(&[&file, &edit, &view, &help])
        .build()
}

/// Carries out a menu choice: Quit closes the windows for good (each saves pending text
/// before it goes), Close Window asks the focused one to close (to the tray when a reminder
/// keeps the app running, see [`crate::tray`]); the rest go to the window.
pub(crate) fn dispatch<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if id == QUIT {
        crate::tray::quit(app);
        return;
    }
    if id == CLOSE_WINDOW {
        let windows = app.webview_windows();
        let focused = windows
            .values()
            .find(|w| w.is_focused().unwrap_or(false))
            .or_else(|| windows.get("main"));
        if let Some(window) = focused {
            let _ = window.close();
        }
        return;
    }
    match MenuCommand::from_id(id) {
        Some(command) => {
            if let Err(e) = MenuAction(command).emit(app) {
                tracing::warn!(error = %e, id, "menu action not delivered");
            }
        }
        None => tracing::debug!(id, "menu item handled natively"),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;
    use tauri::menu::MenuItemKind;
    use tauri::{Listener, Runtime};

    fn texts<R: Runtime>(items: Vec<MenuItemKind<R>>, out: &mut Vec<String>) {
        for item in items {
            match item {
                MenuItemKind::Submenu(s) => {
                    out.push(s.text().unwrap());
                    texts(s.items().unwrap(), out);
                }
                MenuItemKind::MenuItem(i) => out.push(i.text().unwrap()),
                _ => {}
            }
        }
    }

    #[test]
    fn the_menu_bar_has_the_writers_commands_and_relays_them() {
        let desktop = crate::Desktop::new(jcc_app::App::in_memory().unwrap());
        let context = tauri::test::mock_context(tauri::test::noop_assets());
        let app = crate::run_app(tauri::test::mock_builder(), context, desktop).unwrap();
        let mut labels = Vec::new();
        texts(
            super::build(app.handle()).unwrap().items().unwrap(),
            &mut labels,
        );
        for want in [
            "File",
            "New Journal",
            "New Entry",
            "Import…",
            "Export as PDF…",
            "Export as EPUB…",
            "Export as Markdown…",
            "Close Window",
            "Quit",
            "Edit",
            "View",
            "Light",
            "Dark",
            "Focus Mode",
            "Help",
        ] {
            assert!(
                labels.iter().any(|l| l == want),
                "{want} missing from {labels:?}"
            );
        }

        let (tx, rx) = std::sync::mpsc::channel();
        app.listen_any("menu-action", move |e| {
            let _ = tx.send(e.payload().to_string());
        });
        super::dispatch(app.handle(), "export_pdf");
        let got = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(got, "\"export_pdf\"");
        super::dispatch(app.handle(), "no_such_item");
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
    }
}
