//! One item through every per-item stage: normalize → language and script → heuristics →
//! campaign rules → scores. Shared by `scan`, `explain` and `eval`.

use crate::campaigns::{CampaignSet, IndicatorHit};
use crate::config::{Config, Level};
use crate::context::{Context, ContextDetector, ContextKind, ItemMeta};
use crate::error::{Fatal, Result};
use crate::evidence::{self, NarrativeCount};
use crate::heuristics::{self, Heuristic};
use crate::langid::{LangId, LangInfo};
use crate::multi_search::MultiSearch;
use crate::narratives::{Claim, NarrativeMatch, NarrativeSet};
use crate::normalize::{normalize, Normalized};
use crate::record::{Record, Span};
use crate::rule_selection::RuleSelection;
use crate::score;
use crate::script::{self, ScriptStats};

/// A heuristic that fired on an item.
#[derive(Debug, Clone)]
pub struct HeuristicHit {
    /// Index into [`Analyzer::heuristics`].
    pub heuristic: usize,
    pub spans: Vec<Span>,
    /// Its share of the interference density (after length dilution).
    pub contribution: f64,
}

pub use crate::evidence::CampaignScore;

/// Everything the pipeline saw for one item.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub normalized: Normalized,
    pub lang: LangInfo,
    pub script: ScriptStats,
    pub tokens: usize,
    pub heuristic_hits: Vec<HeuristicHit>,
    pub indicator_hits: Vec<IndicatorHit>,
    /// Campaigns with a score > 0, best first (ties: campaign order).
    pub campaigns: Vec<CampaignScore>,
    pub interference_score: f64,
    pub campaign_score: f64,
    /// The best known claim the item repeats (at or above the threshold), if any.
    pub narrative: Option<NarrativeMatch>,
    /// How that match was counted against the campaign evidence.
    pub narrative_count: NarrativeCount,
    /// The narrative score that entered the overall score (0 if none, or not counted).
    pub narrative_score: f64,
    /// Whether the item reports on or debunks what it matched.
    pub context: Context,
    /// Whether the context capped the score (it would have been higher).
    pub capped: bool,
    pub score: f64,
    pub level: Level,
    /// Article and comma rates of an English item of 150+ words: context, not in any score.
    pub long_text: Option<heuristics::long_text::LongTextRates>,
}

impl Analysis {
    /// The best-matching campaign, if any indicator counted.
    pub fn best_campaign(&self) -> Option<&CampaignScore> {
        self.campaigns.first()
    }
}

