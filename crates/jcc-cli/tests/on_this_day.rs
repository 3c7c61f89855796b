//! `jcc entry list --on-this-day`: entries from a date's month and day in earlier years.

mod common;

use common::Jcc;
use serde_json::Value;

/// `jcc`'s exit code for "not found" (README, Exit codes).
const NOT_FOUND: i32 = 3;

fn add(jcc: &Jcc, journal: &str, date: &str, title: &str) {
    jcc.ok(&[
        "entry",
        "add",
        "--journal",
        journal,
        "--date",
        date,
        "--title",
        title,
        "--body",
        "Words.",
    ]);
}

fn titles(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn on_this_day_lists_earlier_years_newest_first() {
    let jcc = Jcc::new();
    add(&jcc, "Diary", "2019-03-01", "Snow in March");
    add(&jcc, "Diary", "2024-03-01", "Spring");
    add(&jcc, "Diary", "2024-03-02", "The day after");
    add(&jcc, "Diary", "2026-03-01", "This year");
    add(&jcc, "Trips", "2022-03-01", "Lisbon");

    let all = jcc.json(&["entry", "list", "--on-this-day", "--date", "2026-03-01"]);
    assert_eq!(titles(&all), ["Spring", "Lisbon", "Snow in March"]);

    let diary = jcc.json(&[
        "entry",
        "list",
        "--on-this-day",
        "--date",
        "2026-03-01",
        "--journal",
        "Diary",
    ]);
    assert_eq!(titles(&diary), ["Spring", "Snow in March"]);

    let text = jcc.ok(&["entry", "list", "--on-this-day", "--date", "2026-03-01"]);
    assert!(text.contains("On this day, 1 March"), "{text}");
    assert!(text.contains("2 years ago"), "{text}");
    assert!(text.contains("7 years ago"), "{text}");
    assert!(text.find("Spring") < text.find("Snow in March"), "{text}");

    let none = jcc.ok(&["entry", "list", "--on-this-day", "--date", "2026-08-08"]);
    assert!(none.contains("nothing from earlier years yet"), "{none}");
}

#[test]
fn a_leap_day_comes_back_on_the_28th_of_a_common_year() {
    let jcc = Jcc::new();
    add(&jcc, "Diary", "2024-02-29", "Leap day");
    add(&jcc, "Diary", "2023-02-28", "Common 28th");
    let common = jcc.json(&["entry", "list", "--on-this-day", "--date", "2025-02-28"]);
    assert_eq!(titles(&common), ["Leap day", "Common 28th"]);
    let leap = jcc.json(&["entry", "list", "--on-this-day", "--date", "2028-02-29"]);
    assert_eq!(titles(&leap), ["Leap day"]);
}

#[test]
fn bad_input_says_what_to_do() {
    let jcc = Jcc::new();
    add(&jcc, "Diary", "2024-02-29", "Leap day");
    let err = jcc.fails(&["entry", "list", "--on-this-day", "--date", "someday"], 2);
    assert!(err.contains("can't read \"someday\" as a date"), "{err}");
    // --date alone would silently mean nothing: clap asks for --on-this-day.
    let err = jcc.fails(&["entry", "list", "--date", "2026-03-01"], 2);
    assert!(err.contains("--on-this-day"), "{err}");
    let err = jcc.fails(&["entry", "list", "--on-this-day", "--starred"], 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = jcc.fails(
        &["entry", "list", "--on-this-day", "--journal", "Nowhere"],
        NOT_FOUND,
    );
    assert!(err.contains("Nowhere"), "{err}");
}
