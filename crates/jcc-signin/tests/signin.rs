//! Sign-in against a real OpenID provider (npm oidc-provider on loopback, PKCE required),
//! with a cookie-keeping HTTP client in place of the system browser: what a writer sees
//! (signed in as the right account, a refused forgery, a clear error when the provider is
//! down) and what the provider enforces (PKCE, rotation, revocation).

mod common;

use common::{config, provider, sign_in, WAIT};
use jcc_signin::SigninError;
use jcc_sync_testkit::{follow_to_loopback, headless_browser, visit, ProviderOptions};
use reqwest::Url;
use std::collections::HashMap;
use std::time::Duration;

fn query(url: &Url) -> HashMap<String, String> {
    url.query_pairs().into_owned().collect()
}

/// `url` with one query parameter replaced.
fn with_param(url: &Url, name: &str, value: &str) -> Url {
    let mut out = url.clone();
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    out.query_pairs_mut().clear();
    for (k, v) in pairs {
        let v = if k == name { value.to_string() } else { v };
        out.query_pairs_mut().append_pair(&k, &v);
    }
    out
}

#[tokio::test]
async fn a_writer_signs_in_end_to_end_and_the_loopback_closes() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let config = config(&provider, "alice");
    let pending = jcc_signin::begin(&config).await.unwrap();
    let auth = pending.auth_url().clone();
    let q = query(&auth);
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q.contains_key("code_challenge") && q.contains_key("state") && q.contains_key("nonce"));
    assert_eq!(q["scope"], "openid offline_access");
    let redirect = pending.redirect_uri().clone();
    assert_eq!(redirect.host_str(), Some("127.0.0.1"));
    assert_eq!(redirect.path(), "/callback");
    assert_eq!(q["redirect_uri"], redirect.as_str());

    // A browser asking for an icon first is answered 404 and does not end the wait.
    let favicon = redirect.join("/favicon.ico").unwrap();
    let browser = async {
        let icon = visit(&favicon).await.unwrap();
        (icon, headless_browser(&auth).await)
    };
    let (tokens, (icon, landing)) = tokio::join!(pending.finish(WAIT), browser);
    assert_eq!(icon.status, 404);
    let tokens = tokens.unwrap();
    let landing = landing.unwrap();
    assert_eq!(tokens.subject, "alice");
    assert!(!tokens.id_token.is_empty() && tokens.refresh_token.is_some());
    assert!(!tokens.expires_within(chrono::Duration::zero()));
    assert_eq!(landing.status, 200);
    assert!(landing.body.contains("Signed in"), "{}", landing.body);

    // One request served, then the listener is gone.
    assert!(visit(&landing.url).await.is_err(), "the loopback closed");
    // Debug never shows a token.
    let shown = format!("{tokens:?}");
    assert!(
        !shown.contains(&tokens.id_token)
            && !shown.contains(tokens.refresh_token.as_deref().unwrap())
    );
    assert!(shown.contains("alice"));
}

#[tokio::test]
async fn the_provider_requires_pkce_and_refuses_a_code_without_the_verifier() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let config = config(&provider, "alice");
    let pending = jcc_signin::begin(&config).await.unwrap();
    let callback = follow_to_loopback(pending.auth_url()).await.unwrap();
    let code = query(&callback)["code"].clone();
    let http = reqwest::Client::new();
    let refused = http
        .post(format!("{}/token", provider.issuer))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("client_id", provider.client_id.as_str()),
            ("redirect_uri", pending.redirect_uri().as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant", "{body}");

    // An authorization request without a challenge does not even get a code.
    let mut bare = pending.auth_url().clone();
    let pairs: Vec<(String, String)> = bare.query_pairs().into_owned().collect();
    bare.query_pairs_mut().clear();
    for (k, v) in pairs
        .iter()
        .filter(|(k, _)| !k.starts_with("code_challenge"))
    {
        bare.query_pairs_mut().append_pair(k, v);
    }
    let back = query(&follow_to_loopback(&bare).await.unwrap());
    assert_eq!(
        back.get("error").map(String::as_str),
        Some("invalid_request"),
        "{back:?}"
    );
    assert!(!back.contains_key("code"));
}

#[tokio::test]
async fn a_tampered_state_is_refused_and_no_tokens_are_returned() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let config = config(&provider, "alice");
    let pending = jcc_signin::begin(&config).await.unwrap();
    let callback = follow_to_loopback(pending.auth_url()).await.unwrap();
    let forged = with_param(&callback, "state", "forged-by-another-page");
    let finish = tokio::spawn(pending.finish(WAIT));
    let landing = visit(&forged).await.unwrap();
    let err = finish.await.unwrap().unwrap_err();
    assert!(matches!(err, SigninError::StateMismatch), "{err}");
    assert_eq!(landing.status, 400);
    assert!(landing.body.contains("state mismatch"), "{}", landing.body);
    // The real answer arrives too late: the listener closed on the forged one.
    assert!(visit(&callback).await.is_err());
}

#[tokio::test]
async fn an_answer_naming_another_provider_is_refused() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let pending = jcc_signin::begin(&config(&provider, "alice"))
        .await
        .unwrap();
    let callback = follow_to_loopback(pending.auth_url()).await.unwrap();
    assert_eq!(
        query(&callback)["iss"],
        provider.issuer,
        "oidc-provider sends RFC 9207 iss"
    );
    let mixed_up = with_param(&callback, "iss", "https://evil.example");
    let finish = tokio::spawn(pending.finish(WAIT));
    let landing = visit(&mixed_up).await.unwrap();
    let err = finish.await.unwrap().unwrap_err();
    assert!(
        matches!(&err, SigninError::IssuerMismatch { got, .. } if got == "https://evil.example"),
        "{err}"
    );
    assert_eq!(landing.status, 400);
}

