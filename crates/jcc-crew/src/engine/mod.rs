//! The manager: runs a crew's tasks in order, one durable step at a time.
//!
//! Each step renders its prompt from the run inputs and earlier outputs, asks the
//! agent's endpoint, reads the reply tolerantly, checks schema and guardrails, re-asks
//! (quoting the problem) a bounded number of times, then commits the step and what it
//! writes in one transaction. A run that stopped for any reason (cancel, kill, lost
//! endpoint, a question for the writer) continues from its last finished step.
//!
//! By job: [`drive`] goes through the tasks, `step` runs one step and commits it, `ask`
//! talks to the model, `context` is what a step sees, `state` what the run has made.

mod ask;
mod clients;
mod context;
mod drive;
mod state;
mod step;
mod summary;
#[cfg(test)]
mod tests;

pub use clients::Clients;
pub use state::step_key;
pub use summary::{summary, Quality, RunSummary};

use crate::definition::CrewDefinition;
use crate::error::{CrewError, Result};
use crate::events::{CrewEvent, Decider};
use crate::persist::StoreHandle;
use crate::plan::RunInputs;
use drive::{total_steps, Flow};
use jcc_store::crew_runs::NewCrewRun;
use jcc_store::RunStatus;
use serde_json::Value;
use state::{parse_step_key, State};
use std::path::Path;
use std::time::Duration;
use step::StepRun;
use tokio_util::sync::CancellationToken;

#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Stream replies (token deltas become events).
    pub stream: bool,
    /// Replace entry text the writer changed since the crew wrote it.
    pub overwrite_writer_edits: bool,
    /// How often a running engine looks for `jcc crew cancel` from another process.
    pub cancel_poll: Option<Duration>,
}

/// A crew run in progress; borrow what it needs from the app for the run's duration.
pub struct Engine<'a> {
    store: &'a dyn StoreHandle,
    clients: Clients,
    decider: &'a dyn Decider,
    on_event: &'a (dyn Fn(&CrewEvent) + Send + Sync),
    cancel: CancellationToken,
    options: EngineOptions,
}

impl std::fmt::Debug for Engine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("clients", &self.clients)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// A run as stored: its crew, its inputs, what its finished steps made.
struct Loaded {
    def: CrewDefinition,
    inputs: RunInputs,
    state: State,
    resumed: bool,
}

impl<'a> Engine<'a> {
    pub fn new(
        store: &'a dyn StoreHandle,
        clients: Clients,
        decider: &'a dyn Decider,
        on_event: &'a (dyn Fn(&CrewEvent) + Send + Sync),
    ) -> Self {
        Self {
            store,
            clients,
            decider,
            on_event,
            cancel: CancellationToken::new(),
            options: EngineOptions::default(),
        }
    }

    pub fn with_options(mut self, options: EngineOptions) -> Self {
        self.options = options;
        self
    }

    /// Cancelling this token stops the run at once (it can be resumed).
    pub fn with_cancel(mut self, cancel: CancellationToken) -> Self {
        self.cancel = cancel;
        self
    }

    /// Records a new run (nothing runs yet); returns its id.
    pub fn create_run(
        store: &dyn StoreHandle,
        def: &CrewDefinition,
        inputs: &RunInputs,
        profile: Option<&str>,
    ) -> Result<i64> {
        inputs.validate().map_err(CrewError::Invalid)?;
        let run = store.lock_store().create_crew_run(&NewCrewRun {
            crew: def.name.clone(),
            definition: def.source.clone(),
            inputs: serde_json::to_value(inputs).unwrap_or(Value::Null),
            profile: profile.map(str::to_string),
        })?;
        Ok(run.id)
    }

    fn emit(&self, e: CrewEvent) {
        (self.on_event)(&e);
    }

    fn load(&self, run_id: i64) -> Result<Loaded> {
        let store = self.store.lock_store();
        let run = store.crew_run(run_id)?;
        let def =
            CrewDefinition::parse(&run.definition, Path::new(&format!("<crew run {run_id}>")))?;
        let inputs: RunInputs = serde_json::from_value(run.inputs.clone()).map_err(|e| {
            CrewError::Invalid(format!("crew run {run_id} has unreadable inputs: {e}"))
        })?;
        let mut state = State::default();
        let steps = store.current_crew_steps(run_id)?;
        for s in &steps {
            let (task, item) = parse_step_key(&s.step_key);
            state.record(&task, item, s.output.clone());
        }
        Ok(Loaded {
            def,
            inputs,
            state,
            resumed: !steps.is_empty(),
        })
    }

