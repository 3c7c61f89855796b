use super::CmdResult;
use crate::cli::{LlmCmd, StructuredArg};
use crate::output::Output;
use jcc_app::llm::{AddProfile, ProfileList};
use jcc_app::{App, AppError, ErrorCode};
use std::io::Read;
use std::process::ExitCode;

pub fn run(app: &App, cmd: LlmCmd, out: &Output) -> CmdResult {
    match cmd {
        LlmCmd::Add {
            name,
            base_url,
            model,
            structured_output,
            api_key_stdin,
            rpm,
            tpm,
            timeout,
            images_model,
            model_file,
            context,
            threads,
            default,
        } => {
            let model_file = match model_file {
                Some(f) => Some(app.model_resolve(&f)?),
                None => None,
            };
            let api_key = if api_key_stdin {
                let mut key = String::new();
                std::io::stdin().read_to_string(&mut key).map_err(|e| {
                    AppError::new(
                        ErrorCode::Io,
                        format!("can't read the API key from stdin: {e}"),
                    )
                })?;
                if key.trim().is_empty() {
                    return Err(AppError::invalid(
                        "--api-key-stdin was given but stdin was empty",
                    ));
                }
                Some(jcc_llm::ApiKey::new(key))
            } else {
                None
            };
            let info = app.llm_add(AddProfile {
                name,
                base_url: base_url.unwrap_or_default(),
                model: model.unwrap_or_default(),
                structured_output: structured_output.map(StructuredArg::mode),
                api_key,
                requests_per_minute: rpm,
                tokens_per_minute: tpm,
                timeout_secs: timeout,
                images_model,
                model_file,
                context_size: context,
                threads,
                make_default: default,
            })?;
            out.print(&info, |i| {
                format!(
                    "Saved LLM profile {} ({} at {}, {}{}{})",
                    i.profile.name,
                    i.profile.model,
                    i.profile
                        .model_file
                        .as_deref()
                        .unwrap_or(&i.profile.base_url),
                    i.profile.structured_output,
                    if i.profile.has_api_key {
                        ", API key in the OS keyring"
                    } else {
                        ""
                    },
                    if i.is_default { ", default" } else { "" }
                )
            });
        }
        LlmCmd::List => {
            let list = app.llm_list(true)?;
            out.print(&list, human_list);
        }
        LlmCmd::Test { name } => {
            let report = app.llm_test(name.as_deref())?;
            out.print(&report, |r| {
                if r.ok() {
                    format!(
                        "{}: OK ({} answered in {} ms; structured output works)",
                        r.profile, r.chat_url, r.latency_ms
                    )
                } else {
                    let mut s = format!("{}: problems with {}\n", r.profile, r.chat_url);
                    for p in &r.problems {
                        s.push_str(&format!("  - {p}\n"));
                    }
                    s
                }
            });
            if !report.ok() {
                return Ok(ExitCode::from(ErrorCode::LlmUnavailable.exit_code() as u8));
            }
        }
        LlmCmd::Serve { name, port } => {
            return super::model::serve(app, name.as_deref(), port, out)
        }
        LlmCmd::Remove { name } => {
            app.llm_remove(&name)?;
            out.print(&serde_json::json!({"removed": name}), |_| {
                format!("Removed LLM profile {name} (and its API key, if any)")
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn human_list(l: &ProfileList) -> String {
    if l.profiles.is_empty() {
        let mut s = String::from("No LLM profiles yet.\n");
        if l.detected.is_empty() {
            s.push_str("No local server found on 127.0.0.1:11434 (Ollama) or :8080 (llama.cpp).\n");
            s.push_str("Add one: jcc llm add NAME --base-url URL --model MODEL");
        }
        for d in &l.detected {
            s.push_str(&format!(
                "Found {} at {} (models: {}). Use it:\n  jcc llm add {} --base-url {} --model {} --structured-output {}\n",
                d.name,
                d.base_url,
                d.models.join(", "),
                d.name,
                d.base_url,
                d.models.first().map(String::as_str).unwrap_or("MODEL"),
                d.structured_output
            ));
        }
        return s;
    }
    l.profiles
        .iter()
        .map(|p| {
            format!(
                "{}{}  {}  {}  {}{}",
                p.profile.name,
                if p.is_default { " (default)" } else { "" },
                p.profile
                    .model_file
                    .as_deref()
                    .unwrap_or(&p.profile.base_url),
                p.profile.model,
                p.profile.structured_output,
                if p.profile.has_api_key {
                    "  [key in keyring]"
                } else {
                    ""
                }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
