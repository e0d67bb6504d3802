//! From pairs to the network: edges, thresholds, clusters, and every output file.
//!
//! The pairs arrive sorted by account pair, so one pass aggregates each edge: its `weight` is
//! the number of distinct objects the two accounts co-shared (over every type; per type in
//! their own columns), `weighted` adds the objects' IDF-style weights (see `sweep`),
//! `fast_weight` counts the objects co-shared within the fast window, and
//! `edge_symmetry_score` is CooRTweet's: the smaller over the larger of the two accounts'
//! numbers of distinct posts in the edge's pairs (1 when both took part equally, near 0 when
//! one hyperactive account made the edge). Edge summaries go to a temporary file with a
//! histogram of weights, from which the percentile threshold is read. An edge is kept when its
//! weight is at least `min_weight` and, with a percentile p, above the p-quantile of all edge
//! weights (R's default quantile, as CooRTweet). A second pass over the same pairs writes the
//! pairs of the kept edges with their cluster.

use super::accounts::Accounts;
use super::clusters::{number_clusters, ClusterStats, UnionFind};
use super::extsort::{spill_err, Sorted};
use super::objects::ObjectKind;
use super::output::{
    self, decimal, seconds, GraphmlWriter, Table, CLUSTER_COLUMNS, EDGE_COLUMNS, NODE_COLUMNS,
    PAIR_COLUMNS,
};
use super::pairs::{decode, Pair};
use super::records::PairKey;
use crate::error::Result;
use crate::output::{OutputSet, Staged};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;

/// Names the campaigns whose indicators fire on an object (type, shown form).
pub type CampaignMatcher<'a> = &'a (dyn Fn(ObjectKind, &str) -> Vec<String> + Sync);

/// Edge thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub min_weight: u32,
    /// 0 for none, else in (0, 1).
    pub percentile: f64,
}

/// How many objects `top_objects` shows, and members `clusters.csv` lists.
const TOP_OBJECTS: usize = 5;
const LISTED_MEMBERS: usize = 50;

/// One edge, as the first pass finds it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Edge {
    lo: u32,
    hi: u32,
    weight: u32,
    per_kind: [u32; 7],
    weighted: f64,
    fast_weight: u32,
    pairs: u64,
    posts_lo: u32,
    posts_hi: u32,
    first: i64,
    last: i64,
    delta_sum: i64,
}

impl Edge {
    const BYTES: usize = 4 * 3 + 4 * 7 + 8 + 4 + 8 + 4 * 2 + 8 * 3;

    fn symmetry(&self) -> f64 {
        let (a, b) = (
            self.posts_lo.min(self.posts_hi),
            self.posts_lo.max(self.posts_hi),
        );
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }

    fn edge_type(&self) -> String {
        ObjectKind::ALL
            .iter()
            .filter(|k| self.per_kind[**k as usize] > 0)
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join("+")
    }

    fn write(&self, out: &mut impl Write) -> Result<()> {
        let mut b = Vec::with_capacity(Self::BYTES);
        for v in [self.lo, self.hi, self.weight] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        for v in self.per_kind {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&self.weighted.to_le_bytes());
        b.extend_from_slice(&self.fast_weight.to_le_bytes());
        b.extend_from_slice(&self.pairs.to_le_bytes());
        b.extend_from_slice(&self.posts_lo.to_le_bytes());
        b.extend_from_slice(&self.posts_hi.to_le_bytes());
        for v in [self.first, self.last, self.delta_sum] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        out.write_all(&b).map_err(spill_err)
    }

    fn read(input: &mut impl Read) -> Result<Option<Edge>> {
        let mut b = [0u8; Self::BYTES];
        match input.read_exact(&mut b) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(spill_err(e)),
        }
        let mut r = super::records::Reader::new(&b);
        let (lo, hi, weight) = (r.u32(), r.u32(), r.u32());
        let mut per_kind = [0u32; 7];
        for v in &mut per_kind {
            *v = r.u32();
        }
        Ok(Some(Edge {
            lo,
            hi,
            weight,
            per_kind,
            weighted: f64::from_bits(r.u64()),
            fast_weight: r.u32(),
            pairs: r.u64(),
            posts_lo: r.u32(),
            posts_hi: r.u32(),
            first: r.i64(),
            last: r.i64(),
            delta_sum: r.i64(),
        }))
    }
}

