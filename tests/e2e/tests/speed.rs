//! Speed figures of the desktop app (not part of the test run; `scripts/bench-desktop.sh`
//! runs them on a release build): launch to an interactive library, input-to-paint while
//! typing in a 50,000-word entry (and, as the floor, in a bare `<textarea>` in the same
//! window), idle memory of the app's processes with a 10,000-entry library, and opening
//! and scrolling that library's entry list.

use jcc_e2e::{artifacts_dir, procs, AppUnderTest, Prerequisites, Session};
use jcc_store::{EntryKind, NewEntry, NewJournal, Store};
use serde_json::json;
use std::time::Duration;

const DIARY_ENTRIES: usize = 10_000;
const LONG_ENTRY_WORDS: usize = 50_000;
const WORDS: &[&str] = &[
    "morning", "light", "harbour", "walked", "coffee", "quiet", "rain", "garden", "letter",
    "remember", "friend", "slowly", "kitchen", "window", "river", "tired", "grateful", "plans",
];

fn text(words: usize, seed: usize) -> String {
    let mut out = String::with_capacity(words * 7);
    for i in 0..words {
        if i > 0 {
            out.push_str(if i % 120 == 0 { "\n\n" } else { " " });
        }
        out.push_str(WORDS[(i * 7 + seed * 13) % WORDS.len()]);
    }
    out
}

