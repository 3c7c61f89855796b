//! Export a journal to a Markdown folder or one JSON file (both import back).

use super::from_millis;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use jcc_formats::{
    Format, FormatError, PortableAttachment, PortableEntry, PortableJournal, PortableJournalMeta,
    JSON_FORMAT_VERSION,
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
    pub fn export(&self, input: ExportInput) -> AppResult<ExportOutcome> {
        let (journal_id, portable) = {
            let store = self.store();
            let id = store.find_journal(&input.journal)?.id;
            (id, portable_journal(&store, id)?)
        };
        match input.format {
            Format::Json => jcc_formats::write_json(&portable, &input.out).map_err(export_error)?,
            Format::Markdown => {
                jcc_formats::write_markdown(&portable, &input.out).map_err(export_error)?
            }
            other => {
                return Err(AppError::invalid(format!(
                    "can't export to {other}; choose md or json"
                )))
            }
        }
        Ok(ExportOutcome {
            journal_id,
            format: input.format,
            entries: portable.entries.len(),
            out: input.out,
        })
    }
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

/// The whole journal, attachments included, in the interchange model.
pub(crate) fn portable_journal(store: &Store, journal_id: i64) -> AppResult<PortableJournal> {
    let journal = store.journal(journal_id)?;
    let entries = store.list_entries(&EntryFilter {
        journal_id: Some(journal_id),
        ..Default::default()
    })?;
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let mut attachments = Vec::new();
        for a in store.attachments(e.id)? {
            attachments.push(PortableAttachment {
                filename: a.filename,
                mime: a.mime,
                data: store.blob(&a.hash)?,
            });
        }
        out.push(PortableEntry {
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
        });
    }
    Ok(PortableJournal {
        format: "journal-craft-crew".into(),
        format_version: JSON_FORMAT_VERSION,
        journal: PortableJournalMeta {
            uuid: Some(journal.uuid),
            kind: journal.kind.to_string(),
            title: journal.title,
            subtitle: journal.subtitle,
            theme: journal.theme,
            author_voice: journal.author_voice,
            settings: journal.settings,
        },
        entries: out,
    })
}
