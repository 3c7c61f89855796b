//! Sync from the window: Settings -> Account (sign in through the system browser, set up
//! or unlock the account's key, sign out, delete the cloud copy), "Sync now" and the
//! sidebar's state, journals kept on this device, and reviewing merged entries.

use crate::sync::{SyncService, SyncState};
use crate::Desktop;
use jcc_app::store::{Entry, EntryId};
use jcc_app::{AppError, AppResult, ErrorCode, MergeReview, Secret, SetUp, SignedIn, SyncStatus};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::time::Duration;
use tauri::State;
use zeroize::Zeroizing;

/// How long the window waits for the writer to finish in the browser.
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(10 * 60);

#[tauri::command]
#[specta::specta]
pub async fn sync_status(desktop: State<'_, Desktop>) -> AppResult<SyncStatus> {
    desktop.run(|app| app.sync_status()).await
}

/// The background sync's state (the same the `SyncEvent`s carry).
#[tauri::command]
#[specta::specta]
pub fn sync_state(service: State<'_, SyncService>) -> SyncState {
    service.state()
}

#[tauri::command]
#[specta::specta]
pub fn sync_now(service: State<'_, SyncService>) {
    service.sync_soon();
}

/// Signs in through the system browser: the provider's page opens there and its redirect
/// to a loopback address comes back to this running app (no second instance, no deep link).
#[tauri::command]
#[specta::specta]
pub async fn sync_sign_in(
    desktop: State<'_, Desktop>,
    service: State<'_, SyncService>,
    server: String,
) -> AppResult<SignedIn> {
    let server = server.trim().to_string();
    if url::Url::parse(&server).is_err() {
        return Err(AppError::new(
            ErrorCode::InvalidInput,
            "that is not a server address: it starts with https:// (or http:// on this computer)",
        ));
    }
    let signed_in = desktop
        .run(move |app| {
            let mut opened = Ok(());
            let done = app.sync_login(&server, None, SIGN_IN_TIMEOUT, |url| {
                opened = tauri_plugin_opener::open_url(url.as_str(), None::<&str>);
            });
            if let Err(e) = opened {
                tracing::warn!(error = %e, "the browser could not be opened");
            }
            done
        })
        .await?;
    service.sync_soon();
    Ok(signed_in)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_account_has_keys(desktop: State<'_, Desktop>) -> AppResult<bool> {
    desktop.run(|app| app.sync_account_has_keys()).await
}

/// The first device: makes the account's key; the recovery key comes back to show once.
#[tauri::command]
#[specta::specta]
pub async fn sync_set_up(
    desktop: State<'_, Desktop>,
    service: State<'_, SyncService>,
    passphrase: Option<String>,
) -> AppResult<SetUp> {
    let passphrase = passphrase.map(Zeroizing::new);
    let set_up = desktop
        .run(move |app| app.sync_setup(passphrase.as_deref().map(|p| p.as_str())))
        .await?;
    service.sync_soon();
    Ok(set_up)
}

/// How another device unlocks the account.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum UnlockWith {
    Passphrase,
    RecoveryKey,
}

#[tauri::command]
#[specta::specta]
pub async fn sync_unlock(
    desktop: State<'_, Desktop>,
    service: State<'_, SyncService>,
    method: UnlockWith,
    secret: String,
) -> AppResult<()> {
    let secret = Zeroizing::new(secret);
    let secret = match method {
        UnlockWith::Passphrase => Secret::Passphrase(secret),
        UnlockWith::RecoveryKey => Secret::RecoveryKey(secret),
    };
    desktop.run(move |app| app.sync_unlock(secret)).await?;
    service.sync_soon();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn sync_sign_out(
    desktop: State<'_, Desktop>,
    service: State<'_, SyncService>,
) -> AppResult<()> {
    let done = desktop.run(|app| app.sync_logout()).await;
    service.sync_soon();
    done
}

#[tauri::command]
#[specta::specta]
pub async fn sync_delete_cloud_data(
    desktop: State<'_, Desktop>,
    service: State<'_, SyncService>,
) -> AppResult<()> {
    let done = desktop.run(|app| app.sync_delete_cloud_data()).await;
    service.sync_soon();
    done
}

/// Keeps a journal on this device only (`keep`), or lets it sync again.
#[tauri::command]
#[specta::specta]
pub async fn sync_keep_here(
    desktop: State<'_, Desktop>,
    service: State<'_, SyncService>,
    journal_id: i64,
    keep: bool,
) -> AppResult<()> {
    desktop
        .run(move |app| app.sync_keep_here(&journal_id.to_string(), keep))
        .await?;
    service.sync_soon();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn entry_merge_review(
    desktop: State<'_, Desktop>,
    id: EntryId,
) -> AppResult<MergeReview> {
    desktop.run(move |app| app.entry_merge_review(id)).await
}

/// Keeps one version (or the merged text as the writer left it) and clears the mark.
#[tauri::command]
#[specta::specta]
pub async fn entry_keep_version(
    desktop: State<'_, Desktop>,
    id: EntryId,
    title: String,
    body: String,
    base: i64,
) -> AppResult<Entry> {
    desktop
        .run(move |app| app.entry_keep_version(id, title, body, base))
        .await
}
