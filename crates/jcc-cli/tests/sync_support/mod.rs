//! Devices for sync tests: each a `jcc` with its own data directory, all sharing one real
//! Secret Service (as apps on one desktop would; each library's secrets are named after its
//! data directory), signing in through the real OpenID provider to real sync servers on
//! PostgreSQL.

#![allow(dead_code)]

use jcc_sync_testkit::{headless_browser, TestDatabase};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub use jcc_sync_testkit::Stack;

/// A device of the test: a `jcc` on a library of its own, on the stack's keyring.
pub fn device(stack: &Stack, name: &str) -> Device {
    let root = stack.dir.path().join(name);
    std::fs::create_dir_all(&root).unwrap();
    Device {
        root,
        env: stack.keyring_env(),
    }
}

pub struct Device {
    pub root: PathBuf,
    env: Vec<(String, String)>,
}

impl Device {
    pub fn data_dir(&self) -> PathBuf {
        self.root.join("data")
    }

    pub fn library(&self) -> PathBuf {
        self.data_dir().join("library.sqlite3")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(assert_cmd::cargo::cargo_bin("jcc"));
        c.args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .env("JCC_DATA_DIR", self.data_dir())
            .env("JCC_CONFIG_DIR", self.root.join("config"))
            .env_remove("JCC_SYNC_SERVER")
            .env("NO_COLOR", "1");
        c
    }

    /// Runs `jcc ARGS` with `stdin`; returns its output whatever its status.
    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// `jcc --json ARGS`, which must succeed; its JSON.
    pub fn json(&self, args: &[&str], stdin: &str) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all, stdin);
        assert!(
            out.status.success(),
            "jcc {args:?} failed ({:?}): {}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "jcc {args:?}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// `jcc sync login --no-browser`, with the test's browser following the printed address.
    pub fn login(&self, server: &str, user: &str) -> Value {
        let mut child = self
            .command(&[
                "--json",
                "sync",
                "login",
                "--server",
                server,
                "--no-browser",
                "--timeout",
                "60",
                "--login-hint",
                user,
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut seen = String::new();
        let url = loop {
            let mut line = String::new();
            if stderr.read_line(&mut line).unwrap() == 0 {
                let out = child.wait_with_output().unwrap();
                panic!(
                    "jcc sync login printed no address: {seen}{}",
                    String::from_utf8_lossy(&out.stdout)
                );
            }
            seen.push_str(&line);
            if line.starts_with("http") {
                break url::Url::parse(line.trim()).unwrap();
            }
        };
        let landing = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(headless_browser(&url))
            .unwrap();
        assert_eq!(landing.status, 200, "{}", landing.body);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "login failed: {seen}{}",
            String::from_utf8_lossy(&out.stdout)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub fn sync(&self) -> Value {
        self.json(&["sync", "now"], "")
    }

    /// Entries as `jcc entry list --json` shows them.
    pub fn entries(&self) -> Vec<Value> {
        let v = self.json(&["entry", "list", "--limit", "100000"], "");
        v.as_array().cloned().unwrap_or_default()
    }

    pub fn sync_revisions(&self) -> i64 {
        let conn = rusqlite::Connection::open(self.library()).unwrap();
        conn.query_row("SELECT count(*) FROM sync_revisions", [], |r| r.get(0))
            .unwrap()
    }
}

/// `pg_dump` of the server's database, as an operator (or a thief) would see it.
pub fn dump(db: &TestDatabase) -> String {
    let bin = jcc_sync_testkit::postgres::postgres_bin_dir().expect("PostgreSQL binaries");
    let mut args = vec!["--data-only".to_string(), "--inserts".to_string()];
    for part in db.url.split_whitespace() {
        if let Some((k, v)) = part.split_once('=') {
            match k {
                "host" => args.extend(["-h".into(), v.into()]),
                "port" => args.extend(["-p".into(), v.into()]),
                "user" => args.extend(["-U".into(), v.into()]),
                "dbname" => args.extend(["-d".into(), v.into()]),
                _ => {}
            }
        }
    }
    let out = Command::new(Path::new(&bin).join("pg_dump"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}
