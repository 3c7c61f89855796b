//! Journal Craft Crew's own JSON: reading it back, with a clear refusal for newer versions.

use std::path::Path;

use serde::Deserialize;

use crate::error::item_path;
use crate::read::ImportBatch;
use crate::text::{normalize_tags, strip_bom_bytes, Sigils};
use crate::{Format, FormatError, PortableEntry, PortableJournalMeta, Problem, ENTRY_KINDS};
use crate::{FORMAT_NAME, JSON_FORMAT_VERSION};

const EXPECTED: &str = "a Journal Craft Crew JSON export";

/// The top level, read loosely so that the version is checked before the shape.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    format_version: Option<serde_json::Value>,
    journal: Option<serde_json::Value>,
    entries: Option<Vec<serde_json::Value>>,
}

/// Parses a JCC JSON export already in memory; `origin` names it in problems.
pub fn parse_jcc_json_bytes(bytes: &[u8], origin: &Path) -> Result<ImportBatch, FormatError> {
    let invalid = |reason: String| FormatError::Invalid {
        path: origin.to_owned(),
        expected: EXPECTED,
        reason,
    };
    let header: Header = serde_json::from_slice(strip_bom_bytes(bytes))
        .map_err(|e| invalid(format!("it is not a JSON object ({e})")))?;
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT_NAME) => {}
        _ => {
            return Err(invalid(format!(
                "its \"format\" is not \"{FORMAT_NAME}\"; if it came from another app, pass --format jrnl or --format dayone"
            )))
        }
    }
    let version = header
        .format_version
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| invalid("it has no whole-number \"format_version\"".to_owned()))?;
    if version > u64::from(JSON_FORMAT_VERSION) {
        return Err(FormatError::NewerVersion {
            path: origin.to_owned(),
            found: version,
            supported: JSON_FORMAT_VERSION,
        });
    }
    let entries = header
        .entries
        .ok_or_else(|| invalid("it has no \"entries\" list".to_owned()))?;

    let mut batch = ImportBatch::new(Format::Json);
    batch.journal = match header.journal {
        None => None,
        Some(j) => match serde_json::from_value::<PortableJournalMeta>(j) {
            Ok(meta) => Some(meta),
            Err(e) => {
                batch.problems.push(Problem::new(
                    item_path(origin, "journal"),
                    format!("has a bad field ({e}); the journal's settings were not imported"),
                ));
                None
            }
        },
    };
    for (i, raw) in entries.into_iter().enumerate() {
        match convert(raw, i) {
            Ok(e) => batch.entries.push(e),
            Err(reason) => batch.problems.push(Problem::new(
                item_path(origin, &format!("entries[{i}]")),
                reason,
            )),
        }
    }
    // Files list entries in any order; the batch promises position order.
    batch.entries.sort_by_key(|e| e.position);
    batch.dedupe_source_keys();
    Ok(batch)
}

fn convert(raw: serde_json::Value, index: usize) -> Result<PortableEntry, String> {
    let mut e: PortableEntry = serde_json::from_value(raw)
        .map_err(|e| format!("is not a valid entry ({e}); it was skipped"))?;
    if !ENTRY_KINDS.contains(&e.kind.as_str()) {
        return Err(format!(
            "kind {:?} is not one of {}; it was skipped",
            e.kind,
            ENTRY_KINDS.join(", ")
        ));
    }
    if e.writing_lines < 0 {
        return Err("writing_lines must be 0 or more; it was skipped".to_owned());
    }
    // The store refuses blank tags and same-named tags differing only in case.
    e.tags = normalize_tags(std::mem::take(&mut e.tags), Sigils::Keep);
    e.uuid = e.uuid.filter(|u| !u.trim().is_empty());
    // Identity on re-import is the entry's own UUID; an entry without one keeps the key it
    // was exported with, or gets one from its place in the file.
    e.source_key = match (&e.uuid, e.source_key.trim().is_empty()) {
        (Some(u), _) => format!("jcc:{u}"),
        (None, false) => e.source_key,
        (None, true) => format!("jcc:#entries[{index}]"),
    };
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_versions_are_refused_with_advice() {
        let json =
            br#"{"format":"journal-craft-crew","format_version":2,"journal":{},"entries":[]}"#;
        let err = parse_jcc_json_bytes(json, Path::new("j.json")).unwrap_err();
        assert!(matches!(err, FormatError::NewerVersion { found: 2, .. }));
        assert!(
            err.to_string().contains("update Journal Craft Crew"),
            "{err}"
        );
    }

    #[test]
    fn other_json_is_refused_with_a_hint() {
        let err = parse_jcc_json_bytes(br#"{"entries":[]}"#, Path::new("j.json")).unwrap_err();
        assert!(err.to_string().contains("--format jrnl"), "{err}");
    }

    #[test]
    fn bad_entries_are_problems_and_keys_come_from_uuids() {
        let json = br#"{"format":"journal-craft-crew","format_version":1,"journal":{"title":"T"},
          "entries":[{"uuid":"u1","title":"a","source_key":"dayone:X"},{"kind":"poem"},{"title":"b","source_key":"md:b.md"},{"title":"c"}]}"#;
        let b = parse_jcc_json_bytes(json, Path::new("j.json")).unwrap();
        let keys: Vec<_> = b.entries.iter().map(|e| e.source_key.as_str()).collect();
        assert_eq!(keys, ["jcc:u1", "md:b.md", "jcc:#entries[3]"]);
        assert_eq!(b.problems.len(), 1);
        assert_eq!(b.problems[0].path, Path::new("j.json#entries[1]"));
        assert!(b.problems[0].reason.contains("\"poem\""));
        assert_eq!(b.journal.unwrap().title, "T");
    }
}
