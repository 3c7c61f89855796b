//! One sync: record what changed here as revisions, send the outbox, fetch what other
//! devices sent, merge where two devices changed one thing, apply, and send the merges.
//!
//! Every step commits before the next and every network step is idempotent (revisions
//! are keyed by id), so a sync cut at any point (a crash, a lost connection) resumes where
//! it stopped: unsent revisions stay in the outbox, a page is taken in together with the
//! cursor after it, and a resent batch stores nothing twice.

use crate::error::{Result, SyncError};
use crate::keys::AccountKey;
use crate::local::{self, DELETED};
use crate::merge::merge_records;
use crate::payload::{merge_id, open, seal, Kind, Revision};
use crate::remote::Remote;
use jcc_store::sync_records::Record;
use jcc_store::{Store, StoreError};
use jcc_sync_proto::{MAX_BATCH_BYTES, MAX_BATCH_ITEMS, MAX_PAGE};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use uuid::Uuid;

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Revisions sent to the server.
    pub pushed: usize,
    /// New revisions received from other devices.
    pub pulled: usize,
    /// Things changed on two devices and merged here.
    pub merged: usize,
    /// Merges that kept two versions of a paragraph: entries to review.
    pub review: usize,
    /// Revisions from the server that failed their integrity check and were not applied.
    #[serde(skip_serializing_if = "is_zero", default)]
    pub rejected: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Apply a sync that deletes more than half of the library's entries.
    pub allow_mass_delete: bool,
}

/// Who this device is and what it syncs as.
#[derive(Debug, Clone)]
pub struct Account {
    pub key: AccountKey,
    pub user: Uuid,
}

/// Where sync reaches the library: one short step at a time, so an application can hold
/// its lock only for the step and never across a network call (typing is never blocked by
/// a sync waiting on the server).
pub trait Library {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T>;
}

impl Library for std::sync::Mutex<Store> {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut store = self.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut store)
    }
}

/// A store the caller holds alone for the whole sync (tests, benchmarks).
#[derive(Debug)]
pub struct Exclusive<'a>(std::cell::RefCell<&'a mut Store>);

impl Library for Exclusive<'_> {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        f(&mut self.0.borrow_mut())
    }
}

/// Runs `f` in one library transaction, with sync's own errors.
pub(crate) fn in_tx<T>(store: &mut Store, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    let mut failure = None;
    let out = store.transaction(|s| match f(s) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            failure = Some(e);
            Err(StoreError::Invalid("a sync step failed".into()))
        }
    });
    match (out, failure) {
        (_, Some(e)) => Err(e),
        (Ok(Some(v)), None) => Ok(v),
        (Err(e), None) => Err(e.into()),
        (Ok(None), None) => unreachable!("the closure returned a value or a failure"),
    }
}

/// This library's device id, made on first use.
pub fn device_id(store: &mut Store) -> Result<String> {
    if let Some(id) = local::state(store.connection(), local::DEVICE_ID)? {
        return Ok(id);
    }
    in_tx(store, |s| {
        let id = Uuid::new_v4().to_string();
        local::set_state(s.connection(), local::DEVICE_ID, &id)?;
        Ok(id)
    })
}

/// Syncs once: local changes out, other devices' changes in, merges out.
pub async fn sync_now<R: Remote>(
    store: &mut Store,
    remote: &R,
    account: &Account,
    options: Options,
) -> Result<Outcome> {
    sync_with(
        &Exclusive(std::cell::RefCell::new(store)),
        remote,
        account,
        options,
    )
    .await
}

/// [`sync_now`] through a [`Library`] that is locked one step at a time.
pub async fn sync_with<L: Library, R: Remote>(
    lib: &L,
    remote: &R,
    account: &Account,
    options: Options,
) -> Result<Outcome> {
    let device = lib.with(device_id)?;
    let mut outcome = Outcome::default();
    lib.with(|s| record_local_changes(s, &device))?;
    outcome.pushed += push_outbox(lib, remote, account).await?;
    pull(lib, remote, account, &device, options, &mut outcome).await?;
    outcome.pushed += push_outbox(lib, remote, account).await?;
    lib.with(|s| {
        let now = s.now().to_string();
        in_tx(s, |s| {
            local::set_state(s.connection(), local::LAST_SYNC, &now)
        })
    })?;
    Ok(outcome)
}

