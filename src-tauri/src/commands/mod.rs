//! Every command the window can call. Each is a few lines over `jcc-app`: library work
//! runs on the blocking pool ([`Desktop::run`]), errors reach the window as the core's
//! `{code, message, details}`.

mod assist;
mod crew;
mod days;
mod drafts;
mod entries;
mod health;
mod journals;
mod library;
mod llm;
mod models;
mod reminders;
mod settings;
mod sync;
mod transfer;
mod window;

use tauri::Runtime;
use tauri_specta::{collect_commands, Commands};

pub(crate) fn collect<R: Runtime>() -> Commands<R> {
    collect_commands![
        journals::journal_list,
        journals::journal_show,
        journals::journal_new,
        journals::journal_rename,
        journals::journal_trash,
        journals::journal_restore,
        journals::journal_purge,
        entries::entry_list,
        entries::entry_show,
        entries::entry_add,
        entries::entry_save,
        entries::entry_review_done,
        entries::entry_tag,
        entries::entry_trash,
        entries::entry_restore,
        entries::entry_discard_if_empty,
        entries::entry_purge,
        entries::trash_empty,
        entries::entry_move,
        entries::entry_history,
        entries::entry_diff,
        entries::entry_revert,
        entries::entry_attach,
        days::calendar_month,
        days::entries_on_day,
        days::on_this_day,
        library::tag_list,
        library::tag_rename,
        library::search,
        library::stats,
        library::template_list,
        library::template_add,
        library::template_remove,
        library::template_use,
        library::prompt_list,
        library::prompt_today,
        transfer::import_file,
        transfer::export_file,
        transfer::export_book,
        transfer::book_trims,
        transfer::author_get,
        transfer::author_set,
        crew::crew_themes,
        crew::crew_title_styles,
        crew::crew_save_theme,
        crew::crew_start,
        crew::crew_run,
        crew::crew_status,
        crew::crew_list,
        crew::crew_cancel,
        crew::crew_answer,
        llm::llm_list,
        llm::llm_add,
        llm::llm_remove,
        llm::llm_test,
        models::model_overview,
        models::model_add,
        models::model_remove,
        models::model_download,
        models::model_use,
        assist::assist,
        reminders::reminder_list,
        reminders::reminder_set,
        reminders::reminder_remove,
        settings::preferences_get,
        settings::preferences_set,
        settings::app_info,
        settings::task_cancel,
        drafts::draft_keep,
        drafts::draft_list,
        drafts::draft_discard,
        drafts::draft_export,
        health::library_status,
        health::library_check,
        health::backup_list,
        health::backup_prune,
        health::library_restore,
        sync::sync_status,
        sync::sync_state,
        sync::sync_now,
        sync::sync_sign_in,
        sync::sync_account_has_keys,
        sync::sync_set_up,
        sync::sync_unlock,
        sync::sync_sign_out,
        sync::sync_delete_cloud_data,
        sync::sync_keep_here,
        sync::entry_merge_review,
        sync::entry_keep_version,
        window::window_close,
        window::autostart_get,
        window::autostart_set,
    ]
}
