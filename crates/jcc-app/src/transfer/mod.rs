//! Moving journals in and out: import from other tools, export to Markdown and JSON.

mod export;
mod import;

pub use export::{ExportInput, ExportOutcome};
pub use import::{DateSource, ImportInput, ImportOutcome, ImportProgress};

use chrono::{DateTime, Utc};

pub(crate) fn to_millis(t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| t.timestamp_millis())
}

pub(crate) fn from_millis(ms: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
}