    pub fn summary(&self, run_id: i64) -> Result<RunSummary> {
        let store = self.store.lock_store();
        summary(&store, run_id)
    }

    /// Runs (or resumes) a run until it finishes, pauses, fails or is cancelled.
    pub async fn run(&self, run_id: i64) -> Result<RunSummary> {
        let status = self.store.lock_store().crew_run(run_id)?.status;
        if status == RunStatus::Finished {
            return self.summary(run_id);
        }
        let Loaded {
            def,
            mut inputs,
            mut state,
            resumed,
        } = self.load(run_id)?;
        self.store
            .lock_store()
            .set_crew_run_status(run_id, RunStatus::Running, None, None)?;
        self.emit(CrewEvent::RunStarted { run_id, resumed });
        let result = self
            .watch_cancel(run_id, self.drive(&def, run_id, &mut inputs, &mut state))
            .await;
        self.finish(run_id, result)
    }

    /// Runs one step again (with the writer's note), then stops.
    pub async fn rerun_step(&self, run_id: i64, key: &str, note: &str) -> Result<RunSummary> {
        let Loaded {
            def,
            inputs,
            mut state,
            ..
        } = self.load(run_id)?;
        let (task_id, item) = parse_step_key(key);
        let task = def.task(&task_id).ok_or_else(|| {
            CrewError::Invalid(format!(
                "crew run {run_id} has no step {key:?}; `jcc crew status {run_id}` lists them"
            ))
        })?;
        if task.for_each.is_some() != item.is_some() {
            return Err(CrewError::Invalid(format!(
                "step {key:?}: task {task_id} {}",
                if item.is_some() {
                    "has no items"
                } else {
                    "has items; name one as TASK#N"
                }
            )));
        }
        state.forget(&task_id, item);
        let step = StepRun {
            def: &def,
            task,
            item,
            run_id,
            inputs: &inputs,
            note,
            supersede: true,
            index: 1,
            total: total_steps(&def, &inputs, &state),
        };
        self.watch_cancel(run_id, self.run_step(&step, &mut state))
            .await?;
        self.summary(run_id)
    }

    /// Runs `work`, cancelling it when another process marks the run cancelled.
    async fn watch_cancel<T>(
        &self,
        run_id: i64,
        work: impl std::future::Future<Output = Result<T>>,
    ) -> Result<T> {
        let every = self
            .options
            .cancel_poll
            .unwrap_or(Duration::from_millis(300));
        let poll = async {
            loop {
                tokio::time::sleep(every).await;
                let status = {
                    let store = self.store.lock_store();
                    store.crew_run(run_id).map(|r| r.status)
                };
                if matches!(status, Ok(RunStatus::Cancelled)) {
                    self.cancel.cancel();
                }
            }
        };
        tokio::select! {
            r = work => r,
            _ = poll => unreachable!("the poll loop never ends"),
        }
    }

    /// Records how the drive ended and tells the watcher.
    fn finish(&self, run_id: i64, result: Result<Flow>) -> Result<RunSummary> {
        let mut store = self.store.lock_store();
        match result {
            Ok(Flow::Done) => {
                store.set_crew_run_status(run_id, RunStatus::Finished, None, None)?;
                let s = summary(&store, run_id)?;
                drop(store);
                self.emit(CrewEvent::RunFinished {
                    run_id,
                    journal_id: s.journal_id,
                    tokens_in: s.tokens_in,
                    tokens_out: s.tokens_out,
                });
                Ok(s)
            }
            Ok(Flow::Paused { question, pending }) => {
                store.set_crew_run_status(run_id, RunStatus::Paused, None, Some(&pending))?;
                drop(store);
                self.emit(CrewEvent::Paused { run_id, question });
                self.summary(run_id)
            }
            Err(CrewError::Cancelled(_)) => {
                store.set_crew_run_status(run_id, RunStatus::Cancelled, None, None)?;
                drop(store);
                self.emit(CrewEvent::RunFailed {
                    run_id,
                    error: "cancelled".into(),
                });
                Err(CrewError::Cancelled(run_id))
            }
            Err(e) => {
                let msg = e.to_string();
                store.set_crew_run_status(run_id, RunStatus::Failed, Some(&msg), None)?;
                drop(store);
                self.emit(CrewEvent::RunFailed { run_id, error: msg });
                Err(e)
            }
        }
    }
}
