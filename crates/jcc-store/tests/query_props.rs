//! Properties of the search language, checked against a real SQLite FTS5 table set up like
//! `entries_fts` (same columns, same tokenizer).

use std::cell::RefCell;

use chrono::{Datelike, NaiveDate};
use jcc_store::dates;
use jcc_store::search::query::{self, Filters, Query, Term};
use proptest::prelude::*;
use rusqlite::Connection;

const ROWS: [(&str, &str, &str); 5] = [
    (
        "Morning walk",
        "The morning light on the hill. No rain today.",
        "",
    ),
    (
        "Rain",
        "Heavy rain and a storm; can't go out. Café closed.",
        "What did you notice?",
    ),
    (
        "AND OR NOT",
        "NEAR the title: column ^ caret (parens) \"quotes\"",
        "prompt",
    ),
    ("日記", "今日は散歩した。naïve Ärger ١٢٣", ""),
    ("", "walking walked walks", "Where did you walk?"),
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 11).unwrap()
}

fn fresh_db() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, prompt, \
         tokenize='unicode61 remove_diacritics 2');",
    )
    .unwrap();
    for (title, body, prompt) in ROWS {
        conn.execute(
            "INSERT INTO t (title, body, prompt) VALUES (?1, ?2, ?3)",
            (title, body, prompt),
        )
        .unwrap();
    }
    conn
}

thread_local! {
    static DB: RefCell<Connection> = RefCell::new(fresh_db());
}

/// Runs `expr` the two ways the store uses it; any FTS5 syntax error surfaces here.
fn run(conn: &Connection, expr: &str) -> rusqlite::Result<(i64, i64)> {
    let matching = conn.query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [expr], |r| {
        r.get(0)
    })?;
    let excluded = conn.query_row(
        "SELECT count(*) FROM t WHERE rowid NOT IN (SELECT rowid FROM t WHERE t MATCH ?1)",
        [expr],
        |r| r.get(0),
    )?;
    Ok((matching, excluded))
}

