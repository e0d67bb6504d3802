//! Posts read back from a `calque scan` report (CSV or JSON Lines, optionally gzipped), for
//! `calque accounts REPORT`. Only the columns the rollup needs are read; a report without one
//! of them, or a row that does not parse, stops the run with the file, line and reason.

use super::{Accounts, OwnedPost, Vocabulary};
use crate::config::Level;
use crate::error::{Fatal, Result};
use crate::report::cells::is_formula_like;
use std::io::{BufRead, BufReader, Read};

/// How to read a report.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Column holding the account, instead of the report's `author` (a `--keep-cols` column,
    /// for instance).
    pub author_col: Option<String>,
    /// The CSV report was written with `--raw-cells`: cells are taken as they are. Otherwise a
    /// leading `'` that the report put before `=`, `+`, `-`, `@`, tab or CR is dropped.
    pub raw_cells: bool,
}

/// The report columns the rollup reads, in this order in [`Columns`].
const NEEDED: &[&str] = &[
    "rank",
    "score",
    "level",
    "id",
    "timestamp",
    "platform",
    "source",
    "lang",
    "interference_rules",
    "campaign",
    "campaign_score",
    "other_campaigns",
    "all_campaign_rules",
    "words",
];

/// Indices of [`NEEDED`] columns in a row, then the author column, then the coordination
/// cluster (`scan --coordination` puts it last).
struct Columns {
    at: Vec<usize>,
    author: usize,
    cluster: Option<usize>,
}

/// The cluster cell of a row, if not empty.
fn cluster_number(cell: &str) -> std::result::Result<Option<u32>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse().map(Some).map_err(|_| {
        format!("column cluster: {cell:?} is not a cluster number (the last column of a report written with --coordination)")
    })
}

/// A cell of the report as the scan had it: without the `'` that neutralised a formula.
fn unneutralize(cell: &str, raw: bool) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if !raw && is_formula_like(rest) => rest,
        _ => cell,
    }
}

fn number<T: std::str::FromStr>(name: &str, cell: &str) -> std::result::Result<T, String> {
    cell.trim()
        .parse()
        .map_err(|_| format!("column {name}: {cell:?} is not a number"))
}

/// Fill `buf` from the cells of one row (`cell(k)` is the k-th [`NEEDED`] column, unescaped).
fn fill<'c>(
    buf: &mut OwnedPost,
    vocab: &Vocabulary,
    cell: impl Fn(usize) -> &'c str,
    author: &str,
) -> std::result::Result<(), String> {
    buf.order = number("rank", cell(0))?;
    buf.score = number("score", cell(1))?;
    if !(0.0..=1.0).contains(&buf.score) {
        return Err(format!("column score: {} is not within [0, 1]", buf.score));
    }
    buf.level = match cell(2) {
        "high" => Level::High,
        "medium" => Level::Medium,
        "low" => Level::Low,
        other => {
            return Err(format!(
                "column level: {other:?} is not high, medium or low"
            ))
        }
    };
    let (id, source) = (cell(3), cell(6));
    buf.reference.clear();
    buf.reference
        .push_str(if id.is_empty() { source } else { id });
    for (slot, k) in [
        (&mut buf.timestamp, 4),
        (&mut buf.platform, 5),
        (&mut buf.lang, 7),
    ] {
        slot.clear();
        slot.push_str(cell(k));
    }
    buf.author.clear();
    buf.author.push_str(author);
    buf.words = number("words", cell(13))?;
    buf.heuristics.clear();
    for code in cell(8).split(';').filter(|c| !c.is_empty()) {
        let h = vocab.heuristic(code).ok_or_else(|| {
            format!("column interference_rules: unknown heuristic {code:?} (a report of another calque version?)")
        })?;
        buf.heuristics.push(h);
    }
    buf.campaigns.clear();
    let campaign = |id: &str| {
        vocab.campaign(id).ok_or_else(|| {
            format!("unknown campaign {id:?}: give `calque accounts` the scan's --rules")
        })
    };
    if !cell(9).is_empty() {
        let score: f64 = number("campaign_score", cell(10))?;
        buf.campaigns.push((campaign(cell(9))?, score));
    }
    for entry in cell(11).split(';').filter(|c| !c.is_empty()) {
        let (id, score) = entry
            .rsplit_once(':')
            .ok_or_else(|| format!("column other_campaigns: {entry:?} is not id:score"))?;
        buf.campaigns
            .push((campaign(id)?, number("other_campaigns", score)?));
    }
    buf.indicators.clear();
    for id in cell(12).split(';').filter(|c| !c.is_empty()) {
        let i = vocab.indicator(id).ok_or_else(|| {
            format!("column all_campaign_rules: unknown indicator {id:?}: give `calque accounts` the scan's --rules")
        })?;
        buf.indicators.push(i);
    }
    Ok(())
}

/// What to do about a report that lacks the columns the accounts added.
fn older_report_hint(missing: &str) -> &'static str {
    if missing.contains("words") || missing.contains("all_campaign_rules") {
        " (a report written before accounts existed: scan again)"
    } else {
        ""
    }
}

/// Where each needed column is in `headers`; an error names the missing ones.
fn locate(path: &str, headers: &[&str], opts: &ReadOptions) -> Result<Columns> {
    let find = |name: &str| headers.iter().position(|h| *h == name);
    let mut at = Vec::new();
    let mut missing = Vec::new();
    for name in NEEDED {
        match find(name) {
            Some(i) => at.push(i),
            None => missing.push(*name),
        }
    }
    let author_name = opts.author_col.as_deref().unwrap_or("author");
    let author = find(author_name);
    if author.is_none() {
        missing.push(author_name);
    }
    if !missing.is_empty() {
        let missing = missing.join(", ");
        return Err(Fatal::input(format!(
            "{path}: not a calque report: no column {missing}{}",
            older_report_hint(&missing)
        )));
    }
    Ok(Columns {
        at,
        author: author.expect("checked"),
        cluster: (headers.last() == Some(&"cluster")).then(|| headers.len() - 1),
    })
}

