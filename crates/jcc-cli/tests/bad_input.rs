//! Bad input gets a clear error that says what to do, and loses nothing.

mod common;

use common::{write, Jcc};

fn count(jcc: &Jcc) -> usize {
    let all = jcc.json(&["search", "is:starred", "--limit", "0"])["hits"]
        .clone()
        .as_array()
        .unwrap()
        .len()
        + jcc.json(&["search", "-is:starred", "--limit", "0"])["hits"]
            .clone()
            .as_array()
            .unwrap()
            .len();
    all
}

fn folder_with_bad_files(jcc: &Jcc) -> std::path::PathBuf {
    let dir = jcc.path("notes");
    write(
        &dir.join("2026-01-01-good.md"),
        "---\ntitle: Good one\ntags: [a, b]\n---\nFine words.\n",
    );
    write(
        &dir.join("sub/2026-01-02-also-good.md"),
        "# Also good\n\nMore words.\n",
    );
    write(
        &dir.join("broken-yaml.md"),
        "---\ntitle: [unclosed\n---\nbody\n",
    );
    std::fs::write(dir.join("latin1.md"), b"caf\xe9 au lait\n").unwrap();
    dir
}

#[test]
fn a_half_valid_import_names_each_bad_file_and_changes_nothing() {
    let jcc = Jcc::new();
    jcc.ok(&[
        "entry",
        "add",
        "--journal",
        "Notes",
        "--body",
        "Already here.",
    ]);
    let before = count(&jcc);
    let dir = folder_with_bad_files(&jcc);
    let err = jcc.fails(&["import", dir.to_str().unwrap(), "--journal", "Notes"], 5);
    assert!(
        err.contains("broken-yaml.md") && err.contains("latin1.md"),
        "{err}"
    );
    assert!(err.contains("--partial"), "says what to do: {err}");
    assert!(
        !err.contains("good.md:"),
        "good files are not blamed: {err}"
    );
    assert_eq!(count(&jcc), before, "nothing was imported");

    // Asked to, it imports the good files and still reports (and exits non-zero for) the bad.
    let out = jcc
        .cmd()
        .args([
            "import",
            dir.to_str().unwrap(),
            "--journal",
            "Notes",
            "--partial",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(outcome["imported"], 2);
    assert_eq!(outcome["problems"].as_array().unwrap().len(), 2);
    assert_eq!(count(&jcc), before + 2);
}

#[test]
fn unreadable_and_unknown_imports_are_clear() {
    let jcc = Jcc::new();
    let err = jcc.fails(&["import", "/no/such/file.json", "--journal", "X"], 5);
    assert!(err.contains("/no/such/file.json"), "{err}");
    let junk = jcc.path("junk.json");
    write(&junk, "{\"hello\": 1}");
    let err = jcc.fails(&["import", junk.to_str().unwrap(), "--journal", "X"], 5);
    assert!(err.contains("--format"), "{err}");
    let truncated = jcc.path("trunc.json");
    write(
        &truncated,
        "{\"tags\": {}, \"entries\": [{\"title\": \"a\", ",
    );
    jcc.fails(
        &[
            "import",
            truncated.to_str().unwrap(),
            "--journal",
            "X",
            "--format",
            "jrnl",
        ],
        5,
    );
    assert!(
        jcc.json(&["journal", "list"])
            .as_array()
            .unwrap()
            .is_empty(),
        "no journal was created"
    );
}

#[test]
fn a_damaged_library_is_detected_and_restored_from_the_automatic_backup() {
    let jcc = Jcc::new();
    jcc.ok(&[
        "entry",
        "add",
        "--journal",
        "Diary",
        "--body",
        "Words worth keeping.",
    ]);
    // The next open takes the daily backup (the first open created the library).
    jcc.ok(&["journal", "list"]);
    std::fs::write(jcc.library(), b"overwritten by a careless sync tool").unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", jcc.library().display()));
    }
    let err = jcc.fails(&["journal", "list"], 6);
    assert!(
        err.contains("damaged") && err.contains("jcc doctor --restore-backup"),
        "{err}"
    );
    // The doctor refuses nothing it shouldn't and brings the words back.
    jcc.ok(&["doctor", "--restore-backup"]);
    let hits = jcc.json(&["search", "worth"])["hits"].clone();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    // The damaged file was kept, not deleted.
    let kept = std::fs::read_dir(jcc.data_dir())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains(".damaged-"));
    assert!(kept);
    // A healthy library is never swapped for an older backup.
    assert!(jcc
        .fails(&["doctor", "--restore-backup"], 4)
        .contains("healthy"));
}

#[test]
fn a_broken_config_file_says_where_and_how_to_fix_it() {
    let jcc = Jcc::new();
    write(&jcc.dir.path().join("config/config.toml"), "editor = \n");
    let err = jcc.fails(&["journal", "list"], 9);
    assert!(
        err.contains("config.toml") && err.contains("move it away"),
        "{err}"
    );
}

/// A Markdown or JSON export that cannot be written says so as an export failure (exit
/// 10) or a file problem (exit 7), never as "import failed" (exit 5).
#[test]
fn a_failed_markdown_or_json_export_is_an_export_or_file_error() {
    let jcc = Jcc::new();
    jcc.ok(&["entry", "add", "--journal", "Notes", "--body", "kept words"]);
    let file = jcc.path("a-file.txt");
    std::fs::write(&file, "not a folder").unwrap();
    let file = file.to_str().unwrap();

    // Markdown needs a folder; a file is there: the export itself can't be made.
    let err = jcc.fails(&["export", "Notes", "--format", "md", "-o", file], 10);
    assert!(err.contains("needs a folder"), "{err}");
    // A folder holding someone else's files is refused the same way.
    let theirs = jcc.path("theirs");
    write(&theirs.join("photo.jpg"), "their file");
    let err = jcc.fails(
        &[
            "export",
            "Notes",
            "--format",
            "md",
            "-o",
            theirs.to_str().unwrap(),
        ],
        10,
    );
    assert!(err.contains("not empty"), "{err}");

    // The system refuses the path (inside a file, not a folder): a file problem.
    let inside = format!("{file}/notes.json");
    let err = jcc.fails(&["export", "Notes", "--format", "json", "-o", &inside], 7);
    assert!(!err.to_lowercase().contains("import"), "{err}");
    let err = jcc.fails(
        &[
            "export",
            "Notes",
            "--format",
            "md",
            "-o",
            &format!("{file}/notes"),
        ],
        7,
    );
    assert!(!err.to_lowercase().contains("import"), "{err}");
    // Nothing was lost: the file is untouched and the entry is still there.
    assert_eq!(std::fs::read_to_string(file).unwrap(), "not a folder");
    assert_eq!(
        jcc.json(&["search", "kept"])["hits"]
            .clone()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
