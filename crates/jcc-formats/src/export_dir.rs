//! A Markdown export is written into a temp folder beside its destination and swapped into
//! place whole, so an export cut at any point (a crash, `kill -9`, a full disk) leaves
//! the previous export exactly as it was, never a folder of half old, half new files.
//!
//! Files are written without an fsync each (thousands of fsyncs made a long diary's export
//! take minutes); one fsync of the new folder before the swap and one of its parent after
//! make the folder and the swap durable. The files' contents are left to the file system
//! to write back: a sync of the whole file system (`syncfs`) was tried and, on a disk
//! shared with other busy programs, made a 10,000-entry export wait 20 s for their writes.
//! An export can always be made again from the library.

use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::folder::Folder;
use crate::{journal_yaml, FormatError};

/// The name of our temp folders beside `out`: `.<name>.jcc-export-<random>`, holding a new
/// export being written or, for a moment after the swap, the previous one.
fn temp_prefix(out: &Path) -> OsString {
    let mut p = OsString::from(".");
    p.push(out.file_name().unwrap_or_default());
    p.push(".jcc-export-");
    p
}

/// The folder an export is being written into, until [`ExportDir::commit`].
#[derive(Debug)]
pub(crate) struct ExportDir {
    out: PathBuf,
    parent: PathBuf,
    /// Dropped without commit (an error), it deletes itself.
    tmp: Option<tempfile::TempDir>,
    /// `out` exists and is a previous export to replace.
    replaces: bool,
    /// The temp folder, open.
    new: Folder,
    /// The previous export, open, to take its unchanged files from.
    old: Option<Folder>,
    /// Hard links work here: cleared at the first that fails (a file system without them).
    links: AtomicBool,
}

impl ExportDir {
    /// Checks `out` (missing, empty, or a previous JCC export), clears what an earlier cut
    /// export left beside it, and makes the temp folder.
    pub(crate) fn begin(out: &Path) -> Result<Self, FormatError> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        if out.file_name().is_none() {
            return Err(FormatError::WrongKindOfPath {
                path: out.to_owned(),
                found: "a path with no folder name",
                needed: "a folder to export into",
                format: crate::Format::Markdown,
            });
        }
        let replaces = check_out(out)?;
        std::fs::create_dir_all(&parent).map_err(|e| FormatError::io(&parent, "create", e))?;
        recover_leftovers(out, &parent)?;
        let tmp = tempfile::Builder::new()
            .prefix(&temp_prefix(out))
            .tempdir_in(&parent)
            .map_err(|e| FormatError::io(&parent, "create a folder in", e))?;
        let new = Folder::open(tmp.path()).map_err(|e| FormatError::io(tmp.path(), "open", e))?;
        // Without the previous export open, every file is written afresh.
        let old = replaces.then(|| Folder::open(out).ok()).flatten();
        Ok(Self {
            out: out.to_owned(),
            parent,
            tmp: Some(tmp),
            replaces,
            new,
            old,
            links: AtomicBool::new(true),
        })
    }

    /// Where `rel` in the new export is, in the temp folder.
    pub(crate) fn join(&self, rel: &str) -> PathBuf {
        self.new.join(rel)
    }

    /// Puts a file at `rel` in the new export. When the previous export has the same
    /// bytes there, its file is hard-linked in instead of written again: a re-export
    /// leaves unchanged files as they were (same file, same modification time) for
    /// backup and sync tools, and creates and removes only what changed. That also keeps
    /// clear of a trap of ext4 without a journal, which skips inodes freed in the last
    /// minutes when it allocates one: a new export right after the last, writing every
    /// file afresh, took seconds.
    pub(crate) fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), FormatError> {
        if let Some(old) = self.old.as_ref() {
            if self.links.load(Ordering::Relaxed) && old.holds(rel, bytes) {
                match old.link_into(rel, &self.new) {
                    Ok(()) => return Ok(()),
                    Err(e) => {
                        tracing::debug!(error = %e, "hard links fail here; writing every file");
                        self.links.store(false, Ordering::Relaxed);
                    }
                }
            }
        }
        // The temp folder is new and unseen: no temp name and rename per file.
        self.new
            .create(rel, bytes)
            .map_err(|e| FormatError::io(&self.new.join(rel), "write", e))
    }

    /// Syncs the new folder, puts it in place of `out`
    /// (carrying over the writer's own files from the previous export, such as `.git`),
    /// and removes the previous export.
    pub(crate) fn commit(mut self) -> Result<(), FormatError> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let new = tmp.keep();
        sync_dir(&new);
        if !self.replaces {
            rename(&new, &self.out)?;
        } else {
            // Cut after the swap, the previous export waits under a temp name and the
            // next export gives back the writer's files it holds (`recover_leftovers`).
            let old = swap_in(&new, &self.out)?;
            carry_over(&old, &self.out)?;
            remove_export(&old)?;
        }
        sync_dir(&self.parent);
        Ok(())
    }
}

