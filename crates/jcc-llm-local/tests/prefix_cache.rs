//! The context keeps the previous request: a request sharing its start (the crew's system
//! prompt) is evaluated only from where it differs, and answers exactly as a freshly
//! loaded model does, under a grammar and after a cancelled reply. Greedy decoding: the
//! prompt read in other batch sizes rounds differently in the last bits, which can tip a
//! random draw at a temperature (llama.cpp's server behaves the same) but not the argmax.

mod support;

use jcc_llm::Message;
use jcc_llm_local::{grammar_for, Generate, LocalModel, LocalSettings, Output};
use serde_json::json;
use std::path::Path;
use tokio_util::sync::CancellationToken;

const SYSTEM: &str = "You are the editor of a guided journal for new parents. Every prompt is \
    one warm, plain question a tired parent can answer in five minutes. Avoid jargon, lists \
    and advice; ask about one moment of the day, the feelings in it and what it taught them.";

fn load(file: &Path) -> LocalModel {
    LocalModel::load(
        file,
        LocalSettings {
            context: 2048,
            threads: 1,
        },
    )
    .unwrap()
}

/// A request with the shared system prompt; with `schema`, grammar-constrained.
fn ask(user: &str, schema: bool, cancel: CancellationToken) -> Generate {
    let grammar = schema.then(|| {
        grammar_for(&json!({
            "type": "object",
            "properties": {"title": {"type": "string", "maxLength": 60},
                           "prompt": {"type": "string", "maxLength": 160}},
            "required": ["title", "prompt"]
        }))
        .unwrap()
    });
    Generate {
        messages: vec![Message::system(SYSTEM), Message::user(user)],
        grammar,
        max_tokens: Some(48),
        temperature: Some(0.0),
        seed: None,
        cancel,
    }
}

/// The reply's text and (prompt tokens, prompt tokens evaluated).
fn run(model: &LocalModel, req: Generate) -> (String, (u64, u64)) {
    let mut rx = model.generate(req);
    let mut text = String::new();
    loop {
        match rx.blocking_recv().expect("the worker answers") {
            Output::Piece(p) => text.push_str(&p),
            Output::Done {
                tokens_in,
                prompt_evaluated,
                ..
            } => return (text, (tokens_in, prompt_evaluated)),
            Output::Failed(e) => panic!("{e}"),
        }
    }
}

#[test]
fn a_shared_system_prompt_is_read_once_and_changes_nothing() {
    let Some(file) = support::smollm2() else {
        return;
    };
    let warm = load(&file);
    let (_, (first_in, first_eval)) = run(
        &warm,
        ask("Write day 1's prompt.", false, CancellationToken::new()),
    );
    assert_eq!(first_in, first_eval, "a new context reads the whole prompt");

    let second = || {
        ask(
            "Write day 2's prompt, about sleep.",
            true,
            CancellationToken::new(),
        )
    };
    let (cached, (tokens_in, evaluated)) = run(&warm, second());
    let fresh_model = load(&file);
    let (fresh, (fresh_in, fresh_eval)) = run(&fresh_model, second());
    assert_eq!(cached, fresh, "the cached context answers as a fresh one");
    assert_eq!((tokens_in, fresh_eval), (fresh_in, fresh_in));
    assert!(
        evaluated < tokens_in / 2,
        "only the part after the system prompt is read again: {evaluated} of {tokens_in}"
    );
    serde_json::from_str::<serde_json::Value>(&cached).unwrap_or_else(|e| panic!("{e}: {cached}"));

    // A reply cancelled mid-way leaves the context true: the same request again still
    // answers as the fresh model did.
    let cancel = CancellationToken::new();
    let mut rx = warm.generate(ask(
        "Write day 3's prompt, a long one.",
        false,
        cancel.clone(),
    ));
    match rx.blocking_recv() {
        Some(Output::Piece(_)) => cancel.cancel(),
        other => panic!("expected a piece first, got {other:?}"),
    }
    while let Some(o) = rx.blocking_recv() {
        if let Output::Failed(e) = o {
            assert!(matches!(e, jcc_llm::LlmError::Cancelled), "{e}");
        }
    }
    let (again, (_, evaluated)) = run(&warm, second());
    assert_eq!(again, fresh, "after a cancelled reply too");
    assert!(evaluated < tokens_in / 2, "{evaluated} of {tokens_in}");
}
