//! Sync with the writer's other devices (crates/jcc-sync): sign-in, the account key, one
//! sync, status, journals kept off sync, signing out.
//!
//! Secrets stay in the OS keyring: the provider's refresh token (jcc-signin's token
//! store), the server session and the account key (the app's secret store), each under a
//! name tied to this library's data directory, so two libraries on one machine are two
//! devices. SQLite holds only what is not secret: the server URL, the account id, the
//! cursor, and the revisions themselves.

mod secrets;
mod signin;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::llm::runtime;
use crate::App;
use jcc_store::Store;
use jcc_sync::local;
use jcc_sync::{Account, HttpRemote, Options, Outcome, Secret, SyncError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use secrets::SyncSecrets;
pub use signin::SignedIn;

/// What `jcc sync status` and the window show.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    /// A server and a session are known (the session may still need renewing).
    pub signed_in: bool,
    /// The account key is on this device.
    pub unlocked: bool,
    pub server: Option<String>,
    /// Revisions made here not yet on the server.
    pub outbox: i64,
    /// When the last sync finished (Unix ms).
    pub last_sync: Option<i64>,
    /// Journals kept on this device only, by title.
    pub kept_here: Vec<String>,
    /// The same journals by id.
    pub kept_here_ids: Vec<i64>,
    /// Entries a merge marked for review.
    pub review: i64,
}

/// What `jcc sync setup` returns: the recovery key, shown once.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetUp {
    pub recovery_key: String,
}

impl From<SyncError> for AppError {
    fn from(e: SyncError) -> Self {
        let e = match e {
            SyncError::Store(s) => return s.into(),
            e => e,
        };
        let code = match &e {
            SyncError::Unreachable { .. } => ErrorCode::SyncUnavailable,
            SyncError::SignedOut | SyncError::NotSetUp => ErrorCode::SignInNeeded,
            SyncError::WrongSecret(_) => ErrorCode::WrongSecret,
            SyncError::Locked | SyncError::NoKeys | SyncError::AlreadySetUp => ErrorCode::Conflict,
            SyncError::MassDelete { .. } => ErrorCode::Conflict,
            SyncError::Keys(_) => ErrorCode::InvalidInput,
            SyncError::Local(_) => ErrorCode::CorruptLibrary,
            SyncError::Server { .. } | SyncError::Tampered(_) | SyncError::Store(_) => {
                ErrorCode::SyncFailed
            }
        };
        AppError::new(code, e.to_string())
    }
}

