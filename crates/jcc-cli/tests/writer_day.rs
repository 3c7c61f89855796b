//! A writer's day with `jcc`: create, write, tag, search, revise, restore, export,
//! import it back, compare.

mod common;

use common::Jcc;
use serde_json::Value;

fn ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn a_writers_day() {
    let jcc = Jcc::new();
    jcc.ok(&["journal", "new", "Morning Pages"]);

    // A body from the flag or from a pipe.
    let first = jcc.json(&[
        "entry",
        "add",
        "--journal",
        "Morning Pages",
        "--title",
        "Harbour",
        "--body",
        "Morning light over the harbour. A quiet café walk.",
        "--tag",
        "walk",
        "--date",
        "2026-03-01",
    ]);
    let piped = jcc
        .cmd()
        .args([
            "entry",
            "add",
            "--journal",
            "Morning Pages",
            "--date",
            "yesterday",
            "--json",
        ])
        .write_stdin("Rain all day; walked anyway and got soaked.\n")
        .output()
        .unwrap();
    assert!(piped.status.success());
    // No --body and an empty pipe: nothing to save, and jcc says so.
    jcc.fails(&["entry", "add", "--journal", "Morning Pages"], 2);

    let list = jcc.json(&["entry", "list", "--journal", "Morning Pages"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(
        list[0]["body"],
        "Morning light over the harbour. A quiet café walk."
    );
    assert_eq!(list[0]["kind"], "free");
    assert!(list[0].get("day").is_some() && list[0].get("prompt").is_some());
    let id = first["id"].as_i64().unwrap();

    // Tag, then search by word, phrase, tag and date.
    jcc.ok(&["tag", "add", &id.to_string(), "morning"]);
    let hits = jcc.json(&["search", "cafe"])["hits"].clone();
    assert_eq!(hits[0]["entry_id"].as_i64(), Some(id));
    assert!(hits[0]["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["hit"] == true));
    assert_eq!(
        jcc.json(&["search", "\"quiet café\"", "tag:morning"])["hits"]
            .clone()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        jcc.json(&["search", "tag:walk", "on:2026-03-01"])["hits"]
            .clone()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(jcc.json(&["search", "harbour", "-walk"])["hits"]
        .clone()
        .as_array()
        .unwrap()
        .is_empty());
    let text = jcc.ok(&["search", "harbour"]);
    assert!(text.contains("[harbour]"), "{text}");

    // Revise, look at the history, and go back.
    jcc.ok(&[
        "entry",
        "edit",
        &id.to_string(),
        "--body",
        "Evening now. The harbour is dark.",
    ]);
    let history = jcc.json(&["entry", "history", &id.to_string()]);
    let rev = history[0]["id"].as_i64().unwrap();
    assert_eq!(
        history[0]["body"],
        "Morning light over the harbour. A quiet café walk."
    );
    let diff = jcc.ok(&["entry", "diff", &id.to_string(), &rev.to_string()]);
    assert!(
        diff.contains("-Morning light") && diff.contains("+Evening now."),
        "{diff}"
    );
    jcc.ok(&["entry", "revert", &id.to_string(), &rev.to_string()]);
    let shown = jcc.json(&["entry", "show", &id.to_string()]);
    assert_eq!(
        shown["entry"]["body"],
        "Morning light over the harbour. A quiet café walk."
    );
    assert_eq!(
        jcc.json(&["entry", "history", &id.to_string()])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Trash and restore.
    jcc.ok(&["entry", "trash", &id.to_string()]);
    assert!(jcc.json(&["search", "harbour"])["hits"]
        .clone()
        .as_array()
        .unwrap()
        .is_empty());
    jcc.ok(&["entry", "restore", &id.to_string()]);
    assert_eq!(
        jcc.json(&["search", "harbour"])["hits"]
            .clone()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // A photo, stored once even when attached twice.
    let photo = jcc.path("harbour.png");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\nnot really a png").unwrap();
    jcc.ok(&["entry", "attach", &id.to_string(), photo.to_str().unwrap()]);
    jcc.ok(&["entry", "attach", &id.to_string(), photo.to_str().unwrap()]);
    let shown = jcc.json(&["entry", "show", &id.to_string()]);
    assert_eq!(shown["attachments"].as_array().unwrap().len(), 1);
    assert_eq!(shown["attachments"][0]["mime"], "image/png");

    // Templates and prompts.
    jcc.ok(&[
        "template",
        "add",
        "Walk log",
        "--body",
        "# Walk on {{date}}\n\nWhere: ",
    ]);
    let from_template = jcc.json(&[
        "template",
        "use",
        "Walk log",
        "--journal",
        "Morning Pages",
        "--date",
        "2026-03-02",
    ]);
    assert!(from_template["body"]
        .as_str()
        .unwrap()
        .starts_with("# Walk on 2026-03-02"));
    assert!(jcc.json(&["template", "list"]).as_array().unwrap().len() >= 7);
    assert!(!jcc.ok(&["prompt", "today"]).trim().is_empty());

    // Stats count the words.
    let stats = jcc.json(&["stats", "--journal", "Morning Pages"]);
    assert_eq!(stats["entries"], 3);

    // Export both ways, import back, compare what a writer sees.
    let original = jcc.json(&["entry", "list", "--journal", "Morning Pages"]);
    for (format, out) in [("json", jcc.path("mp.json")), ("md", jcc.path("mp-md"))] {
        let out = out.to_str().unwrap();
        jcc.ok(&["export", "Morning Pages", "--format", format, "-o", out]);
        let copy = format!("Copy {format}");
        let outcome = jcc.json(&["import", out, "--journal", &copy]);
        assert_eq!(outcome["imported"], 3, "{format}");
        let again = jcc.json(&["import", out, "--journal", &copy]);
        assert_eq!(
            (
                again["imported"].as_i64(),
                again["already_present"].as_i64()
            ),
            (Some(0), Some(3))
        );
        let back = jcc.json(&["entry", "list", "--journal", &copy]);
        assert_eq!(ids(&back).len(), 3);
        for (a, b) in original
            .as_array()
            .unwrap()
            .iter()
            .zip(back.as_array().unwrap())
        {
            for field in ["title", "body", "date", "tags", "starred", "kind", "prompt"] {
                assert_eq!(a[field], b[field], "{format}: {field} differs");
            }
        }
    }
}

#[test]
fn exit_codes_scripts_can_rely_on() {
    let jcc = Jcc::new();
    jcc.ok(&["journal", "new", "J"]);
    assert!(jcc
        .fails(&["entry", "show", "99"], 3)
        .contains("entry 99 not found"));
    assert!(jcc
        .fails(
            &[
                "entry",
                "add",
                "--journal",
                "J",
                "--body",
                "x",
                "--date",
                "someday"
            ],
            2
        )
        .contains("YYYY-MM-DD"));
    jcc.fails(&["no-such-command"], 2);
    jcc.fails(&["search", "on:notadate"], 2);
    jcc.ok(&["journal", "new", "Twin"]);
    jcc.ok(&["journal", "new", "Twin"]);
    assert!(jcc
        .fails(&["journal", "show", "Twin"], 4)
        .contains("use the id"));
    // JSON errors carry a stable code.
    let out = jcc
        .cmd()
        .args(["entry", "show", "99", "--json"])
        .output()
        .unwrap();
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "not_found");
}

#[test]
fn a_new_journal_can_be_started_by_writing_into_it() {
    let jcc = Jcc::new();
    jcc.ok(&[
        "entry",
        "add",
        "--journal",
        "Fresh Start",
        "--body",
        "Day one.",
    ]);
    let list = jcc.json(&["entry", "list", "--journal", "Fresh Start"]);
    assert_eq!(list[0]["body"], "Day one.");
}
