//! Book export (print-ready PDF, EPUB 3) and the author profile it prints. The layout
//! lives in `jcc-book`; this module selects what to print, reads the images and writes
//! the file atomically.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use chrono::NaiveDate;
use jcc_book::{BookError, BookSettings, BookSource, FontSet, SourceImage};

pub use jcc_book::{
    AuthorProfile, BookFormat, Progress as BookProgress, SettingsOverride, Stage as BookStage,
};
use jcc_store::{Entry, EntryFilter, EntryKind, JournalKind};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where the author profile is kept in the library's settings.
pub use jcc_store::sync_records::AUTHOR_PROFILE_KEY;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BookExportInput {
    pub journal: String,
    pub format: BookFormat,
    pub out: PathBuf,
    /// Trim, bleed and line spacing for this export, over the journal's book settings.
    #[serde(default)]
    pub settings: SettingsOverride,
    /// Only entries dated on or after / on or before these days.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Only entries with this tag.
    #[serde(default)]
    pub tag: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BookExportOutcome {
    pub journal_id: i64,
    pub format: BookFormat,
    pub out: PathBuf,
    pub entries: usize,
    /// Pages of the PDF.
    pub pages: Option<usize>,
    /// PDF page size including bleed, in points.
    pub page_size_pt: Option<(f64, f64)>,
    pub bytes: usize,
    /// Missing images, added Notes pages and the like: the book was made regardless.
    pub warnings: Vec<String>,
}

impl From<BookError> for AppError {
    fn from(e: BookError) -> Self {
        match &e {
            BookError::InvalidSettings(_) => AppError::invalid(e.to_string()),
            BookError::TooManyPages { pages, max } => {
                AppError::new(ErrorCode::ExportFailed, e.to_string())
                    .with_details(serde_json::json!({ "pages": pages, "max": max }))
            }
            BookError::Layout(_) | BookError::Write { .. } => {
                tracing::error!(error = %e, "book export failed");
                AppError::new(ErrorCode::ExportFailed, e.to_string())
            }
        }
    }
}

/// Bundled fonts plus the machine's fonts for other scripts, read once per process.
fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::with_extra(jcc_book::system_fallback_fonts()))
}

impl App {
    /// The writer's author profile (empty until set).
    pub fn author_profile_get(&self) -> AppResult<AuthorProfile> {
        let value = self.store().setting(AUTHOR_PROFILE_KEY)?;
        Ok(value
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default())
    }

    pub fn author_profile_set(&self, profile: AuthorProfile) -> AppResult<AuthorProfile> {
        profile.validate().map_err(AppError::invalid)?;
        let value = serde_json::to_value(&profile)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        self.store().set_setting(AUTHOR_PROFILE_KEY, &value)?;
        Ok(profile)
    }

    /// Lays out a journal (or a selection of it) as a PDF or EPUB and writes it to
    /// `input.out`; `progress` hears about each step of a long book.
    #[tracing::instrument(skip_all, fields(journal = %input.journal, format = ?input.format), err)]
    pub fn export_book(
        &self,
        input: BookExportInput,
        progress: &mut dyn FnMut(&BookProgress),
    ) -> AppResult<BookExportOutcome> {
        self.export_book_cancellable(input, progress, &jcc_llm::CancellationToken::new())
    }

    /// [`App::export_book`] that stops when `cancel` fires: nothing is written after it.
    pub fn export_book_cancellable(
        &self,
        input: BookExportInput,
        progress: &mut dyn FnMut(&BookProgress),
        cancel: &jcc_llm::CancellationToken,
    ) -> AppResult<BookExportOutcome> {
        if let (Some(from), Some(to)) = (input.from, input.to) {
            if from > to {
                return Err(AppError::invalid(format!(
                    "--from {from} is after --to {to}; swap them"
                )));
            }
        }
        // Read everything under the lock, then lay out without holding it.
        let source = self.book_source(&input)?;
        let settings = BookSettings::from_journal_settings(&source.journal.settings)?
            .apply(&input.settings)?;
        let out = jcc_book::export(input.format, &source, &settings, fonts(), progress)?;
        if cancel.is_cancelled() {
            return Err(AppError::new(
                ErrorCode::Cancelled,
                "export cancelled; no file was written",
            ));
        }
        write_atomically(&input.out, &out.bytes)?;
        for w in &out.warnings {
            // The caller shows warnings to the writer; the log keeps them for later.
            tracing::info!(warning = %w, "book export");
        }
        Ok(BookExportOutcome {
            journal_id: source.journal.id,
            format: input.format,
            out: input.out,
            entries: source.entries.len(),
            pages: out.pages,
            page_size_pt: out.page_size_pt,
            bytes: out.bytes.len(),
            warnings: out.warnings,
        })
    }

