//! The EPUB container: `mimetype` first and uncompressed, `container.xml`, the package
//! document (OPF) and the navigation document.

use super::xhtml::{document, esc};
use crate::error::{BookError, BookResult};
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// One file of the publication, under `OEBPS/`.
#[derive(Debug)]
pub struct Item {
    pub id: String,
    pub href: String,
    pub media_type: &'static str,
    pub properties: Option<&'static str>,
    pub data: Vec<u8>,
    /// Position in the reading order, for content documents.
    pub spine: bool,
}

pub struct Metadata<'a> {
    pub identifier: String,
    pub isbn: Option<String>,
    pub title: &'a str,
    pub lang: &'a str,
    pub creator: &'a str,
    pub publisher: &'a str,
    pub rights: String,
    /// `CCYY-MM-DDThh:mm:ssZ`
    pub modified: String,
}

/// A navigation entry; `children` nest one level (a diary's entries under its month).
pub struct NavPoint {
    pub label: String,
    pub href: String,
    pub children: Vec<NavPoint>,
}

pub fn nav_document(
    lang: &str,
    title: &str,
    points: &[NavPoint],
    cover_href: &str,
    start_href: &str,
) -> String {
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<nav epub:type=\"toc\" id=\"toc\">\n<h1>{}</h1>\n<ol>",
        esc(title)
    );
    for p in points {
        let _ = write!(
            body,
            "<li><a href=\"{}\">{}</a>",
            esc(&p.href),
            esc(&p.label)
        );
        if !p.children.is_empty() {
            body.push_str("\n<ol>\n");
            for c in &p.children {
                let _ = writeln!(
                    body,
                    "<li><a href=\"{}\">{}</a></li>",
                    esc(&c.href),
                    esc(&c.label)
                );
            }
            body.push_str("</ol>\n");
        }
        body.push_str("</li>\n");
    }
    body.push_str("</ol>\n</nav>\n");
    let _ = writeln!(
        body,
        "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"\">\n<ol>\n\
         <li><a epub:type=\"cover\" href=\"{}\">Cover</a></li>\n\
         <li><a epub:type=\"toc\" href=\"nav.xhtml\">{}</a></li>\n\
         <li><a epub:type=\"bodymatter\" href=\"{}\">Start</a></li>\n</ol>\n</nav>",
        esc(cover_href),
        esc(title),
        esc(start_href)
    );
    document(lang, title, &body)
}

pub fn opf(meta: &Metadata<'_>, items: &[Item]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" \
         unique-identifier=\"pub-id\" xml:lang=\"{lang}\">\n\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         <dc:identifier id=\"pub-id\">{id}</dc:identifier>\n\
         <dc:title>{title}</dc:title>\n\
         <dc:language>{lang}</dc:language>\n",
        lang = esc(meta.lang),
        id = esc(&meta.identifier),
        title = esc(meta.title),
    );
    if let Some(isbn) = &meta.isbn {
        let _ = writeln!(
            s,
            "<dc:identifier id=\"isbn\">urn:isbn:{}</dc:identifier>",
            esc(isbn)
        );
    }
    if !meta.creator.is_empty() {
        let _ = writeln!(s, "<dc:creator>{}</dc:creator>", esc(meta.creator));
    }
    if !meta.publisher.is_empty() {
        let _ = writeln!(s, "<dc:publisher>{}</dc:publisher>", esc(meta.publisher));
    }
    let _ = writeln!(s, "<dc:rights>{}</dc:rights>", esc(&meta.rights));
    let _ = writeln!(
        s,
        "<meta property=\"dcterms:modified\">{}</meta>",
        esc(&meta.modified)
    );
    s.push_str("</metadata>\n<manifest>\n");
    for item in items {
        let _ = write!(
            s,
            "<item id=\"{}\" href=\"{}\" media-type=\"{}\"",
            esc(&item.id),
            esc(&item.href),
            item.media_type
        );
        if let Some(p) = item.properties {
            let _ = write!(s, " properties=\"{p}\"");
        }
        s.push_str("/>\n");
    }
    s.push_str("</manifest>\n<spine>\n");
    for item in items.iter().filter(|i| i.spine) {
        let _ = writeln!(s, "<itemref idref=\"{}\"/>", esc(&item.id));
    }
    s.push_str("</spine>\n</package>\n");
    s
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n\
<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n\
</rootfiles>\n</container>\n";

/// Zips the publication the way EPUB readers expect.
pub fn zip(meta: &Metadata<'_>, items: &[Item]) -> BookResult<Vec<u8>> {
    let err = |e: zip::result::ZipError| BookError::write("EPUB", e);
    let io = |e: std::io::Error| BookError::write("EPUB", e);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).map_err(err)?;
    zip.write_all(b"application/epub+zip").map_err(io)?;
    zip.start_file("META-INF/container.xml", deflated)
        .map_err(err)?;
    zip.write_all(CONTAINER.as_bytes()).map_err(io)?;
    zip.start_file("OEBPS/content.opf", deflated).map_err(err)?;
    zip.write_all(opf(meta, items).as_bytes()).map_err(io)?;
    for item in items {
        // Images and fonts are compressed already.
        let options = if item.media_type.starts_with("image/") && item.media_type != "image/svg+xml"
        {
            stored
        } else {
            deflated
        };
        zip.start_file(format!("OEBPS/{}", item.href), options)
            .map_err(err)?;
        zip.write_all(&item.data).map_err(io)?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}
