//! Starting the app under tauri-driver, each test with its own library folder.

use crate::webdriver::Session;
use jcc_testkit::on_path;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What an end-to-end test needs on this machine; `None` with the reason when something
/// is missing.
#[derive(Debug, Clone)]
pub struct Prerequisites {
    pub app: PathBuf,
    pub tauri_driver: PathBuf,
}

impl Prerequisites {
    /// Finds the app binary and the drivers, or says what is missing. With
    /// `JCC_REQUIRE_E2E=1` a missing piece panics instead of skipping.
    pub fn find() -> Option<Self> {
        match Self::look() {
            Ok(p) => Some(p),
            Err(why) => {
                jcc_testkit::unavailable(
                    jcc_testkit::Switch::E2e,
                    &format!("the end-to-end test cannot run: {why}"),
                    "scripts/e2e.sh (it sets it all up)",
                );
                None
            }
        }
    }

    fn look() -> Result<Self, String> {
        let app = match std::env::var_os("JCC_E2E_APP") {
            Some(p) => PathBuf::from(p),
            None => target_dir().join("debug/journal-craft-crew"),
        };
        if !app.is_file() {
            return Err(format!(
                "no app binary at {} (set JCC_E2E_APP)",
                app.display()
            ));
        }
        let tauri_driver = on_path("tauri-driver").ok_or("tauri-driver is not on PATH")?;
        on_path("WebKitWebDriver").ok_or("WebKitWebDriver is not on PATH (webkit2gtk-driver)")?;
        if std::env::var_os("DISPLAY").is_none() {
            return Err("no DISPLAY (run under xvfb-run)".into());
        }
        Ok(Self { app, tauri_driver })
    }
}

/// The `jcc` binary built beside the app (or `JCC_E2E_CLI`).
pub fn jcc_binary() -> PathBuf {
    match std::env::var_os("JCC_E2E_CLI") {
        Some(p) => PathBuf::from(p),
        None => target_dir().join("debug/jcc"),
    }
}

/// The stand-in for the system browser (crates/jcc-sync-testkit), built beside the app.
pub fn test_browser_binary() -> PathBuf {
    target_dir().join("debug/jcc-test-browser")
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The app with its own library; relaunch it on the same library with [`AppUnderTest::launch`].
#[derive(Debug)]
pub struct AppUnderTest {
    pre: Prerequisites,
    pub data_dir: tempfile::TempDir,
    driver: Option<Child>,
    port: u16,
    extra_env: Vec<(String, String)>,
}

impl AppUnderTest {
    pub fn new(pre: Prerequisites) -> Self {
        Self {
            pre,
            data_dir: tempfile::tempdir().expect("a temp folder"),
            driver: None,
            port: 0,
            extra_env: Vec::new(),
        }
    }

    /// Sets an environment variable for the app's next launches.
    pub fn env(&mut self, key: &str, value: &str) {
        self.extra_env.push((key.into(), value.into()));
    }

    pub fn library_dir(&self) -> PathBuf {
        self.data_dir.path().join("data")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.data_dir.path().join("config")
    }

    /// The `jcc` CLI on this test's library, as a writer runs it in a terminal beside the
    /// window. A test that uses it fails (never skips) when it was not built.
    pub fn jcc(&self) -> Command {
        let cli = jcc_binary();
        assert!(
            cli.is_file(),
            "no jcc binary at {} (cargo build -p jcc-cli, or set JCC_E2E_CLI)",
            cli.display()
        );
        let mut cmd = Command::new(cli);
        cmd.env("JCC_DATA_DIR", self.library_dir())
            .env("JCC_CONFIG_DIR", self.config_dir());
        cmd
    }

    /// Runs `jcc ARGS` on this test's library; it must succeed.
    pub fn jcc_ok(&self, args: &[&str]) -> std::process::Output {
        let out = self
            .jcc()
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("jcc runs");
        assert!(
            out.status.success(),
            "jcc {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Another program (`script`, say, to give jcc a terminal) with this test's library.
    pub fn with_library(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("JCC_DATA_DIR", self.library_dir())
            .env("JCC_CONFIG_DIR", self.config_dir());
        cmd
    }

    /// Starts tauri-driver (the app inherits its environment: the test's library) and
    /// opens a session, which launches the app window.
    pub async fn launch(&mut self) -> Session {
        self.stop_driver();
        crate::procs::kill_app(&self.library_dir());
        self.port = free_port();
        let mut cmd = Command::new(&self.pre.tauri_driver);
        cmd.args(["--port", &self.port.to_string()])
            .args(["--native-port", &free_port().to_string()])
            .env("JCC_DATA_DIR", self.library_dir())
            .env("JCC_CONFIG_DIR", self.config_dir())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        self.driver = Some(cmd.spawn().expect("tauri-driver starts"));
        let base = format!("http://127.0.0.1:{}", self.port);
        wait_until_ready(&base).await;
        Session::start(&base, &self.pre.app).await
    }

    fn stop_driver(&mut self) {
        if let Some(mut child) = self.driver.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for AppUnderTest {
    fn drop(&mut self) {
        self.stop_driver();
        // A test that failed never closed its session: its window must not outlive it.
        crate::procs::kill_app(&self.library_dir());
    }
}

async fn wait_until_ready(base: &str) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = client.get(format!("{base}/status")).send().await {
            if r.status().is_success() {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not come up on {base}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
