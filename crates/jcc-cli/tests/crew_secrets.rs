//! A planted API key goes into the real OS keyring (a Secret Service: gnome-keyring on
//! a private D-Bus session) and nowhere else: not the library file, not the logs, not
//! `--json` output. The key still reaches the endpoint as a Bearer token.
//! `JCC_REQUIRE_SECRET_SERVICE=1` (CI) makes a missing dbus/gnome-keyring a failure.

mod common;
mod llm_support;

use common::Jcc;
use llm_support::fault::FaultServer;
use std::process::Command;

const KEY: &str = "sk-PLANTED-7f3a9c1e55d2";

#[test]
fn a_planted_api_key_lives_only_in_the_os_keyring() {
    if !jcc_testkit::tools(
        jcc_testkit::Switch::SecretService,
        &["dbus-run-session", "gnome-keyring-daemon", "secret-tool"],
        "dbus dbus-x11 gnome-keyring libsecret-tools",
    ) {
        return;
    }
    let server = FaultServer::start();
    let jcc = Jcc::new();
    let home = jcc.path("home");
    let runtime = jcc.path("runtime");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("jcc");
    let out_dir = jcc.path("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    // Everything that needs the keyring runs inside one private session bus.
    let script = format!(
        r#"set -e
echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
J="{bin}"
printf '%s' "$KEY" | "$J" --json llm add remote --base-url {url} --model scripted --structured-output json_object --api-key-stdin > {o}/add.json
"$J" --json llm list > {o}/list.json
"$J" --json llm test remote > {o}/test.json
"$J" -v --json crew run --theme "Calm" --title-style practical --voice "a kind teacher" --depth light --lead-magnet --profile remote --yes > {o}/run.json 2> {o}/run.err
secret-tool lookup service journal-craft-crew username remote > {o}/keyring.txt || true
"$J" llm remove remote
"#,
        bin = bin.display(),
        url = server.base_url(),
        o = out_dir.display()
    );
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &script])
        .env("HOME", &home)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("KEY", KEY)
        .env("JCC_DATA_DIR", jcc.data_dir())
        .env("JCC_CONFIG_DIR", jcc.dir.path().join("config"))
        .env("JCC_LOG", "debug")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "stdout {} stderr {} run.err {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(out_dir.join("run.err")).unwrap_or_default()
    );
    // The key went to the keyring (keyring-core stores it under service/username)...
    let stored = std::fs::read_to_string(out_dir.join("keyring.txt")).unwrap_or_default();
    assert!(stored.contains(KEY), "the key is in the Secret Service");
    // ...and reached the endpoint on every request.
    let auth = server.auth_headers();
    assert!(
        !auth.is_empty() && auth.iter().all(|a| a == &format!("Bearer {KEY}")),
        "{auth:?}"
    );
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["status"], "finished");
    // Nowhere else: library file (+WAL), logs, every --json output and stderr.
    let mut files = vec![
        out_dir.join("add.json"),
        out_dir.join("list.json"),
        out_dir.join("test.json"),
        out_dir.join("run.json"),
        out_dir.join("run.err"),
    ];
    for entry in walk(&jcc.data_dir()) {
        files.push(entry);
    }
    assert!(files.iter().any(|f| f.ends_with("library.sqlite3")));
    assert!(
        files.iter().any(|f| f.to_string_lossy().contains("logs")),
        "logs were written: {files:?}"
    );
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        assert!(
            !bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes()),
            "the API key leaked into {}",
            f.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
