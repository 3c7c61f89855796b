//! Every way a sign-in, refresh or sign-out can fail, each saying what to do. No variant
//! carries a token: the texts come from the provider's error codes and from this crate.

use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum SigninError {
    /// The provider did not answer (down, wrong address, no network).
    #[error("cannot reach the sign-in provider at {issuer}: {detail}. Check the connection and that the provider is up, then try again; nothing on this device was changed")]
    ProviderUnreachable { issuer: String, detail: String },

    /// The provider answered, but not as an OpenID Connect provider should.
    #[error("the sign-in provider at {issuer} answered unexpectedly: {detail}")]
    Provider { issuer: String, detail: String },

    /// The configuration names no usable issuer or client.
    #[error("the sign-in settings are not usable: {0}")]
    Config(String),

    /// The loopback listener for the browser's redirect could not be opened.
    #[error("cannot listen on 127.0.0.1 for the browser's return: {0}")]
    Loopback(std::io::Error),

    /// Nobody completed the sign-in in the browser in time.
    #[error("the sign-in was not completed in the browser within {} seconds; start it again", .0.as_secs())]
    TimedOut(Duration),

    /// The browser came back with a `state` that is not this sign-in's: a forged or stale
    /// redirect (CSRF). Refused before any code is redeemed.
    #[error("the browser returned an answer that does not belong to this sign-in (state mismatch); it was refused. Start the sign-in again")]
    StateMismatch,

    /// The redirect names another provider than the one this sign-in went to (RFC 9207).
    #[error("the browser returned an answer from another provider ({got}) than {expected}; it was refused")]
    IssuerMismatch { expected: String, got: String },

    /// The provider (or the user there) refused, e.g. `error=access_denied`.
    #[error("the sign-in provider refused the sign-in: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Refused {
        error: String,
        description: Option<String>,
    },

    /// The redirect lacked what a provider always sends (a code).
    #[error("the browser returned an incomplete answer: {0}")]
    BadCallback(String),

    /// The provider's token endpoint refused a code or refresh token. For a refresh this
    /// means the sign-in ended (revoked, expired, or used elsewhere): sign in again.
    #[error("the sign-in provider refused the token request: {error}{}. Sign in again", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    TokenRefused {
        error: String,
        description: Option<String>,
    },

    /// The ID token is not for this sign-in: its nonce differs from the one sent.
    #[error("the sign-in provider returned an ID token made for another sign-in (nonce mismatch); it was refused. Start the sign-in again")]
    NonceMismatch,

    /// The ID token failed verification (signature, algorithm, issuer, audience, expiry).
    #[error("the ID token from the sign-in provider failed verification: {0}")]
    InvalidIdToken(String),

    /// The provider offers no token revocation endpoint.
    #[error(
        "the sign-in provider at {0} offers no way to revoke a sign-in (no revocation_endpoint)"
    )]
    RevocationUnsupported(String),

    /// The OS keyring (Secret Service) failed or is missing.
    #[error("the OS keyring failed: {0}")]
    Keyring(String),

    /// Nothing is stored: this library is not signed in.
    #[error("this library is not signed in; run the sign-in first")]
    NotSignedIn,

    /// The lock that keeps two processes from refreshing at once could not be taken.
    #[error("cannot lock {path} to refresh the sign-in: {source}")]
    Lock {
        path: String,
        source: std::io::Error,
    },
}

pub type Result<T, E = SigninError> = std::result::Result<T, E>;
