//! The refresh token in the OS keyring (the Secret Service on Linux, through keyring-core,
//! as `jcc-llm` keeps API keys), never in SQLite, a file or a log. One entry per library:
//! service [`KEYRING_SERVICE`], account `refresh-token:<data dir>`, so two libraries on one
//! machine hold separate sign-ins.

use crate::error::{Result, SigninError};
use crate::tokens::Tokens;
use crate::SigninConfig;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The keyring service the refresh tokens are stored under.
pub const KEYRING_SERVICE: &str = "journal-craft-crew-sync";

/// The file in the data directory that serialises refreshes across processes.
pub const LOCK_FILE: &str = "sync-signin.lock";

static STORE_READY: OnceLock<std::result::Result<(), String>> = OnceLock::new();

/// The sign-in of one library (one data directory).
#[derive(Clone)]
pub struct TokenStore {
    account: String,
    lock_path: PathBuf,
}

impl TokenStore {
    /// The store of the library in `data_dir` (made absolute, so the same library is the
    /// same account whichever way its path was written).
    pub fn for_data_dir(data_dir: &Path) -> Self {
        let dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
        Self {
            account: format!("refresh-token:{}", dir.display()),
            lock_path: dir.join(LOCK_FILE),
        }
    }

    /// The keyring account (user name) under [`KEYRING_SERVICE`].
    pub fn account(&self) -> &str {
        &self.account
    }

    fn entry(&self) -> Result<keyring_core::Entry> {
        // keyring-core has one process-wide default store; pick the platform's once.
        let ready = STORE_READY.get_or_init(|| {
            zbus_secret_service_keyring_store::Store::new()
                .map(|s| keyring_core::set_default_store(s))
                .map_err(|e| e.to_string())
        });
        if let Err(e) = ready {
            return Err(SigninError::Keyring(format!(
                "no OS keyring is available ({e}); on Linux start a Secret Service such as gnome-keyring"
            )));
        }
        keyring_core::Entry::new(KEYRING_SERVICE, &self.account)
            .map_err(|e| SigninError::Keyring(e.to_string()))
    }

    /// The stored refresh token, if this library is signed in. Blocking (D-Bus).
    pub fn load(&self) -> Result<Option<String>> {
        match self.entry()?.get_password() {
            Ok(t) => Ok(Some(t)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(SigninError::Keyring(e.to_string())),
        }
    }

    /// Keeps `refresh_token`, replacing any earlier one. Blocking (D-Bus).
    pub fn save(&self, refresh_token: &str) -> Result<()> {
        self.entry()?
            .set_password(refresh_token)
            .map_err(|e| SigninError::Keyring(e.to_string()))
    }

    /// Keeps the refresh token of a sign-in or refresh; an error when there is none (the
    /// provider was not asked for `offline_access`, or refused it).
    pub fn keep(&self, tokens: &Tokens) -> Result<()> {
        let rt = tokens.refresh_token.as_deref().ok_or_else(|| {
            SigninError::Config(
                "the provider issued no refresh token; ask for the scope offline_access".into(),
            )
        })?;
        self.save(rt)
    }

    /// Forgets the refresh token (nothing stored is fine). Blocking (D-Bus).
    pub fn delete(&self) -> Result<()> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(SigninError::Keyring(e.to_string())),
        }
    }

    /// Refreshes with the stored token and stores the rotated one, holding a lock file in
    /// the data directory the whole time: the window and `jcc` on one library never spend
    /// the same refresh token twice (which a rotating provider would punish by ending the
    /// sign-in). The one who waited reads the token the other stored, so it refreshes once
    /// more with a valid token.
    pub async fn refresh(&self, config: &SigninConfig) -> Result<Tokens> {
        let lock = self.lock().await?;
        let this = self.clone();
        let stored = blocking(move || this.load()).await?;
        let rt = stored.ok_or(SigninError::NotSignedIn)?;
        let tokens = crate::refresh(config, &rt).await?;
        let this = self.clone();
        let keep = tokens.clone();
        blocking(move || this.keep(&keep)).await?;
        drop(lock);
        Ok(tokens)
    }

    /// Signs this library out: revokes the refresh token at the provider, then forgets it.
    /// When the provider cannot be reached the token is kept and the error returned, so
    /// signing out can be retried; [`TokenStore::delete`] forgets it without revoking.
    pub async fn sign_out(&self, config: &SigninConfig) -> Result<()> {
        let lock = self.lock().await?;
        let this = self.clone();
        if let Some(rt) = blocking(move || this.load()).await? {
            crate::revoke(config, &rt).await?;
        }
        let this = self.clone();
        blocking(move || this.delete()).await?;
        drop(lock);
        Ok(())
    }

    /// The cross-process lock (an exclusive `flock` on [`LOCK_FILE`]), released on drop.
    async fn lock(&self) -> Result<File> {
        let path = self.lock_path.clone();
        blocking(move || {
            let err = |source| SigninError::Lock {
                path: path.display().to_string(),
                source,
            };
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(err)?;
            file.lock().map_err(err)?;
            Ok(file)
        })
        .await
    }
}

/// Keyring and lock calls block; keep them off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| SigninError::Keyring(format!("the keyring task failed: {e}")))?
}

impl fmt::Debug for TokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenStore")
            .field("service", &KEYRING_SERVICE)
            .field("account", &self.account)
            .finish()
    }
}
