//! Refreshing and revoking. One refresh at a time per provider and client in this process:
//! providers rotate refresh tokens (oidc-provider does for public clients), and a second
//! use of a rotated token is taken as theft and ends the whole sign-in. So a caller that
//! arrives while a refresh of the same token is in flight waits for it and gets its result.

use crate::error::{Result, SigninError};
use crate::provider::{self, chain};
use crate::tokens::Tokens;
use crate::SigninConfig;
use openidconnect::RefreshToken;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The last refresh of one (issuer, client): which token it spent (a hash, never the token)
/// and what it got.
struct Last {
    spent: [u8; 32],
    tokens: Tokens,
}

type Flight = Arc<tokio::sync::Mutex<Option<Last>>>;

fn flight(config: &SigninConfig) -> Flight {
    static FLIGHTS: OnceLock<Mutex<HashMap<(String, String), Flight>>> = OnceLock::new();
    let mut map = FLIGHTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    map.entry((config.issuer.clone(), config.client_id.clone()))
        .or_default()
        .clone()
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Trades `refresh_token` for a new, verified ID token (and, when the provider rotates, a
/// new refresh token: keep only that one; when it does not, the old one is returned).
///
/// Single flight in this process: concurrent calls for one provider run one after another,
/// and a call with a token that was just spent gets that refresh's result (while its ID
/// token has more than 30 s left) instead of spending it twice. Across processes use
/// [`crate::TokenStore::refresh`], which also holds a file lock in the data directory.
pub async fn refresh(config: &SigninConfig, refresh_token: &str) -> Result<Tokens> {
    let flight = flight(config);
    let mut last = flight.lock().await;
    let spent = digest(refresh_token);
    if let Some(l) = last.as_ref() {
        if l.spent == spent && !l.tokens.expires_within(chrono::Duration::seconds(30)) {
            return Ok(l.tokens.clone());
        }
    }
    let tokens = refresh_now(config, refresh_token).await?;
    *last = Some(Last {
        spent,
        tokens: tokens.clone(),
    });
    Ok(tokens)
}

async fn refresh_now(config: &SigninConfig, refresh_token: &str) -> Result<Tokens> {
    let provider = provider::discover(config).await?;
    let token = RefreshToken::new(refresh_token.to_string());
    let response = provider
        .client
        .exchange_refresh_token(&token)
        .map_err(|e| SigninError::Provider {
            issuer: provider.issuer.clone(),
            detail: format!("its metadata names no token endpoint ({})", chain(&e)),
        })?
        .request_async(&provider.http)
        .await
        .map_err(|e| provider::request_error(&provider.issuer, e))?;
    let mut tokens = provider::verified_tokens(&provider, &response, None)?;
    if tokens.refresh_token.is_none() {
        tokens.refresh_token = Some(refresh_token.to_string());
    }
    Ok(tokens)
}

/// Revokes `refresh_token` at the provider (RFC 7009), which ends the sign-in there: the
/// token and those rotated from it stop working.
///
/// The request is made here rather than by `oauth2`, whose revocation insists on HTTPS
/// even for a provider on loopback (the local stack and the tests); the rule here is
/// HTTPS, or plain HTTP only to 127.0.0.1, ::1 or localhost.
pub async fn revoke(config: &SigninConfig, refresh_token: &str) -> Result<()> {
    let provider = provider::discover(config).await?;
    let issuer = provider.issuer.clone();
    let url = provider
        .revocation
        .clone()
        .ok_or_else(|| SigninError::RevocationUnsupported(issuer.clone()))?;
    let url = url.url();
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "[::1]" | "localhost"));
    if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
        return Err(SigninError::Provider {
            issuer,
            detail: format!("its revocation endpoint {url} is not HTTPS"),
        });
    }
    let response = provider
        .http
        .post(url.clone())
        .form(&[
            ("token", refresh_token),
            ("token_type_hint", "refresh_token"),
            ("client_id", config.client_id.as_str()),
        ])
        .send()
        .await
        .map_err(|e| SigninError::ProviderUnreachable {
            issuer: issuer.clone(),
            detail: chain(&e),
        })?;
    let status = response.status();
    if !status.is_success() {
        // RFC 7009 section 2.2.1: an error body as the token endpoint's.
        let body: serde_json::Value = response.json().await.unwrap_or_default();
        return Err(match body["error"].as_str() {
            Some(error) => SigninError::TokenRefused {
                error: error.to_string(),
                description: body["error_description"].as_str().map(str::to_string),
            },
            None => SigninError::Provider {
                issuer,
                detail: format!("its revocation endpoint answered {status}"),
            },
        });
    }
    // A cached refresh must not hand out a token of the ended sign-in.
    *flight(config).lock().await = None;
    Ok(())
}
