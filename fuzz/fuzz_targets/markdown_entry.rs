//! One Markdown file with front matter, as `read` parses every file of a folder.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(entry) = jcc_formats::parse_markdown_bytes(data, "notes/2024-01-02 entry.md") {
        common::check_entry(&entry);
        assert!(!entry.body.contains("\r\n"), "CRLF left in the body");
    }
});
