//! The book's images: each attachment decoded once (with Typst's own decoder, so what
//! passes here also lays out), looked up by the name an entry's Markdown uses.

use crate::source::SourceImage;
use jcc_store::EntryId;
use std::collections::HashMap;
use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Gif => "gif",
            Self::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
        }
    }
}

/// A readable image.
#[derive(Debug, Clone)]
pub struct BookImage {
    pub name: String,
    pub format: ImageFormat,
    pub data: Bytes,
    pub width_px: u32,
    pub height_px: u32,
}

#[derive(Debug, Default)]
pub struct ImageTable {
    pub images: Vec<BookImage>,
    /// Per entry, its attachments by file name (`None`: present but unreadable).
    by_entry: HashMap<EntryId, Vec<(String, Option<usize>)>>,
}

/// What a reference resolved to.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Found(usize),
    Unreadable,
    Missing,
}

impl ImageTable {
    /// Decodes every image attachment; the ones that fail are remembered as unreadable.
    pub fn build(sources: &[SourceImage], warnings: &mut Vec<String>) -> Self {
        let mut table = Self::default();
        for src in sources {
            let bytes = Bytes::new(src.data.clone());
            let decoded = decode(&bytes);
            // Other attachments (audio, PDFs) are not part of a printed book.
            if decoded.is_none() && !src.mime.starts_with("image/") {
                continue;
            }
            let slot = match decoded {
                Some((format, w, h)) => {
                    table.images.push(BookImage {
                        name: src.filename.clone(),
                        format,
                        data: bytes,
                        width_px: w,
                        height_px: h,
                    });
                    Some(table.images.len() - 1)
                }
                None => {
                    warnings.push(format!(
                        "image {:?} could not be read (damaged or an unsupported format); \
                         a placeholder is printed instead",
                        src.filename
                    ));
                    None
                }
            };
            table
                .by_entry
                .entry(src.entry_id)
                .or_default()
                .push((src.filename.clone(), slot));
        }
        table
    }

    /// The image an entry's Markdown means by `dest`: its own attachment of that file
    /// name first, then any attachment in the journal.
    pub fn lookup(&self, entry: EntryId, dest: &str) -> Lookup {
        let name = file_name(dest);
        let find = |list: &Vec<(String, Option<usize>)>| {
            list.iter()
                .find(|(n, _)| n == &name || file_name(n) == name)
                .map(|(_, slot)| *slot)
        };
        let hit = self
            .by_entry
            .get(&entry)
            .and_then(find)
            .or_else(|| self.by_entry.values().find_map(find));
        match hit {
            Some(Some(i)) => Lookup::Found(i),
            Some(None) => Lookup::Unreadable,
            None => Lookup::Missing,
        }
    }

    /// An entry's readable images, in attachment order.
    pub fn of_entry(&self, entry: EntryId) -> Vec<(String, Option<usize>)> {
        self.by_entry.get(&entry).cloned().unwrap_or_default()
    }

    /// The first image whose file name (or stem) is `wanted`, e.g. the cover.
    pub fn named(&self, wanted: &str) -> Option<usize> {
        self.images.iter().position(|img| {
            let n = file_name(&img.name).to_ascii_lowercase();
            let stem = n.rsplit_once('.').map_or(n.as_str(), |(s, _)| s);
            n == wanted.to_ascii_lowercase() || stem == wanted.to_ascii_lowercase()
        })
    }
}

/// The last path segment, percent-decoding `%20` the way Markdown editors write spaces.
fn file_name(dest: &str) -> String {
    let last = dest.rsplit(['/', '\\']).next().unwrap_or(dest);
    last.replace("%20", " ")
}

/// Format and pixel size, if Typst can draw it.
fn decode(data: &Bytes) -> Option<(ImageFormat, u32, u32)> {
    let exchange = ExchangeFormat::detect(data)?;
    let format = match exchange {
        ExchangeFormat::Png => ImageFormat::Png,
        ExchangeFormat::Jpg => ImageFormat::Jpeg,
        ExchangeFormat::Gif => ImageFormat::Gif,
        ExchangeFormat::Webp => ImageFormat::Webp,
    };
    let image = RasterImage::plain(data.clone(), exchange).ok()?;
    (image.width() > 0 && image.height() > 0).then(|| (format, image.width(), image.height()))
}
