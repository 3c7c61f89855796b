//! The portable journal model every importer produces and every exporter consumes.
//!
//! Field names are part of the JCC JSON format (`format_version` 1): renaming one is a
//! format change and needs a new version.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Version of the JCC JSON format this build writes and the newest it reads.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// Value of the `format` field that marks a Journal Craft Crew export.
pub const FORMAT_NAME: &str = "journal-craft-crew";

/// Entry kinds the library knows (mirrors the `entries.kind` CHECK in the schema).
pub const ENTRY_KINDS: [&str; 5] = ["intro", "commitment", "day", "certificate", "free"];

/// Journal kinds the library knows (mirrors the `journals.kind` CHECK in the schema).
pub const JOURNAL_KINDS: [&str; 2] = ["guided", "diary"];

/// A whole journal with its entries, as written to JCC JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortableJournal {
    /// Always [`FORMAT_NAME`]; lets a reader recognise the file.
    pub format: String,
    /// [`JSON_FORMAT_VERSION`] of the writer.
    pub format_version: u32,
    /// The journal's own fields.
    pub journal: PortableJournalMeta,
    /// Entries in position order.
    pub entries: Vec<PortableEntry>,
}

impl PortableJournal {
    /// A journal stamped with this build's format name and version.
    pub fn new(journal: PortableJournalMeta, entries: Vec<PortableEntry>) -> Self {
        Self {
            format: FORMAT_NAME.to_owned(),
            format_version: JSON_FORMAT_VERSION,
            journal,
            entries,
        }
    }
}

/// The journal's own fields (everything but its entries).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortableJournalMeta {
    /// The journal's UUID in the library it came from, if any.
    pub uuid: Option<String>,
    /// `"guided"` or `"diary"`.
    pub kind: String,
    /// Title shown on the cover; never empty in the library.
    pub title: String,
    /// Subtitle, may be empty.
    pub subtitle: String,
    /// Theme name, may be empty.
    pub theme: String,
    /// Voice the crew writes prompts in, may be empty.
    pub author_voice: String,
    /// Free-form journal settings (a JSON object).
    pub settings: serde_json::Value,
}

impl Default for PortableJournalMeta {
    fn default() -> Self {
        Self {
            uuid: None,
            kind: "diary".to_owned(),
            title: String::new(),
            subtitle: String::new(),
            theme: String::new(),
            author_voice: String::new(),
            settings: serde_json::Value::Object(serde_json::Map::new()),
        }
    }
}

/// One journal entry, whatever tool it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortableEntry {
    /// Stable identity of the item in its source, so importing the same item twice updates
    /// instead of duplicating. One of `jcc:<entry uuid>`, `md:<relative/path.md>`,
    /// `jrnl:<date> <time> <first 16 hex of sha256(title)>`, `dayone:<uuid>`.
    pub source_key: String,
    /// The entry's UUID in a Journal Craft Crew library; `None` for other tools' items.
    pub uuid: Option<String>,
    /// One of [`ENTRY_KINDS`]; importers of other tools use `"free"`.
    pub kind: String,
    /// Order within the journal (ascending).
    pub position: i64,
    /// The diary date in the writer's own time zone.
    pub date: Option<NaiveDate>,
    /// Day number in a guided journal.
    pub day: Option<i64>,
    /// Entry title, may be empty.
    pub title: String,
    /// Entry text in Markdown, line endings `\n`.
    pub body: String,
    /// The prompt the entry answers, may be empty.
    pub prompt: String,
    /// Blank lines to print for handwriting.
    pub writing_lines: i64,
    /// Marked as a favourite.
    pub starred: bool,
    /// Tag names without any `@`/`#` sigil.
    pub tags: Vec<String>,
    /// When the entry was first written.
    pub created_at: Option<DateTime<Utc>>,
    /// When the entry was last changed.
    pub updated_at: Option<DateTime<Utc>>,
    /// Images and files that belong to the entry.
    pub attachments: Vec<PortableAttachment>,
}

impl Default for PortableEntry {
    fn default() -> Self {
        Self {
            source_key: String::new(),
            uuid: None,
            kind: "free".to_owned(),
            position: 0,
            date: None,
            day: None,
            title: String::new(),
            body: String::new(),
            prompt: String::new(),
            writing_lines: 0,
            starred: false,
            tags: Vec::new(),
            created_at: None,
            updated_at: None,
            attachments: Vec::new(),
        }
    }
}

/// A file that belongs to an entry; `data` is base64 in JSON.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortableAttachment {
    /// File name as the writer knows it (no folders).
    pub filename: String,
    /// MIME type, e.g. `image/jpeg`.
    pub mime: String,
    /// The file's bytes.
    #[serde(with = "base64_bytes")]
    pub data: Vec<u8>,
}

// Attachments can be megabytes: print their size and hash, not every byte.
impl fmt::Debug for PortableAttachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PortableAttachment")
            .field("filename", &self.filename)
            .field("mime", &self.mime)
            .field(
                "data",
                &format_args!(
                    "<{} bytes, sha256 {}>",
                    self.data.len(),
                    crate::text::sha256_hex(&self.data)
                ),
            )
            .finish()
    }
}

/// Standard base64 with padding, the form every JSON tool can decode.
mod base64_bytes {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(data: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(data))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|e| serde::de::Error::custom(format!("attachment data is not base64: {e}")))
    }
}
