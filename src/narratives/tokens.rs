//! The words of a claim or an item as index terms: split at every character that is not a
//! letter or digit, folded (lowercase, accents dropped), stop words left out, stemmed by the
//! Snowball stemmer of the language (`rust-stemmers`). Links and @handles are skipped: they
//! name accounts and pages, not what a claim says.

use crate::record::Span;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Languages whose claims are matched: one stemmer and one stop-word list each.
pub const LANGUAGES: [&str; 2] = ["en", "fr"];

/// Index of `code` in [`LANGUAGES`].
pub fn language_index(code: &str) -> Option<usize> {
    LANGUAGES.iter().position(|l| *l == code)
}

/// A word of a text, before stemming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    /// Looks like a name, a place or a number: a capitalised word inside a sentence, an
    /// acronym, or a word with a digit.
    pub entity: bool,
}

/// How many capitalised words make a text "title case", where capitals say nothing.
const TITLE_CASE_SHARE: f64 = 0.6;

/// The words of `text` with their spans, links and @handles left out.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    words_into(text, &mut out);
    out
}

/// [`words`] into `out` (cleared first): no allocation once `out` has grown. ASCII text (most
/// posts) takes a byte-level path that finds the same words.
pub fn words_into(text: &str, out: &mut Vec<Word>) {
    out.clear();
    let capitalised = if text.is_ascii() {
        ascii_words(text.as_bytes(), out)
    } else {
        unicode_words(text, out)
    };
    mark_title_case(text, capitalised, out);
}

/// In Title Case Or ALL CAPS text capitals mark nothing: keep only digits as entities.
fn mark_title_case(text: &str, capitalised: usize, out: &mut [Word]) {
    if out.len() >= 4 && capitalised as f64 >= TITLE_CASE_SHARE * out.len() as f64 {
        for w in out.iter_mut() {
            w.entity = text[w.span.start..w.span.end]
                .bytes()
                .any(|b| b.is_ascii_digit());
        }
    }
}

/// Characters after which a capital opens a sentence rather than marking a name.
fn opens_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ':' | '"' | '«' | '“' | '(' | '\n')
}

/// The byte-level twin of [`unicode_words`] for ASCII text; returns the capitalised words.
fn ascii_words(b: &[u8], out: &mut Vec<Word>) -> usize {
    let mut capitalised = 0usize;
    let mut sentence_start = true;
    let mut i = 0;
    while i < b.len() {
        let chunk_end = b[i..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == 0x0B)
            .map_or(b.len(), |k| i + k);
        let chunk = &b[i..chunk_end];
        let skip = chunk.first() == Some(&b'@')
            || chunk.windows(3).any(|w| w == b"://")
            || chunk
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case(b"www."));
        if !skip {
            let mut start: Option<usize> = None;
            let mut k = 0;
            while k <= chunk.len() {
                let c = chunk.get(k).copied().unwrap_or(b' ');
                if c.is_ascii_alphanumeric() {
                    start.get_or_insert(k);
                    k += 1;
                    continue;
                }
                let in_number = matches!(c, b'.' | b',')
                    && start.is_some_and(|s| chunk[s..k].iter().all(u8::is_ascii_digit))
                    && chunk.get(k + 1).is_some_and(u8::is_ascii_digit);
                if in_number {
                    k += 1;
                    continue;
                }
                if let Some(s) = start.take() {
                    let w = &chunk[s..k];
                    let upper = w[0].is_ascii_uppercase();
                    capitalised += usize::from(upper);
                    let digit = w.iter().any(u8::is_ascii_digit);
                    let acronym = w.len() >= 2 && !w.iter().any(u8::is_ascii_lowercase);
                    out.push(Word {
                        span: Span::new(i + s, i + k),
                        entity: digit || acronym || (upper && !sentence_start),
                    });
                    sentence_start = false;
                }
                if opens_sentence(c as char) {
                    sentence_start = true;
                }
                k += 1;
            }
        }
        i = chunk_end;
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == 0x0B) {
            if b[i] == b'\n' {
                sentence_start = true;
            }
            i += 1;
        }
    }
    capitalised
}

