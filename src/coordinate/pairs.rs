//! Pairs of posts: what the sweeps find and the edge stage groups by account pair. Every pair
//! is a row of `pairs.csv` if its edge is kept.

use super::extsort::{ExternalSorter, Sorted};
use super::objects::ObjectKind;
use super::records::{PairKey, Reader, Writer};
use crate::error::Result;
use std::path::PathBuf;

/// One side of a pair.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub account: u32,
    pub seq: u64,
    pub time: i64,
    pub post: &'a str,
}

/// Two posts of two accounts sharing one object; `a` is the earlier post.
#[derive(Debug, Clone, Copy)]
pub struct Pair<'a> {
    pub kind: ObjectKind,
    pub key: u128,
    pub shown: &'a str,
    pub a: Side<'a>,
    pub b: Side<'a>,
    /// 1 for exact objects; the Jaccard similarity for `near-text`.
    pub similarity: f32,
    /// Within the fast window.
    pub fast: bool,
    /// The object's IDF-style weight (see `edges`).
    pub idf: f32,
}

const A_IS_LO: u8 = 1;
const FAST: u8 = 2;

/// Collects pairs, sorted by account pair for the edge stage.
pub struct PairSink {
    sorter: ExternalSorter<PairKey>,
    payload: Vec<u8>,
}

impl PairSink {
    pub fn new(budget: usize, dir: Option<PathBuf>) -> Self {
        PairSink {
            sorter: ExternalSorter::new(budget, dir),
            payload: Vec::new(),
        }
    }

    pub fn push(&mut self, pair: &Pair<'_>) -> Result<()> {
        let a_is_lo = pair.a.account < pair.b.account;
        let (lo, hi) = if a_is_lo {
            (pair.a.account, pair.b.account)
        } else {
            (pair.b.account, pair.a.account)
        };
        let key = PairKey {
            lo,
            hi,
            kind: pair.kind as u8,
            key: pair.key,
            time_a: pair.a.time,
            seq_a: pair.a.seq,
            seq_b: pair.b.seq,
        };
        self.payload.clear();
        let flags = if a_is_lo { A_IS_LO } else { 0 } | if pair.fast { FAST } else { 0 };
        Writer(&mut self.payload)
            .i64(pair.b.time)
            .u8(flags)
            .f32(pair.similarity)
            .f32(pair.idf)
            .str(pair.shown)
            .str(pair.a.post)
            .str(pair.b.post);
        self.sorter.push(key, &self.payload)
    }

    pub fn len(&self) -> u64 {
        self.sorter.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorter.is_empty()
    }

    /// Runs spilled so far.
    pub fn runs(&self) -> usize {
        self.sorter.runs()
    }

    pub fn finish(self) -> Result<Sorted<PairKey>> {
        self.sorter.finish()
    }
}

/// A pair read back from the sorted pairs.
pub fn decode<'a>(key: &PairKey, payload: &'a [u8]) -> Pair<'a> {
    let mut r = Reader::new(payload);
    let time_b = r.i64();
    let flags = r.u8();
    let similarity = r.f32();
    let idf = r.f32();
    let shown = r.str();
    let post_a = r.str();
    let post_b = r.str();
    let (account_a, account_b) = if flags & A_IS_LO != 0 {
        (key.lo, key.hi)
    } else {
        (key.hi, key.lo)
    };
    Pair {
        kind: ObjectKind::from_u8(key.kind).expect("a kind this process wrote"),
        key: key.key,
        shown,
        a: Side {
            account: account_a,
            seq: key.seq_a,
            time: key.time_a,
            post: post_a,
        },
        b: Side {
            account: account_b,
            seq: key.seq_b,
            time: time_b,
            post: post_b,
        },
        similarity,
        fast: flags & FAST != 0,
        idf,
    }
}
