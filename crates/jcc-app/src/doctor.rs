//! The doctor command: check the library, rebuild the index, restore a backup.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::paths::AppPaths;
use crate::App;
use jcc_store::doctor::DoctorReport;
use jcc_store::{Backups, IntegrityCheck, OpenOptions, Store};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DoctorOptions {
    pub rebuild_index: bool,
    /// Put the newest automatic backup in place of a damaged library.
    pub restore_backup: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
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

impl App {
    /// Whether the daily full check of the library is due (no clean check in the last
    /// day). Opening only checks the file's header and structure; the full check reads
    /// every page, which takes seconds on a large library, so it runs after open.
    pub fn integrity_check_due(&self) -> bool {
        self.paths
            .as_ref()
            .is_some_and(|p| jcc_store::integrity_check_due(&p.library()))
    }

    /// The full check (`PRAGMA quick_check`) of the open library, on a read-only
    /// connection of its own: it does not hold the store, so saves go on while it runs.
    /// When it finds damage, every later save is refused with the damaged-library error
    /// (and its way out, `jcc doctor --restore-backup`), and [`Event::LibraryDamaged`] is
    /// emitted. An in-memory library has nothing to check.
    ///
    /// [`Event::LibraryDamaged`]: crate::Event::LibraryDamaged
    pub fn check_integrity(&self) -> AppResult<()> {
        let Some(paths) = &self.paths else {
            return Ok(());
        };
        let checked = self.restores.load(Ordering::SeqCst);
        let result = jcc_store::verify_library(&paths.library());
        let mut store = self.store();
        if self.restores.load(Ordering::SeqCst) != checked {
            // A backup replaced the file while it was being checked: the result is moot.
            return Ok(());
        }
        match result {
            Ok(()) => {
                if store.damage().is_some() {
                    tracing::info!("a full check came back clean; the damaged mark is lifted");
                    store.clear_damage();
                }
                Ok(())
            }
            Err(e @ jcc_store::StoreError::Corrupt { .. }) => {
                let reason = match &e {
                    jcc_store::StoreError::Corrupt { reason, .. } => reason.clone(),
                    _ => e.to_string(),
                };
                tracing::error!(error = %e, "the daily check found the library damaged");
                store.mark_damaged(&reason);
                drop(store);
                self.events.emit(crate::Event::LibraryDamaged { reason });
                Err(e.into())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Starts the daily full check on a thread of its own when it is due (the desktop
    /// shell calls this right after [`App::open`]); `None` when a clean check is less
    /// than a day old.
    pub fn check_integrity_in_background(
        self: &Arc<Self>,
    ) -> Option<std::thread::JoinHandle<AppResult<()>>> {
        if !self.integrity_check_due() {
            return None;
        }
        let app = Arc::clone(self);
        std::thread::Builder::new()
            .name("jcc-integrity-check".into())
            .spawn(move || app.check_integrity())
            .map_err(|e| tracing::warn!(error = %e, "could not start the daily check"))
            .ok()
    }
}
