//! The calendar and "On this day". The window passes its own local date, so the day is
//! the one the writer sees on their clock.

use crate::Desktop;
use chrono::NaiveDate;
use jcc_app::store::DayCount;
use jcc_app::{AppResult, EntrySummary};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn calendar_month(
    desktop: State<'_, Desktop>,
    journal: Option<String>,
    year: i32,
    month: u32,
) -> AppResult<Vec<DayCount>> {
    desktop
        .run(move |app| app.calendar_month(journal.as_deref(), year, month))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn entries_on_day(
    desktop: State<'_, Desktop>,
    journal: Option<String>,
    date: NaiveDate,
) -> AppResult<Vec<EntrySummary>> {
    desktop
        .run(move |app| summaries(app.entries_on_day(journal.as_deref(), date)))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn on_this_day(
    desktop: State<'_, Desktop>,
    journal: Option<String>,
    date: NaiveDate,
) -> AppResult<Vec<EntrySummary>> {
    desktop
        .run(move |app| summaries(app.on_this_day(journal.as_deref(), Some(date))))
        .await
}

fn summaries(entries: AppResult<Vec<jcc_app::store::Entry>>) -> AppResult<Vec<EntrySummary>> {
    Ok(entries?.into_iter().map(EntrySummary::from).collect())
}