/// The words of any text; returns the capitalised words.
fn unicode_words(text: &str, out: &mut Vec<Word>) -> usize {
    let mut capitalised = 0usize;
    let mut sentence_start = true;
    let mut i = 0;
    while i < text.len() {
        // One white-space separated chunk at a time: links and handles are skipped whole.
        let chunk_end = text[i..]
            .find(char::is_whitespace)
            .map_or(text.len(), |k| i + k);
        let chunk = &text[i..chunk_end];
        let skip = chunk.starts_with('@')
            || chunk.contains("://")
            || chunk
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case("www."));
        if !skip {
            let mut word_start: Option<usize> = None;
            let mut chars = chunk
                .char_indices()
                .chain(std::iter::once((chunk.len(), ' ')))
                .peekable();
            while let Some((k, c)) = chars.next() {
                if c.is_alphanumeric() {
                    word_start.get_or_insert(k);
                    continue;
                }
                // A decimal point or comma between digits stays inside the number ("4.8M").
                let in_number = matches!(c, '.' | ',')
                    && word_start.is_some_and(|s| chunk[s..k].bytes().all(|b| b.is_ascii_digit()))
                    && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
                if in_number {
                    continue;
                }
                if let Some(s) = word_start.take() {
                    let w = &chunk[s..k];
                    let first = w.chars().next().unwrap_or(' ');
                    let upper = first.is_uppercase();
                    capitalised += usize::from(upper);
                    let digit = w.chars().any(|c| c.is_ascii_digit());
                    let acronym = w.chars().count() >= 2 && w.chars().all(|c| !c.is_lowercase());
                    out.push(Word {
                        span: Span::new(i + s, i + k),
                        entity: digit || acronym || (upper && !sentence_start),
                    });
                    sentence_start = false;
                }
                if opens_sentence(c) {
                    sentence_start = true;
                }
            }
        }
        i = chunk_end;
        // Skip the white space itself (one char at a time: it may be multi-byte).
        while i < text.len() {
            let c = text[i..].chars().next().expect("in bounds");
            if !c.is_whitespace() {
                break;
            }
            if c == '\n' {
                sentence_start = true;
            }
            i += c.len_utf8();
        }
    }
    capitalised
}

/// Lowercase `word` without accents into `out` (cleared first).
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.nfkd().filter(|c| !is_combining_mark(*c)) {
        out.extend(c.to_lowercase());
    }
}

/// Stemmer and stop words of one language.
pub struct TermMaker {
    lang: &'static str,
    stemmer: Stemmer,
    /// Folded stop words.
    stop: HashSet<String, foldhash::fast::FixedState>,
}

impl std::fmt::Debug for TermMaker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TermMaker")
            .field("stop_words", &self.stop.len())
            .finish()
    }
}

impl TermMaker {
    /// For a language of [`LANGUAGES`].
    pub fn new(lang: &str) -> Self {
        let (algorithm, lang) = match lang {
            "fr" => (Algorithm::French, "fr"),
            _ => (Algorithm::English, "en"),
        };
        let mut stop = HashSet::default();
        let mut folded = String::new();
        for w in stop_words::lookup(lang).unwrap_or(&[]) {
            fold_into(w, &mut folded);
            stop.insert(folded.clone());
        }
        TermMaker {
            lang,
            stemmer: Stemmer::create(algorithm),
            stop,
        }
    }

    /// The language of the stemmer: "en" or "fr".
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Whether a folded word is left out: a stop word, or a single letter.
    pub fn is_stop(&self, folded: &str) -> bool {
        (folded.len() < 2 && !folded.bytes().all(|b| b.is_ascii_digit()))
            || self.stop.contains(folded)
    }

    /// The index terms of `word` (original spelling) into `out` (cleared first): none for a
    /// stop word, one stem for a word, a number and its unit for "4.8M". `scratch` holds the
    /// folded word afterwards.
    pub fn terms(&self, word: &str, scratch: &mut String, out: &mut Vec<String>) {
        fold_into(word, scratch);
        self.terms_of_folded(scratch, out);
    }

    /// The stem of a folded word, as [`Self::terms_of_folded`] writes it (a unit's stem).
    pub fn stem(&self, folded: &str) -> String {
        self.stemmer.stem(folded).into_owned()
    }

    /// [`Self::terms`] of a word already folded. A pure function of the folded word, so
    /// that claims and items written with or without accents meet, and a per-thread memo
    /// keyed by the folded word is exact.
    pub fn terms_of_folded(&self, folded: &str, out: &mut Vec<String>) {
        out.clear();
        if self.is_stop(folded) {
            return;
        }
        if folded.starts_with(|c: char| c.is_ascii_digit()) {
            let split = folded
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .unwrap_or(folded.len());
            let (number, unit) = folded.split_at(split);
            out.push(number.replace(',', "."));
            let unit = match unit {
                "m" | "mn" | "mln" | "million" | "millions" => "million",
                "b" | "bn" | "billion" | "billions" | "milliard" | "milliards" => "billion",
                "k" => "thousand",
                // Ordinals: "21st", "3e", "2nd" are the number.
                "st" | "nd" | "rd" | "th" | "er" | "eme" | "e" | "es" | "ers" => "",
                _ => unit,
            };
            if unit.len() >= 2 {
                out.push(self.stemmer.stem(unit).into_owned());
            }
            return;
        }
        let variant = spelling_variant(folded);
        out.push(self.stemmer.stem(&variant).into_owned());
    }
}

