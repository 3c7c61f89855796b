//! The Journal Craft Crew desktop app: a thin Tauri 2 shell over the application layer
//! (`jcc-app`). Commands are a few lines each; menus, events and long-running tasks are
//! wired here, everything else lives in the core crates.

pub mod autostart;
pub mod bindings;
mod commands;
mod desktop;
mod events;
pub mod images;
mod menu;
mod notices;
mod reminders;
mod sync;
mod tasks;
mod tray;

pub use desktop::Desktop;
pub use events::{LibraryEvent, MenuAction, MenuCommand};
pub use reminders::{ReminderEvent, ReminderEventKind};
pub use sync::{SyncEvent, SyncOpen, SyncOpenEvent, SyncPhase, SyncService, SyncState};

use tauri::{Manager, Runtime};

/// Builds the app on any runtime: the real one in [`run`], Tauri's mock runtime in tests.
/// Plugins that need a real desktop (single instance, window state, dialogs,
/// notifications) are added by the caller.
pub fn run_app<R: Runtime>(
    builder: tauri::Builder<R>,
    context: tauri::Context<R>,
    desktop: Desktop,
) -> tauri::Result<tauri::App<R>> {
    let specta = bindings::specta_builder::<R>();
    let app = builder
        .manage(desktop)
        .invoke_handler(specta.invoke_handler())
        .register_asynchronous_uri_scheme_protocol(images::SCHEME, images::handle)
        .on_menu_event(|app, event| menu::dispatch(app, event.id().as_ref()))
        .build(context)?;
    // Wired here rather than in `setup` (which waits for the event loop) so the mock
    // runtime in tests sees the same app the writer gets.
    specta.mount_events(&app);
    events::forward_library_events(app.handle());
    events::watch_outside_changes(app.handle());
    menu::install(app.handle())?;
    let _ = app.state::<Desktop>().app.check_integrity_in_background();
    daily_backups(&app.state::<Desktop>().app);
    reminders::start(app.handle());
    sync::start(app.handle());
    Ok(app)
}

/// The library takes its daily backup when it opens; a window left open for days asks
/// every hour whether the next one is due. The thread ends with the app.
fn daily_backups(app: &std::sync::Arc<jcc_app::App>) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);
    let app = std::sync::Arc::downgrade(app);
    let spawned = std::thread::Builder::new()
        .name("jcc-daily-backup".into())
        .spawn(move || loop {
            std::thread::sleep(EVERY);
            let Some(app) = app.upgrade() else { return };
            match app.backup_daily_if_due() {
                Ok(Some(path)) => tracing::info!(backup = %path.display(), "daily backup taken"),
                Ok(None) => {}
                // A damaged library is not backed up (it would push a good backup out).
                Err(e) => tracing::warn!(error = %e, "daily backup skipped"),
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "no daily backups while the window stays open");
    }
}

/// Opens the writer's library (the same one `jcc` uses; `JCC_DATA_DIR` and
/// `JCC_CONFIG_DIR` honoured) and runs the window until the writer quits.
pub fn run() {
    desktop::mark_process_start();
    let desktop = match Desktop::open_from_env() {
        Ok(d) => d,
        Err(e) => {
            // No window can show this yet: stderr and the log have it.
            eprintln!("Journal Craft Crew could not open its library: {e}");
            std::process::exit(e.code.exit_code());
        }
    };
    let mut context = tauri::generate_context!();
    if cfg!(debug_assertions) {
        // Dev builds keep their own window state and webview storage.
        let id = format!("{}.dev", context.config().identifier);
        context.config_mut().identifier = id;
    }
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            tray::show_main_window(app)
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(autostart::plugin());
    match run_app(builder, context, desktop) {
        Ok(app) => {
            use tauri_plugin_notification::NotificationExt;
            tray::setup(app.handle());
            let handle = app.handle().clone();
            // A click on a reminder's notification opens a new entry in its journal.
            let _ = app
                .notification()
                .on_action(move |performed| reminders::on_notification_clicked(&handle, performed));
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    handle.state::<Desktop>().discard_blank_entries();
                }
            })
        }
        Err(e) => {
            eprintln!("Journal Craft Crew could not start its window: {e}");
            std::process::exit(1);
        }
    }
}