/// `Ok(true)`: `out` is a previous export to replace; `Ok(false)`: missing or empty.
fn check_out(out: &Path) -> Result<bool, FormatError> {
    match std::fs::metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(FormatError::io(out, "read", e)),
        Ok(m) if !m.is_dir() => {
            return Err(FormatError::WrongKindOfPath {
                path: out.to_owned(),
                found: "a file",
                needed: "a folder to export into",
                format: crate::Format::Markdown,
            })
        }
        Ok(_) => {}
    }
    let mut items = std::fs::read_dir(out).map_err(|e| FormatError::io(out, "list", e))?;
    if items.next().is_none() {
        // An empty folder is replaced like a previous export (it may be a mount point's
        // child the writer made on purpose; swapping keeps its name).
        return Ok(true);
    }
    let has_visible_files = std::fs::read_dir(out)
        .map_err(|e| FormatError::io(out, "list", e))?
        .flatten()
        .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
    if has_visible_files && !journal_yaml::is_jcc_export(out) {
        return Err(FormatError::OutDirNotEmpty {
            path: out.to_owned(),
        });
    }
    Ok(true)
}

/// Folders an earlier export left when it was cut: a half-written new export, or the
/// previous one swapped out. Either way the writer's own files in it (a `.git`, notes)
/// go back into `out` first; a half-written export holds none. Left alone while `out`
/// is missing (there is nowhere to put those files back).
fn recover_leftovers(out: &Path, parent: &Path) -> Result<(), FormatError> {
    if !out.is_dir() {
        return Ok(());
    }
    let prefix = temp_prefix(out).to_string_lossy().into_owned();
    let Ok(items) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    for item in items.flatten() {
        let path = item.path();
        if item.file_name().to_string_lossy().starts_with(&prefix) && path.is_dir() {
            tracing::info!(path = %path.display(), "clearing what a cut export left");
            carry_over(&path, out)?;
            remove_export(&path)?;
        }
    }
    Ok(())
}

/// Whether `name` at the top of an export folder is one the exporter writes (and so is
/// replaced), rather than the writer's own (kept).
pub(crate) fn written_by_export(name: &str) -> bool {
    name == journal_yaml::FILE_NAME
        || name == crate::write_markdown::ATTACHMENTS_DIR
        || crate::write_markdown::is_entry_file_name(name)
}

/// Removes a previous or half-written export folder (the writer's own files were moved
/// out of it). Two threads unlink its entry files first (for files freed whole, 10,000
/// take two-thirds of the time of one thread; hard-linked ones gain nothing); then
/// `remove_dir_all` removes the rest and reports what it could not.
fn remove_export(dir: &Path) -> Result<(), FormatError> {
    let folder = Folder::open(dir).map_err(|e| FormatError::io(dir, "open", e))?;
    let files: Vec<OsString> = std::fs::read_dir(dir)
        .map_err(|e| FormatError::io(dir, "list", e))?
        .flatten()
        .filter(|item| item.file_type().is_ok_and(|t| t.is_file()))
        .map(|item| item.file_name())
        .collect();
    let (first, second) = files.split_at(files.len() / 2);
    let unlink = |files: &[OsString]| files.iter().for_each(|f| drop(folder.unlink(f)));
    std::thread::scope(|scope| {
        scope.spawn(|| unlink(second));
        unlink(first);
    });
    std::fs::remove_dir_all(dir).map_err(|e| FormatError::io(dir, "remove", e))
}

/// Moves the writer's own files (anything the export does not write) from `old` to `new`.
fn carry_over(old: &Path, new: &Path) -> Result<(), FormatError> {
    for item in std::fs::read_dir(old)
        .map_err(|e| FormatError::io(old, "list", e))?
        .flatten()
    {
        let name = item.file_name();
        if written_by_export(&name.to_string_lossy()) || new.join(&name).exists() {
            continue;
        }
        rename(&item.path(), &new.join(&name))?;
    }
    Ok(())
}

/// Puts `new` at `out` and returns where the previous `out` now is. On Linux one atomic
/// exchange: there is no moment without a complete export at `out`. Elsewhere two
/// renames, with a moment between them where `out` is missing.
fn swap_in(new: &Path, out: &Path) -> Result<PathBuf, FormatError> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            return Ok(new.to_owned());
        }
        // Some file systems cannot exchange: fall through to two renames.
    }
    let mut old = new.as_os_str().to_owned();
    old.push("-old");
    let old = PathBuf::from(old);
    rename(out, &old)?;
    rename(new, out)?;
    Ok(old)
}

fn rename(from: &Path, to: &Path) -> Result<(), FormatError> {
    std::fs::rename(from, to).map_err(|e| FormatError::io(to, "move a folder to", e))
}

/// The renames live in the folder: sync it (not every platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}
