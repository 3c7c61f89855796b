//! Client-side sync figures on loopback against the real server and PostgreSQL:
//! the first sync of N entries to a new device, and one change end to end.
//!
//! cargo build --release -p jcc-sync-server && cargo run --release -p jcc-sync --example bench [-- --entries 10000]

use jcc_store::{EntryPatch, NewEntry, NewJournal, Origin, Store};
use jcc_sync::remote::open_session;
use jcc_sync::{Account, HttpRemote, Options};
use jcc_sync_testkit::{
    id_token, Provider, ProviderOptions, ServerOptions, SyncServers, TestDatabase,
};
use std::time::Instant;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let entries = arg("--entries", 10_000);
    let bin = jcc_sync_testkit::server_binary().expect("cargo build --release -p jcc-sync-server");
    let db = TestDatabase::create().expect("PostgreSQL (apt-get install postgresql)");
    let provider = Provider::start(ProviderOptions::default()).expect("scripts/oidc (npm ci)");
    let servers = SyncServers::start(
        ServerOptions {
            bin,
            database_url: db.url.clone(),
            issuer: provider.issuer.clone(),
            client_id: provider.client_id.clone(),
            env: vec![("JCC_SYNC_RATE_PER_MINUTE".into(), "0".into())],
        },
        1,
    )
    .expect("the sync server");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url = servers.url(0).to_string();
    let session = rt.block_on(async {
        let token = id_token(&provider, "writer").await.unwrap();
        open_session(&url, &token, "bench").await.unwrap()
    });
    let account = Account {
        key: jcc_sync::keys::set_up(None).unwrap().key,
        user: session.user_id,
    };
    let remote = HttpRemote::new(&url, session.session_token.clone(), None);
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let j = a
        .create_journal(NewJournal {
            title: "Diary".into(),
            ..Default::default()
        })
        .unwrap();
    a.transaction(|s| {
        for i in 0..entries {
            s.append_entry(NewEntry {
                journal_id: j.id,
                title: format!("Day {i}"),
                body: format!(
                    "Morning {i}.\n\n{}",
                    "A line about the weather and the sea. ".repeat(40)
                ),
                tags: vec!["sea".into()],
                ..Default::default()
            })?;
        }
        Ok(())
    })
    .unwrap();
    let started = Instant::now();
    let first = rt
        .block_on(jcc_sync::sync_now(
            &mut a,
            &remote,
            &account,
            Options::default(),
        ))
        .unwrap();
    let upload = started.elapsed();
    let started = Instant::now();
    let got = rt
        .block_on(jcc_sync::sync_now(
            &mut b,
            &remote,
            &account,
            Options::default(),
        ))
        .unwrap();
    let download = started.elapsed();
    assert_eq!(got.pulled, first.pushed);
    // One change end to end: saved on A, synced by A, then by B.
    let e = a.list_entries(&Default::default()).unwrap().remove(0);
    let mut one = Vec::new();
    for i in 0..20 {
        a.save_entry(
            e.id,
            EntryPatch {
                body: Some(format!("{}\n\nEdit {i}.", e.body)),
                ..Default::default()
            },
            Origin::Writer,
            None,
        )
        .unwrap();
        let t = Instant::now();
        rt.block_on(jcc_sync::sync_now(
            &mut a,
            &remote,
            &account,
            Options::default(),
        ))
        .unwrap();
        let got = rt
            .block_on(jcc_sync::sync_now(
                &mut b,
                &remote,
                &account,
                Options::default(),
            ))
            .unwrap();
        assert_eq!(got.pulled, 1);
        one.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    one.sort_by(|x, y| x.partial_cmp(y).unwrap());
    println!("entries: {entries}; revisions: {}", first.pushed);
    println!(
        "first sync, upload from the writing device: {:.2} s ({:.0} revisions/s)",
        upload.as_secs_f64(),
        first.pushed as f64 / upload.as_secs_f64()
    );
    println!(
        "first sync to a new device (download, decrypt, apply): {:.2} s ({:.0} revisions/s)",
        download.as_secs_f64(),
        got.pulled as f64 / download.as_secs_f64()
    );
    println!(
        "one change end to end (sync on A, then on B): median {:.1} ms, max {:.1} ms",
        one[one.len() / 2],
        one[one.len() - 1]
    );
}
