//! What every request handler shares. Nothing here is per-client state: any instance can
//! answer any request, so instances scale out behind a load balancer.

use std::sync::Arc;

use deadpool_postgres::Pool;
use tokio_util::sync::CancellationToken;

use crate::auth::IdTokenVerifier;
use crate::config::Config;
use crate::limits::RateLimiter;
use crate::metrics::Metrics;

pub type AppState = Arc<Shared>;

#[derive(Debug)]
pub struct Shared {
    pub config: Config,
    pub pool: Pool,
    pub verifier: IdTokenVerifier,
    pub limiter: RateLimiter,
    pub metrics: Arc<Metrics>,
    /// Cancelled on shutdown, so long polls answer at once instead of holding it up.
    pub shutdown: CancellationToken,
}
