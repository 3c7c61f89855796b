//! `POST /v1/session` (an ID token for a session) and `DELETE /v1/session` (sign out).

use axum::extract::State;
use axum::http::StatusCode;
use jcc_sync_proto::{SessionRequest, SessionResponse};

use super::Json;
use crate::auth::{session, Account};
use crate::db::{self, accounts};
use crate::error::Result;
use crate::state::AppState;

/// Device names are for people reading status; keep them short.
const MAX_DEVICE_NAME: usize = 100;

pub async fn create(
    State(state): State<AppState>,
    Json(request): Json<SessionRequest>,
) -> Result<axum::Json<SessionResponse>> {
    let identity = state.verifier.verify(&request.id_token).await?;
    let token = session::new_token();
    let hash = session::token_hash(&token);
    let device: String = request.device_name.chars().take(MAX_DEVICE_NAME).collect();
    let expires_at = db::unix_now() + state.config.session_ttl.as_secs() as i64;
    let user_id = db::retry(&state.pool, &state.metrics, move |tx| {
        let (identity, hash, device) = (identity.clone(), hash.clone(), device.clone());
        Box::pin(async move {
            let user = accounts::user_for(tx, &identity.issuer, &identity.subject).await?;
            accounts::add_session(tx, user, &hash, &device, expires_at).await?;
            Ok(user)
        })
    })
    .await?;
    tracing::info!(%user_id, "session started");
    Ok(axum::Json(SessionResponse {
        session_token: token,
        expires_at,
        user_id,
    }))
}

pub async fn end(State(state): State<AppState>, account: Account) -> Result<StatusCode> {
    db::retry(&state.pool, &state.metrics, move |tx| {
        let hash = account.token_hash.clone();
        Box::pin(async move { accounts::end_session(tx, &hash).await })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
