//! The writer's daily habit in the real window: the welcome on a fresh library, the
//! calendar opening a day written from the CLI, On this day in the sidebar, and the
//! entry toolbar driven from the keyboard alone.

use jcc_e2e::steps::{type_and_save, EDITOR, WAIT};
use jcc_e2e::{artifacts_dir, keys, AppUnderTest, Prerequisites, Session};
use serde_json::json;

/// The element that has the keyboard focus: its accessible name (aria-label, else text).
async fn focused_name(w: &Session) -> String {
    w.execute(
        "const e = document.activeElement;
         return e ? (e.getAttribute('aria-label') || e.textContent || '').trim() : '';",
        json!([]),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until the open entry's title is `title`.
async fn wait_title(w: &Session, title: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let value = w
            .execute(
                "const e = document.querySelector('[data-testid=entry-title]'); return e ? e.value : null;",
                json!([]),
            )
            .await;
        if value == json!(title) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the open entry is {value}, not {title:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Lets the page paint what it has rendered (two animation frames) before a screenshot.
async fn settle(w: &Session) {
    w.execute_async(
        "const done = arguments[arguments.length - 1];
         requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
        json!([]),
    )
    .await;
}

/// Presses keys on whatever has the focus (WebDriver's Actions, so the page sees real keydowns).
async fn keys_to_focus(w: &Session, text: &str) {
    let focused = w.find(":focus").await;
    focused.send_keys(text).await;
}

#[tokio::test]
async fn welcome_calendar_on_this_day_and_a_keyboard_toolbar() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    let w = app.launch().await;

    // A fresh library: the welcome, and one click to a diary with today's entry open.
    w.wait_for("[data-testid=welcome]", WAIT).await;
    settle(&w).await;
    w.screenshot(&artifacts_dir().join("welcome.png")).await;
    w.find("[data-testid=welcome-write]").await.click().await;
    w.wait_text("[data-testid=sidebar]", WAIT, |t| t.contains("My Journal"))
        .await;
    type_and_save(&w, "First words in my new diary.").await;
    assert!(w.try_find("[data-testid=welcome]").await.is_none());
    w.close().await;

    // Earlier years, written from the CLI into the same diary.
    let today = chrono::Local::now().date_naive();
    use chrono::Datelike;
    let last_year = today
        .with_year(today.year() - 1)
        .unwrap_or_else(|| today - chrono::Days::new(365));
    // A day of this month other than today (whose entry the welcome made).
    let day = today
        .with_day(if today.day() == 1 { 2 } else { 1 })
        .unwrap();
    for (date, title) in [
        (last_year.to_string(), "A year ago today"),
        (day.to_string(), "Earlier this month"),
    ] {
        app.jcc_ok(&[
            "entry",
            "add",
            "--journal",
            "My Journal",
            "--date",
            &date,
            "--title",
            title,
            "--body",
            "Written from the terminal.",
        ]);
    }

    let w = app.launch().await;
    // The welcome never comes back once there is a journal.
    w.wait_text("[data-testid=sidebar]", WAIT, |t| t.contains("My Journal"))
        .await;
    assert!(w.try_find("[data-testid=welcome]").await.is_none());

    // On this day: last year's entry, opened with a click.
    let item = w.wait_for("[data-testid=on-this-day-item]", WAIT).await;
    settle(&w).await;
    w.screenshot(&artifacts_dir().join("on-this-day-sidebar.png"))
        .await;
    let shown = item
        .property("textContent")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        shown.contains("A year ago today") && shown.contains("1 year ago"),
        "{shown:?}"
    );
    item.click().await;
    wait_title(&w, "A year ago today").await;
    settle(&w).await;
    w.screenshot(&artifacts_dir().join("on-this-day.png")).await;

    // The calendar: that day is marked; a click opens its entry.
    w.find("[data-testid=calendar-item]").await.click().await;
    let first = w
        .wait_for(
            &format!("[data-testid=calendar-day][data-date='{day}'][data-entries='1']"),
            WAIT,
        )
        .await;
    settle(&w).await;
    w.screenshot(&artifacts_dir().join("calendar.png")).await;
    first.click().await;
    w.wait_for("[data-testid=calendar-entry]", WAIT).await;
    wait_title(&w, "Earlier this month").await;
    // Keyboard: Arrow Right moves the focus to the next day.
    w.execute(
        "document.querySelector(`[data-testid=calendar-day][data-date='${arguments[0]}']`).focus();",
        json!([day.to_string()]),
    )
    .await;
    keys_to_focus(&w, "\u{E014}").await; // Arrow Right
    let next = day.succ_opt().unwrap().to_string();
    assert_eq!(
        w.find(":focus").await.attr("data-date").await.as_deref(),
        Some(next.as_str())
    );

    // The toolbar, from the keyboard alone: Tab from the title reaches each tool.
    let title = w.find("[data-testid=entry-title]").await;
    title.click().await;
    let mut reached = Vec::new();
    for _ in 0..5 {
        keys_to_focus(&w, "\u{E004}").await; // Tab
        reached.push(focused_name(&w).await);
    }
    assert_eq!(
        reached,
        ["Star", "Preview", "Focus mode", "AI assist", "More"]
    );
    // Enter opens More on its first item; Arrow Down, Enter: the history panel.
    keys_to_focus(&w, keys::ENTER).await;
    assert_eq!(focused_name(&w).await, "History");
    keys_to_focus(&w, keys::ENTER).await;
    w.wait_for("[data-testid=history-list]", WAIT).await;
    // Esc in a menu closes it and gives the focus back to its button.
    w.find("[data-testid=ai-menu]").await.click().await;
    keys_to_focus(&w, keys::ESCAPE).await;
    assert_eq!(focused_name(&w).await, "AI assist");
    w.find(EDITOR).await;
    w.close().await;
}
