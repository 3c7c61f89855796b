//! Driving a run: the crew's tasks in order, each item of a `for_each` task a step, the
//! finished ones passed over, stopping where the writer has to answer a question.

use super::context::slots;
use super::state::{step_key, State};
use super::step::StepRun;
use super::Engine;
use crate::definition::{CrewDefinition, Pick, Task};
use crate::error::{CrewError, Result};
use crate::events::Decision;
use crate::plan::{self, RunInputs};
use serde_json::{json, Value};

/// The end of a drive through the tasks.
pub(super) enum Flow {
    Done,
    Paused { question: String, pending: Value },
}

impl Engine<'_> {
    pub(super) async fn drive(
        &self,
        def: &CrewDefinition,
        run_id: i64,
        inputs: &mut RunInputs,
        state: &mut State,
    ) -> Result<Flow> {
        let mut index = 0;
        for task in &def.tasks {
            if self.cancel.is_cancelled() {
                return Err(CrewError::Cancelled(run_id));
            }
            if let Some(paused) = self.confirm(task, state) {
                return Ok(paused);
            }
            for item in items(def, task, inputs, state) {
                index += 1;
                if state.done.contains(&step_key(&task.id, item)) {
                    continue;
                }
                let step = StepRun {
                    def,
                    task,
                    item,
                    run_id,
                    inputs,
                    note: "",
                    supersede: false,
                    index,
                    total: total_steps(def, inputs, state),
                };
                self.run_step(&step, state).await?;
            }
            if let Some(pick) = &task.pick {
                if let Some(paused) = self.pick(task, pick, run_id, inputs, state)? {
                    return Ok(paused);
                }
            }
        }
        Ok(Flow::Done)
    }

    /// A task that asks "go on?" before it starts: a yes goes on, anything else pauses.
    fn confirm(&self, task: &Task, state: &State) -> Option<Flow> {
        let question = task.confirm.as_ref()?;
        let first = step_key(&task.id, task.for_each.as_ref().map(|_| 0));
        if state.done.contains(&first) {
            return None;
        }
        match self.decider.confirm(question) {
            Decision::Answer(true) => None,
            Decision::Answer(false) | Decision::Pause => Some(Flow::Paused {
                question: question.clone(),
                pending: json!({"question": question, "task": task.id}),
            }),
        }
    }

    /// A task whose output offers choices (titles): the writer's pick becomes an input,
    /// unless the writer gave that input already.
    fn pick(
        &self,
        task: &Task,
        pick: &Pick,
        run_id: i64,
        inputs: &mut RunInputs,
        state: &State,
    ) -> Result<Option<Flow>> {
        if !inputs.get(&pick.into).trim().is_empty() {
            return Ok(None);
        }
        let options = pick_options(state.output(&task.id), pick);
        if options.is_empty() {
            return Err(CrewError::Invalid(format!(
                "task {} gave nothing to choose {} from",
                task.id, pick.into
            )));
        }
        match self.decider.choose(&pick.question, &options) {
            Decision::Answer(i) => {
                let choice = options[i.min(options.len() - 1)].trim().to_string();
                inputs.set(&pick.into, &choice);
                self.store.lock_store().set_crew_run_inputs(
                    run_id,
                    &serde_json::to_value(&*inputs).unwrap_or(Value::Null),
                )?;
                Ok(None)
            }
            Decision::Pause => Ok(Some(Flow::Paused {
                question: pick.question.clone(),
                pending: json!({"question": pick.question, "options": options, "into": pick.into}),
            })),
        }
    }
}

/// The options in a task's output list, cleaned up for the writer.
fn pick_options(output: Value, pick: &Pick) -> Vec<String> {
    output
        .get(&pick.list)
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                })
                .collect()
        })
        .map(crate::options::clean)
        .unwrap_or_default()
}

/// The steps of a task: one, or one per item (image slots are known only as earlier
/// steps finish).
fn items(
    def: &CrewDefinition,
    task: &Task,
    inputs: &RunInputs,
    state: &State,
) -> Vec<Option<usize>> {
    match task.for_each.as_deref() {
        None => vec![None],
        Some("image_slots") => (0..slots(def, inputs, state).len()).map(Some).collect(),
        Some(c) => (0..plan::count(c, inputs)).map(Some).collect(),
    }
}

/// The steps of the whole run, as far as they are known now.
pub(super) fn total_steps(def: &CrewDefinition, inputs: &RunInputs, state: &State) -> usize {
    def.tasks
        .iter()
        .map(|t| match t.for_each.as_deref() {
            None => 1,
            Some("image_slots") => slots(def, inputs, state).len().max(1),
            Some(c) => plan::count(c, inputs),
        })
        .sum()
}
