//! Asking the model for one step: the prompt, the request, and re-asking (quoting the
//! problem) while a reply is not accepted, within the task's bounds.

use super::step::StepRun;
use super::Engine;
use crate::content;
use crate::definition::{CrewDefinition, Task};
use crate::error::{CrewError, Result};
use crate::events::CrewEvent;
use crate::reply::{self, Rejection};
use crate::template::render;
use jcc_llm::{ChatModel, ChatReply, ChatRequest, ClientEvent, LlmError, Message, OutputSchema};
use jcc_store::crew_runs::CrewStep;
use serde_json::{json, Value};
use std::time::Instant;

/// What one step says to the model: who it is (system) and what to do (user).
struct Prompt {
    system: String,
    user: String,
}

impl Prompt {
    fn new(def: &CrewDefinition, task: &Task, ctx: &Value) -> Self {
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
        let mut user = render(&task.description, ctx);
        if !task.expected_output.is_empty() {
            user.push_str("\n\nReply with: ");
            user.push_str(&task.expected_output);
        }
        let note = ctx.get("note").and_then(Value::as_str).unwrap_or_default();
        if !note.trim().is_empty() {
            user.push_str("\n\nThe writer asks: ");
            user.push_str(note.trim());
        }
        Self { system, user }
    }

    fn first_messages(&self) -> Vec<Message> {
        vec![
            Message::system(self.system.clone()),
            Message::user(self.user.clone()),
        ]
    }

    /// After a reply cut off at the token limit: quoting a runaway reply back only fills
    /// the context, so ask afresh.
    fn after_cut_off(&self) -> Vec<Message> {
        vec![
            Message::system(self.system.clone()),
            Message::user(format!(
                "{}\n\nKeep every text short and close the JSON object: \
                 the last answer ran past the length limit and was cut off.",
                self.user
            )),
        ]
    }

    /// After any other rejected reply: the reply, and why it was not accepted.
    fn after_rejection(&self, reply: &str, rejection: &Rejection) -> Vec<Message> {
        let shown: String = reply.chars().take(1500).collect();
        vec![
            Message::system(self.system.clone()),
            Message::user(self.user.clone()),
            Message::assistant(shown),
            Message::user(format!(
                "That reply was not accepted: {}. Reply again with only the corrected JSON object.",
                rejection.message()
            )),
        ]
    }
}

/// What to do with a judged reply.
enum Verdict {
    Accept(Value),
    /// Ask again; the reason goes to the watcher.
    Reask(String),
    Fail(CrewError),
}

/// One step's conversation with the model across its tries.
struct Conversation<'t> {
    task: &'t Task,
    prompt: Prompt,
    messages: Vec<Message>,
    /// A reply cut off at the token limit is asked again with half as much room again,
    /// up to twice the task's limit: "keep it short" alone rarely saves a small model.
    max_tokens: u32,
    /// Word counts and the like get one re-ask: a small model rarely does better on a
    /// third try, and a slightly long day beats a run three times as slow.
    guardrail_reasks: u32,
    /// The last reply that was valid JSON and only missed a guardrail: if a later try is
    /// worse (cut off, off-schema), the step keeps this one rather than failing the run.
    kept: Option<(Value, String)>,
    log: Vec<Value>,
}

impl<'t> Conversation<'t> {
    fn new(task: &'t Task, prompt: Prompt) -> Self {
        Self {
            messages: prompt.first_messages(),
            task,
            prompt,
            max_tokens: task.max_tokens,
            guardrail_reasks: 0,
            kept: None,
            log: Vec::new(),
        }
    }

    fn request(&self, attempt: u32, stream: bool) -> ChatRequest {
        // A deterministic model says the same thing again; warm it up a little.
        let temperature = (self.task.temperature + 0.3 * attempt as f32).min(1.2);
        ChatRequest {
            messages: self.messages.clone(),
            temperature: Some(temperature),
            max_tokens: Some(self.max_tokens),
            schema: self.task.schema.clone().map(|schema| OutputSchema {
                name: self.task.id.clone(),
                schema,
            }),
            stream,
            seed: None,
        }
    }