    fn book_source(&self, input: &BookExportInput) -> AppResult<BookSource> {
        let author = self.author_profile_get()?;
        let store = self.store();
        let journal = store.find_journal(&input.journal)?;
        let tag = input
            .tag
            .as_deref()
            .map(|t| t.trim().trim_start_matches(['#', '@']).to_string());
        let all = store.list_entries(&EntryFilter {
            journal_id: Some(journal.id),
            ..Default::default()
        })?;
        let tagged: Option<Vec<i64>> = match &tag {
            Some(t) => Some(
                store
                    .list_entries(&EntryFilter {
                        journal_id: Some(journal.id),
                        tag: Some(t.clone()),
                        ..Default::default()
                    })?
                    .iter()
                    .map(|e| e.id)
                    .collect(),
            ),
            None => None,
        };
        let entries: Vec<Entry> = all
            .into_iter()
            .filter(|e| selected(e, journal.kind, input, tagged.as_deref()))
            .collect();
        if entries.is_empty() {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!(
                    "no entries of \"{}\" match the selection; widen --from/--to or check --tag",
                    journal.title
                ),
            ));
        }
        let mut images = Vec::new();
        for e in &entries {
            for a in store.attachments(e.id)? {
                if !a.mime.starts_with("image/") {
                    continue;
                }
                // An unreadable blob is a warning in the book (placeholder), not a failure.
                let data = store.blob(&a.hash).unwrap_or_default();
                images.push(SourceImage {
                    entry_id: e.id,
                    filename: a.filename,
                    mime: a.mime,
                    data,
                });
            }
        }
        Ok(BookSource {
            journal,
            entries,
            images,
            author,
        })
    }
}

/// Date range and tag select diary entries; a guided journal keeps its intro,
/// commitment and certificate whatever the selection.
fn selected(e: &Entry, kind: JournalKind, input: &BookExportInput, tagged: Option<&[i64]>) -> bool {
    let furniture = kind == JournalKind::Guided
        && matches!(
            e.kind,
            EntryKind::Intro | EntryKind::Commitment | EntryKind::Certificate
        );
    if furniture {
        return true;
    }
    if let Some(ids) = tagged {
        if !ids.contains(&e.id) {
            return false;
        }
    }
    if input.from.is_some() || input.to.is_some() {
        let Some(date) = e.date else { return false };
        if input.from.is_some_and(|f| date < f) || input.to.is_some_and(|t| date > t) {
            return false;
        }
    }
    true
}

/// Writes beside the target and renames, so a reader never sees half a book.
fn write_atomically(path: &Path, bytes: &[u8]) -> AppResult<()> {
    let io_err = |what: &str, e: std::io::Error| {
        let code = if e.raw_os_error() == Some(28) {
            ErrorCode::DiskFull
        } else {
            ErrorCode::Io
        };
        AppError::new(code, format!("could not {what} {}: {e}", path.display()))
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(AppError::new(
            ErrorCode::Io,
            format!(
                "the folder {} does not exist; create it or choose another -o",
                dir.display()
            ),
        ));
    }
    let name = path
        .file_name()
        .ok_or_else(|| AppError::invalid(format!("{} is not a file name", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.jcc-tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(|e| io_err("write", e))?;
        f.write_all(bytes).map_err(|e| io_err("write", e))?;
        f.sync_all().map_err(|e| io_err("write", e))?;
        std::fs::rename(&tmp, path).map_err(|e| io_err("replace", e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
