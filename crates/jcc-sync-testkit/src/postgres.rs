//! A throwaway PostgreSQL for a test: its own cluster (initdb, fsync off, ~1 s), stopped and
//! deleted when the [`TestDatabase`] is dropped. With `JCC_SYNC_TEST_DB_URL` set, a fresh
//! database on that server instead (YugabyteDB, CockroachDB or any PostgreSQL), dropped
//! afterwards. With `JCC_SYNC_TEST_SERIALIZABLE=1` the cluster runs every transaction
//! SERIALIZABLE (CockroachDB's behaviour: the server's 40001 retry path).

use anyhow::{bail, Context, Result};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Points the tests at an existing server instead of a throwaway cluster.
pub const EXTERNAL_DB_VAR: &str = "JCC_SYNC_TEST_DB_URL";
/// `1` runs the throwaway cluster with `default_transaction_isolation=serializable`.
pub const SERIALIZABLE_VAR: &str = "JCC_SYNC_TEST_SERIALIZABLE";

/// Debian's PostgreSQL server binaries (the newest installed major version).
pub fn postgres_bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((v, bin))
        })
        .collect();
    dirs.sort();
    dirs.pop().map(|(_, d)| d)
}

/// A database to test against is available: `JCC_SYNC_TEST_DB_URL`, or PostgreSQL's
/// binaries for a throwaway cluster. Otherwise the one rule of `jcc-testkit`: a loud skip
/// (false), or a panic under `JCC_REQUIRE_POSTGRES=1`.
#[must_use = "skip the check when this is false"]
pub fn postgres_available() -> bool {
    let external = std::env::var(EXTERNAL_DB_VAR).is_ok_and(|v| !v.is_empty());
    jcc_testkit::require(
        jcc_testkit::Switch::Postgres,
        (!external && postgres_bin_dir().is_none()).then(|| {
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)".to_string()
        }),
        "apt-get install -y postgresql, or set JCC_SYNC_TEST_DB_URL to a database server",
    )
}

/// A database for one test. `url` is a libpq key/value connection string.
#[derive(Debug)]
pub struct TestDatabase {
    pub url: String,
    cluster: Option<Cluster>,
    external: Option<(String, String)>,
}

