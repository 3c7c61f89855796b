//! `GET /v1/config`, `GET /v1/status` and `DELETE /v1/account`.

use axum::extract::State;
use axum::http::StatusCode;
use jcc_sync_proto::{ServerConfig, Status, PROTOCOL_VERSION};

use crate::auth::Account;
use crate::db::{self, accounts};
use crate::error::{Error, Result};
use crate::state::AppState;

pub async fn config(State(state): State<AppState>) -> axum::Json<ServerConfig> {
    let c = &state.config;
    axum::Json(ServerConfig {
        protocol: PROTOCOL_VERSION,
        issuer: c.issuer.clone(),
        client_id: c.client_id.clone(),
        scopes: c.scopes.clone(),
        max_batch_items: c.max_batch_items as u32,
        max_batch_bytes: c.max_batch_bytes as u64,
    })
}

pub async fn status(State(state): State<AppState>, account: Account) -> Result<axum::Json<Status>> {
    let user = account.user_id;
    let status = db::retry(&state.pool, &state.metrics, move |tx| {
        Box::pin(accounts::status(tx, user))
    })
    .await?;
    status
        .map(axum::Json)
        .ok_or_else(|| Error::Unauthorized("the account no longer exists; sign in again".into()))
}

pub async fn delete(State(state): State<AppState>, account: Account) -> Result<StatusCode> {
    let user = account.user_id;
    db::retry(&state.pool, &state.metrics, move |tx| {
        Box::pin(accounts::delete(tx, user))
    })
    .await?;
    tracing::info!(%user, "account deleted");
    Ok(StatusCode::NO_CONTENT)
}
