//! Export, import again, and get the same journal back.

mod common;

use std::fs;

use common::{in_order, sample_journal};
use jcc_formats::{
    read, write_json, write_markdown, Format, FormatError, PortableEntry, PortableJournal,
    PortableJournalMeta, FORMAT_NAME, JSON_FORMAT_VERSION,
};

#[test]
fn json_round_trip_gives_back_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("journal.json");
    let journal = sample_journal();
    write_json(&journal, &out).unwrap();

    let batch = read(&out, Format::Json).unwrap();
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_eq!(batch.format, Format::Json);
    assert_eq!(batch.journal.as_ref(), Some(&journal.journal));
    assert_eq!(in_order(&batch.entries), in_order(&journal.entries));
    // Exact positions and identities survive JSON.
    let positions: Vec<_> = batch.entries.iter().map(|e| e.position).collect();
    assert_eq!(positions, [0, 5, 10, 11, 12, 20]);
    assert_eq!(batch.entries[2].source_key, "jcc:e-day1");
}

#[test]
fn json_file_is_readable_by_people_and_other_tools() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("journal.json");
    write_json(&sample_journal(), &out).unwrap();
    let text = fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("{\n  \"format\": \"journal-craft-crew\",\n  \"format_version\": 1,"),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Attachments are base64, dates ISO, timestamps RFC 3339.
    assert_eq!(
        v["entries"][2]["attachments"][0]["data"]
            .as_str()
            .unwrap()
            .get(..8),
        Some("iVBORw0K")
    );
    assert_eq!(v["entries"][2]["date"], "2024-01-02");
    assert_eq!(
        v["entries"][0]["updated_at"],
        "2024-01-01T08:00:00.123456789Z"
    );
}

#[test]
fn json_export_replaces_the_file_atomically_and_stamps_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("journal.json");
    fs::write(&out, "old contents").unwrap();
    let mut journal = sample_journal();
    journal.format = "something else".into();
    journal.format_version = 99;
    write_json(&journal, &out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["format"], FORMAT_NAME);
    assert_eq!(v["format_version"], JSON_FORMAT_VERSION);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["journal.json"], "no temp files are left behind");
}

#[test]
fn json_export_to_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no/such/folder/journal.json");
    let err = write_json(&sample_journal(), &out).unwrap_err();
    assert!(err.to_string().contains("no/such/folder"), "{err}");
}

#[test]
fn markdown_round_trip_gives_back_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let journal = sample_journal();
    write_markdown(&journal, &out).unwrap();

    let batch = read(&out, Format::Markdown).unwrap();
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_eq!(batch.journal.as_ref(), Some(&journal.journal));
    assert_eq!(in_order(&batch.entries), in_order(&journal.entries));
    let keys: Vec<_> = batch
        .entries
        .iter()
        .map(|e| e.source_key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "jcc:e-intro",
            "jcc:e-commit",
            "jcc:e-day1",
            "jcc:e-day2",
            "jcc:e-free",
            "jcc:e-cert"
        ]
    );
}

