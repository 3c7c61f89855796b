//! An export killed half-way (kill -9: no cleanup runs) leaves the previous export exactly
//! as it was, and the next export clears what the cut one left and keeps the writer's own
//! files in the folder.

mod common;

use common::Jcc;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ENTRIES: usize = 20_000;

fn diary(jcc: &Jcc) {
    let entries: Vec<_> = (0..ENTRIES)
        .map(|i| {
            json!({
                "title": format!("Day {i}"),
                "body": format!("Walked to the harbour, visit {i}. {}", "The gulls were loud. ".repeat(20)),
                "date": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                "tags": ["walk"],
                "source_key": format!("test:{i}"),
            })
        })
        .collect();
    let doc = json!({
        "format": "journal-craft-crew", "format_version": 1,
        "journal": { "title": "Harbour", "kind": "diary" }, "entries": entries,
    });
    let file = jcc.path("diary.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    jcc.ok(&["import", file.to_str().unwrap(), "--journal", "Harbour"]);
}

/// Every file under `root` (relative path -> bytes), hidden ones included.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Names in `dir` that start with `prefix`.
fn leftovers(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

/// Starts `jcc export`, waits until `started` says it is half-way, and kills it with
/// SIGKILL. Panics if it finished first (the test would prove nothing).
fn export_killed_midway(jcc: &Jcc, format: &str, out: &Path, started: impl Fn() -> bool) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("jcc"))
        .args([
            "export",
            "Harbour",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ])
        .env("JCC_DATA_DIR", jcc.data_dir())
        .env("JCC_CONFIG_DIR", jcc.dir.path().join("config"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !started() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the export finished before it could be cut; make the journal bigger"
        );
        assert!(
            Instant::now() < deadline,
            "the export never started writing"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no cleanup runs
    let status = child.wait().unwrap();
    assert!(!status.success(), "the export was not cut: {status}");
}

#[test]
fn a_markdown_export_cut_by_kill_9_leaves_the_previous_one_intact() {
    let jcc = Jcc::new();
    diary(&jcc);
    let parent = jcc.path("exports");
    let out = parent.join("harbour");
    jcc.ok(&[
        "export",
        "Harbour",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    // The writer keeps their own files in the export folder.
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(out.join("notes.txt"), "mine\n").unwrap();
    let before = snapshot(&out);
    assert_eq!(
        before.len(),
        ENTRIES + 3,
        "entries, journal.yaml, .git/HEAD, notes.txt"
    );

    // A new entry, so the next export differs from the previous one.
    jcc.ok(&[
        "entry",
        "add",
        "--journal",
        "Harbour",
        "--title",
        "Storm",
        "--body",
        "Wind.",
    ]);

    let temp = |p: &Path| -> Option<usize> {
        let name = leftovers(p, ".harbour.jcc-export-").pop()?;
        Some(std::fs::read_dir(p.join(name)).ok()?.count())
    };
    export_killed_midway(&jcc, "md", &out, || temp(&parent).is_some_and(|n| n > 200));
    let cut = temp(&parent).expect("the cut export's temp folder");
    assert!(cut < ENTRIES, "cut half-way: {cut} files written");
    assert!(snapshot(&out) == before, "the previous export changed");

    // The next export finishes, clears the cut one, and keeps the writer's files.
    jcc.ok(&[
        "export",
        "Harbour",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        leftovers(&parent, ".harbour").is_empty(),
        "{:?}",
        leftovers(&parent, ".")
    );
    let after = snapshot(&out);
    assert_eq!(after.len(), ENTRIES + 4);
    assert_eq!(after[".git/HEAD"], before[".git/HEAD"]);
    assert_eq!(after["notes.txt"], b"mine\n");
    assert!(
        after.keys().any(|k| k.ends_with("-storm.md")),
        "the new entry is there"
    );
}

#[test]
fn a_json_export_cut_by_kill_9_leaves_the_previous_file_intact() {
    let jcc = Jcc::new();
    diary(&jcc);
    let parent = jcc.path("exports");
    std::fs::create_dir_all(&parent).unwrap();
    let out = parent.join("harbour.json");
    jcc.ok(&[
        "export",
        "Harbour",
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    let before = std::fs::read(&out).unwrap();
    jcc.ok(&[
        "entry",
        "add",
        "--journal",
        "Harbour",
        "--title",
        "Storm",
        "--body",
        "Wind.",
    ]);

    let temp_size = |p: &Path| -> Option<u64> {
        let name = leftovers(p, ".jcc-tmp-").pop()?;
        Some(std::fs::metadata(p.join(name)).ok()?.len())
    };
    export_killed_midway(&jcc, "json", &out, || {
        temp_size(&parent).is_some_and(|n| n > 1 << 20)
    });
    assert!(
        std::fs::read(&out).unwrap() == before,
        "the previous JSON changed"
    );
    let doc: serde_json::Value = serde_json::from_slice(&before).unwrap();
    assert_eq!(doc["entries"].as_array().unwrap().len(), ENTRIES);
}
