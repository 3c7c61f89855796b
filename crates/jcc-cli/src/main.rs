//! `jcc`: the Journal Craft Crew library from the command line. A thin adapter: it
//! parses arguments, calls the application layer and prints the result.

mod cli;
mod commands;
mod input;
mod output;

use clap::Parser;
use cli::{Cli, Command};
use jcc_app::{App, AppError, AppPaths, Config};
use output::Output;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse_from(cli::search_args(std::env::args_os().collect()));
    let out = Output::new(cli.json);
    let paths = match AppPaths::from_env() {
        Ok(p) => p,
        Err(e) => return out.fail(&e),
    };
    // Logging first, so even a failed open is in the log file. A broken config is
    // reported by App::open below; here it only means the default log level.
    let level = Config::load(&paths.config_file())
        .ok()
        .and_then(|c| c.log_level);
    let _guard = jcc_app::logging::init(&paths.log_dir, level.as_deref(), cli.verbose);
    match run(cli.command, &paths, &out) {
        Ok(code) => code,
        Err(e) => out.fail(&e),
    }
}

fn run(command: Command, paths: &AppPaths, out: &Output) -> Result<ExitCode, AppError> {
    // The doctor works on libraries too damaged to open normally.
    if let Command::Doctor {
        rebuild_index,
        restore_backup,
    } = command
    {
        return commands::doctor::run(paths, rebuild_index, restore_backup, out);
    }
    let app = App::open(paths.clone())?;
    match command {
        Command::Journal(cmd) => commands::journal::run(&app, cmd, out),
        Command::Entry(cmd) => commands::entry::run(&app, cmd, out),
        Command::Tag(cmd) => commands::tag::run(&app, cmd, out),
        Command::Remind(cmd) => commands::remind::run(&app, cmd, out),
        Command::Search {
            query,
            limit,
            offset,
            json_array,
        } => commands::search::run(&app, query.join(" "), limit, offset, json_array, out),
        Command::Template(cmd) => commands::template::run(&app, cmd, out),
        Command::Prompt(cmd) => commands::template::run_prompt(&app, cmd, out),
        Command::Stats { journal, days } => {
            commands::stats::run(&app, journal.as_deref(), days, out)
        }
        Command::Import {
            path,
            journal,
            format,
            partial,
        } => commands::transfer::import(&app, path, journal, format, partial, out),
        Command::Export {
            journal,
            format,
            out: dest,
            book,
        } => commands::transfer::export(&app, journal, format, dest, book, out),
        Command::Author(cmd) => commands::author::run(&app, cmd, out),
        Command::Llm(cmd) => commands::llm::run(&app, cmd, out),
        Command::Model(cmd) => commands::model::run(&app, cmd, out),
        Command::Sync(cmd) => commands::sync::run(&app, cmd, out),
        Command::Crew(cmd) => commands::crew::run(&app, cmd, out),
        Command::Trash(cmd) => commands::purge::trash(&app, cmd, out),
        Command::Backup(cmd) => commands::backup::run(&app, cmd, out),
        Command::Doctor { .. } => unreachable!("handled above"),
    }
}
