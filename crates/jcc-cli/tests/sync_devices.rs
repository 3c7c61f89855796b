//! `jcc sync` as writers use it, on real components: devices (each its own library) sign in
//! through the real OpenID provider (PKCE; the browser replaced by a cookie-keeping client),
//! keep their secrets in a real Secret Service, and sync through two real server processes
//! over one PostgreSQL, round-robin. Needs PostgreSQL, Node.js with scripts/oidc installed,
//! and gnome-keyring: `JCC_REQUIRE_POSTGRES`, `JCC_REQUIRE_SYNC_STACK` and
//! `JCC_REQUIRE_SECRET_SERVICE` (all set by scripts/test.sh) make a missing one a failure.

mod sync_support;

use jcc_sync_testkit::ProviderOptions;
use serde_json::Value;
use sync_support::{device, dump, sync_revisions, Device, Stack};

const PASSPHRASE: &str = "correct horse battery staple";

fn entry_by_title<'a>(entries: &'a [Value], title: &str) -> &'a Value {
    entries
        .iter()
        .find(|e| e["title"] == title)
        .unwrap_or_else(|| panic!("no entry {title:?} in {entries:?}"))
}

fn id_of(d: &Device, title: &str) -> String {
    entry_by_title(&d.entries(), title)["id"].to_string()
}

fn edit(d: &Device, title: &str, body: &str) {
    let id = id_of(d, title);
    d.json(&["entry", "edit", &id, "--body", body], "");
}

fn show(d: &Device, title: &str) -> Value {
    let id = id_of(d, title);
    d.json(&["entry", "show", &id], "")["entry"].clone()
}

/// The first device signs in, sets up the account and writes a diary entry.
fn first_device(stack: &Stack) -> (Device, String) {
    let laptop = device(stack, "laptop");
    let signed = laptop.login(stack.servers.url(0), "writer");
    assert_eq!(signed["account_has_keys"], false, "{signed}");
    let set = laptop.json(&["sync", "setup", "--passphrase-stdin"], PASSPHRASE);
    let recovery = set["recovery_key"].as_str().unwrap().to_string();
    assert_eq!(recovery.split_whitespace().count(), 24, "{recovery}");
    laptop.json(&["journal", "new", "Sea Diary"], "");
    laptop.json(
        &[
            "entry",
            "add",
            "--journal",
            "Sea Diary",
            "--title",
            "Lighthouse",
            "--body",
            "The keeper hid a brass compass.\n\nWe walked to the pier at dusk.",
            "--tag",
            "saltwater",
        ],
        "",
    );
    let out = laptop.sync();
    assert!(out["pushed"].as_u64().unwrap() >= 2, "{out}");
    (laptop, recovery)
}

