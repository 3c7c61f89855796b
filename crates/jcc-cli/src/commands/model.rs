//! `jcc model ...`: GGUF files in the models folder, the catalog and its downloads; and
//! `jcc llm serve`, the on-device model as an OpenAI-compatible server on loopback.

use super::CmdResult;
use crate::cli::ModelCmd;
use crate::output::Output;
use jcc_app::{App, AppError, ErrorCode};
use jcc_llm_local::{catalog, DownloadSpec, LocalChat, ModelStore};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use tokio_util::sync::CancellationToken;

fn store(app: &App) -> Result<ModelStore, AppError> {
    let paths = app.paths().ok_or_else(|| {
        AppError::new(
            ErrorCode::Config,
            "an in-memory library has no models folder",
        )
    })?;
    Ok(ModelStore::new(paths.data_dir.join("models")))
}

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

/// What `--model-file` names: an existing path, a model in the folder, or a catalog id
/// that has been downloaded.
pub fn resolve(app: &App, name: &str) -> Result<String, AppError> {
    if Path::new(name).exists() {
        return Ok(name.to_string());
    }
    let store = store(app)?;
    if let Some(p) = store.find(name) {
        return Ok(p.display().to_string());
    }
    if let Some(m) = catalog::find(name) {
        return store
            .find(m.file)
            .map(|p| p.display().to_string())
            .ok_or_else(|| {
                AppError::invalid(format!(
                "the catalog model {name} is not downloaded yet; run `jcc model download {}` first",
                m.id
            ))
            });
    }
    Err(AppError::new(
        ErrorCode::NotFound,
        format!("there is no model file {name:?}: give a path to a .gguf file, a name from `jcc model list` or an id from `jcc model catalog`"),
    ))
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

pub fn run(app: &App, cmd: ModelCmd, out: &Output) -> CmdResult {
    let store = store(app)?;
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
            let path = store.remove(&name)?;
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
            let m = catalog::find(&id).ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!("there is no catalog model {id:?}; `jcc model catalog` lists them"),
                )
            })?;
            let spec = DownloadSpec {
                url: m.url.into(),
                sha256: m.sha256.into(),
                file: m.file.into(),
            };
            let shown = std::sync::Mutex::new(0u64);
            // Progress on stderr, at most every 5%, so logs stay short.
            let progress = |have: u64, total: Option<u64>| {
                let total = total.unwrap_or(m.bytes).max(1);
                let pct = have * 100 / total;
                let mut last = shown.lock().unwrap_or_else(|e| e.into_inner());
                if pct >= *last + 5 || have == total {
                    *last = pct;
                    eprintln!("{}: {pct}% ({} of {})", m.id, mb(have), mb(total));
                }
            };
            let path = runtime()?.block_on(jcc_llm_local::download(
                &spec,
                store.dir(),
                &CancellationToken::new(),
                &progress,
            ))?;
            out.print(&serde_json::json!({"path": path, "id": m.id}), |_| {
                format!(
                    "Downloaded {} (checksum verified); use it: jcc llm add NAME --model-file {}",
                    path.display(),
                    m.id
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
