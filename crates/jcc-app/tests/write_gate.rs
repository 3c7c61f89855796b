//! One write gate: on a library marked damaged, every operation of the application
//! layer that writes is refused with the damaged-library error, and nothing is written.
//!
//! The operations are listed by name and the list is checked against the public methods
//! of `App` found in its source: a new method fails this test until it is sorted into
//! WRITES (and called below) or READS.

use jcc_app::store::crew_runs::{NewCrewRun, SavedTheme};
use jcc_app::store::{EntryPatch, Store};
use jcc_app::{
    AddEntry, AddProfile, App, AppPaths, AppResult, BackupPrune, CrewHooks, CrewRunOptions,
    ErrorCode, ImportInput, NewJournalInput, Preferences, SetReminder, StartCrewRun, TagChange,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every `App` method that changes the library (or, for `backup_prune`, removes the
/// backups a damaged library needs).
const WRITES: &[&str] = &[
    "author_profile_set",
    "backup_daily_if_due",
    "backup_prune",
    "crew_answer",
    "crew_cancel",
    "crew_rerun_step",
    "crew_run",
    "crew_save_theme",
    "crew_start",
    "entry_add",
    "entry_attach",
    "entry_attach_file",
    "entry_discard_if_empty",
    "entry_edit",
    "entry_move",
    "entry_purge",
    "entry_restore",
    "entry_keep_version",
    "entry_review_done",
    "entry_revert",
    "entry_save",
    "entry_tag",
    "entry_trash",
    "import",
    "import_with",
    "journal_new",
    "journal_purge",
    "journal_rename",
    "journal_restore",
    "journal_trash",
    "journal_update",
    "llm_add",
    "llm_remove",
    "model_use",
    "reminder_remove",
    "reminder_set",
    "reminders_take_due",
    "set_preferences",
    "sync_delete_cloud_data",
    "sync_keep_here",
    "sync_login",
    "sync_logout",
    "sync_now",
    "tag_rename",
    "template_add",
    "template_remove",
    "template_use",
    "trash_empty",
];

/// Reads (allowed on a damaged library, to copy words out), checks, and the way out
/// (`library_restore`, tested in `library_restore.rs`). `crew_copy_definition` writes a
/// file in the config folder, not the library.
const READS: &[&str] = &[
    "assist",
    // The account's keys: the OS keyring and the server, never the library.
    "sync_account_has_keys",
    "sync_configured",
    "sync_setup",
    "sync_status",
    "sync_local_status",
    "entry_merge_review",
    "sync_unlock",
    "calendar_month",
    "author_profile_get",
    "backup_list",
    "check_integrity",
    "check_integrity_in_background",
    "config",
    "crew_copy_definition",
    "crew_definition",
    "crew_list",
    "crew_status",
    "crew_theme",
    "crew_themes",
    // Drafts are files beside the library, kept exactly when saves fail.
    "draft_discard",
    "draft_export",
    "draft_keep",
    "draft_list",
    "entry_diff",
    "entry_history",
    "entry_image",
    "entry_list",
    "entry_show",
    "entries_on_day",
    "entry_summaries",
    "events",
    "export",
    "export_book",
    "export_book_cancellable",
    "integrity_check_due",
    "journal_find",
    "journal_list",
    "journal_show",
    "library_check",
    "library_restore",
    "library_status",
    "llm_client",
    "llm_list",
    "llm_profile",
    "llm_test",
    // Model files live in the models folder beside the library; only `model_use` (a
    // profile) writes the library.
    "local_models",
    "model_add",
    "model_download",
    "model_remove",
    "model_resolve",
    "model_store",
    "on_this_day",
    "outside_changes",
    "paths",
    "preferences",
    "prompt_list",
    "prompt_today",
    "reminder_list",
    "search",
    "stats",
    "store",
    "tag_list",
    "template_list",
    "watch_outside_changes",
];

/// Methods taking `&self` in jcc-app's source that belong to other types.
const NOT_APP: &[&str] = &[
    "subscribe",
    "emit",
    "library",
    "config_file",
    // AppPaths and the drafts folder (files beside the library, not the library).
    "drafts_dir",
    "dir",
    "keep",
    "list",
    "remove",
    // SyncSecrets: the OS keyring.
    "load_session",
    "save_session",
    "load_key",
    "save_key",
    "forget",
];

/// Names of the `pub fn`s in jcc-app's source whose first parameter is `self` by
/// reference (`&self`, `self: &Arc<Self>`).
fn public_methods() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut names = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("pub fn ") {
            let rest = &text[at + 7..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let params = rest[rest.find('(').unwrap() + 1..].trim_start();
            if params.starts_with("&self") || params.starts_with("self:") {
                names.insert(name);
            }
        }
    }
    names
}

#[test]
fn every_public_method_of_app_is_sorted_into_writes_or_reads() {
    let found = public_methods();
    let listed: BTreeSet<String> = WRITES
        .iter()
        .chain(READS)
        .chain(NOT_APP)
        .map(|s| s.to_string())
        .collect();
    let unsorted: Vec<_> = found.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&found).collect();
    assert!(
        unsorted.is_empty(),
        "new App methods {unsorted:?}: add each to WRITES (and call it in \
         every_write_is_refused_on_a_damaged_library) or to READS"
    );
    assert!(gone.is_empty(), "listed but no longer in App: {gone:?}");
}