impl App {
    fn sync_secrets(&self) -> AppResult<SyncSecrets> {
        let paths = self
            .paths()
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "sync needs a library on disk"))?;
        Ok(SyncSecrets::for_data_dir(&paths.data_dir))
    }

    /// Sets up the account's key on its first device (after signing in); returns the
    /// recovery key to show once. The passphrase (optional) unlocks other devices.
    pub fn sync_setup(&self, passphrase: Option<&str>) -> AppResult<SetUp> {
        let secrets = self.sync_secrets()?;
        let remote = self.sync_remote(&secrets)?;
        let account = runtime()?.block_on(jcc_sync::account::set_up(&remote, passphrase))?;
        secrets.save_key(&account.key)?;
        self.sync_keep_session(&secrets, &remote)?;
        Ok(SetUp {
            recovery_key: account.recovery_words.to_string(),
        })
    }

    /// Unlocks the account on this device with the passphrase or the recovery key; a wrong
    /// one is refused before anything is downloaded or written.
    pub fn sync_unlock(&self, secret: Secret) -> AppResult<()> {
        let secrets = self.sync_secrets()?;
        let remote = self.sync_remote(&secrets)?;
        let key = runtime()?.block_on(jcc_sync::account::unlock(&remote, &secret))?;
        secrets.save_key(&key)?;
        self.sync_keep_session(&secrets, &remote)?;
        Ok(())
    }

    /// One sync: this device's changes out, the others' in, merged where both changed.
    pub fn sync_now(&self, allow_mass_delete: bool) -> AppResult<Outcome> {
        // Nothing is fetched into a damaged library.
        self.store().writable()?;
        let secrets = self.sync_secrets()?;
        let remote = self.sync_remote(&secrets)?;
        let key = secrets.load_key()?.ok_or(SyncError::Locked)?;
        let user = self.sync_user()?;
        let started = self.store().now();
        {
            // What changed here goes to the outbox first: if the network fails below, it is
            // queued (and counted in the status), and sent by the next sync.
            let mut store = self.store();
            let device = jcc_sync::device_id(&mut store)?;
            jcc_sync::engine::record_local_changes(&mut store, &device)?;
        }
        let rt = runtime()?;
        if !rt.block_on(jcc_sync::account::still_valid(&remote, &key))? {
            return Err(AppError::new(
                ErrorCode::WrongSecret,
                "the account's key was replaced on another device: unlock this device again with `jcc sync unlock`",
            ));
        }
        let account = Account { key, user };
        let options = Options { allow_mass_delete };
        // The library is locked one step at a time, never across a network call.
        let outcome = rt.block_on(jcc_sync::engine::sync_with(
            &AppLibrary(self),
            &remote,
            &account,
            options,
        ));
        self.sync_keep_session(&secrets, &remote)?;
        let outcome = outcome?;
        if outcome.pulled > 0 {
            self.announce_synced(started)?;
        }
        Ok(outcome)
    }

    /// Whether the account has its key set up (by its first device): after signing in, a
    /// device either sets it up or unlocks it.
    pub fn sync_account_has_keys(&self) -> AppResult<bool> {
        let secrets = self.sync_secrets()?;
        let remote = self.sync_remote(&secrets)?;
        let keys = runtime()?.block_on(jcc_sync::Remote::keys(&remote))?;
        self.sync_keep_session(&secrets, &remote)?;
        Ok(keys.is_some())
    }

    /// What a sync wrote reaches this process's views as a change made elsewhere (the
    /// outside-change watch skips the process's own commits).
    fn announce_synced(&self, since: i64) -> AppResult<()> {
        let (entries, journals) = synced_since(&self.store(), since)?;
        self.events
            .emit(crate::Event::ChangedElsewhere { entries, journals });
        Ok(())
    }

    pub fn sync_status(&self) -> AppResult<SyncStatus> {
        let secrets = self.sync_secrets()?;
        let store = self.store();
        let local = jcc_sync::status::local_status(&store)?;
        let kept: Vec<_> = local
            .excluded
            .iter()
            .filter_map(|uuid| store.find_journal(uuid).ok())
            .collect();
        // A library that never signed in has nothing in the keyring: not asked.
        let configured = local.server.is_some();
        Ok(SyncStatus {
            signed_in: configured && secrets.load_session()?.is_some(),
            unlocked: configured && secrets.load_key()?.is_some(),
            server: local.server,
            outbox: local.outbox,
            last_sync: local.last_sync,
            kept_here: kept.iter().map(|j| j.title.clone()).collect(),
            kept_here_ids: kept.iter().map(|j| j.id).collect(),
            review: local.review,
        })
    }

    /// Keeps a journal on this device only (`keep`), or lets it sync again.
    pub fn sync_keep_here(&self, journal: &str, keep: bool) -> AppResult<String> {
        let mut store = self.store();
        let j = store.find_journal(journal)?;
        let uuid = j.uuid.clone();
        store.transaction(|s| {
            let done = if keep {
                local::exclude(s.connection(), &uuid)
            } else {
                local::include(s.connection(), &uuid)
            };
            done.map_err(|e| jcc_store::StoreError::Invalid(e.to_string()))
        })?;
        Ok(j.title)
    }

    /// Signs this device out: the server session ends, the provider's refresh token is
    /// revoked, and the keys leave the keyring. The library keeps every word.
    pub fn sync_logout(&self) -> AppResult<()> {
        self.store().writable()?;
        let secrets = self.sync_secrets()?;
        let rt = runtime()?;
        if let (Some(server), Some(session)) = (self.sync_server()?, secrets.load_session()?) {
            let remote = HttpRemote::new(&server, session, None);
            if let Err(e) = rt.block_on(remote.close_session()) {
                tracing::warn!(error = %e, "the server session could not be closed");
            }
        }
        let revoked = self.sync_revoke(&rt);
        secrets.forget()?;
        let mut store = self.store();
        store.transaction(|s| {
            local::clear_state(s.connection(), local::SERVER)
                .map_err(|e| jcc_store::StoreError::Invalid(e.to_string()))
        })?;
        revoked
    }

    /// Deletes everything this account stored on the server, then signs out. The library on
    /// this device keeps every word.
    pub fn sync_delete_cloud_data(&self) -> AppResult<()> {
        self.store().writable()?;
        let secrets = self.sync_secrets()?;
        let remote = self.sync_remote(&secrets)?;
        runtime()?.block_on(remote.delete_account())?;
        {
            let mut store = self.store();
            store.transaction(|s| {
                local::forget(s.connection())
                    .map_err(|e| jcc_store::StoreError::Invalid(e.to_string()))
            })?;
        }
        self.sync_logout()
    }

    /// Whether this library was ever signed in to a server (no keyring needed to tell).
    /// What the library file alone says of sync (outbox, last sync, entries to review):
    /// no keyring read, so a background sync can report after every run at no cost.
    pub fn sync_local_status(&self) -> AppResult<jcc_sync::status::LocalStatus> {
        Ok(jcc_sync::status::local_status(&self.store())?)
    }

    pub fn sync_configured(&self) -> AppResult<bool> {
        Ok(self.sync_server()?.is_some())
    }

    fn sync_server(&self) -> AppResult<Option<String>> {
        Ok(local::state(self.store().connection(), local::SERVER)?)
    }

    fn sync_user(&self) -> AppResult<Uuid> {
        local::state(self.store().connection(), local::USER_ID)?
            .and_then(|u| Uuid::parse_str(&u).ok())
            .ok_or_else(|| SyncError::NotSetUp.into())
    }

    /// The server with this device's session, renewing it from the provider when it expires.
    fn sync_remote(&self, secrets: &SyncSecrets) -> AppResult<HttpRemote> {
        let server = self.sync_server()?.ok_or(SyncError::NotSetUp)?;
        let session = secrets.load_session()?.ok_or(SyncError::SignedOut)?;
        let renew = self.sync_renewal(&server)?;
        Ok(HttpRemote::new(&server, session, Some(Box::new(renew))))
    }

    /// A renewed session replaces the stored one.
    fn sync_keep_session(&self, secrets: &SyncSecrets, remote: &HttpRemote) -> AppResult<()> {
        let now = remote.session();
        if secrets.load_session()?.as_deref() != Some(now.as_str()) {
            secrets.save_session(&now)?;
        }
        Ok(())
    }
}

