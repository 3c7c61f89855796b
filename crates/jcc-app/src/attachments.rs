//! Files kept with entries: attaching one from disk (its type told by its extension) and
//! reading an image back for the window's preview.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use jcc_store::{Attachment, EntryId};
use std::path::Path;

/// Images the window shows and the book prints. No SVG: it can carry script.
const IMAGE_TYPES: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
];

/// Other files a writer may keep with an entry (voice notes, scans).
const OTHER_TYPES: &[(&str, &str)] = &[
    ("heic", "image/heic"),
    ("pdf", "application/pdf"),
    ("txt", "text/plain"),
    ("md", "text/plain"),
    ("m4a", "audio/mp4"),
    ("mp3", "audio/mpeg"),
];

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn lookup(table: &[(&str, &'static str)], ext: &str) -> Option<&'static str> {
    table.iter().find(|(e, _)| *e == ext).map(|(_, m)| *m)
}

/// The media type of a file by its extension (`application/octet-stream` when unknown).
pub fn mime_for(path: &Path) -> &'static str {
    let ext = extension(path);
    lookup(IMAGE_TYPES, &ext)
        .or_else(|| lookup(OTHER_TYPES, &ext))
        .unwrap_or("application/octet-stream")
}

fn is_shown_image(mime: &str) -> bool {
    IMAGE_TYPES.iter().any(|(_, m)| *m == mime)
}

/// An image attached to an entry, as the window's preview asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryImage {
    pub mime: &'static str,
    pub data: Vec<u8>,
}

impl App {
    /// Reads `path` and keeps it with entry `id` under its file name. With `images_only`
    /// (a drop on the editor) anything but a PNG, JPEG, GIF or WebP file is refused.
    pub fn entry_attach_file(
        &self,
        id: EntryId,
        path: &Path,
        images_only: bool,
    ) -> AppResult<Attachment> {
        let mime = mime_for(path);
        if images_only && !is_shown_image(mime) {
            return Err(AppError::invalid(format!(
                "{} is not an image this app keeps; drop a PNG, JPEG, GIF or WebP file",
                path.display()
            )));
        }
        let data = std::fs::read(path).map_err(|e| {
            AppError::new(ErrorCode::Io, format!("can't read {}: {e}", path.display()))
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "attachment".into());
        self.entry_attach(id, &name, mime, &data)
    }

    /// The image entry `id` keeps as `filename` (what its Markdown names as
    /// `attachments/<filename>`). Only the image types above are served, whatever the
    /// stored type says, so nothing the window loads can run script.
    pub fn entry_image(&self, id: EntryId, filename: &str) -> AppResult<EntryImage> {
        let (mime, data) = self.store().attachment_file(id, filename)?;
        let shown = IMAGE_TYPES
            .iter()
            .find(|(_, m)| *m == mime)
            .map(|(_, m)| *m);
        match shown {
            Some(mime) => Ok(EntryImage { mime, data }),
            None => Err(AppError::invalid(format!(
                "{filename} is a {mime} file, not an image the preview shows"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_extension_in_any_case() {
        assert_eq!(mime_for(Path::new("a/Sky.PNG")), "image/png");
        assert_eq!(mime_for(Path::new("note.m4a")), "audio/mp4");
        assert_eq!(
            mime_for(Path::new("drawing.svg")),
            "application/octet-stream"
        );
        assert_eq!(
            mime_for(Path::new("no-extension")),
            "application/octet-stream"
        );
        assert!(is_shown_image("image/webp"));
        assert!(!is_shown_image("image/svg+xml"));
        assert!(!is_shown_image("image/heic"));
    }
}
