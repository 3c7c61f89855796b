//! XHTML for the EPUB: every piece of writer text goes through [`esc`], and the
//! Markdown tree is written element by element, so no entry can add markup.

use crate::markdown::{Block, Inline};
use std::fmt::Write;

/// Escapes text for XHTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Not allowed in XML 1.0 (already dropped from Markdown; titles too).
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Where the book's images live inside the EPUB, by image index.
pub trait ImageHref {
    fn href(&self, id: usize) -> Option<String>;
}

pub struct Writer<'a> {
    pub out: String,
    images: &'a dyn ImageHref,
    /// Markdown headings start at this level (below the section's own headings).
    heading_base: u8,
    missing_label: &'a str,
}

impl<'a> Writer<'a> {
    pub fn new(images: &'a dyn ImageHref, heading_base: u8, missing_label: &'a str) -> Self {
        Self {
            out: String::new(),
            images,
            heading_base,
            missing_label,
        }
    }

    pub fn images(&self) -> &'a dyn ImageHref {
        self.images
    }

    pub fn missing_label(&self) -> &'a str {
        self.missing_label
    }

    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// `<tag class="...">text</tag>` with the text escaped.
    pub fn text_el(&mut self, tag: &str, class: Option<&str>, text: &str) {
        match class {
            Some(c) => {
                let _ = writeln!(self.out, "<{tag} class=\"{c}\">{}</{tag}>", esc(text));
            }
            None => {
                let _ = writeln!(self.out, "<{tag}>{}</{tag}>", esc(text));
            }
        }
    }

    pub fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::P { c } => {
                self.out.push_str("<p>");
                self.inlines(c);
                self.out.push_str("</p>\n");
            }
            Block::H { level, c } => {
                let h = (level + self.heading_base).min(6);
                let _ = write!(self.out, "<h{h}>");
                self.inlines(c);
                let _ = writeln!(self.out, "</h{h}>");
            }
            Block::Quote { c } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(c);
                self.out.push_str("</blockquote>\n");
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                if *ordered {
                    if *start == 1 {
                        self.out.push_str("<ol>\n");
                    } else {
                        let _ = writeln!(self.out, "<ol start=\"{start}\">");
                    }
                } else {
                    self.out.push_str("<ul>\n");
                }
                for item in items {
                    self.out.push_str("<li>");
                    self.blocks(item);
                    self.out.push_str("</li>\n");
                }
                self.out
                    .push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Code { s } => {
                let _ = writeln!(self.out, "<pre><code>{}</code></pre>", esc(s));
            }
            Block::Hr => self.out.push_str("<hr/>\n"),
            Block::Img { alt, id, .. } => match id.and_then(|i| self.images.href(i)) {
                Some(href) => {
                    let _ = writeln!(
                        self.out,
                        "<figure><img src=\"{}\" alt=\"{}\"/></figure>",
                        esc(&href),
                        esc(alt)
                    );
                }
                None => {
                    let text = if alt.is_empty() {
                        self.missing_label.to_string()
                    } else {
                        format!("{}: {alt}", self.missing_label)
                    };
                    self.text_el("p", Some("missing"), &text);
                }
            },
        }
    }

    pub fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            match i {
                Inline::Text { s } => self.out.push_str(&esc(s)),
                Inline::Em { c } => self.wrap("em", c),
                Inline::Strong { c } => self.wrap("strong", c),
                Inline::Strike { c } => self.wrap("del", c),
                Inline::Code { s } => {
                    let _ = write!(self.out, "<code>{}</code>", esc(s));
                }
                // Only http(s) and mailto targets of safe characters reach here.
                Inline::Link { url, c } => {
                    let _ = write!(self.out, "<a href=\"{}\">", esc(url));
                    self.inlines(c);
                    self.out.push_str("</a>");
                }
                Inline::Br => self.out.push_str("<br/>"),
                Inline::Blank => self.out.push_str("<span class=\"blank\">\u{a0}</span>"),
            }
        }
    }

    fn wrap(&mut self, tag: &str, c: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(c);
        let _ = write!(self.out, "</{tag}>");
    }
}

/// A whole XHTML content document around `body`.
pub fn document(lang: &str, title: &str, body: &str) -> String {
    let lang = esc(lang);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" \
         xml:lang=\"{lang}\" lang=\"{lang}\">\n<head>\n<meta charset=\"UTF-8\"/>\n\
         <title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n\
         </head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    struct NoImages;
    impl ImageHref for NoImages {
        fn href(&self, _: usize) -> Option<String> {
            None
        }
    }

    #[test]
    fn writer_text_cannot_add_markup() {
        let mut w = Writer::new(&NoImages, 1, "Image not available");
        w.blocks(&parse(
            "<script>alert('x')</script> & <b>bold</b> [a](javascript:x)",
        ));
        assert!(!w.out.contains("<script"), "{}", w.out);
        assert!(!w.out.contains("<b>"));
        assert!(w.out.contains("&lt;script&gt;"));
        assert!(!w.out.contains("href"));
    }

    #[test]
    fn markdown_structure_is_kept() {
        let mut w = Writer::new(&NoImages, 1, "Image not available");
        w.blocks(&parse(
            "# H\n\n*e* **s**\n\n> q\n\n3. x\n4. y\n\n![alt](gone.png)",
        ));
        for needle in [
            "<h2>H</h2>",
            "<em>e</em>",
            "<strong>s</strong>",
            "<blockquote>",
            "<ol start=\"3\">",
            "Image not available: alt",
        ] {
            assert!(w.out.contains(needle), "{needle} in {}", w.out);
        }
    }
}
