//! `jcc-bench run`: the speed figures, each measured on a fresh library in a temp dir.

use crate::corpus::{Corpus, Probes, JOURNAL_TITLE};
use crate::stats::{fmt_ms, Samples, Summary};
use anyhow::{bail, ensure, Context, Result};
use jcc_app::store::EntryPatch;
use jcc_app::{AddEntry, App, AppPaths, Format, ImportInput, ListEntries, SearchInput};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// What `run` was asked to do.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub entries: usize,
    pub seed: u64,
    pub iterations: usize,
    pub open_runs: usize,
    pub backup_open_runs: usize,
    pub startup_runs: usize,
    pub jcc: PathBuf,
    pub v1_fixture: PathBuf,
    /// Where the temp dirs go (default: the system temp dir).
    pub work_dir: Option<PathBuf>,
}

/// One line of the results table.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub id: &'static str,
    pub figure: String,
    /// The target as people read it, e.g. `p95 < 10 ms`; empty for context rows.
    pub target: String,
    pub target_ms: Option<f64>,
    pub measured: String,
    /// `None` for rows that only give context.
    pub pass: Option<bool>,
    #[serde(flatten)]
    pub summary: Option<Summary>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub entries: usize,
    pub seed: u64,
    pub iterations: usize,
    pub library_bytes: u64,
    pub corpus_json_bytes: u64,
    pub work_dir: PathBuf,
    pub cpus: usize,
    pub started: String,
    pub probes: Probes,
    pub figures: Vec<Figure>,
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "## jcc-bench: {} entries, seed {}, {} iterations\n\n",
            self.entries, self.seed, self.iterations
        ));
        s.push_str(&format!(
            "{} · {} CPUs · library {:.1} MiB · corpus.json {:.1} MiB · temp dir {}\n\n",
            self.started,
            self.cpus,
            self.library_bytes as f64 / 1048576.0,
            self.corpus_json_bytes as f64 / 1048576.0,
            self.work_dir.display()
        ));
        s.push_str("| figure | target | measured | pass/fail |\n|---|---|---|---|\n");
        for f in &self.figures {
            let verdict = match f.pass {
                Some(true) => "pass",
                Some(false) => "**FAIL**",
                None => "(context)",
            };
            let target = if f.target.is_empty() {
                "—"
            } else {
                &f.target
            };
            s.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                f.figure, target, f.measured, verdict
            ));
        }
        let notes: Vec<&Figure> = self.figures.iter().filter(|f| !f.note.is_empty()).collect();
        if !notes.is_empty() {
            s.push_str("\nNotes:\n");
            for f in notes {
                s.push_str(&format!("- {}: {}\n", f.figure, f.note));
            }
        }
        s.push_str(&format!(
            "\nProbes: words {}; phrases {}; tags {}; years {}.\n",
            list(self.probes.words.iter().map(|p| (&p.text, p.entries))),
            list(self.probes.phrases.iter().map(|p| (&p.text, p.entries))),
            list(self.probes.tags.iter().map(|p| (&p.text, p.entries))),
            self.probes
                .ranges
                .iter()
                .map(|r| format!("{}..{} ({})", r.after, r.before, r.entries))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        s
    }

    pub fn failed(&self) -> usize {
        self.figures
            .iter()
            .filter(|f| f.pass == Some(false))
            .count()
    }
}

