//! The real SmolLM2-135M GGUF the crew tests use (cached by scripts/llm-server.sh).

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The model file, set up if needed; `None` (the test says why) when it can't be, and a
/// failure under `JCC_REQUIRE_LLM=1` (CI).
pub fn smollm2() -> Option<PathBuf> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/llm-server.sh");
    let path = Command::new("bash")
        .arg(&script)
        .arg("--print-model")
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    match path {
        Some(p) if p.is_file() => Some(p),
        _ => {
            jcc_testkit::unavailable(
                jcc_testkit::Switch::Llm,
                "the SmolLM2 GGUF model is not cached",
                "scripts/llm-server.sh --setup-only",
            );
            None
        }
    }
}
