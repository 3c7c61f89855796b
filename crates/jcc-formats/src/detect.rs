//! `detect`: which tool wrote a file or folder, from its kind, extension and JSON keys.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::text::strip_bom_bytes;
use crate::{fsio, Format, FormatError, FORMAT_NAME};

/// Guesses the format of `path`:
///
/// - a folder is Markdown, unless it is an unzipped Day One export (top-level Day One
///   `.json` and no Markdown files);
/// - `.zip` is Day One; `.md`/`.markdown` is a single Markdown file;
/// - JSON is recognised by its keys: `"format": "journal-craft-crew"` is JCC JSON,
///   `metadata` or entries with `uuid` + `creationDate` is Day One, `tags` + entries with
///   `date`/`time`/`title`/`body` is jrnl.
///
/// Anything else is [`FormatError::Unrecognized`], whose message says to pass `--format`.
pub fn detect(path: &Path) -> Result<Format, FormatError> {
    let meta = std::fs::metadata(path).map_err(|e| FormatError::io(path, "read", e))?;
    if meta.is_dir() {
        return Ok(if is_unzipped_dayone(path) {
            Format::DayOne
        } else {
            Format::Markdown
        });
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "zip" => return Ok(Format::DayOne),
        "md" | "markdown" => return Ok(Format::Markdown),
        _ => {}
    }
    let bytes = fsio::read_file(path).map_err(|e| e.into_error(path))?;
    let unrecognized = |reason: String| FormatError::Unrecognized {
        path: path.to_owned(),
        reason,
    };
    if !strip_bom_bytes(&bytes).trim_ascii_start().starts_with(b"{") {
        return Err(unrecognized(
            "it is not a folder, a .zip, a Markdown file or a JSON object".to_owned(),
        ));
    }
    sniff_json(&bytes).map_err(unrecognized)
}

/// The top-level keys that tell the JSON formats apart; values are skipped unread.
#[derive(Deserialize)]
struct Sniff {
    format: Option<serde_json::Value>,
    metadata: Option<IgnoredAny>,
    tags: Option<IgnoredAny>,
    entries: Option<Vec<BTreeMap<String, IgnoredAny>>>,
}

/// Tells JCC, Day One and jrnl JSON apart, or says what was seen.
pub(crate) fn sniff_json(bytes: &[u8]) -> Result<Format, String> {
    let s: Sniff = serde_json::from_slice(strip_bom_bytes(bytes))
        .map_err(|e| format!("it is JSON, but not an export this app knows ({e})"))?;
    if s.format.as_ref().and_then(|f| f.as_str()) == Some(FORMAT_NAME) {
        return Ok(Format::Json);
    }
    let Some(entries) = s.entries else {
        return Err("it is JSON without an \"entries\" list".to_owned());
    };
    let first = entries.first();
    let has = |k: &str| first.is_some_and(|e| e.contains_key(k));
    if s.metadata.is_some() || (has("uuid") && has("creationDate")) {
        return Ok(Format::DayOne);
    }
    if s.tags.is_some() && (first.is_none() || (has("date") && has("title") && has("body"))) {
        return Ok(Format::Jrnl);
    }
    Err("it has an \"entries\" list, but not of a kind this app knows".to_owned())
}

/// A folder with a Day One journal JSON at the top and no Markdown files there.
fn is_unzipped_dayone(dir: &Path) -> bool {
    let Ok(items) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut dayone = false;
    for item in items.flatten() {
        let path = item.path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => return false,
            "json" if !dayone && path.is_file() => {
                dayone = fsio::read_file(&path)
                    .ok()
                    .is_some_and(|b| sniff_json(&b) == Ok(Format::DayOne));
            }
            _ => {}
        }
    }
    dayone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_kinds_are_told_apart() {
        assert_eq!(
            sniff_json(br#"{"format":"journal-craft-crew","entries":[]}"#),
            Ok(Format::Json)
        );
        assert_eq!(
            sniff_json(br#"{"metadata":{"version":"1.0"},"entries":[]}"#),
            Ok(Format::DayOne)
        );
        assert_eq!(
            sniff_json(br#"{"entries":[{"uuid":"A","creationDate":"2020-01-01T00:00:00Z"}]}"#),
            Ok(Format::DayOne)
        );
        assert_eq!(
            sniff_json(br#"{"tags":{},"entries":[{"title":"t","body":"b","date":"2020-01-01","time":"09:00"}]}"#),
            Ok(Format::Jrnl)
        );
        assert_eq!(
            sniff_json(br#"{"tags":{"@a":1},"entries":[]}"#),
            Ok(Format::Jrnl)
        );
        assert!(sniff_json(br#"{"entries":[{"x":1}]}"#).is_err());
        assert!(sniff_json(br#"{"a":1}"#).unwrap_err().contains("entries"));
        assert!(sniff_json(b"{").is_err());
    }
}
