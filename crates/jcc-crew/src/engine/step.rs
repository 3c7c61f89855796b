//! One step, start to end: skip it, or produce its output (ask the model, make an image,
//! set the layout) and commit the step with what it writes in one transaction.

use super::context::{self, entry_write};
use super::state::{now_ms, step_key, State};
use super::Engine;
use crate::definition::{CrewDefinition, Task, TaskKind};
use crate::error::{CrewError, Result};
use crate::events::CrewEvent;
use crate::media::{self, ImageSource};
use crate::persist::{self, ImageWrite, JournalFields, StepCommit};
use crate::plan::RunInputs;
use crate::template::render;
use jcc_store::crew_runs::CrewStep;
use jcc_store::StepStatus;
use serde_json::{json, Value};

/// One step to run: which task and item, and how it was asked for.
#[derive(Debug, Clone, Copy)]
pub(super) struct StepRun<'r> {
    pub(super) def: &'r CrewDefinition,
    pub(super) task: &'r Task,
    pub(super) item: Option<usize>,
    pub(super) run_id: i64,
    pub(super) inputs: &'r RunInputs,
    /// The writer's note for a re-run ("" otherwise).
    pub(super) note: &'r str,
    /// A re-run the writer asked for: it replaces the step's current row, is never
    /// skipped, and reports an unusable reply instead of skipping an optional step.
    pub(super) supersede: bool,
    /// 1-based position among `total` steps, for the watcher.
    pub(super) index: usize,
    pub(super) total: usize,
}

impl StepRun<'_> {
    pub(super) fn key(&self) -> String {
        step_key(&self.task.id, self.item)
    }

    /// The step's row before anything is known of how it goes.
    fn row(&self) -> CrewStep {
        CrewStep {
            run_id: self.run_id,
            step_key: self.key(),
            task: self.task.id.clone(),
            item: self.item.map(|i| i as i64 + 1),
            note: self.note.to_string(),
            started_at: now_ms(),
            attempt_log: json!([]),
            input: json!({}),
            ..Default::default()
        }
    }

    /// A step whose input the writer already gave is not run (unless asked for again).
    fn skip_reason(&self) -> Option<String> {
        let input = self.task.skip_if.as_ref()?;
        (!self.inputs.get(input).trim().is_empty() && !self.supersede)
            .then(|| format!("{input} was given"))
    }
}

/// What producing a step's output came to.
enum Produced {
    Output(Value),
    /// An optional step whose replies stayed unusable: skipped, for this reason.
    Skipped(String),
}

