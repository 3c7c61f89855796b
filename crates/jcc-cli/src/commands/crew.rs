use super::CmdResult;
use crate::cli::{CrewCmd, DepthArg};
use crate::output::{local_time, Output};
use jcc_app::crew::{CancellationToken, CrewHooks, CrewRunOptions, SavedTheme, StartCrewRun};
use jcc_app::{App, AppError, AppResult};
use jcc_crew::engine::RunSummary;
use jcc_crew::{CrewEvent, Decider, Decision, RunInputs};
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Mutex;

/// Answers the crew's questions: `--yes` takes the first option, a terminal asks, and
/// anything else pauses the run (resume it with `--pick N` or `--yes`).
struct CliDecider {
    yes: bool,
    interactive: bool,
}

fn ask(question: &str) -> Option<String> {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question} ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    Some(line.trim().to_string())
}

impl Decider for CliDecider {
    fn choose(&self, question: &str, options: &[String]) -> Decision<usize> {
        if self.yes {
            return Decision::Answer(0);
        }
        if !self.interactive {
            return Decision::Pause;
        }
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "\n{question}");
        for (i, o) in options.iter().enumerate() {
            let _ = writeln!(err, "  {:>2}. {o}", i + 1);
        }
        drop(err);
        match ask("Number (Enter for 1):").map(|a| a.parse::<usize>()) {
            Some(Ok(n)) if (1..=options.len()).contains(&n) => Decision::Answer(n - 1),
            Some(_) => Decision::Answer(0),
            None => Decision::Pause,
        }
    }

    fn confirm(&self, question: &str) -> Decision<bool> {
        if self.yes {
            return Decision::Answer(true);
        }
        if !self.interactive {
            return Decision::Pause;
        }
        match ask(&format!("{question} [Y/n]")) {
            Some(a)
                if a.is_empty() || a.eq_ignore_ascii_case("y") || a.eq_ignore_ascii_case("yes") =>
            {
                Decision::Answer(true)
            }
            _ => Decision::Pause,
        }
    }
}

/// Progress on stderr: a line per step with a bar filled by streamed tokens.
struct Progress {
    tty: bool,
    stream_text: bool,
    current: Mutex<(String, usize, u32)>,
}

impl Progress {
    fn on_event(&self, e: &CrewEvent) {
        let mut err = std::io::stderr().lock();
        let mut cur = self.current.lock().unwrap_or_else(|p| p.into_inner());
        match e {
            CrewEvent::RunStarted { run_id, resumed } => {
                let _ = writeln!(
                    err,
                    "{} crew run {run_id}",
                    if *resumed { "Resuming" } else { "Starting" }
                );
            }
            CrewEvent::StepStarted {
                step,
                index,
                total,
                max_tokens,
                ..
            } => {
                *cur = (format!("[{index:>2}/{total}] {step:<14}"), 0, *max_tokens);
                if self.tty {
                    let _ = write!(err, "{} {}", cur.0, bar(0, *max_tokens));
                } else {
                    let _ = writeln!(err, "{} ...", cur.0);
                }
            }
            CrewEvent::Delta { text, .. } => {
                cur.1 += text.len();
                if self.stream_text {
                    let _ = write!(err, "{text}");
                } else if self.tty {
                    let _ = write!(err, "\r{} {}", cur.0, bar(cur.1 / 4, cur.2));
                }
            }
            CrewEvent::Retry {
                step,
                attempt,
                reason,
                delay_ms,
            } => {
                let _ = writeln!(
                    err,
                    "\n  {step}: {reason}; retry {attempt} in {:.1} s",
                    *delay_ms as f64 / 1000.0
                );
            }
            CrewEvent::Reask {
                step,
                attempt,
                reason,
            } => {
                let _ = writeln!(
                    err,
                    "\n  {step}: reply not accepted ({reason}); asking again ({attempt})"
                );
            }
            CrewEvent::StepFinished {
                step,
                tokens_in,
                tokens_out,
                ms,
                warnings,
                ..
            } => {
                let line = format!(
                    "{} done in {:.1} s, {tokens_in} in / {tokens_out} out tokens",
                    if self.tty {
                        format!("\r{} {}", cur.0, bar(cur.2 as usize, cur.2))
                    } else {
                        format!("  {step}")
                    },
                    *ms as f64 / 1000.0
                );
                let _ = writeln!(err, "{line}");
                for w in warnings {
                    let _ = writeln!(err, "  note: {w}");
                }
            }
            CrewEvent::StepSkipped { step, reason } => {
                let _ = writeln!(err, "  {step}: skipped ({reason})");
            }
            CrewEvent::Paused { run_id, question } => {
                let _ = writeln!(
                    err,
                    "Paused: {question}\nAnswer with `jcc crew resume {run_id} --pick N` (or `--yes` to take the first / continue)."
                );
            }
            CrewEvent::RunFinished { .. } | CrewEvent::RunFailed { .. } => {}
        }
    }
}

