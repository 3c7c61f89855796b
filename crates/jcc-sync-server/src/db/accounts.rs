//! Accounts and their sessions.

use jcc_sync_proto::Status;
use tokio_postgres::Transaction;
use uuid::Uuid;

use crate::error::Result;

/// The account of (issuer, subject), made on first sign-in with a random id.
pub async fn user_for(tx: &Transaction<'_>, issuer: &str, subject: &str) -> Result<Uuid> {
    tx.execute(
        "INSERT INTO users (user_id, issuer, subject, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (issuer, subject) DO NOTHING",
        &[&Uuid::new_v4(), &issuer, &subject, &super::unix_now()],
    )
    .await?;
    let row = tx
        .query_one(
            "SELECT user_id FROM users WHERE issuer = $1 AND subject = $2",
            &[&issuer, &subject],
        )
        .await?;
    Ok(row.get(0))
}

/// Stores a new session (by the hash of its token) and drops the account's expired ones.
pub async fn add_session(
    tx: &Transaction<'_>,
    user: Uuid,
    token_hash: &[u8],
    device_name: &str,
    expires_at: i64,
) -> Result<()> {
    let now = super::unix_now();
    tx.execute(
        "DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2",
        &[&user, &now],
    )
    .await?;
    tx.execute(
        "INSERT INTO sessions (token_hash, user_id, device_name, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
        &[&token_hash, &user, &device_name, &now, &expires_at],
    )
    .await?;
    Ok(())
}

/// The session's account and expiry (Unix seconds), if the token hash is known.
pub async fn session(tx: &Transaction<'_>, token_hash: &[u8]) -> Result<Option<(Uuid, i64)>> {
    let row = tx
        .query_opt(
            "SELECT user_id, expires_at FROM sessions WHERE token_hash = $1",
            &[&token_hash],
        )
        .await?;
    Ok(row.map(|r| (r.get(0), r.get(1))))
}

pub async fn end_session(tx: &Transaction<'_>, token_hash: &[u8]) -> Result<u64> {
    Ok(tx
        .execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])
        .await?)
}

pub async fn status(tx: &Transaction<'_>, user: Uuid) -> Result<Option<Status>> {
    let Some(row) = tx
        .query_opt(
            "SELECT head_seq, revisions, bytes FROM users WHERE user_id = $1",
            &[&user],
        )
        .await?
    else {
        return Ok(None);
    };
    let keys = tx
        .query_opt(
            "SELECT version FROM account_keys WHERE user_id = $1",
            &[&user],
        )
        .await?;
    Ok(Some(Status {
        user_id: user,
        head_seq: row.get(0),
        revisions: row.get(1),
        bytes: row.get(2),
        keys_version: keys.map(|r| r.get(0)),
    }))
}

/// Everything of the account: revisions, keys, sessions and the account itself.
pub async fn delete(tx: &Transaction<'_>, user: Uuid) -> Result<()> {
    for table in ["revisions", "account_keys", "sessions", "users"] {
        tx.execute(&format!("DELETE FROM {table} WHERE user_id = $1"), &[&user])
            .await?;
    }
    Ok(())
}
