//! Book export for Journal Craft Crew: pure functions from a journal (as the store
//! returns it) and export settings to the bytes of a print-ready PDF or an EPUB 3,
//! with progress callbacks.
//!
//! The PDF is laid out by Typst used as a library: a trusted template (`pdf/book.typ`)
//! renders the book from data, and the writer's text only ever reaches it as JSON, so
//! no entry can inject markup. Print rules (trim sizes, bleed, gutter by page count,
//! page-count limits) live in one table in [`kdp`].

pub mod geometry;
pub mod kdp;
pub mod markdown;
pub mod progress;
pub mod settings;
pub mod source;

mod epub;
mod error;
mod fonts;
mod images;
mod labels;
mod pdf;
mod plan;

pub use error::{BookError, BookResult};
pub use fonts::{system_fallback_fonts, FontSet, BODY_FONT};
pub use progress::{Progress, Stage};
pub use settings::{BookSettings, SettingsOverride, StartOn};
pub use source::{AuthorProfile, BookSource, SourceImage};

use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BookFormat {
    Pdf,
    Epub,
}

impl BookFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Epub => "epub",
        }
    }
}

/// A finished book.
#[derive(Debug, Clone)]
pub struct BookOutput {
    pub bytes: Vec<u8>,
    /// Pages of a PDF (even, 24-828).
    pub pages: Option<usize>,
    /// PDF page size including bleed, in points.
    pub page_size_pt: Option<(f64, f64)>,
    /// Things the writer should know (missing images, added Notes pages); the book was
    /// still made.
    pub warnings: Vec<String>,
}

/// Makes the book in `format`. `fonts` is only used for the PDF.
pub fn export(
    format: BookFormat,
    src: &BookSource,
    settings: &BookSettings,
    fonts: &FontSet,
    progress: &mut dyn FnMut(&Progress),
) -> BookResult<BookOutput> {
    match format {
        BookFormat::Pdf => pdf::export_pdf(src, settings, fonts, progress),
        BookFormat::Epub => epub::export_epub(src, settings, progress),
    }
}
