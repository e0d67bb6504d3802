//! Known narratives: claims that fact-checkers already checked (claim databases given with
//! `--narratives FILE`, and the `[[narrative]]` tables of campaign rule files), and the
//! lexical retrieval model that finds the claim an item repeats.
//!
//! English claims are matched against English items and French claims against French items,
//! each through its own inverted index ([`index::LangIndex`]): Snowball stems, stop words left
//! out, entity-like terms weighted up, BM25 term weights. See `docs/scoring.md`.

pub mod gate;
pub mod index;
pub mod load;
pub mod tokens;

use crate::record::Span;
use index::{LangIndex, Scored, Scratch};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

/// One known claim.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claim {
    /// The claim as the database states it.
    pub text: String,
    /// "en" or "fr".
    pub lang: &'static str,
    /// Its id in the database (a rule's narrative id, a CSV id), if any.
    pub id: String,
    /// The fact-check or case URL, if any.
    pub url: String,
    pub date: String,
    /// The fact-checker's verdict ("False", "Disinformation"), if given.
    pub rating: String,
    /// Who checked it, if given.
    pub author: String,
    /// Where it was loaded from: "file:line", "file:$.claims[3]" or "rules.toml:12".
    pub origin: String,
    /// The campaign whose rule file declares it.
    pub campaign: Option<String>,
    /// A rule file's `source`: the report (and date) the claim comes from.
    pub citation: String,
    /// A rule file's examples: texts it must (not) be the best match of.
    pub fires_on: Vec<String>,
    pub must_not_fire_on: Vec<String>,
}

impl Claim {
    /// What the report's `narrative_source` shows: the URL, else where the claim came from.
    pub fn source(&self) -> &str {
        if self.url.is_empty() {
            &self.origin
        } else {
            &self.url
        }
    }
}

/// How narrative matches are accepted (`[narratives]` in the config).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchParams {
    /// Lowest narrative score reported.
    pub threshold: f64,
    /// Fewest distinct claim terms an item must share.
    pub min_terms: usize,
}

/// The best claim an item matched.
#[derive(Debug, Clone, PartialEq)]
pub struct NarrativeMatch {
    /// Index into [`NarrativeSet::claims`].
    pub claim: usize,
    /// Coverage × information × density (see [`index`]), in [0, 1].
    pub score: f64,
    /// The covered weight itself.
    pub weight: f64,
    /// Distinct claim terms found, and the claim's informative terms.
    pub terms: usize,
    pub claim_terms: usize,
    /// The claim's total weight.
    pub claim_weight: f64,
    /// Informative words of the item from the first matched word to the last.
    pub window: usize,
    /// Where the matched words are in the item's text, in text order.
    pub spans: Vec<Span>,
}

/// Every loaded claim, indexed per language.
#[derive(Debug)]
pub struct NarrativeSet {
    pub claims: Vec<Claim>,
    indexes: Vec<Option<LangIndex>>,
    /// Identifies this set's term ids in the per-thread working memory.
    generation: u64,
}

static GENERATION: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// Per thread: the generation of the set the scratch spaces belong to, and one scratch
    /// per language.
    static SCRATCH: RefCell<(u64, Vec<Scratch>)> = const { RefCell::new((0, Vec::new())) };
}

impl NarrativeSet {
    /// Index `claims` (English and French; other languages must not be passed).
    pub fn build(claims: Vec<Claim>) -> Self {
        let indexes = tokens::LANGUAGES
            .iter()
            .map(|&lang| {
                let of_lang = claims
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.lang == lang)
                    .map(|(i, c)| (i, c.text.as_str()));
                let index = LangIndex::build(lang, of_lang);
                (!index.is_empty()).then_some(index)
            })
            .collect();
        NarrativeSet {
            claims,
            indexes,
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// Claims per language, in [`tokens::LANGUAGES`] order.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        tokens::LANGUAGES
            .iter()
            .zip(&self.indexes)
            .map(|(l, i)| (*l, i.as_ref().map_or(0, LangIndex::len)))
            .collect()
    }

