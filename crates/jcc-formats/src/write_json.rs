//! JCC JSON exporter.

use std::path::Path;

use serde::Serialize;

use crate::{fsio, FormatError, PortableEntry, PortableJournal, PortableJournalMeta};
use crate::{FORMAT_NAME, JSON_FORMAT_VERSION};

/// The file as written: format name and version are this build's, whatever the caller's
/// `PortableJournal` says, so a file never claims a version it does not follow.
#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    format_version: u32,
    journal: &'a PortableJournalMeta,
    entries: &'a [PortableEntry],
}

/// Writes `journal` to `out` as pretty JSON (attachments in base64), atomically: a reader
/// sees the old file or the complete new one, never half of it.
#[tracing::instrument(skip_all, fields(path = %out.display(), entries = journal.entries.len()), err)]
pub fn write_json(journal: &PortableJournal, out: &Path) -> Result<(), FormatError> {
    let doc = Out {
        format: FORMAT_NAME,
        format_version: JSON_FORMAT_VERSION,
        journal: &journal.journal,
        entries: &journal.entries,
    };
    fsio::write_atomic(out, fsio::Sync::Durable, |w| {
        serde_json::to_writer_pretty(&mut *w, &doc).map_err(|e| {
            if e.is_io() {
                // The OS error itself (a full disk stays a full disk), not its text.
                FormatError::io(out, "write", std::io::Error::from(e))
            } else {
                FormatError::Encode {
                    path: out.to_owned(),
                    reason: e.to_string(),
                }
            }
        })?;
        w.write_all(b"\n")
            .map_err(|e| FormatError::io(out, "write", e))
    })
}
