//! How many of a crew run's model steps were schema-valid on the first try, read from the
//! library file; shared by the CLI's crew tests and the window's (each includes it as
//! `mod first_try`).

// Each test binary reads what it needs.
#![allow(dead_code)]

/// (first attempts that were schema-valid, first attempts) over every model step,
/// the editor passes the content checks skip afterwards (for their words, not their
/// shape) included.
pub fn counts(db: &rusqlite::Connection) -> (i64, i64) {
    let count = |extra: &str| -> i64 {
        db.query_row(
            &format!(
                "SELECT count(*) FROM crew_steps, json_each(crew_steps.attempt_log) a
                 WHERE task NOT IN ('media', 'layout') AND json_extract(a.value, '$.attempt') = 1 {extra}"
            ),
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    (
        count("AND json_extract(a.value, '$.schema_valid') = 1"),
        count(""),
    )
}

/// Each model step whose first attempt was not schema-valid, with what that attempt
/// logged (the rejection, the finish reason, the tokens): the message of a failed check.
pub fn failures(db: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = db
        .prepare(
            "SELECT crew_steps.step_key, a.value FROM crew_steps, json_each(crew_steps.attempt_log) a
             WHERE task NOT IN ('media', 'layout') AND json_extract(a.value, '$.attempt') = 1
               AND json_extract(a.value, '$.schema_valid') = 0",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok(format!(
            "{}: {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}
