//! Partial aggregates on disk, so that workers that each rolled up part of a batch can be
//! combined exactly (`calque accounts --partial-out`, then `calque accounts PART...`):
//! JSON Lines, a header line `{"calque_accounts_partial": 1, ...}` then one line per account,
//! every index replaced by its name (language, heuristic code, campaign and indicator id), so
//! that a partial does not depend on the build that wrote it beyond those names. Floats are
//! written in their shortest exact form, so reading a partial back loses nothing. Format:
//! `docs/report-schema.md`, "Partial aggregates".

use super::account::{normalize_top, Account, CampaignTally, Evidence, LangTally, TopPost};
use super::{decode_key, Accounts, Totals, Vocabulary};
use crate::error::{Fatal, Result};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

/// Version of the partial format.
pub const PARTIAL_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    calque_accounts_partial: u32,
    top_evidence: usize,
    totals: Totals,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    platform: String,
    account: String,
    posts: u64,
    words: u64,
    /// Earliest and latest parsed timestamps, ms since the epoch.
    first_ms: Option<i64>,
    last_ms: Option<i64>,
    /// (language, posts, words).
    langs: Vec<(String, u64, u64)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    evidence: Option<EvidenceLine>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceLine {
    posts_with_interference: u64,
    posts_high: u64,
    posts_medium: u64,
    max_score: f64,
    /// (heuristic code, posts).
    heuristics: Vec<(String, u64)>,
    /// (campaign id, posts, best post score).
    campaigns: Vec<(String, u64, f64)>,
    /// (indicator id, posts).
    indicators: Vec<(String, u64)>,
    /// (shown score, exact score, order, reference).
    top: Vec<(f64, f64, u64, String)>,
}

/// Whether the first line of a JSON Lines input is a partial's header.
pub fn is_partial(first_line: &[u8]) -> bool {
    let head = &first_line[..first_line.len().min(64)];
    head.windows(25)
        .any(|w| w == b"\"calque_accounts_partial\"")
}

fn out_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("cannot write the partial aggregates: {e}"))
}

/// Write `accounts` as a partial, accounts in (platform, account) order.
pub fn write(accounts: &Accounts, vocab: &Vocabulary, out: &mut dyn Write) -> Result<()> {
    let header = Header {
        calque_accounts_partial: PARTIAL_VERSION,
        top_evidence: accounts.top_evidence,
        totals: accounts.totals.clone(),
    };
    serde_json::to_writer(&mut *out, &header).map_err(out_err)?;
    out.write_all(b"\n").map_err(out_err)?;
    let mut keys: Vec<(&str, &Account)> = accounts.iter().collect();
    keys.sort_by(|a, b| decode_key(a.0).cmp(&decode_key(b.0)));
    for (key, a) in keys {
        let (platform, account) = decode_key(key);
        let evidence = a.evidence.as_ref().map(|e| EvidenceLine {
            posts_with_interference: e.posts_with_interference,
            posts_high: e.posts_high,
            posts_medium: e.posts_medium,
            max_score: e.max_score,
            heuristics: e
                .heuristics
                .iter()
                .map(|&(h, n)| (vocab.heuristics[h as usize].code.to_string(), n))
                .collect(),
            campaigns: e
                .campaigns
                .iter()
                .map(|c| {
                    (
                        vocab.campaigns[c.campaign as usize].clone(),
                        c.posts,
                        c.best,
                    )
                })
                .collect(),
            indicators: e
                .indicators
                .iter()
                .map(|&(i, n)| (vocab.indicators[i as usize].id.clone(), n))
                .collect(),
            top: e
                .top
                .iter()
                .map(|t| (t.shown, t.exact, t.order, t.reference.to_string()))
                .collect(),
        });
        let line = Line {
            platform: platform.into(),
            account: account.into(),
            posts: a.posts(),
            words: a.words(),
            first_ms: (a.first_ms != i64::MAX).then_some(a.first_ms),
            last_ms: (a.last_ms != i64::MIN).then_some(a.last_ms),
            langs: a
                .langs
                .iter()
                .map(|t| (accounts.lang_name(t.lang).to_string(), t.posts, t.words))
                .collect(),
            evidence,
        };
        serde_json::to_writer(&mut *out, &line).map_err(out_err)?;
        out.write_all(b"\n").map_err(out_err)?;
    }
    Ok(())
}