#[tokio::test]
async fn an_id_token_made_for_another_sign_in_is_refused() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let config = config(&provider, "alice");
    let pending = jcc_signin::begin(&config).await.unwrap();
    // The provider is asked for a token with someone else's nonce (state and PKCE intact):
    // the code redeems, and the ID token it yields is not this sign-in's.
    let other = with_param(pending.auth_url(), "nonce", "a-nonce-of-another-sign-in");
    let (result, landing) = tokio::join!(pending.finish(WAIT), headless_browser(&other));
    let err = result.unwrap_err();
    assert!(matches!(err, SigninError::NonceMismatch), "{err}");
    let landing = landing.unwrap();
    assert_eq!(landing.status, 400);
    assert!(landing.body.contains("nonce mismatch"), "{}", landing.body);
}

#[tokio::test]
async fn a_refusal_at_the_provider_is_reported_with_its_reason() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    // The test provider refuses the user named "refuse" (as a "Deny" button would).
    let config = config(&provider, "refuse");
    let pending = jcc_signin::begin(&config).await.unwrap();
    let auth = pending.auth_url().clone();
    let (result, landing) = tokio::join!(pending.finish(WAIT), headless_browser(&auth));
    match result.unwrap_err() {
        SigninError::Refused { error, description } => {
            assert_eq!(error, "access_denied");
            assert!(description.unwrap().contains("refused"));
        }
        other => panic!("expected a refusal, got {other}"),
    }
    assert!(landing.unwrap().body.contains("access_denied"));
}

#[tokio::test]
async fn nobody_in_the_browser_ends_in_a_timeout() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let pending = jcc_signin::begin(&config(&provider, "alice"))
        .await
        .unwrap();
    let err = pending
        .finish(Duration::from_millis(300))
        .await
        .unwrap_err();
    assert!(matches!(err, SigninError::TimedOut(_)), "{err}");
    assert!(err.to_string().contains("start it again"), "{err}");
}

#[tokio::test]
async fn an_expired_id_token_is_refreshed_into_a_new_one() {
    let Some(provider) = provider(ProviderOptions {
        id_token_ttl: Some(2),
        ..Default::default()
    }) else {
        return;
    };
    let config = config(&provider, "alice");
    let (first, _) = sign_in(&config).await;
    // Wait out the ID token's two seconds.
    while !first.expires_within(chrono::Duration::zero()) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let old_refresh = first.refresh_token.clone().unwrap();
    let fresh = jcc_signin::refresh(&config, &old_refresh).await.unwrap();
    assert_ne!(fresh.id_token, first.id_token);
    assert!(
        !fresh.expires_within(chrono::Duration::zero()),
        "the new one is valid"
    );
    assert_eq!(fresh.subject, "alice");
    // oidc-provider rotates a public client's refresh token.
    let new_refresh = fresh.refresh_token.clone().unwrap();
    assert_ne!(new_refresh, old_refresh);
    assert!(jcc_signin::refresh(&config, &new_refresh).await.is_ok());
}

#[tokio::test]
async fn concurrent_refreshes_spend_the_refresh_token_once() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let config = config(&provider, "alice");
    let (tokens, _) = sign_in(&config).await;
    let rt = tokens.refresh_token.unwrap();
    let (a, b) = tokio::join!(
        jcc_signin::refresh(&config, &rt),
        jcc_signin::refresh(&config, &rt)
    );
    // Spent twice, the rotated token would have ended the sign-in (reuse detection) and
    // one of these, or the next refresh, would be refused.
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a, b, "the second caller got the first one's refresh");
    let next = jcc_signin::refresh(&config, a.refresh_token.as_deref().unwrap()).await;
    assert!(next.is_ok(), "{:?}", next.err());
}

#[tokio::test]
async fn a_revoked_refresh_token_no_longer_refreshes() {
    let Some(provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let config = config(&provider, "alice");
    let (tokens, _) = sign_in(&config).await;
    let rt = tokens.refresh_token.unwrap();
    jcc_signin::revoke(&config, &rt).await.unwrap();
    match jcc_signin::refresh(&config, &rt).await.unwrap_err() {
        SigninError::TokenRefused { error, .. } => assert_eq!(error, "invalid_grant"),
        other => panic!("expected invalid_grant, got {other}"),
    }
}

#[tokio::test]
async fn a_provider_that_is_down_is_a_clear_error_naming_it() {
    let Some(mut provider) = provider(ProviderOptions::default()) else {
        return;
    };
    let config = config(&provider, "alice");
    let (tokens, _) = sign_in(&config).await;
    provider.stop();
    for err in [
        jcc_signin::begin(&config).await.unwrap_err(),
        jcc_signin::refresh(&config, tokens.refresh_token.as_deref().unwrap())
            .await
            .unwrap_err(),
    ] {
        assert!(
            matches!(&err, SigninError::ProviderUnreachable { issuer, .. } if issuer == &provider.issuer),
            "{err}"
        );
        let text = err.to_string();
        assert!(
            text.contains(&provider.issuer) && text.contains("cannot reach"),
            "{text}"
        );
    }
}
