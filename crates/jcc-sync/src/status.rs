//! What sync knows locally: for `jcc sync status` and the window's sidebar.

use crate::error::Result;
use crate::local;
use jcc_store::Store;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalStatus {
    pub server: Option<String>,
    pub device_id: Option<String>,
    /// Revisions made here that the server has not acknowledged.
    pub outbox: i64,
    /// The last sync that finished (Unix ms).
    pub last_sync: Option<i64>,
    /// Journals kept on this device only (uuids).
    pub excluded: Vec<String>,
    /// Entries a merge marked for review.
    pub review: i64,
}

pub fn local_status(store: &Store) -> Result<LocalStatus> {
    let conn = store.connection();
    Ok(LocalStatus {
        server: local::state(conn, local::SERVER)?,
        device_id: local::state(conn, local::DEVICE_ID)?,
        outbox: local::outbox_len(conn)?,
        last_sync: local::state(conn, local::LAST_SYNC)?.and_then(|v| v.parse().ok()),
        excluded: local::excluded(conn)?,
        review: conn.query_row(
            "SELECT count(*) FROM entries WHERE review_merge = 1 AND trashed_at IS NULL",
            [],
            |r| r.get(0),
        )?,
    })
}
