//! Several devices pushing at once to several instances over one database, and an instance
//! killed mid-batch: every revision is stored exactly once, and a device that pages with
//! `after = next_after` sees all of them (an account's commit order is its sequence order).

mod support;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use support::{envelopes, Stack};
use uuid::Uuid;

const DEVICES: usize = 3;
const BATCHES: usize = 12;
const PER_BATCH: usize = 20;

/// Asserts the account holds exactly `expected`, once each, numbered 1..=N without a gap.
async fn assert_exactly(stack: &Stack, s: &support::Session, expected: &HashSet<Uuid>) {
    let all = stack.pull_all(s, 500).await;
    let seqs: Vec<i64> = all.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(
        seqs,
        (1..=expected.len() as i64).collect::<Vec<_>>(),
        "sequence numbers 1..=N, no gap, no repeat"
    );
    let ids: HashSet<Uuid> = all.iter().map(|(_, e)| e.rev_id).collect();
    assert_eq!(ids.len(), all.len(), "no revision stored twice");
    assert_eq!(&ids, expected);
    assert_eq!(
        stack.rows("revisions", s.user_id).await,
        expected.len() as i64
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn devices_pushing_at_once_to_three_instances_store_everything_once_and_a_follower_sees_all()
{
    let Some(stack) = Stack::start(
        3,
        &[
            ("JCC_SYNC_POLL_MS", "20"),
            ("JCC_SYNC_RATE_PER_MINUTE", "0"),
        ],
    )
    .await
    else {
        return;
    };
    let stack = Arc::new(stack);
    let mut pushers = Vec::new();
    let mut followers = Vec::new();
    let mut accounts = Vec::new();
    for user in ["ana", "ben"] {
        let reader = stack.sign_in(user).await;
        accounts.push(reader.clone());
        // The follower pages with after = next_after while the pushes land, the way a
        // device stays in sync: if a late commit took a number below one it had already
        // passed, it would never see that revision.
        let (st, follower) = (stack.clone(), reader.clone());
        followers.push(tokio::spawn(async move {
            let (mut after, mut seen) = (0i64, Vec::new());
            let target = DEVICES * BATCHES * PER_BATCH;
            while seen.len() < target {
                let (status, page) = st
                    .call(
                        Method::GET,
                        &format!("/v1/revisions?after={after}&limit=50&wait=2"),
                        Some(&follower.token),
                        None,
                    )
                    .await;
                assert_eq!(status, StatusCode::OK, "{page}");
                let page: jcc_sync_proto::Page = serde_json::from_value(page).unwrap();
                for item in &page.items {
                    assert!(item.seq > after, "pages move forward only");
                    seen.push(item.envelope.rev_id);
                    after = item.seq;
                }
                after = after.max(page.next_after);
            }
            seen
        }));
        for _ in 0..DEVICES {
            let (st, device) = (stack.clone(), stack.sign_in(user).await);
            pushers.push(tokio::spawn(async move {
                let mut sent = Vec::new();
                for batch in 0..BATCHES {
                    let items = envelopes(PER_BATCH, 500 + batch * 200);
                    let (status, body) = st.push(&device, &items).await;
                    assert_eq!(status, StatusCode::OK, "{body}");
                    assert_eq!(body["stored"].as_u64(), Some(PER_BATCH as u64), "{body}");
                    // Every third batch is sent again, to another instance: nothing new stored.
                    if batch % 3 == 0 {
                        let (_, body) = st.push(&device, &items).await;
                        assert_eq!(
                            (body["stored"].as_u64(), body["duplicates"].as_u64()),
                            (Some(0), Some(PER_BATCH as u64))
                        );
                    }
                    sent.extend(items.iter().map(|e| e.rev_id));
                }
                (device.user_id, sent)
            }));
        }
    }
    let mut sent: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
    for p in pushers {
        let (user, ids) = p.await.unwrap();
        sent.entry(user).or_default().extend(ids);
    }
    for (account, follower) in accounts.iter().zip(followers) {
        let seen = tokio::time::timeout(Duration::from_secs(60), follower)
            .await
            .expect("the follower saw every revision")
            .unwrap();
        let expected = &sent[&account.user_id];
        assert_eq!(expected.len(), DEVICES * BATCHES * PER_BATCH);
        assert_eq!(
            seen.len(),
            expected.len(),
            "the follower saw each revision once"
        );
        assert_eq!(&seen.into_iter().collect::<HashSet<_>>(), expected);
        assert_exactly(&stack, account, expected).await;
    }
    // Under SERIALIZABLE two pushes to one account collide on its row (SQLSTATE 40001):
    // the retry loop must have rerun some, and every revision is still there exactly once.
    let mut retries = 0;
    for url in stack.servers.urls() {
        let text = stack
            .http
            .get(format!("{url}/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        retries += text
            .lines()
            .find_map(|l| l.strip_prefix("jcc_sync_transaction_retries_total "))
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap();
    }
    eprintln!("{retries} transactions retried");
    if std::env::var("JCC_SYNC_TEST_SERIALIZABLE").is_ok_and(|v| v == "1") {
        assert!(
            retries > 0,
            "concurrent pushes under SERIALIZABLE were retried"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_instance_killed_mid_batch_loses_and_doubles_nothing_once_the_batch_is_resent() {
    let Some(mut stack) = Stack::start(2, &[]).await else {
        return;
    };
    let device = stack.sign_in("fay").await;
    let mut expected = HashSet::new();
    let mut cut = 0;
    for delay_ms in [2u64, 10, 30, 60, 120, 250] {
        // ~4.7 MB of ciphertext, ~6.3 MB of JSON: big enough to be in flight when killed.
        let batch = envelopes(400, 12_000);
        let body = serde_json::to_vec(&serde_json::json!({ "items": batch })).unwrap();
        let url = format!("{}/v1/revisions", stack.servers.url(0));
        let push = {
            let (http, token, body) = (stack.http.clone(), device.token.clone(), body.clone());
            tokio::spawn(async move {
                let response = http
                    .post(url)
                    .bearer_auth(token)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await?;
                response
                    .error_for_status()?
                    .json::<serde_json::Value>()
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        stack.servers.kill(0);
        let first = push.await.unwrap();
        if first.is_err() {
            cut += 1;
        }
        // The device did not get an answer (or did): it sends the batch again, elsewhere.
        let (status, resent) = stack
            .call_at(
                stack.servers.url(1),
                Method::POST,
                "/v1/revisions",
                Some(&device.token),
                Some(body),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{resent}");
        let (stored, duplicates) = (
            resent["stored"].as_u64().unwrap(),
            resent["duplicates"].as_u64().unwrap(),
        );
        assert_eq!(stored + duplicates, 400, "{resent}");
        if first.is_ok() {
            assert_eq!(duplicates, 400, "a push that was answered was stored whole");
        } else {
            assert!(
                stored == 400 || duplicates == 400,
                "the killed push stored all or nothing: {resent}"
            );
        }
        expected.extend(batch.iter().map(|e| e.rev_id));
        tokio::task::block_in_place(|| stack.servers.restart(0)).unwrap();
    }
    eprintln!("{cut} of 6 pushes were cut by the kill");
    assert!(
        cut > 0,
        "at least one kill landed while the push was in flight"
    );
    assert_exactly(&stack, &device, &expected).await;
}
