//! A Day One export zip: archive parsing, size guards, photo lookup.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(batch) = jcc_formats::parse_dayone_zip_bytes(data, Path::new("export.zip")) {
        common::check_batch(&batch);
    }
});
