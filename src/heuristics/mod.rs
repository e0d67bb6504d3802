//! Explainable heuristics for Russian-syntax interference in English and French.
//!
//! Each heuristic lives in its own file under `en/` or `fr/`, declared with the
//! [`heuristic!`](crate::heuristic) macro: a stable code, a family, a language, a default
//! weight, a doc comment (*What it detects / Why it matters / Fires on / Must not fire on /
//! Known false positives*) and examples that must and must not fire — which run as that
//! file's own unit test. Adding a heuristic is one new file plus one line in the language's
//! `registry!` list.

pub mod en;
pub mod fr;
pub mod long_text;
pub mod support;

use crate::record::Span;

/// The language a heuristic covers. Heuristics run only on items identified as that language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// Families of interference (see `docs/heuristics.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Articles,
    Prepositions,
    LexicalCalques,
    Verbs,
    WordOrder,
    Punctuation,
    Typography,
    Transliteration,
    ScriptMixing,
    KremlinLexicon,
    MachineTranslation,
    Gender,
    Negation,
    Numbers,
    Pronouns,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Articles => "articles",
            Family::Prepositions => "prepositions",
            Family::LexicalCalques => "lexical-calques",
            Family::Verbs => "verbs",
            Family::WordOrder => "word-order",
            Family::Punctuation => "punctuation",
            Family::Typography => "typography",
            Family::Transliteration => "transliteration",
            Family::ScriptMixing => "script-mixing",
            Family::KremlinLexicon => "kremlin-lexicon",
            Family::MachineTranslation => "machine-translation",
            Family::Gender => "gender",
            Family::Negation => "negation",
            Family::Numbers => "numbers",
            Family::Pronouns => "pronouns",
        }
    }
}

/// Static description of a heuristic: what `calque heuristics` prints.
#[derive(Debug)]
pub struct HeuristicInfo {
    /// Stable code, never reused, e.g. `RU-EN-PREP-001`.
    pub code: &'static str,
    /// Short kebab-case name that reads as "allow <name>".
    pub name: &'static str,
    pub family: Family,
    pub lang: Lang,
    /// Default weight in [0, 1]; overridable in the config's `[weights]` table.
    pub weight: f64,
    /// The doc comment of the heuristic's struct.
    pub doc: &'static str,
    /// Texts on which the heuristic must fire.
    pub fires_on: &'static [&'static str],
    /// Near-misses on which it must not fire.
    pub must_not_fire_on: &'static [&'static str],
    /// Words (ASCII case-insensitive) at least one of which occurs in every text the heuristic
    /// fires on. The engine skips the heuristic when none occurs; empty means always run.
    pub triggers: &'static [&'static str],
}

/// A heuristic: looks at an item's original text and reports the spans where it fires.
pub trait Heuristic: Send + Sync {
    fn info(&self) -> &'static HeuristicInfo;
    /// Push the byte spans of `text` on which the heuristic fires.
    fn check(&self, text: &str, hits: &mut Vec<Span>);
}

/// Declare a heuristic: its struct with doc comment, metadata, check function and example test.
///
/// ```ignore
/// heuristic! {
///     /// ## What it detects ...
///     pub struct OnThePhoto {
///         code: "RU-EN-PREP-001", name: "on-the-photo", family: Prepositions, lang: En,
///         weight: 0.6,
///         fires_on: ["..."], must_not_fire_on: ["..."],
///     }
///     fn check(text, hits) { support::push_all(&RE, text, hits) }
/// }
/// ```
#[macro_export]
macro_rules! heuristic {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $hname:literal,
            family: $family:ident,
            lang: $lang:ident,
            weight: $weight:literal,
            fires_on: [$($pos:literal),* $(,)?],
            must_not_fire_on: [$($neg:literal),* $(,)?]
            $(, triggers: [$($trigger:literal),* $(,)?])? $(,)?
        }
        fn check($text:ident, $hits:ident) $body:block
    ) => {
        $(#[doc = $doc])*
        $vis struct $name;

        impl $crate::heuristics::Heuristic for $name {
            fn info(&self) -> &'static $crate::heuristics::HeuristicInfo {
                static INFO: $crate::heuristics::HeuristicInfo = $crate::heuristics::HeuristicInfo {
                    code: $code,
                    name: $hname,
                    family: $crate::heuristics::Family::$family,
                    lang: $crate::heuristics::Lang::$lang,
                    weight: $weight,
                    doc: concat!($($doc, "\n"),*),
                    fires_on: &[$($pos),*],
                    must_not_fire_on: &[$($neg),*],
                    triggers: &[$($($trigger),*)?],
                };
                &INFO
            }

            #[allow(unused_variables)]
            fn check(&self, $text: &str, $hits: &mut Vec<$crate::record::Span>) $body
        }

        #[cfg(test)]
        mod examples {
            #[test]
            fn documented_examples_hold() {
                $crate::heuristics::assert_examples(&super::$name);
            }
        }
    };
}

