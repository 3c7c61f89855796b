//! The EPUB 3: one XHTML file per section (a guided day, a diary month), the plan's
//! images, the bundled fonts, a navigation document and a cover.

mod cover;
mod package;
mod xhtml;

use crate::error::BookResult;
use crate::fonts::FontSet;
use crate::images::ImageFormat;
use crate::labels::Labels;
use crate::plan::{self, Plan, Section};
use crate::progress::{report, Progress, Stage};
use crate::settings::BookSettings;
use crate::source::{isbn_is_valid, BookSource};
use crate::BookOutput;
use package::{Item, Metadata, NavPoint};
use xhtml::{document, esc, ImageHref, Writer};

const XHTML: &str = "application/xhtml+xml";

struct Hrefs(Vec<Option<String>>);

impl ImageHref for Hrefs {
    fn href(&self, id: usize) -> Option<String> {
        self.0.get(id).cloned().flatten()
    }
}

/// Writes `src` as an EPUB 3 that passes epubcheck.
pub fn export_epub(
    src: &BookSource,
    settings: &BookSettings,
    progress: &mut dyn FnMut(&Progress),
) -> BookResult<BookOutput> {
    settings.validate()?;
    let mut plan = plan::build(src, settings, progress);
    let lang = settings.language.as_str();
    let mut items = Vec::new();
    let hrefs = image_items(&mut plan, &mut items);
    let cover_href = cover_item(&plan, &hrefs, &mut items);
    items.push(Item {
        id: "css".into(),
        href: "style.css".into(),
        media_type: "text/css",
        properties: None,
        data: include_bytes!("style.css").to_vec(),
        spine: false,
    });
    for (i, (file, data)) in FontSet::epub_fonts().into_iter().enumerate() {
        items.push(Item {
            id: format!("font{i}"),
            href: format!("fonts/{file}"),
            media_type: "font/otf",
            properties: None,
            data: data.to_vec(),
            spine: false,
        });
    }
    let labels = &plan.meta.labels;
    let title = plan.meta.title.clone();
    let cover_page = format!(
        "<section class=\"cover\" epub:type=\"cover\">\n<img src=\"{}\" alt=\"{}\"/>\n</section>\n",
        esc(&cover_href),
        esc(&format!("{}: {title}", labels.cover))
    );
    push_page(
        &mut items,
        "cover",
        "cover.xhtml",
        lang,
        &title,
        &cover_page,
    );
    push_page(
        &mut items,
        "title",
        "title.xhtml",
        lang,
        &title,
        &title_page(&plan),
    );
    push_page(
        &mut items,
        "copyright",
        "copyright.xhtml",
        lang,
        &title,
        &copyright_page(&plan),
    );
    items.push(Item {
        id: "nav".into(),
        href: "nav.xhtml".into(),
        media_type: XHTML,
        properties: Some("nav"),
        data: Vec::new(), // filled in once the sections are known
        spine: true,
    });
    let nav_index = items.len() - 1;
    let mut nav = Vec::new();
    let mut entry_no = 0;
    let total = plan.sections.len();
    for (n, section) in plan.sections.iter().enumerate() {
        report(progress, Stage::WriteEpub, n, total);
        let href = format!("s{:03}.xhtml", n + 1);
        let mut w = Writer::new(&hrefs, 1, &labels.image_missing);
        let mut point = NavPoint {
            label: nonempty(section.title(), &title),
            href: href.clone(),
            children: Vec::new(),
        };
        render_section(section, labels, &mut w, &href, &mut entry_no, &mut point);
        let id = format!("s{:03}", n + 1);
        push_page(&mut items, &id, &href, lang, &point.label, &w.out);
        nav.push(point);
    }
    report(progress, Stage::WriteEpub, total, total);
    let start = nav
        .first()
        .map_or("title.xhtml".to_string(), |p| p.href.clone());
    items[nav_index].data =
        package::nav_document(lang, &labels.contents, &nav, "cover.xhtml", &start).into_bytes();
    let meta = metadata(src, &plan, lang);
    let bytes = package::zip(&meta, &items)?;
    Ok(BookOutput {
        bytes,
        pages: None,
        page_size_pt: None,
        warnings: plan.warnings,
    })
}

