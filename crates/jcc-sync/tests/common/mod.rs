//! Devices and scenarios shared by the sync engine's tests: the same steps run against the
//! in-memory protocol (converge.rs) and the real server on PostgreSQL (real_server.rs).

#![allow(dead_code)]

use jcc_store::{EntryPatch, NewEntry, NewJournal, Origin, Store};
use jcc_sync::{Account, Options, Remote};
use proptest::prelude::*;
use std::collections::HashMap;
use uuid::Uuid;

pub struct Device {
    pub store: Store,
    _dir: tempfile::TempDir,
}

pub fn device() -> Device {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("library.sqlite")).unwrap();
    Device { store, _dir: dir }
}

pub fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

pub fn sync<R: Remote>(d: &mut Device, server: &R, account: &Account) -> jcc_sync::Outcome {
    run(jcc_sync::sync_now(
        &mut d.store,
        server,
        account,
        Options::default(),
    ))
    .unwrap()
}

pub fn account() -> Account {
    Account {
        key: jcc_sync::keys::set_up(None).unwrap().key,
        user: Uuid::new_v4(),
    }
}

/// Every device's view of the library: entity -> digest.
pub fn view(d: &Device) -> HashMap<String, String> {
    d.store.sync_digests(&[]).unwrap().into_iter().collect()
}

pub fn only_entry(d: &Device) -> jcc_store::Entry {
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

pub fn edit(d: &mut Device, body: &str) {
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

/// Device 0 writes a journal with one entry and every device syncs it (device `i`
/// through `remotes[i % remotes.len()]`).
pub fn seed<R: Remote>(n: usize, body: &str, remotes: &[R], account: &Account) -> Vec<Device> {
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
    for (i, d) in devices.iter_mut().enumerate() {
        sync(d, &remotes[i % remotes.len()], account);
    }
    devices
}

#[derive(Debug, Clone)]
pub enum Step {
    /// Device appends a paragraph with a unique word.
    Append(usize),
    /// Device rewrites the first paragraph it has, adding a unique word.
    Rewrite(usize),
    /// Device adds a tag.
    Tag(usize),
    Sync(usize),
}

pub fn step(devices: usize) -> impl Strategy<Value = Step> {
    let d = 0..devices;
    prop_oneof![
        d.clone().prop_map(Step::Append),
        d.clone().prop_map(Step::Rewrite),
        d.clone().prop_map(Step::Tag),
        d.prop_map(Step::Sync),
    ]
}

/// Plays `steps` (edits offline, syncs in the order drawn), then lets every device sync
/// three times round; checks all converge, every word written is there exactly once, and
/// there is still one entry.
pub fn play<R: Remote>(
    n: usize,
    steps: &[Step],
    remotes: &[R],
    account: &Account,
) -> Result<(), TestCaseError> {
    let mut devices = seed(n, "Start.", remotes, account);
    let remote = |d: usize| &remotes[d % remotes.len()];
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
                devices[d]
                    .store
                    .save_entry(
                        e.id,
                        EntryPatch {
                            tags: Some(tags),
                            ..Default::default()
                        },
                        Origin::Writer,
                        Some(e.version),
                    )
                    .unwrap();
            }
            Step::Sync(d) if d < n => {
                sync(&mut devices[d], remote(d), account);
            }
            _ => {}
        }
    }
    for _ in 0..3 {
        for (i, d) in devices.iter_mut().enumerate() {
            sync(d, remote(i), account);
        }
    }
    let first = view(&devices[0]);
    for d in &devices[1..] {
        prop_assert_eq!(&view(d), &first);
    }
    let body = only_entry(&devices[0]).body;
    for w in &words {
        prop_assert!(body.contains(w.as_str()), "lost {} in {:?}", w, body);
        prop_assert_eq!(
            body.matches(w.as_str()).count(),
            1,
            "doubled {} in {:?}",
            w,
            body
        );
    }
    Ok(())
}
