//! Markdown importer: one `.md` file or a folder of them, with optional YAML front matter.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::frontmatter::{self, AttachmentRef};
use crate::read::ImportBatch;
use crate::text::{self, decode_utf8, normalize_newlines, Sigils};
use crate::{frontmatter_dates, fsio, journal_yaml};
use crate::{Format, FormatError, PortableAttachment, PortableEntry, Problem, ENTRY_KINDS};

/// An entry and the attachment files its front matter links.
#[derive(Debug)]
pub(crate) struct ParsedMarkdown {
    pub entry: PortableEntry,
    pub attachments: Vec<AttachmentRef>,
    /// The front-matter key (or the file name) that gave the entry its day.
    pub date_from: Option<&'static str>,
}

/// Parses one Markdown file's text. `rel_path` (with `/` separators) names it in the source
/// key and, when there is no front matter, gives the title and date.
///
/// Attachments listed in the front matter are not loaded here (there is no folder to load
/// them from); [`crate::read`] loads them. Line endings are normalised to `\n`.
pub fn parse_markdown_entry(text: &str, rel_path: &str) -> Result<PortableEntry, Problem> {
    parse_text(text, rel_path)
        .map(|p| p.entry)
        .map_err(|reason| Problem::new(rel_path, reason))
}

/// [`parse_markdown_entry`] for raw file bytes: strips a BOM and rejects invalid UTF-8.
pub fn parse_markdown_bytes(bytes: &[u8], rel_path: &str) -> Result<PortableEntry, Problem> {
    let text = decode_utf8(bytes).map_err(|reason| Problem::new(rel_path, reason))?;
    parse_markdown_entry(text, rel_path)
}

pub(crate) fn parse_text(text: &str, rel_path: &str) -> Result<ParsedMarkdown, String> {
    let text = normalize_newlines(text);
    let (keys, body) = match frontmatter::split(&text) {
        Some((yaml, rest)) => match frontmatter::parse(yaml)? {
            // The blank line the writer puts after the front matter is not part of the body.
            Some(keys) => (Some(keys), rest.strip_prefix('\n').unwrap_or(rest)),
            None => (None, text.as_str()),
        },
        None => (None, text.as_str()),
    };
    // The file's final newline is not part of the body either.
    let mut body = body.strip_suffix('\n').unwrap_or(body).to_owned();
    let keys = keys.unwrap_or_default();

    // JCC always writes `kind`; for its files the front matter is the whole truth, so an
    // empty title stays empty and a date-like slug is not mistaken for the entry's date.
    let jcc_file = keys.has("kind");
    let file_name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file_name,
    };

    let title = match keys.text("title")? {
        Some(t) => t,
        None if keys.has("title") || jcc_file => String::new(),
        None => match take_heading(&body) {
            Some((title, rest)) => {
                body = rest;
                title
            }
            None => stem.to_owned(),
        },
    };

    let dates = frontmatter_dates::read(&keys, jcc_file, file_name)?;

    let kind = match keys.text("kind")? {
        Some(k) if ENTRY_KINDS.contains(&k.as_str()) => k,
        Some(k) => {
            tracing::warn!(path = rel_path, kind = %k, "unknown entry kind, importing as free");
            "free".to_owned()
        }
        None => "free".to_owned(),
    };

    let writing_lines = keys.int("writing_lines")?.unwrap_or(0);
    if writing_lines < 0 {
        return Err("writing_lines must be 0 or more".to_owned());
    }

    let uuid = keys.text("uuid")?.filter(|u| !u.trim().is_empty());
    let source_key = match &uuid {
        Some(u) => format!("jcc:{u}"),
        None => format!("md:{rel_path}"),
    };

    Ok(ParsedMarkdown {
        entry: PortableEntry {
            source_key,
            uuid,
            kind,
            position: 0,
            date: dates.date,
            day: keys.int("day")?,
            title,
            body,
            prompt: keys.text("prompt")?.unwrap_or_default(),
            writing_lines,
            starred: keys.bool("starred")?,
            tags: keys.tags(if jcc_file {
                Sigils::Keep
            } else {
                Sigils::Strip
            })?,
            created_at: dates.created_at,
            updated_at: dates.updated_at,
            attachments: Vec::new(),
        },
        attachments: keys.attachments()?,
        date_from: dates.date_from,
    })
}

