//! The crew commands over IPC on the mock runtime, against the scripted server (instant
//! schema-fitting replies): start, pause on the title question, answer, resume to a
//! finished guided journal; cancel. Real-model runs are in jcc-cli and the e2e suite.

#[path = "../../crates/jcc-cli/tests/llm_support/mod.rs"]
mod llm_support;

use jcc_app::{App, AppPaths};
use jcc_desktop::{run_app, Desktop};
use llm_support::fault::FaultServer;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

fn call(
    w: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(w, request).map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn a_run_pauses_for_the_title_then_finishes_after_the_answer() {
    let server = FaultServer::start();
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::new(dir.path().join("data"), dir.path().join("config"));
    let app = run_app(
        mock_builder(),
        mock_context(noop_assets()),
        Desktop::new(App::open(paths).unwrap()),
    )
    .unwrap();
    let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let ok = |cmd: &str, args: Value| call(&w, cmd, args).unwrap_or_else(|e| panic!("{cmd}: {e}"));

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
            json!({"runId": run_id, "goOn": go_on, "task": "crew", "onEvent": "__CHANNEL__:7"}),
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

    let err = call(&w, "crew_cancel", json!({"runId": run_id})).unwrap_err();
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