fn bar(done: usize, max: u32) -> String {
    let width = 20;
    let filled = (done * width / (max.max(1) as usize)).min(width);
    format!("▕{}{}▏", "█".repeat(filled), "░".repeat(width - filled))
}

fn hooks_run(
    app: &App,
    out: &Output,
    yes: bool,
    stream: bool,
    work: impl FnOnce(CrewHooks<'_>) -> AppResult<RunSummary>,
) -> AppResult<RunSummary> {
    let _ = app;
    let decider = CliDecider {
        yes,
        interactive: std::io::stdin().is_terminal() && !out.json,
    };
    let progress = Progress {
        tty: std::io::stderr().is_terminal(),
        stream_text: stream,
        current: Mutex::new((String::new(), 0, 1)),
    };
    let on_event = |e: &CrewEvent| progress.on_event(e);
    work(CrewHooks {
        decider: &decider,
        on_event: &on_event,
        cancel: CancellationToken::new(),
    })
}

fn print_summary(out: &Output, s: &RunSummary) {
    let value = serde_json::json!({
        "run_id": s.run_id,
        "journal_id": s.journal_id,
        "status": s.status,
        "tokens_in": s.tokens_in,
        "tokens_out": s.tokens_out,
        "tokens_total": s.tokens_in + s.tokens_out,
        "steps_finished": s.steps_finished,
        "steps_failed": s.steps_failed,
        "question": s.question,
        "error": s.error,
    });
    out.print(&value, |_| {
        let mut t = format!(
            "Crew run {}: {}. Tokens: {} in, {} out ({} total).",
            s.run_id,
            s.status,
            s.tokens_in,
            s.tokens_out,
            s.tokens_in + s.tokens_out
        );
        if let Some(j) = s.journal_id {
            t.push_str(&format!(
                "\nJournal {j}: see it with `jcc entry list --journal {j}`."
            ));
        }
        t
    });
}

/// Prints the run's state even when it failed, then passes the error on.
fn finish(app: &App, out: &Output, run_id: i64, result: AppResult<RunSummary>) -> CmdResult {
    match result {
        Ok(s) => {
            print_summary(out, &s);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if let Ok(st) = app.crew_status(run_id) {
                print_summary(out, &st.summary);
            }
            Err(e)
        }
    }
}

pub fn run(app: &App, cmd: CrewCmd, out: &Output) -> CmdResult {
    match cmd {
        CrewCmd::Run {
            theme,
            preset,
            title,
            title_style,
            voice,
            depth,
            lead_magnet,
            profile,
            yes,
            stream,
            language,
            image_dir,
        } => {
            let preset = preset.map(|name| app.crew_theme(&name)).transpose()?;
            let from_preset = |pick: fn(&SavedTheme) -> &str| {
                preset
                    .as_ref()
                    .map(|p| pick(p).to_string())
                    .filter(|v| !v.trim().is_empty())
            };
            let depth = match depth {
                Some(d) => d.depth(),
                None => from_preset(|p| &p.depth)
                    .and_then(|d| d.parse().ok())
                    .unwrap_or_default(),
            };
            let inputs = RunInputs {
                theme: theme
                    .or_else(|| from_preset(|p| &p.theme))
                    .unwrap_or_default(),
                title: title.unwrap_or_default(),
                title_style: title_style
                    .or_else(|| from_preset(|p| &p.title_style))
                    .unwrap_or_default(),
                voice: voice
                    .or_else(|| from_preset(|p| &p.voice))
                    .unwrap_or_default(),
                depth,
                lead_magnet,
                language: language.unwrap_or_default(),
                image_dir,
            };
            let run_id = app.crew_start(StartCrewRun {
                inputs,
                profile,
                crew: None,
            })?;
            let result = hooks_run(app, out, yes, stream, |hooks| {
                app.crew_run(
                    run_id,
                    CrewRunOptions {
                        stream: true,
                        overwrite_writer_edits: false,
                    },
                    hooks,
                )
            });
            finish(app, out, run_id, result)
        }
        CrewCmd::Resume {
            run,
            pick,
            yes,
            stream,
        } => {
            if let Some(n) = pick {
                app.crew_answer(run, n)?;
            }
            let result = hooks_run(app, out, yes, stream, |hooks| {
                app.crew_run(
                    run,
                    CrewRunOptions {
                        stream: true,
                        overwrite_writer_edits: false,
                    },
                    hooks,
                )
            });
            finish(app, out, run, result)
        }
        CrewCmd::RerunStep {
            run,
            step,
            note,
            overwrite,
        } => {
            let result = hooks_run(app, out, true, false, |hooks| {
                app.crew_rerun_step(
                    run,
                    &step,
                    note.as_deref().unwrap_or(""),
                    CrewRunOptions {
                        stream: true,
                        overwrite_writer_edits: overwrite,
                    },
                    hooks,
                )
            });
            finish(app, out, run, result)
        }
        CrewCmd::Cancel { run } => {
            let s = app.crew_cancel(run)?;
            print_summary(out, &s);
            Ok(ExitCode::SUCCESS)
        }
        CrewCmd::List { limit } => {
            let runs = app.crew_list(limit)?;
            out.print(&runs, |runs| {
                if runs.is_empty() {
                    return "No crew runs yet; start one with `jcc crew run --theme ...`".into();
                }
                runs.iter()
                    .map(|r| {
                        format!(
                            "{:>4}  {:<9} {}  {}  journal {}  {} tokens",
                            r.id,
                            r.status,
                            local_time(r.created_at),
                            r.inputs.get("theme").and_then(|t| t.as_str()).unwrap_or(""),
                            r.journal_id
                                .map(|j| j.to_string())
                                .unwrap_or_else(|| "-".into()),
                            r.tokens_in + r.tokens_out
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(ExitCode::SUCCESS)
        }
        CrewCmd::Status { run } => {
            let st = app.crew_status(run)?;
            out.print(&st, |st| {
                let mut s = format!(
                    "Crew run {} ({}): {}; {} in / {} out tokens\n",
                    st.run.id, st.run.crew, st.run.status, st.run.tokens_in, st.run.tokens_out
                );
                if let Some(score) = st.summary.quality.score {
                    s.push_str(&format!(
                        "Quality: {:.0}% ({} of {} fields clean on the first try)\n",
                        score * 100.0,
                        st.summary.quality.passed_first,
                        st.summary.quality.fields
                    ));
                }
                if let Some(q) = &st.summary.question {
                    s.push_str(&format!("Waiting for: {q}\n"));
                }
                if let Some(e) = &st.run.error {
                    s.push_str(&format!("Error: {e}\n"));
                }
                for step in &st.steps {
                    s.push_str(&format!(
                        "  {:<14} {:<8} {} tries  {:>6} ms  {}+{} tokens{}\n",
                        step.step,
                        step.status,
                        step.attempts,
                        step.ms,
                        step.tokens_in,
                        step.tokens_out,
                        step.error
                            .as_ref()
                            .map(|e| format!("  {e}"))
                            .unwrap_or_default()
                    ));
                }
                s
            });
            Ok(ExitCode::SUCCESS)
        }
        CrewCmd::Definition { copy } => {
            let path = if copy {
                Some(app.crew_copy_definition()?)
            } else {
                None
            };
            let def = app.crew_definition(None)?;
            let info = serde_json::json!({
                "name": def.name,
                "file": def.file,
                "copied_to": path,
                "agents": def.agents.iter().map(|a| &a.id).collect::<Vec<_>>(),
                "tasks": def.tasks.iter().map(|t| &t.id).collect::<Vec<_>>(),
            });
            out.print(&info, |_| {
                let mut s = format!(
                    "Crew {:?} from {} is valid: {} tasks.",
                    def.name,
                    def.file.display(),
                    def.tasks.len()
                );
                if let Some(p) = &path {
                    s.push_str(&format!("\nYour copy to edit: {}", p.display()));
                }
                s
            });
            Ok(ExitCode::SUCCESS)
        }
        CrewCmd::SaveTheme {
            name,
            theme,
            title_style,
            voice,
            depth,
        } => {
            let saved = app.crew_save_theme(SavedTheme {
                id: 0,
                name,
                theme,
                title_style: title_style.unwrap_or_else(|| "inspirational".into()),
                voice: voice.unwrap_or_default(),
                depth: depth.unwrap_or(DepthArg::Medium).depth().as_str().into(),
                builtin: false,
            })?;
            out.print(&saved, |t| {
                format!(
                    "Saved theme {:?}; start a journal from it with `jcc crew run --preset {:?}`.",
                    t.name, t.name
                )
            });
            Ok(ExitCode::SUCCESS)
        }
        CrewCmd::Themes => {
            let themes = app.crew_themes()?;
            out.print(&themes, |t| {
                t.iter()
                    .map(|t| {
                        format!(
                            "{:<14} {}  ({}, {}){}",
                            t.name,
                            t.theme,
                            t.title_style,
                            t.depth,
                            if t.builtin { "" } else { "  [yours]" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(ExitCode::SUCCESS)
        }
    }
    .map_err(|e: AppError| e)
}
