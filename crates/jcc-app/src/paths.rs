//! Where the library, config and logs live.

use crate::error::{AppError, AppResult, ErrorCode};
use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "JCC_DATA_DIR";
pub const CONFIG_DIR_ENV: &str = "JCC_CONFIG_DIR";
pub const LIBRARY_FILE: &str = "library.sqlite3";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPaths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl AppPaths {
    /// The OS directories (a separate identity for debug builds, so development never
    /// touches a writer's real library), each overridable by an environment variable.
    pub fn from_env() -> AppResult<Self> {
        let app = if cfg!(debug_assertions) {
            "journal-craft-crew-dev"
        } else {
            "journal-craft-crew"
        };
        let os = directories::ProjectDirs::from("app", "JournalCraftCrew", app);
        let pick = |var: &str, os_dir: Option<PathBuf>| -> AppResult<PathBuf> {
            match std::env::var_os(var).filter(|v| !v.is_empty()) {
                Some(v) => Ok(PathBuf::from(v)),
                None => os_dir.ok_or_else(|| {
                    AppError::new(
                        ErrorCode::Config,
                        format!(
                            "can't find a home directory for the library; set {var} to a folder"
                        ),
                    )
                }),
            }
        };
        let data_dir = pick(
            DATA_DIR_ENV,
            os.as_ref().map(|d| d.data_dir().to_path_buf()),
        )?;
        let config_dir = pick(
            CONFIG_DIR_ENV,
            os.as_ref().map(|d| d.config_dir().to_path_buf()),
        )?;
        Ok(Self::new(data_dir, config_dir))
    }

    pub fn new(data_dir: PathBuf, config_dir: PathBuf) -> Self {
        Self {
            log_dir: data_dir.join("logs"),
            data_dir,
            config_dir,
        }
    }

    pub fn library(&self) -> PathBuf {
        self.data_dir.join(LIBRARY_FILE)
    }

    /// Where the window keeps text it could not save yet (see `drafts.rs`).
    pub fn drafts_dir(&self) -> PathBuf {
        self.data_dir.join("drafts")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }
}
