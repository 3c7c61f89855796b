//! Sync server benchmark: a throwaway PostgreSQL (or `JCC_SYNC_TEST_DB_URL`), the test
//! OpenID provider, N server processes on loopback, and clients in this process pushing and
//! pulling through real HTTP, round-robin over the instances.
//!
//! `cargo run --release -p jcc-sync-server --example bench -- [--servers 2] [--clients 8] [--batches 10]`
//!
//! Prints: ingest revisions/s with several clients (500-revision batches of 2-4 KB
//! envelopes), client-observed p50/p99 of those pushes and of one-revision pushes made
//! during the load, and first-sync pull speed of 10,000 revisions to a new device.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jcc_sync_proto::{Envelope, Page, NONCE_LEN};
use jcc_sync_testkit::{
    id_token, Provider, ProviderOptions, ServerOptions, SyncServers, TestDatabase,
};
use uuid::Uuid;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn envelope() -> Envelope {
    let size = 2048 + rand::random::<usize>() % 2048;
    Envelope {
        rev_id: Uuid::now_v7(),
        handle: hex::encode(rand::random::<[u8; 32]>()),
        epoch: 1,
        nonce: rand::random::<[u8; NONCE_LEN]>().to_vec(),
        ciphertext: (0..size).map(|_| rand::random::<u8>()).collect(),
    }
}

fn batch(n: usize) -> Vec<u8> {
    let items: Vec<Envelope> = (0..n).map(|_| envelope()).collect();
    serde_json::to_vec(&serde_json::json!({ "items": items })).unwrap()
}

struct Cluster {
    urls: Vec<String>,
    next: AtomicUsize,
    http: reqwest::Client,
}

impl Cluster {
    fn url(&self) -> &str {
        &self.urls[self.next.fetch_add(1, Ordering::Relaxed) % self.urls.len()]
    }

