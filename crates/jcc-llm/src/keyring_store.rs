//! API keys in the OS keyring (the Secret Service on Linux, through keyring-core).

use crate::error::{LlmError, Result};
use crate::secrets::{ApiKey, SecretStore};
use std::sync::OnceLock;

/// Keys stored under service `service` with the profile name as the user.
#[derive(Debug, Clone)]
pub struct KeyringSecretStore {
    service: String,
}

static STORE_READY: OnceLock<std::result::Result<(), String>> = OnceLock::new();

impl KeyringSecretStore {
    pub fn new(service: &str) -> Self {
        Self {
            service: service.to_string(),
        }
    }

    fn entry(&self, profile: &str) -> Result<keyring_core::Entry> {
        // keyring-core has one process-wide default store; pick the platform's once.
        let ready = STORE_READY.get_or_init(|| {
            zbus_secret_service_keyring_store::Store::new()
                .map(|s| keyring_core::set_default_store(s))
                .map_err(|e| e.to_string())
        });
        if let Err(e) = ready {
            return Err(LlmError::Secret(format!(
                "no OS keyring is available ({e}); on Linux start a Secret Service such as gnome-keyring"
            )));
        }
        keyring_core::Entry::new(&self.service, profile)
            .map_err(|e| LlmError::Secret(e.to_string()))
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, profile: &str) -> Result<Option<ApiKey>> {
        match self.entry(profile)?.get_password() {
            Ok(k) => Ok(Some(ApiKey::new(k))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(LlmError::Secret(e.to_string())),
        }
    }

    fn set(&self, profile: &str, key: &ApiKey) -> Result<()> {
        self.entry(profile)?
            .set_password(key.expose())
            .map_err(|e| LlmError::Secret(e.to_string()))
    }

    fn delete(&self, profile: &str) -> Result<()> {
        match self.entry(profile)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(LlmError::Secret(e.to_string())),
        }
    }
}
