//! Search never drops a hit silently: past any page size the text and the JSON both say
//! how many there are, `--offset` pages through them, `--limit 0` returns them all.

mod common;

use common::Jcc;
use serde_json::{json, Value};

/// A diary of 1,011 entries that all mention the harbour, 700 of them tagged #travel.
fn big_diary(jcc: &Jcc) {
    let entries: Vec<Value> = (0..1011)
        .map(|i| {
            let tags = if i % 10 < 7 { vec!["travel"] } else { vec![] };
            json!({
                "title": format!("Day {i}"),
                "body": format!("Walked to the harbour again, visit {i}."),
                "date": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                "tags": tags,
                "source_key": format!("test:{i}"),
            })
        })
        .collect();
    let doc = json!({
        "format": "journal-craft-crew",
        "format_version": 1,
        "journal": { "title": "Harbour", "kind": "diary" },
        "entries": entries,
    });
    let file = jcc.path("diary.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    jcc.ok(&["import", file.to_str().unwrap(), "--journal", "Harbour"]);
}

fn ids(page: &Value) -> Vec<i64> {
    page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["entry_id"].as_i64().unwrap())
        .collect()
}

#[test]
fn totals_and_pages_at_the_old_cap_and_past_it() {
    let jcc = Jcc::new();
    big_diary(&jcc);

    let first = jcc.json(&["search", "harbour", "--limit", "1000"]);
    assert_eq!(first["total"], 1011);
    assert_eq!(first["offset"], 0);
    assert_eq!(ids(&first).len(), 1000);
    let rest = jcc.json(&["search", "harbour", "--limit", "1000", "--offset", "1000"]);
    assert_eq!((rest["total"].as_u64(), ids(&rest).len()), (Some(1011), 11));
    // Past the old cap of 1,000, and all of them: the same entries, none twice.
    let all = jcc.json(&["search", "harbour", "--limit", "0"]);
    assert_eq!(ids(&all).len(), 1011);
    let more = jcc.json(&["search", "harbour", "--limit", "1500"]);
    assert_eq!(ids(&more).len(), 1011);
    let mut paged = ids(&first);
    paged.extend(ids(&rest));
    assert_eq!(paged, ids(&all), "pages join up in rank order");
    let mut unique = paged.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 1011);

    // The text says the same.
    let text = jcc.ok(&["search", "harbour", "--limit", "1000"]);
    assert!(
        text.trim_end().ends_with(
            "Showing 1-1,000 of 1,011 matches; next page: --offset 1000, every match: --limit 0"
        ),
        "{}",
        text.lines().last().unwrap()
    );
    let text = jcc.ok(&["search", "harbour", "--limit", "1000", "--offset", "1000"]);
    assert!(
        text.contains("Showing 1,001-1,011 of 1,011 matches"),
        "{text}"
    );
    let text = jcc.ok(&["search", "harbour", "--limit", "0"]);
    assert!(text.trim_end().ends_with("1,011 matches."), "{text}");
    // The default page of 20 says there are more.
    let text = jcc.ok(&["search", "harbour"]);
    assert!(text.contains("Showing 1-20 of 1,011 matches"), "{text}");

    // A tag filter (no words) counts the same way.
    let tagged = jcc.json(&["search", "tag:travel", "--limit", "100"]);
    assert_eq!(
        (tagged["total"].as_u64(), ids(&tagged).len()),
        (Some(708), 100)
    );
    let text = jcc.ok(&["search", "tag:travel", "--limit", "1000"]);
    assert!(text.trim_end().ends_with("708 matches."), "{text}");
}

#[test]
fn the_array_form_stays_behind_a_flag_and_says_what_it_leaves_out() {
    let jcc = Jcc::new();
    big_diary(&jcc);
    let out = jcc
        .cmd()
        .args(["search", "harbour", "--limit", "1000", "--json-array"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1000);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Showing 1-1,000 of 1,011 matches"), "{err}");
    // Nothing to say when every hit is there.
    let out = jcc
        .cmd()
        .args(["search", "harbour", "--limit", "0", "--json-array"])
        .output()
        .unwrap();
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1011);
    assert!(out.stderr.is_empty());
}

#[test]
fn a_negative_page_is_refused_with_the_fix() {
    let jcc = Jcc::new();
    let err = jcc.fails(&["search", "harbour", "--limit", "-1"], 2);
    assert!(err.contains("--limit 0 shows every hit"), "{err}");
}
