//! JCC JSON exporter, written one entry at a time.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::ser::Formatter;

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

    /// `value` pretty-printed as if it stood `depth` levels deep in the document, straight
    /// into the file's buffer (no copy of the entry's text to re-indent).
    fn put_nested(&mut self, value: &impl Serialize, depth: usize) -> Result<(), FormatError> {
        let mut ser = serde_json::Serializer::with_formatter(&mut self.w, Nested::at(depth));
        value.serialize(&mut ser).map_err(|e| {
            if e.is_io() {
                FormatError::io(&self.out, "write", std::io::Error::from(e))
            } else {
                FormatError::Encode {
                    path: self.out.clone(),
                    reason: e.to_string(),
                }
            }
        })
    }
}

/// serde_json's pretty printing (two spaces a level) starting `depth` levels in: the same
/// bytes as pretty-printing the whole document at once.
#[derive(Debug)]
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Self {
        Self {
            level: depth,
            has_value: false,
        }
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = b"                                ";
        w.write_all(b"\n")?;
        let mut n = 2 * self.level;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(SPACES.get(..k).unwrap_or_default())?;
            n -= k;
        }
        Ok(())
    }
}

impl Nested {
    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`: on a line of its own unless the container is empty.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    /// Before an item or a key: a comma after the first, then a new line.
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PortableAttachment;

    /// The streamed file is byte for byte what pretty-printing the whole journal at once
    /// gives: nested objects and arrays, empty ones, escapes, attachments in base64.
    #[test]
    fn streamed_json_is_the_whole_document_pretty_printed() {
        let meta = PortableJournalMeta {
            title: "Tide \"log\"\n".into(),
            settings: serde_json::json!({"a": [], "b": {}, "c": [1, {"d": [true, null]}]}),
            ..PortableJournalMeta::default()
        };
        let entries = vec![
            PortableEntry {
                title: "Ünïcode \u{1f30a} \\ tab\t".into(),
                body: "line one\nline two\r\n".into(),
                tags: vec!["sea".into(), "walk".into()],
                date: chrono::NaiveDate::from_ymd_opt(2024, 2, 29),
                attachments: vec![PortableAttachment {
                    filename: "a.png".into(),
                    mime: "image/png".into(),
                    data: vec![0, 1, 2, 250],
                }],
                ..PortableEntry::default()
            },
            PortableEntry::default(),
        ];
        let dir = tempfile::tempdir().unwrap();
        for entries in [Vec::new(), entries] {
            let out = dir.path().join("j.json");
            let journal = PortableJournal::new(meta.clone(), entries);
            write_json(&journal, &out).unwrap();
            let mut expected = serde_json::to_vec_pretty(&journal).unwrap();
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(std::fs::read(&out).unwrap()).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
