//! Day One importer: the JSON export as a `.zip`, a bare `Journal.json`, or an unzipped
//! folder.
//!
//! `{"metadata": {..}, "entries": [{"uuid", "creationDate", "modifiedDate", "timeZone",
//! "text", "tags", "starred", "photos": [{"identifier", "md5", "type"}], "videos",
//! "audios", "pdfAttachments"}]}`; media files are `photos/<md5>.<type>` and so on.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use zip::ZipArchive;

use crate::error::{item_path, member_path};
use crate::fsio::{self, ReadFail, MAX_FILE_BYTES, MAX_ZIP_TOTAL_BYTES};
use crate::read::ImportBatch;
use crate::text::{
    mime_for_extension, normalize_newlines, normalize_tags, strip_bom_bytes, Sigils,
};
use crate::{dayone_text, Format, FormatError, PortableAttachment, PortableEntry, Problem};

const EXPECTED: &str = "a Day One JSON export";

#[derive(Deserialize)]
struct RawExport {
    entries: Option<Vec<serde_json::Value>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEntry {
    uuid: String,
    creation_date: String,
    #[serde(default)]
    modified_date: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    starred: Option<bool>,
    #[serde(default)]
    time_zone: Option<String>,
    #[serde(default)]
    photos: Option<Vec<RawMedia>>,
    #[serde(default)]
    videos: Option<Vec<RawMedia>>,
    #[serde(default)]
    audios: Option<Vec<RawMedia>>,
    #[serde(default)]
    pdf_attachments: Option<Vec<RawMedia>>,
}

#[derive(Deserialize)]
struct RawMedia {
    #[serde(default)]
    identifier: Option<String>,
    #[serde(default)]
    md5: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

/// Where media files come from.
trait Media {
    /// The bytes of the file whose name (without extension) is `md5`.
    fn fetch(&mut self, md5: &str) -> Result<Option<Vec<u8>>, MediaError>;
}

enum MediaError {
    /// This file could not be read; the entry still imports.
    Item(String),
    /// The whole import must stop (zip bomb).
    Fatal(FormatError),
}

/// Bytes with no folder or archive around them: every media file is missing.
struct NoMedia;

impl Media for NoMedia {
    fn fetch(&mut self, _md5: &str) -> Result<Option<Vec<u8>>, MediaError> {
        Ok(None)
    }
}

/// Parses a bare Day One JSON export already in memory (media files cannot be found, so
/// each one is reported as a problem); `origin` names it in problems.
pub fn parse_dayone_json_bytes(bytes: &[u8], origin: &Path) -> Result<ImportBatch, FormatError> {
    let mut batch = ImportBatch::new(Format::DayOne);
    let mut found = Vec::new();
    parse_journal(bytes, origin, &mut NoMedia, &mut found, &mut batch.problems)
        .map_err(|f| f.into_error(origin))?;
    Ok(finish(batch, found))
}

/// Parses a Day One export `.zip` already in memory; `origin` names it in problems.
pub fn parse_dayone_zip_bytes(bytes: &[u8], origin: &Path) -> Result<ImportBatch, FormatError> {
    read_zip(Cursor::new(bytes), origin, Budget::default())
}

/// `read(path, Format::DayOne)`: a zip, a JSON file (with media from its folder), or an
/// unzipped export folder.
pub(crate) fn read_dayone(path: &Path) -> Result<ImportBatch, FormatError> {
    let meta = std::fs::metadata(path).map_err(|e| FormatError::io(path, "read", e))?;
    if meta.is_dir() {
        return read_folder(path);
    }
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let bytes = fsio::read_file(path).map_err(|e| e.into_error(path))?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let mut media = FolderMedia::scan(folder);
        let mut batch = ImportBatch::new(Format::DayOne);
        let mut found = Vec::new();
        parse_journal(&bytes, path, &mut media, &mut found, &mut batch.problems)
            .map_err(|f| f.into_error(path))?;
        return Ok(finish(batch, found));
    }
    if meta.len() > MAX_ZIP_TOTAL_BYTES {
        return Err(FormatError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_ZIP_TOTAL_BYTES,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| FormatError::io(path, "read", e))?;
    read_zip(std::io::BufReader::new(file), path, Budget::default())
}

/// An entry with the instant that orders it.
type Found = (Option<DateTime<Utc>>, PortableEntry);

/// Sorts entries by creation time (a diary reads oldest first) and numbers them.
fn finish(mut batch: ImportBatch, mut found: Vec<Found>) -> ImportBatch {
    found.sort_by_key(|(t, _)| *t);
    batch.entries = found
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut e))| {
            e.position = i64::try_from(i).unwrap_or(i64::MAX);
            e
        })
        .collect();
    batch.dedupe_source_keys();
    batch
}

