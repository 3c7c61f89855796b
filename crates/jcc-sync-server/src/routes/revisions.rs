//! `POST /v1/revisions` (push, idempotent by rev_id) and `GET /v1/revisions` (page, long poll).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use jcc_sync_proto::{Page, PushRequest, PushResponse, MAX_PAGE, MAX_WAIT_SECS};
use serde::Deserialize;

use super::Json;
use crate::auth::Account;
use crate::db::{self, revisions};
use crate::error::{Error, Result};
use crate::state::AppState;

pub async fn push(
    State(state): State<AppState>,
    account: Account,
    Json(request): Json<PushRequest>,
) -> Result<axum::Json<PushResponse>> {
    let max = state.config.max_batch_items;
    if request.items.len() > max {
        return Err(Error::TooLarge(format!(
            "{} revisions in one push; send at most {max} at a time",
            request.items.len()
        )));
    }
    for e in &request.items {
        e.validate().map_err(|why| {
            Error::BadRequest(format!(
                "revision {}: {why}; nothing from this batch was stored",
                e.rev_id
            ))
        })?;
    }
    let user = account.user_id;
    let quota = state.config.max_account_bytes;
    let items = Arc::new(request.items);
    let response = db::retry(&state.pool, &state.metrics, move |tx| {
        let items = items.clone();
        Box::pin(async move { revisions::push(tx, user, &items, quota).await })
    })
    .await?;
    state
        .metrics
        .revisions(response.stored, response.duplicates);
    tracing::debug!(%user, stored = response.stored, duplicates = response.duplicates, head_seq = response.head_seq, "push");
    Ok(axum::Json(response))
}

#[derive(Debug, Deserialize)]
pub struct PullParams {
    #[serde(default)]
    after: i64,
    limit: Option<u32>,
    #[serde(default)]
    wait: u32,
}

pub async fn pull(
    State(state): State<AppState>,
    account: Account,
    params: std::result::Result<Query<PullParams>, axum::extract::rejection::QueryRejection>,
) -> Result<axum::Json<Page>> {
    let Query(params) = params.map_err(|e| {
        Error::BadRequest(format!(
            "{}; expected after=N&limit=L&wait=S (whole numbers)",
            e.body_text()
        ))
    })?;
    if params.after < 0 {
        return Err(Error::BadRequest("after must be 0 or more".into()));
    }
    let limit = params.limit.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE);
    let deadline = Instant::now() + Duration::from_secs(u64::from(params.wait.min(MAX_WAIT_SECS)));
    let (user, after, max_bytes) = (account.user_id, params.after, state.config.max_batch_bytes);
    loop {
        let page = db::retry(&state.pool, &state.metrics, move |tx| {
            Box::pin(revisions::page(tx, user, after, limit, max_bytes))
        })
        .await?;
        if !page.items.is_empty() || Instant::now() >= deadline {
            return Ok(axum::Json(page));
        }
        // A long poll: look again until something arrives, the wait is over or we shut down.
        // Cheap (one indexed row) and portable, unlike LISTEN/NOTIFY.
        loop {
            let pause = state
                .config
                .poll_interval
                .min(deadline.saturating_duration_since(Instant::now()));
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = state.shutdown.cancelled() => return Ok(axum::Json(page)),
            }
            let head = db::retry(&state.pool, &state.metrics, move |tx| {
                Box::pin(revisions::head(tx, user))
            })
            .await?;
            if head > after || Instant::now() >= deadline {
                break;
            }
        }
    }
}
