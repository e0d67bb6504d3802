//! Which regex indicators can match an item.
//!
//! Every match of a regex starts with one of the literal prefixes that `regex-syntax` extracts
//! from it (when that set is finite and has no empty literal). The campaign set searches the
//! prefixes of all regex indicators in the same Aho-Corasick pass as its phrases and runs only
//! the regexes whose prefixes occur; regexes without usable prefixes always run. This keeps the
//! cost of a growing rule library near one pass per item.

#[cfg(test)]
use aho_corasick::AhoCorasick;
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
            match required_prefixes(pattern) {
                Some(prefixes) => {
                    for p in prefixes {
                        match f.patterns.iter().position(|q| *q == p) {
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
    fn patterns_that_can_start_anywhere_have_none() {
        assert!(required_prefixes("(?:^|[/ .])[a-z0-9-]{3,}\\.fr").is_none());
        assert!(required_prefixes("\\w+ said").is_none());
    }

    #[test]
    fn candidates_are_regexes_whose_prefix_occurs() {
        let f = RegexPrefilter::build([(0, "alpha \\d+"), (1, "beta|gamma"), (2, "\\w+ delta")]);
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
