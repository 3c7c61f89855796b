//! The manager: runs a crew's tasks in order, one durable step at a time.
//!
//! Each step renders its prompt from the run inputs and earlier outputs, asks the
//! agent's endpoint, reads the reply tolerantly, checks schema and guardrails, re-asks
//! (quoting the problem) a bounded number of times, then commits the step and what it
//! writes in one transaction. A run that stopped for any reason (cancel, kill, lost
//! endpoint, a question for the writer) continues from its last finished step.

use crate::definition::{CrewDefinition, Task, TaskKind};
use crate::error::{CrewError, Result};
use crate::events::{CrewEvent, Decider, Decision};
use crate::media::{self, ImageSource};
use crate::persist::{self, EntryWrite, ImageWrite, JournalFields, StepCommit, StoreHandle};
use crate::plan::{self, RunInputs};
use crate::reply::{self, Rejection};
use crate::template::render;
use jcc_llm::{ChatRequest, ClientEvent, LlmClient, LlmError, Message, OutputSchema};
use jcc_store::crew_runs::{CrewStep, NewCrewRun};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// The endpoints a run talks to: the run's profile, and any an agent names.
#[derive(Debug, Clone, Default)]
pub struct Clients {
    pub default: Option<LlmClient>,
    pub named: HashMap<String, LlmClient>,
    /// An endpoint that makes images, when the writer configured one.
    pub images: Option<LlmClient>,
}

impl Clients {
    pub fn single(client: LlmClient) -> Self {
        Self {
            default: Some(client),
            ..Default::default()
        }
    }

