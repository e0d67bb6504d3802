//! Sort-and-sweep over (object, time): the posts sharing one object arrive together, in time
//! order, and a true sliding window pairs each post with the most recent post of every other
//! account at most `window` earlier (and at least `min_delay` earlier). No fixed bins: two
//! posts 50 s apart pair with a 60 s window wherever the minute boundaries fall.
//!
//! **Hub objects.** An object shared by more accounts than the hub limit (a trending hashtag,
//! a viral link) makes no pairs at all: it is counted in the summary with the largest ones
//! named. Below the limit, each of its pairs carries the object's IDF-style weight
//! `ln(A / a)` (A: accounts taking part, a: accounts sharing the object), which the edges
//! add up in their `weighted` column.
//!
//! Memory: the posts of one object are kept until its end (to count its accounts first);
//! past [`GROUP_MEMORY`] bytes they go to a temporary file. The window holds at most one post
//! per account (a newer post of the same account replaces the older), so a post is compared
//! with at most as many posts as accounts share the object, never more than the hub limit.

use super::extsort::{spill_err, Sorted};
use super::objects::ObjectKind;
use super::pairs::{Pair, PairSink, Side};
use super::records::{ObjectKey, Reader, Writer};
use crate::error::Result;
use std::collections::VecDeque;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;

/// Bytes of one object's posts kept in memory before they go to a temporary file.
pub const GROUP_MEMORY: usize = 64 << 20;

/// The time window, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub window_ms: i64,
    pub min_delay_ms: i64,
    /// Pairs at most this far apart are flagged `fast` (CooRTweet's `flag_speed_share`).
    pub fast_ms: Option<i64>,
}

impl Window {
    /// Whether two posts `delta` ms apart pair, and whether fast.
    pub fn admits(&self, delta: i64) -> bool {
        delta >= self.min_delay_ms && delta <= self.window_ms
    }
    pub fn is_fast(&self, delta: i64) -> bool {
        self.fast_ms.is_some_and(|f| delta <= f)
    }
}

/// What the sweeps need to know of the accounts.
pub struct SweepContext<'a> {
    pub window: Window,
    /// Objects shared by more accounts than this are hubs.
    pub hub_limit: usize,
    /// Per account: whether it takes part (`--min-posts`).
    pub eligible: &'a [bool],
    /// Accounts taking part (A in the IDF weight).
    pub active_accounts: usize,
    pub temp_dir: Option<PathBuf>,
}

impl SweepContext<'_> {
    /// The IDF-style weight of an object shared by `accounts` accounts.
    pub fn idf(&self, accounts: usize) -> f32 {
        ((self.active_accounts.max(1) as f64 / accounts.max(1) as f64).ln()).max(0.0) as f32
    }
}

/// Counts per object type, for the summary.
#[derive(Debug, Clone, Default)]
pub struct SweepStats {
    /// Distinct objects.
    pub objects: [u64; 7],
    /// Objects shared by two accounts or more.
    pub shared: [u64; 7],
    /// Objects over the hub limit.
    pub hubs: [u64; 7],
    /// The largest hubs: (accounts, type, object).
    pub top_hubs: Vec<(u64, ObjectKind, String)>,
    /// Objects whose posts went to a temporary file.
    pub spilled_objects: u64,
}

/// How many of the largest hubs the summary names.
const TOP_HUBS: usize = 10;

impl SweepStats {
    fn add_hub(&mut self, accounts: u64, kind: ObjectKind, shown: &str) {
        self.hubs[kind as usize] += 1;
        let smallest = self.top_hubs.last().map_or(0, |h| h.0);
        if self.top_hubs.len() < TOP_HUBS || accounts > smallest {
            self.top_hubs.push((accounts, kind, shown.to_string()));
            self.top_hubs
                .sort_by(|x, y| y.0.cmp(&x.0).then_with(|| (x.1, &x.2).cmp(&(y.1, &y.2))));
            self.top_hubs.truncate(TOP_HUBS);
        }
    }
}

/// The posts of one object, in time order: in memory, then in a temporary file.
struct GroupStore {
    memory: Vec<u8>,
    file: Option<BufWriter<std::fs::File>>,
    dir: Option<PathBuf>,
}

impl GroupStore {
    fn clear(&mut self) {
        self.memory.clear();
        self.file = None;
    }

