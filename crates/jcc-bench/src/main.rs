//! `jcc-bench`: the speed figures the README promises, measured on a generated diary, and
//! the corpus generator used to compare jcc with jrnl (`scripts/compare-jrnl.sh`).
//!
//! ```text
//! jcc-bench corpus --entries 10000 --seed 1 --out DIR   # corpus.json, jrnl.txt, words.json
//! jcc-bench run [--entries 100000] [--seed 1] [--iterations 200] [--json]
//! ```
//!
//! Build it in release (`cargo run --release -p jcc-bench -- run`); a debug build measures
//! the debug build.

mod corpus;
mod export;
mod rng;
mod run;
mod stats;
mod vocab;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "jcc-bench",
    about = "Speed figures for Journal Craft Crew on a generated diary"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Write a generated diary: DIR/corpus.json (JCC JSON), DIR/jrnl.txt (a jrnl journal
    /// file) and DIR/words.json (the words, phrases, tags and dates the benchmarks probe).
    Corpus {
        #[arg(long, default_value_t = 10_000)]
        entries: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Measure import, search, open, save and start-up on fresh libraries in a temp dir
    /// and print a table of figure | target | measured | pass/fail.
    Run {
        #[arg(long, default_value_t = 100_000)]
        entries: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Runs of each search and save.
        #[arg(long, default_value_t = 200)]
        iterations: usize,
        /// Opens of the library per open figure (normal, first of the day, migration).
        #[arg(long, default_value_t = 30)]
        open_runs: usize,
        /// Opens with the daily backup due (each copies the whole library).
        #[arg(long, default_value_t = 3)]
        backup_open_runs: usize,
        /// Spawns of the jcc binary.
        #[arg(long, default_value_t = 50)]
        startup_runs: usize,
        /// The release jcc binary (default: `jcc` beside this program, else target/release/jcc).
        #[arg(long)]
        jcc: Option<PathBuf>,
        /// A schema-1 library to time the migration on.
        #[arg(long)]
        v1_fixture: Option<PathBuf>,
        /// Where to make the temp libraries (default: the system temp dir). Use a real
        /// disk: on tmpfs an fsync costs nothing and the save figures mean nothing.
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Print JSON instead of the Markdown table.
        #[arg(long)]
        json: bool,
        /// Also write the JSON results to this file.
        #[arg(long)]
        json_out: Option<PathBuf>,
    },
}

fn main() -> Result<ExitCode> {
    match Cli::parse().command {
        Cmd::Corpus { entries, seed, out } => {
            let c = corpus::Corpus::generate(entries, seed);
            let probes = c.write_all(&out)?;
            eprintln!(
                "wrote {} entries to {}: corpus.json, jrnl.txt, words.json (word {:?}, phrase {:?}, tag {:?})",
                entries,
                out.display(),
                probes.word,
                probes.phrase,
                probes.tag
            );
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Run {
            entries,
            seed,
            iterations,
            open_runs,
            backup_open_runs,
            startup_runs,
            jcc,
            v1_fixture,
            work_dir,
            json,
            json_out,
        } => {
            if cfg!(debug_assertions) {
                eprintln!(
                    "warning: this is a debug build; run `cargo run --release -p jcc-bench -- run`"
                );
            }
            let opts = run::RunOptions {
                entries,
                seed,
                iterations: iterations.max(1),
                open_runs,
                backup_open_runs,
                startup_runs,
                jcc: jcc.unwrap_or_else(default_jcc),
                v1_fixture: v1_fixture.unwrap_or_else(|| {
                    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                        .join("../jcc-store/tests/fixtures/library-v1.sqlite3")
                }),
                work_dir,
            };
            let report = run::run(&opts)?;
            let as_json = serde_json::to_string_pretty(&report)?;
            if let Some(path) = json_out {
                std::fs::write(path, format!("{as_json}\n"))?;
            }
            if json {
                println!("{as_json}");
            } else {
                print!("{}", report.markdown());
            }
            // A missed target is a result, not a crash: say so in the exit code for scripts.
            Ok(if report.failed() == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(3)
            })
        }
    }
}

fn default_jcc() -> PathBuf {
    let name = format!("jcc{}", std::env::consts::EXE_SUFFIX);
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .filter(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("target/release").join(name))
}
