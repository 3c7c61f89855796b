//! Bad input is refused with the right status and an `ApiError`, and nothing of it is
//! stored: malformed JSON, oversized batches, bad envelopes, another account's revision,
//! and every kind of bad credential.

mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use support::{envelope, envelopes, server_options, Stack};

fn code(body: &Value) -> Option<&str> {
    body["code"].as_str()
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_oversized_and_foreign_pushes_are_refused_and_store_nothing() {
    let Some(stack) = Stack::start(2, &[]).await else {
        return;
    };
    let alice = stack.sign_in("alice").await;
    let bob = stack.sign_in("bob").await;
    let token = Some(alice.token.as_str());
    let raw = |body: &str| Some(body.as_bytes().to_vec());

    let url = stack.url();
    let (status, body) = stack
        .call_at(
            &url,
            Method::POST,
            "/v1/revisions",
            token,
            raw("{\"items\": ["),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, Some("bad_request")),
        "{body}"
    );
    let (status, body) = stack
        .call_at(
            &url,
            Method::POST,
            "/v1/revisions",
            token,
            raw("{\"items\": [{\"rev_id\": 3}]}"),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, Some("bad_request")),
        "{body}"
    );

    // 501 revisions: over the item limit.
    let (status, body) = stack.push(&alice, &envelopes(501, 16)).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large")),
        "{body}"
    );
    // 9 MiB of ciphertext in 3 revisions: over the byte limit.
    let (status, body) = stack.push(&alice, &envelopes(3, 3 << 20)).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large")),
        "{body}"
    );

    // One bad envelope among good ones: the whole batch is refused.
    let mut batch = envelopes(3, 64);
    batch[1].nonce = vec![0; 12];
    let (status, body) = stack.push(&alice, &batch).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("nonce"),
        "{body}"
    );
    let mut batch = envelopes(2, 64);
    batch[0].handle = "not-hex".into();
    let (status, _) = stack.push(&alice, &batch).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Bob's revision id inside Alice's batch: refused, and none of her batch is stored.
    let bobs = envelope(64);
    assert_eq!(
        stack.push(&bob, std::slice::from_ref(&bobs)).await.0,
        StatusCode::OK
    );
    let mut batch = envelopes(4, 64);
    batch.push(bobs.clone());
    let (status, body) = stack.push(&alice, &batch).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, Some("not_yours")),
        "{body}"
    );
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains(&bobs.rev_id.to_string()));

    assert_eq!(
        stack.rows("revisions", alice.user_id).await,
        0,
        "nothing of a refused push is stored"
    );
    let (_, status_body) = stack.call(Method::GET, "/v1/status", token, None).await;
    assert_eq!(status_body["head_seq"], 0);
    assert_eq!(
        stack.rows("revisions", bob.user_id).await,
        1,
        "bob's revision is untouched"
    );

    // Bad pull parameters, an unknown endpoint, oversized keys.
    for query in ["after=-1", "after=abc", "limit=x"] {
        let (status, body) = stack
            .call(Method::GET, &format!("/v1/revisions?{query}"), token, None)
            .await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::BAD_REQUEST, Some("bad_request")),
            "{query}: {body}"
        );
    }
    let (status, body) = stack.call(Method::GET, "/v1/nothing", token, None).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let big = base64::engine::general_purpose::STANDARD.encode(vec![0u8; 20_000]);
    let (status, body) = stack
        .call(
            Method::PUT,
            "/v1/keys",
            token,
            Some(json!({"expected_version": 0, "data": big})),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large")),
        "{body}"
    );
    assert_eq!(stack.rows("account_keys", alice.user_id).await, 0);
}

