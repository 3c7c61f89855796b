//! One crew run against whichever profile a test set up, and every check a writer would
//! make of the result; shared by the server and the on-device model tests (each includes
//! it as `mod crew`: the window's IPC tests share `llm_support` without it).

// Each test binary reads the figures it needs.
#![allow(dead_code)]

use crate::common::Jcc;
use crate::llm_support::last_json;
use serde_json::Value;
use std::time::Instant;

/// What a run's checks measured.
#[derive(Debug)]
pub struct Figures {
    pub model_steps: i64,
    /// Model steps that made a first attempt (skipped editor passes included).
    pub first_attempts: i64,
    pub schema_valid_first: i64,
    pub wall_s: f64,
}

/// Runs the built-in crew (the 6-day lead magnet when `days` is 6) with `profile`,
/// checks the journal it wrote, and prints the figures for the README.
pub fn run_and_check(jcc: &Jcc, profile: &str, days: usize) -> Figures {
    let mut args = vec![
        "--json",
        "crew",
        "run",
        "--theme",
        "Gratitude for new parents",
        "--title-style",
        "encouraging",
        "--voice",
        "a warm, plain-spoken coach",
        "--depth",
        "light",
        "--profile",
        profile,
        "--yes",
    ];
    if days == 6 {
        args.push("--lead-magnet");
    }
    let started = Instant::now();
    let out = jcc.cmd().args(&args).write_stdin("").output().unwrap();
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "crew run failed: {stderr}");
    let summary = last_json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(summary["status"], "finished", "{summary}\n{stderr}");
    let tokens = summary["tokens_total"].as_i64().unwrap();
    assert!(tokens > 0 && summary["tokens_in"].as_i64().unwrap() > 0);
    let journal = summary["journal_id"]
        .as_i64()
        .expect("a journal")
        .to_string();

    // Every day is in the library with a prompt and a pre-writeup, plus the front and back matter.
    let entries: Vec<Value> =
        serde_json::from_str(&jcc.ok(&["--json", "entry", "list", "--journal", &journal])).unwrap();
    let days_found: Vec<&Value> = entries.iter().filter(|e| e["kind"] == "day").collect();
    assert_eq!(days_found.len(), days, "{entries:#?}");
    for (i, d) in days_found.iter().enumerate() {
        assert_eq!(d["day"].as_i64(), Some(i as i64 + 1));
        assert!(
            !d["prompt"].as_str().unwrap().trim().is_empty(),
            "day {} has no prompt",
            i + 1
        );
        assert!(
            d["body"].as_str().unwrap().split_whitespace().count() > 20,
            "day {} has no pre-writeup: {:?}\n{}",
            i + 1,
            d["body"],
            jcc.ok(&["crew", "status", "1"])
        );
        assert_eq!(d["writing_lines"], 25);
        // The content checks re-ask, then repair: a day's prompt is always a question.
        let prompt = d["prompt"].as_str().unwrap().trim();
        assert!(
            prompt
                .trim_end_matches(['"', '\'', '”', '’', ')', '*', '_'])
                .ends_with('?'),
            "day {} prompt is not a question: {prompt}",
            i + 1
        );
    }
    for kind in ["intro", "commitment", "certificate"] {
        assert_eq!(
            entries.iter().filter(|e| e["kind"] == kind).count(),
            1,
            "{kind}"
        );
    }

    // Valid JSON at every step, revisions recorded, tokens counted: read the library file.
    let db = rusqlite::Connection::open(jcc.library()).unwrap();
    let (steps, finished, valid_first, attempts): (i64, i64, i64, i64) = db
        .query_row(
            "SELECT count(*), sum(status = 'finished'), sum(valid_first), sum(attempts) FROM crew_steps
             WHERE task NOT IN ('media', 'layout') AND status != 'skipped'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(steps, finished, "every model step finished");
    let bad_json: i64 = db
        .query_row(
            "SELECT count(*) FROM crew_steps WHERE status = 'finished' AND (output IS NULL OR NOT json_valid(output))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad_json, 0);
    let crew_revisions: i64 = db
        .query_row(
            "SELECT count(*) FROM revisions WHERE origin = 'crew'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // An edit whose replies stayed unusable is skipped (the day keeps its first text);
    // every other edit is a revision, and nothing but an edit is ever skipped that way.
    let (edits, edits_skipped): (i64, i64) = db
        .query_row(
            "SELECT sum(status = 'finished'), sum(status = 'skipped' AND warnings LIKE '%kept what the earlier steps wrote%')
             FROM crew_steps WHERE task = 'edit'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(edits + edits_skipped, days as i64, "an edit step per day");
    assert!(
        crew_revisions >= edits,
        "the editor's changes are revisions ({crew_revisions} for {edits} edits)"
    );
    let other_skips: i64 = db
        .query_row(
            "SELECT count(*) FROM crew_steps WHERE status = 'skipped' AND task NOT IN ('edit', 'voices', 'titles')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        other_skips, 0,
        "only the optional editor pass is ever skipped"
    );
    let images: i64 = db
        .query_row("SELECT count(*) FROM attachments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        images,
        days as i64 + 1,
        "an image for every day and the cover"
    );
    let (schema_first, first_attempts) = crate::first_try::counts(&db);
    let warned: i64 = db
        .query_row(
            "SELECT count(*) FROM crew_steps WHERE warnings != '[]'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // The run's quality score: in `crew status`, as JSON and as text.
    let run_id = summary["run_id"].as_i64().unwrap().to_string();
    let status = last_json(&jcc.ok(&["--json", "crew", "status", &run_id]));
    let quality = &status["summary"]["quality"];
    let fields = quality["fields"].as_u64().unwrap();
    let passed = quality["passed_first"].as_u64().unwrap();
    let score = quality["score"]
        .as_f64()
        .expect("a score once model steps finished");
    assert!(fields > 0 && passed <= fields, "{quality}");
    assert!(
        (score - passed as f64 / fields as f64).abs() < 1e-9,
        "{quality}"
    );
    let text = jcc.ok(&["crew", "status", &run_id]);
    assert!(
        text.contains(&format!("of {fields} fields clean on the first try")),
        "{text}"
    );
    // The figures for the README (run with --nocapture to see them).
    eprintln!(
        "FIGURES days={days} wall_s={:.1} tokens_in={} tokens_out={} model_steps={steps} \
         schema_valid_first={schema_first}/{first_attempts} all_checks_first={valid_first}/{steps} \
         valid_within_retries={finished}/{steps} attempts={attempts} steps_with_guardrail_warnings={warned} \
         edits_skipped={edits_skipped} quality={passed}/{fields}={score:.3}",
        wall.as_secs_f64(),
        summary["tokens_in"],
        summary["tokens_out"],
    );
    Figures {
        model_steps: steps,
        first_attempts,
        schema_valid_first: schema_first,
        wall_s: wall.as_secs_f64(),
    }
}
