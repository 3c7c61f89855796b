//! The application layer as the desktop shell will use it: typed calls, stable error
//! codes, and change events.

use jcc_app::store::EntryPatch;
use jcc_app::{AddEntry, App, ErrorCode, Event, NewJournalInput, SearchInput};

#[test]
fn changes_are_announced_to_subscribers() {
    let app = App::in_memory().unwrap();
    let events = app.events().subscribe();
    let j = app
        .journal_new(NewJournalInput {
            title: "Diary".into(),
            ..Default::default()
        })
        .unwrap();
    let e = app
        .entry_add(AddEntry {
            journal: Some("Diary".into()),
            body: "hello".into(),
            ..Default::default()
        })
        .unwrap();
    app.entry_edit(
        e.id,
        EntryPatch {
            body: Some("hello again".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let seen: Vec<Event> = events.try_iter().collect();
    assert_eq!(
        seen,
        vec![
            Event::JournalChanged { journal_id: j.id },
            Event::EntryChanged {
                entry_id: e.id,
                journal_id: j.id
            },
            Event::EntryChanged {
                entry_id: e.id,
                journal_id: j.id
            },
        ]
    );
}

#[test]
fn errors_carry_stable_codes_and_serialize_for_the_ui() {
    let app = App::in_memory().unwrap();
    let err = app.entry_show(42).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["code"], "not_found");
    assert!(json["message"].as_str().unwrap().contains("entry 42"));
    let err = app
        .search(SearchInput {
            query: "before:whenever".into(),
            limit: 20,
            offset: 0,
        })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("before"), "{}", err.message);
}

#[test]
fn a_diary_entry_is_dated_today_and_a_guided_one_is_not() {
    let app = App::in_memory().unwrap();
    app.journal_new(NewJournalInput {
        title: "Book".into(),
        kind: Some(jcc_app::store::JournalKind::Guided),
        ..Default::default()
    })
    .unwrap();
    let diary = app
        .entry_add(AddEntry {
            journal: Some("Notes".into()),
            body: "x".into(),
            ..Default::default()
        })
        .unwrap();
    let book = app
        .entry_add(AddEntry {
            journal: Some("Book".into()),
            body: "y".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(diary.date, Some(App::today()));
    assert_eq!(book.date, None);
}

#[test]
fn images_kept_with_an_entry_are_served_back_and_only_images() {
    let app = App::in_memory().unwrap();
    let e = app
        .entry_add(AddEntry {
            journal: Some("Diary".into()),
            body: "![sky](attachments/sky.png)".into(),
            ..Default::default()
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("sky.png");
    let bytes = b"\x89PNG\r\n\x1a\n not decoded here".to_vec();
    std::fs::write(&png, &bytes).unwrap();
    let svg = dir.path().join("drawing.svg");
    std::fs::write(&svg, "<svg onload=\"alert(1)\"/>").unwrap();
    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, "%PDF-1.7").unwrap();

    // A drop on the editor takes images only, and says which files it does take.
    let a = app.entry_attach_file(e.id, &png, true).unwrap();
    assert_eq!(
        (a.filename.as_str(), a.mime.as_str()),
        ("sky.png", "image/png")
    );
    let err = app.entry_attach_file(e.id, &svg, true).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("PNG, JPEG, GIF or WebP"), "{err}");
    // The CLI keeps any file.
    app.entry_attach_file(e.id, &svg, false).unwrap();
    app.entry_attach_file(e.id, &pdf, false).unwrap();
    let missing = app.entry_attach_file(e.id, &dir.path().join("gone.png"), true);
    assert_eq!(missing.unwrap_err().code, ErrorCode::Io);

    let image = app.entry_image(e.id, "sky.png").unwrap();
    assert_eq!((image.mime, image.data), ("image/png", bytes));
    // Never served to the window as something it could run or misread.
    assert_eq!(
        app.entry_image(e.id, "drawing.svg").unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        app.entry_image(e.id, "scan.pdf").unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        app.entry_image(e.id, "other.png").unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(
        app.entry_image(e.id + 1, "sky.png").unwrap_err().code,
        ErrorCode::NotFound
    );
}
