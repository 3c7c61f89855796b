//! Entry Markdown to a small document tree that both the PDF template and the EPUB
//! writer render from data, so no writer text is ever read as markup by either.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// Deeper nesting than this is flattened: it keeps the Typst template inside its call
/// depth and no reader can tell a tenth nested quote from a ninth.
const MAX_DEPTH: usize = 10;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Block {
    P {
        c: Vec<Inline>,
    },
    /// A heading inside an entry (level 1-6); the book's own headings are separate.
    H {
        level: u8,
        c: Vec<Inline>,
    },
    Quote {
        c: Vec<Block>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Code {
        s: String,
    },
    Hr,
    /// An image; `id` indexes the book's image table once references are resolved.
    Img {
        alt: String,
        #[serde(skip)]
        dest: String,
        id: Option<usize>,
    },
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Inline {
    Text {
        s: String,
    },
    Em {
        c: Vec<Inline>,
    },
    Strong {
        c: Vec<Inline>,
    },
    Strike {
        c: Vec<Inline>,
    },
    Code {
        s: String,
    },
    /// Only web and mail links survive; anything else is shown as its text.
    Link {
        url: String,
        c: Vec<Inline>,
    },
    Br,
    /// A line to write on, for `[Name]` and similar placeholders.
    Blank,
}

#[derive(Debug)]
enum Kind {
    Root,
    Para,
    Heading(u8),
    Quote,
    List {
        ordered: bool,
        start: u64,
    },
    Item,
    Em,
    Strong,
    Strike,
    Link(Option<String>),
    /// Collects its alt text in `raw`.
    Image {
        dest: String,
    },
    CodeBlock,
    Html,
    /// Too deep or unknown: its content goes to the parent.
    Transparent,
}

#[derive(Debug)]
struct Frame {
    kind: Kind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    items: Vec<Vec<Block>>,
    /// Images met inside a paragraph; they follow it as blocks.
    hoisted: Vec<Block>,
    raw: String,
}

impl Frame {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
            items: Vec::new(),
            hoisted: Vec::new(),
            raw: String::new(),
        }
    }

    /// Pending inline text becomes a paragraph before a block starts or the frame ends.
    fn flush_inlines(&mut self) {
        if !self.inlines.is_empty() {
            let c = std::mem::take(&mut self.inlines);
            if !is_blank(&c) {
                self.blocks.push(Block::P { c });
            }
        }
        self.blocks.append(&mut self.hoisted);
    }

    fn push_inline(&mut self, inline: Inline) {
        if let (Inline::Text { s }, Some(Inline::Text { s: last })) =
            (&inline, self.inlines.last_mut())
        {
            last.push_str(s);
            return;
        }
        self.inlines.push(inline);
    }

    fn is_inline(&self) -> bool {
        matches!(
            self.kind,
            Kind::Para
                | Kind::Heading(_)
                | Kind::Em
                | Kind::Strong
                | Kind::Strike
                | Kind::Link(_)
                | Kind::Image { .. }
        )
    }
}

/// Parses `markdown` (CommonMark with ~~strikethrough~~) into blocks.
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut stack = vec![Frame::new(Kind::Root)];
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => start(&mut stack, tag),
            Event::End(end) => finish(&mut stack, end),
            Event::Text(t) => text(&mut stack, &t),
            Event::Code(t) => {
                if let Some(top) = stack.last_mut() {
                    match top.kind {
                        Kind::Image { .. } => top.raw.push_str(&clean(&t)),
                        _ => top.push_inline(Inline::Code { s: clean(&t) }),
                    }
                }
            }
            // Raw HTML, math and the like are shown as the text the writer typed.
            Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => text(&mut stack, &t),
            Event::FootnoteReference(t) => text(&mut stack, &format!("[^{t}]")),
            Event::TaskListMarker(done) => text(&mut stack, if done { "[x] " } else { "[ ] " }),
            Event::SoftBreak => text(&mut stack, " "),
            Event::HardBreak => {
                if let Some(top) = stack.last_mut() {
                    top.push_inline(Inline::Br);
                }
            }
            Event::Rule => {
                if let Some(top) = stack.last_mut() {
                    top.flush_inlines();
                    top.blocks.push(Block::Hr);
                }
            }
        }
    }
    // Close anything left open (the parser always balances, but be safe).
    while stack.len() > 1 {
        close_top(&mut stack);
    }
    let mut root = stack.pop().unwrap_or_else(|| Frame::new(Kind::Root));
    root.flush_inlines();
    root.blocks
}

