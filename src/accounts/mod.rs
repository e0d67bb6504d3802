//! Accounts: posts rolled up to the people and channels behind them, with an account-level
//! interference test and campaign evidence (`docs/scoring.md`, "Accounts"; the table is
//! documented in `docs/report-schema.md`).
//!
//! The rollup streams: [`Accounts::add`] folds one post into its account's aggregate
//! ([`account::Account`]: counts, extremes, bounded top lists) and keeps nothing else of it.
//! Aggregates of parts of a stream [`Accounts::merge`] exactly into the aggregate of the whole,
//! whatever the split. [`table::build`] turns the aggregates into ranked rows: the Poisson test
//! of each account's interference hits against the native base rate, Benjamini–Hochberg across
//! the batch, campaign evidence and the level.
//!
//! Posts come from `calque scan` (the accounts sink) or from an existing report
//! ([`report_input`]); both give the same table.

pub mod account;
pub mod config;
pub mod evaluate;
pub mod extract;
pub mod fit;
pub mod partial;
pub mod report_input;
pub mod statistic;
pub mod table;
pub mod vocab;

#[cfg(test)]
mod tests;

use crate::config::Level;
use account::Account;
use serde::Serialize;
use std::collections::HashMap;

pub use config::AccountsConfig;
pub use vocab::Vocabulary;

/// Version of the accounts table's schema, independent of the report's.
pub const SCHEMA_VERSION: &str = "2";

/// What one post contributes to its account. Indices are those of the [`Vocabulary`].
#[derive(Debug, Clone, Copy)]
pub struct Post<'a> {
    pub platform: &'a str,
    /// Empty for a post without an author: such posts are counted under the empty account.
    pub author: &'a str,
    /// How evidence lists name the post: its id, else its source `file:line`.
    pub reference: &'a str,
    /// As given; parsed with [`crate::timestamp::parse`].
    pub timestamp: &'a str,
    pub lang: &'a str,
    pub words: u64,
    /// The overall score, exact (scan) or as the report shows it.
    pub score: f64,
    /// Rank among posts of equal score, smaller first: the input position in a scan, the rank
    /// in a report (the report ranks by exact score, then input position).
    pub order: u64,
    pub level: Level,
    /// Heuristics that fired.
    pub heuristics: &'a [u32],
    /// Campaigns with a score > 0 on the post, with that score.
    pub campaigns: &'a [(u32, f64)],
    /// Indicators that counted towards a campaign score (any campaign).
    pub indicators: &'a [u32],
}

/// A post that owns its fields, reused from post to post (reading a report; tests).
#[derive(Debug, Clone)]
pub struct OwnedPost {
    pub platform: String,
    pub author: String,
    pub reference: String,
    pub timestamp: String,
    pub lang: String,
    pub words: u64,
    pub score: f64,
    pub order: u64,
    pub level: Level,
    pub heuristics: Vec<u32>,
    pub campaigns: Vec<(u32, f64)>,
    pub indicators: Vec<u32>,
}

impl Default for OwnedPost {
    fn default() -> Self {
        OwnedPost {
            platform: String::new(),
            author: String::new(),
            reference: String::new(),
            timestamp: String::new(),
            lang: String::new(),
            words: 0,
            score: 0.0,
            order: 0,
            level: Level::Low,
            heuristics: Vec::new(),
            campaigns: Vec::new(),
            indicators: Vec::new(),
        }
    }
}

impl OwnedPost {
    pub fn post(&self) -> Post<'_> {
        Post {
            platform: &self.platform,
            author: &self.author,
            reference: &self.reference,
            timestamp: &self.timestamp,
            lang: &self.lang,
            words: self.words,
            score: self.score,
            order: self.order,
            level: self.level,
            heuristics: &self.heuristics,
            campaigns: &self.campaigns,
            indicators: &self.indicators,
        }
    }
}

/// Counts over every post, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    pub posts: u64,
    pub posts_without_author: u64,
    pub timestamps_missing: u64,
    pub timestamps_unparseable: u64,
    /// Parsed timestamps without a zone, read as UTC.
    pub timestamps_without_zone: u64,
}

impl Totals {
    fn merge(&mut self, other: &Totals) {
        self.posts += other.posts;
        self.posts_without_author += other.posts_without_author;
        self.timestamps_missing += other.timestamps_missing;
        self.timestamps_unparseable += other.timestamps_unparseable;
        self.timestamps_without_zone += other.timestamps_without_zone;
    }
}

/// Hashes are seeded with a constant: the map's layout (and so its memory) is the same run to
/// run. Order never leaks into outputs, which are sorted.
type Map<V> = HashMap<Box<str>, V, foldhash::fast::FixedState>;

