use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:formations?\s+(?:arm[ée]es\s+(?:ukrainiennes|nationalistes)|nationalistes|n[ée]o-?nazies)|bataillons?\s+nationalistes|militants\s+(?:des\s+forces\s+arm[ée]es\s+ukrainiennes|de\s+l['’]\s?AFU|du\s+r[ée]gime\s+de\s+Kiev)|(?:militaires|soldats|mercenaires|militants|combattants|nationalistes|saboteurs|terroristes)\s+(?:ukrainiens\s+|[ée]trangers\s+)?(?:ont\s+[ée]t[ée]\s+|furent\s+|sont\s+)?liquid[ée]s|jusqu['’]à\s+\d+\s+(?:militaires|soldats|mercenaires|militants|nationalistes)\s+(?:ukrainiens\s+)?(?:ont\s+[ée]t[ée]\s+)?(?:liquid[ée]s|[ée]limin[ée]s)|zone\s+de\s+l['’]\s?op[ée]ration\s+militaire\s+sp[ée]ciale)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// Russian Ministry-of-Defence war-reporting terms carried into French: "formations
    /// (armées) ukrainiennes" (формирования), "bataillons nationalistes", "militants
    /// ukrainiens" (боевики) for soldiers, soldiers "liquidés" (ликвидированы), "jusqu'à 200
    /// militaires ukrainiens éliminés", "la zone de l'opération militaire spéciale" (зона СВО).
    ///
    /// ## Why it signals Russian interference
    /// These are fixed formulas of Russian MoD bulletins; machine translation and pro-Kremlin
    /// relays keep them word for word. French media write "soldats ukrainiens", "tués", "les
    /// forces ukrainiennes" ("militant" means activist in French).
    ///
    /// ## Fires on
    /// "les formations armées ukrainiennes ont perdu", "20 mercenaires étrangers ont été
    /// liquidés", "jusqu'à 150 militaires ukrainiens éliminés".
    ///
    /// ## Must not fire on
    /// "les forces armées ukrainiennes", "des militants écologistes", "le stock a été liquidé",
    /// "des formations professionnelles", "des militants ukrainiens des droits de l'homme"
    /// (activists), "les formations ukrainiennes de rock".
    ///
    /// ## Known false positives
    /// French articles quoting Russian bulletins without quotation marks; weight kept low.
    pub struct MtWarReporting {
        code: "RU-FR-MT-002",
        name: "mt-war-reporting-fr",
        family: MachineTranslation,
        lang: Fr,
        weight: 0.3,
        fires_on: [
            "Les formations armées ukrainiennes ont perdu 300 hommes",
            "20 mercenaires étrangers ont été liquidés près d'Avdiivka",
            "Jusqu'à 150 militaires ukrainiens éliminés en une journée",
            "Trois villages libérés dans la zone de l'opération militaire spéciale",
        ],
        must_not_fire_on: [
            "Les forces armées ukrainiennes ont perdu 300 hommes",
            "Des militants écologistes bloquent la route",
            "Le stock a été liquidé en une semaine",
            "Des formations professionnelles pour les chômeurs",
            "Des militants ukrainiens des droits de l'homme manifestent",
        ],
        triggers: ["formation", "bataillon", "militant", "liquid", "limin", "zone"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
