use super::CmdResult;
use crate::output::Output;
use jcc_app::{App, SearchInput};
use std::process::ExitCode;

pub fn run(app: &App, query: String, limit: i64, offset: i64, out: &Output) -> CmdResult {
    let hits = app.search(SearchInput {
        query,
        limit,
        offset,
    })?;
    out.print(&hits, |hits| {
        if hits.is_empty() {
            return "No matches.".into();
        }
        let mut s = String::new();
        for h in hits {
            let when = h.date.map(|d| d.to_string()).unwrap_or_default();
            let title = if h.title.is_empty() {
                "(untitled)"
            } else {
                &h.title
            };
            s.push_str(&format!(
                "{:>5}  {}  {}  {}\n",
                h.entry_id,
                out.bold(title),
                out.dim(&format!("{} {when}", h.journal_title)),
                out.dim(
                    &h.tags
                        .iter()
                        .map(|t| format!("#{t}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            ));
            let open = if out.json { "" } else { "\x1b[1m" };
            let snippet = if open.is_empty() || !out_is_color(out) {
                h.snippet_marked("[", "]")
            } else {
                h.snippet_marked(open, "\x1b[0m")
            };
            s.push_str(&format!("       {snippet}\n"));
        }
        s
    });
    Ok(ExitCode::SUCCESS)
}

fn out_is_color(out: &Output) -> bool {
    out.bold("x") != "x"
}
