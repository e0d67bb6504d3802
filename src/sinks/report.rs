//! The ranked report: each item's row is encoded on the analysis threads, ranked with a memory
//! budget (spilling sorted runs to disk beyond it), and written in rank order at the end.

use super::{Extract, Finish, Item, Sink};
use crate::error::Result;
use crate::output::{OutputSet, Staged};
use crate::record::Event;
use crate::report;
use crate::report::encode::{ReportWriter, RowEncoder};
use crate::report::rank::Ranker;
use std::time::Instant;

pub struct ReportSink {
    encoder: RowEncoder,
    ranker: Ranker,
    writer: ReportWriter<Staged>,
}

/// The report's first rows in rank order (encoded cells, without the rank), published for the
/// sinks that finish after the report (the HTML page and the workbook).
pub struct FirstRows(pub Vec<Vec<u8>>);

impl ReportSink {
    /// Publish the report's first `n` rows as [`FirstRows`] when it finishes.
    pub fn publishing_first_rows(mut self, n: usize) -> Self {
        self.writer.keep_first_rows(n);
        self
    }

    /// Stage the report at `path` (header written now) with `ranker`'s limits.
    pub fn new(
        outputs: &mut OutputSet,
        path: &str,
        encoder: RowEncoder,
        ranker: Ranker,
    ) -> Result<Self> {
        let staged = outputs.stage(path, "-o")?;
        let writer = ReportWriter::new(staged, encoder.clone())?;
        Ok(ReportSink {
            encoder,
            ranker,
            writer,
        })
    }
}

/// Encodes the report rows of a chunk into one buffer, so that a row costs no allocation of its
/// own (most go straight to the ranking's zero tail).
pub struct RowsOfChunk {
    encoder: RowEncoder,
}

/// The rows of one chunk's records, back to back.
pub struct ChunkRows {
    rows: Vec<u8>,
    /// Per record (rejects have no row): its score and the end of its row in `rows` (the row
    /// starts where the previous one ends).
    items: Vec<(f64, usize)>,
}

impl Extract for RowsOfChunk {
    type Part = ChunkRows;

    fn begin(&self, events: &[(u64, Event)]) -> ChunkRows {
        // Rows are about as long as their text plus a couple of hundred bytes of other cells.
        let capacity = events
            .iter()
            .map(|(_, ev)| match ev {
                Event::Record(_, r) => r.text.len() + 256,
                Event::Reject(..) => 0,
            })
            .sum();
        ChunkRows {
            rows: Vec::with_capacity(capacity),
            items: Vec::with_capacity(events.len()),
        }
    }

    fn add(&self, part: &mut ChunkRows, item: &Item<'_>) {
        if let (Event::Record(provenance, record), Some(analysis)) = (item.event, item.analysis) {
            report::push_row(
                item.analyzer,
                &self.encoder,
                provenance,
                record,
                analysis,
                &mut part.rows,
            );
            part.items.push((analysis.score, part.rows.len()));
        }
    }
}

impl Sink for ReportSink {
    type Extractor = RowsOfChunk;

    fn extractor(&self) -> RowsOfChunk {
        RowsOfChunk {
            encoder: self.encoder.clone(),
        }
    }

    fn consume(&mut self, events: &[(u64, Event)], part: ChunkRows) -> Result<()> {
        let records = events
            .iter()
            .filter(|(_, ev)| matches!(ev, Event::Record(..)));
        let mut row_start = 0;
        for ((seq, _), (score, row_end)) in records.zip(part.items) {
            self.ranker
                .push_encoded(score, *seq, &part.rows[row_start..row_end])?;
            row_start = row_end;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()> {
        let started = Instant::now();
        let ReportSink {
            ranker, mut writer, ..
        } = *self;
        if let Some(clusters) = run.fact::<crate::coordinate::sink::PostClusters>() {
            let clusters = clusters.clone();
            writer.set_last_cell(Box::new(move |seq| clusters.of(seq)));
        }
        let (written, filtered) = ranker.finish(&mut writer)?;
        run.publish(FirstRows(writer.take_first_rows()));
        run.outputs.ready(writer.finish()?)?;
        run.summary.rows_written = written;
        run.summary.rows_filtered = filtered;
        run.summary.report_seconds = started.elapsed().as_secs_f64();
        Ok(())
    }
}
