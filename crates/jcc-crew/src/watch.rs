//! Reloading a writer's crew definition when the file changes (for the desktop app; the
//! CLI reads the file at each run).

use crate::definition::CrewDefinition;
use crate::error::{CrewError, Result};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};

/// Watches one definition file; drop it to stop watching.
pub struct DefinitionWatcher {
    _watcher: RecommendedWatcher,
    path: PathBuf,
}

impl std::fmt::Debug for DefinitionWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DefinitionWatcher")
            .field("path", &self.path)
            .finish()
    }
}

impl DefinitionWatcher {
    /// Calls `on_change` with the reloaded definition (or the error that says file, line
    /// and reason) each time the file is written. The folder is watched, not the file,
    /// so editors that save by renaming a temp file are seen too.
    pub fn watch(
        path: &Path,
        on_change: impl Fn(Result<CrewDefinition>) + Send + 'static,
    ) -> Result<Self> {
        let file = path.to_path_buf();
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let target = file.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                let ours = event
                    .paths
                    .iter()
                    .any(|p| p.file_name() == target.file_name());
                let writes = matches!(
                    event.kind,
                    notify::EventKind::Modify(_) | notify::EventKind::Create(_)
                );
                // An empty file is a save in progress (truncated, not yet written).
                let written = std::fs::metadata(&target).is_ok_and(|m| m.len() > 0);
                if ours && writes && written {
                    on_change(CrewDefinition::load(&target));
                }
            })
            .map_err(|e| CrewError::Invalid(format!("can't watch {}: {e}", dir.display())))?;
        watcher
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|e| CrewError::Invalid(format!("can't watch {}: {e}", dir.display())))?;
        Ok(Self {
            _watcher: watcher,
            path: file,
        })
    }
}
