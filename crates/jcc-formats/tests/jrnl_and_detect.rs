//! jrnl exports, JCC JSON edge cases, and format detection.

mod common;

use std::path::Path;

use common::{date, put};
use jcc_formats::{detect, read, write_json, write_markdown, Format, FormatError};

/// What `jrnl --export json` prints for a small journal (jrnl 4.x layout).
const JRNL_EXPORT: &str = r#"{
  "tags": {
    "@work": 2,
    "@idea": 1
  },
  "entries": [
    {
      "title": "Called in sick.",
      "body": "Used the time to clean the house and spent 4h on writing my book.",
      "date": "2012-03-29",
      "time": "09:00",
      "tags": [],
      "starred": false
    },
    {
      "title": "Meeting with @work team about the launch.",
      "body": "Went well. @idea: ship on Friday.\r\nThen rest.",
      "date": "2012-04-02",
      "time": "14:35",
      "tags": ["@work", "@idea"],
      "starred": true
    },
    {
      "title": "Meeting with @work team about the launch.",
      "body": "Same minute, same title, different text.",
      "date": "2012-04-02",
      "time": "14:35",
      "tags": ["@work"],
      "starred": false
    },
    {
      "title": "Broken",
      "body": "",
      "date": "29/03/2012",
      "time": "09:00"
    }
  ]
}"#;

#[test]
fn a_jrnl_export_imports_with_tags_stars_and_stable_keys() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "jrnl.json", JRNL_EXPORT);
    let path = dir.path().join("jrnl.json");
    assert_eq!(detect(&path).unwrap(), Format::Jrnl);
    let batch = read(&path, Format::Jrnl).unwrap();

    assert_eq!(batch.entries.len(), 3);
    let first = &batch.entries[0];
    assert_eq!(first.title, "Called in sick.");
    assert_eq!(
        first.body,
        "Used the time to clean the house and spent 4h on writing my book."
    );
    assert_eq!(first.date, Some(date("2012-03-29")));
    assert!(first.tags.is_empty() && !first.starred);
    assert!(
        first.source_key.starts_with("jrnl:2012-03-29 09:00 "),
        "{}",
        first.source_key
    );
    assert_eq!(first.source_key.len(), "jrnl:2012-03-29 09:00 ".len() + 16);

    let second = &batch.entries[1];
    assert_eq!(second.tags, ["work", "idea"]);
    assert!(second.starred);
    assert_eq!(second.body, "Went well. @idea: ship on Friday.\nThen rest.");
    let third = &batch.entries[2];
    assert_eq!(
        third.source_key,
        format!("{}#2", second.source_key),
        "twins get distinct keys"
    );

    // Re-reading gives the same keys: a second import updates instead of duplicating.
    let again = read(&path, Format::Jrnl).unwrap();
    let keys = |b: &jcc_formats::ImportBatch| {
        b.entries
            .iter()
            .map(|e| e.source_key.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&batch), keys(&again));

    assert_eq!(batch.problems.len(), 1);
    let p = &batch.problems[0];
    assert_eq!(p.path, dir.path().join("jrnl.json#entries[3]"));
    assert!(
        p.reason.contains("\"29/03/2012\" is not YYYY-MM-DD"),
        "{}",
        p.reason
    );
}

#[test]
fn detection_tells_every_format_apart() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(root, "notes/a.md", "# a\n");
    put(root, "one.md", "# one\n");
    put(root, "one.MARKDOWN", "# one\n");
    put(root, "export.zip", "not even checked until read");
    put(root, "jrnl.json", JRNL_EXPORT);
    put(
        root,
        "dayone.json",
        "\u{feff}{\"metadata\":{\"version\":\"1.0\"},\"entries\":[]}",
    );
    put(
        root,
        "dayone-bare.json",
        r#"{"entries":[{"uuid":"A","creationDate":"2020-01-01T00:00:00Z","text":"x"}]}"#,
    );
    let jcc = root.join("jcc.json");
    write_json(&common::sample_journal(), &jcc).unwrap();
    write_markdown(&common::sample_journal(), &root.join("jcc-md")).unwrap();

    assert_eq!(detect(&root.join("notes")).unwrap(), Format::Markdown);
    assert_eq!(detect(&root.join("jcc-md")).unwrap(), Format::Markdown);
    assert_eq!(detect(&root.join("one.md")).unwrap(), Format::Markdown);
    assert_eq!(
        detect(&root.join("one.MARKDOWN")).unwrap(),
        Format::Markdown
    );
    assert_eq!(detect(&root.join("export.zip")).unwrap(), Format::DayOne);
    assert_eq!(detect(&root.join("jrnl.json")).unwrap(), Format::Jrnl);
    assert_eq!(detect(&root.join("dayone.json")).unwrap(), Format::DayOne);
    assert_eq!(
        detect(&root.join("dayone-bare.json")).unwrap(),
        Format::DayOne
    );
    assert_eq!(detect(&jcc).unwrap(), Format::Json);
}

#[test]
fn unknown_files_ask_for_a_format() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "notes.txt",
        "2012-03-29 09:00 Plain jrnl text file.",
    );
    put(dir.path(), "other.json", r#"{"items": [1, 2]}"#);
    put(dir.path(), "broken.json", "{\"entries\": [");
    for name in ["notes.txt", "other.json", "broken.json"] {
        let err = detect(&dir.path().join(name)).unwrap_err();
        assert!(
            matches!(err, FormatError::Unrecognized { .. }),
            "{name}: {err}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains(name) && msg.contains("pass --format md|jrnl|dayone|json"),
            "{msg}"
        );
    }
    let err = detect(Path::new("/no/such/file.json")).unwrap_err();
    assert!(matches!(err, FormatError::NotFound { .. }), "{err}");
}

#[test]
fn a_newer_jcc_json_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "future.json",
        r#"{"format":"journal-craft-crew","format_version":3,"journal":{"title":"x","new_field":{}},"entries":[{"shape":"unknown"}]}"#,
    );
    let path = dir.path().join("future.json");
    assert_eq!(detect(&path).unwrap(), Format::Json);
    let err = read(&path, Format::Json).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("newer Journal Craft Crew")
            && msg.contains("format version 3")
            && msg.contains("update"),
        "{msg}"
    );
}

#[test]
fn json_formats_given_a_folder_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let err = read(dir.path(), Format::Jrnl).unwrap_err();
    assert!(
        err.to_string()
            .contains("is a folder, but jrnl needs a .json file"),
        "{err}"
    );
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(jcc_formats::MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk used
    let err = read(&path, Format::Json).unwrap_err();
    assert!(matches!(err, FormatError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("split the export"), "{err}");

    let md = dir.path().join("notes");
    std::fs::create_dir(&md).unwrap();
    std::fs::File::create(md.join("big.md"))
        .unwrap()
        .set_len(jcc_formats::MAX_FILE_BYTES + 1)
        .unwrap();
    put(&md, "small.md", "ok\n");
    let batch = read(&md, Format::Markdown).unwrap();
    assert_eq!(batch.entries.len(), 1);
    assert!(
        batch.problems[0].reason.contains("limit"),
        "{}",
        batch.problems[0]
    );
}
