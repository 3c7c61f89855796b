//! The sync tables in the library (schema 8): revisions, the outbox, what the library
//! shows of each thing, journals kept off sync, and small state. Reads take a connection;
//! writes run inside the caller's `Store::transaction`.

use crate::error::Result;
use crate::payload::{Kind, Revision};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashSet;
use uuid::Uuid;

pub const DEVICE_ID: &str = "device_id";
pub const CURSOR: &str = "cursor";
pub const HLC: &str = "hlc";
pub const USER_ID: &str = "user_id";
pub const SERVER: &str = "server";
pub const DEVICE_NAME: &str = "device_name";
pub const LAST_SYNC: &str = "last_sync";
/// Set once the whole library was read; from then on only `sync_dirty` is.
pub const SCANNED: &str = "scanned";

pub fn state(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub fn set_state(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

pub fn clear_state(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM sync_state WHERE key = ?1", [key])?;
    Ok(())
}

/// The next hybrid-logical-clock value: after every value seen here, and at least now.
pub fn tick(conn: &Connection, now_ms: i64) -> Result<i64> {
    let last: i64 = state(conn, HLC)?.and_then(|v| v.parse().ok()).unwrap_or(0);
    let next = now_ms.max(last + 1);
    set_state(conn, HLC, &next.to_string())?;
    Ok(next)
}

/// Moves the clock past a value another device used.
pub fn observe(conn: &Connection, hlc: i64) -> Result<()> {
    let last: i64 = state(conn, HLC)?.and_then(|v| v.parse().ok()).unwrap_or(0);
    if hlc > last {
        set_state(conn, HLC, &hlc.to_string())?;
    }
    Ok(())
}

/// Stores a revision; false when it was already there (a resend, or a merge another device
/// made identically).
pub fn insert(conn: &Connection, rev: &Revision, pushed: bool, now: i64) -> Result<bool> {
    let record = rev
        .record
        .as_ref()
        .map(|r| serde_json::to_string(r).expect("records serialize"));
    let parents = serde_json::to_string(&rev.parents).expect("ids serialize");
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO sync_revisions (rev_id, entity, parents, hlc, device, kind,
                 record, conflicts, pushed, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            rev.rev_id.to_string(),
            rev.entity,
            parents,
            rev.hlc,
            rev.device,
            rev.kind.as_str(),
            record,
            rev.conflicts,
            pushed,
            now
        ])?;
    Ok(n == 1)
}

const COLUMNS: &str = "rev_id, entity, parents, hlc, device, kind, record, conflicts";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Revision> {
    let bad = |i, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    let id: String = r.get(0)?;
    let parents: String = r.get(2)?;
    let kind: String = r.get(5)?;
    let record: Option<String> = r.get(6)?;
    Ok(Revision {
        rev_id: Uuid::parse_str(&id).map_err(|e| bad(0, e.to_string()))?,
        entity: r.get(1)?,
        parents: serde_json::from_str(&parents).map_err(|e| bad(2, e.to_string()))?,
        hlc: r.get(3)?,
        device: r.get(4)?,
        kind: Kind::parse(&kind).ok_or_else(|| bad(5, kind.clone()))?,
        record: record
            .map(|t| serde_json::from_str(&t))
            .transpose()
            .map_err(|e| bad(6, e.to_string()))?,
        conflicts: r.get(7)?,
    })
}

pub fn revision(conn: &Connection, id: Uuid) -> Result<Option<Revision>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM sync_revisions WHERE rev_id = ?1"
        ))?
        .query_row([id.to_string()], from_row)
        .optional()?)
}

