//! `calque scan --coordination DIR`: coordination as one of the scan's sinks, a thin adapter
//! over [`Coordinator`]. Each post's objects are found on the analysis threads; the posts are
//! added in input order; at the end the same files as `calque coordinate` are written into
//! DIR (staged with the scan's other outputs) and the post → cluster map is published as
//! [`PostClusters`] and account → cluster as [`AccountClusters`] for the sinks that finish
//! later (the `cluster` columns of the report and of the accounts table).

use super::output::{write_summary, CoordFiles};
use super::{object_campaigns, ChunkFacts, CoordOptions, CoordSummary, Coordinator, PostExtractor};
use crate::campaigns::CampaignSet;
use crate::error::Result;
use crate::output::OutputSet;
use crate::record::Event;
use crate::sinks::{Extract, Finish, Item, Sink};
use std::path::Path;

/// (input position, cluster) of every post in a kept pair, sorted by position.
#[derive(Debug, Clone, Default)]
pub struct PostClusters(pub Vec<(u64, u32)>);

impl PostClusters {
    /// The cluster of the post at input position `seq`.
    pub fn of(&self, seq: u64) -> Option<u32> {
        self.0
            .binary_search_by_key(&seq, |(s, _)| *s)
            .ok()
            .map(|i| self.0[i].1)
    }
}

/// (account, cluster) of every account in a kept edge, sorted by account. Accounts are
/// coordination's: the trimmed author, whatever the platform.
#[derive(Debug, Clone, Default)]
pub struct AccountClusters(pub Vec<(Box<str>, u32)>);

impl AccountClusters {
    /// The cluster of the account `author` (trimmed as coordination trims it).
    pub fn of(&self, author: &str) -> Option<u32> {
        let author = author.trim();
        self.0
            .binary_search_by(|(a, _)| (**a).cmp(author))
            .ok()
            .map(|i| self.0[i].1)
    }
}

pub struct CoordinationSink {
    coordinator: Coordinator,
    files: CoordFiles,
    campaigns: CampaignSet,
    dir: String,
}

impl CoordinationSink {
    /// Stage the coordination files in `dir`; clusters name the campaigns of `campaigns`.
    pub fn new(
        outputs: &mut OutputSet,
        dir: &Path,
        options: CoordOptions,
        campaigns: CampaignSet,
    ) -> Result<Self> {
        Ok(CoordinationSink {
            files: CoordFiles::stage(outputs, dir)?,
            coordinator: Coordinator::new(options),
            campaigns,
            dir: dir.display().to_string(),
        })
    }
}

/// Finds each post's objects on the analysis threads.
pub struct FactsOfChunk(PostExtractor);

impl Extract for FactsOfChunk {
    /// The facts of the chunk's records (rejects have none).
    type Part = ChunkFacts;

    fn begin(&self, events: &[(u64, Event)]) -> Self::Part {
        ChunkFacts::with_capacity(events.len())
    }

    fn add(&self, part: &mut Self::Part, item: &Item<'_>) {
        if let Event::Record(_, record) = item.event {
            self.0.add(part, record);
        }
    }
}

impl Sink for CoordinationSink {
    type Extractor = FactsOfChunk;

    fn extractor(&self) -> FactsOfChunk {
        FactsOfChunk(self.coordinator.extractor())
    }

    fn consume(&mut self, events: &[(u64, Event)], part: ChunkFacts) -> Result<()> {
        super::run::add_chunk(&mut self.coordinator, events, &part)
    }

    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()> {
        let CoordinationSink {
            coordinator,
            files,
            campaigns,
            dir,
        } = *self;
        let mut summary = CoordSummary {
            inputs: run.summary.inputs.clone(),
            output_dir: dir,
            threads: run.summary.threads,
            ..CoordSummary::default()
        };
        let matcher = |kind, shown: &str| object_campaigns(&campaigns, kind, shown);
        let network =
            coordinator.finish(files.network, run.outputs, Some(&matcher), &mut summary)?;
        write_summary(files.summary, &summary, run.outputs)?;
        run.publish(PostClusters(network.post_clusters));
        run.publish(AccountClusters(network.account_clusters));
        Ok(())
    }
}