impl Engine<'_> {
    pub(super) async fn run_step(&self, s: &StepRun<'_>, state: &mut State) -> Result<()> {
        let row = s.row();
        if let Some(reason) = s.skip_reason() {
            return self.skip(row, state, s.item, reason);
        }
        self.emit(CrewEvent::StepStarted {
            run_id: s.run_id,
            step: s.key(),
            index: s.index,
            total: s.total,
            max_tokens: s.task.max_tokens,
        });
        let item_value = context::item_value(s.def, s.task, s.item, s.inputs, state);
        let ctx = context::context(s.task, s.item, &item_value, s.inputs, state, s.note);
        let mut commit = StepCommit {
            step: CrewStep {
                input: json!({"item": item_value, "note": s.note}),
                ..row
            },
            overwrite_writer_edits: self.options.overwrite_writer_edits,
            ..Default::default()
        };
        let output = match s.task.kind {
            TaskKind::Llm => match self.ask_for(s, &ctx, state, &mut commit.step).await? {
                Produced::Output(v) => v,
                Produced::Skipped(reason) => return self.skip(commit.step, state, s.item, reason),
            },
            TaskKind::Media => self.image_step(&item_value, s.inputs, &mut commit).await,
            TaskKind::Layout => {
                let settings = json!({"layout": s.task.layout, "crew": {"run_id": s.run_id, "crew": s.def.name}});
                commit.settings = Some(settings.clone());
                settings
            }
        };
        self.commit(s, &ctx, output, commit, state)
    }

    /// An LLM step's output; a failure is saved as the step's row (unless cancelled).
    async fn ask_for(
        &self,
        s: &StepRun<'_>,
        ctx: &Value,
        state: &State,
        step: &mut CrewStep,
    ) -> Result<Produced> {
        let earlier = state.earlier_items(&s.task.id, s.item);
        let client = self.clients.for_task(s.def, s.task)?;
        match self.ask(s, ctx, client, &earlier, step).await {
            Ok(v) => Ok(Produced::Output(v)),
            // A re-run the writer asked for reports its failure instead.
            Err(CrewError::Invalid(why)) if s.task.optional && !s.supersede => {
                let reason = format!("{why}; kept what the earlier steps wrote");
                step.warnings.push(reason.clone());
                Ok(Produced::Skipped(reason))
            }
            Err(e) => Err(self.fail(s, step, e)),
        }
    }

    /// Saves `step` as failed (a cancelled step leaves no row) and says which step failed.
    fn fail(&self, s: &StepRun<'_>, step: &mut CrewStep, e: CrewError) -> CrewError {
        if !matches!(e, CrewError::Cancelled(_)) {
            step.status = StepStatus::Failed;
            step.error = Some(e.to_string());
            step.finished_at = now_ms();
            if let Err(save) = self.store.lock_store().save_crew_step(step) {
                return save.into();
            }
        }
        match e {
            CrewError::Cancelled(_) => CrewError::Cancelled(s.run_id),
            e => CrewError::StepFailed {
                run: s.run_id,
                step: s.key(),
                reason: e.to_string(),
            },
        }
    }

    /// A media step: the slot's image goes with the commit; the output says where from.
    async fn image_step(&self, item: &Value, inputs: &RunInputs, commit: &mut StepCommit) -> Value {
        let text = |field: &str| {
            item.get(field)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let (slot_key, description) = (text("key"), text("description"));
        let (png, source) = self.image_for(&slot_key, &description, inputs).await;
        let out = json!({"slot": slot_key, "source": source.as_str(), "bytes": png.len()});
        commit.images.push(ImageWrite {
            filename: format!("{slot_key}.png"),
            key: slot_key,
            png,
        });
        out
    }

    async fn image_for(
        &self,
        key: &str,
        description: &str,
        inputs: &RunInputs,
    ) -> (Vec<u8>, ImageSource) {
        // The writer's own picture wins; then a generated one; then a placeholder.
        if let Some(dir) = &inputs.image_dir {
            if let Some(png) = media::writer_image(dir, key) {
                return (png, ImageSource::Writer);
            }
        }
        if let Some(client) = &self.clients.images {
            match client.generate_image(description, "1024x1024").await {
                Ok(png) if media::is_valid_png(&png) => return (png, ImageSource::Generated),
                Ok(_) => tracing::warn!(slot = key, "the image endpoint sent an unreadable PNG"),
                Err(e) => {
                    tracing::warn!(slot = key, error = %e, "image generation failed; using a placeholder")
                }
            }
        }
        (
            media::placeholder_png(description),
            ImageSource::Placeholder,
        )
    }

    /// Saves the finished step with its entry writes in one transaction, then tells the
    /// watcher.
    fn commit(
        &self,
        s: &StepRun<'_>,
        ctx: &Value,
        output: Value,
        mut commit: StepCommit,
        state: &mut State,
    ) -> Result<()> {
        if let Some(w) = &s.task.write {
            let mut wctx = ctx.clone();
            if let Some(m) = wctx.as_object_mut() {
                m.insert("output".into(), output.clone());
            }
            commit.entries.push(entry_write(w, &wctx));
        }
        commit.step.status = StepStatus::Finished;
        commit.step.output = Some(output.clone());
        commit.step.finished_at = now_ms();
        let journal = JournalFields {
            title: render(&s.def.journal.title, ctx),
            subtitle: render(&s.def.journal.subtitle, ctx),
            theme: render(&s.def.journal.theme, ctx),
            author_voice: render(&s.def.journal.author_voice, ctx),
        };
        let step = commit.step.clone();
        let written_warnings = {
            let mut store = self.store.lock_store();
            if s.supersede {
                store.supersede_crew_step(s.run_id, &step.step_key)?;
            }
            persist::commit_step(&mut store, &journal, commit)?.1
        };
        state.record(&s.task.id, s.item, Some(output));
        let mut warnings = step.warnings;
        warnings.extend(written_warnings);
        self.emit(CrewEvent::StepFinished {
            step: step.step_key,
            tokens_in: step.tokens_in,
            tokens_out: step.tokens_out,
            ms: step.finished_at - step.started_at,
            attempts: step.attempts,
            warnings,
        });
        Ok(())
    }

    /// Records `step` as skipped for `reason`: saved, remembered as done with no output,
    /// and told to the watcher.
    pub(super) fn skip(
        &self,
        step: CrewStep,
        state: &mut State,
        item: Option<usize>,
        reason: String,
    ) -> Result<()> {
        let step = CrewStep {
            status: StepStatus::Skipped,
            finished_at: now_ms(),
            ..step
        };
        self.store.lock_store().save_crew_step(&step)?;
        state.record(&step.task, item, None);
        self.emit(CrewEvent::StepSkipped {
            step: step.step_key,
            reason,
        });
        Ok(())
    }
}
