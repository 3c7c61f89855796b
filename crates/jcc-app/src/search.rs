//! Search command: one page of ranked hits and how many there are in all, so no caller
//! ever shows a cut list without knowing it.

use crate::error::{AppError, AppResult};
use crate::App;
use jcc_store::search::{query, SearchHit};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchInput {
    pub query: String,
    /// Hits per page; 0 returns every hit.
    #[serde(default = "default_limit")]
    pub limit: i64,
    /// Hits to skip (the page's start).
    #[serde(default)]
    pub offset: i64,
}

fn default_limit() -> i64 {
    20
}

/// One page of a search.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    /// Every entry the query matches, not just this page.
    pub total: u64,
    /// Where this page starts.
    pub offset: u64,
    /// The hits of this page, best first.
    pub hits: Vec<SearchHit>,
}

impl App {
    pub fn search(&self, input: SearchInput) -> AppResult<SearchPage> {
        if input.limit < 0 || input.offset < 0 {
            return Err(AppError::invalid(format!(
                "--limit and --offset must be 0 or more (got {} and {}); --limit 0 shows every hit",
                input.limit, input.offset
            )));
        }
        let q = query::parse(&input.query, App::today())
            .map_err(|e| AppError::invalid(e.to_string()))?;
        let store = self.store();
        let hits = store.search(&q, input.limit, input.offset)?;
        // A first page that is not full is the whole result: no second query needed.
        let complete = input.offset == 0 && (input.limit == 0 || (hits.len() as i64) < input.limit);
        let total = if complete {
            hits.len() as u64
        } else {
            store.search_total(&q)?
        };
        Ok(SearchPage {
            total,
            offset: input.offset as u64,
            hits,
        })
    }
}
