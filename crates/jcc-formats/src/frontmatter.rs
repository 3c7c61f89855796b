//! YAML front matter: finding it, reading its keys tolerantly, and writing JCC's own.
//!
//! The writer and the reader live together so that every key written is a key read.

use serde::Serialize;
use serde_norway::{Mapping, Value};

use crate::dates;
use crate::PortableEntry;

/// Splits `---\n<yaml>\n---\n<body>` (the closing line may also be `...`). Text must have
/// `\n` line endings already. Returns `None` when the text does not open with front matter.
pub(crate) fn split(text: &str) -> Option<(&str, &str)> {
    let (first, mut rest) = text.split_once('\n')?;
    if first.trim_end() != "---" {
        return None;
    }
    let yaml_start = rest;
    let mut yaml_len = 0;
    loop {
        let (line, after, had_newline) = match rest.split_once('\n') {
            Some((l, a)) => (l, a, true),
            None => (rest, "", false),
        };
        if matches!(line.trim_end(), "---" | "...") {
            let yaml = yaml_start.get(..yaml_len)?;
            return Some((yaml, after));
        }
        if !had_newline {
            return None;
        }
        yaml_len += line.len() + 1;
        rest = after;
    }
}

/// Parsed front matter with keys folded to lower case (`Title:` and `title:` both work).
#[derive(Debug, Default)]
pub(crate) struct Keys {
    pairs: Vec<(String, Value)>,
}

/// Parses YAML into keys. `Ok(None)` means "not a key/value block" (e.g. a Markdown file
/// that merely starts with a `---` rule), which the caller treats as plain text.
pub(crate) fn parse(yaml: &str) -> Result<Option<Keys>, String> {
    let value: Value = serde_norway::from_str(yaml)
        .map_err(|e| format!("front matter is not valid YAML ({e}); fix it or remove it"))?;
    let map = match value {
        Value::Null => Mapping::new(),
        Value::Mapping(m) => m,
        _ => return Ok(None),
    };
    let mut pairs = Vec::with_capacity(map.len());
    for (k, v) in map {
        let key = match k {
            Value::String(s) => s.to_lowercase(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            _ => continue,
        };
        pairs.push((key, v));
    }
    Ok(Some(Keys { pairs }))
}

impl Keys {
    pub(crate) fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A scalar as text; `None` when absent or null.
    pub(crate) fn text(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => scalar_text(key, v),
        }
    }

    /// Tags as a list or a comma-separated string; `sigils` says whether `@x`/`#x` lose
    /// the marker (other tools' files) or keep it (JCC's own, where it is part of the name).
    pub(crate) fn tags(&self, sigils: crate::text::Sigils) -> Result<Vec<String>, String> {
        let Some(v) = self.get("tags").or_else(|| self.get("tag")) else {
            return Ok(Vec::new());
        };
        let raw: Vec<String> = match untag(v) {
            Value::Null => Vec::new(),
            Value::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    if let Some(t) = scalar_text("tags", item)? {
                        out.push(t);
                    }
                }
                out
            }
            other => match scalar_text("tags", other)? {
                Some(s) => s.split(',').map(str::to_owned).collect(),
                None => Vec::new(),
            },
        };
        Ok(crate::text::normalize_tags(raw, sigils))
    }

    pub(crate) fn bool(&self, key: &str) -> Result<bool, String> {
        match self.get(key).map(untag) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::Number(n)) if n.as_i64() == Some(0) => Ok(false),
            Some(Value::Number(n)) if n.as_i64() == Some(1) => Ok(true),
            Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "y" | "on" | "1" => Ok(true),
                "false" | "no" | "n" | "off" | "0" | "" => Ok(false),
                _ => Err(format!("{key} must be true or false, not {s:?}")),
            },
            Some(_) => Err(format!("{key} must be true or false")),
        }
    }

    pub(crate) fn int(&self, key: &str) -> Result<Option<i64>, String> {
        let bad = || format!("{key} must be a whole number");
        match self.get(key).map(untag) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(bad),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| bad()),
            Some(_) => Err(bad()),
        }
    }

    /// `attachments:` as a list of paths or `{path, name, mime}` maps.
    pub(crate) fn attachments(&self) -> Result<Vec<AttachmentRef>, String> {
        let items = match self.get("attachments").map(untag) {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Sequence(items)) => items,
            Some(_) => return Err("attachments must be a list of file paths".to_owned()),
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match untag(item) {
                Value::String(path) => out.push(AttachmentRef {
                    path: path.clone(),
                    name: None,
                    mime: None,
                }),
                Value::Mapping(m) => {
                    let get = |k: &str| -> Result<Option<String>, String> {
                        m.get(k).map_or(Ok(None), |v| scalar_text("attachments", v))
                    };
                    let path = get("path")?.ok_or("each attachment needs a path")?;
                    out.push(AttachmentRef {
                        path,
                        name: get("name")?,
                        mime: get("mime")?,
                    });
                }
                _ => return Err("attachments must be a list of file paths".to_owned()),
            }
        }
        Ok(out)
    }
}

fn untag(v: &Value) -> &Value {
    match v {
        Value::Tagged(t) => untag(&t.value),
        other => other,
    }
}