#[test]
fn devices_sign_in_unlock_and_converge_through_the_real_server() {
    let Some(stack) = Stack::start(2, ProviderOptions::default(), &[], None) else {
        return;
    };
    let (laptop, recovery) = first_device(&stack);

    // A second device, on the other server instance.
    let desktop = device(&stack, "desktop");
    let signed = desktop.login(stack.servers.url(1), "writer");
    assert_eq!(signed["account_has_keys"], true, "{signed}");
    // A wrong passphrase: refused, with nothing downloaded or written.
    let wrong = desktop.run(
        &["sync", "unlock", "--passphrase-stdin"],
        "correct horse battery stapler",
    );
    assert_eq!(
        wrong.status.code(),
        Some(17),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("nothing was downloaded"));
    assert_eq!(sync_revisions(&desktop), 0);
    assert!(desktop.entries().is_empty());
    let locked = desktop.run(&["sync", "now"], "");
    assert_ne!(locked.status.code(), Some(0));
    desktop.json(&["sync", "unlock", "--passphrase-stdin"], PASSPHRASE);
    let out = desktop.sync();
    assert!(out["pulled"].as_u64().unwrap() >= 2, "{out}");
    let arrived = entry_by_title(&desktop.entries(), "Lighthouse").clone();
    assert_eq!(arrived["tags"], serde_json::json!(["saltwater"]));
    assert!(arrived["body"].as_str().unwrap().contains("brass compass"));

    // Offline edits to different paragraphs on both: both survive, no review needed.
    edit(
        &laptop,
        "Lighthouse",
        "The keeper hid a brass compass under the stairs.\n\nWe walked to the pier at dusk.",
    );
    edit(
        &desktop,
        "Lighthouse",
        "The keeper hid a brass compass.\n\nWe walked to the pier at dusk, then home.",
    );
    laptop.sync();
    let merged = desktop.sync();
    assert_eq!(
        (merged["merged"].as_u64(), merged["review"].as_u64()),
        (Some(1), Some(0)),
        "{merged}"
    );
    laptop.sync();
    let expected = "The keeper hid a brass compass under the stairs.\n\nWe walked to the pier at dusk, then home.";
    for d in [&laptop, &desktop] {
        let e = show(d, "Lighthouse");
        assert_eq!(e["body"], expected, "{e}");
        assert_eq!(e["review_merge"], false);
    }

    // The same words changed differently: both versions kept, marked for review everywhere.
    edit(&laptop, "Lighthouse", "The keeper hid a silver compass under the stairs.\n\nWe walked to the pier at dusk, then home.");
    edit(&desktop, "Lighthouse", "The keeper hid a golden compass under the stairs.\n\nWe walked to the pier at dusk, then home.");
    laptop.sync();
    let out = desktop.sync();
    assert_eq!(out["review"].as_u64(), Some(1), "{out}");
    laptop.sync();
    for d in [&laptop, &desktop] {
        let e = show(d, "Lighthouse");
        let body = e["body"].as_str().unwrap();
        assert!(body.contains("silver") && body.contains("golden"), "{body}");
        assert_eq!(body.matches("pier at dusk").count(), 1, "{body}");
        assert_eq!(e["review_merge"], true);
        assert_eq!(d.entries().len(), 1, "never a conflict copy");
    }

    // A third device unlocks with the recovery key and gets the same library.
    let tablet = device(&stack, "tablet");
    tablet.login(stack.servers.url(0), "writer");
    tablet.json(
        &["sync", "unlock", "--recovery-key-stdin"],
        &format!("{recovery}\n"),
    );
    tablet.sync();
    assert_eq!(
        show(&tablet, "Lighthouse")["body"],
        show(&laptop, "Lighthouse")["body"]
    );

    // The server holds ciphertext only: no title, tag, journal name or phrase in a dump.
    let dump = dump(&stack.db);
    assert!(dump.len() > 1000, "the dump has the revisions");
    for planted in [
        "Lighthouse",
        "saltwater",
        "Sea Diary",
        "brass compass",
        "pier at dusk",
    ] {
        assert!(
            !dump.contains(planted),
            "{planted:?} is readable on the server"
        );
    }
    // ...and the secrets are in the OS keyring, not the library file.
    let library = std::fs::read(laptop.library()).unwrap();
    let status = laptop.json(&["sync", "status"], "");
    assert_eq!(
        (status["signed_in"].as_bool(), status["unlocked"].as_bool()),
        (Some(true), Some(true)),
        "{status}"
    );
    assert!(!String::from_utf8_lossy(&library).contains(&recovery));
    let dir = std::fs::canonicalize(laptop.data_dir()).unwrap();
    let secret = |service: &str, name: &str| {
        stack
            .keyring
            .lookup(service, &format!("{name}:{}", dir.display()))
    };
    let session = secret("journal-craft-crew", "sync-session").expect("the session in the keyring");
    let key = secret("journal-craft-crew", "sync-account-key").expect("the key in the keyring");
    let refresh = secret("journal-craft-crew-sync", "refresh-token").expect("the refresh token");
    for file in walk(&laptop.data_dir()) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).to_string();
        for (what, secret) in [
            ("session", &session),
            ("account key", &key),
            ("refresh token", &refresh),
        ] {
            let secret = secret.trim();
            let hex_part = secret.split(':').next_back().unwrap();
            assert!(
                !text.contains(hex_part),
                "the {what} is in {}",
                file.display()
            );
        }
    }

    // Signing out forgets the secrets and keeps every word.
    laptop.json(&["sync", "logout"], "");
    let status = laptop.json(&["sync", "status"], "");
    assert_eq!(status["signed_in"], false, "{status}");
    assert!(secret("journal-craft-crew", "sync-session").is_none());
    assert!(secret("journal-craft-crew", "sync-account-key").is_none());
    assert!(secret("journal-craft-crew-sync", "refresh-token").is_none());
    assert!(show(&laptop, "Lighthouse")["body"]
        .as_str()
        .unwrap()
        .contains("compass"));
    let after = laptop.run(&["sync", "now"], "");
    assert_eq!(
        after.status.code(),
        Some(16),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn an_expired_session_is_renewed_mid_sync_and_a_provider_outage_loses_nothing() {
    let Some(mut stack) = Stack::start(
        1,
        ProviderOptions::default(),
        &[("JCC_SYNC_SESSION_TTL_SECS", "2")],
        None,
    ) else {
        return;
    };
    let (laptop, _) = first_device(&stack);
    std::thread::sleep(std::time::Duration::from_secs(3));
    // The session expired: the refresh token gets a new one, and the sync goes through.
    laptop.json(
        &[
            "entry",
            "add",
            "--journal",
            "Sea Diary",
            "--title",
            "Tide",
            "--body",
            "Low at six.",
        ],
        "",
    );
    let out = laptop.sync();
    assert!(out["pushed"].as_u64().unwrap() >= 1, "{out}");

    // The provider goes down while the session is expired: a clear error, the words stay.
    stack.provider.stop();
    std::thread::sleep(std::time::Duration::from_secs(3));
    laptop.json(
        &[
            "entry",
            "add",
            "--journal",
            "Sea Diary",
            "--title",
            "Storm",
            "--body",
            "Wind from the west.",
        ],
        "",
    );
    let failed = laptop.run(&["sync", "now"], "");
    let err = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(15), "{err}");
    assert!(err.contains(&stack.provider.issuer), "{err}");
    assert!(entry_by_title(&laptop.entries(), "Storm")["body"] == "Wind from the west.");
    let status = laptop.json(&["sync", "status"], "");
    assert!(status["outbox"].as_i64().unwrap() >= 1, "{status}");
}

