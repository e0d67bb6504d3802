use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r"(?i)\bdans\s+(?:l['’]\s?)?internet\b").unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "dans l'internet" / "dans internet" for being on the internet, where French says "sur
    /// internet".
    ///
    /// ## Why it signals Russian interference
    /// A calque of Russian «в интернете» (in the internet). Some natives write it too, so the
    /// weight is low.
    ///
    /// ## Fires on
    /// "J'ai lu dans l'internet que", "tout est dans internet", "chercher dans l’Internet".
    ///
    /// ## Must not fire on
    /// "sur internet", "dans l'Internet des objets", "dans l'Internet public", "l'internet
    /// russe".
    ///
    /// ## Known false positives
    /// Technical prose about the network itself ("les routeurs dans l'Internet"); natives
    /// writing "dans internet" casually.
    pub struct InTheInternet {
        code: "RU-FR-PREP-006",
        name: "dans-l-internet",
        family: Prepositions,
        lang: Fr,
        weight: 0.2,
        fires_on: [
            "J'ai lu dans l'internet que c'était faux",
            "Tout est dans internet maintenant",
            "Il faut chercher dans l’Internet",
        ],
        must_not_fire_on: [
            "J'ai lu sur internet que c'était faux",
            "Les capteurs dans l'Internet des objets",
            "L'internet russe est censuré",
            "Cette adresse n'est pas routable dans l'Internet public",
        ],
        triggers: ["internet"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let next = support::after(text, caps.get(0).unwrap().end(), 12).to_lowercase();
            // Native technical prose: "l'Internet des objets", "dans l'Internet public".
            ![" des objets", " public", " mondial", " archive"].iter().any(|w| next.starts_with(w))
        });
    }
}
