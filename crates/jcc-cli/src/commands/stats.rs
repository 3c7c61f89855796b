use super::CmdResult;
use crate::output::Output;
use jcc_app::App;
use std::process::ExitCode;

pub fn run(app: &App, journal: Option<&str>, days: u32, out: &Output) -> CmdResult {
    let st = app.stats(journal, days)?;
    out.print(&st, |st| {
        let mut s = format!(
            "{} entries · {} words · {} days written\nStreak: {} days (longest {})\n\n",
            st.entries, st.words, st.active_days, st.current_streak, st.longest_streak
        );
        let max = st.per_day.iter().map(|d| d.words).max().unwrap_or(0).max(1);
        for d in &st.per_day {
            let bar = "█".repeat(((d.words * 30) / max) as usize);
            s.push_str(&format!(
                "{}  {:>6}  {bar}\n",
                d.date.format("%a %Y-%m-%d"),
                d.words
            ));
        }
        s
    });
    Ok(ExitCode::SUCCESS)
}
