//! Printing results: text for people, `--json` for scripts.

use jcc_app::AppError;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
    color: bool,
}

impl Output {
    pub fn new(json: bool) -> Self {
        let color =
            !json && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Self { json, color }
    }

    /// Prints `value` as JSON, or the text `human` builds from it.
    pub fn print<T: Serialize>(&self, value: &T, human: impl FnOnce(&T) -> String) {
        let text = if self.json {
            serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        } else {
            human(value)
        };
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`jcc ... | head`) is not an error worth a panic.
        let _ = writeln!(stdout, "{}", text.trim_end_matches('\n'));
    }

    pub fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn dim(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[2m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Reports an error on stderr (as `{"error": {...}}` in JSON mode) with its exit code.
    pub fn fail(&self, e: &AppError) -> ExitCode {
        tracing::debug!(code = e.code.as_str(), message = %e.message, "command failed");
        let text = if self.json {
            serde_json::to_string_pretty(&serde_json::json!({ "error": e })).unwrap_or_default()
        } else {
            format!("jcc: {}", e.message)
        };
        // Not eprintln!: it panics when stderr can't be written (a full disk, a closed pipe).
        let _ = writeln!(std::io::stderr().lock(), "{text}");
        ExitCode::from(e.code.exit_code() as u8)
    }
}

/// Milliseconds since the epoch as a local date and time.
pub fn local_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}
