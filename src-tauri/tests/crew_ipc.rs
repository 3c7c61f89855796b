//! The crew commands over IPC on the mock runtime, against the scripted server (instant
//! schema-fitting replies): start, pause on the title question, answer, resume to a
//! finished guided journal; cancel. Real-model runs are in jcc-cli and the e2e suite.

#[path = "../../crates/jcc-cli/tests/llm_support/mod.rs"]
mod llm_support;

mod common;

use llm_support::fault::FaultServer;
use serde_json::json;

#[test]
fn a_run_pauses_for_the_title_then_finishes_after_the_answer() {
    let server = FaultServer::start();
    let w = common::open();
    let ok = |cmd: &str, args: serde_json::Value| w.ok(cmd, args);

    ok(
        "llm_add",
        json!({"input": {"name": "scripted", "base_url": server.base_url(), "model": "scripted", "structured_output": "json_object", "timeout_secs": 5}, "apiKey": null}),
    );
    let run_id = ok(
        "crew_start",
        json!({"input": {"theme": "Calm mornings", "title_style": "practical", "voice": "a kind teacher", "depth": "light", "lead_magnet": true}}),
    );
    let run = |go_on: bool| {
        ok(
            "crew_run",
            json!({"runId": run_id, "goOn": go_on, "task": "crew", "onEvent": common::CHANNEL}),
        )
    };
    let first = run(false);
    assert_eq!(
        first["status"], "paused",
        "no title given: the crew asks: {first}"
    );
    let status = ok("crew_status", json!({"runId": run_id}));
    let options = status["run"]["pending"]["options"]
        .as_array()
        .expect("title options")
        .clone();
    assert!(options.len() >= 2, "{status}");

    ok("crew_answer", json!({"runId": run_id, "pick": 2}));
    let confirm = run(false);
    assert_eq!(confirm["status"], "paused", "{confirm}");
    assert_eq!(confirm["question"], "Continue to layout?");
    let done = run(true);
    assert_eq!(done["status"], "finished", "{done}");
    let journal = ok(
        "journal_show",
        json!({"key": done["journal_id"].to_string()}),
    );
    assert_eq!(
        journal["journal"]["title"], options[1],
        "the chosen title: {journal}"
    );
    let entries = ok(
        "entry_list",
        json!({"input": {"journal": done["journal_id"].to_string()}}),
    );
    assert_eq!(
        entries.as_array().unwrap().len(),
        9,
        "6 days, intro, commitment, certificate"
    );
    assert_eq!(ok("crew_list", json!({"limit": 5}))[0]["id"], run_id);

    let err = w.err("crew_cancel", json!({"runId": run_id}));
    assert_eq!(
        err["code"], "conflict",
        "a finished run can't be cancelled: {err}"
    );
    let again = ok(
        "crew_start",
        json!({"input": {"theme": "Tea", "title": "Tea Days", "voice": "calm", "lead_magnet": true}}),
    );
    let cancelled = ok("crew_cancel", json!({"runId": again}));
    assert_eq!(cancelled["status"], "cancelled");
}
