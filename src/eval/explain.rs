//! `calque explain`: everything the pipeline saw for one item, as data ([`Explanation`], for
//! `--format json`) or as text for a human ([`Explanation::render`]).

use super::report::table;
use crate::analyze::{Analysis, Analyzer};
use crate::campaigns::Matcher;
use crate::record::Span;
use crate::report::snippet;
use crate::score;
use serde::Serialize;

/// A span of the original text: byte offsets and the text itself (whitespace collapsed,
/// shortened past 80 characters).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanView {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl SpanView {
    fn new(text: &str, span: Span) -> Self {
        SpanView {
            start: span.start,
            end: span.end,
            text: snippet(text, span),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    pub code: &'static str,
    pub confidence: f64,
    pub method: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScriptView {
    pub letters: usize,
    pub cyrillic_letters: usize,
    pub cyrillic_share: f64,
    pub mixed_script_tokens: Vec<SpanView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeuristicView {
    pub code: &'static str,
    pub name: &'static str,
    pub family: &'static str,
    pub weight: f64,
    /// Distinct spans it fired on (repeats count up to `max_repeats`).
    pub hits: usize,
    /// Its share of the interference density: weight × √min(hits, max_repeats) / length factor.
    pub contribution: f64,
    pub spans: Vec<SpanView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub campaign: String,
    pub kind: &'static str,
    /// Effective weight (config override or rule file); parts of combinations have none.
    pub weight: Option<f64>,
    pub part: bool,
    /// Whether it entered its campaign's score (non-part, weight > 0).
    pub counted: bool,
    /// For a part: the combinations (all_of / any_of) it belongs to.
    pub part_of: Vec<String>,
    /// For a combination: its parts that fired on this item.
    pub parts_fired: Vec<String>,
    /// Not counted because the same evidence (words, domain, link) counts through this
    /// indicator, or through the narrative ("NARRATIVE").
    pub counted_through: Option<String>,
    /// For a counted indicator: the indicators on the same evidence counted through it.
    pub same_evidence: Vec<String>,
    pub description: String,
    pub spans: Vec<SpanView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CampaignView {
    pub id: String,
    pub name: String,
    /// Noisy-OR of the counted indicators' weights: 1 − Π(1 − w).
    pub score: f64,
    pub counted: Vec<String>,
}

/// The known claim an item matched.
#[derive(Debug, Clone, Serialize)]
pub struct NarrativeView {
    pub claim: String,
    pub id: String,
    pub lang: &'static str,
    pub source: String,
    pub campaign: Option<String>,
    /// coverage × information × density (docs/scoring.md).
    pub score: f64,
    pub terms_matched: usize,
    pub claim_terms: usize,
    pub words: Vec<SpanView>,
    /// Whether it entered the overall score (not when its words count through an indicator).
    pub counted: bool,
    pub counted_through: Option<String>,
    /// Indicators on the same words counted through the narrative instead.
    pub same_evidence: Vec<String>,
}

/// A sign of debunking or reporting context.
#[derive(Debug, Clone, Serialize)]
pub struct ContextHitView {
    /// The cue id or derived code (`calque rule CODE` explains it).
    pub code: String,
    /// The cue id again, or what was recognised ("author @AFPFactCheck is …").
    pub label: String,
    pub context: &'static str,
    pub spans: Vec<SpanView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContextView {
    /// "debunk", "report", "none"; "" when not looked for (nothing matched).
    pub context: &'static str,
    pub hits: Vec<ContextHitView>,
    /// Whether it capped the score at `cap`.
    pub capped: bool,
    pub cap: f64,
}

/// Article and comma rates of a long English item, with the native reference range: context
/// for a reader, not part of any score (`heuristics::long_text`).
#[derive(Debug, Clone, Serialize)]
pub struct LongTextView {
    /// a / an / the per word.
    pub article_rate: f64,
    /// Complementisers (that, what, whether) right after a comma, per
    /// complementiser; null when the text has none.
    pub subordinate_comma_rate: Option<f64>,
    /// 5th–95th percentile of each rate over native English documents of 150+ words.
    pub native_article_rate: (f64, f64),
    pub native_subordinate_comma_rate: (f64, f64),
    pub native_documents: usize,
}

/// Everything the pipeline saw for one item.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub bytes: usize,
    pub tokens: usize,
    pub language: LanguageView,
    pub script: ScriptView,
    /// The matching view campaign phrases and regexes run on.
    pub normalized: String,
    /// Length dilution: max(1, tokens / reference_tokens)^½.
    pub length_factor: f64,
    /// Heuristics that ran on this item (its language, weight > 0).
    pub heuristics_run: usize,
    pub heuristics: Vec<HeuristicView>,
    /// Sum of the contributions.
    pub interference_density: f64,
    pub interference_scale: f64,
    /// 1 − exp(−density / scale).
    pub interference_score: f64,
    pub indicators: Vec<IndicatorView>,
    /// Campaigns with a score, best first.
    pub campaigns: Vec<CampaignView>,
    pub campaign_score: f64,
    pub narrative: Option<NarrativeView>,
    /// The narrative score that entered the overall score.
    pub narrative_score: f64,
    pub context: ContextView,
    /// 1 − (1 − campaign_weight × campaign) × (1 − interference_weight × interference)
    /// × (1 − narrative_weight × narrative), capped by the context.
    pub score: f64,
    pub level: &'static str,
    pub campaign_weight: f64,
    pub interference_weight: f64,
    pub narrative_weight: f64,
    /// English items of 150+ words only.
    pub long_text: Option<LongTextView>,
}

impl Explanation {
    pub fn build(analyzer: &Analyzer, text: &str, a: &Analysis) -> Self {
        let config = &analyzer.config;
        let heuristics: Vec<HeuristicView> = a
            .heuristic_hits
            .iter()
            .map(|hit| {
                let (h, weight) = analyzer.heuristics[hit.heuristic];
                let info = h.info();
                HeuristicView {
                    code: info.code,
                    name: info.name,
                    family: info.family.as_str(),
                    weight,
                    hits: hit.spans.len(),
                    contribution: hit.contribution,
                    spans: hit.spans.iter().map(|s| SpanView::new(text, *s)).collect(),
                }
            })
            .collect();
        let set = &analyzer.campaigns;
        let fired: Vec<usize> = a.indicator_hits.iter().map(|h| h.indicator).collect();
        let counted: Vec<usize> = a
            .campaigns
            .iter()
            .flat_map(|c| c.counted.iter().map(|&k| a.indicator_hits[k].indicator))
            .collect();
        let id_of = |k: usize| set.indicators[a.indicator_hits[k].indicator].id.clone();
        let mut through: Vec<Option<String>> = vec![None; a.indicator_hits.len()];
        let mut same: Vec<Vec<String>> = vec![Vec::new(); a.indicator_hits.len()];
        for c in &a.campaigns {
            for (&k, also) in c.counted.iter().zip(&c.also) {
                for &j in also {
                    through[j] = Some(id_of(k));
                    same[k].push(id_of(j));
                }
            }
        }
        for &j in &a.narrative_count.absorbed {
            through[j] = Some("NARRATIVE".into());
        }
        let indicators = a
            .indicator_hits
            .iter()
            .enumerate()
            .map(|(k, hit)| {
                let ind = &set.indicators[hit.indicator];
                let combo_parts = |m: &Matcher| match m {
                    Matcher::AllOf(of) | Matcher::AnyOf { of, .. } => Some(of.clone()),
                    _ => None,
                };
                let part_of = set
                    .indicators
                    .iter()
                    .filter(|other| {
                        combo_parts(&other.matcher).is_some_and(|of| of.contains(&hit.indicator))
                    })
                    .map(|other| other.id.clone())
                    .collect();
                let parts_fired = combo_parts(&ind.matcher)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| fired.contains(p))
                    .map(|p| set.indicators[p].id.clone())
                    .collect();
                IndicatorView {
                    id: ind.id.clone(),
                    campaign: set.campaigns[ind.campaign].id.clone(),
                    kind: ind.kind.as_str(),
                    weight: (!ind.part).then(|| analyzer.indicator_weights[hit.indicator]),
                    part: ind.part,
                    counted: counted.contains(&hit.indicator),
                    part_of,
                    parts_fired,
                    counted_through: through[k].clone(),
                    same_evidence: same[k].clone(),
                    description: ind.description.clone(),
                    spans: hit.spans.iter().map(|s| SpanView::new(text, *s)).collect(),
                }
            })
            .collect();
        let campaigns = a
            .campaigns
            .iter()
            .map(|c| CampaignView {
                id: set.campaigns[c.campaign].id.clone(),
                name: set.campaigns[c.campaign].name.clone(),
                score: c.score,
                counted: c
                    .counted
                    .iter()
                    .map(|&k| set.indicators[a.indicator_hits[k].indicator].id.clone())
                    .collect(),
            })
            .collect();
        let heuristics_run = analyzer
            .heuristics
            .iter()
            .filter(|(h, w)| h.info().lang.code() == a.lang.code && *w > 0.0)
            .count();
        let narrative = a.narrative.as_ref().and_then(|m| {
            let claim = &analyzer.narratives.as_ref()?.claims[m.claim];
            Some(NarrativeView {
                claim: claim.text.clone(),
                id: claim.id.clone(),
                lang: claim.lang,
                source: claim.source().to_string(),
                campaign: claim.campaign.clone(),
                score: m.score,
                terms_matched: m.terms,
                claim_terms: m.claim_terms,
                words: m.spans.iter().map(|s| SpanView::new(text, *s)).collect(),
                counted: a.narrative_count.counted,
                counted_through: a.narrative_count.through.map(id_of),
                same_evidence: a
                    .narrative_count
                    .absorbed
                    .iter()
                    .map(|&j| id_of(j))
                    .collect(),
            })
        });
        let context = ContextView {
            context: if a.context.evaluated {
                a.context.kind.as_str()
            } else {
                ""
            },
            hits: a
                .context
                .hits
                .iter()
                .map(|h| ContextHitView {
                    code: h.code.clone(),
                    label: h.label.clone(),
                    context: h.kind.as_str(),
                    spans: h.spans.iter().map(|s| SpanView::new(text, *s)).collect(),
                })
                .collect(),
            capped: a.capped,
            cap: config.score.context_cap,
        };
        Explanation {
            bytes: text.len(),
            tokens: a.tokens,
            language: LanguageView {
                code: a.lang.code,
                confidence: a.lang.confidence,
                method: a.lang.method.as_str(),
            },
            script: ScriptView {
                letters: a.script.letters,
                cyrillic_letters: a.script.cyrillic,
                cyrillic_share: a.script.cyrillic_share(),
                mixed_script_tokens: a
                    .script
                    .mixed_tokens
                    .iter()
                    .map(|s| SpanView::new(text, *s))
                    .collect(),
            },
            normalized: a.normalized.text.clone(),
            length_factor: score::length_factor(a.tokens, config),
            heuristics_run,
            interference_density: heuristics.iter().fold(0.0, |acc, h| acc + h.contribution),
            heuristics,
            interference_scale: config.interference.scale,
            interference_score: a.interference_score,
            indicators,
            campaigns,
            campaign_score: a.campaign_score,
            narrative,
            narrative_score: a.narrative_score,
            context,
            score: a.score,
            level: a.level.as_str(),
            campaign_weight: config.score.campaign_weight,
            interference_weight: config.score.interference_weight,
            narrative_weight: config.score.narrative_weight,
            long_text: a.long_text.map(|r| {
                let native = crate::heuristics::long_text::NATIVE_RANGE;
                LongTextView {
                    article_rate: r.article_rate,
                    subordinate_comma_rate: r.subordinate_comma_rate,
                    native_article_rate: native.article_rate,
                    native_subordinate_comma_rate: native.subordinate_comma_rate,
                    native_documents: native.documents,
                }
            }),
        }
    }

    /// The explanation as text for a human.
    pub fn render(&self) -> String {
        let spans = |v: &[SpanView]| {
            v.iter()
                .map(|s| format!("{}..{} \"{}\"", s.start, s.end, s.text))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = format!(
            "score {:.4} ({})\n\n\
language:      {} (confidence {:.2}, by {})\n\
size:          {} bytes, {} word tokens, length factor {:.3}\n\
script:        {} letters, {} Cyrillic (share {:.3}), {} mixed-script token(s){}\n\
normalized:    {}\n",
            self.score,
            self.level,
            self.language.code,
            self.language.confidence,
            self.language.method,
            self.bytes,
            self.tokens,
            self.length_factor,
            self.script.letters,
            self.script.cyrillic_letters,
            self.script.cyrillic_share,
            self.script.mixed_script_tokens.len(),
            if self.script.mixed_script_tokens.is_empty() {
                String::new()
            } else {
                format!(": {}", spans(&self.script.mixed_script_tokens))
            },
            self.normalized
        );
        out += &format!(
            "\nInterference heuristics ({} ran for language {:?}; {} fired):\n",
            self.heuristics_run,
            self.language.code,
            self.heuristics.len()
        );
        if !self.heuristics.is_empty() {
            let rows: Vec<Vec<String>> = self
                .heuristics
                .iter()
                .map(|h| {
                    vec![
                        h.code.to_string(),
                        h.name.to_string(),
                        format!("{:.2}", h.weight),
                        h.hits.to_string(),
                        format!("{:.4}", h.contribution),
                        spans(&h.spans),
                    ]
                })
                .collect();
            out += &table(
                &[
                    "code",
                    "name",
                    "weight",
                    "hits",
                    "contribution",
                    "spans (bytes \"text\")",
                ],
                &rows,
            );
        }
        out += &format!(
            "interference score = 1 - exp(-{:.4} / {}) = {:.4}\n",
            self.interference_density, self.interference_scale, self.interference_score
        );
        if let Some(l) = &self.long_text {
            let comma = l
                .subordinate_comma_rate
                .map_or("n/a (no that/what/whether)".to_string(), |r| {
                    format!("{r:.3}")
                });
            out += &format!(
                "\nLong text (context only, not in the score; native range = 5th-95th percentile of {} native documents of 150+ words):\n\
article rate (a/an/the per word):             {:.3}  native {:.3}-{:.3}\n\
comma before that/what/whether:               {}  native {:.3}-{:.3}\n",
                l.native_documents,
                l.article_rate,
                l.native_article_rate.0,
                l.native_article_rate.1,
                comma,
                l.native_subordinate_comma_rate.0,
                l.native_subordinate_comma_rate.1,
            );
        }
        out += &format!("\nCampaign indicators ({} fired):\n", self.indicators.len());
        if !self.indicators.is_empty() {
            let rows: Vec<Vec<String>> = self
                .indicators
                .iter()
                .map(|i| {
                    let role = if let Some(k) = &i.counted_through {
                        format!("same evidence, counted through {k}")
                    } else if i.part {
                        format!("part of {}", i.part_of.join(", "))
                    } else if i.counted && !i.same_evidence.is_empty() {
                        format!(
                            "counted (also on its evidence: {})",
                            i.same_evidence.join(", ")
                        )
                    } else if i.counted {
                        if i.parts_fired.is_empty() {
                            "counted".to_string()
                        } else {
                            format!("counted (parts: {})", i.parts_fired.join(", "))
                        }
                    } else if i.weight.is_some_and(|w| w > 0.0) {
                        "counted through the combination it is part of".to_string()
                    } else {
                        "not counted (weight 0)".to_string()
                    };
                    vec![
                        i.id.clone(),
                        i.campaign.clone(),
                        i.kind.to_string(),
                        i.weight.map_or("-".into(), |w| format!("{w:.2}")),
                        role,
                        spans(&i.spans),
                    ]
                })
                .collect();
            out += &table(
                &[
                    "indicator",
                    "campaign",
                    "kind",
                    "weight",
                    "role",
                    "spans (bytes \"text\")",
                ],
                &rows,
            );
        }
        for c in &self.campaigns {
            out += &format!(
                "campaign {} ({}): 1 - Π(1 - w) over {} = {:.4}\n",
                c.id,
                c.name,
                c.counted.join(", "),
                c.score
            );
        }
        out += &format!(
            "campaign score (best campaign) = {:.4}\n",
            self.campaign_score
        );
        match &self.narrative {
            Some(n) => {
                let words: Vec<&str> = n.words.iter().map(|w| w.text.as_str()).collect();
                out += &format!(
                    "\nNarrative: {:?} ({}, {})\n  score {:.4} (coverage × information × density), {} of {} claim words: {}\n",
                    n.claim,
                    n.lang,
                    n.source,
                    n.score,
                    n.terms_matched,
                    n.claim_terms,
                    words.join(", ")
                );
                if let Some(k) = &n.counted_through {
                    out += &format!("  not counted: its words already count through {k}\n");
                } else if !n.same_evidence.is_empty() {
                    out += &format!(
                        "  counted instead of {} (same words, weaker)\n",
                        n.same_evidence.join(", ")
                    );
                }
            }
            None => out += "\nNarrative: none at or above the threshold\n",
        }
        if self.context.context.is_empty() {
            out += "Context: not looked for (nothing matched)\n";
        } else {
            out += &format!("Context: {}\n", self.context.context);
            for h in &self.context.hits {
                let what = if h.code == h.label {
                    h.code.clone()
                } else {
                    format!("{} {}", h.code, h.label)
                };
                out += &format!("  {what} ({}) {}\n", h.context, spans(&h.spans));
            }
        }
        let uncapped = 1.0
            - (1.0 - self.campaign_weight * self.campaign_score)
                * (1.0 - self.interference_weight * self.interference_score)
                * (1.0 - self.narrative_weight * self.narrative_score);
        out += &format!(
            "\noverall = 1 - (1 - {} × {:.4}) × (1 - {} × {:.4}) × (1 - {} × {:.4}) = {:.4}",
            self.campaign_weight,
            self.campaign_score,
            self.interference_weight,
            self.interference_score,
            self.narrative_weight,
            self.narrative_score,
            uncapped,
        );
        if self.context.capped {
            out += &format!(
                ", capped at {:.2} by the {} context",
                self.context.cap, self.context.context
            );
        }
        out += &format!(" → {:.4} {}\n", self.score, self.level);
        out
    }
}