/// A first line `# Title` (after blank lines) becomes the title and leaves the body.
fn take_heading(body: &str) -> Option<(String, String)> {
    let trimmed = body.trim_start_matches('\n');
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    match text::atx_heading(first) {
        Some((1, title)) if !title.is_empty() => {
            Some((title.to_owned(), rest.trim_start_matches('\n').to_owned()))
        }
        _ => None,
    }
}

/// Reads a `.md` file or a folder of them (recursively, skipping hidden files and
/// `attachments/` folders, in natural path order).
pub(crate) fn read_markdown(path: &Path) -> Result<ImportBatch, FormatError> {
    let meta = std::fs::metadata(path).map_err(|e| FormatError::io(path, "read", e))?;
    let mut batch = ImportBatch::new(Format::Markdown);
    if meta.is_file() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "entry.md".to_owned());
        read_one(path, &name, &mut batch);
    } else {
        batch.journal = journal_yaml::read_if_present(path, &mut batch.problems)?;
        for (rel, full) in markdown_files(path, &mut batch.problems) {
            read_one(&full, &rel, &mut batch);
        }
    }
    for (i, e) in batch.entries.iter_mut().enumerate() {
        e.position = i64::try_from(i).unwrap_or(i64::MAX);
    }
    batch.dedupe_source_keys();
    Ok(batch)
}

fn markdown_files(root: &Path, problems: &mut Vec<Problem>) -> Vec<(String, PathBuf)> {
    let walker = WalkDir::new(root)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let hidden = name.starts_with('.');
            let attachments = e.file_type().is_dir() && name == "attachments";
            !hidden && !attachments
        });
    let mut files = Vec::new();
    for item in walker {
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                let at = e.path().unwrap_or(root).to_owned();
                problems.push(Problem::new(at, format!("could not be read: {e}")));
                continue;
            }
        };
        let is_md = item.path().extension().is_some_and(|ext| {
            ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")
        });
        if !item.file_type().is_file() || !is_md {
            continue;
        }
        let Ok(rel) = item.path().strip_prefix(root) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.push((rel.join("/"), item.path().to_owned()));
    }
    files.sort_by(|a, b| text::natural_cmp(&a.0, &b.0));
    files
}

fn read_one(full: &Path, rel: &str, batch: &mut ImportBatch) {
    let bytes = match fsio::read_file(full) {
        Ok(b) => b,
        Err(e) => return batch.problems.push(Problem::new(full, e.reason())),
    };
    let parsed = match decode_utf8(&bytes).and_then(|t| parse_text(t, rel)) {
        Ok(p) => p,
        Err(reason) => return batch.problems.push(Problem::new(full, reason)),
    };
    let mut entry = parsed.entry;
    if let Some(from) = parsed.date_from {
        *batch.dates_from.entry(from.to_owned()).or_default() += 1;
    }
    let dir = full.parent().unwrap_or(Path::new("."));
    for att in parsed.attachments {
        match load_attachment(dir, &att) {
            Ok(a) => entry.attachments.push(a),
            Err(reason) => batch.problems.push(Problem::new(
                full,
                format!(
                    "attachment {:?} {reason}; the entry was imported without it",
                    att.path
                ),
            )),
        }
    }
    batch.entries.push(entry);
}

