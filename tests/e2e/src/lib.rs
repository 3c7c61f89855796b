//! The harness for end-to-end tests of the desktop app: it starts `tauri-driver` (which
//! drives WebKitWebDriver) against the built app binary with a library of its own, and
//! speaks W3C WebDriver to it.
//!
//! Needs: the app built (`cargo build -p jcc-desktop`, after `npm run build` in `ui/`),
//! `tauri-driver` and `WebKitWebDriver` on PATH, and a display (Xvfb). `scripts/e2e.sh`
//! prepares all of it. Without them the tests skip, unless `JCC_REQUIRE_E2E=1` (CI) makes
//! that a failure.

mod driver;
pub mod procs;
pub mod steps;
mod webdriver;

pub use driver::{jcc_binary, test_browser_binary, AppUnderTest, Prerequisites};
pub use webdriver::{keys, Element, Session};

/// Where screenshots and other artifacts of a run go (not committed).
pub fn artifacts_dir() -> std::path::PathBuf {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts/e2e");
    let _ = std::fs::create_dir_all(&dir);
    dir
}
