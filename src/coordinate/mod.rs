//! Coordination: accounts that act together, with the posts behind every link.
//!
//! Stages, each its own module:
//! - [`objects`]: what each post shares (exact text, links, domains, hashtags, mentions,
//!   repost targets) and its near-duplicate signature ([`minhash`]); per post, in parallel.
//! - [`Coordinator::add`], in input order: accounts numbered ([`accounts`]), one record per
//!   (object, post) into an external sort by (object, time) ([`extsort`]), one record per
//!   signed post into an external sort by time.
//! - [`sweep`]: sort-and-sweep over (object, time) with a true sliding window (optional
//!   minimum delay and nested fast window), hub objects capped; [`near`]: a streaming LSH over
//!   the posts in time order, candidates verified on their exact Jaccard similarity. Both
//!   write pairs of posts ([`pairs`]) into a third external sort, by account pair.
//! - [`edges`]: edges from the pairs, thresholds, clusters ([`clusters`]), and the files
//!   ([`output`]).
//!
//! Memory is bounded by the sort budget, one object's posts (spilled past a limit), one
//! window of near-duplicate signatures, and per-account state; it does not grow with the
//! number of posts otherwise. Every order is total (ties broken by input position), so the
//! outputs are the same whatever the number of threads or the budget.

pub mod accounts;
pub mod clusters;
pub mod edges;
pub mod extsort;
pub mod minhash;
pub mod near;
pub mod objects;
pub mod output;
pub mod pairs;
pub mod records;
pub mod run;
pub mod sink;
pub mod sweep;

#[cfg(test)]
mod tests;

use crate::error::Result;
use crate::output::OutputSet;
use crate::record::{Provenance, Record};
use accounts::Accounts;
use edges::{CampaignMatcher, Network, NetworkContext, NetworkFiles, NetworkSummary, Thresholds};
use extsort::ExternalSorter;
use near::NearStats;
use objects::{ChunkObjects, ObjectKind, ObjectOptions, PostObjects};
use pairs::PairSink;
use records::{ObjectKey, TimeKey, Writer};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use sweep::{SweepContext, SweepStats, Window};

/// Everything `calque coordinate` can be told.
#[derive(Debug, Clone)]
pub struct CoordOptions {
    pub objects: ObjectOptions,
    pub window: Window,
    /// Jaccard similarity a near-duplicate pair must reach.
    pub similarity: f64,
    /// Objects shared by more accounts are hubs; `None`: [`auto_hub_limit`].
    pub hub_limit: Option<usize>,
    pub thresholds: Thresholds,
    /// Accounts with fewer posts take no part (CooRTweet's `min_participation`).
    pub min_posts: u32,
    /// Bytes of memory for each external sort.
    pub sort_memory: usize,
    pub temp_dir: Option<PathBuf>,
    pub raw_cells: bool,
}

impl Default for CoordOptions {
    fn default() -> Self {
        CoordOptions {
            objects: ObjectOptions::default(),
            window: Window {
                window_ms: 60_000,
                min_delay_ms: 0,
                fast_ms: None,
            },
            similarity: 0.7,
            hub_limit: None,
            thresholds: Thresholds {
                min_weight: 2,
                percentile: 0.0,
            },
            min_posts: 1,
            sort_memory: 256 << 20,
            temp_dir: None,
            raw_cells: false,
        }
    }
}

/// The default hub limit for `accounts` accounts taking part: 1% of them, and at least 50,
/// so that a campaign of dozens of accounts is never a hub, and in a large input an object
/// shared by a percent of all accounts (a trending hashtag, a big outlet) is.
pub fn auto_hub_limit(accounts: usize) -> usize {
    accounts.div_ceil(100).max(50)
}

/// How many posts went where, for the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PostCounts {
    pub records_read: u64,
    pub rejected: u64,
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// Posts with an author and a time, taking part.
    pub posts_used: u64,
    pub without_author: u64,
    pub bad_time: u64,
    /// Where the first posts without a usable author or time are (`source:line`).
    pub examples_left_out: Vec<String>,
    /// Posts of accounts under `--min-posts`.
    pub below_min_posts: u64,
}

const LEFT_OUT_EXAMPLES: usize = 5;

/// Per object type, for the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TypeCounts {
    /// (post, object) occurrences.
    pub occurrences: u64,
    pub distinct: u64,
    pub shared_by_two_or_more: u64,
    pub hubs: u64,
}

