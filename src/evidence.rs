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
        // Whether kept hit `j` already counts the piece of evidence at `piece`: between two
        // single indicators, the same words (overlapping spans: four phrases over one
        // sentence, a rule and a feed on one domain); where a combination is involved, only
        // words held whole (a piece that merely touches another - "euronews" inside a squatted
        // host, "USAID" inside a longer narrative span - is other evidence).
        let counts = |j: usize, piece: &Span| {
            let one = std::slice::from_ref(piece);
            if is_combination(set, hits, j) || combination {
                contained(one, &hits[j].spans)
            } else {
                overlaps(one, &hits[j].spans)
            }
        };
        // A hit counts through others only when every piece of its evidence already counts;
        // it is listed with the first kept hit that counts one of them.
        let covered = !spans.is_empty()
            && spans
                .iter()
                .all(|piece| kept.iter().any(|(j, _)| counts(*j, piece)));
        let merge_into = covered
            .then(|| {
                kept.iter()
                    .position(|(j, _)| spans.iter().any(|piece| counts(*j, piece)))
            })
            .flatten();
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

#[cfg(test)]
mod tests {
    use crate::analyze::Analyzer;
    use crate::campaigns::{ioc, outlets::Outlets, CampaignSet, RuleSources};
    use crate::config::Config;

    /// Four phrases of Matryoshka's verification requests, each its own indicator, all on
    /// the word "verify" of one tweet.
    const OVERLAPPING: &str = r#"
[campaign]
id = "matryoshka-test"
name = "Matryoshka phrases"

[[indicator]]
id = "MT-1"
kind = "phrase"
weight = 0.3
description = "d"
source = "s"
phrases = ["can you verify"]
fires_on = ["can you verify"]
must_not_fire_on = ["x"]

[[indicator]]
id = "MT-2"
kind = "phrase"
weight = 0.35
description = "d"
source = "s"
phrases = ["you verify this"]
fires_on = ["you verify this"]
must_not_fire_on = ["x"]

[[indicator]]
id = "MT-3"
kind = "phrase"
weight = 0.4
description = "d"
source = "s"
phrases = ["verify this video"]
fires_on = ["verify this video"]
must_not_fire_on = ["x"]

[[indicator]]
id = "MT-4"
kind = "phrase"
weight = 0.25
description = "d"
source = "s"
phrases = ["verify this"]
fires_on = ["verify this"]
must_not_fire_on = ["x"]

[[indicator]]
id = "MT-5"
kind = "phrase"
weight = 0.2
description = "d"
source = "s"
phrases = ["bbc video"]
fires_on = ["bbc video"]
must_not_fire_on = ["x"]
"#;

    fn evidence(an: &Analyzer, text: &str) -> (f64, String) {
        let a = an.analyze(text);
        let mut cell = String::new();
        let record = crate::record::Record {
            text: text.into(),
            ..Default::default()
        };
        crate::report::push_evidence(&mut cell, an, &a, &record);
        (a.campaign_score, cell)
    }

    #[test]
    fn four_overlapping_phrases_count_once_through_the_strongest() {
        let mut sources = RuleSources::default();
        sources.add("test.toml", OVERLAPPING);
        let set = CampaignSet::load(&sources, Outlets::embedded().unwrap()).unwrap();
        let an = Analyzer::new(Config::default(), set).unwrap();
        let (score, cell) = evidence(&an, "@BBCVerify Can you verify this video?");
        assert!((score - 0.4).abs() < 1e-12, "{score} {cell}");
        assert_eq!(
            cell, "MT-3 = MT-1, MT-2, MT-4: \"verify this video\"",
            "every name that matched is listed"
        );
        // Other words are other evidence: the BBC video phrase still adds.
        let (score, cell) = evidence(&an, "Can you verify this video? It is a BBC video");
        assert!((score - (1.0 - 0.6 * 0.8)).abs() < 1e-12, "{score} {cell}");
    }

    #[test]
    fn a_rule_and_a_feed_naming_one_domain_count_once() {
        let mut set = CampaignSet::embedded().unwrap();
        ioc::load_text(
            &mut set,
            "feed.txt",
            "lemonde.ltd\nclone-of-a-paper.info\n",
            Some("doppelganger"),
        )
        .unwrap();
        let an = Analyzer::new(Config::default(), set).unwrap();
        let rule_weight = an.indicator_weights[an.campaigns.indicator_by_id("DOP-001").unwrap()];
        let (score, cell) = evidence(
            &an,
            "Lisez https://www.lemonde.ltd/international/zelensky-villa",
        );
        assert!((score - rule_weight).abs() < 1e-12, "{score} {cell}");
        assert!(cell.starts_with("DOP-001 = "), "{cell}");
        assert!(cell.contains("IOC-DOPPELGANGER-"), "{cell}");
        // Two domains are two pieces of evidence.
        let (two, cell) = evidence(&an, "lemonde.ltd et clone-of-a-paper.info");
        let feed = crate::campaigns::ioc::IOC_WEIGHT;
        assert!(
            (two - (1.0 - (1.0 - rule_weight) * (1.0 - feed))).abs() < 1e-12,
            "{two} {cell}"
        );
    }

    #[test]
    fn a_narrative_and_an_indicator_on_the_same_words_count_once() {
        // S1516-004 (Zelenska + Bugatti, 0.65) and the narrative S1516-N01 on the same words.
        let text = "Olena Zelenska bought a Bugatti sports car in Paris with American aid money";
        let run = |narrative_weight: f64| {
            let mut config = Config::default();
            config.score.narrative_weight = narrative_weight;
            let an = Analyzer::new(config, CampaignSet::embedded().unwrap()).unwrap();
            let a = an.analyze(text);
            let mut cell = String::new();
            let record = crate::record::Record {
                text: text.into(),
                ..Default::default()
            };
            crate::report::push_evidence(&mut cell, &an, &a, &record);
            let claim =
                &an.narratives.as_ref().unwrap().claims[a.narrative.as_ref().unwrap().claim];
            assert_eq!(claim.id, "S1516-N01");
            (a, cell)
        };
        // The indicator is stronger than 0.6 × the narrative score: the narrative counts
        // through it.
        let (a, cell) = run(0.6);
        assert!(!a.narrative_count.counted, "{cell}");
        assert_eq!(a.narrative_score, 0.0);
        assert!((a.campaign_score - 0.65).abs() < 1e-12, "{cell}");
        assert!(
            cell.contains("NARRATIVE (counted through S1516-004)"),
            "{cell}"
        );
        // With the narrative weighing more, the indicator gives way to it.
        let (a, cell) = run(1.0);
        assert!(a.narrative_count.counted, "{cell}");
        assert_eq!(a.campaign_score, 0.0, "{cell}");
        assert!(cell.contains("NARRATIVE = S1516-004"), "{cell}");
        let m = a.narrative.as_ref().unwrap();
        assert!((a.score - m.score).abs() < 1e-12, "{} {cell}", a.score);
    }
}
