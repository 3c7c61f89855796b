//! Logs: warnings to stderr, more to a daily rolling file in the data directory.

use std::path::Path;
use tracing_subscriber::{fmt, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter, Layer};

/// Keeps the log file writer alive; hold it until exit.
pub use tracing_appender::non_blocking::WorkerGuard as Guard;

/// Lines the log file's writer thread may have queued; past that, lines are dropped (as
/// with the library's default) rather than making the caller wait for the disk.
const LOG_QUEUE_LINES: usize = 4096;

/// Starts logging; keep the guard alive until exit so the file is flushed.
/// `JCC_LOG` overrides the stderr filter, `file_filter` (from config) the file's.
pub fn init(log_dir: &Path, file_filter: Option<&str>, verbose: bool) -> Option<Guard> {
    let stderr_filter = EnvFilter::try_from_env("JCC_LOG")
        .unwrap_or_else(|_| EnvFilter::new(if verbose { "debug" } else { "warn" }));
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .with_filter(stderr_filter);

    // The file layer is optional: an unwritable log dir must not stop the writer working.
    let (file_layer, guard) = match std::fs::create_dir_all(log_dir).ok().and_then(|_| {
        tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix("jcc")
            .filename_suffix("log")
            .max_log_files(14)
            .build(log_dir)
            .ok()
    }) {
        Some(appender) => {
            // The default queue (128,000 lines) is allocated and touched up front: 4 MiB,
            // ~1,000 page faults, the largest cost of a `jcc search` on a small library.
            // A command logs a handful of lines, the window a few per action.
            let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
                .buffered_lines_limit(LOG_QUEUE_LINES)
                .finish(appender);
            let filter = EnvFilter::try_new(file_filter.unwrap_or("info"))
                .unwrap_or_else(|_| EnvFilter::new("info"));
            let layer = fmt::layer()
                .with_writer(writer)
                .with_ansi(false)
                .with_filter(filter);
            (Some(layer), Some(guard))
        }
        None => (None, None),
    };
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file_layer)
        .try_init();
    guard
}
