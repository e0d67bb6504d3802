use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?:In connection with|in connection with the (?:fact|situation|events|holiday|anniversary|start|beginning|end|approach)(?-u:\b))"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "In connection with …" opening a sentence as a causal connective, and "in connection with
    /// the fact / situation / events / holiday" anywhere.
    ///
    /// ## Why it signals Russian interference
    /// Calque of «в связи с» ("due to, because of, on the occasion of"); English uses "in
    /// connection with" mainly for police links ("arrested in connection with the shooting"),
    /// which this rule does not match (interference-research §4).
    ///
    /// ## Fires on
    /// "In connection with the situation in Donbass, the embassy…", "closed in connection with the
    /// holiday", "In connection with the start of the operation".
    ///
    /// ## Must not fire on
    /// "arrested in connection with the shooting", "wanted in connection with a robbery", "the
    /// connection with Russia".
    ///
    /// ## Known false positives
    /// Native police-report openings ("In connection with the investigation/shooting/death…")
    /// are excluded; other native sentence openings with the phrase remain possible; weight low.
    pub struct InConnectionWith {
        code: "RU-EN-MT-004",
        name: "in-connection-with",
        family: MachineTranslation,
        lang: En,
        weight: 0.2,
        fires_on: [
            "In connection with the situation in Donbass, the embassy is closed",
            "Shops are closed in connection with the holiday",
            "In connection with the start of the operation prices rose",
        ],
        must_not_fire_on: [
            "A man was arrested in connection with the shooting",
            "Police want him in connection with a robbery",
            "His connection with Russia is clear",
            "In connection with the investigation, police arrested two men",
        ],
        triggers: ["in connection with"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            // "In connection with the shooting, police arrested…": the police sense, native.
            let next = support::after(text, m.end(), 24).to_ascii_lowercase();
            let police = [
                "investigation", "case", "shooting", "death", "murder", "killing", "robbery",
                "attack", "incident", "crash", "fire", "disappearance", "theft", "assault",
            ]
            .iter()
            .any(|w| next.trim_start().trim_start_matches("the ").trim_start_matches("a ").starts_with(w));
            !police && (!m.as_str().starts_with('I') || support::is_sentence_start(text, m.start()))
        });
    }
}