fn scalar_text(key: &str, v: &Value) -> Result<Option<String>, String> {
    match untag(v) {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => {
            Err(format!("{key} must be plain text, not a list or a map"))
        }
    }
}

/// A file an entry links in its front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttachmentRef {
    /// Relative to the Markdown file's folder, `/`-separated.
    pub path: String,
    /// The original file name when it differs from the stored one.
    pub name: Option<String>,
    /// The MIME type when the extension does not tell it.
    pub mime: Option<String>,
}

/// An attachment as written: a bare path when the name and type follow from it.
#[derive(Serialize)]
#[serde(untagged)]
enum AttachmentOut<'a> {
    Path(&'a str),
    Full {
        path: &'a str,
        name: &'a str,
        mime: &'a str,
    },
}

/// The front matter JCC writes; key order is the order a writer reads them in.
#[derive(Serialize)]
struct EntryOut<'a> {
    // Always written: the reader falls back to the first heading or the file name only
    // when `title` is absent, and an empty title must stay empty.
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    starred: bool,
    // Always written: marks the file as JCC's, so the reader takes title and date only
    // from the front matter and never from the file name.
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<i64>,
    #[serde(skip_serializing_if = "str::is_empty")]
    prompt: &'a str,
    #[serde(skip_serializing_if = "is_zero")]
    writing_lines: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    uuid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<AttachmentOut<'a>>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// An attachment written next to the entry: where it went and what it was.
pub(crate) struct WrittenAttachment<'a> {
    pub path: String,
    pub name: &'a str,
    pub mime: &'a str,
}

/// The complete Markdown file for `entry`: front matter, a blank line, the body, and one
/// final newline (which the reader removes again, so the body round-trips exactly).
pub(crate) fn render_entry(
    entry: &PortableEntry,
    attachments: &[WrittenAttachment<'_>],
) -> Result<String, String> {
    let attachments = attachments
        .iter()
        .map(|a| {
            let stored_name = a.path.rsplit('/').next().unwrap_or(&a.path);
            let implied_name = strip_hash_prefix(stored_name);
            if implied_name == a.name && crate::text::mime_for_file_name(a.name) == a.mime {
                AttachmentOut::Path(&a.path)
            } else {
                AttachmentOut::Full {
                    path: &a.path,
                    name: a.name,
                    mime: a.mime,
                }
            }
        })
        .collect();
    let out = EntryOut {
        title: &entry.title,
        date: entry.date.map(|d| d.format("%Y-%m-%d").to_string()),
        tags: &entry.tags,
        starred: entry.starred,
        kind: &entry.kind,
        day: entry.day,
        prompt: &entry.prompt,
        writing_lines: entry.writing_lines,
        uuid: entry.uuid.as_deref().filter(|u| !u.is_empty()),
        created: entry.created_at.as_ref().map(dates::format_timestamp),
        updated: entry.updated_at.as_ref().map(dates::format_timestamp),
        attachments,
    };
    let yaml = serde_norway::to_string(&out).map_err(|e| e.to_string())?;
    Ok(format!("---\n{yaml}---\n\n{}\n", entry.body))
}

/// `0123456789abcdef-photo.jpg` -> `photo.jpg`: the name before the writer made it unique.
pub(crate) fn strip_hash_prefix(stored: &str) -> &str {
    match stored.split_once('-') {
        Some((hash, rest))
            if hash.len() == 16
                && !rest.is_empty()
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            rest
        }
        _ => stored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_front_matter_and_body() {
        assert_eq!(split("---\na: 1\n---\nbody\n"), Some(("a: 1\n", "body\n")));
        assert_eq!(split("---\n---\nbody"), Some(("", "body")));
        assert_eq!(split("---  \na: 1\n...\n"), Some(("a: 1\n", "")));
        assert_eq!(split("---\na: 1\n---"), Some(("a: 1\n", "")));
        assert_eq!(split("---\nno end\n"), None);
        assert_eq!(split("text\n---\n"), None);
        assert_eq!(split(""), None);
    }

    #[test]
    fn keys_are_read_tolerantly() {
        let k = parse("Title: 2024\ntags: a, b ,a\nstarred: yes\nday: '3'\n")
            .unwrap()
            .unwrap();
        assert_eq!(k.text("title").unwrap().as_deref(), Some("2024"));
        assert_eq!(k.tags(crate::text::Sigils::Strip).unwrap(), ["a", "b"]);
        assert!(k.bool("starred").unwrap());
        assert_eq!(k.int("day").unwrap(), Some(3));
        assert!(parse("- just\n- a list\n").unwrap().is_none());
        assert!(parse("title: [unclosed\n")
            .unwrap_err()
            .contains("not valid YAML"));
        let k = parse("starred: maybe\nday: 1.5\n").unwrap().unwrap();
        assert!(k.bool("starred").unwrap_err().contains("true or false"));
        assert!(k.int("day").unwrap_err().contains("whole number"));
    }

    #[test]
    fn hash_prefix_is_stripped_only_when_it_is_one() {
        assert_eq!(strip_hash_prefix("0123456789abcdef-photo.jpg"), "photo.jpg");
        assert_eq!(strip_hash_prefix("my-photo.jpg"), "my-photo.jpg");
        assert_eq!(
            strip_hash_prefix("0123456789ABCDEF-x"),
            "0123456789ABCDEF-x"
        );
    }
}
