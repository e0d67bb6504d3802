use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"([A-Z][\w’\']*(?: [\w’\']+){0,2}) [—–] (?:(?:the|a|an|our|my|his|their|this|no) )?([a-z]+)(?: [a-z]+){0,4}(?: of [A-Z]\w+)?(?:[.!]|\s+#|\s+https?:|\s*$)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A spaced dash between a short subject and a short article-less nominal predicate, with no
    /// verb: "Moscow — capital of Russia.", "Putin — killer!", "Sad decision – no turkey meat".
    ///
    /// ## Why it signals Russian interference
    /// Russian has no present-tense copula and writes a dash between subject and predicate nouns
    /// («Москва — столица России»); writers carry the dash into English (DASH_AS_COPULA).
    ///
    /// ## Fires on
    /// "Moscow — capital of Russia.", "Zelensky — puppet of Washington!", "Sad decision – no
    /// turkey meat."
    ///
    /// ## Must not fire on
    /// Parenthetical dashes ("Brendan Hunt — whose father … — was sentenced"), a dash before a
    /// clause ("Steel is essential — it's in everything"), attributions ("Great speech — Obama"
    /// has a capitalised predicate), a subject that already contains a verb.
    ///
    /// ## Known false positives
    /// Native tweets use the spaced dash for asides and captions ("Obama — the best president
    /// ever", "Best day ever — thank you all!"): predicates with an article, common adjectives,
    /// "thank" and adverbs are excluded, but headline captions ("Tiger Woods — comeback
    /// complete") remain possible, so the weight is low.
    pub struct DashAsCopula {
        code: "RU-EN-TYPO-002",
        name: "dash-as-copula",
        family: Typography,
        lang: En,
        weight: 0.3,
        fires_on: [
            "Moscow — capital of Russia.",
            "Zelensky — puppet of Washington!",
            "Sad decision – no turkey meat.",
        ],
        must_not_fire_on: [
            "Brendan Hunt — whose father is a retired judge — was sentenced",
            "Steel is essential — it's in everything",
            "Great speech tonight — Barack Obama",
            "Obama — the best president ever.",
            "Best day ever — thank you all!",
            "Hillary — crooked as ever.",
        ],
        triggers: [" — ", " – "],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let subject = caps.get(1).unwrap().as_str().to_ascii_lowercase();
            let first = caps.get(2).unwrap().as_str();
            let verbish = subject
                .split(' ')
                .any(|w| matches!(w, "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "get" | "calling"));
            let clause_start = matches!(
                first,
                "it" | "they" | "we" | "you" | "he" | "she" | "who" | "whose" | "which" | "and" | "but"
                    | "both" | "not" | "tell" | "long" | "or" | "so" | "then" | "just" | "even" | "i"
                    | "thank" | "thanks" | "what" | "how" | "never" | "always" | "still" | "now"
                    | "here" | "there" | "again" | "more" | "less" | "very" | "too" | "please"
                    | "great" | "best" | "crooked" | "sad" | "good" | "bad" | "big" | "only"
            );
            // The Russian dash replaces "is" between nouns, and the article goes missing with it:
            // "Moscow — capital of Russia". With an article natives write it too ("Obama — the
            // best president ever"), so those do not count.
            let predicate = caps.get(0).unwrap().as_str().to_ascii_lowercase();
            let after_dash = predicate.split(['—', '–']).nth(1).unwrap_or("").trim_start();
            let with_article = ["the ", "a ", "an "].iter().any(|a| after_dash.starts_with(a));
            let as_ever = [" as ever", " as always", " as usual"].iter().any(|w| predicate.contains(w));
            let rest = &text[m.end()..];
            support::is_sentence_start(text, m.start())
                && !verbish
                && !clause_start
                && !with_article
                && !as_ever
                && !rest.contains(['—', '–'])
        });
    }
}
