//! Two writers of one library through `jcc`: separate runs are separate writer sessions,
//! and an edit in $EDITOR merges with a save made while the editor was open.

mod common;

use common::Jcc;
use std::os::unix::fs::PermissionsExt;

/// The texts an entry's history keeps, newest first.
fn history_bodies(jcc: &Jcc, id: &str) -> Vec<String> {
    jcc.json(&["entry", "history", id])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["body"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_edits_a_second_apart_leave_two_revisions() {
    let jcc = Jcc::new();
    jcc.ok(&["entry", "add", "--journal", "Diary", "--body", "first"]);
    jcc.ok(&["entry", "edit", "1", "--body", "second"]);
    std::thread::sleep(std::time::Duration::from_secs(1));
    jcc.ok(&["entry", "edit", "1", "--body", "third"]);
    let bodies = history_bodies(&jcc, "1");
    // Each run is its own writer: the second run's save keeps the first run's text.
    assert_eq!(bodies, vec!["second", "first"]);
}

#[test]
fn an_edit_in_the_editor_merges_with_a_save_made_meanwhile() {
    let jcc = Jcc::new();
    jcc.ok(&[
        "entry",
        "add",
        "--journal",
        "Diary",
        "--body",
        "Morning light.\n\nGulls.",
    ]);
    // The "editor": while it is open, another writer (the window, another terminal)
    // saves the entry; then the writer's own change is saved.
    let editor = jcc.path("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\n\"{jcc}\" entry edit 1 --body 'Morning light.\n\nGulls.\n\nA ferry left at nine.' >/dev/null || exit 3\nprintf 'Morning light over the water.\\n\\nGulls.' > \"$1\"\n",
            jcc = env!("CARGO_BIN_EXE_jcc")
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    // A terminal for stdin, as a writer's shell has, so `jcc entry edit` opens $EDITOR.
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("\"{}\" entry edit 1", env!("CARGO_BIN_EXE_jcc")),
            "/dev/null",
        ])
        .env("JCC_DATA_DIR", jcc.data_dir())
        .env("JCC_CONFIG_DIR", jcc.dir.path().join("config"))
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("merged with a change made meanwhile"),
        "{said}"
    );
    let entry = jcc.json(&["entry", "show", "1"]);
    assert_eq!(
        entry["entry"]["body"],
        "Morning light over the water.\n\nGulls.\n\nA ferry left at nine."
    );
    assert_eq!(entry["entry"]["review_merge"], false);
    let bodies = history_bodies(&jcc, "1");
    assert!(
        bodies.contains(&"Morning light over the water.\n\nGulls.".to_string()),
        "{bodies:?}"
    );
    assert!(
        bodies.contains(&"Morning light.\n\nGulls.\n\nA ferry left at nine.".to_string()),
        "{bodies:?}"
    );
}
