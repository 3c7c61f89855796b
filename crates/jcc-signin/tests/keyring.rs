//! The refresh token lives in a real OS keyring (gnome-keyring's Secret Service on a private
//! D-Bus session), one entry per library, and nowhere in the data directory; a refresh
//! stores the rotated token; signing out revokes and forgets; a provider that is down
//! leaves the stored sign-in as it was.
//! `JCC_REQUIRE_SECRET_SERVICE=1` / `JCC_REQUIRE_SYNC_STACK=1` (CI) turn a missing
//! dbus/gnome-keyring or Node.js into a failure.

mod common;

use common::{config, sign_in};
use jcc_signin::{SigninError, TokenStore, KEYRING_SERVICE};
use jcc_sync_testkit::{oidc_available, Provider, ProviderOptions};
use std::path::Path;
use std::process::Command;

/// Set in the copy of this test that runs inside the private D-Bus session.
const INSIDE: &str = "JCC_SIGNIN_KEYRING_INSIDE";

#[test]
fn the_refresh_token_lives_in_the_os_keyring_one_per_library() {
    if std::env::var_os(INSIDE).is_some() {
        return tokio::runtime::Runtime::new().unwrap().block_on(inside());
    }
    if !jcc_testkit::tools(
        jcc_testkit::Switch::SecretService,
        &["dbus-run-session", "gnome-keyring-daemon", "secret-tool"],
        "dbus dbus-x11 gnome-keyring libsecret-tools",
    ) || !oidc_available()
    {
        return;
    }
    // Run this same test again inside a private session bus with an unlocked keyring.
    let tmp = tempfile::tempdir().unwrap();
    let (home, runtime) = (tmp.path().join("home"), tmp.path().join("runtime"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let me = std::env::current_exe().unwrap();
    let out = Command::new("dbus-run-session")
        .args([
            "--",
            "sh",
            "-c",
            "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
             exec \"$0\" --exact the_refresh_token_lives_in_the_os_keyring_one_per_library --nocapture",
        ])
        .arg(&me)
        .env("HOME", &home)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env(INSIDE, tmp.path())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "inside the D-Bus session: {text}");
    assert!(text.contains("1 passed"), "the inner test ran: {text}");
}

fn secret_tool(account: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", KEYRING_SERVICE, "username", account])
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// No file under `dir` holds `secret`.
fn nowhere_in(dir: &Path, secret: &str) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            nowhere_in(&path, secret);
        } else if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(secret),
                "{} holds a token",
                path.display()
            );
        }
    }
}

async fn inside() {
    let base = std::path::PathBuf::from(std::env::var_os(INSIDE).unwrap());
    let (dir_a, dir_b) = (base.join("library-a"), base.join("library-b"));
    std::fs::create_dir_all(&dir_a).unwrap();
    std::fs::create_dir_all(&dir_b).unwrap();
    let mut provider = Provider::start(ProviderOptions::default()).unwrap();
    let (alice, bob) = (config(&provider, "alice"), config(&provider, "bob"));
    let (store_a, store_b) = (
        TokenStore::for_data_dir(&dir_a),
        TokenStore::for_data_dir(&dir_b),
    );

    // Two libraries on one machine, two sign-ins that do not share an entry.
    let (a, _) = sign_in(&alice).await;
    let (b, _) = sign_in(&bob).await;
    store_a.keep(&a).unwrap();
    store_b.keep(&b).unwrap();
    let rt_a = a.refresh_token.clone().unwrap();
    let rt_b = b.refresh_token.clone().unwrap();
    assert_eq!(store_a.load().unwrap().as_deref(), Some(rt_a.as_str()));
    assert_eq!(store_b.load().unwrap().as_deref(), Some(rt_b.as_str()));
    assert_eq!(
        secret_tool(store_a.account()).as_deref(),
        Some(rt_a.as_str()),
        "in the Secret Service"
    );
    assert!(!format!("{store_a:?}").contains(&rt_a));

    // A refresh keeps the rotated token, in the keyring only.
    let fresh = store_a.refresh(&alice).await.unwrap();
    let rotated = fresh.refresh_token.clone().unwrap();
    assert_ne!(rotated, rt_a);
    assert_eq!(store_a.load().unwrap().as_deref(), Some(rotated.as_str()));
    assert_eq!(fresh.subject, "alice");
    for secret in [&rt_a, &rotated, &rt_b, &fresh.id_token] {
        nowhere_in(&dir_a, secret);
        nowhere_in(&dir_b, secret);
    }
    assert!(
        dir_a.join(jcc_signin::LOCK_FILE).is_file(),
        "the refresh took the lock"
    );

    // Signing out revokes at the provider and forgets.
    store_a.sign_out(&alice).await.unwrap();
    assert_eq!(store_a.load().unwrap(), None);
    assert!(matches!(
        store_a.refresh(&alice).await,
        Err(SigninError::NotSignedIn)
    ));
    assert!(matches!(
        jcc_signin::refresh(&alice, &rotated).await,
        Err(SigninError::TokenRefused { .. })
    ));

    // The provider goes down: a clear error, and library B's sign-in is kept for later.
    provider.stop();
    let err = store_b.refresh(&bob).await.unwrap_err();
    assert!(
        matches!(&err, SigninError::ProviderUnreachable { issuer, .. } if issuer == &provider.issuer),
        "{err}"
    );
    assert_eq!(store_b.load().unwrap().as_deref(), Some(rt_b.as_str()));
    store_b.delete().unwrap();
    assert_eq!(secret_tool(store_b.account()), None);
}
