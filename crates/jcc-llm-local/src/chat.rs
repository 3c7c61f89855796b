//! The on-device model as a [`jcc_llm::ChatModel`]: what the crew, the editor's AI actions and
//! `jcc llm test` ask, exactly as they ask a server. A request with a schema is decoded
//! under the grammar llama.cpp derives from that schema, so its reply is valid JSON of
//! that shape by construction (its strings bounded to fit the token limit: [`crate::budget`]).

use crate::runtime::{Generate, LocalModel, LocalSettings, Output};
use jcc_llm::{ChatReply, ChatRequest, ClientEvent, EndpointProfile, LlmError, Result, Usage};
use std::path::Path;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// A profile whose model is a GGUF file, with the model loaded.
#[derive(Debug, Clone)]
pub struct LocalChat {
    profile: EndpointProfile,
    model: Arc<LocalModel>,
}

/// The settings a profile asks for (defaults where it names none).
pub fn settings_of(profile: &EndpointProfile) -> LocalSettings {
    let d = LocalSettings::default();
    LocalSettings {
        context: profile.context_size.unwrap_or(d.context),
        threads: profile.threads.unwrap_or(d.threads),
    }
}

impl LocalChat {
    /// Loads (or reuses) the profile's model file.
    pub fn open(profile: EndpointProfile) -> Result<Self> {
        let file = profile.model_file.clone().ok_or_else(|| {
            LlmError::Config(format!(
                "profile {:?} names no model file; add one with `jcc llm add {} --model-file PATH`",
                profile.name, profile.name
            ))
        })?;
        let model = LocalModel::shared(Path::new(&file), settings_of(&profile))?;
        Ok(Self { profile, model })
    }

    pub fn profile(&self) -> &EndpointProfile {
        &self.profile
    }

    pub async fn generate_image(&self, _prompt: &str, _size: &str) -> Result<Vec<u8>> {
        Err(LlmError::Config(
            "a model on this computer makes no images; set an images model on a server profile"
                .into(),
        ))
    }

    pub fn model(&self) -> &Arc<LocalModel> {
        &self.model
    }

    pub async fn chat(
        &self,
        req: &ChatRequest,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(ClientEvent) + Send + Sync),
    ) -> Result<ChatReply> {
        let grammar = match &req.schema {
            Some(s) => Some(grammar_for(&match req.max_tokens {
                Some(n) => crate::budget::bounded(&s.schema, n),
                None => s.schema.clone(),
            })?),
            None => None,
        };
        // The worker stops at its next token when either the caller or this future quits.
        let job_cancel = cancel.child_token();
        let _stop_on_drop = job_cancel.clone().drop_guard();
        let mut rx = self.model.generate(Generate {
            messages: req.messages.clone(),
            grammar,
            // Under a grammar the strings' bounds end the reply; the limit must not cut it.
            max_tokens: match (&req.schema, req.max_tokens) {
                (Some(_), Some(n)) => Some(crate::budget::token_cap(n)),
                (_, n) => n,
            },
            temperature: req.temperature,
            seed: req.seed,
            cancel: job_cancel,
        });
        let mut content = String::new();
        loop {
            let next = tokio::select! {
                o = rx.recv() => o,
                () = cancel.cancelled() => return Err(LlmError::Cancelled),
            };
            match next {
                Some(Output::Piece(p)) => {
                    if req.stream {
                        on_event(ClientEvent::Delta(p.clone()));
                    }
                    content.push_str(&p);
                }
                Some(Output::Done {
                    tokens_in,
                    tokens_out,
                    finish_reason,
                    ..
                }) => {
                    return Ok(ChatReply {
                        content,
                        usage: Usage {
                            tokens_in,
                            tokens_out,
                            estimated: false,
                        },
                        finish_reason: Some(finish_reason.to_string()),
                        attempts: 1,
                    })
                }
                Some(Output::Failed(e)) => return Err(e),
                None => {
                    return Err(LlmError::Config(
                        "the model's thread stopped mid-reply; restart the app".into(),
                    ))
                }
            }
        }
    }
}

/// The GBNF grammar for a JSON Schema (llama.cpp's own converter, as its server uses).
pub fn grammar_for(schema: &serde_json::Value) -> Result<String> {
    llama_cpp_2::json_schema_to_grammar(&schema.to_string()).map_err(|e| {
        LlmError::Config(format!(
            "the reply's JSON Schema can't be turned into a grammar ({e}): {schema}"
        ))
    })
}

jcc_llm::chat_model_from_methods!(LocalChat);
