//! A `jrnl --export json` file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(batch) = jcc_formats::parse_jrnl_json_bytes(data, Path::new("jrnl.json")) {
        common::check_batch(&batch);
    }
});
