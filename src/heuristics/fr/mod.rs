//! French heuristics. One line per heuristic: `file_name::StructName`.

mod words;

crate::registry! {
    gender_feminine_on_masculine::GenderFeminineOnMasculine,
    gender_masculine_on_feminine::GenderMasculineOnFeminine,
    adjective_agreement::AdjectiveAgreement,
    missing_elision::MissingElision,
    missing_contraction::MissingContraction,
    bare_noun_after_cest::BareNounAfterCest,
    bare_country::BareCountry,
    play_on_instrument::PlayOnInstrument,
    marry_on::MarryOn,
    reflexive_instrumental_par::ReflexiveInstrumentalPar,
    go_on_event::GoOnEvent,
    on_ukraine_location::OnUkraineLocation,
    in_the_internet::InTheInternet,
    on_the_side_of::OnTheSideOf,
    change_on_amount::ChangeOnAmount,
    numeral_without_de::NumeralWithoutDe,
    attention_on::AttentionOn,
    nearest_time::NearestTime,
    times_as_multiplier::TimesAsMultiplier,
    own_opinion_article::OwnOpinionArticle,
    embedded_est_ce_que::EmbeddedEstCeQue,
    comma_before_que::CommaBeforeQue,
    negative_concord::NegativeConcord,
    predicative_possessive::PredicativePossessive,
    indicative_after_subjunctive::IndicativeAfterSubjunctive,
    year_annee::YearAnnee,
    pourcents::Pourcents,
    year_g_abbreviation::YearGAbbreviation,
    low_german_quotes::LowGermanQuotes,
    numero_sign::NumeroSign,
    bracket_smiley::BracketSmiley,
    capitalised_vous::CapitalisedVous,
    dotted_date::DottedDate,
    english_transliteration::EnglishTransliteration,
    cyrillic_in_latin_word::CyrillicInLatinWord,
    cyrillic_word::CyrillicWord,
    mt_bureaucratic_calques::MtBureaucraticCalques,
    mt_war_reporting::MtWarReporting,
    kremlin_lexicon::KremlinLexicon,
}

#[cfg(test)]
mod tests {
    use super::HEURISTICS;
    use crate::heuristics::run;

    /// Hand-written native French (synthetic), full of conventions that must not count.
    const NATIVE_SAMPLE: &str = include_str!("../../../tests/fixtures/french_native_sample.txt");

    #[test]
    fn no_french_heuristic_fires_on_native_sample() {
        let sentences: Vec<&str> = NATIVE_SAMPLE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        assert!(
            sentences.len() >= 60,
            "fixture shrank to {}",
            sentences.len()
        );
        crate::heuristics::assert_silent_on(HEURISTICS, sentences);
    }

    #[test]
    fn awkward_input_gives_valid_spans_and_no_panic() {
        let inputs = [
            "",
            " ",
            "le",
            "de le",
            "la  éphémère",
            "l'",
            "qu’",
            "))",
            "(((",
            "№",
            "2014 г",
            "Personne ne",
            "il faut que",
            "c'est grand",
            "le\u{a0}Occident",
            "la\u{301} problème",
            "ЛЕ ВИЛЛЬ le ville ле",
            "🙂 la problème 🙂))",
            "sur le côté de",
        ];
        for text in inputs {
            for h in HEURISTICS {
                for span in run(*h, text) {
                    assert!(
                        span.start < span.end && text.get(span.start..span.end).is_some(),
                        "{} gave invalid span {span:?} on {text:?}",
                        h.info().code
                    );
                }
            }
        }
    }

    #[test]
    fn registry_covers_every_french_family() {
        use crate::heuristics::Family::*;
        for family in [
            Gender,
            Articles,
            Prepositions,
            LexicalCalques,
            WordOrder,
            Punctuation,
            Negation,
            Verbs,
            Numbers,
            Typography,
            Transliteration,
            ScriptMixing,
            KremlinLexicon,
            MachineTranslation,
        ] {
            assert!(
                HEURISTICS.iter().any(|h| h.info().family == family),
                "no French heuristic in family {family:?}"
            );
        }
        assert!(HEURISTICS.len() >= 15);
    }
}
