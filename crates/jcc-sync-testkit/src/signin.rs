//! A fresh ID token for a test user, the way a device gets one: the authorization code flow
//! with PKCE through the [`Provider`], the browser played by [`follow_to_loopback`].

use anyhow::{bail, Context, Result};
use url::Url;

use crate::{follow_to_loopback, Provider};

// RFC 7636 appendix B's verifier and its S256 challenge: fixed, as only the flow is tested.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const REDIRECT: &str = "http://127.0.0.1:49152/callback";

/// Signs `user` in at `provider` and returns the ID token it issues (aud = its client id).
pub async fn id_token(provider: &Provider, user: &str) -> Result<String> {
    let http = reqwest::Client::new();
    let meta: serde_json::Value = http
        .get(format!(
            "{}/.well-known/openid-configuration",
            provider.issuer
        ))
        .send()
        .await?
        .json()
        .await?;
    let endpoint = |name: &str| {
        meta[name]
            .as_str()
            .map(str::to_string)
            .with_context(|| format!("no {name} in the provider's discovery"))
    };
    let mut auth = Url::parse(&endpoint("authorization_endpoint")?)?;
    auth.query_pairs_mut()
        .append_pair("client_id", &provider.client_id)
        .append_pair("response_type", "code")
        .append_pair("scope", "openid")
        .append_pair("redirect_uri", REDIRECT)
        .append_pair("code_challenge", CHALLENGE)
        .append_pair("code_challenge_method", "S256")
        .append_pair("state", "jcc-test-state")
        .append_pair("nonce", "jcc-test-nonce")
        .append_pair("login_hint", user);
    let callback = follow_to_loopback(&auth).await?;
    let Some(code) = callback
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
    else {
        bail!("the provider sent no code: {callback}");
    };
    let tokens: serde_json::Value = http
        .post(endpoint("token_endpoint")?)
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", &provider.client_id),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await?
        .json()
        .await?;
    tokens["id_token"]
        .as_str()
        .map(str::to_string)
        .with_context(|| format!("no id_token in {tokens}"))
}
