//! `read`: one entry point that dispatches to the importer for a format.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::{dayone, fsio, jcc_json, jrnl, markdown};
use crate::{Format, FormatError, PortableEntry, PortableJournalMeta, Problem};

/// What an import found: the entries it could read and the items it could not.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportBatch {
    /// The format that was read.
    pub format: Format,
    /// Journal fields, when the source carries them (JCC JSON, a JCC Markdown export's
    /// `journal.yaml`).
    pub journal: Option<PortableJournalMeta>,
    /// Entries in position order; `position` counts from 0.
    pub entries: Vec<PortableEntry>,
    /// Items that were skipped or imported incompletely, each with its path and reason.
    pub problems: Vec<Problem>,
    /// For formats whose files say their dates in more than one way (Markdown front
    /// matter): how many entries took their day from each key (`created`, `date`, …, or
    /// `file name`). Empty for formats with one fixed date field.
    pub dates_from: BTreeMap<String, usize>,
}

impl ImportBatch {
    pub(crate) fn new(format: Format) -> Self {
        Self {
            format,
            journal: None,
            entries: Vec::new(),
            problems: Vec::new(),
            dates_from: BTreeMap::new(),
        }
    }

    /// Makes source keys unique within the batch (two jrnl entries in the same minute with
    /// the same title would otherwise collapse into one on import). The suffix depends only
    /// on the order in the source, so re-imports still match.
    pub(crate) fn dedupe_source_keys(&mut self) {
        let mut used: HashSet<String> = HashSet::with_capacity(self.entries.len());
        // Next suffix to try per key, so thousands of twins stay linear.
        let mut next: HashMap<String, u64> = HashMap::new();
        for e in &mut self.entries {
            if used.insert(e.source_key.clone()) {
                continue;
            }
            let n = next.entry(e.source_key.clone()).or_insert(2);
            loop {
                let key = format!("{}#{n}", e.source_key);
                *n += 1;
                if used.insert(key.clone()) {
                    e.source_key = key;
                    break;
                }
            }
        }
    }
}

/// Reads the journal at `path` as `format`.
///
/// Returns `Err` only when nothing can be read at all (missing path, unreadable or
/// oversized top-level file, not a zip, wrong top-level shape, newer JCC format); items
/// that fail on their own are listed in [`ImportBatch::problems`].
#[tracing::instrument(skip_all, fields(path = %path.display(), %format), err)]
pub fn read(path: &Path, format: Format) -> Result<ImportBatch, FormatError> {
    let batch = match format {
        Format::Markdown => markdown::read_markdown(path)?,
        Format::Jrnl => jrnl::parse_jrnl_json_bytes(&read_top_file(path, format)?, path)?,
        Format::DayOne => dayone::read_dayone(path)?,
        Format::Json => jcc_json::parse_jcc_json_bytes(&read_top_file(path, format)?, path)?,
    };
    tracing::info!(
        entries = batch.entries.len(),
        problems = batch.problems.len(),
        "import read"
    );
    Ok(batch)
}

/// Reads the single file a JSON-based format is given.
pub(crate) fn read_top_file(path: &Path, format: Format) -> Result<Vec<u8>, FormatError> {
    let meta = std::fs::metadata(path).map_err(|e| FormatError::io(path, "read", e))?;
    if meta.is_dir() {
        return Err(FormatError::WrongKindOfPath {
            path: path.to_owned(),
            found: "a folder",
            needed: "a .json file",
            format,
        });
    }
    fsio::read_file(path).map_err(|e| e.into_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_keys_become_unique_in_source_order() {
        let mut b = ImportBatch::new(Format::Jrnl);
        for key in ["a", "a", "a#2", "b", "a"] {
            b.entries.push(PortableEntry {
                source_key: key.into(),
                ..PortableEntry::default()
            });
        }
        b.dedupe_source_keys();
        let keys: Vec<_> = b.entries.iter().map(|e| e.source_key.as_str()).collect();
        assert_eq!(keys, ["a", "a#2", "a#2#2", "b", "a#3"]);
    }
}