/// Turns every change made here since the last sync into a revision in the outbox. The
/// first time it reads the whole library; after that only what the library's triggers
/// marked changed (`sync_dirty`), so a sync costs what changed, not the library's size.
pub fn record_local_changes(store: &mut Store, device: &str) -> Result<usize> {
    in_tx(store, |s| {
        let excluded = local::excluded(s.connection())?;
        let now = s.now();
        let full = local::state(s.connection(), local::SCANNED)?.is_none();
        let made = if full {
            full_scan(s, &excluded, device, now)?
        } else {
            let mut made = 0;
            for entity in local::dirty(s.connection())? {
                let record = s.sync_record(&entity)?;
                if record
                    .as_ref()
                    .is_some_and(|r| kept_here_record(&entity, r, &excluded))
                {
                    continue;
                }
                if record.is_none() && local::applied(s.connection(), &entity)?.is_none() {
                    // Made and deleted again before any sync: nothing to tell.
                    continue;
                }
                if record_if_changed(s, &entity, record, device, now)? {
                    made += 1;
                }
            }
            made
        };
        local::clear_dirty(s.connection())?;
        local::set_state(s.connection(), local::SCANNED, "1")?;
        Ok(made)
    })
}

fn kept_here_record(entity: &str, record: &Record, excluded: &[String]) -> bool {
    let journal = entity
        .strip_prefix("journal/")
        .or_else(|| record.journal_uuid());
    journal.is_some_and(|j| excluded.iter().any(|x| x == j))
}

fn full_scan(s: &mut Store, excluded: &[String], device: &str, now: i64) -> Result<usize> {
    let mut made = 0;
    let mut present = HashSet::new();
    for (entity, record) in s.sync_records(excluded)? {
        if record_if_changed(s, &entity, Some(record), device, now)? {
            made += 1;
        }
        present.insert(entity);
    }
    // Synced things no longer here were deleted for good (a thing only left out, in a
    // journal kept off sync, is still in the library and sends nothing).
    for (entity, _, digest) in local::all_applied(s.connection())? {
        if digest != DELETED && !present.contains(&entity) && s.sync_record(&entity)?.is_none() {
            record_if_changed(s, &entity, None, device, now)?;
            made += 1;
        }
    }
    Ok(made)
}

/// Records a revision of `entity` if it differs from what was last applied or sent.
/// `now_state`: the thing as it is now (`None`: it is gone).
fn record_if_changed(
    s: &mut Store,
    entity: &str,
    now_state: Option<Record>,
    device: &str,
    now: i64,
) -> Result<bool> {
    let conn = s.connection();
    let applied = local::applied(conn, entity)?;
    let now_digest = now_state
        .as_ref()
        .map(|r| r.digest())
        .unwrap_or_else(|| DELETED.into());
    if applied.as_ref().is_some_and(|(_, d)| *d == now_digest) {
        return Ok(false);
    }
    let record = match now_state {
        // Listings leave files' contents out; a revision carries them.
        Some(Record::Blob(_)) => match s.sync_record(entity)? {
            Some(r) => Some(r),
            None => return Ok(false),
        },
        other => other,
    };
    let conn = s.connection();
    let parents = match &applied {
        Some((rev, _)) => vec![*rev],
        None => local::heads(conn, entity)?
            .iter()
            .map(|r| r.rev_id)
            .collect(),
    };
    let rev = Revision {
        rev_id: Uuid::now_v7(),
        entity: entity.to_string(),
        parents,
        hlc: local::tick(conn, now)?,
        device: device.to_string(),
        kind: if record.is_some() {
            Kind::Put
        } else {
            Kind::Delete
        },
        record,
        conflicts: 0,
    };
    local::insert(conn, &rev, false, now)?;
    local::set_applied(conn, entity, rev.rev_id, &now_digest)?;
    Ok(true)
}

