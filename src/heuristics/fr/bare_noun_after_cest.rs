use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:c['’]\s?est|c['’]\s?[ée]tait|c['’]\s?[ée]tait|ce\s+sont|ce\s+serait|c['’]\s?est\s+juste)\s+(?:grande?|grosse|gros|bonne|vraie?|nouvelle|nouveau|mauvaise|petite?|[ée]norme|terrible|v[ée]ritable|totale?|compl[èe]te?|pure|vrais|vraies|grands|grandes)\s+(\p{L}+)\b").unwrap()
});

/// Common nouns that need an article after "c'est + adjective" (folded spelling). Idioms with
/// a bare noun ("c'est bon signe", "c'est grand public", "c'est bonne pioche", "il est grand
/// temps") use nouns that are deliberately absent.
const NOUNS: &[&str] = &[
    "probleme",
    "problemes",
    "idee",
    "erreur",
    "erreurs",
    "mensonge",
    "mensonges",
    "question",
    "guerre",
    "pays",
    "homme",
    "femme",
    "president",
    "catastrophe",
    "honte",
    "crime",
    "crimes",
    "provocation",
    "scandale",
    "menteur",
    "criminel",
    "victoire",
    "defaite",
    "difference",
    "tragedie",
    "danger",
    "menace",
    "democratie",
    "dictature",
    "propagande",
    "manipulation",
    "trahison",
    "chance",
    "succes",
    "echec",
    "ami",
    "amie",
    "ennemi",
    "star",
    "journaliste",
    "politicien",
    "terroriste",
    "terroristes",
    "fasciste",
    "fascistes",
    "nazi",
    "nazis",
    "clown",
    "marionnette",
    "folie",
    "betise",
    "absurdite",
    "histoire",
    "film",
    "livre",
    "ville",
];

crate::heuristic! {
    /// ## What it detects
    /// A missing article in "c'est + adjective + noun": "c'est grand problème", "c'était grosse
    /// erreur", "c'est vrai scandale", where French requires "c'est un grand problème".
    ///
    /// ## Why it signals Russian interference
    /// Russian has no articles («это большая проблема»); dropping the indefinite article in
    /// this frame is a classic Russian-L1 error. Only a closed list of nouns counts, so bare
    /// idioms stay silent.
    ///
    /// ## Fires on
    /// "C'est grand problème pour la France", "C'était grosse erreur de Macron", "C'est vrai
    /// scandale".
    ///
    /// ## Must not fire on
    /// "C'est un grand problème", "C'est bon signe", "C'est grand public", "C'est grand temps
    /// de partir", "C'est bonne pioche".
    ///
    /// ## Known false positives
    /// Headline style that drops articles ("C'est nouvelle donne" is not listed); rare.
    pub struct BareNounAfterCest {
        code: "RU-FR-ART-003",
        name: "bare-noun-after-c-est",
        family: Articles,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "C'est grand problème pour la France",
            "C'était grosse erreur de Macron",
            "C’est vrai scandale, personne n'en parle",
        ],
        must_not_fire_on: [
            "C'est un grand problème pour la France",
            "C'est bon signe pour la suite",
            "C'est grand public et c'est très bien",
            "C'est grand temps de partir",
            "C'est bonne pioche",
        ],
        triggers: ["gran", "gros", "bonne", "vrai", "nouve", "mauvais", "petit", "norme", "terrible", "ritable", "total", "compl", "pure"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_text, caps| {
            NOUNS.contains(&words::fold(caps.get(1).unwrap().as_str()).as_str())
        });
    }
}
