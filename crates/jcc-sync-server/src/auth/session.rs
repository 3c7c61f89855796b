//! The server's own sessions: a random bearer token, stored only as its SHA-256.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::db::{self, accounts};
use crate::error::{Error, Result};
use crate::state::AppState;

/// Tokens start with this, so a leaked one is recognisable (secret scanners, logs).
const PREFIX: &str = "jccs_";

/// A new session token: 256 random bits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// An authenticated request: the account, and the hash of the session it came with. Taking
/// it also takes one request from the account's rate limit.
#[derive(Debug, Clone)]
pub struct Account {
    pub user_id: Uuid,
    pub token_hash: Vec<u8>,
}

impl FromRequestParts<AppState> for Account {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                Error::Unauthorized(
                    "sign in first: no `Authorization: Bearer` session token".into(),
                )
            })?;
        let hash = token_hash(token);
        let lookup = hash.clone();
        let found = db::retry(&state.pool, &state.metrics, move |tx| {
            let hash = lookup.clone();
            Box::pin(async move { accounts::session(tx, &hash).await })
        })
        .await?;
        let user_id = match found {
            None => {
                return Err(Error::Unauthorized(
                    "unknown or ended session; sign in again".into(),
                ))
            }
            Some((_, expires_at)) if expires_at <= db::unix_now() => {
                return Err(Error::SessionExpired)
            }
            Some((user, _)) => user,
        };
        state.limiter.check(user_id).map_err(|secs| {
            state.metrics.rate_limited();
            Error::RateLimited(secs)
        })?;
        Ok(Account {
            user_id,
            token_hash: hash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.starts_with(PREFIX) && a.len() == PREFIX.len() + 43);
        assert_eq!(token_hash(&a).len(), 32);
        assert_ne!(token_hash(&a), a.as_bytes());
    }
}
