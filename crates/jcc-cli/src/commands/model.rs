//! `jcc model ...`: GGUF files in the models folder, the catalog and its downloads; and
//! `jcc llm serve`, the on-device model as an OpenAI-compatible server on loopback.

use super::CmdResult;
use crate::cli::ModelCmd;
use crate::output::Output;
use jcc_app::{App, AppError, DownloadProgress, ErrorCode};
use jcc_llm_local::{catalog, LocalChat};
use std::io::Write;
use std::process::ExitCode;
use tokio_util::sync::CancellationToken;

fn runtime() -> Result<tokio::runtime::Runtime, AppError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("can't start the async runtime: {e}"),
            )
        })
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

pub fn run(app: &App, cmd: ModelCmd, out: &Output) -> CmdResult {
    let store = app.model_store()?;
    match cmd {
        ModelCmd::Add {
            file,
            link,
            context,
        } => {
            let m = store.add(&file, link, context)?;
            out.print(&m, |m| {
                format!(
                    "Added {} ({} model, {}){}; use it: jcc llm add NAME --model-file {}",
                    m.name,
                    m.architecture.as_deref().unwrap_or("?"),
                    mb(m.bytes),
                    if m.linked { ", linked" } else { "" },
                    m.name
                )
            });
        }
        ModelCmd::List => {
            let list = store.list();
            out.print(&list, |l| {
                if l.is_empty() {
                    return format!(
                        "No models in {} yet. Add one: jcc model add FILE.gguf, or jcc model download ID (see jcc model catalog)",
                        store.dir().display()
                    );
                }
                l.iter()
                    .map(|m| {
                        format!(
                            "{}  {}  {}{}{}",
                            m.name,
                            mb(m.bytes),
                            m.architecture.as_deref().unwrap_or("-"),
                            if m.linked { "  (linked)" } else { "" },
                            m.problem.as_deref().map(|p| format!("  UNUSABLE: {p}")).unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ModelCmd::Remove { name } => {
            let path = app.model_remove(&name)?;
            out.print(&serde_json::json!({"removed": path}), |_| {
                format!("Removed {}", path.display())
            });
        }
        ModelCmd::Catalog => {
            out.print(&catalog::CATALOG, |c| {
                c.iter()
                    .map(|m| {
                        format!(
                            "{}  {}  {}  {}\n  {}",
                            m.id,
                            m.name,
                            mb(m.bytes),
                            m.licence,
                            m.note
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ModelCmd::Download { id } => {
            let shown = std::sync::Mutex::new(0u64);
            // Progress on stderr, at most every 5%, so logs stay short.
            let progress = |p: &DownloadProgress| {
                let total = p.total.max(1);
                let pct = p.have * 100 / total;
                let mut last = shown.lock().unwrap_or_else(|e| e.into_inner());
                if pct >= *last + 5 || p.have == total {
                    *last = pct;
                    eprintln!("{}: {pct}% ({} of {})", p.id, mb(p.have), mb(total));
                }
            };
            let m = app.model_download(&id, &CancellationToken::new(), &progress)?;
            out.print(&serde_json::json!({"path": m.path, "id": id}), |_| {
                format!(
                    "Downloaded {} (checksum verified); use it: jcc llm add NAME --model-file {id}",
                    m.path
                )
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `jcc llm serve`: loads the profile's model, listens on loopback, serves until Ctrl-C.
pub fn serve(app: &App, name: Option<&str>, port: u16, out: &Output) -> CmdResult {
    let profile = app.llm_profile(name)?;
    if !profile.is_local() {
        return Err(AppError::invalid(format!(
            "profile {:?} is a server already; `jcc llm serve` serves a model file (add one with `jcc llm add NAME --model-file PATH`)",
            profile.name
        )));
    }
    let chat = LocalChat::open(profile)?;
    let rt = runtime()?;
    let listener = rt.block_on(jcc_llm_local::serve::bind(port)).map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!("can't listen on 127.0.0.1:{port} ({e}); pick another --port"),
        )
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let base_url = format!("http://{addr}/v1");
    let model = chat.model().path().display().to_string();
    out.print(
        &serde_json::json!({"base_url": base_url, "model_file": model}),
        |_| format!("Serving {model} at {base_url} (Ctrl-C stops)"),
    );
    let _ = std::io::stdout().flush();
    let shutdown = CancellationToken::new();
    let stop = shutdown.clone();
    rt.block_on(async move {
        tokio::spawn(async move {
            let _ = tokio::signal::ctrl_c().await;
            stop.cancel();
        });
        jcc_llm_local::serve::serve(listener, chat, shutdown).await
    })
    .map_err(|e| AppError::new(ErrorCode::Io, format!("the server stopped: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
