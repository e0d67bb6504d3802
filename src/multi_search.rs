//! Every occurrence of many patterns in a short text: an Aho-Corasick DFA walked over two or
//! three pieces of the text at once.
//!
//! With hundreds of patterns, the search costs one table lookup per byte, and each lookup waits
//! for the one before it: `perf` put the walk at about 6 cycles a byte, 17% of a scan, whatever
//! the automaton's size. Walks over two or three pieces of the text are independent, so the
//! processor overlaps their lookups. The automaton is `aho_corasick`'s own DFA; only the loop
//! is ours, and it reports exactly what `AhoCorasick::find_overlapping_iter` reports, in the
//! same order (tested below).

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, PatternID};

/// Texts shorter than this are walked in one piece: splitting them saves too little.
const SPLIT_MIN_BYTES: usize = 32;

/// A compiled set of patterns, searched for every (overlapping) occurrence.
#[derive(Debug, Clone)]
pub struct MultiSearch {
    dfa: DFA,
    start: StateID,
}

impl MultiSearch {
    /// `patterns` matched byte for byte, or ignoring ASCII case.
    pub fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        ascii_case_insensitive: bool,
    ) -> Result<Self, aho_corasick::BuildError> {
        let dfa = aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(ascii_case_insensitive)
            // The walk below never asks the automaton to skip ahead.
            .prefilter(false)
            .build(patterns)?;
        let start = dfa
            .start_state(Anchored::No)
            .expect("an unanchored search is supported by default");
        Ok(MultiSearch { dfa, start })
    }

    /// Call `found(pattern, start, end)` for every occurrence of every pattern in `haystack`,
    /// overlapping ones included, by increasing end and, at one end, in the automaton's order.
    pub fn for_each(&self, haystack: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let dfa = &self.dfa;
        // An empty pattern matches everywhere: the crate's own search handles it.
        if dfa.is_match(self.start) {
            return self.for_each_slow(haystack, &mut found);
        }
        let len = haystack.len();
        let overlap = dfa.max_pattern_len().saturating_sub(1);
        // Each piece should be well longer than the overlap walked twice.
        if len >= SPLIT_MIN_BYTES.max(6 * overlap) {
            self.walk_split::<3>(haystack, overlap, &mut found);
        } else if len >= SPLIT_MIN_BYTES.max(4 * overlap) {
            self.walk_split::<2>(haystack, overlap, &mut found);
        } else {
            self.walk_split::<1>(haystack, overlap, &mut found);
        }
    }

    /// `N` walks in step over `N` pieces of `haystack` (one walk over all of it when `N` is 1). Piece `k` ends at `ends[k]`; its walk
    /// starts `overlap` bytes before the previous piece's end, early enough to see whole every
    /// occurrence ending inside the piece, and reports only those. Pieces after the first
    /// report into `later`, emitted in piece order at the end, which is the order of their ends.
    fn walk_split<const N: usize>(
        &self,
        haystack: &[u8],
        overlap: usize,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        let dfa = &self.dfa;
        let len = haystack.len();
        // Equal walks: N walks of `step` bytes cover `len` plus N - 1 overlaps.
        let step = (len + (N - 1) * overlap).div_ceil(N);
        let mut from = [0usize; N];
        let mut ends = [0usize; N];
        for k in 0..N {
            from[k] = if k == 0 { 0 } else { ends[k - 1] - overlap };
            ends[k] = (from[k] + step).min(len);
        }
        ends[N - 1] = len;
        let mut state = [self.start; N];
        let mut later: Vec<(usize, usize, usize, usize)> = Vec::new();
        // Walk `k` reached a special state at `end`.
        let mut reached = |k: usize, state: StateID, end: usize| {
            if k == 0 {
                self.report(state, end, found);
            } else if end > ends[k - 1] {
                self.report(state, end, &mut |p, s, e| later.push((k, p, s, e)));
            }
        };
        let together = (0..N).map(|k| ends[k] - from[k]).min().unwrap_or(0);
        for i in 0..together {
            for k in 0..N {
                state[k] = dfa.next_state(Anchored::No, state[k], haystack[from[k] + i]);
            }
            for k in 0..N {
                if dfa.is_special(state[k]) {
                    reached(k, state[k], from[k] + i + 1);
                }
            }
        }
        for k in 0..N {
            let rest = from[k] + together;
            for (at, &byte) in haystack[rest..ends[k]].iter().enumerate() {
                state[k] = dfa.next_state(Anchored::No, state[k], byte);
                if dfa.is_special(state[k]) {
                    reached(k, state[k], rest + at + 1);
                }
            }
        }
        later.sort_by_key(|&(k, ..)| k);
        for (_, p, s, e) in later {
            found(p, s, e);
        }
    }

    /// Report the patterns of a special state (a match state: without a prefilter and with an
    /// unanchored start, a Standard DFA has no other special state reachable).
    #[inline]
    fn report(&self, state: StateID, end: usize, found: &mut impl FnMut(usize, usize, usize)) {
        if !self.dfa.is_match(state) {
            return;
        }
        for i in 0..self.dfa.match_len(state) {
            let pattern: PatternID = self.dfa.match_pattern(state, i);
            let len = self.dfa.pattern_len(pattern);
            found(pattern.as_usize(), end - len, end);
        }
    }

    fn for_each_slow(&self, haystack: &[u8], found: &mut impl FnMut(usize, usize, usize)) {
        let input = aho_corasick::Input::new(haystack);
        let mut state = aho_corasick::automaton::OverlappingState::start();
        loop {
            self.dfa
                .try_find_overlapping(&input, &mut state)
                .expect("an unanchored search is supported by default");
            match state.get_match() {
                Some(m) => found(m.pattern().as_usize(), m.start(), m.end()),
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the crate's own overlapping search reports.
    fn reference(
        patterns: &[Vec<u8>],
        nocase: bool,
        haystack: &[u8],
    ) -> Vec<(usize, usize, usize)> {
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(nocase)
            .build(patterns)
            .unwrap();
        ac.find_overlapping_iter(haystack)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    fn ours(search: &MultiSearch, haystack: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut got = Vec::new();
        search.for_each(haystack, |p, s, e| got.push((p, s, e)));
        got
    }

    /// A small deterministic generator (xorshift), so that failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        /// Bytes over a small alphabet, so that patterns occur often and overlap.
        fn bytes(&mut self, alphabet: &[u8], len: usize) -> Vec<u8> {
            (0..len)
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect()
        }
    }

    #[test]
    fn reports_what_the_crate_reports_in_the_same_order() {
        let mut rng = Rng(0x5eed_cafe);
        let alphabet = b"abAB c,\xC3\xA9";
        let mut compared = 0;
        for round in 0..300 {
            let nocase = round % 2 == 0;
            let patterns: Vec<Vec<u8>> = (0..1 + rng.below(40))
                .map(|_| {
                    let len = 1 + rng.below(if round % 5 == 0 { 30 } else { 6 });
                    rng.bytes(alphabet, len)
                })
                .collect();
            let search = MultiSearch::new(&patterns, nocase).unwrap();
            for len in [0, 1, 5, 31, 32, 33, 64, 65, 100, 257, 1000] {
                let haystack = rng.bytes(alphabet, len);
                let expected = reference(&patterns, nocase, &haystack);
                assert_eq!(
                    ours(&search, &haystack),
                    expected,
                    "patterns {patterns:?} on {haystack:?}"
                );
                compared += expected.len();
            }
        }
        assert!(
            compared > 10_000,
            "the inputs should produce many matches: {compared}"
        );
    }

    #[test]
    fn an_occurrence_across_the_split_is_reported_once() {
        let patterns = [b"needle".to_vec(), b"le in".to_vec()];
        let search = MultiSearch::new(&patterns, false).unwrap();
        for at in 0..200 {
            let mut haystack = vec![b'.'; 200];
            haystack.splice(at..at, b"needle in".iter().copied());
            let expected = vec![(0, at, at + 6), (1, at + 4, at + 9)];
            assert_eq!(ours(&search, &haystack), expected, "at {at}");
        }
    }

    #[test]
    fn an_empty_pattern_matches_everywhere_as_in_the_crate() {
        let patterns = [b"".to_vec(), b"ab".to_vec()];
        let search = MultiSearch::new(&patterns, false).unwrap();
        let haystack = b"xxabxxabxxabxxabxxabxxabxxabxxabxxab";
        assert_eq!(
            ours(&search, haystack),
            reference(&patterns, false, haystack)
        );
    }
}
