//! `/healthz` (the database answers) and `/metrics` (Prometheus text).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;

use crate::error::Error;
use crate::state::AppState;

pub async fn healthz(State(state): State<AppState>) -> Result<&'static str, Error> {
    let client = state.pool.get().await?;
    client.simple_query("SELECT 1").await?;
    Ok("ok\n")
}

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}
