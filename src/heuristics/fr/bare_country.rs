use crate::heuristics::support::{self, Pattern};
use regex::Regex;

use super::words;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?:^|[.!?,;]\s+|\b(contre|avec|pour|sur|par|vers|envers|sans|entre|soutenir|soutient|soutiennent|soutenu|attaquer|attaque|attaqué|attaquent|aider|aide|aidé|menacer|menace|menacé|sanctionner|sanctionne|quitter|quitte|quitté|rejoindre|rejoint)\s+)(France|Russie|Ukraine|Allemagne|Chine|Pologne|Italie|Espagne|Europe|Biélorussie|Union européenne|États-Unis|Etats-Unis|OTAN|Otan|Crimée|Syrie)\s+(\p{L}+)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A country, union or alliance that French names with an article, written bare as a
    /// sentence's subject or after a preposition or verb: "Russie a décidé", "France doit
    /// réagir", "contre Ukraine", "soutenir Union européenne", "États-Unis veulent".
    ///
    /// ## Why it signals Russian interference
    /// Russian has no articles («Россия решила», «против Украины»); the English analogue
    /// ("in USA", "EU has…", "in Middle East") is the most frequent single article error of
    /// Russian-L1 writers in the REALEC essays (RU-EN-ART-008). Typical of article-less L1s
    /// (Slavic and others).
    ///
    /// ## Fires on
    /// "Russie a décidé de répondre.", "La guerre contre Ukraine continue", "États-Unis veulent
    /// la guerre."
    ///
    /// ## Must not fire on
    /// "La Russie a décidé", "en France", "de Russie", "France 2", "France Inter", "Russie
    /// unie" (a party), "Europe 1", headlines with a colon ("Ukraine : le front"), country
    /// names inside hashtags.
    ///
    /// ## Known false positives
    /// Telegraphic headlines that still contain a verb ("Russie a décidé" as a headline). None
    /// found in the native sets (ParisStories, Rhapsodie, gettext catalogues).
    ///
    /// ## Measured
    /// Native items fired on: 0 of 335 ParisStories, 0 of 341 Rhapsodie, 0 of 33,902 French gettext
    /// strings. Recall cannot be measured: no French written by Russian speakers is available.
    /// Measured with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct BareCountry {
        code: "RU-FR-ART-004",
        name: "pays-sans-article",
        family: Articles,
        lang: Fr,
        weight: 0.4,
        fires_on: [
            "Après ce vote, Russie a décidé de répondre aux sanctions.",
            "La guerre contre Ukraine continue depuis des années.",
            "Pour eux, c'est simple. États-Unis veulent la guerre.",
        ],
        must_not_fire_on: [
            "Après ce vote, la Russie a décidé de répondre aux sanctions.",
            "Il habite en France depuis dix ans et vient de Russie.",
            "Il regarde France 2 et écoute France Inter.",
            "Ukraine : le front bouge encore",
            "Le parti Russie unie a gagné",
        ],
        triggers: [
            "france", "russie", "ukraine", "allemagne", "chine", "pologne", "italie", "espagne",
            "europe", "lorussie", "union europ", "tats-unis", "otan", "crim", "syrie",
        ],
    }
    fn check(text, hits) {
        if !words::looks_french(text) {
            return;
        }
        support::push_group_if(&RE, 2, text, hits, |text, caps| {
            let name = caps.get(2).unwrap();
            let next = caps.get(3).unwrap().as_str();
            let after_preposition = caps.get(1).is_some();
            // A verb after a bare subject ("Russie a…"); after a preposition anything but a
            // name continuation ("France Inter", "Russie unie", "Europe 1").
            let subject_verb = matches!(
                next,
                "a" | "est" | "va" | "doit" | "veut" | "peut" | "fait" | "reste" | "continue"
                    | "soutient" | "refuse" | "accuse" | "menace" | "ont" | "sont" | "vont"
                    | "doivent" | "veulent" | "peuvent" | "font" | "restent" | "continuent"
                    | "soutiennent" | "refusent" | "accusent" | "menacent" | "avait" | "était"
                    | "avaient" | "étaient" | "sera" | "seront" | "devrait" | "devraient"
                    | "pourrait" | "pourraient" | "n'a" | "n'est" | "ne"
            );
            let continues_name = next.starts_with(|c: char| c.is_uppercase())
                || matches!(next, "unie" | "insoumise" | "info" | "inter" | "culture" | "bleu");
            let in_tag = words::in_tag_or_url(text, name.start());
            !in_tag && !continues_name && (subject_verb || after_preposition)
        });
    }
}
