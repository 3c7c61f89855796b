//! `jcc author set|show`: the name and rights printed in books.

use super::CmdResult;
use crate::cli::AuthorCmd;
use crate::output::Output;
use jcc_app::{App, AuthorProfile};
use std::process::ExitCode;

pub fn run(app: &App, cmd: AuthorCmd, out: &Output) -> CmdResult {
    let profile = match cmd {
        AuthorCmd::Set {
            name,
            copyright_holder,
            year,
            isbn,
            imprint,
        } => {
            let mut p = app.author_profile_get()?;
            let text =
                |v: Option<String>, old: String| v.map(|s| s.trim().to_string()).unwrap_or(old);
            p.name = text(name, p.name);
            p.copyright_holder = text(copyright_holder, p.copyright_holder);
            p.isbn = text(isbn, p.isbn);
            p.imprint = text(imprint, p.imprint);
            p.year = year.or(p.year);
            app.author_profile_set(p)?
        }
        AuthorCmd::Show => app.author_profile_get()?,
    };
    out.print(&profile, describe);
    Ok(ExitCode::SUCCESS)
}

fn describe(p: &AuthorProfile) -> String {
    let or_dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    format!(
        "name:             {}\ncopyright holder: {}\nyear:             {}\nISBN:             {}\nimprint:          {}",
        or_dash(&p.name),
        if p.copyright_holder.is_empty() {
            format!("{} (the name)", or_dash(&p.name))
        } else {
            p.copyright_holder.clone()
        },
        p.year.map_or("- (the year of the journal's last change)".to_string(), |y| y.to_string()),
        or_dash(&p.isbn),
        or_dash(&p.imprint)
    )
}
