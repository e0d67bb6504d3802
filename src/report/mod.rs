//! The ranked report: its columns (documented in `docs/report-schema.md`), how an analysed item
//! becomes a row, ranking with bounded memory, and the CSV / JSON Lines writers.

pub mod cells;
pub mod encode;
pub mod fixed;
pub mod rank;
pub mod streaming;

use crate::analyze::{Analysis, Analyzer};
use crate::record::{Provenance, Record, Span};
use std::cell::RefCell;

/// Version of the report schema; bumped on any change to columns or their meaning.
pub const SCHEMA_VERSION: &str = "1";

/// The report's fixed columns, in order. `--keep-cols` columns follow them.
pub const COLUMNS: &[&str] = &[
    "rank",
    "score",
    "level",
    "id",
    "author",
    "timestamp",
    "url",
    "platform",
    "source",
    "lang",
    "lang_confidence",
    "cyrillic_share",
    "mixed_script_tokens",
    "interference_score",
    "interference_rules",
    "campaign",
    "campaign_score",
    "campaign_rules",
    "other_campaigns",
    "evidence",
    "text",
    "words",
    "all_campaign_rules",
];

/// Columns written as JSON numbers in `--format jsonl`.
pub const NUMERIC_COLUMNS: &[&str] = &[
    "rank",
    "score",
    "lang_confidence",
    "cyrillic_share",
    "mixed_script_tokens",
    "interference_score",
    "campaign_score",
    "words",
];

/// Longest snippet of evidence, in characters.
const SNIPPET_CHARS: usize = 80;
/// At most this many snippets per rule in the evidence column.
const SNIPPETS_PER_RULE: usize = 3;

/// A report row before ranking: its sort key and its encoded columns (all but `rank`).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub score: f64,
    /// Position in the input stream (inputs in command-line order), the tie-breaker.
    pub seq: u64,
    /// Every column but `rank`, encoded by [`encode::RowEncoder`].
    pub encoded: Vec<u8>,
}

impl ReportRow {
    /// Heap and inline size, for the ranking memory budget.
    pub fn heap_bytes(&self) -> usize {
        self.encoded.capacity() + std::mem::size_of::<Self>()
    }
}

/// Header of a report with the given kept columns.
pub fn header(kept: &[String]) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| c.to_string())
        .chain(kept.iter().cloned())
        .collect()
}

/// Format a score-like number with 4 decimals.
pub fn fmt4(x: f64) -> String {
    let mut s = String::new();
    fixed::push_fixed(&mut s, x, 4);
    s
}

/// The snippet of `text` at `span`, with white space collapsed and long spans shortened.
pub fn snippet(text: &str, span: Span) -> String {
    let mut s = String::new();
    push_snippet(&mut s, text, span);
    s
}

/// Append the [`snippet`] of `text` at `span` to `out`.
fn push_snippet(out: &mut String, text: &str, span: Span) {
    let start = out.len();
    for (i, word) in span.slice(text).split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    // Shorten to SNIPPET_CHARS - 1 characters and an ellipsis if longer than SNIPPET_CHARS.
    let mut chars = out[start..].char_indices();
    if let Some((cut, _)) = chars.nth(SNIPPET_CHARS - 1) {
        if chars.next().is_some() {
            out.truncate(start + cut);
            out.push('…');
        }
    }
}

/// Append `CODE: "snippet", "snippet"` for one rule to `out`.
fn push_evidence_entry(out: &mut String, code: &str, text: &str, spans: &[Span]) {
    out.push_str(code);
    out.push_str(": ");
    for (i, span) in spans.iter().take(SNIPPETS_PER_RULE).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('"');
        push_snippet(out, text, *span);
        out.push('"');
    }
    let more = spans.len().saturating_sub(SNIPPETS_PER_RULE);
    if more > 0 {
        out.push_str(" (+");
        fixed::push_uint(out, more as u64);
        out.push_str(" more)");
    }
}