fn rowids(conn: &Connection, expr: &str) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid")
        .unwrap();
    stmt.query_map([expr], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn search(conn: &Connection, input: &str) -> Vec<i64> {
    let query = query::parse(input, today()).unwrap();
    rowids(conn, &query.fts_match().expect(input))
}

fn assert_valid_fts(query: &Query) -> Result<(), TestCaseError> {
    let exprs = [query.fts_match(), query.fts_exclude_only()];
    prop_assert!(
        exprs.iter().filter(|e| e.is_some()).count() <= 1,
        "at most one of the two expressions: {exprs:?}"
    );
    for expr in exprs.into_iter().flatten() {
        prop_assert!(!expr.contains('\0'));
        let result = DB.with(|db| run(&db.borrow(), &expr));
        prop_assert!(result.is_ok(), "{expr:?} from {query:?}: {result:?}");
    }
    Ok(())
}

/// Text heavy in what could trip FTS5 or the query parser.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("AND".to_owned()),
        Just("OR".to_owned()),
        Just("NOT".to_owned()),
        Just("NEAR".to_owned()),
        Just("NEAR(".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("*".to_owned()),
        Just(":".to_owned()),
        Just("^".to_owned()),
        Just("-".to_owned()),
        Just("+".to_owned()),
        Just("{title body}".to_owned()),
        Just("title:".to_owned()),
        Just("body:".to_owned()),
        Just("tag:".to_owned()),
        Just("-tag:".to_owned()),
        Just("journal:".to_owned()),
        Just("is:starred".to_owned()),
        Just("before:".to_owned()),
        Just("after:".to_owned()),
        Just("on:".to_owned()),
        Just("2026-03-01".to_owned()),
        Just("2026-03".to_owned()),
        Just("3 days ago".to_owned()),
        Just("\0".to_owned()),
        Just("\u{301}".to_owned()),
        Just("ⓐ".to_owned()),
        Just("\u{1E900}".to_owned()),
        Just("\u{E000}".to_owned()),
        Just(" ".to_owned()),
        Just(" ".to_owned()),
        "[a-zA-Z0-9]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

fn date_like_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,12} (day|days|week|weeks|month|months|year|years|fortnight) ago",
        "[+-]?[0-9]{0,7}[-/.][0-9]{0,4}[-/.]?[0-9]{0,4}",
        "(last )?(mon|tue|wednesday|thurs|fri|sat|sunday|someday)",
        "[0-9]{0,3}(st|nd|rd|th)? (of )?(jan|feb|march|sept|dec)\\.?,? ?[0-9]{0,5}",
        "(jan|feb|mar|sep|dec) [0-9]{0,3},? ?[0-9]{0,5}",
        "(today|yesterday|tomorrow)",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    // (1) Nothing a writer types makes the parser (or the date reader) panic.
    #[test]
    fn parse_never_panics(input in any::<String>(), day in any_day()) {
        let _ = query::parse(&input, day);
        let _ = query::parse(&input, today());
    }

    #[test]
    fn parse_never_panics_on_tricky_text(input in tricky_text(), day in any_day()) {
        let _ = query::parse(&input, day);
    }

    #[test]
    fn dates_never_panic(text in date_like_text(), day in any_day()) {
        let _ = dates::parse_day(&text, day);
        let _ = dates::parse_day(&text, today());
        if let Some((_, month)) = dates::parse_month(&text) {
            prop_assert!((1..=12).contains(&month));
        }
        for op in ["on:", "before:", "after:"] {
            let _ = query::parse(&format!("{op}{text} walk"), day);
            let _ = query::parse(&format!("{op}\"{text}\""), day);
        }
    }

    // (2) Whatever parses yields FTS5 expressions SQLite accepts, used either way.
    #[test]
    fn fts_output_is_valid_fts5(input in any::<String>()) {
        if let Ok(query) = query::parse(&input, today()) {
            assert_valid_fts(&query)?;
        }
    }

    #[test]
    fn fts_output_is_valid_fts5_on_tricky_text(input in tricky_text()) {
        if let Ok(query) = query::parse(&input, today()) {
            assert_valid_fts(&query)?;
        }
    }

    // (3) A query written from random parts reads back as those parts.
    #[test]
    fn generated_queries_round_trip(parts in prop::collection::vec(part(), 0..12), sep in "[ \t]{1,3}") {
        let input = parts.iter().map(|p| p.render()).collect::<Vec<_>>().join(&sep);
        let parsed = query::parse(&input, today());
        prop_assert!(parsed.is_ok(), "{input:?}: {parsed:?}");
        let parsed = parsed.unwrap();
        prop_assert_eq!(&parsed, &expected(&parts), "input {:?}", input);
        prop_assert_eq!(parsed.is_empty(), parts.is_empty());
        assert_valid_fts(&parsed)?;
    }

    // (4) A document containing a word is found by that word, its prefix, and in any case;
    // and left out by excluding it.
    #[test]
    fn a_document_is_found_by_its_words(
        word in "[a-zA-Z0-9]{1,16}",
        cut in 1usize..16,
        before in "[a-z ]{0,20}",
        after in "[a-z ]{0,20}",
    ) {
        let conn = fresh_db();
        conn.execute(
            "INSERT INTO t (rowid, title, body, prompt) VALUES (100, '', ?1, '')",
            [format!("{before} {word}, {after}")],
        ).unwrap();
        for input in [
            word.clone(),
            word.to_uppercase(),
            word.to_lowercase(),
            format!("\"{word}\""),
            format!("{}*", &word[..cut.min(word.len())]),
            format!("{word} -zzzzzzzzzzzzzzzzz"),
        ] {
            let found = search(&conn, &input);
            prop_assert!(found.contains(&100), "{input:?} missed it");
        }
        let query = query::parse(&format!("-{word}"), today()).unwrap();
        let expr = query.fts_exclude_only().unwrap();
        prop_assert!(rowids(&conn, &expr).contains(&100));
    }

    // Word and phrase exclusions combine the way a writer expects: every positive term
    // present, no excluded term present.
    #[test]
    fn results_agree_with_a_naive_model(
        docs in prop::collection::vec(prop::collection::vec(0usize..VOCAB.len(), 0..6), 1..8),
        terms in prop::collection::vec((0usize..VOCAB.len(), any::<bool>()), 1..6),
    ) {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(title, body, prompt, \
             tokenize='unicode61 remove_diacritics 2');",
        ).unwrap();
        for (i, doc) in docs.iter().enumerate() {
            let body: Vec<&str> = doc.iter().map(|&w| VOCAB[w]).collect();
            conn.execute(
                "INSERT INTO t (rowid, title, body, prompt) VALUES (?1, '', ?2, '')",
                (i as i64 + 1, body.join(" ")),
            ).unwrap();
        }
        let input: Vec<String> = terms
            .iter()
            .map(|&(w, neg)| format!("{}{}", if neg { "-" } else { "" }, VOCAB[w]))
            .collect();
        let query = query::parse(&input.join(" "), today()).unwrap();
        let expected: Vec<i64> = docs
            .iter()
            .enumerate()
            .filter(|(_, doc)| {
                terms.iter().all(|&(w, neg)| doc.contains(&w) != neg)
            })
            .map(|(i, _)| i as i64 + 1)
            .collect();
        let got = match (query.fts_match(), query.fts_exclude_only()) {
            (Some(expr), None) => rowids(&conn, &expr),
            (None, Some(expr)) => {
                let excluded = rowids(&conn, &expr);
                (1..=docs.len() as i64).filter(|id| !excluded.contains(id)).collect()
            }
            other => panic!("{other:?}"),
        };
        prop_assert_eq!(got, expected, "query {:?}", input.join(" "));
    }
}

