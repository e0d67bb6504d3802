//! `calque coordinate`: read the inputs (every format `scan` reads, through
//! [`crate::ingest::open`]), find each post's objects on the worker threads, add the posts to
//! a [`Coordinator`] in input order, and write the outputs.
//!
//! The scan's reader thread fills batches; each batch's posts are examined in parallel while the
//! previous batch is added, so the adding (one thread, in input order) overlaps the
//! extraction. Memory: two batches in flight plus the coordinator's budget.

use super::edges::CampaignMatcher;
use super::output::{write_summary, CoordFiles, REJECTS};
use super::{ChunkFacts, CoordOptions, CoordSummary, Coordinator, PostExtractor};
use crate::error::Result;
use crate::ingest::{IngestOptions, InputFormat};
use crate::output::OutputSet;
use crate::pipeline::{Batch, ScanOptions};
use crate::record::Event;
use crate::sinks::rejects::RejectsSink;
use crate::sinks::{Finish, Sink};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::{channel, sync_channel, Sender};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<String>,
    pub input_format: Option<InputFormat>,
    pub ingest: IngestOptions,
    pub output_dir: PathBuf,
    /// Worker threads; 0: one per core.
    pub threads: usize,
    pub batch_size: usize,
    pub coord: CoordOptions,
}

/// Posts examined as one task.
const POSTS_PER_CHUNK: usize = 64;

fn extract(extractor: &PostExtractor, batch: &Batch) -> Vec<ChunkFacts> {
    let mut chunks = Vec::with_capacity(batch.len().div_ceil(POSTS_PER_CHUNK));
    batch
        .par_chunks(POSTS_PER_CHUNK)
        .map(|events| {
            let mut chunk = ChunkFacts::with_capacity(events.len());
            for (_, event) in events {
                if let Event::Record(_, record) = event {
                    extractor.add(&mut chunk, record);
                }
            }
            chunk
        })
        .collect_into_vec(&mut chunks);
    chunks
}

/// Add the posts of `events` (one chunk) in order; `facts` holds one entry per record.
pub(crate) fn add_chunk(
    coordinator: &mut Coordinator,
    events: &[(u64, Event)],
    facts: &ChunkFacts,
) -> Result<()> {
    let mut next = 0;
    for (seq, event) in events {
        match event {
            Event::Record(p, r) => {
                coordinator.add(*seq, p, r, facts.post(next))?;
                next += 1;
            }
            Event::Reject(_, r) => coordinator.add_reject(*seq, r.reason.as_str()),
        }
    }
    debug_assert_eq!(next, facts.len(), "every record has its facts");
    Ok(())
}

fn consume(
    coordinator: &mut Coordinator,
    rejects: &mut RejectsSink,
    batch: Batch,
    facts: Vec<ChunkFacts>,
    spent: &Sender<Batch>,
) -> Result<()> {
    rejects.consume(&batch, ())?;
    for (events, facts) in batch.chunks(POSTS_PER_CHUNK).zip(&facts) {
        add_chunk(coordinator, events, facts)?;
    }
    drop(facts);
    // The reader may reuse the batch (and has stopped if this fails).
    let _ = spent.send(batch);
    Ok(())
}

/// Run coordination over the inputs; returns the summary once every output is in place.
pub fn run(opts: &RunOptions, campaigns: Option<CampaignMatcher<'_>>) -> Result<CoordSummary> {
    let started = Instant::now();
    let pool = crate::pipeline::check_inputs_and_start_pool(&opts.inputs, opts.threads)?;
    let mut set = OutputSet::new(&opts.inputs);
    let files = CoordFiles::stage(&mut set, &opts.output_dir)?;
    let mut rejects = RejectsSink::new(
        &mut set,
        &opts.output_dir.join(REJECTS).display().to_string(),
        opts.coord.raw_cells,
        false,
    )?;
    let mut coordinator = Coordinator::new(opts.coord.clone());
    let extractor = coordinator.extractor();

    let (tx, rx) = sync_channel::<Result<Batch>>(2);
    // Batches done with go back to the reader, which fills their records again.
    let (spent_tx, spent_rx) = channel::<Batch>();
    let reader = crate::pipeline::spawn_reader(
        ScanOptions {
            inputs: opts.inputs.clone(),
            input_format: opts.input_format,
            ingest: opts.ingest.clone(),
            batch_size: opts.batch_size.max(1),
            ..ScanOptions::default()
        },
        Arc::new(AtomicU64::new(0)),
        tx,
        spent_rx,
    );

    // Extract batch k on the pool while batch k-1 is added on this thread.
    let added: Result<()> = pool.install(|| {
        let mut pending: Option<(Batch, Vec<ChunkFacts>)> = None;
        for batch in rx {
            let batch = batch?;
            let (facts, done) = rayon::join(
                || extract(&extractor, &batch),
                || match pending.take() {
                    Some((b, f)) => consume(&mut coordinator, &mut rejects, b, f, &spent_tx),
                    None => Ok(()),
                },
            );
            done?;
            pending = Some((batch, facts));
        }
        if let Some((b, f)) = pending.take() {
            consume(&mut coordinator, &mut rejects, b, f, &spent_tx)?;
        }
        Ok(())
    });
    let _ = reader.join();
    added?;
    let read_seconds = started.elapsed().as_secs_f64();

    let mut summary = CoordSummary {
        inputs: opts.inputs.clone(),
        output_dir: opts.output_dir.display().to_string(),
        threads: pool.current_num_threads(),
        read_seconds,
        ..CoordSummary::default()
    };
    pool.install(|| coordinator.finish(files.network, &mut set, campaigns, &mut summary))?;
    // The rejects sink only needs somewhere to say where its file went.
    let mut scan_summary = crate::pipeline::Summary::default();
    Box::new(rejects).finish(&mut Finish::new(&mut scan_summary, &mut set))?;
    let secs = started.elapsed().as_secs_f64();
    summary.elapsed_seconds = secs;
    summary.posts_per_second = summary.posts.records_read as f64 / secs.max(1e-9);
    write_summary(files.summary, &summary, &mut set)?;
    set.commit()?;
    Ok(summary)
}
