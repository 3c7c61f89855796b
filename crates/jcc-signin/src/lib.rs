//! Signing in to a sync server with OpenID Connect, as a native app should (RFC 8252):
//! Authorization Code + PKCE (S256) with `state` and `nonce`, in the system browser, back
//! through a loopback redirect `http://127.0.0.1:<ephemeral port>/callback` that serves one
//! request and closes. Built on `openidconnect` (on `oauth2`). No Tauri: the window and the
//! `jcc` CLI both call it.
//!
//! ```no_run
//! # async fn demo(data_dir: &std::path::Path) -> Result<(), jcc_signin::SigninError> {
//! use jcc_signin::{SigninConfig, TokenStore, DEFAULT_TIMEOUT};
//! let config = SigninConfig::new("https://id.example.com", "jcc-desktop");
//! let pending = jcc_signin::begin(&config).await?;
//! eprintln!("{}", pending.auth_url()); // or open the system browser on it
//! let tokens = pending.finish(DEFAULT_TIMEOUT).await?;
//! let store = TokenStore::for_data_dir(data_dir);
//! store.keep(&tokens)?; // the refresh token, into the OS keyring
//! // later, when the ID token is about to expire:
//! let fresh = store.refresh(&config).await?;
//! // signing out revokes at the provider, then forgets:
//! store.sign_out(&config).await?;
//! # let _ = fresh; Ok(()) }
//! ```
//!
//! Tokens never reach a log, an error or SQLite: [`Tokens`]' and [`Pending`]'s `Debug`
//! redact them, errors carry only the provider's error codes, and the refresh token lives in
//! the OS keyring ([`TokenStore`]).

mod error;
mod flow;
mod loopback;
mod provider;
mod refresh;
mod store;
mod tokens;

pub use error::{Result, SigninError};
pub use flow::{begin, sign_in, Pending, DEFAULT_TIMEOUT};
pub use refresh::{refresh, revoke};
pub use store::{TokenStore, KEYRING_SERVICE, LOCK_FILE};
pub use tokens::Tokens;

/// Which provider to sign in with, as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigninConfig {
    /// The OpenID Connect issuer (discovery at `{issuer}/.well-known/openid-configuration`).
    pub issuer: String,
    /// The public client id (no secret; PKCE instead).
    pub client_id: String,
    /// Scopes to ask for; `openid` is always sent, `offline_access` brings a refresh token.
    pub scopes: Vec<String>,
    /// Sent as `login_hint` (the provider may pre-fill the account; the test provider signs
    /// this user in).
    pub login_hint: Option<String>,
}

impl SigninConfig {
    /// Scopes `openid offline_access`, no hint.
    pub fn new(issuer: impl Into<String>, client_id: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            client_id: client_id.into(),
            scopes: vec!["openid".into(), "offline_access".into()],
            login_hint: None,
        }
    }

    /// What a sync server's `GET /v1/config` says to sign in with.
    pub fn from_server(config: &jcc_sync_proto::ServerConfig) -> Self {
        Self {
            issuer: config.issuer.clone(),
            client_id: config.client_id.clone(),
            scopes: config.scopes.clone(),
            login_hint: None,
        }
    }

    pub fn with_login_hint(mut self, hint: impl Into<String>) -> Self {
        self.login_hint = Some(hint.into());
        self
    }
}
