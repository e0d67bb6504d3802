//! The ranked report: its columns (documented in `docs/report-schema.md`), how an analysed item
//! becomes a row, ranking with bounded memory, and the CSV / JSON Lines writers.

pub mod cells;
pub mod encode;
pub mod evidence_spans;
pub mod fixed;
pub mod rank;
pub mod streaming;

use crate::analyze::{Analysis, Analyzer};
use crate::record::{format_media_time, Provenance, Record, Span};
use std::cell::RefCell;

/// Version of the report schema; bumped on any change to columns or their meaning.
pub const SCHEMA_VERSION: &str = "2";

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
    "evidence_spans",
    "article_rate",
    "subordinate_comma_rate",
    "narrative",
    "narrative_score",
    "narrative_source",
    "context",
    "position",
    "cue_time",
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
    "article_rate",
    "subordinate_comma_rate",
    "narrative_score",
];

/// At most this many matched words of a narrative in the evidence column.
const NARRATIVE_WORDS: usize = 12;

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

/// Append `CODE: "snippet", "snippet"` for one rule to `out`. A snippet of a transcript is
/// followed by the time of its cue (`@00:01:12.400`), a snippet showing a link carried
/// outside the text by that link (`"here" <https://…>`), and a link the text does not show at
/// all stands alone (`<https://…>`).
fn push_evidence_entry(out: &mut String, code: &str, record: &Record, spans: &[Span]) {
    let text = record.text.as_str();
    out.push_str(code);
    out.push_str(": ");
    for (i, span) in spans.iter().take(SNIPPETS_PER_RULE).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let link = record.links.iter().find(|l| l.span == *span);
        match link {
            Some(link) if link.is_unshown(text) => {
                out.push('<');
                out.push_str(&link.url);
                out.push('>');
                continue;
            }
            _ => {
                out.push('"');
                push_snippet(out, text, *span);
                out.push('"');
            }
        }
        if !record.cues.is_empty() {
            let cue = record.cues.partition_point(|c| c.offset <= span.start);
            if let Some(cue) = record.cues.get(cue.saturating_sub(1)) {
                out.push_str(" @");
                out.push_str(&format_media_time(cue.start_ms));
            }
        }
        if let Some(link) = link.filter(|l| !span.slice(text).contains(l.url.as_str())) {
            out.push_str(" <");
            out.push_str(&link.url);
            out.push('>');
        }
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

/// The evidence of an item as (code, spans), in the order of the `evidence` column: each
/// heuristic hit, each counted indicator hit of every campaign (by its own id; the indicators
/// counted through it are named in `evidence` only), the narrative's matched words
/// (`NARRATIVE`), then the context's signs found in the text (cue ids and derived codes such
/// as `CTX-QUOTE`, `src/context.rs`).
pub fn evidence_entries<'a>(
    analyzer: &'a Analyzer,
    a: &'a Analysis,
) -> impl Iterator<Item = (&'a str, &'a [Span])> + Clone {
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
    let narrative = a.narrative.iter().map(|m| ("NARRATIVE", &m.spans[..]));
    let context = a
        .context
        .hits
        .iter()
        .filter(|h| !h.spans.is_empty())
        .map(|h| (h.code.as_str(), &h.spans[..]));
    heuristics.chain(indicators).chain(narrative).chain(context)
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
    push_evidence(cell, analyzer, a, record);
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

    // The same entries as `evidence`, every span as character offsets into `text`.
    cell.clear();
    evidence_spans::push_cell(cell, text, evidence_entries(analyzer, a));
    row.text(cell);

    // Long English items only (empty otherwise): context, not part of any score.
    let rates = a.long_text.as_ref();
    match rates {
        Some(r) => number(row, cell, r.article_rate, 4),
        None => row.text(""),
    }
    match rates.and_then(|r| r.subordinate_comma_rate) {
        Some(rate) => number(row, cell, rate, 4),
        None => row.text(""),
    }

    let claim = a
        .narrative
        .as_ref()
        .and_then(|m| analyzer.narratives.as_ref().map(|n| &n.claims[m.claim]));
    row.text(claim.map_or("", |c| c.text.as_str()));
    number(row, cell, a.narrative.as_ref().map_or(0.0, |m| m.score), 4);
    row.text(claim.map_or("", |c| c.source()));
    row.text(if a.context.evaluated {
        a.context.kind.as_str()
    } else {
        ""
    });

    row.text(&provenance.position);
    cell.clear();
    if let (Some(first), Some(last)) = (record.cues.first(), record.cues.last()) {
        cell.push_str(&format_media_time(first.start_ms));
        cell.push('-');
        cell.push_str(&format_media_time(last.end_ms));
    }
    row.text(cell);
    for kept in &record.kept {
        row.text(kept);
    }
}

