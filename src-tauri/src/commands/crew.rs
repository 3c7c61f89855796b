//! The crew: themes, start a guided journal, run or resume it with live progress,
//! answer its questions, cancel.

use crate::desktop::{relay, Desktop};
use jcc_app::crew::SavedTheme;
use jcc_app::store::crew_runs::CrewRun;
use jcc_app::{AppResult, CrewHooks, CrewRunOptions, CrewStatus, StartCrewRun};
use jcc_crew::{CrewEvent, Decider, Decision, RunSummary};
use tauri::ipc::Channel;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn crew_themes(desktop: State<'_, Desktop>) -> AppResult<Vec<SavedTheme>> {
    desktop.run(|app| app.crew_themes()).await
}

/// The title styles the crew knows, in the order the wizard offers them.
#[tauri::command]
#[specta::specta]
pub fn crew_title_styles() -> Vec<String> {
    jcc_crew::TITLE_STYLES
        .iter()
        .map(|s| (*s).to_string())
        .collect()
}

#[tauri::command]
#[specta::specta]
pub async fn crew_save_theme(
    desktop: State<'_, Desktop>,
    theme: SavedTheme,
) -> AppResult<SavedTheme> {
    desktop.run(move |app| app.crew_save_theme(theme)).await
}

/// Records a new run (theme, title style, voice, depth, lead magnet) and returns its id.
#[tauri::command]
#[specta::specta]
pub async fn crew_start(desktop: State<'_, Desktop>, input: StartCrewRun) -> AppResult<i64> {
    desktop.run(move |app| app.crew_start(input)).await
}

/// Runs or resumes a run until it finishes, pauses on a question, fails or is
/// cancelled; every step's progress and streamed text go to `on_event`. `go_on` says
/// yes to the run's "continue?" question (the writer clicked Continue); a choice
/// between options is answered with [`crew_answer`] first. (The window sends the
/// desktop notification when a long run ends.)
#[tauri::command]
#[specta::specta]
pub async fn crew_run(
    desktop: State<'_, Desktop>,
    run_id: i64,
    go_on: bool,
    task: String,
    on_event: Channel<CrewEvent>,
) -> AppResult<RunSummary> {
    let send = relay(on_event);
    desktop
        .run_task(&task, move |app, cancel| {
            let decider = WindowDecider { go_on };
            let hooks = CrewHooks {
                decider: &decider,
                on_event: &send,
                cancel: cancel.clone(),
            };
            let options = CrewRunOptions {
                stream: true,
                overwrite_writer_edits: false,
            };
            app.crew_run(run_id, options, hooks)
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn crew_status(desktop: State<'_, Desktop>, run_id: i64) -> AppResult<CrewStatus> {
    desktop.run(move |app| app.crew_status(run_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn crew_list(desktop: State<'_, Desktop>, limit: u32) -> AppResult<Vec<CrewRun>> {
    desktop
        .run(move |app| app.crew_list(i64::from(limit)))
        .await
}

/// Stops a run; it can be resumed later from its last finished step.
#[tauri::command]
#[specta::specta]
pub async fn crew_cancel(desktop: State<'_, Desktop>, run_id: i64) -> AppResult<RunSummary> {
    desktop.run(move |app| app.crew_cancel(run_id)).await
}

/// Answers a paused run's question with option `pick` (1-based); resume with `crew_run`.
#[tauri::command]
#[specta::specta]
pub async fn crew_answer(desktop: State<'_, Desktop>, run_id: i64, pick: u32) -> AppResult<()> {
    desktop
        .run(move |app| app.crew_answer(run_id, pick as usize))
        .await
}

/// The window answers questions between runs: the run pauses, the writer answers, the
/// run resumes with the answer.
struct WindowDecider {
    go_on: bool,
}

impl Decider for WindowDecider {
    fn choose(&self, _: &str, _: &[String]) -> Decision<usize> {
        Decision::Pause
    }

    fn confirm(&self, _: &str) -> Decision<bool> {
        if self.go_on {
            Decision::Answer(true)
        } else {
            Decision::Pause
        }
    }
}
