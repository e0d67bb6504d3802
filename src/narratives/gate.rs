//! A cheap test, before an item is tokenized for the index, of whether it can match any claim.
//!
//! A claim is scored only for an item that holds at least `min_terms` of its terms. For a
//! small set of claims (the rule files' own narratives, loaded for every scan) one
//! Aho-Corasick pass over the item's normalized view (`crate::normalize`) finds which terms
//! *may* occur — its own pass, or the caller's (`analyze` searches the patterns together with
//! the campaign phrases); only when some claim may have enough of them, weighing enough to
//! reach the score threshold, does the item go through the tokenizer, the stemmer and the
//! index. The gate is sound: each term stands for strings that
//! every word producing the term contains, so it never turns away an item the index would
//! match (tested: gated and ungated matches are equal); it may let through items that then do
//! not match.
//!
//! What a word producing term `t` contains (see [`super::tokens::TermMaker::terms_of_folded`]):
//! - a stem: Snowball stems are the word with its ending cut off, except that the stemmers
//!   rewrite the last one or two letters of what they keep (hoping → hope, cry → cri,
//!   mobility → mobl, dying → die, skies → sky; French explication → expliqu, normaux → normal,
//!   heureuse → heureux, permanence → permanent, évidemment → évident, voyez → voi). So the
//!   stem without such an ending ([`STEM_REWRITES`]) starts the word. The spelling variants
//!   applied before stemming are undone as alternatives: "ae" written "e" anywhere, -our as
//!   -or, -ise as -ize. A stem may also be the unit of a number ("24years"), right after a
//!   digit: so a stem's pattern must start a word or follow a digit.
//! - a number: its integer part starts the word ("4.8M", "4,8m" → 4.8).
//! - the units million, billion, thousand: also written as a digit then m, b or k ("4.8M",
//!   "2bn", "3milliards", "5k").

use super::tokens::TermMaker;
use crate::multi_search::MultiSearch;

/// Per language of [`super::tokens::LANGUAGES`]: how a Snowball stem may end where its word
/// has other letters, and how many of its last letters are then not the word's. Found by
/// stemming every distinct word of the project's English and French corpora (about 110,000
/// words, each with both stemmers) and keeping what of each stem does not start its word;
/// each is also a rule of the algorithm (English: hoping → hope, cry → cri, dying → die,
/// skies → sky, mobility → mobl, -bility → -ble; French: permanence → permanent, évidemment →
/// évident, couramment → courant, explication → expliqu, normaux → normal, heureuse →
/// heureux, voyez → voi).
pub const STEM_REWRITES: [&[(&str, usize)]; 2] = [
    &[
        ("ie", 2),
        ("ble", 2),
        ("bl", 1),
        ("e", 1),
        ("i", 1),
        ("y", 1),
    ],
    &[
        ("ent", 2),
        ("ant", 2),
        ("iqu", 2),
        ("al", 1),
        ("eux", 1),
        ("i", 1),
    ],
];

/// Above this many distinct claim terms the gate is not built: nearly every item then holds
/// some claim's terms, and the pass would only add to the query's cost.
pub const MAX_GATE_TERMS: usize = 2_000;

/// At most this many `e`s of a pattern get the "ae" alternative (2^n patterns); the pattern
/// is cut before the next one, which keeps it sound.
const MAX_AE_ALTERNATIVES: usize = 3;

/// The gate of one language's index.
#[derive(Debug)]
pub struct Gate {
    search: MultiSearch,
    /// The searched strings, in automaton order (for a caller's own pass, see
    /// [`super::NarrativeSet::gate_patterns`]).
    strings: Vec<String>,
    /// Per pattern: the term it stands for, and whether it must start a word or follow a
    /// digit (checked only where the view is the text lowercased byte for byte).
    patterns: Vec<(u32, bool)>,
    /// Terms with no pattern worth searching: taken as present in every item.
    always: Vec<u32>,
}

impl Gate {
    /// The gate over `terms` (term string, id), or `None` if one of them cannot be written
    /// as ASCII patterns or there are too many.
    pub fn build<'a>(
        maker: &TermMaker,
        terms: impl Iterator<Item = (&'a str, u32)>,
    ) -> Option<Self> {
        let rewrites = STEM_REWRITES[super::tokens::language_index(maker.lang())?];
        let mut patterns: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        let mut always = Vec::new();
        let units: Vec<(String, &[u8])> = [
            ("million", &b"m"[..]),
            ("billion", &b"bm"[..]),
            ("thousand", &b"k"[..]),
        ]
        .into_iter()
        .map(|(unit, letters)| (maker.stem(unit), letters))
        .collect();
        let mut count = 0;
        for (term, id) in terms {
            count += 1;
            if count > MAX_GATE_TERMS {
                return None;
            }
            let mut add = |pattern: String, word_start: bool| {
                if pattern.is_empty() {
                    always.push(id);
                } else {
                    patterns.push(pattern);
                    owners.push((id, word_start));
                }
            };
            if !term
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.')
            {
                return None;
            }
            if term.starts_with(|c: char| c.is_ascii_digit()) {
                let integer = term.split('.').next().unwrap_or(term);
                add(integer.to_string(), true);
                continue;
            }
            for pattern in stem_patterns(term, rewrites) {
                add(pattern, true);
            }
            for (unit, letters) in &units {
                if unit == term {
                    for &letter in *letters {
                        for digit in b'0'..=b'9' {
                            add(
                                String::from_utf8(vec![digit, letter]).expect("ASCII"),
                                false,
                            );
                        }
                    }
                }
            }
        }
        always.sort_unstable();
        always.dedup();
        let search = MultiSearch::new(&patterns, false).ok()?;
        Some(Gate {
            search,
            strings: patterns,
            patterns: owners,
            always,
        })
    }