const VOCAB: [&str; 6] = ["walk", "rain", "AND", "NOT", "light", "OR"];

/// One piece of a generated query, and what it should read back as.
#[derive(Debug, Clone)]
enum Part {
    Word {
        text: String,
        prefix: bool,
        negated: bool,
    },
    Phrase {
        text: String,
        negated: bool,
    },
    Tag {
        name: String,
        negated: bool,
        key: &'static str,
    },
    Journal(String),
    After(NaiveDate),
    Before(NaiveDate),
    On(NaiveDate),
    OnMonth(NaiveDate),
    AfterMonth(NaiveDate),
    BeforeMonth(NaiveDate),
    Starred(bool),
}

fn quote_if_spaced(name: &str) -> String {
    if name.contains(' ') {
        format!("\"{name}\"")
    } else {
        name.to_owned()
    }
}

impl Part {
    fn render(&self) -> String {
        let minus = |negated: bool| if negated { "-" } else { "" };
        match self {
            Part::Word {
                text,
                prefix,
                negated,
            } => format!(
                "{}{text}{}",
                minus(*negated),
                if *prefix { "*" } else { "" }
            ),
            Part::Phrase { text, negated } => format!("{}\"{text}\"", minus(*negated)),
            Part::Tag { name, negated, key } => {
                format!("{}{key}:{}", minus(*negated), quote_if_spaced(name))
            }
            Part::Journal(name) => format!("Journal:{}", quote_if_spaced(name)),
            Part::After(d) => format!("after:{d}"),
            Part::Before(d) => format!("BEFORE:{d}"),
            Part::On(d) => format!("on:{d}"),
            Part::OnMonth(d) => format!("On:{}", d.format("%Y-%m")),
            Part::AfterMonth(d) => format!("after:{}", d.format("%Y-%m")),
            Part::BeforeMonth(d) => format!("before:{}", d.format("%Y-%m")),
            Part::Starred(true) => "is:starred".to_owned(),
            Part::Starred(false) => "-is:STARRED".to_owned(),
        }
    }
}