/// Sends the outbox in batches the server accepts; returns how many were sent.
pub async fn push_outbox<L: Library, R: Remote>(
    lib: &L,
    remote: &R,
    account: &Account,
) -> Result<usize> {
    let mut sent = 0;
    loop {
        let pending = lib.with(|s| local::outbox(s.connection(), MAX_BATCH_ITEMS))?;
        if pending.is_empty() {
            return Ok(sent);
        }
        // Fill a batch up to the size limit (with room for JSON and base64).
        let mut batch = Vec::new();
        let mut ids = Vec::new();
        let mut bytes = 0;
        for rev in &pending {
            let env = seal(rev, &account.key, account.user)?;
            let size = env.ciphertext.len() * 4 / 3 + 200;
            if !batch.is_empty() && bytes + size > MAX_BATCH_BYTES * 9 / 10 {
                break;
            }
            bytes += size;
            ids.push(rev.rev_id);
            batch.push(env);
        }
        remote.push(batch).await?;
        lib.with(|s| in_tx(s, |s| local::mark_pushed(s.connection(), &ids)))?;
        sent += ids.len();
    }
}

/// Fetches and applies every page of revisions after the cursor.
async fn pull<L: Library, R: Remote>(
    lib: &L,
    remote: &R,
    account: &Account,
    device: &str,
    options: Options,
    outcome: &mut Outcome,
) -> Result<()> {
    let mut deleting = 0usize;
    loop {
        let after: i64 = lib
            .with(|s| local::state(s.connection(), local::CURSOR))?
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let page = remote.pull(after, MAX_PAGE, 0).await?;
        let mut revisions = Vec::with_capacity(page.items.len());
        for stored in &page.items {
            match open(&stored.envelope, &account.key, account.user) {
                Ok(rev) => revisions.push(rev),
                Err(e) => {
                    tracing::warn!(error = %e, "skipped a revision that failed its check");
                    outcome.rejected += 1;
                }
            }
        }
        let purges = lib.with(|s| {
            let total = live_entries(s)?;
            in_tx(s, |s| {
                let now = s.now();
                let mut touched: Vec<String> = Vec::new();
                let mut seen = HashSet::new();
                if let Some(latest) = revisions.iter().map(|r| r.hlc).max() {
                    local::observe(s.connection(), latest)?;
                }
                for rev in &revisions {
                    if local::insert(s.connection(), rev, true, now)? {
                        outcome.pulled += 1;
                        if seen.insert(rev.entity.clone()) {
                            touched.push(rev.entity.clone());
                        }
                    }
                }
                // What an entry refers to first.
                touched.sort_by_key(|e| apply_order(e));
                let mut purges = Purges::default();
                let excluded = local::excluded(s.connection())?;
                for entity in &touched {
                    let r = reconcile(s, entity, &excluded, device, now)?;
                    outcome.merged += r.merges;
                    outcome.review += usize::from(r.conflicts > 0);
                    if r.deleted {
                        if entity.starts_with("entry/") {
                            deleting += 1;
                        }
                        purges.add(entity);
                    }
                }
                if !options.allow_mass_delete && deleting > 2 && deleting * 2 > total {
                    return Err(SyncError::MassDelete { deleting, total });
                }
                local::set_state(s.connection(), local::CURSOR, &page.next_after.to_string())?;
                Ok(purges)
            })
        })?;
        lib.with(|s| Ok(s.sync_purge(&purges.entries, &purges.journals)?))?;
        if !page.has_more {
            return Ok(());
        }
    }
}