#[test]
fn markdown_export_looks_like_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    write_markdown(&sample_journal(), &out).unwrap();

    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "0001-welcome-read-me-first.md",
            "0002-entry.md",
            "0003-2024-01-02-day-1-yes-no-1.md",
            "0004-2024-01-03-null.md",
            "0005-2024-02-02-is-not-my-date.md",
            "0006-certificate-of-completion.md",
            "attachments",
            "journal.yaml",
        ]
    );
    let mut atts: Vec<String> = fs::read_dir(out.join("attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    atts.sort();
    assert_eq!(atts.len(), 3, "the shared photo is stored once: {atts:?}");
    assert!(atts.iter().any(|a| a.ends_with("-photo.png")));
    assert!(
        atts.iter().any(|a| a.ends_with("-Scan_ page 1_.pdf")),
        "{atts:?}"
    );

    let day1 = fs::read_to_string(out.join("0003-2024-01-02-day-1-yes-no-1.md")).unwrap();
    assert!(day1.starts_with("---\ntitle: "), "{day1}");
    for line in [
        "date: 2024-01-02",
        "starred: true",
        "kind: day",
        "day: 1",
        "writing_lines: 12",
        "uuid: e-day1",
    ] {
        assert!(
            day1.lines().any(|l| l == line),
            "missing {line:?} in\n{day1}"
        );
    }
    assert!(day1.contains("\n---\n\n# Not the title\n"), "{day1}");
    let intro = fs::read_to_string(out.join("0001-welcome-read-me-first.md")).unwrap();
    assert!(
        !intro.contains("tags:") && !intro.contains("day:") && !intro.contains("prompt:"),
        "empty keys are omitted:\n{intro}"
    );
    let meta = fs::read_to_string(out.join("journal.yaml")).unwrap();
    assert!(
        meta.starts_with("format: journal-craft-crew\nformat_version: 1\n"),
        "{meta}"
    );
}

#[test]
fn re_export_updates_a_previous_export_and_keeps_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let mut journal = sample_journal();
    write_markdown(&journal, &out).unwrap();
    fs::create_dir(out.join(".git")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::write(out.join("README.txt"), "my notes").unwrap();

    // The writer deletes the day-1 entry (and with it the PDF) and renames the intro.
    journal.entries.remove(2);
    journal.entries[0].title = "Welcome".into();
    write_markdown(&journal, &out).unwrap();

    let batch = read(&out, Format::Markdown).unwrap();
    assert_eq!(in_order(&batch.entries), in_order(&journal.entries));
    assert!(out.join(".git/HEAD").exists() && out.join("README.txt").exists());
    assert!(
        !out.join("0001-welcome-read-me-first.md").exists(),
        "stale file removed"
    );
    let atts = fs::read_dir(out.join("attachments")).unwrap().count();
    assert_eq!(atts, 2, "the PDF only day 1 had is gone");
}

/// A re-export keeps the previous export's unchanged files (same inode, same mtime) for
/// backup and sync tools; changed ones, and files the writer edited in the old export,
/// are written afresh with the library's text.
#[cfg(unix)]
#[test]
fn re_export_keeps_unchanged_files_and_rewrites_the_rest() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let mut journal = sample_journal();
    write_markdown(&journal, &out).unwrap();
    let names = |out: &std::path::Path| {
        let mut v: Vec<String> = fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .collect();
        v.sort();
        v
    };
    let files = names(&out);
    assert_eq!(files.len(), journal.entries.len());
    let ino = |p: std::path::PathBuf| fs::metadata(p).unwrap().ino();
    let before: Vec<u64> = files.iter().map(|n| ino(out.join(n))).collect();
    let attachments: Vec<(String, u64)> = fs::read_dir(out.join("attachments"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().ino(),
            )
        })
        .collect();
    // The writer edits the first file of the old export by hand; the library edits the
    // last entry's body.
    let hand_edited = out.join(&files[0]);
    fs::write(&hand_edited, "edited outside jcc\n").unwrap();
    let changed = journal
        .entries
        .iter_mut()
        .max_by_key(|e| e.position)
        .unwrap();
    changed.body.push_str("\nOne more line.\n");

    write_markdown(&journal, &out).unwrap();

    assert_eq!(names(&out), files, "same file names");
    let after: Vec<u64> = files.iter().map(|n| ino(out.join(n))).collect();
    let n = files.len();
    assert_ne!(after[0], before[0], "the hand-edited file is written again");
    assert_eq!(
        after[1..n - 1],
        before[1..n - 1],
        "unchanged entries keep their file"
    );
    assert_ne!(
        after[n - 1],
        before[n - 1],
        "the changed entry gets a new file"
    );
    for (name, old) in &attachments {
        assert_eq!(ino(out.join("attachments").join(name)), *old, "{name} kept");
    }
    assert!(fs::read_to_string(out.join(&files[n - 1]))
        .unwrap()
        .contains("One more line."));
    assert_ne!(
        fs::read_to_string(&hand_edited).unwrap(),
        "edited outside jcc\n"
    );
    let batch = read(&out, Format::Markdown).unwrap();
    assert_eq!(in_order(&batch.entries), in_order(&journal.entries));
    // Nothing else links to the files once the previous export is gone.
    assert!(files
        .iter()
        .all(|f| fs::metadata(out.join(f)).unwrap().nlink() == 1));
}

