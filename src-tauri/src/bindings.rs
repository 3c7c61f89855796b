//! TypeScript bindings for every command, event and type, generated from Rust with
//! tauri-specta into `ui/src/bindings.ts` (committed). The `bindings_are_current` test
//! fails when that file is stale; `JCC_UPDATE_BINDINGS=1 cargo test -p jcc-desktop
//! bindings` rewrites it.

use crate::events::{LibraryEvent, MenuAction};
use crate::reminders::ReminderEvent;
use crate::sync::{SyncEvent, SyncOpenEvent};
use specta_typescript::Typescript;
use std::path::{Path, PathBuf};
use tauri::Runtime;
use tauri_specta::{collect_events, Builder};

/// Where the window's code imports the bindings from.
pub fn bindings_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts")
}

pub fn specta_builder<R: Runtime>() -> Builder<R> {
    Builder::<R>::new()
        .commands(crate::commands::collect::<R>())
        .events(collect_events![
            LibraryEvent,
            MenuAction,
            ReminderEvent,
            SyncEvent,
            SyncOpenEvent
        ])
        // Ids, counts and millisecond timestamps stay far below 2^53, so plain `number`
        // is exact for every integer the core sends.
        .dangerously_cast_bigints_to_number()
}

/// Writes the TypeScript bindings to `path`.
pub fn export(path: &Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .export(
            Typescript::default().header("// Generated from Rust by tauri-specta (src-tauri/src/bindings.rs). Do not edit.\n/* eslint-disable */"),
            path,
        )
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_current() {
        let committed = bindings_path();
        if std::env::var_os("JCC_UPDATE_BINDINGS").is_some() {
            export(&committed).unwrap();
            return;
        }
        let fresh = tempfile::Builder::new().suffix(".ts").tempfile().unwrap();
        export(fresh.path()).unwrap();
        let want = std::fs::read_to_string(fresh.path()).unwrap();
        let have = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            want == have,
            "ui/src/bindings.ts is stale: run `JCC_UPDATE_BINDINGS=1 cargo test -p jcc-desktop bindings` and commit it"
        );
        for command in [
            "journalList",
            "entrySave",
            "search",
            "exportBook",
            "crewRun",
            "taskCancel",
        ] {
            assert!(want.contains(command), "bindings lack {command}");
        }
    }
}
