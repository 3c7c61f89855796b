//! The endpoints a run talks to.

use crate::definition::{CrewDefinition, Task};
use crate::error::{CrewError, Result};
use jcc_llm::ChatModel;
use std::collections::HashMap;
use std::sync::Arc;

/// The run's profile, any an agent names, and one that makes images (when the writer
/// configured one). Any [`ChatModel`]: the HTTP client, or a scripted one in tests.
#[derive(Debug, Clone, Default)]
pub struct Clients {
    pub default: Option<Arc<dyn ChatModel>>,
    pub named: HashMap<String, Arc<dyn ChatModel>>,
    /// An endpoint that makes images, when the writer configured one.
    pub images: Option<Arc<dyn ChatModel>>,
}

impl Clients {
    pub fn single(client: impl ChatModel + 'static) -> Self {
        Self {
            default: Some(Arc::new(client)),
            ..Default::default()
        }
    }

    pub(super) fn for_task(&self, def: &CrewDefinition, task: &Task) -> Result<&dyn ChatModel> {
        let profile = task
            .agent
            .as_deref()
            .and_then(|a| def.agent(a))
            .and_then(|a| a.profile.as_deref());
        match profile {
            Some(p) => self.named.get(p).map(|c| c.as_ref()).ok_or_else(|| {
                CrewError::Invalid(format!(
                    "task {} wants the endpoint profile {p:?}, which does not exist; add it with `jcc llm add {p} ...`",
                    task.id
                ))
            }),
            None => self.default.as_deref().ok_or_else(|| {
                CrewError::Invalid(
                    "no LLM endpoint is set up; add one with `jcc llm add NAME --base-url URL --model MODEL`".into(),
                )
            }),
        }
    }
}