#[test]
fn markdown_export_refuses_a_folder_with_other_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("taxes.xlsx"), "precious").unwrap();
    let err = write_markdown(&sample_journal(), dir.path()).unwrap_err();
    assert!(matches!(err, FormatError::OutDirNotEmpty { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("not empty") && msg.contains("choose an empty or new folder"),
        "{msg}"
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing was written"
    );
}

#[test]
fn markdown_export_accepts_an_empty_folder_and_refuses_a_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".DS_Store"), "").unwrap();
    write_markdown(&sample_journal(), dir.path()).unwrap();
    let file = dir.path().join("0002-entry.md");
    let err = write_markdown(&sample_journal(), &file).unwrap_err();
    assert!(
        err.to_string().contains("needs a folder to export into"),
        "{err}"
    );
}

/// Strings that YAML would read as something else, or that break naive front matter.
const TRICKY: &[&str] = &[
    "",
    " ",
    "  lead",
    "trail  ",
    "\t tab",
    "a\rb",
    "\u{2028}",
    "x\u{2028}y",
    "\u{85}",
    "\u{feff}bom",
    "- x",
    "? x",
    ": x",
    "!x",
    "&x",
    "*x",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    "'",
    "\"",
    "#x",
    "x #y",
    "x: y",
    "[x]",
    "{x}",
    "~",
    "null",
    "Null",
    "0x1F",
    "1e3",
    ".inf",
    "NaN",
    "true",
    "Yes",
    "off",
    "2024-01-02",
    "12:30",
    "0o17",
    "+1",
    "-1",
    "1_000",
    "=",
    "<<",
    "---",
    "...",
    "--- x",
    "... x",
    "\n",
    "\n\n",
    " \n",
    "x\n",
    "\nx",
    "a\n---\nb",
    "a\n...\nb",
    "\u{1F600} émoji",
];

#[test]
fn tricky_strings_survive_both_writers() {
    let entries: Vec<PortableEntry> = TRICKY
        .iter()
        .enumerate()
        .map(|(i, s)| PortableEntry {
            uuid: Some(format!("u{i}")),
            position: i as i64,
            title: (*s).to_owned(),
            prompt: (*s).to_owned(),
            body: s.replace('\r', ""),
            ..Default::default()
        })
        .collect();
    let meta = PortableJournalMeta {
        title: TRICKY.join("|"),
        subtitle: "a\n---\nb".into(),
        ..Default::default()
    };
    let journal = PortableJournal::new(meta, entries);
    let dir = tempfile::tempdir().unwrap();
    write_markdown(&journal, &dir.path().join("md")).unwrap();
    let batch = read(&dir.path().join("md"), Format::Markdown).unwrap();
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_eq!(batch.journal.as_ref(), Some(&journal.journal));
    assert_eq!(in_order(&batch.entries), in_order(&journal.entries));

    write_json(&journal, &dir.path().join("j.json")).unwrap();
    let batch = read(&dir.path().join("j.json"), Format::Json).unwrap();
    assert_eq!(in_order(&batch.entries), in_order(&journal.entries));
}

#[test]
fn tags_that_look_like_yaml_survive_markdown() {
    let tags: Vec<String> = TRICKY
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .fold(Vec::new(), |mut acc: Vec<String>, t| {
            if !acc.iter().any(|a| a.to_lowercase() == t.to_lowercase()) {
                acc.push(t);
            }
            acc
        });
    let entry = PortableEntry {
        tags: tags.clone(),
        ..Default::default()
    };
    let journal = PortableJournal::new(Default::default(), vec![entry]);
    let dir = tempfile::tempdir().unwrap();
    write_markdown(&journal, dir.path()).unwrap();
    let batch = read(dir.path(), Format::Markdown).unwrap();
    assert_eq!(batch.entries[0].tags, tags);
}

