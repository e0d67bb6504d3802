//! English heuristics. One line per heuristic: `file_name::StructName`.

crate::registry! {
    the_before_country::TheBeforeCountry,
    on_the_photo::OnThePhoto,
    in_the_nearest_time::InTheNearestTime,
    comma_before_that::CommaBeforeThat,
    russian_quotes::RussianQuotes,
    russian_toponyms::RussianToponyms,
    cyrillic_in_latin_word::CyrillicInLatinWord,
    kremlin_lexicon::KremlinLexicon,
}
