//! Journal Craft Crew's own JSON export.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(batch) = jcc_formats::parse_jcc_json_bytes(data, Path::new("journal.json")) {
        common::check_batch(&batch);
    }
});
