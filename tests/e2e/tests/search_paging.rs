//! The search window never cuts a long result list silently: it says how many hits there
//! are in all and loads the rest a page at a time.

use jcc_e2e::steps::WAIT;
use jcc_e2e::{artifacts_dir, AppUnderTest, Prerequisites};
use serde_json::json;

#[tokio::test]
async fn search_pages_through_every_hit_with_the_total() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    // 120 entries that all mention the harbour, written with jcc beside the window.
    let entries: Vec<_> = (0..120)
        .map(|i| {
            json!({
                "title": format!("Walk {i}"),
                "body": format!("Down to the harbour again, walk number {i}."),
                "date": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                "source_key": format!("e2e:{i}"),
            })
        })
        .collect();
    let doc = json!({
        "format": "journal-craft-crew", "format_version": 1,
        "journal": { "title": "Harbour", "kind": "diary" }, "entries": entries,
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harbour.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    app.jcc_ok(&["import", file.to_str().unwrap(), "--journal", "Harbour"]);

    let w = app.launch().await;
    w.find("[data-testid=nav-search]").await.click().await;
    w.find("[data-testid=search-input]")
        .await
        .send_keys("harbour")
        .await;
    w.wait_text("[data-testid=search-count]", WAIT, |t| {
        t.contains("Showing 50 of 120 results")
    })
    .await;
    assert_eq!(w.find_all("[data-testid=search-result]").await.len(), 50);
    w.screenshot(&artifacts_dir().join("search-paging.png"))
        .await;

    let more = w.find("[data-testid=search-more]").await;
    assert!(more.text().await.contains("Show 50 more"));
    more.click().await;
    w.wait_text("[data-testid=search-count]", WAIT, |t| {
        t.contains("Showing 100 of 120 results")
    })
    .await;
    w.find("[data-testid=search-more]").await.click().await;
    w.wait_text("[data-testid=search-count]", WAIT, |t| {
        t.trim() == "120 results"
    })
    .await;
    let hits = w.find_all("[data-testid=search-result]").await;
    assert_eq!(hits.len(), 120);
    let mut ids = Vec::new();
    for h in &hits {
        ids.push(h.attr("data-entry-id").await.unwrap_or_default());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 120, "every hit once");
    assert!(w.try_find("[data-testid=search-more]").await.is_none());
    w.close().await;
}