fn part() -> impl Strategy<Value = Part> {
    let word = "[a-zA-Z0-9][a-zA-Z0-9]{0,7}";
    let name = "[a-zA-Z0-9]{1,6}( [a-zA-Z0-9]{1,6}){0,2}";
    let day = (1900i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
    prop_oneof![
        4 => (word, any::<bool>(), any::<bool>()).prop_map(|(text, prefix, negated)| Part::Word { text, prefix, negated }),
        2 => ("[a-z0-9]{1,6}( [a-z0-9]{1,6}){1,3}", any::<bool>()).prop_map(|(text, negated)| Part::Phrase { text, negated }),
        2 => (name, any::<bool>(), prop::sample::select(vec!["tag", "TAG", "Tag"]))
            .prop_map(|(name, negated, key)| Part::Tag { name, negated, key }),
        1 => name.prop_map(Part::Journal),
        1 => day.clone().prop_map(Part::After),
        1 => day.clone().prop_map(Part::Before),
        1 => day.clone().prop_map(Part::On),
        1 => day.clone().prop_map(Part::OnMonth),
        1 => day.clone().prop_map(Part::AfterMonth),
        1 => day.prop_map(Part::BeforeMonth),
        1 => any::<bool>().prop_map(Part::Starred),
    ]
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap()
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

/// The AST the parts describe, built independently of the parser.
fn expected(parts: &[Part]) -> Query {
    let mut terms = Vec::new();
    let mut f = Filters::default();
    let after = |f: &mut Filters, d: NaiveDate| f.after = Some(f.after.map_or(d, |a| a.max(d)));
    let before = |f: &mut Filters, d: NaiveDate| f.before = Some(f.before.map_or(d, |b| b.min(d)));
    for part in parts {
        match part.clone() {
            Part::Word {
                text,
                prefix,
                negated,
            } => terms.push(Term::Word {
                text,
                prefix,
                negated,
            }),
            Part::Phrase { text, negated } => terms.push(Term::Phrase { text, negated }),
            Part::Tag { name, negated, .. } => {
                let list = if negated {
                    &mut f.excluded_tags
                } else {
                    &mut f.tags
                };
                if !list.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
                    list.push(name);
                }
            }
            Part::Journal(name) => {
                if !f.journals.contains(&name) {
                    f.journals.push(name);
                }
            }
            Part::After(d) => after(&mut f, d),
            Part::Before(d) => before(&mut f, d),
            Part::On(d) => {
                after(&mut f, d.pred_opt().unwrap());
                before(&mut f, d.succ_opt().unwrap());
            }
            Part::OnMonth(d) => {
                after(&mut f, first_of_month(d).pred_opt().unwrap());
                before(&mut f, next_month(d));
            }
            Part::AfterMonth(d) => after(&mut f, first_of_month(d).pred_opt().unwrap()),
            Part::BeforeMonth(d) => before(&mut f, first_of_month(d)),
            Part::Starred(s) => f.starred = Some(s),
        }
    }
    Query { terms, filters: f }
}

#[test]
fn the_store_queries_find_what_a_writer_expects() {
    let conn = fresh_db();
    assert_eq!(search(&conn, "morning"), vec![1]);
    assert_eq!(search(&conn, "\"morning light\""), vec![1]);
    assert_eq!(search(&conn, "\"light morning\""), Vec::<i64>::new());
    assert_eq!(search(&conn, "rain"), vec![1, 2]);
    assert_eq!(search(&conn, "rain -storm"), vec![1]);
    assert_eq!(
        search(&conn, "rain -\"heavy rain\" -walk"),
        Vec::<i64>::new()
    );
    assert_eq!(search(&conn, "walk*"), vec![1, 5]);
    assert_eq!(search(&conn, "walk"), vec![1, 5]);
    assert_eq!(search(&conn, "walked"), vec![5]);
    // FTS5 words typed by a writer are just words.
    assert_eq!(search(&conn, "AND"), vec![2, 3]);
    assert_eq!(search(&conn, "NOT"), vec![3]);
    assert_eq!(search(&conn, "near"), vec![3]);
    assert_eq!(search(&conn, "title:"), vec![3]);
    assert_eq!(search(&conn, "(parens)"), vec![3]);
    assert_eq!(search(&conn, "\"quotes\""), vec![3]);
    assert_eq!(search(&conn, "OR rain"), Vec::<i64>::new());
    // can't is the phrase "can t"; diacritics fold both ways.
    assert_eq!(search(&conn, "can't"), vec![2]);
    assert_eq!(search(&conn, "cafe"), vec![2]);
    assert_eq!(search(&conn, "CAFÉ"), vec![2]);
    assert_eq!(search(&conn, "naive"), vec![4]);
    assert_eq!(search(&conn, "ärger"), vec![4]);
    assert_eq!(search(&conn, "日記"), vec![4]);
    assert_eq!(search(&conn, "١٢٣"), vec![4]);
    // Exclusion only.
    let query = query::parse("-rain -日記", today()).unwrap();
    let excluded = rowids(&conn, &query.fts_exclude_only().unwrap());
    assert_eq!(excluded, vec![1, 2, 4]);
}

/// The separators unicode61 has beyond what the parser can see: every character is written
/// as `{c}a` in a document, which tokenizes to `a` alone exactly when `c` starts no token.
fn unicode61_separators(chars: &[char]) -> Vec<bool> {
    const CHUNK: usize = 4096;
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE d USING fts5(body, tokenize='unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE d_terms USING fts5vocab(d, instance);",
    )
    .unwrap();
    for (i, chunk) in chars.chunks(CHUNK).enumerate() {
        let body: Vec<String> = chunk.iter().map(|c| format!("{c}a")).collect();
        conn.execute(
            "INSERT INTO d (rowid, body) VALUES (?1, ?2)",
            (i as i64, body.join(" ")),
        )
        .unwrap();
    }
    let mut separator = vec![None; chars.len()];
    let mut stmt = conn
        .prepare("SELECT doc, offset, term FROM d_terms")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (doc, offset, term) = row.unwrap();
        let index = usize::try_from(doc).unwrap() * CHUNK + usize::try_from(offset).unwrap();
        separator[index] = Some(term == "a");
    }
    separator
        .into_iter()
        .map(|s| s.expect("one token per character"))
        .collect()
}

