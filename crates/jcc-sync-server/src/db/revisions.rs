//! Storing and paging an account's encrypted revisions.
//!
//! The sequence numbers of a push come from `UPDATE users SET head_seq = head_seq + k`
//! inside the inserting transaction. That row lock orders an account's pushes, so the order
//! of their commits is the order of their numbers: a reader who has seen `seq = N` can never
//! later find a new revision numbered below N (no skipped late commit).

use std::collections::{HashMap, HashSet};

use futures_util::{pin_mut, TryStreamExt};
use jcc_sync_proto::{Envelope, Page, PushResponse, Stored};
use tokio_postgres::Transaction;
use uuid::Uuid;

use crate::error::{Error, Result};

/// The stored key of a revision id: its bytes reversed (see the migration).
pub fn rev_key(rev_id: Uuid) -> Vec<u8> {
    let mut bytes = rev_id.as_bytes().to_vec();
    bytes.reverse();
    bytes
}

fn rev_id(key: &[u8]) -> Result<Uuid> {
    let mut bytes: [u8; 16] = key
        .try_into()
        .map_err(|_| Error::Internal(anyhow::anyhow!("a stored rev_key is not 16 bytes")))?;
    bytes.reverse();
    Ok(Uuid::from_bytes(bytes))
}

/// Stores the revisions of `items` the server does not have yet, all or nothing.
pub async fn push(
    tx: &Transaction<'_>,
    user: Uuid,
    items: &[Envelope],
    max_account_bytes: i64,
) -> Result<PushResponse> {
    let keys: Vec<Vec<u8>> = items.iter().map(|e| rev_key(e.rev_id)).collect();
    let owners: HashMap<Vec<u8>, Uuid> = tx
        .query(
            "SELECT rev_key, user_id FROM revisions WHERE rev_key = ANY($1)",
            &[&keys],
        )
        .await?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    if let Some((key, _)) = owners.iter().find(|(_, owner)| **owner != user) {
        return Err(Error::NotYours(format!(
            "revision {} belongs to another account; nothing from this batch was stored",
            rev_id(key)?
        )));
    }
    let mut seen: HashSet<&[u8]> = owners.keys().map(Vec::as_slice).collect();
    let fresh: Vec<(&Envelope, &[u8])> = items
        .iter()
        .zip(&keys)
        .filter(|(_, k)| seen.insert(k.as_slice()))
        .map(|(e, k)| (e, k.as_slice()))
        .collect();
    let duplicates = (items.len() - fresh.len()) as u32;
    if fresh.is_empty() {
        let head = tx
            .query_opt("SELECT head_seq FROM users WHERE user_id = $1", &[&user])
            .await?;
        let head_seq = head.ok_or_else(account_gone)?.get(0);
        return Ok(PushResponse {
            stored: 0,
            duplicates,
            head_seq,
        });
    }
    let count = fresh.len() as i64;
    let bytes: i64 = fresh
        .iter()
        .map(|(e, _)| (e.ciphertext.len() + e.nonce.len()) as i64)
        .sum();
    let row = tx
        .query_opt(
            "UPDATE users SET head_seq = head_seq + $2, revisions = revisions + $2, bytes = bytes + $3
             WHERE user_id = $1 RETURNING head_seq, bytes",
            &[&user, &count, &bytes],
        )
        .await?
        .ok_or_else(account_gone)?;
    let (head_seq, total): (i64, i64) = (row.get(0), row.get(1));
    if max_account_bytes > 0 && total > max_account_bytes {
        return Err(Error::TooLarge(format!(
            "this push would take the account to {total} bytes, over its {max_account_bytes}-byte quota"
        )));
    }
    let first = head_seq - count + 1;
    let seqs: Vec<i64> = (first..=head_seq).collect();
    let rev_keys: Vec<&[u8]> = fresh.iter().map(|(_, k)| *k).collect();
    let handles: Vec<&str> = fresh.iter().map(|(e, _)| e.handle.as_str()).collect();
    let epochs: Vec<i64> = fresh.iter().map(|(e, _)| i64::from(e.epoch)).collect();
    let nonces: Vec<&[u8]> = fresh.iter().map(|(e, _)| e.nonce.as_slice()).collect();
    let ciphertexts: Vec<&[u8]> = fresh.iter().map(|(e, _)| e.ciphertext.as_slice()).collect();
    tx.execute(
        "INSERT INTO revisions (user_id, seq, rev_key, handle, epoch, nonce, ciphertext, stored_at)
         SELECT $1, t.seq, t.rev_key, t.handle, t.epoch, t.nonce, t.ciphertext, $8
         FROM UNNEST($2::INT8[], $3::BYTEA[], $4::TEXT[], $5::INT8[], $6::BYTEA[], $7::BYTEA[])
           AS t (seq, rev_key, handle, epoch, nonce, ciphertext)",
        &[
            &user,
            &seqs,
            &rev_keys,
            &handles,
            &epochs,
            &nonces,
            &ciphertexts,
            &super::unix_now(),
        ],
    )
    .await?;
    Ok(PushResponse {
        stored: count as u32,
        duplicates,
        head_seq,
    })
}

fn account_gone() -> Error {
    Error::Unauthorized("the account no longer exists; sign in again".into())
}

/// The account's last sequence number.
pub async fn head(tx: &Transaction<'_>, user: Uuid) -> Result<i64> {
    let row = tx
        .query_opt("SELECT head_seq FROM users WHERE user_id = $1", &[&user])
        .await?;
    Ok(row.ok_or_else(account_gone)?.get(0))
}

/// Up to `limit` revisions after `after`, stopping early once `max_bytes` of ciphertext are in.
pub async fn page(
    tx: &Transaction<'_>,
    user: Uuid,
    after: i64,
    limit: u32,
    max_bytes: usize,
) -> Result<Page> {
    let fetch = i64::from(limit) + 1;
    let rows = tx
        .query_raw(
            "SELECT seq, rev_key, handle, epoch, nonce, ciphertext FROM revisions
             WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            [
                &user as &(dyn tokio_postgres::types::ToSql + Sync),
                &after,
                &fetch,
            ],
        )
        .await?;
    pin_mut!(rows);
    let mut items = Vec::new();
    let mut bytes = 0;
    let mut has_more = false;
    while let Some(row) = rows.try_next().await? {
        let ciphertext: Vec<u8> = row.get(5);
        if items.len() as u32 == limit
            || (!items.is_empty() && bytes + ciphertext.len() > max_bytes)
        {
            has_more = true;
            break;
        }
        bytes += ciphertext.len();
        let epoch: i64 = row.get(3);
        items.push(Stored {
            seq: row.get(0),
            envelope: Envelope {
                rev_id: rev_id(row.get(1))?,
                handle: row.get(2),
                epoch: epoch as u32,
                nonce: row.get(4),
                ciphertext,
            },
        });
    }
    let next_after = items.last().map_or(after, |s| s.seq);
    Ok(Page {
        items,
        next_after,
        has_more,
    })
}
