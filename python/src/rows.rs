//! Report rows as Python sees them, built from the library's own cells
//! ([`calque::report::visit_cells`], the code the CSV and JSON Lines writers use): a column
//! added to the report reaches the dicts and the Arrow batches without a change here.
//!
//! Values follow the JSON Lines report: a numeric column ([`NUMERIC_COLUMNS`]) holds a number
//! (an integer where the report writes one), or `None` when its cell is empty; every other
//! column holds text. Arrow needs one type per column: integer where the report writes the
//! column as integers, float otherwise ([`Columns::of`] finds out once per analyzer).
//!
//! One field is the binding's own: `spans`, the evidence spans as a list of
//! `{rule, start, end}`, in the order of the `evidence` column, with every span (the report
//! quotes 3 per rule), as offsets in characters into `text` (Python's `text[start:end]`).

use calque::report::{self, CellVisitor, COLUMNS, NUMERIC_COLUMNS};
use calque::{Analysis, Analyzer};

/// Name of the binding's own field: the evidence spans as lists.
pub const SPANS: &str = "spans";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Text,
}

/// The columns of a report row: `rank`, the other fixed columns, then the kept columns.
#[derive(Debug, Clone)]
pub struct Columns {
    pub names: Vec<String>,
    pub kinds: Vec<Kind>,
}

/// Collects a row's cells as strings.
#[derive(Default)]
pub struct CellList {
    pub cells: Vec<String>,
}

impl CellVisitor for CellList {
    fn text(&mut self, cell: &str) {
        self.cells.push(cell.to_string());
    }
    fn number(&mut self, cell: &str) {
        self.cells.push(cell.to_string());
    }
}

/// Texts whose cells decide which numeric columns are integers: the bundled sample, which
/// fires heuristics and campaign rules in English and French.
const PROBE: &str = include_str!("../../data/samples/posts.txt");

impl Columns {
    /// The fixed columns, with their types as the report writes them for `analyzer`.
    pub fn of(analyzer: &Analyzer) -> Columns {
        let names: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
        // Per column: some cell written as an integer, some cell written otherwise.
        let mut seen = vec![(false, false); names.len()];
        seen[0].0 = true; // rank
        let provenance = calque::record::Provenance::new("<probe>".into(), 1);
        for text in PROBE.lines().filter(|l| !l.trim().is_empty()) {
            let record = calque::record::Record {
                text: text.to_string(),
                ..Default::default()
            };
            let mut row = CellList::default();
            report::visit_cells(
                &mut row,
                analyzer,
                &provenance,
                &record,
                &analyzer.analyze_record(&record),
            );
            for (cell, seen) in row.cells.iter().zip(&mut seen[1..]) {
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<i64>() {
                    Ok(_) => seen.0 = true,
                    Err(_) => seen.1 = true,
                }
            }
        }
        let kinds = names
            .iter()
            .zip(&seen)
            .map(|(name, &(int, other))| {
                if !NUMERIC_COLUMNS.contains(&name.as_str()) {
                    Kind::Text
                } else if int && !other {
                    Kind::Int
                } else {
                    Kind::Float
                }
            })
            .collect();
        Columns { names, kinds }
    }

    /// These columns followed by kept (text) columns.
    pub fn with_kept(&self, kept: &[String]) -> Columns {
        let mut c = self.clone();
        c.names.extend(kept.iter().cloned());
        c.kinds.extend(kept.iter().map(|_| Kind::Text));
        c
    }
}

/// A numeric cell's value as `json.loads` reads it from the JSON Lines report.
pub enum Number {
    Int(i64),
    Float(f64),
    /// An empty cell (`null`).
    Missing,
    /// Not a number after all: kept as text, as the JSON Lines writer does.
    Text,
}

pub fn parse_number(cell: &str) -> Number {
    if cell.is_empty() {
        return Number::Missing;
    }
    if let Ok(i) = cell.parse::<i64>() {
        return Number::Int(i);
    }
    match cell.parse::<f64>() {
        Ok(x) => Number::Float(x),
        Err(_) => Number::Text,
    }
}

/// Character offset of byte offset `byte` in `text`. A span past the end of the text (a link
/// carried outside it) keeps its distance from the end.
pub fn char_offset(text: &str, byte: usize) -> usize {
    if text.is_ascii() {
        return byte;
    }
    if byte >= text.len() {
        return text.chars().count() + (byte - text.len());
    }
    text.char_indices().take_while(|&(i, _)| i < byte).count()
}

/// Every evidence span of an item, in the order of the `evidence` column, in characters.
pub fn for_each_span(
    analyzer: &Analyzer,
    a: &Analysis,
    text: &str,
    mut f: impl FnMut(&str, usize, usize),
) {
    for (code, spans) in report::evidence_entries(analyzer, a) {
        for span in spans {
            f(
                code,
                char_offset(text, span.start),
                char_offset(text, span.end),
            );
        }
    }
}