    /// The endpoint failed for good: the try goes into the step's log.
    fn failed(&mut self, step: &mut CrewStep, attempt: u32, error: &LlmError, llm_ms: u64) {
        self.log
            .push(json!({"attempt": attempt + 1, "error": error.to_string(), "llm_ms": llm_ms}));
        step.attempts = attempt as i64 + 1;
        step.attempt_log = Value::Array(std::mem::take(&mut self.log));
    }

    /// A reply came: its tokens, text and judgement go into the step.
    fn answered(
        &mut self,
        step: &mut CrewStep,
        attempt: u32,
        reply: &ChatReply,
        rejection: Option<&Rejection>,
        llm_ms: u64,
        fields_clean: Option<(usize, usize)>,
    ) {
        step.tokens_in += reply.usage.tokens_in as i64;
        step.tokens_out += reply.usage.tokens_out as i64;
        step.attempts = attempt as i64 + 1;
        step.raw_reply = reply.content.clone();
        self.log.push(json!({
            "attempt": attempt + 1,
            "http_attempts": reply.attempts,
            "tokens_in": reply.usage.tokens_in,
            "tokens_out": reply.usage.tokens_out,
            "usage_estimated": reply.usage.estimated,
            "finish_reason": reply.finish_reason,
            "llm_ms": llm_ms,
            "schema_valid": rejection.is_none_or(|r| !r.is_schema()),
            "rejected": rejection.map(|r| r.message().to_string()),
        }));
        if let (Some((fields, clean)), Some(entry)) = (fields_clean, self.log.last_mut()) {
            // The run's quality score counts these (engine::summary).
            entry["fields"] = json!(fields);
            entry["fields_clean"] = json!(clean);
        }
        step.attempt_log = Value::Array(self.log.clone());
        if attempt == 0 {
            step.valid_first = rejection.is_none();
        }
    }

    fn verdict(
        &mut self,
        step: &mut CrewStep,
        attempt: u32,
        reply: &ChatReply,
        value: Option<Value>,
        rejection: Option<Rejection>,
    ) -> Verdict {
        let tries = attempt + 1;
        match (value, rejection) {
            (Some(v), None) => Verdict::Accept(v),
            (value, Some(rej))
                if attempt < self.task.max_reasks
                    && (rej.is_schema() || self.guardrail_reasks < 1) =>
            {
                if !rej.is_schema() {
                    self.guardrail_reasks += 1;
                }
                if let (Some(v), Rejection::Guardrail(why)) = (value, &rej) {
                    self.kept = Some((v, why.clone()));
                }
                self.reask(reply, &rej);
                Verdict::Reask(rej.message().to_string())
            }
            (Some(v), Some(Rejection::Guardrail(why))) => {
                step.warnings
                    .push(format!("kept after {tries} tries: {why}"));
                Verdict::Accept(v)
            }
            (_, Some(rej)) => match self.kept.take() {
                Some((v, why)) => {
                    step.warnings.push(format!(
                        "kept an earlier try ({why}): the last of {tries} tries was unusable ({})",
                        rej.message()
                    ));
                    Verdict::Accept(v)
                }
                None => Verdict::Fail(CrewError::Invalid(format!(
                    "the model's reply was not usable after {tries} tries: {}",
                    rej.message()
                ))),
            },
            (None, None) => unreachable!("judge gives a value or a rejection"),
        }
    }

    /// The accepted output with any field still failing the content checks cleaned or
    /// replaced by a template line (said in the step's warnings and last log entry). An
    /// optional step (the editor's pass) only polishes what exists: its fields are not
    /// patched up, the reply is unusable and the step is skipped, keeping the earlier text.
    fn repair(&self, step: &mut CrewStep, v: &mut Value) -> Result<()> {
        let names = content::schema_field_names(self.task.schema.as_ref());
        if self.task.optional {
            return match content::check(v, &names).first() {
                Some(first) => Err(CrewError::Invalid(format!(
                    "the model's reply still had unusable text after {} tries ({})",
                    step.attempts,
                    first.sentence()
                ))),
                None => Ok(()),
            };
        }
        let fixed = content::repair(v, &names);
        if fixed.is_empty() {
            return Ok(());
        }
        step.warnings.push(format!(
            "replaced with clean text after {} tries: {}",
            step.attempts,
            fixed.join(", ")
        ));
        if let Some(last) = step.attempt_log.as_array_mut().and_then(|a| a.last_mut()) {
            last["fields_repaired"] = json!(fixed);
        }
        Ok(())
    }