    fn add(&mut self, entry: &[u8]) -> Result<bool> {
        if let Some(f) = self.file.as_mut() {
            f.write_all(entry).map_err(spill_err)?;
            return Ok(false);
        }
        self.memory.extend_from_slice(entry);
        if self.memory.len() > GROUP_MEMORY {
            let file = match &self.dir {
                Some(d) => tempfile::tempfile_in(d),
                None => tempfile::tempfile(),
            }
            .map_err(spill_err)?;
            let mut w = BufWriter::with_capacity(1 << 20, file);
            w.write_all(&self.memory).map_err(spill_err)?;
            self.memory.clear();
            self.file = Some(w);
            return Ok(true);
        }
        Ok(false)
    }

    fn reader(&mut self) -> Result<Box<dyn Read + '_>> {
        match self.file.take() {
            Some(w) => {
                let mut file = w.into_inner().map_err(|e| spill_err(e.error()))?;
                file.rewind().map_err(spill_err)?;
                Ok(Box::new(BufReader::with_capacity(1 << 20, file)))
            }
            None => Ok(Box::new(&self.memory[..])),
        }
    }
}

/// A post in the window.
struct Entry {
    index: u64,
    time: i64,
    seq: u64,
    account: u32,
    implied_by: u64,
    /// Where its post id starts in the window's arena (counting bytes already dropped).
    id_start: usize,
    id_len: usize,
    live: bool,
}

/// The sliding window over one object's posts: at most one live post per account.
struct ObjectWindow {
    entries: VecDeque<Entry>,
    live: usize,
    ids: Vec<u8>,
    /// Bytes dropped from the front of `ids`.
    ids_base: usize,
    next_index: u64,
}

impl ObjectWindow {
    fn new() -> Self {
        ObjectWindow {
            entries: VecDeque::new(),
            live: 0,
            ids: Vec::new(),
            ids_base: 0,
            next_index: 0,
        }
    }

    fn clear(&mut self) {
        self.entries.clear();
        self.live = 0;
        self.ids.clear();
        self.ids_base = 0;
    }

    fn id(&self, e: &Entry) -> &str {
        let start = e.id_start - self.ids_base;
        std::str::from_utf8(&self.ids[start..start + e.id_len]).expect("ids are strings")
    }

    fn position_of(&self, index: u64) -> Option<usize> {
        self.entries.binary_search_by_key(&index, |e| e.index).ok()
    }
}

/// Sweep every object of `sorted`, pushing its pairs to `pairs`.
pub fn sweep_objects(
    sorted: &mut Sorted<ObjectKey>,
    ctx: &SweepContext<'_>,
    pairs: &mut PairSink,
    stats: &mut SweepStats,
) -> Result<()> {
    let accounts = ctx.eligible.len();
    // Per account: the group it was last counted in (+1), and its live window entry (+1).
    let mut counted_in = vec![0u64; accounts];
    let mut live_entry = vec![0u64; accounts];
    let mut group_number = 0u64;
    let mut store = GroupStore {
        memory: Vec::new(),
        file: None,
        dir: ctx.temp_dir.clone(),
    };
    let mut window = ObjectWindow::new();
    let mut current: Option<(u8, u128)> = None;
    let mut shown = String::new();
    let (mut group_accounts, mut hub) = (0usize, false);
    let mut entry = Vec::new();
    let mut merge = sorted.merge()?;
    loop {
        let next = merge.next_record()?;
        let same = matches!((&next, current), (Some((k, _)), Some(c)) if (k.kind, k.key) == c);
        if !same {
            if let Some((kind, key)) = current {
                let kind = ObjectKind::from_u8(kind).expect("a kind this process wrote");
                stats.objects[kind as usize] += 1;
                if hub {
                    stats.add_hub(group_accounts as u64, kind, &shown);
                } else if group_accounts >= 2 {
                    stats.shared[kind as usize] += 1;
                    let idf = ctx.idf(group_accounts);
                    let mut input = store.reader()?;
                    sweep_group(
                        &mut *input,
                        (kind, key, &shown, idf),
                        ctx,
                        &mut window,
                        &mut live_entry,
                        pairs,
                    )?;
                }
            }
            let Some((k, payload)) = &next else { break };
            current = Some((k.kind, k.key));
            group_number += 1;
            group_accounts = 0;
            hub = false;
            store.clear();
            let mut r = Reader::new(payload);
            r.u32();
            r.u64();
            shown.clear();
            shown.push_str(r.str());
        }
        let Some((k, payload)) = next else { break };
        if hub {
            continue;
        }
        let mut r = Reader::new(payload);
        let account = r.u32();
        let implied_by = r.u64();
        let _shown = r.str_bytes();
        let id = r.str_bytes();
        if !ctx.eligible[account as usize] {
            continue;
        }
        if counted_in[account as usize] != group_number {
            counted_in[account as usize] = group_number;
            group_accounts += 1;
            if group_accounts > ctx.hub_limit {
                hub = true;
                store.clear();
                continue;
            }
        }
        entry.clear();
        Writer(&mut entry)
            .i64(k.time)
            .u64(k.seq)
            .u32(account)
            .u64(implied_by)
            .str_bytes(id);
        if store.add(&entry)? {
            stats.spilled_objects += 1;
        }
    }
    Ok(())
}

