//! Importing Day One JSON exports: the zip, a bare Journal.json, and the unzipped folder.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{date, instant, put, PNG};
use jcc_formats::{read, Format, FormatError, ImportBatch};
use zip::write::SimpleFileOptions;

const PHOTO_MD5: &str = "4b2f3c0e9d1a8b7c6d5e4f3a2b1c0d9e";
const MISSING_MD5: &str = "ffffffffffffffffffffffffffffffff";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0 pretend jpeg \xff\xd9";

/// Shaped like a real export: escaped Markdown, escaped slashes, a photo moment, extra
/// keys the importer does not use, one entry that is broken.
fn journal_json() -> String {
    format!(
        r##"{{
  "metadata" : {{ "version" : "1.0" }},
  "entries" : [
    {{
      "uuid" : "5A1F0C7E2B3D4E5F60718293A4B5C6D7",
      "creationDate" : "2023-07-04T05:30:00Z",
      "modifiedDate" : "2023-07-05T10:00:00Z",
      "creationDevice" : "iPhone",
      "timeZone" : "America\/Los_Angeles",
      "starred" : true,
      "tags" : [ "travel", "Family" ],
      "location" : {{ "placeName" : "Gateway Arch", "latitude" : 38.62, "longitude" : -90.18 }},
      "weather" : {{ "temperatureCelsius" : 31 }},
      "text" : "# Trip to St\\. Louis\n\nWe saw the arch\\! It was well\\-known \\(and tall\\)\\.\n\n1\\. not a list\n\n![](dayone-moment:\/\/PHOTO-1)\n",
      "richText" : "{{\"meta\":{{}}}}",
      "photos" : [
        {{ "identifier" : "PHOTO-1", "md5" : "{PHOTO_MD5}", "type" : "jpeg", "orderInEntry" : 0, "width" : 10, "height" : 10 }}
      ]
    }},
    {{
      "uuid" : "0B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0B",
      "creationDate" : "2023-07-01T12:00:00Z",
      "timeZone" : "Europe\/Berlin",
      "text" : "A long first line that goes on and on about the morning light over the river and the birds singing\nSecond line.",
      "photos" : [ {{ "identifier" : "GONE", "md5" : "{MISSING_MD5}", "type" : "png" }} ]
    }},
    {{
      "uuid" : "0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C",
      "creationDate" : "2023-07-02T08:00:00Z"
    }},
    {{
      "uuid" : "0D0D0D0D0D0D0D0D0D0D0D0D0D0D0D0D",
      "text" : "no creation date"
    }}
  ]
}}"##
    )
}

const TRAVEL_JSON: &str = r#"{"metadata":{"version":"1.0"},"entries":[
  {"uuid":"77777777777777777777777777777777","creationDate":"2023-06-30T23:00:00Z","timeZone":"Asia/Tokyo","text":"Landed in Tokyo"}]}"#;

fn build_zip(path: &Path, files: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, data) in files {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
}

fn export_zip(dir: &Path) -> PathBuf {
    let zip = dir.join("Day One export.zip");
    let journal = journal_json();
    build_zip(
        &zip,
        &[
            ("Journal.json", journal.as_bytes()),
            ("Travel.json", TRAVEL_JSON.as_bytes()),
            (&format!("photos/{PHOTO_MD5}.jpeg"), JPEG),
            ("__MACOSX/._Journal.json", b"junk"),
        ],
    );
    zip
}

fn check_main_entries(batch: &ImportBatch, has_travel: bool) {
    let keys: Vec<_> = batch
        .entries
        .iter()
        .map(|e| e.source_key.as_str())
        .collect();
    let mut expected = vec![
        "dayone:77777777777777777777777777777777",
        "dayone:0B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0B",
        "dayone:0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C",
        "dayone:5A1F0C7E2B3D4E5F60718293A4B5C6D7",
    ];
    if !has_travel {
        expected.remove(0);
    }
    assert_eq!(keys, expected, "oldest first");

    let trip = batch.entries.last().unwrap();
    assert_eq!(trip.title, "Trip to St. Louis");
    assert_eq!(
        trip.body,
        format!("We saw the arch! It was well-known (and tall).\n\n1\\. not a list\n\n![]({PHOTO_MD5}.jpeg)")
    );
    assert_eq!(
        trip.date,
        Some(date("2023-07-03")),
        "written on the evening of the 3rd in Los Angeles"
    );
    assert_eq!(trip.created_at, Some(instant("2023-07-04T05:30:00Z")));
    assert_eq!(trip.updated_at, Some(instant("2023-07-05T10:00:00Z")));
    assert_eq!(trip.tags, ["travel", "Family"]);
    assert!(trip.starred);
    assert_eq!((trip.kind.as_str(), trip.uuid.as_deref()), ("free", None));
    assert_eq!(trip.attachments.len(), 1);
    let photo = &trip.attachments[0];
    assert_eq!(
        (
            photo.filename.as_str(),
            photo.mime.as_str(),
            photo.data.as_slice()
        ),
        (&*format!("{PHOTO_MD5}.jpeg"), "image/jpeg", JPEG)
    );

    let river = &batch.entries[batch.entries.len() - 3];
    assert!(
        river.title.starts_with("A long first line") && river.title.ends_with('…'),
        "{}",
        river.title
    );
    assert!(river.title.chars().count() <= 81);
    assert!(
        river.body.starts_with("A long first line"),
        "the body keeps the whole text"
    );
    assert!(river.attachments.is_empty());
    assert_eq!(river.date, Some(date("2023-07-01")));

    let empty = &batch.entries[batch.entries.len() - 2];
    assert_eq!((empty.title.as_str(), empty.body.as_str()), ("", ""));
}

