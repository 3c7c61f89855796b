//! Export a journal to a Markdown folder or one JSON file (both import back).

use super::from_millis;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use jcc_formats::{
    Format, FormatError, JsonWriter, MarkdownWriter, PortableAttachment, PortableEntry,
    PortableJournalMeta, RenderedEntry,
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
    /// Streams the journal out: this thread reads entries from the library (and, for
    /// Markdown, renders them) while a second one writes, never holding the whole journal
    /// in memory. Markdown goes to a temp folder swapped into place at the end, JSON to a
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
        let filter = EntryFilter {
            journal_id: Some(journal_id),
            ..Default::default()
        };
        let entries = match input.format {
            Format::Json => {
                // Reading and serialising cost about the same: the writer serialises.
                let sink = JsonWriter::begin(&input.out, &meta).map_err(export_error)?;
                pipe(sink, Ok, &store, &filter)?
            }
            _ => {
                // Creating the files is the slow part: the writer only does that.
                let count = usize::try_from(store.count_entries(journal_id)?).unwrap_or(0);
                let sink = MarkdownWriter::begin(&input.out, &meta, count).map_err(export_error)?;
                let mut renderer = sink.renderer();
                pipe(sink, move |entry| renderer.render(&entry), &store, &filter)?
            }
        };
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
    /// What the reading thread hands over for each entry.
    type Item: Send;
    fn write(&mut self, item: &Self::Item) -> Result<(), FormatError>;
    fn finish(self) -> Result<(), FormatError>;
}

impl EntrySink for JsonWriter {
    type Item = PortableEntry;
    fn write(&mut self, entry: &PortableEntry) -> Result<(), FormatError> {
        self.write_entry(entry)
    }
    fn finish(self) -> Result<(), FormatError> {
        JsonWriter::finish(self)
    }
}

impl EntrySink for MarkdownWriter {
    type Item = RenderedEntry;
    fn write(&mut self, entry: &RenderedEntry) -> Result<(), FormatError> {
        self.write_rendered(entry)
    }
    fn finish(self) -> Result<(), FormatError> {
        MarkdownWriter::finish(self)
    }
}

/// Entries handed to the writer at a time: one hand-over per entry cost more in thread
/// wake-ups than the writing itself.
const BATCH: usize = 128;

/// Reads the entries `filter` selects on this thread, turns each into a `S::Item` with
/// `prepare`, and hands them in batches to `sink` on a writer thread through a short
/// queue; returns how many were written. The writer's error wins over the reader's (the
/// reader only stops because the writer did).
///
/// Written batches come back to this thread to be dropped: an entry's strings freed on
/// the thread that allocated them stay out of the allocator's cross-thread locking,
/// which took a fifth of a JSON export's time (futex waits in malloc and free).
fn pipe<S: EntrySink>(
    mut sink: S,
    mut prepare: impl FnMut(PortableEntry) -> Result<S::Item, FormatError>,
    store: &Store,
    filter: &EntryFilter,
) -> AppResult<usize> {
    let with_attachments = match filter.journal_id {
        Some(journal) => Some(store.entries_with_attachments(journal)?),
        None => None,
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<S::Item>>(4);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<Vec<S::Item>>();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<(S, usize), FormatError> {
            let mut n = 0;
            for batch in rx {
                for item in &batch {
                    sink.write(item)?;
                    n += 1;
                }
                // The reader may have finished already; then this thread drops it.
                let _ = done_tx.send(batch);
            }
            Ok((sink, n))
        });
        let mut prepare_error = None;
        let mut batch = Vec::with_capacity(BATCH);
        let mut read_result = store.for_each_entry(filter, |e| {
            let has_attachments = with_attachments.as_ref().is_none_or(|s| s.contains(&e.id));
            let entry = portable_entry(store, e, has_attachments)?;
            match prepare(entry) {
                Ok(item) => batch.push(item),
                Err(e) => {
                    prepare_error = Some(e);
                    return Err(jcc_store::StoreError::Cancelled);
                }
            }
            if batch.len() == BATCH {
                // Reuse a written batch's vector once its items are dropped here.
                let next = match done_rx.try_recv() {
                    Ok(mut written) => {
                        written.clear();
                        written
                    }
                    Err(_) => Vec::with_capacity(BATCH),
                };
                let full = std::mem::replace(&mut batch, next);
                // The writer stopped (an error it reports itself): stop reading.
                tx.send(full)
                    .map_err(|_| jcc_store::StoreError::Cancelled)?;
            }
            Ok(())
        });
        if read_result.is_ok() && !batch.is_empty() && tx.send(batch).is_err() {
            read_result = Err(jcc_store::StoreError::Cancelled);
        }
        drop(tx);
        // Drop the written batches here while the writer finishes.
        for written in &done_rx {
            drop(written);
        }
        let written = writer.join().map_err(|_| {
            AppError::new(
                ErrorCode::Internal,
                "the export's writer thread stopped unexpectedly; nothing was replaced",
            )
        })?;
        let (sink, n) = written.map_err(export_error)?;
        if let Some(e) = prepare_error {
            return Err(export_error(e));
        }
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
fn portable_entry(
    store: &Store,
    e: jcc_store::Entry,
    has_attachments: bool,
) -> jcc_store::Result<PortableEntry> {
    let mut attachments = Vec::new();
    let stored = if has_attachments {
        store.attachments(e.id)?
    } else {
        Vec::new()
    };
    for a in stored {
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