/// The evidence column: each heuristic hit; each counted indicator hit of every campaign,
/// with the indicators counted through it (`ID = OTHER, OTHER`); the narrative's matched
/// words; the context and whether it capped the score.
pub fn push_evidence(cell: &mut String, analyzer: &Analyzer, a: &Analysis, record: &Record) {
    let text = record.text.as_str();
    let set = &analyzer.campaigns;
    let mut first = true;
    let mut sep = |cell: &mut String| {
        if !first {
            cell.push_str(" | ");
        }
        first = false;
    };
    for hit in &a.heuristic_hits {
        sep(cell);
        push_evidence_entry(
            cell,
            analyzer.heuristic(hit).info().code,
            record,
            &hit.spans,
        );
    }
    let id = |k: usize| set.indicators[a.indicator_hits[k].indicator].id.as_str();
    for c in &a.campaigns {
        for (&k, also) in c.counted.iter().zip(&c.also) {
            sep(cell);
            let mut code = id(k).to_string();
            if !also.is_empty() {
                code.push_str(" = ");
                code.push_str(&also.iter().map(|&j| id(j)).collect::<Vec<_>>().join(", "));
            }
            push_evidence_entry(cell, &code, record, &a.indicator_hits[k].spans);
        }
    }
    if let Some(m) = &a.narrative {
        sep(cell);
        cell.push_str("NARRATIVE");
        let nc = &a.narrative_count;
        if let Some(k) = nc.through {
            cell.push_str(" (counted through ");
            cell.push_str(id(k));
            cell.push(')');
        } else if !nc.absorbed.is_empty() {
            cell.push_str(" = ");
            cell.push_str(
                &nc.absorbed
                    .iter()
                    .map(|&j| id(j))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        cell.push_str(": ");
        for (i, span) in m.spans.iter().take(NARRATIVE_WORDS).enumerate() {
            if i > 0 {
                cell.push_str(", ");
            }
            cell.push('"');
            push_snippet(cell, text, *span);
            cell.push('"');
        }
        cell.push_str(" (");
        fixed::push_uint(cell, m.terms as u64);
        cell.push_str(" of ");
        fixed::push_uint(cell, m.claim_terms as u64);
        cell.push_str(" claim words)");
    }
    if a.context.kind != crate::context::ContextKind::None {
        sep(cell);
        cell.push_str("CONTEXT ");
        cell.push_str(a.context.kind.as_str());
        if a.capped {
            cell.push_str(" (score capped at ");
            fixed::push_fixed(cell, analyzer.config.score.context_cap, 2);
            cell.push_str(", below high)");
        }
        cell.push_str(": ");
        for (i, hit) in a.context.hits.iter().enumerate() {
            if i > 0 {
                cell.push_str("; ");
            }
            // A derived sign: its code, then what was recognised ("CTX-ORG-AUTHOR (author
            // @AFPFactCheck is …)"); a cue: its id, which is its label.
            let named;
            let code = if hit.code == hit.label {
                hit.code.as_str()
            } else {
                named = format!("{} ({})", hit.code, hit.label);
                named.as_str()
            };
            if hit.spans.is_empty() {
                cell.push_str(code);
            } else {
                push_evidence_entry(cell, code, record, &hit.spans);
            }
        }
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
        let record = Record {
            text: "one two three four five".into(),
            ..Record::default()
        };
        let spans: Vec<Span> = [(0, 3), (4, 7), (8, 13), (14, 18), (19, 23)]
            .iter()
            .map(|&(s, e)| Span::new(s, e))
            .collect();
        let mut out = String::new();
        push_evidence_entry(&mut out, "EN-X", &record, &spans);
        assert_eq!(out, "EN-X: \"one\", \"two\", \"three\" (+2 more)");
        out.clear();
        push_evidence_entry(&mut out, "EN-Y", &record, &spans[..1]);
        assert_eq!(out, "EN-Y: \"one\"");
    }

    #[test]
    fn evidence_tells_cue_times_and_links_outside_the_text() {
        use crate::record::{Cue, Link};
        let record = Record {
            text: "first cue text. click here in the second".into(),
            cues: vec![
                Cue {
                    offset: 0,
                    start_ms: 1_000,
                    end_ms: 4_000,
                },
                Cue {
                    offset: 16,
                    start_ms: 72_400,
                    end_ms: 75_000,
                },
            ],
            links: vec![Link {
                url: "https://rrn.media/x".into(),
                span: Span::new(16, 26),
            }],
            ..Record::default()
        };
        let mut out = String::new();
        push_evidence_entry(
            &mut out,
            "C",
            &record,
            &[Span::new(6, 9), Span::new(16, 26)],
        );
        assert_eq!(
            out,
            "C: \"cue\" @00:00:01.000, \"click here\" @00:01:12.400 <https://rrn.media/x>"
        );
    }
}
