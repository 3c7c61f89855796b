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

/// A GGUF header for one `llama` tensor of `elements` f32 values, data not written.
pub fn gguf_header(arch: &str, elements: u64) -> Vec<u8> {
    let mut b = Vec::new();
    let s = |b: &mut Vec<u8>, t: &str| {
        b.extend((t.len() as u64).to_le_bytes());
        b.extend(t.as_bytes());
    };
    b.extend(b"GGUF");
    b.extend(3u32.to_le_bytes());
    b.extend(1u64.to_le_bytes());
    b.extend(1u64.to_le_bytes());
    s(&mut b, "general.architecture");
    b.extend(8u32.to_le_bytes());
    s(&mut b, arch);
    s(&mut b, "w");
    b.extend(1u32.to_le_bytes());
    b.extend(elements.to_le_bytes());
    b.extend(0u32.to_le_bytes());
    b.extend(0u64.to_le_bytes());
    while b.len() % 32 != 0 {
        b.push(0);
    }
    b
}
