//! Near-duplicate text within the time window: a streaming LSH over the posts in time order.
//!
//! The posts of the window sit in one bucket per band key (see `minhash`); a new post looks
//! up its 16 band keys, and every post found there from another account, within the window,
//! is verified on the exact Jaccard similarity of the two shingle sets. The post pairs with
//! the most recent post of each other account at or above the threshold. Posts leave the
//! buckets as the window slides past them, so memory holds the posts of one window, whatever
//! the length of the input.
//!
//! Two posts with the same text key are `text` copies; when `text` is on they are left to it
//! rather than counted twice. A post verifies at most [`MAX_VERIFIED`] candidates (the most
//! recent first): a template posted by thousands of accounts within one window is a hub, and
//! the summary counts the posts cut short.

use super::extsort::Sorted;
use super::minhash::{jaccard, BANDS};
use super::objects::ObjectKind;
use super::pairs::{Pair, PairSink, Side};
use super::records::{Reader, TimeKey};
use super::sweep::SweepContext;
use crate::error::Result;
use std::collections::{HashMap, VecDeque};

/// Candidates verified per post at most.
pub const MAX_VERIFIED: usize = 1000;

/// Counts for the summary.
#[derive(Debug, Clone, Default)]
pub struct NearStats {
    /// Posts with a signature (long enough texts).
    pub posts: u64,
    /// Candidate pairs verified.
    pub verified: u64,
    /// Verified pairs at or above the threshold, one per post and other account.
    pub pairs: u64,
    /// Posts that had more candidates than [`MAX_VERIFIED`].
    pub truncated: u64,
    /// Most posts in the window at once.
    pub max_window_posts: usize,
}

struct NearEntry {
    time: i64,
    seq: u64,
    account: u32,
    text_hash: u64,
    shown: String,
    id: String,
    shingles: Vec<u32>,
    bands: [u64; BANDS],
}

/// Decode a near-duplicate record's payload (see `Coordinator::add`).
fn decode(key: TimeKey, payload: &[u8]) -> NearEntry {
    let mut r = Reader::new(payload);
    let account = r.u32();
    let text_hash = r.u64();
    let shown = r.str().to_string();
    let id = r.str().to_string();
    let n = r.u32() as usize;
    let shingles = (0..n).map(|_| r.u32()).collect();
    let mut bands = [0u64; BANDS];
    for b in &mut bands {
        *b = r.u64();
    }
    NearEntry {
        time: key.time,
        seq: key.seq,
        account,
        text_hash,
        shown,
        id,
        shingles,
        bands,
    }
}

/// Find the near-duplicate pairs among `sorted` (posts in time order).
pub fn sweep_near(
    sorted: &mut Sorted<TimeKey>,
    ctx: &SweepContext<'_>,
    threshold: f64,
    text_is_on: bool,
    pairs: &mut PairSink,
    stats: &mut NearStats,
) -> Result<()> {
    let w = ctx.window;
    let mut window: VecDeque<NearEntry> = VecDeque::new();
    let mut front_index = 0u64;
    let mut buckets: HashMap<u64, VecDeque<u64>, foldhash::fast::FixedState> =
        HashMap::with_hasher(foldhash::fast::FixedState::with_seed(0x5EED));
    let mut done_for = vec![0u64; ctx.eligible.len()];
    let mut candidates: Vec<u64> = Vec::new();
    let idf = ctx.idf(2);
    let mut merge = sorted.merge()?;
    while let Some((key, payload)) = merge.next_record()? {
        let post = decode(key, payload);
        if !ctx.eligible[post.account as usize] {
            continue;
        }
        stats.posts += 1;
        while let Some(front) = window.front() {
            if post.time - front.time <= w.window_ms {
                break;
            }
            let front = window.pop_front().expect("just seen");
            for band in &front.bands {
                if let Some(bucket) = buckets.get_mut(band) {
                    debug_assert_eq!(bucket.front(), Some(&front_index));
                    bucket.pop_front();
                    if bucket.is_empty() {
                        buckets.remove(band);
                    }
                }
            }
            front_index += 1;
        }
        candidates.clear();
        for band in &post.bands {
            if let Some(bucket) = buckets.get(band) {
                candidates.extend(bucket.iter().copied());
            }
        }
        candidates.sort_unstable_by(|a, b| b.cmp(a));
        candidates.dedup();
        let index = front_index + window.len() as u64;
        let stamp = index + 1;
        let mut verified = 0;
        for &c in &candidates {
            let e = &window[(c - front_index) as usize];
            if e.account == post.account || done_for[e.account as usize] == stamp {
                continue;
            }
            let delta = post.time - e.time;
            if !w.admits(delta) || (text_is_on && e.text_hash == post.text_hash) {
                continue;
            }
            if verified == MAX_VERIFIED {
                stats.truncated += 1;
                break;
            }
            verified += 1;
            let similarity = jaccard(&e.shingles, &post.shingles);
            if similarity < threshold {
                continue;
            }
            done_for[e.account as usize] = stamp;
            let (x, y) = if e.text_hash <= post.text_hash {
                (e.text_hash, post.text_hash)
            } else {
                (post.text_hash, e.text_hash)
            };
            pairs.push(&Pair {
                kind: ObjectKind::NearText,
                key: (u128::from(x) << 64) | u128::from(y),
                shown: &e.shown,
                a: Side {
                    account: e.account,
                    seq: e.seq,
                    time: e.time,
                    post: &e.id,
                },
                b: Side {
                    account: post.account,
                    seq: post.seq,
                    time: post.time,
                    post: &post.id,
                },
                similarity: similarity as f32,
                fast: w.is_fast(delta),
                idf,
            })?;
            stats.pairs += 1;
        }
        stats.verified += verified as u64;
        for band in &post.bands {
            buckets.entry(*band).or_default().push_back(index);
        }
        window.push_back(post);
        stats.max_window_posts = stats.max_window_posts.max(window.len());
    }
    Ok(())
}
