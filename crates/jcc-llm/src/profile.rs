//! Endpoint profiles: where a model lives and how to talk to it. No secrets here: a
//! profile only records whether a key exists; the key itself is in the [`crate::SecretStore`].

use crate::error::{LlmError, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How an endpoint is asked for JSON that follows a schema. Servers differ: OpenAI and
/// Ollama take `json_schema`; llama.cpp's server rejects it but constrains output with
/// `{type: json_object, schema}`; anything else still gets the schema in the prompt.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum StructuredOutput {
    #[default]
    JsonSchema,
    JsonObject,
    Prompt,
}

impl StructuredOutput {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::JsonSchema => "json_schema",
            Self::JsonObject => "json_object",
            Self::Prompt => "prompt",
        }
    }
}

impl fmt::Display for StructuredOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StructuredOutput {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "json_schema" => Ok(Self::JsonSchema),
            "json_object" => Ok(Self::JsonObject),
            "prompt" => Ok(Self::Prompt),
            other => Err(format!(
                "unknown structured-output mode {other:?}; expected json_schema, json_object or prompt"
            )),
        }
    }
}

fn default_timeout() -> u64 {
    120
}

fn default_retries() -> u32 {
    4
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointProfile {
    pub name: String,
    /// e.g. `http://127.0.0.1:11434/v1`; a bare `http://host:port` gets `/v1`.
    pub base_url: String,
    pub model: String,
    #[serde(default)]
    pub structured_output: StructuredOutput,
    /// Requests per minute this endpoint allows (none: no limit).
    #[serde(default)]
    pub requests_per_minute: Option<u32>,
    /// Tokens (in + out) per minute this endpoint allows (none: no limit).
    #[serde(default)]
    pub tokens_per_minute: Option<u32>,
    /// Seconds to wait for an answer (for a stream: between two chunks).
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// Retries after the first attempt on connect errors, timeouts, 429, 5xx, cut streams.
    #[serde(default = "default_retries")]
    pub max_retries: u32,
    /// Whether an API key for this profile is in the secret store.
    #[serde(default)]
    pub has_api_key: bool,
    /// Model for `/images/generations`, when the endpoint makes images.
    #[serde(default)]
    pub images_model: Option<String>,
    /// A GGUF file run in this process (the `jcc-llm-local` crate) instead of a server:
    /// the "on this computer" kind of endpoint. `base_url` is unused then.
    #[serde(default)]
    pub model_file: Option<String>,
    /// Tokens of context (prompt + reply) for a model file (default 4096).
    #[serde(default)]
    pub context_size: Option<u32>,
    /// CPU threads for a model file (default: half the cores).
    #[serde(default)]
    pub threads: Option<u32>,
}

impl EndpointProfile {
    pub fn new(name: &str, base_url: &str, model: &str) -> Self {
        Self {
            name: name.to_string(),
            base_url: base_url.to_string(),
            model: model.to_string(),
            structured_output: StructuredOutput::default(),
            requests_per_minute: None,
            tokens_per_minute: None,
            timeout_secs: default_timeout(),
            max_retries: default_retries(),
            has_api_key: false,
            images_model: None,
            model_file: None,
            context_size: None,
            threads: None,
        }
    }

    /// A profile for a GGUF model file run on this computer, named after the file.
    pub fn local(name: &str, model_file: &str) -> Self {
        let model = std::path::Path::new(model_file)
            .file_stem()
            .map_or_else(|| "local".into(), |s| s.to_string_lossy().into_owned());
        let mut p = Self::new(name, "", &model);
        p.model_file = Some(model_file.to_string());
        p
    }

    /// Whether the model runs in this process from a file (no server).
    pub fn is_local(&self) -> bool {
        self.model_file.is_some()
    }

    /// Checks the fields a writer typed, with a reason for each problem.
    pub fn validate(&self) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.".contains(c))
        {
            return Err(LlmError::Config(format!(
                "profile name {:?} must be letters, digits, '-', '_' or '.'",
                self.name
            )));
        }
        if let Some(file) = &self.model_file {
            if file.trim().is_empty() {
                return Err(LlmError::Config("the model file path is empty".into()));
            }
            if self.context_size.is_some_and(|c| c < 256) {
                return Err(LlmError::Config(
                    "the context size must be at least 256 tokens".into(),
                ));
            }
            if self.threads == Some(0) {
                return Err(LlmError::Config("threads must be at least 1".into()));
            }
            return Ok(());
        }
        let url = reqwest::Url::parse(self.base_url.trim()).map_err(|e| {
            LlmError::Config(format!("base URL {:?} is not a URL ({e})", self.base_url))
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(LlmError::Config(format!(
                "base URL {:?} must start with http:// or https://",
                self.base_url
            )));
        }
        if self.model.trim().is_empty() {
            return Err(LlmError::Config("the model name is empty".into()));
        }
        Ok(())
    }

    /// The API root, with `/v1` added to a bare host.
    pub fn api_root(&self) -> String {
        let base = self.base_url.trim().trim_end_matches('/');
        match reqwest::Url::parse(base) {
            Ok(u) if u.path() == "/" || u.path().is_empty() => format!("{base}/v1"),
            _ => base.to_string(),
        }
    }

    pub fn chat_url(&self) -> String {
        if let Some(file) = &self.model_file {
            return format!("file://{file}");
        }
        format!("{}/chat/completions", self.api_root())
    }

    pub fn models_url(&self) -> String {
        format!("{}/models", self.api_root())
    }

    pub fn images_url(&self) -> String {
        format!("{}/images/generations", self.api_root())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_hosts_get_v1_and_paths_are_kept() {
        let p = EndpointProfile::new("local", "http://127.0.0.1:8080", "m");
        assert_eq!(p.chat_url(), "http://127.0.0.1:8080/v1/chat/completions");
        let p = EndpointProfile::new("or", "https://openrouter.ai/api/v1/", "m");
        assert_eq!(p.models_url(), "https://openrouter.ai/api/v1/models");
    }

    #[test]
    fn validation_says_what_is_wrong() {
        let mut p = EndpointProfile::new("my profile", "http://x", "m");
        assert!(p.validate().unwrap_err().to_string().contains("letters"));
        p.name = "ok".into();
        p.base_url = "localhost:8080".into();
        assert!(p.validate().unwrap_err().to_string().contains("http"));
        assert_eq!(
            "json-object".parse::<StructuredOutput>().unwrap(),
            StructuredOutput::JsonObject
        );
    }
}