/// Builds one edge from its pairs (in `PairKey` order).
#[derive(Default)]
struct EdgeBuilder {
    edge: Edge,
    last_object: Option<(u8, u128)>,
    object_fast: bool,
    posts_lo: Vec<u64>,
    posts_hi: Vec<u64>,
}

impl EdgeBuilder {
    fn start(&mut self, lo: u32, hi: u32) {
        self.edge = Edge {
            lo,
            hi,
            first: i64::MAX,
            last: i64::MIN,
            ..Edge::default()
        };
        self.last_object = None;
        self.posts_lo.clear();
        self.posts_hi.clear();
    }

    fn add(&mut self, key: &PairKey, pair: &Pair<'_>) {
        let e = &mut self.edge;
        if self.last_object != Some((key.kind, key.key)) {
            self.last_object = Some((key.kind, key.key));
            self.object_fast = false;
            e.weight += 1;
            e.per_kind[key.kind as usize] += 1;
            e.weighted += f64::from(pair.idf);
        }
        if pair.fast && !self.object_fast {
            self.object_fast = true;
            e.fast_weight += 1;
        }
        e.pairs += 1;
        let (lo_seq, hi_seq) = if pair.a.account == key.lo {
            (pair.a.seq, pair.b.seq)
        } else {
            (pair.b.seq, pair.a.seq)
        };
        self.posts_lo.push(lo_seq);
        self.posts_hi.push(hi_seq);
        e.first = e.first.min(pair.a.time);
        e.last = e.last.max(pair.b.time);
        e.delta_sum += pair.b.time - pair.a.time;
    }

    fn finish(&mut self) -> Edge {
        for v in [&mut self.posts_lo, &mut self.posts_hi] {
            v.sort_unstable();
            v.dedup();
        }
        self.edge.posts_lo = self.posts_lo.len() as u32;
        self.edge.posts_hi = self.posts_hi.len() as u32;
        std::mem::take(&mut self.edge)
    }
}

/// The p-quantile of the weights in `histogram` (weight → edges), R's type 7.
pub fn quantile(histogram: &BTreeMap<u32, u64>, p: f64) -> f64 {
    let n: u64 = histogram.values().sum();
    if n == 0 {
        return 0.0;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let (lo, frac) = (h.floor() as u64, h - h.floor());
    let nth = |i: u64| -> f64 {
        let mut seen = 0;
        for (w, count) in histogram {
            seen += count;
            if i < seen {
                return f64::from(*w);
            }
        }
        histogram.keys().next_back().map_or(0.0, |w| f64::from(*w))
    };
    let x = nth(lo);
    if frac == 0.0 {
        x
    } else {
        x + frac * (nth(lo + 1) - x)
    }
}

/// What the network stage reports.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct NetworkSummary {
    pub pairs_found: u64,
    pub edges_found: u64,
    /// The weight an edge had to exceed under `--edge-percentile` (absent without one).
    pub percentile_weight: Option<f64>,
    pub edges_kept: u64,
    pub pairs_written: u64,
    pub accounts_in_edges: u64,
    pub clusters: u64,
    pub largest_cluster: u64,
}

/// What a run publishes besides its files.
#[derive(Debug, Clone, Default)]
pub struct Network {
    pub summary: NetworkSummary,
    /// (input position, cluster) of every post in a kept pair, by input position.
    pub post_clusters: Vec<(u64, u32)>,
    /// (account, cluster) of every account in a kept edge, by account name.
    pub account_clusters: Vec<(Box<str>, u32)>,
}

/// Everything the network stage needs besides the pairs.
pub struct NetworkContext<'a> {
    pub accounts: &'a Accounts,
    pub thresholds: Thresholds,
    /// Input positions run below this (for the per-post bit set).
    pub positions: u64,
    pub raw_cells: bool,
    pub campaigns: Option<CampaignMatcher<'a>>,
    pub temp_dir: Option<PathBuf>,
}

