//! Shared by the reader targets: write the fuzz input to a file and read it through
//! `calque::ingest::open`, the path every command takes, checking what must hold for any
//! input: no panic, no hang, no unbounded allocation (libFuzzer's -timeout, -rss_limit_mb
//! and -malloc_limit_mb catch those), and events in input order.

use calque::ingest::{self, IngestOptions, InputFormat};
use calque::record::Event;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// A per-process scratch file with the given extension (a RAM disk when there is one).
fn scratch(extension: &str) -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("calque-fuzz-{}.{extension}", std::process::id()))
}

/// Small limits, so that the too-large paths are reached by short inputs too.
fn options() -> IngestOptions {
    IngestOptions {
        max_record_bytes: 4096,
        ..IngestOptions::default()
    }
}

/// Read `bytes` as a file named `*.{extension}` in `format`; returns the events read, or
/// `None` if the reader stopped with an error (a clean error is fine for broken input).
pub fn read_file(bytes: &[u8], extension: &str, format: InputFormat) -> Option<usize> {
    let path = scratch(extension);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("scratch file");
    let counter = Arc::new(AtomicU64::new(0));
    let path_str = path.to_str().expect("UTF-8 scratch path");
    let result = ingest::open(path_str, Some(format), &options(), counter);
    let mut reader = match result {
        Ok(r) => r,
        Err(_) => return None,
    };
    let mut events = 0usize;
    let mut last_line = 0u64;
    loop {
        match reader.next_event() {
            Ok(Some(event)) => {
                let line = match &event {
                    Event::Record(p, _) | Event::Reject(p, _) => p.line,
                };
                assert!(line >= last_line, "events out of input order: line {line} after {last_line}");
                last_line = line;
                events += 1;
                assert!(events <= bytes.len() + 1, "more records than bytes");
            }
            Ok(None) => return Some(events),
            Err(_) => return None,
        }
    }
}
