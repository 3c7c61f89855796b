use std::path::PathBuf;

/// Everything that can go wrong in the store. Messages say what happened, to what,
/// and what the writer can do next.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{what} not found")]
    NotFound { what: String },

    #[error("{0}")]
    Invalid(String),

    #[error("{0}")]
    Conflict(String),

    /// The caller stopped the work; its transaction rolled back.
    #[error("cancelled; nothing was changed")]
    Cancelled,

    #[error(
        "the library at {path} is damaged ({reason}). Your latest automatic backups are in {backups}; \
         run `jcc doctor --restore-backup` to put the newest one back (the damaged file is kept beside it)"
    )]
    Corrupt {
        path: PathBuf,
        reason: String,
        backups: PathBuf,
    },

    #[error(
        "updating the library at {path} failed ({reason}); it was restored from the backup taken just before, \
         so nothing was lost. Please report this with the log file"
    )]
    MigrationFailed { path: PathBuf, reason: String },

    #[error(
        "the library at {path} was written by a newer Journal Craft Crew (schema {found}, this build knows {known}); \
         please update the app"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("the disk is full while saving to {path}; free some space and try again (nothing already saved was lost)")]
    DiskFull { path: PathBuf },

    #[error(
        "the library at {path} could not be written ({reason}); the file or its folder may be read-only, \
         or its drive may have gone away: check that the folder is there and that you may write to it \
         (nothing already saved was lost)"
    )]
    NotWritable { path: PathBuf, reason: String },

    #[error(
        "the library is busy (another Journal Craft Crew is writing to it); try again in a moment"
    )]
    Busy,

    #[error("file error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound { what: what.into() }
    }

    /// Maps SQLite's full-disk and busy errors to writer-facing ones.
    pub(crate) fn from_sqlite(err: rusqlite::Error, path: &std::path::Path) -> Self {
        use rusqlite::ffi::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Self::DiskFull {
                path: path.to_path_buf(),
            },
            // A read-only or immutable file, a folder without write permission, a drive
            // that went away: told apart from a full disk, because the fix differs.
            Some(ErrorCode::ReadOnly) | Some(ErrorCode::SystemIoFailure) => Self::NotWritable {
                path: path.to_path_buf(),
                reason: err.to_string(),
            },
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Self::Busy,
            _ => Self::Sqlite(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), None)
    }

    #[test]
    fn a_full_disk_and_a_read_only_library_are_told_apart() {
        let path = std::path::Path::new("/lib/library.sqlite3");
        let full = StoreError::from_sqlite(sqlite(ffi::SQLITE_FULL), path);
        assert!(matches!(full, StoreError::DiskFull { .. }), "{full}");
        assert!(full.to_string().contains("free some space"));
        for code in [ffi::SQLITE_READONLY, ffi::SQLITE_IOERR_WRITE] {
            let e = StoreError::from_sqlite(sqlite(code), path);
            assert!(matches!(e, StoreError::NotWritable { .. }), "{e}");
            assert!(
                e.to_string().contains("check that the folder is there"),
                "{e}"
            );
        }
    }
}