/// Why a journal JSON as a whole could not be read.
enum JournalFail {
    /// It is not Day One's JSON: the reason.
    NotDayOne(String),
    /// The import must stop.
    Fatal(FormatError),
}

impl JournalFail {
    /// For a single top-level file, either way the import cannot start.
    fn into_error(self, path: &Path) -> FormatError {
        match self {
            JournalFail::NotDayOne(reason) => FormatError::Invalid {
                path: path.to_owned(),
                expected: EXPECTED,
                reason,
            },
            JournalFail::Fatal(e) => e,
        }
    }
}

/// Parses one journal JSON into `found`, with per-entry problems.
fn parse_journal(
    bytes: &[u8],
    label: &Path,
    media: &mut dyn Media,
    found: &mut Vec<Found>,
    problems: &mut Vec<Problem>,
) -> Result<(), JournalFail> {
    let export: RawExport = serde_json::from_slice(strip_bom_bytes(bytes))
        .map_err(|e| JournalFail::NotDayOne(format!("it is not a JSON object ({e})")))?;
    let entries = export
        .entries
        .ok_or_else(|| JournalFail::NotDayOne("it has no \"entries\" list".to_owned()))?;
    for (i, raw) in entries.into_iter().enumerate() {
        let at = item_path(label, &format!("entries[{i}]"));
        let raw: RawEntry = match serde_json::from_value(raw) {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem::new(
                    at,
                    format!("is not a Day One entry ({e}); it was skipped"),
                ));
                continue;
            }
        };
        match convert(raw, &at, media, problems) {
            Ok(f) => found.push(f),
            Err(MediaError::Item(reason)) => problems.push(Problem::new(at, reason)),
            Err(MediaError::Fatal(e)) => return Err(JournalFail::Fatal(e)),
        }
    }
    Ok(())
}

