//! The database: a connection pool, the migrator, the retry loop and the queries. Every
//! query is plain SQL that PostgreSQL, YugabyteDB and CockroachDB all run (a test greps
//! for the features they don't share).

pub mod accounts;
pub mod keys;
pub mod migrate;
pub mod retry;
pub mod revisions;
mod tls;

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::config::SslMode;
use tokio_postgres::NoTls;

pub use retry::{retry, BoxFuture};

/// A pool of `size` connections to `url` (libpq key/value or URL form). With
/// `sslmode=require` the connections use TLS, the server's certificate verified (name and
/// chain) against the public web roots, or against `ca_file` (PEM) for a private CA.
pub fn pool(url: &str, size: usize, ca_file: Option<&Path>) -> anyhow::Result<Pool> {
    let pg: tokio_postgres::Config = url.parse().map_err(|e| {
        anyhow::anyhow!("JCC_SYNC_DATABASE_URL is not a PostgreSQL connection string: {e}")
    })?;
    let config = ManagerConfig {
        recycling_method: RecyclingMethod::Fast,
    };
    let manager = if pg.get_ssl_mode() == SslMode::Require {
        Manager::from_config(pg, tls::connector(ca_file)?, config)
    } else {
        Manager::from_config(pg, NoTls, config)
    };
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