fn list<'a>(items: impl Iterator<Item = (&'a String, usize)>) -> String {
    items
        .map(|(t, n)| format!("{t} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A row judged on its p95 (the stricter reading of every target).
pub(crate) fn percentiles(
    id: &'static str,
    figure: &str,
    target_ms: f64,
    samples: &Samples,
    note: String,
) -> Figure {
    let summary = samples.summary();
    Figure {
        id,
        figure: figure.to_owned(),
        target: format!("p95 < {}", fmt_ms(target_ms)),
        target_ms: Some(target_ms),
        measured: format!(
            "p50 {} · p95 {} · p99 {} (n={})",
            fmt_ms(summary.p50_ms),
            fmt_ms(summary.p95_ms),
            fmt_ms(summary.p99_ms),
            summary.samples
        ),
        pass: Some(summary.p95_ms < target_ms),
        summary: Some(summary),
        note,
    }
}

pub(crate) fn context(id: &'static str, figure: &str, samples: &Samples, note: String) -> Figure {
    let summary = samples.summary();
    Figure {
        id,
        figure: figure.to_owned(),
        target: String::new(),
        target_ms: None,
        measured: format!(
            "p50 {} · p95 {} · max {} (n={})",
            fmt_ms(summary.p50_ms),
            fmt_ms(summary.p95_ms),
            fmt_ms(summary.max_ms),
            summary.samples
        ),
        pass: None,
        summary: Some(summary),
        note,
    }
}

pub(crate) fn paths(root: &Path) -> AppPaths {
    AppPaths::new(root.join("data"), root.join("config"))
}

pub fn run(opts: &RunOptions) -> Result<Report> {
    let work = match &opts.work_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            tempfile::Builder::new()
                .prefix("jcc-bench-")
                .tempdir_in(dir)?
        }
        None => tempfile::Builder::new().prefix("jcc-bench-").tempdir()?,
    };
    let started = chrono::Local::now().format("%Y-%m-%d %H:%M %Z").to_string();
    let mut figures = Vec::new();

    // The corpus (not timed).
    eprintln!("generating {} entries (seed {})…", opts.entries, opts.seed);
    let t = Instant::now();
    let corpus = Corpus::generate(opts.entries, opts.seed);
    let corpus_dir = work.path().join("corpus");
    let probes = corpus.write_all(&corpus_dir)?;
    let corpus_json = corpus_dir.join("corpus.json");
    let corpus_json_bytes = std::fs::metadata(&corpus_json)?.len();
    eprintln!("  corpus written in {:.1} s", t.elapsed().as_secs_f64());
    ensure!(
        !probes.words.is_empty() && !probes.tags.is_empty(),
        "the corpus is too small to pick probes from"
    );

    // 1. Bulk import into a new library.
    let lib = work.path().join("lib");
    let app = App::open(paths(&lib)).context("opening a new library")?;
    eprintln!("importing…");
    let t = Instant::now();
    let outcome = app.import(ImportInput {
        path: corpus_json.clone(),
        journal: JOURNAL_TITLE.to_owned(),
        format: Some(Format::Json),
        partial: false,
    })?;
    let import = t.elapsed();
    ensure!(
        outcome.imported == opts.entries,
        "imported {} of {} entries ({} problems)",
        outcome.imported,
        opts.entries,
        outcome.problems.len()
    );
    drop(app);
    let library = paths(&lib).library();
    let library_bytes = std::fs::metadata(&library)?.len();
    let per_s = opts.entries as f64 / import.as_secs_f64();
    let import_target = 10_000.0 * opts.entries as f64 / 100_000.0;
    figures.push(Figure {
        id: "import",
        figure: format!("Bulk import of {} entries (JCC JSON)", opts.entries),
        target: format!("< {} for {} entries", fmt_ms(import_target), opts.entries),
        target_ms: Some(import_target),
        measured: format!("{} ({:.0} entries/s)", fmt_ms(import.as_secs_f64() * 1e3), per_s),
        pass: Some(import.as_secs_f64() * 1e3 < import_target),
        summary: None,
        note: format!(
            "App::import of a {:.0} MiB corpus.json into a new journal, reading and parsing the file included; \
             target scaled from 10 s per 100k",
            corpus_json_bytes as f64 / 1048576.0
        ),
    });
    eprintln!(
        "  {} ({per_s:.0} entries/s)",
        fmt_ms(import.as_secs_f64() * 1e3)
    );

    // 3. Opening an existing library.
    figures.extend(open_figures(opts, &lib)?);

    // 2. Search, on a library opened as a writer would open it.
    let app = App::open(paths(&lib))?;
    figures.extend(search_figures(opts, &app, &probes)?);

    // 4. Saves, with the disk's own fsync time beside them for scale.
    figures.extend(save_figures(opts, &app, &corpus)?);
    drop(app);
    figures.push(fsync_figure(opts, work.path())?);

    // 5. Start-up of the jcc binary.
    figures.extend(startup_figure(opts, &lib)?);

    // 6. Exports and the tag list, through the jcc binary.
    figures.extend(crate::export::export_figures(opts, &lib, work.path())?);

    Ok(Report {
        entries: opts.entries,
        seed: opts.seed,
        iterations: opts.iterations,
        library_bytes,
        corpus_json_bytes,
        work_dir: work.path().to_path_buf(),
        cpus: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        started,
        probes,
        figures,
    })
}

fn stamp_of(library: &Path) -> PathBuf {
    let mut name = library.file_name().unwrap_or_default().to_os_string();
    name.push(".checked");
    library.with_file_name(name)
}

fn open_figures(opts: &RunOptions, lib: &Path) -> Result<Vec<Figure>> {
    let library = paths(lib).library();
    let stamp = stamp_of(&library);
    let backups = paths(lib).data_dir.join("backups");
    let remove = |p: &Path| -> Result<()> {
        match std::fs::remove_file(p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    };
    let mut figures = Vec::new();

    // The first open of a day with no backup from the last day: a daily backup of the
    // whole library. Context only (it happens at most once a day).
    eprintln!(
        "opening: first of the day with a daily backup ×{}…",
        opts.backup_open_runs
    );
    let mut with_backup = Samples::default();
    for _ in 0..opts.backup_open_runs {
        remove(&stamp)?;
        if backups.exists() {
            std::fs::remove_dir_all(&backups)?;
        }
        drop(with_backup.time(|| App::open(paths(lib)))?);
    }
    if opts.backup_open_runs == 0 {
        // Later opens must not take the daily backup.
        drop(App::open(paths(lib))?);
    }
    ensure!(backups.exists(), "the store took no backup");

    eprintln!("opening: normal ×{}…", opts.open_runs);
    let mut normal = Samples::default();
    for _ in 0..opts.open_runs {
        drop(normal.time(|| App::open(paths(lib)))?);
    }
    figures.push(percentiles(
        "open",
        &format!(
            "Open the {}-entry library (check stamp fresh)",
            opts.entries
        ),
        50.0,
        &normal,
        "App::open + drop; structural check only, no backup due".into(),
    ));

    eprintln!(
        "opening: first of the day (daily check due) ×{}…",
        opts.open_runs
    );
    let mut checked = Samples::default();
    for _ in 0..opts.open_runs {
        remove(&stamp)?;
        let app = checked.time(|| App::open(paths(lib)))?;
        ensure!(app.integrity_check_due(), "the daily check is not due");
    }
    figures.push(percentiles(
        "open_first_of_day",
        "Open, first of the day (stamp deleted: daily check due)",
        50.0,
        &checked,
        "the .checked stamp deleted before each open; the full quick_check is no longer on the open path \
         (App::check_integrity runs it after open, on its own connection)"
            .into(),
    ));

    // The daily full check itself, off the open path. Context: it runs in the background.
    let check_runs = opts.backup_open_runs.max(1);
    eprintln!("daily full check (quick_check, after open) ×{check_runs}…");
    let app = App::open(paths(lib))?;
    let mut full_check = Samples::default();
    for _ in 0..check_runs {
        remove(&stamp)?;
        full_check.time(|| app.check_integrity())?;
        ensure!(stamp.exists(), "the daily check wrote no stamp");
    }
    drop(app);
    figures.push(context(
        "daily_check",
        "Daily full check (App::check_integrity, after open)",
        &full_check,
        "PRAGMA quick_check on a read-only connection of its own; the desktop app runs it on a \
         background thread once a day, `jcc doctor` on request"
            .into(),
    ));
    if !with_backup.is_empty() {
        figures.push(context(
            "open_first_of_day_backup",
            "Open, first of the day with the daily backup due",
            &with_backup,
            "stamp and backups/ deleted before each open: quick_check plus a full backup copy"
                .into(),
        ));
    }

    eprintln!(
        "opening: schema-1 fixture needing migration ×{}…",
        opts.open_runs
    );
    ensure!(
        opts.v1_fixture.exists(),
        "no schema-1 fixture at {}",
        opts.v1_fixture.display()
    );
    let mut migrate = Samples::default();
    for i in 0..opts.open_runs {
        let root = lib.with_file_name(format!("v1-{i}"));
        let p = paths(&root);
        std::fs::create_dir_all(&p.data_dir)?;
        std::fs::copy(&opts.v1_fixture, p.library())?;
        drop(migrate.time(|| App::open(p.clone()))?);
        std::fs::remove_dir_all(&root)?;
    }
    let fixture_kib = std::fs::metadata(&opts.v1_fixture)?.len() / 1024;
    figures.push(percentiles(
        "open_migrate_v1",
        "Open + migrate a schema-1 library (fixture)",
        50.0,
        &migrate,
        format!(
            "crates/jcc-store/tests/fixtures/library-v1.sqlite3 ({fixture_kib} KiB) copied fresh each time; \
             includes the pre-migration backup. A 100k-entry schema-1 library is not measured"
        ),
    ));
    Ok(figures)
}

fn search_figures(opts: &RunOptions, app: &App, probes: &Probes) -> Result<Vec<Figure>> {
    let words: Vec<&str> = probes.words.iter().map(|p| p.text.as_str()).collect();
    let phrases: Vec<&str> = probes.phrases.iter().map(|p| p.text.as_str()).collect();
    let tags: Vec<&str> = probes.tags.iter().map(|p| p.text.as_str()).collect();
    let ranges = &probes.ranges;
    type QueryFn<'a> = Box<dyn Fn(usize) -> String + 'a>;
    let kinds: Vec<(&'static str, &str, QueryFn)> = vec![
        (
            "search_word",
            "Search: a word",
            Box::new(|i| words[i % words.len()].to_owned()),
        ),
        (
            "search_phrase",
            "Search: a phrase",
            Box::new(|i| format!("\"{}\"", phrases[i % phrases.len()])),
        ),
        (
            "search_tag_date",
            "Search: tag + date range",
            Box::new(|i| {
                let r = &ranges[(i / tags.len()) % ranges.len()];
                format!(
                    "tag:{} after:{} before:{}",
                    tags[i % tags.len()],
                    r.after,
                    r.before
                )
            }),
        ),
        (
            "search_word_tag",
            "Search: word + tag",
            Box::new(|i| {
                format!(
                    "{} tag:{}",
                    words[i % words.len()],
                    tags[(i / words.len()) % tags.len()]
                )
            }),
        ),
    ];
    let mut figures = Vec::new();
    for (id, name, query) in kinds {
        eprintln!("{name} ×{}…", opts.iterations);
        let mut samples = Samples::with_capacity(opts.iterations);
        let mut hits = 0usize;
        let mut empty = 0usize;
        let mut distinct = std::collections::BTreeSet::new();
        for i in 0..opts.iterations {
            let q = query(i);
            let found = samples.time(|| {
                app.search(SearchInput {
                    query: q.clone(),
                    limit: 20,
                    offset: 0,
                })
            })?;
            hits += found.hits.len();
            empty += usize::from(found.hits.is_empty());
            distinct.insert(q);
        }
        if hits == 0 {
            bail!("{name}: no query found anything; the benchmark would measure nothing");
        }
        figures.push(percentiles(
            id,
            name,
            10.0,
            &samples,
            format!(
                "top 20 with snippets via App::search; {} distinct queries, e.g. `{}`; {:.1} hits per query, {} found none",
                distinct.len(),
                query(0),
                hits as f64 / opts.iterations as f64,
                empty
            ),
        ));
    }
    Ok(figures)
}

fn save_figures(opts: &RunOptions, app: &App, corpus: &Corpus) -> Result<Vec<Figure>> {
    let existing = app.entry_list(ListEntries {
        journal: Some(JOURNAL_TITLE.to_owned()),
        limit: Some(opts.iterations.max(1) as i64 * 2),
        ..ListEntries::default()
    })?;
    ensure!(!existing.is_empty(), "no entries to edit");
    let mut figures = Vec::new();

    eprintln!("saving: edits of different entries ×{}…", opts.iterations);
    let mut edits = Samples::with_capacity(opts.iterations);
    for i in 0..opts.iterations {
        let e = &existing[i % existing.len()];
        let body = format!("{}\n\nEdited in benchmark save {i}.", e.body);
        let patch = EntryPatch {
            body: Some(body),
            ..EntryPatch::default()
        };
        edits.time(|| app.entry_edit(e.id, patch))?;
    }
    figures.push(percentiles(
        "save_edit",
        "Save: edit an entry's body",
        5.0,
        &edits,
        "App::entry_edit of a different existing entry each time (each keeps a revision); one committed transaction, synchronous=FULL".into(),
    ));

    eprintln!("saving: autosaves of one entry ×{}…", opts.iterations);
    let mut autosave = Samples::with_capacity(opts.iterations);
    let target = &existing[0];
    for i in 0..opts.iterations {
        let body = format!("{}\n\nAutosave {i}.", target.body);
        let patch = EntryPatch {
            body: Some(body),
            ..EntryPatch::default()
        };
        autosave.time(|| app.entry_edit(target.id, patch))?;
    }
    figures.push(context(
        "save_autosave",
        "Save: repeated edits of one entry (autosave)",
        &autosave,
        "edits within the revision window share one revision".into(),
    ));

    eprintln!("saving: new entries ×{}…", opts.iterations);
    let mut adds = Samples::with_capacity(opts.iterations);
    for i in 0..opts.iterations {
        let src = &corpus.entries[i % corpus.entries.len()];
        let input = AddEntry {
            journal: Some(JOURNAL_TITLE.to_owned()),
            title: corpus.title_text(src),
            body: corpus.body_text(src),
            date: Some(src.at.date()),
            tags: corpus.tag_names(src),
            ..AddEntry::default()
        };
        adds.time(|| app.entry_add(input))?;
    }
    figures.push(percentiles(
        "save_add",
        "Save: add an entry (~200 words, tags)",
        5.0,
        &adds,
        "App::entry_add; one committed transaction, synchronous=FULL".into(),
    ));
    Ok(figures)
}

/// What one durable commit costs on this disk before SQLite does anything: append 4 KiB
/// to a file and fsync it.
fn fsync_figure(opts: &RunOptions, dir: &Path) -> Result<Figure> {
    use std::io::Write as _;
    eprintln!("disk: 4 KiB write + fsync ×{}…", opts.iterations);
    let path = dir.join("fsync-probe");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    let block = vec![b'x'; 4096];
    let mut samples = Samples::with_capacity(opts.iterations);
    for _ in 0..opts.iterations {
        samples.time(|| file.write_all(&block).and_then(|()| file.sync_data()))?;
    }
    drop(file);
    std::fs::remove_file(&path)?;
    Ok(context(
        "disk_fsync",
        "Disk: append 4 KiB + fsync (no SQLite)",
        &samples,
        "the floor under every durable save on this machine's disk".into(),
    ))
}

fn startup_figure(opts: &RunOptions, lib: &Path) -> Result<Vec<Figure>> {
    let p = paths(lib);
    let name = "`jcc journal list --json` start-up (process spawn to exit)";
    if !opts.jcc.exists() {
        return Ok(vec![Figure {
            id: "startup",
            figure: name.into(),
            target: "p95 < 30 ms".into(),
            target_ms: Some(30.0),
            measured: "not measured".into(),
            pass: None,
            summary: None,
            note: format!(
                "no jcc binary at {}; build it with `cargo build --release -p jcc-cli` or pass --jcc",
                opts.jcc.display()
            ),
        }]);
    }
    let command = || {
        let mut c = Command::new(&opts.jcc);
        c.args(["journal", "list", "--json"])
            .env("JCC_DATA_DIR", &p.data_dir)
            .env("JCC_CONFIG_DIR", &p.config_dir)
            .env_remove("JCC_LOG")
            .stdin(Stdio::null());
        c
    };
    // Once, checked, untimed: the binary must really list the bench journal. If it can't
    // (an older build that doesn't know this schema), say so instead of timing a failure.
    let out = command()
        .output()
        .with_context(|| format!("running {}", opts.jcc.display()))?;
    if !(out.status.success() && String::from_utf8_lossy(&out.stdout).contains(JOURNAL_TITLE)) {
        return Ok(vec![Figure {
            id: "startup",
            figure: name.into(),
            target: "p95 < 30 ms".into(),
            target_ms: Some(30.0),
            measured: "not measured".into(),
            pass: None,
            summary: None,
            note: format!(
                "`{} journal list --json` failed or did not list the bench journal ({}): {}",
                opts.jcc.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        }]);
    }
    eprintln!("start-up ×{}…", opts.startup_runs);
    let mut samples = Samples::with_capacity(opts.startup_runs);
    for _ in 0..opts.startup_runs {
        let status = samples.time(|| {
            command()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        })?;
        ensure!(status.success(), "jcc exited with {status}");
    }
    let main = percentiles(
        "startup",
        name,
        30.0,
        &samples,
        format!(
            "{} spawned with JCC_DATA_DIR/JCC_CONFIG_DIR on the bench library; wall time to exit",
            opts.jcc.display()
        ),
    );
    // The same spawn without touching the library: what the process itself costs.
    let mut bare = Samples::with_capacity(opts.startup_runs);
    for _ in 0..opts.startup_runs {
        let status = bare.time(|| {
            Command::new(&opts.jcc)
                .arg("--version")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        })?;
        ensure!(status.success(), "jcc --version exited with {status}");
    }
    let baseline = context(
        "startup_version",
        "`jcc --version` (process start, no library)",
        &bare,
        "spawn, dynamic loading and argument parsing only".into(),
    );
    Ok(vec![main, baseline])
}