/// A 10,000-entry diary (~200 words each) and a journal holding one 50,000-word entry.
fn seed(library: &std::path::Path) {
    std::fs::create_dir_all(library).unwrap();
    let mut store = Store::open(&library.join("library.sqlite3")).unwrap();
    let diary = store
        .create_journal(NewJournal {
            title: "Ten Years of Mornings".into(),
            ..Default::default()
        })
        .unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
    let entries = (0..DIARY_ENTRIES)
        .map(|i| NewEntry {
            journal_id: diary.id,
            kind: Some(EntryKind::Free),
            date: Some(start + chrono::Days::new(i as u64)),
            title: format!("Morning {}", i + 1),
            body: text(200, i),
            ..Default::default()
        })
        .collect();
    store.transaction(|s| s.append_entries(entries)).unwrap();
    let long = store
        .create_journal(NewJournal {
            title: "The Long Letter".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .add_entry(NewEntry {
            journal_id: long.id,
            title: "Everything".into(),
            body: text(LONG_ENTRY_WORDS, 1),
            ..Default::default()
        })
        .unwrap();
    let short = store
        .create_journal(NewJournal {
            title: "A Short Note".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .add_entry(NewEntry {
            journal_id: short.id,
            title: "Note".into(),
            body: text(100, 2),
            ..Default::default()
        })
        .unwrap();
}

/// Types 400 characters at the end of the journal's first entry; the page's
/// input-to-paint measures (ms).
async fn typing_samples(w: &Session, journal: &str) -> Vec<f64> {
    open_journal(w, journal).await;
    w.find("[data-testid=entry-item]").await.click().await;
    let editor = w.find("[data-testid=editor-content]").await;
    editor.click().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    w.execute("window.__jccPerf = [];", json!([])).await;
    for _ in 0..10 {
        editor
            .send_keys("and the light came slowly over the water ")
            .await;
    }
    let samples: Vec<f64> =
        serde_json::from_value(w.execute("return window.__jccPerf;", json!([])).await).unwrap();
    assert!(
        samples.len() >= 100,
        "input-to-paint samples: {}",
        samples.len()
    );
    samples
}

/// The same keys typed into a bare `<textarea>` laid over the page, timed the same way
/// (a mark on keydown, a measure in the next animation frame): the floor this window
/// system and WebView set for input-to-paint, whatever the editor does.
async fn baseline_samples(w: &Session) -> Vec<f64> {
    w.execute(
        "const t = document.createElement('textarea');
         t.id = 'jcc-baseline';
         t.style.cssText = 'position:fixed;inset:10%;z-index:9999';
         window.__jccBaseline = [];
         let waiting = false;
         t.addEventListener('keydown', () => {
           if (waiting) return;
           waiting = true;
           const t0 = performance.now();
           requestAnimationFrame(() => { window.__jccBaseline.push(performance.now() - t0); waiting = false; });
         });
         document.body.appendChild(t);",
        json!([]),
    )
    .await;
    let area = w.find("#jcc-baseline").await;
    area.click().await;
    for _ in 0..10 {
        area.send_keys("and the light came slowly over the water ")
            .await;
    }
    let samples: Vec<f64> =
        serde_json::from_value(w.execute("return window.__jccBaseline;", json!([])).await).unwrap();
    w.execute(
        "document.getElementById('jcc-baseline').remove();",
        json!([]),
    )
    .await;
    samples
}

fn p50(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn p95(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 * 0.95).ceil() as usize)
        .saturating_sub(1)
        .min(v.len() - 1)]
}

async fn open_journal(w: &Session, title: &str) {
    let clicked = w
        .execute(
            "const e = [...document.querySelectorAll('[data-testid=journal-item]')]
               .find(e => e.textContent.includes(arguments[0]));
             if (e) e.click();
             return !!e;",
            json!([title]),
        )
        .await;
    assert_eq!(clicked, json!(true), "no journal {title} in the sidebar");
}

/// Milliseconds from clicking a journal to its list drawn, measured in the page.
const OPEN_LIST: &str = r#"
const [title, done] = [arguments[0], arguments[arguments.length - 1]];
const item = [...document.querySelectorAll('[data-testid=journal-item]')].find(e => e.textContent.includes(title));
const t0 = performance.now();
item.click();
const poll = () => {
  if (document.querySelector('[data-testid=entry-item]')) {
    requestAnimationFrame(() => done(performance.now() - t0));
  } else requestAnimationFrame(poll);
};
poll();
"#;

/// The duration of each of 120 animation frames (ms) while the entry list scrolls by
/// `arguments[0]` px a frame; 0 leaves the page idle and gives the display's own pace.
const FRAME_TIMES: &str = r#"
const [by, done] = [arguments[0], arguments[arguments.length - 1]];
const list = document.querySelector('[data-testid=entry-list]');
const frames = [];
let last = performance.now(), n = 0;
const step = () => {
  const now = performance.now();
  frames.push(now - last); last = now;
  if (by) list.scrollTop += by;
  if (++n < 120) requestAnimationFrame(step); else done(frames.slice(1));
};
requestAnimationFrame(step);
"#;

#[tokio::test]
#[ignore = "speed figures: scripts/bench-desktop.sh"]
async fn desktop_speed_figures() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    seed(&app.library_dir());

    let w = app.launch().await;
    w.find("[data-testid=journal-item]").await;
    let launch = w
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const wait = () => window.__jccReady
               ? window.__TAURI_INTERNALS__.invoke('app_info').then(i => done(window.__jccReady - i.started_at_ms))
               : requestAnimationFrame(wait);
             wait();",
            json!([]),
        )
        .await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let tree = procs::app_tree(&app.library_dir());
    let idle_mib = procs::rss_mib(&tree);
    let by_process: Vec<String> = procs::rss_by_process(&tree)
        .into_iter()
        .map(|(name, mib)| format!("{name} {mib:.0} MiB"))
        .collect();

    let open_ms = w
        .execute_async(OPEN_LIST, json!(["Ten Years of Mornings"]))
        .await;
    let frames: Vec<f64> =
        serde_json::from_value(w.execute_async(FRAME_TIMES, json!([900])).await).unwrap();
    w.screenshot(&artifacts_dir().join("speed-list.png")).await;

    let idle_frames: Vec<f64> =
        serde_json::from_value(w.execute_async(FRAME_TIMES, json!([0])).await).unwrap();
    let baseline = baseline_samples(&w).await;
    let typing = typing_samples(&w, "The Long Letter").await;
    let typing_short = typing_samples(&w, "A Short Note").await;

    let figures = json!({
        "launch_to_interactive_ms": launch,
        "idle_rss_mib_app_and_webkit": (idle_mib * 10.0).round() / 10.0,
        "idle_rss_by_process": by_process,
        "open_10k_list_ms": open_ms,
        "scroll_frame_p95_ms": p95(frames.clone()),
        "scroll_frames": frames.len(),
        "typing_input_to_paint_p95_ms": p95(typing.clone()),
        "typing_input_to_paint_p50_ms": p50(typing.clone()),
        "typing_samples": typing.len(),
        "typing_short_entry_p95_ms": p95(typing_short.clone()),
        "typing_short_entry_p50_ms": p50(typing_short),
        "bare_textarea_input_to_paint_p95_ms": p95(baseline.clone()),
        "bare_textarea_input_to_paint_p50_ms": p50(baseline.clone()),
        "bare_textarea_samples": baseline.len(),
        "idle_frame_interval_p50_ms": p50(idle_frames.clone()),
        "idle_frame_interval_p95_ms": p95(idle_frames),
    });
    println!("desktop speed: {figures:#}");
    std::fs::write(
        artifacts_dir().join("desktop-speed.json"),
        figures.to_string(),
    )
    .unwrap();
    assert!(
        figures["launch_to_interactive_ms"].as_f64().is_some(),
        "the UI marks when it is ready"
    );
    w.close().await;
}
