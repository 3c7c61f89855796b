//! Text the window could not save yet, kept outside the library until a save of it is
//! confirmed: one small JSON file per entry in `<data dir>/drafts/`, each written
//! atomically and durably. When saves keep failing (a read-only or damaged library, a
//! full disk), what the writer typed survives closing the window or a crash, and the next
//! start offers it back.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use jcc_formats::FormatError;
use jcc_store::EntryId;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the writer typed into one entry and the library has not confirmed: the fields
/// that changed (a field left out is as the library has it).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub entry_id: EntryId,
    pub title: Option<String>,
    pub body: Option<String>,
    /// The version of the entry's text these words started from, so putting them back
    /// merges with whatever was saved since instead of overwriting it.
    #[serde(default)]
    pub base: Option<i64>,
}

/// A draft found on disk, with when it was kept and what the entry is called now.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptDraft {
    pub draft: Draft,
    /// Milliseconds since the Unix epoch.
    pub kept_at: i64,
    /// The entry's title in the library (`None` when the entry is gone or unreadable).
    pub entry_title: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct DraftFile {
    #[serde(flatten)]
    draft: Draft,
    kept_at: i64,
}

/// The drafts folder.
#[derive(Debug, Clone)]
pub struct Drafts {
    dir: PathBuf,
}

impl Drafts {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file(&self, entry: EntryId) -> PathBuf {
        self.dir.join(format!("entry-{entry}.json"))
    }

    /// Keeps `draft` (replacing an older one of the same entry) and returns its file.
    pub fn keep(&self, draft: &Draft, kept_at: i64) -> AppResult<PathBuf> {
        std::fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, "create", e))?;
        let path = self.file(draft.entry_id);
        let json = serde_json::to_vec_pretty(&DraftFile {
            draft: draft.clone(),
            kept_at,
        })
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        jcc_formats::write_file_durably(&path, &json).map_err(|e| match e {
            FormatError::Io { path, source, .. } => io_error(&path, "write", source),
            other => AppError::new(ErrorCode::Io, other.to_string()),
        })?;
        Ok(path)
    }

    /// Every kept draft with when it was kept, oldest first. A file that cannot be read
    /// is left where it is (logged), never deleted.
    pub fn list(&self) -> AppResult<Vec<(Draft, i64)>> {
        let dir = match std::fs::read_dir(&self.dir) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(&self.dir, "read", e)),
        };
        let mut drafts = Vec::new();
        for item in dir.flatten() {
            let path = item.path();
            let name = item.file_name();
            let name = name.to_string_lossy();
            if !(name.starts_with("entry-") && name.ends_with(".json")) {
                continue;
            }
            match std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| serde_json::from_slice::<DraftFile>(&b).map_err(|e| e.to_string()))
            {
                Ok(f) => drafts.push((f.draft, f.kept_at)),
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "unreadable draft left in place")
                }
            }
        }
        drafts.sort_by_key(|(d, at)| (*at, d.entry_id));
        Ok(drafts)
    }

    /// Removes the entry's draft (its text is in the library now, or the writer let it
    /// go); no draft is fine.
    pub fn remove(&self, entry: EntryId) -> AppResult<()> {
        let path = self.file(entry);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error(&path, "remove", e)),
        }
    }
}

fn io_error(path: &Path, action: &str, e: std::io::Error) -> AppError {
    file_error("the unsaved-text copy", path, action, e)
}

fn file_error(what: &str, path: &Path, action: &str, e: std::io::Error) -> AppError {
    // ENOSPC / EDQUOT: the disk (or the writer's quota) is full.
    let code = match e.raw_os_error() {
        Some(28) | Some(122) => ErrorCode::DiskFull,
        _ => ErrorCode::Io,
    };
    AppError::new(
        code,
        format!("could not {action} {what} {}: {e}", path.display()),
    )
}

impl App {
    fn drafts(&self) -> AppResult<Drafts> {
        self.paths
            .as_ref()
            .map(|p| Drafts::new(p.drafts_dir()))
            .ok_or_else(|| AppError::new(ErrorCode::Config, "a library in memory keeps no drafts"))
    }

    /// Keeps text the library could not take yet, until [`App::draft_discard`].
    pub fn draft_keep(&self, draft: Draft) -> AppResult<()> {
        self.drafts()?
            .keep(&draft, chrono::Utc::now().timestamp_millis())
            .map(|_| ())
    }

    /// Drafts left from earlier (a window closed or stopped while saves failed).
    pub fn draft_list(&self) -> AppResult<Vec<KeptDraft>> {
        let drafts = self.drafts()?.list()?;
        let store = self.store();
        Ok(drafts
            .into_iter()
            .map(|(draft, kept_at)| KeptDraft {
                entry_title: store.entry(draft.entry_id).ok().map(|e| e.title),
                draft,
                kept_at,
            })
            .collect())
    }

