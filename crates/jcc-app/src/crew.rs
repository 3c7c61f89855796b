//! Crew runs: start, run/resume, status, cancel, re-run a step, themes. Progress goes
//! to a callback (the CLI prints it; the desktop will forward it to its window).

use crate::error::{AppError, AppResult, ErrorCode};
use crate::events::Event;
use crate::llm::runtime;
use crate::App;
use jcc_crew::{
    Clients, CrewDefinition, CrewError, CrewEvent, Decider, Engine, EngineOptions, RunInputs,
    RunSummary, StoreHandle,
};
use jcc_store::crew_runs::{CrewRun, CrewStep};
use jcc_store::{RunStatus, StepStatus, Store};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::{Arc, MutexGuard};

pub use jcc_crew::CancellationToken;
pub use jcc_store::crew_runs::SavedTheme;

impl StoreHandle for App {
    fn lock_store(&self) -> MutexGuard<'_, Store> {
        self.store()
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StartCrewRun {
    #[serde(flatten)]
    pub inputs: RunInputs,
    /// Endpoint profile; the default one when absent.
    pub profile: Option<String>,
    /// Crew definition name (the built-in "journal" unless the writer made another).
    pub crew: Option<String>,
}

/// How a run behaves while it runs.
#[derive(Debug, Clone, Default)]
pub struct CrewRunOptions {
    pub stream: bool,
    pub overwrite_writer_edits: bool,
}

/// What a caller plugs in: who answers questions, who watches, what cancels.
pub struct CrewHooks<'a> {
    pub decider: &'a dyn Decider,
    pub on_event: &'a (dyn Fn(&CrewEvent) + Send + Sync),
    pub cancel: CancellationToken,
}

