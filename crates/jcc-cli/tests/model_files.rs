//! `jcc model add|list|remove` and `jcc llm add --model-file`: a real GGUF (SmolLM2) is
//! copied in and usable; a truncated file, a file that is not GGUF and a model too big
//! for the memory are refused with the reason, and nothing is left in the models folder.

mod common;
mod llm_support;

use common::Jcc;
use jcc_testkit::files::{FileServer, Served};

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
    let Some(file) = llm_support::smollm2_file() else {
        return;
    };
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

    // Not while a profile runs it: the crew would be left pointing at nothing.
    let err = jcc.fails(&["model", "remove", "SmolLM2-135M-Instruct.Q4_1.gguf"], 2);
    assert!(err.contains("the profile here runs this model"), "{err}");
    assert_eq!(models_left(&jcc).len(), 1);
    jcc.ok(&["llm", "remove", "here"]);
    jcc.ok(&["model", "remove", "SmolLM2-135M-Instruct.Q4_1.gguf"]);
    assert!(models_left(&jcc).is_empty());
}

fn mirror(file: &std::path::Path, claimed_len: Option<u64>) -> FileServer {
    FileServer::start(Served {
        name: "SmolLM2-135M-Instruct.Q4_1.gguf".into(),
        file: file.to_path_buf(),
        pace: None,
        claimed_len,
        cut_first_at: None,
    })
}

fn download(jcc: &Jcc, server: &FileServer) -> std::process::Output {
    jcc.cmd()
        .env("JCC_MODEL_MIRROR", server.base_url())
        .args(["model", "download", "smollm2-135m"])
        .output()
        .unwrap()
}

#[test]
fn the_catalog_model_downloads_from_a_mirror_and_matches_the_catalog_checksum() {
    let Some(file) = llm_support::smollm2_file() else {
        return;
    };
    let jcc = Jcc::new();
    let server = mirror(&file, None);
    let out = download(&jcc, &server);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The real file hashes to the catalog's SHA-256 (else it would have been deleted).
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("checksum verified"),
        "{stderr}"
    );
    assert!(stderr.contains("smollm2-135m: 100%"), "{stderr}");
    assert_eq!(server.ranges(), vec![None]);
    assert_eq!(models_left(&jcc), vec!["SmolLM2-135M-Instruct.Q4_1.gguf"]);
    // The catalog id now names it, for a profile that needs no server.
    let profile = jcc.json(&["llm", "add", "here", "--model-file", "smollm2-135m"]);
    assert!(
        profile["model_file"]
            .as_str()
            .unwrap()
            .ends_with("models/SmolLM2-135M-Instruct.Q4_1.gguf"),
        "{profile}"
    );
}

#[test]
fn a_download_the_disk_cannot_hold_is_refused_before_a_byte_is_written() {
    let Some(file) = llm_support::smollm2_file() else {
        return;
    };
    let jcc = Jcc::new();
    // A mirror that announces a petabyte.
    let server = mirror(&file, Some(1 << 50));
    let out = download(&jcc, &server);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not enough disk space"), "{stderr}");
    assert!(stderr.contains("free some space"), "{stderr}");
    assert!(models_left(&jcc).is_empty(), "{:?}", models_left(&jcc));
}

#[test]
fn a_truncated_model_is_refused_and_nothing_is_kept() {
    let Some(file) = llm_support::smollm2_file() else {
        return;
    };
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