fn reasons_at(batch: &ImportBatch, suffix: &str) -> Vec<String> {
    batch
        .problems
        .iter()
        .filter(|p| p.path.to_string_lossy().ends_with(suffix))
        .map(|p| p.reason.clone())
        .collect()
}

#[test]
fn a_day_one_zip_imports_text_photos_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let zip = export_zip(dir.path());
    let batch = read(&zip, Format::DayOne).unwrap();
    check_main_entries(&batch, true);
    assert_eq!(batch.journal, None);
    let positions: Vec<_> = batch.entries.iter().map(|e| e.position).collect();
    assert_eq!(positions, [0, 1, 2, 3]);

    assert_eq!(batch.problems.len(), 2, "{:?}", batch.problems);
    let missing = reasons_at(&batch, "Day One export.zip!Journal.json#entries[1]");
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].contains(&format!("{MISSING_MD5}.png"))
            && missing[0].contains("imported without it"),
        "{}",
        missing[0]
    );
    let broken = reasons_at(&batch, "Day One export.zip!Journal.json#entries[3]");
    assert!(
        broken[0].contains("creationDate") && broken[0].contains("skipped"),
        "{}",
        broken[0]
    );
}

#[test]
fn an_unzipped_export_imports_the_same_as_the_zip() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "Journal.json", journal_json());
    put(dir.path(), &format!("photos/{PHOTO_MD5}.jpeg"), JPEG);

    // The bare JSON finds its photos in the folder beside it.
    let batch = read(&dir.path().join("Journal.json"), Format::DayOne).unwrap();
    check_main_entries(&batch, false);
    let missing = reasons_at(&batch, "Journal.json#entries[1]");
    assert_eq!(missing.len(), 1, "{:?}", batch.problems);

    // The folder itself is detected and read as Day One.
    assert_eq!(jcc_formats::detect(dir.path()).unwrap(), Format::DayOne);
    let batch = read(dir.path(), Format::DayOne).unwrap();
    check_main_entries(&batch, false);
}

#[test]
fn a_bare_json_without_photos_still_imports_every_entry() {
    let batch =
        jcc_formats::parse_dayone_json_bytes(journal_json().as_bytes(), Path::new("Journal.json"))
            .unwrap();
    assert_eq!(batch.entries.len(), 3);
    assert_eq!(
        reasons_at(&batch, "#entries[0]").len(),
        1,
        "the arch photo is reported missing"
    );
    assert_eq!(batch.entries[2].attachments.len(), 0);
}

#[test]
fn a_file_that_is_not_a_zip_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("export.zip");
    std::fs::write(&fake, "this is text").unwrap();
    let err = read(&fake, Format::DayOne).unwrap_err();
    assert!(matches!(err, FormatError::Zip { .. }), "{err}");
    assert!(
        err.to_string().contains("not a readable zip archive")
            && err.to_string().contains("export.zip"),
        "{err}"
    );
}

#[test]
fn a_zip_without_a_journal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("photos.zip");
    build_zip(
        &zip,
        &[("photos/a.jpeg", JPEG), ("deep/down/inside/x.json", b"{}")],
    );
    let err = read(&zip, Format::DayOne).unwrap_err();
    assert!(matches!(err, FormatError::NoJournalInZip { .. }), "{err}");
    assert!(err.to_string().contains("Export > JSON"), "{err}");
}

#[test]
fn a_broken_journal_in_a_zip_is_a_problem_and_the_others_import() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("two.zip");
    build_zip(
        &zip,
        &[
            ("Broken.json", b"{\"entries\": 7}"),
            ("Travel.json", TRAVEL_JSON.as_bytes()),
            ("photos/x.png", PNG),
        ],
    );
    let batch = read(&zip, Format::DayOne).unwrap();
    assert_eq!(batch.entries.len(), 1);
    assert_eq!(batch.entries[0].title, "Landed in Tokyo");
    assert_eq!(
        batch.entries[0].date,
        Some(date("2023-07-01")),
        "08:00 in Tokyo"
    );
    assert!(
        batch.problems[0].path.ends_with("two.zip!Broken.json"),
        "{:?}",
        batch.problems
    );
    assert!(
        batch.problems[0]
            .reason
            .contains("not a Day One JSON export"),
        "{}",
        batch.problems[0].reason
    );
}

#[test]
fn a_zip_with_a_nested_folder_is_understood() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("nested.zip");
    let journal = journal_json();
    build_zip(
        &zip,
        &[
            ("Export/Journal.json", journal.as_bytes()),
            (&format!("Export/photos/{PHOTO_MD5}.jpeg"), JPEG),
        ],
    );
    let batch = read(&zip, Format::DayOne).unwrap();
    check_main_entries(&batch, false);
}

#[test]
fn a_json_that_is_not_day_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "x.json", "[1, 2, 3]");
    let err = read(&dir.path().join("x.json"), Format::DayOne).unwrap_err();
    assert!(
        err.to_string().contains("is not a Day One JSON export"),
        "{err}"
    );
}
