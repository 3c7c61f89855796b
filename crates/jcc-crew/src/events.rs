//! What a run tells its watcher (the CLI now, the desktop later), and how it asks the
//! writer when the flow needs a choice.

use serde::Serialize;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CrewEvent {
    RunStarted {
        run_id: i64,
        resumed: bool,
    },
    StepStarted {
        run_id: i64,
        step: String,
        /// 1-based position and the steps known so far (image slots add more later).
        index: usize,
        total: usize,
        max_tokens: u32,
    },
    /// Streamed text of the step's reply.
    Delta {
        step: String,
        text: String,
    },
    /// The endpoint failed and the request is tried again.
    Retry {
        step: String,
        attempt: u32,
        reason: String,
        delay_ms: u64,
    },
    /// The reply was not accepted and the model is asked again, quoting why.
    Reask {
        step: String,
        attempt: u32,
        reason: String,
    },
    StepFinished {
        step: String,
        tokens_in: i64,
        tokens_out: i64,
        ms: i64,
        attempts: i64,
        warnings: Vec<String>,
    },
    StepSkipped {
        step: String,
        reason: String,
    },
    Paused {
        run_id: i64,
        question: String,
    },
    RunFinished {
        run_id: i64,
        journal_id: Option<i64>,
        tokens_in: i64,
        tokens_out: i64,
    },
    RunFailed {
        run_id: i64,
        error: String,
    },
}

/// A writer's answer, or "not now" (the run pauses and resumes with the answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision<T> {
    Answer(T),
    Pause,
}

pub trait Decider: Send + Sync {
    /// Pick one of `options` (index).
    fn choose(&self, question: &str, options: &[String]) -> Decision<usize>;
    /// Yes to go on; `Pause` stops here.
    fn confirm(&self, question: &str) -> Decision<bool>;
}

/// Takes the first option and says yes (`--yes`, tests, benchmarks).
#[derive(Debug, Clone, Copy, Default)]
pub struct AcceptAll;

impl Decider for AcceptAll {
    fn choose(&self, _: &str, _: &[String]) -> Decision<usize> {
        Decision::Answer(0)
    }
    fn confirm(&self, _: &str) -> Decision<bool> {
        Decision::Answer(true)
    }
}

/// Pauses at every question (a run without a writer at hand).
#[derive(Debug, Clone, Copy, Default)]
pub struct PauseAlways;

impl Decider for PauseAlways {
    fn choose(&self, _: &str, _: &[String]) -> Decision<usize> {
        Decision::Pause
    }
    fn confirm(&self, _: &str) -> Decision<bool> {
        Decision::Pause
    }
}
