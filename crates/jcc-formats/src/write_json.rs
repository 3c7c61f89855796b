//! JCC JSON exporter, written one entry at a time.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::{FormatError, PortableJournal, PortableJournalMeta};
use crate::{PortableEntry, FORMAT_NAME, JSON_FORMAT_VERSION};

/// Writes `journal` to `out` as pretty JSON (attachments in base64), atomically: a reader
/// sees the old file or the complete new one, never half of it.
#[tracing::instrument(skip_all, fields(path = %out.display(), entries = journal.entries.len()), err)]
pub fn write_json(journal: &PortableJournal, out: &Path) -> Result<(), FormatError> {
    let mut w = JsonWriter::begin(out, &journal.journal)?;
    for entry in &journal.entries {
        w.write_entry(entry)?;
    }
    w.finish()
}

/// A JSON export written entry by entry, so a journal of any length needs the memory of
/// one entry. The bytes go to a temp file beside `out`, synced once and renamed over it
/// by [`JsonWriter::finish`]: an export cut short leaves the previous file untouched.
///
/// The text is what `serde_json::to_writer_pretty` makes of the whole [`PortableJournal`]
/// (format name and version are always this build's), so readers see no difference.
#[derive(Debug)]
pub struct JsonWriter {
    out: PathBuf,
    tmp: tempfile::NamedTempFile,
    w: BufWriter<File>,
    entries: usize,
    buf: Vec<u8>,
}

impl JsonWriter {
    pub fn begin(out: &Path, journal: &PortableJournalMeta) -> Result<Self, FormatError> {
        let dir = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".jcc-tmp-")
            .tempfile_in(dir)
            .map_err(|e| FormatError::io(dir, "create a file in", e))?;
        let file = tmp
            .as_file()
            .try_clone()
            .map_err(|e| FormatError::io(out, "write", e))?;
        let mut me = Self {
            out: out.to_owned(),
            tmp,
            w: BufWriter::with_capacity(1 << 20, file),
            entries: 0,
            buf: Vec::new(),
        };
        me.put(
            format!("{{\n  \"format\": \"{FORMAT_NAME}\",\n  \"format_version\": {JSON_FORMAT_VERSION},\n  \"journal\": ")
                .as_bytes(),
        )?;
        me.put_nested(journal, 1)?;
        me.put(b",\n  \"entries\": [")?;
        Ok(me)
    }

    /// Writes the next entry.
    pub fn write_entry(&mut self, entry: &PortableEntry) -> Result<(), FormatError> {
        self.put(if self.entries == 0 {
            b"\n    "
        } else {
            b",\n    "
        })?;
        self.put_nested(entry, 2)?;
        self.entries += 1;
        Ok(())
    }

    /// Closes the document, syncs it and renames it over `out`.
    pub fn finish(mut self) -> Result<(), FormatError> {
        let end: &[u8] = if self.entries == 0 {
            b"]\n}\n"
        } else {
            b"\n  ]\n}\n"
        };
        self.put(end)?;
        let out = self.out.clone();
        let io = |e| FormatError::io(&out, "write", e);
        self.w.flush().map_err(io)?;
        self.tmp.as_file().sync_all().map_err(io)?;
        self.tmp
            .persist(&out)
            .map_err(|e| FormatError::io(&out, "write", e.error))?;
        // The rename lives in the folder: sync it too (not every platform can open one).
        if let Some(folder) = out.parent().and_then(|p| File::open(p).ok()) {
            let _ = folder.sync_all();
        }
        Ok(())
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), FormatError> {
        self.w
            .write_all(bytes)
            .map_err(|e| FormatError::io(&self.out, "write", e))
    }

    /// `value` pretty-printed as if it stood `depth` levels deep in the document: JSON
    /// strings hold no raw newline, so indenting after each newline is exact.
    fn put_nested(&mut self, value: &impl Serialize, depth: usize) -> Result<(), FormatError> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        serde_json::to_writer_pretty(&mut buf, value).map_err(|e| FormatError::Encode {
            path: self.out.clone(),
            reason: e.to_string(),
        })?;
        let indent = b"        ".get(..2 * depth.min(4)).unwrap_or_default();
        let mut rest = buf.as_slice();
        while let Some(at) = rest.iter().position(|&b| b == b'\n') {
            let (line, after) = rest.split_at(at + 1);
            self.put(line)?;
            self.put(indent)?;
            rest = after;
        }
        self.put(rest)?;
        self.buf = buf;
        Ok(())
    }
}
