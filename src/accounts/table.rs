//! From aggregates to the ranked accounts table: the interference test, Benjamini–Hochberg
//! across the batch, campaign evidence, the level, and the CSV / JSON Lines writers. Every
//! formula is mirrored in `docs/scoring.md` ("Accounts"), every column in
//! `docs/report-schema.md` ("Accounts table").

use super::account::Account;
use super::statistic::{benjamini_hochberg, poisson_upper_tail};
use super::{decode_key, Accounts, Totals, Vocabulary};
use crate::error::{Fatal, Result};
use crate::report::cells::neutralize;
use crate::report::encode::ReportFormat;
use crate::report::fixed::{push_fixed, push_uint};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The table's columns, in order.
pub const COLUMNS: &[&str] = &[
    "rank",
    "level",
    "score",
    "platform",
    "account",
    "posts",
    "words",
    "tested_words",
    "first_seen",
    "last_seen",
    "languages",
    "posts_with_interference",
    "interference_hits",
    "hits_per_1k_words",
    "expected_hits",
    "interference_p",
    "interference_q",
    "distinct_heuristics",
    "top_heuristics",
    "campaign",
    "campaign_score",
    "campaign_posts",
    "campaign_share",
    "campaign_indicators",
    "campaigns",
    "max_post_score",
    "posts_high",
    "posts_medium",
    "evidence_posts",
    "cluster",
];

/// Columns written as JSON numbers in JSON Lines (when not empty).
const NUMERIC: &[&str] = &[
    "rank",
    "score",
    "posts",
    "words",
    "tested_words",
    "posts_with_interference",
    "interference_hits",
    "hits_per_1k_words",
    "expected_hits",
    "interference_p",
    "interference_q",
    "distinct_heuristics",
    "campaign_score",
    "campaign_posts",
    "campaign_share",
    "max_post_score",
    "posts_high",
    "posts_medium",
    "cluster",
];

/// Heuristic codes listed per account, most frequent first.
const TOP_HEURISTICS: usize = 5;
/// Languages listed per account, most posts first.
const TOP_LANGUAGES: usize = 3;

/// An account's level. Ranked in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountLevel {
    High,
    Medium,
    Low,
    Insufficient,
}

impl AccountLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountLevel::High => "high",
            AccountLevel::Medium => "medium",
            AccountLevel::Low => "low",
            AccountLevel::Insufficient => "insufficient",
        }
    }
}

/// One account's row, before formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub level: AccountLevel,
    pub score: f64,
    pub platform: String,
    pub account: String,
    pub posts: u64,
    pub words: u64,
    /// Words in the languages the heuristics cover: the test's exposure.
    pub tested_words: u64,
    pub first_ms: Option<i64>,
    pub last_ms: Option<i64>,
    /// (language, share of posts), most posts first.
    pub languages: Vec<(String, f64)>,
    pub posts_with_interference: u64,
    pub interference_hits: u64,
    pub expected_hits: f64,
    pub p: f64,
    /// Benjamini–Hochberg adjusted p-value; `None` for an account not tested (too few words
    /// or posts).
    pub q: Option<f64>,
    /// (code, posts), most posts first.
    pub heuristics: Vec<(&'static str, u64)>,
    pub campaign: Option<CampaignEvidence>,
    /// Every campaign with a match: (id, posts, best post score, account campaign score),
    /// best account score first.
    pub campaigns: Vec<(String, u64, f64, f64)>,
    pub max_post_score: f64,
    pub posts_high: u64,
    pub posts_medium: u64,
    pub evidence_posts: Vec<String>,
    /// The coordination cluster of the account's posts (`scan --coordination`).
    pub cluster: Option<u32>,
}

/// The best campaign of an account.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignEvidence {
    pub id: String,
    pub score: f64,
    pub posts: u64,
    /// Distinct indicators with the posts they counted in, most posts first.
    pub indicators: Vec<(String, u64)>,
}

