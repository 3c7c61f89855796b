//! Writing statistics.

use crate::error::AppResult;
use crate::App;
use jcc_store::stats::Stats;

impl App {
    /// Totals, streaks and words per day over the last `days` days.
    pub fn stats(&self, journal: Option<&str>, days: u32) -> AppResult<Stats> {
        let store = self.store();
        let journal = match journal {
            Some(key) => Some(store.find_journal(key)?.id),
            None => None,
        };
        Ok(store.stats(journal, App::today(), days.clamp(1, 3660))?)
    }
}
