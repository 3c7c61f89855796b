//! Progress reports for long books, so a caller can show a bar or a line per stage.

use serde::Serialize;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading entries and images (`done` of `total` entries).
    Prepare,
    /// Laying out pages; `done` is the pass, `total` the most passes it may take.
    Layout,
    /// Writing the PDF bytes.
    WritePdf,
    /// Writing EPUB sections (`done` of `total`).
    WriteEpub,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// Called at each step; cheap to call often.
pub type ProgressFn<'a> = &'a mut dyn FnMut(&Progress);

pub(crate) fn report(progress: &mut dyn FnMut(&Progress), stage: Stage, done: usize, total: usize) {
    progress(&Progress { stage, done, total });
}
