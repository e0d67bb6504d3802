//! The outputs of `calque scan`, each a [`Sink`].
//!
//! A scan is a source (ingest), the per-item analysis, and sinks. A sink has two halves: an
//! [`Extract`] that runs on the analysis threads and keeps what the sink needs of each item (a
//! report row, a few counts, an account key…) in a *part* per chunk of consecutive items; and
//! the sink itself, which receives the parts on one thread, in input order, and at the end
//! writes its output into a staged file that the pipeline commits with every other output only
//! when the whole run succeeded.
//!
//! A new output is a module here implementing [`Sink`], and one line where the scan's sinks
//! are listed ([`crate::pipeline::scan`]'s caller builds them); the pipeline does not change.

pub mod accounts;
pub mod page;
pub mod rejects;
pub mod report;
pub mod tally;

use crate::analyze::{Analysis, Analyzer};
use crate::error::Result;
use crate::output::OutputSet;
use crate::pipeline::Summary;
use crate::record::Event;
use std::any::Any;

/// One item of a chunk, as the analysis threads see it.
pub struct Item<'a> {
    pub analyzer: &'a Analyzer,
    /// Position in the input stream (inputs in command-line order).
    pub seq: u64,
    pub event: &'a Event,
    /// The item's analysis; `None` for a reject.
    pub analysis: Option<&'a Analysis>,
}

/// The half of a sink that runs on the analysis threads, shared by all of them.
pub trait Extract: Send + Sync + 'static {
    /// What is kept of one chunk of items.
    type Part: Send + 'static;
    /// An empty part for the chunk `events` (e.g. sized from them).
    fn begin(&self, events: &[(u64, Event)]) -> Self::Part;
    /// Keep what the sink needs of one item; called for every event of the chunk, in order.
    /// Runs once per item per sink: keep it cheap.
    fn add(&self, part: &mut Self::Part, item: &Item<'_>);
}

/// One output of a scan.
pub trait Sink: Send + 'static {
    type Extractor: Extract;
    /// The extractor, taken once before the first item.
    fn extractor(&self) -> Self::Extractor;
    /// One chunk, in input order: its events and what the extractor kept of them.
    fn consume(
        &mut self,
        events: &[(u64, Event)],
        part: <Self::Extractor as Extract>::Part,
    ) -> Result<()>;
    /// Every item has been consumed: write the output (to files staged in `run.outputs`) and
    /// add to the summary.
    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()>;
}

/// What [`Sink::finish`] may use: the run's summary and outputs, and facts that sinks finished
/// earlier published for later ones (e.g. post → cluster for the report's cluster column).
pub struct Finish<'a> {
    pub summary: &'a mut Summary,
    pub outputs: &'a mut OutputSet,
    facts: Vec<Box<dyn Any + Send>>,
}

impl<'a> Finish<'a> {
    pub fn new(summary: &'a mut Summary, outputs: &'a mut OutputSet) -> Self {
        Finish {
            summary,
            outputs,
            facts: Vec::new(),
        }
    }

    /// Make `fact` available to the sinks that finish after this one (one fact per type).
    pub fn publish<T: Any + Send>(&mut self, fact: T) {
        self.facts.retain(|f| !f.is::<T>());
        self.facts.push(Box::new(fact));
    }

    /// A fact an earlier sink published.
    pub fn fact<T: Any + Send>(&self) -> Option<&T> {
        self.facts.iter().find_map(|f| f.downcast_ref::<T>())
    }
}

/// A sink with its types erased, as the pipeline holds it.
pub trait AnySink: Send {
    fn extractor(&self) -> Box<dyn AnyExtract>;
    fn consume(&mut self, events: &[(u64, Event)], part: Box<dyn Any + Send>) -> Result<()>;
    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()>;
}

