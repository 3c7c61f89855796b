//! Fits a schema's strings into the reply's token limit. A grammar makes every finished
//! reply valid, but a small model can stay inside one string until the limit cuts it, and
//! a cut reply is no JSON at all. So each string without a `maxLength` gets one: the
//! characters the limit allows, shared out by how long each field must be at least.
//!
//! The bounds are in characters and assume a few characters a token, as prose has; a
//! small model that stutters (runs of punctuation, one character a token) would still
//! hit the token limit with its strings open. So a constrained reply may run to
//! [`token_cap`] tokens: one a character, enough for every bounded string and the JSON
//! around it, so the grammar, not the limit, ends the object.

use serde_json::{json, Value};

/// Characters a token stands for, low for safety (English is about four).
const CHARS_PER_TOKEN: u64 = 3;
/// Characters of JSON around each string (its key, quotes, commas, a little space).
const FRAME: u64 = 24;

/// The tokens a reply under [`bounded`]`(schema, max_tokens)` may use: one per character
/// the bounds allow, with room for the JSON around the strings.
pub fn token_cap(max_tokens: u32) -> u32 {
    let chars = u64::from(max_tokens) * CHARS_PER_TOKEN + 8 * FRAME;
    u32::try_from(chars).unwrap_or(u32::MAX)
}

/// `schema` with a `maxLength` on every string that has none, so the whole object fits
/// in `max_tokens`.
pub fn bounded(schema: &Value, max_tokens: u32) -> Value {
    let mut slots = Vec::new();
    collect(schema, 1, &mut slots);
    // Each slot: (how many times it can occur, the least it must hold).
    let budget = u64::from(max_tokens) * CHARS_PER_TOKEN;
    let frame: u64 = slots.iter().map(|(n, _)| n * FRAME).sum();
    let weight: u64 = slots.iter().map(|(n, min)| n * (min + FRAME)).sum();
    let room = budget.saturating_sub(frame);
    let mut out = schema.clone();
    if weight > 0 {
        apply(&mut out, room, weight);
    }
    out
}

fn min_len(s: &Value) -> u64 {
    s.get("minLength").and_then(Value::as_u64).unwrap_or(0)
}

fn collect(s: &Value, times: u64, slots: &mut Vec<(u64, u64)>) {
    match s.get("type").and_then(Value::as_str) {
        Some("string") if s.get("maxLength").is_none() && s.get("enum").is_none() => {
            slots.push((times, min_len(s)))
        }
        Some("object") => {
            for p in s
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|m| m.values())
            {
                collect(p, times, slots);
            }
        }
        Some("array") => {
            let n = s
                .get("maxItems")
                .or_else(|| s.get("minItems"))
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .max(1);
            if let Some(items) = s.get("items") {
                collect(items, times * n, slots);
            }
        }
        _ => {}
    }
}

fn apply(s: &mut Value, room: u64, weight: u64) {
    match s.get("type").and_then(Value::as_str) {
        Some("string") if s.get("maxLength").is_none() && s.get("enum").is_none() => {
            let min = min_len(s);
            // Never below what the schema demands, plus room to finish a sentence.
            let max = (room * (min + FRAME) / weight).max(min + FRAME);
            s["maxLength"] = json!(max);
        }
        Some("object") => {
            if let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) {
                for p in props.values_mut() {
                    apply(p, room, weight);
                }
            }
        }
        Some("array") => {
            if let Some(items) = s.get_mut("items") {
                apply(items, room, weight);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_fields_get_most_of_the_room_and_set_limits_stay() {
        let s = json!({"type": "object", "properties": {
            "title": {"type": "string", "minLength": 3, "maxLength": 90},
            "quote": {"type": "string", "minLength": 5},
            "writeup": {"type": "string", "minLength": 200},
            "tags": {"type": "array", "maxItems": 3, "items": {"type": "string"}}}});
        let b = bounded(&s, 500);
        assert_eq!(b["properties"]["title"]["maxLength"], 90);
        let quote = b["properties"]["quote"]["maxLength"].as_u64().unwrap();
        let writeup = b["properties"]["writeup"]["maxLength"].as_u64().unwrap();
        let tag = b["properties"]["tags"]["items"]["maxLength"]
            .as_u64()
            .unwrap();
        assert!(writeup > 200 && writeup > 4 * quote, "{b}");
        // Everything at its longest still fits the 1,500 characters 500 tokens allow.
        assert!(quote + writeup + 3 * tag + 5 * FRAME <= 1500, "{b}");
    }

    #[test]
    fn a_reply_of_one_character_a_token_still_closes_within_the_cap() {
        // The day step's schema: five strings, the writeup at least 200 characters.
        let s = json!({"type": "object", "properties": {
            "title": {"type": "string", "minLength": 3},
            "pre_writeup": {"type": "string", "minLength": 200},
            "prompt": {"type": "string", "minLength": 10},
            "image_full_page": {"type": "string"},
            "image_bottom": {"type": "string"}}});
        let b = bounded(&s, 600);
        let longest: u64 = b["properties"]
            .as_object()
            .unwrap()
            .values()
            .map(|p| p["maxLength"].as_u64().unwrap() + FRAME)
            .sum();
        assert!(longest <= u64::from(token_cap(600)), "{longest} chars, {b}");
        assert!(token_cap(600) > 600);
    }
}
