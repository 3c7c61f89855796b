//! One error type for every handler, turned into a status code and an [`ApiError`] body.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jcc_sync_proto::ApiError;

/// What went wrong with a request, in the protocol's stable codes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("the session has expired; sign in again")]
    SessionExpired,
    #[error("{0}")]
    NotYours(String),
    #[error("{0}")]
    NotFound(&'static str, String),
    #[error("{0}")]
    Conflict(&'static str, String),
    #[error("{0}")]
    TooLarge(String),
    #[error("too many requests for this account; retry after {0} s")]
    RateLimited(u64),
    /// The database or the identity provider could not be reached; worth retrying.
    #[error("{0}")]
    Unavailable(String),
    /// A database error; with no SQLSTATE the connection itself failed (503), otherwise 500.
    #[error("database error")]
    Db(#[source] tokio_postgres::Error),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized(_) | Error::SessionExpired => StatusCode::UNAUTHORIZED,
            Error::NotYours(_) => StatusCode::FORBIDDEN,
            Error::NotFound(..) => StatusCode::NOT_FOUND,
            Error::Conflict(..) => StatusCode::CONFLICT,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Db(e) if e.code().is_none() => StatusCode::SERVICE_UNAVAILABLE,
            Error::Db(_) | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Error::BadRequest(_) => "bad_request",
            Error::Unauthorized(_) => "unauthorized",
            Error::SessionExpired => "session_expired",
            Error::NotYours(_) => "not_yours",
            Error::NotFound(code, _) | Error::Conflict(code, _) => code,
            Error::TooLarge(_) => "too_large",
            Error::RateLimited(_) => "rate_limited",
            Error::Unavailable(_) => "unavailable",
            Error::Db(e) if e.code().is_none() => "unavailable",
            Error::Db(_) | Error::Internal(_) => "internal",
        }
    }
}

impl From<tokio_postgres::Error> for Error {
    fn from(e: tokio_postgres::Error) -> Self {
        Error::Db(e)
    }
}

impl From<deadpool_postgres::PoolError> for Error {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        Error::Unavailable(format!("no database connection: {}", chain(&e)))
    }
}

/// An error and its causes, `: `-separated (a TLS failure's reason is three causes down).
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        let body = ApiError {
            code: self.code().to_string(),
            message: self.to_string(),
        };
        let mut response = (status, Json(body)).into_response();
        let retry_after = match self {
            Error::RateLimited(secs) => Some(secs),
            // The database or provider was unreachable, or a transaction kept conflicting.
            _ if status == StatusCode::SERVICE_UNAVAILABLE => Some(1),
            _ => None,
        };
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
