//! One account's aggregate: counts, extremes and bounded lists only, never its posts. Adding a
//! post and merging two aggregates commute, so the result does not depend on the order posts
//! arrive in or on how they were split between workers.

use super::Post;
use crate::config::Level;

/// Posts and words of one language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LangTally {
    /// Index into [`super::Accounts`]' language names.
    pub lang: u32,
    pub posts: u64,
    pub words: u64,
}

/// A campaign's matches over an account's posts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CampaignTally {
    pub campaign: u32,
    /// Posts with a score > 0 for this campaign.
    pub posts: u64,
    /// The best of those posts' scores for it.
    pub best: f64,
}

/// One of an account's best-scored posts.
#[derive(Debug, Clone, PartialEq)]
pub struct TopPost {
    /// The score as the report shows it (4 decimals).
    pub shown: f64,
    /// The score as computed (a report's rows have only `shown`).
    pub exact: f64,
    /// Smaller first among equal scores.
    pub order: u64,
    pub reference: Box<str>,
}

/// `score` as the report writes it, read back: a post's score is compared and kept as a
/// report shows it, so that an account aggregated during a scan and one read back from the
/// report of that scan are the same.
pub fn shown(score: f64) -> f64 {
    if score == 0.0 {
        return 0.0;
    }
    let mut s = String::with_capacity(8);
    crate::report::fixed::push_fixed(&mut s, score, 4);
    s.parse().unwrap_or(score)
}

/// Whether `a` ranks before `b`: higher shown score, then higher exact score, then smaller
/// order, then reference. Among rows of equal shown score a report's rank follows the exact
/// score, then the input order: so rank (from a report) and input position (during the
/// scan) order posts alike.
fn ranks_before(a: (f64, f64, u64, &str), b: &TopPost) -> bool {
    b.shown
        .total_cmp(&a.0)
        .then(b.exact.total_cmp(&a.1))
        .then(a.2.cmp(&b.order))
        .then_with(|| a.3.cmp(&b.reference))
        .is_lt()
}

impl TopPost {
    fn before(&self, other: &TopPost) -> bool {
        ranks_before((self.shown, self.exact, self.order, &self.reference), other)
    }
}

