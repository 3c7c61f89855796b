//! `{{path}}` templates over a JSON context. Small on purpose: a crew file is data a
//! writer edits, so a missing value prints as nothing rather than failing a run, and
//! roots are checked when the definition loads.
//!
//! - `{{theme}}`, `{{item.day}}`, `{{same.day.prompt}}`: a value by dotted path.
//! - `{{same.day.pre_writeup_words}}`: `_words` after a text field counts its words.
//! - `{{earlier.prompt|Do not reuse:}}`: when the value is not empty, a new line, the
//!   label and the value on lines below; nothing otherwise.
//! - Lists print one item per line ("- a"); objects print as JSON.

use serde_json::Value;

/// The variable roots a template uses, for load-time checks.
pub fn roots(template: &str) -> Vec<String> {
    placeholders(template)
        .into_iter()
        .map(|(path, _)| path.split('.').next().unwrap_or_default().to_string())
        .collect()
}

fn placeholders(template: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let inner = rest[start + 2..start + 2 + len].trim();
        let (path, label) = match inner.split_once('|') {
            Some((p, l)) => (p.trim().to_string(), Some(l.trim().to_string())),
            None => (inner.to_string(), None),
        };
        out.push((path, label));
        rest = &rest[start + 2 + len + 2..];
    }
    out
}

/// Unclosed `{{` is reported so a broken definition says where.
pub fn check_syntax(template: &str) -> Result<(), String> {
    let opens = template.matches("{{").count();
    let closes = template.matches("}}").count();
    if opens != closes {
        return Err(format!("a template has {opens} '{{{{' but {closes} '}}}}'"));
    }
    for (path, _) in placeholders(template) {
        if path.is_empty()
            || !path
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
        {
            return Err(format!("{{{{{path}}}}} is not a variable name"));
        }
    }
    Ok(())
}

pub fn lookup<'a>(ctx: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(ctx, |v, seg| match v {
        Value::Object(m) => m.get(seg),
        Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

fn value_text(ctx: &Value, path: &str) -> String {
    if let Some(v) = lookup(ctx, path) {
        return display(v);
    }
    if let Some(base) = path.strip_suffix("_words") {
        if let Some(Value::String(s)) = lookup(ctx, base) {
            return jcc_store::word_count(s).to_string();
        }
    }
    String::new()
}

pub fn display(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|i| format!("- {}", display(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Object(_) => v.to_string(),
    }
}

pub fn render(template: &str, ctx: &Value) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = rest[start + 2..start + 2 + len].trim();
        match inner.split_once('|') {
            Some((path, label)) => {
                let text = value_text(ctx, path.trim());
                if !text.trim().is_empty() {
                    out.push('\n');
                    out.push_str(label.trim());
                    out.push('\n');
                    out.push_str(&text);
                }
            }
            None => out.push_str(&value_text(ctx, inner)),
        }
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_paths_lists_labels_and_word_counts() {
        let ctx = json!({"theme": "Calm", "item": {"day": 3},
            "earlier": {"prompt": ["A?", "B?"]}, "same": {"day": {"text": "one two three"}}});
        assert_eq!(render("{{theme}} day {{ item.day }}", &ctx), "Calm day 3");
        assert_eq!(
            render("x{{earlier.prompt|Not these:}}", &ctx),
            "x\nNot these:\n- A?\n- B?"
        );
        assert_eq!(render("x{{missing|Label}}", &ctx), "x");
        assert_eq!(render("{{same.day.text_words}} words", &ctx), "3 words");
        assert_eq!(render("{{nope}}", &ctx), "");
        assert_eq!(roots("{{a.b}} {{c|d}}"), vec!["a", "c"]);
        assert!(check_syntax("{{a").is_err());
        assert!(check_syntax("{{a b}}").is_err());
    }
}