/// Counts for the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TableSummary {
    pub accounts_schema_version: String,
    pub accounts: u64,
    pub accounts_tested: u64,
    pub by_level: BTreeMap<String, u64>,
    #[serde(flatten)]
    pub totals: Totals,
    /// `lang/family` pairs whose heuristics had no measured base rate and took the language's
    /// highest (rerun `scripts/base-rates.sh`).
    pub base_rate_fallbacks: Vec<String>,
}

/// The summary as lines for stderr (levels in rank order).
pub fn render_summary(s: &TableSummary) -> String {
    let levels: Vec<String> = [
        AccountLevel::High,
        AccountLevel::Medium,
        AccountLevel::Low,
        AccountLevel::Insufficient,
    ]
    .iter()
    .map(|l| {
        format!(
            "{} {}",
            l.as_str(),
            s.by_level.get(l.as_str()).unwrap_or(&0)
        )
    })
    .collect();
    let t = &s.totals;
    let mut out = format!(
        "calque: accounts: {} ({} tested): {}\n",
        s.accounts,
        s.accounts_tested,
        levels.join(", ")
    );
    out += &format!(
        "calque: accounts: posts without author {}; timestamps missing {}, unparseable {}, without zone {}\n",
        t.posts_without_author, t.timestamps_missing, t.timestamps_unparseable, t.timestamps_without_zone
    );
    if !s.base_rate_fallbacks.is_empty() {
        out += &format!(
            "calque: warning: no native base rate for {} (took the language's highest; rerun scripts/base-rates.sh)\n",
            s.base_rate_fallbacks.join(", ")
        );
    }
    out
}

/// The account-level score of one campaign: the noisy-OR of the weights of the distinct
/// indicators matched, an indicator matched in n posts counting sqrt(min(n, max_repeats))
/// times.
fn campaign_score(weights_and_posts: impl Iterator<Item = (f64, u64)>, max_repeats: u64) -> f64 {
    let miss = weights_and_posts.fold(1.0, |miss: f64, (w, n)| {
        let times = (n.min(max_repeats) as f64).sqrt();
        miss * (1.0 - w.clamp(0.0, 1.0)).powf(times)
    });
    1.0 - miss
}

/// What the level and the ranking need of one account: numbers only, no allocation.
#[derive(Debug, Clone, Copy)]
struct Decision {
    expected: f64,
    tested_words: u64,
    hits: u64,
    p: f64,
    tested: bool,
    posts_with_interference: u64,
    distinct_heuristics: u64,
    campaign_score: f64,
}

/// The account-level score of campaign `c` over the account's indicators `(index, posts)`.
fn campaign_score_of(vocab: &Vocabulary, indicators: &[(u32, u64)], c: u32) -> f64 {
    campaign_score(
        indicators
            .iter()
            .filter(|&&(i, _)| vocab.indicators[i as usize].campaign == c as usize)
            .map(|&(i, n)| (vocab.indicators[i as usize].weight, n)),
        vocab.config.accounts.campaign_max_repeats,
    )
}

fn decide(vocab: &Vocabulary, accounts: &Accounts, a: &Account) -> Decision {
    let cfg = &vocab.config.accounts;
    let mut expected = 0.0;
    let mut tested_words = 0;
    for t in &a.langs {
        let rate = vocab.rate(accounts.lang_name(t.lang));
        if rate > 0.0 {
            expected += t.words as f64 * rate;
            tested_words += t.words;
        }
    }
    let (mut hits, mut posts_with_interference, mut distinct, mut campaign) = (0, 0, 0, 0.0f64);
    if let Some(e) = &a.evidence {
        hits = e.heuristics.iter().map(|&(_, n)| n).sum();
        posts_with_interference = e.posts_with_interference;
        distinct = e.heuristics.len() as u64;
        for c in &e.campaigns {
            campaign = campaign.max(campaign_score_of(vocab, &e.indicators, c.campaign));
        }
    }
    Decision {
        expected,
        tested_words,
        hits,
        p: poisson_upper_tail(hits, expected),
        tested: tested_words >= cfg.min_words && a.posts() >= cfg.min_posts,
        posts_with_interference,
        distinct_heuristics: distinct,
        campaign_score: campaign,
    }
}

