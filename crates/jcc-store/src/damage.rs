//! The damaged-library mark, kept in a file beside the library
//! (`library.sqlite3.damaged`, holding the reason).
//!
//! A mark held only in memory would protect one process: the window could find the file
//! damaged while `jcc` in a terminal, opened a minute later, went on writing into it (its
//! open checks only the structure). The file makes every later open refuse saves too,
//! until a full check passes or a backup is put back.

use std::path::{Path, PathBuf};

fn marker(library: &Path) -> PathBuf {
    let mut name = library.file_name().unwrap_or_default().to_os_string();
    name.push(".damaged");
    library.with_file_name(name)
}

/// Why the library was found damaged, if a check marked it so.
pub(crate) fn read(library: &Path) -> Option<String> {
    let reason = std::fs::read_to_string(marker(library)).ok()?;
    let reason = reason.trim();
    Some(if reason.is_empty() {
        "a full check found it damaged".to_string()
    } else {
        reason.to_string()
    })
}

/// Marks the library damaged; a failure is logged (the in-memory mark still holds).
pub(crate) fn write(library: &Path, reason: &str) {
    if let Err(e) = std::fs::write(marker(library), reason) {
        tracing::warn!(error = %e, "could not record the damaged-library mark");
    }
}

pub(crate) fn clear(library: &Path) {
    match std::fs::remove_file(marker(library)) {
        Ok(()) => tracing::info!(library = %library.display(), "damaged-library mark cleared"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!(error = %e, "could not clear the damaged-library mark"),
    }
}
