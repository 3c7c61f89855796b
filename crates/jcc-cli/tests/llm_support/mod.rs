//! LLM servers for crew tests: the real one (llama.cpp's server with SmolLM2, set up by
//! scripts/llm-server.sh) and a scripted fault server that answers from the schema.

#![allow(dead_code)]

pub mod fault;

use std::path::PathBuf;
use std::process::Command;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The SmolLM2 GGUF the crew tests run (cached by scripts/llm-server.sh); `None` (the
/// test skips loudly, or fails under `JCC_REQUIRE_LLM=1`) when it isn't there.
pub fn smollm2_file() -> Option<PathBuf> {
    let out = Command::new("bash")
        .arg(repo_root().join("scripts/llm-server.sh"))
        .arg("--print-model")
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if path.is_file() {
        return Some(path);
    }
    jcc_testkit::unavailable(
        jcc_testkit::Switch::Llm,
        "the SmolLM2 GGUF model is not cached",
        "scripts/llm-server.sh --setup-only",
    );
    None
}

/// A real llama.cpp server on a free loopback port, stopped when dropped.
#[derive(Debug)]
pub struct LlmServer {
    pub port: u16,
    pid: i32,
}

impl LlmServer {
    /// Starts the server; `None` (the test skips loudly) when it can't be set up, and a
    /// failure under `JCC_REQUIRE_LLM=1` (CI).
    pub fn start() -> Option<Self> {
        let script = repo_root().join("scripts/llm-server.sh");
        let out = Command::new("bash").arg(&script).output();
        let fail = |why: String| {
            jcc_testkit::unavailable(
                jcc_testkit::Switch::Llm,
                &format!("the local model server could not start ({why})"),
                "scripts/llm-server.sh --setup-only",
            );
            None
        };
        let out = match out {
            Ok(o) => o,
            Err(e) => return fail(e.to_string()),
        };
        if !out.status.success() {
            return fail(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut parts = text.split_whitespace();
        match (
            parts.next().and_then(|p| p.parse().ok()),
            parts.next().and_then(|p| p.parse().ok()),
        ) {
            (Some(port), Some(pid)) => Some(Self { port, pid }),
            _ => fail(format!("unexpected output {text:?}")),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }
}

impl Drop for LlmServer {
    fn drop(&mut self) {
        // The script starts the server with setsid: its process group is its pid.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.pid)])
            .status();
    }
}

/// Peak resident memory of a finished child, from `/usr/bin/time -v`-free getrusage.
pub fn last_json(stdout: &str) -> serde_json::Value {
    // `--json` ends with one JSON object; progress never goes to stdout.
    let start = stdout.find('{').expect("a JSON object on stdout");
    serde_json::from_str(&stdout[start..]).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}
