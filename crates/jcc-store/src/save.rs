//! Saving an entry's changes: revisions of the text it replaces, autosaves that coalesce
//! within one writer session, and saves from an older version merged, not overwritten.

use crate::entries::{check_lines, date_text, same_tags};
use crate::error::Result;
use crate::model::{word_count, Entry, EntryId, EntryPatch, Origin, Saved};
use crate::Store;
use jcc_merge::{merge_field, merge_text};
use rusqlite::{params, OptionalExtension};

/// An entry's text at one version.
#[derive(Debug, Clone, PartialEq)]
struct Text {
    title: String,
    body: String,
    prompt: String,
}

impl Text {
    fn of(entry: &Entry) -> Self {
        Self {
            title: entry.title.clone(),
            body: entry.body.clone(),
            prompt: entry.prompt.clone(),
        }
    }

    /// A patch's text, with the fields it leaves out taken from `rest`.
    fn from_patch(patch: &EntryPatch, rest: &Text) -> Self {
        Self {
            title: patch
                .title
                .as_deref()
                .map(|t| t.trim().to_string())
                .unwrap_or_else(|| rest.title.clone()),
            body: patch.body.clone().unwrap_or_else(|| rest.body.clone()),
            prompt: patch.prompt.clone().unwrap_or_else(|| rest.prompt.clone()),
        }
    }
}

/// The text to store and what merging it took.
struct Resolved {
    text: Text,
    merged: bool,
    conflicts: usize,
}

impl Store {
    /// Saves changes to an entry. When its text changes, the text it had before is kept
    /// as a revision; a writer's rapid autosaves share one revision per window.
    pub fn update_entry(
        &mut self,
        id: EntryId,
        patch: EntryPatch,
        origin: Origin,
    ) -> Result<Entry> {
        Ok(self.save_entry(id, patch, origin, None)?.entry)
    }