/// The entries and journals a sync wrote since `since` (Unix ms).
fn synced_since(store: &Store, since: i64) -> jcc_store::Result<(Vec<crate::EntryRef>, Vec<i64>)> {
    let conn = store.connection();
    let entries = conn
        .prepare("SELECT id, journal_id FROM entries WHERE writer = 'sync' AND updated_at >= ?1")?
        .query_map([since], |r| {
            Ok(crate::EntryRef {
                entry_id: r.get(0)?,
                journal_id: r.get(1)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut journals: Vec<i64> = conn
        .prepare("SELECT id FROM journals WHERE updated_at >= ?1")?
        .query_map([since], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    journals.extend(entries.iter().map(|e| e.journal_id));
    journals.sort_unstable();
    journals.dedup();
    Ok((entries, journals))
}

/// The app's library for sync: its lock taken for each step.
struct AppLibrary<'a>(&'a App);

impl jcc_sync::engine::Library for AppLibrary<'_> {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> jcc_sync::Result<T>) -> jcc_sync::Result<T> {
        f(&mut self.0.store())
    }
}

/// The user id the server gave, and forgetting an old account's records when it changes.
pub(crate) fn adopt_account(store: &mut Store, server: &str, user: Uuid) -> AppResult<()> {
    let known = local::state(store.connection(), local::USER_ID)?;
    let user = user.to_string();
    store.transaction(|s| {
        let step = || -> jcc_sync::Result<()> {
            let conn = s.connection();
            if known.as_deref().is_some_and(|k| k != user) {
                // Another account: its revisions and cursor mean nothing to this one; the
                // library's content stays and is sent to the new account as new.
                local::forget(conn)?;
            }
            local::set_state(conn, local::USER_ID, &user)?;
            local::set_state(conn, local::SERVER, server)?;
            Ok(())
        };
        step().map_err(|e| jcc_store::StoreError::Invalid(e.to_string()))
    })?;
    Ok(())
}
