//! Break opportunities in very long "words" (URLs, keyboard mashing, unspaced scripts),
//! which Typst would otherwise let run past the margin.

/// Runs of more than this many non-space characters get break opportunities.
const LONG_RUN: usize = 30;
/// ... at least every this many characters.
const STEP: usize = 15;
const ZWSP: char = '\u{200B}';

pub fn soft_wrap(text: &str) -> String {
    if !needs_wrap(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut run: Vec<char> = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn needs_wrap(text: &str) -> bool {
    let mut len = 0;
    for c in text.chars() {
        len = if c.is_whitespace() { 0 } else { len + 1 };
        if len > LONG_RUN {
            return true;
        }
    }
    false
}

fn flush(run: &mut Vec<char>, out: &mut String) {
    if run.len() <= LONG_RUN {
        out.extend(run.iter());
    } else {
        let mut since = 0;
        for (i, c) in run.iter().enumerate() {
            out.push(*c);
            since += 1;
            let natural = matches!(c, '/' | '-' | '_' | '.' | '?' | '&' | '=' | ',' | ';');
            if i + 1 < run.len() && (natural && since > 3 || since >= STEP) {
                out.push(ZWSP);
                since = 0;
            }
        }
    }
    run.clear();
}

/// Applies [`soft_wrap`] to every string in `value` except identifiers and link targets.
pub fn soft_wrap_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if needs_wrap(s) => *s = soft_wrap(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(soft_wrap_json),
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if !matches!(key.as_str(), "t" | "kind" | "url" | "path") {
                    soft_wrap_json(v);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_are_untouched() {
        assert_eq!(soft_wrap("a normal sentence"), "a normal sentence");
    }

    #[test]
    fn long_runs_get_breaks() {
        let long = "x".repeat(100);
        let wrapped = soft_wrap(&long);
        assert!(wrapped.contains(ZWSP));
        assert_eq!(wrapped.replace(ZWSP, ""), long);
        let url = "https://example.org/a/very/long/path/that/never/ends/at/all";
        assert!(soft_wrap(url).contains("/\u{200B}"));
    }

    #[test]
    fn links_keep_their_target() {
        let mut v = serde_json::json!({"t": "link", "url": "https://example.org/".repeat(3), "c": [{"t": "text", "s": "y".repeat(40)}]});
        soft_wrap_json(&mut v);
        assert!(!v["url"].as_str().unwrap().contains(ZWSP));
        assert!(v["c"][0]["s"].as_str().unwrap().contains(ZWSP));
    }
}
