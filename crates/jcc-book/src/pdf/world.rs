//! The Typst "world" of one book: the trusted template, the book data as an in-memory
//! JSON file, the images and the fonts. Nothing is read from disk or the network.

use crate::fonts::FontSet;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The layout, written by us; the writer's text only ever arrives through `/book.json`.
const TEMPLATE: &str = include_str!("book.typ");

static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// File ids are interned for the life of the process, so the names are fixed and few.
fn file_id(path: &str) -> FileId {
    // Our paths are plain ASCII names we build ourselves, never writer input.
    let vpath = VirtualPath::new(path).expect("the book's own file paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

pub fn image_path(index: usize, extension: &str) -> String {
    format!("/img/{index}.{extension}")
}

pub struct BookWorld<'a> {
    fonts: &'a FontSet,
    main: FileId,
    source: Source,
    /// `/book.json` (the text), `/layout.json` (page geometry) and the images.
    files: Vec<(FileId, Bytes)>,
}

impl<'a> BookWorld<'a> {
    pub fn new(fonts: &'a FontSet) -> Self {
        let main = file_id("/book.typ");
        Self {
            fonts,
            main,
            source: Source::new(main, TEMPLATE.to_string()),
            files: Vec::new(),
        }
    }

    /// Adds or replaces the file at `path` (one of ours: `/book.json`, [`image_path`]).
    pub fn set_file(&mut self, path: &str, bytes: Bytes) {
        let id = file_id(path);
        match self.files.iter_mut().find(|(i, _)| *i == id) {
            Some(slot) => slot.1 = bytes,
            None => self.files.push((id, bytes)),
        }
    }
}

impl World for BookWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, b)| b.clone())
            .ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The template never asks: a book's content must not depend on the export date.
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}
