//! Reading what the writer typed: entry bodies and dates.

use jcc_app::{App, AppError, AppResult, Config, ErrorCode};
use std::io::{IsTerminal, Read};
use std::process::Command;

/// Parses a date the way writers type them.
pub fn date(input: Option<&str>) -> AppResult<Option<chrono::NaiveDate>> {
    input
        .map(|s| {
            jcc_app::store::dates::parse_day(s, App::today())
                .map_err(|e| AppError::invalid(e.to_string()))
        })
        .transpose()
}

/// The text from `--body`, else piped stdin, else the editor (starting from `initial`).
/// `None` when nothing was given and no editor should open.
pub fn body(
    given: Option<String>,
    initial: &str,
    config: &Config,
    open_editor: bool,
) -> AppResult<Option<String>> {
    if given.is_some() {
        return Ok(given);
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut text = String::new();
        stdin
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| AppError::invalid(format!("can't read the entry from stdin: {e}")))?;
        return Ok(Some(text));
    }
    if open_editor {
        return editor(initial, config).map(Some);
    }
    Ok(None)
}

/// Opens $VISUAL/$EDITOR (or the configured editor) on a temp file. If the editor fails,
/// the file is kept and its path given, so no words are lost.
fn editor(initial: &str, config: &Config) -> AppResult<String> {
    let program = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .or_else(|| config.editor.clone())
        .unwrap_or_else(|| "vi".into());
    let file = tempfile::Builder::new()
        .prefix("jcc-entry-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Io,
                format!("can't create a file for the editor: {e}"),
            )
        })?;
    std::fs::write(file.path(), initial).map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!("can't write {}: {e}", file.path().display()),
        )
    })?;
    // Through the shell, so EDITOR="code --wait" works as it does for git.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{program} \"$1\""))
        .arg("jcc-editor")
        .arg(file.path())
        .status();
    let text = std::fs::read_to_string(file.path()).unwrap_or_default();
    match status {
        Ok(s) if s.success() => Ok(text),
        other => {
            let kept = file
                .keep()
                .map(|(_, p)| p.display().to_string())
                .unwrap_or_default();
            let why = match other {
                Ok(s) => format!("exited with {s}"),
                Err(e) => e.to_string(),
            };
            Err(AppError::invalid(format!(
                "the editor `{program}` {why}; nothing was saved, your text is in {kept}"
            )))
        }
    }
}
