//! The accounts table (`scan --accounts FILE`): a thin adapter over [`crate::accounts`]. The
//! analysis threads keep each item's few facts ([`ChunkFacts`]); the sink folds them into the
//! per-account aggregates in input order and, at the end, writes the ranked table — the same
//! bytes as `calque accounts` on this scan's report. With `--coordination`, the coordination
//! sink finishes first and publishes each account's cluster for the table's `cluster` column.

use super::{Extract, Finish, Item, Sink};
use crate::accounts::extract::ChunkFacts;
use crate::accounts::{table, Accounts, Vocabulary};
use crate::analyze::Analyzer;
use crate::error::Result;
use crate::output::{OutputSet, Staged};
use crate::record::Event;
use crate::report::encode::ReportFormat;

pub struct AccountsSink {
    accounts: Accounts,
    vocab: Vocabulary,
    staged: Staged,
    format: ReportFormat,
    raw_cells: bool,
    /// The reference of a post without an id (`source:line`), reused.
    scratch: String,
}

impl AccountsSink {
    /// Stage the table at `path`: JSON Lines when it ends in `.jsonl` or `.ndjson`, else
    /// `format` (the report's).
    pub fn new(
        analyzer: &Analyzer,
        outputs: &mut OutputSet,
        path: &str,
        format: ReportFormat,
        raw_cells: bool,
    ) -> Result<Self> {
        let lower = path.to_ascii_lowercase();
        let format = if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            ReportFormat::Jsonl
        } else if lower.ends_with(".csv") {
            ReportFormat::Csv
        } else {
            format
        };
        Ok(AccountsSink {
            accounts: Accounts::new(analyzer.config.accounts.top_evidence),
            vocab: Vocabulary::new(analyzer),
            staged: outputs.stage(path, "--accounts")?,
            format,
            raw_cells,
            scratch: String::new(),
        })
    }
}

/// Keeps the rollup's facts of each analysed item.
pub struct Facts;

impl Extract for Facts {
    type Part = ChunkFacts;

    fn begin(&self, events: &[(u64, Event)]) -> ChunkFacts {
        ChunkFacts::with_capacity(events.len())
    }

    fn add(&self, part: &mut ChunkFacts, item: &Item<'_>) {
        if let Some(analysis) = item.analysis {
            part.push(analysis);
        }
    }
}

impl Sink for AccountsSink {
    type Extractor = Facts;

    fn extractor(&self) -> Facts {
        Facts
    }

    fn consume(&mut self, events: &[(u64, Event)], part: ChunkFacts) -> Result<()> {
        let records = events.iter().filter_map(|(seq, ev)| match ev {
            Event::Record(p, r) => Some((*seq, p, r)),
            Event::Reject(..) => None,
        });
        for (i, (seq, provenance, record)) in records.enumerate() {
            let post = part.post(i, seq, provenance, record, &mut self.scratch);
            self.accounts.add(&post);
        }
        Ok(())
    }

    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()> {
        let AccountsSink {
            mut accounts,
            vocab,
            mut staged,
            format,
            raw_cells,
            ..
        } = *self;
        if let Some(clusters) = run.fact::<crate::coordinate::sink::AccountClusters>() {
            for (author, cluster) in &clusters.0 {
                accounts.set_cluster(author, *cluster);
            }
        }
        let table = table::build(&accounts, &vocab);
        table::write(&table, format, raw_cells, &mut staged)?;
        run.outputs.ready(staged)?;
        run.summary.accounts = Some(table.summary);
        Ok(())
    }
}