fn convert(
    raw: RawEntry,
    at: &Path,
    media: &mut dyn Media,
    problems: &mut Vec<Problem>,
) -> Result<Found, MediaError> {
    let created = DateTime::parse_from_rfc3339(raw.creation_date.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            MediaError::Item(format!(
                "creationDate {:?} is not a date and time; the entry was skipped",
                raw.creation_date
            ))
        })?;
    let modified = raw
        .modified_date
        .as_deref()
        .and_then(|m| DateTime::parse_from_rfc3339(m.trim()).ok())
        .map(|t| t.with_timezone(&Utc));
    let date = local_date(created, raw.time_zone.as_deref());

    let groups = [
        (raw.photos, "jpeg", "photo"),
        (raw.videos, "mov", "video"),
        (raw.audios, "m4a", "audio"),
        (raw.pdf_attachments, "pdf", "PDF"),
    ];
    let mut files_by_id = HashMap::new();
    let mut attachments = Vec::new();
    for (list, default_ext, what) in groups {
        for m in list.unwrap_or_default() {
            let Some(md5) = m.md5.filter(|s| is_safe_id(s)) else {
                problems.push(Problem::new(
                    at,
                    format!("a {what} has no usable md5, so its file cannot be found; the entry was imported without it"),
                ));
                continue;
            };
            let ext = m
                .kind
                .filter(|k| {
                    !k.is_empty() && k.len() <= 10 && k.chars().all(|c| c.is_ascii_alphanumeric())
                })
                .unwrap_or_else(|| default_ext.to_owned())
                .to_ascii_lowercase();
            let filename = format!("{md5}.{ext}");
            if let Some(id) = m.identifier {
                files_by_id.insert(id, filename.clone());
            }
            match media.fetch(&md5) {
                Ok(Some(data)) => attachments.push(PortableAttachment {
                    mime: mime_for_extension(&ext).to_owned(),
                    filename,
                    data,
                }),
                Ok(None) => problems.push(Problem::new(
                    at,
                    format!(
                        "{what} {filename} is not in the export; the entry was imported without it"
                    ),
                )),
                Err(MediaError::Item(reason)) => problems.push(Problem::new(
                    at,
                    format!("{what} {filename} {reason}; the entry was imported without it"),
                )),
                Err(fatal @ MediaError::Fatal(_)) => return Err(fatal),
            }
        }
    }

    let text = normalize_newlines(raw.text.as_deref().unwrap_or(""));
    let text = dayone_text::replace_moments(&dayone_text::unescape(&text), &files_by_id);
    let (title, body) = dayone_text::split_title(text.trim_end());
    let entry = PortableEntry {
        source_key: format!("dayone:{}", raw.uuid),
        date: Some(date),
        title,
        body,
        starred: raw.starred.unwrap_or(false),
        tags: normalize_tags(raw.tags.unwrap_or_default(), Sigils::Strip),
        created_at: Some(created),
        updated_at: modified,
        attachments,
        ..PortableEntry::default()
    };
    Ok((Some(created), entry))
}

/// The calendar date where the entry was written; UTC when the zone is missing or unknown.
fn local_date(t: DateTime<Utc>, zone: Option<&str>) -> NaiveDate {
    match zone.map(|z| chrono_tz::Tz::from_str(z.trim())) {
        Some(Ok(tz)) => t.with_timezone(&tz).date_naive(),
        Some(Err(_)) => {
            tracing::debug!(zone, "unknown Day One time zone, using UTC for the date");
            t.date_naive()
        }
        None => t.date_naive(),
    }
}

/// Day One names media by MD5 hex; anything else could be a path trick.
fn is_safe_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The stem of a media file name, lower-cased, when it looks like a Day One md5 name.
fn media_key(file_name: &str) -> Option<String> {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    is_safe_id(stem).then(|| stem.to_ascii_lowercase())
}

/// Media inside the archive, read within the size budget.
struct ZipMedia<'a, R: Read + Seek> {
    archive: &'a mut ZipArchive<R>,
    index: &'a HashMap<String, usize>,
    budget: &'a mut Budget,
    origin: &'a Path,
}

impl<R: Read + Seek> Media for ZipMedia<'_, R> {
    fn fetch(&mut self, md5: &str) -> Result<Option<Vec<u8>>, MediaError> {
        let Some(&i) = self.index.get(&md5.to_ascii_lowercase()) else {
            return Ok(None);
        };
        match self.budget.read(self.archive, i, self.origin) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(ZipReadFail::Member(reason)) => Err(MediaError::Item(reason)),
            Err(ZipReadFail::Fatal(e)) => Err(MediaError::Fatal(e)),
        }
    }
}

/// Total bytes decompressed so far from one archive, and the limits (smaller in tests).
struct Budget {
    used: u64,
    file_limit: u64,
    total_limit: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            used: 0,
            file_limit: MAX_FILE_BYTES,
            total_limit: MAX_ZIP_TOTAL_BYTES,
        }
    }
}

enum ZipReadFail {
    Member(String),
    Fatal(FormatError),
}

