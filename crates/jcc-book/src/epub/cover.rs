//! A typographic cover (SVG) for books without a cover image: EPUB stores want one.

use super::xhtml::esc;
use std::fmt::Write;

const WIDTH: u32 = 600;
const HEIGHT: u32 = 900;
const CHARS_PER_LINE: usize = 18;
const MAX_LINES: usize = 6;

pub fn svg(title: &str, subtitle: &str, author: &str) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\n\
         <title>{}</title>\n\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#2f3e46\"/>\n\
         <rect x=\"30\" y=\"30\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#cad2c5\" stroke-width=\"2\"/>\n",
        esc(title),
        WIDTH - 60,
        HEIGHT - 60
    );
    let mut y = 300;
    for line in wrap(title, CHARS_PER_LINE) {
        text(&mut out, y, 46, &line);
        y += 58;
    }
    if !subtitle.is_empty() {
        y += 20;
        for line in wrap(subtitle, CHARS_PER_LINE + 10).into_iter().take(3) {
            text(&mut out, y, 26, &line);
            y += 34;
        }
    }
    if !author.is_empty() {
        text(&mut out, HEIGHT as i32 - 120, 30, author);
    }
    out.push_str("</svg>\n");
    out
}

fn text(out: &mut String, y: i32, size: u32, line: &str) {
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{y}\" text-anchor=\"middle\" font-family=\"serif\" \
         font-size=\"{size}\" fill=\"#ffffff\">{}</text>",
        WIDTH / 2,
        esc(line)
    );
}

/// Greedy word wrap by character count, at most [`MAX_LINES`] lines.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word: String = word.chars().take(width).collect();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_wrap_and_are_escaped() {
        let s = svg("A <very> long & winding title for a journal", "", "Ada");
        assert!(s.contains("&lt;very&gt;"));
        assert!(s.matches("<text").count() >= 3);
    }
}