    pub fn draft_discard(&self, entry: EntryId) -> AppResult<()> {
        self.drafts()?.remove(entry)
    }

    /// Writes the kept drafts of `entries` as one Markdown file at `path` (a heading per
    /// entry; a field the draft left out is taken from the library).
    pub fn draft_export(&self, entries: &[EntryId], path: &Path) -> AppResult<()> {
        let drafts = self.drafts()?.list()?;
        let store = self.store();
        let mut out = String::new();
        for (draft, _) in drafts.iter().filter(|(d, _)| entries.contains(&d.entry_id)) {
            let stored = store.entry(draft.entry_id).ok();
            let title = draft
                .title
                .clone()
                .or_else(|| stored.as_ref().map(|e| e.title.clone()))
                .unwrap_or_default();
            let body = draft
                .body
                .clone()
                .or_else(|| stored.as_ref().map(|e| e.body.clone()))
                .unwrap_or_default();
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            if !title.trim().is_empty() {
                out.push_str(&format!("# {}\n\n", title.trim()));
            }
            out.push_str(body.trim_end());
            out.push('\n');
        }
        drop(store);
        if out.is_empty() {
            return Err(AppError::new(
                ErrorCode::NotFound,
                "there is no kept text for those entries",
            ));
        }
        jcc_formats::write_file_durably(path, out.as_bytes()).map_err(|e| match e {
            FormatError::Io { path, source, .. } => {
                let e = file_error("the file", &path, "write", source);
                AppError::new(e.code, format!("{}; choose another folder", e.message))
            }
            other => AppError::new(ErrorCode::Io, other.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AddEntry, AppPaths};

    fn draft(entry_id: EntryId, body: &str) -> Draft {
        Draft {
            base: None,
            entry_id,
            title: None,
            body: Some(body.into()),
        }
    }

    #[test]
    fn a_kept_draft_is_listed_replaced_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(dir.path().join("drafts"));
        assert!(
            drafts.list().unwrap().is_empty(),
            "no folder yet is no drafts"
        );
        let path = drafts.keep(&draft(7, "first words"), 1_000).unwrap();
        drafts.keep(&draft(3, "other entry"), 2_000).unwrap();
        // A newer copy of entry 7 replaces the older one whole.
        drafts
            .keep(&draft(7, "first words, and more"), 3_000)
            .unwrap();
        let listed = drafts.list().unwrap();
        assert_eq!(
            listed,
            vec![
                (draft(3, "other entry"), 2_000),
                (draft(7, "first words, and more"), 3_000)
            ]
        );
        // Written through a temp file renamed over: only the two drafts are in the folder.
        let names: Vec<_> = std::fs::read_dir(drafts.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains("first words, and more"));

        drafts.remove(7).unwrap();
        drafts.remove(7).unwrap();
        assert_eq!(
            drafts.list().unwrap(),
            vec![(draft(3, "other entry"), 2_000)]
        );
    }

    #[test]
    fn an_unreadable_draft_is_left_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(dir.path().to_path_buf());
        std::fs::write(dir.path().join("entry-9.json"), "{ half a fi").unwrap();
        drafts.keep(&draft(1, "fine"), 5).unwrap();
        assert_eq!(drafts.list().unwrap(), vec![(draft(1, "fine"), 5)]);
        assert!(dir.path().join("entry-9.json").exists());
    }

    #[test]
    fn drafts_live_beside_the_library_and_export_as_markdown() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(AppPaths::new(
            dir.path().join("data"),
            dir.path().join("config"),
        ))
        .unwrap();
        let e = app
            .entry_add(AddEntry {
                journal: Some("Days".into()),
                title: "Harbour".into(),
                body: "saved words".into(),
                ..Default::default()
            })
            .unwrap();
        app.draft_keep(draft(e.id, "saved words and unsaved ones"))
            .unwrap();
        assert!(dir
            .path()
            .join(format!("data/drafts/entry-{}.json", e.id))
            .is_file());
        let kept = app.draft_list().unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].entry_title.as_deref(), Some("Harbour"));
        assert_eq!(
            kept[0].draft.body.as_deref(),
            Some("saved words and unsaved ones")
        );

        let out = dir.path().join("rescued.md");
        app.draft_export(&[e.id], &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "# Harbour\n\nsaved words and unsaved ones\n"
        );
        app.draft_discard(e.id).unwrap();
        assert!(app.draft_list().unwrap().is_empty());
        let err = app.draft_export(&[e.id], &out).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
    }
}
