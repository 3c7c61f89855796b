//! API keys: a wrapper that never prints itself, and the store trait that holds them.

use crate::error::Result;
use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

/// An API key. `Debug` and `Display` hide it, so it cannot leak into logs or JSON by
/// accident; [`ApiKey::expose`] is the one way to read it (the Authorization header).
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into().trim().to_string())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where API keys live, by profile name. The app uses the OS keyring; tests use memory.
pub trait SecretStore: Send + Sync + fmt::Debug {
    fn get(&self, profile: &str) -> Result<Option<ApiKey>>;
    fn set(&self, profile: &str, key: &ApiKey) -> Result<()>;
    /// Removing a key that isn't there is not an error.
    fn delete(&self, profile: &str) -> Result<()>;
}

#[derive(Debug, Default)]
pub struct MemorySecretStore {
    keys: Mutex<HashMap<String, ApiKey>>,
}

impl MemorySecretStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, ApiKey>> {
        self.keys.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, profile: &str) -> Result<Option<ApiKey>> {
        Ok(self.lock().get(profile).cloned())
    }

    fn set(&self, profile: &str, key: &ApiKey) -> Result<()> {
        self.lock().insert(profile.to_string(), key.clone());
        Ok(())
    }

    fn delete(&self, profile: &str) -> Result<()> {
        self.lock().remove(profile);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_never_print() {
        let k = ApiKey::new(" sk-secret-123 \n");
        assert_eq!(k.expose(), "sk-secret-123");
        assert!(!format!("{k:?} {k}").contains("secret"));
        let s = MemorySecretStore::default();
        s.set("a", &k).unwrap();
        assert_eq!(s.get("a").unwrap(), Some(k));
        s.delete("a").unwrap();
        s.delete("a").unwrap();
        assert_eq!(s.get("a").unwrap(), None);
        assert!(!format!("{s:?}").contains("secret"));
    }
}