/// The run summary, written as `summary.json`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CoordSummary {
    pub inputs: Vec<String>,
    pub output_dir: String,
    pub types: Vec<String>,
    pub window_seconds: f64,
    pub min_delay_seconds: f64,
    pub fast_window_seconds: Option<f64>,
    pub similarity: f64,
    pub min_words: usize,
    pub min_weight: u32,
    pub edge_percentile: f64,
    pub min_posts: u32,
    pub hub_limit: usize,
    pub posts: PostCounts,
    pub accounts: u64,
    pub by_type: BTreeMap<String, TypeCounts>,
    /// The largest hub objects: "type:object (accounts)".
    pub top_hubs: Vec<String>,
    pub near_duplicates_verified: u64,
    pub near_duplicate_posts_cut_short: u64,
    pub near_duplicate_window_peak_posts: u64,
    pub objects_spilled_to_disk: u64,
    pub network: NetworkSummary,
    pub sort_runs: u64,
    pub threads: usize,
    pub elapsed_seconds: f64,
    /// Of `elapsed_seconds`: reading the inputs and finding every post's objects.
    pub read_seconds: f64,
    pub posts_per_second: f64,
}

impl CoordSummary {
    /// Human-readable lines for stderr.
    pub fn render(&self) -> String {
        let p = &self.posts;
        let mut s = format!(
            "calque: read {} records: {} posts used, {} rejected, {} without author, {} with no readable time",
            p.records_read, p.posts_used, p.rejected, p.without_author, p.bad_time
        );
        if p.below_min_posts > 0 {
            s += &format!(", {} of accounts under --min-posts", p.below_min_posts);
        }
        s += &format!("\ncalque: {} accounts", self.accounts);
        if !p.examples_left_out.is_empty() {
            s += &format!("; left out, e.g. {}", p.examples_left_out.join(", "));
        }
        s += "\n";
        for (kind, c) in &self.by_type {
            s += &format!(
                "calque: {kind}: {} objects, {} shared by 2+ accounts, {} hubs (over {} accounts)\n",
                c.distinct, c.shared_by_two_or_more, c.hubs, self.hub_limit
            );
        }
        let n = &self.network;
        s += &format!(
            "calque: {} pairs, {} edges, {} kept (weight >= {}{}), {} clusters (largest {} accounts); {} pairs written to {}\n",
            n.pairs_found,
            n.edges_found,
            n.edges_kept,
            self.min_weight,
            n.percentile_weight
                .map_or(String::new(), |q| format!(", > {q} at percentile {}", self.edge_percentile)),
            n.clusters,
            n.largest_cluster,
            n.pairs_written,
            self.output_dir
        );
        s += &format!(
            "calque: {:.2} s ({:.2} s reading), {:.0} posts/s on {} threads\n",
            self.elapsed_seconds, self.read_seconds, self.posts_per_second, self.threads
        );
        s
    }
}

/// What the parallel part finds in one post.
#[derive(Debug, Clone, Copy)]
pub struct PostFacts<'a> {
    /// Milliseconds since the epoch; `None` when the timestamp cannot be read.
    pub time: Option<i64>,
    pub objects: PostObjects<'a>,
}

/// What the parallel part finds in consecutive posts (a chunk), in flat buffers.
#[derive(Debug, Default)]
pub struct ChunkFacts {
    times: Vec<Option<i64>>,
    objects: ChunkObjects,
}

impl ChunkFacts {
    pub fn with_capacity(posts: usize) -> Self {
        ChunkFacts {
            times: Vec::with_capacity(posts),
            objects: ChunkObjects::with_capacity(posts),
        }
    }

    /// Posts added.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// The facts of the `i`-th post added.
    pub fn post(&self, i: usize) -> PostFacts<'_> {
        PostFacts {
            time: self.times[i],
            objects: self.objects.post(i),
        }
    }
}

/// The per-post work, shared by the analysis threads.
#[derive(Debug, Clone)]
pub struct PostExtractor {
    objects: ObjectOptions,
}

impl PostExtractor {
    /// Find what `record` shares, as the chunk's next post.
    pub fn add(&self, chunk: &mut ChunkFacts, record: &Record) {
        let time = crate::timestamp::parse(&record.timestamp).map(|p| p.millis);
        chunk.times.push(time);
        if time.is_none() || record.author.trim().is_empty() {
            chunk.objects.push_empty();
        } else {
            self.objects.extract_into(record, &mut chunk.objects);
        }
    }

