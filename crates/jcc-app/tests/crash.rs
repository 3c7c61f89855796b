//! Crash safety: a writer process saving entries in a loop is killed with SIGKILL at a
//! random moment; the library must open cleanly and hold every save it acknowledged.
//!
//! The child is this same test binary, re-run with `JCC_CRASH_CHILD` set. Rounds default
//! to a handful for CI; the soak is `JCC_CRASH_ROUNDS=300 cargo test -p jcc-app --release
//! --test crash`.

use jcc_app::store::{EntryFilter, IntegrityCheck, OpenOptions};
use jcc_app::{AddEntry, App, AppPaths, DoctorOptions};
use rand::Rng;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "JCC_CRASH_CHILD";

fn paths(dir: &Path) -> AppPaths {
    AppPaths::new(dir.join("data"), dir.join("config"))
}

/// The child: save, then say so, forever. Also edits, so revisions are written too.
#[test]
fn crash_child_writer() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let app = App::open(paths(Path::new(&dir))).expect("child opens the library");
    let start: usize = std::env::var("JCC_CRASH_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    for n in start.. {
        let e = app
            .entry_add(AddEntry {
                journal: Some("Crash".into()),
                body: format!("save number {n} {}", "lorem ipsum ".repeat(n % 50)),
                tags: vec![format!("t{}", n % 7)],
                ..Default::default()
            })
            .expect("save");
        if n % 3 == 0 {
            app.entry_edit(
                e.id,
                jcc_app::store::EntryPatch {
                    body: Some(format!("save number {n} edited")),
                    ..Default::default()
                },
            )
            .expect("edit");
        }
        // Acknowledged only after the save returned: this is what the writer saw.
        println!("ACK {n}");
    }
}

#[test]
fn killed_mid_save_loses_nothing_acknowledged() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let rounds: usize = std::env::var("JCC_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut rng = rand::thread_rng();
    let mut acked: Vec<usize> = Vec::new();
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_child_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .env("JCC_CRASH_START", (round * 1_000_000).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| {
                    l.strip_prefix("ACK ")
                        .and_then(|n| n.trim().parse::<usize>().ok())
                })
                .collect::<Vec<_>>()
        });
        // Kill at a random moment after it has started writing.
        let deadline = Instant::now() + Duration::from_millis(rng.gen_range(150..900));
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        acked.extend(reader.join().unwrap());

        // Opens cleanly, full integrity check, and every acknowledged save is there.
        let full = OpenOptions {
            integrity: IntegrityCheck::Full,
            daily_backup: false,
        };
        let app = App::open_with(paths(dir.path()), &full)
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        let bodies: std::collections::HashSet<String> = app
            .store()
            .list_entries(&EntryFilter::default())
            .unwrap()
            .into_iter()
            .map(|e| e.body)
            .collect();
        for n in &acked {
            let saved = bodies
                .iter()
                .any(|b| b.starts_with(&format!("save number {n} ")));
            assert!(saved, "round {round}: acknowledged save {n} is missing");
        }
        drop(app);
        let report = App::doctor(&paths(dir.path()), &DoctorOptions::default())
            .unwrap()
            .report;
        assert!(report.healthy(), "round {round}: {:?}", report.checks);
    }
    assert!(
        acked.len() > rounds,
        "the child saved something each round ({} acks)",
        acked.len()
    );
}
