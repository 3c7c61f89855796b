//! Opening the library file: pragmas, integrity, backups and migrations.

use crate::backup::Backups;
use crate::error::{Result, StoreError};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

mod embedded {
    refinery::embed_migrations!("../../migrations");
}

/// How long a full `quick_check` stays trusted before [`integrity_check_due`] asks for
/// another.
const FULL_CHECK_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);

/// Every connection setting in one place.
///
/// `synchronous = FULL` in WAL mode makes each commit fsync the WAL, so a save the app
/// acknowledged survives a power cut or OS crash, not only a killed process.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -32000;
         PRAGMA trusted_schema = OFF;",
    )
}

/// How thoroughly to check the file when opening it.
///
/// The header, schema and migration table are always checked at open (cheap). The full
/// `PRAGMA quick_check` reads every page (seconds on a large library), so only the
/// doctor runs it at open; the app runs it once a day off the open path with
/// [`verify_library`] on a connection of its own (see [`integrity_check_due`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegrityCheck {
    /// The default: the structural check at open; the daily full check is left to
    /// [`verify_library`], run in the background after open.
    Periodic,
    /// Always run `quick_check` at open (the doctor).
    Full,
    /// Header, schema and migration table are readable (always done).
    Structural,
}

/// Options for [`crate::Store::open_with`].
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub integrity: IntegrityCheck,
    /// Take a backup at open when the newest is older than a day.
    pub daily_backup: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            integrity: IntegrityCheck::Periodic,
            daily_backup: true,
        }
    }
}

pub(crate) fn open_file(path: &Path, options: &OpenOptions) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let existed = path.exists();
    let backups = Backups::beside(path);
    let corrupt = |reason: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        reason,
        backups: backups.dir().to_path_buf(),
    };
    if existed {
        check_header(path).map_err(corrupt)?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::from_sqlite(e, path))?;
    configure(&conn).map_err(|e| classify(e, path, &backups))?;

    if existed {
        check_integrity(&conn, path, options.integrity).map_err(|e| match e {
            CheckFailure::Damaged(reason) => corrupt(reason),
            CheckFailure::Sqlite(e) => classify(e, path, &backups),
        })?;
    }

    let pending = pending_migrations(&mut conn, path)?;
    if existed && pending {
        let backup = backups.take(&conn, "pre-migration")?;
        if let Err(e) = migrate(&mut conn) {
            drop(conn);
            backups.restore(&backup, path)?;
            return Err(StoreError::MigrationFailed {
                path: path.to_path_buf(),
                reason: e.to_string(),
            });
        }
    } else if pending {
        migrate(&mut conn).map_err(|e| StoreError::MigrationFailed {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    } else if options.daily_backup && backups.daily_due() && crate::damage::read(path).is_none() {
        // (A library marked damaged is not backed up: see `Store::backup_now`.)
        // A missed daily backup must not lock the writer out of their library (a full
        // disk, say); it is logged and tried again at the next open.
        if let Err(e) = backups.take(&conn, "daily") {
            tracing::warn!(error = %e, "daily backup skipped");
        }
    }
    Ok(conn)
}

pub(crate) fn open_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn).map_err(|e| StoreError::MigrationFailed {
        path: PathBuf::from(":memory:"),
        reason: e.to_string(),
    })?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> std::result::Result<(), refinery::Error> {
    embedded::migrations::runner()
        .set_grouped(true)
        .set_abort_divergent(true)
        .run(conn)
        .map(|_| ())
}

/// Migrates to exactly `version`; only for making upgrade-test fixtures.
#[doc(hidden)]
pub fn migrate_to_version(conn: &mut Connection, version: u32) -> std::result::Result<(), String> {
    configure(conn).map_err(|e| e.to_string())?;
    embedded::migrations::runner()
        .set_grouped(true)
        .set_target(refinery::Target::Version(version as _))
        .run(conn)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The newest schema version this build knows.
pub fn latest_schema_version() -> i64 {
    embedded::migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| i64::from(m.version()))
        .max()
        .unwrap_or(0)
}

/// The schema version a connection's library is at (0 for a new file).
pub fn schema_version(conn: &mut Connection) -> Result<i64> {
    let has_history: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'refinery_schema_history')",
        [],
        |r| r.get(0),
    )?;
    if !has_history {
        return Ok(0);
    }
    // Read directly: refinery's reader panics on a malformed `applied_on` value.
    let version: Option<i64> = conn.query_row(
        "SELECT max(version) FROM refinery_schema_history",
        [],
        |r| r.get(0),
    )?;
    Ok(version.unwrap_or(0))
}

fn pending_migrations(conn: &mut Connection, path: &Path) -> Result<bool> {
    let found = schema_version(conn)?;
    let known = latest_schema_version();
    if found > known {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known,
        });
    }
    Ok(found < known)
}

/// A file that is not SQLite at all (truncated, overwritten) is caught before SQLite
/// would silently treat an empty one as new.
fn check_header(path: &Path) -> std::result::Result<(), String> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| format!("can't read it: {e}"))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len == 0 {
        return Err("the file is empty".into());
    }
    file.read_exact(&mut header)
        .map_err(|_| "the file is too short to be a library".to_string())?;
    if &header != b"SQLite format 3\0" {
        return Err("the file is not an SQLite database".into());
    }
    Ok(())
}

