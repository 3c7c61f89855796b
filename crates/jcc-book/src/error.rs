//! The one error type of the book export.

/// Why a book could not be made. Missing images and similar problems are warnings on
/// the output instead: a writer always gets a book when the settings are possible.
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    /// A setting is unknown or leaves no room for text; the message says which and why.
    #[error("{0}")]
    InvalidSettings(String),
    /// The book is longer than a print service binds.
    #[error(
        "the book would have {pages} pages, more than the {max} a printed book can have; \
         export a date range (--from/--to) or choose a larger trim size"
    )]
    TooManyPages { pages: usize, max: usize },
    /// The layout engine refused the generated document (a bug in this crate, never in
    /// the writer's text, which only ever reaches Typst as data).
    #[error("laying out the book failed: {0}")]
    Layout(String),
    /// Writing the PDF or EPUB bytes failed.
    #[error("writing the {format} failed: {reason}")]
    Write {
        format: &'static str,
        reason: String,
    },
}

impl BookError {
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::InvalidSettings(message.into())
    }

    pub(crate) fn write(format: &'static str, reason: impl ToString) -> Self {
        Self::Write {
            format,
            reason: reason.to_string(),
        }
    }
}

pub type BookResult<T> = Result<T, BookError>;
