use super::words;
use crate::heuristics::support::Pattern;
use crate::record::Span;
use regex::Regex;

// The word after the determiner is checked in code: a regex consuming it would hide the
// "la" of "de la armée" from the next match.
// `(?:^|\W)` rather than `\b`: see `support::word_char_at`. The space after the determiner is
// checked in code, so that "de la Europe" still finds "la" after "de".
static RE: Pattern = Pattern::new(|| Regex::new(r"(?:^|\W)([Ll]e|[Ll]a|[Dd]e)").unwrap());

/// Frequent French words that begin with a vowel or a mute h and therefore take "l'" / "d'"
/// (folded spelling). A closed list rather than "any vowel": it keeps out h aspiré words
/// ("le héros", "la Hongrie", "le Havre"), "la une", "le onze", "le oui", acronyms, and
/// Spanish or Italian text ("la Europa", "le elezioni").
const WORDS: &[&str] = &[
    "occident",
    "orient",
    "europe",
    "amerique",
    "afrique",
    "asie",
    "australie",
    "allemagne",
    "angleterre",
    "autriche",
    "italie",
    "espagne",
    "ukraine",
    "ecosse",
    "irlande",
    "algerie",
    "egypte",
    "arabie",
    "armenie",
    "estonie",
    "etats-unis",
    "iran",
    "irak",
    "israel",
    "inde",
    "islam",
    "homme",
    "histoire",
    "hiver",
    "hopital",
    "hotel",
    "heure",
    "humanite",
    "habitant",
    "honneur",
    "argent",
    "etat",
    "economie",
    "armee",
    "annee",
    "avion",
    "enfant",
    "ecole",
    "eglise",
    "election",
    "ennemi",
    "effet",
    "emploi",
    "entreprise",
    "equipe",
    "espoir",
    "esprit",
    "evenement",
    "exemple",
    "idee",
    "information",
    "interet",
    "internet",
    "objectif",
    "occasion",
    "oeuvre",
    "oeil",
    "ordre",
    "organisation",
    "origine",
    "usine",
    "avenir",
    "accord",
    "ami",
    "amie",
    "amour",
    "attaque",
    "assemblee",
    "ambassade",
    "ambassadeur",
    "affaire",
    "arme",
    "autorite",
    "industrie",
    "invasion",
    "intervention",
    "occupation",
    "offensive",
    "operation",
    "opposition",
    "univers",
    "universite",
    "agression",
    "alliance",
    "aeroport",
    "immigration",
    "independance",
    "integration",
    "education",
    "energie",
];

/// Whether `word` may be one of [`WORDS`], by its first letter: they all start with a vowel or
/// an h once folded, and so does no word starting with another ASCII letter or a digit.
fn may_take_elision(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        !c.is_ascii() || matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'h')
    })
}

/// Words that are also Spanish or Portuguese after "de" ("de Israel", "de Irak").
const SHARED_AFTER_DE: &[&str] = &["iran", "irak", "israel", "inde", "internet", "accord"];

