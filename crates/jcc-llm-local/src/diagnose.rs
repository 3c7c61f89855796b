//! `jcc llm test` for a model file: loads it, then asks a tiny chat and a tiny
//! structured request, as the server check does, so one report covers both kinds.

use crate::chat::LocalChat;
use jcc_llm::{ChatRequest, ConnectionReport, EndpointProfile, Message, OutputSchema};
use serde_json::json;
use std::time::Instant;
use tokio_util::sync::CancellationToken;

pub async fn test_local(profile: EndpointProfile) -> ConnectionReport {
    let mut r = ConnectionReport {
        profile: profile.name.clone(),
        chat_url: profile.chat_url(),
        reachable: false,
        models: Vec::new(),
        model_listed: None,
        chat_ok: false,
        structured_ok: false,
        latency_ms: 0,
        tokens_in: 0,
        tokens_out: 0,
        problems: Vec::new(),
    };
    let chat = match LocalChat::open(profile.clone()) {
        Ok(c) => c,
        Err(e) => {
            r.problems.push(e.to_string());
            return r;
        }
    };
    r.reachable = true;
    r.models = vec![profile.model.clone()];
    r.model_listed = Some(true);
    let cancel = CancellationToken::new();
    let quiet = |_| {};
    let start = Instant::now();
    let hello = ChatRequest {
        messages: vec![Message::user("Say OK.")],
        max_tokens: Some(8),
        temperature: Some(0.0),
        ..Default::default()
    };
    match chat.chat(&hello, &cancel, &quiet).await {
        Ok(reply) => {
            r.chat_ok = true;
            r.latency_ms = start.elapsed().as_millis() as u64;
            r.tokens_in += reply.usage.tokens_in;
            r.tokens_out += reply.usage.tokens_out;
        }
        Err(e) => {
            r.problems.push(format!("a test chat failed: {e}"));
            return r;
        }
    }
    let structured = ChatRequest {
        messages: vec![Message::user("Reply with the JSON object {\"ok\": true}.")],
        max_tokens: Some(16),
        temperature: Some(0.0),
        schema: Some(OutputSchema {
            name: "check".into(),
            schema: json!({"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}),
        }),
        ..Default::default()
    };
    match chat.chat(&structured, &cancel, &quiet).await {
        Ok(reply) => {
            r.tokens_in += reply.usage.tokens_in;
            r.tokens_out += reply.usage.tokens_out;
            match serde_json::from_str::<serde_json::Value>(&reply.content) {
                Ok(v) if v.get("ok").is_some() => r.structured_ok = true,
                _ => r.problems.push(format!(
                    "the grammar-constrained reply was not the JSON asked for (got {:?})",
                    reply.content.chars().take(80).collect::<String>()
                )),
            }
        }
        Err(e) => r.problems.push(format!("a structured request failed: {e}")),
    }
    r
}
