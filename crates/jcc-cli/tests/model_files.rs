//! `jcc model add|list|remove` and `jcc llm add --model-file`: a real GGUF (SmolLM2) is
//! copied in and usable; a truncated file, a file that is not GGUF and a model too big
//! for the memory are refused with the reason, and nothing is left in the models folder.

mod common;

use common::Jcc;
use std::path::PathBuf;
use std::process::Command;

fn smollm2() -> Option<PathBuf> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/llm-server.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg("--print-model")
        .output()
        .ok()?;
    let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if p.is_file() {
        return Some(p);
    }
    jcc_testkit::unavailable(
        jcc_testkit::Switch::Llm,
        "the SmolLM2 GGUF model is not cached",
        "scripts/llm-server.sh --setup-only",
    );
    None
}

fn models_left(jcc: &Jcc) -> Vec<String> {
    std::fs::read_dir(jcc.data_dir().join("models"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_real_model_is_copied_in_listed_used_by_a_profile_and_removed() {
    let Some(file) = smollm2() else { return };
    let jcc = Jcc::new();
    let added = jcc.json(&["model", "add", file.to_str().unwrap()]);
    assert_eq!(added["architecture"], "llama");
    assert_eq!(added["linked"], false);
    let copy = jcc
        .data_dir()
        .join("models/SmolLM2-135M-Instruct.Q4_1.gguf");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&file).unwrap());
    let list = jcc.json(&["model", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert!(list[0]["problem"].is_null(), "{list}");
    // Twice is refused, and the first copy stays.
    let err = jcc.fails(&["model", "add", file.to_str().unwrap()], 2);
    assert!(err.contains("already in"), "{err}");

    let profile = jcc.json(&[
        "llm",
        "add",
        "here",
        "--model-file",
        "SmolLM2-135M-Instruct.Q4_1",
    ]);
    assert_eq!(profile["model_file"], copy.to_str().unwrap(), "{profile}");
    assert_eq!(profile["is_default"], true);
    let listed = jcc.ok(&["llm", "list"]);
    assert!(listed.contains(copy.to_str().unwrap()), "{listed}");

    jcc.ok(&["model", "remove", "SmolLM2-135M-Instruct.Q4_1.gguf"]);
    assert!(models_left(&jcc).is_empty());
}

#[test]
fn a_truncated_model_is_refused_and_nothing_is_kept() {
    let Some(file) = smollm2() else { return };
    let jcc = Jcc::new();
    let cut = jcc.path("cut.gguf");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() * 3 / 4]).unwrap();
    let err = jcc.fails(&["model", "add", cut.to_str().unwrap()], 2);
    assert!(
        err.contains("truncated") && err.contains("fetch it again"),
        "{err}"
    );
    assert!(models_left(&jcc).is_empty(), "{:?}", models_left(&jcc));
    let err = jcc.fails(
        &["llm", "add", "x", "--model-file", cut.to_str().unwrap()],
        2,
    );
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn a_file_that_is_not_gguf_is_refused() {
    let jcc = Jcc::new();
    let f = jcc.path("model.gguf");
    std::fs::write(&f, "PK\u{3}\u{4} a zip, not a model").unwrap();
    let err = jcc.fails(&["model", "add", f.to_str().unwrap(), "--link"], 2);
    assert!(err.contains("is not a GGUF model file"), "{err}");
    assert!(models_left(&jcc).is_empty());
}

#[test]
fn a_model_too_big_for_the_memory_is_refused() {
    let jcc = Jcc::new();
    let f = jcc.path("huge.gguf");
    // A whole, well-formed GGUF whose weights are twice the free memory (a sparse file).
    let free = std::fs::read_to_string("/proc/meminfo")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("MemAvailable:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap()
        * 1024;
    let elements = free / 2 + 1;
    jcc_testkit::gguf::write_sparse_model(&f, elements).unwrap();
    let err = jcc.fails(&["model", "add", f.to_str().unwrap()], 2);
    assert!(
        err.contains("MB of memory") && err.contains("smaller model"),
        "{err}"
    );
    assert!(models_left(&jcc).is_empty());
}
