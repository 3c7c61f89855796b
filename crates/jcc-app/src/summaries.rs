//! Entry lists for a window: each entry without its body, plus a one-line excerpt, so a
//! 10,000-entry journal's list is small enough to send and draw at once.

use crate::entries::ListEntries;
use crate::error::AppResult;
use crate::App;
use chrono::NaiveDate;
use jcc_store::{Entry, EntryId, EntryKind, JournalId};
use serde::{Deserialize, Serialize};

const EXCERPT_CHARS: usize = 120;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntrySummary {
    pub id: EntryId,
    pub journal_id: JournalId,
    pub kind: EntryKind,
    pub position: i64,
    pub date: Option<NaiveDate>,
    pub day: Option<i64>,
    pub title: String,
    /// The start of the body as plain text on one line.
    pub excerpt: String,
    pub starred: bool,
    pub word_count: i64,
    pub tags: Vec<String>,
    pub updated_at: i64,
    pub trashed_at: Option<i64>,
    /// A merge kept both versions of a paragraph: shown with a "review merge" mark.
    pub review_merge: bool,
}

impl From<Entry> for EntrySummary {
    fn from(e: Entry) -> Self {
        Self {
            excerpt: excerpt(&e.body),
            id: e.id,
            journal_id: e.journal_id,
            kind: e.kind,
            position: e.position,
            date: e.date,
            day: e.day,
            title: e.title,
            starred: e.starred,
            word_count: e.word_count,
            tags: e.tags,
            updated_at: e.updated_at,
            trashed_at: e.trashed_at,
            review_merge: e.review_merge,
        }
    }
}

impl App {
    pub fn entry_summaries(&self, input: ListEntries) -> AppResult<Vec<EntrySummary>> {
        Ok(self
            .entry_list(input)?
            .into_iter()
            .map(EntrySummary::from)
            .collect())
    }
}

/// The first words of a Markdown body: line markers (`#`, `>`, `-`, `*`) and emphasis
/// dropped, whitespace collapsed, cut at a word near [`EXCERPT_CHARS`].
fn excerpt(body: &str) -> String {
    let mut out = String::new();
    for line in body.lines() {
        let text = line
            .trim_start()
            .trim_start_matches(['#', '>', '-', '*', '+'])
            .replace(['*', '_', '`'], "");
        for word in text.split_whitespace() {
            if out.chars().count() + word.chars().count() + 1 > EXCERPT_CHARS {
                out.push('…');
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_are_plain_one_line_and_short() {
        assert_eq!(
            excerpt("# Morning\n\n> **Grateful** for _coffee_\n- and `sun`"),
            "Morning Grateful for coffee and sun"
        );
        let long = "word ".repeat(100);
        let e = excerpt(&long);
        assert!(e.ends_with('…') && e.chars().count() <= 121, "{e}");
        assert_eq!(excerpt(""), "");
    }
}