fn load_attachment(dir: &Path, att: &AttachmentRef) -> Result<PortableAttachment, String> {
    let rel = Path::new(&att.path);
    // Only files inside the export: a front matter line must not pull in ~/.ssh/id_rsa.
    let inside = rel
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside || att.path.is_empty() {
        return Err("is outside the export folder".to_owned());
    }
    let bytes = fsio::read_file(&dir.join(rel)).map_err(|e| match e {
        fsio::ReadFail::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "is missing".to_owned()
        }
        other => other.reason(),
    })?;
    let stored = att.path.rsplit('/').next().unwrap_or(&att.path);
    let filename = att
        .name
        .clone()
        .unwrap_or_else(|| frontmatter::strip_hash_prefix(stored).to_owned());
    let mime = att
        .mime
        .clone()
        .unwrap_or_else(|| text::mime_for_file_name(&filename).to_owned());
    Ok(PortableAttachment {
        filename,
        mime,
        data: bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates;

    fn parse(text: &str, rel: &str) -> PortableEntry {
        parse_markdown_entry(text, rel).unwrap()
    }

    #[test]
    fn front_matter_gives_the_fields() {
        let e = parse(
            "---\ntitle: \"A: day\"\ndate: 2024-01-02\ntags: [walk, '@sea']\nstarred: true\n---\n\nHello\n",
            "x.md",
        );
        assert_eq!(e.title, "A: day");
        assert_eq!(e.date, dates::parse_date("2024-01-02"));
        assert_eq!(e.tags, ["walk", "sea"]);
        assert!(e.starred);
        assert_eq!(e.body, "Hello");
        assert_eq!(e.kind, "free");
        assert_eq!(e.source_key, "md:x.md");
    }

    #[test]
    fn without_front_matter_the_heading_and_file_name_are_used() {
        let e = parse(
            "\n# Morning pages #\n\nIt rained.\n",
            "notes/2023-07-08 rain.md",
        );
        assert_eq!(e.title, "Morning pages");
        assert_eq!(e.body, "It rained.");
        assert_eq!(e.date, dates::parse_date("2023-07-08"));
        let e = parse("Just text\n## not a title\n", "diary/Thoughts.markdown");
        assert_eq!(e.title, "Thoughts");
        assert_eq!(e.body, "Just text\n## not a title");
        assert_eq!(e.date, None);
    }

    #[test]
    fn bom_and_crlf_are_ignored() {
        let e = parse(
            "\u{feff}---\r\ntitle: T\r\n---\r\n\r\nline 1\r\nline 2\r\n",
            "a.md",
        );
        assert_eq!((e.title.as_str(), e.body.as_str()), ("T", "line 1\nline 2"));
        let e = parse_markdown_bytes(b"\xEF\xBB\xBF# Hi\r\n\r\nthere\r\n", "b.md").unwrap();
        assert_eq!((e.title.as_str(), e.body.as_str()), ("Hi", "there"));
    }

    #[test]
    fn jcc_files_take_title_and_date_only_from_front_matter() {
        let e = parse(
            "---\ntitle: ''\nkind: day\n---\n\n# Heading\n",
            "0001-2024-05-06-x.md",
        );
        assert_eq!(e.title, "");
        assert_eq!(e.date, None);
        assert_eq!(e.body, "# Heading");
        assert_eq!(e.kind, "day");
    }

    #[test]
    fn bad_files_explain_themselves() {
        let p = parse_markdown_entry("---\ndate: 2024-02-31\n---\nx", "bad.md").unwrap_err();
        assert_eq!(p.path, Path::new("bad.md"));
        assert!(
            p.reason.contains("2024-02-31") && p.reason.contains("YYYY-MM-DD"),
            "{p}"
        );
        let p = parse_markdown_entry("---\ntitle: [\n---\nx", "y.md").unwrap_err();
        assert!(p.reason.contains("YAML"), "{p}");
        let p = parse_markdown_bytes(b"ok \xFF\xFE", "z.md").unwrap_err();
        assert!(
            p.reason.contains("UTF-8") && p.reason.contains("offset 3"),
            "{p}"
        );
        let p = parse_markdown_entry("---\nwriting_lines: -2\n---\n", "w.md").unwrap_err();
        assert!(p.reason.contains("writing_lines"), "{p}");
    }

    #[test]
    fn doubled_carriage_returns_leave_no_crlf() {
        // Found by the markdown_entry fuzz target: "\r\r\n" used to become "\r\n".
        let e = parse_markdown_bytes(
            b"\xEF\xBB\xBF---\r\ntags: a\r\n---\r\n\r\nLine\r\r\nnext\rlast\r\n",
            "f.md",
        )
        .unwrap();
        assert_eq!(e.body, "Line\n\nnext\nlast");
    }

    #[test]
    fn a_leading_rule_is_not_front_matter() {
        let e = parse("---\nJust a thought\n---\nmore", "t.md");
        assert_eq!(e.body, "---\nJust a thought\n---\nmore");
        assert_eq!(e.title, "t");
    }

    #[test]
    fn unknown_kinds_become_free_and_uuid_gives_the_key() {
        let e = parse("---\nkind: note\nuuid: abc\n---\n", "n.md");
        assert_eq!(
            (e.kind.as_str(), e.source_key.as_str()),
            ("free", "jcc:abc")
        );
    }
}
