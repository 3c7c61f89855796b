//! Runs `jcc` against a private library in a temp dir, as a writer's shell would.

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Jcc {
    pub dir: tempfile::TempDir,
}

impl Default for Jcc {
    fn default() -> Self {
        Self::new()
    }
}

impl Jcc {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn library(&self) -> PathBuf {
        self.data_dir().join("library.sqlite3")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("jcc").unwrap();
        c.env("JCC_DATA_DIR", self.data_dir())
            .env("JCC_CONFIG_DIR", self.dir.path().join("config"))
            .env_remove("EDITOR")
            .env_remove("VISUAL")
            .env("NO_COLOR", "1");
        c
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).write_stdin("").output().unwrap();
        assert!(
            out.status.success(),
            "jcc {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command with --json that must succeed and parses its output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// Runs a command that must fail with `code`; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.cmd().args(args).write_stdin("").output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "jcc {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }
}

pub fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).unwrap();
    }
    std::fs::write(path, text).unwrap();
}
