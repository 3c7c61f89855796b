//! A writer's edited crew file is picked up while the app runs: a good edit reloads, a
//! broken one reports file, line and reason, and a fix after it reloads again.

use jcc_crew::{CrewDefinition, CrewError, DefinitionWatcher, BUILTIN_JOURNAL};
use std::sync::mpsc;
use std::time::Duration;

/// Long enough for a loaded CI machine; only a broken watcher ever waits this long.
const PATIENCE: Duration = Duration::from_secs(20);

fn next(rx: &mpsc::Receiver<jcc_crew::Result<CrewDefinition>>) -> jcc_crew::Result<CrewDefinition> {
    rx.recv_timeout(PATIENCE)
        .expect("the watcher saw the change")
}

#[test]
fn edits_reload_and_a_broken_edit_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.toml");
    std::fs::write(&path, BUILTIN_JOURNAL).unwrap();
    let (tx, rx) = mpsc::channel();
    let _watcher = DefinitionWatcher::watch(&path, move |d| {
        let _ = tx.send(d);
    })
    .unwrap();

    let edited =
        BUILTIN_JOURNAL.replacen("description = \"Drafts", "description = \"Mine: drafts", 1);
    assert_ne!(edited, BUILTIN_JOURNAL);
    std::fs::write(&path, &edited).unwrap();
    let def = loop {
        // An editor's write can arrive as several events; take the first full read.
        if let Ok(def) = next(&rx) {
            if def.description.starts_with("Mine:") {
                break def;
            }
        }
    };
    assert_eq!(def.tasks.len(), CrewDefinition::builtin().tasks.len());

    let broken = edited.replacen("[[tasks]]", "[[tasks]\nid = ", 1);
    std::fs::write(&path, &broken).unwrap();
    // A save can be seen half-written first; wait for the reading of the whole file.
    let err = loop {
        match next(&rx) {
            Err(e @ CrewError::Definition { line, .. }) if line > 1 => break e,
            _ => continue,
        }
    };
    match &err {
        CrewError::Definition { file, .. } => assert_eq!(file, &path),
        other => panic!("expected a definition error, got {other}"),
    }
    assert!(err.to_string().contains("journal.toml:"), "{err}");

    // Saving by renaming a temp file over it (as many editors do) is seen too.
    let tmp = dir.path().join(".journal.toml.swp");
    std::fs::write(&tmp, BUILTIN_JOURNAL).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    let def = loop {
        if let Ok(def) = next(&rx) {
            break def;
        }
    };
    assert!(def.description.starts_with("Drafts"), "{}", def.description);
}