enum CheckFailure {
    Damaged(String),
    Sqlite(rusqlite::Error),
}

fn check_integrity(
    conn: &Connection,
    path: &Path,
    level: IntegrityCheck,
) -> std::result::Result<(), CheckFailure> {
    // Structural: the schema parses and every table the app needs is readable.
    let structural = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(sqlite_failure)?;
    if structural == 0 {
        return Err(CheckFailure::Damaged("it holds no tables".into()));
    }
    if level == IntegrityCheck::Full {
        quick_check(conn).map_err(|e| match e {
            QuickCheck::Problems(p) => CheckFailure::Damaged(p),
            QuickCheck::Sqlite(e) => sqlite_failure(e),
        })?;
        write_stamp(path);
    }
    Ok(())
}

/// Whether the library's last full check (by [`verify_library`] or the doctor) is older
/// than a day, or never happened.
pub fn integrity_check_due(path: &Path) -> bool {
    std::fs::metadata(check_stamp(path))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_none_or(|age| age > FULL_CHECK_INTERVAL)
}

/// The full check of a library file, `PRAGMA quick_check`, on a read-only connection of
/// its own, so it can run in the background while the writer's connection keeps saving
/// (WAL: the check reads a snapshot and blocks no one). A clean result is stamped beside
/// the library (`library.sqlite3.checked`) so [`integrity_check_due`] is false for a day;
/// damage is [`StoreError::Corrupt`], with the way out in its message.
pub fn verify_library(path: &Path) -> Result<()> {
    let backups = Backups::beside(path);
    let corrupt = |reason: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        reason,
        backups: backups.dir().to_path_buf(),
    };
    check_header(path).map_err(corrupt)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(e, path, &backups))?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(|e| classify(e, path, &backups))?;
    match quick_check(&conn) {
        Ok(()) => {
            write_stamp(path);
            Ok(())
        }
        Err(QuickCheck::Problems(p)) => Err(corrupt(p)),
        Err(QuickCheck::Sqlite(e)) => Err(classify(e, path, &backups)),
    }
}

/// A stamp file rather than a row, so a check never writes the library.
fn write_stamp(path: &Path) {
    let _ = std::fs::write(check_stamp(path), b"");
}

pub(crate) enum QuickCheck {
    Problems(String),
    Sqlite(rusqlite::Error),
}

pub(crate) fn quick_check(conn: &Connection) -> std::result::Result<(), QuickCheck> {
    let mut stmt = conn
        .prepare("PRAGMA quick_check(20)")
        .map_err(QuickCheck::Sqlite)?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(QuickCheck::Sqlite)?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(QuickCheck::Problems(rows.join("; ")))
    }
}

fn sqlite_failure(e: rusqlite::Error) -> CheckFailure {
    if is_corruption(&e) {
        CheckFailure::Damaged(e.to_string())
    } else {
        CheckFailure::Sqlite(e)
    }
}

pub(crate) fn is_corruption(e: &rusqlite::Error) -> bool {
    use rusqlite::ffi::ErrorCode;
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase)
    )
}

fn classify(e: rusqlite::Error, path: &Path, backups: &Backups) -> StoreError {
    if is_corruption(&e) {
        StoreError::Corrupt {
            path: path.to_path_buf(),
            reason: e.to_string(),
            backups: backups.dir().to_path_buf(),
        }
    } else {
        StoreError::from_sqlite(e, path)
    }
}

fn check_stamp(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".checked");
    path.with_file_name(name)
}

/// While alive, the connection reads the first 32 MiB of the library file through a
/// memory map; dropped, back to reading pages with `pread` (the default).
///
/// Only for scans of every entry (exports, books): mapped pages are read in place instead
/// of copied, a quarter of a 10,000-entry export's reading. The map counts in the
/// process's resident memory, so it is capped: a 10,000-entry library (28 MiB) is read
/// whole through it while a 100,000-entry export stays under 100 MB. An I/O error on a
/// mapped page ends the process with SIGBUS rather than an error, so a long-lived
/// connection does not keep the map.
pub(crate) struct MemoryMap<'c>(Option<&'c Connection>);

impl<'c> MemoryMap<'c> {
    pub(crate) fn on(conn: &'c Connection) -> rusqlite::Result<Self> {
        // Nested in another scan, the map is that scan's to turn off: turning it off here
        // would unmap pages its statement still holds. (A library in memory has no file
        // to map and reports no size.)
        let size: Option<i64> = conn
            .query_row("PRAGMA mmap_size", [], |r| r.get(0))
            .optional()?;
        if size != Some(0) {
            return Ok(Self(None));
        }
        conn.execute_batch("PRAGMA mmap_size = 33554432")?;
        Ok(Self(Some(conn)))
    }
}

impl Drop for MemoryMap<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.0 {
            let _ = conn.execute_batch("PRAGMA mmap_size = 0");
        }
    }
}
