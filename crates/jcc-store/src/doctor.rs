//! The doctor: a thorough health check of a library, and its repairs.

use crate::backup::Backups;
use crate::connection::{quick_check, schema_version, QuickCheck};
use crate::error::Result;
use crate::Store;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    pub detail: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DoctorReport {
    pub path: Option<PathBuf>,
    pub schema_version: i64,
    pub latest_schema_version: i64,
    pub size_bytes: u64,
    pub journals: i64,
    pub entries: i64,
    pub backups: Vec<PathBuf>,
    pub checks: Vec<Check>,
}

impl DoctorReport {
    pub fn healthy(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }
}

fn check(name: &str, result: std::result::Result<String, String>) -> Check {
    match result {
        Ok(detail) => Check {
            name: name.into(),
            ok: true,
            detail,
        },
        Err(detail) => Check {
            name: name.into(),
            ok: false,
            detail,
        },
    }
}

impl Store {
    pub fn doctor(&mut self) -> Result<DoctorReport> {
        let mut checks = Vec::new();
        checks.push(check(
            "integrity",
            match quick_check(&self.conn) {
                Ok(()) => Ok("SQLite quick_check: ok".into()),
                Err(QuickCheck::Problems(p)) => Err(p),
                Err(QuickCheck::Sqlite(e)) => Err(e.to_string()),
            },
        ));
        let fk: std::result::Result<i64, _> =
            self.conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                });
        checks.push(check(
            "references",
            match fk {
                Ok(0) => Ok("every entry, tag and attachment points at something real".into()),
                Ok(n) => Err(format!("{n} broken references")),
                Err(e) => Err(e.to_string()),
            },
        ));
        checks.push(check(
            "search index",
            self.conn
                .execute(
                    "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)",
                    [],
                )
                .map(|_| "in step with the entries".to_string())
                .map_err(|e| format!("{e}; run `jcc doctor --rebuild-index`")),
        ));
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        checks.push(check(
            "journal mode",
            if mode.eq_ignore_ascii_case("wal") || self.path.is_none() {
                Ok(mode)
            } else {
                Err(format!("{mode} (expected wal)"))
            },
        ));
        let backups = self
            .path
            .as_deref()
            .map(|p| Backups::beside(p).list())
            .unwrap_or_default();
        let schema_version = schema_version(&mut self.conn)?;
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(DoctorReport {
            size_bytes: self
                .path
                .as_deref()
                .and_then(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .unwrap_or(0),
            path: self.path.clone(),
            schema_version,
            latest_schema_version: crate::latest_schema_version(),
            journals: count("SELECT count(*) FROM journals WHERE trashed_at IS NULL")?,
            entries: count("SELECT count(*) FROM entries WHERE trashed_at IS NULL")?,
            backups,
            checks,
        })
    }

    /// Rebuilds the full-text index from the entries.
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        self.transaction(|s| {
            s.conn
                .execute(
                    "INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')",
                    [],
                )
                .map_err(|e| s.map_err(e))?;
            Ok(())
        })
    }
}
