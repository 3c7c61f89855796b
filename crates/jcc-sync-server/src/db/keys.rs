//! The account's wrapped keys: one opaque, versioned blob.

use jcc_sync_proto::KeysDoc;
use tokio_postgres::Transaction;
use uuid::Uuid;

use crate::error::{Error, Result};

pub async fn get(tx: &Transaction<'_>, user: Uuid) -> Result<Option<KeysDoc>> {
    let row = tx
        .query_opt(
            "SELECT version, data FROM account_keys WHERE user_id = $1",
            &[&user],
        )
        .await?;
    Ok(row.map(|r| KeysDoc {
        version: r.get(0),
        data: r.get(1),
    }))
}

/// Compare-and-set: `expected` 0 creates, otherwise it must be the stored version.
pub async fn put(tx: &Transaction<'_>, user: Uuid, expected: i64, data: &[u8]) -> Result<KeysDoc> {
    let now = super::unix_now();
    let changed = if expected == 0 {
        tx.execute(
            "INSERT INTO account_keys (user_id, version, data, updated_at) VALUES ($1, 1, $2, $3)
             ON CONFLICT (user_id) DO NOTHING",
            &[&user, &data, &now],
        )
        .await?
    } else {
        tx.execute(
            "UPDATE account_keys SET version = version + 1, data = $3, updated_at = $4
             WHERE user_id = $1 AND version = $2",
            &[&user, &expected, &data, &now],
        )
        .await?
    };
    if changed == 0 {
        let current = get(tx, user).await?.map(|k| k.version);
        return Err(Error::Conflict(
            "keys_changed",
            match current {
                Some(v) => format!("the account's keys are at version {v}, not {expected}: fetch them and try again"),
                None => "the account has no keys yet: create them with expected_version 0".into(),
            },
        ));
    }
    Ok(KeysDoc {
        version: expected + 1,
        data: data.to_vec(),
    })
}
