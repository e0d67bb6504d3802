//! Each piece of evidence counts once (`docs/scoring.md`, "Evidence counts once").
//!
//! From the indicator hits of an item to campaign scores: an indicator that fired as a part of
//! a fired combination counts through it ([`CampaignSet::subsumed`]); then, per campaign, hits
//! that rest on the same words, domain or link — several phrase indicators over one sentence,
//! a rule and an `--ioc` feed naming one domain — count once, through the strongest of them,
//! and the others are listed with it. A narrative whose matched words overlap counted
//! indicators is weighed against them the same way ([`count_narrative`]).

use crate::campaigns::{CampaignSet, IndicatorHit, Matcher};
use crate::record::Span;
use crate::score;

/// A campaign with a non-zero score on an item.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignScore {
    pub campaign: usize,
    pub score: f64,
    /// Indices into the item's `indicator_hits` that counted, in hit order.
    pub counted: Vec<usize>,
    /// For each counted hit (same order): the hits on the same evidence counted through it.
    pub also: Vec<Vec<usize>>,
}

fn overlaps(a: &[Span], b: &[Span]) -> bool {
    a.iter()
        .any(|x| b.iter().any(|y| x.start < y.end && y.start < x.end))
}

/// Whether every span of `a` lies within a span of `b`.
fn contained(a: &[Span], b: &[Span]) -> bool {
    a.iter()
        .all(|x| b.iter().any(|y| y.start <= x.start && x.end <= y.end))
}

fn is_combination(set: &CampaignSet, hits: &[IndicatorHit], k: usize) -> bool {
    matches!(
        set.indicators[hits[k].indicator].matcher,
        Matcher::AllOf(_) | Matcher::AnyOf { .. }
    )
}

/// Campaign scores, best first (ties: campaign order), from the hits of one item and the
/// effective indicator weights.
pub fn campaign_scores(
    set: &CampaignSet,
    weights: &[f64],
    hits: &[IndicatorHit],
) -> Vec<CampaignScore> {
    let fired: Vec<usize> = hits.iter().map(|h| h.indicator).collect();
    let subsumed = set.subsumed(&fired);
    // Per campaign, the hits that may count.
    let mut by_campaign: Vec<(usize, Vec<usize>)> = Vec::new();
    for (k, hit) in hits.iter().enumerate() {
        let ind = &set.indicators[hit.indicator];
        if ind.part || weights[hit.indicator] <= 0.0 || subsumed.contains(&hit.indicator) {
            continue;
        }
        match by_campaign.iter_mut().find(|(c, _)| *c == ind.campaign) {
            Some((_, ks)) => ks.push(k),
            None => by_campaign.push((ind.campaign, vec![k])),
        }
    }
    let mut campaigns: Vec<CampaignScore> = by_campaign
        .into_iter()
        .map(|(campaign, ks)| {
            let (counted, also) = count_once(set, weights, hits, &ks);
            let score = score::campaign_score(counted.iter().map(|&k| weights[hits[k].indicator]));
            CampaignScore {
                campaign,
                score,
                counted,
                also,
            }
        })
        .collect();
    sort_campaigns(&mut campaigns);
    campaigns
}

fn sort_campaigns(campaigns: &mut [CampaignScore]) {
    campaigns.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.campaign.cmp(&b.campaign))
    });
}

