//! The application layer: every command a writer can give, with typed inputs and
//! outputs, one error type with stable codes, and change events. The `jcc` CLI uses it
//! now; the desktop shell calls the same functions.

pub mod config;
pub mod crew;
pub mod error;
pub mod events;
pub mod llm;
pub mod logging;
pub mod paths;

mod assist;
mod attachments;
mod book;
mod days;
mod discard;
mod doctor;
mod drafts;
mod entries;
mod journals;
mod library;
mod merge_review;
mod models;
mod outside;
mod preferences;
mod purge;
mod reminders;
mod search;
mod stats;
mod summaries;
mod sync;
mod templates;
mod transfer;

pub use assist::{AssistAction, AssistInput, AssistOutcome};
pub use attachments::EntryImage;
pub use book::{
    AuthorProfile, BookExportInput, BookExportOutcome, BookFormat, BookProgress, BookStage,
    SettingsOverride, AUTHOR_PROFILE_KEY,
};
pub use config::Config;
pub use crew::{CrewHooks, CrewRunOptions, CrewStatus, StartCrewRun, StepInfo};
pub use doctor::{DoctorOptions, DoctorOutcome};
pub use drafts::{Draft, Drafts, KeptDraft};
pub use entries::{AddEntry, EntryDetail, ListEntries, TagChange};
pub use error::{AppError, AppResult, ErrorCode};
pub use events::{EntryRef, Event, EventBus};
pub use jcc_sync::{Outcome as SyncOutcome, Secret};
pub use journals::{JournalDetail, NewJournalInput};
pub use library::{BackupPrune, LibraryStatus, RestoreOutcome};
pub use llm::{AddProfile, ProfileInfo, ProfileList};
pub use merge_review::{MergeReview, MergeSide, SideOrigin};
pub use models::{CatalogOffer, DownloadProgress, LocalModel, LocalModels};
pub use outside::{OutsideChanges, Watch, OUTSIDE_POLL_INTERVAL};
pub use paths::AppPaths;
pub use preferences::{Preferences, ThemeChoice, WritingFont};
pub use reminders::SetReminder;
pub use search::{SearchInput, SearchPage};
pub use summaries::EntrySummary;
pub use sync::{SetUp, SignedIn, SyncSecrets, SyncStatus};
pub use transfer::{
    DateSource, ExportInput, ExportOutcome, ImportInput, ImportOutcome, ImportProgress,
};

pub use jcc_formats::Format;
pub use jcc_store as store;

use jcc_store::{OpenOptions, Store};
use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, MutexGuard};

/// The open library and everything needed to serve commands on it. `Send + Sync`:
/// the desktop shell shares one across its command threads.
#[derive(Debug)]
pub struct App {
    store: Mutex<Store>,
    events: EventBus,
    config: Config,
    paths: Option<AppPaths>,
    /// Bumped when a backup replaces the library file, so a full check of the file that
    /// was replaced can't mark the restored one damaged.
    restores: AtomicU64,
}

impl App {
    /// Opens the writer's library (creating it on first run) with their config.
    pub fn open(paths: AppPaths) -> AppResult<Self> {
        Self::open_with(paths, &OpenOptions::default())
    }

    pub fn open_with(paths: AppPaths, options: &OpenOptions) -> AppResult<Self> {
        let config = Config::load(&paths.config_file())?;
        let mut store = Store::open_with(&paths.library(), options)?;
        if let Some(secs) = config.revision_window_secs {
            store.set_revision_window_ms(i64::from(secs) * 1000);
        }
        tracing::info!(library = %paths.library().display(), "library opened");
        Ok(Self {
            store: Mutex::new(store),
            events: EventBus::default(),
            config,
            paths: Some(paths),
            restores: AtomicU64::new(0),
        })
    }

    /// A throwaway library in memory (tests, previews).
    pub fn in_memory() -> AppResult<Self> {
        Ok(Self {
            store: Mutex::new(Store::open_in_memory()?),
            events: EventBus::default(),
            config: Config::default(),
            paths: None,
            restores: AtomicU64::new(0),
        })
    }

    pub fn events(&self) -> &EventBus {
        &self.events
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn paths(&self) -> Option<&AppPaths> {
        self.paths.as_ref()
    }

    /// The store, for crates that build on the library (crew, export) and for tests.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        // Store operations are transactional, so a panic mid-call leaves no half-write
        // behind and the store stays usable.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Today in the writer's time zone.
    pub fn today() -> chrono::NaiveDate {
        chrono::Local::now().date_naive()
    }
}
