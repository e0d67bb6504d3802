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
    /// Words glued to code-page mojibake ("вЂњin", "ISISвЂ”and") are RU-EN-SCRIPT-002's case and
    /// are not counted twice.
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
            "IAEA вЂњin no wayвЂќ handing inspections to Iran",
        ],
    }
    fn check(text, hits) {
        // A mixed word needs a Cyrillic or Greek letter: check that before measuring every word.
        if !crate::script::has_cyrillic_or_greek(text) {
            return;
        }
        let mixed = crate::script::measure(text).mixed_tokens;
        if mixed.is_empty() {
            return;
        }
        let mojibake = super::cyrillic_codepage_mojibake::mojibake_spans(text);
        hits.extend(mixed.into_iter().filter(|token| {
            // Keep the token if a Cyrillic or Greek letter of it lies outside every mojibake span.
            token.slice(text).char_indices().any(|(i, c)| {
                let at = token.start + i;
                c.is_alphabetic()
                    && !crate::script::is_latin(c)
                    && !mojibake.iter().any(|m| m.start <= at && at < m.end)
            })
        }));
    }
}
