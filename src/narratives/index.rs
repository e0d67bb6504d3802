//! The inverted index over one language's claims and its BM25 scoring (`docs/scoring.md`,
//! "Narrative score").
//!
//! Each claim is a bag of index terms ([`super::tokens`]). A term's weight in a claim is its
//! BM25 term weight (Robertson–Spärck Jones idf, saturated term frequency, length
//! normalisation, k1 = 1.2, b = 0.75), multiplied by [`ENTITY_BOOST`] when the term is mostly
//! written like a name, a place or a number. Terms found in more than [`COMMON_SHARE`] of the
//! claims (and more than [`COMMON_MIN_DF`]) say what the database is about, not which claim
//! an item repeats: they are left out like stop words.
//!
//! An item's score against a claim, in [0, 1], is the product of
//! - *coverage*: the share of the claim's weight that the item's terms cover;
//! - *information*: the covered weight over the database's median claim weight, at most 1, so
//!   that fully covering a short claim of common words ("no fake news comes from Russia")
//!   counts less than covering a specific one;
//! - *density*: √(matched terms / informative words of the item from the first matched word
//!   to the last), so that claim words scattered over a long transcript count less than the
//!   same words in one sentence.
//!
//! The form and the threshold were chosen on scripted paraphrases against native false matches
//! (`scripts/eval-narratives.sh`, docs/EVALUATION.md).

use super::gate::Gate;
use super::tokens::{words, TermMaker};
use crate::record::Span;
use foldhash::fast::FixedState;
use std::collections::HashMap;

/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// BM25 length normalisation.
const B: f64 = 0.75;
/// Weight factor of entity-like terms (names, places, numbers): two claims about the same
/// people and places are closer than two claims sharing ordinary words.
pub const ENTITY_BOOST: f64 = 1.5;
/// Share of the claims above which a term is too common to tell claims apart.
pub const COMMON_SHARE: f64 = 0.05;
/// ... but a term is never common in fewer claims than this (small databases).
pub const COMMON_MIN_DF: usize = 20;
/// Only claims sharing at least one term found in at most this share of the claims (and at
/// least [`COMMON_MIN_DF`]) are scored: walking the long postings of mid-frequency words for
/// every item costs more than it finds, since a claim matched only through such words carries
/// little information (see the score).
pub const GENERATOR_SHARE: f64 = 0.01;
/// At most this many distinct terms of an item are looked up (a long transcript): bounds the
/// work per item. The first ones in text order are kept.
pub const MAX_QUERY_TERMS: usize = 512;

/// One language's claims, indexed.
#[derive(Debug)]
pub struct LangIndex {
    pub(super) maker: TermMaker,
    terms: HashMap<Box<str>, u32, FixedState>,
    /// Per term: (local claim, weight) of every claim holding it; empty for common terms.
    postings: Vec<Vec<(u32, f32)>>,
    /// Per term: found in too many claims to count.
    pub(super) common: Vec<bool>,
    /// Per local claim: its index in the whole set.
    pub(super) claim_ids: Vec<u32>,
    /// Per local claim: its informative terms with their weights, sorted by term, and their
    /// total weight.
    claim_terms: Vec<Vec<(u32, f32)>>,
    /// Per term: found in few enough claims to propose candidates (see [`GENERATOR_SHARE`]).
    pub(super) generator: Vec<bool>,
    self_weight: Vec<f32>,
    /// Median claim weight: how much a match must weigh to count in full.
    reference_weight: f64,
    /// Which items may hold enough of a claim's terms (small sets of claims only).
    gate: Option<Gate>,
    /// Per term: its highest weight in any claim (0 for common terms).
    max_weight: Vec<f32>,
}

/// A claim's score for an item, before the threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Local claim index.
    pub claim: u32,
    /// Share of the claim's weight covered by the item, in [0, 1].
    pub score: f64,
    /// The covered weight itself (BM25 score).
    pub weight: f64,
    /// Distinct claim terms found in the item.
    pub terms: usize,
    /// The claim's total weight (what a text repeating it in full covers).
    pub claim_weight: f64,
    /// Informative words of the item from the first matched word to the last (first
    /// occurrences): how spread out the match is.
    pub window: usize,
}

