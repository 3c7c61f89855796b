//! Reviewing a merged entry: the two versions that met, side by side, and keeping one.
//!
//! A merge that could not join a paragraph keeps both versions of it in the text and marks
//! the entry "review merge". The versions that met come from sync's revisions (two devices)
//! or, for two writers of this library (the window and `jcc`), from the entry's history.

use crate::error::AppResult;
use crate::App;
use jcc_store::{Entry, EntryId, EntryPatch, Origin};
use serde::{Deserialize, Serialize};

/// Where a version that met came from.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SideOrigin {
    /// Written on this device (sync).
    ThisDevice,
    /// Arrived from another device (sync).
    OtherDevice,
    /// What the library had when a save met it (another writer of this library).
    Library,
    /// The save that met it.
    Save,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeSide {
    pub origin: SideOrigin,
    pub title: String,
    pub body: String,
}

/// An entry marked for review with the versions its merge joined (earlier first).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeReview {
    pub entry: Entry,
    pub sides: Vec<MergeSide>,
}

impl App {
    /// The versions that met in the merge behind an entry marked for review.
    pub fn entry_merge_review(&self, id: EntryId) -> AppResult<MergeReview> {
        let store = self.store();
        let entry = store.entry(id)?;
        let entity = format!("entry/{}", entry.uuid);
        let synced = jcc_sync::review::merge_sides(store.connection(), &entity)?;
        let sides = match synced {
            Some((a, b)) => [a, b]
                .into_iter()
                .map(|s| MergeSide {
                    origin: if s.from_here {
                        SideOrigin::ThisDevice
                    } else {
                        SideOrigin::OtherDevice
                    },
                    title: s.title,
                    body: s.body,
                })
                .collect(),
            None => local_sides(&store.revisions(id)?),
        };
        Ok(MergeReview { entry, sides })
    }

    /// Keeps one version (or the writer's own choice of words) as the entry's text and
    /// clears its mark. `base` is the version the writer reviewed: a save made since then
    /// is merged in, not overwritten.
    pub fn entry_keep_version(
        &self,
        id: EntryId,
        title: String,
        body: String,
        base: i64,
    ) -> AppResult<Entry> {
        let mut store = self.store();
        let patch = EntryPatch {
            title: Some(title),
            body: Some(body),
            ..Default::default()
        };
        let saved = store.save_entry(id, patch, Origin::Writer, Some(base))?;
        // A save that met yet another change and could not join it stays marked.
        let entry = if saved.conflicts > 0 {
            saved.entry
        } else {
            store.clear_review_merge(id)?
        };
        drop(store);
        self.emit_entry(&entry);
        Ok(entry)
    }
}

/// A save that met another writer's keeps both texts in the history at the same moment: the
/// one the library had (origin "merge") and the save's own.
fn local_sides(revisions: &[jcc_store::Revision]) -> Vec<MergeSide> {
    let Some(had) = revisions.iter().find(|r| r.origin == Origin::Merge) else {
        return Vec::new();
    };
    let save = revisions
        .iter()
        .find(|r| r.created_at == had.created_at && r.origin != Origin::Merge);
    let mut sides = vec![MergeSide {
        origin: SideOrigin::Library,
        title: had.title.clone(),
        body: had.body.clone(),
    }];
    if let Some(s) = save {
        sides.push(MergeSide {
            origin: SideOrigin::Save,
            title: s.title.clone(),
            body: s.body.clone(),
        });
    }
    sides
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AddEntry, AppPaths};

    /// Two writers of one library (the window and `jcc`) changed the same words: the
    /// review shows what the entry had and the save that met it; keeping one clears the
    /// mark and a later save builds on it.
    #[test]
    fn a_local_merge_shows_both_texts_and_keeping_one_clears_the_mark() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(AppPaths::new(
            dir.path().join("data"),
            dir.path().join("config"),
        ))
        .unwrap();
        let e = app
            .entry_add(AddEntry {
                journal: Some("Diary".into()),
                body: "We met at noon.".into(),
                ..Default::default()
            })
            .unwrap();
        let base = e.version;
        let text = |body: &str| EntryPatch {
            body: Some(body.into()),
            ..Default::default()
        };
        app.entry_save(e.id, text("We met at one."), Some(base))
            .unwrap();
        let saved = app
            .entry_save(e.id, text("We met at two."), Some(base))
            .unwrap();
        assert!(saved.entry.review_merge);

        let review = app.entry_merge_review(e.id).unwrap();
        let sides: Vec<_> = review
            .sides
            .iter()
            .map(|s| (s.origin, s.body.as_str()))
            .collect();
        assert_eq!(
            sides,
            [
                (SideOrigin::Library, "We met at one."),
                (SideOrigin::Save, "We met at two.")
            ]
        );

        let kept = app
            .entry_keep_version(
                e.id,
                String::new(),
                "We met at two.".into(),
                review.entry.version,
            )
            .unwrap();
        assert_eq!(kept.body, "We met at two.");
        assert!(!kept.review_merge);
    }

    #[test]
    fn keeping_a_version_after_another_save_merges_instead_of_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(AppPaths::new(
            dir.path().join("data"),
            dir.path().join("config"),
        ))
        .unwrap();
        let e = app
            .entry_add(AddEntry {
                journal: Some("Diary".into()),
                body: "First paragraph.\n\nSecond paragraph.".into(),
                ..Default::default()
            })
            .unwrap();
        let reviewed = e.version;
        // Saved elsewhere while the writer looked at the review.
        app.entry_save(
            e.id,
            EntryPatch {
                body: Some("First paragraph.\n\nSecond paragraph, and a late thought.".into()),
                ..Default::default()
            },
            Some(reviewed),
        )
        .unwrap();
        let kept = app
            .entry_keep_version(
                e.id,
                String::new(),
                "First paragraph, kept.\n\nSecond paragraph.".into(),
                reviewed,
            )
            .unwrap();
        assert!(
            kept.body.contains("kept") && kept.body.contains("late thought"),
            "{}",
            kept.body
        );
    }
}
