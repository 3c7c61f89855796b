//! "Test connection": checks an endpoint step by step and says exactly what is wrong.

use crate::client::LlmClient;
use crate::error::LlmError;
use crate::model::ChatModel;
use crate::profile::{EndpointProfile, StructuredOutput};
use crate::request::{ChatRequest, Message, OutputSchema};
use serde::Serialize;
use serde_json::json;
use std::time::Instant;
use tokio_util::sync::CancellationToken;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionReport {
    pub profile: String,
    pub chat_url: String,
    /// `GET /models` answered.
    pub reachable: bool,
    pub models: Vec<String>,
    /// The profile's model is among them (unknown when the list is empty).
    pub model_listed: Option<bool>,
    pub chat_ok: bool,
    pub structured_ok: bool,
    pub latency_ms: u64,
    pub tokens_in: u64,
    pub tokens_out: u64,
    /// Each problem found, in words a writer can act on; empty when all is well.
    pub problems: Vec<String>,
}

impl ConnectionReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// A report on `profile` with nothing checked yet.
    pub fn for_profile(profile: &EndpointProfile) -> Self {
        Self {
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
        }
    }
}

impl LlmClient {
    /// Lists models, sends a tiny chat, then a tiny structured request.
    pub async fn test_connection(&self) -> ConnectionReport {
        let p = self.profile();
        let mut r = ConnectionReport::for_profile(p);
        match self.list_models().await {
            Ok(models) => {
                r.reachable = true;
                if !models.is_empty() {
                    let listed = models.iter().any(|m| m == &p.model);
                    r.model_listed = Some(listed);
                    if !listed {
                        r.problems.push(format!(
                            "the server does not list the model {:?}; it has: {}",
                            p.model,
                            models.join(", ")
                        ));
                    }
                }
                r.models = models;
            }
            // Some servers have no /models; the chat below is the real test then.
            Err(LlmError::Rejected { status: 404, .. }) => r.reachable = true,
            Err(e) => {
                r.problems.push(e.to_string());
                return r;
            }
        }
        // One try only: the writer is waiting for a verdict, not a retry loop.
        let once = self.clone().with_retry_policy(crate::RetryPolicy {
            max_retries: 0,
            ..Default::default()
        });
        probe(&once, &mut r, false).await;
        r
    }
}

/// The two requests every check sends once the endpoint is reachable: a tiny chat
/// ("Say OK"), then, if it answered, a tiny structured request, their tokens added to
/// `r`. `strict`: the reply must be the JSON itself (an on-device model decodes under
/// the schema's grammar); otherwise JSON inside prose passes (a server in prompt mode),
/// and a failure suggests another `--structured-output` mode.
pub async fn probe(model: &dyn ChatModel, r: &mut ConnectionReport, strict: bool) {
    let cancel = CancellationToken::new();
    let quiet = |_| {};
    let start = Instant::now();
    let chat = ChatRequest {
        messages: vec![Message::user("Say OK.")],
        max_tokens: Some(8),
        temperature: Some(0.0),
        ..Default::default()
    };
    match model.chat(&chat, &cancel, &quiet).await {
        Ok(reply) => {
            r.chat_ok = true;
            r.latency_ms = start.elapsed().as_millis() as u64;
            r.tokens_in += reply.usage.tokens_in;
            r.tokens_out += reply.usage.tokens_out;
        }
        Err(e) => {
            r.problems.push(format!("a test chat failed: {e}"));
            return;
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
    let mode = model.profile().structured_output;
    let reply = match model.chat(&structured, &cancel, &quiet).await {
        Ok(reply) => reply,
        Err(e) if strict => {
            r.problems.push(format!("a structured request failed: {e}"));
            return;
        }
        Err(e) => {
            r.problems.push(format!(
                "structured output ({mode}) was refused: {e}; try another --structured-output mode"
            ));
            return;
        }
    };
    r.tokens_in += reply.usage.tokens_in;
    r.tokens_out += reply.usage.tokens_out;
    let parsed = if strict {
        serde_json::from_str::<serde_json::Value>(&reply.content).ok()
    } else {
        extract_json(&reply.content)
    };
    if parsed.as_ref().and_then(|v| v.get("ok")).is_some() {
        r.structured_ok = true;
        return;
    }
    let got = reply.content.chars().take(80).collect::<String>();
    r.problems.push(if strict {
        format!("the grammar-constrained reply was not the JSON asked for (got {got:?})")
    } else {
        let other = if mode == StructuredOutput::Prompt {
            "json_object"
        } else {
            "prompt"
        };
        format!(
            "structured output ({mode}) did not give the JSON asked for (got {got:?}); try --structured-output {other}"
        )
    });
}

fn extract_json(text: &str) -> Option<serde_json::Value> {
    let start = text.find('{')?;
    let end = text.rfind('}')?;
    serde_json::from_str(text.get(start..=end)?).ok()
}
