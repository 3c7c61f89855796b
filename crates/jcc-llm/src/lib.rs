//! An OpenAI-compatible chat client for the crew.
//!
//! One [`LlmClient`] per endpoint profile: plain and streamed (SSE) chat completions,
//! structured output in the mode the endpoint understands, token usage (reported or
//! estimated), retries with backoff and jitter, a per-endpoint rate limit and
//! cancellation. API keys live behind [`SecretStore`], never in a profile. Callers that
//! only ask (the crew) take a [`ChatModel`], which [`ScriptedModel`] also is, for tests.

pub mod client;
pub mod detect;
pub mod diagnose;
pub mod error;
mod images;
pub mod model;
pub mod profile;
pub mod rate_limit;
pub mod request;
pub mod retry;
pub mod scripted;
pub mod secrets;
mod sse;

#[cfg(feature = "keyring")]
pub mod keyring_store;

pub use client::{ClientEvent, LlmClient};
pub use detect::{detect_local, DetectedServer, LOCAL_CANDIDATES};
pub use diagnose::ConnectionReport;
pub use error::{LlmError, Result};
pub use model::{BoxFuture, ChatModel};
pub use profile::{EndpointProfile, StructuredOutput};
pub use request::{ChatReply, ChatRequest, Message, OutputSchema, Role, Usage};
pub use retry::RetryPolicy;
pub use scripted::{Scripted, ScriptedModel};
pub use secrets::{ApiKey, MemorySecretStore, SecretStore};
pub use tokio_util::sync::CancellationToken;

#[cfg(feature = "keyring")]
pub use keyring_store::KeyringSecretStore;
