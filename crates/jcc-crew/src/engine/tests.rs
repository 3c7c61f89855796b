//! The engine against a scripted model (jcc-llm's `ScriptedModel`, in process) and a real
//! in-memory library: what it asks, how it re-asks, what it saves, where runs stop.

use super::*;
use crate::events::{AcceptAll, PauseAlways};
use jcc_llm::{ChatModel, LlmError, Role, Scripted, ScriptedModel};
use jcc_store::{StepStatus, Store};
use std::sync::{Arc, Mutex};

const CREW: &str = r#"
name = "mini"
version = 1
description = "A small crew for the engine's tests."
temperature = 0.4
max_reasks = 2

[journal]
title = "{{title}}"
theme = "{{theme}}"

[[agents]]
id = "writer"
role = "Journal writer"
goal = "Write warm pages."
backstory = "You write guided journals."

[[tasks]]
id = "titles"
agent = "writer"
skip_if = "title"
description = "Suggest 2 titles about {{theme}}."
expected_output = "A JSON object with a list of 2 titles."
max_tokens = 100
schema = '''{"type": "object", "properties": {"titles": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}}, "required": ["titles"]}'''
pick = { list = "titles", into = "title", question = "Which title?" }

[[tasks]]
id = "commitment"
agent = "writer"
description = "Write the commitment page of {{title}}."
max_tokens = 200
schema = '''{"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}'''
guardrails = { contains = { text = "[Name]" } }
write = { key = "commitment", kind = "commitment", position = "2", title = "My commitment", body = "{{output.text}}" }

[[tasks]]
id = "polish"
agent = "writer"
optional = true
context = ["commitment"]
description = "Polish this: {{commitment.text}}"
max_tokens = 100
max_reasks = 1
schema = '''{"type": "object", "properties": {"changes": {"type": "string"}}, "required": ["changes"]}'''
"#;

const TITLES: &str = r#"{"titles": ["Calm Days", "Quiet Mornings"]}"#;
const PLEDGE: &str = r#"{"text": "I, [Name], will write each morning."}"#;
const POLISHED: &str = r#"{"changes": "none"}"#;

struct Harness {
    store: Mutex<Store>,
    events: Mutex<Vec<CrewEvent>>,
    model: Arc<ScriptedModel>,
    run_id: i64,
}

impl Harness {
    fn new(script: Vec<Scripted>) -> Self {
        let store = Mutex::new(Store::open_in_memory().unwrap());
        let def = CrewDefinition::parse(CREW, Path::new("<test>")).unwrap();
        let inputs = RunInputs {
            theme: "slow mornings".into(),
            ..Default::default()
        };
        let run_id = Engine::create_run(&store, &def, &inputs, Some("scripted")).unwrap();
        Self {
            store,
            events: Mutex::new(Vec::new()),
            model: Arc::new(ScriptedModel::new(script)),
            run_id,
        }
    }

    /// A fresh script for the next drive (its requests are counted from there).
    fn then(&mut self, script: Vec<Scripted>) {
        self.model = Arc::new(ScriptedModel::new(script));
    }

    async fn run_with(
        &self,
        decider: &dyn Decider,
        cancel: CancellationToken,
    ) -> Result<RunSummary> {
        let on_event = |e: &CrewEvent| self.events.lock().unwrap().push(e.clone());
        let clients = Clients {
            default: Some(Arc::clone(&self.model) as Arc<dyn ChatModel>),
            ..Default::default()
        };
        Engine::new(&self.store, clients, decider, &on_event)
            .with_cancel(cancel)
            .run(self.run_id)
            .await
    }

    async fn run(&self, decider: &dyn Decider) -> Result<RunSummary> {
        self.run_with(decider, CancellationToken::new()).await
    }

    fn steps(&self) -> Vec<(String, StepStatus)> {
        let store = self.store.lock().unwrap();
        store
            .crew_steps(self.run_id)
            .unwrap()
            .into_iter()
            .map(|s| (s.step_key, s.status))
            .collect()
    }

