//! Small text helpers shared by the importers and exporters.

use std::cmp::Ordering;
use std::collections::HashSet;

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of `data`.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// The first `n` hex digits of SHA-256 of `data`.
pub(crate) fn sha256_prefix(data: &[u8], n: usize) -> String {
    let mut h = sha256_hex(data);
    h.truncate(n);
    h
}

/// Drops a leading UTF-8 byte-order mark.
pub(crate) fn strip_bom_bytes(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Decodes UTF-8 (without BOM) or explains where it is broken.
pub(crate) fn decode_utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(strip_bom_bytes(bytes)).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {}); save it as UTF-8 and import again",
            e.valid_up_to()
        )
    })
}

/// Drops a leading BOM and turns CRLF and lone CR (old Mac files, or `\r\r\n` from a
/// double conversion) into `\n`, so parsers only ever see one kind of line ending.
pub(crate) fn normalize_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Whether `normalize_tags` removes a leading `@`/`#` (other tools' tag markers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sigils {
    Strip,
    Keep,
}

/// Trims, drops empty tags and case-insensitive duplicates (the library's tag names are
/// unique without regard to case), and optionally strips one `@`/`#` sigil.
pub(crate) fn normalize_tags<I, S>(tags: I, sigils: Sigils) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for tag in tags {
        let mut t = tag.as_ref().trim();
        if sigils == Sigils::Strip {
            t = t.strip_prefix(['@', '#']).unwrap_or(t).trim();
        }
        if !t.is_empty() && seen.insert(t.to_lowercase()) {
            out.push(t.to_owned());
        }
    }
    out
}

/// Compares paths so that `2-a.md` sorts before `10-a.md` (runs of digits by value).
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut ai = a.chars().peekable();
    let mut bi = b.chars().peekable();
    loop {
        match (ai.peek().copied(), bi.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = take_digits(&mut ai);
                let nb = take_digits(&mut bi);
                let (ta, tb) = (na.trim_start_matches('0'), nb.trim_start_matches('0'));
                let ord = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                ai.next();
                bi.next();
            }
        }
    }
}

fn take_digits(it: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut s = String::new();
    while let Some(c) = it.peek().copied() {
        if !c.is_ascii_digit() {
            break;
        }
        s.push(c);
        it.next();
    }
    s
}

/// A file-name-safe slug: lower-case letters and digits joined by `-`, at most `max` chars.
pub(crate) fn slugify(text: &str, max: usize) -> String {
    let mut slug = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
            if slug.chars().count() >= max {
                break;
            }
        } else {
            dash = true;
        }
    }
    slug
}

/// Makes an attachment name safe for any file system: no folders, no control or reserved
/// characters, no leading dot, at most ~100 characters with the extension kept.
pub(crate) fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut out: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')' | '+') {
                c
            } else {
                '_'
            }
        })
        .collect();
    out = out
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
        .to_owned();
    if out.chars().count() > 100 {
        let (stem, ext) = match out.rfind('.') {
            Some(i) if out.len() - i <= 10 => {
                (out.get(..i).unwrap_or(""), out.get(i..).unwrap_or(""))
            }
            _ => (out.as_str(), ""),
        };
        let stem: String = stem.chars().take(90).collect();
        out = format!("{stem}{ext}");
    }
    if out.is_empty() {
        "attachment".to_owned()
    } else {
        out
    }
}

/// MIME type for a file extension (case-insensitive, without the dot).
pub(crate) fn mime_for_extension(ext: &str) -> &'static str {
    match ext.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "heif" => "image/heif",
        "tif" | "tiff" => "image/tiff",
        "bmp" => "image/bmp",
        "svg" => "image/svg+xml",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "m4a" => "audio/mp4",
        "mp3" => "audio/mpeg",
        "aac" => "audio/aac",
        "wav" => "audio/wav",
        "caf" => "audio/x-caf",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "md" | "markdown" => "text/markdown",
        _ => "application/octet-stream",
    }
}

/// MIME type guessed from a file name's extension.
pub fn mime_for_file_name(name: &str) -> &'static str {
    match name.rsplit_once('.') {
        Some((_, ext)) => mime_for_extension(ext),
        None => "application/octet-stream",
    }
}

/// Cuts `text` to at most `max` characters at a word boundary, adding "…" when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => cut.get(..i).unwrap_or(&cut).to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// Parses an ATX heading line (`# Title`, up to three leading spaces, optional closing
/// `#`s) and returns its level and text, or `None` if the line is no heading.
pub(crate) fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = line.trim_start_matches(' ');
    let level = rest.len() - rest.trim_start_matches('#').len();
    if level == 0 || level > 6 {
        return None;
    }
    let after = rest.get(level..)?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = after.trim();
    // A closing sequence of #s counts only when preceded by a space.
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        text = without_closing.trim_end();
    }
    Some((level, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(
            normalize_newlines("\u{feff}a\r\nb\rc\r\r\nd\n"),
            "a\nb\nc\n\nd\n"
        );
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        let mut v = vec!["10-b.md", "2-a.md", "sub/1.md", "0009-x.md", "a.md"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["2-a.md", "0009-x.md", "10-b.md", "a.md", "sub/1.md"]);
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            slugify("  Hello, World! --- Día 3 ", 50),
            "hello-world-día-3"
        );
        assert_eq!(slugify("???", 50), "");
        assert_eq!(slugify("abcdefghij", 4), "abcd");
    }

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("a:b*c?.jpg"), "a_b_c_.jpg");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name(""), "attachment");
        let long = format!("{}.jpeg", "x".repeat(300));
        let safe = safe_file_name(&long);
        assert!(
            safe.ends_with(".jpeg") && safe.chars().count() <= 100,
            "{safe}"
        );
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated() {
        assert_eq!(
            normalize_tags(
                ["@work", " Work ", "#idea", "", "  ", "home"],
                Sigils::Strip
            ),
            ["work", "idea", "home"]
        );
        assert_eq!(
            normalize_tags(["@work", " Work ", "#idea", " ", "@Work"], Sigils::Keep),
            ["@work", "Work", "#idea"]
        );
    }

    #[test]
    fn headings_are_recognised() {
        assert_eq!(atx_heading("# Title"), Some((1, "Title")));
        assert_eq!(atx_heading("## Sub ##"), Some((2, "Sub")));
        assert_eq!(atx_heading("#hashtag"), None);
        assert_eq!(atx_heading("    # code"), None);
        assert_eq!(atx_heading("# C#"), Some((1, "C#")));
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("short", 80), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
    }
}
