//! Cheap checks on the words of each generated field. A schema (or constrained decoding)
//! fixes a reply's shape, not its words, and small models leak the shape into the words:
//! a technique called `3 }, {`, a prompt that reads "A JSON object with pre_writeup,
//! prompt and changes", a title "Gratitude for New Parents.JPG", "1. Morning Pages" as a
//! title, the same sentence three times, a prompt that asks nothing. A field that fails
//! is re-asked (as a guardrail, within the task's re-ask budget); one still failing when
//! the step is kept is cleaned, or replaced by a plain template line ([`repair`]).
//!
//! The share of fields that pass on the first try is the run's quality score
//! (see `engine::summary`).

use serde_json::Value;

/// One string field of a reply that failed a check.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    /// Where it is: `title`, `titles[3]`, `insights[0].technique`.
    pub path: String,
    pub problem: String,
}

impl FieldProblem {
    /// The sentence the re-ask quotes back to the model.
    pub fn sentence(&self) -> String {
        format!("{} {}", self.path, self.problem)
    }
}

/// What kind of text a field holds, from its name: titles and prompts get checks of their
/// own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Title,
    Prompt,
    Text,
}

fn kind_of(key: &str) -> Kind {
    let key = key.to_ascii_lowercase();
    if key.contains("title") {
        Kind::Title
    } else if key == "prompt" || key == "prompts" || key.ends_with("_prompt") || key == "question" {
        Kind::Prompt
    } else {
        Kind::Text
    }
}

/// The names of the schema's properties (at any depth) that a reader would never write
/// in prose: snake_case ones such as `pre_writeup` or `image_full_page`.
pub fn schema_field_names(schema: Option<&Value>) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(props)) = m.get("properties") {
                    for name in props.keys() {
                        if name.contains('_') && !out.contains(name) {
                            out.push(name.clone());
                        }
                    }
                }
                m.values().for_each(|c| walk(c, out));
            }
            Value::Array(a) => a.iter().for_each(|c| walk(c, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(s) = schema {
        walk(s, &mut out);
    }
    out
}

/// Every string in `v` with its path and the name of the field it belongs to (for a list
/// item, the list's name).
fn strings<'v>(v: &'v Value, path: &str, key: &str, out: &mut Vec<(String, String, &'v str)>) {
    match v {
        Value::String(s) => out.push((path.to_string(), key.to_string(), s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{path}[{i}]"), key, out);
            }
        }
        Value::Object(m) => {
            for (k, item) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                strings(item, &p, k, out);
            }
        }
        _ => {}
    }
}

/// How many string fields `v` has (list items count one each).
pub fn field_count(v: &Value) -> usize {
    let mut all = Vec::new();
    strings(v, "", "", &mut all);
    all.len()
}

/// The problems of every string field of `v`; `names` from [`schema_field_names`].
pub fn check(v: &Value, names: &[String]) -> Vec<FieldProblem> {
    let mut all = Vec::new();
    strings(v, "", "", &mut all);
    all.into_iter()
        .filter_map(|(path, key, text)| {
            problem(text, kind_of(&key), names).map(|problem| FieldProblem { path, problem })
        })
        .collect()
}

/// The first problem of one field's text, as the end of a sentence naming the field.
fn problem(text: &str, kind: Kind, names: &[String]) -> Option<String> {
    if let Some(bit) = json_punctuation(text) {
        return Some(format!(
            "has JSON punctuation in it ({bit:?}); write plain words only"
        ));
    }
    if let Some(name) = format_words(text, names) {
        return Some(format!(
            "describes the reply's format ({name:?}) instead of saying something to the reader"
        ));
    }
    if let Some(file) = file_name(text) {
        return Some(format!(
            "contains a file name ({file:?}); write it as plain words without a file extension"
        ));
    }
    if kind == Kind::Title {
        if let Some(marker) = list_marker(text) {
            return Some(format!(
                "has a list marker or number in it ({marker:?}); give the title words alone"
            ));
        }
    }
    if let Some(sentence) = repeated_sentence(text) {
        return Some(format!(
            "says the same sentence more than once ({sentence:?}); say it once"
        ));
    }
    if kind == Kind::Prompt && !is_question(text) {
        return Some("is not a question; write one question ending with \"?\"".into());
    }
    None
}

/// JSON syntax leaking into prose: braces, or quote-colon and quote-comma-quote pairs.
fn json_punctuation(text: &str) -> Option<String> {
    let at = text
        .find(['{', '}'])
        .or_else(|| find_squeezed(text, "\":"))
        .or_else(|| find_squeezed(text, "\",\""))?;
    let start = text[..at].char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    Some(
        text[start..]
            .chars()
            .take(8)
            .collect::<String>()
            .trim()
            .to_string(),
    )
}

