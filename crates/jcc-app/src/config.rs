//! The writer's preferences file, `config.toml` in the config directory.

use crate::error::{AppError, AppResult, ErrorCode};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Editor for `jcc entry add/edit` when `$VISUAL`/`$EDITOR` are unset.
    pub editor: Option<String>,
    /// Journal used when a command names none.
    pub default_journal: Option<String>,
    /// Log filter for the log file, e.g. "info" or "jcc_store=debug".
    pub log_level: Option<String>,
    /// Autosaves within this many seconds of each other make one revision (default 300);
    /// 0 keeps every save in the history.
    pub revision_window_secs: Option<u32>,
}

impl Config {
    /// Reads the file; a missing file is the default config, a broken one a clear error.
    pub fn load(path: &Path) -> AppResult<Self> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => {
                return Err(AppError::new(
                    ErrorCode::Config,
                    format!("can't read the config file {}: {e}", path.display()),
                ))
            }
        };
        toml::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorCode::Config,
                format!(
                    "the config file {} is not valid: {}; fix it or move it away to use the defaults",
                    path.display(),
                    e.to_string().trim()
                ),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_is_default_and_broken_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path).unwrap(), Config::default());
        std::fs::write(&path, "editor = \"nano\"\ndefault_journal = 3\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert_eq!(err.code, ErrorCode::Config);
        assert!(
            err.message.contains("config.toml") && err.message.contains("line 2"),
            "{}",
            err.message
        );
        std::fs::write(&path, "editor = \"nano\"\n").unwrap();
        assert_eq!(Config::load(&path).unwrap().editor.as_deref(), Some("nano"));
    }
}
