//! The built-in crew on the model inside the app: SmolLM2-135M-Instruct's GGUF run by the
//! embedded llama.cpp, no server anywhere. Every step's reply is decoded under the grammar
//! of its JSON Schema, so every step must be schema-valid on the first try. Then the same
//! model behind `jcc llm serve`, asked by the ordinary OpenAI-compatible client.
//! Run alone in CI (scripts/test.sh), so the model has the cores to itself.

mod common;
#[path = "llm_support/crew.rs"]
mod crew;
mod llm_support;

use common::Jcc;
use llm_support::last_json;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

fn model_file() -> Option<String> {
    let script = llm_support::repo_root().join("scripts/llm-server.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg("--print-model")
        .output()
        .ok()?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if std::path::Path::new(&path).is_file() {
        return Some(path);
    }
    jcc_testkit::unavailable(
        jcc_testkit::Switch::Llm,
        "the SmolLM2 GGUF model is not cached",
        "scripts/llm-server.sh --setup-only",
    );
    None
}

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

#[test]
fn six_day_lead_magnet_on_the_embedded_model_with_no_server() {
    let Some(file) = model_file() else { return };
    let jcc = Jcc::new();
    add_local(&jcc, &file);
    let report = last_json(&jcc.ok(&["--json", "llm", "test", "here"]));
    assert_eq!(report["chat_ok"], true, "{report}");
    assert_eq!(report["structured_ok"], true, "{report}");
    assert!(report["chat_url"].as_str().unwrap().starts_with("file://"));

    let f = crew::run_and_check(&jcc, "here", 6);
    assert_eq!(
        f.schema_valid_first, f.first_attempts,
        "grammar-constrained decoding: every step valid on the first try"
    );
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
    let Some(file) = model_file() else { return };
    let jcc = Jcc::new();
    add_local(&jcc, &file);
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
