//! The database: a connection pool, the migrator, the retry loop and the queries. Every
//! query is plain SQL that PostgreSQL, YugabyteDB and CockroachDB all run (a test greps
//! for the features they don't share).

pub mod accounts;
pub mod keys;
pub mod migrate;
pub mod retry;
pub mod revisions;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

pub use retry::{retry, BoxFuture};

/// A pool of `size` connections to `url` (libpq key/value or URL form).
pub fn pool(url: &str, size: usize) -> anyhow::Result<Pool> {
    let pg: tokio_postgres::Config = url.parse().map_err(|e| {
        anyhow::anyhow!("JCC_SYNC_DATABASE_URL is not a PostgreSQL connection string: {e}")
    })?;
    let manager = Manager::from_config(
        pg,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Ok(Pool::builder(manager)
        .max_size(size)
        .runtime(Runtime::Tokio1)
        .wait_timeout(Some(Duration::from_secs(10)))
        .create_timeout(Some(Duration::from_secs(5)))
        .build()?)
}

/// Now, in Unix seconds: what every time column holds.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