struct Fixture {
    entry: i64,
    trashed: i64,
    other: i64,
    revision: i64,
    run: i64,
    image: PathBuf,
}

/// A library with something for every operation to work on, then marked damaged the
/// way the daily check marks it (the mark is kept beside the file).
fn damaged_library(root: &Path) -> (AppPaths, Fixture) {
    let paths = AppPaths::new(root.join("data"), root.join("config"));
    let app = App::open(paths.clone()).unwrap();
    app.journal_new(NewJournalInput {
        title: "Diary".into(),
        ..Default::default()
    })
    .unwrap();
    let add = |body: &str| {
        app.entry_add(AddEntry {
            journal: Some("Diary".into()),
            body: body.into(),
            tags: vec!["rain".into()],
            ..Default::default()
        })
        .unwrap()
        .id
    };
    let entry = add("first words");
    let other = add("second words");
    let trashed = add("gone soon");
    app.entry_trash(trashed).unwrap();
    app.journal_new(NewJournalInput {
        title: "Old".into(),
        ..Default::default()
    })
    .unwrap();
    app.journal_trash("Old").unwrap();
    app.store()
        .update_entry(
            entry,
            EntryPatch {
                body: Some("first words, revised".into()),
                ..Default::default()
            },
            jcc_app::store::Origin::Crew,
        )
        .unwrap();
    let revision = app.entry_history(entry).unwrap()[0].id;
    app.template_add("Mine", "", "Today: {{date}}").unwrap();
    app.reminder_set(SetReminder {
        journal: "Diary".into(),
        at: "08:00".into(),
        days: "daily".into(),
    })
    .unwrap();
    let run = app
        .store()
        .create_crew_run(&NewCrewRun {
            crew: "journal".into(),
            definition: "x".into(),
            inputs: serde_json::json!({"theme": "rain"}),
            profile: None,
        })
        .unwrap()
        .id;
    let image = root.join("sky.png");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    drop(app);
    let mut store = Store::open(&paths.library()).unwrap();
    store.mark_damaged("page 12: btree cell out of order");
    drop(store);
    (
        paths,
        Fixture {
            entry,
            trashed,
            other,
            revision,
            run,
            image,
        },
    )
}

fn on_disk(library: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(library).unwrap();
    let mut wal = library.as_os_str().to_os_string();
    wal.push("-wal");
    bytes.extend(std::fs::read(PathBuf::from(wal)).unwrap_or_default());
    bytes
}

type Op<'a> = (&'static str, Box<dyn Fn(&App) -> AppResult<()> + 'a>);

fn ok<T>(r: AppResult<T>) -> AppResult<()> {
    r.map(|_| ())
}

