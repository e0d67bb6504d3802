//! Which regex indicators can match an item.
//!
//! Every match of a regex contains one of a finite set of literals that `regex-syntax` can
//! extract from it: its prefixes, or the prefixes of a tail of a concatenation ("…\.fr\.…"),
//! or per branch of an alternation. The campaign set searches these literals for all regex
//! indicators in the same Aho-Corasick pass as its phrases and runs only the regexes whose
//! literals occur; regexes without usable literals always run. This keeps the cost of a growing
//! rule library near one pass per item.

#[cfg(test)]
use aho_corasick::AhoCorasick;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// Literals at least one of which occurs in every match of `pattern` (the rarest such set
/// found), if there is a finite set of non-empty ones.
pub fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    required(&hir)
}

/// The literal prefixes every match of `pattern` starts with, if there is a finite set of
/// non-empty ones.
#[cfg(test)]
pub fn required_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    prefixes(&hir)
}

fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// A literal set every match of `hir` contains one of: a match of a concatenation contains a
/// match of each of its tails, a match of an alternation a match of one of its branches.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut best = prefixes(hir);
    match hir.kind() {
        HirKind::Concat(subs) => {
            for k in 0..subs.len() {
                best = rarer(best, prefixes(&Hir::concat(subs[k..].to_vec())));
                best = rarer(best, required(&subs[k]));
            }
        }
        HirKind::Alternation(branches) => {
            let union: Option<Vec<Vec<u8>>> =
                branches
                    .iter()
                    .map(required)
                    .try_fold(Vec::new(), |mut all, branch| {
                        all.extend(branch?);
                        Some(all)
                    });
            best = rarer(best, union);
        }
        HirKind::Capture(capture) => best = rarer(best, required(&capture.sub)),
        HirKind::Repetition(rep) if rep.min >= 1 => best = rarer(best, required(&rep.sub)),
        _ => {}
    }
    best
}

