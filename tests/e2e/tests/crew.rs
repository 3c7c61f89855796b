//! The crew from the window on the model inside the app, as a writer with no server has
//! it: the wizard offers "On this computer", SmolLM2 downloads (with a cancel and a resume)
//! and becomes the profile; then a 6-day lead magnet from the wizard, the steps streaming,
//! a title chosen when the crew asks, go on at the layout question, the finished journal
//! opened, every step schema-valid on the first try. Last, Settings → "A server" adds the
//! llama.cpp server (scripts/llm-server.sh) and tests it.

#[path = "../../../crates/jcc-cli/tests/llm_support/first_try.rs"]
mod first_try;
#[path = "../../../crates/jcc-cli/tests/llm_support/mod.rs"]
mod llm_support;

use jcc_e2e::{artifacts_dir, AppUnderTest, Prerequisites, Session};
use jcc_testkit::files::{FileServer, Served};
use llm_support::LlmServer;
use serde_json::json;
use std::time::{Duration, Instant};

/// A 6-day run takes ~4 minutes on one core; generous for a loaded CI machine.
const RUN_WAIT: Duration = Duration::from_secs(20 * 60);
const WAIT: Duration = Duration::from_secs(30);

async fn fill(w: &Session, testid: &str, text: &str) {
    let input = w.find(&format!("[data-testid={testid}]")).await;
    input.clear().await;
    input.send_keys(text).await;
}

/// Picks `value` in a React-controlled `<select>` the way a change by the writer does.
async fn select(w: &Session, testid: &str, value: &str) {
    // Options may come from the core a moment after the list shows.
    w.find(&format!("[data-testid={testid}] option[value='{value}']"))
        .await;
    w.execute(
        "const s = document.querySelector(`[data-testid=${arguments[0]}]`);
         Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, arguments[1]);
         s.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([testid, value]),
    )
    .await;
}

