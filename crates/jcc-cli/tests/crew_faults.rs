//! The crew against a scripted fault server: every fault is retried or fails with a
//! clear message, a failed or killed run resumes, and nothing is lost or duplicated.

mod common;
mod llm_support;

use common::Jcc;
use llm_support::fault::{Fault, FaultServer};
use llm_support::last_json;
use serde_json::Value;
use std::time::{Duration, Instant};

fn setup(server: &FaultServer) -> Jcc {
    let jcc = Jcc::new();
    jcc.ok(&[
        "llm",
        "add",
        "scripted",
        "--base-url",
        &server.base_url(),
        "--model",
        "scripted",
        "--structured-output",
        "json_object",
        "--timeout",
        "2",
    ]);
    jcc
}

const RUN: &[&str] = &[
    "--json",
    "crew",
    "run",
    "--theme",
    "Calm mornings",
    "--title-style",
    "practical",
    "--voice",
    "a kind teacher",
    "--depth",
    "light",
    "--lead-magnet",
    "--yes",
];

/// Exactly one entry per crew key, every day present, one current step per key.
fn assert_complete(jcc: &Jcc, journal: &str) {
    let entries: Vec<Value> =
        serde_json::from_str(&jcc.ok(&["--json", "entry", "list", "--journal", journal])).unwrap();
    let days: Vec<i64> = entries
        .iter()
        .filter(|e| e["kind"] == "day")
        .map(|e| e["day"].as_i64().unwrap())
        .collect();
    assert_eq!(days, vec![1, 2, 3, 4, 5, 6], "{entries:#?}");
    assert_eq!(entries.len(), 9, "6 days, intro, commitment, certificate");
    let db = rusqlite::Connection::open(jcc.library()).unwrap();
    let dup: i64 = db
        .query_row(
            "SELECT count(*) FROM (SELECT step_key FROM crew_steps WHERE superseded_at IS NULL
             AND status != 'failed' GROUP BY run_id, step_key HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup, 0);
    let journals: i64 = db
        .query_row("SELECT count(*) FROM journals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journals, 1, "a resumed run keeps its one journal");
}

#[test]
fn each_fault_is_retried_or_reported_and_the_run_resumes() {
    let server = FaultServer::start();
    let jcc = setup(&server);
    // Five transport faults in a row are one more than the four retries allowed: the
    // step gives up with the last reason, the run fails and keeps what it has.
    server.push(&[
        Fault::RateLimit(1),
        Fault::ServerError,
        Fault::Hang,
        Fault::CutStream,
        Fault::Malformed,
    ]);
    let out = jcc.cmd().args(RUN).write_stdin("").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(12), "crew step failed: {stderr}");
    for reason in [
        "HTTP 429 rate limited",
        "HTTP 500",
        "no answer in 2 s",
        "stream cut",
    ] {
        assert!(
            stderr.contains(reason),
            "progress shows the retry for {reason}: {stderr}"
        );
    }
    assert!(
        stderr.contains("gave up after 5 attempts") && stderr.contains("not a chat completion"),
        "{stderr}"
    );
    assert!(
        stderr.contains("jcc crew resume"),
        "says what to do next: {stderr}"
    );
    let failed = last_json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(failed["status"], "failed");
    let run = failed["run_id"].as_i64().unwrap().to_string();

    // Resume: the next reply breaks the schema twice (re-asked, quoting the error), then all is well.
    server.push(&[
        Fault::SchemaInvalid,
        Fault::SchemaInvalid,
        Fault::RateLimit(1),
        Fault::ServerError,
    ]);
    let out = jcc
        .cmd()
        .args(["--json", "crew", "resume", &run, "--yes"])
        .write_stdin("")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("reply not accepted (it does not follow the schema"),
        "{stderr}"
    );
    let done = last_json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(done["status"], "finished", "{done}");
    assert!(done["tokens_total"].as_i64().unwrap() > 0);
    assert_eq!(server.pending_faults(), 0);
    assert_complete(&jcc, &done["journal_id"].to_string());

    // Schema failures beyond the bound fail the step with the validation error.
    let jcc2 = setup(&server);
    server.push(&[
        Fault::SchemaInvalid,
        Fault::SchemaInvalid,
        Fault::SchemaInvalid,
    ]);
    let err = jcc2.fails(RUN, 12);
    assert!(
        err.contains("not usable after 3 tries")
            && err.contains("\"titles\" is a required property"),
        "{err}"
    );
}