    fn for_task(&self, def: &CrewDefinition, task: &Task) -> Result<&LlmClient> {
        let profile = task
            .agent
            .as_deref()
            .and_then(|a| def.agent(a))
            .and_then(|a| a.profile.as_deref());
        match profile {
            Some(p) => self.named.get(p).ok_or_else(|| {
                CrewError::Invalid(format!(
                    "task {} wants the endpoint profile {p:?}, which does not exist; add it with `jcc llm add {p} ...`",
                    task.id
                ))
            }),
            None => self.default.as_ref().ok_or_else(|| {
                CrewError::Invalid(
                    "no LLM endpoint is set up; add one with `jcc llm add NAME --base-url URL --model MODEL`".into(),
                )
            }),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Stream replies (token deltas become events).
    pub stream: bool,
    /// Replace entry text the writer changed since the crew wrote it.
    pub overwrite_writer_edits: bool,
    /// How often a running engine looks for `jcc crew cancel` from another process.
    pub cancel_poll: Option<Duration>,
}

/// Where a run ended up.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    pub run_id: i64,
    pub journal_id: Option<i64>,
    pub status: String,
    pub tokens_in: i64,
    pub tokens_out: i64,
    pub steps_finished: usize,
    pub steps_failed: usize,
    /// The question a paused run waits on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Outputs of finished steps, by task (and item for `for_each` tasks).
#[derive(Debug, Default)]
struct State {
    single: HashMap<String, Value>,
    items: HashMap<String, BTreeMap<usize, Value>>,
    done: HashSet<String>,
}

impl State {
    fn record(&mut self, task: &str, item: Option<usize>, output: Option<Value>) {
        let key = step_key(task, item);
        self.done.insert(key);
        let Some(out) = output else { return };
        match item {
            None => {
                self.single.insert(task.to_string(), out);
            }
            Some(i) => {
                self.items
                    .entry(task.to_string())
                    .or_default()
                    .insert(i, out);
            }
        }
    }

    fn forget(&mut self, task: &str, item: Option<usize>) {
        self.done.remove(&step_key(task, item));
        match item {
            None => {
                self.single.remove(task);
            }
            Some(i) => {
                if let Some(m) = self.items.get_mut(task) {
                    m.remove(&i);
                }
            }
        }
    }

    fn output(&self, task: &str) -> Value {
        if let Some(v) = self.single.get(task) {
            return v.clone();
        }
        match self.items.get(task) {
            Some(m) => Value::Array(m.values().cloned().collect()),
            None => Value::Null,
        }
    }

    /// Every insight found so far, in order.
    fn insights(&self) -> Vec<Value> {
        let mut out = Vec::new();
        let mut take = |v: &Value| {
            if let Some(list) = v.get("insights").and_then(Value::as_array) {
                out.extend(list.iter().cloned());
            }
        };
        for m in self.items.values() {
            m.values().for_each(&mut take);
        }
        self.single.values().for_each(&mut take);
        out
    }
}

/// `task` or `task#n` (n is the 1-based item).
pub fn step_key(task: &str, item: Option<usize>) -> String {
    match item {
        None => task.to_string(),
        Some(i) => format!("{task}#{}", i + 1),
    }
}

fn parse_step_key(key: &str) -> (String, Option<usize>) {
    match key.split_once('#') {
        Some((t, n)) => (
            t.to_string(),
            n.parse::<usize>().ok().filter(|n| *n > 0).map(|n| n - 1),
        ),
        None => (key.to_string(), None),
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// One image slot: an entry that wants an image, and what it should show.
#[derive(Debug, Clone)]
struct Slot {
    key: String,
    description: String,
}

/// The end of a drive through the tasks.
enum Flow {
    Done,
    Paused { question: String, pending: Value },
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

    fn load(&self, run_id: i64) -> Result<(CrewDefinition, RunInputs, State, bool)> {
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
        Ok((def, inputs, state, !steps.is_empty()))
    }

    pub fn summary(&self, run_id: i64) -> Result<RunSummary> {
        let store = self.store.lock_store();
        summary(&store, run_id)
    }

    /// Runs (or resumes) a run until it finishes, pauses, fails or is cancelled.
    pub async fn run(&self, run_id: i64) -> Result<RunSummary> {
        let status = self.store.lock_store().crew_run(run_id)?.status;
        if status == "finished" {
            return self.summary(run_id);
        }
        let (def, mut inputs, mut state, resumed) = self.load(run_id)?;
        self.store
            .lock_store()
            .set_crew_run_status(run_id, "running", None, None)?;
        self.emit(CrewEvent::RunStarted { run_id, resumed });
        let result = self
            .watch_cancel(run_id, self.drive(&def, run_id, &mut inputs, &mut state))
            .await;
        self.finish(run_id, result)
    }

    /// Runs one step again (with the writer's note), then stops.
    pub async fn rerun_step(&self, run_id: i64, key: &str, note: &str) -> Result<RunSummary> {
        let (def, inputs, mut state, _) = self.load(run_id)?;
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
        let total = self.total_steps(&def, &inputs, &state);
        let result = self
            .watch_cancel(
                run_id,
                self.run_task_step(
                    &def, task, item, run_id, &inputs, &mut state, note, true, 1, total,
                ),
            )
            .await;
        match result {
            Ok(()) => self.summary(run_id),
            Err(e) => Err(e),
        }
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
                if matches!(status.as_deref(), Ok("cancelled")) {
                    self.cancel.cancel();
                }
            }
        };
        tokio::select! {
            r = work => r,
            _ = poll => unreachable!("the poll loop never ends"),
        }
    }

    fn finish(&self, run_id: i64, result: Result<Flow>) -> Result<RunSummary> {
        let mut store = self.store.lock_store();
        match result {
            Ok(Flow::Done) => {
                store.set_crew_run_status(run_id, "finished", None, None)?;
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
                store.set_crew_run_status(run_id, "paused", None, Some(&pending))?;
                drop(store);
                self.emit(CrewEvent::Paused {
                    run_id,
                    question: question.clone(),
                });
                self.summary(run_id)
            }
            Err(CrewError::Cancelled(_)) => {
                store.set_crew_run_status(run_id, "cancelled", None, None)?;
                drop(store);
                self.emit(CrewEvent::RunFailed {
                    run_id,
                    error: "cancelled".into(),
                });
                Err(CrewError::Cancelled(run_id))
            }
            Err(e) => {
                let msg = e.to_string();
                store.set_crew_run_status(run_id, "failed", Some(&msg), None)?;
                drop(store);
                self.emit(CrewEvent::RunFailed { run_id, error: msg });
                Err(e)
            }
        }
    }

    fn total_steps(&self, def: &CrewDefinition, inputs: &RunInputs, state: &State) -> usize {
        def.tasks
            .iter()
            .map(|t| match t.for_each.as_deref() {
                None => 1,
                Some("image_slots") => self.slots(def, inputs, state).len().max(1),
                Some(c) => plan::count(c, inputs),
            })
            .sum()
    }

    async fn drive(
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
            if let Some(question) = &task.confirm {
                let first = step_key(&task.id, task.for_each.as_ref().map(|_| 0));
                if !state.done.contains(&first) {
                    match self.decider.confirm(question) {
                        Decision::Answer(true) => {}
                        Decision::Answer(false) | Decision::Pause => {
                            return Ok(Flow::Paused {
                                question: question.clone(),
                                pending: json!({"question": question, "task": task.id}),
                            })
                        }
                    }
                }
            }
            let items: Vec<Option<usize>> = match task.for_each.as_deref() {
                None => vec![None],
                Some("image_slots") => (0..self.slots(def, inputs, state).len())
                    .map(Some)
                    .collect(),
                Some(c) => (0..plan::count(c, inputs)).map(Some).collect(),
            };
            for item in items {
                index += 1;
                if state.done.contains(&step_key(&task.id, item)) {
                    continue;
                }
                let total = self.total_steps(def, inputs, state);
                self.run_task_step(
                    def, task, item, run_id, inputs, state, "", false, index, total,
                )
                .await?;
            }
            if let Some(pick) = &task.pick {
                if inputs.get(&pick.into).trim().is_empty() {
                    let options: Vec<String> = state
                        .output(&task.id)
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
                        .unwrap_or_default();
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
                        }
                        Decision::Pause => {
                            return Ok(Flow::Paused {
                                question: pick.question.clone(),
                                pending: json!({"question": pick.question, "options": options, "into": pick.into}),
                            })
                        }
                    }
                }
            }
        }
        Ok(Flow::Done)
    }

    /// Template variables for one step.
    fn context(
        &self,
        task: &Task,
        item: Option<usize>,
        item_value: &Value,
        inputs: &RunInputs,
        state: &State,
        note: &str,
    ) -> Value {
        let mut ctx = inputs.context();
        ctx.insert("note".into(), json!(note));
        for c in &task.context {
            ctx.insert(c.clone(), state.output(c));
        }
        if let Some(i) = item {
            ctx.insert("item".into(), item_value.clone());
            let same: Map<String, Value> = state
                .items
                .iter()
                .filter_map(|(t, m)| m.get(&i).map(|v| (t.clone(), v.clone())))
                .collect();
            ctx.insert("same".into(), Value::Object(same));
            let earlier = state
                .items
                .get(&task.id)
                .map(|m| crate::recall::earlier(m, i))
                .unwrap_or_default();
            ctx.insert("earlier".into(), Value::Object(earlier));
        }
        Value::Object(ctx)
    }

    fn slots(&self, def: &CrewDefinition, inputs: &RunInputs, state: &State) -> Vec<Slot> {
        let mut slots: Vec<Slot> = Vec::new();
        let insights = state.insights();
        for t in &def.tasks {
            let Some(w) = &t.write else { continue };
            let Some(image) = &w.image else { continue };
            let outputs: Vec<(Value, Value)> = match t.for_each.as_deref() {
                None => state
                    .single
                    .get(&t.id)
                    .map(|o| (Value::Null, o.clone()))
                    .into_iter()
                    .collect(),
                Some(c) => state
                    .items
                    .get(&t.id)
                    .map(|m| {
                        m.iter()
                            .map(|(i, o)| (plan::item(c, *i, inputs, &insights), o.clone()))
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            for (item, output) in outputs {
                let mut ctx = inputs.context();
                ctx.insert("item".into(), item);
                ctx.insert("output".into(), output);
                let ctx = Value::Object(ctx);
                let key = render(&w.key, &ctx);
                let description = render(image, &ctx);
                if !key.is_empty() && !slots.iter().any(|s| s.key == key) {
                    slots.push(Slot { key, description });
                }
            }
        }
        slots
    }

    #[allow(clippy::too_many_arguments)]
    async fn run_task_step(
        &self,
        def: &CrewDefinition,
        task: &Task,
        item: Option<usize>,
        run_id: i64,
        inputs: &RunInputs,
        state: &mut State,
        note: &str,
        supersede: bool,
        index: usize,
        total: usize,
    ) -> Result<()> {
        let key = step_key(&task.id, item);
        let started = now_ms();
        let base = CrewStep {
            run_id,
            step_key: key.clone(),
            task: task.id.clone(),
            item: item.map(|i| i as i64 + 1),
            note: note.to_string(),
            started_at: started,
            attempt_log: json!([]),
            input: json!({}),
            ..Default::default()
        };
        if let Some(input) = &task.skip_if {
            if !inputs.get(input).trim().is_empty() && !supersede {
                return self.skip(base, state, item, format!("{input} was given"));
            }
        }
        self.emit(CrewEvent::StepStarted {
            run_id,
            step: key.clone(),
            index,
            total,
            max_tokens: task.max_tokens,
        });
        let insights = state.insights();
        let item_value = match (task.for_each.as_deref(), item) {
            (Some("image_slots"), Some(i)) => {
                let slots = self.slots(def, inputs, state);
                slots
                    .get(i)
                    .map(|s| json!({"key": s.key, "description": s.description}))
                    .unwrap_or(Value::Null)
            }
            (Some(c), Some(i)) => plan::item(c, i, inputs, &insights),
            _ => Value::Null,
        };
        let ctx = self.context(task, item, &item_value, inputs, state, note);
        let mut commit = StepCommit {
            step: CrewStep {
                input: json!({"item": item_value, "note": note}),
                ..base
            },
            overwrite_writer_edits: self.options.overwrite_writer_edits,
            ..Default::default()
        };
        let output = match task.kind {
            TaskKind::Llm => {
                let earlier: Vec<Value> = match (item, state.items.get(&task.id)) {
                    (Some(i), Some(m)) => m.range(..i).map(|(_, v)| v.clone()).collect(),
                    _ => Vec::new(),
                };
                let client = self.clients.for_task(def, task)?;
                match self
                    .ask(def, task, &key, &ctx, client, &earlier, &mut commit.step)
                    .await
                {
                    Ok(v) => v,
                    // A re-run the writer asked for reports its failure instead.
                    Err(CrewError::Invalid(why)) if task.optional && !supersede => {
                        let reason = format!("{why}; kept what the earlier steps wrote");
                        commit.step.warnings.push(reason.clone());
                        return self.skip(commit.step, state, item, reason);
                    }
                    Err(e) => {
                        if !matches!(e, CrewError::Cancelled(_)) {
                            commit.step.status = "failed".into();
                            commit.step.error = Some(e.to_string());
                            commit.step.finished_at = now_ms();
                            self.store.lock_store().save_crew_step(&commit.step)?;
                        }
                        return Err(match e {
                            CrewError::Cancelled(_) => CrewError::Cancelled(run_id),
                            e => CrewError::StepFailed {
                                run: run_id,
                                step: key,
                                reason: e.to_string(),
                            },
                        });
                    }
                }
            }
            TaskKind::Media => {
                let slot_key = item_value
                    .get("key")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let description = item_value
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let (png, source) = self.image_for(&slot_key, &description, inputs).await;
                let out = json!({"slot": slot_key, "source": source.as_str(), "bytes": png.len()});
                commit.images.push(ImageWrite {
                    filename: format!("{slot_key}.png"),
                    key: slot_key,
                    png,
                });
                out
            }
            TaskKind::Layout => {
                let settings =
                    json!({"layout": task.layout, "crew": {"run_id": run_id, "crew": def.name}});
                commit.settings = Some(settings.clone());
                settings
            }
        };
        if let Some(w) = &task.write {
            let mut wctx = ctx.clone();
            if let Some(m) = wctx.as_object_mut() {
                m.insert("output".into(), output.clone());
            }
            commit.entries.push(entry_write(w, &wctx));
        }
        commit.step.status = "finished".into();
        commit.step.output = Some(output.clone());
        commit.step.finished_at = now_ms();
        let journal = JournalFields {
            title: render(&def.journal.title, &ctx),
            subtitle: render(&def.journal.subtitle, &ctx),
            theme: render(&def.journal.theme, &ctx),
            author_voice: render(&def.journal.author_voice, &ctx),
        };
        let step_for_event = commit.step.clone();
        let warnings = {
            let mut store = self.store.lock_store();
            if supersede {
                store.supersede_crew_step(run_id, &key)?;
            }
            persist::commit_step(&mut store, &journal, commit)?.1
        };
        state.record(&task.id, item, Some(output));
        let mut all_warnings = step_for_event.warnings.clone();
        all_warnings.extend(warnings);
        self.emit(CrewEvent::StepFinished {
            step: key,
            tokens_in: step_for_event.tokens_in,
            tokens_out: step_for_event.tokens_out,
            ms: step_for_event.finished_at - step_for_event.started_at,
            attempts: step_for_event.attempts,
            warnings: all_warnings,
        });
        Ok(())
    }

    /// Records `step` as skipped for `reason`: saved, remembered as done with no output,
    /// and told to the watcher.
    fn skip(
        &self,
        step: CrewStep,
        state: &mut State,
        item: Option<usize>,
        reason: String,
    ) -> Result<()> {
        let step = CrewStep {
            status: "skipped".into(),
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

    /// Asks the model, re-asking with the reason when a reply is not accepted. Fills
    /// in the step's prompt, reply, attempts and tokens as it goes.
    #[allow(clippy::too_many_arguments)]
    async fn ask(
        &self,
        def: &CrewDefinition,
        task: &Task,
        key: &str,
        ctx: &Value,
        client: &LlmClient,
        earlier: &[Value],
        step: &mut CrewStep,
    ) -> Result<Value> {
        let agent = task.agent.as_deref().and_then(|a| def.agent(a));
        let language = ctx
            .get("language")
            .and_then(Value::as_str)
            .unwrap_or("English");
        let system = match agent {
            Some(a) => format!(
                "You are the {}. {} {}\nWrite in {language}. Reply with one JSON object only.",
                a.role, a.goal, a.backstory
            ),
            None => format!("Write in {language}. Reply with one JSON object only."),
        };
        let mut prompt = render(&task.description, ctx);
        if !task.expected_output.is_empty() {
            prompt.push_str("\n\nReply with: ");
            prompt.push_str(&task.expected_output);
        }
        let note = ctx.get("note").and_then(Value::as_str).unwrap_or_default();
        if !note.trim().is_empty() {
            prompt.push_str("\n\nThe writer asks: ");
            prompt.push_str(note.trim());
        }
        step.prompt = format!("{system}\n\n{prompt}");
        step.profile = Some(client.profile().name.clone());
        let schema = task.schema.clone().map(|schema| OutputSchema {
            name: task.id.clone(),
            schema,
        });
        let mut messages = vec![
            Message::system(system.clone()),
            Message::user(prompt.clone()),
        ];
        let mut log = Vec::new();
        let on_client = |ev: ClientEvent| match ev {
            ClientEvent::Delta(text) => self.emit(CrewEvent::Delta {
                step: key.to_string(),
                text,
            }),
            ClientEvent::Retry {
                attempt,
                reason,
                delay,
            } => self.emit(CrewEvent::Retry {
                step: key.to_string(),
                attempt,
                reason,
                delay_ms: delay.as_millis() as u64,
            }),
            ClientEvent::RateLimitWait(d) => self.emit(CrewEvent::Retry {
                step: key.to_string(),
                attempt: 0,
                reason: "waiting for the endpoint's rate limit".into(),
                delay_ms: d.as_millis() as u64,
            }),
        };
        // Word counts and the like get one re-ask: a small model rarely does better on a
        // third try, and a slightly long day beats a run three times as slow.
        let mut guardrail_reasks = 0;
        // A reply cut off at the token limit is asked again with half as much room again,
        // up to twice the task's limit: "keep it short" alone rarely saves a small model.
        let mut max_tokens = task.max_tokens;
        // The last reply that was valid JSON and only missed a guardrail: if a later try is
        // worse (cut off, off-schema), the step keeps this one rather than failing the run.
        let mut kept: Option<(Value, String)> = None;
        for attempt in 0..=task.max_reasks {
            // A deterministic model says the same thing again; warm it up a little.
            let temperature = (task.temperature + 0.3 * attempt as f32).min(1.2);
            let req = ChatRequest {
                messages: messages.clone(),
                temperature: Some(temperature),
                max_tokens: Some(max_tokens),
                schema: schema.clone(),
                stream: self.options.stream,
                seed: None,
            };
            let t0 = Instant::now();
            let reply = client.chat(&req, &self.cancel, &on_client).await;
            let llm_ms = t0.elapsed().as_millis() as u64;
            let reply = match reply {
                Ok(r) => r,
                Err(LlmError::Cancelled) => return Err(CrewError::Cancelled(step.run_id)),
                Err(e) => {
                    log.push(
                        json!({"attempt": attempt + 1, "error": e.to_string(), "llm_ms": llm_ms}),
                    );
                    step.attempts = attempt as i64 + 1;
                    step.attempt_log = Value::Array(log);
                    return Err(e.into());
                }
            };
            step.tokens_in += reply.usage.tokens_in as i64;
            step.tokens_out += reply.usage.tokens_out as i64;
            step.attempts = attempt as i64 + 1;
            step.raw_reply = reply.content.clone();
            let (value, rejection) = reply::judge(task, &reply.content, earlier);
            log.push(json!({
                "attempt": attempt + 1,
                "http_attempts": reply.attempts,
                "tokens_in": reply.usage.tokens_in,
                "tokens_out": reply.usage.tokens_out,
                "usage_estimated": reply.usage.estimated,
                "finish_reason": reply.finish_reason,
                "llm_ms": llm_ms,
                "schema_valid": rejection.as_ref().is_none_or(|r| !r.is_schema()),
                "rejected": rejection.as_ref().map(|r| r.message().to_string()),
            }));
            step.attempt_log = Value::Array(log.clone());
            if attempt == 0 {
                step.valid_first = rejection.is_none();
            }
            match (value, rejection) {
                (Some(v), None) => return Ok(v),
                (value, Some(rej))
                    if attempt < task.max_reasks && (rej.is_schema() || guardrail_reasks < 1) =>
                {
                    if !rej.is_schema() {
                        guardrail_reasks += 1;
                    }
                    if let (Some(v), Rejection::Guardrail(why)) = (value, &rej) {
                        kept = Some((v, why.clone()));
                    }
                    self.emit(CrewEvent::Reask {
                        step: key.to_string(),
                        attempt: attempt + 1,
                        reason: rej.message().to_string(),
                    });
                    let cut_off = reply.finish_reason.as_deref() == Some("length")
                        && matches!(rej, Rejection::NotJson(_));
                    if cut_off {
                        max_tokens = (max_tokens + max_tokens / 2).min(task.max_tokens * 2);
                    }
                    messages = if cut_off {
                        // Quoting a runaway reply back only fills the context: ask afresh.
                        vec![
                            Message::system(system.clone()),
                            Message::user(format!(
                                "{prompt}\n\nKeep every text short and close the JSON object: \
                                 the last answer ran past the length limit and was cut off."
                            )),
                        ]
                    } else {
                        let shown: String = reply.content.chars().take(1500).collect();
                        vec![
                            Message::system(system.clone()),
                            Message::user(prompt.clone()),
                            Message::assistant(shown),
                            Message::user(format!(
                                "That reply was not accepted: {}. Reply again with only the corrected JSON object.",
                                rej.message()
                            )),
                        ]
                    };
                }
                (Some(v), Some(Rejection::Guardrail(why))) => {
                    step.warnings
                        .push(format!("kept after {} tries: {why}", attempt + 1));
                    return Ok(v);
                }
                (_, Some(rej)) => {
                    let Some((v, why)) = kept.take() else {
                        return Err(CrewError::Invalid(format!(
                            "the model's reply was not usable after {} tries: {}",
                            attempt + 1,
                            rej.message()
                        )));
                    };
                    step.warnings.push(format!(
                        "kept an earlier try ({why}): the last of {} tries was unusable ({})",
                        attempt + 1,
                        rej.message()
                    ));
                    return Ok(v);
                }
                (None, None) => unreachable!("judge gives a value or a rejection"),
            }
        }
        Err(CrewError::Invalid("no attempts were made".into()))
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
}

fn entry_write(w: &crate::definition::WriteSpec, ctx: &Value) -> EntryWrite {
    let text = |t: &Option<String>| t.as_ref().map(|t| render(t, ctx).trim().to_string());
    let int = |t: &Option<String>| text(t).and_then(|s| s.parse::<i64>().ok());
    EntryWrite {
        key: render(&w.key, ctx),
        kind: text(&w.kind).and_then(|k| k.parse().ok()),
        day: int(&w.day),
        position: int(&w.position),
        title: text(&w.title),
        body: text(&w.body),
        prompt: text(&w.prompt),
        lines: int(&w.lines),
    }
}

pub fn summary(store: &jcc_store::Store, run_id: i64) -> Result<RunSummary> {
    let run = store.crew_run(run_id)?;
    let current = store.current_crew_steps(run_id)?;
    let all = store.crew_steps(run_id)?;
    Ok(RunSummary {
        run_id,
        journal_id: run.journal_id,
        status: run.status.clone(),
        tokens_in: run.tokens_in,
        tokens_out: run.tokens_out,
        steps_finished: current.iter().filter(|s| s.status == "finished").count(),
        steps_failed: all.iter().filter(|s| s.status == "failed").count(),
        question: run
            .pending
            .as_ref()
            .and_then(|p| p.get("question"))
            .and_then(Value::as_str)
            .map(str::to_string),
        error: run.error,
    })
}