/// Open `path` ("-": standard input), looking through gzip.
fn open(path: &str) -> Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| Fatal::input(format!("{path}: cannot open: {e}")))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(Fatal::input(format!(
                "{path}: is a directory, not a report"
            )));
        }
        Box::new(file)
    };
    Ok(if path.to_ascii_lowercase().ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(raw)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, raw))
    })
}

/// Whether `path` is JSON Lines: by extension, or (standard input, other names) by its first
/// byte.
fn is_jsonl(path: &str, input: &mut dyn BufRead) -> Result<bool> {
    let lower = path.to_ascii_lowercase();
    let name = lower.strip_suffix(".gz").unwrap_or(&lower);
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return Ok(true);
    }
    if name.ends_with(".csv") {
        return Ok(false);
    }
    let buf = input
        .fill_buf()
        .map_err(|e| Fatal::input(format!("{path}: {e}")))?;
    Ok(buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'))
}

/// Add every row of the report at `path` to `accounts`, or merge the partial aggregates at
/// `path` into them ([`super::partial`]); returns the posts read.
pub fn read_report(
    path: &str,
    vocab: &Vocabulary,
    opts: &ReadOptions,
    accounts: &mut Accounts,
) -> Result<u64> {
    let name = if path == "-" { "<stdin>" } else { path };
    let mut input = open(path)?;
    let head = input
        .fill_buf()
        .map_err(|e| Fatal::input(format!("{name}: {e}")))?;
    if super::partial::is_partial(head) {
        let before = accounts.totals.posts;
        super::partial::read(name, &mut input, vocab, accounts)?;
        return Ok(accounts.totals.posts - before);
    }
    if is_jsonl(name, &mut input)? {
        read_jsonl(name, input, vocab, opts, accounts)
    } else {
        read_csv(name, input, vocab, opts, accounts)
    }
}

fn read_csv(
    name: &str,
    input: Box<dyn BufRead>,
    vocab: &Vocabulary,
    opts: &ReadOptions,
    accounts: &mut Accounts,
) -> Result<u64> {
    let mut reader = csv::ReaderBuilder::new().from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| Fatal::input(format!("{name}:1: {e}")))?
        .clone();
    let headers: Vec<&str> = headers.iter().collect();
    let columns = locate(name, &headers, opts)?;
    let mut record = csv::StringRecord::new();
    let mut buf = OwnedPost::default();
    let mut rows = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(Fatal::input(format!("{name}:{line}: {e}")));
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| unneutralize(record.get(i).unwrap_or(""), opts.raw_cells);
        let cluster = fill(&mut buf, vocab, |k| get(columns.at[k]), get(columns.author))
            .and_then(|()| columns.cluster.map_or(Ok(None), |c| cluster_number(get(c))))
            .map_err(|e| Fatal::input(format!("{name}:{line}: {e}")))?;
        accounts.add(&buf.post());
        if let Some(c) = cluster {
            accounts.set_cluster(&buf.author, c);
        }
        rows += 1;
    }
    Ok(rows)
}

fn read_jsonl(
    name: &str,
    input: Box<dyn BufRead>,
    vocab: &Vocabulary,
    opts: &ReadOptions,
    accounts: &mut Accounts,
) -> Result<u64> {
    use serde_json::Value;
    let author_name = opts.author_col.as_deref().unwrap_or("author");
    let mut buf = OwnedPost::default();
    let mut rows = 0;
    let mut cells: Vec<String> = vec![String::new(); NEEDED.len()];
    for (n, line) in input.lines().enumerate() {
        let line_no = n + 1;
        let line = line.map_err(|e| Fatal::input(format!("{name}:{line_no}: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let object: serde_json::Map<String, Value> = serde_json::from_str(&line)
            .map_err(|e| Fatal::input(format!("{name}:{line_no}: not a report row: {e}")))?;
        let text = |key: &str, out: &mut String| -> std::result::Result<(), String> {
            out.clear();
            match object.get(key) {
                Some(Value::String(s)) => out.push_str(s),
                Some(Value::Number(x)) => out.push_str(&x.to_string()),
                Some(Value::Null) => {}
                Some(other) => return Err(format!("column {key}: unexpected {other}")),
                None => return Err(format!("no column {key}")),
            }
            Ok(())
        };
        let mut author = String::new();
        let mut cluster = String::new();
        let filled = NEEDED
            .iter()
            .zip(cells.iter_mut())
            .try_for_each(|(key, out)| text(key, out))
            .and_then(|()| text(author_name, &mut author))
            .and_then(|()| fill(&mut buf, vocab, |k| cells[k].as_str(), &author))
            .and_then(|()| match object.get("cluster") {
                None => Ok(None),
                Some(_) => text("cluster", &mut cluster).and_then(|()| cluster_number(&cluster)),
            });
        let cluster = filled.map_err(|e| {
            let hint =
                if e.contains("no column words") || e.contains("no column all_campaign_rules") {
                    " (a report written before accounts existed: scan again)"
                } else {
                    ""
                };
            Fatal::input(format!("{name}:{line_no}: {e}{hint}"))
        })?;
        accounts.add(&buf.post());
        if let Some(c) = cluster {
            accounts.set_cluster(&buf.author, c);
        }
        rows += 1;
    }
    Ok(rows)
}
