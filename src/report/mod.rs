//! The ranked report: its columns (documented in `docs/report-schema.md`), how an analysed item
//! becomes a row, ranking with bounded memory, and the CSV / JSON Lines writers.

pub mod cells;
pub mod rank;
pub mod sink;

use crate::analyze::{Analysis, Analyzer};
use crate::record::{Provenance, Record, Span};

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
    /// Every column but `rank`, encoded by [`sink::RowEncoder`].
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
    format!("{x:.4}")
}

/// The snippet of `text` at `span`, with white space collapsed and long spans shortened.
pub fn snippet(text: &str, span: Span) -> String {
    let raw = span.slice(text);
    let collapsed: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= SNIPPET_CHARS {
        collapsed
    } else {
        let cut: String = collapsed.chars().take(SNIPPET_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// `CODE: "snippet", "snippet"` for one rule.
fn evidence_entry(code: &str, text: &str, spans: &[Span]) -> String {
    let quoted: Vec<String> = spans
        .iter()
        .take(SNIPPETS_PER_RULE)
        .map(|s| format!("\"{}\"", snippet(text, *s)))
        .collect();
    let more = spans.len().saturating_sub(SNIPPETS_PER_RULE);
    let tail = if more > 0 {
        format!(" (+{more} more)")
    } else {
        String::new()
    };
    format!("{code}: {}{tail}", quoted.join(", "))
}

/// Build the report row of one analysed record.
pub fn build_row(
    analyzer: &Analyzer,
    encoder: &sink::RowEncoder,
    seq: u64,
    provenance: &Provenance,
    record: &Record,
    a: &Analysis,
) -> ReportRow {
    ReportRow {
        score: a.score,
        seq,
        encoded: encoder.encode(&cells(analyzer, provenance, record, a)),
    }
}

/// The cells of every column but `rank`, in [`COLUMNS`] order, then the kept columns.
pub fn cells(
    analyzer: &Analyzer,
    provenance: &Provenance,
    record: &Record,
    a: &Analysis,
) -> Vec<String> {
    let text = record.text.as_str();
    let mut evidence = Vec::new();
    let mut interference_rules = Vec::new();
    for hit in &a.heuristic_hits {
        let code = analyzer.heuristic(hit).info().code;
        interference_rules.push(code);
        evidence.push(evidence_entry(code, text, &hit.spans));
    }
    let set = &analyzer.campaigns;
    let (campaign, campaign_rules) = match a.best_campaign() {
        Some(best) => {
            let ids: Vec<&str> = best
                .counted
                .iter()
                .map(|&k| set.indicators[a.indicator_hits[k].indicator].id.as_str())
                .collect();
            (set.campaigns[best.campaign].id.as_str(), ids.join(";"))
        }
        None => ("", String::new()),
    };
    for c in &a.campaigns {
        for &k in &c.counted {
            let hit = &a.indicator_hits[k];
            evidence.push(evidence_entry(
                &set.indicators[hit.indicator].id,
                text,
                &hit.spans,
            ));
        }
    }
    let other_campaigns: Vec<String> = a
        .campaigns
        .iter()
        .skip(1)
        .map(|c| format!("{}:{}", set.campaigns[c.campaign].id, fmt4(c.score)))
        .collect();
    let mut cells = vec![
        fmt4(a.score),
        a.level.as_str().to_string(),
        record.id.clone(),
        record.author.clone(),
        record.timestamp.clone(),
        record.url.clone(),
        record.platform.clone(),
        provenance.to_string(),
        a.lang.code.to_string(),
        format!("{:.2}", a.lang.confidence),
        format!("{:.3}", a.script.cyrillic_share()),
        a.script.mixed_tokens.len().to_string(),
        fmt4(a.interference_score),
        interference_rules.join(";"),
        campaign.to_string(),
        fmt4(a.campaign_score),
        campaign_rules,
        other_campaigns.join(";"),
        evidence.join(" | "),
        record.text.clone(),
    ];
    cells.extend(record.kept.iter().cloned());
    cells
}
