//! Three-way merges of 100 KB texts: `cargo run --release -p jcc-merge --example bench`.
//! "Paragraphs": 330 paragraphs, both writers changed some all through the text (a few
//! the same paragraph in different words). "One block": the same 100 KB with no blank
//! line at all, so everything goes through the word-level merge.

use std::time::Instant;

fn texts(separator: &str) -> (String, String, String) {
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
    (
        base.join(separator),
        ours.join(separator),
        theirs.join(separator),
    )
}

fn measure(name: &str, (base, ours, theirs): (String, String, String)) {
    let runs = 101;
    let mut times = Vec::with_capacity(runs);
    let mut conflicts = 0;
    for _ in 0..runs {
        let start = Instant::now();
        conflicts = jcc_merge::merge_text(&base, &ours, &theirs).conflicts;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{name}: {} KB, {conflicts} conflicts, median {:.2} ms, p95 {:.2} ms",
        base.len() / 1024,
        times[runs / 2],
        times[runs * 95 / 100]
    );
}

fn main() {
    measure("paragraphs", texts("\n\n"));
    measure("one block", texts(" "));
}