async fn phase(w: &Session) -> String {
    w.execute(
        "return document.querySelector('[data-testid=crew-progress]')?.dataset.phase ?? '';",
        json!([]),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn question(w: &Session) -> String {
    w.text_of("[data-testid=crew-question]")
        .await
        .unwrap_or_default()
}

/// The steps whose streamed text the window holds (a writer opens "Show text" on each).
async fn steps_with_text(w: &Session) -> Vec<String> {
    w.execute(
        "return [...document.querySelectorAll('[data-testid=crew-step]')]
           .filter(r => (r.querySelector('pre.crew-stream')?.textContent ?? '').trim().length > 0)
           .map(r => r.dataset.step);",
        json!([]),
    )
    .await
    .as_array()
    .map(|a| {
        a.iter()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    })
    .unwrap_or_default()
}

/// Waits until the run leaves `running` and returns the phase it reached; `streamed`
/// collects every step seen showing its streamed text meanwhile.
async fn wait_until_not_running(
    w: &Session,
    deadline: Instant,
    streamed: &mut std::collections::BTreeSet<String>,
) -> String {
    loop {
        streamed.extend(steps_with_text(w).await);
        let p = phase(w).await;
        if !p.is_empty() && p != "running" {
            return p;
        }
        assert!(
            Instant::now() < deadline,
            "the crew run took longer than {RUN_WAIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// The `.part` file a cut download left in the models folder (0 when none).
fn partial_bytes(app: &AppUnderTest) -> u64 {
    std::fs::metadata(
        app.library_dir()
            .join("models/SmolLM2-135M-Instruct.Q4_1.gguf.part"),
    )
    .map(|m| m.len())
    .unwrap_or(0)
}

async fn progress_value(w: &Session) -> u64 {
    w.find("[data-testid=model-progress]")
        .await
        .attr("value")
        .await
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0) as u64
}

/// A writer with no server: the wizard offers a model on this computer instead of a dead
/// end; it downloads (from a mirror on loopback, at a pace that leaves time to cancel),
/// is cancelled halfway, resumes where it stopped, and is put to use with one click.
async fn set_up_a_model_on_this_computer(w: &Session, app: &AppUnderTest, mirror: &FileServer) {
    w.find("[data-testid=nav-crew]").await.click().await;
    w.find("[data-testid=crew-no-profile]").await;
    let free = w
        .text_of("[data-testid=model-free-space]")
        .await
        .unwrap_or_default();
    assert!(free.contains("free on the disk"), "{free}");
    assert!(
        w.find("[data-testid=crew-start]")
            .await
            .property("disabled")
            .await
            == json!(true),
        "no run can start before there is a model"
    );
    // A frame for the offer to be painted under Xvfb before the picture.
    tokio::time::sleep(Duration::from_millis(500)).await;
    w.screenshot(&artifacts_dir().join("crew-on-this-computer.png"))
        .await;

    w.find("[data-testid=model-download]").await.click().await;
    let until = Instant::now() + WAIT;
    while progress_value(w).await == 0 {
        assert!(Instant::now() < until, "the download shows no progress");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    w.screenshot(&artifacts_dir().join("model-download.png"))
        .await;
    w.find("[data-testid=model-cancel]").await.click().await;
    let paused = w
        .wait_text("[data-testid=model-partial]", WAIT, |t| {
            t.contains("Download paused")
        })
        .await;
    let kept = partial_bytes(app);
    assert!(kept > 0, "what arrived is kept to resume from: {paused}");

    w.find("[data-testid=model-download]").await.click().await;
    w.wait_for("[data-testid=model-use]", Duration::from_secs(180))
        .await;
    let ranges = mirror.ranges();
    assert_eq!(ranges.len(), 2, "{ranges:?}");
    assert_eq!(ranges[0], None);
    assert!(
        ranges[1].is_some_and(|from| from > 0),
        "the second try resumed where the first stopped: {ranges:?}"
    );
    assert_eq!(partial_bytes(app), 0, "the download got its final name");

    w.find("[data-testid=model-use]").await.click().await;
    w.wait_text("[data-testid=crew-model-ready]", WAIT, |t| {
        t.contains("on this computer")
    })
    .await;
    let listed = String::from_utf8_lossy(&app.jcc_ok(&["llm", "list"]).stdout).into_owned();
    assert!(
        listed.contains("SmolLM2-135M-Instruct.Q4_1.gguf"),
        "the default profile runs the downloaded file: {listed}"
    );
}

/// Settings → AI → "A server": the endpoint is added and "Test connection" passes.
async fn add_the_server_in_settings(w: &Session, server: &LlmServer) {
    w.find("[data-testid=nav-settings]").await.click().await;
    w.find("[data-testid=ai-mode-server]").await.click().await;
    fill(w, "profile-name", "server").await;
    fill(w, "profile-base-url", &server.base_url()).await;
    fill(w, "profile-model", "smollm2").await;
    select(w, "profile-structured", "json_object").await;
    w.find("[data-testid=profile-add]").await.click().await;
    w.find("[data-testid=profile-item][data-profile=server] [data-testid=profile-test]")
        .await
        .click()
        .await;
    w.wait_for(
        "[data-testid=profile-report][data-ok=true]",
        Duration::from_secs(120),
    )
    .await;
    w.screenshot(&artifacts_dir().join("settings.png")).await;
    w.find("[data-testid=settings-dialog] .icon-button")
        .await
        .click()
        .await;
}

#[tokio::test]
async fn a_guided_journal_from_the_wizard_on_the_model_inside_the_app() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let Some(model) = llm_support::smollm2_file() else {
        return;
    };
    let Some(server) = LlmServer::start() else {
        return;
    };
    // About 10 MB/s: a second or more to see the bar move and cancel.
    let mirror = FileServer::start(Served {
        name: "SmolLM2-135M-Instruct.Q4_1.gguf".into(),
        file: model,
        pace: Some(10_000_000),
        claimed_len: None,
        cut_first_at: None,
    });
    let mut app = AppUnderTest::new(pre);
    app.env("JCC_MODEL_MIRROR", mirror.base_url());
    let w = app.launch().await;
    set_up_a_model_on_this_computer(&w, &app, &mirror).await;

    // The wizard: theme, voice, depth, lead magnet; no title, so the crew asks.
    fill(&w, "crew-theme", "Gratitude for new parents").await;
    fill(&w, "crew-voice", "a warm, plain-spoken coach").await;
    select(&w, "crew-title-style", "encouraging").await;
    w.find("[data-testid=crew-depth-light]").await.click().await;
    w.find("[data-testid=crew-lead-magnet]").await.click().await;
    w.find("[data-testid=crew-start]").await.click().await;
    let deadline = Instant::now() + RUN_WAIT;

    w.wait_for("[data-testid=crew-step][data-status=running]", WAIT)
        .await;
    w.screenshot(&artifacts_dir().join("crew-running.png"))
        .await;
    let mut chosen = None;
    let mut streamed = std::collections::BTreeSet::new();
    loop {
        match wait_until_not_running(&w, deadline, &mut streamed)
            .await
            .as_str()
        {
            "paused" => {
                let options = w.find_all("[data-testid=crew-option]").await;
                // Offered clean: no list numbers a small model adds, each title once.
                let labels = w
                    .execute(
                        "return [...document.querySelectorAll('[data-testid=crew-option]')]
                           .map(o => o.parentElement.textContent.trim());",
                        json!([]),
                    )
                    .await;
                let labels: Vec<String> = serde_json::from_value(labels).unwrap_or_default();
                let unique: std::collections::HashSet<String> =
                    labels.iter().map(|l| l.to_lowercase()).collect();
                assert_eq!(unique.len(), labels.len(), "repeated options: {labels:?}");
                assert!(
                    labels.iter().all(|l| {
                        let rest = l.trim_start_matches(|c: char| c.is_ascii_digit());
                        rest.len() == l.len() || !(rest.starts_with(". ") || rest.starts_with(") "))
                    }),
                    "options carry list numbers: {labels:?}"
                );
                // The second option (or the only one); its label names the journal.
                let pick = options.len().min(2).checked_sub(1);
                if let Some(pick) = pick {
                    chosen = labels.get(pick).cloned();
                    w.screenshot(&artifacts_dir().join("crew-title-choice.png"))
                        .await;
                    options[pick].click().await;
                    w.find("[data-testid=crew-answer]").await.click().await;
                } else {
                    w.find("[data-testid=crew-continue]").await.click().await;
                }
                // The run goes on: running again, or already past (the layout step is quick).
                let asked = question(&w).await;
                let until = Instant::now() + WAIT;
                while phase(&w).await == "paused" && question(&w).await == asked {
                    assert!(
                        Instant::now() < until,
                        "the run did not go on after the answer"
                    );
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
            "finished" => break,
            other => {
                w.screenshot(&artifacts_dir().join("crew-failure.png"))
                    .await;
                let text = w
                    .text_of("[data-testid=crew-progress]")
                    .await
                    .unwrap_or_default();
                panic!("the run ended {other}: {text}");
            }
        }
    }
    w.screenshot(&artifacts_dir().join("crew-finished.png"))
        .await;
    let progress = w
        .text_of("[data-testid=crew-progress]")
        .await
        .unwrap_or_default();
    assert!(progress.contains("Tokens"), "tokens are shown: {progress}");
    let done = w
        .find_all("[data-testid=crew-step][data-status=done]")
        .await
        .len();
    assert!(
        done >= 15,
        "each step of a 6-day run finished ({done} done)"
    );
    assert!(
        streamed.len() >= 10,
        "the steps' text streamed into the window while they ran: {streamed:?}"
    );
    // Pauses and resumes keep what each step wrote: every step seen streaming still shows it.
    let kept: std::collections::BTreeSet<String> = steps_with_text(&w).await.into_iter().collect();
    let lost: Vec<&String> = streamed.difference(&kept).collect();
    assert!(
        lost.is_empty(),
        "steps whose streamed text went missing after the run paused and went on: {lost:?}"
    );

    // The journal opens in the library with its days.
    w.find("[data-testid=crew-open-journal]")
        .await
        .click()
        .await;
    w.wait_for("[data-testid=entry-item]", WAIT).await;
    let entries = w.find_all("[data-testid=entry-item]").await.len();
    assert_eq!(entries, 9, "intro, commitment, six days, certificate");
    if let Some(title) = chosen {
        let sidebar = w.text_of("[data-testid=sidebar]").await.unwrap_or_default();
        assert!(
            sidebar.contains(&title),
            "the chosen title {title:?} names the journal"
        );
    }
    w.find("[data-testid=entry-item]:nth-child(3)")
        .await
        .click()
        .await;
    w.find("[data-testid=guided-prompt]").await;
    w.screenshot(&artifacts_dir().join("guided-entry.png"))
        .await;

    // Decoded under each step's JSON Schema grammar: every step valid on the first try.
    let db = rusqlite::Connection::open(app.library_dir().join("library.sqlite3")).unwrap();
    let (valid, first) = first_try::counts(&db);
    assert!(first >= 15, "{first} first attempts");
    assert_eq!(
        valid,
        first,
        "every step schema-valid on the first try: {:#?}",
        first_try::failures(&db)
    );
    eprintln!("first-try schema validity on the model inside the app: {valid}/{first}");

    // A server stays one choice away in Settings.
    add_the_server_in_settings(&w, &server).await;
    w.close().await;
}