crate::heuristic! {
    /// ## What it detects
    /// A missing elision: "le Occident", "la Europe", "la armée", "le homme", "de Ukraine"
    /// where French requires "l'Occident", "l'Europe", "l'armée", "l'homme", "d'Ukraine".
    ///
    /// ## Why it signals Russian interference
    /// Russian has neither articles nor elision; writers who learned "le/la" as separate words
    /// keep them whole before a vowel. Native writers elide automatically, even in fast typing.
    ///
    /// ## Fires on
    /// "le Occident veut la guerre", "la Europe est à genoux", "les soldats de la armée".
    ///
    /// ## Must not fire on
    /// "l'Occident", "le héros" (h aspiré), "la Une du Monde", "le onze de départ", "la OTAN"
    /// (acronyms are not listed), Spanish "la Europa".
    ///
    /// ## Known false positives
    /// Titles and quoted metalanguage ("le mot « le » devant « homme »"); French text with
    /// Spanish or Portuguese phrases using words spelled like French ones.
    pub struct MissingElision {
        code: "RU-FR-ART-001",
        name: "missing-elision",
        family: Articles,
        lang: Fr,
        weight: 0.45,
        fires_on: [
            "Le Occident veut la guerre avec la Russie",
            "La Europe est à genoux devant Washington",
            "Les soldats de la armée ukrainienne fuient",
            "Le président de Ukraine ment encore",
            "La économie russe résiste aux sanctions",
            "Le État profond contrôle tout",
            "La élection était truquée",
            "Le hôpital de Donetsk a été bombardé",
            "Le événement de l'année est passé inaperçu",
        ],
        must_not_fire_on: [
            "L'Occident veut la guerre avec la Russie",
            "Le héros de la Hongrie est de retour",
            "Sa photo fait la Une du Monde",
            "La Europa del Este",
            "Le onze de départ est connu",
            "Le journaliste de Europe 1 a posé la question",
            "Voir la  éphémère exposition",
            "Le président de Israel habla hoy",
        ],
        triggers: ["occident", "orient", "europ", "rique", "asie", "austral", "allemagn", "angleterr", "autrich", "itali", "espagn", "ukrain", "cosse", "irland", "alg", "gypt", "arabi", "arm", "estoni", "tat", "ira", "isra", "inde", "islam", "homm", "histoir", "hiver", "pital", "hotel", "hôtel", "hÔtel", "heure", "humanit", "habitant", "honneur", "argent", "conomi", "ann", "avion", "enfant", "cole", "glise", "lection", "ennemi", "effet", "emploi", "entrepris", "quipe", "espoir", "esprit", "venem", "vénem", "vènem", "vênem", "vënem", "vÉnem", "vÈnem", "vÊnem", "vËnem", "exempl", "idee", "idée", "idèe", "idêe", "idëe", "idÉe", "idÈe", "idÊe", "idËe", "information", "inter", "intér", "intèr", "intêr", "intër", "intÉr", "intÈr", "intÊr", "intËr", "gration", "objectif", "occasion", "uvre", "oeil", "œil", "Œil", "ordre", "organis", "origin", "usin", "avenir", "accord", "ami", "amour", "attaqu", "assembl", "ambassad", "affair", "autorit", "industri", "invasion", "occupation", "offensiv", "ration", "opposition", "univers", "agression", "allianc", "roport", "pendanc", "ducation", "nergi"],
    }
    fn check(text, hits) {
        if !words::looks_french(text) {
            return;
        }
        for m in RE.find_iter(text) {
            // The determiner, group 1, is the match's last two bytes: no capture search needed.
            let det = Span::new(m.end() - 2, m.end());
            if !text[det.end..].starts_with(' ') {
                continue;
            }
            let next = words::word_after(text, det.end);
            if !may_take_elision(next) {
                continue;
            }
            let word = words::fold(next);
            let is_de = det.slice(text).eq_ignore_ascii_case("de");
            // Exactly one space before the word, so that the span below ends on its last byte.
            if !text[det.end + 1..].starts_with(next) {
                continue;
            }
            let after_word = det.end + 1 + next.len();
            // A brand name with a number ("de Europe 1") keeps its own spelling.
            let brand = text[after_word..]
                .trim_start_matches(' ')
                .starts_with(|c: char| c.is_ascii_digit());
            if !brand
                && WORDS.contains(&word.as_str())
                && !(is_de && SHARED_AFTER_DE.contains(&word.as_str()))
            {
                hits.push(Span::new(det.start, after_word));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The list is the heuristic's real trigger: each word's accent-free spelling must contain
    /// a trigger, or the engine would skip texts where the heuristic fires.
    #[test]
    fn every_listed_word_passes_the_first_letter_test() {
        for word in super::WORDS {
            assert!(super::may_take_elision(word), "{word}");
        }
        assert!(!super::may_take_elision("guerre") && !super::may_take_elision("1er"));
        assert!(super::may_take_elision("Économie") && super::may_take_elision("Œil"));
    }

    #[test]
    fn every_listed_word_contains_a_trigger() {
        crate::heuristics::assert_words_have_triggers(&super::MissingElision, super::WORDS);
    }
}
