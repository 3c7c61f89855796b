//! `jcc remind set|list|remove`: a daily reminder per journal, kept in the library.

mod common;

use common::Jcc;

#[test]
fn set_list_replace_and_remove_a_reminder() {
    let jcc = Jcc::new();
    jcc.ok(&["journal", "new", "Morning Pages"]);
    jcc.ok(&["journal", "new", "Dreams"]);

    let text = jcc.ok(&[
        "remind",
        "set",
        "--journal",
        "Morning Pages",
        "--at",
        "7:30",
        "--days",
        "weekdays",
    ]);
    assert!(
        text.contains("write in Morning Pages at 07:30, weekdays"),
        "{text}"
    );
    jcc.ok(&["remind", "set", "--journal", "Dreams", "--at", "06:15"]);

    let list = jcc.json(&["remind", "list"]);
    let rows: Vec<(String, String, Vec<u64>)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["journal_title"].as_str().unwrap().to_owned(),
                r["at"].as_str().unwrap().to_owned(),
                r["weekdays"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_u64().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "Dreams".to_owned(),
                "06:15".to_owned(),
                vec![1, 2, 3, 4, 5, 6, 7]
            ),
            (
                "Morning Pages".to_owned(),
                "07:30".to_owned(),
                vec![1, 2, 3, 4, 5]
            ),
        ]
    );
    let text = jcc.ok(&["remind", "list"]);
    assert!(text.contains("06:15  every day     Dreams"), "{text}");

    // Setting again replaces the journal's reminder.
    jcc.ok(&[
        "remind",
        "set",
        "--journal",
        "Morning Pages",
        "--at",
        "21:00",
        "--days",
        "sat,sun",
    ]);
    let text = jcc.ok(&["remind", "list"]);
    assert!(
        text.contains("21:00  weekends      Morning Pages"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");

    let text = jcc.ok(&["remind", "remove", "--journal", "Dreams"]);
    assert!(text.contains("Removed the reminder of Dreams"), "{text}");
    let text = jcc.ok(&["remind", "remove", "--journal", "Dreams"]);
    assert!(text.contains("had no reminder"), "{text}");
    assert_eq!(jcc.json(&["remind", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn bad_times_days_and_journals_say_what_to_do() {
    let jcc = Jcc::new();
    jcc.ok(&["journal", "new", "Diary"]);
    let err = jcc.fails(&["remind", "set", "--journal", "Diary", "--at", "25:00"], 2);
    assert!(err.contains("use HH:MM"), "{err}");
    let err = jcc.fails(
        &[
            "remind",
            "set",
            "--journal",
            "Diary",
            "--at",
            "08:00",
            "--days",
            "caturday",
        ],
        2,
    );
    assert!(err.contains("mon,wed,fri"), "{err}");
    let err = jcc.fails(
        &["remind", "set", "--journal", "Nowhere", "--at", "08:00"],
        3,
    );
    assert!(err.contains("Nowhere"), "{err}");
    let text = jcc.ok(&["remind", "list"]);
    assert!(text.contains("No reminders"), "{text}");
}