fn text(stack: &mut [Frame], t: &str) {
    let Some(top) = stack.last_mut() else { return };
    match top.kind {
        Kind::Image { .. } => top.raw.push_str(&clean(t)),
        Kind::CodeBlock | Kind::Html => top.raw.push_str(t),
        _ => top.push_inline(Inline::Text { s: clean(t) }),
    }
}

fn start(stack: &mut Vec<Frame>, tag: Tag<'_>) {
    let kind = match tag {
        Tag::Paragraph => Kind::Para,
        Tag::Heading { level, .. } => Kind::Heading(level as u8),
        Tag::BlockQuote(_) => Kind::Quote,
        Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => Kind::CodeBlock,
        Tag::HtmlBlock => Kind::Html,
        Tag::List(start) => Kind::List {
            ordered: start.is_some(),
            start: start.unwrap_or(1),
        },
        Tag::Item => Kind::Item,
        Tag::Emphasis => Kind::Em,
        Tag::Strong => Kind::Strong,
        Tag::Strikethrough => Kind::Strike,
        Tag::Link { dest_url, .. } => Kind::Link(safe_url(&dest_url)),
        Tag::Image { dest_url, .. } => Kind::Image {
            dest: dest_url.trim().to_string(),
        },
        _ => Kind::Transparent,
    };
    let too_deep = stack.len() >= MAX_DEPTH && !matches!(kind, Kind::Image { .. });
    let kind = if too_deep { Kind::Transparent } else { kind };
    let block_level = matches!(
        kind,
        Kind::Para
            | Kind::Heading(_)
            | Kind::Quote
            | Kind::CodeBlock
            | Kind::Html
            | Kind::List { .. }
            | Kind::Item
    );
    if let Some(top) = stack.last_mut() {
        if block_level && !top.is_inline() {
            top.flush_inlines();
        }
    }
    stack.push(Frame::new(kind));
}

fn finish(stack: &mut Vec<Frame>, _end: TagEnd) {
    if stack.len() > 1 {
        close_top(stack);
    }
}

fn close_top(stack: &mut Vec<Frame>) {
    let Some(mut frame) = stack.pop() else { return };
    let Some(parent) = stack.last_mut() else {
        return;
    };
    match frame.kind {
        Kind::Para => {
            if !is_blank(&frame.inlines) {
                parent.blocks.push(Block::P { c: frame.inlines });
            }
            parent.blocks.append(&mut frame.hoisted);
        }
        Kind::Heading(level) => {
            if !is_blank(&frame.inlines) {
                parent.blocks.push(Block::H {
                    level,
                    c: frame.inlines,
                });
            }
            parent.blocks.append(&mut frame.hoisted);
        }
        Kind::Quote => {
            frame.flush_inlines();
            if !frame.blocks.is_empty() {
                parent.blocks.push(Block::Quote { c: frame.blocks });
            }
        }
        Kind::Item => {
            frame.flush_inlines();
            match parent.kind {
                Kind::List { .. } => parent.items.push(frame.blocks),
                _ => parent.blocks.append(&mut frame.blocks),
            }
        }
        Kind::List { ordered, start } => {
            frame.flush_inlines();
            let mut items = frame.items;
            if !frame.blocks.is_empty() {
                items.push(frame.blocks);
            }
            if !items.is_empty() {
                parent.blocks.push(Block::List {
                    ordered,
                    start,
                    items,
                });
            }
        }
        Kind::Em | Kind::Strong | Kind::Strike | Kind::Link(_) => {
            let c = frame.inlines;
            let inline = match frame.kind {
                Kind::Em => Inline::Em { c },
                Kind::Strong => Inline::Strong { c },
                Kind::Strike => Inline::Strike { c },
                Kind::Link(Some(url)) => Inline::Link { url, c },
                _ => {
                    for i in c {
                        parent.push_inline(i);
                    }
                    parent.hoisted.append(&mut frame.hoisted);
                    return;
                }
            };
            parent.push_inline(inline);
            parent.hoisted.append(&mut frame.hoisted);
        }
        Kind::Image { dest } => {
            parent.hoisted.push(Block::Img {
                alt: frame.raw.trim().to_string(),
                dest,
                id: None,
            });
        }
        Kind::CodeBlock => {
            let s = clean(frame.raw.trim_end_matches('\n'));
            parent.blocks.push(Block::Code { s });
        }
        Kind::Html => {
            let s = clean(frame.raw.trim()).replace('\n', " ");
            if !s.is_empty() {
                parent.blocks.push(Block::P {
                    c: vec![Inline::Text { s }],
                });
            }
        }
        Kind::Transparent | Kind::Root => {
            frame.flush_inlines_into(parent);
        }
    }
}