/// The set less likely to occur in a text: longer shortest literal, then fewer literals.
fn rarer(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let quality = |set: &Vec<Vec<u8>>| {
        let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(set.len()))
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if quality(&b) > quality(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Longest literal searched for a regex: longer ones select little more and cost automaton states.
const MAX_LITERAL_BYTES: usize = 12;

/// The literal prefixes of every regex indicator, for the campaign set's shared automaton.
#[derive(Debug, Clone, Default)]
pub struct RegexPrefilter {
    /// Distinct prefixes; the campaign set searches them in the same pass as its phrases.
    pub patterns: Vec<Vec<u8>>,
    /// For each pattern, the indicators whose regex may start there.
    owners: Vec<Vec<usize>>,
    /// Indicators whose regex has no usable prefixes.
    always: Vec<usize>,
}

impl RegexPrefilter {
    /// `regexes`: (indicator index, pattern) for every regex indicator.
    pub fn build<'a>(regexes: impl IntoIterator<Item = (usize, &'a str)>) -> Self {
        let mut f = RegexPrefilter::default();
        for (indicator, pattern) in regexes {
            match required_literals(pattern) {
                Some(prefixes) => {
                    for mut p in prefixes {
                        // A literal's head occurs wherever the literal does; heads keep the
                        // shared automaton small (cross products of alternations share them).
                        p.truncate(MAX_LITERAL_BYTES);
                        match f.patterns.iter().position(|q| *q == p) {
                            Some(k) if f.owners[k].contains(&indicator) => {}
                            Some(k) => f.owners[k].push(indicator),
                            None => {
                                f.patterns.push(p);
                                f.owners.push(vec![indicator]);
                            }
                        }
                    }
                }
                None => f.always.push(indicator),
            }
        }
        f
    }

    /// Indicators whose regex may match a text in which the prefixes `found` (indices into
    /// [`Self::patterns`]) occur; sorted, without duplicates.
    pub fn candidates(&self, found: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut out = self.always.clone();
        for k in found {
            out.extend_from_slice(&self.owners[k]);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_alternation_prefixes() {
        let p = required_prefixes("(?:professor|researcher) (?:\\w+ ){0,3}said").unwrap();
        assert!(p.iter().any(|l| l.starts_with(b"professor")));
        assert!(p.iter().any(|l| l.starts_with(b"researcher")));
    }

    #[test]
    fn patterns_that_can_start_anywhere_have_no_prefixes_but_inner_literals() {
        let pattern = "(?:^|[/ .])[a-z0-9-]{3,}\\.fr\\.[a-z0-9-]{3,}\\.fr\\b";
        assert!(required_prefixes(pattern).is_none());
        let inner = required_literals(pattern).unwrap();
        assert!(inner.iter().all(|l| l.starts_with(b".fr")), "{inner:?}");
        assert_eq!(
            required_literals("\\w+ said").unwrap(),
            vec![b" said".to_vec()]
        );
        assert!(required_literals("\\w+").is_none());
    }

    #[test]
    fn each_alternation_branch_contributes_its_own_literals() {
        let pattern = "told reporters|^(?:[a-z]+ ){0,2}[a-z]+, (?:jan|feb)[a-z]*\\.? \\d{1,2}";
        let literals = required_literals(pattern).unwrap();
        assert!(
            literals.contains(&b"told reporters".to_vec()),
            "{literals:?}"
        );
        assert!(
            literals.iter().any(|l| l.starts_with(b", jan")),
            "{literals:?}"
        );
        // One branch with no literal at all leaves the whole regex without a prefilter.
        assert!(required_literals("told reporters|\\d+").is_none());
    }

    /// Every literal set found must be sound: a text the regex matches contains one of them.
    #[test]
    fn required_literals_occur_in_every_match() {
        let cases = [
            (
                "(?:^|[/ .])[a-z0-9-]{3,}\\.fr\\.[a-z0-9-]{3,}\\.fr\\b",
                "voir lemonde.fr.info-news.fr ok",
            ),
            ("\\w+ said", "the minister said"),
            ("(?:a|b)+c(?:de|fg)", "xxababcfg"),
            (
                "^(?:[a-z]+ ){0,2}[a-z]+, (?:jan|feb)[a-z]*\\.? \\d{1,2}",
                "paris, feb. 12 news",
            ),
        ];
        for (pattern, text) in cases {
            let re = regex::Regex::new(pattern).unwrap();
            let m = re.find(text).expect("the case matches");
            let literals = required_literals(pattern).unwrap();
            assert!(
                literals
                    .iter()
                    .any(|l| m.as_str().as_bytes().windows(l.len()).any(|w| w == l)),
                "{pattern}: {literals:?} not in {:?}",
                m.as_str()
            );
        }
    }

    #[test]
    fn long_literals_are_searched_by_their_head() {
        let f = RegexPrefilter::build([
            (0, "according to (?:the report|sources)"),
            (1, "according to a"),
        ]);
        assert!(f.patterns.iter().all(|p| p.len() <= MAX_LITERAL_BYTES));
        // Both regexes share the head "according to": one pattern, two owners.
        assert_eq!(f.patterns, vec![b"according to".to_vec()]);
        assert_eq!(f.candidates([0]), vec![0, 1]);
    }

    #[test]
    fn candidates_are_regexes_whose_prefix_occurs() {
        let f = RegexPrefilter::build([(0, "alpha \\d+"), (1, "beta|gamma"), (2, "\\d+\\w*")]);
        let ac = AhoCorasick::new(&f.patterns).unwrap();
        let found = |text: &str| {
            let ids: Vec<usize> = ac
                .find_overlapping_iter(text)
                .map(|m| m.pattern().as_usize())
                .collect();
            f.candidates(ids)
        };
        assert_eq!(found("nothing here"), vec![2]);
        assert_eq!(found("a gamma ray"), vec![1, 2]);
        assert_eq!(found("alpha beta"), vec![0, 1, 2]);
    }
}
