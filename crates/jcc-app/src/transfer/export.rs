//! Export a journal to a Markdown folder or one JSON file (both import back).

use super::from_millis;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use jcc_formats::{
    Format, FormatError, JsonWriter, MarkdownWriter, PortableAttachment, PortableEntry,
    PortableJournalMeta,
};
use jcc_store::{EntryFilter, Store};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportInput {
    pub journal: String,
    pub format: Format,
    /// A folder for Markdown, a file for JSON.
    pub out: PathBuf,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportOutcome {
    pub journal_id: i64,
    pub format: Format,
    pub entries: usize,
    pub out: PathBuf,
}

impl App {
    /// Streams the journal out: this thread reads entries from the library while a second
    /// one renders and writes them (both cores), never holding the whole journal in
    /// memory. Markdown goes to a temp folder swapped into place at the end, JSON to a
    /// temp file renamed over: a cut export leaves the previous one as it was.
    pub fn export(&self, input: ExportInput) -> AppResult<ExportOutcome> {
        if !matches!(input.format, Format::Json | Format::Markdown) {
            return Err(AppError::invalid(format!(
                "can't export to {}; choose md or json",
                input.format
            )));
        }
        let store = self.store();
        let journal = store.find_journal(&input.journal)?;
        let journal_id = journal.id;
        let meta = journal_meta(journal);
        let sink: Box<dyn EntrySink> = match input.format {
            Format::Json => Box::new(JsonWriter::begin(&input.out, &meta).map_err(export_error)?),
            _ => {
                let count = usize::try_from(store.count_entries(journal_id)?).unwrap_or(0);
                Box::new(MarkdownWriter::begin(&input.out, &meta, count).map_err(export_error)?)
            }
        };
        let filter = EntryFilter {
            journal_id: Some(journal_id),
            ..Default::default()
        };
        let entries = pipe(sink, |send| {
            store.for_each_entry(&filter, |e| {
                let entry = portable_entry(&store, e)?;
                // The writer stopped (an error it reports itself): stop reading.
                send(entry).map_err(|()| jcc_store::StoreError::Cancelled)
            })
        })?;
        Ok(ExportOutcome {
            journal_id,
            format: input.format,
            entries,
            out: input.out,
        })
    }
}

/// Where exported entries go: a [`JsonWriter`] or a [`MarkdownWriter`].
trait EntrySink: Send {
    fn write(&mut self, entry: &PortableEntry) -> Result<(), FormatError>;
    fn finish(self: Box<Self>) -> Result<(), FormatError>;
}

impl EntrySink for JsonWriter {
    fn write(&mut self, entry: &PortableEntry) -> Result<(), FormatError> {
        self.write_entry(entry)
    }
    fn finish(self: Box<Self>) -> Result<(), FormatError> {
        JsonWriter::finish(*self)
    }
}

impl EntrySink for MarkdownWriter {
    fn write(&mut self, entry: &PortableEntry) -> Result<(), FormatError> {
        self.write_entry(entry)
    }
    fn finish(self: Box<Self>) -> Result<(), FormatError> {
        MarkdownWriter::finish(*self)
    }
}

/// Runs `read` on this thread, handing each entry to `sink` on a writer thread through a
/// short queue; returns how many were written. The writer's error wins over the reader's
/// (the reader only stops because the writer did).
fn pipe(
    mut sink: Box<dyn EntrySink>,
    read: impl FnOnce(&mut dyn FnMut(PortableEntry) -> Result<(), ()>) -> jcc_store::Result<()>,
) -> AppResult<usize> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<PortableEntry>(256);
    std::thread::scope(|scope| {
        let writer = scope.spawn(
            move || -> Result<(Box<dyn EntrySink>, usize), FormatError> {
                let mut n = 0;
                for entry in rx {
                    sink.write(&entry)?;
                    n += 1;
                }
                Ok((sink, n))
            },
        );
        let read_result = read(&mut |entry| tx.send(entry).map_err(|_| ()));
        drop(tx);
        let written = writer.join().map_err(|_| {
            AppError::new(
                ErrorCode::Internal,
                "the export's writer thread stopped unexpectedly; nothing was replaced",
            )
        })?;
        let (sink, n) = written.map_err(export_error)?;
        read_result?;
        sink.finish().map_err(export_error)?;
        Ok(n)
    })
}

/// A Markdown or JSON export that could not be written. The blanket conversion of a
/// [`FormatError`] says "import failed" (exit 5), which is wrong here: the disk or the
/// path when the system refused the write (`disk_full`/`io`, exit 7), otherwise
/// `export_failed` (exit 10), such as a file where the folder should be.
fn export_error(e: FormatError) -> AppError {
    let code = match &e {
        FormatError::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
            ErrorCode::DiskFull
        }
        FormatError::Io { .. } | FormatError::NotFound { .. } => ErrorCode::Io,
        _ => ErrorCode::ExportFailed,
    };
    AppError::new(code, e.to_string())
}

/// The journal's own fields in the interchange model.
fn journal_meta(journal: jcc_store::Journal) -> PortableJournalMeta {
    PortableJournalMeta {
        uuid: Some(journal.uuid),
        kind: journal.kind.to_string(),
        title: journal.title,
        subtitle: journal.subtitle,
        theme: journal.theme,
        author_voice: journal.author_voice,
        settings: journal.settings,
    }
}

/// One entry, attachments included, in the interchange model.
fn portable_entry(store: &Store, e: jcc_store::Entry) -> jcc_store::Result<PortableEntry> {
    let mut attachments = Vec::new();
    for a in store.attachments(e.id)? {
        attachments.push(PortableAttachment {
            filename: a.filename,
            mime: a.mime,
            data: store.blob(&a.hash)?,
        });
    }
    Ok(PortableEntry {
        source_key: format!("jcc:{}", e.uuid),
        uuid: Some(e.uuid),
        kind: e.kind.to_string(),
        position: e.position,
        date: e.date,
        day: e.day,
        title: e.title,
        body: e.body,
        prompt: e.prompt,
        writing_lines: e.writing_lines,
        starred: e.starred,
        tags: e.tags,
        created_at: from_millis(e.created_at),
        updated_at: from_millis(e.updated_at),
        attachments,
    })
}
