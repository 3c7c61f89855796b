//! The server's SQL stays portable to YugabyteDB and CockroachDB (which cannot be installed
//! here): its migrations and every SQL string in its source are searched for the features
//! they lack or that make hot ranges.

use std::path::Path;

/// (word or phrase, why it is not allowed). Matched on whole words, case-insensitively.
const FORBIDDEN: &[(&str, &str)] = &[
    ("PG_ADVISORY", "advisory locks (CockroachDB has none)"),
    ("LISTEN", "LISTEN/NOTIFY"),
    ("NOTIFY", "LISTEN/NOTIFY"),
    ("PG_NOTIFY", "LISTEN/NOTIFY"),
    ("SERIAL", "SERIAL makes a monotonically increasing key"),
    ("BIGSERIAL", "SERIAL makes a monotonically increasing key"),
    ("SMALLSERIAL", "SERIAL makes a monotonically increasing key"),
    ("SEQUENCE", "sequences"),
    ("NEXTVAL", "sequences"),
    ("IDENTITY", "identity columns are sequences"),
    ("TRIGGER", "triggers"),
    ("FUNCTION", "stored functions"),
    ("PROCEDURE", "stored procedures"),
    ("LOCK", "LOCK TABLE"),
    ("DEFERRABLE", "deferrable constraints"),
    ("DEFERRED", "deferrable constraints"),
    (
        "INT",
        "bare INT (its width differs: INT8 on CockroachDB); say INT4 or INT8",
    ),
    ("INTEGER", "bare INTEGER; say INT4 or INT8"),
];

/// Words of `sql`, upper-cased, `--` comments dropped.
fn words(sql: &str) -> Vec<String> {
    sql.lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .flat_map(|l| l.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

fn violations(sql: &str) -> Vec<String> {
    words(sql)
        .iter()
        .filter_map(|w| {
            FORBIDDEN
                .iter()
                .find(|(bad, _)| w == bad || (bad.starts_with("PG_ADVISORY") && w.starts_with(bad)))
                .map(|(bad, why)| format!("{bad}: {why}"))
        })
        .collect()
}

/// String literals of Rust source that look like SQL (start with a statement keyword).
fn sql_literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else { break };
        let literal = &after[..end];
        let first = literal.split_whitespace().next().unwrap_or("");
        if [
            "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "WITH", "UPSERT",
        ]
        .contains(&first)
        {
            out.push(literal.to_string());
        }
        rest = &after[end + 1..];
    }
    out
}

fn rust_files(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

#[test]
fn the_checker_catches_each_forbidden_feature() {
    for bad in [
        "SELECT pg_advisory_xact_lock(1)",
        "LISTEN revisions",
        "CREATE TABLE t (id BIGSERIAL PRIMARY KEY)",
        "CREATE SEQUENCE s",
        "CREATE TRIGGER t AFTER INSERT ON r",
        "CREATE OR REPLACE FUNCTION f() RETURNS INT8",
        "LOCK TABLE users",
        "ALTER TABLE t ADD CONSTRAINT c UNIQUE (a) DEFERRABLE INITIALLY DEFERRED",
        "CREATE TABLE t (n int)",
        "CREATE TABLE t (id INT8 GENERATED ALWAYS AS IDENTITY)",
    ] {
        assert!(!violations(bad).is_empty(), "not caught: {bad}");
    }
    assert!(violations("SELECT head_seq FROM users WHERE user_id = $1 -- no LOCK here").is_empty());
    let found = sql_literals(r#"let q = "SELECT nextval('s')"; let m = "listen to me";"#);
    assert_eq!(found, vec!["SELECT nextval('s')".to_string()]);
}

#[test]
fn migrations_and_queries_use_only_portable_sql() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(root.join("migrations")).unwrap() {
        let path = entry.unwrap().path();
        let sql = std::fs::read_to_string(&path).unwrap();
        checked += 1;
        problems.extend(
            violations(&sql)
                .into_iter()
                .map(|v| format!("{}: {v}", path.display())),
        );
    }
    let mut sources = Vec::new();
    rust_files(&root.join("src"), &mut sources);
    for path in sources {
        for literal in sql_literals(&std::fs::read_to_string(&path).unwrap()) {
            checked += 1;
            problems.extend(
                violations(&literal)
                    .into_iter()
                    .map(|v| format!("{}: {v} in {literal:?}", path.display())),
            );
        }
    }
    assert!(
        checked > 15,
        "found only {checked} SQL texts: is the extractor still working?"
    );
    assert!(
        problems.is_empty(),
        "non-portable SQL:\n{}",
        problems.join("\n")
    );
}
