use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    // `(?:^|\W)` and a checked end rather than `\b`: see `support::word_char_at`.
    Regex::new(r"(?i)(?:^|\W)(le|un|ce|mon|ton|son) (?:(?:grand|vrai|nouveau|seul|m[êe]me|principal|premier|dernier|bon|petit|mauvais|autre|meilleur|pire|propre|v[ée]ritable|vieux|beau|second|grave|[ée]norme|s[ée]rieux|simple|tel) )?(\p{L}+)").unwrap()
});

/// French feminine nouns whose Russian counterpart is masculine or neuter (folded spelling).
/// Left out on purpose: "radio" ("le radio" is a radio operator, and the set in Québec),
/// "politique", "page", "mort", "fin" (native masculine uses).
const NOUNS: &[&str] = &[
    "ville",
    "maison",
    "langue",
    "loi",
    "paix",
    "table",
    "chaise",
    "dent",
    "methode",
    "periode",
    "classe",
    "photo",
    "video",
    "question",
    "reponse",
    "region",
    "decision",
    "lettre",
    "couleur",
    "fleur",
    "mer",
    "plage",
    "peur",
    "population",
    "societe",
    "salle",
    "gare",
    "banque",
];

crate::heuristic! {
    /// ## What it detects
    /// A masculine determiner (le, un, ce, mon, ton, son) before a French feminine noun
    /// whose Russian counterpart is masculine or neuter: "le ville" (город), "un maison" (дом),
    /// "le langue" (язык), "le loi" (закон), "le méthode" (метод), "le photo" / "un vidéo"
    /// (neuter фото, видео). Accents are optional.
    ///
    /// ## Why it signals Russian interference
    /// The mirror image of RU-FR-GEND-001: the Russian gender of the translation equivalent is
    /// carried over. Native writers virtually never put "le" before these common nouns.
    ///
    /// ## Fires on
    /// "Il habite dans le ville", "un maison à Moscou", "regardez le photo", "un vidéo".
    ///
    /// ## Must not fire on
    /// "la ville", "le photographe", "le photo-reportage", "je le classe parmi les meilleurs"
    /// (object pronoun + verb), "le radio du bateau".
    ///
    /// ## Known false positives
    /// "quel" is not a trigger: "quel honte / quel question" are frequent native slips.
    /// Québec French uses "un vidéo" (masculine) for a video clip; Spanish "un video" without an
    /// accent is therefore not matched after "un". Native typos.
    pub struct GenderMasculineOnFeminine {
        code: "RU-FR-GEND-002",
        name: "masculine-article-on-feminine-noun",
        family: Gender,
        lang: Fr,
        weight: 0.55,
        fires_on: [
            "Il habite dans le ville depuis 2014",
            "Ils ont acheté un maison près de Moscou",
            "Regardez le photo, tout est clair",
            "Voici un vidéo qui montre la vérité",
            "Le nouveau loi est contre le peuple",
            "Le méthode de Macron ne marche pas",
            "Pendant le période soviétique tout allait bien",
            "Le société française est malade",
        ],
        must_not_fire_on: [
            "Il habite dans la ville depuis 2014",
            "Le photographe était sur place",
            "Le photo-reportage a été primé",
            "Je le classe parmi les meilleurs",
            "Le radio du bateau a lancé un appel",
            "Mira un video de mi perro",
            "Quel question, franchement !",
        ],
        triggers: ["ville", "maison", "langu", "loi", "paix", "table", "chaise", "dent", "thod", "riod", "class", "photo", "video", "vidéo", "vidèo", "vidêo", "vidëo", "vidÉo", "vidÈo", "vidÊo", "vidËo", "question", "ponse", "gion", "cision", "lettre", "couleur", "fleur", "mer", "plage", "peur", "population", "soci", "salle", "gare", "banque"],
    }
    fn check(text, hits) {
        if !words::looks_french(text) {
            return;
        }
        support::push_group_if(&RE, 2, text, hits, |text, caps| {
            let det = caps.get(1).unwrap();
            let noun_match = caps.get(2).unwrap();
            let noun = words::fold(noun_match.as_str());
            let spanish_video = noun == "video"
                && det.as_str().eq_ignore_ascii_case("un")
                && !noun_match.as_str().contains(['é', 'É']);
            !support::word_char_at(text, noun_match.end())
                && NOUNS.contains(&noun.as_str())
                && !spanish_video
                && !text[noun_match.end()..].starts_with('-')
                && words::is_determiner_use(text, det.start())
        });
    }
}

#[cfg(test)]
mod tests {
    /// The list is the heuristic's real trigger: each word's accent-free spelling must contain
    /// a trigger, or the engine would skip texts where the heuristic fires.
    #[test]
    fn every_listed_word_contains_a_trigger() {
        crate::heuristics::assert_words_have_triggers(&super::GenderMasculineOnFeminine, super::NOUNS);
    }
}