fn nonempty(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.to_string()
    } else {
        text.to_string()
    }
}

fn push_page(items: &mut Vec<Item>, id: &str, href: &str, lang: &str, title: &str, body: &str) {
    items.push(Item {
        id: id.into(),
        href: href.into(),
        media_type: XHTML,
        properties: None,
        data: document(lang, title, body).into_bytes(),
        spine: true,
    });
}

/// The images as EPUB files (WebP, which EPUB readers need not support, becomes PNG).
fn image_items(plan: &mut Plan, items: &mut Vec<Item>) -> Hrefs {
    let mut hrefs = Vec::new();
    for (i, img) in plan.images.images.iter().enumerate() {
        let (data, format) = if img.format == ImageFormat::Webp {
            match webp_to_png(&img.data) {
                Some(png) => (png, ImageFormat::Png),
                None => {
                    plan.warnings.push(format!(
                        "image {:?} could not be converted for the EPUB; a placeholder is shown",
                        img.name
                    ));
                    hrefs.push(None);
                    continue;
                }
            }
        } else {
            (img.data.to_vec(), img.format)
        };
        let href = format!("images/img{i}.{}", format.extension());
        items.push(Item {
            id: format!("img{i}"),
            href: href.clone(),
            media_type: format.mime(),
            properties: if Some(i) == plan.cover {
                Some("cover-image")
            } else {
                None
            },
            data,
            spine: false,
        });
        hrefs.push(Some(href));
    }
    Hrefs(hrefs)
}

fn webp_to_png(data: &[u8]) -> Option<Vec<u8>> {
    let img = image::load_from_memory_with_format(data, image::ImageFormat::WebP).ok()?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).ok()?;
    Some(out.into_inner())
}

/// The cover image's href: the writer's cover image, or a typographic SVG cover.
fn cover_item(plan: &Plan, hrefs: &Hrefs, items: &mut Vec<Item>) -> String {
    if let Some(href) = plan.cover.and_then(|i| hrefs.href(i)) {
        return href;
    }
    let svg = cover::svg(&plan.meta.title, &plan.meta.subtitle, &plan.meta.author);
    items.push(Item {
        id: "cover-image".into(),
        href: "images/cover.svg".into(),
        media_type: "image/svg+xml",
        properties: Some("cover-image"),
        data: svg.into_bytes(),
        spine: false,
    });
    "images/cover.svg".into()
}

fn title_page(plan: &Plan) -> String {
    let m = &plan.meta;
    let mut w = String::from("<section class=\"title-page\" epub:type=\"titlepage\">\n");
    w.push_str(&format!("<h1>{}</h1>\n", esc(&m.title)));
    if !m.subtitle.is_empty() {
        w.push_str(&format!("<p class=\"subtitle\">{}</p>\n", esc(&m.subtitle)));
    }
    if !m.author.is_empty() {
        w.push_str(&format!("<p class=\"author\">{}</p>\n", esc(&m.author)));
    }
    if !m.imprint.is_empty() {
        w.push_str(&format!("<p class=\"imprint\">{}</p>\n", esc(&m.imprint)));
    }
    w.push_str("</section>\n");
    w
}

fn rights(plan: &Plan) -> String {
    let m = &plan.meta;
    let holder = if m.holder.is_empty() {
        String::new()
    } else {
        format!(" {}", m.holder)
    };
    format!(
        "{} © {}{holder}. {}",
        m.labels.copyright, m.year, m.labels.rights
    )
}

fn copyright_page(plan: &Plan) -> String {
    let m = &plan.meta;
    let mut w = String::from("<section class=\"copyright\" epub:type=\"copyright-page\">\n");
    w.push_str(&format!("<p>{}</p>\n", esc(&rights(plan))));
    if !m.isbn.is_empty() {
        w.push_str(&format!(
            "<p>{} {}</p>\n",
            esc(&m.labels.isbn),
            esc(&m.isbn)
        ));
    }
    if !m.imprint.is_empty() {
        w.push_str(&format!("<p>{}</p>\n", esc(&m.imprint)));
    }
    w.push_str(&format!(
        "<p>{}</p>\n</section>\n",
        esc(&m.labels.made_with)
    ));
    w
}

