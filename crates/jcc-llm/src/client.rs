//! The chat client: one request, with retries, rate limiting, streaming and cancellation.

use crate::error::{LlmError, Result};
use crate::profile::EndpointProfile;
use crate::rate_limit::RateLimiter;
use crate::request::{self, estimate_tokens, ChatReply, ChatRequest, Usage};
use crate::retry::{parse_retry_after, RetryPolicy};
use crate::secrets::ApiKey;
use crate::sse::{SseEvent, SseParser};
use futures_util::StreamExt;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// What a caller can show while a request runs.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientEvent {
    /// Text as it streams in.
    Delta(String),
    /// An attempt failed and another follows after `delay`.
    Retry {
        attempt: u32,
        reason: String,
        delay: Duration,
    },
    /// Held back by the endpoint's rate limit.
    RateLimitWait(Duration),
}

/// A client for one endpoint profile. Cheap to clone; clones share the rate limit.
#[derive(Debug, Clone)]
pub struct LlmClient {
    http: reqwest::Client,
    profile: EndpointProfile,
    key: Option<ApiKey>,
    policy: RetryPolicy,
    limiter: Arc<RateLimiter>,
}

/// One attempt's result before retries are decided.
struct Answer {
    content: String,
    usage: Option<(u64, u64)>,
    finish_reason: Option<String>,
}

impl LlmClient {
    pub fn new(profile: EndpointProfile, key: Option<ApiKey>) -> Result<Self> {
        profile.validate()?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("journal-craft-crew/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| LlmError::Config(format!("can't set up HTTP: {e}")))?;
        let policy = RetryPolicy {
            max_retries: profile.max_retries,
            ..RetryPolicy::default()
        };
        let limiter = Arc::new(RateLimiter::new(
            profile.requests_per_minute,
            profile.tokens_per_minute,
        ));
        Ok(Self {
            http,
            profile,
            key,
            policy,
            limiter,
        })
    }

    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    pub fn profile(&self) -> &EndpointProfile {
        &self.profile
    }

    fn timeout(&self) -> Duration {
        Duration::from_secs(self.profile.timeout_secs.max(1))
    }

    fn authorize(&self, rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.key {
            Some(k) if !k.is_empty() => rb.bearer_auth(k.expose()),
            _ => rb,
        }
    }

    /// Sends a chat request, retrying transient faults; gives up with the last error.
    pub async fn chat(
        &self,
        req: &ChatRequest,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(ClientEvent) + Send + Sync),
    ) -> Result<ChatReply> {
        let body = request::body(&self.profile, req);
        let estimate_in = request::estimate_request_tokens(req);
        let reservation = estimate_in + u64::from(req.max_tokens.unwrap_or(256));
        let mut attempt = 0;
        loop {
            attempt += 1;
            let wait = self.limiter.reserve(reservation);
            if !wait.is_zero() {
                on_event(ClientEvent::RateLimitWait(wait));
                tokio::select! {
                    _ = cancel.cancelled() => return Err(LlmError::Cancelled),
                    _ = self.limiter.acquire(reservation) => {}
                }
            }
            let result = tokio::select! {
                _ = cancel.cancelled() => return Err(LlmError::Cancelled),
                r = self.attempt(&body, req.stream, on_event) => r,
            };
            let err = match result {
                Ok(answer) => {
                    let usage = match answer.usage {
                        Some((i, o)) => Usage {
                            tokens_in: i,
                            tokens_out: o,
                            estimated: false,
                        },
                        None => Usage {
                            tokens_in: estimate_in,
                            tokens_out: estimate_tokens(&answer.content),
                            estimated: true,
                        },
                    };
                    self.limiter.settle(reservation, usage.total());
                    return Ok(ChatReply {
                        content: answer.content,
                        usage,
                        finish_reason: answer.finish_reason,
                        attempts: attempt,
                    });
                }
                Err(e) => e,
            };
            if !err.is_retryable() {
                return Err(err);
            }
            if attempt > self.policy.max_retries {
                return Err(LlmError::GaveUp {
                    attempts: attempt,
                    last: Box::new(err),
                });
            }
            let delay = self.policy.delay(attempt, err.retry_after());
            tracing::warn!(url = %self.profile.chat_url(), attempt, error = %err, delay_ms = delay.as_millis() as u64, "retrying");
            on_event(ClientEvent::Retry {
                attempt,
                reason: err.short(),
                delay,
            });
            tokio::select! {
                _ = cancel.cancelled() => return Err(LlmError::Cancelled),
                _ = tokio::time::sleep(delay) => {}
            }
        }
    }

    async fn attempt(
        &self,
        body: &Value,
        stream: bool,
        on_event: &(dyn Fn(ClientEvent) + Send + Sync),
    ) -> Result<Answer> {
        let url = self.profile.chat_url();
        let rb = self.authorize(self.http.post(&url).json(body));
        let timeout = self.timeout();
        let response = match tokio::time::timeout(timeout, rb.send()).await {
            Err(_) => return Err(self.timeout_error()),
            Ok(r) => r.map_err(|e| self.transport_error(e))?,
        };
        let response = self.check_status(response).await?;
        if stream {
            self.read_stream(response, on_event).await
        } else {
            let text = match tokio::time::timeout(timeout, response.text()).await {
                Err(_) => return Err(self.timeout_error()),
                Ok(t) => t.map_err(|e| self.transport_error(e))?,
            };
            parse_completion(&text).map_err(|reason| LlmError::BadReply {
                url: url.clone(),
                reason,
            })
        }
    }