    /// Saves changes to an entry that were made starting from version `base` of its text
    /// (`None`: replace whatever is there). If the entry moved on since `base` (another
    /// writer saved), the two are merged three-way against `base`, paragraph then word;
    /// the text it had and the text this save brought both stay in the history, and a
    /// paragraph that could not merge is kept in both versions with the entry marked for
    /// review. Other fields in the patch are set as given.
    pub fn save_entry(
        &mut self,
        id: EntryId,
        patch: EntryPatch,
        origin: Origin,
        base: Option<i64>,
    ) -> Result<Saved> {
        self.transaction(|s| {
            let current = s.entry(id)?;
            let resolved = s.resolve_text(&current, &patch, base)?;
            let text = resolved.text;
            let lines = check_lines(patch.writing_lines.unwrap_or(current.writing_lines))?;
            let date = patch.date.unwrap_or(current.date);
            let day = patch.day.unwrap_or(current.day);
            let kind = patch.kind.unwrap_or(current.kind);
            let position = patch.position.unwrap_or(current.position);
            let starred = patch.starred.unwrap_or(current.starred);
            let text_changed = text != Text::of(&current);
            let meta_changed = lines != current.writing_lines
                || date != current.date
                || day != current.day
                || kind != current.kind
                || position != current.position
                || starred != current.starred;
            let tags_changed = patch
                .tags
                .as_ref()
                .is_some_and(|t| !same_tags(t, &current.tags));
            let now = s.now();
            let last_writer = s.last_writer(id)?;
            if resolved.merged {
                // Both inputs of the merge stay in the history: the text that was there,
                // and this save's own text as it came.
                s.keep_revision(&current, &last_writer, Origin::Merge, now)?;
                let theirs = Text::from_patch(&patch, &Text::of(&current));
                s.keep_own_revision(id, &theirs, origin, now)?;
            } else if text_changed && s.revision_due(&current, &last_writer, origin, now)? {
                s.keep_revision(&current, &last_writer, origin, now)?;
            }
            if !text_changed && !meta_changed && !tags_changed {
                return Ok(Saved {
                    entry: current,
                    merged: resolved.merged,
                    conflicts: 0,
                });
            }
            let review = current.review_merge || resolved.conflicts > 0;
            let words = word_count(&text.title) + word_count(&text.body);
            let version = if text_changed {
                current.version + 1
            } else {
                current.version
            };
            if text_changed {
                // Only a change of text names the text columns, so only it re-indexes the
                // entry (the search-index trigger fires on UPDATE OF title, body, prompt).
                s.conn
                    .prepare_cached(
                        "UPDATE entries SET title = ?2, body = ?3, prompt = ?4, word_count = ?5,
                            updated_at = ?6, version = ?7, writer = ?8, review_merge = ?9
                         WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        text.title,
                        text.body,
                        text.prompt,
                        words,
                        now,
                        version,
                        s.writer,
                        review
                    ])
                    .map_err(|e| s.map_err(e))?;
            }
            if meta_changed || !text_changed {
                s.conn
                    .prepare_cached(
                        "UPDATE entries SET writing_lines = ?2, entry_date = ?3, day = ?4, kind = ?5,
                            position = ?6, starred = ?7, updated_at = ?8 WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        lines,
                        date_text(date),
                        day,
                        kind.as_str(),
                        position,
                        starred,
                        now
                    ])
                    .map_err(|e| s.map_err(e))?;
            }
            if let Some(tags) = patch.tags.as_ref().filter(|_| tags_changed) {
                s.set_tags(id, tags)?;
            }
            s.touch_journal(current.journal_id, now)?;
            let entry = if tags_changed {
                s.entry(id)?
            } else {
                Entry {
                    title: text.title,
                    body: text.body,
                    prompt: text.prompt,
                    writing_lines: lines,
                    date,
                    day,
                    kind,
                    position,
                    starred,
                    word_count: words,
                    updated_at: now,
                    version,
                    review_merge: review,
                    ..current
                }
            };
            Ok(Saved {
                entry,
                merged: resolved.merged,
                conflicts: resolved.conflicts as i64,
            })
        })
    }

    /// The writer looked at a merged entry: clears its "review merge" mark.
    pub fn clear_review_merge(&mut self, id: EntryId) -> Result<Entry> {
        self.transaction(|s| {
            s.entry(id)?;
            s.conn
                .prepare_cached("UPDATE entries SET review_merge = 0 WHERE id = ?1")?
                .execute([id])
                .map_err(|e| s.map_err(e))?;
            s.entry(id)
        })
    }

    /// The text this save leaves, merged with what others saved since its base.
    fn resolve_text(
        &self,
        current: &Entry,
        patch: &EntryPatch,
        base: Option<i64>,
    ) -> Result<Resolved> {
        let ours = Text::of(current);
        let names_text = patch.title.is_some() || patch.body.is_some() || patch.prompt.is_some();
        let Some(base) = base.filter(|b| names_text && *b != current.version) else {
            return Ok(Resolved {
                text: Text::from_patch(patch, &ours),
                merged: false,
                conflicts: 0,
            });
        };
        // With no ancestor found, an empty base merges the two as a union: every
        // paragraph of each kept, shared ones once.
        let base = self.text_at(current.id, base)?.unwrap_or(Text {
            title: ours.title.clone(),
            body: String::new(),
            prompt: ours.prompt.clone(),
        });
        let theirs = Text::from_patch(patch, &base);
        let body = merge_text(&base.body, &ours.body, &theirs.body);
        let text = Text {
            title: merge_field(&base.title, &ours.title, &theirs.title).value,
            body: body.text,
            prompt: merge_field(&base.prompt, &ours.prompt, &theirs.prompt).value,
        };
        Ok(Resolved {
            text,
            merged: true,
            conflicts: body.conflicts,
        })
    }

    /// The entry's text at `version`, or at the newest kept version before it (a sound
    /// base too: what changed since then is on both sides and merges as the same
    /// change). `None` if no such version was kept.
    fn text_at(&self, id: EntryId, version: i64) -> Result<Option<Text>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT title, body, prompt FROM revisions
                 WHERE entry_id = ?1 AND version IS NOT NULL AND version <= ?2
                 ORDER BY version DESC, id DESC LIMIT 1",
            )?
            .query_row(params![id, version], |r| {
                Ok(Text {
                    title: r.get(0)?,
                    body: r.get(1)?,
                    prompt: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// Keeps the entry's current text, written by `writer`, as a revision.
    pub(crate) fn keep_revision(
        &self,
        of: &Entry,
        writer: &str,
        origin: Origin,
        now: i64,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO revisions (entry_id, title, body, prompt, origin, created_at, version,
                    writer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                of.id,
                of.title,
                of.body,
                of.prompt,
                origin.as_str(),
                now,
                of.version,
                writer
            ])?;
        Ok(())
    }

    /// A save's own text that was merged rather than stored as it came: it was never a
    /// version of the entry, so it has none.
    fn keep_own_revision(&self, id: EntryId, text: &Text, origin: Origin, now: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO revisions (entry_id, title, body, prompt, origin, created_at, writer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                id,
                text.title,
                text.body,
                text.prompt,
                origin.as_str(),
                now,
                self.writer
            ])?;
        Ok(())
    }

    /// Whether the text a save replaces must be kept. A writer's saves coalesce into one
    /// revision per window, but only while they are the last one who wrote: text another
    /// writer saved (the CLI, an import, another window) is always kept.
    fn revision_due(
        &self,
        current: &Entry,
        last_writer: &str,
        origin: Origin,
        now: i64,
    ) -> Result<bool> {
        if origin != Origin::Writer || last_writer != self.writer {
            return Ok(true);
        }
        let last: Option<(String, i64, String)> = self
            .conn
            .prepare_cached(
                "SELECT origin, created_at, writer FROM revisions WHERE entry_id = ?1
                 ORDER BY created_at DESC, id DESC LIMIT 1",
            )?
            .query_row([current.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let editing_session = now - current.updated_at < self.revision_window_ms;
        Ok(match last {
            Some((o, at, w)) if o == "writer" && w == self.writer && editing_session => {
                now - at >= self.revision_window_ms
            }
            _ => true,
        })
    }

    pub(crate) fn last_writer(&self, id: EntryId) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT writer FROM entries WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?)
    }
}