mod properties {
    use super::*;
    use jcc_formats::PortableAttachment;
    use proptest::prelude::*;

    /// Printable text plus the characters that break naive front matter.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,40}",
            "[-:#'\"\\[\\]{}|>&*!%@`, ?.~0-9a-zA-Z]{0,20}",
            Just("---".to_owned()),
            Just("...".to_owned()),
            Just("null".to_owned()),
            Just("yes".to_owned()),
            Just("2024-01-02".to_owned()),
            Just(" leading and trailing ".to_owned()),
        ]
    }

    fn body() -> impl Strategy<Value = String> {
        prop::collection::vec(text(), 0..6).prop_map(|lines| lines.join("\n"))
    }

    fn tag() -> impl Strategy<Value = String> {
        // Tags as the library stores them: trimmed, not empty (`@`/`#` are kept in JCC's
        // own files; other tools' sigils are stripped, see markdown_import).
        text().prop_filter_map("not a storable tag", |t| {
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_owned())
        })
    }

    fn entry() -> impl Strategy<Value = PortableEntry> {
        (
            (text(), body(), text(), prop::collection::vec(tag(), 0..4)),
            (
                prop::option::of((1990i32..2100, 1u32..=12, 1u32..=28)),
                prop::option::of(-5i64..400),
                any::<bool>(),
                0i64..50,
                prop::sample::select(vec!["intro", "commitment", "day", "certificate", "free"]),
                prop::option::of(prop::collection::vec(any::<u8>(), 0..64)),
            ),
        )
            .prop_map(
                |((title, body, prompt, tags), (ymd, day, starred, lines, kind, data))| {
                    let mut unique: Vec<String> = Vec::new();
                    for t in tags {
                        if !unique.iter().any(|u| u.to_lowercase() == t.to_lowercase()) {
                            unique.push(t);
                        }
                    }
                    PortableEntry {
                        title,
                        body,
                        prompt,
                        tags: unique,
                        date: ymd.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
                        day,
                        starred,
                        writing_lines: lines,
                        kind: kind.to_owned(),
                        attachments: data
                            .map(|data| PortableAttachment {
                                filename: "file.bin".into(),
                                mime: "application/octet-stream".into(),
                                data,
                            })
                            .into_iter()
                            .collect(),
                        ..PortableEntry::default()
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn write_markdown_then_read_gives_the_same_entries(
            entries in prop::collection::vec(entry(), 1..6),
            with_uuids in any::<bool>(),
        ) {
            let entries: Vec<PortableEntry> = entries
                .into_iter()
                .enumerate()
                .map(|(i, mut e)| {
                    e.position = i as i64;
                    e.uuid = with_uuids.then(|| format!("uuid-{i}"));
                    e
                })
                .collect();
            let journal = PortableJournal::new(Default::default(), entries);
            let dir = tempfile::tempdir().unwrap();
            write_markdown(&journal, dir.path()).unwrap();
            let batch = read(dir.path(), Format::Markdown).unwrap();
            prop_assert!(batch.problems.is_empty(), "{:?}", batch.problems);
            prop_assert_eq!(common::in_order(&batch.entries), common::in_order(&journal.entries));
        }

        #[test]
        fn write_json_then_read_gives_the_same_entries(entries in prop::collection::vec(entry(), 0..6)) {
            let journal = PortableJournal::new(Default::default(), entries);
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("j.json");
            write_json(&journal, &out).unwrap();
            let batch = read(&out, Format::Json).unwrap();
            prop_assert!(batch.problems.is_empty(), "{:?}", batch.problems);
            prop_assert_eq!(common::in_order(&batch.entries), common::in_order(&journal.entries));
        }
    }
}