    async fn read_stream(
        &self,
        response: reqwest::Response,
        on_event: &(dyn Fn(ClientEvent) + Send + Sync),
    ) -> Result<Answer> {
        let url = self.profile.chat_url();
        let mut chunks = response.bytes_stream();
        let mut parser = SseParser::default();
        let mut answer = Answer {
            content: String::new(),
            usage: None,
            finish_reason: None,
        };
        let mut done = false;
        while !done {
            let next = match tokio::time::timeout(self.timeout(), chunks.next()).await {
                Err(_) => return Err(self.timeout_error()),
                Ok(n) => n,
            };
            let bytes = match next {
                None => break,
                Some(Ok(b)) => b,
                Some(Err(_)) => {
                    return Err(LlmError::StreamCut {
                        url,
                        received: answer.content.len(),
                    })
                }
            };
            for event in parser.push(&bytes) {
                match event {
                    SseEvent::Done => done = true,
                    SseEvent::Data(data) => {
                        let v: Value =
                            serde_json::from_str(&data).map_err(|e| LlmError::BadReply {
                                url: url.clone(),
                                reason: format!("a stream chunk is not JSON ({e})"),
                            })?;
                        if let Some(err) = v.get("error") {
                            return Err(LlmError::Server {
                                url: url.clone(),
                                status: 500,
                                body: excerpt(&err.to_string()),
                            });
                        }
                        if let Some(u) = request::parse_usage(&v) {
                            answer.usage = Some(u);
                        }
                        let choice = v.get("choices").and_then(|c| c.get(0));
                        if let Some(text) = choice
                            .and_then(|c| c.pointer("/delta/content"))
                            .and_then(Value::as_str)
                        {
                            if !text.is_empty() {
                                answer.content.push_str(text);
                                on_event(ClientEvent::Delta(text.to_string()));
                            }
                        }
                        if let Some(r) = choice
                            .and_then(|c| c.get("finish_reason"))
                            .and_then(Value::as_str)
                        {
                            answer.finish_reason = Some(r.to_string());
                        }
                    }
                }
            }
        }
        // A stream that stops without [DONE] or a finish reason was cut off: what came
        // so far is an unknown fraction of the reply.
        if !done && answer.finish_reason.is_none() {
            return Err(LlmError::StreamCut {
                url,
                received: answer.content.len(),
            });
        }
        Ok(answer)
    }

    async fn check_status(&self, response: reqwest::Response) -> Result<reqwest::Response> {
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let url = self.profile.chat_url();
        let retry_after = parse_retry_after(
            response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok()),
        );
        let body = excerpt(&response.text().await.unwrap_or_default());
        let code = status.as_u16();
        Err(match code {
            429 => LlmError::RateLimited { url, retry_after },
            401 | 403 => LlmError::Unauthorized { url, status: code },
            500..=599 => LlmError::Server {
                url,
                status: code,
                body,
            },
            _ => LlmError::Rejected {
                url,
                status: code,
                body,
            },
        })
    }

    fn timeout_error(&self) -> LlmError {
        LlmError::Timeout {
            url: self.profile.chat_url(),
            secs: self.profile.timeout_secs,
        }
    }

    fn transport_error(&self, e: reqwest::Error) -> LlmError {
        let url = self.profile.chat_url();
        if e.is_timeout() {
            self.timeout_error()
        } else if e.is_connect() {
            LlmError::Connect {
                url,
                reason: root_cause(&e),
            }
        } else if e.is_body() || e.is_decode() {
            LlmError::StreamCut { url, received: 0 }
        } else {
            LlmError::Connect {
                url,
                reason: root_cause(&e),
            }
        }
    }

    /// The models the endpoint lists (`GET /models`).
    pub async fn list_models(&self) -> Result<Vec<String>> {
        let url = self.profile.models_url();
        let rb = self.authorize(self.http.get(&url));
        let response = match tokio::time::timeout(Duration::from_secs(10), rb.send()).await {
            Err(_) => {
                return Err(LlmError::Timeout { url, secs: 10 });
            }
            Ok(r) => r.map_err(|e| self.transport_error(e))?,
        };
        let status = response.status().as_u16();
        if status == 401 || status == 403 {
            return Err(LlmError::Unauthorized { url, status });
        }
        if !(200..300).contains(&status) {
            let body = excerpt(&response.text().await.unwrap_or_default());
            return Err(LlmError::Rejected { url, status, body });
        }
        let v: Value = response.json().await.map_err(|e| LlmError::BadReply {
            url: url.clone(),
            reason: e.to_string(),
        })?;
        // OpenAI shape `{data: [{id}]}`; Ollama's native `{models: [{name}]}` too.
        let list = v
            .get("data")
            .or_else(|| v.get("models"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        Ok(list
            .iter()
            .filter_map(|m| m.get("id").or_else(|| m.get("name")))
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect())
    }

    /// The shared HTTP client, for the images endpoint.
    pub(crate) fn http(&self) -> (&reqwest::Client, Option<&ApiKey>) {
        (&self.http, self.key.as_ref())
    }
}

/// Reads a non-streamed chat completion.
fn parse_completion(text: &str) -> std::result::Result<Answer, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("the body is not JSON ({e})"))?;
    if let Some(err) = v.get("error") {
        return Err(format!(
            "the server reported an error: {}",
            excerpt(&err.to_string())
        ));
    }
    let choice = v
        .get("choices")
        .and_then(|c| c.get(0))
        .ok_or("it has no choices")?;
    let content = choice
        .pointer("/message/content")
        .and_then(Value::as_str)
        .ok_or("its first choice has no message content")?
        .to_string();
    Ok(Answer {
        content,
        usage: request::parse_usage(&v),
        finish_reason: choice
            .get("finish_reason")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

fn excerpt(text: &str) -> String {
    let t = text.trim();
    match t.char_indices().nth(300) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}
