//! A real Secret Service for one test: a private D-Bus session with gnome-keyring on it,
//! so `jcc` processes keep their secrets in an OS keyring as on a desktop, isolated from
//! the machine's own. Stopped when dropped.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Whether the Secret Service can be started (under `JCC_REQUIRE_SECRET_SERVICE=1` a
/// missing tool is a failure).
pub fn secret_service_available() -> bool {
    jcc_testkit::tools(
        jcc_testkit::Switch::SecretService,
        &["dbus-daemon", "gnome-keyring-daemon"],
        "dbus dbus-x11 gnome-keyring",
    )
}

#[derive(Debug)]
pub struct SecretService {
    bus: Child,
    home: PathBuf,
    runtime: PathBuf,
    address: String,
}

impl SecretService {
    /// Starts a session bus and an unlocked keyring with its files under `dir`.
    pub fn start(dir: &Path) -> Result<SecretService> {
        let home = dir.join("home");
        let runtime = dir.join("runtime");
        std::fs::create_dir_all(&home)?;
        std::fs::create_dir_all(&runtime)?;
        std::fs::set_permissions(
            &runtime,
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )?;
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("dbus-daemon")?;
        let mut line = String::new();
        BufReader::new(bus.stdout.take().context("bus stdout")?).read_line(&mut line)?;
        let address = line.trim().to_string();
        if address.is_empty() {
            let _ = bus.kill();
            bail!("dbus-daemon printed no address");
        }
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("gnome-keyring-daemon")?;
        keyring
            .stdin
            .take()
            .context("keyring stdin")?
            .write_all(b"pw")?;
        // It forks into the background once unlocked; the bus ending ends it.
        keyring.wait()?;
        Ok(SecretService {
            bus,
            home,
            runtime,
            address,
        })
    }

    /// The environment a process needs to use this keyring.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("DBUS_SESSION_BUS_ADDRESS".into(), self.address.clone()),
            ("HOME".into(), self.home.display().to_string()),
            ("XDG_RUNTIME_DIR".into(), self.runtime.display().to_string()),
        ]
    }

    /// Looks a secret up the way any Secret Service client would (`secret-tool`).
    pub fn lookup(&self, service: &str, user: &str) -> Option<String> {
        let out = Command::new("secret-tool")
            .args(["lookup", "service", service, "username", user])
            .envs(self.env())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).to_string())
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        // gnome-keyring-daemon leaves when its session bus goes away.
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}
