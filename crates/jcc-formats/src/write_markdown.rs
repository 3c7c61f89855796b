//! Markdown folder exporter: one file per entry, attachments beside them, `journal.yaml`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::export_dir::ExportDir;
use crate::frontmatter::{self, WrittenAttachment};
use crate::text::{safe_file_name, sha256_prefix, slugify};
use crate::{journal_yaml, FormatError, PortableEntry, PortableJournal, PortableJournalMeta};

pub(crate) const ATTACHMENTS_DIR: &str = "attachments";

/// Writes `journal` into `out_dir` as `NNNN-YYYY-MM-DD-slug.md` files (or `NNNN-slug.md`
/// without a date; `NNNN` counts in position order), attachments under
/// `attachments/<sha256 prefix>-<name>`, and `journal.yaml` with the journal's fields.
///
/// `out_dir` may be missing, empty, or a previous export (which is replaced whole; the
/// writer's own files in it, such as `.git`, are kept). Any other non-empty folder is
/// refused. See [`MarkdownWriter`] for how the folder is written.
#[tracing::instrument(skip_all, fields(path = %out_dir.display(), entries = journal.entries.len()), err)]
pub fn write_markdown(journal: &PortableJournal, out_dir: &Path) -> Result<(), FormatError> {
    let mut order: Vec<&PortableEntry> = journal.entries.iter().collect();
    order.sort_by_key(|e| e.position); // stable: equal positions keep their order
    let mut w = MarkdownWriter::begin(out_dir, &journal.journal, order.len())?;
    for entry in order {
        w.write_entry(entry)?;
    }
    w.finish()
}

/// A Markdown export written one entry at a time, so a journal of any length needs the
/// memory of one entry. The files go into a temp folder beside `out_dir` with no fsync
/// each; [`MarkdownWriter::finish`] syncs the folder once and swaps it into place, so an
/// export cut short leaves the previous one untouched.
///
/// Rendering and writing are separate steps ([`MarkdownRenderer::render`], then
/// [`MarkdownWriter::write_rendered`]) so a caller can render on one thread while another
/// creates the files: creating files is most of an export's time. (A second writer
/// thread was tried: it queued on the folder's lock and made exports slower.)
#[derive(Debug)]
pub struct MarkdownWriter {
    dir: ExportDir,
    renderer: MarkdownRenderer,
    attachments_dir: bool,
}

/// Turns entries into the files of a Markdown export, in order: numbers the file names
/// and writes each attachment's bytes once however many entries link it.
#[derive(Debug, Clone)]
pub struct MarkdownRenderer {
    width: usize,
    written: usize,
    attachments: HashSet<String>,
}

/// One entry's files, ready to write: the entry's file and the attachments it brings
/// that no earlier entry did.
#[derive(Debug)]
pub struct RenderedEntry {
    name: String,
    text: String,
    attachments: Vec<(String, Vec<u8>)>,
}

impl MarkdownRenderer {
    /// Renders the next entry (entries come in position order).
    pub fn render(&mut self, entry: &PortableEntry) -> Result<RenderedEntry, FormatError> {
        let mut links = Vec::with_capacity(entry.attachments.len());
        let mut new_files = Vec::new();
        for att in &entry.attachments {
            let stored = format!(
                "{}-{}",
                sha256_prefix(&att.data, 16),
                safe_file_name(&att.filename)
            );
            if self.attachments.insert(stored.clone()) {
                new_files.push((stored.clone(), att.data.clone()));
            }
            links.push(WrittenAttachment {
                path: format!("{ATTACHMENTS_DIR}/{stored}"),
                name: &att.filename,
                mime: &att.mime,
            });
        }
        self.written += 1;
        let name = entry_file_name(self.written, self.width, entry);
        let text =
            frontmatter::render_entry(entry, &links).map_err(|reason| FormatError::Encode {
                path: PathBuf::from(&name),
                reason,
            })?;
        Ok(RenderedEntry {
            name,
            text,
            attachments: new_files,
        })
    }
}

impl MarkdownWriter {
    /// Starts an export of a journal with `entries` entries (it sets the width of the
    /// numbers in the file names) into `out_dir`.
    pub fn begin(
        out_dir: &Path,
        journal: &PortableJournalMeta,
        entries: usize,
    ) -> Result<Self, FormatError> {
        let dir = ExportDir::begin(out_dir)?;
        let yaml = journal_yaml::render(journal).map_err(|reason| FormatError::Encode {
            path: dir.join(journal_yaml::FILE_NAME),
            reason,
        })?;
        dir.put(journal_yaml::FILE_NAME, yaml.as_bytes())?;
        Ok(Self {
            dir,
            renderer: MarkdownRenderer {
                width: entries.to_string().len().max(4),
                written: 0,
                attachments: HashSet::new(),
            },
            attachments_dir: false,
        })
    }

    /// A renderer for this export's entries, to use instead of [`Self::write_entry`]
    /// (on another thread, say); its results go to [`Self::write_rendered`] in order.
    pub fn renderer(&self) -> MarkdownRenderer {
        self.renderer.clone()
    }

    /// Writes the next entry (entries come in position order) and its attachments.
    pub fn write_entry(&mut self, entry: &PortableEntry) -> Result<(), FormatError> {
        let rendered = self.renderer.render(entry)?;
        self.write_rendered(&rendered)
    }

    /// Writes an entry's files made by this export's [`MarkdownRenderer`].
    pub fn write_rendered(&mut self, entry: &RenderedEntry) -> Result<(), FormatError> {
        for (stored, data) in &entry.attachments {
            if !self.attachments_dir {
                let dir = self.dir.join(ATTACHMENTS_DIR);
                std::fs::create_dir_all(&dir).map_err(|e| FormatError::io(&dir, "create", e))?;
                self.attachments_dir = true;
            }
            self.dir.put(&format!("{ATTACHMENTS_DIR}/{stored}"), data)?;
        }
        self.dir.put(&entry.name, entry.text.as_bytes())
    }

    /// Syncs the folder and puts it in place of the previous export.
    pub fn finish(self) -> Result<(), FormatError> {
        self.dir.commit()
    }
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

/// Is `name` a file this exporter writes for an entry (`<digits>-….md`)?
pub(crate) fn is_entry_file_name(name: &str) -> bool {
    let Some((num, rest)) = name.split_once('-') else {
        return false;
    };
    !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) && rest.ends_with(".md")
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
