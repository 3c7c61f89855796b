//! Every command through Tauri's IPC on the mock runtime, against a real library file:
//! what the window sends, what it gets back, and the `{code, message, details}` errors.

mod common;

use common::{open, Window, CHANNEL};
use jcc_desktop::Desktop;
use serde_json::json;
use tauri::Manager;

fn diary_with_entry(w: &Window) -> (i64, i64) {
    let journal = w.ok(
        "journal_new",
        json!({"input": {"title": "Morning Pages", "kind": "diary"}}),
    );
    let entry = w.ok(
        "entry_add",
        json!({"input": {"journal": "Morning Pages", "title": "Rain", "body": "The rain on the tin roof.", "date": "2026-11-01", "tags": ["weather"]}}),
    );
    (
        journal["id"].as_i64().unwrap(),
        entry["id"].as_i64().unwrap(),
    )
}

#[test]
fn journals_open_rename_trash_and_restore() {
    let w = open();
    let (jid, _) = diary_with_entry(&w);
    let list = w.ok("journal_list", json!({"trashed": false}));
    assert_eq!(list[0]["title"], "Morning Pages");
    assert_eq!(list[0]["entry_count"], 1);
    let shown = w.ok("journal_show", json!({"key": jid.to_string()}));
    assert_eq!(shown["journal"]["id"], jid);
    let renamed = w.ok(
        "journal_rename",
        json!({"key": "Morning Pages", "title": "Evening Pages"}),
    );
    assert_eq!(renamed["title"], "Evening Pages");
    w.ok("journal_trash", json!({"key": "Evening Pages"}));
    assert_eq!(w.ok("journal_list", json!({"trashed": false})), json!([]));
    assert_eq!(w.ok("journal_list", json!({"trashed": true}))[0]["id"], jid);
    w.ok("journal_restore", json!({"key": "Evening Pages"}));
    let err = w.err("journal_show", json!({"key": "Nope"}));
    assert_eq!(err["code"], "not_found");
    assert!(err["message"].as_str().unwrap().contains("Nope"), "{err}");
    let err = w.err("journal_new", json!({"input": {"title": "  "}}));
    assert_eq!(err["code"], "invalid_input", "{err}");
}

#[test]
fn entries_save_tag_move_trash_and_keep_history() {
    let w = open();
    let (_, id) = diary_with_entry(&w);
    let list = w.ok("entry_list", json!({"input": {"journal": "Morning Pages"}}));
    assert_eq!(list[0]["excerpt"], "The rain on the tin roof.");
    assert!(list[0].get("body").is_none(), "lists carry no bodies");
    let version = w.ok("entry_show", json!({"id": id}))["entry"]["version"].clone();
    let saved = w.ok(
        "entry_save",
        json!({"id": id, "patch": {"body": "The rain stopped. Birds came out."}, "base": version}),
    );
    assert_eq!(saved["entry"]["word_count"], 7, "title and body words");
    assert_eq!(saved["merged"], false);
    // A save from the version before that one (another writer's) is merged, not lost.
    let merged = w.ok(
        "entry_save",
        json!({"id": id, "patch": {"body": "The rain on the tin roof.\n\nA dog barked."}, "base": version}),
    );
    assert_eq!(merged["merged"], true);
    assert_eq!(
        merged["entry"]["body"],
        "The rain stopped. Birds came out.\n\nA dog barked."
    );
    let reviewed = w.ok("entry_review_done", json!({"id": id}));
    assert_eq!(reviewed["review_merge"], false);
    w.ok(
        "entry_save",
        json!({"id": id, "patch": {"body": "The rain stopped. Birds came out."}}),
    );
    let shown = w.ok("entry_show", json!({"id": id}));
    assert_eq!(shown["entry"]["body"], "The rain stopped. Birds came out.");
    let tagged = w.ok(
        "entry_tag",
        json!({"id": id, "change": {"add": ["birds"], "remove": ["weather"]}}),
    );
    assert_eq!(tagged["tags"], json!(["birds"]));
    assert_eq!(w.ok("tag_list", json!({}))[0]["name"], "birds");
    assert_eq!(
        w.ok("tag_rename", json!({"from": "birds", "to": "wildlife"})),
        1
    );

    let history = w.ok("entry_history", json!({"id": id}));
    let first = history
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["body"] == "The rain on the tin roof.")
        .expect("the first text is in the history");
    let rev = first["id"].as_i64().unwrap();
    let diff = w.ok("entry_diff", json!({"id": id, "revision": rev}));
    assert!(
        diff.as_str()
            .unwrap()
            .contains("-The rain on the tin roof."),
        "{diff}"
    );
    let restored = w.ok("entry_revert", json!({"id": id, "revision": rev}));
    assert_eq!(restored["body"], "The rain on the tin roof.");

    let second = w.ok(
        "entry_add",
        json!({"input": {"journal": "Morning Pages", "title": "Sun", "date": "2026-11-02"}}),
    );
    let moved = w.ok("entry_move", json!({"id": second["id"], "before": id}));
    assert_eq!(moved["position"], 1);
    w.ok("entry_trash", json!({"id": id}));
    let trash = w.ok("entry_list", json!({"input": {"trashed": true}}));
    assert_eq!(trash[0]["id"], id);
    w.ok("entry_restore", json!({"id": id}));
    let err = w.err("entry_show", json!({"id": 9999}));
    assert_eq!(err["code"], "not_found");
}

