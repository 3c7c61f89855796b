//! Automatic backups of the library file, taken with SQLite's online backup API.

use crate::error::{Result, StoreError};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How many automatic backups to keep; older ones are removed.
const KEEP: usize = 7;
/// How old the newest backup may be before the daily one is due.
const DAILY: Duration = Duration::from_secs(24 * 60 * 60);

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
    // The new name must survive a power cut too.
    sync_dir(target);
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

/// One backup file, as the backup listing shows it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub file_name: String,
    /// When it was taken, ms since the Unix epoch (UTC).
    pub taken_at: i64,
    pub size_bytes: u64,
    /// Why it was taken: `daily`, `pre-migration`, ...
    pub reason: String,
    /// How many entries and journals deleted for good since are still in it.
    pub holds_purged: i64,
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Makes a rename or removal in `file`'s folder survive a power cut (a no-op where
/// folders can't be synced).
fn sync_dir(file: &Path) {
    if let Some(dir) = file.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// How many of the `purged` ids (entries and journals) the backup at `path` holds.
fn count_held(path: &Path, purged: &[String]) -> rusqlite::Result<i64> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let ids = serde_json::to_string(purged).unwrap_or_else(|_| "[]".into());
    conn.query_row(
        "SELECT (SELECT count(*) FROM entries WHERE uuid IN (SELECT value FROM json_each(?1)))
              + (SELECT count(*) FROM journals WHERE uuid IN (SELECT value FROM json_each(?1)))",
        [ids],
        |r| r.get(0),
    )
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

    /// Whether the newest backup is more than a day old (or there is none).
    pub fn daily_due(&self) -> bool {
        self.newest_age().is_none_or(|age| age > DAILY)
    }

    /// Puts `backup` in place of `library`, keeping the replaced file (and its `-wal`) as
    /// `*.damaged-<time>`. The copy is written under a temporary name, fsynced, renamed
    /// into place and the folder fsynced, so a crash leaves either the old file aside and
    /// no library, or the whole backup in place. The damaged mark and the last clean-check
    /// stamp belong to the replaced file and go with it. Close the library first.
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
            let side = with_suffix(library, suffix);
            if side.exists() {
                std::fs::rename(&side, with_suffix(&kept, suffix)).map_err(io(&side))?;
            }
        }
        let tmp = library.with_extension("restoring");
        std::fs::copy(backup, &tmp).map_err(io(backup))?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io(&tmp))?;
        std::fs::rename(&tmp, library).map_err(io(library))?;
        sync_dir(library);
        crate::damage::clear(library);
        let _ = std::fs::remove_file(with_suffix(library, ".checked"));
        tracing::warn!(from = %backup.display(), damaged = %kept.display(), "library restored from backup");
        Ok(kept)
    }

    /// Every backup, newest first, with its date and size, and how many of the entries
    /// and journals deleted for good (`purged`, their ids) it still holds.
    pub fn describe(&self, purged: &[String]) -> Vec<BackupInfo> {
        self.list()
            .into_iter()
            .map(|path| {
                let file_name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let meta = std::fs::metadata(&path).ok();
                let (stamp, reason) = self.parse_name(&file_name);
                let taken_at = stamp
                    .or_else(|| {
                        let modified = meta.as_ref()?.modified().ok()?;
                        let since = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
                        i64::try_from(since.as_millis()).ok()
                    })
                    .unwrap_or(0);
                let holds_purged = if purged.is_empty() {
                    0
                } else {
                    count_held(&path, purged).unwrap_or_else(|e| {
                        tracing::warn!(backup = %path.display(), error = %e, "could not read a backup");
                        // Unreadable: it may well hold them, so it is named.
                        purged.len() as i64
                    })
                };
                BackupInfo {
                    size_bytes: meta.map(|m| m.len()).unwrap_or(0),
                    path,
                    file_name,
                    taken_at,
                    reason,
                    holds_purged,
                }
            })
            .collect()
    }

    /// The time (ms) and reason in a backup's name, `<stem>-<UTC stamp>-<reason>.sqlite3`.
    fn parse_name(&self, name: &str) -> (Option<i64>, String) {
        let rest = name
            .strip_prefix(&format!("{}-", self.stem))
            .and_then(|r| r.strip_suffix(".sqlite3"))
            .unwrap_or_default();
        let (stamp, reason) = rest.split_once('-').unwrap_or((rest, ""));
        let at = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%.3fZ")
            .ok()
            .map(|t| t.and_utc().timestamp_millis());
        (at, reason.to_string())
    }

    /// Removes the backups `doomed` picks, returning the ones removed. (The file system
    /// may keep the freed blocks until they are reused; the copies are no longer files.)
    pub fn remove(
        &self,
        doomed: impl Fn(&BackupInfo) -> bool,
        purged: &[String],
    ) -> Result<Vec<BackupInfo>> {
        let mut removed = Vec::new();
        for info in self.describe(purged).into_iter().filter(|b| doomed(b)) {
            std::fs::remove_file(&info.path).map_err(|source| StoreError::Io {
                path: info.path.clone(),
                source,
            })?;
            removed.push(info);
        }
        if !removed.is_empty() {
            sync_dir(&self.dir.join("x"));
        }
        Ok(removed)
    }

    fn prune(&self) {
        for old in self.list().into_iter().skip(KEEP) {
            if let Err(e) = std::fs::remove_file(&old) {
                tracing::warn!(file = %old.display(), error = %e, "could not remove an old backup");
            }
        }
    }
}
