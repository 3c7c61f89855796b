//! Search command.

use crate::error::{AppError, AppResult};
use crate::App;
use jcc_store::search::{query, SearchHit};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchInput {
    pub query: String,
    #[serde(default = "default_limit")]
    pub limit: i64,
    #[serde(default)]
    pub offset: i64,
}

fn default_limit() -> i64 {
    20
}

impl App {
    pub fn search(&self, input: SearchInput) -> AppResult<Vec<SearchHit>> {
        let q = query::parse(&input.query, App::today())
            .map_err(|e| AppError::invalid(e.to_string()))?;
        Ok(self
            .store()
            .search(&q, input.limit.clamp(1, 1000), input.offset)?)
    }
}
