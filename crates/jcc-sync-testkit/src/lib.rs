//! For tests only: the real components that sync is tested against, started and stopped
//! from Rust. Each lives in its own module:
//! - [`oidc`]: the OpenID provider of `scripts/oidc` (npm `oidc-provider`) on loopback,
//!   and [`Provider::sign_in_as`] for a real ID token without an app;
//! - [`browser`]: a cookie-keeping HTTP client that stands in for the system browser;
//! - [`signin`]: an ID token for a named test user, through the provider's PKCE flow;
//! - [`postgres`]: a throwaway PostgreSQL cluster (or a fresh database on
//!   `JCC_SYNC_TEST_DB_URL`), under `JCC_REQUIRE_POSTGRES`;
//! - [`server`]: `jcc-sync-server` processes over one database;
//! - [`keyring`]: a real Secret Service (gnome-keyring on a private D-Bus session);
//! - [`stack`]: all of the above together, as a sync test wants them;
//! - [`device`]: a `jcc` with a library of its own on that stack.
//!
//! Missing tools follow the one rule of `jcc-testkit`: a loud skip, or a failure under
//! `JCC_REQUIRE_SYNC_STACK=1` (which `scripts/test.sh` sets).

pub mod browser;
pub mod device;
pub mod keyring;
pub mod oidc;
pub mod postgres;
pub mod server;
pub mod signin;
pub mod stack;

pub use browser::{follow_to_loopback, headless_browser, visit, Landing};
pub use device::Device;
pub use keyring::{secret_service_available, SecretService};
pub use oidc::{oidc_available, Provider, ProviderOptions, SignedIn};
pub use postgres::{postgres_available, TestDatabase};
pub use server::{server_binary, ServerOptions, SyncServers};
pub use signin::id_token;
pub use stack::Stack;

use std::path::PathBuf;

/// The repository's root (this crate lives in `crates/jcc-sync-testkit`).
pub fn repo_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .and_then(|p| p.parent())
        .map(PathBuf::from)
        .unwrap_or(here)
}