#[derive(Debug)]
struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl TestDatabase {
    /// A fresh, empty database: on `JCC_SYNC_TEST_DB_URL` if set, else in a new cluster.
    /// Call [`postgres_available`] first.
    pub fn create() -> Result<TestDatabase> {
        match std::env::var(EXTERNAL_DB_VAR) {
            Ok(url) if !url.is_empty() => Self::on_external(&url),
            _ => Self::cluster(std::env::var(SERIALIZABLE_VAR).is_ok_and(|v| v == "1")),
        }
    }

    /// A new cluster; `serializable` makes that every transaction's default isolation.
    pub fn cluster(serializable: bool) -> Result<TestDatabase> {
        let bin = postgres_bin_dir().context("PostgreSQL is not installed")?;
        let dir = tempfile::Builder::new().prefix("jcc-pg-").tempdir()?;
        let as_root = is_root();
        if as_root {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            run(Command::new("chown").arg("postgres").arg(dir.path()))?;
        }
        let data = dir.path().join("data");
        let mut initdb = pg_command(&bin, "initdb", as_root);
        initdb.arg("-D").arg(&data).args([
            "-U",
            "jcc",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]);
        run(&mut initdb).context("initdb")?;
        let mut last_error = None;
        for _ in 0..3 {
            let port = free_port()?;
            let mut options = format!(
                "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync=off -c synchronous_commit=off \
                 -c full_page_writes=off -c max_connections=300",
                dir.path().display()
            );
            if serializable {
                options.push_str(" -c default_transaction_isolation=serializable");
            }
            let mut start = pg_command(&bin, "pg_ctl", as_root);
            start
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(dir.path().join("log"))
                .args(["-w", "-t", "30", "-o", &options, "start"]);
            match run(&mut start) {
                Ok(()) => {
                    return Ok(TestDatabase {
                        url: format!("host=127.0.0.1 port={port} user=jcc dbname=postgres"),
                        cluster: Some(Cluster { dir, bin }),
                        external: None,
                    })
                }
                Err(e) => last_error = Some(e),
            }
        }
        let log = std::fs::read_to_string(dir.path().join("log")).unwrap_or_default();
        bail!("PostgreSQL did not start: {last_error:?}\n{log}")
    }

    fn on_external(url: &str) -> Result<TestDatabase> {
        let name = format!("jcc_test_{}", random_suffix());
        psql_like(url, &format!("CREATE DATABASE {name}"))?;
        let db_url = with_dbname(url, &name);
        Ok(TestDatabase {
            url: db_url,
            cluster: None,
            external: Some((url.to_string(), name)),
        })
    }

    /// Runs SQL against this database (setup and inspection in tests).
    pub fn execute(&self, sql: &str) -> Result<()> {
        psql_like(&self.url, sql)
    }

    /// True for a throwaway cluster (which [`stop`](Self::stop) can stop), false for a
    /// database on `JCC_SYNC_TEST_DB_URL`.
    pub fn is_throwaway(&self) -> bool {
        self.cluster.is_some()
    }

    /// Stops the cluster at once, as a crash would (`pg_ctl stop -m immediate`); does
    /// nothing to a database on `JCC_SYNC_TEST_DB_URL`.
    pub fn stop(&mut self) {
        if let Some(c) = &self.cluster {
            let data = c.dir.path().join("data");
            let mut stop = pg_command(&c.bin, "pg_ctl", is_root());
            let _ = stop
                .arg("-D")
                .arg(data)
                .args(["-m", "immediate", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        self.stop();
        if let Some((url, name)) = self.external.take() {
            let _ = psql_like(&url, &format!("DROP DATABASE IF EXISTS {name}"));
        }
    }
}

/// SQL through a short-lived connection, on its own thread and runtime (so it works from
/// inside a test's async runtime, and in `Drop`).
fn psql_like(url: &str, sql: &str) -> Result<()> {
    let (url, sql) = (url.to_string(), sql.to_string());
    std::thread::spawn(move || psql_blocking(&url, &sql))
        .join()
        .map_err(|_| anyhow::anyhow!("the SQL thread panicked"))?
}

fn psql_blocking(url: &str, sql: &str) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .with_context(|| format!("connecting to {url}"))?;
        let conn = tokio::spawn(connection);
        client
            .batch_execute(sql)
            .await
            .with_context(|| format!("running {sql}"))?;
        drop(client);
        let _ = conn.await;
        Ok(())
    })
}

/// `url` with its database replaced by `name` (URL or key/value form).
fn with_dbname(url: &str, name: &str) -> String {
    if let Ok(mut u) = url::Url::parse(url) {
        if u.scheme().starts_with("postgres") {
            u.set_path(&format!("/{name}"));
            return u.to_string();
        }
    }
    format!("{url} dbname={name}")
}

fn pg_command(bin: &Path, tool: &str, as_root: bool) -> Command {
    if as_root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(tool));
        c
    } else {
        Command::new(bin.join(tool))
    }
}

fn run(cmd: &mut Command) -> Result<()> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {cmd:?}"))?;
    if !out.status.success() {
        bail!(
            "{cmd:?} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// A port that was free a moment ago (the caller retries if someone takes it meanwhile).
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn random_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}{:x}", std::process::id(), nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_test_database_in_either_connection_string_form() {
        assert_eq!(
            with_dbname("postgresql://root@db:26257/defaultdb?sslmode=disable", "t1"),
            "postgresql://root@db:26257/t1?sslmode=disable"
        );
        assert_eq!(
            with_dbname("host=db port=5433 user=yugabyte", "t1"),
            "host=db port=5433 user=yugabyte dbname=t1"
        );
    }
}
