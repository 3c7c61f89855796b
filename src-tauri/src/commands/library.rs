//! Across the library: tags, search, writing stats, templates and prompts.

use crate::Desktop;
use jcc_app::store::stats::Stats;
use jcc_app::store::{Entry, TagCount, Template, WritingPrompt};
use jcc_app::{AppResult, SearchInput, SearchPage};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn tag_list(desktop: State<'_, Desktop>) -> AppResult<Vec<TagCount>> {
    desktop.run(|app| app.tag_list()).await
}

/// Renames (or merges) a tag everywhere; returns how many entries changed.
#[tauri::command]
#[specta::specta]
pub async fn tag_rename(desktop: State<'_, Desktop>, from: String, to: String) -> AppResult<u32> {
    desktop
        .run(move |app| app.tag_rename(&from, &to).map(saturate))
        .await
}

/// Full-text search with the query syntax (`words`, `"a phrase"`, `tag:`, `journal:`,
/// dates, `-exclude`); snippets mark the hits. One page, with the total so the window
/// can say "50 of 1,234" and load the next page.
#[tauri::command]
#[specta::specta]
pub async fn search(desktop: State<'_, Desktop>, input: SearchInput) -> AppResult<SearchPage> {
    desktop.run(move |app| app.search(input)).await
}

/// Words per day for the last `days` days, and streaks.
#[tauri::command]
#[specta::specta]
pub async fn stats(
    desktop: State<'_, Desktop>,
    journal: Option<String>,
    days: u32,
) -> AppResult<Stats> {
    desktop
        .run(move |app| app.stats(journal.as_deref(), days))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn template_list(desktop: State<'_, Desktop>) -> AppResult<Vec<Template>> {
    desktop.run(|app| app.template_list()).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_add(
    desktop: State<'_, Desktop>,
    name: String,
    category: String,
    body: String,
) -> AppResult<Template> {
    desktop
        .run(move |app| app.template_add(&name, &category, &body))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn template_remove(desktop: State<'_, Desktop>, name: String) -> AppResult<()> {
    desktop.run(move |app| app.template_remove(&name)).await
}

/// A new entry from a template, filled for `date` (today by default).
#[tauri::command]
#[specta::specta]
pub async fn template_use(
    desktop: State<'_, Desktop>,
    name: String,
    journal: Option<String>,
    date: Option<chrono::NaiveDate>,
) -> AppResult<Entry> {
    desktop
        .run(move |app| app.template_use(&name, journal.as_deref(), date))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn prompt_list(
    desktop: State<'_, Desktop>,
    category: Option<String>,
) -> AppResult<Vec<WritingPrompt>> {
    desktop
        .run(move |app| app.prompt_list(category.as_deref()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn prompt_today(desktop: State<'_, Desktop>) -> AppResult<Option<WritingPrompt>> {
    desktop.run(|app| app.prompt_today()).await
}

pub(crate) fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
