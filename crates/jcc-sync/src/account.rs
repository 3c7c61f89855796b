//! Setting up the account's keys on the first device and unlocking them on the others.
//! Only the small key document is fetched before the key is checked, so a wrong
//! passphrase or recovery key is refused before anything is downloaded or written.

use crate::error::{Result, SyncError};
use crate::keys::{self, AccountKey, KeyFile, NewAccount};
use crate::remote::Remote;
use jcc_sync_proto::PutKeys;
use zeroize::Zeroizing;

/// How a device proves it may hold the account key.
#[derive(Debug)]
pub enum Secret {
    Passphrase(Zeroizing<String>),
    RecoveryKey(Zeroizing<String>),
}

/// First device: makes the account key, stores it wrapped on the server, and returns the
/// recovery words to show once.
pub async fn set_up<R: Remote>(remote: &R, passphrase: Option<&str>) -> Result<NewAccount> {
    if remote.keys().await?.is_some() {
        return Err(SyncError::AlreadySetUp);
    }
    let account = keys::set_up(passphrase)?;
    let data = serde_json::to_vec(&account.file).expect("key files serialize");
    match remote
        .put_keys(PutKeys {
            expected_version: 0,
            data,
        })
        .await
    {
        Ok(_) => Ok(account),
        // Another device set up in between: its key is the account's.
        Err(SyncError::Server { status: 409, .. }) => Err(SyncError::AlreadySetUp),
        Err(e) => Err(e),
    }
}

/// Another device: fetches the key document and unlocks it with the secret.
pub async fn unlock<R: Remote>(remote: &R, secret: &Secret) -> Result<AccountKey> {
    let file = key_file(remote).await?;
    match secret {
        Secret::Passphrase(p) => keys::unlock_with_passphrase(&file, p),
        Secret::RecoveryKey(w) => keys::unlock_with_recovery(&file, w),
    }
}

/// Whether the key this device holds is still the account's (another device may have
/// reset the account).
pub async fn still_valid<R: Remote>(remote: &R, key: &AccountKey) -> Result<bool> {
    Ok(keys::matches(&key_file(remote).await?, key))
}

async fn key_file<R: Remote>(remote: &R) -> Result<KeyFile> {
    let doc = remote.keys().await?.ok_or(SyncError::NoKeys)?;
    serde_json::from_slice(&doc.data).map_err(|e| {
        SyncError::Keys(format!(
            "the account's key document on the server is not readable ({e}); was it made by a newer version?"
        ))
    })
}