/// The level rule (docs/scoring.md, "Accounts").
fn level(d: &Decision, q: Option<f64>, vocab: &Vocabulary) -> AccountLevel {
    let cfg = &vocab.config.accounts;
    let interference_medium = q.is_some_and(|q| q <= cfg.fdr_medium)
        && d.posts_with_interference >= cfg.min_posts_with_interference;
    let interference_high = interference_medium
        && q.is_some_and(|q| q <= cfg.fdr_high)
        && d.distinct_heuristics >= cfg.high_min_distinct_heuristics;
    if interference_high || d.campaign_score >= vocab.config.score.high {
        AccountLevel::High
    } else if interference_medium || d.campaign_score >= vocab.config.score.medium {
        AccountLevel::Medium
    } else if d.tested {
        AccountLevel::Low
    } else {
        AccountLevel::Insufficient
    }
}

/// One account's place in the ranking: what sorts it, and where its aggregate is (56 bytes:
/// the rest is recomputed from the aggregate when the row is written).
#[derive(Debug, Clone, Copy)]
struct Ranked<'a> {
    key: &'a str,
    account: &'a Account,
    p: f64,
    score: f64,
    /// Benjamini–Hochberg adjusted p-value; NaN for an account not tested.
    q: f64,
    level: AccountLevel,
}

impl Ranked<'_> {
    fn q(&self) -> Option<f64> {
        (!self.q.is_nan()).then_some(self.q)
    }
}

/// The ranked table of a set of aggregates. It holds a few dozen bytes per account; the rows,
/// with their text, are built one at a time as they are written ([`Table::rows`]).
pub struct Table<'a> {
    vocab: &'a Vocabulary,
    accounts: &'a Accounts,
    ranked: Vec<Ranked<'a>>,
    pub summary: TableSummary,
}

/// Rank the accounts: level (high, medium, low, insufficient), then score, then p-value, then
/// posts, then platform and account.
pub fn build<'a>(accounts: &'a Accounts, vocab: &'a Vocabulary) -> Table<'a> {
    let by_name = |x: &Ranked, y: &Ranked| decode_key(x.key).cmp(&decode_key(y.key));
    let mut ranked: Vec<Ranked> = accounts
        .iter()
        .map(|(key, account)| {
            let d = decide(vocab, accounts, account);
            Ranked {
                key,
                account,
                p: d.p,
                score: 0.0,
                q: if d.tested { 1.0 } else { f64::NAN },
                level: AccountLevel::Low,
            }
        })
        .collect();
    // Benjamini–Hochberg over the tested accounts, given in a fixed order (the adjusted values
    // do not depend on it, but nothing should depend on the map's order).
    ranked.sort_by(by_name);
    let tested: Vec<usize> = (0..ranked.len())
        .filter(|&i| !ranked[i].q.is_nan())
        .collect();
    let p: Vec<f64> = tested.iter().map(|&i| ranked[i].p).collect();
    for (&i, q) in tested.iter().zip(benjamini_hochberg(&p)) {
        ranked[i].q = q;
    }
    drop(p);
    let s = &vocab.config.score;
    for r in &mut ranked {
        let d = decide(vocab, accounts, r.account);
        r.level = level(&d, r.q(), vocab);
        let evidence = r.q().map_or(0.0, |q| 1.0 - q);
        r.score = 1.0
            - (1.0 - s.campaign_weight * d.campaign_score)
                * (1.0 - s.interference_weight * evidence);
    }
    ranked.sort_by(|x, y| {
        x.level
            .cmp(&y.level)
            .then(y.score.total_cmp(&x.score))
            .then(x.p.total_cmp(&y.p))
            .then(y.account.posts().cmp(&x.account.posts()))
            .then_with(|| by_name(x, y))
    });
    let mut summary = TableSummary {
        accounts_schema_version: super::SCHEMA_VERSION.into(),
        accounts: ranked.len() as u64,
        accounts_tested: tested.len() as u64,
        totals: accounts.totals.clone(),
        base_rate_fallbacks: vocab.fallback_families.clone(),
        ..TableSummary::default()
    };
    for level in [
        AccountLevel::High,
        AccountLevel::Medium,
        AccountLevel::Low,
        AccountLevel::Insufficient,
    ] {
        summary.by_level.insert(level.as_str().into(), 0);
    }
    for r in &ranked {
        *summary
            .by_level
            .get_mut(r.level.as_str())
            .expect("every level") += 1;
    }
    Table {
        vocab,
        accounts,
        ranked,
        summary,
    }
}

