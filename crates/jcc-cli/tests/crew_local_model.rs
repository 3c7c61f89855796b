//! The model inside the app from the CLI: SmolLM2-135M-Instruct's GGUF run by the embedded
//! llama.cpp answers `jcc llm test` with no server, then serves the crew through
//! `jcc llm serve` to the ordinary OpenAI-compatible client, every step schema-valid on the
//! first try (its replies are decoded under each step's JSON Schema grammar). The 6-day
//! run on the embedded model itself, with no server anywhere, is the window's test
//! (tests/e2e/tests/crew.rs): the writer picks "On this computer" there.
//! Run alone in CI (scripts/test.sh), so the model has the cores to itself.

mod common;
#[path = "llm_support/crew.rs"]
mod crew;
#[path = "llm_support/first_try.rs"]
mod first_try;
mod llm_support;

use common::Jcc;
use llm_support::last_json;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

fn add_local(jcc: &Jcc, file: &str) {
    // Into the models folder first, as a writer would, then a profile naming it.
    jcc.ok(&["model", "add", file, "--link"]);
    let name = std::path::Path::new(file)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    jcc.ok(&[
        "llm",
        "add",
        "here",
        "--model-file",
        name,
        "--context",
        "4096",
        "--threads",
        "1",
    ]);
}

/// `jcc llm serve` on a free port, stopped when dropped.
struct Served {
    child: Child,
    base_url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(jcc: &Jcc) -> Served {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("jcc"))
        .env("JCC_DATA_DIR", jcc.data_dir())
        .env("JCC_CONFIG_DIR", jcc.dir.path().join("config"))
        .args(["llm", "serve", "here", "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base_url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Served { child, base_url }
}

#[test]
fn the_served_model_answers_the_openai_client_and_runs_the_crew() {
    let Some(file) = llm_support::smollm2_file() else {
        return;
    };
    let file = file.to_str().unwrap();
    let jcc = Jcc::new();
    add_local(&jcc, file);
    // The model in this process first: `jcc llm test` needs no server.
    let report = last_json(&jcc.ok(&["--json", "llm", "test", "here"]));
    assert_eq!(report["chat_ok"], true, "{report}");
    assert_eq!(report["structured_ok"], true, "{report}");
    assert!(report["chat_url"].as_str().unwrap().starts_with("file://"));

    let served = serve(&jcc);
    // The crew's own HTTP client, in json_schema mode (response_format json_schema).
    jcc.ok(&[
        "llm",
        "add",
        "served",
        "--base-url",
        &served.base_url,
        "--model",
        "SmolLM2-135M-Instruct.Q4_1",
        "--structured-output",
        "json_schema",
        "--timeout",
        "300",
    ]);
    let report = last_json(&jcc.ok(&["--json", "llm", "test", "served"]));
    assert_eq!(report["reachable"], true, "{report}");
    assert_eq!(report["model_listed"], true, "{report}");
    assert_eq!(report["structured_ok"], true, "{report}");
    assert!(
        report["tokens_in"].as_u64().unwrap() > 0,
        "usage reported: {report}"
    );

    // The crew streams every step (SSE) through the server.
    let f = crew::run_and_check(&jcc, "served", 6);
    assert_eq!(
        f.schema_valid_first, f.first_attempts,
        "every step valid on the first try"
    );
}
