//! The doctor command: check the library, rebuild the index, restore a backup.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::paths::AppPaths;
use crate::App;
use jcc_store::doctor::DoctorReport;
use jcc_store::{Backups, IntegrityCheck, OpenOptions, Store};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DoctorOptions {
    pub rebuild_index: bool,
    /// Put the newest automatic backup in place of a damaged library.
    pub restore_backup: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DoctorOutcome {
    /// Set when a backup was put back: which one, and where the damaged file was kept.
    pub restored_from: Option<PathBuf>,
    pub damaged_copy: Option<PathBuf>,
    pub report: DoctorReport,
}

impl App {
    /// Checks (and on request repairs) the library at `paths`. Works on a library too
    /// damaged to open, which is why it is not a method on an open `App`.
    pub fn doctor(paths: &AppPaths, options: &DoctorOptions) -> AppResult<DoctorOutcome> {
        let library = paths.library();
        let full = OpenOptions {
            integrity: IntegrityCheck::Full,
            daily_backup: false,
        };
        let (mut restored_from, mut damaged_copy) = (None, None);
        if options.restore_backup {
            // Restoring a healthy library would silently drop everything since the backup.
            let healthy = Store::open_with(&library, &full)
                .and_then(|mut s| s.doctor())
                .is_ok_and(|r| r.healthy());
            if healthy {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    "the library is healthy, so no backup was restored (that would drop changes made since)",
                ));
            }
            let backups = Backups::beside(&library);
            let newest = backups.list().into_iter().next().ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!(
                        "there are no automatic backups in {}",
                        backups.dir().display()
                    ),
                )
            })?;
            damaged_copy = Some(backups.restore(&newest, &library)?);
            restored_from = Some(newest);
        }
        let mut store = Store::open_with(&library, &full)?;
        if options.rebuild_index {
            store.rebuild_search_index()?;
        }
        Ok(DoctorOutcome {
            restored_from,
            damaged_copy,
            report: store.doctor()?,
        })
    }
}