/// `needle` in `text` with any spaces between its characters.
fn find_squeezed(text: &str, needle: &str) -> Option<usize> {
    let squeezed: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    let want: Vec<char> = needle.chars().collect();
    squeezed
        .windows(want.len())
        .find(|w| w.iter().map(|(_, c)| *c).eq(want.iter().copied()))
        .map(|w| w[0].0)
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Talk of the reply's format: "JSON", "schema", or a snake_case field name.
fn format_words(text: &str, names: &[String]) -> Option<String> {
    for w in words(text) {
        let lower = w.to_lowercase();
        if lower == "json" || lower == "schema" {
            return Some(w.to_string());
        }
        if names.iter().any(|n| n.eq_ignore_ascii_case(w)) {
            return Some(w.to_string());
        }
    }
    None
}

const FILE_EXTENSIONS: [&str; 22] = [
    "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "tif", "tiff", "heic", "pdf", "doc", "docx",
    "txt", "md", "json", "csv", "html", "mp3", "mp4", "wav", "epub",
];

/// A word glued to a file extension by a dot: `Parents.JPG`, `sunrise.png`.
fn file_name(text: &str) -> Option<String> {
    for token in text.split_whitespace() {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        let Some((stem, ext)) = token.rsplit_once('.') else {
            continue;
        };
        let stem_ok = stem
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if stem_ok && FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
            return Some(token.to_string());
        }
    }
    None
}

/// A list marker at the start (`1.`, `2)`, `-`, `*`, `•`, `#`) or a list number inside
/// (`Gratitude 3. Joy`).
fn list_marker(text: &str) -> Option<String> {
    let t = text.trim_start();
    if let Some(c) = t.chars().next() {
        if matches!(c, '-' | '*' | '•' | '#' | '>') {
            return Some(c.to_string());
        }
    }
    let tokens: Vec<&str> = t.split_whitespace().collect();
    for (i, token) in tokens.iter().enumerate() {
        // "Day 3: Rest" is a title; "3. Rest" and "Rest 3. Joy" are list items.
        let digits = token.trim_end_matches(['.', ')']);
        let numbered = !digits.is_empty()
            && digits.len() < token.len()
            && digits.chars().all(|c| c.is_ascii_digit())
            && digits.len() <= 3;
        // "1." or "2)" opening the title, or followed by more words inside it.
        if numbered && (i == 0 || i + 1 < tokens.len()) {
            return Some((*token).to_string());
        }
    }
    None
}

/// The text's sentences, split after `.`, `!` or `?`.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, (i, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(n + 1).is_none_or(|(_, c)| c.is_whitespace());
        if matches!(c, '.' | '!' | '?') && next_is_space {
            let end = i + c.len_utf8();
            out.push(text[start..end].trim());
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

fn norm(s: &str) -> String {
    words(s)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sentence of four words or more said twice.
fn repeated_sentence(text: &str) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for s in sentences(text) {
        let n = norm(s);
        if n.split(' ').count() < 4 {
            continue;
        }
        if seen.contains(&n) {
            return Some(s.to_string());
        }
        seen.push(n);
    }
    None
}

fn is_question(text: &str) -> bool {
    text.trim()
        .trim_end_matches(['"', '\'', '”', '’', ')', '*', '_'])
        .ends_with('?')
}

/// A field still failing when its step is kept: cleaned of what the checks found (JSON
/// punctuation and what follows it, format talk, file extensions, list markers, repeated
/// sentences), or, when nothing clean is left, a plain template line. A prompt that is
/// still no question gets a question after it. Returns the repaired paths.
pub fn repair(v: &mut Value, names: &[String]) -> Vec<String> {
    let problems = check(v, names);
    let mut fixed = Vec::new();
    for p in problems {
        let Some(slot) = at_path(v, &p.path) else {
            continue;
        };
        let Some(text) = slot.as_str() else { continue };
        let kind = kind_of(last_key(&p.path));
        *slot = Value::String(clean(text, kind, names));
        fixed.push(p.path);
    }
    fixed
}

fn last_key(path: &str) -> &str {
    let tail = path.rsplit('.').next().unwrap_or(path);
    tail.split('[').next().unwrap_or(tail)
}

fn at_path<'v>(v: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    let mut cur = v;
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        cur = cur.get_mut(key)?;
        for index in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            cur = cur.get_mut(index.parse::<usize>().ok()?)?;
        }
    }
    Some(cur)
}