impl Table<'_> {
    pub fn len(&self) -> usize {
        self.ranked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranked.is_empty()
    }

    /// The rows, in rank order, each built when asked for.
    pub fn rows(&self) -> impl Iterator<Item = Row> + '_ {
        self.ranked.iter().map(|r| self.row(r))
    }

    fn row(&self, r: &Ranked<'_>) -> Row {
        let (vocab, accounts, a) = (self.vocab, self.accounts, r.account);
        let d = &decide(vocab, accounts, a);
        let (platform, account) = decode_key(r.key);
        let mut languages: Vec<(&str, u64)> = a
            .langs
            .iter()
            .map(|t| (accounts.lang_name(t.lang), t.posts))
            .collect();
        languages.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        languages.truncate(TOP_LANGUAGES);
        let mut row = Row {
            level: r.level,
            score: r.score,
            platform: platform.to_string(),
            account: account.to_string(),
            posts: a.posts(),
            words: a.words(),
            tested_words: d.tested_words,
            first_ms: (a.first_ms != i64::MAX).then_some(a.first_ms),
            last_ms: (a.last_ms != i64::MIN).then_some(a.last_ms),
            languages: languages
                .into_iter()
                .map(|(l, n)| (l.to_string(), n as f64 / a.posts().max(1) as f64))
                .collect(),
            posts_with_interference: d.posts_with_interference,
            interference_hits: d.hits,
            expected_hits: d.expected,
            p: d.p,
            q: r.q(),
            heuristics: Vec::new(),
            campaign: None,
            campaigns: Vec::new(),
            max_post_score: 0.0,
            posts_high: 0,
            posts_medium: 0,
            evidence_posts: Vec::new(),
            cluster: accounts.cluster_of(account),
        };
        let Some(e) = &a.evidence else {
            return row;
        };
        row.max_post_score = e.max_score;
        row.posts_high = e.posts_high;
        row.posts_medium = e.posts_medium;
        row.heuristics = e
            .heuristics
            .iter()
            .map(|&(h, n)| (vocab.heuristics[h as usize].code, n))
            .collect();
        // Stable: equal counts keep registry order.
        row.heuristics.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        row.evidence_posts = e.top.iter().map(|t| t.reference.to_string()).collect();
        for c in &e.campaigns {
            let score = campaign_score_of(vocab, &e.indicators, c.campaign);
            let id = &vocab.campaigns[c.campaign as usize];
            row.campaigns.push((id.clone(), c.posts, c.best, score));
            if row.campaign.as_ref().is_none_or(|best| score > best.score) {
                let mut indicators: Vec<(String, u64)> = e
                    .indicators
                    .iter()
                    .filter(|&&(i, _)| vocab.indicators[i as usize].campaign == c.campaign as usize)
                    .map(|&(i, n)| (vocab.indicators[i as usize].id.clone(), n))
                    .collect();
                indicators.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
                row.campaign = Some(CampaignEvidence {
                    id: id.clone(),
                    score,
                    posts: c.posts,
                    indicators,
                });
            }
        }
        // Stable: equal scores keep campaign order.
        row.campaigns.sort_by(|x, y| y.3.total_cmp(&x.3));
        row
    }
}

/// A p-value with three significant digits, e.g. `1.23e-5`.
fn push_p(out: &mut String, p: f64) {
    use std::fmt::Write;
    let _ = write!(out, "{p:.2e}");
}