    /// Claims that can never match: none of their words is informative (only stop words or
    /// terms common to the whole database).
    pub fn unmatchable(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for index in self.indexes.iter().flatten() {
            for (local, &global) in index.claim_ids.iter().enumerate() {
                if index.informative_terms(local) == 0 {
                    out.push(global as usize);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Terms too common in a language's claims to count.
    pub fn common_terms(&self, lang: &str) -> Vec<&str> {
        tokens::language_index(lang)
            .and_then(|i| self.indexes[i].as_ref())
            .map_or_else(Vec::new, LangIndex::common_terms)
    }

    /// The best claim of language `lang` that `text` matches at or above the threshold.
    pub fn best(&self, text: &str, lang: &str, params: &MatchParams) -> Option<NarrativeMatch> {
        self.best_in_view(text, None, lang, params)
    }

    /// [`Self::best`] of an item whose normalized view (`crate::normalize`) is at hand: the
    /// same match, found at less cost (the view is searched first for the terms a match
    /// needs, see [`gate`]; words of ASCII text are read from it without folding).
    pub fn best_normalized(
        &self,
        text: &str,
        normalized: &str,
        lang: &str,
        params: &MatchParams,
    ) -> Option<NarrativeMatch> {
        let gate = Gate {
            view: normalized,
            occurrences: None,
            threshold: params.threshold,
        };
        self.best_in_view(text, Some(gate), lang, params)
    }

    /// The strings the gate of language `lang` searches the normalized view for, if it has
    /// one: a caller that searches the view anyway can look for them in the same pass and
    /// hand every occurrence to [`Self::best_found`].
    pub fn gate_patterns(&self, lang: &str) -> Option<&[String]> {
        let li = tokens::language_index(lang)?;
        self.indexes[li].as_ref()?.gate_patterns()
    }

    /// [`Self::best_normalized`], given every occurrence (pattern index, start) of
    /// [`Self::gate_patterns`] of `lang` in the view, overlapping ones included.
    pub fn best_found(
        &self,
        text: &str,
        normalized: &str,
        occurrences: &[(u32, u32)],
        lang: &str,
        params: &MatchParams,
    ) -> Option<NarrativeMatch> {
        let gate = Gate {
            view: normalized,
            occurrences: Some(occurrences),
            threshold: params.threshold,
        };
        self.best_in_view(text, Some(gate), lang, params)
    }

    fn best_in_view(
        &self,
        text: &str,
        gate: Option<Gate<'_>>,
        lang: &str,
        params: &MatchParams,
    ) -> Option<NarrativeMatch> {
        self.search(
            text,
            gate,
            lang,
            params.min_terms,
            |index, query, scratch| {
                let mut best: Option<Scored> = None;
                let floor = params.threshold;
                index.score(query, params.min_terms, floor, scratch, |s| {
                    if best.as_ref().is_none_or(|b| ranks_before(&s, b)) {
                        best = Some(s);
                    }
                });
                best.filter(|b| b.score >= params.threshold)
                    .into_iter()
                    .collect()
            },
        )
        .into_iter()
        .next()
    }

    /// The `k` best claims of language `lang` sharing at least `min_terms` terms with
    /// `text`, best first (score, then covered weight, then claim order), no threshold.
    pub fn ranked(
        &self,
        text: &str,
        lang: &str,
        min_terms: usize,
        k: usize,
    ) -> Vec<NarrativeMatch> {
        self.search(text, None, lang, min_terms, |index, query, scratch| {
            let mut scored = Vec::new();
            index.score(query, min_terms, 0.0, scratch, |s| scored.push(s));
            scored.sort_by(|a, b| {
                if ranks_before(a, b) {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                }
            });
            scored.truncate(k);
            scored
        })
    }

    /// Run `pick` on the index of `lang` with the query terms of `text` and this thread's
    /// working memory; turn the claims it picks into matches. With `text`'s normalized view
    /// and a score threshold, nothing is picked when the gate finds that no claim can reach it.
    fn search(
        &self,
        text: &str,
        gate: Option<Gate<'_>>,
        lang: &str,
        min_terms: usize,
        pick: impl FnOnce(&LangIndex, &[index::QueryTerm], &mut Scratch) -> Vec<Scored>,
    ) -> Vec<NarrativeMatch> {
        let Some(li) = tokens::language_index(lang) else {
            return Vec::new();
        };
        let Some(index) = self.indexes[li].as_ref() else {
            return Vec::new();
        };
        SCRATCH.with(|cell| {
            let mut cell = cell.borrow_mut();
            let (generation, scratches) = &mut *cell;
            if *generation != self.generation {
                *generation = self.generation;
                scratches.clear();
            }
            if scratches.len() <= li {
                scratches.resize_with(tokens::LANGUAGES.len(), Scratch::default);
            }
            let scratch = &mut scratches[li];
            // ASCII text whose view is as long is lowercased byte for byte (see `normalize`).
            let view = gate.as_ref().map(|g| g.view);
            let lowercased = view.filter(|v| text.is_ascii() && v.len() == text.len());
            if let Some(g) = gate {
                let (lower, threshold) = (lowercased.is_some(), g.threshold);
                if !index.may_match(g.view, lower, g.occurrences, min_terms, threshold, scratch) {
                    return Vec::new();
                }
            }
            let query = index.query_terms(text, lowercased, scratch);
            if query.len() < min_terms.max(1) {
                return Vec::new();
            }
            pick(index, &query, scratch)
                .into_iter()
                .map(|s| NarrativeMatch {
                    claim: index.claim_ids[s.claim as usize] as usize,
                    score: s.score,
                    weight: s.weight,
                    terms: s.terms,
                    claim_terms: index.informative_terms(s.claim as usize),
                    claim_weight: s.claim_weight,
                    window: s.window,
                    spans: index.matched_spans(s.claim, &query),
                })
                .collect()
        })
    }
}

/// What the gate looks at: an item's normalized view, the occurrences of the gate's patterns
/// in it if the caller found them, and the score a match needs.
#[derive(Clone, Copy)]
struct Gate<'a> {
    view: &'a str,
    occurrences: Option<&'a [(u32, u32)]>,
    threshold: f64,
}

/// Whether `a` ranks before `b`: higher score, then higher covered weight, then the claim
/// loaded first. A strict total order, so the best claim does not depend on visiting order.
fn ranks_before(a: &Scored, b: &Scored) -> bool {
    b.score
        .total_cmp(&a.score)
        .then(b.weight.total_cmp(&a.weight))
        .then(a.claim.cmp(&b.claim))
        .is_lt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str, lang: &'static str) -> Claim {
        Claim {
            text: text.into(),
            lang,
            origin: "test".into(),
            ..Claim::default()
        }
    }

    fn set() -> NarrativeSet {
        NarrativeSet::build(vec![
            claim(
                "Olena Zelenska bought a Bugatti in Paris with US aid money",
                "en",
            ),
            claim("Ukrainian refugees are behind most crimes in Germany", "en"),
            claim("The minister bought a villa in Spain with aid money", "en"),
            claim(
                "Les réfugiés ukrainiens sont responsables de la plupart des crimes",
                "fr",
            ),
        ])
    }

    const PARAMS: MatchParams = MatchParams {
        threshold: 0.5,
        min_terms: 3,
    };

    #[test]
    fn a_paraphrase_finds_its_claim_and_shows_the_words() {
        let s = set();
        let text = "Zelensky's wife Olena bought herself a Bugatti with American aid, in Paris!";
        let m = s.best(text, "en", &PARAMS).expect("match");
        assert_eq!(m.claim, 0);
        assert!(m.score > 0.5 && m.score <= 1.0, "{m:?}");
        let words: Vec<&str> = m.spans.iter().map(|sp| sp.slice(text)).collect();
        assert!(
            words.contains(&"Bugatti") && words.contains(&"Paris"),
            "{words:?}"
        );
    }

    #[test]
    fn languages_stay_apart_and_unrelated_text_matches_nothing() {
        let s = set();
        let fr = "Selon eux, les réfugiés ukrainiens seraient responsables des crimes";
        assert_eq!(s.best(fr, "fr", &PARAMS).map(|m| m.claim), Some(3));
        assert_eq!(s.best(fr, "en", &PARAMS), None);
        assert_eq!(
            s.best(
                "Refugees behind most crimes in Germany, Ukrainian ones",
                "fr",
                &PARAMS
            ),
            None
        );
        assert_eq!(
            s.best("What a lovely day at the beach", "en", &PARAMS),
            None
        );
        assert_eq!(s.best("anything", "de", &PARAMS), None);
    }

    #[test]
    fn two_sets_on_one_thread_do_not_share_memoised_terms() {
        let a = set();
        let b = NarrativeSet::build(vec![claim("Bugatti Paris Zelenska aid money", "en")]);
        let text = "Zelenska bought a Bugatti in Paris with aid money";
        for _ in 0..2 {
            assert_eq!(a.best(text, "en", &PARAMS).map(|m| m.claim), Some(0));
            assert_eq!(b.best(text, "en", &PARAMS).map(|m| m.claim), Some(0));
        }
    }

    /// The gate may only save work: over the rule files' claims and the ones above, every
    /// claim text, its examples, paraphrases (case, accents, spellings, numbers, words left
    /// out or glued to numbers) and all sample and fixture texts, the gated search finds
    /// exactly what the plain one finds.
    #[test]
    fn the_gate_never_changes_a_match() {
        use crate::normalize::{normalize, test_inputs};
        let mut claims = crate::campaigns::CampaignSet::embedded()
            .unwrap()
            .narratives;
        claims.extend(set().claims);
        claims.push(claim(
            "Colourful rumours: the organisers paid 4.8 million to 21 paediatricians",
            "en",
        ));
        claims.push(claim(
            "Les chevaux heureux expliquent évidemment la permanence des 3 milliards",
            "fr",
        ));
        let s = NarrativeSet::build(claims.clone());
        assert!(s.indexes.iter().flatten().all(LangIndex::is_gated));
        let mut texts: Vec<String> = Vec::new();
        for c in &claims {
            let t = c.text.as_str();
            let words: Vec<&str> = t.split(' ').collect();
            texts.extend([
                t.to_string(),
                t.to_uppercase(),
                t.to_lowercase(),
                format!("RT @someone: {t} https://t.co/x"),
                t.replace('e', "é").replace('a', "à"),
                t.replace("iz", "is")
                    .replace("or", "our")
                    .replace("pe", "pae"),
                t.replace(" million", "M").replace(" milliards", "bn"),
                t.replace(' ', "  "),
                t.replace(' ', "1"),
                words
                    .iter()
                    .step_by(2)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" "),
                words.iter().rev().copied().collect::<Vec<_>>().join(", "),
            ]);
            texts.extend(c.fires_on.iter().cloned());
            texts.extend(c.must_not_fire_on.iter().cloned());
        }
        texts.extend(test_inputs::samples_and_fixtures());
        texts.extend(test_inputs::generated(1000));
        texts.extend(test_inputs::HAND_PICKED.iter().map(|t| t.to_string()));
        // Matches without a threshold, and with one; items the gate turned away.
        let (mut matched, mut closed) = ([0, 0], 0);
        let en = s.indexes[0].as_ref().unwrap();
        let mut scratch = Scratch::default();
        let searches: Vec<crate::multi_search::MultiSearch> = tokens::LANGUAGES
            .iter()
            .map(|l| crate::multi_search::MultiSearch::new(s.gate_patterns(l).unwrap(), false))
            .collect::<Result<_, _>>()
            .unwrap();
        for text in &texts {
            let view = normalize(text).text;
            let lowercased = text.is_ascii() && view.len() == text.len();
            closed += usize::from(!en.may_match(&view, lowercased, None, 3, 0.4, &mut scratch));
            for params in [
                PARAMS,
                MatchParams {
                    threshold: 0.0,
                    min_terms: 1,
                },
                MatchParams {
                    threshold: 0.4,
                    min_terms: 2,
                },
            ] {
                for (lang, search) in tokens::LANGUAGES.iter().zip(&searches) {
                    let plain = s.best(text, lang, &params);
                    // Candidates left out below the threshold change nothing either.
                    let ranked = s.ranked(text, lang, params.min_terms, 1).into_iter().next();
                    let ranked = ranked.filter(|m| m.score >= params.threshold);
                    assert_eq!(plain, ranked, "{lang} {text:?}");
                    assert_eq!(
                        s.best_normalized(text, &view, lang, &params),
                        plain,
                        "{lang} {text:?}"
                    );
                    // A caller's own pass over the view.
                    let mut found = Vec::new();
                    search.for_each(view.as_bytes(), |p, start, _| {
                        found.push((p as u32, start as u32))
                    });
                    assert_eq!(
                        s.best_found(text, &view, &found, lang, &params),
                        plain,
                        "{lang} {text:?}"
                    );
                    matched[usize::from(params.threshold > 0.0)] += usize::from(plain.is_some());
                }
            }
        }
        eprintln!(
            "{matched:?} matches, closed for {closed} of {}",
            texts.len()
        );
        assert!(matched[0] > 500 && matched[1] > 200, "{matched:?} matches");
        assert!(
            closed > texts.len() / 2,
            "closed for {closed} of {}",
            texts.len()
        );
    }

    /// In a database large enough for frequent terms (found in over 1% of the claims) to be
    /// looked up per candidate, candidates left out because even the highest weights of those
    /// terms keep them below the threshold do not change the best match.
    #[test]
    fn candidates_left_out_below_the_threshold_change_nothing() {
        let vocabulary: Vec<String> = (0..300).map(|i| format!("word{i}x")).collect();
        // A skewed choice of words (low indices common), from a fixed linear congruential
        // sequence.
        let mut state = 7u64;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (state >> 33) as usize % n;
            r * r / n
        };
        let mut claims = Vec::new();
        for _ in 0..600 {
            let words: Vec<&str> = (0..4 + next(6))
                .map(|_| vocabulary[next(300)].as_str())
                .collect();
            claims.push(claim(&words.join(" "), "en"));
        }
        let s = NarrativeSet::build(claims.clone());
        let index = s.indexes[0].as_ref().unwrap();
        assert!(index
            .generator
            .iter()
            .zip(&index.common)
            .any(|(g, c)| !g && !c));
        let mut texts: Vec<String> = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let other = &claims[(i * 7 + 3) % claims.len()].text;
            let half: Vec<&str> = c.text.split(' ').step_by(2).collect();
            texts.extend([c.text.clone(), format!("{} {other}", half.join(" "))]);
        }
        let mut matched = 0;
        for text in &texts {
            for threshold in [0.2, 0.4, 0.6] {
                let params = MatchParams {
                    threshold,
                    min_terms: 2,
                };
                let best = s.best(text, "en", &params);
                let ranked = s.ranked(text, "en", 2, 1).into_iter().next();
                assert_eq!(best, ranked.filter(|m| m.score >= threshold), "{text:?}");
                matched += usize::from(best.is_some());
            }
        }
        assert!(matched > 1000, "{matched}");
    }

    #[test]
    fn ranking_is_by_score_then_weight_then_claim_order() {
        let s = set();
        let r = s.ranked("bought villa aid money Bugatti Paris", "en", 2, 5);
        assert!(r.len() >= 2);
        for w in r.windows(2) {
            assert!(w[0].score >= w[1].score);
        }
    }
}
