//! AI actions in the editor, streamed into the window as a suggestion.

use crate::Desktop;
use jcc_app::{AppResult, AssistInput, AssistOutcome};
use tauri::ipc::Channel;
use tauri::State;

/// Continue writing, rephrase the selection, suggest a prompt or reflect: the text
/// streams to `on_delta`; `task` lets the window cancel it.
#[tauri::command]
#[specta::specta]
pub async fn assist(
    desktop: State<'_, Desktop>,
    input: AssistInput,
    task: String,
    on_delta: Channel<String>,
) -> AppResult<AssistOutcome> {
    desktop
        .run_task(&task, move |app, cancel| {
            let send = move |t: &str| {
                let _ = on_delta.send(t.to_string());
            };
            app.assist(input, cancel, &send)
        })
        .await
}