/// An extractor with its types erased.
pub trait AnyExtract: Send + Sync {
    fn begin(&self, events: &[(u64, Event)]) -> Box<dyn Any + Send>;
    fn add(&self, part: &mut (dyn Any + Send), item: &Item<'_>);
}

impl<S: Sink> AnySink for S {
    fn extractor(&self) -> Box<dyn AnyExtract> {
        Box::new(Sink::extractor(self))
    }
    fn consume(&mut self, events: &[(u64, Event)], part: Box<dyn Any + Send>) -> Result<()> {
        let part = part
            .downcast::<<S::Extractor as Extract>::Part>()
            .expect("a sink receives the parts of its own extractor");
        Sink::consume(self, events, *part)
    }
    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()> {
        Sink::finish(self, run)
    }
}

impl<E: Extract> AnyExtract for E {
    fn begin(&self, events: &[(u64, Event)]) -> Box<dyn Any + Send> {
        Box::new(Extract::begin(self, events))
    }
    fn add(&self, part: &mut (dyn Any + Send), item: &Item<'_>) {
        let part = part
            .downcast_mut::<E::Part>()
            .expect("an extractor receives its own parts");
        Extract::add(self, part, item)
    }
}

/// The extractor of a sink that needs nothing from the analysis threads (it reads the events
/// themselves in `consume`).
pub struct Nothing;

impl Extract for Nothing {
    type Part = ();
    fn begin(&self, _: &[(u64, Event)]) {}
    fn add(&self, _: &mut (), _: &Item<'_>) {}
}

/// Box a sink for the pipeline.
pub fn boxed<S: Sink>(sink: S) -> Box<dyn AnySink> {
    Box::new(sink)
}

/// The sinks of a scan with `opts`, their files staged in `outputs`, in the order they finish:
/// a sink that publishes a fact comes before the sinks that use it.
pub fn for_scan(
    analyzer: &Analyzer,
    opts: &crate::pipeline::ScanOptions,
    outputs: &mut OutputSet,
) -> Result<Vec<Box<dyn AnySink>>> {
    let campaign_ids = analyzer
        .campaigns
        .campaigns
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let rejects_path = opts
        .rejects
        .clone()
        .unwrap_or_else(|| crate::pipeline::default_rejects_path(&opts.output));
    let rejects_optional = opts.rejects.is_none() && opts.output == "-";
    let mut header = crate::report::header(&opts.ingest.columns.keep);
    if opts.coordination.is_some() {
        // Appended by the report sink from the coordination sink's clusters.
        header.push("cluster".into());
    }
    let encoder = crate::report::encode::RowEncoder::new(opts.format, opts.raw_cells, header)
        .with_bom(opts.bom);
    let ranker = crate::report::rank::Ranker::new(opts.sort_memory, opts.top, opts.min_score);
    let mut sinks = vec![boxed(tally::TallySink::new(campaign_ids))];
    // Before the report and the accounts: it publishes the clusters their rows carry.
    if let Some((dir, options)) = &opts.coordination {
        sinks.push(boxed(crate::coordinate::sink::CoordinationSink::new(
            outputs,
            dir,
            options.clone(),
            analyzer.campaigns.clone(),
        )?));
    }
    // The report publishes its first rows for the page, which finishes last.
    let first_rows = opts.page.as_ref().map_or(0, |p| p.options.rows_needed());
    sinks.extend([
        boxed(
            report::ReportSink::new(outputs, &opts.output, encoder.clone(), ranker)?
                .publishing_first_rows(first_rows),
        ),
        boxed(rejects::RejectsSink::new(
            outputs,
            &rejects_path,
            opts.raw_cells,
            rejects_optional,
        )?),
    ]);
    if let Some(path) = &opts.accounts {
        sinks.push(boxed(accounts::AccountsSink::new(
            analyzer,
            outputs,
            path,
            opts.format,
            opts.raw_cells,
        )?));
    }
    if let Some(page) = &opts.page {
        sinks.push(boxed(page::PageSink::new(
            outputs, analyzer, page, encoder,
        )?));
    }
    Ok(sinks)
}
