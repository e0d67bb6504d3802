//! French heuristics. One line per heuristic: `file_name::StructName`.

crate::registry! {
    low_german_quotes::LowGermanQuotes,
    kremlin_lexicon::KremlinLexicon,
}
