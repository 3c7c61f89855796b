//! The sync engine over real library files, with the server kept in memory so thousands of
//! orderings run in seconds (the same scenarios run through the real server and
//! PostgreSQL in the sync end-to-end tests). Devices edit offline, then sync in every
//! order: all converge, no word is lost or doubled, no entry duplicated.

use jcc_store::{EntryPatch, NewEntry, NewJournal, Origin, Store};
use jcc_sync::{Account, Options, Remote, Result};
use jcc_sync_proto::{Envelope, KeysDoc, Page, PushResponse, PutKeys, Status, Stored};
use proptest::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use uuid::Uuid;

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

struct Device {
    store: Store,
    _dir: tempfile::TempDir,
}

fn device() -> Device {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("library.sqlite")).unwrap();
    Device { store, _dir: dir }
}

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

fn sync(d: &mut Device, server: &MemoryServer, account: &Account) -> jcc_sync::Outcome {
    run(jcc_sync::sync_now(
        &mut d.store,
        server,
        account,
        Options::default(),
    ))
    .unwrap()
}

fn account() -> Account {
    Account {
        key: jcc_sync::keys::set_up(None).unwrap().key,
        user: Uuid::new_v4(),
    }
}

/// Every device's view of the library: entity -> digest.
fn view(d: &Device) -> HashMap<String, String> {
    d.store.sync_digests(&[]).unwrap().into_iter().collect()
}

fn only_entry(d: &Device) -> jcc_store::Entry {
    let entries = d
        .store
        .list_entries(&jcc_store::EntryFilter::default())
        .unwrap();
    assert_eq!(
        entries.len(),
        1,
        "one entry, never a duplicate: {entries:?}"
    );
    entries.into_iter().next().unwrap()
}

fn edit(d: &mut Device, body: &str) {
    let e = only_entry(d);
    d.store
        .save_entry(
            e.id,
            EntryPatch {
                body: Some(body.into()),
                ..Default::default()
            },
            Origin::Writer,
            Some(e.version),
        )
        .unwrap();
}

/// Device 0 writes a journal with one entry and everyone syncs it.
fn shared_entry(n: usize, body: &str) -> (Vec<Device>, MemoryServer, Account) {
    let server = MemoryServer::default();
    let account = account();
    let mut devices: Vec<Device> = (0..n).map(|_| device()).collect();
    let j = devices[0]
        .store
        .create_journal(NewJournal {
            title: "Morning pages".into(),
            ..Default::default()
        })
        .unwrap();
    devices[0]
        .store
        .add_entry(NewEntry {
            journal_id: j.id,
            title: "Monday".into(),
            body: body.into(),
            tags: vec!["home".into()],
            ..Default::default()
        })
        .unwrap();
    for d in devices.iter_mut() {
        sync(d, &server, &account);
    }
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

#[derive(Debug, Clone)]
enum Step {
    /// Device appends a paragraph with a unique word.
    Append(usize),
    /// Device rewrites the first paragraph it has, adding a unique word.
    Rewrite(usize),
    /// Device adds a tag.
    Tag(usize),
    Sync(usize),
}

fn step(devices: usize) -> impl Strategy<Value = Step> {
    let d = 0..devices;
    prop_oneof![
        d.clone().prop_map(Step::Append),
        d.clone().prop_map(Step::Rewrite),
        d.clone().prop_map(Step::Tag),
        d.prop_map(Step::Sync),
    ]
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
        let (mut devices, server, account) = shared_entry(n, "Start.");
        let mut words = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            match *s {
                Step::Append(d) if d < n => {
                    let word = format!("w{i}x");
                    let body = format!("{}\n\nAdded {word}.", only_entry(&devices[d]).body);
                    edit(&mut devices[d], &body);
                    words.push(word);
                }
                Step::Rewrite(d) if d < n => {
                    let word = format!("w{i}x");
                    let body = only_entry(&devices[d]).body;
                    let (first, rest) = body.split_once("\n\n").unwrap_or((&body, ""));
                    let new = if rest.is_empty() {
                        format!("{first} {word}")
                    } else {
                        format!("{first} {word}\n\n{rest}")
                    };
                    edit(&mut devices[d], &new);
                    words.push(word);
                }
                Step::Tag(d) if d < n => {
                    let e = only_entry(&devices[d]);
                    let mut tags = e.tags.clone();
                    tags.push(format!("t{i}"));
                    devices[d].store.save_entry(e.id, EntryPatch { tags: Some(tags), ..Default::default() }, Origin::Writer, Some(e.version)).unwrap();
                }
                Step::Sync(d) if d < n => { sync(&mut devices[d], &server, &account); }
                _ => {}
            }
        }
        for _ in 0..3 {
            for d in devices.iter_mut() {
                sync(d, &server, &account);
            }
        }
        let first = view(&devices[0]);
        for d in &devices[1..] {
            prop_assert_eq!(&view(d), &first);
        }
        let body = only_entry(&devices[0]).body;
        for w in &words {
            prop_assert!(body.contains(w.as_str()), "lost {} in {:?}", w, body);
            prop_assert_eq!(body.matches(w.as_str()).count(), 1, "doubled {} in {:?}", w, body);
        }
    }
}
