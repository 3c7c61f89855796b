//! The versions a merge met, for the window's side-by-side review of an entry that a sync
//! marked "review merge".

use crate::error::Result;
use crate::local;
use crate::payload::{Kind, Revision};
use jcc_store::sync_records::Record;
use rusqlite::Connection;

/// How far back from what the library shows to look for the merge (later saves of the
/// entry, still marked for review, sit on top of it).
const MAX_DEPTH: usize = 64;

/// One of the two versions that met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub title: String,
    pub body: String,
    /// Made on this device (as opposed to arriving from another one).
    pub from_here: bool,
}

/// The two versions the latest conflicting merge of `entity` joined, earlier first; `None`
/// when no merge that kept two versions of a paragraph is behind what the library shows.
pub fn merge_sides(conn: &Connection, entity: &str) -> Result<Option<(Side, Side)>> {
    let here = local::state(conn, local::DEVICE_ID)?.unwrap_or_default();
    let Some((mut at, _)) = local::applied(conn, entity)? else {
        return Ok(None);
    };
    for _ in 0..MAX_DEPTH {
        let Some(rev) = local::revision(conn, at)? else {
            return Ok(None);
        };
        if rev.kind == Kind::Merge && rev.conflicts > 0 && rev.parents.len() == 2 {
            let (Some(a), Some(b)) = (
                local::revision(conn, rev.parents[0])?,
                local::revision(conn, rev.parents[1])?,
            ) else {
                return Ok(None);
            };
            let (earlier, later) = if a.order_key() <= b.order_key() {
                (a, b)
            } else {
                (b, a)
            };
            return Ok(side(&earlier, &here).zip(side(&later, &here)));
        }
        // A save on top of the merge has one parent: the revision it was made from.
        match rev.parents.first() {
            Some(parent) => at = *parent,
            None => return Ok(None),
        }
    }
    Ok(None)
}

fn side(rev: &Revision, here: &str) -> Option<Side> {
    match &rev.record {
        Some(Record::Entry(e)) => Some(Side {
            title: e.title.clone(),
            body: e.body.clone(),
            from_here: rev.device == here,
        }),
        _ => None,
    }
}
