crate::heuristic! {
    /// ## What it detects
    /// A word that mixes Latin letters with Cyrillic (or Greek) look-alikes: "Сan" with a
    /// Cyrillic С, "Zеlensky" with a Cyrillic е.
    ///
    /// ## Why it signals Russian interference
    /// Either a writer switching keyboard layouts mid-word, or deliberate homoglyphs used to
    /// slip past keyword filters — both leave a direct trace of a Cyrillic keyboard.
    ///
    /// ## Fires on
    /// "Сan you verify" (Cyrillic С), "Zеlensky" (Cyrillic е), "NАТО" (Cyrillic А, Т).
    ///
    /// ## Must not fire on
    /// Plain Latin words, a whole Russian word in English text ("the word «война»"), accented
    /// Latin ("café").
    ///
    /// ## Known false positives
    /// Mathematical notation mixing Greek and Latin letters ("αlpha" is rare); weight stays high.
    pub struct CyrillicInLatinWord {
        code: "RU-EN-SCRIPT-001",
        name: "cyrillic-in-latin-word",
        family: ScriptMixing,
        lang: En,
        weight: 0.9,
        fires_on: [
            "Сan you verify this video please",
            "Zеlensky bought another villa",
            "NАТО troops are already in Ukraine",
        ],
        must_not_fire_on: [
            "Can you verify this video please",
            "The Russian word война means war",
            "We met at the café near the station",
        ],
    }
    fn check(text, hits) {
        if text.is_ascii() {
            return;
        }
        hits.extend(crate::script::measure(text).mixed_tokens);
    }
}
