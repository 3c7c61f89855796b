//! Full-text search over entries: the query language ([`query`]) compiled to FTS5 plus
//! SQL filters, ranked by bm25, with highlighted snippets.

pub mod query;

use crate::dates::stored_day;
use crate::error::Result;
use crate::model::{EntryId, EntryKind, JournalId};
use crate::Store;
use chrono::NaiveDate;
use query::Query;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

/// A piece of a snippet; `hit` pieces matched the query.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetSpan {
    pub text: String,
    pub hit: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub entry_id: EntryId,
    pub journal_id: JournalId,
    pub journal_title: String,
    pub kind: EntryKind,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub starred: bool,
    pub tags: Vec<String>,
    pub snippet: Vec<SnippetSpan>,
    /// bm25 score; lower is better. 0 when the query had no words.
    pub rank: f64,
}

impl SearchHit {
    /// The snippet as plain text with hits wrapped in `open`/`close`.
    pub fn snippet_marked(&self, open: &str, close: &str) -> String {
        self.snippet
            .iter()
            .map(|s| {
                if s.hit {
                    format!("{open}{}{close}", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }
}

const HIT_OPEN: char = '\u{2}';
const HIT_CLOSE: char = '\u{3}';
/// The day an entry belongs to: its diary date, else the day it was written (UTC). A
/// generated column (schema 4), `coalesce(entry_date, date(created_at / 1000,
/// 'unixepoch'))`, indexed by `entries_by_day`.
const ENTRY_DAY: &str = "e.day_key";

/// What a hit shows, read in the same query that ranks it.
const HIT_COLUMNS: &str = "e.id, e.journal_id, j.title, e.kind, e.title, e.entry_date, e.starred,
        (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM entry_tags et
            JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id ORDER BY t.name COLLATE NOCASE))";

impl Store {
    /// Runs a parsed query; the best `limit` hits after `offset` (`limit` 0: all of them).
    ///
    /// One statement finds, ranks and describes the hits, snippets included. With words,
    /// the full-text index drives it (`CROSS JOIN` keeps it the outer loop): FTS5 ranks
    /// the matches by bm25 itself (`ORDER BY f.rank` is consumed, no sorter), the filters
    /// run on each match in rank order, and the `LIMIT` stops the scan, so the hit
    /// columns and the snippets are only computed for the hits returned. Without words,
    /// the `entries_by_day` index gives the newest-first order and the date range.
    pub fn search(&self, q: &Query, limit: i64, offset: i64) -> Result<Vec<SearchHit>> {
        let (sql, args) = search_sql(q, limit, offset);
        let fts = q.fts_match();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let words = fts.is_some();
        let hits = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let kind: String = r.get(3)?;
                let date: Option<String> = r.get(5)?;
                let tags: Option<String> = r.get(7)?;
                let first: String = r.get(9)?;
                let snippet = if words {
                    // Prefer a passage of the body; fall back to whichever column matched.
                    let best: String = r.get(10)?;
                    let marked = if first.contains(HIT_OPEN) || best.is_empty() {
                        first
                    } else {
                        best
                    };
                    split_snippet(&marked)
                } else {
                    vec![SnippetSpan {
                        text: lead(&first, 160),
                        hit: false,
                    }]
                };
                Ok(SearchHit {
                    entry_id: r.get(0)?,
                    journal_id: r.get(1)?,
                    journal_title: r.get(2)?,
                    kind: kind.parse().unwrap_or(EntryKind::Free),
                    title: r.get(4)?,
                    date: date.as_deref().and_then(stored_day),
                    starred: r.get(6)?,
                    tags: tags
                        .map(|t| t.split('\u{1f}').map(str::to_string).collect())
                        .unwrap_or_default(),
                    snippet,
                    rank: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.map_err(e))?;
        Ok(hits)
    }

    /// How many entries `q` matches in all, for "showing 1-20 of 5,168": the same
    /// filters as [`Store::search`] without ranking, snippets or a limit.
    pub fn search_total(&self, q: &Query) -> Result<u64> {
        let (sql, args) = count_sql(q);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let n: i64 = stmt
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))
            .map_err(|e| self.map_err(e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

/// The count behind [`Store::search_total`]: the search's `FROM` and filters only.
fn count_sql(q: &Query) -> (String, Vec<Value>) {
    let mut args: Vec<Value> = Vec::new();
    let mut sql = match q.fts_match() {
        Some(expr) => {
            args.push(Value::Text(expr));
            "SELECT count(*) FROM entries_fts f CROSS JOIN entries e ON e.id = f.rowid
             CROSS JOIN journals j ON j.id = e.journal_id WHERE entries_fts MATCH ?"
                .to_owned()
        }
        None => "SELECT count(*) FROM entries e JOIN journals j ON j.id = e.journal_id WHERE 1"
            .to_owned(),
    };
    sql.push_str(" AND e.trashed_at IS NULL AND j.trashed_at IS NULL");
    push_filters(q, &mut sql, &mut args);
    (sql, args)
}

/// The one statement behind [`Store::search`], and its arguments.
fn search_sql(q: &Query, limit: i64, offset: i64) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args: Vec<Value> = Vec::new();
    let fts = q.fts_match();
    if let Some(expr) = &fts {
        sql.push_str(&format!(
            "SELECT {HIT_COLUMNS}, f.rank,
                snippet(entries_fts, 1, char(2), char(3), '…', 24),
                snippet(entries_fts, -1, char(2), char(3), '…', 24)
             FROM entries_fts f CROSS JOIN entries e ON e.id = f.rowid
             CROSS JOIN journals j ON j.id = e.journal_id
             WHERE entries_fts MATCH ?"
        ));
        args.push(Value::Text(expr.clone()));
    } else {
        sql.push_str(&format!(
            "SELECT {HIT_COLUMNS}, 0.0, e.body, NULL
             FROM entries e JOIN journals j ON j.id = e.journal_id WHERE 1"
        ));
    }
    sql.push_str(" AND e.trashed_at IS NULL AND j.trashed_at IS NULL");
    push_filters(q, &mut sql, &mut args);
    if fts.is_some() {
        sql.push_str(" ORDER BY f.rank");
    } else {
        sql.push_str(&format!(" ORDER BY {ENTRY_DAY} DESC, e.id DESC"));
    }
    sql.push_str(" LIMIT ? OFFSET ?");
    // SQLite reads a negative LIMIT as "no limit".
    args.push(Value::Integer(if limit > 0 { limit } else { -1 }));
    args.push(Value::Integer(offset.max(0)));
    (sql, args)
}

fn push_filters(q: &Query, sql: &mut String, args: &mut Vec<Value>) {
    let f = &q.filters;
    let tag_exists = "EXISTS (SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id \
                      WHERE et.entry_id = e.id AND t.name = ?)";
    for tag in &f.tags {
        sql.push_str(&format!(" AND {tag_exists}"));
        args.push(Value::Text(tag.clone()));
    }
    for tag in &f.excluded_tags {
        sql.push_str(&format!(" AND NOT {tag_exists}"));
        args.push(Value::Text(tag.clone()));
    }
    let journal_is = "(j.title = ? COLLATE NOCASE OR j.uuid = ? OR CAST(j.id AS TEXT) = ?)";
    if !f.journals.is_empty() {
        let any = vec![journal_is; f.journals.len()].join(" OR ");
        sql.push_str(&format!(" AND ({any})"));
        for j in &f.journals {
            args.extend(std::iter::repeat_n(Value::Text(j.clone()), 3));
        }
    }
    for j in &f.excluded_journals {
        sql.push_str(&format!(" AND NOT {journal_is}"));
        args.extend(std::iter::repeat_n(Value::Text(j.clone()), 3));
    }
    if let Some(after) = f.after {
        sql.push_str(&format!(" AND {ENTRY_DAY} > ?"));
        args.push(Value::Text(after.format("%Y-%m-%d").to_string()));
    }
    if let Some(before) = f.before {
        sql.push_str(&format!(" AND {ENTRY_DAY} < ?"));
        args.push(Value::Text(before.format("%Y-%m-%d").to_string()));
    }
    if let Some(starred) = f.starred {
        sql.push_str(" AND e.starred = ?");
        args.push(Value::Integer(starred.into()));
    }
    if let Some(exclude) = q.fts_exclude_only() {
        sql.push_str(" AND e.id NOT IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)");
        args.push(Value::Text(exclude));
    }
}

fn split_snippet(marked: &str) -> Vec<SnippetSpan> {
    let mut spans = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    for c in marked.chars() {
        if c == HIT_OPEN || c == HIT_CLOSE {
            if !text.is_empty() {
                spans.push(SnippetSpan {
                    text: std::mem::take(&mut text),
                    hit,
                });
            }
            hit = c == HIT_OPEN;
        } else {
            text.push(if c == '\n' { ' ' } else { c });
        }
    }
    if !text.is_empty() {
        spans.push(SnippetSpan { text, hit });
    }
    spans
}

/// The first `max` characters of a body on one line, cut at a word.
fn lead(body: &str, max: usize) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The top-level steps of a search's query plan (not those inside the subqueries
    /// that read each hit's tags), one line per step.
    fn plan(input: &str) -> String {
        let store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
        let q = query::parse(input, today).unwrap();
        let (sql, args) = search_sql(&q, 20, 0);
        let mut stmt = store
            .connection()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get::<_, i64>(1)?, r.get::<_, String>(3)?))
            })
            .unwrap();
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .unwrap()
            .into_iter()
            .filter(|(parent, _)| *parent == 0)
            .map(|(_, step)| step)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn words_are_ranked_by_the_index_itself_with_no_sort() {
        for input in [
            "walk",
            "\"morning light\"",
            "walk tag:garden after:2026-01-01",
        ] {
            let plan = plan(input);
            assert!(
                plan.lines()
                    .next()
                    .unwrap_or("")
                    .starts_with("SCAN f VIRTUAL TABLE"),
                "{input}: the full-text index must drive the search:\n{plan}"
            );
            assert!(
                !plan.contains("TEMP B-TREE"),
                "{input}: bm25 order must come from FTS5, not a sorter:\n{plan}"
            );
        }
    }

    #[test]
    fn tag_and_date_filters_read_the_day_index_in_order() {
        for input in [
            "tag:garden after:2019-12-31 before:2021-01-01",
            "after:2019-12-31",
            "tag:garden",
        ] {
            let plan = plan(input);
            assert!(
                plan.contains("entries_by_day"),
                "{input}: the day index must be used:\n{plan}"
            );
            assert!(
                !plan.contains("TEMP B-TREE"),
                "{input}: newest-first must come from the index, not a sorter:\n{plan}"
            );
        }
    }
}