#[test]
fn a_sync_killed_mid_pull_resumes_without_a_lost_or_doubled_entry() {
    let Some(stack) = Stack::start(2, ProviderOptions::default(), &[], None) else {
        return;
    };
    let (laptop, _) = first_device(&stack);
    // 1,500 entries, imported as Markdown files.
    let folder = stack.dir.path().join("import");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..1500 {
        std::fs::write(
            folder.join(format!("day-{i:04}.md")),
            format!("# Day {i}\n\nNote number {i} about the sea.\n"),
        )
        .unwrap();
    }
    laptop.json(
        &["import", folder.to_str().unwrap(), "--journal", "Sea Diary"],
        "",
    );
    laptop.sync();
    let desktop = device(&stack, "desktop");
    desktop.login(stack.servers.url(1), "writer");
    desktop.json(&["sync", "unlock", "--passphrase-stdin"], PASSPHRASE);
    // Cut the first sync short, twice, at different points.
    for wait_ms in [300, 900] {
        let mut child = desktop
            .command(&["sync", "now"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    desktop.sync();
    let entries = desktop.entries();
    assert_eq!(entries.len(), 1501, "every entry exactly once");
    let mut titles: Vec<&str> = entries
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), 1501, "no entry doubled");
    // And the laptop hears nothing new: the desktop sent no copies back.
    let again = laptop.sync();
    assert_eq!(again["pulled"].as_u64(), Some(0), "{again}");
}