/// The cells of a row, in [`COLUMNS`] order.
fn cells(rank: usize, row: &Row) -> Vec<String> {
    let fixed = |x: f64, d: usize| {
        let mut s = String::new();
        push_fixed(&mut s, x, d);
        s
    };
    let uint = |n: u64| {
        let mut s = String::new();
        push_uint(&mut s, n);
        s
    };
    let join = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(";");
    let time = |ms: Option<i64>| ms.map_or(String::new(), crate::timestamp::format_utc);
    let per_1k = if row.tested_words > 0 {
        fixed(
            row.interference_hits as f64 * 1000.0 / row.tested_words as f64,
            3,
        )
    } else {
        String::new()
    };
    let mut p = String::new();
    push_p(&mut p, row.p);
    let q = row.q.map_or(String::new(), |q| {
        let mut s = String::new();
        push_p(&mut s, q);
        s
    });
    let c = row.campaign.as_ref();
    vec![
        uint(rank as u64),
        row.level.as_str().into(),
        fixed(row.score, 4),
        row.platform.clone(),
        row.account.clone(),
        uint(row.posts),
        uint(row.words),
        uint(row.tested_words),
        time(row.first_ms),
        time(row.last_ms),
        join(
            &mut row
                .languages
                .iter()
                .map(|(l, share)| format!("{l}:{}", fixed(*share, 3))),
        ),
        uint(row.posts_with_interference),
        uint(row.interference_hits),
        per_1k,
        fixed(row.expected_hits, 3),
        p,
        q,
        uint(row.heuristics.len() as u64),
        join(
            &mut row
                .heuristics
                .iter()
                .take(TOP_HEURISTICS)
                .map(|(code, n)| format!("{code}:{n}")),
        ),
        c.map_or(String::new(), |c| c.id.clone()),
        fixed(c.map_or(0.0, |c| c.score), 4),
        uint(c.map_or(0, |c| c.posts)),
        fixed(
            c.map_or(0.0, |c| c.posts as f64 / row.posts.max(1) as f64),
            3,
        ),
        c.map_or(String::new(), |c| {
            join(&mut c.indicators.iter().map(|(id, n)| format!("{id}:{n}")))
        }),
        join(
            &mut row
                .campaigns
                .iter()
                .map(|(id, posts, best, _)| format!("{id}:{posts}:{}", fixed(*best, 4))),
        ),
        fixed(row.max_post_score, 4),
        uint(row.posts_high),
        uint(row.posts_medium),
        row.evidence_posts.join(";"),
        row.cluster.map_or(String::new(), |c| uint(u64::from(c))),
    ]
}

fn write_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("cannot write the accounts table: {e}"))
}

/// Write the table. CSV cells that a spreadsheet would run as formulas get a leading `'`
/// unless `raw_cells`, as in the report.
pub fn write(
    table: &Table,
    format: ReportFormat,
    raw_cells: bool,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(COLUMNS).map_err(write_err)?;
            for (i, row) in table.rows().enumerate() {
                let cells = cells(i + 1, &row);
                if raw_cells {
                    w.write_record(&cells).map_err(write_err)?;
                } else {
                    w.write_record(cells.iter().map(|c| neutralize(c).into_owned()))
                        .map_err(write_err)?;
                }
            }
            w.flush().map_err(write_err)?;
        }
        ReportFormat::Jsonl => {
            let mut line = Vec::new();
            for (i, row) in table.rows().enumerate() {
                line.clear();
                for (k, (column, cell)) in COLUMNS.iter().zip(cells(i + 1, &row)).enumerate() {
                    line.push(if k == 0 { b'{' } else { b',' });
                    serde_json::to_writer(&mut line, column).map_err(write_err)?;
                    line.push(b':');
                    if NUMERIC.contains(column) && !cell.is_empty() {
                        line.extend_from_slice(cell.as_bytes());
                    } else {
                        serde_json::to_writer(&mut line, &cell).map_err(write_err)?;
                    }
                }
                line.extend_from_slice(b"}\n");
                out.write_all(&line).map_err(write_err)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn ranking_holds_a_few_dozen_bytes_per_account() {
        // docs/PERFORMANCE.md counts on these sizes.
        assert!(std::mem::size_of::<super::Ranked>() <= 56);
        assert!(std::mem::size_of::<super::Account>() <= 48);
    }
}
