//! Signing in to a sync server through its OpenID provider (system browser, PKCE,
//! loopback redirect: crates/jcc-signin), renewing the server session from the refresh
//! token when it expires mid-sync, and revoking it on sign-out.

use super::{adopt_account, SyncSecrets};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::llm::runtime;
use crate::App;
use jcc_signin::{SigninConfig, SigninError, TokenStore};
use jcc_sync::remote::{open_session, server_config, Renewal};
use jcc_sync::{Renew, SyncError};
use jcc_sync_proto::ServerConfig;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Where the server's sign-in settings are remembered (not secret).
const SERVER_CONFIG: &str = "server_config";

/// A finished sign-in.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub server: String,
    /// False until the account's first device ran setup: this one should (`jcc sync setup`).
    pub account_has_keys: bool,
}

fn signin_error(e: SigninError) -> AppError {
    let code = match &e {
        SigninError::NotSignedIn => ErrorCode::SignInNeeded,
        SigninError::Keyring(_) => ErrorCode::Secrets,
        _ => ErrorCode::SyncUnavailable,
    };
    AppError::new(code, e.to_string())
}

fn device_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "a device".into())
}

impl App {
    /// Signs this library in to the sync server at `server`: its provider's page opens in
    /// the browser (`open` gets the URL: open it, or print it), the loopback callback
    /// finishes the sign-in, and the session and refresh token go to the OS keyring.
    pub fn sync_login(
        &self,
        server: &str,
        login_hint: Option<&str>,
        timeout: Duration,
        open: impl FnOnce(&url::Url),
    ) -> AppResult<SignedIn> {
        self.store().writable()?;
        let paths = self
            .paths()
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "sync needs a library on disk"))?
            .clone();
        let server = server.trim_end_matches('/').to_string();
        let rt = runtime()?;
        let config = rt.block_on(server_config(&server))?;
        let mut signin = SigninConfig::from_server(&config);
        if let Some(hint) = login_hint {
            signin = signin.with_login_hint(hint);
        }
        let tokens = rt
            .block_on(jcc_signin::sign_in(&signin, timeout, open))
            .map_err(signin_error)?;
        let tokens_store = TokenStore::for_data_dir(&paths.data_dir);
        tokens_store.keep(&tokens).map_err(signin_error)?;
        let session = rt.block_on(open_session(&server, &tokens.id_token, &device_name()))?;
        let secrets = SyncSecrets::for_data_dir(&paths.data_dir);
        secrets.save_session(&session.session_token)?;
        {
            let mut store = self.store();
            adopt_account(&mut store, &server, session.user_id)?;
            let json = serde_json::to_string(&config).expect("configs serialize");
            store.transaction(|s| {
                jcc_sync::local::set_state(s.connection(), SERVER_CONFIG, &json)
                    .map_err(|e| jcc_store::StoreError::Invalid(e.to_string()))
            })?;
        }
        let remote = jcc_sync::HttpRemote::new(&server, session.session_token, None);
        let has_keys = rt.block_on(jcc_sync::Remote::keys(&remote))?.is_some();
        Ok(SignedIn {
            server,
            account_has_keys: has_keys,
        })
    }

    fn sync_signin_config(&self) -> AppResult<SigninConfig> {
        let stored = jcc_sync::local::state(self.store().connection(), SERVER_CONFIG)?
            .ok_or(SyncError::NotSetUp)?;
        let config: ServerConfig =
            serde_json::from_str(&stored).map_err(|_| SyncError::NotSetUp)?;
        Ok(SigninConfig::from_server(&config))
    }

    pub(super) fn sync_renewal(&self, server: &str) -> AppResult<SessionRenewal> {
        let paths = self
            .paths()
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "sync needs a library on disk"))?;
        Ok(SessionRenewal {
            server: server.to_string(),
            signin: self.sync_signin_config()?,
            tokens: TokenStore::for_data_dir(&paths.data_dir),
        })
    }

    /// Revokes the provider's refresh token and forgets it.
    pub(super) fn sync_revoke(&self, rt: &tokio::runtime::Runtime) -> AppResult<()> {
        let Some(paths) = self.paths() else {
            return Ok(());
        };
        let tokens = TokenStore::for_data_dir(&paths.data_dir);
        let Ok(signin) = self.sync_signin_config() else {
            return tokens.delete().map_err(signin_error);
        };
        match rt.block_on(tokens.sign_out(&signin)) {
            Ok(()) => Ok(()),
            Err(e) => {
                // Signed out here regardless; say that the provider still holds the grant.
                tokens.delete().map_err(signin_error)?;
                Err(AppError::new(
                    ErrorCode::SyncUnavailable,
                    format!("signed out on this device, but the sign-in could not be revoked at the provider ({e}); it expires on its own, or revoke it in your account there"),
                ))
            }
        }
    }
}

/// Renews an expired server session: a fresh ID token from the stored refresh token (one
/// refresh at a time, across processes), traded for a new session.
pub(crate) struct SessionRenewal {
    server: String,
    signin: SigninConfig,
    tokens: TokenStore,
}

impl Renew for SessionRenewal {
    fn renew(&self) -> Renewal<'_> {
        Box::pin(async move {
            let tokens = self
                .tokens
                .refresh(&self.signin)
                .await
                .map_err(|e| match e {
                    SigninError::NotSignedIn => SyncError::SignedOut,
                    other => SyncError::Unreachable {
                        url: self.signin.issuer.clone(),
                        reason: other.to_string(),
                    },
                })?;
            let session = open_session(&self.server, &tokens.id_token, &device_name()).await?;
            Ok(session.session_token)
        })
    }
}