impl Frame {
    fn flush_inlines_into(mut self, parent: &mut Frame) {
        if parent.is_inline() {
            for i in self.inlines.drain(..) {
                parent.push_inline(i);
            }
            parent.hoisted.append(&mut self.hoisted);
            parent.blocks.append(&mut self.blocks);
        } else {
            self.flush_inlines();
            parent.flush_inlines();
            parent.blocks.append(&mut self.blocks);
            for item in self.items {
                parent.blocks.extend(item);
            }
        }
    }
}

fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text { s } => s.trim().is_empty(),
        _ => false,
    })
}

/// Drops characters that have no place in a book (and are illegal in XML): control
/// characters other than newline and tab, and the non-characters U+FFFE/U+FFFF.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\u{FFFE}' | '\u{FFFF}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A link target kept only if it is a plain web or mail address of safe characters;
/// everything else (javascript:, relative paths, odd bytes) loses its link.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    if url.is_empty() || url.len() > 2000 || !url.chars().all(allowed) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let host_ok = |rest: &str| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    };
    let ok = if let Some(rest) = lower.strip_prefix("https://") {
        host_ok(rest)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        host_ok(rest)
    } else if let Some(rest) = lower.strip_prefix("mailto:") {
        rest.contains('@') && !rest.starts_with('@')
    } else {
        false
    };
    let percent_ok = url.match_indices('%').all(|(i, _)| {
        url.get(i + 1..i + 3)
            .is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()))
    });
    (ok && percent_ok).then(|| url.to_string())
}

/// The text of blocks, one line per paragraph (for tests, alt text and searches).
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::P { c } | Block::H { c, .. } => {
                inline_text(c, &mut out);
                out.push('\n');
            }
            Block::Quote { c } => out.push_str(&plain_text(c)),
            Block::List { items, .. } => {
                for item in items {
                    out.push_str(&plain_text(item));
                }
            }
            Block::Code { s } => {
                out.push_str(s);
                out.push('\n');
            }
            Block::Hr | Block::Img { .. } => {}
        }
    }
    out
}

pub(crate) fn inline_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { s } | Inline::Code { s } => out.push_str(s),
            Inline::Em { c }
            | Inline::Strong { c }
            | Inline::Strike { c }
            | Inline::Link { c, .. } => inline_text(c, out),
            Inline::Br => out.push(' '),
            Inline::Blank => out.push_str("____"),
        }
    }
}

/// Turns `[Name]`-style placeholders (the words given, any case) into writing blanks.
pub fn fill_blanks(blocks: &mut [Block], words: &[&str]) {
    for b in blocks {
        match b {
            Block::P { c } | Block::H { c, .. } => blanks_in(c, words),
            Block::Quote { c } => fill_blanks(c, words),
            Block::List { items, .. } => {
                for item in items {
                    fill_blanks(item, words);
                }
            }
            Block::Code { .. } | Block::Hr | Block::Img { .. } => {}
        }
    }
}

fn blanks_in(inlines: &mut Vec<Inline>, words: &[&str]) {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines.drain(..) {
        match inline {
            Inline::Text { s } => split_placeholders(&s, words, &mut out),
            Inline::Em { mut c } => {
                blanks_in(&mut c, words);
                out.push(Inline::Em { c });
            }
            Inline::Strong { mut c } => {
                blanks_in(&mut c, words);
                out.push(Inline::Strong { c });
            }
            other => out.push(other),
        }
    }
    *inlines = out;
}

