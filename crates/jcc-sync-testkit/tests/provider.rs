//! The test provider is a real OpenID provider: discovery, a headless sign-in of the hinted
//! user, a code that only the PKCE verifier redeems, a refresh token; and it is gone when
//! dropped.

use jcc_sync_testkit::{follow_to_loopback, oidc_available, Provider, ProviderOptions};
use url::Url;

// RFC 7636 appendix B's verifier and its S256 challenge.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

#[tokio::test]
async fn signs_the_hinted_user_in_headlessly_and_redeems_the_code_with_pkce() {
    if !oidc_available() {
        return;
    }
    let provider = Provider::start(ProviderOptions::default()).unwrap();
    let http = reqwest::Client::new();
    let meta: serde_json::Value = http
        .get(format!(
            "{}/.well-known/openid-configuration",
            provider.issuer
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(meta["issuer"], provider.issuer.as_str());

    let redirect = "http://127.0.0.1:49999/callback";
    // One sign-in up to the code the provider sends to the app's loopback.
    let code = || async {
        let mut auth = Url::parse(meta["authorization_endpoint"].as_str().unwrap()).unwrap();
        auth.query_pairs_mut()
            .append_pair("client_id", &provider.client_id)
            .append_pair("response_type", "code")
            .append_pair("scope", "openid offline_access")
            .append_pair("prompt", "consent")
            .append_pair("redirect_uri", redirect)
            .append_pair("code_challenge", CHALLENGE)
            .append_pair("code_challenge_method", "S256")
            .append_pair("state", "s1")
            .append_pair("nonce", "n1")
            .append_pair("login_hint", "alice");
        let callback = follow_to_loopback(&auth).await.unwrap();
        assert_eq!(callback.port(), Some(49999), "{callback}");
        let q: std::collections::HashMap<_, _> = callback.query_pairs().into_owned().collect();
        assert_eq!(q.get("state").map(String::as_str), Some("s1"));
        q.get("code").expect("a code").clone()
    };
    let token = |code: String, verifier: Option<&str>| {
        let mut form = vec![
            ("grant_type", "authorization_code".to_string()),
            ("code", code),
            ("client_id", provider.client_id.clone()),
            ("redirect_uri", redirect.to_string()),
        ];
        if let Some(v) = verifier {
            form.push(("code_verifier", v.to_string()));
        }
        http.post(meta["token_endpoint"].as_str().unwrap())
            .form(&form)
            .send()
    };
    let refused = token(code().await, None).await.unwrap();
    assert_eq!(refused.status(), 400, "no verifier, no tokens");
    let ok: serde_json::Value = token(code().await, Some(VERIFIER))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(ok["id_token"].is_string(), "{ok}");
    assert!(
        ok["refresh_token"].is_string(),
        "offline_access gives a refresh token: {ok}"
    );

    let issuer = provider.issuer.clone();
    drop(provider);
    assert!(
        http.get(format!("{issuer}/jwks")).send().await.is_err(),
        "the provider is gone once dropped"
    );
}

#[tokio::test]
async fn sign_in_as_gives_a_real_id_token_for_the_named_user() {
    if !oidc_available() {
        return;
    }
    let provider = Provider::start(ProviderOptions::default()).unwrap();
    let signed = provider.sign_in_as("carol").await.unwrap();
    // The ID token's payload names the user and the client (its signature is checked by
    // jcc-signin's tests and by the server's).
    use base64::Engine as _;
    let payload = signed.id_token.split('.').nth(1).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["sub"], "carol");
    assert_eq!(claims["aud"], provider.client_id.as_str());
    assert_eq!(claims["iss"], provider.issuer.as_str());
    assert!(signed.refresh_token.is_some());
    assert!(!format!("{signed:?}").contains(&signed.id_token));
}