/// The template lines a field falls back to when nothing of it is clean.
const TITLE_LINE: &str = "Today's Page";
const PROMPT_LINE: &str = "What stayed with you today, and why?";
const TEXT_LINE: &str = "Take a few quiet minutes with this page.";

fn clean(text: &str, kind: Kind, names: &[String]) -> String {
    // JSON punctuation: keep what came before it.
    let mut t = match text
        .find(['{', '}'])
        .or_else(|| find_squeezed(text, "\":"))
        .or_else(|| find_squeezed(text, "\",\""))
    {
        Some(at) => text[..at]
            .trim_end_matches([' ', ',', '"', ':', '['])
            .to_string(),
        None => text.to_string(),
    };
    // Sentences about the format go; a repeated sentence is kept once.
    let mut kept: Vec<&str> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for s in sentences(&t) {
        let n = norm(s);
        if format_words(s, names).is_some() || seen.contains(&n) {
            continue;
        }
        seen.push(n);
        kept.push(s);
    }
    t = kept.join(" ");
    // File extensions come off the word they are glued to.
    while let Some(file) = file_name(&t) {
        let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
        t = t.replacen(&file, stem, 1);
    }
    if kind == Kind::Title {
        t = t
            .split_whitespace()
            .filter(|w| {
                let digits = w.trim_end_matches(['.', ')']);
                digits.len() == w.len()
                    || digits.is_empty()
                    || !digits.chars().all(|c| c.is_ascii_digit())
            })
            .collect::<Vec<_>>()
            .join(" ");
        t = t
            .trim_start_matches(['-', '*', '•', '#', '>', ' '])
            .to_string();
    }
    let mut t = t.trim().to_string();
    // Prose that lost most of its words that way (the JSON came first, or every sentence
    // named a field) keeps its words instead, with only the leaked tokens taken out.
    if kind == Kind::Text && words(&t).count() * 3 < words(text).count() {
        t = strip_tokens(text, names);
    }
    // Real words, not "S.O.N." or a lone number.
    let has_words = words(&t)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
        >= 2
        || (kind == Kind::Title && words(&t).any(|w| w.chars().count() >= 3));
    match kind {
        Kind::Prompt if has_words && is_question(&t) => t,
        Kind::Prompt if has_words && t.ends_with(['.', '!', ';', ':']) => {
            format!("{t} {PROMPT_LINE}")
        }
        Kind::Prompt if has_words => format!("{t}. {PROMPT_LINE}"),
        Kind::Prompt => PROMPT_LINE.to_string(),
        Kind::Title if has_words => t,
        Kind::Title => TITLE_LINE.to_string(),
        Kind::Text if has_words => t,
        Kind::Text => TEXT_LINE.to_string(),
    }
}