/// Unsigned JSON Web Token parts, for crafting bad tokens.
fn jwt_part(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(v.to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_foreign_expired_and_replayed_credentials_get_401() {
    let Some(stack) = Stack::start(2, &[("JCC_SYNC_SESSION_TTL_SECS", "3")]).await else {
        return;
    };
    let session = |id_token: String| json!({ "id_token": id_token, "device_name": "x" });
    let refused = |body: &Value| code(body) == Some("unauthorized");
    let real = jcc_sync_testkit::id_token(&stack.provider, "mallory")
        .await
        .unwrap();
    let parts: Vec<&str> = real.split('.').collect();
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();

    // The provider's real token with another subject put in: the signature no longer verifies.
    let mut forged_claims = claims.clone();
    forged_claims["sub"] = json!("alice");
    let forged = format!("{}.{}.{}", parts[0], jwt_part(&forged_claims), parts[2]);
    let (status, body) = stack
        .call(Method::POST, "/v1/session", None, Some(session(forged)))
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().contains("signature"),
        "{body}"
    );

    // No signature at all (alg none).
    let none = format!(
        "{}.{}.",
        jwt_part(&json!({"alg": "none", "typ": "JWT"})),
        parts[1]
    );
    let (status, body) = stack
        .call(Method::POST, "/v1/session", None, Some(session(none)))
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );

    // Signed by a key the provider does not publish (an unknown kid): the server refetches
    // the JWKS, still does not find it, and refuses.
    let rng = ring::rand::SystemRandom::new();
    let pkcs8 = ring::signature::EcdsaKeyPair::generate_pkcs8(
        &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        &rng,
    )
    .unwrap();
    let mut h = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
    h.kid = Some("not-the-providers".into());
    let own = jsonwebtoken::encode(
        &h,
        &claims,
        &jsonwebtoken::EncodingKey::from_ec_der(pkcs8.as_ref()),
    )
    .unwrap();
    let (status, body) = stack
        .call(Method::POST, "/v1/session", None, Some(session(own)))
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("not-the-providers"),
        "{body}"
    );
    // ...even when it claims the provider's own kid.
    h.kid = header["kid"].as_str().map(str::to_string);
    let own = jsonwebtoken::encode(
        &h,
        &claims,
        &jsonwebtoken::EncodingKey::from_ec_der(pkcs8.as_ref()),
    )
    .unwrap();
    let (status, body) = stack
        .call(Method::POST, "/v1/session", None, Some(session(own)))
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );

    // A real token from another provider (another issuer) is refused.
    let other = tokio::task::spawn_blocking(|| {
        jcc_sync_testkit::Provider::start(jcc_sync_testkit::ProviderOptions::default()).unwrap()
    })
    .await
    .unwrap();
    let foreign = jcc_sync_testkit::id_token(&other, "mallory").await.unwrap();
    let (status, body) = stack
        .call(Method::POST, "/v1/session", None, Some(session(foreign)))
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );

    // A real token of this provider for another client (wrong audience): a server that
    // signs in devices as another client id refuses it.
    let mut opts = server_options(&stack.db, &stack.provider, &[]);
    opts.client_id = "another-app".into();
    let picky =
        tokio::task::spawn_blocking(move || jcc_sync_testkit::SyncServers::start(opts, 1).unwrap())
            .await
            .unwrap();
    let body = Some(session(real.clone()).to_string().into_bytes());
    let (status, body) = stack
        .call_at(picky.url(0), Method::POST, "/v1/session", None, body)
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().contains("another client"),
        "{body}"
    );

    // Garbage, missing and made-up session tokens.
    let (status, body) = stack
        .call(
            Method::POST,
            "/v1/session",
            None,
            Some(session("not a jwt".into())),
        )
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );
    let (status, body) = stack.call(Method::GET, "/v1/status", None, None).await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );
    let (status, body) = stack
        .call(Method::GET, "/v1/status", Some("jccs_madeup"), None)
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED && refused(&body),
        "{body}"
    );

    // The real token works; its session expires after the configured 3 s (expiry is in
    // whole seconds: at least 2 s of it are left right after sign-in).
    let (status, body) = stack
        .call(Method::POST, "/v1/session", None, Some(session(real)))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["session_token"].as_str().unwrap().to_string();
    let (status, _) = stack
        .call(Method::GET, "/v1/status", Some(&token), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;
    let (status, body) = stack
        .call(Method::GET, "/v1/status", Some(&token), None)
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNAUTHORIZED, Some("session_expired")),
        "{body}"
    );
    let (status, _) = stack
        .push(
            &support::Session {
                token,
                user_id: uuid::Uuid::nil(),
            },
            &envelopes(1, 32),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let accounts: i64 = {
        let (client, conn) = tokio_postgres::connect(&stack.db.url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
            .query_one("SELECT count(*) FROM revisions", &[])
            .await
            .unwrap()
            .get(0)
    };
    assert_eq!(accounts, 0, "no refused request stored a revision");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_provider_that_rotates_its_signing_key_is_followed() {
    let Some(mut stack) = Stack::start(1, &[("JCC_SYNC_JWKS_REFETCH_SECS", "1")]).await else {
        return;
    };
    let before = stack.sign_in("rita").await;
    // The provider restarts on the same address with a new key (a new kid): the server has
    // only the old one cached, finds the kid unknown, fetches the keys again and accepts it.
    let port: u16 = stack
        .provider
        .issuer
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    tokio::task::block_in_place(|| {
        stack.provider.stop();
        stack.provider = jcc_sync_testkit::Provider::start(jcc_sync_testkit::ProviderOptions {
            port,
            ..Default::default()
        })
        .unwrap();
    });
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let after = stack.sign_in("rita").await;
    assert_eq!(after.user_id, before.user_id, "the same account");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_push_over_the_account_quota_is_refused_whole() {
    let Some(stack) = Stack::start(1, &[("JCC_SYNC_MAX_ACCOUNT_BYTES", "10000")]).await else {
        return;
    };
    let s = stack.sign_in("quinn").await;
    // 24 bytes of nonce + 3,000 of ciphertext each.
    let (status, body) = stack.push(&s, &envelopes(2, 3000)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = stack.push(&s, &envelopes(2, 3000)).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large")),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().contains("quota"),
        "{body}"
    );
    assert_eq!(
        stack.rows("revisions", s.user_id).await,
        2,
        "nothing of the refused push"
    );
    let (_, status_body) = stack
        .call(Method::GET, "/v1/status", Some(&s.token), None)
        .await;
    assert_eq!(
        (
            status_body["revisions"].as_i64(),
            status_body["bytes"].as_i64()
        ),
        (Some(2), Some(6048))
    );
}