impl Budget {
    /// Decompresses member `i`, refusing to go past the per-file limit for the member or
    /// the total limit for the archive. The sizes in the headers are checked first (cheap
    /// refusal) but not trusted: the read itself stops at the limit.
    fn read<R: Read + Seek>(
        &mut self,
        archive: &mut ZipArchive<R>,
        i: usize,
        origin: &Path,
    ) -> Result<Vec<u8>, ZipReadFail> {
        let left = self.total_limit.saturating_sub(self.used);
        let limit = left.min(self.file_limit);
        let bomb = || {
            ZipReadFail::Fatal(FormatError::ZipBomb {
                path: origin.to_owned(),
                limit: self.total_limit,
            })
        };
        let too_large = |size: u64| {
            ZipReadFail::Member(format!(
                "is {size} bytes, more than the {}-byte limit for one file; skipped",
                self.file_limit
            ))
        };
        let file = archive.by_index(i).map_err(|e| {
            ZipReadFail::Member(format!("could not be read from the archive ({e})"))
        })?;
        if file.size() > limit {
            return Err(if file.size() > left {
                bomb()
            } else {
                too_large(file.size())
            });
        }
        match fsio::read_limited(file, limit) {
            Ok(bytes) => {
                self.used = self.used.saturating_add(bytes.len() as u64);
                Ok(bytes)
            }
            Err(ReadFail::TooLarge { size }) => Err(if left <= self.file_limit {
                bomb()
            } else {
                too_large(size)
            }),
            Err(e) => Err(ZipReadFail::Member(e.reason())),
        }
    }
}

fn read_zip<R: Read + Seek>(
    reader: R,
    origin: &Path,
    mut budget: Budget,
) -> Result<ImportBatch, FormatError> {
    let mut archive = ZipArchive::new(reader).map_err(|source| FormatError::Zip {
        path: origin.to_owned(),
        source,
    })?;
    let mut journals: Vec<(String, usize)> = Vec::new();
    let mut index = HashMap::new();
    for i in 0..archive.len() {
        let Ok(file) = archive.by_index_raw(i) else {
            continue;
        };
        if file.is_dir() {
            continue;
        }
        let name = file.name().to_owned();
        let parts: Vec<&str> = name.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
        // macOS adds __MACOSX/ and ._ files when it zips a folder; they are not entries.
        if parts.iter().any(|p| p.starts_with('.') || *p == "__MACOSX") {
            continue;
        }
        let Some(file_name) = parts.last() else {
            continue;
        };
        let is_json = file_name.to_ascii_lowercase().ends_with(".json");
        if is_json && parts.len() <= 2 {
            journals.push((name.clone(), i));
        } else if let Some(key) = media_key(file_name) {
            index.insert(key, i);
        }
    }
    if journals.is_empty() {
        return Err(FormatError::NoJournalInZip {
            path: origin.to_owned(),
        });
    }
    journals.sort();

    let mut batch = ImportBatch::new(Format::DayOne);
    let mut found = Vec::new();
    for (name, i) in journals {
        let label = member_path(origin, &name);
        let bytes = match budget.read(&mut archive, i, origin) {
            Ok(b) => b,
            Err(ZipReadFail::Fatal(e)) => return Err(e),
            Err(ZipReadFail::Member(reason)) => {
                batch.problems.push(Problem::new(label, reason));
                continue;
            }
        };
        let mut media = ZipMedia {
            archive: &mut archive,
            index: &index,
            budget: &mut budget,
            origin,
        };
        match parse_journal(&bytes, &label, &mut media, &mut found, &mut batch.problems) {
            Ok(()) => {}
            Err(JournalFail::Fatal(e)) => return Err(e),
            Err(JournalFail::NotDayOne(reason)) => batch.problems.push(Problem::new(
                label,
                format!("is not {EXPECTED}: {reason}; it was skipped"),
            )),
        }
    }
    Ok(finish(batch, found))
}

/// Media in an unzipped export: files named `<md5>.<ext>` up to two folders down.
struct FolderMedia {
    index: HashMap<String, PathBuf>,
}

