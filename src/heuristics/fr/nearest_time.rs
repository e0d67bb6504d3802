use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:dans|en|pour)\s+(?:le|les)\s+(?:temps\s+(?:le\s+)?plus\s+proches?|temps\s+les\s+plus\s+proches|plus\s+proches?\s+temps|proches?\s+temps)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "dans le temps le plus proche" and variants ("dans le plus proche temps", "dans le
    /// proche temps") for "soon", where French says "prochainement", "sous peu" or "dans un
    /// proche avenir".
    ///
    /// ## Why it signals Russian interference
    /// A word-for-word rendering of Russian «в ближайшее время» (in the nearest time), one of
    /// the most recognisable Russian calques in both English and French.
    ///
    /// ## Fires on
    /// "dans le temps le plus proche", "Les résultats seront publiés dans le plus proche
    /// temps", "pour le temps le plus proche".
    ///
    /// ## Must not fire on
    /// "dans un proche avenir", "dans les plus brefs délais", "le temps le plus proche du
    /// record" (a comparison).
    ///
    /// ## Known false positives
    /// A comparison of times introduced by "dans" ("dans le temps le plus proche de …") is
    /// excluded; none else known.
    pub struct NearestTime {
        code: "RU-FR-LEX-001",
        name: "dans-le-temps-le-plus-proche",
        family: LexicalCalques,
        lang: Fr,
        weight: 0.6,
        fires_on: [
            "Nous allons répondre dans le temps le plus proche",
            "Les résultats seront publiés dans le plus proche temps",
            "La situation va changer dans le proche temps",
        ],
        must_not_fire_on: [
            "Nous allons répondre dans un proche avenir",
            "Nous allons répondre dans les plus brefs délais",
            "Il a couru dans le temps le plus proche du record",
        ],
        triggers: ["proche"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let next = support::after(text, caps.get(0).unwrap().end(), 5).to_lowercase();
            !(next.starts_with(" de ") || next.starts_with(" du ") || next.starts_with(" des ")
                || next.starts_with(" d'") || next.starts_with(" d’"))
        });
    }
}
