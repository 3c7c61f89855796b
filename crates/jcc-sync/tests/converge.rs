//! The sync engine over real library files, with the server kept in memory so thousands of
//! orderings run in seconds (the same scenarios run through the real server and
//! PostgreSQL in the sync end-to-end tests). Devices edit offline, then sync in every
//! order: all converge, no word is lost or doubled, no entry duplicated.

use jcc_store::{NewEntry, NewJournal};
use jcc_sync::{Account, Options, Remote, Result};
use jcc_sync_proto::{Envelope, KeysDoc, Page, PushResponse, PutKeys, Status, Stored};
mod common;

use common::*;
use proptest::prelude::*;
use std::cell::RefCell;

/// The protocol's semantics, in memory: idempotent by revision id, pages by sequence.
#[derive(Default)]
struct MemoryServer {
    log: RefCell<Vec<Stored>>,
    keys: RefCell<Option<KeysDoc>>,
}

impl Remote for MemoryServer {
    async fn push(&self, items: Vec<Envelope>) -> Result<PushResponse> {
        let mut log = self.log.borrow_mut();
        let (mut stored, mut duplicates) = (0, 0);
        for env in items {
            if log.iter().any(|s| s.envelope.rev_id == env.rev_id) {
                duplicates += 1;
            } else {
                let seq = log.len() as i64 + 1;
                log.push(Stored { seq, envelope: env });
                stored += 1;
            }
        }
        Ok(PushResponse {
            stored,
            duplicates,
            head_seq: log.len() as i64,
        })
    }

    async fn pull(&self, after: i64, limit: u32, _wait: u32) -> Result<Page> {
        let log = self.log.borrow();
        let items: Vec<Stored> = log
            .iter()
            .filter(|s| s.seq > after)
            .take(limit as usize)
            .cloned()
            .collect();
        let next_after = items.last().map_or(after, |s| s.seq);
        Ok(Page {
            has_more: (log.len() as i64) > next_after,
            items,
            next_after,
        })
    }

    async fn keys(&self) -> Result<Option<KeysDoc>> {
        Ok(self.keys.borrow().clone())
    }

    async fn put_keys(&self, put: PutKeys) -> Result<KeysDoc> {
        let doc = KeysDoc {
            version: put.expected_version + 1,
            data: put.data,
        };
        *self.keys.borrow_mut() = Some(doc.clone());
        Ok(doc)
    }

    async fn status(&self) -> Result<Status> {
        unreachable!("not used by the engine")
    }
}

/// Device 0 writes a journal with one entry and everyone syncs it.
fn shared_entry(n: usize, body: &str) -> (Vec<Device>, MemoryServer, Account) {
    let server = MemoryServer::default();
    let account = account();
    let devices = seed(n, body, std::slice::from_ref(&server), &account);
    (devices, server, account)
}

#[test]
fn an_entry_written_on_one_device_arrives_whole_on_another() {
    let (devices, _, _) = shared_entry(2, "It rained.\n\nWe made tea.");
    let a = only_entry(&devices[0]);
    let b = only_entry(&devices[1]);
    assert_eq!((a.uuid, a.body, a.tags), (b.uuid, b.body, b.tags));
    assert_eq!(view(&devices[0]), view(&devices[1]));
}

#[test]
fn offline_edits_to_different_paragraphs_both_survive_in_either_order() {
    for order in [[0, 1], [1, 0]] {
        let (mut devices, server, account) = shared_entry(2, "It rained.\n\nWe made tea.");
        edit(&mut devices[0], "It rained all morning.\n\nWe made tea.");
        edit(&mut devices[1], "It rained.\n\nWe made tea with Sam.");
        for round in 0..2 {
            for &i in &order {
                let out = sync(&mut devices[i], &server, &account);
                if round == 0 && i == order[1] {
                    assert_eq!(out.merged, 1, "{out:?}");
                    assert_eq!(out.review, 0, "{out:?}");
                }
            }
        }
        for d in &devices {
            assert_eq!(
                only_entry(d).body,
                "It rained all morning.\n\nWe made tea with Sam."
            );
            assert!(!only_entry(d).review_merge);
        }
        assert_eq!(view(&devices[0]), view(&devices[1]));
    }
}

