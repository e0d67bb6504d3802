//! Which regex indicators can match an item, decided with one Aho-Corasick pass.
//!
//! Every match of a regex starts with one of the literal prefixes that `regex-syntax` extracts
//! from it (when that set is finite and has no empty literal). One automaton over the prefixes
//! of all regex indicators finds the regexes worth running on an item; regexes without usable
//! prefixes always run. This keeps the cost of a growing rule library near one pass per item.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// The literal prefixes every match of `pattern` starts with, if there is a finite set of
/// non-empty ones.
pub fn required_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let seq = extractor.extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

#[derive(Debug, Clone, Default)]
pub struct RegexPrefilter {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the indicators whose regex may start there.
    owners: Vec<Vec<usize>>,
    /// Indicators whose regex has no usable prefixes.
    always: Vec<usize>,
}

impl RegexPrefilter {
    /// `regexes`: (indicator index, pattern) for every regex indicator.
    pub fn build<'a>(regexes: impl IntoIterator<Item = (usize, &'a str)>) -> Self {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (indicator, pattern) in regexes {
            match required_prefixes(pattern) {
                Some(prefixes) => {
                    for p in prefixes {
                        match patterns.iter().position(|q| *q == p) {
                            Some(k) => owners[k].push(indicator),
                            None => {
                                patterns.push(p);
                                owners.push(vec![indicator]);
                            }
                        }
                    }
                }
                None => always.push(indicator),
            }
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("literal prefixes compile")
        });
        RegexPrefilter {
            automaton,
            owners,
            always,
        }
    }

    /// Indicators whose regex may match `text`, sorted and without duplicates.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut out = self.always.clone();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                out.extend_from_slice(&self.owners[m.pattern().as_usize()]);
            }
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
    fn patterns_that_can_start_anywhere_have_none() {
        assert!(required_prefixes("(?:^|[/ .])[a-z0-9-]{3,}\\.fr").is_none());
        assert!(required_prefixes("\\w+ said").is_none());
    }

    #[test]
    fn candidates_are_regexes_whose_prefix_occurs() {
        let f = RegexPrefilter::build([(0, "alpha \\d+"), (1, "beta|gamma"), (2, "\\w+ delta")]);
        assert_eq!(f.candidates("nothing here"), vec![2]);
        assert_eq!(f.candidates("a gamma ray"), vec![1, 2]);
        assert_eq!(f.candidates("alpha beta"), vec![0, 1, 2]);
    }
}
