//! A writer's session in the real window: make a journal, write, quit, come back, find
//! it, go back to an older version, export from the File menu, and see that hostile
//! entry text stays inert.

use jcc_e2e::steps::{new_journal, open_journal, press, type_and_save, EDITOR, WAIT};
use jcc_e2e::{artifacts_dir, keys, AppUnderTest, Prerequisites, Session};
use serde_json::json;
use std::process::Command;
use std::time::Duration;

async fn editor_text(w: &Session) -> String {
    w.find(EDITOR).await;
    w.text_of(EDITOR).await.unwrap_or_default()
}

/// File → Export as …: the menu's shortcut opens the export dialog with the format set;
/// the book is written to `out`.
async fn export_from_file_menu(w: &Session, shortcut: &str, format: &str, out: &std::path::Path) {
    press(shortcut);
    w.find("[data-testid=export-dialog]").await;
    let radio = w
        .find(&format!("[data-testid=export-format-{format}]"))
        .await;
    assert_eq!(
        radio.property("checked").await,
        json!(true),
        "{shortcut} picks {format}"
    );
    let path = w.find("[data-testid=export-path]").await;
    path.clear().await;
    path.send_keys(&out.display().to_string()).await;
    w.find("[data-testid=export-start]").await.click().await;
    w.find("[data-testid=export-status][data-state=done]").await;
    w.screenshot(&artifacts_dir().join(format!("export-{format}.png")))
        .await;
    press("Escape");
}

#[tokio::test]
async fn write_quit_relaunch_search_restore_export() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    // Every autosave becomes a revision, so there is an older version to go back to.
    std::fs::create_dir_all(app.config_dir()).unwrap();
    std::fs::write(
        app.config_dir().join("config.toml"),
        "revision_window_secs = 0\n",
    )
    .unwrap();

    let w = app.launch().await;
    new_journal(&w, "Morning Pages").await;
    w.find("[data-testid=new-entry-button]").await.click().await;
    type_and_save(&w, "The harbour at dawn.").await;
    type_and_save(&w, " Gulls everywhere, loud as a market.").await;
    w.screenshot(&artifacts_dir().join("editor.png")).await;
    w.close().await;

    // Quit and come back: the words are there.
    let w = app.launch().await;
    open_journal(&w, "Morning Pages").await;
    w.find("[data-testid=entry-item]").await.click().await;
    let text = editor_text(&w).await;
    assert!(
        text.contains("The harbour at dawn. Gulls everywhere"),
        "after relaunch: {text:?}"
    );
    w.screenshot(&artifacts_dir().join("library.png")).await;

    // Search finds it, with the hit marked.
    w.find("[data-testid=nav-search]").await.click().await;
    let search = w.find("[data-testid=search-input]").await;
    search.send_keys("gulls").await;
    w.wait_text("[data-testid=search-results]", WAIT, |t| {
        t.contains("Gulls")
    })
    .await;
    w.find("[data-testid=search-results] mark").await;
    let mark = w
        .text_of("[data-testid=search-results] mark")
        .await
        .unwrap_or_default();
    assert_eq!(mark.to_lowercase(), "gulls");
    w.screenshot(&artifacts_dir().join("search.png")).await;
    search.send_keys(keys::ENTER).await;

    // History: restore the version from before the gulls.
    // History lives in the entry toolbar's More menu.
    w.find("[data-testid=more-menu]").await.click().await;
    w.find("[data-testid=history-button]").await.click().await;
    w.find("[data-testid=history-list]").await;
    let entry = current_entry(&w).await;
    let mut restored = false;
    for rev in w.find_all("[data-testid=history-item]").await {
        rev.click().await;
        w.find("[data-testid=history-diff]").await;
        let id = rev.attr("data-revision-id").await.unwrap_or_default();
        // What the writer reads in the list is the revision's text; ask the core which
        // one holds just the first sentence.
        let revisions = w
            .invoke(
                "entry_history",
                json!({"id": entry.parse::<i64>().unwrap()}),
            )
            .await
            .expect("the entry's history");
        let body = revisions
            .as_array()
            .and_then(|revs| revs.iter().find(|r| r["id"].as_i64() == id.parse().ok()))
            .map(|r| r["body"].clone())
            .unwrap_or_default();
        if body == json!("The harbour at dawn.") {
            let diff = w
                .text_of("[data-testid=history-diff]")
                .await
                .unwrap_or_default();
            assert!(
                diff.contains("Gulls everywhere"),
                "the diff shows what came after: {diff}"
            );
            w.find(&format!(
                "[data-testid=history-restore][data-revision-id='{id}']"
            ))
            .await
            .click()
            .await;
            restored = true;
            break;
        }
    }
    assert!(
        restored,
        "the version with only the first sentence is in the history"
    );
    w.screenshot(&artifacts_dir().join("history.png")).await;
    let text = w.wait_text(EDITOR, WAIT, |t| !t.contains("Gulls")).await;
    assert_eq!(text.trim(), "The harbour at dawn.");

    // The author set in Settings is who the book is by.
    set_author(&w, "Ada Lane").await;

    // File → Export as PDF… and as EPUB…: valid files where the writer said.
    let pdf = app.data_dir.path().join("Morning Pages.pdf");
    export_from_file_menu(&w, "ctrl+e", "pdf", &pdf).await;
    let epub = app.data_dir.path().join("Morning Pages.epub");
    export_from_file_menu(&w, "ctrl+shift+e", "epub", &epub).await;
    check_pdf(&pdf, &["The harbour at dawn.", "Ada Lane"]);
    check_epub(&epub);

    // Tag the entry, rename the tag from the sidebar: the entry is under the new name.
    let tags = w.find("[data-testid=entry-tags]").await;
    tags.send_keys("harbour").await;
    tags.send_keys(keys::ENTER).await;
    w.wait_text("[data-testid=tag-list]", WAIT, |t| t.contains("#harbour"))
        .await;
    // The Rename button shows on hover or focus; a script click is the writer's click.
    w.execute(
        "document.querySelector('[aria-label=\"Rename tag #harbour\"]').click();",
        json!([]),
    )
    .await;
    let rename = w.find("[data-testid=tag-rename-input]").await;
    rename.clear().await;
    rename.send_keys("sea").await;
    rename.send_keys(keys::ENTER).await;
    w.wait_text("[data-testid=tag-list]", WAIT, |t| {
        t.contains("#sea") && !t.contains("#harbour")
    })
    .await;
    w.find("[data-testid=tag-item]").await.click().await;
    w.wait_text("[data-testid=entry-list]", WAIT, |t| {
        t.contains("The harbour at dawn.")
    })
    .await;
    w.close().await;
}

