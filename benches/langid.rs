//! Language identification: calque's staged detector against plain whatlang, on labelled
//! corpora. `cargo bench --bench langid -- FILE.csv:COLUMN:LANG ...`
//! (default: the English and French corpora in ../shared/corpora).
//!
//! For each file, prints the share of items each method labels LANG (the file's known
//! language), the share the function-word fast path decided, and µs/item. Figures go to
//! docs/PERFORMANCE.md.

use calque::langid::{iso_code, LangId, LangMethod};
use std::time::Instant;
use whatlang::{Detector, Lang};

fn texts(path: &str, column: &str) -> Vec<String> {
    let mut rdr = match csv::Reader::from_path(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("skipping {path}: {e}");
            return Vec::new();
        }
    };
    let col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .expect("column exists");
    rdr.records()
        .filter_map(|r| r.ok())
        .map(|r| r[col].to_string())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn main() {
    let shared = format!("{}/../shared/corpora", env!("CARGO_MANIFEST_DIR"));
    let mut specs: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a.contains(':'))
        .collect();
    if specs.is_empty() {
        specs = vec![
            format!("{shared}/neg_en_538_twitter-ratio_BarackObama.csv:text:en"),
            format!("{shared}/neg_en_538_twitter-ratio_realDonaldTrump.csv:text:en"),
            format!("{shared}/ira_english_fearmonger_all.csv:content:en"),
            format!("{shared}/ira_english_sample_2000.csv:content:en"),
            format!("{shared}/euvsdisinfo_posts_cknabs.csv:title:en"),
            format!("{shared}/ira_french_all.csv:content:fr"),
        ];
    }
    let staged = LangId::new(&[]).unwrap();
    let plain =
        Detector::with_allowlist(vec![Lang::Eng, Lang::Fra, Lang::Deu, Lang::Rus, Lang::Ukr]);
    println!(
        "{:<45} {:>6} {:>10} {:>10} {:>9} {:>9} {:>9}",
        "file", "items", "whatlang", "calque", "fastpath", "µs wl", "µs calque"
    );
    for spec in specs {
        let parts: Vec<&str> = spec.rsplitn(3, ':').collect();
        let (lang, column, path) = (parts[0], parts[1], parts[2]);
        let items = texts(path, column);
        if items.is_empty() {
            continue;
        }
        let n = items.len() as f64;
        let t = Instant::now();
        let wl = items
            .iter()
            .filter(|x| plain.detect_lang(x).map(iso_code) == Some(lang))
            .count();
        let wl_us = t.elapsed().as_secs_f64() * 1e6 / n;
        let t = Instant::now();
        let mut ours = 0;
        let mut fast = 0;
        for x in &items {
            let info = staged.detect(x, calque::script::measure(x).cyrillic_share());
            ours += (info.code == lang) as usize;
            fast += (info.method == LangMethod::FunctionWords) as usize;
        }
        let ours_us = t.elapsed().as_secs_f64() * 1e6 / n;
        let name = std::path::Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        println!(
            "{:<45} {:>6} {:>9.1}% {:>9.1}% {:>8.1}% {:>9.2} {:>9.2}",
            format!("{name} ({lang})"),
            items.len(),
            100.0 * wl as f64 / n,
            100.0 * ours as f64 / n,
            100.0 * fast as f64 / n,
            wl_us,
            ours_us
        );
    }
}