impl LangIndex {
    /// Index `claims` (global index, text) of language `lang`.
    pub fn build<'a>(lang: &str, claims: impl Iterator<Item = (usize, &'a str)>) -> Self {
        let maker = TermMaker::new(lang);
        let mut terms: HashMap<Box<str>, u32, FixedState> = HashMap::default();
        // Per term: (occurrences, entity-like occurrences, df).
        let mut stats: Vec<(u32, u32, u32)> = Vec::new();
        let mut claim_ids = Vec::new();
        // Per claim: (term, tf) sorted by term.
        let mut bags: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut memo: HashMap<String, Vec<String>, FixedState> = HashMap::default();
        let mut folded = String::new();
        let mut found = Vec::new();
        for (id, text) in claims {
            let mut bag: Vec<(u32, u32)> = Vec::new();
            for w in words(text) {
                super::tokens::fold_into(w.span.slice(text), &mut folded);
                let stems = match memo.get(folded.as_str()) {
                    Some(s) => s,
                    None => {
                        maker.terms_of_folded(&folded, &mut found);
                        memo.entry(folded.clone()).or_insert(found.clone())
                    }
                };
                for stem in stems {
                    let next = terms.len() as u32;
                    let t = *terms.entry(stem.as_str().into()).or_insert(next);
                    if t as usize == stats.len() {
                        stats.push((0, 0, 0));
                    }
                    stats[t as usize].0 += 1;
                    stats[t as usize].1 += u32::from(w.entity);
                    match bag.iter_mut().find(|(term, _)| *term == t) {
                        Some(e) => e.1 += 1,
                        None => bag.push((t, 1)),
                    }
                }
            }
            for &(t, _) in &bag {
                stats[t as usize].2 += 1;
            }
            bag.sort_unstable();
            bags.push(bag);
            claim_ids.push(id as u32);
        }
        let n = bags.len();
        let common_df = (COMMON_SHARE * n as f64).max(COMMON_MIN_DF as f64);
        let common: Vec<bool> = stats.iter().map(|s| s.2 as f64 > common_df).collect();
        let lengths: Vec<u32> = bags
            .iter()
            .map(|bag| {
                bag.iter()
                    .filter(|(t, _)| !common[*t as usize])
                    .map(|(_, tf)| tf)
                    .sum()
            })
            .collect();
        let avg_len = (lengths.iter().map(|&l| l as f64).sum::<f64>() / n.max(1) as f64).max(1.0);
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); stats.len()];
        let mut claim_terms = Vec::with_capacity(n);
        let mut self_weight = Vec::with_capacity(n);
        for (c, bag) in bags.iter().enumerate() {
            let mut total = 0.0f64;
            let mut kept = Vec::with_capacity(bag.len());
            for &(t, tf) in bag {
                if common[t as usize] {
                    continue;
                }
                let (occurrences, entity, df) = stats[t as usize];
                let idf = (1.0 + (n as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
                let boost = if entity * 2 >= occurrences {
                    ENTITY_BOOST
                } else {
                    1.0
                };
                let tf = tf as f64;
                let norm = K1 * (1.0 - B + B * lengths[c] as f64 / avg_len);
                let w = idf * boost * tf * (K1 + 1.0) / (tf + norm);
                postings[t as usize].push((c as u32, w as f32));
                kept.push((t, w as f32));
                total += w;
            }
            claim_terms.push(kept);
            self_weight.push(total as f32);
        }
        let mut weights: Vec<f32> = self_weight.iter().copied().filter(|&w| w > 0.0).collect();
        weights.sort_by(f32::total_cmp);
        let reference_weight = weights.get(weights.len() / 2).map_or(1.0, |&w| w as f64);
        let generator_df = (GENERATOR_SHARE * n as f64).max(COMMON_MIN_DF as f64);
        let generator = stats.iter().map(|s| s.2 as f64 <= generator_df).collect();
        let max_weight = postings
            .iter()
            .map(|p| p.iter().map(|&(_, w)| w).fold(0.0f32, f32::max))
            .collect();
        let gate = Gate::build(
            &maker,
            terms
                .iter()
                .filter(|(_, &t)| !postings[t as usize].is_empty())
                .map(|(s, &t)| (&**s, t)),
        );
        LangIndex {
            gate,
            max_weight,
            generator,
            reference_weight,
            maker,
            terms,
            postings,
            common,
            claim_ids,
            claim_terms,
            self_weight,
        }
    }

    pub fn len(&self) -> usize {
        self.claim_ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.claim_ids.is_empty()
    }

    /// Whether items are searched for claim terms before they are tokenized (small sets).
    pub fn is_gated(&self) -> bool {
        self.gate.is_some()
    }

    /// The strings the gate searches for, if there is a gate.
    pub fn gate_patterns(&self) -> Option<&[String]> {
        self.gate.as_ref().map(Gate::patterns)
    }

    /// Number of informative terms of local claim `c` (0: it can never match).
    pub fn informative_terms(&self, c: usize) -> usize {
        self.claim_terms[c].len()
    }

    /// Terms too common to count, for documentation and `narratives check`.
    pub fn common_terms(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .terms
            .iter()
            .filter(|(_, &t)| self.common[t as usize])
            .map(|(s, _)| &**s)
            .collect();
        out.sort_unstable();
        out
    }

    /// Whether an item whose normalized view is `view` may share `min_terms` terms with a
    /// claim and score `threshold` or more against it (`lowercased`: the view is the item's
    /// ASCII text lowercased byte for byte). Always true without a gate.
    ///
    /// The terms the gate finds include every term of the item's query, so their weight in a
    /// claim bounds the covered weight from above, and with it coverage and information (the
    /// density is at most 1): a claim whose bound stays below the threshold cannot match.
    /// `occurrences`: those of the gate's patterns in `view`, if the caller found them.
    pub(super) fn may_match(
        &self,
        view: &str,
        lowercased: bool,
        occurrences: Option<&[(u32, u32)]>,
        min_terms: usize,
        threshold: f64,
        scratch: &mut Scratch,
    ) -> bool {
        let Some(gate) = &self.gate else {
            return true;
        };
        let (seen, found) = (&mut scratch.gate_seen, &mut scratch.gate_found);
        if seen.len() < self.postings.len() {
            seen.resize(self.postings.len(), false);
        }
        found.clear();
        let add = |t: u32| {
            if !std::mem::replace(&mut seen[t as usize], true) {
                found.push(t);
            }
        };
        match occurrences {
            Some(o) => gate.terms_found(view, lowercased, o, add),
            None => gate.terms(view, lowercased, add),
        }
        for &t in found.iter() {
            seen[t as usize] = false;
        }
        let min_terms = min_terms.max(1);
        if found.len() < min_terms {
            return false;
        }
        let (count, weight) = (&mut scratch.gate_count, &mut scratch.gate_weight);
        if count.len() < self.claim_ids.len() {
            count.resize(self.claim_ids.len(), 0);
            weight.resize(self.claim_ids.len(), 0.0);
        }
        for &t in found.iter() {
            for &(c, w) in &self.postings[t as usize] {
                count[c as usize] = count[c as usize].saturating_add(1);
                weight[c as usize] += w as f64;
            }
        }
        let mut may = false;
        for &t in found.iter() {
            for &(c, _) in &self.postings[t as usize] {
                let c = c as usize;
                if count[c] as usize >= min_terms {
                    let w = weight[c];
                    let bound = (w / self.self_weight[c] as f64).min(1.0)
                        * (w / self.reference_weight).min(1.0);
                    // The query sums the same weights in another order and precision.
                    may |= bound * (1.0 + GATE_ROUNDING) >= threshold;
                }
                count[c] = 0;
                weight[c] = 0.0;
            }
        }
        may
    }

    /// The informative terms of `text` (term id, span of its first occurrence), in text order,
    /// at most [`MAX_QUERY_TERMS`]. `lowercased`, if given, is `text` lowercased byte for byte
    /// (its normalized view, for ASCII text): words are then read from it without folding.
    /// `scratch` memoises word → term.
    pub(super) fn query_terms(
        &self,
        text: &str,
        lowercased: Option<&str>,
        scratch: &mut Scratch,
    ) -> Vec<QueryTerm> {
        let mut query: Vec<QueryTerm> = Vec::new();
        let mut ordinal = 0u32;
        let mut words = std::mem::take(&mut scratch.words);
        super::tokens::words_into(text, &mut words);
        for w in &words {
            let folded: &str = match lowercased {
                Some(view) => w.span.slice(view),
                None => {
                    super::tokens::fold_into(w.span.slice(text), &mut scratch.folded);
                    &scratch.folded
                }
            };
            let found = match scratch.cache.get(folded) {
                Some(t) => *t,
                None => {
                    let found = if self.maker.is_stop(folded) {
                        None
                    } else {
                        self.maker.terms_of_folded(folded, &mut scratch.stems);
                        let mut found = [None; 2];
                        for (slot, stem) in found.iter_mut().zip(&scratch.stems) {
                            *slot = self
                                .terms
                                .get(stem.as_str())
                                .copied()
                                .filter(|&t| !self.common[t as usize]);
                        }
                        Some(found)
                    };
                    if scratch.cache.len() >= CACHE_WORDS {
                        scratch.cache.clear();
                    }
                    scratch.cache.insert(folded.into(), found);
                    found
                }
            };
            // Stop words are not counted in the window of a match.
            let Some(found) = found else { continue };
            ordinal += 1;
            for t in found.into_iter().flatten() {
                if !query.iter().any(|q| q.term == t) {
                    query.push(QueryTerm {
                        term: t,
                        span: w.span,
                        ordinal,
                    });
                    if query.len() == MAX_QUERY_TERMS {
                        scratch.words = words;
                        return query;
                    }
                }
            }
        }
        scratch.words = words;
        query
    }

    /// Score every candidate claim — one that shares a generator term with the query — that
    /// shares at least `min_terms` terms with it, handing each to `visit` (in no fixed order).
    /// Candidates that cannot score `floor` even with the highest weight of each of the query's
    /// frequent terms are left out before those terms are looked up.
    pub(super) fn score(
        &self,
        query: &[QueryTerm],
        min_terms: usize,
        floor: f64,
        scratch: &mut Scratch,
        mut visit: impl FnMut(Scored),
    ) {
        let n = self.claim_ids.len();
        if scratch.acc.len() < n {
            scratch.acc.resize(n, 0.0);
            scratch.matched.resize(n, 0);
            scratch.first.resize(n, 0);
            scratch.last.resize(n, 0);
        }
        scratch.touched.clear();
        let (mut others, mut others_weight) = (0usize, 0.0f64);
        for q in query {
            if !self.generator[q.term as usize] {
                others += 1;
                others_weight += self.max_weight[q.term as usize] as f64;
                continue;
            }
            for &(c, w) in &self.postings[q.term as usize] {
                let c = c as usize;
                if scratch.matched[c] == 0 {
                    scratch.touched.push(c as u32);
                    scratch.first[c] = q.ordinal;
                }
                scratch.last[c] = q.ordinal;
                scratch.acc[c] += w;
                scratch.matched[c] = scratch.matched[c].saturating_add(1);
            }
        }
        for &c in &scratch.touched {
            let c = c as usize;
            let (mut weight, mut terms) = (scratch.acc[c] as f64, scratch.matched[c] as usize);
            let (mut first, mut last) = (scratch.first[c], scratch.last[c]);
            scratch.acc[c] = 0.0;
            scratch.matched[c] = 0;
            if terms + others < min_terms || self.self_weight[c] <= 0.0 {
                continue;
            }
            if floor > 0.0 {
                // At most this weight (coverage and information; the density is at most 1).
                let w = weight + others_weight;
                let bound = (w / self.self_weight[c] as f64).min(1.0)
                    * (w / self.reference_weight).min(1.0);
                if bound * (1.0 + GATE_ROUNDING) < floor {
                    continue;
                }
            }
            if others > 0 {
                // The query's frequent terms, looked up in the candidate's own short list.
                let claim = &self.claim_terms[c];
                for q in query.iter().filter(|q| !self.generator[q.term as usize]) {
                    if let Ok(k) = claim.binary_search_by_key(&q.term, |&(t, _)| t) {
                        weight += claim[k].1 as f64;
                        terms += 1;
                        first = first.min(q.ordinal);
                        last = last.max(q.ordinal);
                    }
                }
            }
            if terms < min_terms {
                continue;
            }
            let window = (last - first + 1) as usize;
            let coverage = (weight / self.self_weight[c] as f64).min(1.0);
            let information = (weight / self.reference_weight).min(1.0);
            let density = (terms as f64 / window as f64).min(1.0).sqrt();
            visit(Scored {
                claim: c as u32,
                score: coverage * information * density,
                weight,
                terms,
                claim_weight: self.self_weight[c] as f64,
                window,
            });
        }
    }

    /// The spans of the query terms that local claim `c` holds.
    pub(super) fn matched_spans(&self, c: u32, query: &[QueryTerm]) -> Vec<Span> {
        let terms = &self.claim_terms[c as usize];
        let mut spans: Vec<Span> = query
            .iter()
            .filter(|q| terms.binary_search_by_key(&q.term, |&(t, _)| t).is_ok())
            .map(|q| q.span)
            .collect();
        spans.sort_unstable();
        spans
    }
}

