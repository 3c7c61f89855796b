//! Events the shell sends to the window: library changes (so views refresh without
//! polling) and native menu choices.

use crate::Desktop;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

/// Something in the library changed (an entry saved, a journal imported, a crew run
/// wrote its book); the window refreshes whatever shows it.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct LibraryEvent(pub jcc_app::Event);

/// The writer chose a native menu item that the window carries out.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct MenuAction(pub MenuCommand);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MenuCommand {
    NewJournal,
    NewEntry,
    Import,
    ExportPdf,
    ExportEpub,
    ExportMarkdown,
    ThemeLight,
    ThemeDark,
    ThemeSystem,
    FocusMode,
    Find,
    Settings,
    About,
}

impl MenuCommand {
    pub const ALL: [MenuCommand; 13] = [
        Self::NewJournal,
        Self::NewEntry,
        Self::Import,
        Self::ExportPdf,
        Self::ExportEpub,
        Self::ExportMarkdown,
        Self::ThemeLight,
        Self::ThemeDark,
        Self::ThemeSystem,
        Self::FocusMode,
        Self::Find,
        Self::Settings,
        Self::About,
    ];

    /// The menu item id: the same snake_case word the window receives.
    pub fn id(self) -> &'static str {
        match self {
            Self::NewJournal => "new_journal",
            Self::NewEntry => "new_entry",
            Self::Import => "import",
            Self::ExportPdf => "export_pdf",
            Self::ExportEpub => "export_epub",
            Self::ExportMarkdown => "export_markdown",
            Self::ThemeLight => "theme_light",
            Self::ThemeDark => "theme_dark",
            Self::ThemeSystem => "theme_system",
            Self::FocusMode => "focus_mode",
            Self::Find => "find",
            Self::Settings => "settings",
            Self::About => "about",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// Watches the library for commits by other processes (the `jcc` CLI, a sync) for the
/// life of the app; they reach the window as [`jcc_app::Event::ChangedElsewhere`].
pub(crate) fn watch_outside_changes<R: Runtime>(handle: &AppHandle<R>) {
    let desktop = handle.state::<Desktop>();
    match desktop
        .app
        .watch_outside_changes(jcc_app::OUTSIDE_POLL_INTERVAL)
    {
        Ok(Some(watch)) => {
            let _ = desktop.outside.set(watch);
        }
        Ok(None) => {}
        Err(e) => {
            tracing::warn!(error = %e, "changes made outside the window will show after reopening")
        }
    }
}

/// Relays the library's change events to the window from a thread of their own.
pub(crate) fn forward_library_events<R: Runtime>(handle: &AppHandle<R>) {
    let changes = handle.state::<Desktop>().app.events().subscribe();
    let handle = handle.clone();
    let spawned = std::thread::Builder::new()
        .name("jcc-library-events".into())
        .spawn(move || {
            for change in changes {
                if let Err(e) = LibraryEvent(change).emit(&handle) {
                    tracing::warn!(error = %e, "could not tell the window about a change");
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "library events will not reach the window");
    }
}

#[cfg(test)]
mod tests {
    use super::MenuCommand;

    #[test]
    fn menu_ids_match_the_serialized_names() {
        for c in MenuCommand::ALL {
            let json = serde_json::to_value(c).unwrap();
            assert_eq!(json, c.id());
            assert_eq!(MenuCommand::from_id(c.id()), Some(c));
        }
        assert_eq!(MenuCommand::from_id("rm_rf"), None);
    }
}
