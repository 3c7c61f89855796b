//! A model that answers from a script, in process: canned replies and faults in order,
//! every request kept for the test to read. For tests of code that asks a model (the
//! crew engine's); the protocol itself is tested against real HTTP servers.

use crate::client::ClientEvent;
use crate::error::{LlmError, Result};
use crate::profile::EndpointProfile;
use crate::request::{estimate_tokens, ChatReply, ChatRequest, Usage};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::Mutex;
use tokio_util::sync::CancellationToken;

/// One scripted answer.
#[derive(Debug)]
pub enum Scripted {
    /// The model's text, as a complete reply (`finish_reason` "stop").
    Reply(String),
    /// The text, cut off at the token limit (`finish_reason` "length").
    CutOff(String),
    /// The request fails (after the client's retries) with this error.
    Fault(LlmError),
    /// The request never answers: it waits until cancelled.
    Hang,
}

/// Answers each chat request with the next [`Scripted`] item. When the script runs out,
/// requests fail with a [`LlmError::Config`] that says so, so a test that asks more than
/// it planned fails loudly.
#[derive(Debug)]
pub struct ScriptedModel {
    profile: EndpointProfile,
    script: Mutex<VecDeque<Scripted>>,
    requests: Mutex<Vec<ChatRequest>>,
}

impl ScriptedModel {
    pub fn new(script: impl IntoIterator<Item = Scripted>) -> Self {
        Self {
            profile: EndpointProfile::new("scripted", "http://127.0.0.1:9/v1", "scripted"),
            script: Mutex::new(script.into_iter().collect()),
            requests: Mutex::new(Vec::new()),
        }
    }

    /// Every chat request so far, in order.
    pub fn requests(&self) -> Vec<ChatRequest> {
        lock(&self.requests).clone()
    }

    /// Scripted answers not asked for yet.
    pub fn remaining(&self) -> usize {
        lock(&self.script).len()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn reply(req: &ChatRequest, content: String, finish: &str) -> ChatReply {
    let tokens_in = req
        .messages
        .iter()
        .map(|m| estimate_tokens(&m.content))
        .sum();
    ChatReply {
        usage: Usage {
            tokens_in,
            tokens_out: estimate_tokens(&content),
            estimated: false,
        },
        content,
        finish_reason: Some(finish.to_string()),
        attempts: 1,
    }
}

impl ScriptedModel {
    pub fn profile(&self) -> &EndpointProfile {
        &self.profile
    }

    /// Takes the next scripted answer when called (not when first polled), so requests
    /// started together get the script in the order they were made.
    pub fn chat<'a>(
        &'a self,
        req: &'a ChatRequest,
        cancel: &'a CancellationToken,
        on_event: &'a (dyn Fn(ClientEvent) + Send + Sync),
    ) -> impl Future<Output = Result<ChatReply>> + Send + 'a {
        lock(&self.requests).push(req.clone());
        let next = lock(&self.script).pop_front();
        async move {
            match next {
                Some(Scripted::Reply(text)) => {
                    if req.stream {
                        on_event(ClientEvent::Delta(text.clone()));
                    }
                    Ok(reply(req, text, "stop"))
                }
                Some(Scripted::CutOff(text)) => Ok(reply(req, text, "length")),
                Some(Scripted::Fault(e)) => Err(e),
                Some(Scripted::Hang) => {
                    cancel.cancelled().await;
                    Err(LlmError::Cancelled)
                }
                None => Err(LlmError::Config(
                    "the scripted model has no more replies".into(),
                )),
            }
        }
    }

    pub async fn generate_image(&self, _prompt: &str, _size: &str) -> Result<Vec<u8>> {
        Err(LlmError::Config(
            "the scripted model makes no images".into(),
        ))
    }
}

crate::chat_model_from_methods!(ScriptedModel);
