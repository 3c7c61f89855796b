use super::CmdResult;
use crate::output::Output;
use jcc_app::{App, SearchInput, SearchPage};
use std::io::Write;
use std::process::ExitCode;

pub fn run(
    app: &App,
    query: String,
    limit: i64,
    offset: i64,
    json_array: bool,
    out: &Output,
) -> CmdResult {
    let page = app.search(SearchInput {
        query,
        limit,
        offset,
    })?;
    if json_array {
        // The bare array scripts written before paging expect; what it leaves out is
        // said on stderr, so nothing is dropped silently.
        if let Some(line) = range_line(&page) {
            let _ = writeln!(std::io::stderr().lock(), "jcc: {line}");
        }
        Output::new(true).print(&page.hits, |_| String::new());
        return Ok(ExitCode::SUCCESS);
    }
    out.print(&page, |page| human(page, out));
    Ok(ExitCode::SUCCESS)
}

fn human(page: &SearchPage, out: &Output) -> String {
    let mut s = String::new();
    for h in &page.hits {
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
        let snippet = if out.bold("x") != "x" {
            h.snippet_marked("\x1b[1m", "\x1b[0m")
        } else {
            h.snippet_marked("[", "]")
        };
        s.push_str(&format!("       {snippet}\n"));
    }
    match range_line(page) {
        Some(line) => s.push_str(&line),
        None if page.total == 0 => s.push_str("No matches."),
        None if page.total == 1 => s.push_str("1 match."),
        None => s.push_str(&format!("{} matches.", thousands(page.total))),
    }
    s
}

/// "Showing 1-20 of 5,168 matches; …" when the page is not the whole result.
fn range_line(page: &SearchPage) -> Option<String> {
    let shown = page.hits.len() as u64;
    if page.offset == 0 && shown == page.total {
        return None;
    }
    if shown == 0 {
        return Some(format!(
            "No matches past --offset {} ({} in all)",
            page.offset,
            thousands(page.total)
        ));
    }
    let (first, last) = (page.offset + 1, page.offset + shown);
    let mut line = format!(
        "Showing {}-{} of {} matches",
        thousands(first),
        thousands(last),
        thousands(page.total)
    );
    if last < page.total {
        line.push_str(&format!(
            "; next page: --offset {last}, every match: --limit 0"
        ));
    }
    Some(line)
}

/// 5168 -> "5,168".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(total: u64, offset: u64, shown: usize) -> SearchPage {
        let hit: jcc_app::store::search::SearchHit = serde_json::from_value(serde_json::json!({
            "entry_id": 1, "journal_id": 1, "journal_title": "J", "kind": "free",
            "title": "t", "date": null, "starred": false, "tags": [], "snippet": [], "rank": 0.0
        }))
        .unwrap();
        SearchPage {
            total,
            offset,
            hits: vec![hit; shown],
        }
    }

    #[test]
    fn the_range_says_what_is_left_out() {
        assert_eq!(thousands(5168), "5,168");
        assert_eq!(thousands(100000), "100,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(
            range_line(&page(5168, 0, 1000)).unwrap(),
            "Showing 1-1,000 of 5,168 matches; next page: --offset 1000, every match: --limit 0"
        );
        assert_eq!(
            range_line(&page(1011, 1000, 11)).unwrap(),
            "Showing 1,001-1,011 of 1,011 matches"
        );
        assert_eq!(range_line(&page(7, 0, 7)), None);
        assert_eq!(
            range_line(&page(7, 50, 0)).unwrap(),
            "No matches past --offset 50 (7 in all)"
        );
    }
}
