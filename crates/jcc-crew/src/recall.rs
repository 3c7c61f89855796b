//! What a `for_each` step is shown of its own task's earlier items (`{{earlier.x}}`):
//! the last few, each cut to a line. Shown in full, thirty days of earlier prompts fill a
//! small model's context by day 28 and leave its reply no room; the `unique` guardrail
//! still checks every earlier item, so only the reminder is shortened.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Earlier items a prompt recalls.
pub(crate) const RECALL_ITEMS: usize = 7;
/// Words kept of each recalled text.
pub(crate) const RECALL_WORDS: usize = 24;

/// `{field: [value of each recalled item, oldest first]}` for the items before `item`.
pub(crate) fn earlier(items: &BTreeMap<usize, Value>, item: usize) -> Map<String, Value> {
    let mut recent: Vec<&Value> = items
        .range(..item)
        .rev()
        .take(RECALL_ITEMS)
        .map(|(_, v)| v)
        .collect();
    recent.reverse();
    let mut out: Map<String, Value> = Map::new();
    for value in recent {
        for (k, v) in value.as_object().into_iter().flatten() {
            if let Value::Array(list) = out.entry(k.clone()).or_insert_with(|| json!([])) {
                list.push(shorten(v));
            }
        }
    }
    out
}

fn shorten(v: &Value) -> Value {
    match v.as_str() {
        Some(s) if s.split_whitespace().nth(RECALL_WORDS).is_some() => {
            let words: Vec<&str> = s.split_whitespace().take(RECALL_WORDS).collect();
            Value::String(format!("{}…", words.join(" ")))
        }
        _ => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_items_are_recalled_oldest_first_each_cut_to_a_line() {
        let long = "word ".repeat(60);
        let items: BTreeMap<usize, Value> = (0..20)
            .map(|i| {
                (
                    i,
                    json!({"prompt": format!("Prompt {i}?"), "pre_writeup": long, "n": i}),
                )
            })
            .collect();
        let got = earlier(&items, 15);
        let prompts: Vec<&str> = got["prompt"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            prompts,
            [
                "Prompt 8?",
                "Prompt 9?",
                "Prompt 10?",
                "Prompt 11?",
                "Prompt 12?",
                "Prompt 13?",
                "Prompt 14?"
            ]
        );
        let cut = got["pre_writeup"][0].as_str().unwrap();
        assert_eq!(cut.split_whitespace().count(), RECALL_WORDS);
        assert!(cut.ends_with('…'));
        assert_eq!(
            got["n"][6],
            json!(14),
            "non-text values are kept as they are"
        );
        assert!(
            earlier(&items, 0).is_empty(),
            "the first item recalls nothing"
        );
    }
}
