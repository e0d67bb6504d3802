//! French heuristics. One line per heuristic: `file_name::StructName`.

mod words;

crate::registry! {
    gender_feminine_on_masculine::GenderFeminineOnMasculine,
    gender_masculine_on_feminine::GenderMasculineOnFeminine,
    missing_elision::MissingElision,
    missing_contraction::MissingContraction,
    play_on_instrument::PlayOnInstrument,
    marry_on::MarryOn,
    reflexive_instrumental_par::ReflexiveInstrumentalPar,
    go_on_event::GoOnEvent,
    on_ukraine_location::OnUkraineLocation,
    in_the_internet::InTheInternet,
    nearest_time::NearestTime,
    times_as_multiplier::TimesAsMultiplier,
    own_opinion_article::OwnOpinionArticle,
    embedded_est_ce_que::EmbeddedEstCeQue,
    comma_before_que::CommaBeforeQue,
    negative_concord::NegativeConcord,
    indicative_after_subjunctive::IndicativeAfterSubjunctive,
    year_annee::YearAnnee,
    pourcents::Pourcents,
    year_g_abbreviation::YearGAbbreviation,
    low_german_quotes::LowGermanQuotes,
    numero_sign::NumeroSign,
    bracket_smiley::BracketSmiley,
    english_transliteration::EnglishTransliteration,
    cyrillic_in_latin_word::CyrillicInLatinWord,
    mt_bureaucratic_calques::MtBureaucraticCalques,
    mt_war_reporting::MtWarReporting,
    kremlin_lexicon::KremlinLexicon,
}