    fn step(&self, key: &str) -> jcc_store::crew_runs::CrewStep {
        let store = self.store.lock().unwrap();
        store
            .crew_steps(self.run_id)
            .unwrap()
            .into_iter()
            .rev()
            .find(|s| s.step_key == key)
            .unwrap_or_else(|| panic!("no step {key}"))
    }

    fn reasks(&self) -> Vec<String> {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .filter_map(|e| match e {
                CrewEvent::Reask { step, .. } => Some(step.clone()),
                _ => None,
            })
            .collect()
    }
}

fn user_text(req: &jcc_llm::ChatRequest) -> String {
    req.messages
        .iter()
        .filter(|m| m.role == Role::User)
        .map(|m| m.content.as_str())
        .collect::<Vec<_>>()
        .join("\n---\n")
}

#[tokio::test]
async fn a_run_asks_each_task_pauses_for_the_title_and_finishes_with_the_writers_pick() {
    let h = Harness::new(vec![Scripted::Reply(TITLES.into())]);
    let paused = h.run(&PauseAlways).await.unwrap();
    assert_eq!(paused.status, RunStatus::Paused);
    assert_eq!(paused.question.as_deref(), Some("Which title?"));
    assert_eq!(h.steps(), vec![("titles".into(), StepStatus::Finished)]);

    // What the model was asked, exactly as the task and its agent say.
    let first = &h.model.requests()[0];
    assert_eq!(
        first.messages[0].content,
        "You are the Journal writer. Write warm pages. You write guided journals.\nWrite in English. Reply with one JSON object only."
    );
    assert_eq!(
        first.messages[1].content,
        "Suggest 2 titles about slow mornings.\n\nReply with: A JSON object with a list of 2 titles."
    );
    assert_eq!(first.temperature, Some(0.4));
    assert_eq!(first.max_tokens, Some(100));
    assert_eq!(
        first.schema.as_ref().map(|s| s.name.as_str()),
        Some("titles")
    );

    let mut h = h;
    h.then(vec![
        Scripted::Reply(PLEDGE.into()),
        Scripted::Reply(POLISHED.into()),
    ]);
    let done = h.run(&AcceptAll).await.unwrap();
    assert_eq!(done.status, RunStatus::Finished, "{done:?}");
    assert_eq!(done.steps_finished, 3);
    assert!(user_text(&h.model.requests()[0]).contains("commitment page of Calm Days"));
    // The step's write is an entry of the run's journal, titled by the writer's pick.
    let store = h.store.lock().unwrap();
    let journal = store.journal(done.journal_id.unwrap()).unwrap();
    assert_eq!(journal.title, "Calm Days");
    let entries = store
        .list_entries(&jcc_store::EntryFilter {
            journal_id: done.journal_id,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].body, "I, [Name], will write each morning.");
    drop(store);
    let started = h
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| matches!(e, CrewEvent::RunStarted { resumed: true, .. }))
        .count();
    assert_eq!(started, 1, "the second drive resumed the run");
}

#[tokio::test]
async fn an_unreadable_reply_is_asked_again_quoting_why_and_warmer() {
    let h = Harness::new(vec![
        Scripted::Reply("Here are two titles: Calm Days and Quiet Mornings".into()),
        Scripted::Reply(TITLES.into()),
    ]);
    h.run(&PauseAlways).await.unwrap();
    let asked = h.model.requests();
    assert_eq!(asked.len(), 2);
    let again = &asked[1];
    assert_eq!(
        again.messages.len(),
        4,
        "the prompt, the reply, and why it was refused"
    );
    assert_eq!(again.messages[2].role, Role::Assistant);
    assert!(again.messages[3]
        .content
        .starts_with("That reply was not accepted: "));
    assert!((again.temperature.unwrap() - 0.7).abs() < 1e-6);
    assert_eq!(h.reasks(), vec!["titles".to_string()]);
    let step = h.step("titles");
    assert_eq!((step.attempts, step.valid_first), (2, false));
}