/// The staged files the network stage writes.
pub struct NetworkFiles {
    pub pairs: Staged,
    pub edges: Staged,
    pub nodes: Staged,
    pub clusters: Staged,
    pub graphml: Staged,
}

/// Aggregate the sorted pairs into edges, threshold them, cluster, and write every file
/// (each handed to `set` when complete).
pub fn build_network(
    pairs: &mut Sorted<PairKey>,
    ctx: &NetworkContext<'_>,
    files: NetworkFiles,
    set: &mut OutputSet,
) -> Result<Network> {
    let accounts = ctx.accounts;
    let mut summary = NetworkSummary {
        pairs_found: pairs.len(),
        ..NetworkSummary::default()
    };

    // Pass 1: edges to a temporary file, with the histogram of weights.
    let edge_file = match &ctx.temp_dir {
        Some(d) => tempfile::tempfile_in(d),
        None => tempfile::tempfile(),
    }
    .map_err(spill_err)?;
    let mut edge_out = BufWriter::with_capacity(1 << 20, edge_file);
    let mut histogram: BTreeMap<u32, u64> = BTreeMap::new();
    let mut builder = EdgeBuilder::default();
    let mut current: Option<(u32, u32)> = None;
    {
        let mut merge = pairs.merge()?;
        loop {
            let next = merge.next_record()?;
            let same = matches!((&next, current), (Some((k, _)), Some(c)) if (k.lo, k.hi) == c);
            if !same && current.is_some() {
                let edge = builder.finish();
                *histogram.entry(edge.weight).or_default() += 1;
                edge.write(&mut edge_out)?;
                summary.edges_found += 1;
            }
            let Some((key, payload)) = next else { break };
            if !same {
                current = Some((key.lo, key.hi));
                builder.start(key.lo, key.hi);
            }
            builder.add(&key, &decode(&key, payload));
        }
    }
    let mut edge_file = edge_out.into_inner().map_err(|e| spill_err(e.error()))?;

    let threshold = if ctx.thresholds.percentile > 0.0 {
        let q = quantile(&histogram, ctx.thresholds.percentile);
        summary.percentile_weight = Some(q);
        Some(q)
    } else {
        None
    };
    let keep = |e: &Edge| {
        e.weight >= ctx.thresholds.min_weight && threshold.is_none_or(|q| f64::from(e.weight) > q)
    };

    // Pass 1b: the kept edges make the clusters.
    let n = accounts.len();
    let mut uf = UnionFind::new(n);
    let mut degree = vec![0u32; n];
    let mut strength = vec![0f64; n];
    let mut in_edge = vec![false; n];
    edge_file.rewind().map_err(spill_err)?;
    {
        let mut input = BufReader::with_capacity(1 << 20, &mut edge_file);
        while let Some(e) = Edge::read(&mut input)? {
            if !keep(&e) {
                continue;
            }
            summary.edges_kept += 1;
            uf.union(e.lo, e.hi);
            for a in [e.lo, e.hi] {
                degree[a as usize] += 1;
                strength[a as usize] += f64::from(e.weight);
                in_edge[a as usize] = true;
            }
        }
    }
    let (cluster_of, cluster_count) = number_clusters(&mut uf, &in_edge);
    summary.clusters = cluster_count as u64;
    summary.accounts_in_edges = in_edge.iter().filter(|b| **b).count() as u64;
    let mut clusters = vec![ClusterStats::default(); cluster_count];
    for &c in &cluster_of {
        if c > 0 {
            clusters[c as usize - 1].accounts += 1;
        }
    }
    summary.largest_cluster = clusters.first().map_or(0, |c| c.accounts);

    // The nodes: nodes.csv and the graph's nodes.
    let mut nodes = Table::create(files.nodes, NODE_COLUMNS, ctx.raw_cells)?;
    let mut graph = GraphmlWriter::create(files.graphml)?;
    for a in (0..n).filter(|&a| in_edge[a]) {
        let name = accounts.name(a as u32);
        let cluster = cluster_of[a].to_string();
        let (posts, deg, strength) = (
            accounts.posts[a].to_string(),
            degree[a].to_string(),
            decimal(strength[a]),
        );
        nodes.row(&[
            name,
            name,
            &posts,
            &deg,
            &strength,
            &cluster,
            &output::time(accounts.first[a]),
            &output::time(accounts.last[a]),
        ])?;
        graph.node(name, &[name.to_string(), posts, deg, strength, cluster])?;
    }

    // Pass 2: the kept edges' pairs, in the same order as pass 1.
    let mut edges = Table::create(files.edges, EDGE_COLUMNS, ctx.raw_cells)?;
    let mut pair_rows = Table::create(files.pairs, PAIR_COLUMNS, ctx.raw_cells)?;
    let mut post_seen = vec![0u64; ctx.positions.div_ceil(64) as usize];
    let mut post_clusters = Vec::new();
    edge_file.rewind().map_err(spill_err)?;
    let mut edge_input = BufReader::with_capacity(1 << 20, &mut edge_file);
    let mut edge: Option<Edge> = None;
    let mut merge = pairs.merge()?;
    while let Some((key, payload)) = merge.next_record()? {
        if edge
            .as_ref()
            .is_none_or(|e| (e.lo, e.hi) != (key.lo, key.hi))
        {
            let e = Edge::read(&mut edge_input)?
                .ok_or_else(|| spill_err("the edge file ends before the pairs"))?;
            debug_assert_eq!((e.lo, e.hi), (key.lo, key.hi));
            if keep(&e) {
                let c = cluster_of[e.lo as usize];
                clusters[c as usize - 1].edges += 1;
                write_edge(&e, c, accounts, &mut edges, &mut graph)?;
            }
            edge = Some(e);
        }
        let e = edge.as_ref().expect("just read");
        if !keep(e) {
            continue;
        }
        let c = cluster_of[e.lo as usize];
        let pair = decode(&key, payload);
        let stats = &mut clusters[c as usize - 1];
        stats.add_pair(pair.kind, pair.key, pair.shown, pair.a.time, pair.b.time);
        for seq in [pair.a.seq, pair.b.seq] {
            let (word, bit) = ((seq / 64) as usize, 1u64 << (seq % 64));
            if post_seen[word] & bit == 0 {
                post_seen[word] |= bit;
                stats.posts += 1;
                post_clusters.push((seq, c));
            }
        }
        let delta = pair.b.time - pair.a.time;
        pair_rows.row(&[
            pair.kind.as_str(),
            pair.shown,
            accounts.name(pair.a.account),
            pair.a.post,
            &output::time(pair.a.time),
            accounts.name(pair.b.account),
            pair.b.post,
            &output::time(pair.b.time),
            &seconds(delta),
            &decimal(f64::from(pair.similarity)),
            if pair.fast { "1" } else { "0" },
            &c.to_string(),
        ])?;
    }
    drop(merge);
    summary.pairs_written = pair_rows.rows;
    post_clusters.sort_unstable();

    // clusters.csv.
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); cluster_count];
    for a in 0..n {
        if cluster_of[a] > 0 {
            members[cluster_of[a] as usize - 1].push(a as u32);
        }
    }
    let mut table = Table::create(files.clusters, CLUSTER_COLUMNS, ctx.raw_cells)?;
    for (i, stats) in clusters.iter().enumerate() {
        let list = &mut members[i];
        list.sort_by(|a, b| degree[*b as usize].cmp(&degree[*a as usize]).then(a.cmp(b)));
        let mut names: Vec<&str> = list
            .iter()
            .take(LISTED_MEMBERS)
            .map(|a| accounts.name(*a))
            .collect();
        if list.len() > LISTED_MEMBERS {
            names.push("…");
        }
        let (first, last) = (stats.first.unwrap_or(0), stats.last.unwrap_or(0));
        table.row(&[
            (i + 1).to_string(),
            stats.accounts.to_string(),
            stats.edges.to_string(),
            stats.pairs.to_string(),
            stats.posts.to_string(),
            stats.objects.len().to_string(),
            output::time(first),
            output::time(last),
            seconds(last - first),
            stats.top_objects(TOP_OBJECTS),
            campaigns_of(stats, ctx.campaigns),
            names.join(" "),
        ])?;
    }
    nodes.finish(set)?;
    edges.finish(set)?;
    pair_rows.finish(set)?;
    table.finish(set)?;
    graph.finish(set)?;
    let mut account_clusters: Vec<(Box<str>, u32)> = (0..n)
        .filter(|&a| cluster_of[a] > 0)
        .map(|a| (accounts.name(a as u32).into(), cluster_of[a]))
        .collect();
    account_clusters.sort_unstable();
    Ok(Network {
        summary,
        post_clusters,
        account_clusters,
    })
}

