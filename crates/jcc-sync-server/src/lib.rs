//! The sync server: end-to-end encrypted revisions per account, on PostgreSQL or a
//! PostgreSQL-compatible distributed database (YugabyteDB, CockroachDB). It sees only
//! ciphertext and opaque handles; it never rejects or overwrites a revision. Stateless: any
//! number of instances can serve one database behind a load balancer.

pub mod auth;
pub mod config;
pub mod db;
pub mod error;
pub mod limits;
pub mod metrics;
pub mod routes;
pub mod state;

use std::future::Future;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use config::Config;

use crate::auth::IdTokenVerifier;
use crate::limits::RateLimiter;
use crate::metrics::Metrics;
use crate::state::Shared;

/// A server ready to serve: connected and its database migrated.
#[derive(Debug)]
pub struct Server {
    state: state::AppState,
    cancel: CancellationToken,
}

impl Server {
    /// Connects to the database and applies its migrations.
    pub async fn prepare(config: Config) -> anyhow::Result<Self> {
        let pool = db::pool(
            &config.database_url,
            config.pool_size,
            config.database_ca.as_deref(),
        )?;
        let metrics = Arc::new(Metrics::default());
        db::migrate::migrate(&pool, &metrics)
            .await
            .map_err(|e| anyhow::anyhow!("cannot prepare the database: {}", error::chain(&e)))?;
        let cancel = CancellationToken::new();
        let state = Arc::new(Shared {
            verifier: IdTokenVerifier::new(&config.issuer, &config.client_id, config.jwks_refetch),
            limiter: RateLimiter::new(config.rate_per_minute),
            pool,
            metrics,
            shutdown: cancel.clone(),
            config,
        });
        Ok(Server { state, cancel })
    }

    /// Serves on `listener` until `shutdown` resolves; long polls then answer at once.
    pub async fn run(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let cancel = self.cancel;
        axum::serve(listener, routes::router(self.state))
            .with_graceful_shutdown(async move {
                shutdown.await;
                cancel.cancel();
            })
            .await?;
        Ok(())
    }
}