/// Settings → Author: the name printed on the title page of every exported book.
async fn set_author(w: &Session, name: &str) {
    w.find("[data-testid=nav-settings]").await.click().await;
    let field = w.find("[data-testid=author-name]").await;
    field.clear().await;
    field.send_keys(name).await;
    w.find("[data-testid=author-save]").await.click().await;
    w.find("[data-testid=author-saved]").await;
    w.screenshot(&artifacts_dir().join("settings-author.png"))
        .await;
    w.find("[data-testid=settings-dialog] .icon-button")
        .await
        .click()
        .await;
}

/// Opens another entry and comes back, so the editor reloads `entry` from the library.
async fn new_entry_then_back(w: &Session, entry: &str) {
    w.find("[data-testid=new-entry-button]").await.click().await;
    w.wait_for("[data-testid=entry-item]:nth-child(2)", WAIT)
        .await;
    w.find(&format!(
        "[data-testid=entry-item][data-entry-id='{entry}']"
    ))
    .await
    .click()
    .await;
    w.find(&format!(
        "[data-testid=entry-item][data-entry-id='{entry}'][aria-selected=true]"
    ))
    .await;
}

/// Something other than this window (an import, a sync, the CLI) writes the entry's
/// text, after the window in which the UI takes a change for the echo of its own
/// autosave; then the editor opens it afresh.
async fn write_from_elsewhere(w: &Session, entry: &str, body: &str) {
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let saved = w
        .invoke(
            "entry_save",
            json!({"id": entry.parse::<i64>().unwrap(), "patch": {"body": body}}),
        )
        .await
        .expect("the core takes the text");
    assert_eq!(saved["entry"]["body"], body, "stored exactly as written");
    new_entry_then_back(w, entry).await;
    // The editor may open on the copy it had and take the library's a moment later.
    let first = body.lines().next().unwrap_or_default();
    w.wait_text(EDITOR, WAIT, |t| t.contains(first)).await;
}

/// A new journal with one entry the library already holds (typed and autosaved); its id.
async fn saved_entry_in_new_journal(w: &Session, journal: &str) -> String {
    new_journal(w, journal).await;
    w.find("[data-testid=new-entry-button]").await.click().await;
    type_and_save(w, "placeholder").await;
    current_entry(w).await
}

/// The id of the entry open in the editor.
async fn current_entry(w: &Session) -> String {
    w.find("[data-testid=entry-item][aria-selected=true]")
        .await
        .attr("data-entry-id")
        .await
        .expect("the open entry is selected in the list")
}

