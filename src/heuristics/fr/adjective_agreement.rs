use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

/// Frequent feminine nouns (and feminine country names), spelled with their accents; the
/// regex accepts each accented letter with or without its accent.
const NOUNS: &[&str] = &[
    "situation",
    "guerre",
    "décision",
    "population",
    "économie",
    "armée",
    "politique",
    "question",
    "position",
    "réponse",
    "vidéo",
    "photo",
    "information",
    "opération",
    "crise",
    "victoire",
    "démocratie",
    "propagande",
    "offensive",
    "élection",
    "société",
    "frontière",
    "Russie",
    "France",
    "Ukraine",
    "Europe",
    "Chine",
    "Allemagne",
    "Pologne",
];

/// Masculine adjectives whose feminine is spelled and pronounced differently (folded), checked
/// right after the noun and after a copula. A feminine pronounced like the masculine
/// ("claire", "normale", "finie", "terminée") is left out: natives misspell those homophones.
const ATTRIBUTIVE: &[&str] = &[
    "mauvais",
    "dangereux",
    "serieux",
    "heureux",
    "nerveux",
    "honteux",
    "affreux",
    "douteux",
    "mysterieux",
    "furieux",
    "precieux",
    "ambitieux",
    "faux",
    "actif",
    "agressif",
    "decisif",
    "negatif",
    "positif",
    "massif",
    "offensif",
    "defensif",
    "excessif",
    "complet",
    "fort",
    "ouvert",
    "pris",
    "mis",
    "soumis",
];

/// Nationality adjectives (folded), checked like ATTRIBUTIVE unless capitalised (a demonym).
const NATIONALITIES: &[&str] = &[
    "ukrainien",
    "americain",
    "europeen",
    "francais",
    "anglais",
    "chinois",
    "polonais",
    "japonais",
    "italien",
    "israelien",
    "iranien",
    "syrien",
    "canadien",
    "palestinien",
    "allemand",
    "africain",
    "mexicain",
    "libanais",
];

/// Masculine adjectives and participles checked only after a copula: before a noun they are
/// usually prenominal ("grand"), verbs ("l'armée détruit", "la vidéo fait"), or present
/// participles with a complement ("une armée dépendant de l'OTAN").
const PREDICATIVE_ONLY: &[&str] = &[
    "grand",
    "petit",
    "bon",
    "nouveau",
    "beau",
    "vieux",
    "gros",
    "long",
    "certain",
    "pret",
    "mort",
    "content",
    "important",
    "interessant",
    "puissant",
    "inquietant",
    "choquant",
    "suffisant",
    "independant",
    "dependant",
    "etonnant",
    "effrayant",
    "mechant",
    "evident",
    "different",
    "urgent",
    "violent",
    "present",
    "absent",
    "recent",
    "excellent",
    "pertinent",
    "coherent",
    "fait",
    "detruit",
    "ecrit",
    "produit",
    "construit",
    "compris",
];

/// Words that, just before the determiner, leave it at the start of a clause, so that its noun
/// phrase is the subject of the copula that follows (folded; "aujourd'hui" ends in "hui").
const CLAUSE_OPENERS: &[&str] = &[
    "et", "mais", "ou", "donc", "or", "car", "que", "qu", "dont", "quand", "lorsque",
    "lorsqu", "si", "comme", "puisque", "puisqu", "parce", "alors", "hui", "maintenant",
    "desormais", "ici", "helas", "bref", "oui", "non", "ainsi", "pourtant", "cependant",
    "enfin", "deja", "actuellement", "vraiment", "franchement", "clairement", "evidemment",
    "malheureusement", "heureusement", "toutefois", "voila", "aussi", "meme",
];