pub fn of_entity(conn: &Connection, entity: &str) -> Result<Vec<Revision>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM sync_revisions WHERE entity = ?1"
        ))?
        .query_map([entity], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The revisions of an entity that no other revision of it builds on, oldest first.
pub fn heads(conn: &Connection, entity: &str) -> Result<Vec<Revision>> {
    let all = of_entity(conn, entity)?;
    let parents: HashSet<Uuid> = all.iter().flat_map(|r| r.parents.iter().copied()).collect();
    let mut heads: Vec<Revision> = all
        .into_iter()
        .filter(|r| !parents.contains(&r.rev_id))
        .collect();
    heads.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    Ok(heads)
}

/// The newest revision both `a` and `b` build on (by clock, then id): the merge base.
pub fn common_ancestor(conn: &Connection, a: &Revision, b: &Revision) -> Result<Option<Revision>> {
    let all = of_entity(conn, &a.entity)?;
    let by_id: std::collections::HashMap<Uuid, &Revision> =
        all.iter().map(|r| (r.rev_id, r)).collect();
    let ancestors = |start: &Revision| {
        let mut seen = HashSet::new();
        let mut stack = vec![start.rev_id];
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                if let Some(r) = by_id.get(&id) {
                    stack.extend(r.parents.iter().copied());
                }
            }
        }
        seen
    };
    let of_a = ancestors(a);
    let of_b = ancestors(b);
    Ok(of_a
        .intersection(&of_b)
        .filter_map(|id| by_id.get(id))
        .max_by(|x, y| x.order_key().cmp(&y.order_key()))
        .map(|r| (*r).clone()))
}

/// What the library shows of an entity: the revision it was made from and its digest then.
pub fn applied(conn: &Connection, entity: &str) -> Result<Option<(Uuid, String)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT rev_id, digest FROM sync_applied WHERE entity = ?1")?
        .query_row([entity], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(id, d)| Uuid::parse_str(&id).ok().map(|id| (id, d))))
}

pub fn all_applied(conn: &Connection) -> Result<Vec<(String, Uuid, String)>> {
    Ok(conn
        .prepare("SELECT entity, rev_id, digest FROM sync_applied")?
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?
        .filter_map(|row| match row {
            Ok((e, id, d)) => Uuid::parse_str(&id).ok().map(|id| Ok((e, id, d))),
            Err(err) => Some(Err(err)),
        })
        .collect::<rusqlite::Result<_>>()?)
}

/// The digest recorded for something that was deleted.
pub const DELETED: &str = "deleted";

pub fn set_applied(conn: &Connection, entity: &str, rev: Uuid, digest: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_applied (entity, rev_id, digest) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity) DO UPDATE SET rev_id = excluded.rev_id, digest = excluded.digest",
    )?
    .execute(params![entity, rev.to_string(), digest])?;
    Ok(())
}

/// Revisions the server has not acknowledged yet, in the order they were made.
pub fn outbox(conn: &Connection, limit: usize) -> Result<Vec<Revision>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM sync_revisions WHERE pushed = 0 ORDER BY created_at, hlc LIMIT ?1"
        ))?
        .query_map([limit as i64], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn outbox_len(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM sync_revisions WHERE pushed = 0",
        [],
        |r| r.get(0),
    )?)
}

pub fn mark_pushed(conn: &Connection, ids: &[Uuid]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE sync_revisions SET pushed = 1 WHERE rev_id = ?1")?;
    for id in ids {
        stmt.execute([id.to_string()])?;
    }
    Ok(())
}

pub fn excluded(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT journal_uuid FROM sync_excluded ORDER BY journal_uuid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn exclude(conn: &Connection, journal_uuid: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO sync_excluded (journal_uuid) VALUES (?1)",
        [journal_uuid],
    )?;
    Ok(())
}

pub fn include(conn: &Connection, journal_uuid: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM sync_excluded WHERE journal_uuid = ?1",
        [journal_uuid],
    )?;
    // Never sent while kept here: the next sync reads the journal and its entries.
    conn.execute(
        "INSERT OR IGNORE INTO sync_dirty (entity)
         SELECT 'journal/' || uuid FROM journals WHERE uuid = ?1
         UNION ALL
         SELECT 'entry/' || e.uuid FROM entries e JOIN journals j ON j.id = e.journal_id
         WHERE j.uuid = ?1",
        [journal_uuid],
    )?;
    Ok(())
}

/// What the library's triggers marked changed since sync last looked.
pub fn dirty(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT entity FROM sync_dirty")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn clear_dirty(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM sync_dirty", [])?;
    Ok(())
}

/// Forgets everything sync knew (signing out of an account): the library's own content
/// stays as it is.
pub fn forget(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM sync_revisions; DELETE FROM sync_applied; DELETE FROM sync_state
         WHERE key <> 'device_id';",
    )?;
    Ok(())
}
