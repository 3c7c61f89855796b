//! Everything that can go wrong talking to an endpoint. Each message says what failed,
//! where, and what the writer can do about it.

use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error("can't connect to {url} ({reason}); is the server running? Start it, or check the base URL with `jcc llm test`")]
    Connect { url: String, reason: String },

    #[error(
        "{url} did not answer within {secs} s; the model may be overloaded or the server hung"
    )]
    Timeout { url: String, secs: u64 },

    #[error("{url} is rate limiting requests (HTTP 429{})", retry_after.map(|d| format!(", retry after {} s", d.as_secs())).unwrap_or_default())]
    RateLimited {
        url: String,
        retry_after: Option<Duration>,
    },

    #[error("{url} had a server error (HTTP {status}): {body}")]
    Server {
        url: String,
        status: u16,
        body: String,
    },

    #[error("{url} refused the API key (HTTP {status}); set it again with `jcc llm add NAME ... --api-key-stdin`")]
    Unauthorized { url: String, status: u16 },

    #[error("{url} rejected the request (HTTP {status}): {body}")]
    Rejected {
        url: String,
        status: u16,
        body: String,
    },

    #[error("the reply stream from {url} was cut after {received} characters")]
    StreamCut { url: String, received: usize },

    #[error("{url} sent a reply that is not a chat completion: {reason}")]
    BadReply { url: String, reason: String },

    #[error("cancelled")]
    Cancelled,

    #[error("gave up after {attempts} attempts: {last}")]
    GaveUp {
        attempts: u32,
        #[source]
        last: Box<LlmError>,
    },

    #[error("the OS keyring failed: {0}")]
    Secret(String),

    #[error("{0}")]
    Config(String),
}

impl LlmError {
    /// Faults worth another try: the same request may well succeed in a moment.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Connect { .. }
                | Self::Timeout { .. }
                | Self::RateLimited { .. }
                | Self::Server { .. }
                | Self::StreamCut { .. }
                | Self::BadReply { .. }
        )
    }

    /// The delay the server asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// A short reason for progress lines ("HTTP 500", "timeout", ...).
    pub fn short(&self) -> String {
        match self {
            Self::Connect { .. } => "connection failed".into(),
            Self::Timeout { secs, .. } => format!("no answer in {secs} s"),
            Self::RateLimited { .. } => "HTTP 429 rate limited".into(),
            Self::Server { status, .. } => format!("HTTP {status}"),
            Self::Unauthorized { status, .. } | Self::Rejected { status, .. } => {
                format!("HTTP {status}")
            }
            Self::StreamCut { .. } => "stream cut".into(),
            Self::BadReply { .. } => "malformed reply".into(),
            Self::Cancelled => "cancelled".into(),
            Self::GaveUp { last, .. } => last.short(),
            Self::Secret(_) => "keyring".into(),
            Self::Config(_) => "config".into(),
        }
    }
}

pub type Result<T, E = LlmError> = std::result::Result<T, E>;