#[tokio::test]
async fn a_reply_cut_off_at_the_limit_is_asked_afresh_with_more_room() {
    let h = Harness::new(vec![
        Scripted::CutOff(r#"{"titles": ["Calm Days", "Quiet Mor"#.into()),
        Scripted::Reply(TITLES.into()),
    ]);
    h.run(&PauseAlways).await.unwrap();
    let again = &h.model.requests()[1];
    assert_eq!(again.max_tokens, Some(150));
    assert_eq!(
        again.messages.len(),
        2,
        "the runaway reply is not quoted back"
    );
    assert!(again.messages[1].content.ends_with(
        "Keep every text short and close the JSON object: the last answer ran past the length limit and was cut off."
    ));
}

#[tokio::test]
async fn a_missed_guardrail_is_asked_once_then_kept_with_a_warning() {
    let mut h = Harness::new(vec![Scripted::Reply(TITLES.into())]);
    h.run(&PauseAlways).await.unwrap();
    let no_name = r#"{"text": "I will write each morning."}"#;
    h.then(vec![
        Scripted::Reply(no_name.into()),
        Scripted::Reply(no_name.into()),
        Scripted::Reply(POLISHED.into()),
    ]);
    let done = h.run(&AcceptAll).await.unwrap();
    assert_eq!(done.status, RunStatus::Finished);
    let step = h.step("commitment");
    assert_eq!(step.attempts, 2, "one re-ask for a guardrail");
    assert!(
        step.warnings
            .iter()
            .any(|w| w.starts_with("kept after 2 tries")),
        "{:?}",
        step.warnings
    );
}

#[tokio::test]
async fn an_endpoint_fault_fails_the_step_and_the_run_which_resumes_from_there() {
    let mut h = Harness::new(vec![Scripted::Reply(TITLES.into())]);
    h.run(&PauseAlways).await.unwrap();
    h.then(vec![Scripted::Fault(LlmError::Server {
        url: "http://127.0.0.1:9/v1".into(),
        status: 500,
        body: "overloaded".into(),
    })]);
    let err = h.run(&AcceptAll).await.unwrap_err();
    assert!(
        matches!(&err, CrewError::StepFailed { step, .. } if step == "commitment"),
        "{err}"
    );
    let failed = h.step("commitment");
    assert_eq!(failed.status, StepStatus::Failed);
    assert!(failed.error.as_deref().unwrap().contains("overloaded"));
    let run = h.store.lock().unwrap().crew_run(h.run_id).unwrap();
    assert_eq!(run.status, RunStatus::Failed);

    h.then(vec![
        Scripted::Reply(PLEDGE.into()),
        Scripted::Reply(POLISHED.into()),
    ]);
    let done = h.run(&AcceptAll).await.unwrap();
    assert_eq!(done.status, RunStatus::Finished);
    assert_eq!(
        h.model.requests().len(),
        2,
        "finished steps are not asked again"
    );
    assert_eq!((done.steps_finished, done.steps_failed), (3, 1));
}

#[tokio::test]
async fn an_optional_step_that_stays_unusable_is_skipped_and_the_run_finishes() {
    let mut h = Harness::new(vec![Scripted::Reply(TITLES.into())]);
    h.run(&PauseAlways).await.unwrap();
    h.then(vec![
        Scripted::Reply(PLEDGE.into()),
        Scripted::Reply("no".into()),
        Scripted::Reply("still no".into()),
    ]);
    let done = h.run(&AcceptAll).await.unwrap();
    assert_eq!(done.status, RunStatus::Finished);
    let polish = h.step("polish");
    assert_eq!(polish.status, StepStatus::Skipped);
    assert!(polish.warnings[0].ends_with("kept what the earlier steps wrote"));
    assert_eq!(h.model.remaining(), 0);
}

#[tokio::test]
async fn cancelling_stops_the_run_at_once_and_leaves_no_half_step() {
    let h = Harness::new(vec![Scripted::Hang]);
    let cancel = CancellationToken::new();
    let later = cancel.clone();
    let stop = async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        later.cancel();
    };
    let (result, ()) = tokio::join!(h.run_with(&AcceptAll, cancel), stop);
    assert!(matches!(result, Err(CrewError::Cancelled(id)) if id == h.run_id));
    assert!(h.steps().is_empty(), "{:?}", h.steps());
    let run = h.store.lock().unwrap().crew_run(h.run_id).unwrap();
    assert_eq!(run.status, RunStatus::Cancelled);
}

