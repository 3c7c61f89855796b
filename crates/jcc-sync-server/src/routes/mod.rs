//! The HTTP API (see `jcc_sync_proto` for the contract) and its plumbing: JSON bodies that
//! fail as [`ApiError`](jcc_sync_proto::ApiError)s, and per-request metrics and logs.

mod account;
mod keys;
mod ops;
mod revisions;
mod session;

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::Router;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    // Base64 makes a push body about 4/3 of its ciphertext: the byte limit is on the body.
    let body_limit = state.config.max_batch_bytes;
    Router::new()
        .route("/v1/config", get(account::config))
        .route("/v1/session", post(session::create).delete(session::end))
        .route("/v1/keys", get(keys::get).put(keys::put))
        .route("/v1/revisions", post(revisions::push).get(revisions::pull))
        .route("/v1/status", get(account::status))
        .route("/v1/account", delete(account::delete))
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(state.clone(), track))
        .with_state(state)
}

async fn not_found() -> Error {
    Error::NotFound(
        "not_found",
        "no such endpoint; see the protocol's /v1 API".into(),
    )
}

async fn method_not_allowed() -> Response {
    let mut response = axum::response::IntoResponse::into_response(Error::BadRequest(
        "this endpoint does not take that method".into(),
    ));
    *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    response
}

/// Counts and times every request by its route (never by its raw path, which is unbounded),
/// and logs it without headers or body: no token or ciphertext reaches the logs.
async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    let elapsed = start.elapsed();
    let status = response.status().as_u16();
    state.metrics.request(&method, &route, status, elapsed);
    let ms = elapsed.as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::warn!(%method, %route, status, ms, "request");
    } else {
        tracing::debug!(%method, %route, status, ms, "request");
    }
    response
}

/// A JSON body whose failures are [`ApiError`](jcc_sync_proto::ApiError)s: 413 over the
/// size limit, 400 for anything that is not the expected JSON.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Error> {
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Error::TooLarge("the request body is over this server's size limit; send fewer revisions per push".into())
            } else {
                Error::BadRequest(format!("could not read the request body: {rejection}"))
            }
        })?;
        serde_json::from_slice(&bytes)
            .map(Json)
            .map_err(|e| Error::BadRequest(format!("malformed JSON body: {e}")))
    }
}