#[test]
fn the_same_words_changed_on_two_devices_keep_both_and_mark_the_entry() {
    let (mut devices, server, account) = shared_entry(2, "We met at noon.");
    edit(&mut devices[0], "We met at one.");
    edit(&mut devices[1], "We met at two.");
    for _ in 0..2 {
        for d in devices.iter_mut() {
            sync(d, &server, &account);
        }
    }
    for d in &devices {
        let e = only_entry(d);
        assert!(
            e.body.contains("one") && e.body.contains("two"),
            "{}",
            e.body
        );
        assert!(e.review_merge);
    }
    assert_eq!(view(&devices[0]), view(&devices[1]));
    // The merge was made on one device and the other took it: the server holds one merge.
    let merges = devices[0]
        .store
        .connection()
        .query_row(
            "SELECT count(*) FROM sync_revisions WHERE kind = 'merge'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    assert_eq!(merges, 1);
}

#[test]
fn the_review_shows_the_two_versions_that_met_and_which_was_written_here() {
    let (mut devices, server, account) = shared_entry(2, "We met at noon.");
    edit(&mut devices[0], "We met at one.");
    edit(&mut devices[1], "We met at two.");
    for _ in 0..2 {
        for d in devices.iter_mut() {
            sync(d, &server, &account);
        }
    }
    for (i, d) in devices.iter().enumerate() {
        let entity = format!("entry/{}", only_entry(d).uuid);
        let (a, b) = jcc_sync::review::merge_sides(d.store.connection(), &entity)
            .unwrap()
            .expect("a conflicting merge is behind the entry");
        let mut bodies = [a.body.as_str(), b.body.as_str()];
        bodies.sort();
        assert_eq!(bodies, ["We met at one.", "We met at two."]);
        let mine = if i == 0 {
            "We met at one."
        } else {
            "We met at two."
        };
        for s in [&a, &b] {
            assert_eq!(s.from_here, s.body == mine, "{s:?} on device {i}");
        }
    }
    // A save on top of the merge (still marked) keeps the review pointing at it.
    edit(&mut devices[0], "We met at one, or two.");
    sync(&mut devices[0], &server, &account);
    let entity = format!("entry/{}", only_entry(&devices[0]).uuid);
    assert!(
        jcc_sync::review::merge_sides(devices[0].store.connection(), &entity)
            .unwrap()
            .is_some()
    );
}

#[test]
fn a_resent_outbox_stores_nothing_twice() {
    let (mut devices, server, account) = shared_entry(1, "One.");
    let before = server.log.borrow().len();
    // As if the acknowledgement was lost: everything is unsent again.
    devices[0]
        .store
        .transaction(|s| {
            s.connection()
                .execute("UPDATE sync_revisions SET pushed = 0", [])
                .unwrap();
            Ok(())
        })
        .unwrap();
    let out = sync(&mut devices[0], &server, &account);
    assert!(out.pushed >= 2, "{out:?}");
    assert_eq!(server.log.borrow().len(), before);
}

#[test]
fn a_deletion_for_good_travels_and_an_edit_beats_it() {
    let (mut devices, server, account) = shared_entry(2, "Keep me.");
    let e = only_entry(&devices[0]);
    devices[0].store.trash_entry(e.id).unwrap();
    devices[0].store.purge_entry(e.id).unwrap();
    sync(&mut devices[0], &server, &account);
    // The other device edited it offline: the edit wins and comes back everywhere.
    edit(&mut devices[1], "Keep me, I was edited.");
    for _ in 0..2 {
        for d in devices.iter_mut() {
            sync(d, &server, &account);
        }
    }
    for d in &devices {
        assert_eq!(only_entry(d).body, "Keep me, I was edited.");
    }
}

#[test]
fn a_journal_kept_on_this_device_is_never_sent() {
    let server = MemoryServer::default();
    let account = account();
    let (mut a, mut b) = (device(), device());
    let private = a
        .store
        .create_journal(NewJournal {
            title: "Private".into(),
            ..Default::default()
        })
        .unwrap();
    a.store
        .add_entry(NewEntry {
            journal_id: private.id,
            body: "Only here.".into(),
            ..Default::default()
        })
        .unwrap();
    a.store
        .transaction(|s| {
            jcc_sync::local::exclude(s.connection(), &private.uuid).unwrap();
            Ok(())
        })
        .unwrap();
    let out = sync(&mut a, &server, &account);
    assert_eq!(out.pushed, 0, "{out:?}");
    sync(&mut b, &server, &account);
    assert!(b.store.list_journals(false).unwrap().is_empty());
}

#[test]
fn a_sync_that_would_delete_most_entries_asks_first() {
    let server = MemoryServer::default();
    let account = account();
    let (mut a, mut b) = (device(), device());
    let j = a
        .store
        .create_journal(NewJournal {
            title: "Diary".into(),
            ..Default::default()
        })
        .unwrap();
    for i in 0..6 {
        a.store
            .add_entry(NewEntry {
                journal_id: j.id,
                body: format!("Day {i}."),
                ..Default::default()
            })
            .unwrap();
    }
    sync(&mut a, &server, &account);
    sync(&mut b, &server, &account);
    let ids: Vec<_> = a
        .store
        .list_entries(&jcc_store::EntryFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    for id in &ids[..4] {
        a.store.trash_entry(*id).unwrap();
        a.store.purge_entry(*id).unwrap();
    }
    sync(&mut a, &server, &account);
    let err = run(jcc_sync::sync_now(
        &mut b.store,
        &server,
        &account,
        Options::default(),
    ))
    .unwrap_err();
    assert!(
        err.to_string().contains("would delete 4 of your 6 entries"),
        "{err}"
    );
    let live = b
        .store
        .list_entries(&jcc_store::EntryFilter::default())
        .unwrap();
    assert_eq!(live.len(), 6, "nothing deleted before the writer agrees");
    let allowed = Options {
        allow_mass_delete: true,
    };
    run(jcc_sync::sync_now(&mut b.store, &server, &account, allowed)).unwrap();
    assert_eq!(
        b.store
            .list_entries(&jcc_store::EntryFilter::default())
            .unwrap()
            .len(),
        2
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Two or three devices, offline edits, syncs in any order: all converge, every word
    /// written survives exactly once, and there is still exactly one entry.
    #[test]
    fn devices_converge_without_losing_or_doubling_words(
        n in 2usize..=3,
        steps in proptest::collection::vec(step(3), 1..14),
    ) {
        let server = MemoryServer::default();
        play(n, &steps, std::slice::from_ref(&server), &account())?;
    }
}
