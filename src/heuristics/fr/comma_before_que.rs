use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    // `(?:^|\W)` rather than `\b`: see `support::word_char_at`.
    Regex::new(r"(?i)(?:^|\W)(dit|dis|disent|dire|disait|pens[ée]|pense|penses|pensons|pensez|pensent|penser|crois|croit|croyons|croyez|croient|cru|croire|sais|sait|savons|savez|savent|savoir|affirm\w*|d[ée]clar[ée]\w*|annonc[ée]\w*|expliqu[ée]\w*|estim[ée]\w*|esp[èée]r\w*|semble|para[îi]t|rappel[ée]\w*|soulign[ée]\w*|montr[ée]\w*|prouv[ée]\w*|comprends|comprend|compris|[ée]vident|clair|certain|vrai|faut|veux|veut|voulons|voulez|veulent|oubli[ée]\w*|not[ée]|reconna[îi]t|reconnu|admet|admis|pr[ée]tend\w*|promis|promet|signifie|confirm[ée]\w*)\s*,\s*(qu(?:e|['’]))").unwrap()
});

/// Whether `word` is a determiner, i.e. the "verb" is a noun ("cette montre, que …").
/// Whether a comma is followed, after optional white space, by "qu" in any ASCII case: what
/// `RE` needs after its verb (`\s*,\s*qu`; `\s` is Unicode white space, as is
/// `char::is_whitespace`).
fn has_comma_then_qu(text: &str) -> bool {
    text.match_indices(',').any(|(i, _)| {
        text[i + 1..]
            .trim_start()
            .as_bytes()
            .get(..2)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"qu"))
    })
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "le" | "la"
            | "les"
            | "un"
            | "une"
            | "ce"
            | "cet"
            | "cette"
            | "ma"
            | "ta"
            | "sa"
            | "mon"
            | "ton"
            | "son"
            | "notre"
            | "votre"
            | "leur"
            | "du"
            | "au"
    )
}

crate::heuristic! {
    /// ## What it detects
    /// A comma between a verb of saying, thinking or knowing (or "il est évident / clair /
    /// vrai") and the "que" clause it introduces: "Il a dit, que…", "Je pense, que…".
    ///
    /// ## Why it signals Russian interference
    /// Russian punctuation requires a comma before «что» and «чтобы»; French forbids it. It
    /// is the French counterpart of the strongest English tell (comma before "that").
    ///
    /// ## Fires on
    /// "Il a dit, que la guerre est finie", "Je pense, que tout le monde sait", "Il est
    /// évident, qu'ils mentent".
    ///
    /// ## Must not fire on
    /// "Il a dit que la guerre est finie", "Je pense, comme vous, que", "Bref, que faire ?",
    /// "Je l'ai dit, que vous le vouliez ou non".
    ///
    /// ## Known false positives
    /// An incidental "que" clause after a comma ("c'est vrai, que voulez-vous") and concessive
    /// "que … ou non" are excluded; German and Polish writers share the comma habit.
    /// Transcribed speech (a text with "euh", "hum") is skipped: its commas are the
    /// transcriber's pauses ("je sais, que tu m'attendais" fired on 3 of 342 ParisStories
    /// chunks before).
    pub struct CommaBeforeQue {
        code: "RU-FR-PUNCT-001",
        name: "comma-before-que",
        family: Punctuation,
        lang: Fr,
        weight: 0.45,
        fires_on: [
            "Il a dit, que la guerre est finie",
            "Je pense, que tout le monde sait la vérité",
            "Il est évident, qu'ils mentent",
        ],
        must_not_fire_on: [
            "Il a dit que la guerre est finie",
            "Je pense, comme vous, que tout le monde sait",
            "C'est vrai, que voulez-vous ?",
            "Je l'ai dit, que vous le vouliez ou non",
            "Bref, que faire maintenant ?",
            "Il l'a dit, qu'importe le prix",
            "Cette montre, que mon père m'a offerte, ne marche plus",
            "Il est parti, c'est-à-dire, qu'il a démissionné",
            "je sais, euh, enfin je sais, que tu m'attendais là",
        ],
        triggers: [","],
    }
    fn check(text, hits) {
        // Most texts with a comma have no "que" right after it: skip the regex, whose Unicode
        // word boundaries are slow on accented text.
        if !has_comma_then_qu(text) || words::looks_transcribed(text) {
            return;
        }
        support::push_group_if(&RE, 2, text, hits, |text, caps| {
            let que = caps.get(2).unwrap();
            let next = words::word_after(text, que.end());
            let rest = words::sentence_rest(text, que.end()).to_lowercase();
            let before_verb = words::fold(words::word_before(text, caps.get(1).unwrap().start()));
            // "que voulez-vous" (inverted question), "que … ou non" (concessive), "bien sûr, que".
            !(next.contains('-')
                || words::fold(next) == "importe"
                || rest.contains(" ou non")
                || rest.contains(" ou pas")
                || before_verb == "bien"
                // "c'est-à-dire, que …": a connective, not a verb of saying.
                || before_verb.ends_with('-')
                || words::word_before(text, caps.get(1).unwrap().start()) == "à"
                || is_determiner(&before_verb))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::has_comma_then_qu;

    #[test]
    fn precheck_accepts_every_spacing_the_pattern_accepts() {
        for text in ["dit,que", "dit, que", "dit ,\u{a0} Qu'il", "dit,\n\tQUE", "a, b, qu’"] {
            assert!(has_comma_then_qu(text), "{text:?}");
        }
        for text in ["dit que", "dit, et que", "dit, q", "dit,", "qu, "] {
            assert!(!has_comma_then_qu(text), "{text:?}");
        }
    }
}
