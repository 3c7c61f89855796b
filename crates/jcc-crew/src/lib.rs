//! The crew engine and the built-in journal crew.
//!
//! A crew is data (a TOML [`definition`]): agents, and tasks with prompts, JSON Schemas,
//! guardrails and how their output becomes journal entries. The [`engine`] runs a crew's
//! tasks in order as durable steps in the library, asking an OpenAI-compatible endpoint
//! through `jcc-llm`, and reports progress as [`CrewEvent`]s.

pub mod content;
pub mod definition;
pub mod engine;
pub mod error;
pub mod events;
pub mod media;
mod options;
pub mod persist;
pub mod plan;
mod recall;
pub mod reply;
pub mod template;
pub mod watch;

pub use definition::{CrewDefinition, BUILTIN_JOURNAL, BUILTIN_NAME};
pub use engine::{step_key, Clients, Engine, EngineOptions, RunSummary};
pub use error::{CrewError, Result};
pub use events::{AcceptAll, CrewEvent, Decider, Decision, PauseAlways};
pub use jcc_llm::CancellationToken;
pub use persist::StoreHandle;
pub use plan::{Depth, RunInputs, TITLE_STYLES};
pub use watch::DefinitionWatcher;
