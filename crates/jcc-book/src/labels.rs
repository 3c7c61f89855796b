//! The words the book itself prints (English for now), passed to the template as data.

use serde::Serialize;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub day: String,
    pub contents: String,
    pub notes: String,
    pub commitment: String,
    pub certificate: String,
    pub signature: String,
    pub date: String,
    pub name: String,
    pub prompt: String,
    pub write_note: String,
    pub copyright: String,
    pub rights: String,
    pub isbn: String,
    pub undated: String,
    pub by: String,
    pub image_missing: String,
    pub cover: String,
    pub title_page: String,
    pub made_with: String,
}

impl Labels {
    pub fn english() -> Self {
        let s = |x: &str| x.to_string();
        Self {
            day: s("Day"),
            contents: s("Contents"),
            notes: s("Notes"),
            commitment: s("My Commitment"),
            certificate: s("Certificate of Completion"),
            signature: s("Signature"),
            date: s("Date"),
            name: s("Name"),
            prompt: s("Today's prompt"),
            write_note: s("Write your answer in your notebook."),
            copyright: s("Copyright"),
            rights: s("All rights reserved."),
            isbn: s("ISBN"),
            undated: s("Undated"),
            by: s("by"),
            image_missing: s("Image not available"),
            cover: s("Cover"),
            title_page: s("Title page"),
            made_with: s("Made with Journal Craft Crew."),
        }
    }
}
