use crate::record::Span;

crate::heuristic! {
    /// ## What it detects
    /// A whole Cyrillic word (two letters or more) inside an item identified as English: "they
    /// call it вранье", "Слава России".
    ///
    /// ## Why it signals Russian interference
    /// Code-switching into Russian, or an untranslated word left by a writer or a machine
    /// translation, shows a Russian-speaking source (interference-research §2.10).
    ///
    /// ## Fires on
    /// "This is called вранье", "Glory to Russia! Слава России!", "the so-called СВО".
    ///
    /// ## Must not fire on
    /// Latin words with a single Cyrillic look-alike letter (RU-EN-SCRIPT-001's case),
    /// code-page mojibake such as "вЂњ" (RU-EN-SCRIPT-002's case), a lone letter ("option б").
    ///
    /// ## Known false positives
    /// English texts that quote a Russian word on purpose ("the word война means war"), including
    /// journalism about Russia; weight low.
    pub struct CyrillicWordInEnglish {
        code: "RU-EN-SCRIPT-003",
        name: "cyrillic-word-in-english",
        family: ScriptMixing,
        lang: En,
        weight: 0.3,
        fires_on: [
            "In Russia this is called вранье",
            "Glory to Russia! Слава России!",
            "The so-called СВО goes according to plan",
        ],
        must_not_fire_on: [
            "Сan you verify this video please",
            "IAEA вЂњin no wayвЂќ handing inspections",
            "Choose option б or в",
        ],
    }
    fn check(text, hits) {
        if !crate::script::has_cyrillic(text) {
            return;
        }
        let mut moji: Option<Vec<Span>> = None;
        let mut word: Option<(usize, bool)> = None;
        let mut letters = 0usize;
        let chars = text.char_indices().chain(std::iter::once((text.len(), ' ')));
        for (i, c) in chars {
            if c.is_alphabetic() {
                let cyr = crate::script::is_cyrillic(c);
                match word.as_mut() {
                    Some((_, all_cyr)) => *all_cyr &= cyr,
                    None => word = Some((i, cyr)),
                }
                letters += 1;
                continue;
            }
            if let Some((start, true)) = word.take() {
                if letters >= 2 {
                    let moji = moji.get_or_insert_with(|| super::cyrillic_codepage_mojibake::mojibake_spans(text));
                    if !moji.iter().any(|m| m.start < i && start < m.end) {
                        hits.push(Span::new(start, i));
                    }
                }
            }
            word = None;
            letters = 0;
        }
    }
}
