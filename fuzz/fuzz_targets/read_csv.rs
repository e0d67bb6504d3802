//! The Csv reader on arbitrary bytes (no gzip; see read_gzip).
#![no_main]

#[path = "common.rs"]
mod common;

use calque::ingest::InputFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::read_file(data, "csv", InputFormat::Csv);
});
