//! Reading a model's reply: find the JSON in it (code fences, prose around it), check
//! it against the task's schema, then against its guardrails. Never panics: every
//! problem becomes a sentence the re-ask can quote back to the model.

use crate::content;
use crate::definition::{Guardrails, Task};
use serde_json::Value;

/// Why a reply was not accepted.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    /// No JSON object could be read: re-asked, then the step fails.
    NotJson(String),
    /// JSON that breaks the schema: re-asked, then the step fails.
    Schema(String),
    /// Valid JSON outside a guardrail: re-asked, then kept with a warning.
    Guardrail(String),
}

impl Rejection {
    pub fn message(&self) -> &str {
        match self {
            Self::NotJson(m) | Self::Schema(m) | Self::Guardrail(m) => m,
        }
    }

    pub fn is_schema(&self) -> bool {
        !matches!(self, Self::Guardrail(_))
    }
}

/// The first balanced JSON object in `text`, tolerating fences and surrounding prose.
pub fn extract_json(text: &str) -> Result<Value, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("the reply was empty".into());
    }
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        if v.is_object() {
            return Ok(v);
        }
    }
    let mut last_err = String::from("the reply has no JSON object in it");
    for (start, _) in t.match_indices('{') {
        if let Some(end) = balanced_end(&t[start..]) {
            let candidate = &t[start..start + end];
            let parsed = serde_json::from_str::<Value>(candidate).or_else(|e| {
                // Small models often put raw line breaks or tabs inside strings.
                if e.to_string().contains("control character") {
                    serde_json::from_str::<Value>(&escape_raw_controls(candidate))
                } else {
                    Err(e)
                }
            });
            match parsed {
                Ok(v) if v.is_object() => return Ok(v),
                Ok(_) => {}
                Err(e) => last_err = format!("the JSON in the reply does not parse ({e})"),
            }
        } else {
            last_err = "the JSON object in the reply is cut off (it never closes)".into();
            break;
        }
    }
    Err(last_err)
}

/// Where a scan of JSON text is: inside a string, and just after a backslash in one.
#[derive(Default)]
struct StringState {
    in_str: bool,
    escaped: bool,
}

impl StringState {
    /// Moves past `c`; a string's quotes count as inside it.
    fn feed(&mut self, c: char) {
        if !self.in_str {
            self.in_str = c == '"';
            return;
        }
        match (self.escaped, c) {
            (true, _) => self.escaped = false,
            (false, '\\') => self.escaped = true,
            (false, '"') => self.in_str = false,
            _ => {}
        }
    }
}

/// `s` with control characters inside JSON strings escaped (`\n`, `\t`, `\u0001`);
/// everything outside strings is left as it is.
fn escape_raw_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut state = StringState::default();
    for c in s.chars() {
        if state.in_str && !state.escaped && c < ' ' {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                other => out.push_str(&format!("\\u{:04x}", u32::from(other))),
            }
            continue;
        }
        out.push(c);
        state.feed(c);
    }
    out
}

/// Length of the object starting at `s[0] == '{'`, minding strings and escapes.
fn balanced_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut state = StringState::default();
    for (i, c) in s.char_indices() {
        let was_in_str = state.in_str;
        state.feed(c);
        if was_in_str || state.in_str {
            continue;
        }
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Schema errors as one sentence (the first three; a long list confuses small models).
pub fn check_schema(task: &Task, v: &Value) -> Result<(), String> {
    let Some(validator) = &task.validator else {
        return Ok(());
    };
    let errors: Vec<String> = validator
        .iter_errors(v)
        .take(3)
        .map(|e| {
            let at = e.instance_path.to_string();
            let at = if at.is_empty() {
                "the object".to_string()
            } else {
                at
            };
            format!("at {at}: {e}")
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "it does not follow the schema: {}",
            errors.join("; ")
        ))
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['?', '.', '!'])
        .to_lowercase()
}