thread_local! {
    /// Per worker thread, reused for every row: one cell composed from several parts.
    static CELL_SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Receives the cells of one report row in column order: every column of [`COLUMNS`] but
/// `rank`, then the kept columns. The CSV / JSON Lines encoder ([`encode::RowWriter`]) is one;
/// the Python binding builds its dicts and Arrow columns with another, so a column added to
/// [`write_cells`] reaches every output without further change.
pub trait CellVisitor {
    /// A cell of text.
    fn text(&mut self, cell: &str);
    /// A cell holding a number formatted by Rust (`{:.N}` of an `f64`, or an integer).
    fn number(&mut self, cell: &str);
}

impl CellVisitor for encode::RowWriter<'_> {
    fn text(&mut self, cell: &str) {
        encode::RowWriter::text(self, cell)
    }
    fn number(&mut self, cell: &str) {
        encode::RowWriter::number(self, cell)
    }
}

/// Hand the cells of one analysed record (every column but `rank`, then the kept columns) to
/// `visitor`, exactly as the report writes them.
pub fn visit_cells(
    visitor: &mut impl CellVisitor,
    analyzer: &Analyzer,
    provenance: &Provenance,
    record: &Record,
    a: &Analysis,
) {
    CELL_SCRATCH.with(|scratch| {
        let cell = &mut *scratch.borrow_mut();
        write_cells(visitor, cell, analyzer, provenance, record, a);
    })
}

/// Append the report row of one analysed record (every column but `rank`) to `out`.
pub fn push_row(
    analyzer: &Analyzer,
    encoder: &encode::RowEncoder,
    provenance: &Provenance,
    record: &Record,
    a: &Analysis,
    out: &mut Vec<u8>,
) {
    let mut row = encoder.row(out);
    visit_cells(&mut row, analyzer, provenance, record, a);
    row.finish();
}

/// The report row of one analysed record.
pub fn build_row(
    analyzer: &Analyzer,
    encoder: &encode::RowEncoder,
    seq: u64,
    provenance: &Provenance,
    record: &Record,
    a: &Analysis,
) -> ReportRow {
    let mut encoded = Vec::new();
    push_row(analyzer, encoder, provenance, record, a, &mut encoded);
    ReportRow {
        score: a.score,
        seq,
        encoded,
    }
}

/// The evidence of an item: each heuristic hit, then each counted indicator hit of every
/// campaign, as (code, spans).
pub fn evidence_entries<'a>(
    analyzer: &'a Analyzer,
    a: &'a Analysis,
) -> impl Iterator<Item = (&'a str, &'a [Span])> {
    let set = &analyzer.campaigns;
    let heuristics = a
        .heuristic_hits
        .iter()
        .map(|hit| (analyzer.heuristic(hit).info().code, &hit.spans[..]));
    let indicators = a.campaigns.iter().flat_map(move |c| {
        c.counted.iter().map(move |&k| {
            let hit = &a.indicator_hits[k];
            (set.indicators[hit.indicator].id.as_str(), &hit.spans[..])
        })
    });
    heuristics.chain(indicators)
}

/// A cell with `x` to `decimals` decimals.
fn number(row: &mut impl CellVisitor, cell: &mut String, x: f64, decimals: usize) {
    cell.clear();
    fixed::push_fixed(cell, x, decimals);
    row.number(cell);
}