fn split_placeholders(s: &str, words: &[&str], out: &mut Vec<Inline>) {
    let mut rest = s;
    let mut text = String::new();
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let hit = after.find(']').and_then(|close| {
            let word = &after[..close];
            words
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
                .then_some(close)
        });
        match hit {
            Some(close) => {
                text.push_str(&rest[..open]);
                if !text.is_empty() {
                    out.push(Inline::Text {
                        s: std::mem::take(&mut text),
                    });
                }
                out.push(Inline::Blank);
                rest = &after[close + 1..];
            }
            None => {
                text.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Inline::Text { s: text });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text { s: s.into() }
    }

    #[test]
    fn paragraphs_emphasis_and_links() {
        let b =
            parse("Hello *soft* **bold** [site](https://example.org) [bad](javascript:alert(1))");
        assert_eq!(
            b,
            vec![Block::P {
                c: vec![
                    t("Hello "),
                    Inline::Em { c: vec![t("soft")] },
                    t(" "),
                    Inline::Strong { c: vec![t("bold")] },
                    t(" "),
                    Inline::Link {
                        url: "https://example.org".into(),
                        c: vec![t("site")]
                    },
                    t(" bad"),
                ]
            }]
        );
    }

    #[test]
    fn lists_quotes_headings_code() {
        let b = parse("# Title\n\n> quoted\n\n- one\n- two\n  1. nested\n\n```\nx < y\n```\n\n---");
        assert!(matches!(&b[0], Block::H { level: 1, .. }));
        assert!(matches!(&b[1], Block::Quote { .. }));
        let Block::List { ordered, items, .. } = &b[2] else {
            panic!("{b:?}")
        };
        assert!(!ordered);
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1][1], Block::List { ordered: true, .. }));
        assert_eq!(b[3], Block::Code { s: "x < y".into() });
        assert_eq!(b[4], Block::Hr);
    }

    #[test]
    fn images_are_hoisted_after_their_paragraph() {
        let b = parse("Look ![the sea](sea.png) here");
        assert_eq!(b.len(), 2);
        assert!(
            matches!(&b[1], Block::Img { alt, dest, .. } if alt == "the sea" && dest == "sea.png")
        );
    }

    #[test]
    fn markup_of_other_languages_stays_text() {
        let hostile = "#set page(width: 1pt) <script>alert(1)</script> $x$ #{panic()}";
        let text = plain_text(&parse(hostile));
        assert_eq!(text.trim(), hostile);
    }

    #[test]
    fn deep_nesting_is_flattened_not_a_crash() {
        let deep = format!("{}deep", ">".repeat(5000));
        let b = parse(&deep);
        assert!(plain_text(&b).contains("deep"));
        let stars = format!("{}x{}", "*".repeat(3000), "*".repeat(3000));
        let _ = parse(&stars);
        let lists = "- a\n".to_string()
            + &(1..200)
                .map(|i| format!("{}- l{i}\n", "  ".repeat(i)))
                .collect::<String>();
        assert!(plain_text(&parse(&lists)).contains("l199"));
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean("a\u{0}b\u{7}c\td\u{FFFF}"), "abc d");
    }

    #[test]
    fn placeholders_become_blanks() {
        let mut b = parse("I, [Name], will [benefit] daily [sic].");
        fill_blanks(&mut b, &["name", "benefit"]);
        let Block::P { c } = &b[0] else { panic!() };
        assert_eq!(c.iter().filter(|i| **i == Inline::Blank).count(), 2);
        assert!(plain_text(&b).contains("[sic]"));
    }

    #[test]
    fn urls() {
        assert!(safe_url("https://example.org/a?b=c#d").is_some());
        assert!(safe_url("mailto:me@example.org").is_some());
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url("https://").is_none());
        assert!(safe_url("https://exa mple.org").is_none());
        assert!(safe_url("https://example.org/%zz").is_none());
        assert!(safe_url("../etc/passwd").is_none());
    }
}
