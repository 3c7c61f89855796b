//! The library as a whole: is it damaged, check it, its backups, put one back.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use jcc_store::{BackupInfo, Backups, IntegrityCheck, OpenOptions, Store};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Whether the open library may be written to, and why not.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryStatus {
    pub damaged: bool,
    /// What the check found, when damaged.
    pub reason: Option<String>,
    pub library: Option<PathBuf>,
    pub backups_dir: Option<PathBuf>,
}

/// Which backups `backup_prune` removes: those taken before a time, those that still
/// hold purged entries or journals, or both kinds.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupPrune {
    /// Taken before this time (ms since the Unix epoch).
    pub before: Option<i64>,
    /// Still holding entries or journals deleted for good.
    #[serde(default)]
    pub holding_purged: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreOutcome {
    pub restored_from: PathBuf,
    /// Where the replaced (damaged) file was kept.
    pub damaged_copy: PathBuf,
    pub status: LibraryStatus,
}

impl App {
    pub fn library_status(&self) -> LibraryStatus {
        let reason = self.store().damage().map(str::to_string);
        let library = self.paths.as_ref().map(|p| p.library());
        LibraryStatus {
            damaged: reason.is_some(),
            reason,
            backups_dir: library
                .as_deref()
                .map(|l| Backups::beside(l).dir().to_path_buf()),
            library,
        }
    }

    /// Runs the full check now (seconds on a large library) and says what it found:
    /// damage marks the library (saves refused); a clean result lifts an earlier mark.
    pub fn library_check(&self) -> AppResult<LibraryStatus> {
        match self.check_integrity() {
            Ok(()) => {}
            Err(e) if e.code == ErrorCode::CorruptLibrary => {}
            Err(e) => return Err(e),
        }
        Ok(self.library_status())
    }

    /// The backups, newest first, with dates, sizes and whether they still hold
    /// entries or journals deleted for good.
    pub fn backup_list(&self) -> AppResult<Vec<BackupInfo>> {
        Ok(self.store().backups()?)
    }

    /// Removes backups (never on a damaged library: they are its way back).
    pub fn backup_prune(&self, prune: BackupPrune) -> AppResult<Vec<BackupInfo>> {
        if prune.before.is_none() && !prune.holding_purged {
            return Err(AppError::invalid(
                "say which backups to remove: taken before a date, or holding purged text",
            ));
        }
        let store = self.store();
        store.writable()?;
        Ok(store.remove_backups(|b| {
            prune.before.is_some_and(|t| b.taken_at < t)
                || (prune.holding_purged && b.holds_purged > 0)
        })?)
    }

    /// Takes the daily backup when the newest is more than a day old (the desktop asks
    /// every hour, so a window open for days still gets one a day).
    pub fn backup_daily_if_due(&self) -> AppResult<Option<PathBuf>> {
        Ok(self.store().daily_backup_if_due()?)
    }

    /// Puts one of the listed backups in place of a damaged library and reopens it in
    /// this running app: the damaged file (and its write-ahead log) is kept aside as
    /// `*.damaged-<time>`, the copy is fsynced before it replaces it, and the restored
    /// library is fully checked as it opens. Only a library marked damaged is replaced
    /// (on a healthy one this would drop everything written since the backup).
    pub fn library_restore(&self, backup: &Path) -> AppResult<RestoreOutcome> {
        let paths = self.paths.as_ref().ok_or_else(|| {
            AppError::new(ErrorCode::Config, "an in-memory library has no backups")
        })?;
        let library = paths.library();
        let backups = Backups::beside(&library);
        if !backups.list().iter().any(|b| b == backup) {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!(
                    "{} is not one of the library's backups in {}",
                    backup.display(),
                    backups.dir().display()
                ),
            ));
        }
        let mut store = self.store();
        if store.damage().is_none() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "the library is not marked damaged, so no backup was put back (that would drop \
                 everything written since); run Check library first",
            ));
        }
        // The old store must be closed before its files move; meanwhile a placeholder
        // that refuses every save holds its place.
        let mut placeholder = Store::open_in_memory()?;
        placeholder.mark_damaged("the library is being restored from a backup");
        drop(std::mem::replace(&mut *store, placeholder));
        self.restores
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let restored = backups.restore(backup, &library);
        let reopened = Store::open_with(
            &library,
            &OpenOptions {
                integrity: IntegrityCheck::Full,
                daily_backup: false,
            },
        );
        let mut reopened = reopened.map_err(|e| {
            tracing::error!(error = %e, "the library could not be reopened after a restore");
            AppError::from(e)
        })?;
        if let Some(secs) = self.config.revision_window_secs {
            reopened.set_revision_window_ms(i64::from(secs) * 1000);
        }
        *store = reopened;
        drop(store);
        let damaged_copy = restored?;
        tracing::warn!(backup = %backup.display(), "library restored and reopened");
        Ok(RestoreOutcome {
            restored_from: backup.to_path_buf(),
            damaged_copy,
            status: self.library_status(),
        })
    }
}
