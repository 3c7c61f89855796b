//! File access with the importers' size guards, and one durable atomic file write.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use crate::FormatError;

/// Largest single file an importer reads (a Day One JSON with years of entries is far
/// smaller; anything bigger is a mistake or an attack).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Most bytes an importer decompresses from one zip archive, all members together.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub(crate) enum ReadFail {
    TooLarge { size: u64 },
    Io(io::Error),
}

impl ReadFail {
    /// The reason as a sentence for a [`crate::Problem`].
    pub(crate) fn reason(&self) -> String {
        match self {
            ReadFail::TooLarge { size } => format!(
                "is {size} bytes, more than the {MAX_FILE_BYTES}-byte limit for one file; skipped"
            ),
            ReadFail::Io(e) => format!("could not be read: {e}"),
        }
    }

    pub(crate) fn into_error(self, path: &Path) -> FormatError {
        match self {
            ReadFail::TooLarge { size } => FormatError::TooLarge {
                path: path.to_owned(),
                size,
                limit: MAX_FILE_BYTES,
            },
            ReadFail::Io(e) => FormatError::io(path, "read", e),
        }
    }
}

/// Reads at most `limit` bytes from `reader`; more than that is `TooLarge` (the read stops
/// at `limit + 1`, so a lying size header cannot make us allocate more).
pub(crate) fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadFail> {
    let mut buf = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(ReadFail::Io)?;
    let len = buf.len() as u64;
    if len > limit {
        return Err(ReadFail::TooLarge { size: len });
    }
    Ok(buf)
}

/// Reads a whole file within [`MAX_FILE_BYTES`].
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, ReadFail> {
    let file = File::open(path).map_err(ReadFail::Io)?;
    if let Ok(meta) = file.metadata() {
        if meta.len() > MAX_FILE_BYTES {
            return Err(ReadFail::TooLarge { size: meta.len() });
        }
    }
    read_limited(file, MAX_FILE_BYTES)
}

/// Replaces `path` with `bytes` atomically and durably (temp file, fsync, rename, fsync
/// of the folder): readers see the old file or the whole new one, and after it returns
/// a crash leaves the whole new file.
pub fn write_file_durably(path: &Path, bytes: &[u8]) -> Result<(), FormatError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".jcc-tmp-")
        .tempfile_in(dir)
        .map_err(|e| FormatError::io(dir, "create a file in", e))?;
    let io = |e| FormatError::io(path, "write", e);
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path)
        .map_err(|e| FormatError::io(path, "write", e.error))?;
    // The rename itself lives in the folder: sync it too, or a power cut can leave the
    // old file (or none) in place. Not every platform can open a folder for this.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}