#[test]
fn images_dropped_on_an_entry_are_kept() {
    let w = open();
    let (_, id) = diary_with_entry(&w);
    let png = w.dir.path().join("sun.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    let att = w.ok("entry_attach", json!({"id": id, "path": png}));
    assert_eq!(att["filename"], "sun.png");
    assert_eq!(
        w.ok("entry_show", json!({"id": id}))["attachments"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let pdf = w.dir.path().join("notes.pdf");
    std::fs::write(&pdf, b"%PDF").unwrap();
    let err = w.err("entry_attach", json!({"id": id, "path": pdf}));
    assert_eq!(err["code"], "invalid_input");
    let err = w.err(
        "entry_attach",
        json!({"id": id, "path": w.dir.path().join("gone.png")}),
    );
    assert_eq!(err["code"], "io");

    // The preview loads it back through the jcc-image scheme; nothing else comes back.
    let app = &w.app.state::<Desktop>().app;
    let ok = jcc_desktop::images::respond(app, &format!("/{id}%2Fsun.png"));
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.headers()["content-type"], "image/png");
    assert_eq!(ok.body().as_slice(), b"\x89PNG\r\n\x1a\nnot really");
    let missing = jcc_desktop::images::respond(app, &format!("/{id}%2Fmoon.png"));
    assert_eq!(missing.status(), 404);
    let elsewhere = jcc_desktop::images::respond(app, &format!("/{}%2Fsun.png", id + 1));
    assert_eq!(elsewhere.status(), 404);
    let bad = jcc_desktop::images::respond(app, "/..%2F..%2Fetc%2Fpasswd");
    assert_eq!(bad.status(), 400);
}

#[test]
fn search_stats_templates_and_prompts() {
    let w = open();
    diary_with_entry(&w);
    let page = w.ok("search", json!({"input": {"query": "tin roof"}}));
    assert_eq!(page["total"], 1);
    let hits = &page["hits"];
    assert_eq!(hits[0]["title"], "Rain");
    assert!(hits[0]["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["hit"] == true));
    let none = w.ok("search", json!({"input": {"query": "tag:nothing"}}));
    assert_eq!((&none["total"], &none["hits"]), (&json!(0), &json!([])));
    let stats = w.ok("stats", json!({"journal": null, "days": 30}));
    assert_eq!(stats["entries"], 1);
    assert_eq!(stats["per_day"].as_array().unwrap().len(), 30);

    w.ok("template_add", json!({"name": "Evening", "category": "reflection", "body": "# {{date}}\n\nToday I noticed"}));
    assert!(w
        .ok("template_list", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "Evening"));
    let made = w.ok(
        "template_use",
        json!({"name": "Evening", "journal": "Morning Pages", "date": "2026-11-03"}),
    );
    assert!(
        made["body"].as_str().unwrap().contains("2026-11-03"),
        "{made}"
    );
    w.ok("template_remove", json!({"name": "Evening"}));
    assert!(!w
        .ok("prompt_list", json!({"category": null}))
        .as_array()
        .unwrap()
        .is_empty());
    assert!(w.ok("prompt_today", json!({}))["text"].is_string());
}

#[test]
fn export_import_and_books_with_progress() {
    let w = open();
    diary_with_entry(&w);
    let trims = w.ok("book_trims", json!({}));
    assert_eq!(trims[0]["name"], "6x9");

    let pdf = w.dir.path().join("book.pdf");
    let out = w.ok(
        "export_book",
        json!({"input": {"journal": "Morning Pages", "format": "pdf", "out": pdf, "settings": {"trim": "5x8"}}, "task": "t1", "onProgress": CHANNEL}),
    );
    assert!(out["pages"].as_u64().unwrap() >= 24);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let epub = w.dir.path().join("book.epub");
    w.ok(
        "export_book",
        json!({"input": {"journal": "Morning Pages", "format": "epub", "out": epub}, "task": "t2", "onProgress": CHANNEL}),
    );
    assert!(std::fs::read(&epub).unwrap().starts_with(b"PK"));
    let err = w.err(
        "export_book",
        json!({"input": {"journal": "Morning Pages", "format": "pdf", "out": pdf, "settings": {"trim": "2x2"}}, "task": "t3", "onProgress": CHANNEL}),
    );
    assert_eq!(err["code"], "invalid_input", "{err}");

    let json_out = w.dir.path().join("journal.json");
    w.ok(
        "export_file",
        json!({"input": {"journal": "Morning Pages", "format": "json", "out": json_out}}),
    );
    let imported = w.ok(
        "import_file",
        json!({"input": {"path": json_out, "journal": "Copy"}, "task": "i1", "onProgress": CHANNEL}),
    );
    assert_eq!(imported["imported"], 1);
    let again = w.ok(
        "import_file",
        json!({"input": {"path": json_out, "journal": "Copy"}, "task": "i2", "onProgress": CHANNEL}),
    );
    assert_eq!(again["already_present"], 1, "importing twice adds nothing");

    let author = w.ok("author_set", json!({"profile": {"name": "Ada Writer"}}));
    assert_eq!(author["name"], "Ada Writer");
    assert_eq!(w.ok("author_get", json!({}))["name"], "Ada Writer");
}

#[test]
fn llm_profiles_keep_keys_out_of_the_library() {
    let w = open();
    let info = w.ok(
        "llm_add",
        json!({"input": {"name": "cloud", "base_url": "http://127.0.0.1:9/v1", "model": "m", "timeout_secs": 2}, "apiKey": "sk-secret-123"}),
    );
    assert_eq!(info["has_api_key"], true, "{info}");
    let list = w.ok("llm_list", json!({"detect": false}));
    assert_eq!(list["profiles"][0]["name"], "cloud");
    assert!(!list.to_string().contains("sk-secret-123"));
    let library = std::fs::read(w.dir.path().join("data/library.sqlite3")).unwrap();
    assert!(!String::from_utf8_lossy(&library).contains("sk-secret-123"));

    let report = w.ok("llm_test", json!({"name": "cloud"}));
    assert_eq!(report["reachable"], false, "{report}");
    let err = w.err(
        "assist",
        json!({"input": {"action": "rephrase", "text": "x"}, "task": "a1", "onDelta": CHANNEL}),
    );
    assert_eq!(err["code"], "invalid_input", "{err}");
    w.ok("llm_remove", json!({"name": "cloud"}));
    let err = w.err("llm_remove", json!({"name": "cloud"}));
    assert_eq!(err["code"], "not_found");
}

#[test]
fn crew_runs_need_an_endpoint_and_themes_are_kept() {
    let w = open();
    let styles = w.ok("crew_title_styles", json!({}));
    assert_eq!(
        styles.as_array().unwrap().len(),
        jcc_crew::TITLE_STYLES.len()
    );
    assert!(styles.as_array().unwrap().contains(&json!("encouraging")));
    let themes = w.ok("crew_themes", json!({}));
    let starter = themes[0].clone();
    assert!(starter["builtin"].as_bool().unwrap());
    let mut mine = starter.clone();
    mine["name"] = json!("My calm theme");
    mine["builtin"] = json!(false);
    let saved = w.ok("crew_save_theme", json!({"theme": mine}));
    assert_eq!(saved["name"], "My calm theme");
    let err = w.err(
        "crew_start",
        json!({"input": {"theme": "Gratitude", "title_style": "encouraging", "voice": "warm", "depth": "light"}}),
    );
    assert!(
        err["message"].as_str().unwrap().contains("Settings"),
        "says where to add an endpoint: {err}"
    );
    assert_eq!(w.ok("crew_list", json!({"limit": 10})), json!([]));
    assert_eq!(
        w.err("crew_status", json!({"runId": 1}))["code"],
        "not_found"
    );
}

#[test]
fn preferences_paths_and_tasks() {
    let w = open();
    let prefs = w.ok("preferences_get", json!({}));
    assert_eq!(prefs["theme"], "system");
    let set = w.ok(
        "preferences_set",
        json!({"preferences": {"theme": "dark", "language": "en", "focus_mode": true}}),
    );
    assert_eq!(set["theme"], "dark");
    assert_eq!(w.ok("preferences_get", json!({}))["focus_mode"], true);
    let info = w.ok("app_info", json!({}));
    assert!(info["library"]
        .as_str()
        .unwrap()
        .ends_with("library.sqlite3"));
    assert_eq!(
        w.ok("task_cancel", json!({"task": "nothing-running"})),
        false
    );
}

#[test]
fn library_changes_reach_the_window_as_events() {
    use tauri::Listener;
    let w = open();
    let (tx, rx) = std::sync::mpsc::channel();
    w.app.listen_any("library-event", move |e| {
        let _ = tx.send(e.payload().to_string());
    });
    let (_, id) = diary_with_entry(&w);
    w.ok(
        "entry_save",
        json!({"id": id, "patch": {"body": "Changed."}}),
    );
    let mut seen = Vec::new();
    while let Ok(p) = rx.recv_timeout(std::time::Duration::from_secs(5)) {
        let done = p.contains("entry_changed") && p.contains(&format!("\"entry_id\":{id}"));
        seen.push(p);
        if done {
            return;
        }
    }
    panic!("no entry_changed event for entry {id}; saw {seen:?}");
}

#[test]
fn calendar_on_this_day_and_reminders() {
    let w = open();
    let (jid, _) = diary_with_entry(&w);
    w.ok(
        "entry_add",
        json!({"input": {"journal": "Morning Pages", "title": "Last year", "body": "Fog.", "date": "2025-11-01"}}),
    );
    let month = w.ok(
        "calendar_month",
        json!({"journal": null, "year": 2026, "month": 11}),
    );
    assert_eq!(
        month,
        json!([{"date": "2026-11-01", "entries": 1, "words": 7}])
    );
    let day = w.ok(
        "entries_on_day",
        json!({"journal": jid.to_string(), "date": "2026-11-01"}),
    );
    assert_eq!(day[0]["title"], "Rain");
    assert!(day[0].get("body").is_none(), "day lists carry no bodies");
    let earlier = w.ok(
        "on_this_day",
        json!({"journal": null, "date": "2026-11-01"}),
    );
    assert_eq!(earlier.as_array().unwrap().len(), 1);
    assert_eq!(earlier[0]["title"], "Last year");
    let err = w.err(
        "calendar_month",
        json!({"journal": null, "year": 2026, "month": 13}),
    );
    assert_eq!(err["code"], "invalid_input", "{err}");

    let set = w.ok(
        "reminder_set",
        json!({"input": {"journal": "Morning Pages", "at": "07:30", "days": "mon,fri"}}),
    );
    assert_eq!(set["at"], "07:30");
    assert_eq!(set["weekdays"], json!([1, 5]));
    assert_eq!(w.ok("reminder_list", json!({}))[0]["journal_id"], jid);
    let err = w.err(
        "reminder_set",
        json!({"input": {"journal": "Morning Pages", "at": "7.30", "days": "daily"}}),
    );
    assert_eq!(err["code"], "invalid_input", "{err}");
    assert!(err["message"].as_str().unwrap().contains("HH:MM"), "{err}");
    assert_eq!(
        w.ok("reminder_remove", json!({"journal": "Morning Pages"})),
        json!(true)
    );
    assert_eq!(w.ok("reminder_list", json!({})), json!([]));
}