fn write_edge(
    e: &Edge,
    cluster: u32,
    accounts: &Accounts,
    edges: &mut Table,
    graph: &mut GraphmlWriter,
) -> Result<()> {
    let (source, target) = (accounts.name(e.lo), accounts.name(e.hi));
    let weight = e.weight.to_string();
    let edge_type = e.edge_type();
    let weighted = decimal(e.weighted);
    let fast = e.fast_weight.to_string();
    let pairs = e.pairs.to_string();
    let symmetry = decimal(e.symmetry());
    let cluster = cluster.to_string();
    let mean_delta = decimal(e.delta_sum as f64 / e.pairs.max(1) as f64 / 1000.0);
    let mut row: Vec<String> = vec![
        source.into(),
        target.into(),
        weight.clone(),
        edge_type.clone(),
        weighted.clone(),
        fast.clone(),
        pairs.clone(),
        e.posts_lo.to_string(),
        e.posts_hi.to_string(),
        symmetry.clone(),
        output::time(e.first),
        output::time(e.last),
        mean_delta,
        cluster.clone(),
    ];
    row.extend(e.per_kind.iter().map(u32::to_string));
    edges.row(&row)?;
    graph.edge(
        source,
        target,
        &[weight, edge_type, weighted, fast, pairs, symmetry, cluster],
    )
}

