//! Chat requests and replies, and the JSON body each structured-output mode needs.

use crate::profile::{EndpointProfile, StructuredOutput};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    pub fn system(text: impl Into<String>) -> Self {
        Self {
            role: Role::System,
            content: text.into(),
        }
    }
    pub fn user(text: impl Into<String>) -> Self {
        Self {
            role: Role::User,
            content: text.into(),
        }
    }
    pub fn assistant(text: impl Into<String>) -> Self {
        Self {
            role: Role::Assistant,
            content: text.into(),
        }
    }
}

/// The JSON Schema a reply must follow, with a name (OpenAI wants one).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputSchema {
    pub name: String,
    pub schema: Value,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    pub messages: Vec<Message>,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
    pub seed: Option<u64>,
    pub schema: Option<OutputSchema>,
    /// Stream the reply (token deltas reach the caller as they arrive).
    pub stream: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub tokens_in: u64,
    pub tokens_out: u64,
    /// True when the server reported no usage and these are estimates.
    pub estimated: bool,
}

impl Usage {
    pub fn total(&self) -> u64 {
        self.tokens_in + self.tokens_out
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatReply {
    pub content: String,
    pub usage: Usage,
    pub finish_reason: Option<String>,
    /// Attempts it took (1 when the first one worked).
    pub attempts: u32,
}

/// A rough token count for text (about four characters a token in English), used when
/// a server reports no usage and for the rate limiter's estimate before a request.
pub fn estimate_tokens(text: &str) -> u64 {
    (text.chars().count() as u64).div_ceil(4)
}

pub fn estimate_request_tokens(req: &ChatRequest) -> u64 {
    req.messages
        .iter()
        .map(|m| estimate_tokens(&m.content) + 4)
        .sum()
}

/// The instruction added in `prompt` mode, where the server can't be told the schema.
pub fn schema_instruction(schema: &OutputSchema) -> String {
    format!(
        "Reply with only a JSON object, no other text, that follows this JSON Schema:\n{}",
        schema.schema
    )
}

/// The request body for `/chat/completions` in the endpoint's structured-output mode.
pub fn body(profile: &EndpointProfile, req: &ChatRequest) -> Value {
    let mut messages = req.messages.clone();
    if let (Some(schema), StructuredOutput::Prompt) = (&req.schema, profile.structured_output) {
        let instruction = schema_instruction(schema);
        match messages.iter_mut().rev().find(|m| m.role == Role::User) {
            Some(last) => {
                last.content.push_str("\n\n");
                last.content.push_str(&instruction);
            }
            None => messages.push(Message::user(instruction)),
        }
    }
    let mut body = json!({ "model": profile.model, "messages": messages });
    let obj = body.as_object_mut().expect("literal object");
    if let Some(t) = req.temperature {
        obj.insert("temperature".into(), json!(t));
    }
    if let Some(n) = req.max_tokens {
        obj.insert("max_tokens".into(), json!(n));
    }
    if let Some(seed) = req.seed {
        obj.insert("seed".into(), json!(seed));
    }
    if let Some(schema) = &req.schema {
        match profile.structured_output {
            StructuredOutput::JsonSchema => {
                obj.insert(
                    "response_format".into(),
                    json!({"type": "json_schema", "json_schema": {
                        "name": schema.name, "schema": schema.schema, "strict": false}}),
                );
            }
            StructuredOutput::JsonObject => {
                obj.insert(
                    "response_format".into(),
                    json!({"type": "json_object", "schema": schema.schema}),
                );
            }
            StructuredOutput::Prompt => {}
        }
    }
    if req.stream {
        obj.insert("stream".into(), json!(true));
        obj.insert("stream_options".into(), json!({"include_usage": true}));
    }
    body
}

/// Reads the usage object of a reply or final stream chunk.
pub(crate) fn parse_usage(v: &Value) -> Option<(u64, u64)> {
    let u = v.get("usage")?;
    let input = u.get("prompt_tokens")?.as_u64()?;
    let output = u
        .get("completion_tokens")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    Some((input, output))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req() -> ChatRequest {
        ChatRequest {
            messages: vec![Message::system("s"), Message::user("u")],
            schema: Some(OutputSchema {
                name: "t".into(),
                schema: json!({"type": "object"}),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn each_mode_asks_for_json_its_own_way() {
        let mut p = EndpointProfile::new("p", "http://x", "m");
        let b = body(&p, &req());
        assert_eq!(b["response_format"]["type"], "json_schema");
        assert_eq!(b["response_format"]["json_schema"]["name"], "t");
        p.structured_output = StructuredOutput::JsonObject;
        let b = body(&p, &req());
        assert_eq!(b["response_format"]["schema"]["type"], "object");
        p.structured_output = StructuredOutput::Prompt;
        let b = body(&p, &req());
        assert!(b.get("response_format").is_none());
        assert!(b["messages"][1]["content"]
            .as_str()
            .unwrap()
            .contains("JSON Schema"));
    }
}