    /// Call `found` with every term that may occur in the item whose normalized view is
    /// `view` (`lowercased`: the view is the item's ASCII text lowercased byte for byte),
    /// possibly more than once.
    pub fn terms(&self, view: &str, lowercased: bool, mut found: impl FnMut(u32)) {
        let bytes = view.as_bytes();
        self.search.for_each(bytes, |p, start, _| {
            if let Some(term) = self.term_at(p, start, bytes, lowercased) {
                found(term);
            }
        });
        for &t in &self.always {
            found(t);
        }
    }

    /// [`Self::terms`] from the occurrences (pattern, start) of [`Self::patterns`] that the
    /// caller found in `view` itself, every one of them.
    pub fn terms_found(
        &self,
        view: &str,
        lowercased: bool,
        occurrences: &[(u32, u32)],
        mut found: impl FnMut(u32),
    ) {
        for &(p, start) in occurrences {
            if let Some(term) =
                self.term_at(p as usize, start as usize, view.as_bytes(), lowercased)
            {
                found(term);
            }
        }
        for &t in &self.always {
            found(t);
        }
    }

    /// The searched strings: a caller may look for them itself (see [`Self::terms_found`]).
    pub fn patterns(&self) -> &[String] {
        &self.strings
    }

    /// The term of pattern `p` found at `start` of `view`, unless it must start a word there.
    #[inline]
    fn term_at(&self, p: usize, start: usize, view: &[u8], lowercased: bool) -> Option<u32> {
        let (term, word_start) = self.patterns[p];
        let inside_word = start > 0 && view[start - 1].is_ascii_lowercase();
        (!(word_start && lowercased && inside_word)).then_some(term)
    }
}

