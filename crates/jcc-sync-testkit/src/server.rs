//! Sync server processes (the real `jcc-sync-server` binary) on loopback over one database,
//! as behind a load balancer. Killed (SIGKILL) when dropped; one can be killed mid-request
//! and started again.

use anyhow::{anyhow, Context, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long an instance may take to migrate and print its ready line.
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// The `jcc-sync-server` binary for tests of other crates (the server's own tests use
/// `env!("CARGO_BIN_EXE_jcc-sync-server")`): `JCC_SYNC_SERVER_BIN` if set, else the one
/// beside this test's executable (`target/<profile>/`), which `cargo nextest run --workspace`
/// and `cargo build -p jcc-sync-server` put there.
pub fn server_binary() -> Result<PathBuf> {
    if let Some(bin) = std::env::var_os("JCC_SYNC_SERVER_BIN") {
        return Ok(bin.into());
    }
    let exe = std::env::current_exe()?;
    // target/<profile>/deps/<test> or target/<profile>/examples/<example>
    let profile_dir = exe
        .parent()
        .and_then(|d| d.parent())
        .context("no target directory")?;
    let bin = profile_dir.join(format!("jcc-sync-server{}", std::env::consts::EXE_SUFFIX));
    anyhow::ensure!(
        bin.is_file(),
        "{} is missing: run `cargo build -p jcc-sync-server` first (or set JCC_SYNC_SERVER_BIN)",
        bin.display()
    );
    Ok(bin)
}

/// How to run the instances.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// The `jcc-sync-server` binary (`env!("CARGO_BIN_EXE_jcc-sync-server")` in its tests).
    pub bin: PathBuf,
    pub database_url: String,
    pub issuer: String,
    pub client_id: String,
    /// Extra environment (`JCC_SYNC_RATE_PER_MINUTE`, `JCC_SYNC_SESSION_TTL_SECS`, ...).
    pub env: Vec<(String, String)>,
}

#[derive(Debug)]
struct Instance {
    child: Child,
    url: String,
    stderr: Arc<Mutex<String>>,
}

/// Running instances; `urls()[i]` is instance `i`.
#[derive(Debug)]
pub struct SyncServers {
    opts: ServerOptions,
    instances: Vec<Option<Instance>>,
}

impl SyncServers {
    /// Starts `n` instances at once (they migrate the database concurrently, as a fleet
    /// rolling out would) and waits until each one listens.
    pub fn start(opts: ServerOptions, n: usize) -> Result<SyncServers> {
        let pending: Vec<_> = (0..n).map(|_| spawn(&opts)).collect::<Result<_>>()?;
        let instances = pending
            .into_iter()
            .map(|p| p.ready().map(Some))
            .collect::<Result<_>>()?;
        Ok(SyncServers { opts, instances })
    }

    pub fn urls(&self) -> Vec<String> {
        self.instances
            .iter()
            .flatten()
            .map(|i| i.url.clone())
            .collect()
    }

    pub fn url(&self, i: usize) -> &str {
        self.instances[i].as_ref().map_or("", |i| i.url.as_str())
    }

    /// SIGKILL instance `i` (a crash: no graceful shutdown, in-flight transactions cut).
    pub fn kill(&mut self, i: usize) {
        if let Some(mut inst) = self.instances[i].take() {
            let _ = inst.child.kill();
            let _ = inst.child.wait();
        }
    }

    /// Starts instance `i` again (on a new port; see [`url`](Self::url)).
    pub fn restart(&mut self, i: usize) -> Result<()> {
        self.kill(i);
        self.instances[i] = Some(spawn(&self.opts)?.ready()?);
        Ok(())
    }

    /// What instance `i` logged so far.
    pub fn stderr(&self, i: usize) -> String {
        self.instances[i]
            .as_ref()
            .map(|i| i.stderr.lock().unwrap_or_else(|e| e.into_inner()).clone())
            .unwrap_or_default()
    }
}

impl Drop for SyncServers {
    fn drop(&mut self) {
        for i in 0..self.instances.len() {
            self.kill(i);
        }
    }
}

struct Pending {
    child: Child,
    ready: mpsc::Receiver<Option<String>>,
    stderr: Arc<Mutex<String>>,
    /// The stderr reader: joined before an early exit is reported, so its words are in.
    stderr_reader: std::thread::JoinHandle<()>,
}

fn spawn(opts: &ServerOptions) -> Result<Pending> {
    let mut cmd = Command::new(&opts.bin);
    cmd.env("JCC_SYNC_DATABASE_URL", &opts.database_url)
        .env("JCC_SYNC_ISSUER", &opts.issuer)
        .env("JCC_SYNC_CLIENT_ID", &opts.client_id)
        .env("JCC_SYNC_LISTEN", "127.0.0.1:0")
        .env("JCC_SYNC_POOL_SIZE", "8")
        .envs(opts.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {}", opts.bin.display()))?;
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut err_pipe = child.stderr.take().expect("piped");
    let sink = Arc::clone(&stderr);
    let stderr_reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = err_pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let out = child.stdout.take().expect("piped");
    let (tx, ready) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(out).lines();
        let url = lines.by_ref().map_while(|l| l.ok()).find_map(|l| {
            l.strip_prefix("JCC_SYNC_SERVER=")
                .map(|s| s.trim().to_string())
        });
        let _ = tx.send(url);
        for _ in lines {}
    });
    Ok(Pending {
        child,
        ready,
        stderr,
        stderr_reader,
    })
}

impl Pending {
    fn ready(mut self) -> Result<Instance> {
        let log = |s: &Arc<Mutex<String>>| s.lock().unwrap_or_else(|e| e.into_inner()).clone();
        match self.ready.recv_timeout(READY_TIMEOUT) {
            Ok(Some(url)) => Ok(Instance {
                child: self.child,
                url,
                stderr: self.stderr,
            }),
            Ok(None) => {
                let _ = self.child.wait();
                let _ = self.stderr_reader.join();
                Err(anyhow!(
                    "the sync server exited before it was ready: {}",
                    log(&self.stderr)
                ))
            }
            Err(_) => {
                let _ = self.child.kill();
                Err(anyhow!(
                    "the sync server printed no JCC_SYNC_SERVER line in {READY_TIMEOUT:?}: {}",
                    log(&self.stderr)
                ))
            }
        }
    }
}
