//! Daily writing reminders (shown by [`crate::reminders`] while the app runs).

use crate::Desktop;
use jcc_app::store::Reminder;
use jcc_app::{AppResult, SetReminder};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn reminder_list(desktop: State<'_, Desktop>) -> AppResult<Vec<Reminder>> {
    desktop.run(|app| app.reminder_list()).await
}

#[tauri::command]
#[specta::specta]
pub async fn reminder_set(desktop: State<'_, Desktop>, input: SetReminder) -> AppResult<Reminder> {
    desktop.run(move |app| app.reminder_set(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn reminder_remove(desktop: State<'_, Desktop>, journal: String) -> AppResult<bool> {
    desktop.run(move |app| app.reminder_remove(&journal)).await
}
