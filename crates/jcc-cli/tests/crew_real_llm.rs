//! The built-in crew against a real local model (llama.cpp's server with
//! SmolLM2-135M-Instruct, started on a free loopback port by scripts/llm-server.sh).
//! CI runs the 6-day lead magnet; the 30-day journal is `--ignored` (see README):
//!   cargo test -p jcc-cli --test crew_real_llm -- --ignored thirty_day

mod common;
#[path = "llm_support/crew.rs"]
mod crew;
#[path = "llm_support/first_try.rs"]
mod first_try;
mod llm_support;

use common::Jcc;
use llm_support::LlmServer;

fn run_crew(days: usize) {
    let Some(server) = LlmServer::start() else {
        return;
    };
    let jcc = Jcc::new();
    jcc.ok(&[
        "llm",
        "add",
        "local",
        "--base-url",
        &server.base_url(),
        "--model",
        "smollm2",
        "--structured-output",
        "json_object",
        "--timeout",
        "300",
    ]);
    let report = llm_support::last_json(&jcc.ok(&["--json", "llm", "test", "local"]));
    assert_eq!(report["structured_ok"], true, "{report}");

    crew::run_and_check(&jcc, "local", days);
}

#[test]
fn six_day_lead_magnet_from_a_real_model() {
    run_crew(6);
}

#[test]
#[ignore = "about 20-40 minutes on 2 cores; run on demand (README: Crew figures)"]
fn thirty_day_journal_from_a_real_model() {
    run_crew(30);
}