#[tokio::test]
async fn words_that_leak_the_format_are_asked_again_then_cleaned_and_scored() {
    // A list number and a file name in the titles: asked again, quoting both.
    let mut h = Harness::new(vec![
        Scripted::Reply(r#"{"titles": ["1. Calm Days", "Quiet Mornings.JPG"]}"#.into()),
        Scripted::Reply(TITLES.into()),
    ]);
    let paused = h.run(&PauseAlways).await.unwrap();
    assert_eq!(h.reasks(), ["titles"]);
    let reask = user_text(&h.model.requests()[1]);
    assert!(reask.contains("titles[0] has a list marker"), "{reask}");
    assert!(reask.contains("titles[1] contains a file name"), "{reask}");
    // Neither title was clean on the first try.
    assert_eq!(
        paused.quality,
        Quality {
            fields: 2,
            passed_first: 0,
            score: Some(0.0)
        }
    );

    // JSON punctuation in the pledge, twice: kept, cleaned, and said so.
    let leaky = r#"{"text": "I, [Name], will write each morning. }, {"}"#;
    h.then(vec![
        Scripted::Reply(leaky.into()),
        Scripted::Reply(leaky.into()),
        Scripted::Reply(POLISHED.into()),
    ]);
    let done = h.run(&AcceptAll).await.unwrap();
    assert_eq!(done.status, RunStatus::Finished, "{done:?}");
    let step = h.step("commitment");
    assert_eq!(
        step.output.as_ref().unwrap()["text"],
        "I, [Name], will write each morning."
    );
    assert!(
        step.warnings
            .iter()
            .any(|w| w.starts_with("replaced with clean text after 2 tries: text")),
        "{:?}",
        step.warnings
    );
    let store = h.store.lock().unwrap();
    let entries = store
        .list_entries(&jcc_store::EntryFilter {
            journal_id: done.journal_id,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(entries[0].body, "I, [Name], will write each morning.");
    // Titles 0 of 2, the pledge 0 of 1, the polish 1 of 1.
    assert_eq!(
        done.quality,
        Quality {
            fields: 4,
            passed_first: 1,
            score: Some(0.25)
        }
    );
}

#[tokio::test]
async fn an_optional_pass_whose_words_stay_unusable_is_skipped_not_patched() {
    let mut h = Harness::new(vec![Scripted::Reply(TITLES.into())]);
    h.run(&PauseAlways).await.unwrap();
    let leaky = r#"{"changes": "{{pre_wr}}"}"#;
    h.then(vec![
        Scripted::Reply(PLEDGE.into()),
        Scripted::Reply(leaky.into()),
        Scripted::Reply(leaky.into()),
    ]);
    let done = h.run(&AcceptAll).await.unwrap();
    assert_eq!(done.status, RunStatus::Finished, "{done:?}");
    let polish = h.step("polish");
    assert_eq!(polish.status, StepStatus::Skipped);
    assert!(
        polish
            .warnings
            .iter()
            .any(|w| w.contains("unusable text after 2 tries")
                && w.contains("kept what the earlier steps wrote")),
        "{:?}",
        polish.warnings
    );
    // Titles 2 of 2, the pledge 1 of 1, the skipped polish 0 of 1 (its first reply).
    assert_eq!(
        done.quality,
        Quality {
            fields: 4,
            passed_first: 3,
            score: Some(0.75)
        }
    );
}