/// Words that may follow a complete adjective phrase (folded). Any other word makes the
/// adjective part of a longer phrase: an adverb ("fort intéressante"), an invariable compound
/// ("grand public", "bon marché"), or a noun it does not qualify.
const AFTER_ADJECTIVE: &[&str] = &[
    "et", "mais", "ou", "car", "donc", "or", "ni", "que", "qu", "qui", "comme", "pour", "en",
    "dans", "avec", "contre", "sans", "sur", "sous", "a", "au", "aux", "de", "d", "du", "des",
    "par", "selon", "depuis", "pendant", "apres", "avant", "vers", "chez", "entre", "est",
    "etait", "sera", "reste", "semble", "va", "doit", "peut", "veut", "ne", "n", "se", "s", "y",
    "ce", "c", "maintenant", "aujourd", "ici", "aussi", "non", "pas", "vraiment", "alors",
    "quand", "si", "puisque", "parce", "lorsque", "tellement", "deja", "encore", "pourtant",
    "enfin", "puis", "hein", "lol", "mdr", "voila", "malgre", "face", "grace", "hier", "demain",
    "devant", "derriere", "contrairement",
];

/// Determiners of a feminine singular noun ("mon / ton / son" only before a vowel, checked later).
const DETERMINER: &str = r"la |une |cette |sa |ma |ta |notre |votre |leur |quelle |son |mon |ton |l['’] ?";
/// Epicene adjectives that may stand between the noun and the adjective checked.
const EPICENE: &str = r"militaire|russe|politique|[ée]conomique|nucl[ée]aire|diplomatique";
/// Copulas in the third person singular, with an optional "n'".
const COPULA: &str = r"(?:n['’] ?)?(?:est|[ée]tait|sera|serait|reste|restait|restera|semble|semblait|devient|devenait|para[iî]t|demeure|a [ée]t[ée]|avait [ée]t[ée])";
/// Adverbs of degree and time between the copula and the adjective.
const ADVERB: &str = r"tr[èe]s|trop|si|plus|assez|vraiment|tellement|moins|aussi|bien|encore|toujours|d[ée]j[àa]|plut[ôo]t|super|hyper|tout|extr[êe]mement|particuli[èe]rement";

/// A short complement of the noun before the copula: "la situation en Ukraine est…", "la
/// position de la France est…", "la photo du président est…".
const COMPLEMENT: &str = r"(?:de|du|des|en|au|aux|d['’]) ?(?:(?:la|le|les|l['’]) ?)?\p{L}+";

/// Groups: 1 the span reported, 2 the determiner, 3 the noun, 4 a complement (if any), 5 the
/// copula (if any), 6 the adjective.
static RE: Pattern = Pattern::new(|| {
    let nouns: Vec<String> = NOUNS.iter().map(|n| accent_optional(n)).collect();
    // `(?:^|\W)` and a checked end rather than `\b`: see `support::word_char_at`.
    Regex::new(&format!(
        r"(?i)(?:^|\W)(({DETERMINER})({nouns})(?: (?:{EPICENE}))?( {COMPLEMENT})?( {COPULA}(?: (?:pas|plus|jamais))?(?: (?:{ADVERB}))?)? (\p{{L}}+))",
        nouns = nouns.join("|")
    ))
    .unwrap()
});

/// `word` as a regex in which each accented letter may also be typed without its accent.
fn accent_optional(word: &str) -> String {
    word.chars()
        .map(|c| {
            let base = words::fold(&c.to_string());
            if base == c.to_lowercase().to_string() {
                c.to_string()
            } else {
                format!("[{c}{base}]")
            }
        })
        .collect()
}

