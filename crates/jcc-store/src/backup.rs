//! Automatic backups of the library file, taken with SQLite's online backup API.

use crate::error::{Result, StoreError};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How many automatic backups to keep; older ones are removed.
const KEEP: usize = 7;

/// Copies the live database into a new file at `target`, durably: it is written under a
/// temporary name (which [`Backups::list`] ignores) with no journal and no syncs of its
/// own, fsynced once, renamed into place and the folder fsynced. A crash part-way leaves
/// only a stray temporary file, never a half-written backup that looks whole; and the
/// copy costs two fsyncs instead of a rollback journal's several (every upgrade takes a
/// backup first, so this is on the upgrade's path).
fn copy_durably(conn: &Connection, target: &Path) -> Result<()> {
    let partial = target.with_extension("sqlite3-partial");
    let result = copy_then_sync(conn, &partial).and_then(|()| {
        std::fs::rename(&partial, target).map_err(|source| StoreError::Io {
            path: target.to_path_buf(),
            source,
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
        return result;
    }
    if let Some(dir) = target.parent() {
        // The new name must survive a power cut too (a no-op where folders can't be synced).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

fn copy_then_sync(conn: &Connection, path: &Path) -> Result<()> {
    let sqlite = |e: rusqlite::Error| StoreError::from_sqlite(e, path);
    let _ = std::fs::remove_file(path);
    let mut dst = Connection::open(path).map_err(sqlite)?;
    dst.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        .map_err(sqlite)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut dst).map_err(sqlite)?;
        backup
            .run_to_completion(1024, Duration::ZERO, None)
            .map_err(sqlite)?;
    }
    dst.close().map_err(|(_, e)| sqlite(e))?;
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// The `backups/` folder beside a library file.
#[derive(Debug, Clone)]
pub struct Backups {
    dir: PathBuf,
    stem: String,
}

impl Backups {
    pub fn beside(library: &Path) -> Self {
        let dir = library
            .parent()
            .map(|p| p.join("backups"))
            .unwrap_or_else(|| PathBuf::from("backups"));
        let stem = library
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "library".into());
        Self { dir, stem }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Copies the live database (WAL included) into a new backup file.
    pub fn take(&self, conn: &Connection, reason: &str) -> Result<PathBuf> {
        std::fs::create_dir_all(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            source,
        })?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let target = self
            .dir
            .join(format!("{}-{stamp}-{reason}.sqlite3", self.stem));
        copy_durably(conn, &target)?;
        tracing::info!(backup = %target.display(), reason, "library backed up");
        self.prune();
        Ok(target)
    }

    /// Backups, newest first.
    pub fn list(&self) -> Vec<PathBuf> {
        let prefix = format!("{}-", self.stem);
        let mut found: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "sqlite3")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix))
            })
            .collect();
        // Names embed a sortable UTC timestamp.
        found.sort();
        found.reverse();
        found
    }

    pub fn newest_age(&self) -> Option<Duration> {
        let newest = self.list().into_iter().next()?;
        let modified = std::fs::metadata(newest).ok()?.modified().ok()?;
        SystemTime::now().duration_since(modified).ok()
    }

    /// Puts `backup` in place of `library`, keeping the replaced file as `*.damaged-<time>`.
    pub fn restore(&self, backup: &Path, library: &Path) -> Result<PathBuf> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let mut kept = library.as_os_str().to_os_string();
        kept.push(format!(".damaged-{stamp}"));
        let kept = PathBuf::from(kept);
        if library.exists() {
            std::fs::rename(library, &kept).map_err(io(library))?;
        }
        for suffix in ["-wal", "-shm"] {
            let mut side = library.as_os_str().to_os_string();
            side.push(suffix);
            let side = PathBuf::from(side);
            if side.exists() {
                let mut to = kept.as_os_str().to_os_string();
                to.push(suffix);
                std::fs::rename(&side, PathBuf::from(to)).map_err(io(&side))?;
            }
        }
        // Copy to a temp name then rename, so a crash never leaves a half-copied library.
        let tmp = library.with_extension("restoring");
        std::fs::copy(backup, &tmp).map_err(io(backup))?;
        std::fs::rename(&tmp, library).map_err(io(library))?;
        tracing::warn!(from = %backup.display(), damaged = %kept.display(), "library restored from backup");
        Ok(kept)
    }

    fn prune(&self) {
        for old in self.list().into_iter().skip(KEEP) {
            if let Err(e) = std::fs::remove_file(&old) {
                tracing::warn!(file = %old.display(), error = %e, "could not remove an old backup");
            }
        }
    }
}