    async fn session(&self, provider: &Provider, user: &str) -> String {
        let id_token = id_token(provider, user).await.unwrap();
        let body: serde_json::Value = self
            .http
            .post(format!("{}/v1/session", self.url()))
            .json(&serde_json::json!({ "id_token": id_token }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["session_token"].as_str().unwrap().to_string()
    }

    /// One push; its latency.
    async fn push(&self, token: &str, body: Vec<u8>) -> Duration {
        let start = Instant::now();
        let response = self
            .http
            .post(format!("{}/v1/revisions", self.url()))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{}",
            response.text().await.unwrap()
        );
        response.bytes().await.unwrap();
        start.elapsed()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// The server instances are this same executable, re-run with this variable set: they run
/// the library exactly as the `jcc-sync-server` binary does.
const SERVE: &str = "JCC_SYNC_BENCH_SERVE";

async fn serve() {
    use std::io::Write;
    let config = jcc_sync_server::Config::from_env().unwrap();
    let listener = tokio::net::TcpListener::bind(config.listen).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = jcc_sync_server::Server::prepare(config).await.unwrap();
    println!("JCC_SYNC_SERVER=http://{addr}");
    std::io::stdout().flush().unwrap();
    server
        .run(listener, async { tokio::signal::ctrl_c().await.unwrap() })
        .await
        .unwrap();
}

#[tokio::main]
async fn main() {
    if std::env::var_os(SERVE).is_some() {
        return serve().await;
    }
    let (servers, clients, batches) = (
        arg("--servers", 2),
        arg("--clients", 8),
        arg("--batches", 10),
    );
    const PER_BATCH: usize = 500;
    let bin = std::env::current_exe().unwrap();
    let (db, provider, fleet) = tokio::task::spawn_blocking(move || {
        let db = TestDatabase::create().expect("PostgreSQL (apt-get install postgresql)");
        let provider = Provider::start(ProviderOptions::default())
            .expect("the OpenID provider (scripts/oidc, npm ci)");
        let opts = ServerOptions {
            bin,
            database_url: db.url.clone(),
            issuer: provider.issuer.clone(),
            client_id: provider.client_id.clone(),
            env: vec![
                (SERVE.into(), "1".into()),
                ("JCC_SYNC_RATE_PER_MINUTE".into(), "0".into()),
                ("JCC_SYNC_POOL_SIZE".into(), "16".into()),
                ("JCC_SYNC_LOG".into(), "warn".into()),
            ],
        };
        let fleet = SyncServers::start(opts, servers).expect("the sync servers");
        (db, provider, fleet)
    })
    .await
    .unwrap();
    let cluster = Arc::new(Cluster {
        urls: fleet.urls(),
        next: AtomicUsize::new(0),
        http: reqwest::Client::new(),
    });
    println!("sync server bench: {servers} instance(s), {clients} clients, {batches} batches of {PER_BATCH} x 2-4 KB each");

    // Ingest: clients over clients/2 accounts (two devices each), every client its own task.
    let mut tokens = Vec::new();
    for c in 0..clients {
        tokens.push(cluster.session(&provider, &format!("bench{}", c / 2)).await);
    }
    let bodies: Vec<Vec<Vec<u8>>> = (0..clients)
        .map(|_| (0..batches).map(|_| batch(PER_BATCH)).collect())
        .collect();
    let json_bytes: usize = bodies.iter().flatten().map(Vec::len).sum();
    let small_token = cluster.session(&provider, "small").await;
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let small = {
        let (cluster, done) = (cluster.clone(), done.clone());
        tokio::spawn(async move {
            let mut lat = Vec::new();
            while !done.load(Ordering::Relaxed) {
                lat.push(cluster.push(&small_token, batch(1)).await);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            lat
        })
    };
    let start = Instant::now();
    let tasks: Vec<_> = tokens
        .into_iter()
        .zip(bodies)
        .map(|(token, bodies)| {
            let cluster = cluster.clone();
            tokio::spawn(async move {
                let mut lat = Vec::new();
                for body in bodies {
                    lat.push(cluster.push(&token, body).await);
                }
                lat
            })
        })
        .collect();
    let mut lat = Vec::new();
    for t in tasks {
        lat.extend(t.await.unwrap());
    }
    let elapsed = start.elapsed();
    done.store(true, Ordering::Relaxed);
    let mut small_lat = small.await.unwrap();
    lat.sort();
    small_lat.sort();
    let total = clients * batches * PER_BATCH;
    println!(
        "ingest: {total} revisions in {:.2} s = {:.0} revisions/s ({:.1} MB/s of JSON)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        json_bytes as f64 / elapsed.as_secs_f64() / 1e6,
    );
    println!(
        "  500-revision push latency: p50 {:.1} ms, p99 {:.1} ms ({} pushes)",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.len()
    );
    println!(
        "  1-revision push latency under that load: p50 {:.1} ms, p99 {:.1} ms ({} pushes)",
        percentile(&small_lat, 0.5),
        percentile(&small_lat, 0.99),
        small_lat.len()
    );

    // First sync to a new device: 10,000 revisions, pages of 500.
    let token = cluster.session(&provider, "first-sync").await;
    for _ in 0..20 {
        cluster.push(&token, batch(500)).await;
    }
    let device = cluster.session(&provider, "first-sync").await;
    let start = Instant::now();
    let (mut after, mut pulled) = (0, 0);
    loop {
        let page: Page = cluster
            .http
            .get(format!(
                "{}/v1/revisions?after={after}&limit=500",
                cluster.url()
            ))
            .bearer_auth(&device)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        pulled += page.items.len();
        after = page.next_after;
        if !page.has_more {
            break;
        }
    }
    let elapsed = start.elapsed();
    assert_eq!(pulled, 10_000);
    println!(
        "first sync: {pulled} revisions pulled by a new device in {:.2} s = {:.0} revisions/s",
        elapsed.as_secs_f64(),
        pulled as f64 / elapsed.as_secs_f64()
    );
    drop(fleet);
    drop(provider);
    drop(db);
}