crate::heuristic! {
    /// ## What it detects
    /// A masculine adjective after a clearly feminine noun: right after it ("une situation
    /// dangereux", "la population ukrainien") or after a copula ("la situation est très
    /// mauvais", "l'économie russe est fort", "la décision a été pris"), also with a short
    /// complement between ("la situation en Ukraine est mauvais"). The nouns are a closed
    /// list of frequent feminine nouns and country names, after la, une, cette, sa, ma, ta,
    /// notre, votre, leur, quelle or l'; the adjectives a closed list whose feminine is spelled
    /// and pronounced differently (mauvaise, dangereuse, forte, ukrainienne, prise…).
    ///
    /// ## Why it signals Russian interference
    /// Russian marks gender too, but on different nouns and with endings a learner maps
    /// poorly onto French; writers with Russian as their first language often leave French
    /// adjectives in the default masculine (research notes §3, catalogue "gender" row). Because
    /// only audibly different feminines count, the slip is not a native homophone misspelling.
    ///
    /// ## Fires on
    /// "la situation est très mauvais", "une situation dangereux", "l'économie russe est
    /// fort", "la population ukrainien", "l'armée n'est pas prêt", "la position de la France
    /// est faux".
    ///
    /// ## Must not fire on
    /// Epicene adjectives ("la guerre est terrible", "la décision était injuste", "russe"),
    /// homophone feminines ("la position est clair", left to spelling checkers), an adjective
    /// of another noun ("la photo du président français", "le rôle de la politique est
    /// important", "ce que dit la vidéo est faux"), adverbs and invariable compounds ("une
    /// question fort intéressante", "une vidéo grand public"), present participles ("une
    /// armée dépendant de l'OTAN"), verbs ("l'armée détruit les villes"), "la plupart".
    ///
    /// ## Known false positives
    /// Right after a noun, the adjective may qualify an earlier head noun ("le ministre de
    /// l'Économie allemand"): such matches are skipped after "de", at the cost of missing
    /// "la souffrance de la population ukrainien"; other constructions may slip through. Native
    /// typos ("mauvais" for "mauvaise") exist but are rare, since the two forms sound different.
    pub struct AdjectiveAgreement {
        code: "RU-FR-GEND-003",
        name: "masculine-adjective-after-feminine-noun",
        family: Gender,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "La situation est très mauvais pour les Ukrainiens",
            "C'est une situation dangereux pour toute l'Europe",
            "L'économie russe est fort malgré les sanctions",
            "Toute la population ukrainien souffre de cette guerre",
            "L'armée n'est pas prêt à se battre",
            "La décision a été pris par Washington",
            "Je pense que la guerre sera long.",
            "La politique américain en Ukraine est un échec",
            "Quelle situation dangereux pour nous !",
            "Aujourd'hui la situation en Ukraine est très mauvais pour les civils",
            "Je pense que la position de la France est faux",
            "@Macron la France est petit devant les USA",
            "Leur position reste ouvert sur ce sujet",
        ],
        must_not_fire_on: [
            "La guerre est terrible pour tout le monde",
            "La décision était injuste",
            "La situation est très mauvaise pour les Ukrainiens",
            "La photo du président français a fait le tour du web",
            "Le rôle de la politique est important",
            "La photo du président du parti est claire et la photo du président américain aussi",
            "Ce que dit la vidéo est faux",
            "C'est une question fort intéressante",
            "Une vidéo grand public sur la guerre",
            "Une armée dépendant de l'OTAN ne gagnera pas",
            "L'armée détruit les villes une par une",
            "La plupart des vidéos sont faux",
            "Le ministre de l'Économie allemand est arrivé",
            "Le président de la Russie fort de son succès a parlé",
            "La position est clair",
            "La population russe est inquiète",
            "La politique est grand ouverte aux lobbies",
            "Selon la population ukrainienne, la situation est grave",
            "La photo est bon marché",
            "Cette question fait débat depuis des années",
        ],
        triggers: ["situation", "guerre", "cision", "population", "conomie", "armee", "armée", "armÉe", "politique", "question", "position", "ponse", "video", "vidéo", "vidÉo", "photo", "information", "ration", "crise", "victoire", "mocratie", "propagande", "offensive", "lection", "soci", "fronti", "russie", "france", "ukraine", "europe", "chine", "allemagne", "pologne"],
    }
    fn check(text, hits) {
        if !words::looks_french(text) {
            return;
        }
        support::push_group_if(&RE, 1, text, hits, |text, caps| {
            let det = caps.get(2).unwrap();
            let noun = caps.get(3).unwrap();
            let adjective = caps.get(6).unwrap();
            let predicative = caps.get(5).is_some();
            // Without a copula, an adjective after the complement qualifies the complement's
            // noun: "la photo du président français".
            if caps.get(4).is_some() && !predicative {
                return false;
            }
            let det_word = words::fold(det.as_str().trim_end());
            // mon / ton / son stand before feminine nouns only when these start with a vowel.
            let vowel_noun = words::fold(noun.as_str()).starts_with(['a', 'e', 'i', 'o', 'u']);
            if matches!(det_word.as_str(), "mon" | "ton" | "son") && !vowel_noun {
                return false;
            }
            if support::word_char_at(text, noun.end())
                || !words::is_determiner_use(text, det.start())
                || words::in_tag_or_url(text, det.start())
            {
                return false;
            }
            let folded = words::fold(adjective.as_str());
            // After a copula, and for "fort" (also an adverb: "une question fort
            // intéressante"), a word that follows may make the adjective part of a longer
            // phrase; after a noun, a verb may follow ("la population ukrainien souffre").
            let phrase_goes_on = predicative || folded == "fort";
            if glued_on(text, adjective.end())
                || phrase_goes_on && !ends_adjective_phrase(text, adjective.end())
            {
                return false;
            }
            let prev = words::word_before(text, det.start());
            let prev = words::fold(prev);
            if predicative {
                return (ATTRIBUTIVE.contains(&folded.as_str())
                    || NATIONALITIES.contains(&folded.as_str())
                    || PREDICATIVE_ONLY.contains(&folded.as_str()))
                    && opens_clause(text, det.start());
            }
            // After "de" the adjective may qualify an earlier head noun: "le ministre de
            // l'Économie allemand", "le président de la Russie, fort de son succès".
            let after_de = matches!(prev.as_str(), "de" | "d" | "du" | "des");
            // A capitalised demonym is a noun ("un Ukrainien"), not an adjective.
            let demonym = adjective.as_str().starts_with(char::is_uppercase)
                && NATIONALITIES.contains(&folded.as_str());
            let listed = ATTRIBUTIVE.contains(&folded.as_str())
                || NATIONALITIES.contains(&folded.as_str());
            !after_de && !demonym && listed
        });
    }
}

