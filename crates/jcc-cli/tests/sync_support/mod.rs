//! Devices for sync tests: each a `jcc` with its own data directory, all sharing one real
//! Secret Service (as apps on one desktop would; each library's secrets are named after its
//! data directory), signing in through the real OpenID provider to real sync servers on
//! PostgreSQL.

#![allow(dead_code)]

use jcc_sync_testkit::TestDatabase;
use std::path::Path;
use std::process::Command;

pub use jcc_sync_testkit::{Device, Stack};

/// A device of the test: a `jcc` on a library of its own, on the stack's keyring.
pub fn device(stack: &Stack, name: &str) -> Device {
    stack.device(assert_cmd::cargo::cargo_bin("jcc"), name)
}

/// How many revisions a device's library holds.
pub fn sync_revisions(d: &Device) -> i64 {
    let conn = rusqlite::Connection::open(d.library()).unwrap();
    conn.query_row("SELECT count(*) FROM sync_revisions", [], |r| r.get(0))
        .unwrap()
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