/// `campaign (objects)` for every campaign whose indicators fire on one of the cluster's
/// objects, most objects first.
fn campaigns_of(stats: &ClusterStats, matcher: Option<CampaignMatcher<'_>>) -> String {
    let Some(matcher) = matcher else {
        return String::new();
    };
    let mut counts: HashMap<String, u64> = HashMap::new();
    for ((kind, _), (_, shown)) in &stats.objects {
        for campaign in matcher(*kind, shown) {
            *counts.entry(campaign).or_default() += 1;
        }
    }
    let mut all: Vec<(String, u64)> = counts.into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    all.iter()
        .map(|(c, n)| format!("{c} ({n})"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_is_r_type_7() {
        // Weights 1,1,1,2,5: R's quantile(c(1,1,1,2,5), 0.5) = 1, 0.9 = 3.8, 0.75 = 2.
        let h: BTreeMap<u32, u64> = [(1, 3), (2, 1), (5, 1)].into();
        assert_eq!(quantile(&h, 0.5), 1.0);
        assert!((quantile(&h, 0.9) - 3.8).abs() < 1e-9);
        assert_eq!(quantile(&h, 0.75), 2.0);
        assert_eq!(quantile(&h, 1.0), 5.0);
        assert_eq!(quantile(&BTreeMap::new(), 0.5), 0.0);
    }

    #[test]
    fn edges_round_trip_through_their_file() {
        let e = Edge {
            lo: 1,
            hi: 9,
            weight: 3,
            per_kind: [1, 0, 1, 0, 1, 0, 0],
            weighted: 2.5,
            fast_weight: 1,
            pairs: 4,
            posts_lo: 2,
            posts_hi: 3,
            first: -5,
            last: 77,
            delta_sum: 1200,
        };
        let mut bytes = Vec::new();
        e.write(&mut bytes).unwrap();
        assert_eq!(bytes.len(), Edge::BYTES);
        assert_eq!(Edge::read(&mut &bytes[..]).unwrap(), Some(e.clone()));
        assert_eq!(e.edge_type(), "text+url+hashtag");
        assert!((e.symmetry() - 2.0 / 3.0).abs() < 1e-12);
    }
}
