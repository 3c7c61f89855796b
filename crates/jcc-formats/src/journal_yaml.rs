//! `journal.yaml`: the journal's own fields in a Markdown export, and the marker that a
//! folder is a JCC export (so re-exporting into it is allowed).

use std::path::Path;

use serde::Serialize;
use serde_norway::Value;

use crate::text::decode_utf8;
use crate::{fsio, FormatError, PortableJournalMeta, Problem, FORMAT_NAME, JSON_FORMAT_VERSION};

pub(crate) const FILE_NAME: &str = "journal.yaml";

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    format_version: u32,
    #[serde(flatten)]
    meta: &'a PortableJournalMeta,
}

pub(crate) fn render(meta: &PortableJournalMeta) -> Result<String, String> {
    serde_norway::to_string(&Out {
        format: FORMAT_NAME,
        format_version: JSON_FORMAT_VERSION,
        meta,
    })
    .map_err(|e| e.to_string())
}

/// What a `journal.yaml` turned out to be.
pub(crate) enum Parsed {
    /// Ours, with the journal's fields.
    Jcc(Box<PortableJournalMeta>),
    /// Ours, but unreadable: the reason.
    Broken(String),
    /// Some other tool's file of the same name.
    Foreign,
}

/// Parses a `journal.yaml`; only one written by a newer app version is an error.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Parsed, FormatError> {
    let text = match decode_utf8(bytes) {
        Ok(t) => crate::text::normalize_newlines(t),
        Err(reason) => return Ok(Parsed::Broken(reason)),
    };
    let value: Value = match serde_norway::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            return Ok(Parsed::Broken(format!(
                "is not valid YAML ({e}); journal settings were not imported"
            )))
        }
    };
    if !is_ours(&value) {
        return Ok(Parsed::Foreign);
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(JSON_FORMAT_VERSION) => Err(FormatError::NewerVersion {
            path: path.to_owned(),
            found: v,
            supported: JSON_FORMAT_VERSION,
        }),
        Some(_) => Ok(
            serde_norway::from_value::<PortableJournalMeta>(value).map_or_else(
                |e| {
                    Parsed::Broken(format!(
                        "has a bad field ({e}); journal settings were not imported"
                    ))
                },
                |m| Parsed::Jcc(Box::new(m)),
            ),
        ),
        None => Ok(Parsed::Broken(
            "has no format_version; journal settings were not imported".to_owned(),
        )),
    }
}

fn is_ours(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some(FORMAT_NAME)
}

/// Reads `<dir>/journal.yaml` when it exists and is ours. A broken one is a problem (the
/// entries still import); one from a newer app version stops the import.
pub(crate) fn read_if_present(
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Result<Option<PortableJournalMeta>, FormatError> {
    let path = dir.join(FILE_NAME);
    if !path.is_file() {
        return Ok(None);
    }
    let bytes = match fsio::read_file(&path) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::new(&path, e.reason()));
            return Ok(None);
        }
    };
    match parse(&path, &bytes)? {
        Parsed::Jcc(meta) => Ok(Some(*meta)),
        Parsed::Foreign => Ok(None),
        Parsed::Broken(reason) => {
            problems.push(Problem::new(&path, reason));
            Ok(None)
        }
    }
}

/// Whether `dir` holds a `journal.yaml` that says JCC wrote it (any version, even broken).
pub(crate) fn is_jcc_export(dir: &Path) -> bool {
    let Ok(bytes) = fsio::read_file(&dir.join(FILE_NAME)) else {
        return false;
    };
    decode_utf8(&bytes)
        .ok()
        .and_then(|t| serde_norway::from_str::<Value>(t).ok())
        .is_some_and(|v| is_ours(&v))
}