    /// The facts of `record` alone, as the only post of a chunk.
    pub fn facts(&self, record: &Record) -> ChunkFacts {
        let mut chunk = ChunkFacts::with_capacity(1);
        self.add(&mut chunk, record);
        chunk
    }
}

/// Collects posts in input order; [`Coordinator::finish`] finds the network and writes it.
pub struct Coordinator {
    options: CoordOptions,
    accounts: Accounts,
    objects: ExternalSorter<ObjectKey>,
    near: ExternalSorter<TimeKey>,
    counts: PostCounts,
    by_type: [u64; 7],
    /// One past the largest input position seen.
    positions: u64,
    payload: Vec<u8>,
}

impl Coordinator {
    pub fn new(options: CoordOptions) -> Self {
        let near_on = options.objects.kinds.has(ObjectKind::NearText);
        let half = options.sort_memory / 2;
        let (object_budget, near_budget) = if near_on {
            (half, half)
        } else {
            (options.sort_memory, 1 << 16)
        };
        Coordinator {
            objects: ExternalSorter::new(object_budget, options.temp_dir.clone()),
            near: ExternalSorter::new(near_budget, options.temp_dir.clone()),
            options,
            accounts: Accounts::default(),
            counts: PostCounts::default(),
            by_type: [0; 7],
            positions: 0,
            payload: Vec::new(),
        }
    }

    pub fn extractor(&self) -> PostExtractor {
        PostExtractor {
            objects: self.options.objects.clone(),
        }
    }

    /// A record that could not be read (it is in the rejects file).
    pub fn add_reject(&mut self, seq: u64, reason: &str) {
        self.counts.records_read += 1;
        self.counts.rejected += 1;
        *self
            .counts
            .rejected_by_reason
            .entry(reason.to_string())
            .or_default() += 1;
        self.positions = self.positions.max(seq + 1);
    }

    /// A post at input position `seq`, with what [`PostExtractor::facts`] found in it.
    pub fn add(
        &mut self,
        seq: u64,
        provenance: &Provenance,
        record: &Record,
        facts: PostFacts<'_>,
    ) -> Result<()> {
        self.counts.records_read += 1;
        self.positions = self.positions.max(seq + 1);
        let author = record.author.trim();
        let left_out = if author.is_empty() {
            self.counts.without_author += 1;
            true
        } else if facts.time.is_none() {
            self.counts.bad_time += 1;
            true
        } else {
            false
        };
        let Some(time) = facts.time.filter(|_| !left_out) else {
            if self.counts.examples_left_out.len() < LEFT_OUT_EXAMPLES {
                self.counts.examples_left_out.push(provenance.to_string());
            }
            return Ok(());
        };
        self.counts.posts_used += 1;
        let account = self.accounts.add_post(author, time);
        let id = record.id.trim();
        let fallback;
        let id = if id.is_empty() {
            fallback = provenance.to_string();
            fallback.as_str()
        } else {
            id
        };
        let objects = facts.objects;
        for object in objects.objects {
            self.by_type[object.kind as usize] += 1;
            self.payload.clear();
            Writer(&mut self.payload)
                .u32(account)
                .u64(object.implied_by)
                .str(objects.shown(object))
                .str(id);
            let key = ObjectKey {
                kind: object.kind as u8,
                key: object.key,
                time,
                seq,
            };
            self.objects.push(key, &self.payload)?;
        }
        if let Some(near) = objects.near() {
            self.by_type[ObjectKind::NearText as usize] += 1;
            self.payload.clear();
            let mut w = Writer(&mut self.payload);
            w.u32(account)
                .u64(near.text_hash)
                .str(near.shown)
                .str(id)
                .u32(near.shingles.len() as u32);
            for s in near.shingles {
                w.u32(*s);
            }
            for b in near.bands {
                w.u64(*b);
            }
            self.near.push(TimeKey { time, seq }, &self.payload)?;
        }
        Ok(())
    }