/// Whether the determiner at `det_start` opens a clause, so that its noun phrase is the subject
/// of the copula after it: "La situation est…", "je pense que la situation est…", but not "le
/// rôle de la politique est…" or "ce que dit la vidéo est…".
fn opens_clause(text: &str, det_start: usize) -> bool {
    let prev = words::word_before(text, det_start);
    if prev.is_empty() {
        return true;
    }
    let prev_start = prev.as_ptr() as usize - text.as_ptr() as usize;
    text[..prev_start].ends_with(['@', '#'])
        || CLAUSE_OPENERS.contains(&words::fold(prev).as_str())
}

/// Whether the word ending at `end` goes on: a digit, a hyphen or an apostrophe is glued to
/// it ("franco-russe", "grand-chose").
fn glued_on(text: &str, end: usize) -> bool {
    support::word_char_at(text, end) || text[end..].starts_with(['-', '\'', '’'])
}

/// Whether the adjective ending at `end` ends its phrase: the text ends, punctuation follows,
/// or a function word.
fn ends_adjective_phrase(text: &str, end: usize) -> bool {
    let next = words::word_after(text, end);
    if next.is_empty() {
        return true;
    }
    let folded = words::fold(next);
    AFTER_ADJECTIVE.contains(&folded.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heuristics::{triggered, Heuristic};

    /// Each noun, with or without accents and in either case, contains a trigger: otherwise
    /// the engine would skip texts where the heuristic fires.
    #[test]
    fn every_noun_spelling_contains_a_trigger() {
        let info = AdjectiveAgreement.info();
        for noun in NOUNS {
            for spelling in [
                noun.to_string(),
                noun.to_uppercase(),
                words::fold(noun),
                words::fold(noun).to_uppercase(),
            ] {
                assert!(triggered(info, &spelling), "{spelling:?} has no trigger");
            }
        }
    }

    #[test]
    fn accents_are_optional_in_nouns() {
        let re = Regex::new(&format!("^(?i){}$", accent_optional("réponse"))).unwrap();
        assert!(re.is_match("réponse") && re.is_match("reponse") && re.is_match("RÉPONSE"));
        assert!(!re.is_match("raponse"));
    }

    #[test]
    fn adjective_lists_do_not_overlap() {
        for word in ATTRIBUTIVE.iter().chain(NATIONALITIES) {
            assert!(!PREDICATIVE_ONLY.contains(word), "{word} is listed twice");
        }
    }
}
