//! Day One's entry text: undoing its over-eager Markdown escaping, pointing its
//! `dayone-moment:` image links at attachment files, and finding a title.

use std::collections::HashMap;

use crate::text::{atx_heading, shorten};

/// Removes the backslashes Day One puts before `.`, `-`, `!`, `(`… when they change nothing
/// in Markdown (`Hello\.` → `Hello.`), and keeps those that do (`1\. not a list`,
/// `\- not a bullet`, `\![not an image]`). Code blocks and code spans are left alone.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let marker = fence_marker(line);
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                out.push_str(line);
            }
            (Some((c, n)), Some((mc, mn))) if c == mc && mn >= n => {
                fence = None;
                out.push_str(line);
            }
            (Some(_), _) => out.push_str(line),
            (None, None) => unescape_line(line, &mut out),
        }
    }
    out
}

/// A ``` or ~~~ fence line: its character and length.
fn fence_marker(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn unescape_line(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    // Where the line's text starts and where a leading run of digits ends, worked out once
    // so that a line full of backslashes stays linear.
    let lead = chars.iter().take_while(|c| **c == ' ').count();
    let digits_end = lead
        + chars
            .iter()
            .skip(lead)
            .take_while(|c| c.is_ascii_digit())
            .count();
    let mut i = 0;
    let mut code_ticks = 0; // length of the backtick run that opened a code span
    while let Some(&c) = chars.get(i) {
        if c == '`' {
            let run = chars.iter().skip(i).take_while(|x| **x == '`').count();
            if code_ticks == 0 {
                code_ticks = run;
            } else if code_ticks == run {
                code_ticks = 0;
            }
            out.extend(std::iter::repeat_n('`', run));
            i += run;
            continue;
        }
        if c == '\\' && code_ticks == 0 {
            match chars.get(i + 1) {
                Some('\\') => {
                    out.push_str("\\\\");
                    i += 2;
                    continue;
                }
                Some(&next) => {
                    let at_line_start = i <= lead;
                    // "12\." or "3\)" would start an ordered list without the backslash.
                    let after_list_number = i > lead && i == digits_end && i - lead <= 9;
                    let redundant = match next {
                        '.' | ')' => !after_list_number,
                        '-' | '+' | '#' | '=' | '>' => !at_line_start,
                        '!' => chars.get(i + 2) != Some(&'['),
                        '(' => i == 0 || chars.get(i - 1) != Some(&']'),
                        '{' | '}' => true,
                        _ => false,
                    };
                    if redundant {
                        out.push(next);
                        i += 2;
                        continue;
                    }
                }
                None => {}
            }
        }
        out.push(c);
        i += 1;
    }
}

/// Replaces `dayone-moment://<id>` (and `dayone-moment:/video/<id>` etc.) link targets with
/// the attachment's file name, so `![](dayone-moment://ABC)` becomes `![](<md5>.jpeg)`.
/// Unknown identifiers are left as they are.
pub(crate) fn replace_moments(text: &str, files: &HashMap<String, String>) -> String {
    const SCHEME: &str = "dayone-moment:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(SCHEME) {
        let (head, tail) = rest.split_at(pos);
        out.push_str(head);
        let end = tail
            .find(|c: char| c == ')' || c == ']' || c.is_whitespace())
            .unwrap_or(tail.len());
        let (url, after) = tail.split_at(end);
        let id = url.rsplit('/').next().unwrap_or("");
        match files.get(id) {
            Some(name) if !id.is_empty() => out.push_str(name),
            _ => out.push_str(url),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Title and body: a first-line heading becomes the title and leaves the body; otherwise
/// the first line with words (not just an image) is shortened into a title and the body
/// keeps everything.
pub(crate) fn split_title(text: &str) -> (String, String) {
    let trimmed = text.trim_start_matches('\n');
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    if let Some((_, heading)) = atx_heading(first) {
        if !heading.is_empty() {
            return (heading.to_owned(), rest.trim_start_matches('\n').to_owned());
        }
    }
    let title_line = trimmed
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !is_image_line(l))
        .unwrap_or("");
    (shorten(title_line, 80), text.to_owned())
}

/// `![alt](target)` alone on a line.
fn is_image_line(line: &str) -> bool {
    line.starts_with("![") && line.ends_with(')')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redundant_escapes_are_removed() {
        assert_eq!(
            unescape(r"Hello\. Well\-known\! (really\)"),
            "Hello. Well-known! (really)"
        );
        assert_eq!(unescape(r"a \(b\) {c\}"), "a (b) {c}");
    }

    #[test]
    fn meaningful_escapes_are_kept() {
        assert_eq!(unescape(r"1\. not a list"), r"1\. not a list");
        assert_eq!(unescape(r"\- not a bullet"), r"\- not a bullet");
        assert_eq!(unescape(r"\# not a heading"), r"\# not a heading");
        assert_eq!(unescape(r"\![not an image](x)"), r"\![not an image](x)");
        assert_eq!(
            unescape(r"\*stars\* and \_under\_"),
            r"\*stars\* and \_under\_"
        );
        assert_eq!(unescape(r"a\\. b"), r"a\\. b");
        assert_eq!(unescape("end\\"), "end\\");
    }

    #[test]
    fn code_is_left_alone() {
        assert_eq!(unescape("`a\\.b` c\\."), "`a\\.b` c.");
        assert_eq!(unescape("```\nx\\.y\n```\nz\\."), "```\nx\\.y\n```\nz.");
    }

    #[test]
    fn moments_point_at_files() {
        let files = HashMap::from([("ABC".to_owned(), "0a1b.jpeg".to_owned())]);
        assert_eq!(
            replace_moments(
                "x ![](dayone-moment://ABC) y ![](dayone-moment:/video/ZZZ)",
                &files
            ),
            "x ![](0a1b.jpeg) y ![](dayone-moment:/video/ZZZ)"
        );
        assert_eq!(replace_moments("dayone-moment:", &files), "dayone-moment:");
    }

    #[test]
    fn titles_come_from_headings_or_first_lines() {
        assert_eq!(
            split_title("# Trip\n\nWe went."),
            ("Trip".into(), "We went.".into())
        );
        let (t, b) = split_title("![](a.jpeg)\nSunny day at the beach\nmore");
        assert_eq!(
            (t.as_str(), b.as_str()),
            (
                "Sunny day at the beach",
                "![](a.jpeg)\nSunny day at the beach\nmore"
            )
        );
        let long = "word ".repeat(40);
        assert!(split_title(&long).0.chars().count() <= 81);
        assert_eq!(split_title(""), (String::new(), String::new()));
    }
}
