//! `GET /v1/keys` and `PUT /v1/keys`: the account's wrapped keys, compare-and-set by version.

use axum::extract::State;
use jcc_sync_proto::{KeysDoc, PutKeys, MAX_KEYS_BYTES};

use super::Json;
use crate::auth::Account;
use crate::db::{self, keys};
use crate::error::{Error, Result};
use crate::state::AppState;

pub async fn get(State(state): State<AppState>, account: Account) -> Result<axum::Json<KeysDoc>> {
    let user = account.user_id;
    let doc = db::retry(&state.pool, &state.metrics, move |tx| {
        Box::pin(keys::get(tx, user))
    })
    .await?;
    doc.map(axum::Json).ok_or_else(|| {
        Error::NotFound(
            "no_keys",
            "this account has no keys yet: set up sync on a first device".into(),
        )
    })
}

pub async fn put(
    State(state): State<AppState>,
    account: Account,
    Json(request): Json<PutKeys>,
) -> Result<axum::Json<KeysDoc>> {
    if request.data.len() > MAX_KEYS_BYTES {
        return Err(Error::TooLarge(format!(
            "the key document is over {MAX_KEYS_BYTES} bytes"
        )));
    }
    if request.expected_version < 0 {
        return Err(Error::BadRequest(
            "expected_version is 0 (create) or the current version".into(),
        ));
    }
    let user = account.user_id;
    let doc = db::retry(&state.pool, &state.metrics, move |tx| {
        let data = request.data.clone();
        Box::pin(async move { keys::put(tx, user, request.expected_version, &data).await })
    })
    .await?;
    tracing::info!(%user, version = doc.version, "keys updated");
    Ok(axum::Json(doc))
}
