//! Importing Markdown folders written by people and other tools.

mod common;

use std::path::Path;

use common::{date, put, PNG};
use jcc_formats::{read, Format, FormatError, PortableEntry};

/// A notes folder as Obsidian or a hand-kept diary leaves it.
fn notes_folder(root: &Path) {
    put(root, "2024-01-05 Walk.md", "---\ntitle: A walk by the sea\ntags: sea, walking\nstarred: true\n---\n\nCold but bright.\n");
    put(root, "daily/2024-01-06.md", "# Saturday\n\nBaked bread.\n");
    put(root, "daily/2024-01-07.md", "\u{feff}---\r\ndate: \"2024-01-08\"\r\ntags:\r\n  - '#bread'\r\n  - '@home'\r\n---\r\n\r\nLine one\r\nLine two\r\n");
    put(root, "ideas/Someday.markdown", "Learn the cello.\n");
    put(root, "ideas/nested/deeper/plan.md", "---\ntitle: \"Plan: step 1\"\ndate: 2024-02-01T23:30:00-05:00\n---\nNo blank line after front matter.");
    put(root, "broken/not-utf8.md", b"caf\xe9 au lait\n".as_slice());
    put(root, "broken/bad-yaml.md", "---\ntitle: [oops\n---\nbody\n");
    put(
        root,
        "broken/bad-date.md",
        "---\ndate: 2024-02-30\n---\nbody\n",
    );
    put(root, ".obsidian/workspace.md", "# hidden tool state\n");
    put(root, ".hidden-note.md", "# hidden\n");
    put(root, "attachments/readme.md", "# not an entry\n");
    put(root, "attachments/img.png", PNG);
    put(root, "picture.png", PNG);
    put(root, "notes.txt", "not markdown");
}

fn by_key<'a>(entries: &'a [PortableEntry], key: &str) -> &'a PortableEntry {
    entries
        .iter()
        .find(|e| e.source_key == key)
        .unwrap_or_else(|| {
            panic!(
                "no entry {key}; have {:?}",
                entries.iter().map(|e| &e.source_key).collect::<Vec<_>>()
            )
        })
}

#[test]
fn a_notes_folder_imports_with_its_problems_listed() {
    let dir = tempfile::tempdir().unwrap();
    notes_folder(dir.path());
    let batch = read(dir.path(), Format::Markdown).unwrap();

    let keys: Vec<_> = batch
        .entries
        .iter()
        .map(|e| e.source_key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "md:2024-01-05 Walk.md",
            "md:daily/2024-01-06.md",
            "md:daily/2024-01-07.md",
            "md:ideas/Someday.markdown",
            "md:ideas/nested/deeper/plan.md",
        ],
        "hidden files, attachments/ and non-Markdown files are skipped; order is by path"
    );
    let positions: Vec<_> = batch.entries.iter().map(|e| e.position).collect();
    assert_eq!(positions, [0, 1, 2, 3, 4]);
    assert_eq!(batch.journal, None);

    let walk = by_key(&batch.entries, "md:2024-01-05 Walk.md");
    assert_eq!(walk.title, "A walk by the sea");
    assert_eq!(
        walk.date,
        Some(date("2024-01-05")),
        "date from the file name"
    );
    assert_eq!(walk.tags, ["sea", "walking"]);
    assert!(walk.starred);
    assert_eq!(walk.body, "Cold but bright.");
    assert_eq!((walk.kind.as_str(), walk.uuid.as_deref()), ("free", None));

    let sat = by_key(&batch.entries, "md:daily/2024-01-06.md");
    assert_eq!(
        (sat.title.as_str(), sat.body.as_str()),
        ("Saturday", "Baked bread.")
    );
    assert_eq!(sat.date, Some(date("2024-01-06")));

    let crlf = by_key(&batch.entries, "md:daily/2024-01-07.md");
    assert_eq!(
        crlf.date,
        Some(date("2024-01-08")),
        "front matter wins over the file name"
    );
    assert_eq!(
        crlf.title, "2024-01-07",
        "no title or heading: the file name"
    );
    assert_eq!(crlf.tags, ["bread", "home"]);
    assert_eq!(crlf.body, "Line one\nLine two");

    let someday = by_key(&batch.entries, "md:ideas/Someday.markdown");
    assert_eq!((someday.title.as_str(), someday.date), ("Someday", None));

    let plan = by_key(&batch.entries, "md:ideas/nested/deeper/plan.md");
    assert_eq!(plan.title, "Plan: step 1");
    assert_eq!(
        plan.date,
        Some(date("2024-02-01")),
        "the writer's own date, not UTC's"
    );
    assert_eq!(
        plan.created_at,
        Some(common::instant("2024-02-02T04:30:00Z"))
    );
    assert_eq!(plan.body, "No blank line after front matter.");

    let mut problems: Vec<(String, String)> = batch
        .problems
        .iter()
        .map(|p| {
            (
                p.path
                    .strip_prefix(dir.path())
                    .unwrap()
                    .display()
                    .to_string(),
                p.reason.clone(),
            )
        })
        .collect();
    problems.sort();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(problems[0].0, "broken/bad-date.md");
    assert!(
        problems[0].1.contains("\"2024-02-30\" is not a date"),
        "{}",
        problems[0].1
    );
    assert_eq!(problems[1].0, "broken/bad-yaml.md");
    assert!(
        problems[1].1.contains("not valid YAML"),
        "{}",
        problems[1].1
    );
    assert_eq!(problems[2].0, "broken/not-utf8.md");
    assert!(
        problems[2].1.contains("not UTF-8") && problems[2].1.contains("offset 3"),
        "{}",
        problems[2].1
    );
    let shown = batch.problems[0].to_string();
    assert!(
        shown.starts_with(&dir.path().display().to_string()) && shown.contains(".md: "),
        "{shown}"
    );
}