impl FolderMedia {
    fn scan(root: &Path) -> Self {
        let mut index = HashMap::new();
        for dir in ["photos", "videos", "audios", "pdfs"] {
            let Ok(items) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for item in items.flatten() {
                let name = item.file_name().to_string_lossy().into_owned();
                if let Some(key) = media_key(&name) {
                    index.insert(key, item.path());
                }
            }
        }
        Self { index }
    }
}

impl Media for FolderMedia {
    fn fetch(&mut self, md5: &str) -> Result<Option<Vec<u8>>, MediaError> {
        let Some(path) = self.index.get(&md5.to_ascii_lowercase()) else {
            return Ok(None);
        };
        fsio::read_file(path)
            .map(Some)
            .map_err(|e| MediaError::Item(e.reason()))
    }
}

fn read_folder(dir: &Path) -> Result<ImportBatch, FormatError> {
    let mut journals: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| FormatError::io(dir, "list", e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    journals.sort();
    if journals.is_empty() {
        return Err(FormatError::Invalid {
            path: dir.to_owned(),
            expected: "an unzipped Day One export",
            reason: "the folder has no .json file; pass the Day One .zip or its Journal.json"
                .to_owned(),
        });
    }
    let mut media = FolderMedia::scan(dir);
    let mut batch = ImportBatch::new(Format::DayOne);
    let mut found = Vec::new();
    for path in journals {
        let bytes = match fsio::read_file(&path) {
            Ok(b) => b,
            Err(e) => {
                batch.problems.push(Problem::new(&path, e.reason()));
                continue;
            }
        };
        match parse_journal(&bytes, &path, &mut media, &mut found, &mut batch.problems) {
            Ok(()) => {}
            Err(JournalFail::Fatal(e)) => return Err(e),
            Err(JournalFail::NotDayOne(reason)) => batch.problems.push(Problem::new(
                &path,
                format!("is not {EXPECTED}: {reason}; it was skipped"),
            )),
        }
    }
    Ok(finish(batch, found))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const JOURNAL: &[u8] = br#"{"metadata":{"version":"1.0"},"entries":[{"uuid":"E1",
        "creationDate":"2023-01-02T03:04:05Z","text":"Hi ![](dayone-moment://P1)",
        "photos":[{"identifier":"P1","md5":"aaaa","type":"png"}]}]}"#;

    fn small(file_limit: u64, total_limit: u64) -> Budget {
        Budget {
            used: 0,
            file_limit,
            total_limit,
        }
    }

    #[test]
    fn archives_that_inflate_past_the_total_are_refused() {
        let zip = zip_of(&[("Journal.json", JOURNAL), ("photos/aaaa.png", &[0u8; 4096])]);
        let err = read_zip(Cursor::new(zip), Path::new("x.zip"), small(1 << 20, 2048)).unwrap_err();
        assert!(
            matches!(err, FormatError::ZipBomb { limit: 2048, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("zip bomb"), "{err}");
    }

    #[test]
    fn an_oversized_photo_is_a_problem_not_a_failure() {
        let zip = zip_of(&[("Journal.json", JOURNAL), ("photos/aaaa.png", &[0u8; 4096])]);
        let b = read_zip(Cursor::new(zip), Path::new("x.zip"), small(1024, 1 << 20)).unwrap();
        assert_eq!(b.entries.len(), 1);
        assert!(b.entries[0].attachments.is_empty());
        assert!(
            b.problems[0].reason.contains("1024-byte limit"),
            "{:?}",
            b.problems
        );
    }

    #[test]
    fn zones_decide_the_date() {
        let t = DateTime::parse_from_rfc3339("2023-01-02T03:04:05Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            local_date(t, Some("America/New_York")).to_string(),
            "2023-01-01"
        );
        assert_eq!(local_date(t, Some("Asia/Tokyo")).to_string(), "2023-01-02");
        assert_eq!(
            local_date(t, Some("Mars/Olympus")).to_string(),
            "2023-01-02"
        );
        assert_eq!(local_date(t, None).to_string(), "2023-01-02");
    }
}