/// What every word whose stem is `stem` starts with, in each spelling it may have had.
fn stem_patterns(stem: &str, rewrites: &[(&str, usize)]) -> Vec<String> {
    let cut = rewrites
        .iter()
        .filter(|(ending, _)| stem.ends_with(ending))
        .map(|&(_, cut)| cut)
        .max()
        .unwrap_or(0);
    let mut head = &stem[..stem.len() - cut];
    // "ae" written "e": any "e" may have been "ae" (a first one too: the pattern starts the
    // word).
    let es: Vec<usize> = head.match_indices('e').map(|(i, _)| i).collect();
    if let Some(&next) = es.get(MAX_AE_ALTERNATIVES) {
        head = &head[..next];
    }
    let es = &es[..es.len().min(MAX_AE_ALTERNATIVES)];
    let mut out = Vec::new();
    for subset in 0..1usize << es.len() {
        let mut p = String::with_capacity(head.len() + es.len());
        for (i, c) in head.char_indices() {
            if let Some(k) = es.iter().position(|&e| e == i) {
                if subset >> k & 1 == 1 {
                    p.push('a');
                }
            }
            p.push(c);
        }
        out.push(p);
    }
    // -our written -or, -ours -ors; -is(e) written -iz(e): the stemmed word ended so.
    let mut alternatives = Vec::new();
    for p in &out {
        if let Some(s) = p.strip_suffix("or") {
            alternatives.push(format!("{s}our"));
        }
        if let Some(s) = p.strip_suffix("ors") {
            alternatives.push(format!("{s}ours"));
        }
        if let Some(z) = p.rfind('z') {
            let mut s = p.clone();
            s.replace_range(z..z + 1, "s");
            alternatives.push(s);
        }
    }
    out.extend(alternatives);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether some pattern of `term` occurs in the folded word `word` where the gate looks.
    fn admitted(gate: &Gate, word: &str, term: u32) -> bool {
        let mut hit = false;
        // The word in a text, after a space: the gate checks the word start.
        gate.terms(&format!(" {word} "), true, |t| hit |= t == term);
        hit
    }

    /// Words with many endings, spellings and numbers: every term of every word must be
    /// admitted by the gate built over all those terms.
    #[test]
    fn every_word_holds_a_pattern_of_each_of_its_terms() {
        let roots = [
            "organ",
            "rumo",
            "paedophil",
            "encyclopaed",
            "hop",
            "cr",
            "sk",
            "d",
            "l",
            "t",
            "mobil",
            "sensib",
            "explic",
            "norm",
            "heur",
            "perman",
            "evid",
            "voy",
            "zelensk",
            "realis",
            "capital",
            "nation",
            "rel",
            "luxuri",
            "happ",
            "notab",
            "crit",
            "bapt",
            "commun",
            "cheval",
            "nouv",
            "refug",
            "ukrain",
            "tou",
            "jour",
            "fav",
            "col",
            "hon",
            "beau",
            "fil",
            "ministr",
            "fals",
            "amour",
            "sandu",
            "embezzl",
            "psychotrop",
        ];
        let endings = [
            "", "s", "e", "es", "ed", "ing", "ingly", "edly", "y", "ies", "ied", "ly", "ity",
            "ities", "ility", "ilities", "ation", "ations", "ational", "ator", "ize", "ise",
            "ised", "ising", "isation", "ization", "izer", "ness", "ful", "fulness", "ous",
            "ously", "ive", "iveness", "ivity", "ism", "ist", "ent", "ence", "enci", "ance",
            "anci", "able", "ably", "ible", "ibly", "bli", "abli", "alli", "aliti", "alism",
            "ical", "icate", "iciti", "ment", "ments", "ement", "amment", "emment", "euse",
            "euses", "eux", "aux", "eaux", "ique", "iques", "ication", "icatrice", "logie",
            "usion", "ution", "ier", "iere", "ieres", "issement", "ir", "it", "ons", "ez", "ait",
            "aient", "erait", "our", "ours", "y", "yy", "ski", "sky", "skiy", "ska", "skaya", "ii",
            "ae", "aes", "ette", "elle", "enne", "onne",
        ];
        let mut groups: Vec<Vec<String>> = roots
            .iter()
            .map(|r| endings.iter().map(|e| format!("{r}{e}")).collect())
            .collect();
        groups.push(
            [
                "dying",
                "lying",
                "tying",
                "skis",
                "skies",
                "idly",
                "gently",
                "ugly",
                "early",
                "only",
                "singly",
                "news",
                "4.8m",
                "4,8m",
                "24m",
                "3bn",
                "2b",
                "5k",
                "7milliards",
                "21st",
                "2024",
                "1.000.000",
                "24years",
                "12percent",
                "3e",
                "0,5",
                "10mln",
                "cries",
                "flies",
                "agreed",
                "proceedings",
                "colour",
                "colours",
                "favourite",
                "aerial",
                "aesthetics",
                "caesar",
                "anaemia",
            ]
            .map(String::from)
            .to_vec(),
        );
        for lang in super::super::tokens::LANGUAGES {
            let maker = TermMaker::new(lang);
            for words in &groups {
                let mut terms: Vec<String> = Vec::new();
                let mut of_word = Vec::new();
                let mut per_word = Vec::new();
                for w in words {
                    maker.terms_of_folded(w, &mut of_word);
                    for t in &of_word {
                        if !terms.contains(t) {
                            terms.push(t.clone());
                        }
                    }
                    per_word.push(of_word.clone());
                }
                let gate = Gate::build(
                    &maker,
                    terms
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (t.as_str(), i as u32)),
                )
                .expect("ASCII terms");
                for (w, of_word) in words.iter().zip(&per_word) {
                    for t in of_word {
                        let id = terms.iter().position(|x| x == t).unwrap() as u32;
                        assert!(
                            admitted(&gate, w, id),
                            "{lang}: {w:?} -> {t:?} not admitted"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn patterns_undo_spellings_and_must_start_words() {
        let maker = TermMaker::new("en");
        let gate = Gate::build(
            &maker,
            [("pedophil", 0), ("aid", 1), ("million", 2)].into_iter(),
        )
        .unwrap();
        let found = |text: &str, lowercased: bool| {
            let mut f = Vec::new();
            gate.terms(text, lowercased, |t| {
                if !f.contains(&t) {
                    f.push(t)
                }
            });
            f.sort_unstable();
            f
        };
        assert_eq!(found("paedophile scandal", true), [0]);
        assert_eq!(found("he said so", true), Vec::<u32>::new());
        // Not the text lowercased: any occurrence counts.
        assert_eq!(found("he said so", false), [1]);
        assert_eq!(found("aid worth $4.8m", true), [1, 2]);
        assert_eq!(found("24aid", true), [1]);
    }

    #[test]
    fn a_term_that_is_not_ascii_or_too_many_terms_build_no_gate() {
        let maker = TermMaker::new("fr");
        assert!(Gate::build(&maker, [("café", 0)].into_iter()).is_none());
        let many: Vec<String> = (0..=MAX_GATE_TERMS).map(|i| format!("w{i}")).collect();
        assert!(Gate::build(
            &maker,
            many.iter().enumerate().map(|(i, t)| (t.as_str(), i as u32))
        )
        .is_none());
    }
}
