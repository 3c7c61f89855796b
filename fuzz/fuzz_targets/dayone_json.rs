//! A bare Day One `Journal.json` (no photos to find).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(batch) = jcc_formats::parse_dayone_json_bytes(data, Path::new("Journal.json")) {
        common::check_batch(&batch);
    }
});
