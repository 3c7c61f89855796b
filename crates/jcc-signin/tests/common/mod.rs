//! The real test provider and the headless browser, wired to jcc-signin.

use jcc_signin::{SigninConfig, Tokens};
use jcc_sync_testkit::{headless_browser, oidc_available, Landing, Provider, ProviderOptions};
use std::time::Duration;

/// Long enough for a loaded CI machine; the browser returns in about a second.
pub const WAIT: Duration = Duration::from_secs(60);

/// The provider, or None (after a loud skip) when Node.js or its packages are missing;
/// under `JCC_REQUIRE_SYNC_STACK=1` a missing one fails the test instead.
#[allow(dead_code)] // the keyring test starts its own, inside a D-Bus session
pub fn provider(opts: ProviderOptions) -> Option<Provider> {
    oidc_available().then(|| Provider::start(opts).expect("the test OpenID provider starts"))
}

pub fn config(provider: &Provider, user: &str) -> SigninConfig {
    SigninConfig::new(&provider.issuer, &provider.client_id).with_login_hint(user)
}

/// A whole sign-in with the headless browser in place of the system one.
pub async fn sign_in(config: &SigninConfig) -> (Tokens, Landing) {
    let pending = jcc_signin::begin(config).await.expect("begin");
    let url = pending.auth_url().clone();
    let (tokens, landing) = tokio::join!(pending.finish(WAIT), headless_browser(&url));
    (
        tokens.expect("signed in"),
        landing.expect("the browser got back"),
    )
}