/// Declare a language's heuristic modules and its registry in one list: one line per heuristic.
#[macro_export]
macro_rules! registry {
    ($($module:ident :: $name:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every heuristic of this language, in code order.
        pub static HEURISTICS: &[&dyn $crate::heuristics::Heuristic] = &[$(&$module::$name),*];
    };
}

/// Every heuristic, English first, then French.
pub fn all() -> impl Iterator<Item = &'static dyn Heuristic> {
    en::HEURISTICS.iter().chain(fr::HEURISTICS.iter()).copied()
}

/// Look a heuristic up by its code.
pub fn by_code(code: &str) -> Option<&'static dyn Heuristic> {
    all().find(|h| h.info().code.eq_ignore_ascii_case(code))
}

/// Run one heuristic on `text` and return its hits (sorted, deduplicated).
pub fn run(h: &dyn Heuristic, text: &str) -> Vec<Span> {
    let mut hits = Vec::new();
    h.check(text, &mut hits);
    hits.sort();
    hits.dedup();
    hits
}

/// Whether one of the heuristic's triggers occurs in `text` (true when it has none), compared
/// exactly as the engine's automaton does: ASCII case-insensitively.
pub fn triggered(info: &HeuristicInfo, text: &str) -> bool {
    if info.triggers.is_empty() {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    crate::analyze::UNICODE_FOLDS
        .iter()
        .any(|c| text.contains(c))
        || info
            .triggers
            .iter()
            .any(|t| lower.contains(&t.to_ascii_lowercase()))
}

/// Problems with a heuristic's documented examples, one line each (empty when all hold).
pub fn example_failures(h: &dyn Heuristic) -> Vec<String> {
    let info = h.info();
    let mut failures = Vec::new();
    for text in info.fires_on.iter().chain(info.must_not_fire_on) {
        if !run(h, text).is_empty() && !triggered(info, text) {
            failures.push(format!(
                "{} fires on {text:?} but none of its triggers occurs there",
                info.code
            ));
        }
    }
    for text in info.fires_on {
        let hits = run(h, text);
        if hits.is_empty() {
            failures.push(format!("{} must fire on {text:?} but did not", info.code));
        }
        for span in hits {
            if text.get(span.start..span.end).is_none() || span.start >= span.end {
                failures.push(format!(
                    "{} reported an invalid span {span:?} on {text:?}",
                    info.code
                ));
            }
        }
    }
    for text in info.must_not_fire_on {
        let hits = run(h, text);
        if let Some(span) = hits.first() {
            failures.push(format!(
                "{} must not fire on {text:?} but fired on {:?}",
                info.code,
                span.slice(text)
            ));
        }
    }
    failures
}

/// Panic, listing every firing, if any of `heuristics` fires on any of the native `texts`.
#[cfg(test)]
pub fn assert_silent_on<'a>(
    heuristics: &[&dyn Heuristic],
    texts: impl IntoIterator<Item = &'a str>,
) {
    let mut failures = Vec::new();
    for text in texts {
        for h in heuristics {
            for span in run(*h, text) {
                failures.push(format!(
                    "{} fired on {:?} in {text:?}",
                    h.info().code,
                    span.slice(text)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Panic unless every word of a heuristic's word list contains one of its triggers (for
/// heuristics whose triggers are derived from such a list).
#[cfg(test)]
pub fn assert_words_have_triggers(h: &dyn Heuristic, words: &[&str]) {
    let triggers = h.info().triggers;
    for word in words {
        assert!(
            triggers.iter().any(|t| word.contains(t)),
            "{}: {word:?} contains no trigger",
            h.info().code
        );
    }
}

/// Panic with every failing example of `h` (used by each heuristic's own test).
pub fn assert_examples(h: &dyn Heuristic) {
    let failures = example_failures(h);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for h in all() {
            let info = h.info();
            assert!(seen.insert(info.code), "duplicate code {}", info.code);
            let prefix = format!("RU-{}-", info.lang.code().to_uppercase());
            assert!(
                info.code.starts_with(&prefix),
                "{} should start with {prefix}",
                info.code
            );
            assert!(
                (0.0..=1.0).contains(&info.weight),
                "{} weight out of range",
                info.code
            );
        }
    }

    #[test]
    fn every_heuristic_is_documented_with_enough_examples() {
        for h in all() {
            let info = h.info();
            for section in [
                "What it detects",
                "Why it",
                "Fires on",
                "Must not fire on",
                "Known false positives",
            ] {
                assert!(
                    info.doc.contains(section),
                    "{} doc lacks section {section:?}",
                    info.code
                );
            }
            assert!(
                info.fires_on.len() >= 3,
                "{} needs 3 examples that fire",
                info.code
            );
            assert!(
                info.must_not_fire_on.len() >= 3,
                "{} needs 3 near-misses",
                info.code
            );
        }
    }

    /// The text column of a CSV given as a string (rows without that column are skipped).
    fn csv_texts(csv_text: &str) -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(csv_text.as_bytes());
        let column = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "text")
            .expect("a text column");
        reader
            .records()
            .map(|r| r.unwrap())
            .filter_map(|r| r.get(column).map(str::to_string))
            .collect()
    }

    /// `text` without diacritics ("Côté" → "Cote"), as typed on a keyboard without accents.
    fn strip_accents(text: &str) -> String {
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;
        text.nfd().filter(|c| !is_combining_mark(*c)).collect()
    }

    /// The engine's test (`analyze::Triggers`): a trigger occurs, ASCII-case-insensitively.
    fn engine_would_run(info: &HeuristicInfo, text: &str) -> bool {
        let text = text.to_ascii_lowercase();
        info.triggers.is_empty()
            || info
                .triggers
                .iter()
                .any(|t| text.contains(&t.to_ascii_lowercase()))
    }

    /// Safety net for trigger words: over every documented example, sample texts, native
    /// French and upper-case / accent-free spellings of every example that fires, a heuristic
    /// never fires on a text where the engine would have skipped it.
    #[test]
    fn heuristics_never_fire_where_their_triggers_are_absent() {
        let mut pool: Vec<String> = Vec::new();
        for h in all() {
            let info = h.info();
            pool.extend(info.must_not_fire_on.iter().map(|t| t.to_string()));
            for text in info.fires_on {
                let upper = text.to_uppercase();
                pool.push(strip_accents(&upper));
                pool.push(upper);
                pool.push(strip_accents(text));
                pool.push(text.to_string());
            }
        }
        pool.extend(
            include_str!("../../tests/fixtures/french_native_sample.txt")
                .lines()
                .map(str::to_string),
        );
        pool.extend(csv_texts(include_str!("../../data/samples/posts.csv")));
        pool.extend(csv_texts(include_str!("../../tests/fixtures/labelled.csv")));
        assert!(pool.len() > 800, "pool shrank to {}", pool.len());

        let mut failures = Vec::new();
        let mut fired = 0;
        for h in all() {
            let info = h.info();
            for text in &pool {
                if run(h, text).is_empty() {
                    continue;
                }
                fired += 1;
                if !engine_would_run(info, text) || !triggered(info, text) {
                    failures.push(format!("{} fires on {text:?} without a trigger", info.code));
                }
            }
        }
        // The variants must exercise the heuristics, not just exist.
        assert!(fired > 500, "only {fired} firings in the pool");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn lookup_by_code_is_case_insensitive() {
        let first = all().next().unwrap().info().code;
        assert_eq!(by_code(&first.to_lowercase()).unwrap().info().code, first);
        assert!(by_code("RU-XX-NOPE-999").is_none());
    }
}