impl std::fmt::Debug for CrewHooks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrewHooks").finish_non_exhaustive()
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct StepInfo {
    pub step: String,
    pub status: StepStatus,
    pub attempts: i64,
    pub valid_first: bool,
    pub tokens_in: i64,
    pub tokens_out: i64,
    pub ms: i64,
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct CrewStatus {
    pub run: CrewRun,
    pub summary: RunSummary,
    pub steps: Vec<StepInfo>,
}

impl From<CrewError> for AppError {
    fn from(e: CrewError) -> Self {
        match e {
            CrewError::Store(s) => s.into(),
            CrewError::Llm(l) => l.into(),
            CrewError::Definition { .. } => AppError::new(ErrorCode::Config, e.to_string()),
            CrewError::Invalid(_) => AppError::invalid(e.to_string()),
            CrewError::Cancelled(_) => AppError::new(ErrorCode::Cancelled, e.to_string()),
            CrewError::StepFailed { .. } => AppError::new(ErrorCode::CrewFailed, e.to_string()),
            CrewError::Io { .. } => AppError::new(ErrorCode::Io, e.to_string()),
        }
    }
}

fn step_info(s: &CrewStep) -> StepInfo {
    StepInfo {
        step: s.step_key.clone(),
        status: s.status,
        attempts: s.attempts,
        valid_first: s.valid_first,
        tokens_in: s.tokens_in,
        tokens_out: s.tokens_out,
        ms: s.finished_at - s.started_at,
        warnings: s.warnings.clone(),
        error: s.error.clone(),
    }
}

impl App {
    /// The crew definition: the writer's copy in the config dir, else the built-in one.
    pub fn crew_definition(&self, name: Option<&str>) -> AppResult<CrewDefinition> {
        let dir = self.paths().map(|p| p.config_dir.as_path());
        Ok(CrewDefinition::resolve(
            dir,
            name.unwrap_or(jcc_crew::BUILTIN_NAME),
        )?)
    }

    /// Copies the built-in definition into the config dir for the writer to edit.
    pub fn crew_copy_definition(&self) -> AppResult<PathBuf> {
        let dir = self.paths().map(|p| p.config_dir.clone()).ok_or_else(|| {
            AppError::new(
                ErrorCode::Config,
                "an in-memory library has no config folder",
            )
        })?;
        Ok(CrewDefinition::copy_builtin(&dir)?)
    }

    /// Records a new run and returns its id; nothing is asked of a model yet.
    pub fn crew_start(&self, input: StartCrewRun) -> AppResult<i64> {
        self.store().writable()?;
        let def = self.crew_definition(input.crew.as_deref())?;
        // The profile must exist now, not at the first model call minutes later.
        let profile = self.llm_profile(input.profile.as_deref())?;
        Ok(Engine::create_run(
            self,
            &def,
            &input.inputs,
            Some(&profile.name),
        )?)
    }

    fn crew_clients(&self, run: &CrewRun) -> AppResult<Clients> {
        let def = CrewDefinition::parse(&run.definition, std::path::Path::new("<run>"))?;
        let mut clients = Clients {
            default: Some(self.llm_client(run.profile.as_deref())?),
            ..Default::default()
        };
        for a in &def.agents {
            if let Some(p) = &a.profile {
                if !clients.named.contains_key(p) {
                    clients.named.insert(p.clone(), self.llm_client(Some(p))?);
                }
            }
        }
        if let Some(c) = &clients.default {
            if c.profile().images_model.is_some() {
                clients.images = Some(Arc::clone(c));
            }
        }
        Ok(clients)
    }

    /// An engine for `run_id`, talking to the endpoints its run uses.
    fn crew_engine<'a>(
        &'a self,
        run_id: i64,
        options: CrewRunOptions,
        hooks: CrewHooks<'a>,
    ) -> AppResult<Engine<'a>> {
        // A run saves every step: refused before a model is asked anything.
        self.store().writable()?;
        let run = self.store().crew_run(run_id)?;
        let clients = self.crew_clients(&run)?;
        Ok(Engine::new(self, clients, hooks.decider, hooks.on_event)
            .with_cancel(hooks.cancel)
            .with_options(EngineOptions {
                stream: options.stream,
                overwrite_writer_edits: options.overwrite_writer_edits,
                cancel_poll: None,
            }))
    }

    /// Runs or resumes a run until it finishes, pauses, fails or is cancelled.
    pub fn crew_run(
        &self,
        run_id: i64,
        options: CrewRunOptions,
        hooks: CrewHooks<'_>,
    ) -> AppResult<RunSummary> {
        let engine = self.crew_engine(run_id, options, hooks)?;
        let result = runtime()?.block_on(engine.run(run_id));
        if let Ok(s) = &result {
            if let Some(j) = s.journal_id {
                self.events().emit(Event::JournalChanged { journal_id: j });
            }
        }
        Ok(result?)
    }

    /// Runs one step again with the writer's note (only that step).
    pub fn crew_rerun_step(
        &self,
        run_id: i64,
        step: &str,
        note: &str,
        options: CrewRunOptions,
        hooks: CrewHooks<'_>,
    ) -> AppResult<RunSummary> {
        let engine = self.crew_engine(run_id, options, hooks)?;
        Ok(runtime()?.block_on(engine.rerun_step(run_id, step, note))?)
    }

    pub fn crew_list(&self, limit: i64) -> AppResult<Vec<CrewRun>> {
        Ok(self.store().list_crew_runs(limit)?)
    }

    pub fn crew_status(&self, run_id: i64) -> AppResult<CrewStatus> {
        let store = self.store();
        let run = store.crew_run(run_id)?;
        let steps = store.crew_steps(run_id)?.iter().map(step_info).collect();
        Ok(CrewStatus {
            summary: jcc_crew::engine::summary(&store, run_id)?,
            run,
            steps,
        })
    }

    /// Stops a run: a running engine (in any process) sees it within a moment.
    pub fn crew_cancel(&self, run_id: i64) -> AppResult<RunSummary> {
        let mut store = self.store();
        let run = store.crew_run(run_id)?;
        if run.status == RunStatus::Finished {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("crew run {run_id} has already finished"),
            ));
        }
        store.set_crew_run_status(run_id, RunStatus::Cancelled, None, None)?;
        Ok(jcc_crew::engine::summary(&store, run_id)?)
    }

    /// Answers a paused run's question (a pick's index) so `crew_run` can go on.
    pub fn crew_answer(&self, run_id: i64, pick: usize) -> AppResult<()> {
        let mut store = self.store();
        store.writable()?;
        let run = store.crew_run(run_id)?;
        let Some(pending) = run.pending.as_ref() else {
            return Ok(());
        };
        let (Some(options), Some(into)) = (
            pending.get("options").and_then(|o| o.as_array()),
            pending.get("into").and_then(|o| o.as_str()),
        ) else {
            return Ok(());
        };
        let choice = options
            .get(pick.saturating_sub(1))
            .and_then(|v| v.as_str())
            .ok_or_else(|| {
                AppError::invalid(format!("pick a number from 1 to {}", options.len()))
            })?;
        let mut inputs: RunInputs = serde_json::from_value(run.inputs.clone())
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        inputs.set(into, choice);
        store.set_crew_run_inputs(run_id, &serde_json::to_value(&inputs).unwrap_or_default())?;
        Ok(())
    }

    pub fn crew_themes(&self) -> AppResult<Vec<SavedTheme>> {
        Ok(self.store().crew_themes()?)
    }

    /// A starter or saved theme by name (any case).
    pub fn crew_theme(&self, name: &str) -> AppResult<SavedTheme> {
        let themes = self.crew_themes()?;
        let names: Vec<&str> = themes.iter().map(|t| t.name.as_str()).collect();
        let listed = names.join(", ");
        themes
            .iter()
            .find(|t| t.name.trim().eq_ignore_ascii_case(name.trim()))
            .cloned()
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!("no theme called {name:?}; the themes are: {listed}"),
                )
            })
    }

    /// Saves (or updates) one of the writer's own themes and returns it as stored.
    pub fn crew_save_theme(&self, theme: SavedTheme) -> AppResult<SavedTheme> {
        let name = theme.name.clone();
        self.store().save_crew_theme(&theme)?;
        self.crew_theme(&name)
    }
}
