//! What `calque scan --accounts` keeps of each analysed item: the few facts the rollup needs,
//! for a chunk of items in flat buffers (no allocation per item once the buffers have grown),
//! so that the analysis threads can drop the item's `Analysis` and the accounts sink can fold
//! the chunk in input order.

use super::Post;
use crate::analyze::Analysis;
use crate::config::Level;
use crate::record::{Provenance, Record};

/// One item's facts; its lists are ranges of the chunk's buffers.
#[derive(Debug, Clone, Copy)]
struct Facts {
    lang: &'static str,
    words: u64,
    score: f64,
    level: Level,
    heuristics_end: u32,
    campaigns_end: u32,
    indicators_end: u32,
}

/// The facts of consecutive items of a scan.
#[derive(Debug, Default)]
pub struct ChunkFacts {
    items: Vec<Facts>,
    heuristics: Vec<u32>,
    campaigns: Vec<(u32, f64)>,
    indicators: Vec<u32>,
}

impl ChunkFacts {
    /// Room for `items` items with a few hits each.
    pub fn with_capacity(items: usize) -> Self {
        ChunkFacts {
            items: Vec::with_capacity(items),
            heuristics: Vec::with_capacity(items / 4),
            campaigns: Vec::new(),
            indicators: Vec::new(),
        }
    }

    pub fn clear(&mut self) {
        self.items.clear();
        self.heuristics.clear();
        self.campaigns.clear();
        self.indicators.clear();
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Keep what the rollup needs of the next item's analysis.
    pub fn push(&mut self, a: &Analysis) {
        self.heuristics
            .extend(a.heuristic_hits.iter().map(|h| h.heuristic as u32));
        for c in &a.campaigns {
            self.campaigns.push((c.campaign as u32, c.score));
            self.indicators.extend(
                c.counted
                    .iter()
                    .map(|&k| a.indicator_hits[k].indicator as u32),
            );
        }
        self.items.push(Facts {
            lang: a.lang.code,
            words: a.tokens as u64,
            score: a.score,
            level: a.level,
            heuristics_end: self.heuristics.len() as u32,
            campaigns_end: self.campaigns.len() as u32,
            indicators_end: self.indicators.len() as u32,
        });
    }

    /// The post of item `i` of the chunk, read from `record` at `provenance`, `seq`-th in the
    /// scan's input. `scratch` holds the reference `source:line` of a post without an id.
    pub fn post<'a>(
        &'a self,
        i: usize,
        seq: u64,
        provenance: &Provenance,
        record: &'a Record,
        scratch: &'a mut String,
    ) -> Post<'a> {
        let f = &self.items[i];
        let (h0, c0, i0) = match i.checked_sub(1).map(|p| &self.items[p]) {
            Some(p) => (p.heuristics_end, p.campaigns_end, p.indicators_end),
            None => (0, 0, 0),
        };
        let reference: &str = if record.id.is_empty() {
            scratch.clear();
            scratch.push_str(&provenance.source);
            scratch.push(':');
            crate::report::fixed::push_uint(scratch, provenance.line);
            scratch
        } else {
            &record.id
        };
        Post {
            platform: &record.platform,
            author: &record.author,
            reference,
            timestamp: &record.timestamp,
            lang: f.lang,
            words: f.words,
            score: f.score,
            order: seq,
            level: f.level,
            heuristics: &self.heuristics[h0 as usize..f.heuristics_end as usize],
            campaigns: &self.campaigns[c0 as usize..f.campaigns_end as usize],
            indicators: &self.indicators[i0 as usize..f.indicators_end as usize],
        }
    }
}
