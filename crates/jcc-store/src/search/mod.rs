//! Full-text search over entries: the query language ([`query`]) compiled to FTS5 plus
//! SQL filters, ranked by bm25, with highlighted snippets.

pub mod query;

use crate::error::Result;
use crate::model::{EntryId, EntryKind, JournalId};
use crate::Store;
use chrono::NaiveDate;
use query::Query;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

/// A piece of a snippet; `hit` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetSpan {
    pub text: String,
    pub hit: bool,
}

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
/// The day an entry belongs to: its diary date, else the day it was written (UTC).
const ENTRY_DAY: &str = "coalesce(e.entry_date, date(e.created_at / 1000, 'unixepoch'))";

impl Store {
    /// Runs a parsed query; the best `limit` hits after `offset`.
    pub fn search(&self, q: &Query, limit: i64, offset: i64) -> Result<Vec<SearchHit>> {
        let mut sql = String::new();
        let mut args: Vec<Value> = Vec::new();
        let fts = q.fts_match();
        if let Some(expr) = &fts {
            sql.push_str(
                "SELECT e.id, f.rank FROM entries_fts f JOIN entries e ON e.id = f.rowid ",
            );
            sql.push_str("JOIN journals j ON j.id = e.journal_id WHERE entries_fts MATCH ?");
            args.push(Value::Text(expr.clone()));
        } else {
            sql.push_str(
                "SELECT e.id, 0.0 FROM entries e JOIN journals j ON j.id = e.journal_id WHERE 1",
            );
        }
        sql.push_str(" AND e.trashed_at IS NULL AND j.trashed_at IS NULL");
        push_filters(q, &mut sql, &mut args);
        if fts.is_some() {
            sql.push_str(" ORDER BY f.rank");
        } else {
            sql.push_str(&format!(" ORDER BY {ENTRY_DAY} DESC, e.id DESC"));
        }
        sql.push_str(" LIMIT ? OFFSET ?");
        args.push(Value::Integer(limit.max(0)));
        args.push(Value::Integer(offset.max(0)));

        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ranked: Vec<(EntryId, f64)> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.map_err(e))?;
        ranked
            .into_iter()
            .map(|(id, rank)| self.hit(id, rank, fts.as_deref()))
            .collect()
    }

    fn hit(&self, id: EntryId, rank: f64, fts: Option<&str>) -> Result<SearchHit> {
        let entry = self.entry(id)?;
        let journal_title: String = self
            .conn
            .prepare_cached("SELECT title FROM journals WHERE id = ?1")?
            .query_row([entry.journal_id], |r| r.get(0))?;
        let snippet = match fts {
            Some(expr) => {
                // Prefer a passage of the body; fall back to whichever column matched.
                let (body, best): (String, String) = self
                    .conn
                    .prepare_cached(
                        "SELECT snippet(entries_fts, 1, char(2), char(3), '…', 24),
                                snippet(entries_fts, -1, char(2), char(3), '…', 24)
                         FROM entries_fts WHERE entries_fts MATCH ?1 AND rowid = ?2",
                    )?
                    .query_row(rusqlite::params![expr, id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let marked = if body.contains(HIT_OPEN) || best.is_empty() {
                    body
                } else {
                    best
                };
                split_snippet(&marked)
            }
            None => vec![SnippetSpan {
                text: lead(&entry.body, 160),
                hit: false,
            }],
        };
        Ok(SearchHit {
            entry_id: id,
            journal_id: entry.journal_id,
            journal_title,
            kind: entry.kind,
            title: entry.title,
            date: entry.date,
            starred: entry.starred,
            tags: entry.tags,
            snippet,
            rank,
        })
    }
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
