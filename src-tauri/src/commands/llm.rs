//! LLM endpoint profiles: list (with local servers found), add, remove, test. API keys
//! go straight to the OS keyring, never to the library or the log.

use crate::Desktop;
use jcc_app::{AddProfile, AppResult, ProfileInfo, ProfileList};
use jcc_llm::{ApiKey, ConnectionReport};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn llm_list(desktop: State<'_, Desktop>, detect: bool) -> AppResult<ProfileList> {
    desktop.run(move |app| app.llm_list(detect)).await
}

/// Saves a profile; a non-empty `api_key` is stored in the OS keyring.
#[tauri::command]
#[specta::specta]
pub async fn llm_add(
    desktop: State<'_, Desktop>,
    mut input: AddProfile,
    api_key: Option<String>,
) -> AppResult<ProfileInfo> {
    input.api_key = api_key.filter(|k| !k.trim().is_empty()).map(ApiKey::new);
    desktop.run(move |app| app.llm_add(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn llm_remove(desktop: State<'_, Desktop>, name: String) -> AppResult<()> {
    desktop.run(move |app| app.llm_remove(&name)).await
}

/// Tries the endpoint (reachable, model present, structured output) and says what to fix.
#[tauri::command]
#[specta::specta]
pub async fn llm_test(
    desktop: State<'_, Desktop>,
    name: Option<String>,
) -> AppResult<ConnectionReport> {
    desktop.run(move |app| app.llm_test(name.as_deref())).await
}