#[test]
fn every_write_is_refused_on_a_damaged_library() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, f) = damaged_library(dir.path());
    // A new process opening the file: the mark beside it makes it refuse too.
    let app = App::open(paths.clone()).unwrap();
    assert!(app.library_status().damaged);
    let before = on_disk(&paths.library());
    let hooks = || CrewHooks {
        decider: &jcc_crew::AcceptAll,
        on_event: &|_| {},
        cancel: jcc_llm::CancellationToken::new(),
    };
    let ops: Vec<Op> = vec![
        (
            "author_profile_set",
            Box::new(|a| ok(a.author_profile_set(Default::default()))),
        ),
        (
            "backup_daily_if_due",
            Box::new(|a| ok(a.backup_daily_if_due())),
        ),
        (
            "backup_prune",
            Box::new(|a| {
                ok(a.backup_prune(BackupPrune {
                    before: Some(i64::MAX),
                    holding_purged: true,
                }))
            }),
        ),
        ("crew_answer", Box::new(|a| a.crew_answer(f.run, 1))),
        ("crew_cancel", Box::new(|a| ok(a.crew_cancel(f.run)))),
        (
            "crew_rerun_step",
            Box::new(|a| {
                ok(a.crew_rerun_step(
                    f.run,
                    "titles",
                    "shorter",
                    CrewRunOptions::default(),
                    hooks(),
                ))
            }),
        ),
        (
            "crew_run",
            Box::new(|a| ok(a.crew_run(f.run, CrewRunOptions::default(), hooks()))),
        ),
        (
            "crew_save_theme",
            Box::new(|a| {
                ok(a.crew_save_theme(SavedTheme {
                    id: 0,
                    name: "Sea".into(),
                    theme: "Swimming".into(),
                    title_style: "practical".into(),
                    voice: String::new(),
                    depth: "light".into(),
                    builtin: false,
                }))
            }),
        ),
        (
            "crew_start",
            Box::new(|a| ok(a.crew_start(StartCrewRun::default()))),
        ),
        (
            "entry_add",
            Box::new(|a| {
                ok(a.entry_add(AddEntry {
                    journal: Some("Diary".into()),
                    body: "more".into(),
                    ..Default::default()
                }))
            }),
        ),
        (
            "entry_attach",
            Box::new(|a| ok(a.entry_attach(f.entry, "a.txt", "text/plain", b"hi"))),
        ),
        (
            "entry_attach_file",
            Box::new(|a| ok(a.entry_attach_file(f.entry, &f.image, true))),
        ),
        (
            "entry_edit",
            Box::new(|a| {
                ok(a.entry_edit(
                    f.entry,
                    EntryPatch {
                        body: Some("changed".into()),
                        ..Default::default()
                    },
                ))
            }),
        ),
        (
            "entry_move",
            Box::new(|a| ok(a.entry_move(f.other, Some(f.entry)))),
        ),
        (
            "entry_discard_if_empty",
            Box::new(|a| ok(a.entry_discard_if_empty(f.entry))),
        ),
        ("entry_purge", Box::new(|a| ok(a.entry_purge(f.trashed)))),
        (
            "entry_keep_version",
            Box::new(|a| ok(a.entry_keep_version(f.entry, String::new(), "x".into(), 1))),
        ),
        (
            "entry_review_done",
            Box::new(|a| ok(a.entry_review_done(f.entry))),
        ),
        (
            "entry_save",
            Box::new(|a| {
                ok(a.entry_save(
                    f.entry,
                    EntryPatch {
                        body: Some("changed from an older version".into()),
                        ..Default::default()
                    },
                    Some(0),
                ))
            }),
        ),
        (
            "entry_restore",
            Box::new(|a| ok(a.entry_restore(f.trashed))),
        ),
        (
            "entry_revert",
            Box::new(|a| ok(a.entry_revert(f.entry, f.revision))),
        ),
        (
            "entry_tag",
            Box::new(|a| {
                ok(a.entry_tag(
                    f.entry,
                    TagChange {
                        add: vec!["sun".into()],
                        remove: vec![],
                    },
                ))
            }),
        ),
        ("entry_trash", Box::new(|a| ok(a.entry_trash(f.entry)))),
        (
            "import",
            Box::new(|a| {
                ok(a.import(ImportInput {
                    path: dir.path().join("notes"),
                    journal: "Imported".into(),
                    format: None,
                    partial: false,
                }))
            }),
        ),
        (
            "import_with",
            Box::new(|a| {
                ok(a.import_with(
                    ImportInput {
                        path: dir.path().join("notes"),
                        journal: "Imported".into(),
                        format: None,
                        partial: false,
                    },
                    &mut |_| {},
                    &jcc_llm::CancellationToken::new(),
                ))
            }),
        ),
        (
            "journal_new",
            Box::new(|a| {
                ok(a.journal_new(NewJournalInput {
                    title: "New".into(),
                    ..Default::default()
                }))
            }),
        ),
        ("journal_purge", Box::new(|a| ok(a.journal_purge("Old")))),
        (
            "journal_rename",
            Box::new(|a| ok(a.journal_rename("Diary", "Log"))),
        ),
        (
            "journal_restore",
            Box::new(|a| ok(a.journal_restore("Old"))),
        ),
        ("journal_trash", Box::new(|a| ok(a.journal_trash("Diary")))),
        (
            "journal_update",
            Box::new(|a| ok(a.journal_update("Diary", Default::default()))),
        ),
        (
            "llm_add",
            Box::new(|a| {
                ok(a.llm_add(AddProfile {
                    name: "local".into(),
                    base_url: "http://127.0.0.1:9/v1".into(),
                    model: "m".into(),
                    structured_output: None,
                    api_key: None,
                    requests_per_minute: None,
                    tokens_per_minute: None,
                    timeout_secs: None,
                    images_model: None,
                    model_file: None,
                    context_size: None,
                    threads: None,
                    make_default: true,
                }))
            }),
        ),
        ("llm_remove", Box::new(|a| a.llm_remove("local"))),
        (
            "model_use",
            Box::new(|a| {
                // Any existing path resolves; the gate refuses before the file is read.
                let file = a.paths().unwrap().data_dir.join("library.sqlite3");
                ok(a.model_use(file.to_str().unwrap()))
            }),
        ),
        (
            "reminder_remove",
            Box::new(|a| ok(a.reminder_remove("Diary"))),
        ),
        (
            "reminder_set",
            Box::new(|a| {
                ok(a.reminder_set(SetReminder {
                    journal: "Diary".into(),
                    at: "21:00".into(),
                    days: "weekends".into(),
                }))
            }),
        ),
        (
            "reminders_take_due",
            Box::new(|a| {
                let noon = chrono::NaiveDate::from_ymd_opt(2099, 1, 1)
                    .and_then(|d| d.and_hms_opt(12, 0, 0))
                    .unwrap();
                ok(a.reminders_take_due(noon))
            }),
        ),
        (
            "set_preferences",
            Box::new(|a| ok(a.set_preferences(Preferences::default()))),
        ),
        (
            "tag_rename",
            Box::new(|a| ok(a.tag_rename("rain", "drizzle"))),
        ),
        (
            "template_add",
            Box::new(|a| ok(a.template_add("Evening", "", "x"))),
        ),
        ("template_remove", Box::new(|a| a.template_remove("Mine"))),
        (
            "template_use",
            Box::new(|a| ok(a.template_use("Mine", Some("Diary"), None))),
        ),
        ("trash_empty", Box::new(|a| ok(a.trash_empty()))),
        (
            "sync_delete_cloud_data",
            Box::new(|a| a.sync_delete_cloud_data()),
        ),
        (
            "sync_keep_here",
            Box::new(|a| ok(a.sync_keep_here("Diary", true))),
        ),
        (
            "sync_login",
            Box::new(|a| {
                ok(a.sync_login(
                    "http://127.0.0.1:9",
                    None,
                    std::time::Duration::from_secs(1),
                    |_| {},
                ))
            }),
        ),
        ("sync_logout", Box::new(|a| a.sync_logout())),
        ("sync_now", Box::new(|a| ok(a.sync_now(false)))),
    ];

    let called: BTreeSet<&str> = ops.iter().map(|(name, _)| *name).collect();
    assert_eq!(called, WRITES.iter().copied().collect(), "call every write");
    for (name, op) in &ops {
        let err = op(&app).expect_err(name);
        assert_eq!(err.code, ErrorCode::CorruptLibrary, "{name}: {err}");
        assert!(err.message.contains("damaged"), "{name}: {err}");
    }
    assert!(
        on_disk(&paths.library()) == before,
        "a refused write changed the library's files"
    );
    // Reads still work, to copy words out.
    assert_eq!(
        app.entry_show(f.entry).unwrap().entry.body,
        "first words, revised"
    );
}
