//! A 100 KB three-way merge: both writers changed paragraphs all through the text.
//! `cargo run --release -p jcc-merge --example bench`

use std::time::Instant;

fn main() {
    let paragraph = |i: usize| {
        (0..30)
            .map(|w| format!("word{i}x{w}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let base: Vec<String> = (0..330).map(paragraph).collect();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for i in (0..base.len()).step_by(7) {
        ours[i] = format!("{} added by the laptop", ours[i]);
    }
    for i in (3..base.len()).step_by(11) {
        theirs[i] = format!("Phone: {}", theirs[i]);
    }
    for i in (0..base.len()).step_by(77) {
        // The same paragraph changed on both sides, in different words.
        theirs[i] = theirs[i].replacen(&format!("word{i}x5"), "changed", 1);
    }
    theirs.push("A new closing paragraph from the phone.".into());
    let (base, ours, theirs) = (base.join("\n\n"), ours.join("\n\n"), theirs.join("\n\n"));
    let runs = 50;
    let mut times = Vec::with_capacity(runs);
    let mut merged = None;
    for _ in 0..runs {
        let start = Instant::now();
        merged = Some(jcc_merge::merge_text(&base, &ours, &theirs));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let merged = merged.expect("ran");
    println!(
        "100 KB three-way merge ({} KB base, {} conflicts): median {:.2} ms, max {:.2} ms",
        base.len() / 1024,
        merged.conflicts,
        times[runs / 2],
        times[runs - 1]
    );
}
