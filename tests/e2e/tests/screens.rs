//! Screenshots of the named screens in both themes, from the real window:
//! target/test-artifacts/e2e/screens/<screen>-<theme>.png. The welcome on a fresh library;
//! then, on a diary written over two years, the library, the editor, the calendar, On this
//! day, the crew's wizard, export and settings. Each screen is checked to be the one named
//! before it is taken, and each theme to be the one applied.

use jcc_e2e::steps::WAIT;
use jcc_e2e::{artifacts_dir, AppUnderTest, Prerequisites, Session};
use serde_json::json;

const THEMES: [&str; 2] = ["light", "dark"];

/// Sets the theme the way Settings does (saved in the library) and waits until the page
/// paints with it.
async fn theme(w: &Session, theme: &str) {
    w.execute(
        "document.querySelector('[data-testid=nav-settings]').click();",
        json!([]),
    )
    .await;
    w.find(&format!("[data-testid=settings-theme-{theme}]"))
        .await
        .click()
        .await;
    w.wait_for(&format!("html[data-theme={theme}]"), WAIT).await;
    close_dialog(w).await;
}

async fn close_dialog(w: &Session) {
    // The dialog's own close button (×), as the writer would.
    w.execute(
        "document.querySelectorAll('[role=dialog] .dialog-header button').forEach(b => b.click());",
        json!([]),
    )
    .await;
    let deadline = std::time::Instant::now() + WAIT;
    while w.try_find("[role=dialog]").await.is_some() {
        assert!(std::time::Instant::now() < deadline, "a dialog stays open");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn shot(w: &Session, name: &str, theme: &str) {
    w.execute_async(
        "const done = arguments[arguments.length - 1];
         requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
        json!([]),
    )
    .await;
    let dir = artifacts_dir().join("screens");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}-{theme}.png"));
    w.screenshot(&path).await;
    assert!(
        std::fs::metadata(&path).unwrap().len() > 10_000,
        "{name}-{theme}.png is empty"
    );
}

async fn click(w: &Session, testid: &str) {
    w.find(&format!("[data-testid={testid}]"))
        .await
        .click()
        .await;
}

#[tokio::test]
async fn the_named_screens_in_both_themes() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);

    let w = app.launch().await;
    w.wait_for("[data-testid=welcome]", WAIT).await;
    for t in THEMES {
        theme(&w, t).await;
        w.wait_for("[data-testid=welcome]", WAIT).await;
        shot(&w, "welcome", t).await;
    }
    w.close().await;

    // A diary of the last two years, written from the terminal.
    app.jcc_ok(&["journal", "new", "Morning Pages"]);
    let today = chrono::Local::now().date_naive();
    for (i, (days_ago, title, body)) in [
        (0, "The harbour at dawn", "# The harbour at dawn\n\nGulls everywhere, loud as a market. The ferry left on time for once, and I watched it go until the light came up over the cranes.\n\n## Later\n\nCoffee at the kiosk; the owner remembered my name."),
        (1, "Rain", "Rain all day; walked anyway and got soaked."),
        (3, "Letters", "Wrote to my sister about the garden."),
        (4, "Bread", "First loaf that rose properly."),
        (8, "Quiet Sunday", "Read by the window until dark."),
        (12, "Train north", "Six hours of fields and small stations."),
        (365, "A year ago", "The first week in the new flat."),
        (730, "Two years ago", "Snow, and the boiler broke."),
    ]
    .into_iter()
    .enumerate()
    {
        let date = (today - chrono::Days::new(days_ago)).to_string();
        let mut args = vec![
            "entry", "add", "--journal", "Morning Pages", "--date", &date, "--title", title,
            "--body", body,
        ];
        if i % 3 == 0 {
            args.extend(["--tag", "walk"]);
        }
        app.jcc_ok(&args);
    }

    let w = app.launch().await;
    w.wait_text("[data-testid=sidebar]", WAIT, |t| {
        t.contains("Morning Pages")
    })
    .await;
    for t in THEMES {
        theme(&w, t).await;

        w.execute(
            "document.querySelector('[data-testid=journal-item]').click();",
            json!([]),
        )
        .await;
        w.wait_for("[data-testid=entry-item]", WAIT).await;
        shot(&w, "library", t).await;

        w.find("[data-testid=entry-item]").await.click().await;
        w.wait_text("[data-testid=editor-content]", WAIT, |s| {
            s.contains("Gulls")
        })
        .await;
        shot(&w, "editor", t).await;

        click(&w, "calendar-item").await;
        w.wait_for("[data-testid=calendar-day][data-level='4'], [data-testid=calendar-day][data-level='1']", WAIT)
            .await;
        shot(&w, "calendar", t).await;

        let item = w.wait_for("[data-testid=on-this-day-item]", WAIT).await;
        item.click().await;
        w.wait_text("[data-testid=editor-content]", WAIT, |s| s.contains("flat"))
            .await;
        shot(&w, "on-this-day", t).await;

        click(&w, "nav-crew").await;
        w.wait_for("[role=dialog]", WAIT).await;
        shot(&w, "crew-wizard", t).await;
        close_dialog(&w).await;

        click(&w, "nav-export").await;
        w.wait_for("[data-testid=export-dialog]", WAIT).await;
        shot(&w, "export", t).await;
        close_dialog(&w).await;

        click(&w, "nav-settings").await;
        w.wait_for("[data-testid=settings-writing]", WAIT).await;
        shot(&w, "settings", t).await;
        close_dialog(&w).await;
    }
    w.close().await;
}