    /// Find the network and write its files (handed to `set` when complete, committed by the
    /// caller); `summary` gets the counts.
    pub fn finish(
        self,
        files: NetworkFiles,
        set: &mut OutputSet,
        campaigns: Option<CampaignMatcher<'_>>,
        summary: &mut CoordSummary,
    ) -> Result<Network> {
        let o = &self.options;
        let accounts = &self.accounts;
        let eligible: Vec<bool> = accounts.posts.iter().map(|&p| p >= o.min_posts).collect();
        let active = eligible.iter().filter(|e| **e).count();
        self.fill_summary(summary, &eligible);
        let hub_limit = o.hub_limit.unwrap_or_else(|| auto_hub_limit(active));
        summary.hub_limit = hub_limit;
        let ctx = SweepContext {
            window: o.window,
            hub_limit,
            eligible: &eligible,
            active_accounts: active,
            temp_dir: o.temp_dir.clone(),
        };
        let mut runs = (self.objects.runs() + self.near.runs()) as u64;
        let mut pairs = PairSink::new(o.sort_memory, o.temp_dir.clone());
        let mut stats = SweepStats::default();
        {
            let mut sorted = self.objects.finish()?;
            sweep::sweep_objects(&mut sorted, &ctx, &mut pairs, &mut stats)?;
        }
        let mut near_stats = NearStats::default();
        {
            let mut sorted = self.near.finish()?;
            let text_on = o.objects.kinds.has(ObjectKind::Text);
            near::sweep_near(
                &mut sorted,
                &ctx,
                o.similarity,
                text_on,
                &mut pairs,
                &mut near_stats,
            )?;
        }
        for kind in o.objects.kinds.iter() {
            let c = summary
                .by_type
                .entry(kind.as_str().to_string())
                .or_default();
            c.occurrences = self.by_type[kind as usize];
            if kind == ObjectKind::NearText {
                c.distinct = near_stats.posts;
                c.shared_by_two_or_more = near_stats.pairs;
            } else {
                c.distinct = stats.objects[kind as usize];
                c.shared_by_two_or_more = stats.shared[kind as usize];
                c.hubs = stats.hubs[kind as usize];
            }
        }
        summary.top_hubs = stats
            .top_hubs
            .iter()
            .map(|(n, kind, shown)| format!("{}:{shown} ({n})", kind.as_str()))
            .collect();
        summary.near_duplicates_verified = near_stats.verified;
        summary.near_duplicate_posts_cut_short = near_stats.truncated;
        summary.near_duplicate_window_peak_posts = near_stats.max_window_posts as u64;
        summary.objects_spilled_to_disk = stats.spilled_objects;
        runs += pairs.runs() as u64;
        let mut sorted_pairs = pairs.finish()?;
        let network = edges::build_network(
            &mut sorted_pairs,
            &NetworkContext {
                accounts,
                thresholds: o.thresholds,
                positions: self.positions,
                raw_cells: o.raw_cells,
                campaigns,
                temp_dir: o.temp_dir.clone(),
            },
            files,
            set,
        )?;
        summary.sort_runs = runs;
        summary.network = network.summary.clone();
        Ok(network)
    }

    fn fill_summary(&self, summary: &mut CoordSummary, eligible: &[bool]) {
        let o = &self.options;
        summary.types = o.objects.kinds.iter().map(|k| k.as_str().into()).collect();
        summary.window_seconds = o.window.window_ms as f64 / 1000.0;
        summary.min_delay_seconds = o.window.min_delay_ms as f64 / 1000.0;
        summary.fast_window_seconds = o.window.fast_ms.map(|f| f as f64 / 1000.0);
        summary.similarity = o.similarity;
        summary.min_words = o.objects.min_words;
        summary.min_weight = o.thresholds.min_weight;
        summary.edge_percentile = o.thresholds.percentile;
        summary.min_posts = o.min_posts;
        let mut counts = self.counts.clone();
        counts.below_min_posts = self
            .accounts
            .posts
            .iter()
            .zip(eligible)
            .filter(|(_, e)| !**e)
            .map(|(p, _)| u64::from(*p))
            .sum();
        summary.posts = counts;
        summary.accounts = self.accounts.len() as u64;
    }
}

/// Campaign ids whose domain, link, hashtag, phrase or regex indicators fire on an object
/// (its shown form, as a link for `url` and `domain`), for `clusters.csv`'s `campaigns`.
pub fn object_campaigns(
    set: &crate::campaigns::CampaignSet,
    kind: ObjectKind,
    shown: &str,
) -> Vec<String> {
    let text = match kind {
        ObjectKind::Url | ObjectKind::Domain => format!("https://{shown}"),
        ObjectKind::Mention => format!("@{shown}"),
        _ => shown.to_string(),
    };
    let norm = crate::normalize::normalize(&text);
    let mut ids: Vec<String> = set
        .matches(&text, &norm, "und")
        .iter()
        .map(|hit| set.campaign_of(hit.indicator).id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}
