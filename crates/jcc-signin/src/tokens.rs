//! What a sign-in or refresh yields. Debug never shows a token.

use chrono::{DateTime, Utc};
use std::fmt;

/// Tokens from the provider, the ID token already verified.
#[derive(Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The verified ID token (a JWT), for `POST /v1/session`.
    pub id_token: String,
    /// Present when the provider issued one (scope `offline_access`). Providers that rotate
    /// refresh tokens (oidc-provider does for public clients) make the old one unusable:
    /// keep only this one.
    pub refresh_token: Option<String>,
    pub access_token: String,
    /// The ID token's `exp`.
    pub expires_at: DateTime<Utc>,
    /// The ID token's `sub`: the account at the provider.
    pub subject: String,
}

impl Tokens {
    /// True when the ID token expires within `margin` from now (or already has).
    pub fn expires_within(&self, margin: chrono::Duration) -> bool {
        self.expires_at - margin <= Utc::now()
    }
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("id_token", &"<redacted>")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("access_token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .field("subject", &self.subject)
            .finish()
    }
}