#[test]
fn a_reply_cut_off_at_the_token_limit_is_asked_again_with_more_room() {
    let server = FaultServer::start();
    let jcc = setup(&server);
    // The first step's reply runs out of tokens twice; the third try fits.
    server.push(&[Fault::LengthCut, Fault::LengthCut]);
    let out = jcc.cmd().args(RUN).write_stdin("").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("cut off"), "the re-ask says why: {stderr}");
    let asked: Vec<u64> = server.max_tokens().into_iter().take(3).flatten().collect();
    assert_eq!(asked.len(), 3, "every request sets max_tokens");
    assert!(
        asked[0] < asked[1] && asked[1] < asked[2],
        "each cut-off reply is asked again with more room: {asked:?}"
    );
    assert!(
        asked[2] <= asked[0] * 2,
        "within twice the task's limit: {asked:?}"
    );
    let done = last_json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(done["status"], "finished", "{done}");
}

/// Runs RUN to the end (every scripted fault used) and returns its summary and status.
fn run_to_the_end(server: &FaultServer, jcc: &Jcc) -> (Value, Value) {
    let out = jcc.cmd().args(RUN).write_stdin("").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the run goes on: {stderr}");
    assert_eq!(server.pending_faults(), 0);
    let done = last_json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(done["status"], "finished", "{done}");
    let run = done["run_id"].as_i64().unwrap().to_string();
    let status = serde_json::from_str(&jcc.ok(&["--json", "crew", "status", &run])).unwrap();
    (done, status)
}

