//! For tests only: the real components that sync is tested against, started and stopped
//! from Rust. Each lives in its own module:
//! - [`oidc`]: the OpenID provider of `scripts/oidc` (npm `oidc-provider`) on loopback,
//!   and [`Provider::sign_in_as`] for a real ID token without an app;
//! - [`browser`]: a cookie-keeping HTTP client that stands in for the system browser.
//!
//! More components (PostgreSQL, the sync server) belong here as modules of their own.
//!
//! Missing tools follow the one rule of `jcc-testkit`: a loud skip, or a failure under
//! `JCC_REQUIRE_SYNC_STACK=1` (which `scripts/test.sh` sets).

pub mod browser;
pub mod oidc;

pub use browser::{follow_to_loopback, headless_browser, visit, Landing};
pub use oidc::{oidc_available, Provider, ProviderOptions, SignedIn};

use std::path::PathBuf;

/// The repository's root (this crate lives in `crates/jcc-sync-testkit`).
pub fn repo_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .and_then(|p| p.parent())
        .map(PathBuf::from)
        .unwrap_or(here)
}
