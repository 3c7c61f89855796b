//! The API end to end: two server processes over one PostgreSQL, a real OpenID provider,
//! requests round-robin between the instances.

mod support;

use std::time::{Duration, Instant};

use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::json;
use support::{envelopes, Stack};

#[tokio::test(flavor = "multi_thread")]
async fn a_device_signs_in_sets_up_keys_pushes_twice_pages_and_deletes_its_account() {
    // Debug logs, to check below that even they hold no token or ciphertext.
    let Some(stack) = Stack::start(2, &[("JCC_SYNC_LOG", "debug")]).await else {
        return;
    };
    // Both instances migrated the new database at once: each migration is recorded once.
    assert_eq!(
        stack.count("SELECT count(*) FROM schema_migrations").await,
        jcc_sync_server::db::migrate::MIGRATIONS.len() as i64
    );
    let (status, config) = stack.call(Method::GET, "/v1/config", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(config["issuer"], stack.provider.issuer.as_str());
    assert_eq!(config["max_batch_items"], 500);

    let alice = stack.sign_in("alice").await;
    let token = Some(alice.token.as_str());

    // Keys: none yet, created once, then compare-and-set by version.
    let (status, body) = stack.call(Method::GET, "/v1/keys", token, None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("no_keys"))
    );
    let blob = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let put = |v: i64, data: &[u8]| json!({ "expected_version": v, "data": blob(data) });
    let (status, body) = stack
        .call(Method::PUT, "/v1/keys", token, Some(put(0, b"wrapped-1")))
        .await;
    assert_eq!(
        (status, body["version"].as_i64()),
        (StatusCode::OK, Some(1)),
        "{body}"
    );
    let (status, body) = stack
        .call(
            Method::PUT,
            "/v1/keys",
            token,
            Some(put(0, b"other device")),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("keys_changed")),
        "{body}"
    );
    let (status, _) = stack
        .call(Method::PUT, "/v1/keys", token, Some(put(1, b"wrapped-2")))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = stack
        .call(Method::PUT, "/v1/keys", token, Some(put(1, b"stale")))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("keys_changed"))
    );
    let (_, body) = stack.call(Method::GET, "/v1/keys", token, None).await;
    assert_eq!(
        (body["version"].as_i64(), body["data"].as_str()),
        (Some(2), Some(blob(b"wrapped-2").as_str()))
    );

    // A push, then the same push again (a resend after a lost answer): stored once.
    let items = envelopes(7, 3000);
    let (status, body) = stack.push(&alice, &items).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (
            body["stored"].as_u64(),
            body["duplicates"].as_u64(),
            body["head_seq"].as_i64()
        ),
        (Some(7), Some(0), Some(7))
    );
    let (status, body) = stack.push(&alice, &items).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (
            body["stored"].as_u64(),
            body["duplicates"].as_u64(),
            body["head_seq"].as_i64()
        ),
        (Some(0), Some(7), Some(7))
    );
    // Half old, half new: only the new half is stored.
    let mut mixed = items[..3].to_vec();
    mixed.extend(envelopes(3, 100));
    let (_, body) = stack.push(&alice, &mixed).await;
    assert_eq!(
        (
            body["stored"].as_u64(),
            body["duplicates"].as_u64(),
            body["head_seq"].as_i64()
        ),
        (Some(3), Some(3), Some(10))
    );
    assert_eq!(stack.rows("revisions", alice.user_id).await, 10);

    // Pages of 3: every revision once, in sequence order, byte for byte.
    let all = stack.pull_all(&alice, 3).await;
    assert_eq!(
        all.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        (1..=10).collect::<Vec<_>>()
    );
    assert_eq!(
        all[..7].iter().map(|(_, e)| e.clone()).collect::<Vec<_>>(),
        items
    );
    let (_, page) = stack
        .call(Method::GET, "/v1/revisions?after=10", token, None)
        .await;
    assert_eq!(
        (
            page["items"].as_array().map(Vec::len),
            page["next_after"].as_i64(),
            page["has_more"].as_bool()
        ),
        (Some(0), Some(10), Some(false))
    );

    let (status, body) = stack.call(Method::GET, "/v1/status", token, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (
            body["head_seq"].as_i64(),
            body["revisions"].as_i64(),
            body["keys_version"].as_i64()
        ),
        (Some(10), Some(10), Some(2))
    );

    // Another device of the same person is the same account.
    let laptop = stack.sign_in("alice").await;
    assert_eq!(laptop.user_id, alice.user_id);
    assert_eq!(stack.pull_all(&laptop, 500).await.len(), 10);

    // Sign out: that token is refused afterwards, on every instance.
    let (status, _) = stack
        .call(Method::DELETE, "/v1/session", Some(&laptop.token), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for url in stack.servers.urls() {
        let (status, body) = stack
            .call_at(&url, Method::GET, "/v1/status", Some(&laptop.token), None)
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthorized"))
        );
    }

    // Delete the account: every row of it is gone, its sessions with it.
    let (status, _) = stack.call(Method::DELETE, "/v1/account", token, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for table in ["revisions", "account_keys", "sessions", "users"] {
        assert_eq!(stack.rows(table, alice.user_id).await, 0, "{table}");
    }
    let (status, _) = stack.call(Method::GET, "/v1/status", token, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let again = stack.sign_in("alice").await;
    assert_ne!(again.user_id, alice.user_id, "a new, empty account");
    assert!(stack.pull_all(&again, 500).await.is_empty());

    let logs = stack.servers.stderr(0) + &stack.servers.stderr(1);
    assert!(logs.contains("DEBUG"), "debug logs were on");
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    for (what, secret) in [
        ("a session token", alice.token.clone()),
        ("a session token", laptop.token.clone()),
        ("ciphertext", b64(&items[0].ciphertext[..48])),
        (
            "ciphertext bytes",
            format!("{:?}", &items[0].ciphertext[..8])
                .trim_end_matches(']')
                .to_string(),
        ),
        ("a key document", b64(b"wrapped-2")),
    ] {
        assert!(!logs.contains(&secret), "{what} in the server's logs");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_poll_on_one_instance_wakes_when_another_device_pushes_to_another() {
    let Some(stack) = Stack::start(2, &[("JCC_SYNC_POLL_MS", "50")]).await else {
        return;
    };
    let desk = stack.sign_in("bea").await;
    let phone = stack.sign_in("bea").await;
    let (a, b) = (
        stack.servers.url(0).to_string(),
        stack.servers.url(1).to_string(),
    );

    // Nothing arrives: the poll answers empty once its wait is over.
    let (status, page) = stack
        .call_at(
            &a,
            Method::GET,
            "/v1/revisions?after=0&wait=1",
            Some(&desk.token),
            None,
        )
        .await;
    assert_eq!(
        (status, page["items"].as_array().map(Vec::len)),
        (StatusCode::OK, Some(0))
    );

    let poll = {
        let (http, token) = (stack.http.clone(), desk.token.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            let page: serde_json::Value = http
                .get(format!("{a}/v1/revisions?after=0&wait=20"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            (page, started.elapsed())
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let items = envelopes(2, 200);
    let body = json!({ "items": items }).to_string().into_bytes();
    let (status, _) = stack
        .call_at(
            &b,
            Method::POST,
            "/v1/revisions",
            Some(&phone.token),
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (page, waited) = poll.await.unwrap();
    let got: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["rev_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        got,
        items
            .iter()
            .map(|e| e.rev_id.to_string())
            .collect::<Vec<_>>()
    );
    assert!(
        waited < Duration::from_secs(20),
        "the poll answered when the push landed, not at its deadline"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn healthz_and_metrics_report_what_happened() {
    let Some(mut stack) = Stack::start(1, &[]).await else {
        return;
    };
    let s = stack.sign_in("carl").await;
    let items = envelopes(5, 100);
    stack.push(&s, &items).await;
    stack.push(&s, &items).await;
    let (status, body) = stack.call(Method::GET, "/healthz", None, None).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, Some("ok\n")));
    let url = stack.url();
    let text = stack
        .http
        .get(format!("{url}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        "jcc_sync_revisions_stored_total 5",
        "jcc_sync_revisions_duplicate_total 5",
        "jcc_sync_requests_total{method=\"POST\",route=\"/v1/revisions\",status=\"200\"} 2",
        "jcc_sync_requests_total{method=\"POST\",route=\"/v1/session\",status=\"200\"} 1",
        "jcc_sync_request_duration_seconds_count{method=\"POST\",route=\"/v1/revisions\"} 2",
        "# TYPE jcc_sync_transaction_retries_total counter",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    // The database goes away: health says so (503).
    if !stack.db.is_throwaway() {
        eprintln!("the database on JCC_SYNC_TEST_DB_URL is not stopped: health when it is down not checked");
        return;
    }
    stack.db.stop();
    let down = stack
        .http
        .get(format!("{url}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        down.headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    let (status, body) = stack.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["code"], "unavailable");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_account_over_its_request_rate_gets_429_with_retry_after() {
    let Some(stack) = Stack::start(1, &[("JCC_SYNC_RATE_PER_MINUTE", "3")]).await else {
        return;
    };
    let s = stack.sign_in("dora").await;
    for _ in 0..3 {
        let (status, _) = stack
            .call(Method::GET, "/v1/status", Some(&s.token), None)
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let response = stack
        .http
        .get(format!("{}/v1/status", stack.url()))
        .bearer_auth(&s.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry), "{retry}");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    // Another account is not held back by this one.
    let other = stack.sign_in("emil").await;
    let (status, _) = stack
        .call(Method::GET, "/v1/status", Some(&other.token), None)
        .await;
    assert_eq!(status, StatusCode::OK);
}
