use super::CmdResult;
use crate::cli::{PromptCmd, TemplateCmd};
use crate::input;
use crate::output::Output;
use jcc_app::{App, AppError};
use std::process::ExitCode;

pub fn run(app: &App, cmd: TemplateCmd, out: &Output) -> CmdResult {
    match cmd {
        TemplateCmd::Add {
            name,
            category,
            body,
        } => {
            let body = input::body(body, "", app.config(), true)?.unwrap_or_default();
            if body.trim().is_empty() {
                return Err(AppError::invalid(
                    "the template is empty, so nothing was saved",
                ));
            }
            let t = app.template_add(&name, &category, &body)?;
            out.print(&t, |t| format!("Saved template \"{}\"", t.name));
        }
        TemplateCmd::List => {
            let list = app.template_list()?;
            out.print(&list, |list| {
                list.iter()
                    .map(|t| {
                        format!(
                            "{:<20} {:<12}{}",
                            t.name,
                            t.category,
                            if t.builtin { " (built in)" } else { "" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        TemplateCmd::Use {
            name,
            journal,
            date,
        } => {
            let date = input::date(date.as_deref())?;
            let e = app.template_use(&name, journal.as_deref(), date)?;
            out.print(&e, |e| {
                format!(
                    "Started entry {} from \"{name}\"; edit it with: jcc entry edit {}",
                    e.id, e.id
                )
            });
        }
        TemplateCmd::Remove { name } => {
            app.template_remove(&name)?;
            out.print(&serde_json::json!({ "removed": name }), |_| {
                format!("Removed template \"{name}\"")
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_prompt(app: &App, cmd: PromptCmd, out: &Output) -> CmdResult {
    match cmd {
        PromptCmd::List { category } => {
            let list = app.prompt_list(category.as_deref())?;
            out.print(&list, |l| {
                l.iter()
                    .map(|p| format!("[{}] {}", p.category, p.text))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        PromptCmd::Today => {
            let p = app.prompt_today()?;
            out.print(&p, |p| {
                p.as_ref()
                    .map(|p| p.text.clone())
                    .unwrap_or_else(|| "No prompts.".into())
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
