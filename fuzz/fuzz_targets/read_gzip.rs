//! Every reader through gzip. The first byte picks the format (low two bits) and whether the
//! rest is gzip-compressed here (valid stream, possibly cut short or followed by a second
//! member or garbage) or handed over raw as a `.gz` file (corrupt streams).
#![no_main]

#[path = "common.rs"]
mod common;

use calque::ingest::InputFormat;
use flate2::write::GzEncoder;
use flate2::Compression;
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).expect("in memory");
    e.finish().expect("in memory")
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (ext, format) = match mode & 3 {
        0 => ("csv.gz", InputFormat::Csv),
        1 => ("tsv.gz", InputFormat::Tsv),
        2 => ("jsonl.gz", InputFormat::Jsonl),
        _ => ("txt.gz", InputFormat::Text),
    };
    let file = match (mode >> 2) & 3 {
        0 => rest.to_vec(),
        1 => gzip(rest),
        2 => {
            // Two members: the halves compressed separately.
            let (a, b) = rest.split_at(rest.len() / 2);
            let mut two = gzip(a);
            two.extend(gzip(b));
            two
        }
        _ => {
            // A valid stream cut short by the value of the second byte.
            let cut = rest.first().map_or(0, |&b| b as usize);
            let mut z = gzip(rest);
            z.truncate(z.len().saturating_sub(cut));
            z
        }
    };
    common::read_file(&file, ext, format);
});