/// A valid PDF holding each of `texts` (read with poppler, checked with qpdf).
fn check_pdf(pdf: &std::path::Path, texts: &[&str]) {
    let bytes = std::fs::read(pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
    if !jcc_testkit::pdf_tools() {
        return;
    }
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for want in texts {
        assert!(text.contains(want), "{want:?} is in the book");
    }
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// An EPUB that epubcheck passes without errors or warnings.
fn check_epub(epub: &std::path::Path) {
    assert!(std::fs::read(epub)
        .expect("the EPUB was written")
        .starts_with(b"PK"));
    if !jcc_testkit::epubcheck() {
        return;
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(jcc_testkit::EPUBCHECK_JAR)
        .arg(epub)
        .output()
        .unwrap();
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "epubcheck: {report}");
    assert!(
        report.contains("No errors or warnings"),
        "epubcheck: {report}"
    );
}

#[tokio::test]
async fn hostile_entry_text_renders_inert() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    let w = app.launch().await;
    let entry = saved_entry_in_new_journal(&w, "Hostile").await;
    // Stored exactly as an import or a sync could bring it, then opened and previewed.
    let payload = "<script>window.__pwned = 'script'</script>\n\n<img src=x onerror=\"window.__pwned = 'img'\">\n\n**bold** and <a href=\"javascript:window.__pwned = 'link'\">a link</a>\n";
    write_from_elsewhere(&w, &entry, payload).await;
    let text = editor_text(&w).await;
    assert!(
        text.contains("<script>"),
        "the editor shows the text as text: {text}"
    );
    w.find("[data-testid=preview-button]").await.click().await;
    let preview = w.find("[data-testid=entry-preview]").await;
    w.find("[data-testid=entry-preview] strong").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let html = preview.property("innerHTML").await;
    let html = html.as_str().unwrap_or_default();
    assert!(!html.contains("<script"), "no script element: {html}");
    assert!(!html.contains("onerror"), "no event handler: {html}");
    assert!(!html.contains("javascript:"), "no script URL: {html}");
    let pwned = w.execute("return window.__pwned ?? null;", json!([])).await;
    assert_eq!(pwned, json!(null), "nothing in the entry ran");
    w.screenshot(&artifacts_dir().join("hostile-preview.png"))
        .await;
    w.close().await;
}

/// A small real PNG: `width` x `height`, a blue-green gradient.
fn write_png(path: &std::path::Path, width: u32, height: u32) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..width * height)
        .flat_map(|i| [20, (i % width * 255 / width) as u8, 200])
        .collect();
    writer.write_image_data(&pixels).unwrap();
}

#[tokio::test]
async fn an_attached_image_shows_in_the_preview() {
    let Some(pre) = Prerequisites::find() else {
        return;
    };
    let mut app = AppUnderTest::new(pre);
    let w = app.launch().await;
    let entry = saved_entry_in_new_journal(&w, "Pictures").await;
    // As a drop on the editor does it: the file is kept with the entry, and the text
    // names it (here written from outside, past the window for echoes of autosaves).
    let picture = app.data_dir.path().join("sea view.png");
    write_png(&picture, 24, 16);
    let attached = w
        .invoke(
            "entry_attach",
            json!({"id": entry.parse::<i64>().unwrap(), "path": picture}),
        )
        .await
        .expect("the image is attached");
    assert_eq!(attached["filename"], "sea view.png");
    write_from_elsewhere(
        &w,
        &entry,
        "Morning.\n\n![the sea](attachments/sea%20view.png)\n",
    )
    .await;
    w.find("[data-testid=preview-button]").await.click().await;
    w.find("[data-testid=entry-preview] img").await;
    // Loaded through the app's own scheme, allowed by the CSP, decoded by the WebView.
    let size = w
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const img = document.querySelector('[data-testid=entry-preview] img');
             const report = () => done([img.naturalWidth, img.naturalHeight, img.getAttribute('src')]);
             if (img.complete) report(); else { img.onload = report; img.onerror = report; }",
            json!([]),
        )
        .await;
    assert_eq!(size[0], json!(24), "the image loaded: {size}");
    assert_eq!(size[1], json!(16), "the image loaded: {size}");
    assert!(
        size[2]
            .as_str()
            .unwrap_or_default()
            .starts_with("jcc-image:"),
        "{size}"
    );
    // Let the WebView paint before the picture is taken.
    tokio::time::sleep(Duration::from_millis(500)).await;
    w.screenshot(&artifacts_dir().join("image-preview.png"))
        .await;
    w.close().await;
}
