//! What code that asks a model needs from an endpoint, as a trait: [`LlmClient`] is the
//! real one (HTTP), [`ScriptedModel`](crate::ScriptedModel) answers from a script in
//! process, so the crew engine can be tested without a server.

use crate::client::{ClientEvent, LlmClient};
use crate::error::Result;
use crate::profile::EndpointProfile;
use crate::request::{ChatReply, ChatRequest};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use tokio_util::sync::CancellationToken;

/// A boxed future, so the trait can be used as `dyn ChatModel`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One model endpoint: chat (with retries, streaming and cancellation, as
/// [`LlmClient::chat`] does them) and images.
pub trait ChatModel: Send + Sync + fmt::Debug {
    /// The endpoint profile: its name is recorded with each step.
    fn profile(&self) -> &EndpointProfile;

    /// One chat request; `on_event` sees streamed text, retries and rate-limit waits.
    fn chat<'a>(
        &'a self,
        req: &'a ChatRequest,
        cancel: &'a CancellationToken,
        on_event: &'a (dyn Fn(ClientEvent) + Send + Sync),
    ) -> BoxFuture<'a, Result<ChatReply>>;

    /// One PNG for `prompt`.
    fn generate_image<'a>(
        &'a self,
        prompt: &'a str,
        size: &'a str,
    ) -> BoxFuture<'a, Result<Vec<u8>>>;
}

/// Implements [`ChatModel`] for a type by its inherent methods of the same names
/// (`profile`, async `chat`, async `generate_image`): the boxing and the lifetimes,
/// written once for every kind of endpoint.
#[macro_export]
macro_rules! chat_model_from_methods {
    ($t:ty) => {
        impl $crate::ChatModel for $t {
            fn profile(&self) -> &$crate::EndpointProfile {
                <$t>::profile(self)
            }

            fn chat<'a>(
                &'a self,
                req: &'a $crate::ChatRequest,
                cancel: &'a $crate::CancellationToken,
                on_event: &'a (dyn Fn($crate::ClientEvent) + Send + Sync),
            ) -> $crate::BoxFuture<'a, $crate::Result<$crate::ChatReply>> {
                Box::pin(<$t>::chat(self, req, cancel, on_event))
            }

            fn generate_image<'a>(
                &'a self,
                prompt: &'a str,
                size: &'a str,
            ) -> $crate::BoxFuture<'a, $crate::Result<Vec<u8>>> {
                Box::pin(<$t>::generate_image(self, prompt, size))
            }
        }
    };
}

chat_model_from_methods!(LlmClient);
