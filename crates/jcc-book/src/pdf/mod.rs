//! The print-ready PDF: the plan laid out by Typst, re-laid out until the page count,
//! the gutter it needs and the padding to an even 24+ pages agree.

mod world;
mod wrap;

use crate::error::{BookError, BookResult};
use crate::fonts::{FontSet, BODY_FONT};
use crate::geometry::Geometry;
use crate::kdp;
use crate::plan::{self, Plan};
use crate::progress::{report, Progress, Stage};
use crate::settings::{BookSettings, StartOn};
use crate::source::BookSource;
use crate::BookOutput;
use serde::Serialize;
use typst::foundations::{Bytes, Smart};
use typst_layout::PagedDocument;
use world::{image_path, BookWorld};

/// Gutter changes and padding settle in two or three passes; this bounds a bad case.
const MAX_PASSES: usize = 6;

#[derive(Serialize)]
struct ImageInfo {
    path: String,
    /// Width in inches at 300 dpi: the largest it may print.
    w_in: f64,
    aspect: f64,
}

#[derive(Serialize)]
struct TextSettings {
    lang: String,
    region: Option<String>,
}

#[derive(Serialize)]
struct Fonts {
    body: &'static str,
}

/// `/book.json`: everything that stays the same across layout passes.
#[derive(Serialize)]
struct BookData<'a> {
    meta: &'a plan::Meta,
    sections: &'a [plan::Section],
    images: Vec<ImageInfo>,
    cover: Option<usize>,
    text: TextSettings,
    fonts: Fonts,
}

#[derive(Serialize)]
struct LayoutFlags {
    day_start: &'static str,
    toc: bool,
    cover_page: bool,
    pad_pages: usize,
}

/// `/layout.json`: what a pass changes.
#[derive(Serialize)]
struct PageData {
    geometry: Geometry,
    layout: LayoutFlags,
}

/// Lays out `src` as a printed book.
pub fn export_pdf(
    src: &BookSource,
    settings: &BookSettings,
    fonts: &FontSet,
    progress: &mut dyn FnMut(&Progress),
) -> BookResult<BookOutput> {
    settings.validate()?;
    Geometry::new(settings, kdp::MIN_PAGES)?;
    let mut plan = plan::build(src, settings, progress);
    let mut world = BookWorld::new(fonts);
    world.set_file("/book.json", Bytes::new(book_json(&plan, settings)?));
    for (i, img) in plan.images.images.iter().enumerate() {
        world.set_file(&image_path(i, img.format.extension()), img.data.clone());
    }
    let result = lay_out(&mut world, settings, &mut plan, progress);
    // Typst memoizes across passes; free that memory once the book is done.
    comemo::evict(0);
    let (doc, geometry) = result?;
    report(progress, Stage::WritePdf, 0, 1);
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(format!("jcc-{}", src.journal.uuid)),
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(&doc, &options).map_err(|diags| {
        BookError::write(
            "PDF",
            diags
                .iter()
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    report(progress, Stage::WritePdf, 1, 1);
    Ok(BookOutput {
        bytes,
        pages: Some(doc.pages().len()),
        page_size_pt: Some(geometry.page_size_pt()),
        warnings: plan.warnings,
    })
}

fn book_json(plan: &Plan, settings: &BookSettings) -> BookResult<Vec<u8>> {
    let images = plan
        .images
        .images
        .iter()
        .enumerate()
        .map(|(i, img)| ImageInfo {
            path: image_path(i, img.format.extension()),
            w_in: f64::from(img.width_px) / 300.0,
            aspect: f64::from(img.width_px) / f64::from(img.height_px.max(1)),
        })
        .collect();
    let mut parts = settings.language.split('-');
    let lang = parts.next().unwrap_or("en").to_ascii_lowercase();
    let region = parts
        .next()
        .filter(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|r| r.to_ascii_uppercase());
    let data = BookData {
        meta: &plan.meta,
        sections: &plan.sections,
        images,
        cover: plan.cover,
        text: TextSettings { lang, region },
        fonts: Fonts { body: BODY_FONT },
    };
    let mut value = serde_json::to_value(&data).map_err(|e| BookError::Layout(e.to_string()))?;
    wrap::soft_wrap_json(&mut value);
    serde_json::to_vec(&value).map_err(|e| BookError::Layout(e.to_string()))
}

fn lay_out(
    world: &mut BookWorld<'_>,
    settings: &BookSettings,
    plan: &mut Plan,
    progress: &mut dyn FnMut(&Progress),
) -> BookResult<(PagedDocument, Geometry)> {
    let day_start = match settings.day_start {
        StartOn::Right => "odd",
        StartOn::Left => "even",
        StartOn::Any => "any",
    };
    let mut gutter_pages = kdp::MIN_PAGES;
    let mut pad = 0;
    for pass in 1..=MAX_PASSES {
        report(progress, Stage::Layout, pass, MAX_PASSES);
        let geometry = Geometry::new(settings, gutter_pages)?;
        let page_data = PageData {
            geometry,
            layout: LayoutFlags {
                day_start,
                toc: settings.toc,
                cover_page: settings.cover_page && plan.cover.is_some(),
                pad_pages: pad,
            },
        };
        let json = serde_json::to_vec(&page_data).map_err(|e| BookError::Layout(e.to_string()))?;
        world.set_file("/layout.json", Bytes::new(json));
        let doc = compile(world)?;
        let content = doc.pages().len().saturating_sub(pad);
        let target = (content + content % 2).max(kdp::MIN_PAGES);
        if target > kdp::MAX_PAGES {
            return Err(BookError::TooManyPages {
                pages: target,
                max: kdp::MAX_PAGES,
            });
        }
        // A wider gutter is always allowed, so the gutter only ever grows: this settles.
        if kdp::min_gutter_in(target) > kdp::min_gutter_in(gutter_pages) {
            gutter_pages = target;
            continue;
        }
        if pad != target - content {
            pad = target - content;
            continue;
        }
        if pad > 0 {
            plan.warnings.push(format!(
                "the book had {content} pages; {pad} ruled Notes pages were added to reach \
                 an even count of at least {} pages",
                kdp::MIN_PAGES
            ));
        }
        return Ok((doc, geometry));
    }
    Err(BookError::Layout(format!(
        "the page count did not settle after {MAX_PASSES} layout passes"
    )))
}

fn compile(world: &BookWorld<'_>) -> BookResult<PagedDocument> {
    let warned = typst::compile::<PagedDocument>(world);
    for w in &warned.warnings {
        tracing::debug!(message = %w.message, "typst warning");
    }
    warned.output.map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        BookError::Layout(messages.join("; "))
    })
}
