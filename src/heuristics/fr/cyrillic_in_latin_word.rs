crate::heuristic! {
    /// ## What it detects
    /// A word that mixes Latin letters with Cyrillic (or Greek) look-alikes in French text:
    /// "Macrоn" with a Cyrillic о, "Frаnce" with a Cyrillic а, "ОТAN".
    ///
    /// ## Why it signals Russian interference
    /// Either a writer switching keyboard layouts mid-word, or deliberate homoglyphs used to
    /// slip past keyword filters; both leave a direct trace of a Cyrillic keyboard. The French
    /// counterpart of RU-EN-SCRIPT-001.
    ///
    /// ## Fires on
    /// "Macrоn a menti" (Cyrillic о), "la Frаnce" (Cyrillic а), "l'ОТAN" (Cyrillic О, Т).
    ///
    /// ## Must not fire on
    /// Plain French words with accents ("été", "Noël", "œuvre"), a whole Russian word in French
    /// text ("le mot «война»"), "Kiev", mojibake ("donвЂ™t": ’ decoded as Windows-1251).
    ///
    /// ## Known false positives
    /// Mathematical notation mixing Greek and Latin letters; weight stays high.
    pub struct CyrillicInLatinWord {
        code: "RU-FR-SCRIPT-001",
        name: "cyrillic-in-latin-word-fr",
        family: ScriptMixing,
        lang: Fr,
        weight: 0.9,
        fires_on: [
            "Macrоn a menti aux Français",
            "La Frаnce est en guerre",
            "Les troupes de l'ОТAN sont en Ukraine",
        ],
        must_not_fire_on: [
            "Cet été à Noël, une œuvre magnifique",
            "Le mot russe «война» veut dire guerre",
            "Kiev et Odessa sont bombardées",
            "Il a dit qu'il donвЂ™t savoir",
        ],
    }
    fn check(text, hits) {
        // A mixed word needs a Cyrillic or Greek letter; no trigger list covers those scripts.
        if !crate::script::has_cyrillic_or_greek(text) {
            return;
        }
        let mixed = crate::script::measure(text).mixed_tokens;
        hits.extend(
            mixed
                .into_iter()
                .filter(|span| !super::words::is_mojibake(span.slice(text))),
        );
    }
}