/// One spelling for words written several ways: British and American spellings
/// (paedophile/pedophile, organise/organize, rumour/rumor) and the transliterations of Slavic
/// surnames and their feminine forms (Zelensky, Zelenskyy, Zelenskiy, Zelenska → zelensk).
fn spelling_variant(folded: &str) -> std::borrow::Cow<'_, str> {
    const SLAVIC: [&str; 10] = [
        "skaya", "skyy", "skyi", "skiy", "skii", "skoy", "skij", "sky", "ski", "ska",
    ];
    if folded.len() >= 6 {
        if let Some(stem) = SLAVIC.iter().find_map(|e| folded.strip_suffix(e)) {
            return format!("{stem}sk").into();
        }
    }
    if !folded.contains("ae") && !folded.contains("is") && !folded.contains("our") {
        return folded.into();
    }
    let mut w = folded.replace("ae", "e");
    if w.len() >= 5 && w.ends_with("our") {
        w.truncate(w.len() - 2);
        w.push('r');
    } else if w.len() >= 6 && w.ends_with("ours") {
        w.truncate(w.len() - 3);
        w.push_str("rs");
    }
    for (british, american) in [
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
    ] {
        if w.len() >= british.len() + 3 && w.ends_with(british) {
            w.truncate(w.len() - british.len());
            w.push_str(american);
            break;
        }
    }
    w.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<(&str, bool)> {
        words(t)
            .into_iter()
            .map(|w| (&t[w.span.start..w.span.end], w.entity))
            .collect()
    }

    #[test]
    fn words_skip_links_and_handles_and_mark_entities() {
        assert_eq!(
            texts("@user Zelensky's wife bought a villa in Courchevel for $4.8M https://t.co/x"),
            vec![
                ("Zelensky", false),
                ("s", false),
                ("wife", false),
                ("bought", false),
                ("a", false),
                ("villa", false),
                ("in", false),
                ("Courchevel", true),
                ("for", false),
                ("4.8M", true),
            ]
        );
        // A capital after a full stop opens a sentence; NATO is an acronym.
        let t = texts("It is known. NATO plans war, Biden said");
        assert!(t.contains(&("NATO", true)));
        assert!(t.contains(&("Biden", true)));
        assert!(t.contains(&("It", false)));
    }

    #[test]
    fn the_ascii_path_finds_the_words_the_unicode_path_finds() {
        let mut texts: Vec<String> = crate::normalize::test_inputs::generated(3000);
        texts.extend(crate::normalize::test_inputs::samples_and_fixtures());
        texts.extend(
            [
                "Paid $4.8M, or 4,5 millions. NATO: Biden\nsaid 21st (Really) www.x.com @me http://a.b",
                "A B C D E F",
                "x\u{0B}y\tz\rw 1.2.3 ,5 5, a.b",
            ]
            .map(String::from),
        );
        let mut ascii = 0;
        for t in texts.iter().filter(|t| t.is_ascii()) {
            let mut fast = Vec::new();
            let fast_caps = ascii_words(t.as_bytes(), &mut fast);
            let mut slow = Vec::new();
            let slow_caps = unicode_words(t, &mut slow);
            assert_eq!((fast, fast_caps), (slow, slow_caps), "{t:?}");
            ascii += 1;
        }
        assert!(ascii > 500, "{ascii}");
    }

    #[test]
    fn title_case_marks_nothing_but_numbers() {
        let t = texts("Zelensky Buys Villa With 40 Million From Aid");
        assert!(t.iter().all(|(w, e)| *e == (*w == "40")), "{t:?}");
    }

    fn terms(maker: &TermMaker, word: &str) -> Vec<String> {
        let (mut s, mut out) = (String::new(), Vec::new());
        maker.terms(word, &mut s, &mut out);
        out
    }

    #[test]
    fn terms_are_folded_stemmed_and_stop_words_dropped() {
        let en = TermMaker::new("en");
        assert_eq!(terms(&en, "Refugees"), ["refuge"]);
        assert!(terms(&en, "the").is_empty());
        assert_eq!(terms(&en, "2024"), ["2024"]);
        let fr = TermMaker::new("fr");
        assert_eq!(terms(&fr, "réfugiés"), terms(&fr, "refugies"));
        assert_eq!(terms(&fr, "Réfugié"), ["refug"]);
        assert!(terms(&fr, "été").is_empty());
        assert!(terms(&fr, "les").is_empty());
    }

    #[test]
    fn numbers_keep_their_decimals_and_units_and_spellings_meet() {
        let en = TermMaker::new("en");
        let t = "paid $4.8M, or 4.8 million";
        let w: Vec<&str> = words(t).iter().map(|w| w.span.slice(t)).collect();
        assert_eq!(w, ["paid", "4.8M", "or", "4.8", "million"]);
        assert_eq!(terms(&en, "4.8M"), ["4.8", "million"]);
        assert_eq!(terms(&TermMaker::new("fr"), "4,5"), ["4.5"]);
        for (a, b) in [
            ("Zelensky", "Zelenska"),
            ("Zelenskyy", "Zelenskiy"),
            ("paedophile", "pedophile"),
            ("organised", "organized"),
            ("rumours", "rumors"),
        ] {
            assert_eq!(terms(&en, a), terms(&en, b), "{a} {b}");
        }
    }
}
