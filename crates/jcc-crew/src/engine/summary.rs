//! Where a run ended up, as callers (the CLI, the window) report it.

use crate::error::Result;
use jcc_store::crew_runs::CrewStep;
use jcc_store::{RunStatus, StepStatus};
use serde::Serialize;
use serde_json::Value;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    pub run_id: i64,
    pub journal_id: Option<i64>,
    pub status: RunStatus,
    pub tokens_in: i64,
    pub tokens_out: i64,
    pub steps_finished: usize,
    pub steps_failed: usize,
    /// The question a paused run waits on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub quality: Quality,
}

/// How clean the model's words were: of the string fields of the model steps (a finished
/// step's output; a skipped step's first reply), how many passed the content checks
/// ([`crate::content`]) in the step's first reply.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Quality {
    pub fields: usize,
    pub passed_first: usize,
    /// `passed_first / fields`, from 0 to 1; none before a model step finished.
    pub score: Option<f64>,
}

impl Quality {
    /// From the model steps that finished or were skipped: each first try's log entry says
    /// how many of its fields were clean (steps of runs from before the checks, and media
    /// steps, have none).
    pub fn of(steps: &[CrewStep]) -> Self {
        let mut q = Self::default();
        let done = |s: &&CrewStep| matches!(s.status, StepStatus::Finished | StepStatus::Skipped);
        for s in steps.iter().filter(done) {
            let first = s.attempt_log.get(0);
            let count = |key: &str| first.and_then(|e| e.get(key)).and_then(Value::as_u64);
            let Some(clean) = count("fields_clean") else {
                continue;
            };
            let fields = match &s.output {
                Some(output) => crate::content::field_count(output),
                None => count("fields").unwrap_or(0) as usize,
            };
            q.fields += fields;
            q.passed_first += (clean as usize).min(fields);
        }
        q.score = (q.fields > 0).then(|| q.passed_first as f64 / q.fields as f64);
        q
    }
}

pub fn summary(store: &jcc_store::Store, run_id: i64) -> Result<RunSummary> {
    let run = store.crew_run(run_id)?;
    let current = store.current_crew_steps(run_id)?;
    let all = store.crew_steps(run_id)?;
    Ok(RunSummary {
        run_id,
        journal_id: run.journal_id,
        status: run.status,
        tokens_in: run.tokens_in,
        tokens_out: run.tokens_out,
        steps_finished: current
            .iter()
            .filter(|s| s.status == StepStatus::Finished)
            .count(),
        steps_failed: all
            .iter()
            .filter(|s| s.status == StepStatus::Failed)
            .count(),
        question: run
            .pending
            .as_ref()
            .and_then(|p| p.get("question"))
            .and_then(Value::as_str)
            .map(str::to_string),
        error: run.error,
        quality: Quality::of(&current),
    })
}
