use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\bjou(?:er|e|es|ons|ez|ent|ais|ait|aient|ions|iez|é|ée|és|ées|ant|era|erai|eras|erons|erez|eront)\s+sur\s+(?:la|le|l['’]\s?)\s*(?:guitares?|pianos?|violons?|violoncelles?|batterie|fl[ûu]tes?|accord[ée]ons?|balala[ïi]kas?|trompettes?|saxophones?|harpes?|clarinettes?|tambours?|orgues?|harmonicas?|synth[ée]tiseurs?|bayans?|domras?|contrebasses?)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "jouer sur" + a musical instrument: "jouer sur la guitare", "il joue sur le piano",
    /// where French says "jouer de la guitare / du piano".
    ///
    /// ## Why it signals Russian interference
    /// A calque of Russian «играть на гитаре»: the instrument takes «на» (on) in Russian.
    /// Native French uses "jouer de" for instruments.
    ///
    /// ## Fires on
    /// "Il joue sur la guitare depuis dix ans", "jouer sur le piano le soir", "elle a joué sur
    /// le violon".
    ///
    /// ## Must not fire on
    /// "il joue de la guitare", "joué sur le piano de Chopin" (a specific instrument),
    /// "jouer sur les mots", "se joue sur le terrain".
    ///
    /// ## Known false positives
    /// Native descriptions of playing a particular instrument without a complement ("il a joué
    /// sur le piano du salon" is excluded, "il a joué sur le piano hier" is not).
    pub struct PlayOnInstrument {
        code: "RU-FR-PREP-001",
        name: "jouer-sur-instrument",
        family: Prepositions,
        lang: Fr,
        weight: 0.6,
        fires_on: [
            "Il joue sur la guitare depuis dix ans",
            "J'aime jouer sur le piano le soir",
            "Ma fille a joué sur le violon au concert",
            "Elle joue sur la flûte comme un ange",
        ],
        must_not_fire_on: [
            "Il joue de la guitare depuis dix ans",
            "Il a joué sur le piano de Chopin",
            "Le match se joue sur le terrain",
            "Arrête de jouer sur les mots",
        ],
        triggers: ["guitar", "piano", "violon", "batterie", "flute", "flûte", "flÛte", "accord", "balala", "trompette", "saxophone", "harpe", "clarinette", "tambour", "orgue", "harmonica", "synth", "bayan", "domra", "contrebass"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let next = support::after(text, caps.get(0).unwrap().end(), 5).to_lowercase();
            !(next.starts_with(" de ") || next.starts_with(" d'") || next.starts_with(" d’")
                || next.starts_with(" du ") || next.starts_with(" des "))
        });
    }
}
