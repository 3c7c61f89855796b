//! Searching a library the way a writer does.

use chrono::NaiveDate;
use jcc_store::search::query::parse;
use jcc_store::{NewEntry, NewJournal, Store};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// journal, date, title, body, tags, starred
type Row<'a> = (i64, &'a str, &'a str, &'a str, &'a [&'a str], bool);

fn library() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let diary = s
        .create_journal(NewJournal {
            title: "Diary".into(),
            ..Default::default()
        })
        .unwrap();
    let dreams = s
        .create_journal(NewJournal {
            title: "Dream Log".into(),
            ..Default::default()
        })
        .unwrap();
    let rows: &[Row] = &[
        (
            diary.id,
            "2026-03-01",
            "Morning walk",
            "Morning light over the harbour, a quiet walk.",
            &["walk", "morning"],
            false,
        ),
        (
            diary.id,
            "2026-03-02",
            "Rain",
            "Rain all day. Walked anyway, soaked and happy.",
            &["walk"],
            true,
        ),
        (
            diary.id,
            "2026-03-05",
            "Café",
            "Wrote at the café; the résumé is finally done.",
            &["work"],
            false,
        ),
        (
            diary.id,
            "2026-04-01",
            "April",
            "The harbour in April light.",
            &["morning"],
            false,
        ),
        (
            dreams.id,
            "2026-03-01",
            "Flying",
            "I was flying over a harbour at night.",
            &["dream"],
            true,
        ),
    ];
    for (j, d, title, body, tags, star) in rows {
        s.add_entry(NewEntry {
            journal_id: *j,
            date: Some(day(d)),
            title: title.to_string(),
            body: body.to_string(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            starred: *star,
            ..Default::default()
        })
        .unwrap();
    }
    s
}

fn titles(s: &Store, q: &str) -> Vec<String> {
    let q = parse(q, day("2026-04-10")).unwrap();
    s.search(&q, 20, 0)
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect()
}

#[test]
fn words_phrases_and_exclusions() {
    let s = library();
    assert_eq!(titles(&s, "harbour").len(), 3);
    assert_eq!(titles(&s, "\"morning light\""), vec!["Morning walk"]);
    let mut no_night = titles(&s, "harbour -night");
    no_night.sort();
    assert_eq!(no_night, vec!["April", "Morning walk"]);
    assert_eq!(
        titles(&s, "walk*").len(),
        2,
        "prefix matches walk and walked"
    );
}

#[test]
fn accents_do_not_matter() {
    let s = library();
    assert_eq!(titles(&s, "cafe resume"), vec!["Café"]);
    assert_eq!(titles(&s, "CAFÉ"), vec!["Café"]);
}

#[test]
fn title_matches_rank_first_and_hits_are_highlighted() {
    let s = library();
    let q = parse("rain", day("2026-04-10")).unwrap();
    let hits = s.search(&q, 20, 0).unwrap();
    assert_eq!(hits[0].title, "Rain");
    assert!(hits[0]
        .snippet
        .iter()
        .any(|p| p.hit && p.text.eq_ignore_ascii_case("rain")));
    assert!(hits[0].snippet_marked("[", "]").contains("[Rain]"));
}

#[test]
fn filters_by_tag_journal_date_and_star() {
    let s = library();
    assert_eq!(titles(&s, "tag:walk").len(), 2);
    assert_eq!(titles(&s, "tag:walk tag:morning"), vec!["Morning walk"]);
    assert_eq!(titles(&s, "harbour journal:\"dream log\""), vec!["Flying"]);
    assert_eq!(titles(&s, "harbour -tag:morning"), vec!["Flying"]);
    assert_eq!(titles(&s, "harbour -journal:Diary"), vec!["Flying"]);
    let mut march = titles(&s, "after:2026-02-28 before:2026-03-03");
    march.sort();
    assert_eq!(march, vec!["Flying", "Morning walk", "Rain"]);
    assert_eq!(titles(&s, "on:2026-03-05"), vec!["Café"]);
    let mut starred = titles(&s, "is:starred");
    starred.sort();
    assert_eq!(starred, vec!["Flying", "Rain"]);
    assert_eq!(
        titles(&s, "tag:morning after:2026-03-31 light"),
        vec!["April"]
    );
}

#[test]
fn only_exclusions_list_everything_else() {
    let s = library();
    assert_eq!(titles(&s, "-harbour -rain"), vec!["Café"]);
}

#[test]
fn trashed_entries_and_journals_are_not_found() {
    let mut s = library();
    let q = parse("harbour", day("2026-04-10")).unwrap();
    let first = s.search(&q, 20, 0).unwrap()[0].entry_id;
    s.trash_entry(first).unwrap();
    assert_eq!(s.search(&q, 20, 0).unwrap().len(), 2);
    let dreams = s.find_journal("Dream Log").unwrap();
    s.trash_journal(dreams.id).unwrap();
    assert!(s
        .search(&q, 20, 0)
        .unwrap()
        .iter()
        .all(|h| h.journal_title != "Dream Log"));
}

#[test]
fn edits_are_searchable_at_once_and_old_words_are_gone() {
    let mut s = library();
    let q = parse("soaked", day("2026-04-10")).unwrap();
    let id = s.search(&q, 1, 0).unwrap()[0].entry_id;
    s.update_entry(
        id,
        jcc_store::EntryPatch {
            body: Some("Dry at last, sunshine.".into()),
            ..Default::default()
        },
        jcc_store::Origin::Writer,
    )
    .unwrap();
    assert!(s.search(&q, 20, 0).unwrap().is_empty());
    assert_eq!(titles(&s, "sunshine"), vec!["Rain"]);
}

#[test]
fn hostile_queries_never_error() {
    let s = library();
    for q in [
        "AND",
        "OR OR",
        "NEAR(",
        "\"",
        "title:harbour",
        "*",
        "^x",
        "(((",
        "-",
        "c++",
        "'",
    ] {
        let parsed = parse(q, day("2026-04-10")).unwrap();
        s.search(&parsed, 20, 0)
            .unwrap_or_else(|e| panic!("{q}: {e}"));
    }
}

#[test]
fn totals_count_every_match_and_limit_zero_returns_them_all() {
    let mut s = library();
    let today = day("2026-04-10");
    let check = |s: &Store, input: &str| {
        let q = parse(input, today).unwrap();
        let all = s.search(&q, 0, 0).unwrap();
        assert_eq!(s.search_total(&q).unwrap(), all.len() as u64, "{input}");
        // Pages of one, walked to the end, give the same hits in the same order.
        let paged: Vec<_> = (0..all.len() as i64)
            .map(|i| s.search(&q, 1, i).unwrap()[0].entry_id)
            .collect();
        let ids: Vec<_> = all.iter().map(|h| h.entry_id).collect();
        assert_eq!(paged, ids, "{input}");
        assert!(s.search(&q, 1, all.len() as i64).unwrap().is_empty());
        all.len()
    };
    assert_eq!(check(&s, "harbour"), 3);
    assert_eq!(check(&s, "harbour -night"), 2);
    assert!(check(&s, "-rain") > 0);
    assert!(check(&s, "after:2000-01-01") >= 5);
    assert_eq!(check(&s, "tag:dream"), 1);
    assert_eq!(check(&s, "nosuchword"), 0);
    // Trashed entries are not counted either.
    let q = parse("harbour", today).unwrap();
    let first = s.search(&q, 1, 0).unwrap()[0].entry_id;
    s.trash_entry(first).unwrap();
    assert_eq!(check(&s, "harbour"), 2);
}
