//! One module per command group; each maps arguments to an application call and prints.

pub mod author;
pub mod backup;
pub mod book;
pub mod crew;
pub mod doctor;
pub mod entry;
pub mod journal;
pub mod llm;
pub mod model;
pub mod purge;
pub mod remind;
pub mod search;
pub mod stats;
pub mod sync;
pub mod tag;
pub mod template;
pub mod transfer;

use std::process::ExitCode;

pub type CmdResult = Result<ExitCode, jcc_app::AppError>;
