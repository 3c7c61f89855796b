//! The sync session and the account key in the OS keyring, named after the library's data
//! directory (the provider's refresh token is kept by jcc-signin's token store, beside them).

use crate::error::{AppError, AppResult, ErrorCode};
use crate::llm::secret_store;
use jcc_llm::ApiKey;
use jcc_sync::AccountKey;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct SyncSecrets {
    session: String,
    key: String,
}

fn keyring(e: jcc_llm::LlmError) -> AppError {
    AppError::new(ErrorCode::Secrets, e.to_string())
}

impl SyncSecrets {
    pub fn for_data_dir(data_dir: &Path) -> Self {
        let dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
        Self {
            session: format!("sync-session:{}", dir.display()),
            key: format!("sync-account-key:{}", dir.display()),
        }
    }

    pub fn load_session(&self) -> AppResult<Option<String>> {
        Ok(secret_store()
            .get(&self.session)
            .map_err(keyring)?
            .map(|k| k.expose().to_string()))
    }

    pub fn save_session(&self, token: &str) -> AppResult<()> {
        secret_store()
            .set(&self.session, &ApiKey::new(token.to_string()))
            .map_err(keyring)
    }

    /// The account key as `epoch:hex`.
    pub fn load_key(&self) -> AppResult<Option<AccountKey>> {
        let Some(stored) = secret_store().get(&self.key).map_err(keyring)? else {
            return Ok(None);
        };
        let damaged = || {
            AppError::new(
                ErrorCode::Secrets,
                "the account key in the OS keyring is damaged: unlock this device again with `jcc sync unlock`",
            )
        };
        let (epoch, hex_key) = stored.expose().split_once(':').ok_or_else(damaged)?;
        let bytes = hex::decode(hex_key).map_err(|_| damaged())?;
        let epoch = epoch.parse().map_err(|_| damaged())?;
        Ok(Some(
            AccountKey::from_bytes(&bytes, epoch).map_err(|_| damaged())?,
        ))
    }

    pub fn save_key(&self, key: &AccountKey) -> AppResult<()> {
        let text = format!("{}:{}", key.epoch, hex::encode(key.bytes()));
        secret_store()
            .set(&self.key, &ApiKey::new(text))
            .map_err(keyring)
    }

    pub fn forget(&self) -> AppResult<()> {
        secret_store().delete(&self.session).map_err(keyring)?;
        secret_store().delete(&self.key).map_err(keyring)
    }
}
