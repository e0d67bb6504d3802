//! What the page and the workbook need, collected while a scan runs: the aggregates over every
//! item (O(1) per item) and the best `keep` report rows (a bounded heap: a row's bytes are
//! copied only when it enters the heap, so the zero-scoring bulk of a batch costs a
//! comparison). Memory: `keep` encoded rows plus the aggregates.

use super::aggregate::{Aggregates, ItemFacts};
use super::table::{unneutralize, OrderedFields, Table};
use crate::error::{Fatal, Result};
use crate::report::rank::rank_order;
use crate::report::sink::ReportFormat;
use crate::report::ReportRow;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A row in the heap, ordered so that the heap's top is the worst-ranked row kept.
struct Kept(ReportRow);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        rank_order(&self.0, &other.0)
    }
}

/// Aggregates of every item and the best rows of the report.
pub struct PageCollector {
    pub aggregates: Aggregates,
    best: BinaryHeap<Kept>,
    keep: usize,
    /// Rows below it are not in the report (`--min-score`), so not on the page either.
    min_score: f64,
}

impl PageCollector {
    pub fn new(keep: usize, min_score: f64) -> Self {
        PageCollector {
            aggregates: Aggregates::default(),
            best: BinaryHeap::with_capacity(keep.min(1 << 16) + 1),
            keep,
            min_score,
        }
    }

    /// One scored item: its facts and rule codes, its input position and its encoded report
    /// row (every column but `rank`, as [`crate::report::sink::RowEncoder`] writes it).
    pub fn add<'r>(
        &mut self,
        facts: &ItemFacts<'_>,
        rules: impl IntoIterator<Item = &'r str>,
        seq: u64,
        encoded: &[u8],
    ) {
        self.aggregates.add(facts, rules);
        if self.keep == 0 || facts.score < self.min_score {
            return;
        }
        let candidate = ReportRow {
            score: facts.score,
            seq,
            encoded: Vec::new(),
        };
        if self.best.len() >= self.keep {
            let worst = &self.best.peek().expect("the heap is full").0;
            if rank_order(&candidate, worst) != Ordering::Less {
                return;
            }
            self.best.pop();
        }
        self.best.push(Kept(ReportRow {
            encoded: encoded.to_vec(),
            ..candidate
        }));
    }

    /// The kept rows decoded into a table (with `rank`), best first, and the aggregates.
    /// `header` is the report's, `rank` included.
    pub fn finish(self, format: ReportFormat, header: &[String]) -> Result<(Table, Aggregates)> {
        let mut rows: Vec<ReportRow> = self.best.into_iter().map(|k| k.0).collect();
        rows.sort_by(rank_order);
        let mut table = Table::new(header.to_vec());
        table.total_rows = self.aggregates.items;
        for (i, row) in rows.iter().enumerate() {
            let rank = (i + 1).to_string();
            let mut cells = Vec::with_capacity(header.len());
            cells.push(rank);
            match format {
                ReportFormat::Csv => decode_csv(&row.encoded, &mut cells)?,
                ReportFormat::Jsonl => decode_jsonl(&row.encoded, &mut cells)?,
            }
            cells.resize(header.len(), String::new());
            table.rows.push(cells);
        }
        Ok((table, self.aggregates))
    }
}

fn decode_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!(
        "internal error: cannot decode a report row for the page: {e}"
    ))
}

fn decode_csv(encoded: &[u8], cells: &mut Vec<String>) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(encoded);
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record).map_err(decode_err)?;
    cells.extend(record.iter().map(|c| unneutralize(c).to_string()));
    Ok(())
}

fn decode_jsonl(encoded: &[u8], cells: &mut Vec<String>) -> Result<()> {
    // The encoding is `,"column":value…}\n`: every field after `rank`.
    let mut object = b"{\"rank\":0".to_vec();
    object.extend_from_slice(encoded);
    let fields: OrderedFields = serde_json::from_slice(&object).map_err(decode_err)?;
    cells.extend(fields.0.into_iter().skip(1).map(|(_, v)| v));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sink::RowEncoder;

    fn header() -> Vec<String> {
        ["rank", "score", "level", "author", "text"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn facts(score: f64) -> ItemFacts<'static> {
        ItemFacts {
            score,
            level: if score >= 0.7 { "high" } else { "low" },
            lang: "en",
            ..ItemFacts::default()
        }
    }

    #[test]
    fn keeps_the_best_rows_in_report_order_and_decodes_them() {
        for format in [ReportFormat::Csv, ReportFormat::Jsonl] {
            let enc = RowEncoder::new(format, false, header());
            let mut c = PageCollector::new(3, 0.0);
            let scores = [0.0, 0.9, 0.5, 0.9, 0.0, 0.95, 0.1];
            for (seq, &s) in scores.iter().enumerate() {
                let row = enc.encode(&[
                    format!("{s:.4}"),
                    facts(s).level.to_string(),
                    format!("=user{seq}"),
                    format!("text, \"{seq}\""),
                ]);
                c.add(&facts(s), [], seq as u64, &row);
            }
            let (table, agg) = c.finish(format, &header()).unwrap();
            assert_eq!(agg.items, 7);
            assert_eq!(table.total_rows, 7);
            let got: Vec<(&str, &str, &str)> = table
                .rows
                .iter()
                .map(|r| (r[0].as_str(), r[3].as_str(), r[4].as_str()))
                .collect();
            // Best score first, ties in input order; the CSV's protective ' is taken off.
            assert_eq!(
                got,
                [
                    ("1", "=user5", "text, \"5\""),
                    ("2", "=user1", "text, \"1\""),
                    ("3", "=user3", "text, \"3\"")
                ],
                "{format:?}"
            );
        }
    }

    #[test]
    fn rows_below_min_score_are_counted_not_kept() {
        let enc = RowEncoder::new(ReportFormat::Csv, false, header());
        let mut c = PageCollector::new(10, 0.5);
        for (seq, s) in [0.2, 0.6, 0.4].into_iter().enumerate() {
            let row = enc.encode(&[format!("{s}"), "low".into(), "a".into(), "t".into()]);
            c.add(&facts(s), [], seq as u64, &row);
        }
        let (table, agg) = c.finish(ReportFormat::Csv, &header()).unwrap();
        assert_eq!(table.rows.len(), 1);
        assert_eq!(agg.items, 3);
    }
}
