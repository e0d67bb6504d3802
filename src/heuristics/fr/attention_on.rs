use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:fai\w*|fera\w*|fass\w*|pr[êe]t\w*)\s+(?:(?:plus|pas|bien|toujours|beaucoup|vraiment)\s+)?(?:d')?(?:l')?attention\s+(sur)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "faire / prêter attention sur" instead of "faire attention à": "il faut faire attention
    /// sur ce problème", "le gouvernement doit prêter attention sur la situation".
    ///
    /// ## Why it signals Russian interference
    /// Russian «обращать внимание на» takes «на» (on), rendered as "sur"; the English analogue
    /// ("pay attention on") is a REALEC gold error (RU-EN-PREP-021). "attirer / porter l'attention
    /// sur" is native French and does not match. An East Slavic calque.
    ///
    /// ## Fires on
    /// "Il faut faire attention sur ce problème", "Le gouvernement doit prêter attention sur la
    /// situation", "Faites attention sur les détails".
    ///
    /// ## Must not fire on
    /// "Il faut faire attention à ce problème", "Je voudrais attirer l'attention sur ce point",
    /// "Il a porté son attention sur la situation".
    ///
    /// ## Known false positives
    /// None found in the native sets (ParisStories, Rhapsodie, gettext catalogues).
    ///
    /// ## Measured
    /// Native items fired on: 0 of 335 ParisStories, 0 of 341 Rhapsodie, 0 of 33,902 French gettext
    /// strings. Recall cannot be measured: no French written by Russian speakers is available.
    /// Measured with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct AttentionOn {
        code: "RU-FR-PREP-010",
        name: "attention-sur",
        family: Prepositions,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "Il faut faire attention sur ce problème",
            "Le gouvernement doit prêter attention sur la situation",
            "Faites attention sur les détails",
        ],
        must_not_fire_on: [
            "Il faut faire attention à ce problème",
            "Je voudrais attirer l'attention sur ce point",
            "Il a porté son attention sur la situation",
        ],
        triggers: ["attention"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 1, text, hits, |_, _| true);
    }
}
