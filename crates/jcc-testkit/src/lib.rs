//! For tests only. Some tests need a tool from outside the workspace: poppler and qpdf to
//! read a PDF, epubcheck to check an EPUB, a mount namespace to fill a disk, a Secret
//! Service, a local model, a WebDriver, an OpenID provider. Every such test asks here first, so they all follow
//! one rule: when the tool is missing, a test *skips loudly* (a banner on stderr naming
//! what to install), and when the matching `JCC_REQUIRE_*` variable is `1` it *fails*
//! instead. `scripts/test.sh` and `scripts/e2e.sh` install every tool and set every
//! switch, so on CI a missing tool is a broken setup, never a silent pass.

pub mod files;
pub mod gguf;

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a group of outside tools is for, and the variable that makes it required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    /// poppler-utils, qpdf, epubcheck (with java): the checks a print service and an
    /// ebook store run on an exported book.
    PrintTools,
    /// A private tmpfs mount (`unshare -m`, as root or with user namespaces) to fill a disk.
    DiskFull,
    /// dbus and gnome-keyring: a real OS keyring.
    SecretService,
    /// The local model server of `scripts/llm-server.sh`.
    Llm,
    /// The built app, tauri-driver, WebKitWebDriver and a display: the real window.
    E2e,
    /// What the sync tests run against: Node.js with the OpenID provider's npm packages
    /// (`scripts/oidc`), and the rest of the local sync stack.
    SyncStack,
    /// PostgreSQL's server binaries (Debian `postgresql`): a throwaway cluster for the sync
    /// server's tests.
    Postgres,
}

impl Switch {
    /// The environment variable that turns a missing tool into a failure.
    pub fn var(self) -> &'static str {
        match self {
            Self::PrintTools => "JCC_REQUIRE_PRINT_TOOLS",
            Self::DiskFull => "JCC_REQUIRE_DISK_FULL",
            Self::SecretService => "JCC_REQUIRE_SECRET_SERVICE",
            Self::Llm => "JCC_REQUIRE_LLM",
            Self::E2e => "JCC_REQUIRE_E2E",
            Self::SyncStack => "JCC_REQUIRE_SYNC_STACK",
            Self::Postgres => "JCC_REQUIRE_POSTGRES",
        }
    }

    /// True when this run must not skip for want of these tools.
    pub fn required(self) -> bool {
        std::env::var(self.var()).is_ok_and(|v| v == "1")
    }
}

/// The one rule. `missing` is `None` when everything is there (then: true); otherwise it
/// says what is missing, and `install` how to get it: see [`unavailable`]; then false,
/// and the caller skips the check.
#[must_use = "skip the check when this is false"]
pub fn require(switch: Switch, missing: Option<String>, install: &str) -> bool {
    match missing {
        None => true,
        Some(what) => {
            unavailable(switch, &what, install);
            false
        }
    }
}

/// Something a test needs is not there: under the switch a failure (the machine's setup
/// is broken), otherwise a banner on stderr saying what is skipped and how to run it.
pub fn unavailable(switch: Switch, what: &str, install: &str) {
    let var = switch.var();
    if switch.required() {
        panic!("{var}=1, but {what}. To fix: {install}");
    }
    eprintln!(
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !!! SKIPPING a check: {what}.\n\
         !!! To run it: {install}\n\
         !!! ({var}=1 makes this a failure; scripts/test.sh sets it.)\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
    );
}

/// `bin` as found on `PATH`.
pub fn on_path(bin: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(bin))
        .find(|p| p.is_file())
}

/// Each of `bins` is on `PATH` (they come in the Debian packages `packages`).
#[must_use = "skip the check when this is false"]
pub fn tools(switch: Switch, bins: &[&str], packages: &str) -> bool {
    let missing: Vec<&str> = bins
        .iter()
        .copied()
        .filter(|b| on_path(b).is_none())
        .collect();
    require(
        switch,
        (!missing.is_empty()).then(|| format!("{} not installed", missing.join(", "))),
        &format!("apt-get install -y {packages}"),
    )
}

/// poppler (pdfinfo, pdffonts, pdftotext, pdftoppm) and qpdf, to read and check a PDF.
#[must_use = "skip the check when this is false"]
pub fn pdf_tools() -> bool {
    tools(
        Switch::PrintTools,
        &["pdfinfo", "pdffonts", "pdftotext", "pdftoppm", "qpdf"],
        "poppler-utils qpdf",
    )
}

/// Debian's epubcheck jar. Run it as `java -jar EPUBCHECK_JAR book.epub`: its
/// `/usr/bin/epubcheck` wrapper needs binfmt_misc, which containers often lack.
pub const EPUBCHECK_JAR: &str = "/usr/share/java/epubcheck.jar";

/// epubcheck and a Java runtime to run it.
#[must_use = "skip the check when this is false"]
pub fn epubcheck() -> bool {
    let mut missing = Vec::new();
    if !Path::new(EPUBCHECK_JAR).is_file() {
        missing.push(EPUBCHECK_JAR);
    }
    if on_path("java").is_none() {
        missing.push("java");
    }
    require(
        Switch::PrintTools,
        (!missing.is_empty()).then(|| format!("{} not installed", missing.join(", "))),
        "apt-get install -y epubcheck default-jre-headless",
    )
}

/// A private mount namespace in which a test may mount a small tmpfs and fill it.
#[must_use = "skip the check when this is false"]
pub fn mount_namespace() -> bool {
    let works = Command::new("unshare")
        .args(["-m", "--propagation", "private", "true"])
        .status()
        .is_ok_and(|s| s.success());
    require(
        Switch::DiskFull,
        (!works).then(|| "cannot create a private mount namespace (unshare -m)".to_string()),
        "run the tests as root (or where user namespaces are allowed), with util-linux installed",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_tools_pass_without_a_word() {
        assert!(require(Switch::PrintTools, None, "nothing to install"));
        assert!(tools(Switch::PrintTools, &["sh"], "dash"));
    }

    /// The one test in this crate that reads or sets `JCC_REQUIRE_E2E` (tests share the
    /// process's environment).
    #[test]
    fn a_missing_tool_fails_under_its_switch_and_skips_without_it() {
        std::env::set_var(Switch::E2e.var(), "1");
        let required = std::panic::catch_unwind(|| {
            tools(Switch::E2e, &["no-such-tool-jcc"], "no-such-package")
        });
        std::env::remove_var(Switch::E2e.var());
        let panic = required.expect_err("required: a missing tool is a failure");
        let message = panic.downcast_ref::<String>().unwrap();
        assert!(
            message.contains("no-such-tool-jcc")
                && message.contains("apt-get install -y no-such-package"),
            "the failure says what to install: {message}"
        );
        assert!(!tools(
            Switch::E2e,
            &["no-such-tool-jcc"],
            "no-such-package"
        ));
    }
}
