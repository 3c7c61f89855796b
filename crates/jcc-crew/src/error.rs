//! What can go wrong in the crew engine. Messages name the file, line, task or step, and
//! say what the writer can do next.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CrewError {
    /// A crew definition file that can't be used.
    #[error("{}:{line}: {reason}", file.display())]
    Definition {
        file: PathBuf,
        line: usize,
        reason: String,
    },

    #[error("{0}")]
    Invalid(String),

    #[error("step {step} failed: {reason}. Run `jcc crew resume {run}` to try it again")]
    StepFailed {
        run: i64,
        step: String,
        reason: String,
    },

    #[error("the run was cancelled; `jcc crew resume {0}` continues it")]
    Cancelled(i64),

    #[error(transparent)]
    Llm(#[from] jcc_llm::LlmError),

    #[error(transparent)]
    Store(#[from] jcc_store::StoreError),

    #[error("file error on {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = CrewError> = std::result::Result<T, E>;