/// The aggregates of every account seen, keyed by (platform, account).
#[derive(Debug, Clone)]
pub struct Accounts {
    accounts: Map<Account>,
    /// Language codes, interned: aggregates refer to them by index.
    langs: Vec<Box<str>>,
    lang_index: Map<u32>,
    pub totals: Totals,
    top_evidence: usize,
    /// Reused to build keys without allocating for accounts already seen.
    key: String,
    /// Coordination cluster per trimmed author (whatever the platform, as coordination pairs
    /// accounts): from `scan --coordination`, or from a report's `cluster` column.
    clusters: Map<u32>,
}

/// The map key of (platform, account): the platform's length, `:`, platform, account. The
/// length makes it unambiguous whatever characters the names hold.
fn encode_key(out: &mut String, platform: &str, account: &str) {
    out.clear();
    crate::report::fixed::push_uint(out, platform.len() as u64);
    out.push(':');
    out.push_str(platform);
    out.push_str(account);
}

/// (platform, account) of a key made by [`encode_key`].
pub fn decode_key(key: &str) -> (&str, &str) {
    let (len, rest) = key.split_once(':').expect("keys hold a length");
    rest.split_at(len.parse().expect("keys hold a length"))
}

impl Accounts {
    /// `top_evidence`: ids of this many best-scored posts are kept per account.
    pub fn new(top_evidence: usize) -> Self {
        Accounts {
            accounts: Map::default(),
            langs: Vec::new(),
            lang_index: Map::default(),
            totals: Totals::default(),
            top_evidence,
            key: String::new(),
            clusters: Map::default(),
        }
    }

    /// Record that `author`'s posts are in coordination cluster `cluster`. An author given two
    /// clusters (reports of different scans) keeps the smaller number.
    pub fn set_cluster(&mut self, author: &str, cluster: u32) {
        let author = author.trim();
        match self.clusters.get_mut(author) {
            Some(c) => *c = (*c).min(cluster),
            None => {
                self.clusters.insert(author.into(), cluster);
            }
        }
    }

    /// The coordination cluster of `author`'s posts, if any.
    pub fn cluster_of(&self, author: &str) -> Option<u32> {
        self.clusters.get(author.trim()).copied()
    }

    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    fn intern_lang(&mut self, lang: &str) -> u32 {
        if let Some(&i) = self.lang_index.get(lang) {
            return i;
        }
        let i = self.langs.len() as u32;
        self.langs.push(lang.into());
        self.lang_index.insert(lang.into(), i);
        i
    }

    pub fn lang_name(&self, index: u32) -> &str {
        &self.langs[index as usize]
    }

    /// Fold one post into its account.
    pub fn add(&mut self, post: &Post<'_>) {
        self.totals.posts += 1;
        if post.author.is_empty() {
            self.totals.posts_without_author += 1;
        }
        let millis = if post.timestamp.trim().is_empty() {
            self.totals.timestamps_missing += 1;
            None
        } else {
            match crate::timestamp::parse(post.timestamp) {
                Some(t) => {
                    self.totals.timestamps_without_zone += u64::from(!t.zoned);
                    Some(t.millis)
                }
                None => {
                    self.totals.timestamps_unparseable += 1;
                    None
                }
            }
        };
        let lang = self.intern_lang(post.lang);
        let mut key = std::mem::take(&mut self.key);
        encode_key(&mut key, post.platform, post.author);
        let limit = self.top_evidence;
        match self.accounts.get_mut(key.as_str()) {
            Some(account) => account.add(post, lang, millis, limit),
            None => {
                let mut account = Account::default();
                account.add(post, lang, millis, limit);
                self.accounts.insert(key.as_str().into(), account);
            }
        }
        self.key = key;
    }

    /// Fold `other`'s aggregates into these: the result equals the aggregate of both streams.
    pub fn merge(&mut self, other: Accounts) {
        let remap: Vec<u32> = other.langs.iter().map(|l| self.intern_lang(l)).collect();
        for (author, cluster) in &other.clusters {
            self.set_cluster(author, *cluster);
        }
        self.totals.merge(&other.totals);
        let limit = self.top_evidence;
        for (key, mut account) in other.accounts {
            for t in &mut account.langs {
                t.lang = remap[t.lang as usize];
            }
            account.langs.sort_by_key(|t| t.lang);
            match self.accounts.get_mut(&key) {
                Some(mine) => mine.merge(account, limit),
                None => {
                    if let Some(e) = account.evidence.as_mut() {
                        e.top.truncate(limit);
                    }
                    self.accounts.insert(key, account);
                }
            }
        }
    }

    /// Every (key, aggregate), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Account)> {
        self.accounts.iter().map(|(k, a)| (&**k, a))
    }

    /// Heap bytes held per account on average (keys, aggregates, map slots), for
    /// docs/PERFORMANCE.md.
    pub fn bytes_per_account(&self) -> f64 {
        if self.accounts.is_empty() {
            return 0.0;
        }
        let slot = std::mem::size_of::<(Box<str>, Account)>() + 1;
        let held: usize = self
            .accounts
            .iter()
            .map(|(k, a)| k.len() + a.heap_bytes())
            .sum::<usize>()
            + self.accounts.capacity() * slot;
        held as f64 / self.accounts.len() as f64
    }
}