    /// The next request's messages (and room) after `rej`.
    fn reask(&mut self, reply: &ChatReply, rej: &Rejection) {
        let cut_off = reply.finish_reason.as_deref() == Some("length")
            && matches!(rej, Rejection::NotJson(_));
        self.messages = if cut_off {
            let limit = self.task.max_tokens;
            self.max_tokens = (self.max_tokens + self.max_tokens / 2).min(limit * 2);
            self.prompt.after_cut_off()
        } else {
            self.prompt.after_rejection(&reply.content, rej)
        };
    }
}

impl Engine<'_> {
    /// Asks the model, re-asking with the reason when a reply is not accepted. Fills
    /// in the step's prompt, reply, attempts and tokens as it goes.
    pub(super) async fn ask(
        &self,
        s: &StepRun<'_>,
        ctx: &Value,
        client: &dyn ChatModel,
        earlier: &[Value],
        step: &mut CrewStep,
    ) -> Result<Value> {
        let (task, key) = (s.task, s.key());
        let prompt = Prompt::new(s.def, task, ctx);
        step.prompt = format!("{}\n\n{}", prompt.system, prompt.user);
        step.profile = Some(client.profile().name.clone());
        let mut talk = Conversation::new(task, prompt);
        let on_client = |ev: ClientEvent| self.emit(client_event(&key, ev));
        for attempt in 0..=task.max_reasks {
            let req = talk.request(attempt, self.options.stream);
            let t0 = Instant::now();
            let reply = client.chat(&req, &self.cancel, &on_client).await;
            let llm_ms = t0.elapsed().as_millis() as u64;
            let reply = match reply {
                Ok(r) => r,
                Err(LlmError::Cancelled) => return Err(CrewError::Cancelled(step.run_id)),
                Err(e) => {
                    talk.failed(step, attempt, &e, llm_ms);
                    return Err(e.into());
                }
            };
            let (value, rejection) = reply::judge(task, &reply.content, earlier);
            let clean = (attempt == 0).then(|| first_clean(task, value.as_ref(), &rejection));
            talk.answered(step, attempt, &reply, rejection.as_ref(), llm_ms, clean);
            match talk.verdict(step, attempt, &reply, value, rejection) {
                Verdict::Accept(mut v) => {
                    talk.repair(step, &mut v)?;
                    return Ok(v);
                }
                Verdict::Fail(e) => return Err(e),
                Verdict::Reask(reason) => self.emit(CrewEvent::Reask {
                    step: key.to_string(),
                    attempt: attempt + 1,
                    reason,
                }),
            }
        }
        Err(CrewError::Invalid("no attempts were made".into()))
    }
}

/// A first reply's string fields, and how many of them pass: none when it breaks the
/// schema, else those without a content problem.
fn first_clean(
    task: &Task,
    value: Option<&Value>,
    rejection: &Option<Rejection>,
) -> (usize, usize) {
    let fields = value.map_or(0, content::field_count);
    match (value, rejection) {
        (Some(v), None | Some(Rejection::Guardrail(_))) => {
            let mut bad: Vec<String> = reply::content_problems(task, v)
                .into_iter()
                .map(|p| p.path)
                .collect();
            bad.dedup();
            (fields, fields.saturating_sub(bad.len()))
        }
        _ => (fields, 0),
    }
}

/// What the client reports while a request runs, as the run's watcher sees it.
fn client_event(key: &str, ev: ClientEvent) -> CrewEvent {
    match ev {
        ClientEvent::Delta(text) => CrewEvent::Delta {
            step: key.to_string(),
            text,
        },
        ClientEvent::Retry {
            attempt,
            reason,
            delay,
        } => CrewEvent::Retry {
            step: key.to_string(),
            attempt,
            reason,
            delay_ms: delay.as_millis() as u64,
        },
        ClientEvent::RateLimitWait(d) => CrewEvent::Retry {
            step: key.to_string(),
            attempt: 0,
            reason: "waiting for the endpoint's rate limit".into(),
            delay_ms: d.as_millis() as u64,
        },
    }
}
