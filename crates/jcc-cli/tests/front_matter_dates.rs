//! Markdown written by other tools keeps its dates on import, the summary says which
//! field gave them, and the dates survive an export and a re-import.

mod common;

use common::Jcc;
use serde_json::Value;
use std::path::Path;

fn put(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Entries of `journal` as (title, date, created_at ms, updated_at ms), by title.
fn dates(jcc: &Jcc, journal: &str) -> Vec<(String, Value, i64, i64)> {
    let list = jcc.json(&["entry", "list", "--journal", journal, "--limit", "100"]);
    let mut out: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["title"].as_str().unwrap().to_owned(),
                e["date"].clone(),
                e["created_at"].as_i64().unwrap(),
                e["updated_at"].as_i64().unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn ms(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp_millis()
}

#[test]
fn joplin_export_keeps_its_created_and_updated_times() {
    let jcc = Jcc::new();
    let dir = jcc.path("joplin");
    // Joplin's "Markdown + Front Matter" export: UTC times with a space for the T.
    put(&dir, "Travel/Lisbon.md", "---\ntitle: Lisbon\nupdated: 2023-06-02 08:00:00Z\ncreated: 2023-06-01 10:15:00Z\nlatitude: 38.72230000\nlongitude: -9.13930000\naltitude: 0.0000\ntags:\n  - travel\n---\n\n# Lisbon\n\nTrams and tiles.\n");
    put(&dir, "Travel/Porto.md", "---\ntitle: Porto\nupdated: 2023-06-05 21:00:00.000Z\ncreated: 2023-06-04 19:30:00.000Z\n---\n\nThe river at dusk.\n");
    let text = jcc.ok(&["import", dir.to_str().unwrap(), "--journal", "Joplin"]);
    assert!(text.contains("Imported 2 entries"), "{text}");
    assert!(
        text.contains("Dates from front matter `created` (2)"),
        "{text}"
    );

    let got = dates(&jcc, "Joplin");
    assert_eq!(got[0].0, "Lisbon");
    assert_eq!(got[0].1, "2023-06-01");
    assert_eq!(got[0].2, ms("2023-06-01T10:15:00Z"));
    assert_eq!(got[0].3, ms("2023-06-02T08:00:00Z"));
    assert_eq!(got[1].1, "2023-06-04");
    assert_eq!(got[1].3, ms("2023-06-05T21:00:00Z"));

    let json = jcc.json(&["import", dir.to_str().unwrap(), "--journal", "Joplin 2"]);
    assert_eq!(json["dates_from"][0]["field"], "created");
    assert_eq!(json["dates_from"][0]["entries"], 2);
    assert_eq!(json["undated"], 0);
}

#[test]
fn obsidian_and_bear_shapes_and_the_file_name_all_give_dates() {
    let jcc = Jcc::new();
    let dir = jcc.path("vault");
    // Obsidian properties: a local date-time with no zone, and a date alone.
    put(&dir, "Daily/Rain.md", "---\ncreated: 2024-03-05T21:40\nupdated: 2024-03-06T07:00\ntags: [weather]\n---\nIt rained all evening.\n");
    put(
        &dir,
        "Daily/Bread.md",
        "---\ncreated: 2024-03-07\n---\nBaked bread.\n",
    );
    // Bear-style exports: creation_date / modification_date with a zone.
    put(&dir, "Bear/Garden.md", "---\ncreation_date: 2024-03-08 23:30:00 -0500\nmodification_date: 2024-03-09T10:00:00+01:00\n---\n# Garden\n\nSeeds in.\n");
    // Static-site style.
    put(
        &dir,
        "Posts/Harbour.md",
        "---\ntitle: Harbour\ncreated_at: 2024-03-10T06:00:00+02:00\n---\nGulls.\n",
    );
    // No front matter at all: the date in the file name.
    put(&dir, "2024-03-11 Walk.md", "A walk.\n");
    // Nothing anywhere: undated, and counted as such.
    put(&dir, "Someday.md", "Learn the cello.\n");

    let text = jcc.ok(&["import", dir.to_str().unwrap(), "--journal", "Vault"]);
    assert!(text.contains("Imported 6 entries"), "{text}");
    assert!(text.contains("front matter `created` (2)"), "{text}");
    assert!(text.contains("front matter `creation_date` (1)"), "{text}");
    assert!(text.contains("front matter `created_at` (1)"), "{text}");
    assert!(text.contains("the file name (1)"), "{text}");
    assert!(text.contains("1 entries have no date"), "{text}");

    let got = dates(&jcc, "Vault");
    let find = |t: &str| got.iter().find(|e| e.0 == t).unwrap().clone();
    let rain = find("Rain");
    assert_eq!(rain.1, "2024-03-05");
    assert_eq!(rain.2, ms("2024-03-05T21:40:00Z"));
    assert_eq!(rain.3, ms("2024-03-06T07:00:00Z"));
    assert_eq!(find("Bread").1, "2024-03-07");
    let garden = find("Garden");
    assert_eq!(
        garden.1, "2024-03-08",
        "the writer's own day, not the UTC one"
    );
    assert_eq!(garden.2, ms("2024-03-09T04:30:00Z"));
    assert_eq!(garden.3, ms("2024-03-09T09:00:00Z"));
    assert_eq!(find("Harbour").1, "2024-03-10");
    assert_eq!(find("2024-03-11 Walk").1, "2024-03-11");
    assert_eq!(find("Someday").1, Value::Null);

    // Every date survives the round trip through JCC's own Markdown and JSON.
    for format in ["md", "json"] {
        let out = jcc.path(&format!("out-{format}"));
        let out = out.to_str().unwrap();
        jcc.ok(&["export", "Vault", "--format", format, "-o", out]);
        let copy = format!("Vault {format}");
        jcc.ok(&["import", out, "--journal", &copy]);
        assert_eq!(dates(&jcc, &copy), got, "{format}");
    }
}

#[test]
fn files_with_no_date_anywhere_say_so() {
    let jcc = Jcc::new();
    let dir = jcc.path("plain");
    put(&dir, "a.md", "---\ntitle: A\n---\nOne.\n");
    put(&dir, "b.md", "Two.\n");
    let text = jcc.ok(&["import", dir.to_str().unwrap(), "--journal", "Plain"]);
    assert!(text.contains("No entry had a date"), "{text}");
    assert!(text.contains("created_at"), "{text}");
}

#[test]
fn a_bad_date_names_its_field_and_the_fix() {
    let jcc = Jcc::new();
    let dir = jcc.path("bad");
    put(&dir, "a.md", "---\ncreated: last tuesday\n---\nOne.\n");
    let err = jcc.fails(&["import", dir.to_str().unwrap(), "--journal", "Bad"], 5);
    assert!(err.contains("created \"last tuesday\""), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}