/// One step of a `crew status`.
fn step(status: &Value, key: &str) -> Value {
    status["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == key)
        .cloned()
        .unwrap_or_else(|| panic!("no step {key} in {status}"))
}

#[test]
fn a_usable_try_is_kept_when_the_last_one_is_worse() {
    let server = FaultServer::start();
    let jcc = setup(&server);
    // titles and research answer; the intro is too short (re-asked), then cut off twice.
    server.push(&[
        Fault::Pass,
        Fault::Pass,
        Fault::Short,
        Fault::LengthCut,
        Fault::LengthCut,
    ]);
    let (done, status) = run_to_the_end(&server, &jcc);
    let intro = step(&status, "intro");
    assert_eq!(intro["attempts"], 3, "{intro}");
    let warnings = intro["warnings"].to_string();
    assert!(warnings.contains("kept an earlier try"), "{intro}");
    let entries: Vec<Value> = serde_json::from_str(&jcc.ok(&[
        "--json",
        "entry",
        "list",
        "--journal",
        done["journal_id"].as_i64().unwrap().to_string().as_str(),
    ]))
    .unwrap();
    let first = entries.iter().find(|e| e["kind"] == "intro").unwrap();
    let shown: Value = serde_json::from_str(&jcc.ok(&[
        "--json",
        "entry",
        "show",
        first["id"].to_string().as_str(),
    ]))
    .unwrap();
    let body = shown["entry"]["body"].as_str().unwrap_or_default();
    assert!(
        body.contains("Kept short."),
        "the kept try became the intro: {body}"
    );
}

#[test]
fn an_unusable_edit_keeps_the_day_as_written_and_the_run_goes_on() {
    let server = FaultServer::start();
    let jcc = setup(&server);
    // titles, research, intro, commitment, six days, certificate; then edit#1 breaks the
    // schema on every try.
    let mut faults = vec![Fault::Pass; 11];
    faults.extend(vec![Fault::SchemaInvalid; 3]);
    server.push(&faults);
    let (done, status) = run_to_the_end(&server, &jcc);
    let edit = step(&status, "edit#1");
    assert_eq!(edit["status"], "skipped", "{edit}");
    assert!(
        edit["warnings"]
            .to_string()
            .contains("kept what the earlier steps wrote"),
        "{edit}"
    );
    assert_eq!(step(&status, "edit#2")["status"], "finished");
    assert_complete(&jcc, done["journal_id"].to_string().as_str());
}

#[test]
fn a_killed_run_resumes_without_lost_or_duplicated_entries() {
    let server = FaultServer::start();
    server.set_delay(150);
    let jcc = setup(&server);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jcc"))
        .args(RUN)
        .env("JCC_DATA_DIR", jcc.data_dir())
        .env("JCC_CONFIG_DIR", jcc.dir.path().join("config"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it mid-run: after some day entries are saved, before the run ends.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let days: i64 = rusqlite::Connection::open(jcc.library())
            .and_then(|db| {
                db.query_row(
                    "SELECT count(*) FROM crew_steps WHERE task = 'day'",
                    [],
                    |r| r.get(0),
                )
            })
            .unwrap_or(0);
        if days >= 3 {
            break;
        }
        assert!(Instant::now() < deadline, "the run never got to day 3");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let runs: Vec<Value> = serde_json::from_str(&jcc.ok(&["--json", "crew", "list"])).unwrap();
    assert_eq!(
        runs[0]["status"], "running",
        "a killed run is left as it was"
    );
    let run = runs[0]["id"].to_string();
    server.set_delay(0);
    let done = last_json(&jcc.ok(&["--json", "crew", "resume", &run, "--yes"]));
    assert_eq!(done["status"], "finished");
    assert_complete(&jcc, &done["journal_id"].to_string());
}

#[test]
fn cancel_from_another_process_stops_the_run_and_resume_finishes_it() {
    let server = FaultServer::start();
    server.set_delay(300);
    let jcc = setup(&server);
    let mut cmd = jcc.cmd();
    cmd.args(RUN)
        .write_stdin("")
        .timeout(Duration::from_secs(60));
    let handle = std::thread::spawn(move || cmd.output().unwrap());
    let deadline = Instant::now() + Duration::from_secs(30);
    while rusqlite::Connection::open(jcc.library())
        .and_then(|db| {
            db.query_row("SELECT count(*) FROM crew_steps", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .unwrap_or(0)
        < 2
    {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(20));
    }
    jcc.ok(&["crew", "cancel", "1"]);
    let out = handle.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(13),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status = last_json(&jcc.ok(&["--json", "crew", "status", "1"]));
    assert_eq!(status["run"]["status"], "cancelled");
    server.set_delay(0);
    let done = last_json(&jcc.ok(&["--json", "crew", "resume", "1", "--yes"]));
    assert_eq!(done["status"], "finished");
    assert_complete(&jcc, &done["journal_id"].to_string());
}

#[test]
fn a_rerun_never_overwrites_the_writers_words_without_asking() {
    let server = FaultServer::start();
    let jcc = setup(&server);
    let done = last_json(&jcc.ok(RUN));
    let journal = done["journal_id"].to_string();
    let entries: Vec<Value> =
        serde_json::from_str(&jcc.ok(&["--json", "entry", "list", "--journal", &journal])).unwrap();
    let day2 = entries.iter().find(|e| e["day"] == 2).unwrap();
    let id = day2["id"].to_string();
    jcc.ok(&[
        "entry",
        "edit",
        &id,
        "--body",
        "My own words about day two.",
    ]);
    let out = jcc
        .cmd()
        .args(["crew", "rerun-step", "1", "edit#2", "--note", "warmer"])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("kept your changes"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body = last_json(&jcc.ok(&["--json", "entry", "show", &id]))["entry"]["body"].clone();
    assert_eq!(body, "My own words about day two.");
    // Asked explicitly: replaced, and the writer's text is kept as a revision.
    jcc.ok(&["crew", "rerun-step", "1", "edit#2", "--overwrite"]);
    let shown = last_json(&jcc.ok(&["--json", "entry", "show", &id]));
    assert_ne!(shown["entry"]["body"], "My own words about day two.");
    let history = jcc.ok(&["--json", "entry", "history", &id]);
    assert!(history.contains("My own words about day two."));
}

#[test]
fn a_saved_theme_starts_a_run_and_flags_win_over_it() {
    let server = FaultServer::start();
    let jcc = setup(&server);
    jcc.ok(&[
        "crew",
        "save-theme",
        "Sea swims",
        "--theme",
        "Cold water swimming",
        "--title-style",
        "practical",
        "--voice",
        "a calm coach",
        "--depth",
        "light",
    ]);
    let err = jcc.fails(
        &["crew", "save-theme", "Gratitude", "--theme", "Mine now"],
        2,
    );
    assert!(err.contains("starter theme"), "{err}");
    let themes: Vec<Value> = serde_json::from_str(&jcc.ok(&["--json", "crew", "themes"])).unwrap();
    assert_eq!(themes.len(), 7, "six starters and mine: {themes:#?}");
    let err = jcc.fails(&["crew", "run", "--preset", "No such theme", "--yes"], 3);
    assert!(
        err.contains("Sea swims") && err.contains("Mindfulness"),
        "lists the themes: {err}"
    );

    let done = last_json(&jcc.ok(&[
        "--json",
        "crew",
        "run",
        "--preset",
        "sea SWIMS",
        "--voice",
        "a kind teacher",
        "--lead-magnet",
        "--yes",
    ]));
    assert_eq!(done["status"], "finished", "{done}");
    let runs: Vec<Value> = serde_json::from_str(&jcc.ok(&["--json", "crew", "list"])).unwrap();
    let inputs = &runs[0]["inputs"];
    assert_eq!(inputs["theme"], "Cold water swimming");
    assert_eq!(inputs["title_style"], "practical");
    assert_eq!(inputs["depth"], "light");
    assert_eq!(
        inputs["voice"], "a kind teacher",
        "a flag wins over the preset"
    );
}
