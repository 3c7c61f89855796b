//! Every transaction runs in a retry loop. Under SERIALIZABLE (CockroachDB always,
//! YugabyteDB and PostgreSQL when so configured) a commit may fail with SQLSTATE 40001 and
//! must simply be run again; a unique violation (23505) here only ever means a concurrent
//! transaction inserted the same key first, and the rerun sees its row.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use deadpool_postgres::Pool;
use tokio_postgres::error::SqlState;
use tokio_postgres::Transaction;

use crate::error::{Error, Result};
use crate::metrics::Metrics;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Attempts before a transaction that keeps conflicting is reported as 503.
const MAX_ATTEMPTS: u32 = 12;

/// Runs `body` in a transaction and commits, rerunning the whole of it on a retryable error.
/// `body` may run several times: it must not have effects outside the transaction.
pub async fn retry<T, F>(pool: &Pool, metrics: &Metrics, mut body: F) -> Result<T>
where
    F: for<'c> FnMut(&'c Transaction<'c>) -> BoxFuture<'c, Result<T>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = async {
            let mut client = pool.get().await?;
            let tx = client.transaction().await?;
            let value = body(&tx).await?;
            tx.commit().await?;
            Ok(value)
        }
        .await;
        match result {
            Err(Error::Db(e)) if is_retryable(&e) => {
                metrics.transaction_retried();
                if attempt >= MAX_ATTEMPTS {
                    return Err(Error::Unavailable(format!(
                        "the database kept aborting this transaction ({attempt} attempts); try again"
                    )));
                }
                tracing::debug!(attempt, code = ?e.code(), "transaction conflict, retrying");
                tokio::time::sleep(backoff(attempt)).await;
            }
            other => return other,
        }
    }
}

/// SQLSTATE 40001 (serialization failure), 40P01 (deadlock) or 23505 (unique violation);
/// and 42710/42P07 (the type or table exists): PostgreSQL's answer to two instances running
/// the same `CREATE ... IF NOT EXISTS` at once, which the rerun then finds done.
pub fn is_retryable(e: &tokio_postgres::Error) -> bool {
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_SERIALIZATION_FAILURE
            || *c == SqlState::T_R_DEADLOCK_DETECTED
            || *c == SqlState::UNIQUE_VIOLATION
            || *c == SqlState::DUPLICATE_OBJECT
            || *c == SqlState::DUPLICATE_TABLE
    })
}

/// Exponential backoff with full jitter, from a few ms up to ~0.5 s.
fn backoff(attempt: u32) -> Duration {
    let cap_ms = (4u64 << attempt.min(7)).min(500);
    Duration::from_millis(rand::random::<u64>() % cap_ms + 1)
}