/// Write the cells of every column but `rank`, in [`COLUMNS`] order, then the kept columns;
/// `cell` is scratch space for the cells composed from several parts.
fn write_cells(
    row: &mut impl CellVisitor,
    cell: &mut String,
    analyzer: &Analyzer,
    provenance: &Provenance,
    record: &Record,
    a: &Analysis,
) {
    let text = record.text.as_str();
    let set = &analyzer.campaigns;
    number(row, cell, a.score, 4);
    row.text(a.level.as_str());
    row.text(&record.id);
    row.text(&record.author);
    row.text(&record.timestamp);
    row.text(&record.url);
    row.text(&record.platform);
    cell.clear();
    cell.push_str(&provenance.source);
    cell.push(':');
    fixed::push_uint(cell, provenance.line);
    row.text(cell);
    row.text(a.lang.code);
    number(row, cell, a.lang.confidence, 2);
    number(row, cell, a.script.cyrillic_share(), 3);
    cell.clear();
    fixed::push_uint(cell, a.script.mixed_tokens.len() as u64);
    row.number(cell);
    number(row, cell, a.interference_score, 4);

    cell.clear();
    for (i, hit) in a.heuristic_hits.iter().enumerate() {
        if i > 0 {
            cell.push(';');
        }
        cell.push_str(analyzer.heuristic(hit).info().code);
    }
    row.text(cell);

    let best = a.best_campaign();
    row.text(best.map_or("", |b| set.campaigns[b.campaign].id.as_str()));
    number(row, cell, a.campaign_score, 4);
    cell.clear();
    if let Some(best) = best {
        for (i, &k) in best.counted.iter().enumerate() {
            if i > 0 {
                cell.push(';');
            }
            cell.push_str(&set.indicators[a.indicator_hits[k].indicator].id);
        }
    }
    row.text(cell);

    cell.clear();
    for (i, c) in a.campaigns.iter().skip(1).enumerate() {
        if i > 0 {
            cell.push(';');
        }
        cell.push_str(&set.campaigns[c.campaign].id);
        cell.push(':');
        fixed::push_fixed(cell, c.score, 4);
    }
    row.text(cell);

    cell.clear();
    for (i, (code, spans)) in evidence_entries(analyzer, a).enumerate() {
        if i > 0 {
            cell.push_str(" | ");
        }
        push_evidence_entry(cell, code, text, spans);
    }
    row.text(cell);

    row.text(text);

    cell.clear();
    fixed::push_uint(cell, a.tokens as u64);
    row.number(cell);
    // Every counted indicator of every campaign, best campaign first: what the accounts
    // rollup counts (`campaign_rules` has the best campaign's only).
    cell.clear();
    for (i, &k) in a.campaigns.iter().flat_map(|c| &c.counted).enumerate() {
        if i > 0 {
            cell.push(';');
        }
        cell.push_str(&set.indicators[a.indicator_hits[k].indicator].id);
    }
    row.text(cell);

    for kept in &record.kept {
        row.text(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition of a snippet, which `push_snippet` computes without temporaries.
    fn reference_snippet(text: &str, span: Span) -> String {
        let collapsed = span
            .slice(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if collapsed.chars().count() <= SNIPPET_CHARS {
            collapsed
        } else {
            let cut: String = collapsed.chars().take(SNIPPET_CHARS - 1).collect();
            format!("{cut}…")
        }
    }

    #[test]
    fn snippets_collapse_space_and_shorten_long_spans() {
        let texts = [
            "  a \t b\n\nc  ".to_string(),
            "x".repeat(SNIPPET_CHARS - 1),
            "x".repeat(SNIPPET_CHARS),
            "x".repeat(SNIPPET_CHARS + 1),
            "ё".repeat(SNIPPET_CHARS + 1),
            format!("{} {}", "é".repeat(SNIPPET_CHARS - 2), "ж".repeat(5)),
            format!("{}   {}", "a".repeat(SNIPPET_CHARS - 1), "b"),
            "word ".repeat(40),
            String::new(),
        ];
        for text in &texts {
            for span in [
                Span::new(0, text.len()),
                Span::new(1, text.len()),
                Span::new(0, 3),
            ] {
                let got = snippet(text, span);
                assert_eq!(got, reference_snippet(text, span), "{text:?} {span:?}");
                assert!(got.chars().count() <= SNIPPET_CHARS);
            }
        }
        let spaced = "  a \t b\n\nc  ";
        assert_eq!(snippet(spaced, Span::new(0, spaced.len())), "a b c");
        let long = snippet(&"ё".repeat(100), Span::new(0, 200));
        assert_eq!(long, format!("{}…", "ё".repeat(SNIPPET_CHARS - 1)));
    }

    #[test]
    fn evidence_entries_quote_three_snippets_then_count_the_rest() {
        let text = "one two three four five";
        let spans: Vec<Span> = [(0, 3), (4, 7), (8, 13), (14, 18), (19, 23)]
            .iter()
            .map(|&(s, e)| Span::new(s, e))
            .collect();
        let mut out = String::new();
        push_evidence_entry(&mut out, "EN-X", text, &spans);
        assert_eq!(out, "EN-X: \"one\", \"two\", \"three\" (+2 more)");
        out.clear();
        push_evidence_entry(&mut out, "EN-Y", text, &spans[..1]);
        assert_eq!(out, "EN-Y: \"one\"");
    }
}
