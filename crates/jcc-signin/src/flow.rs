//! The interactive sign-in: [`begin`] makes the authorization URL (PKCE S256, `state`,
//! `nonce`) and opens the loopback listener; the caller opens the URL in a browser (or
//! prints it); [`Pending::finish`] waits for the browser's return, checks it, redeems the
//! code and verifies the ID token.

use crate::error::{Result, SigninError};
use crate::loopback::{self, CALLBACK_PATH};
use crate::provider::{self, Discovered};
use crate::tokens::Tokens;
use crate::SigninConfig;
use openidconnect::core::{CoreAuthPrompt, CoreAuthenticationFlow};
use openidconnect::url::Url;
use openidconnect::{
    AuthorizationCode, CsrfToken, LoginHint, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope,
};
use std::collections::HashMap;
use std::fmt;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long [`Pending::finish`] waits when the caller has no better idea.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// A sign-in waiting for the browser. Dropping it closes the loopback listener.
pub struct Pending {
    auth_url: Url,
    redirect_uri: Url,
    listener: TcpListener,
    state: CsrfToken,
    nonce: Nonce,
    verifier: PkceCodeVerifier,
    provider: Discovered,
}

/// Discovers the provider, opens the loopback listener on an ephemeral port and builds the
/// authorization URL. Asks for `prompt=consent` with `offline_access`, as OpenID Connect
/// requires for a refresh token to be issued.
pub async fn begin(config: &SigninConfig) -> Result<Pending> {
    let mut provider = provider::discover(config).await?;
    let (listener, port) = loopback::bind().await?;
    let redirect = format!("http://127.0.0.1:{port}{CALLBACK_PATH}");
    let redirect_uri = Url::parse(&redirect).expect("a loopback URL parses");
    provider.client = provider
        .client
        .set_redirect_uri(RedirectUrl::from_url(redirect_uri.clone()));
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    // openidconnect adds `openid` itself.
    let scopes = config.scopes.iter().filter(|s| s.as_str() != "openid");
    let mut request = provider
        .client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scopes(scopes.map(|s| Scope::new(s.clone())))
        .set_pkce_challenge(challenge);
    if config.scopes.iter().any(|s| s == "offline_access") {
        request = request.add_prompt(CoreAuthPrompt::Consent);
    }
    if let Some(hint) = &config.login_hint {
        request = request.set_login_hint(LoginHint::new(hint.clone()));
    }
    let (auth_url, state, nonce) = request.url();
    Ok(Pending {
        auth_url,
        redirect_uri,
        listener,
        state,
        nonce,
        verifier,
        provider,
    })
}

/// [`begin`], hand the URL to `open` (open the system browser, or print the URL), then
/// [`Pending::finish`].
pub async fn sign_in(
    config: &SigninConfig,
    timeout: Duration,
    open: impl FnOnce(&Url),
) -> Result<Tokens> {
    let pending = begin(config).await?;
    open(pending.auth_url());
    pending.finish(timeout).await
}

impl Pending {
    /// The URL to open in the browser.
    pub fn auth_url(&self) -> &Url {
        &self.auth_url
    }

    /// Where the provider sends the browser back: `http://127.0.0.1:<port>/callback`.
    pub fn redirect_uri(&self) -> &Url {
        &self.redirect_uri
    }

    /// Waits up to `timeout` for the browser's one request to the loopback, then checks
    /// `state` (and `iss` when sent), redeems the code with the PKCE verifier and verifies
    /// the ID token (pinned algorithms, `iss`, `aud`, `exp`, `nonce`). The browser is shown
    /// "Signed in" or the error; the listener is closed either way.
    pub async fn finish(self, timeout: Duration) -> Result<Tokens> {
        let Pending {
            listener,
            state,
            nonce,
            verifier,
            provider,
            ..
        } = self;
        let callback = tokio::time::timeout(timeout, loopback::accept_callback(&listener))
            .await
            .map_err(|_| SigninError::TimedOut(timeout))??;
        drop(listener);
        let mut stream = callback.stream;
        let outcome = redeem(&provider, &callback.query, &state, &nonce, verifier).await;
        let page = match &outcome {
            Ok(_) => (
                200,
                "Signed in",
                "Signed in to Journal Craft Crew sync. You can close this tab.".to_string(),
            ),
            Err(e) => (
                400,
                "Sign-in failed",
                format!("{e}. You can close this tab."),
            ),
        };
        if let Err(e) = loopback::respond(&mut stream, page.0, page.1, &page.2).await {
            tracing::debug!("the browser left before the sign-in page was sent: {e}");
        }
        outcome
    }
}

async fn redeem(
    provider: &Discovered,
    query: &HashMap<String, String>,
    state: &CsrfToken,
    nonce: &Nonce,
    verifier: PkceCodeVerifier,
) -> Result<Tokens> {
    // The state first: an answer that is not ours is refused whatever else it says.
    if query.get("state").map(String::as_str) != Some(state.secret().as_str()) {
        return Err(SigninError::StateMismatch);
    }
    if let Some(iss) = query.get("iss") {
        if iss != &provider.issuer {
            return Err(SigninError::IssuerMismatch {
                expected: provider.issuer.clone(),
                got: iss.clone(),
            });
        }
    }
    if let Some(error) = query.get("error") {
        return Err(SigninError::Refused {
            error: error.clone(),
            description: query.get("error_description").cloned(),
        });
    }
    let code = query
        .get("code")
        .ok_or_else(|| SigninError::BadCallback("it has neither a code nor an error".into()))?;
    let response = provider
        .client
        .exchange_code(AuthorizationCode::new(code.clone()))
        .map_err(|e| SigninError::Provider {
            issuer: provider.issuer.clone(),
            detail: format!("its metadata names no token endpoint ({e})"),
        })?
        .set_pkce_verifier(verifier)
        .request_async(&provider.http)
        .await
        .map_err(|e| provider::request_error(&provider.issuer, e))?;
    provider::verified_tokens(provider, &response, Some(nonce))
}

impl fmt::Debug for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending")
            .field("issuer", &self.provider.issuer)
            .field("redirect_uri", &self.redirect_uri.as_str())
            .finish_non_exhaustive()
    }
}