#[test]
fn a_single_file_imports_alone() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "2023-12-24.md",
        "# Christmas Eve\r\n\r\nSnow.\r\n",
    );
    let batch = read(&dir.path().join("2023-12-24.md"), Format::Markdown).unwrap();
    assert_eq!(batch.entries.len(), 1);
    let e = &batch.entries[0];
    assert_eq!(
        (e.title.as_str(), e.body.as_str(), e.date),
        ("Christmas Eve", "Snow.", Some(date("2023-12-24")))
    );
    assert_eq!(e.source_key, "md:2023-12-24.md");
}

#[test]
fn numbered_files_keep_numeric_order() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["10000-c.md", "9999-b.md", "2-a.md"] {
        put(dir.path(), name, format!("# {name}\n"));
    }
    let batch = read(dir.path(), Format::Markdown).unwrap();
    let titles: Vec<_> = batch.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["2-a.md", "9999-b.md", "10000-c.md"]);
}

#[test]
fn attachments_in_front_matter_are_loaded_and_missing_ones_reported() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "attachments/0123456789abcdef-beach.png", PNG);
    put(
        dir.path(),
        "day.md",
        "---\ntitle: Beach\nattachments:\n  - attachments/0123456789abcdef-beach.png\n  - attachments/gone.jpg\n  - ../../etc/passwd\n  - {path: attachments/0123456789abcdef-beach.png, name: 'Beach: 1.png', mime: image/x-test}\n---\n\n![](beach.png)\n",
    );
    let batch = read(dir.path(), Format::Markdown).unwrap();
    let e = &batch.entries[0];
    let atts: Vec<_> = e
        .attachments
        .iter()
        .map(|a| (a.filename.as_str(), a.mime.as_str(), a.data.as_slice()))
        .collect();
    assert_eq!(
        atts,
        [
            ("beach.png", "image/png", PNG),
            ("Beach: 1.png", "image/x-test", PNG)
        ]
    );
    let reasons: Vec<_> = batch.problems.iter().map(|p| p.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].contains("attachments/gone.jpg") && reasons[0].contains("is missing"),
        "{}",
        reasons[0]
    );
    assert!(
        reasons[1].contains("outside the export folder"),
        "{}",
        reasons[1]
    );
    assert!(batch
        .problems
        .iter()
        .all(|p| p.path == dir.path().join("day.md")));
}

#[test]
fn journal_yaml_from_a_newer_app_stops_the_import() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "journal.yaml",
        "format: journal-craft-crew\nformat_version: 7\ntitle: Future\n",
    );
    put(
        dir.path(),
        "0001-x.md",
        "---\ntitle: x\nkind: free\n---\n\nx\n",
    );
    let err = read(dir.path(), Format::Markdown).unwrap_err();
    assert!(
        matches!(
            err,
            FormatError::NewerVersion {
                found: 7,
                supported: 1,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_broken_journal_yaml_is_a_problem_and_a_foreign_one_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "journal.yaml",
        "format: journal-craft-crew\nformat_version: 1\nsettings: [\n",
    );
    put(dir.path(), "a.md", "a\n");
    let batch = read(dir.path(), Format::Markdown).unwrap();
    assert_eq!((batch.entries.len(), batch.journal.is_none()), (1, true));
    assert!(batch.problems[0].path.ends_with("journal.yaml"));

    put(dir.path(), "journal.yaml", "name: someone else's config\n");
    let batch = read(dir.path(), Format::Markdown).unwrap();
    assert!(batch.problems.is_empty() && batch.journal.is_none());
}

#[test]
fn a_missing_path_is_an_error_that_names_it() {
    let err = read(Path::new("/no/such/notes"), Format::Markdown).unwrap_err();
    assert!(matches!(err, FormatError::NotFound { .. }));
    assert!(err.to_string().contains("/no/such/notes"), "{err}");
}

#[test]
fn an_empty_folder_imports_nothing_without_error() {
    let dir = tempfile::tempdir().unwrap();
    let batch = read(dir.path(), Format::Markdown).unwrap();
    assert!(batch.entries.is_empty() && batch.problems.is_empty());
}

#[test]
fn duplicate_uuids_still_get_distinct_keys() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.md", "---\nuuid: same\n---\na\n");
    put(dir.path(), "b.md", "---\nuuid: same\n---\nb\n");
    let batch = read(dir.path(), Format::Markdown).unwrap();
    let keys: Vec<_> = batch
        .entries
        .iter()
        .map(|e| e.source_key.as_str())
        .collect();
    assert_eq!(keys, ["jcc:same", "jcc:same#2"]);
}
