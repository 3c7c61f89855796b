//! jrnl importer: the JSON written by `jrnl --export json`.
//!
//! `{"tags": {"@tag": n}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
//! "time": "HH:MM", "tags": ["@tag"], "starred": bool}]}`. jrnl keeps the first sentence
//! as the title and the rest as the body; times are the writer's local wall-clock time.

use std::path::Path;

use chrono::{DateTime, Local, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::Deserialize;

use crate::error::item_path;
use crate::read::ImportBatch;
use crate::text::{normalize_newlines, normalize_tags, sha256_prefix, strip_bom_bytes, Sigils};
use crate::{dates, Format, FormatError, PortableEntry, Problem};

const EXPECTED: &str = "a jrnl JSON export (made with `jrnl --export json`)";

#[derive(Deserialize)]
struct Export {
    entries: Option<Vec<serde_json::Value>>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    starred: Option<bool>,
}

/// Parses a jrnl JSON export already in memory; `origin` names it in problems.
pub fn parse_jrnl_json_bytes(bytes: &[u8], origin: &Path) -> Result<ImportBatch, FormatError> {
    let invalid = |reason: String| FormatError::Invalid {
        path: origin.to_owned(),
        expected: EXPECTED,
        reason,
    };
    let export: Export = serde_json::from_slice(strip_bom_bytes(bytes))
        .map_err(|e| invalid(format!("it is not a JSON object ({e})")))?;
    let entries = export
        .entries
        .ok_or_else(|| invalid("it has no \"entries\" list".to_owned()))?;

    let mut batch = ImportBatch::new(Format::Jrnl);
    for (i, raw) in entries.into_iter().enumerate() {
        let at = || item_path(origin, &format!("entries[{i}]"));
        match convert(raw) {
            Ok(mut entry) => {
                entry.position = i64::try_from(batch.entries.len()).unwrap_or(i64::MAX);
                batch.entries.push(entry);
            }
            Err(reason) => batch.problems.push(Problem::new(at(), reason)),
        }
    }
    batch.dedupe_source_keys();
    Ok(batch)
}

fn convert(raw: serde_json::Value) -> Result<PortableEntry, String> {
    let e: Entry = serde_json::from_value(raw)
        .map_err(|e| format!("is not a jrnl entry ({e}); it was skipped"))?;
    let date = dates::parse_date(&e.date)
        .ok_or_else(|| format!("date {:?} is not YYYY-MM-DD; the entry was skipped", e.date))?;
    let time = match e.time.as_deref().map(str::trim) {
        None | Some("") => NaiveTime::MIN,
        Some(t) => dates::parse_time(t)
            .ok_or_else(|| format!("time {t:?} is not HH:MM; the entry was skipped"))?,
    };
    let title = normalize_newlines(e.title.as_deref().unwrap_or(""))
        .trim()
        .to_owned();
    let body = normalize_newlines(e.body.as_deref().unwrap_or(""));
    let source_key = format!(
        "jrnl:{} {} {}",
        date.format("%Y-%m-%d"),
        time.format("%H:%M"),
        sha256_prefix(title.as_bytes(), 16)
    );
    Ok(PortableEntry {
        source_key,
        date: Some(date),
        created_at: Some(local_to_utc(date.and_time(time))),
        title,
        body: body.trim().to_owned(),
        starred: e.starred.unwrap_or(false),
        tags: normalize_tags(e.tags.unwrap_or_default(), Sigils::Strip),
        ..PortableEntry::default()
    })
}

/// jrnl writes the local wall-clock time of the machine it ran on; the importing machine's
/// zone is the best guess for it. A time skipped by a DST change falls back to UTC.
fn local_to_utc(t: NaiveDateTime) -> DateTime<Utc> {
    Local
        .from_local_datetime(&t)
        .earliest()
        .map_or_else(|| t.and_utc(), |l| l.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_converted() {
        let json = br#"{"tags": {"@work": 1}, "entries": [
            {"title": "Called in sick.", "body": "Used the time to clean.", "date": "2012-03-29",
             "time": "09:00", "tags": ["@work"], "starred": true}]}"#;
        let b = parse_jrnl_json_bytes(json, Path::new("j.json")).unwrap();
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        let e = &b.entries[0];
        assert_eq!(e.title, "Called in sick.");
        assert_eq!(e.body, "Used the time to clean.");
        assert_eq!(e.tags, ["work"]);
        assert!(e.starred);
        assert_eq!(e.kind, "free");
        assert_eq!(
            e.source_key,
            format!(
                "jrnl:2012-03-29 09:00 {}",
                &sha256_prefix(b"Called in sick.", 16)
            )
        );
        let local = e.created_at.unwrap().with_timezone(&Local).naive_local();
        assert_eq!(local.to_string(), "2012-03-29 09:00:00");
    }

    #[test]
    fn bad_entries_are_problems_with_their_index() {
        let json = br#"{"entries": [{"title": "ok", "date": "2020-01-01", "time": "10:00"},
            {"title": "no date"}, {"title": "bad", "date": "2020-02-30"}, 7,
            {"title": "bad time", "date": "2020-01-01", "time": "25:00"}]}"#;
        let b = parse_jrnl_json_bytes(json, Path::new("j.json")).unwrap();
        assert_eq!(b.entries.len(), 1);
        let paths: Vec<_> = b
            .problems
            .iter()
            .map(|p| p.path.display().to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "j.json#entries[1]",
                "j.json#entries[2]",
                "j.json#entries[3]",
                "j.json#entries[4]"
            ]
        );
        assert!(b.problems[1].reason.contains("2020-02-30"));
    }

    #[test]
    fn not_jrnl_is_an_error() {
        let err = parse_jrnl_json_bytes(b"[1,2]", Path::new("x.json")).unwrap_err();
        assert!(err.to_string().contains("jrnl --export json"), "{err}");
        let err = parse_jrnl_json_bytes(b"{}", Path::new("x.json")).unwrap_err();
        assert!(err.to_string().contains("no \"entries\""), "{err}");
    }
}
