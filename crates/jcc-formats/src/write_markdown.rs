//! Markdown folder exporter: one file per entry, attachments beside them, `journal.yaml`.

use std::collections::HashSet;
use std::path::Path;

use crate::frontmatter::{self, WrittenAttachment};
use crate::fsio::Sync;
use crate::text::{safe_file_name, sha256_prefix, slugify};
use crate::{fsio, journal_yaml, FormatError, PortableEntry, PortableJournal};

const ATTACHMENTS_DIR: &str = "attachments";

/// Writes `journal` into `out_dir` as `NNNN-YYYY-MM-DD-slug.md` files (or `NNNN-slug.md`
/// without a date; `NNNN` counts in position order), attachments under
/// `attachments/<sha256 prefix>-<name>`, and `journal.yaml` with the journal's fields.
///
/// `out_dir` may be missing, empty, or a previous export (which is brought up to date: its
/// entry files and attachments that are no longer in the journal are removed, other files
/// such as `.git` are kept). Any other non-empty folder is refused.
#[tracing::instrument(skip_all, fields(path = %out_dir.display(), entries = journal.entries.len()), err)]
pub fn write_markdown(journal: &PortableJournal, out_dir: &Path) -> Result<(), FormatError> {
    prepare_dir(out_dir)?;

    let mut order: Vec<&PortableEntry> = journal.entries.iter().collect();
    order.sort_by_key(|e| e.position); // stable: equal positions keep their order
    let width = order.len().to_string().len().max(4);

    let mut written: HashSet<String> = HashSet::new();
    let mut written_attachments: HashSet<String> = HashSet::new();
    for (i, entry) in order.iter().enumerate() {
        let mut links = Vec::with_capacity(entry.attachments.len());
        for att in &entry.attachments {
            let stored = format!(
                "{}-{}",
                sha256_prefix(&att.data, 16),
                safe_file_name(&att.filename)
            );
            if written_attachments.insert(stored.clone()) {
                let dir = out_dir.join(ATTACHMENTS_DIR);
                std::fs::create_dir_all(&dir).map_err(|e| FormatError::io(&dir, "create", e))?;
                fsio::write_bytes_atomic(&dir.join(&stored), Sync::Fast, &att.data)?;
            }
            links.push(WrittenAttachment {
                path: format!("{ATTACHMENTS_DIR}/{stored}"),
                name: &att.filename,
                mime: &att.mime,
            });
        }
        let name = entry_file_name(i + 1, width, entry);
        let path = out_dir.join(&name);
        let text =
            frontmatter::render_entry(entry, &links).map_err(|reason| FormatError::Encode {
                path: path.clone(),
                reason,
            })?;
        fsio::write_bytes_atomic(&path, Sync::Fast, text.as_bytes())?;
        written.insert(name);
    }

    let meta_path = out_dir.join(journal_yaml::FILE_NAME);
    let yaml = journal_yaml::render(&journal.journal).map_err(|reason| FormatError::Encode {
        path: meta_path.clone(),
        reason,
    })?;
    fsio::write_bytes_atomic(&meta_path, Sync::Fast, yaml.as_bytes())?;

    // Last, so that a failed export never leaves the folder with fewer entries than before.
    remove_stale(out_dir, &written, &written_attachments)
}

/// `0007-2024-01-31-a-walk.md`.
fn entry_file_name(n: usize, width: usize, entry: &PortableEntry) -> String {
    let mut slug = slugify(&entry.title, 50);
    if slug.is_empty() {
        slug = "entry".to_owned();
    }
    match entry.date {
        Some(d) => format!("{n:0width$}-{}-{slug}.md", d.format("%Y-%m-%d")),
        None => format!("{n:0width$}-{slug}.md"),
    }
}

/// Creates `dir`, or checks that it is empty (hidden files aside) or a previous export.
fn prepare_dir(dir: &Path) -> Result<(), FormatError> {
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return std::fs::create_dir_all(dir).map_err(|e| FormatError::io(dir, "create", e));
        }
        Err(e) => return Err(FormatError::io(dir, "read", e)),
        Ok(m) if !m.is_dir() => {
            return Err(FormatError::WrongKindOfPath {
                path: dir.to_owned(),
                found: "a file",
                needed: "a folder to export into",
                format: crate::Format::Markdown,
            })
        }
        Ok(_) => {}
    }
    let has_visible_files = std::fs::read_dir(dir)
        .map_err(|e| FormatError::io(dir, "list", e))?
        .flatten()
        .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
    if has_visible_files && !journal_yaml::is_jcc_export(dir) {
        return Err(FormatError::OutDirNotEmpty {
            path: dir.to_owned(),
        });
    }
    Ok(())
}

/// Is `name` a file this exporter writes for an entry (`<digits>-….md`)?
fn is_entry_file_name(name: &str) -> bool {
    let Some((num, rest)) = name.split_once('-') else {
        return false;
    };
    !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) && rest.ends_with(".md")
}

fn remove_stale(
    dir: &Path,
    entries: &HashSet<String>,
    attachments: &HashSet<String>,
) -> Result<(), FormatError> {
    let remove =
        |path: &Path| std::fs::remove_file(path).map_err(|e| FormatError::io(path, "remove", e));
    for item in std::fs::read_dir(dir)
        .map_err(|e| FormatError::io(dir, "list", e))?
        .flatten()
    {
        let name = item.file_name().to_string_lossy().into_owned();
        if item.path().is_file() && is_entry_file_name(&name) && !entries.contains(&name) {
            remove(&item.path())?;
        }
    }
    let att_dir = dir.join(ATTACHMENTS_DIR);
    if let Ok(items) = std::fs::read_dir(&att_dir) {
        for item in items.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            if item.path().is_file() && !attachments.contains(&name) {
                remove(&item.path())?;
            }
        }
        if attachments.is_empty() {
            // Only succeeds when empty, which is what we want.
            let _ = std::fs::remove_dir(&att_dir);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_file_names_follow_the_pattern() {
        let mut e = PortableEntry {
            title: "A walk, by the sea!".into(),
            ..PortableEntry::default()
        };
        assert_eq!(entry_file_name(7, 4, &e), "0007-a-walk-by-the-sea.md");
        e.date = chrono::NaiveDate::from_ymd_opt(2024, 1, 31);
        assert_eq!(
            entry_file_name(12345, 5, &e),
            "12345-2024-01-31-a-walk-by-the-sea.md"
        );
        e.title = "!!!".into();
        assert_eq!(entry_file_name(1, 4, &e), "0001-2024-01-31-entry.md");
        assert!(is_entry_file_name("0001-x.md") && !is_entry_file_name("notes.md"));
        assert!(!is_entry_file_name("-x.md") && !is_entry_file_name("0001-x.txt"));
    }
}
