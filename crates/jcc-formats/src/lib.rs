//! Journal files from other tools, read into one portable model, and journals written out
//! as a Markdown folder or JSON. No database here: the application layer maps
//! [`PortableJournal`] / [`PortableEntry`] to and from the store.
//!
//! Reading: [`detect`] guesses the [`Format`], [`read`] returns an [`ImportBatch`] with the
//! entries it could read and a [`Problem`] (path and reason) for each item it could not.
//! Writing: [`write_json`] and [`write_markdown`]; reading their output gives the same
//! entries back.
//!
//! The `parse_*` functions take bytes already in memory; `read` uses the same functions,
//! and the fuzz targets in `fuzz/` drive them directly.

// Importers see untrusted files: no panicking shortcuts outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

mod dates;
mod dayone;
mod dayone_text;
mod detect;
mod error;
mod export_dir;
mod folder;
mod format;
mod frontmatter;
mod frontmatter_dates;
mod fsio;
mod jcc_json;
mod journal_yaml;
mod jrnl;
mod markdown;
mod model;
mod read;
mod text;
mod write_json;
mod write_markdown;

pub use dayone::{parse_dayone_json_bytes, parse_dayone_zip_bytes};
pub use detect::detect;
pub use error::{FormatError, Problem};
pub use format::Format;
pub use fsio::{write_file_durably, MAX_FILE_BYTES, MAX_ZIP_TOTAL_BYTES};
pub use jcc_json::parse_jcc_json_bytes;
pub use jrnl::parse_jrnl_json_bytes;
pub use markdown::{parse_markdown_bytes, parse_markdown_entry};
pub use model::{
    PortableAttachment, PortableEntry, PortableJournal, PortableJournalMeta, ENTRY_KINDS,
    FORMAT_NAME, JOURNAL_KINDS, JSON_FORMAT_VERSION,
};
pub use read::{read, ImportBatch};
pub use text::mime_for_file_name;
pub use write_json::{write_json, JsonWriter};
pub use write_markdown::{write_markdown, MarkdownRenderer, MarkdownWriter, RenderedEntry};