/// Read exactly `buf.len()` bytes; false at a clean end.
fn read_or_end(input: &mut dyn Read, buf: &mut [u8]) -> Result<bool> {
    match input.read_exact(buf) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(spill_err(e)),
    }
}

/// Pair the posts of one object (read from `input`, in time order).
fn sweep_group(
    input: &mut dyn Read,
    (kind, key, shown, idf): (ObjectKind, u128, &str, f32),
    ctx: &SweepContext<'_>,
    window: &mut ObjectWindow,
    live_entry: &mut [u64],
    pairs: &mut PairSink,
) -> Result<()> {
    window.clear();
    let mut fixed = [0u8; 8 + 8 + 4 + 8 + 2];
    let mut id = Vec::new();
    let w = ctx.window;
    while read_or_end(input, &mut fixed)? {
        let mut r = Reader::new(&fixed);
        let (time, seq, account, implied_by) = (r.i64(), r.u64(), r.u32(), r.u64());
        id.resize(r.u16() as usize, 0);
        input.read_exact(&mut id).map_err(spill_err)?;

        // Posts more than a window earlier leave.
        while let Some(front) = window.entries.front() {
            if time - front.time <= w.window_ms {
                break;
            }
            let front = window.entries.pop_front().expect("just seen");
            if front.live {
                window.live -= 1;
                live_entry[front.account as usize] = 0;
            }
        }
        if let Some(front) = window.entries.front() {
            // Drop the ids of the posts gone once they are half of the arena.
            let gone = front.id_start - window.ids_base;
            if gone > window.ids.len() / 2 && gone > 4096 {
                window.ids.drain(..gone);
                window.ids_base = front.id_start;
            }
        } else {
            window.ids_base += window.ids.len();
            window.ids.clear();
        }

        for e in window.entries.iter().rev().filter(|e| e.live) {
            if e.account == account {
                continue;
            }
            let delta = time - e.time;
            if !w.admits(delta) {
                continue;
            }
            // Two shares of one domain through the very same link pair on the link.
            if kind == ObjectKind::Domain && implied_by != 0 && e.implied_by == implied_by {
                continue;
            }
            pairs.push(&Pair {
                kind,
                key,
                shown,
                a: Side {
                    account: e.account,
                    seq: e.seq,
                    time: e.time,
                    post: window.id(e),
                },
                b: Side {
                    account,
                    seq,
                    time,
                    post: std::str::from_utf8(&id).expect("ids are strings"),
                },
                similarity: 1.0,
                fast: w.is_fast(delta),
                idf,
            })?;
        }

        // This post replaces the account's previous one in the window.
        let previous = live_entry[account as usize];
        if previous != 0 {
            if let Some(pos) = window.position_of(previous - 1) {
                window.entries[pos].live = false;
                window.live -= 1;
            }
        }
        let index = window.next_index;
        window.next_index += 1;
        let id_start = window.ids_base + window.ids.len();
        window.ids.extend_from_slice(&id);
        window.entries.push_back(Entry {
            index,
            time,
            seq,
            account,
            implied_by,
            id_start,
            id_len: id.len(),
            live: true,
        });
        window.live += 1;
        live_entry[account as usize] = index + 1;
        // Replaced posts are dropped once they outnumber the live ones.
        if window.entries.len() > 2 * window.live + 64 {
            window.entries.retain(|e| e.live);
        }
    }
    // The next group starts with no live post per account.
    for e in &window.entries {
        if e.live {
            live_entry[e.account as usize] = 0;
        }
    }
    Ok(())
}
