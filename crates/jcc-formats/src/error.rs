//! The crate's one error type, and `Problem`, a per-item failure that does not stop an import.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why an import or export could not even start (or, for writers, could not finish).
///
/// Failures of single items inside an import are [`Problem`]s in the batch instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The path does not exist.
    #[error("{}: no such file or folder; check the path and try again", path.display())]
    NotFound {
        /// The missing path.
        path: PathBuf,
    },

    /// Reading or writing failed at the operating-system level.
    #[error("could not {action} {}: {source}; check that it exists and that you may {action} it", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What was being done: "read", "write", "create", "remove", "list".
        action: &'static str,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// The input is bigger than the importer accepts.
    #[error("{} is {size} bytes, more than the {limit}-byte limit for one file; split the export into smaller parts", path.display())]
    TooLarge {
        /// The oversized file.
        path: PathBuf,
        /// Its size in bytes (at least `limit + 1` when only a prefix was read).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },

    /// `detect` could not tell which tool wrote the file.
    #[error("cannot tell which journal format {} is: {reason}; pass --format md|jrnl|dayone|json", path.display())]
    Unrecognized {
        /// The file or folder.
        path: PathBuf,
        /// What was seen.
        reason: String,
    },

    /// A format name that is none of md, markdown, jrnl, dayone, day-one, json.
    #[error("unknown format {name:?}; use one of md, jrnl, dayone, json")]
    UnknownFormatName {
        /// The name given.
        name: String,
    },

    /// The file is readable but is not what the chosen format expects.
    #[error("{} is not {expected}: {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What it should have been, e.g. "a jrnl JSON export (jrnl --export json)".
        expected: &'static str,
        /// What is wrong and, where it helps, what to do.
        reason: String,
    },

    /// A file was given where a folder is needed, or the reverse.
    #[error("{} is {found}, but {format} needs {needed}; pass the right path or another --format", path.display())]
    WrongKindOfPath {
        /// The path.
        path: PathBuf,
        /// "a folder" or "a file".
        found: &'static str,
        /// What the format needs.
        needed: &'static str,
        /// The format's name.
        format: crate::Format,
    },

    /// A JCC export from a newer version of the app.
    #[error("{} was written by a newer Journal Craft Crew (format version {found}; this version reads up to {supported}); update Journal Craft Crew and import it again", path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Version found in the file.
        found: u64,
        /// Newest version this build reads.
        supported: u32,
    },

    /// The file is not a zip archive the importer can open.
    #[error("{} is not a readable zip archive ({source}); export again from Day One, or unzip it and import Journal.json", path.display())]
    Zip {
        /// The archive.
        path: PathBuf,
        /// The zip reader's complaint.
        #[source]
        source: zip::result::ZipError,
    },

    /// Decompressing the archive would exceed the total size limit.
    #[error("{} decompresses to more than {limit} bytes, which looks like a zip bomb; import refused (unzip it yourself and import the JSON if you trust it)", path.display())]
    ZipBomb {
        /// The archive.
        path: PathBuf,
        /// The total limit in bytes.
        limit: u64,
    },

    /// A zip with no Day One journal JSON in it.
    #[error("{} has no Day One journal in it (no .json file at its top level); in Day One choose Export > JSON and import the zip it makes", path.display())]
    NoJournalInZip {
        /// The archive.
        path: PathBuf,
    },

    /// `write_markdown` was pointed at a folder with other people's files in it.
    #[error("refusing to export into {}: the folder is not empty and is not a previous Journal Craft Crew export (no journal.yaml); choose an empty or new folder", path.display())]
    OutDirNotEmpty {
        /// The folder.
        path: PathBuf,
    },

    /// The journal could not be encoded (should not happen with well-formed data).
    #[error("could not encode the journal for {}: {reason}", path.display())]
    Encode {
        /// The file being written.
        path: PathBuf,
        /// The encoder's complaint.
        reason: String,
    },
}

impl FormatError {
    /// An I/O error on `path`, with `NotFound` mapped to [`FormatError::NotFound`].
    pub(crate) fn io(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::NotFound && action == "read" {
            FormatError::NotFound {
                path: path.to_owned(),
            }
        } else {
            FormatError::Io {
                path: path.to_owned(),
                action,
                source,
            }
        }
    }
}

/// One item of an import that could not be read; the rest of the import goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the item is: a file, `<file>#entries[3]`, or `<zip>!Journal.json`.
    pub path: PathBuf,
    /// What is wrong with it, in words a writer can act on.
    pub reason: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for Problem {}

/// `<file>#entries[3]`: where an item inside a JSON file is.
pub(crate) fn item_path(file: &Path, what: &str) -> PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push("#");
    s.push(what);
    PathBuf::from(s)
}

/// `<zip>!Journal.json`: where a member of an archive is.
pub(crate) fn member_path(archive: &Path, member: &str) -> PathBuf {
    let mut s = archive.as_os_str().to_owned();
    s.push("!");
    s.push(member);
    PathBuf::from(s)
}