/// The compiled, immutable state every worker thread shares.
pub struct Analyzer {
    pub config: Config,
    pub langid: LangId,
    pub campaigns: CampaignSet,
    /// Heuristics in registry order with their effective weights.
    pub heuristics: Vec<(&'static dyn Heuristic, f64)>,
    /// Effective weight of each indicator (config override or rule-file weight).
    pub indicator_weights: Vec<f64>,
    /// Known claims (rule files' narratives and `--narratives` databases); `None` when there
    /// are none, so that an item costs nothing more.
    pub narratives: Option<NarrativeSet>,
    /// Debunk and report cues, fact-checker and newsroom list.
    pub context: ContextDetector,
    triggers: Triggers,
}

thread_local! {
    /// Campaign phrases found by the one-pass search, reused from item to item.
    static PHRASES_FOUND: std::cell::RefCell<Vec<(usize, usize, usize)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// Occurrences (pattern, start) of the narrative gate's patterns found by the same pass.
    static GATE_FOUND: std::cell::RefCell<Vec<(u32, u32)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Non-ASCII characters that Unicode case folding maps to ASCII letters (ſ → s, K → k).
pub const UNICODE_FOLDS: [&str; 2] = ["\u{017F}", "\u{212A}"];

/// Per language, one automaton over its heuristics' trigger words, so that a heuristic's own
/// (costlier) check runs only on texts where it can fire, and a text is scanned only for the
/// triggers of its own language.
struct Triggers {
    by_lang: Vec<LangTriggers>,
}

struct LangTriggers {
    lang: &'static str,
    automaton: Option<MultiSearch>,
    /// For each automaton pattern, the heuristics (indices into `Analyzer::heuristics`) it triggers.
    owners: Vec<Vec<usize>>,
    /// Heuristics of this language with no triggers: they always run.
    always: Vec<usize>,
    /// Every heuristic of this language with a positive weight, in registry order.
    members: Vec<usize>,
    /// The automaton's patterns, in order.
    patterns: Vec<String>,
    /// The same trigger words searched together with the campaign set's phrase patterns.
    merged: Option<MergedPass>,
}

/// For one language, one automaton over the campaign set's phrase patterns followed by the
/// language's trigger words and the narrative gate's patterns. On ASCII text that normalization only lowercases (same length),
/// every trigger that occurs in the original text, in any ASCII case, occurs in the normalized
/// view, so one pass over that view serves both the campaign rules and the heuristics.
struct MergedPass {
    automaton: MultiSearch,
    /// Patterns below this index are the campaign set's; pattern `campaign_patterns + k` is
    /// trigger `k`, owned by `owners[k]`; the narrative gate's patterns follow.
    campaign_patterns: usize,
    owners: Vec<Vec<usize>>,
    /// Whether the narrative gate's patterns are searched too.
    narrative_gate: bool,
}

impl MergedPass {
    /// `None` when a trigger word holds white space other than a space, which normalization
    /// would turn into a space; non-ASCII triggers are left out, since they cannot occur in the
    /// ASCII texts this pass is used for.
    fn build(
        campaign_patterns: &[Vec<u8>],
        triggers: &LangTriggers,
        narrative_gate: Option<&[String]>,
    ) -> Option<MergedPass> {
        if triggers
            .patterns
            .iter()
            .any(|t| t.chars().any(|c| c.is_whitespace() && c != ' '))
        {
            return None;
        }
        let mut patterns: Vec<&[u8]> = campaign_patterns.iter().map(Vec::as_slice).collect();
        let mut owners = Vec::new();
        for (t, owner) in triggers.patterns.iter().zip(&triggers.owners) {
            if t.is_ascii() {
                patterns.push(t.as_bytes());
                owners.push(owner.clone());
            }
        }
        patterns.extend(narrative_gate.unwrap_or(&[]).iter().map(String::as_bytes));
        let automaton = MultiSearch::new(&patterns, false).ok()?;
        Some(MergedPass {
            automaton,
            campaign_patterns: campaign_patterns.len(),
            owners,
            narrative_gate: narrative_gate.is_some(),
        })
    }
}

impl Triggers {
    fn new(heuristics: &[(&'static dyn Heuristic, f64)]) -> Self {
        let mut by_lang: Vec<LangTriggers> = Vec::new();
        for (i, (h, weight)) in heuristics.iter().enumerate() {
            if *weight <= 0.0 {
                continue;
            }
            let lang = h.info().lang.code();
            if !by_lang.iter().any(|t| t.lang == lang) {
                by_lang.push(LangTriggers {
                    lang,
                    automaton: None,
                    owners: Vec::new(),
                    always: Vec::new(),
                    members: Vec::new(),
                    patterns: Vec::new(),
                    merged: None,
                });
            }
            by_lang
                .iter_mut()
                .find(|t| t.lang == lang)
                .expect("just added")
                .members
                .push(i);
        }
        for t in &mut by_lang {
            t.build(heuristics);
        }
        Triggers { by_lang }
    }

    /// Which heuristics (indices, in registry order) may fire on `text`, written in `language`.
    fn active(&self, text: &str, language: &str) -> Vec<usize> {
        let Some(t) = self.by_lang.iter().find(|t| t.lang == language) else {
            return Vec::new();
        };
        t.active(|add| {
            if let Some(ac) = &t.automaton {
                ac.for_each(text.as_bytes(), |p, _, _| add(&t.owners[p]));
            }
        })
    }
}

/// Longest trigger searched: longer ones select little more and cost automaton states.
const MAX_TRIGGER_BYTES: usize = 12;

impl LangTriggers {
    /// The heuristics to run, in registry order: those without triggers, plus the owners of
    /// every trigger found, which `search` hands to the function it is given.
    fn active(&self, search: impl FnOnce(&mut dyn FnMut(&[usize]))) -> Vec<usize> {
        // Room for a few triggered heuristics besides those that always run: no regrowth.
        let mut active = Vec::with_capacity(self.always.len() + 16);
        active.extend_from_slice(&self.always);
        search(&mut |owners| active.extend_from_slice(owners));
        active.sort_unstable();
        active.dedup();
        active
    }

    fn build(&mut self, heuristics: &[(&'static dyn Heuristic, f64)]) {
        let mut patterns: Vec<String> = Vec::new();
        let mut with_triggers = Vec::new();
        for &i in &self.members {
            let triggers = heuristics[i].0.info().triggers;
            if triggers.is_empty() {
                self.always.push(i);
                continue;
            }
            with_triggers.push(i);
            for t in triggers {
                let mut t = t.to_ascii_lowercase();
                // Where a trigger occurs, so does its head; heads keep the automaton small.
                if t.len() > MAX_TRIGGER_BYTES {
                    let cut = (0..=MAX_TRIGGER_BYTES)
                        .rev()
                        .find(|&k| t.is_char_boundary(k));
                    t.truncate(cut.unwrap_or(t.len()));
                }
                match patterns.iter().position(|p| *p == t) {
                    Some(k) if self.owners[k].contains(&i) => {}
                    Some(k) => self.owners[k].push(i),
                    None => {
                        patterns.push(t);
                        self.owners.push(vec![i]);
                    }
                }
            }
        }
        if with_triggers.is_empty() {
            return;
        }
        // `(?i)` regexes also match `ſ` (long s) for s and `K` (Kelvin sign) for k, which an
        // ASCII case-insensitive automaton does not fold: either wakes every heuristic that has
        // triggers, so trigger words stay sound under Unicode case folding.
        for folded in UNICODE_FOLDS {
            patterns.push(folded.to_string());
            self.owners.push(with_triggers.clone());
        }
        self.patterns = patterns.clone();
        // Hundreds of patterns: a DFA, ~2x faster than the default NFA here.
        self.automaton = Some(MultiSearch::new(&patterns, true).expect("trigger words compile"));
    }
}

impl Analyzer {
    pub fn new(config: Config, campaigns: CampaignSet) -> Result<Self> {
        Self::with_selection(config, campaigns, &RuleSelection::all())
    }

    /// An analyzer running only the heuristics `selection` selects (the campaign set obeys the
    /// selection it was loaded with, see [`crate::campaigns::RuleSources::select`]). A selector
    /// that matches no heuristic and no indicator is a config error: most likely a typo.
    pub fn with_selection(
        config: Config,
        campaigns: CampaignSet,
        selection: &RuleSelection,
    ) -> Result<Self> {
        // Every code, selected or not: a config weight for a deselected rule is not an error.
        let known: Vec<&str> = heuristics::all()
            .map(|h| h.info().code)
            .chain(campaigns.indicators.iter().map(|i| i.id.as_str()))
            .chain(campaigns.left_out.iter().map(String::as_str))
            .collect();
        let unmatched = selection.unmatched(known.iter().copied());
        if !unmatched.is_empty() {
            return Err(Fatal::config(format!(
                "--select/--ignore: {} matches no heuristic code or indicator id (see `calque heuristics` and `calque rules list`)",
                unmatched.join(", ")
            )));
        }
        let heuristics: Vec<(&'static dyn Heuristic, f64)> = heuristics::all()
            .filter(|h| selection.selects(h.info().code))
            .map(|h| {
                (
                    h,
                    config
                        .weights
                        .get(h.info().code)
                        .copied()
                        .unwrap_or(h.info().weight),
                )
            })
            .collect();
        let indicator_weights = campaigns
            .indicators
            .iter()
            .map(|i| config.weights.get(&i.id).copied().unwrap_or(i.weight))
            .collect();
        for code in config.weights.keys() {
            let known = known.contains(&code.as_str());
            if !known {
                return Err(Fatal::config(format!(
                    "config [weights]: {code:?} is neither a heuristic code nor an indicator id (see `calque heuristics` and `calque rules list`)"
                )));
            }
        }
        let allow = if config.langid.allow.is_empty() {
            let mut langs: Vec<String> = crate::langid::DEFAULT_ALLOW
                .iter()
                .map(|s| s.to_string())
                .collect();
            for l in campaigns.languages() {
                if !langs.contains(&l) {
                    langs.push(l);
                }
            }
            langs
        } else {
            config.langid.allow.clone()
        };
        let langid = LangId::new(&allow)
            .map_err(|e| Fatal::config(format!("config [langid] allow: {e}")))?;
        let triggers = Triggers::new(&heuristics);
        let narratives = (!campaigns.narratives.is_empty())
            .then(|| NarrativeSet::build(campaigns.narratives.clone()));
        let mut analyzer = Analyzer {
            config,
            langid,
            campaigns,
            heuristics,
            indicator_weights,
            narratives,
            context: ContextDetector::embedded()?,
            triggers,
        };
        analyzer.build_merged_passes();
        Ok(analyzer)
    }

    /// Per language, the one automaton over campaign phrases, trigger words and the narrative
    /// gate's patterns (again when the claims change).
    fn build_merged_passes(&mut self) {
        for t in &mut self.triggers.by_lang {
            if t.automaton.is_some() {
                let gate = self
                    .narratives
                    .as_ref()
                    .and_then(|n| n.gate_patterns(t.lang));
                t.merged = MergedPass::build(self.campaigns.phrase_patterns(), t, gate);
            }
        }
    }

    /// Also match these claims (from `--narratives` databases), besides the rule files' own.
    pub fn with_claims(mut self, claims: Vec<Claim>) -> Self {
        if claims.is_empty() {
            return self;
        }
        let mut all = self.campaigns.narratives.clone();
        all.extend(claims);
        self.narratives = Some(NarrativeSet::build(all));
        self.build_merged_passes();
        self
    }

    /// Use this context detector (e.g. another fact-checker list) instead of the embedded one.
    pub fn with_context(mut self, context: ContextDetector) -> Self {
        self.context = context;
        self
    }

    /// Analyse one record as `scan` does: its text, and the author, URL and links the
    /// campaign rules and the context look at. The scan pipeline and the Python binding both
    /// call this, so that they score a record alike.
    pub fn analyze_record(&self, record: &Record) -> Analysis {
        self.analyze_item(
            &record.text,
            &crate::context::ItemMeta {
                author: &record.author,
                url: &record.url,
                links: &record.links,
            },
        )
    }

    /// Analyse one item's text.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_item(text, &ItemMeta::default())
    }

    /// Analyse one item: its text, the author and URL the context looks at, and the links it
    /// carries outside its text (entity hrefs, expanded URLs: [`crate::record::Record::links`]),
    /// which the campaign rules see as if written where the text shows them.
    pub fn analyze_item(&self, text: &str, meta: &ItemMeta<'_>) -> Analysis {
        let script = script::measure(text);
        let lang = self.langid.detect(text, script.cyrillic_share());
        let tokens = score::count_tokens(text);
        let normalized = normalize(text);

        let lang_triggers = self.triggers.by_lang.iter().find(|t| t.lang == lang.code);
        let merged = lang_triggers
            .and_then(|t| t.merged.as_ref().map(|m| (t, m)))
            .filter(|_| text.is_ascii() && normalized.text.len() == text.len());
        // Whether GATE_FOUND holds the narrative gate's occurrences in this item.
        let gate_searched = merged.is_some_and(|(_, pass)| pass.narrative_gate);
        let (heuristic_hits, indicator_hits) = match merged {
            Some((triggers, pass)) => PHRASES_FOUND.with(|phrases| {
                let mut phrases = phrases.borrow_mut();
                phrases.clear();
                let mut gate = GATE_FOUND.with(std::cell::RefCell::take);
                gate.clear();
                let triggers_end = pass.campaign_patterns + pass.owners.len();
                let active = triggers.active(|add| {
                    pass.automaton
                        .for_each(normalized.text.as_bytes(), |k, start, end| {
                            if k >= triggers_end {
                                gate.push(((k - triggers_end) as u32, start as u32));
                            } else if k >= pass.campaign_patterns {
                                add(&pass.owners[k - pass.campaign_patterns]);
                            } else {
                                phrases.push((k, start, end));
                            }
                        })
                });
                GATE_FOUND.with(|g| *g.borrow_mut() = gate);
                (
                    self.run_heuristics(text, &active, tokens),
                    self.campaigns.matches_found(
                        text,
                        &normalized,
                        lang.code,
                        meta.links,
                        phrases.drain(..),
                    ),
                )
            }),
            None => (
                self.heuristic_hits(text, lang.code, tokens),
                self.campaigns
                    .matches_with_links(text, &normalized, lang.code, meta.links),
            ),
        };
        let density: f64 = heuristic_hits.iter().map(|h| h.contribution).sum();
        let interference_score = score::interference_from_density(density, &self.config);

        let mut campaigns =
            evidence::campaign_scores(&self.campaigns, &self.indicator_weights, &indicator_hits);
        let params = self.config.narratives.params();
        let narrative = self.narratives.as_ref().and_then(|n| {
            if gate_searched {
                GATE_FOUND
                    .with(|g| n.best_found(text, &normalized.text, &g.borrow(), lang.code, &params))
            } else {
                n.best_normalized(text, &normalized.text, lang.code, &params)
            }
        });
        let narrative_count = match &narrative {
            Some(m) => evidence::count_narrative(
                &mut campaigns,
                &self.indicator_weights,
                &indicator_hits,
                &m.spans,
                self.config.score.narrative_weight * m.score,
            ),
            None => NarrativeCount::default(),
        };
        let narrative_score = match &narrative {
            Some(m) if narrative_count.counted => m.score,
            _ => 0.0,
        };
        let campaign_score = campaigns.first().map_or(0.0, |c| c.score);
        let mut score = score::overall_score(
            campaign_score,
            interference_score,
            narrative_score,
            &self.config,
        );
        let context = if campaign_score > 0.0 || narrative.is_some() {
            let mut spans: Vec<Span> = campaigns
                .iter()
                .flat_map(|c| c.counted.iter())
                .flat_map(|&k| indicator_hits[k].spans.iter().copied())
                .collect();
            if let Some(m) = &narrative {
                spans.extend_from_slice(&m.spans);
            }
            self.context
                .detect(text, &normalized, lang.code, meta, &spans)
        } else {
            Context::default()
        };
        let capped = context.kind != ContextKind::None && score > self.config.score.context_cap;
        if capped {
            score = self.config.score.context_cap;
        }
        let long_text = if lang.code == "en" {
            heuristics::long_text::measure(text, tokens)
        } else {
            None
        };
        Analysis {
            normalized,
            lang,
            script,
            tokens,
            heuristic_hits,
            indicator_hits,
            campaigns,
            interference_score,
            campaign_score,
            narrative,
            narrative_count,
            narrative_score,
            context,
            capped,
            score,
            level: self.config.level(score),
            long_text,
        }
    }

    /// Run the heuristics of language `lang` whose trigger words occur in `text` (an item of
    /// `tokens` word tokens); contributions are already diluted by length.
    pub fn heuristic_hits(&self, text: &str, lang: &str, tokens: usize) -> Vec<HeuristicHit> {
        self.run_heuristics(text, &self.triggers.active(text, lang), tokens)
    }

    /// Run the heuristics `active` (indices, in registry order) on `text`.
    fn run_heuristics(&self, text: &str, active: &[usize], tokens: usize) -> Vec<HeuristicHit> {
        let length = score::length_factor(tokens, &self.config);
        let mut hits = Vec::new();
        let mut spans = Vec::new();
        for &i in active {
            let (h, weight) = self.heuristics[i];
            spans.clear();
            h.check(text, &mut spans);
            if spans.is_empty() {
                continue;
            }
            spans.sort();
            spans.dedup();
            let raw = score::heuristic_contribution(weight, spans.len(), &self.config);
            hits.push(HeuristicHit {
                heuristic: i,
                spans: std::mem::take(&mut spans),
                contribution: raw / length,
            });
        }
        hits
    }

    pub fn heuristic(&self, hit: &HeuristicHit) -> &'static dyn Heuristic {
        self.heuristics[hit.heuristic].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::new(Config::default(), CampaignSet::embedded().unwrap()).unwrap()
    }

    fn codes(a: &Analysis, analyzer: &Analyzer) -> Vec<&'static str> {
        a.heuristic_hits
            .iter()
            .map(|h| analyzer.heuristic(h).info().code)
            .collect()
    }

    #[test]
    fn trigger_gating_survives_unicode_case_folding() {
        let an = analyzer();
        let plain = an.analyze("We will publish the whole video in the nearest time, my friends");
        assert!(codes(&plain, &an).contains(&"RU-EN-LEX-001"));
        // Long s (ſ) folds to s under (?i): the regex matches, so the gate must open too.
        let folded =
            an.analyze("We will publish the whole video in the neare\u{17F}t time, my friends");
        assert!(
            codes(&folded, &an).contains(&"RU-EN-LEX-001"),
            "{:?}",
            codes(&folded, &an)
        );
    }

    /// The one-pass path (campaign phrases and trigger words in one automaton, on ASCII text)
    /// must find exactly what the two separate passes find.
    #[test]
    fn one_pass_over_ascii_text_equals_two_passes() {
        let an = analyzer();
        let mut texts: Vec<String> = vec![
            "CAN YOU VERIFY this video? We will publish it In The Nearest Time, on the photo"
                .into(),
            "Kiev regime,that is what he said, that the collective West consists from\tvassals"
                .into(),
            "I am knowing since 2014 he lives in Kharkov. Such situation is very bad!".into(),
            "La situation est tres mauvais, le 24.02.2022 annee, il faut que vous venez".into(),
            "Check   rrn.media and https://www.bild.pics/x #StandWithRussia Doppelganger".into(),
        ];
        let sample = include_str!("../data/samples/posts.txt");
        texts.extend(sample.lines().filter(|l| l.is_ascii()).map(String::from));
        let (mut one_pass, mut fired_h, mut fired_i) = (0, 0, 0);
        for text in &texts {
            let a = an.analyze(text);
            let normalized = normalize(text);
            if text.is_ascii() && normalized.text.len() == text.len() {
                one_pass += 1;
            }
            let heuristics: Vec<(usize, Vec<Span>)> = an
                .heuristic_hits(text, a.lang.code, a.tokens)
                .into_iter()
                .map(|h| (h.heuristic, h.spans))
                .collect();
            let indicators: Vec<(usize, Vec<Span>)> = an
                .campaigns
                .matches(text, &normalized, a.lang.code)
                .into_iter()
                .map(|h| (h.indicator, h.spans))
                .collect();
            let got_h: Vec<(usize, Vec<Span>)> = a
                .heuristic_hits
                .iter()
                .map(|h| (h.heuristic, h.spans.clone()))
                .collect();
            let got_i: Vec<(usize, Vec<Span>)> = a
                .indicator_hits
                .iter()
                .map(|h| (h.indicator, h.spans.clone()))
                .collect();
            assert_eq!(got_h, heuristics, "{text:?}");
            assert_eq!(got_i, indicators, "{text:?}");
            fired_h += got_h.len();
            fired_i += got_i.len();
        }
        assert!(one_pass >= 5, "the one-pass path should have been taken");
        assert!(
            fired_h >= 5 && fired_i >= 5,
            "{fired_h} heuristic and {fired_i} indicator hits"
        );
    }

    /// The narrative gate searched in the one pass finds the matches the plain search finds.
    #[test]
    fn the_one_pass_narrative_gate_changes_no_match() {
        let an = analyzer();
        let set = an.narratives.as_ref().expect("the rule files' narratives");
        let mut texts: Vec<String> = Vec::new();
        for c in &set.claims {
            texts.extend([
                c.text.clone(),
                c.text.to_lowercase(),
                format!("RT: {}", c.text),
            ]);
            texts.extend(c.fires_on.iter().cloned());
            texts.extend(c.must_not_fire_on.iter().cloned());
        }
        let sample = include_str!("../data/samples/posts.txt");
        texts.extend(sample.lines().map(String::from));
        let (mut matched, mut one_pass) = (0, 0);
        for text in &texts {
            let a = an.analyze(text);
            let plain = set.best(text, a.lang.code, &an.config.narratives.params());
            assert_eq!(a.narrative, plain, "{text:?}");
            matched += usize::from(plain.is_some());
            one_pass += usize::from(text.is_ascii() && a.normalized.text.len() == text.len());
        }
        assert!(
            matched >= 10 && one_pass >= 10,
            "{matched} matched, {one_pass} in one pass"
        );
    }

    #[test]
    fn heuristics_run_only_on_their_language() {
        let an = analyzer();
        let fr = an.analyze("Le ministre a dit que la situation reste très grave, on the photo");
        assert_eq!(fr.lang.code, "fr");
        assert!(codes(&fr, &an).iter().all(|c| c.starts_with("RU-FR-")));
    }

    #[test]
    fn a_campaign_match_alone_can_be_high_language_alone_cannot() {
        let an = analyzer();
        let tells = an.analyze("You can see on the photo how Kiev regime destroyed school. Zelensky said, that he will continue in the nearest time.");
        assert!(tells.interference_score > 0.9);
        assert_ne!(tells.level, Level::High);
        let campaign = an.analyze("@AFPFactCheck @BBCVerify can you verify this BBC video? Ukrainian refugees set fire to a church.");
        assert_eq!(campaign.level, Level::High);
    }
}
