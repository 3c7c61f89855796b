//! A device in a sync test: a `jcc` with a library of its own, on a shared Secret Service
//! (as apps on one desktop would be; each library's secrets are named after its data
//! directory), signing in through the test provider.

use crate::headless_browser;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

#[derive(Debug)]
pub struct Device {
    /// The `jcc` binary.
    jcc: PathBuf,
    /// The device's folder: its data and config directories are inside.
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

    /// `jcc ARGS` on this device's library and keyring.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.jcc);
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

    /// `jcc sync login --no-browser` (as `user` at the test provider), with the stand-in
    /// browser following the printed address.
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
        // On a thread of its own, so a test may call this inside a runtime or not.
        let landing = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(headless_browser(&url))
        })
        .join()
        .unwrap()
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
}

impl Device {
    /// A device in `root` running the `jcc` binary `jcc`, with `env` (the keyring's).
    pub fn new(jcc: PathBuf, root: PathBuf, env: Vec<(String, String)>) -> Self {
        std::fs::create_dir_all(&root).unwrap();
        Self { jcc, root, env }
    }
}
