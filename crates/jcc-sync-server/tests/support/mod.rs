//! The real stack for the server's tests: a throwaway PostgreSQL (or `JCC_SYNC_TEST_DB_URL`),
//! the npm OpenID provider and N `jcc-sync-server` processes; requests go round-robin over
//! the instances, as behind a load balancer.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use jcc_sync_proto::{Envelope, NONCE_LEN};
use jcc_sync_testkit::{
    id_token, oidc_available, postgres_available, Provider, ProviderOptions, ServerOptions,
    SyncServers, TestDatabase,
};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use uuid::Uuid;

pub struct Stack {
    pub servers: SyncServers,
    pub provider: Provider,
    pub db: TestDatabase,
    pub http: reqwest::Client,
    next: AtomicUsize,
}

/// A signed-in device.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub user_id: Uuid,
}

pub fn server_options(
    db: &TestDatabase,
    provider: &Provider,
    env: &[(&str, &str)],
) -> ServerOptions {
    ServerOptions {
        bin: env!("CARGO_BIN_EXE_jcc-sync-server").into(),
        database_url: db.url.clone(),
        issuer: provider.issuer.clone(),
        client_id: provider.client_id.clone(),
        env: env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

impl Stack {
    /// `n` instances with extra environment `env`; `None` when PostgreSQL or Node.js is
    /// missing and not required (the testkit printed why).
    pub async fn start(n: usize, env: &[(&str, &str)]) -> Option<Stack> {
        if !postgres_available() || !oidc_available() {
            return None;
        }
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let stack = tokio::task::spawn_blocking(move || {
            let db = TestDatabase::create().expect("a test database");
            let provider =
                Provider::start(ProviderOptions::default()).expect("the OpenID provider");
            let mut opts = server_options(&db, &provider, &[]);
            opts.env = env;
            let servers = SyncServers::start(opts, n).expect("the sync servers");
            Stack {
                servers,
                provider,
                db,
                http: reqwest::Client::new(),
                next: AtomicUsize::new(0),
            }
        })
        .await
        .unwrap();
        Some(stack)
    }

    /// The next instance, round-robin.
    pub fn url(&self) -> String {
        let urls = self.servers.urls();
        urls[self.next.fetch_add(1, Ordering::Relaxed) % urls.len()].clone()
    }

    pub async fn sign_in(&self, user: &str) -> Session {
        let id_token = id_token(&self.provider, user).await.expect("an ID token");
        let (status, body) = self
            .call(
                Method::POST,
                "/v1/session",
                None,
                Some(serde_json::json!({
                    "id_token": id_token, "device_name": "test device"
                })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        Session {
            token: body["session_token"].as_str().unwrap().to_string(),
            user_id: body["user_id"].as_str().unwrap().parse().unwrap(),
        }
    }

    /// One request to the next instance; the body parsed as JSON (`Null` when empty).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.call_at(
            &self.url(),
            method,
            path,
            token,
            body.map(|b| b.to_string().into_bytes()),
        )
        .await
    }

    pub async fn call_at(
        &self,
        base: &str,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> (StatusCode, Value) {
        let mut request = self.http.request(method, format!("{base}{path}"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            if text.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap_or(Value::String(text))
            },
        )
    }

    pub async fn push(&self, s: &Session, items: &[Envelope]) -> (StatusCode, Value) {
        self.call(
            Method::POST,
            "/v1/revisions",
            Some(&s.token),
            Some(serde_json::json!({ "items": items })),
        )
        .await
    }

    /// Every revision of the account, paging `limit` at a time from `after = 0`.
    pub async fn pull_all(&self, s: &Session, limit: u32) -> Vec<(i64, Envelope)> {
        let mut after = 0;
        let mut all = Vec::new();
        loop {
            let (status, page) = self
                .call(
                    Method::GET,
                    &format!("/v1/revisions?after={after}&limit={limit}"),
                    Some(&s.token),
                    None,
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{page}");
            let page: jcc_sync_proto::Page = serde_json::from_value(page).unwrap();
            all.extend(page.items.into_iter().map(|i| (i.seq, i.envelope)));
            after = page.next_after;
            if !page.has_more {
                return all;
            }
        }
    }

    /// A count straight from the database.
    pub async fn count(&self, sql: &str) -> i64 {
        let (client, conn) = tokio_postgres::connect(&self.db.url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client.query_one(sql, &[]).await.unwrap().get(0)
    }

    /// How many rows of `table` belong to the account, straight from the database.
    pub async fn rows(&self, table: &str, user: Uuid) -> i64 {
        let (client, conn) = tokio_postgres::connect(&self.db.url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
            .query_one(
                &format!("SELECT count(*) FROM {table} WHERE user_id = $1"),
                &[&user],
            )
            .await
            .unwrap()
            .get(0)
    }
}

/// A revision as a device would send it: random handle, nonce and `size` bytes of "ciphertext".
pub fn envelope(size: usize) -> Envelope {
    Envelope {
        rev_id: Uuid::now_v7(),
        handle: hex::encode(rand::random::<[u8; 32]>()),
        epoch: 1,
        nonce: rand::random::<[u8; NONCE_LEN]>().to_vec(),
        ciphertext: (0..size).map(|_| rand::random::<u8>()).collect(),
    }
}

pub fn envelopes(n: usize, size: usize) -> Vec<Envelope> {
    (0..n).map(|_| envelope(size)).collect()
}
