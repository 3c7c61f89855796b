//! The devices property test through the real server: two server processes over one
//! PostgreSQL (requests round-robin: device `i` talks to instance `i % 2`), accounts signed
//! in through the real OpenID provider. Offline edits on two or three devices, synced in
//! every drawn order: all converge, no word lost or doubled, no duplicate entry.
//! `JCC_REQUIRE_POSTGRES` and `JCC_REQUIRE_SYNC_STACK` make a missing component a failure.

mod common;

use common::*;
use jcc_sync::remote::open_session;
use jcc_sync::{Account, HttpRemote};
use jcc_sync_testkit::{id_token, ProviderOptions, Stack};
use proptest::test_runner::{Config, TestRunner};

#[test]
fn devices_converge_through_the_real_server() {
    let Some(stack) = Stack::start(
        2,
        ProviderOptions::default(),
        &[("JCC_SYNC_RATE_PER_MINUTE", "0")],
        None,
    ) else {
        return;
    };
    let (provider, servers) = (&stack.provider, &stack.servers);
    let case = std::sync::atomic::AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 12,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (2usize..=3, proptest::collection::vec(step(3), 1..12));
    runner
        .run(&strategy, |(n, steps)| {
            // Each case is its own account (the provider signs in whoever is named).
            let n_case = case.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let user = format!("writer-{n_case}-{}", uuid::Uuid::new_v4());
            let session = run(async {
                let token = id_token(provider, &user).await.unwrap();
                open_session(servers.url(0), &token, "test").await.unwrap()
            });
            let account = Account {
                key: jcc_sync::keys::set_up(None).unwrap().key,
                user: session.user_id,
            };
            let remotes: Vec<HttpRemote> = (0..2)
                .map(|i| HttpRemote::new(servers.url(i), session.session_token.clone(), None))
                .collect();
            play(n, &steps, &remotes, &account)
        })
        .unwrap();
}