#[test]
fn every_character_is_kept_or_dropped_as_unicode61_tokenizes_it() {
    // NUL can't be stored inside a document's text; the parser drops it like FTS5 would.
    let chars: Vec<char> = ('\u{1}'..=char::MAX).collect();
    let separators = unicode61_separators(&chars);
    let mut wrong = Vec::new();
    for (c, separator) in chars.iter().zip(separators) {
        let query = query::parse(&c.to_string(), today()).unwrap();
        if query.terms.is_empty() != separator {
            wrong.push(format!("U+{:04X}", u32::from(*c)));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} characters kept or dropped unlike unicode61 (SQLite upgraded? regenerate \
         UNICODE61_SEPARATORS in search/query.rs): {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(40)]
    );
    assert!(query::parse("\0", today()).unwrap().terms.is_empty());
}

/// Prints `UNICODE61_SEPARATORS` for `search/query.rs` from the linked SQLite:
/// `cargo test -p jcc-store --test query_props print_unicode61 -- --ignored --nocapture`.
#[test]
#[ignore = "generator, run by hand after a SQLite upgrade"]
fn print_unicode61_separators() {
    let chars: Vec<char> = ('\u{80}'..=char::MAX).collect();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for (c, separator) in chars.iter().zip(unicode61_separators(&chars)) {
        let c = u32::from(*c);
        match ranges.last_mut() {
            // Surrogates are not chars, so a run may step over them.
            Some(last) if separator && (last.1 + 1 == c || (last.1 == 0xD7FF && c == 0xE000)) => {
                last.1 = c;
            }
            _ if separator => ranges.push((c, c)),
            _ => {}
        }
    }
    for line in ranges.chunks(4) {
        let line: Vec<String> = line
            .iter()
            .map(|(a, b)| format!("(0x{a:04X}, 0x{b:04X}),"))
            .collect();
        println!("    {}", line.join(" "));
    }
}

/// True when `expr` (one term) is an empty phrase to FTS5: alone it finds nothing, and next
/// to another phrase it is ignored.
fn is_empty_phrase(conn: &Connection, expr: &str) -> bool {
    let alone = rowids(conn, expr);
    let beside = rowids(conn, &format!("\"sentinelword\" {expr}"));
    alone.is_empty() && beside == vec![1]
}

fn sentinel_db() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, prompt, \
         tokenize='unicode61 remove_diacritics 2');
         INSERT INTO t (rowid, title, body, prompt) VALUES (1, 'sentinelword', '', '');",
    )
    .unwrap();
    conn
}

thread_local! {
    static SENTINEL: Connection = sentinel_db();
}

/// Every term the parser keeps reaches FTS5 with at least one token.
fn assert_no_empty_phrase(query: &Query) -> Result<(), TestCaseError> {
    for term in &query.terms {
        let positive = match term.clone() {
            Term::Word { text, prefix, .. } => Term::Word {
                text,
                prefix,
                negated: false,
            },
            Term::Phrase { text, .. } => Term::Phrase {
                text,
                negated: false,
            },
        };
        let single = Query {
            terms: vec![positive],
            filters: Filters::default(),
        };
        let expr = single.fts_match();
        prop_assert!(expr.is_some(), "{term:?} kept but not emitted");
        let expr = expr.unwrap();
        let empty = SENTINEL.with(|conn| is_empty_phrase(conn, &expr));
        prop_assert!(!empty, "{term:?} reaches FTS5 as an empty phrase {expr:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_kept_term_is_an_empty_phrase(input in any::<String>()) {
        if let Ok(query) = query::parse(&input, today()) {
            assert_no_empty_phrase(&query)?;
        }
    }

    #[test]
    fn no_kept_term_is_an_empty_phrase_on_tricky_text(input in tricky_text()) {
        if let Ok(query) = query::parse(&input, today()) {
            assert_no_empty_phrase(&query)?;
        }
    }
}

#[test]
fn very_long_queries_stay_valid() {
    let conn = fresh_db();
    let many: Vec<String> = (0..2000).map(|i| format!("w{i}")).collect();
    let negated: Vec<String> = many.iter().map(|w| format!("-{w}")).collect();
    for input in [
        many.join(" "),
        negated.join(" "),
        format!("walk {}", negated.join(" ")),
        format!("{} {}", many.join(" "), negated.join(" ")),
        "\"".repeat(5000),
        "(".repeat(5000),
        "walk* ".repeat(2000),
        "x".repeat(100_000),
        format!("\"{}\"", "word ".repeat(20_000)),
    ] {
        let query = query::parse(&input, today()).unwrap();
        for expr in [query.fts_match(), query.fts_exclude_only()]
            .into_iter()
            .flatten()
        {
            run(&conn, &expr).unwrap_or_else(|e| panic!("{e} for {}", &expr[..60]));
        }
    }
    assert_eq!(
        search(&conn, &format!("walk {}", negated.join(" "))),
        vec![1, 5]
    );
}