fn lines(w: &mut Writer<'_>, labels: &[&str]) {
    for l in labels {
        w.raw(&format!(
            "<p class=\"line\">{}: <span class=\"blank\">\u{a0}</span></p>\n",
            esc(l)
        ));
    }
}

fn render_section(
    section: &Section,
    labels: &Labels,
    w: &mut Writer<'_>,
    href: &str,
    entry_no: &mut usize,
    point: &mut NavPoint,
) {
    match section {
        Section::Intro { title, quote, body } => {
            w.raw("<section epub:type=\"introduction\">\n");
            if !quote.is_empty() {
                w.raw("<blockquote class=\"epigraph\">\n");
                w.blocks(quote);
                w.raw("</blockquote>\n");
            }
            w.text_el("h1", None, title);
            w.blocks(body);
            w.raw("</section>\n");
        }
        Section::Commitment { title, body } => {
            w.raw("<section epub:type=\"chapter\">\n");
            w.text_el("h1", None, title);
            w.blocks(body);
            lines(w, &[&labels.name, &labels.signature, &labels.date]);
            w.raw("</section>\n");
        }
        Section::Day {
            heading,
            body,
            prompt,
            ..
        } => {
            w.raw("<section epub:type=\"chapter\">\n");
            w.text_el("h1", None, heading);
            w.blocks(body);
            if !prompt.is_empty() {
                w.raw("<div class=\"prompt\">\n");
                w.text_el("p", Some("prompt-label"), &labels.prompt);
                w.blocks(prompt);
                w.raw("</div>\n");
            }
            w.text_el("p", Some("write-note"), &labels.write_note);
            w.raw("</section>\n");
        }
        Section::Certificate { title, body } => {
            w.raw("<section class=\"certificate\" epub:type=\"chapter\">\n");
            w.text_el("h1", None, title);
            w.blocks(body);
            lines(w, &[&labels.name, &labels.signature, &labels.date]);
            w.raw("</section>\n");
        }
        Section::Chapter { title, body } => {
            w.raw("<section epub:type=\"chapter\">\n");
            w.text_el("h1", None, title);
            w.blocks(body);
            w.raw("</section>\n");
        }
        Section::Month { title, entries } => {
            w.raw("<section epub:type=\"chapter\">\n");
            w.text_el("h1", None, title);
            for e in entries {
                *entry_no += 1;
                let id = format!("e{entry_no}");
                w.raw(&format!("<article id=\"{id}\">\n"));
                let heading = if e.title.is_empty() {
                    &e.date
                } else {
                    &e.title
                };
                let heading = nonempty(heading, "—");
                if !e.title.is_empty() && !e.date.is_empty() {
                    w.text_el("p", Some("date"), &e.date);
                }
                w.text_el("h2", None, &heading);
                if !e.tags.is_empty() {
                    let tags: Vec<String> = e.tags.iter().map(|t| format!("#{t}")).collect();
                    w.text_el("p", Some("tags"), &tags.join(" "));
                }
                // Entry headings sit below the entry's own h2.
                let mut inner = Writer::new(w.images(), 2, w.missing_label());
                inner.blocks(&e.body);
                w.raw(&inner.out);
                w.raw("</article>\n");
                point.children.push(NavPoint {
                    label: heading,
                    href: format!("{href}#{id}"),
                    children: Vec::new(),
                });
            }
            w.raw("</section>\n");
        }
    }
}

fn metadata<'a>(src: &BookSource, plan: &'a Plan, lang: &'a str) -> Metadata<'a> {
    let identifier = match uuid::Uuid::parse_str(&src.journal.uuid) {
        Ok(u) => format!("urn:uuid:{u}"),
        Err(_) => format!("jcc:{}", plan::clean_line(&src.journal.uuid)),
    };
    let isbn =
        Some(plan.meta.isbn.replace(['-', ' '], "")).filter(|i| isbn_is_valid(i) && i.len() == 13);
    let modified = chrono::DateTime::from_timestamp_millis(src.journal.updated_at)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    Metadata {
        identifier,
        isbn,
        title: &plan.meta.title,
        lang,
        creator: &plan.meta.author,
        publisher: &plan.meta.imprint,
        rights: rights(plan),
        modified,
    }
}
