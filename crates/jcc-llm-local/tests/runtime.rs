//! The on-device runtime with the real SmolLM2-135M GGUF: load, stream, cancel, and a
//! schema-constrained reply; and the files it must refuse, with the reason in words.

mod support;

use jcc_llm::{ChatModel, ChatRequest, ClientEvent, EndpointProfile, Message, OutputSchema};
use jcc_llm_local::{gguf, GgufError, LocalChat};
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;

fn profile(file: &std::path::Path) -> EndpointProfile {
    let mut p = EndpointProfile::local("here", &file.display().to_string());
    p.context_size = Some(2048);
    p.threads = Some(1);
    p
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn loads_streams_and_counts_tokens() {
    let Some(file) = support::smollm2() else {
        return;
    };
    let chat = LocalChat::open(profile(&file)).unwrap();
    assert_eq!(chat.model().info().architecture, "llama");
    let deltas = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = Arc::clone(&deltas);
    let on_event = move |e: ClientEvent| {
        if let ClientEvent::Delta(t) = e {
            seen.lock().unwrap().push(t);
        }
    };
    let req = ChatRequest {
        messages: vec![Message::user("Name three fruits.")],
        max_tokens: Some(40),
        temperature: Some(0.0),
        stream: true,
        ..Default::default()
    };
    let reply = rt()
        .block_on(ChatModel::chat(
            &chat,
            &req,
            &CancellationToken::new(),
            &on_event,
        ))
        .unwrap();
    let deltas = deltas.lock().unwrap();
    assert!(deltas.len() > 3, "streamed piece by piece: {deltas:?}");
    assert_eq!(deltas.concat(), reply.content, "the pieces make the reply");
    assert!(!reply.content.trim().is_empty());
    assert!(reply.usage.tokens_in > 5 && !reply.usage.estimated);
    assert!(reply.usage.tokens_out > 0 && reply.usage.tokens_out <= 40);
}

#[test]
fn a_cancelled_reply_stops_and_the_model_answers_the_next() {
    let Some(file) = support::smollm2() else {
        return;
    };
    let chat = LocalChat::open(profile(&file)).unwrap();
    let cancel = CancellationToken::new();
    let pieces = Arc::new(Mutex::new(0usize));
    let count = Arc::clone(&pieces);
    let stop = cancel.clone();
    // Cancel as the third piece arrives, as the window's Stop button does mid-stream.
    let on_event = move |e: ClientEvent| {
        if let ClientEvent::Delta(_) = e {
            let mut n = count.lock().unwrap();
            *n += 1;
            if *n == 3 {
                stop.cancel();
            }
        }
    };
    let long = ChatRequest {
        messages: vec![Message::user(
            "Write a long story about a lighthouse keeper.",
        )],
        max_tokens: Some(1500),
        stream: true,
        ..Default::default()
    };
    let err = rt()
        .block_on(ChatModel::chat(&chat, &long, &cancel, &on_event))
        .unwrap_err();
    assert!(matches!(err, jcc_llm::LlmError::Cancelled), "{err}");
    assert!(
        *pieces.lock().unwrap() < 20,
        "it stopped soon after the cancel"
    );
    // The worker is free again at once: a new request is answered.
    let short = ChatRequest {
        messages: vec![Message::user("Say OK.")],
        max_tokens: Some(8),
        temperature: Some(0.0),
        ..Default::default()
    };
    let reply = rt()
        .block_on(ChatModel::chat(
            &chat,
            &short,
            &CancellationToken::new(),
            &|_| {},
        ))
        .unwrap();
    assert!(reply.usage.tokens_out > 0);
}

#[test]
fn a_schema_constrains_the_reply() {
    let Some(file) = support::smollm2() else {
        return;
    };
    let chat = LocalChat::open(profile(&file)).unwrap();
    let schema = json!({
        "type": "object",
        "properties": {
            "title": {"type": "string", "minLength": 3},
            "days": {"type": "array", "minItems": 2, "maxItems": 3,
                     "items": {"type": "object", "properties": {"day": {"type": "integer"}, "prompt": {"type": "string"}},
                               "required": ["day", "prompt"]}}
        },
        "required": ["title", "days"]
    });
    let req = ChatRequest {
        messages: vec![Message::user("Plan a short gratitude journal.")],
        max_tokens: Some(400),
        temperature: Some(0.8),
        schema: Some(OutputSchema {
            name: "plan".into(),
            schema: schema.clone(),
        }),
        ..Default::default()
    };
    let reply = rt()
        .block_on(ChatModel::chat(
            &chat,
            &req,
            &CancellationToken::new(),
            &|_| {},
        ))
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&reply.content).unwrap_or_else(|e| panic!("{e}: {}", reply.content));
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&v), "{v}");
}

#[test]
fn a_truncated_model_is_refused() {
    let Some(file) = support::smollm2() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.gguf");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = gguf::inspect(&cut).unwrap_err();
    assert!(matches!(err, GgufError::Truncated { .. }), "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");
    let err = LocalChat::open(profile(&cut)).unwrap_err().to_string();
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn a_file_that_is_not_gguf_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("model.gguf");
    std::fs::write(&f, "<html>404 Not Found</html>").unwrap();
    let err = gguf::inspect(&f).unwrap_err().to_string();
    assert!(
        err.contains("not a GGUF model file") && err.contains("<htm"),
        "{err}"
    );
}

#[test]
fn a_model_too_big_for_the_memory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("huge.gguf");
    let free = gguf::available_memory().expect("/proc/meminfo");
    // Twice the free memory in f32 weights; a sparse file, so it costs no disk.
    let elements = free / 2 + 1;
    jcc_testkit::gguf::write_sparse_model(&f, elements).unwrap();
    assert!(gguf::inspect(&f).is_ok(), "the file itself is whole");
    let err = gguf::check(&f, 2048).unwrap_err();
    assert!(matches!(err, GgufError::TooBig { .. }), "{err}");
    assert!(err.to_string().contains("MB of memory"), "{err}");
}

#[test]
fn an_architecture_llama_cpp_cannot_run_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("odd.gguf");
    let header = jcc_testkit::gguf::gguf_header("frobnicator", 8);
    let mut out = std::fs::File::create(&f).unwrap();
    out.write_all(&header).unwrap();
    out.write_all(&[0u8; 32]).unwrap();
    drop(out);
    let err = gguf::inspect(&f).unwrap_err().to_string();
    assert!(
        err.contains("\"frobnicator\"") && err.contains("can't run"),
        "{err}"
    );
}