/// An informative term of an item.
#[derive(Debug, Clone, Copy)]
pub struct QueryTerm {
    pub term: u32,
    /// Its first occurrence.
    pub span: Span,
    /// Position of that occurrence among the item's words that are not stop words (from 1).
    pub ordinal: u32,
}

/// Relative margin of the gate's bound on a claim's score (see [`LangIndex::may_match`]).
const GATE_ROUNDING: f64 = 1e-4;

/// Words remembered per thread and language before the memo is emptied (bounded memory).
const CACHE_WORDS: usize = 1 << 16;

/// Per-thread working memory of a query, for one index (see `super::with_scratch`).
#[derive(Debug, Default)]
pub struct Scratch {
    /// Folded word → `None` for a stop word, else its informative terms (a number has two:
    /// value and unit).
    cache: HashMap<Box<str>, Option<[Option<u32>; 2]>, FixedState>,
    folded: String,
    stems: Vec<String>,
    words: Vec<super::tokens::Word>,
    acc: Vec<f32>,
    matched: Vec<u16>,
    first: Vec<u32>,
    last: Vec<u32>,
    touched: Vec<u32>,
    /// The gate's terms found in an item, whether each was found, and per claim how many.
    gate_found: Vec<u32>,
    gate_seen: Vec<bool>,
    gate_count: Vec<u16>,
    gate_weight: Vec<f64>,
}
