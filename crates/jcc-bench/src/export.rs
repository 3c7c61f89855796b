//! Figures that spawn the jcc binary on the bench library: JSON and Markdown export
//! (time and peak memory) and the tag list, as a writer's shell runs them.

use crate::corpus::JOURNAL_TITLE;
use crate::run::{context, paths, percentiles, Figure, RunOptions};
use crate::stats::{fmt_ms, Samples};
use anyhow::{ensure, Context, Result};
use std::path::Path;
use std::process::{Command, Stdio};

/// Peak memory allowed for a Markdown export of 100k entries. Not scaled with the corpus:
/// a streaming export's memory does not grow with the journal, and a process's own
/// baseline (~30 MiB) would fail any smaller share.
const MD_PEAK_MIB: f64 = 100.0;
/// Time allowed for a Markdown export of 100k entries (scaled with the corpus).
const MD_MS_PER_100K: f64 = 2000.0;

pub fn export_figures(opts: &RunOptions, lib: &Path, work: &Path) -> Result<Vec<Figure>> {
    if !opts.jcc.exists() {
        return Ok(Vec::new());
    }
    let p = paths(lib);
    let jcc = |args: &[&str]| {
        let mut c = Command::new(&opts.jcc);
        c.args(args)
            .env("JCC_DATA_DIR", &p.data_dir)
            .env("JCC_CONFIG_DIR", &p.config_dir)
            .env_remove("JCC_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        c
    };
    let mut figures = Vec::new();
    let scale = opts.entries as f64 / 100_000.0;

    eprintln!("tag list (jcc binary) ×{}…", opts.startup_runs);
    let mut tags = Samples::with_capacity(opts.startup_runs);
    for _ in 0..opts.startup_runs {
        let out = tags.time(|| jcc(&["tag", "list", "--json"]).output())?;
        ensure!(
            out.status.success(),
            "jcc tag list failed: {}",
            stderr(&out)
        );
    }
    figures.push(percentiles(
        "tag_list",
        "`jcc tag list --json` (process spawn to exit)",
        50.0,
        &tags,
        format!(
            "every tag with its live-entry count, {} entries",
            opts.entries
        ),
    ));

    let runs = opts.backup_open_runs.max(1);
    let json_out = work.join("export.json");
    eprintln!("export json (jcc binary) ×{runs}…");
    let mut json = Samples::with_capacity(runs);
    let mut json_peak = 0u64;
    for _ in 0..runs {
        let (peak, ok) = json.time(|| {
            peak_kib(jcc(&["export", JOURNAL_TITLE, "--format", "json", "-o"]).arg(&json_out))
        })?;
        ensure!(ok, "jcc export --format json failed");
        json_peak = json_peak.max(peak.unwrap_or(0));
    }
    let size = std::fs::metadata(&json_out)?.len();
    figures.push(context(
        "export_json",
        "`jcc export --format json` (process)",
        &json,
        format!(
            "{:.0} MiB file, peak memory {}; compare with jrnl in scripts/compare-jrnl.sh",
            size as f64 / 1048576.0,
            fmt_peak(json_peak)
        ),
    ));

    let md_out = work.join("export-md");
    eprintln!("export md (jcc binary) ×{runs}…");
    let mut md = Samples::with_capacity(runs);
    let mut md_peak = 0u64;
    for i in 0..runs {
        // The first run writes a new folder; later ones replace the previous export.
        let (peak, ok) = md.time(|| {
            peak_kib(jcc(&["export", JOURNAL_TITLE, "--format", "md", "-o"]).arg(&md_out))
        })?;
        ensure!(ok, "jcc export --format md failed (run {i})");
        md_peak = md_peak.max(peak.unwrap_or(0));
    }
    let files = std::fs::read_dir(&md_out)?.count();
    ensure!(
        files > opts.entries,
        "the Markdown export has {files} files"
    );
    let md_target = MD_MS_PER_100K * scale;
    let summary = md.summary();
    figures.push(Figure {
        id: "export_md",
        figure: format!(
            "`jcc export --format md` of {} entries (process)",
            opts.entries
        ),
        target: format!("max < {}", fmt_ms(md_target)),
        target_ms: Some(md_target),
        measured: format!(
            "p50 {} · max {} (n={})",
            fmt_ms(summary.p50_ms),
            fmt_ms(summary.max_ms),
            summary.samples
        ),
        pass: Some(summary.max_ms < md_target),
        summary: Some(summary),
        note: "one file per entry plus journal.yaml, written to a temp folder (no fsync per \
               file, one of the folder), swapped into place; later runs replace the \
               previous export"
            .into(),
    });
    let peak_target = MD_PEAK_MIB;
    figures.push(Figure {
        id: "export_md_peak",
        figure: "Peak memory of the Markdown export".into(),
        target: format!("< {peak_target:.0} MiB"),
        target_ms: None,
        measured: fmt_peak(md_peak),
        pass: (md_peak > 0).then(|| (md_peak as f64 / 1024.0) < peak_target),
        summary: None,
        note: "maximum resident set size of the jcc process, from /usr/bin/time -f %M".into(),
    });
    Ok(figures)
}

/// Runs `cmd` under `/usr/bin/time -f %M` when there is one: (peak KiB, success).
fn peak_kib(cmd: &mut Command) -> Result<(Option<u64>, bool)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        let out = cmd.output().context("running jcc")?;
        return Ok((None, out.status.success()));
    }
    let mut wrapped = Command::new(time);
    wrapped
        .args(["-f", "%M"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env_remove("JCC_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    let out = wrapped
        .output()
        .context("running jcc under /usr/bin/time")?;
    let text = String::from_utf8_lossy(&out.stderr);
    let peak = text.lines().last().and_then(|l| l.trim().parse().ok());
    Ok((peak, out.status.success()))
}

fn fmt_peak(kib: u64) -> String {
    if kib == 0 {
        "not measured (no /usr/bin/time)".into()
    } else {
        format!("{:.0} MiB", kib as f64 / 1024.0)
    }
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_owned()
}