/// Read a partial written by [`write`] and merge it into `into`.
pub fn read(
    name: &str,
    input: &mut dyn BufRead,
    vocab: &Vocabulary,
    into: &mut Accounts,
) -> Result<()> {
    let err = |line: usize, m: String| Fatal::input(format!("{name}:{line}: {m}"));
    let mut part = Accounts::new(into.top_evidence);
    let mut lines = input.lines().enumerate();
    let header: Header = match lines.next() {
        Some((_, Ok(text))) => {
            serde_json::from_str(&text).map_err(|e| err(1, format!("not a partial header: {e}")))?
        }
        Some((_, Err(e))) => return Err(err(1, e.to_string())),
        None => return Err(err(1, "empty partial".into())),
    };
    if header.calque_accounts_partial != PARTIAL_VERSION {
        return Err(err(
            1,
            format!(
                "partial format version {} (this calque reads {PARTIAL_VERSION})",
                header.calque_accounts_partial
            ),
        ));
    }
    part.totals = header.totals;
    for (n, text) in lines {
        let line_no = n + 1;
        let text = text.map_err(|e| err(line_no, e.to_string()))?;
        if text.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(&text).map_err(|e| err(line_no, e.to_string()))?;
        let account = account_of(&line, vocab, &mut part).map_err(|m| err(line_no, m))?;
        let mut key = String::new();
        super::encode_key(&mut key, &line.platform, &line.account);
        if part.accounts.insert(key.into(), account).is_some() {
            return Err(err(
                line_no,
                format!("account {:?} listed twice", line.account),
            ));
        }
    }
    into.merge(part);
    Ok(())
}

/// The aggregate of one line; its languages interned in `part`.
fn account_of(
    line: &Line,
    vocab: &Vocabulary,
    part: &mut Accounts,
) -> std::result::Result<Account, String> {
    let lookup = |kind: &str, name: &str, found: Option<u32>| {
        found.ok_or_else(|| format!("unknown {kind} {name:?}: give the --rules and the calque version that wrote the partial"))
    };
    let mut langs: Vec<LangTally> = line
        .langs
        .iter()
        .map(|(l, posts, words)| LangTally {
            lang: part.intern_lang(l),
            posts: *posts,
            words: *words,
        })
        .collect();
    langs.sort_by_key(|t| t.lang);
    let evidence = match &line.evidence {
        None => None,
        Some(e) => {
            let mut heuristics = Vec::new();
            for (code, n) in &e.heuristics {
                heuristics.push((lookup("heuristic", code, vocab.heuristic(code))?, *n));
            }
            let mut campaigns = Vec::new();
            for (id, posts, best) in &e.campaigns {
                campaigns.push(CampaignTally {
                    campaign: lookup("campaign", id, vocab.campaign(id))?,
                    posts: *posts,
                    best: *best,
                });
            }
            let mut indicators = Vec::new();
            for (id, n) in &e.indicators {
                indicators.push((lookup("indicator", id, vocab.indicator(id))?, *n));
            }
            heuristics.sort_unstable();
            indicators.sort_unstable();
            campaigns.sort_by_key(|c| c.campaign);
            let twice = |keys: &mut dyn Iterator<Item = u32>| {
                let keys: Vec<u32> = keys.collect();
                keys.windows(2).any(|w| w[0] == w[1])
            };
            if twice(&mut heuristics.iter().map(|h| h.0))
                || twice(&mut indicators.iter().map(|i| i.0))
                || twice(&mut campaigns.iter().map(|c| c.campaign))
            {
                return Err("a heuristic, campaign or indicator listed twice".into());
            }
            let mut top: Vec<TopPost> = e
                .top
                .iter()
                .map(|(shown, exact, order, reference)| TopPost {
                    shown: *shown,
                    exact: *exact,
                    order: *order,
                    reference: reference.as_str().into(),
                })
                .collect();
            normalize_top(&mut top, part.top_evidence);
            Some(Box::new(Evidence {
                posts_with_interference: e.posts_with_interference,
                posts_high: e.posts_high,
                posts_medium: e.posts_medium,
                max_score: e.max_score,
                heuristics,
                campaigns,
                indicators,
                top,
            }))
        }
    };
    let (posts, words) = langs
        .iter()
        .fold((0, 0), |(p, w), t| (p + t.posts, w + t.words));
    if (posts, words) != (line.posts, line.words) {
        return Err(format!(
            "posts and words ({}, {}) are not the sums over langs ({posts}, {words})",
            line.posts, line.words
        ));
    }
    Ok(Account {
        first_ms: line.first_ms.unwrap_or(i64::MAX),
        last_ms: line.last_ms.unwrap_or(i64::MIN),
        langs,
        evidence,
    })
}
