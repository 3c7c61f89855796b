//! Fonts for the book: the open fonts Typst ships (Libertinus Serif for text, DejaVu Sans
//! Mono for code) plus, optionally, system fonts that cover other scripts.

use std::path::{Path, PathBuf};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The body font; bundled, so every machine sets the same book.
pub const BODY_FONT: &str = "Libertinus Serif";

/// Fonts a book may use. Cheap to share; build one and keep it.
#[derive(Debug)]
pub struct FontSet {
    pub(crate) book: LazyHash<FontBook>,
    pub(crate) fonts: Vec<Font>,
}

impl FontSet {
    /// Only the bundled fonts: scripts they lack (CJK, Arabic, emoji) print as empty boxes.
    pub fn bundled() -> Self {
        Self::with_extra(Vec::new())
    }

    /// The bundled fonts, then `extra` font files (TTF/OTF/TTC bytes) that Typst falls
    /// back to for characters the body font lacks. Unreadable files are skipped.
    pub fn with_extra(extra: Vec<Vec<u8>>) -> Self {
        let mut fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        for data in extra {
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Self { book, fonts }
    }

    pub fn len(&self) -> usize {
        self.fonts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fonts.is_empty()
    }

    /// The bundled fonts' files the EPUB embeds: (file name, bytes).
    pub fn epub_fonts() -> Vec<(&'static str, &'static [u8])> {
        let wanted = [
            (
                "LibertinusSerif-Regular.otf",
                "Libertinus Serif",
                false,
                false,
            ),
            (
                "LibertinusSerif-Italic.otf",
                "Libertinus Serif",
                true,
                false,
            ),
            ("LibertinusSerif-Bold.otf", "Libertinus Serif", false, true),
        ];
        let mut out = Vec::new();
        for (file, family, italic, bold) in wanted {
            let hit = typst_assets::fonts().find(|data| {
                Font::iter(Bytes::new(*data)).any(|f| {
                    let info = f.info();
                    info.family == family
                        && (info.variant.style != typst::text::FontStyle::Normal) == italic
                        && (info.variant.weight.to_number() >= 600) == bold
                        && (bold || info.variant.weight.to_number() == 400)
                })
            });
            if let Some(data) = hit {
                out.push((file, data));
            }
        }
        out
    }
}

/// File names of widely installed fonts that cover what Libertinus lacks (Arabic, CJK,
/// Devanagari, Thai, emoji), in the order Typst should try them.
const FALLBACK_FILES: &[&str] = &[
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "NotoSansCJK-Regular.ttc",
    "NotoSerifCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "DroidSansFallbackFull.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoColorEmoji.ttf",
    "PingFang.ttc",
    "Apple Color Emoji.ttc",
    "msyh.ttc",
    "seguiemj.ttf",
];

/// Where operating systems keep fonts.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
    }
    dirs
}

/// Reads the fallback fonts this machine has (the only I/O in this crate, and optional:
/// pass the result to [`FontSet::with_extra`]).
pub fn system_fallback_fonts() -> Vec<Vec<u8>> {
    let mut found: Vec<(usize, PathBuf)> = Vec::new();
    for dir in font_dirs() {
        collect(&dir, 0, &mut found);
    }
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    found
        .into_iter()
        .filter_map(|(_, path)| std::fs::read(path).ok())
        .collect()
}

fn collect(dir: &Path, depth: usize, found: &mut Vec<(usize, PathBuf)>) {
    if depth > 4 {
        return;
    }
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in read.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, depth + 1, found);
        } else if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
            if let Some(rank) = FALLBACK_FILES
                .iter()
                .position(|f| f.eq_ignore_ascii_case(name))
            {
                found.push((rank, path));
            }
        }
    }
}
