//! Plain data types the store reads and writes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub type JournalId = i64;
pub type EntryId = i64;

/// A guided book (made by the crew, laid out as a book) or a personal dated diary.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JournalKind {
    Guided,
    Diary,
}

/// The role an entry plays in a journal.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Intro,
    Commitment,
    Day,
    Certificate,
    Free,
}

/// Who caused the change a revision preserves the text from before.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Writer,
    Crew,
    Import,
    Restore,
    /// The text a merge replaced: another writer's save met this one.
    Merge,
    /// Written by sync from another device.
    Sync,
}

macro_rules! text_enum {
    ($ty:ty, $what:literal, $($variant:ident => $text:literal),+ $(,)?) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $text),+ }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($text => Ok(<$ty>::$variant),)+
                    other => Err(format!(
                        concat!("unknown ", $what, " {:?}; expected one of: {}"),
                        other,
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}

text_enum!(JournalKind, "journal kind", Guided => "guided", Diary => "diary");
text_enum!(EntryKind, "entry kind", Intro => "intro", Commitment => "commitment", Day => "day",
    Certificate => "certificate", Free => "free");
text_enum!(Origin, "revision origin", Writer => "writer", Crew => "crew", Import => "import",
    Restore => "restore", Merge => "merge", Sync => "sync");

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub id: JournalId,
    pub uuid: String,
    pub kind: JournalKind,
    pub title: String,
    pub subtitle: String,
    pub theme: String,
    pub author_voice: String,
    /// Book settings (trim size, fonts, ...) as free JSON owned by the export.
    pub settings: serde_json::Value,
    pub created_at: i64,
    pub updated_at: i64,
    pub trashed_at: Option<i64>,
    pub entry_count: i64,
    pub word_count: i64,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewJournal {
    pub kind: Option<JournalKind>,
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub author_voice: String,
    #[serde(default)]
    pub settings: Option<serde_json::Value>,
    /// Keep a given identity (imports of our own JSON); a fresh one otherwise.
    #[serde(default)]
    pub uuid: Option<String>,
}

/// Fields of a journal to change; `None` leaves a field as it is.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct JournalPatch {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub theme: Option<String>,
    pub author_voice: Option<String>,
    pub settings: Option<serde_json::Value>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub uuid: String,
    pub journal_id: JournalId,
    pub kind: EntryKind,
    pub position: i64,
    pub date: Option<NaiveDate>,
    pub day: Option<i64>,
    pub title: String,
    pub body: String,
    pub prompt: String,
    pub writing_lines: i64,
    pub starred: bool,
    pub word_count: i64,
    pub tags: Vec<String>,
    pub source_key: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub trashed_at: Option<i64>,
    /// The version of the text (title, body, prompt); a save names the one it started
    /// from, so a save from an older one is merged instead of overwriting.
    pub version: i64,
    /// A merge kept both versions of a paragraph: the writer should look at it.
    pub review_merge: bool,
}

/// What a save did.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub entry: Entry,
    /// The entry had moved on since the save's base: the save was merged with it (both
    /// inputs are in the history).
    pub merged: bool,
    /// Paragraphs this merge kept in both versions (the entry is marked for review).
    pub conflicts: i64,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewEntry {
    pub journal_id: JournalId,
    pub kind: Option<EntryKind>,
    /// Book order; appended after the last entry when absent.
    pub position: Option<i64>,
    pub date: Option<NaiveDate>,
    pub day: Option<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub writing_lines: i64,
    #[serde(default)]
    pub starred: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub source_key: Option<String>,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub updated_at: Option<i64>,
}

/// Fields of an entry to change; `None` leaves a field as it is.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EntryPatch {
    pub title: Option<String>,
    pub body: Option<String>,
    pub prompt: Option<String>,
    pub kind: Option<EntryKind>,
    pub position: Option<i64>,
    /// `Some(None)` clears the date.
    pub date: Option<Option<NaiveDate>>,
    pub day: Option<Option<i64>>,
    pub writing_lines: Option<i64>,
    pub starred: Option<bool>,
    /// Replaces the whole tag set.
    pub tags: Option<Vec<String>>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub id: i64,
    pub entry_id: EntryId,
    pub title: String,
    pub body: String,
    pub prompt: String,
    pub origin: Origin,
    pub created_at: i64,
    pub word_count: i64,
    /// The entry's version this text was (none for revisions from before schema 5, and
    /// for a save's own text that was merged rather than stored as it came).
    pub version: Option<i64>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub body: String,
    pub builtin: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WritingPrompt {
    pub id: i64,
    pub category: String,
    pub text: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub entry_id: EntryId,
    pub hash: String,
    pub filename: String,
    pub mime: String,
    pub size: i64,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagCount {
    pub name: String,
    pub entries: i64,
}

/// Which entries a listing returns.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub journal_id: Option<JournalId>,
    pub trashed: bool,
    pub tag: Option<String>,
    pub starred: Option<bool>,
    pub limit: Option<i64>,
}

/// Counts words the way writers count them: runs of letters/digits, apostrophes inside.
pub fn word_count(text: &str) -> i64 {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() || (in_word && (c == '\'' || c == '’')) {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_like_a_writer() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("Hello, world!"), 2);
        assert_eq!(word_count("it's a **bold** move — really"), 5);
        assert_eq!(word_count("Ça va? Très bien."), 4);
    }

    #[test]
    fn kinds_parse_and_print() {
        for k in EntryKind::ALL {
            assert_eq!(k.as_str().parse::<EntryKind>().unwrap(), *k);
        }
        assert!("chapter"
            .parse::<EntryKind>()
            .unwrap_err()
            .contains("intro, commitment"));
    }
}
