//! The choices a paused run offers the writer (titles, usually), as a small model writes
//! them: "1. Title", "- Title", "\"Title\"", the same title five times. Shown and stored
//! clean: no list markers or quotes, each title once.

/// Trims list markers and quotes, drops empties and repeats (any case), keeps the order.
pub(crate) fn clean(options: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    options
        .into_iter()
        .map(|o| strip(&o).to_string())
        .filter(|o| !o.is_empty() && seen.insert(o.to_lowercase()))
        .collect()
}

fn strip(option: &str) -> &str {
    let mut s = option.trim();
    // "12. ", "3) ", "4 - "
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let rest = s[digits..].trim_start();
        if let Some(r) = rest.strip_prefix(['.', ')', ':', '-']) {
            s = r.trim_start();
        }
    }
    s = s.trim_start_matches(['-', '*', '•']).trim();
    for (open, close) in [('"', '"'), ('“', '”'), ('\'', '\'')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            s = inner.trim();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn markers_quotes_and_repeats_go() {
        let got = clean(
            [
                "1. The Power of Gratitude",
                "2) Small Thanks",
                "- \"Quiet Mornings\"",
                "“Small thanks”",
                "  ",
                "10. 30 Days of Thanks",
                "2024 Was Good",
            ]
            .map(String::from)
            .to_vec(),
        );
        assert_eq!(
            got,
            [
                "The Power of Gratitude",
                "Small Thanks",
                "Quiet Mornings",
                "30 Days of Thanks",
                "2024 Was Good"
            ]
        );
    }
}
