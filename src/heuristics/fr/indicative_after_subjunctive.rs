use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    // `(?:^|\W)` and a checked end rather than `\b`: see `support::word_char_at`. Group 1 is
    // the whole construction, 2 the trigger, 3 the subject, 4 the verb.
    Regex::new(r"(?i)(?:^|\W)((faut|pour|afin|avant|sans|moins|bien|veux|veut|voulons|voulez|veulent|voudrais|voudrait|souhaite|souhaitons|souhaitent|exige|exigent)\s+qu(?:e\s+|['’]\s?)(je|j['’]|tu|il|elle|on|nous|vous|ils|elles|(?:le\s+|la\s+|l['’]\s?)\p{L}+|les\s+\p{L}+)\s*([\p{L}]+))").unwrap()
});

/// Indicative forms that differ from the subjunctive, per subject (folded spelling). "ai" /
/// "as" / "a" are left out: "il faut que j'ai" for "aie" is a frequent native spelling slip.
fn is_distinct_indicative(subject: &str, verb: &str) -> bool {
    let forms: &[&str] = match subject {
        "je" => &[
            "vais", "peux", "fais", "suis", "sais", "veux", "dois", "viens", "prends", "dis",
            "pars", "sors", "mets", "connais", "ecris", "lis", "bois",
        ],
        "tu" => &[
            "vas", "peux", "fais", "es", "sais", "veux", "dois", "viens", "prends", "dis", "pars",
            "sors", "mets", "connais",
        ],
        "il" | "elle" | "on" => &[
            "va", "peut", "fait", "est", "sait", "veut", "doit", "vient", "prend", "dit", "part",
            "sort", "met", "connait",
        ],
        "nous" => &[
            "allons", "pouvons", "faisons", "sommes", "savons", "voulons", "devons", "venons",
            "prenons", "avons",
        ],
        "vous" => &[
            "allez", "pouvez", "faites", "etes", "savez", "voulez", "devez", "venez", "prenez",
            "avez",
        ],
        "ils" | "elles" => &["vont", "peuvent", "font", "sont", "savent", "ont"],
        // "j'" is followed by "ai" / "aime"…: left out (see above).
        _ => &[],
    };
    forms.contains(&verb)
}

crate::heuristic! {
    /// ## What it detects
    /// An indicative verb after a trigger that requires the subjunctive: "il faut que je vais",
    /// "pour que tu peux", "bien que nous avons", "je veux qu'il vient", "bien que la France
    /// est". Only indicative forms that differ from the subjunctive are listed; the subject is
    /// a personal pronoun or a determiner + noun.
    ///
    /// ## Why it signals Russian interference
    /// Russian has no subjunctive mood in subordinate clauses of this kind («надо, чтобы я
    /// пошёл» uses a past form); learners keep the indicative. "bien que" counts only at the
    /// start of a clause, so "il montre bien que nous avons raison" does not fire.
    ///
    /// ## Fires on
    /// "Il faut que je vais au travail", "pour que tu peux comprendre", "Bien que nous avons
    /// gagné", "je veux qu'il vient".
    ///
    /// ## Must not fire on
    /// "Il faut que je fasse", "Il montre bien que nous avons raison", "si bien que nous avons
    /// dû partir", "il faut que j'ai" (native aie/ai slip).
    ///
    /// ## Known false positives
    /// Informal native speech ("faut que j'y vais" is not matched: a clitic intervenes); other
    /// learners of French make the same error.
    pub struct IndicativeAfterSubjunctive {
        code: "RU-FR-VERB-001",
        name: "indicative-after-subjunctive-trigger",
        family: Verbs,
        lang: Fr,
        weight: 0.4,
        fires_on: [
            "Il faut que je vais au travail demain",
            "Je parle lentement pour que tu peux comprendre",
            "Bien que nous avons gagné, rien ne change",
            "Je veux qu'il vient ici",
            "Bien que la France est un pays libre, on ne peut rien dire",
            "Il faut que les gens sont informés",
        ],
        must_not_fire_on: [
            "Il faut que je fasse mes devoirs",
            "Il montre bien que nous avons raison",
            "Il a plu si bien que nous avons dû partir",
            "Il faut que j'ai le temps",
            "Après qu'il est parti, tout a changé",
            "Il faut que la France soit forte",
            "Il dit bien que la France est forte",
        ],
        triggers: ["faut", "pour", "afin", "avant", "sans", "moins", "bien", "veu", "voul", "voudr", "souhait", "exige"],
    }
    fn check(text, hits) {
        // "qu" is required too (any ASCII case, as under (?i)); checking it is far cheaper than
        // the regex, whose Unicode word boundaries are slow on accented text.
        if !text.as_bytes().windows(2).any(|w| w.eq_ignore_ascii_case(b"qu")) {
            return;
        }
        support::push_group_if(&RE, 1, text, hits, |text, caps| {
            if support::word_char_at(text, caps.get(1).unwrap().end()) {
                return false;
            }
            let trigger = caps.get(2).unwrap();
            // A noun subject ("la France", "les gens") agrees like "il" / "ils".
            let subject = match words::fold(caps.get(3).unwrap().as_str()) {
                s if s.starts_with("les ") => "ils".to_string(),
                s if s.starts_with("le ") || s.starts_with("la ") || s.starts_with("l'") => {
                    "il".to_string()
                }
                s => s,
            };
            let verb = words::fold(caps.get(4).unwrap().as_str());
            let trigger_ok = match words::fold(trigger.as_str()).as_str() {
                "bien" => words::starts_clause(text, trigger.start()),
                "moins" => words::fold(words::word_before(text, trigger.start())) == "a",
                _ => true,
            };
            trigger_ok && is_distinct_indicative(&subject, &verb)
        });
    }
}