/// `text` without JSON punctuation, format words, field labels and file extensions, each
/// sentence once.
fn strip_tokens(text: &str, names: &[String]) -> String {
    let bare: String = text
        .chars()
        .map(|c| {
            if matches!(c, '{' | '}' | '[' | ']' | '"' | '\\') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let kept: Vec<String> = bare
        .split_whitespace()
        .filter(|w| {
            let word = w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
            !word.eq_ignore_ascii_case("json")
                && !word.eq_ignore_ascii_case("schema")
                && !names.iter().any(|n| n.eq_ignore_ascii_case(word))
        })
        .map(|w| match file_name(w) {
            Some(file) => w.replacen(&file, file.rsplit_once('.').map_or("", |(s, _)| s), 1),
            None => w.to_string(),
        })
        .filter(|w| !matches!(w.as_str(), ":" | "," | ":,"))
        .collect();
    let joined = kept.join(" ");
    let mut seen: Vec<String> = Vec::new();
    let mut out: Vec<&str> = Vec::new();
    for sentence in sentences(&joined) {
        let n = norm(sentence);
        if !seen.contains(&n) {
            seen.push(n);
            out.push(sentence);
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn day_names() -> Vec<String> {
        schema_field_names(Some(&json!({
            "type": "object",
            "properties": {"title": {"type": "string"}, "pre_writeup": {"type": "string"},
              "prompt": {"type": "string"}, "image_full_page": {"type": "string"},
              "image_bottom": {"type": "string"}}
        })))
    }

    fn problems_of(v: Value) -> Vec<String> {
        check(&v, &day_names())
            .into_iter()
            .map(|p| p.sentence())
            .collect()
    }

    #[test]
    fn the_bad_fields_seen_in_a_small_models_lead_magnet_are_caught() {
        // Each example from the issue, as the small model wrote it.
        let research = json!({"insights": [
            {"technique": "3 }, {", "description": "Name three things that went well today."}
        ]});
        let p = problems_of(research);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("insights[0].technique has JSON punctuation"),
            "{p:?}"
        );

        let p =
            problems_of(json!({"prompt": "A JSON object with pre_writeup, prompt and changes"}));
        assert!(
            p[0].starts_with("prompt describes the reply's format"),
            "{p:?}"
        );

        let p = problems_of(json!({"title": "Gratitude for New Parents.JPG"}));
        assert!(p[0].contains("file name (\"Parents.JPG\")"), "{p:?}");

        for numbered in [
            "1. Morning Pages",
            "Morning Pages 2. Evening",
            "- Morning Pages",
            "3) Slow Mornings",
        ] {
            let p = problems_of(json!({"titles": ["A Quiet Year", numbered]}));
            assert_eq!(p.len(), 1, "{numbered}: {p:?}");
            assert!(p[0].starts_with("titles[1] has a list marker"), "{p:?}");
        }

        let thrice = "Gratitude changes how we see the day. Gratitude changes how we see the day. \
                      Gratitude changes how we see the day.";
        let p = problems_of(json!({"pre_writeup": thrice}));
        assert!(p[0].contains("same sentence more than once"), "{p:?}");

        let p = problems_of(json!({"prompt": "Write about a moment you felt thankful."}));
        assert!(p[0].contains("is not a question"), "{p:?}");
    }

    #[test]
    fn clean_fields_pass() {
        let day = json!({
            "title": "Noticing Small Joys",
            "pre_writeup": "Gratitude is a practice. It grows when you name what went well, \
                            even on a hard day: the tea, the call, the walk home.",
            "prompt": "What small thing made you smile today, and why did it matter?",
            "image_full_page": "A sunlit kitchen table with a cup of tea",
            "image_bottom": "A pencil on an open notebook"
        });
        assert_eq!(problems_of(day), Vec::<String>::new());
        // Placeholders, years, times, short repeats and a quoted question are all fine.
        let ok = json!({
            "text": "I, [Name], promise to write for 5 minutes at 7.30 each day in 2026.",
            "titles": ["The 5-Minute Gratitude Journal", "365 Days of Thanks", "Day 3: Rest"],
            "writeup": "Yes. Yes. Begin where you are.",
            "prompt": "Ask yourself: \"What am I holding on to?\""
        });
        assert_eq!(problems_of(ok), Vec::<String>::new());
    }

    #[test]
    fn a_field_still_failing_is_cleaned_or_replaced_by_a_template_line() {
        let names = day_names();
        let mut v = json!({
            "title": "1. Gratitude for New Parents.JPG",
            "pre_writeup": "Thanks matter. Breathe slowly and notice. Breathe slowly and notice.",
            "prompt": "A JSON object with pre_writeup, prompt and changes",
            "insights": [{"technique": "3 }, {"}],
            "image_bottom": "Write about your morning."
        });
        let mut fixed = repair(&mut v, &names);
        fixed.sort();
        assert_eq!(
            fixed,
            ["insights[0].technique", "pre_writeup", "prompt", "title"]
        );
        assert_eq!(v["title"], "Gratitude for New Parents");
        assert_eq!(
            v["pre_writeup"],
            "Thanks matter. Breathe slowly and notice."
        );
        assert_eq!(v["prompt"], PROMPT_LINE);
        assert_eq!(v["insights"][0]["technique"], TEXT_LINE);
        assert_eq!(v["image_bottom"], "Write about your morning.");
        assert!(check(&v, &names).is_empty(), "{:?}", check(&v, &names));

        let mut garbled =
            json!({"pre_writeup": "[\nS.O.N. {'prompt': [", "prompt": "Morning light"});
        repair(&mut garbled, &names);
        assert_eq!(garbled["pre_writeup"], TEXT_LINE);
        assert_eq!(garbled["prompt"], format!("Morning light. {PROMPT_LINE}"));

        // Prose whose JSON came first keeps its words.
        let mut leaked = json!({"pre_writeup": "{\"pre_writeup\": \"Gratitude grows when you name it. \
            Write down three things from today, however small, and why they mattered.\"}"});
        repair(&mut leaked, &names);
        assert_eq!(
            leaked["pre_writeup"],
            "Gratitude grows when you name it. Write down three things from today, however small, and why they mattered."
        );

        let mut statement = json!({"prompt": "Think of a friend who helped you."});
        repair(&mut statement, &names);
        assert_eq!(
            statement["prompt"],
            format!("Think of a friend who helped you. {PROMPT_LINE}")
        );
    }

    #[test]
    fn fields_are_counted_list_items_one_each() {
        assert_eq!(
            field_count(&json!({"titles": ["a", "b"], "n": 3, "o": {"p": "q"}})),
            3
        );
    }
}
