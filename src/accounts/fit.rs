//! Native base rates measured on reports of native text (`calque accounts --fit-base-rates`,
//! run by `scripts/base-rates.sh`).
//!
//! For each language and heuristic family: the interference hits (one per heuristic per post)
//! over the words of the posts detected as that language, pooled over every native set given:
//! `rate = (hits + 0.5) / words · 1000`. The half hit (the Jeffreys prior's mean for a Poisson
//! rate) keeps a family that never fired on natives from getting a rate of zero, under which
//! any single hit would be infinitely surprising.

use super::{Accounts, Vocabulary};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Words and hits of one native set, or of all of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub posts: u64,
    /// Words per language.
    pub words: BTreeMap<String, u64>,
    /// Hits per (language, family).
    pub hits: BTreeMap<(String, String), u64>,
}

impl Tally {
    /// Count the words and hits of every account of `accounts`.
    pub fn of(accounts: &Accounts, vocab: &Vocabulary) -> Tally {
        let mut t = Tally::default();
        for (_, a) in accounts.iter() {
            t.posts += a.posts();
            for l in &a.langs {
                *t.words
                    .entry(accounts.lang_name(l.lang).to_string())
                    .or_default() += l.words;
            }
            for &(h, n) in a.evidence.iter().flat_map(|e| &e.heuristics) {
                let h = &vocab.heuristics[h as usize];
                *t.hits
                    .entry((h.lang.to_string(), h.family.to_string()))
                    .or_default() += n;
            }
        }
        t
    }

    fn add(&mut self, other: &Tally) {
        self.posts += other.posts;
        for (l, w) in &other.words {
            *self.words.entry(l.clone()).or_default() += w;
        }
        for (k, h) in &other.hits {
            *self.hits.entry(k.clone()).or_default() += h;
        }
    }
}

/// The fitted rates, with the tallies they come from.
#[derive(Debug, Clone)]
pub struct Fit {
    pub sets: Vec<(String, Tally)>,
    pub pooled: Tally,
    /// language → family → rate per 1,000 words.
    pub rates: BTreeMap<String, BTreeMap<String, f64>>,
}

/// Fit the rates of every language that has heuristics and words in the sets.
pub fn fit(sets: Vec<(String, Tally)>, vocab: &Vocabulary) -> Fit {
    let mut pooled = Tally::default();
    for (_, t) in &sets {
        pooled.add(t);
    }
    let mut rates: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for h in &vocab.heuristics {
        let words = pooled.words.get(h.lang).copied().unwrap_or(0);
        if words == 0 {
            continue;
        }
        let hits = pooled
            .hits
            .get(&(h.lang.to_string(), h.family.to_string()))
            .copied()
            .unwrap_or(0);
        rates.entry(h.lang.to_string()).or_default().insert(
            h.family.to_string(),
            (hits as f64 + 0.5) / words as f64 * 1000.0,
        );
    }
    Fit {
        sets,
        pooled,
        rates,
    }
}

/// A rate with four significant digits, as TOML reads it.
fn rate_literal(rate: f64) -> String {
    format!("{rate:.3e}")
}

impl Fit {
    /// The `[accounts.base_rates.LANG]` tables, each rate followed by its hits and words as a
    /// comment, then the per-set figures.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        for (lang, families) in &self.rates {
            let words = self.pooled.words.get(lang).copied().unwrap_or(0);
            let _ = writeln!(out, "[accounts.base_rates.{lang}]");
            let _ = writeln!(
                out,
                "# per 1,000 words = (hits + 0.5) / words; {words} {lang} words pooled"
            );
            for (family, rate) in families {
                let hits = self
                    .pooled
                    .hits
                    .get(&(lang.clone(), family.clone()))
                    .copied()
                    .unwrap_or(0);
                let _ = writeln!(
                    out,
                    "\"{family}\" = {:<10} # hits: {hits}",
                    rate_literal(*rate)
                );
            }
            out.push('\n');
        }
        out
    }

    /// Per set and language: posts, words, hits per family, as Markdown-like lines for the
    /// provenance comments.
    pub fn per_set_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (name, t) in &self.sets {
            for (lang, words) in &t.words {
                if !self.rates.contains_key(lang) || *words == 0 {
                    continue;
                }
                let hits: Vec<String> = t
                    .hits
                    .iter()
                    .filter(|((l, _), _)| l == lang)
                    .map(|((_, f), n)| format!("{f} {n}"))
                    .collect();
                let total: u64 = t
                    .hits
                    .iter()
                    .filter(|((l, _), _)| l == lang)
                    .map(|(_, n)| n)
                    .sum();
                lines.push(format!(
                    "{name}: {words} {lang} words, {total} hits ({:.4} per 1,000 words){}{}",
                    total as f64 / *words as f64 * 1000.0,
                    if hits.is_empty() { "" } else { ": " },
                    hits.join(", ")
                ));
            }
        }
        lines
    }
}