/// Guardrail problems; `earlier` holds the outputs of earlier items of the same task.
pub fn check_guardrails(g: &Guardrails, v: &Value, earlier: &[Value]) -> Vec<String> {
    let mut problems = Vec::new();
    for (field, [min, max]) in &g.words {
        if let Some(text) = v.get(field).and_then(Value::as_str) {
            let n = jcc_store::word_count(text);
            if n < *min || n > *max {
                problems.push(format!(
                    "{field} has {n} words; it must have between {min} and {max}"
                ));
            }
        }
    }
    for field in &g.unique {
        if let Some(text) = v.get(field).and_then(Value::as_str) {
            let mine = norm(text);
            if let Some(i) = earlier
                .iter()
                .position(|e| e.get(field).and_then(Value::as_str).map(norm) == Some(mine.clone()))
            {
                problems.push(format!(
                    "{field} repeats the one of item {}; write a different one",
                    i + 1
                ));
            }
        }
    }
    for (field, needle) in &g.contains {
        if let Some(text) = v.get(field).and_then(Value::as_str) {
            if !text.contains(needle.as_str()) {
                problems.push(format!("{field} must contain {needle:?}"));
            }
        }
    }
    problems
}

/// The words of each string field, checked ([`crate::content`]).
pub fn content_problems(task: &Task, v: &Value) -> Vec<content::FieldProblem> {
    content::check(v, &content::schema_field_names(task.schema.as_ref()))
}

/// Reads and checks a reply in order: JSON, schema, guardrails (the task's own, then the
/// content checks every field gets).
pub fn judge(task: &Task, content: &str, earlier: &[Value]) -> (Option<Value>, Option<Rejection>) {
    let v = match extract_json(content) {
        Ok(v) => v,
        Err(e) => return (None, Some(Rejection::NotJson(e))),
    };
    if let Err(e) = check_schema(task, &v) {
        return (Some(v), Some(Rejection::Schema(e)));
    }
    let mut problems = check_guardrails(&task.guardrails, &v, earlier);
    problems.extend(content_problems(task, &v).iter().map(|p| p.sentence()));
    if problems.is_empty() {
        (Some(v), None)
    } else {
        (Some(v), Some(Rejection::Guardrail(problems.join("; "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn json_is_found_in_fences_and_prose() {
        let v = extract_json(
            "Sure! Here it is:\n```json\n{\"a\": \"}{\", \"b\": [1, {\"c\": 2}]}\n```\nEnjoy.",
        )
        .unwrap();
        assert_eq!(v, json!({"a": "}{", "b": [1, {"c": 2}]}));
        assert!(extract_json("").unwrap_err().contains("empty"));
        assert!(extract_json("{\"a\": ").unwrap_err().contains("cut off"));
        assert!(extract_json("no json").unwrap_err().contains("no JSON"));
        assert!(extract_json("{a: 1}")
            .unwrap_err()
            .contains("does not parse"));
        // Garbage of every shape: never a panic.
        for s in ["{{{{", "}}}}", "\"{\"", "{\"a\":\"\\", "[{]}", "{\u{0}}"] {
            let _ = extract_json(s);
        }
    }

    #[test]
    fn raw_line_breaks_inside_strings_are_read_as_text() {
        let reply = "{\"title\": \"Day\tone\", \"pre_writeup\": \"First line.\nSecond \\\"quoted\\\" line.\u{1}\"}";
        let v = extract_json(reply).unwrap();
        assert_eq!(v["title"], "Day\tone");
        assert_eq!(
            v["pre_writeup"],
            "First line.\nSecond \"quoted\" line.\u{1}"
        );
        // Outside strings, control characters are whitespace to JSON and stay as they are.
        assert_eq!(extract_json("{\n\t\"a\": 1\r\n}").unwrap(), json!({"a": 1}));
    }

    #[test]
    fn guardrails_count_words_and_spot_repeats() {
        let g = Guardrails {
            words: BTreeMap::from([("t".to_string(), [2, 3])]),
            unique: vec!["p".into()],
            contains: BTreeMap::from([("c".to_string(), "[Name]".to_string())]),
        };
        let earlier = vec![json!({"p": "What do you see?"})];
        let problems = check_guardrails(
            &g,
            &json!({"t": "one", "p": "what do you  see", "c": "I promise"}),
            &earlier,
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(check_guardrails(
            &g,
            &json!({"t": "one two", "p": "New?", "c": "I, [Name]"}),
            &earlier
        )
        .is_empty());
    }
}