/// Put a top list read from elsewhere in rank order and keep its first `limit`.
pub(super) fn normalize_top(top: &mut Vec<TopPost>, limit: usize) {
    top.sort_by(|a, b| {
        if a.before(b) {
            std::cmp::Ordering::Less
        } else if b.before(a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    top.truncate(limit);
}

/// What accounts with some evidence carry besides the counts every account has; most
/// accounts of a batch have none, so it lives behind one pointer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    pub posts_with_interference: u64,
    pub posts_high: u64,
    pub posts_medium: u64,
    pub max_score: f64,
    /// (heuristic index, posts it fired in), by index.
    pub heuristics: Vec<(u32, u64)>,
    /// By campaign index.
    pub campaigns: Vec<CampaignTally>,
    /// (indicator index, posts in which it counted), by index.
    pub indicators: Vec<(u32, u64)>,
    /// The best-scored posts with a score > 0, best first, at most `top_evidence`.
    pub top: Vec<TopPost>,
}

/// Posts and words are those of the languages summed: not stored twice (this struct is most
/// of the memory of a batch of mostly quiet accounts).
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Earliest and latest parsed timestamp (ms since the epoch); `i64::MAX` / `i64::MIN`
    /// while none was parsed.
    pub first_ms: i64,
    pub last_ms: i64,
    /// By language index.
    pub langs: Vec<LangTally>,
    pub evidence: Option<Box<Evidence>>,
}

impl Default for Account {
    fn default() -> Self {
        Account {
            first_ms: i64::MAX,
            last_ms: i64::MIN,
            langs: Vec::new(),
            evidence: None,
        }
    }
}

/// Add `n` to the count of `key` in a vector sorted by key.
fn add_count(counts: &mut Vec<(u32, u64)>, key: u32, n: u64) {
    match counts.binary_search_by_key(&key, |&(k, _)| k) {
        Ok(i) => counts[i].1 += n,
        Err(i) => counts.insert(i, (key, n)),
    }
}

/// Insert `post` into `top` (best first) if it belongs among the first `limit`.
fn offer(top: &mut Vec<TopPost>, post: TopPost, limit: usize) {
    if limit == 0 || (top.len() >= limit && !post.before(&top[top.len() - 1])) {
        return;
    }
    let at = top.partition_point(|t| t.before(&post));
    top.insert(at, post);
    top.truncate(limit);
}

impl Account {
    pub fn posts(&self) -> u64 {
        self.langs.iter().map(|t| t.posts).sum()
    }

    pub fn words(&self) -> u64 {
        self.langs.iter().map(|t| t.words).sum()
    }

    pub(super) fn add(&mut self, post: &Post<'_>, lang: u32, millis: Option<i64>, limit: usize) {
        if let Some(ms) = millis {
            self.first_ms = self.first_ms.min(ms);
            self.last_ms = self.last_ms.max(ms);
        }
        match self.langs.binary_search_by_key(&lang, |t| t.lang) {
            Ok(i) => {
                self.langs[i].posts += 1;
                self.langs[i].words += post.words;
            }
            Err(i) => {
                // Most accounts write in one language: no spare capacity.
                self.langs.reserve_exact(1);
                self.langs.insert(
                    i,
                    LangTally {
                        lang,
                        posts: 1,
                        words: post.words,
                    },
                );
            }
        }
        if post.score <= 0.0
            && post.heuristics.is_empty()
            && post.campaigns.is_empty()
            && post.indicators.is_empty()
        {
            return;
        }
        let score = shown(post.score);
        let e = self.evidence.get_or_insert_with(Default::default);
        e.posts_with_interference += u64::from(!post.heuristics.is_empty());
        e.posts_high += u64::from(post.level == Level::High);
        e.posts_medium += u64::from(post.level == Level::Medium);
        e.max_score = e.max_score.max(score);
        for (k, &h) in post.heuristics.iter().enumerate() {
            // Each heuristic once per post, whatever the input repeats.
            if !post.heuristics[..k].contains(&h) {
                add_count(&mut e.heuristics, h, 1);
            }
        }
        for (k, &i) in post.indicators.iter().enumerate() {
            if !post.indicators[..k].contains(&i) {
                add_count(&mut e.indicators, i, 1);
            }
        }
        for (k, &(c, score)) in post.campaigns.iter().enumerate() {
            let score = shown(score);
            if score <= 0.0 || post.campaigns[..k].iter().any(|&(d, _)| d == c) {
                continue;
            }
            match e.campaigns.binary_search_by_key(&c, |t| t.campaign) {
                Ok(i) => {
                    e.campaigns[i].posts += 1;
                    e.campaigns[i].best = e.campaigns[i].best.max(score);
                }
                Err(i) => e.campaigns.insert(
                    i,
                    CampaignTally {
                        campaign: c,
                        posts: 1,
                        best: score,
                    },
                ),
            }
        }
        if score > 0.0 {
            // The reference is copied only for a post that enters the list.
            let key = (score, post.score, post.order, post.reference);
            let enters = e.top.len() < limit || e.top.last().is_some_and(|l| ranks_before(key, l));
            if enters {
                let candidate = TopPost {
                    shown: score,
                    exact: post.score,
                    order: post.order,
                    reference: post.reference.into(),
                };
                offer(&mut e.top, candidate, limit);
            }
        }
    }

    /// Add `other` (whose language indices are already those of `self`'s collection).
    pub(super) fn merge(&mut self, other: Account, limit: usize) {
        self.first_ms = self.first_ms.min(other.first_ms);
        self.last_ms = self.last_ms.max(other.last_ms);
        for t in other.langs {
            match self.langs.binary_search_by_key(&t.lang, |s| s.lang) {
                Ok(i) => {
                    self.langs[i].posts += t.posts;
                    self.langs[i].words += t.words;
                }
                Err(i) => self.langs.insert(i, t),
            }
        }
        let Some(theirs) = other.evidence else {
            return;
        };
        let Some(mine) = self.evidence.as_mut() else {
            self.evidence = Some(theirs);
            return;
        };
        mine.posts_with_interference += theirs.posts_with_interference;
        mine.posts_high += theirs.posts_high;
        mine.posts_medium += theirs.posts_medium;
        mine.max_score = mine.max_score.max(theirs.max_score);
        for (h, n) in theirs.heuristics {
            add_count(&mut mine.heuristics, h, n);
        }
        for (i, n) in theirs.indicators {
            add_count(&mut mine.indicators, i, n);
        }
        for t in theirs.campaigns {
            match mine
                .campaigns
                .binary_search_by_key(&t.campaign, |s| s.campaign)
            {
                Ok(i) => {
                    mine.campaigns[i].posts += t.posts;
                    mine.campaigns[i].best = mine.campaigns[i].best.max(t.best);
                }
                Err(i) => mine.campaigns.insert(i, t),
            }
        }
        for post in theirs.top {
            offer(&mut mine.top, post, limit);
        }
    }

    /// Bytes this aggregate holds on the heap, for the documented memory per account.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let mut n = self.langs.capacity() * size_of::<LangTally>();
        if let Some(e) = &self.evidence {
            n += size_of::<Evidence>()
                + e.heuristics.capacity() * 16
                + e.indicators.capacity() * 16
                + e.campaigns.capacity() * size_of::<CampaignTally>()
                + e.top.capacity() * size_of::<TopPost>()
                + e.top.iter().map(|t| t.reference.len()).sum::<usize>();
        }
        n
    }
}
