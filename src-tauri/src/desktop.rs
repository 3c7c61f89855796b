//! What every command shares: the open library and the registry of running tasks.

use crate::tasks::Tasks;
use jcc_app::store::EntryId;
use jcc_app::{App, AppError, AppPaths, AppResult, ErrorCode};
use jcc_llm::CancellationToken;
use serde::Serialize;
use std::sync::{Arc, Mutex, OnceLock};
use tauri::ipc::Channel;

static STARTED_AT_MS: OnceLock<i64> = OnceLock::new();

/// Notes when the process started (for the launch-to-interactive figure).
pub(crate) fn mark_process_start() {
    STARTED_AT_MS.get_or_init(|| chrono::Utc::now().timestamp_millis());
}

/// Milliseconds since the Unix epoch when the process started (or first asked).
pub(crate) fn process_started_at_ms() -> i64 {
    *STARTED_AT_MS.get_or_init(|| chrono::Utc::now().timestamp_millis())
}

#[derive(Debug)]
pub struct Desktop {
    pub app: Arc<App>,
    pub tasks: Tasks,
    /// Watches for other processes' commits while the window is open.
    pub(crate) outside: OnceLock<jcc_app::Watch>,
    /// Entries this window created empty ("New entry"); see [`Desktop::discard_blank_entries`].
    blank_entries: Mutex<Vec<EntryId>>,
    /// Keeps the log file writer alive for the life of the window.
    _log: Option<jcc_app::logging::Guard>,
}

impl Desktop {
    /// The library the CLI uses, with file logging and the OS keyring for API keys.
    pub fn open_from_env() -> AppResult<Self> {
        let paths = AppPaths::from_env()?;
        let log = jcc_app::logging::init(&paths.log_dir, None, false);
        let app = App::open(paths)?;
        Ok(Self::with_log(app, log))
    }

    /// A desktop over an already open library (tests).
    pub fn new(app: App) -> Self {
        Self::with_log(app, None)
    }

    fn with_log(app: App, log: Option<jcc_app::logging::Guard>) -> Self {
        Self {
            app: Arc::new(app),
            tasks: Tasks::default(),
            outside: OnceLock::new(),
            blank_entries: Mutex::default(),
            _log: log,
        }
    }

    /// Notes an entry the window created with nothing in it.
    pub(crate) fn note_blank_entry(&self, id: EntryId) {
        self.blank_entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(id);
    }

    /// As the app exits (the window closed after its last save): the entries it created
    /// that the writer left empty are not kept. The window does the same when the writer
    /// leaves an entry; this covers the one open as the window closed. Whatever the writer
    /// put in an entry keeps it (the core checks).
    pub fn discard_blank_entries(&self) {
        let ids =
            std::mem::take(&mut *self.blank_entries.lock().unwrap_or_else(|p| p.into_inner()));
        for id in ids {
            if let Err(e) = self.app.entry_discard_if_empty(id) {
                tracing::warn!(entry = id, error = %e, "an empty entry was kept");
            }
        }
    }

    /// Runs long library work registered under `task` (so `task_cancel` reaches it) on
    /// the blocking pool.
    pub(crate) async fn run_task<T, F>(&self, task: &str, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&App, &CancellationToken) -> AppResult<T> + Send + 'static,
    {
        let guard = self.tasks.start(task);
        self.run(move |app| work(app, &guard.token)).await
    }

    /// Runs library work on the blocking pool so the IPC thread and the window stay free.
    pub(crate) async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> AppResult<T> + Send + 'static,
    {
        let app = Arc::clone(&self.app);
        tauri::async_runtime::spawn_blocking(move || work(&app))
            .await
            .map_err(|e| AppError::new(ErrorCode::Internal, format!("a task stopped: {e}")))?
    }
}

/// A progress callback that forwards each report to the window's channel (a window that
/// went away just stops listening).
pub(crate) fn relay<T: Serialize + Clone + Send + Sync>(
    channel: Channel<T>,
) -> impl Fn(&T) + Send + Sync {
    move |item: &T| {
        let _ = channel.send(item.clone());
    }
}