fn live_entries(store: &Store) -> Result<usize> {
    let n: i64 = store.connection().query_row(
        "SELECT count(*) FROM entries WHERE trashed_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

fn apply_order(entity: &str) -> u8 {
    match entity.split('/').next() {
        Some("blob") => 0,
        Some("journal") => 1,
        Some("template" | "profile") => 2,
        _ => 3,
    }
}

#[derive(Debug, Default)]
struct Purges {
    entries: Vec<String>,
    journals: Vec<String>,
}

impl Purges {
    fn add(&mut self, entity: &str) {
        if let Some(id) = entity.strip_prefix("entry/") {
            self.entries.push(id.to_string());
        } else if let Some(id) = entity.strip_prefix("journal/") {
            self.journals.push(id.to_string());
        }
    }
}

#[derive(Debug, Default)]
struct Reconciled {
    merges: usize,
    conflicts: i64,
    deleted: bool,
}

/// Brings one thing in the library up to date with all its revisions: merges several heads
/// into one (oldest first, so every device folds them the same way) and applies it.
fn reconcile(
    s: &mut Store,
    entity: &str,
    excluded: &[String],
    device: &str,
    now: i64,
) -> Result<Reconciled> {
    let mut out = Reconciled::default();
    // Another program may have written here since this sync's scan: record it first, so
    // it merges instead of being replaced.
    let current = s.sync_record(entity)?;
    if current.is_some() || local::applied(s.connection(), entity)?.is_some() {
        record_if_changed(s, entity, current, device, now)?;
    }
    let heads = local::heads(s.connection(), entity)?;
    let Some(first) = heads.first() else {
        return Ok(out);
    };
    let mut head = first.clone();
    for next in &heads[1..] {
        head = merge_pair(s, &head, next, now)?;
        out.merges += 1;
        out.conflicts += head.conflicts;
    }
    if local::applied(s.connection(), entity)?.is_some_and(|(rev, _)| rev == head.rev_id) {
        return Ok(out);
    }
    if kept_here(entity, head.record.as_ref(), excluded) {
        return Ok(out);
    }
    if let Some(Record::Entry(e)) = &head.record {
        let journal_here = s.sync_record(&format!("journal/{}", e.journal))?.is_some();
        if !journal_here {
            tracing::warn!(
                entity,
                "an entry's journal is not in this library; not applied"
            );
            return Ok(out);
        }
    }
    s.apply_sync_record(entity, head.record.as_ref())?;
    let digest = match &head.record {
        Some(_) => s
            .sync_record(entity)?
            .map(|r| r.digest())
            .unwrap_or_else(|| DELETED.into()),
        None => DELETED.into(),
    };
    local::set_applied(s.connection(), entity, head.rev_id, &digest)?;
    out.deleted = head.record.is_none();
    Ok(out)
}

/// Journals kept on this device only: their revisions are stored but not applied.
fn kept_here(entity: &str, record: Option<&Record>, excluded: &[String]) -> bool {
    if excluded.is_empty() {
        return false;
    }
    let journal = match (entity.strip_prefix("journal/"), record) {
        (Some(id), _) => Some(id),
        (None, Some(r)) => r.journal_uuid(),
        (None, None) => None,
    };
    journal.is_some_and(|j| excluded.iter().any(|x| x == j))
}

/// The merge revision of two heads (the same on every device that merges them).
fn merge_pair(s: &mut Store, a: &Revision, b: &Revision, now: i64) -> Result<Revision> {
    let conn = s.connection();
    let id = merge_id(&[a.rev_id, b.rev_id]);
    if let Some(existing) = local::revision(conn, id)? {
        return Ok(existing);
    }
    let (earlier, later) = if a.order_key() <= b.order_key() {
        (a, b)
    } else {
        (b, a)
    };
    let base = local::common_ancestor(conn, a, b)?;
    let merged = merge_records(
        base.as_ref().and_then(|r| r.record.as_ref()),
        earlier.record.as_ref(),
        later.record.as_ref(),
    );
    let mut parents = vec![a.rev_id, b.rev_id];
    parents.sort();
    let rev = Revision {
        rev_id: id,
        entity: a.entity.clone(),
        parents,
        hlc: a.hlc.max(b.hlc) + 1,
        device: "merge".into(),
        kind: if merged.record.is_some() {
            Kind::Merge
        } else {
            Kind::Delete
        },
        record: merged.record,
        conflicts: merged.conflicts,
    };
    local::observe(conn, rev.hlc)?;
    local::insert(conn, &rev, false, now)?;
    Ok(rev)
}