/// Of the hits `ks` of one campaign, those that count and, for each, the hits counted through
/// it. Strongest first (weight, then indicator order): a hit whose spans overlap those of a
/// kept hit adds nothing — except a combination with evidence of its own, since two
/// combinations are two distinct patterns of co-occurrence.
fn count_once(
    set: &CampaignSet,
    weights: &[f64],
    hits: &[IndicatorHit],
    ks: &[usize],
) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut order = ks.to_vec();
    order.sort_by(|&a, &b| {
        weights[hits[b].indicator]
            .total_cmp(&weights[hits[a].indicator])
            .then(hits[a].indicator.cmp(&hits[b].indicator))
    });
    let mut kept: Vec<(usize, Vec<usize>)> = Vec::new();
    for k in order {
        let spans = &hits[k].spans;
        let combination = is_combination(set, hits, k);
        let merge_into = if combination {
            // Counted through another only when every piece of its evidence already is.
            let covered = !spans.is_empty()
                && spans.iter().all(|s| {
                    kept.iter()
                        .any(|(j, _)| overlaps(std::slice::from_ref(s), &hits[*j].spans))
                });
            covered
                .then(|| {
                    kept.iter()
                        .position(|(j, _)| overlaps(spans, &hits[*j].spans))
                })
                .flatten()
        } else {
            // A single piece of evidence: counted through a kept hit on the same words, or
            // through a combination whose evidence holds it whole (a combination that merely
            // touches it, "euronews" inside a squatted host, is other evidence).
            kept.iter().position(|(j, _)| {
                if is_combination(set, hits, *j) {
                    contained(spans, &hits[*j].spans)
                } else {
                    overlaps(spans, &hits[*j].spans)
                }
            })
        };
        match merge_into {
            Some(p) => kept[p].1.push(k),
            None => kept.push((k, Vec::new())),
        }
    }
    kept.sort_by_key(|(k, _)| *k);
    kept.into_iter()
        .map(|(k, mut also)| {
            also.sort_unstable();
            (k, also)
        })
        .unzip()
}

/// How a narrative match was counted against the campaign evidence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NarrativeCount {
    /// Whether the narrative score enters the overall score.
    pub counted: bool,
    /// When it does not: the counted hit (index into `indicator_hits`) its words count through.
    pub through: Option<usize>,
    /// When it does and overlapping hits were taken out of the best campaign: those hits.
    pub absorbed: Vec<usize>,
}

/// Count a narrative match once against the best campaign's counted hits: if its matched
/// words overlap some of them, the stronger side counts (the narrative's contribution
/// `narrative_weight · narrative_score` against the strongest overlapping indicator weight;
/// an indicator wins ties) and the other is listed with it. `campaigns` is re-scored and
/// re-sorted when indicators give way.
pub fn count_narrative(
    campaigns: &mut Vec<CampaignScore>,
    weights: &[f64],
    hits: &[IndicatorHit],
    spans: &[Span],
    contribution: f64,
) -> NarrativeCount {
    let Some(best) = campaigns.first_mut() else {
        return NarrativeCount {
            counted: true,
            ..NarrativeCount::default()
        };
    };
    let overlapping: Vec<usize> = (0..best.counted.len())
        .filter(|&p| overlaps(&hits[best.counted[p]].spans, spans))
        .collect();
    if overlapping.is_empty() {
        return NarrativeCount {
            counted: true,
            ..NarrativeCount::default()
        };
    }
    let strongest = overlapping
        .iter()
        .copied()
        .max_by(|&a, &b| {
            weights[hits[best.counted[a]].indicator]
                .total_cmp(&weights[hits[best.counted[b]].indicator])
                .then(b.cmp(&a))
        })
        .expect("not empty");
    if weights[hits[best.counted[strongest]].indicator] >= contribution {
        return NarrativeCount {
            counted: false,
            through: Some(best.counted[strongest]),
            absorbed: Vec::new(),
        };
    }
    let mut absorbed = Vec::new();
    for &p in overlapping.iter().rev() {
        absorbed.push(best.counted.remove(p));
        absorbed.extend(best.also.remove(p));
    }
    absorbed.sort_unstable();
    best.score = score::campaign_score(best.counted.iter().map(|&k| weights[hits[k].indicator]));
    if best.counted.is_empty() {
        campaigns.remove(0);
    }
    sort_campaigns(campaigns);
    NarrativeCount {
        counted: true,
        through: None,
        absorbed,
    }
}
