//! Language identification.
//!
//! `whatlang` with an allow-list is accurate on sentences but costs several microseconds an
//! item, which makes it the most expensive stage. Two cheaper decisions come first:
//! 1. *noise stripping*: URLs, @handles and #hashtags are removed and only a bounded prefix of
//!    long texts is examined (the language of a transcript does not change after 1,000 chars);
//! 2. *function-word fast path*: when the only Latin-script languages allowed are English,
//!    French and German, a text with function words of one of them and none of the others, or
//!    at least three and at most a quarter as many of the others, is decided without whatlang
//!    (`benches/langid.rs` measures it against whatlang alone on labelled corpora: it agrees
//!    with the corpus language more often, at a fifth of the cost).
//!
//! Everything else goes to `whatlang::Detector::with_allowlist`.

use whatlang::{Detector, Lang};

/// Language decision for one item.
#[derive(Debug, Clone, PartialEq)]
pub struct LangInfo {
    /// ISO 639-1 code ("en", "fr", "ru"…) or "und" when nothing could be decided.
    pub code: &'static str,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// How the decision was made.
    pub method: LangMethod,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangMethod {
    FunctionWords,
    Whatlang,
    Undetermined,
}

impl LangMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            LangMethod::FunctionWords => "function-words",
            LangMethod::Whatlang => "whatlang",
            LangMethod::Undetermined => "undetermined",
        }
    }
}

/// Languages allowed when nothing else is configured: those the heuristics and rules cover,
/// plus Russian and Ukrainian.
pub const DEFAULT_ALLOW: &[&str] = &["en", "fr", "de", "ru", "uk"];

/// How many characters of de-noised text are examined.
pub const PREFIX_CHARS: usize = 1000;

pub struct LangId {
    detector: Detector,
    fast_path: bool,
    allowed: Vec<Lang>,
}

/// ISO 639-1 code of a whatlang language (falls back to the ISO 639-3 code).
pub fn iso_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Bel => "be",
        Lang::Bul => "bg",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Ron => "ro",
        Lang::Hun => "hu",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Heb => "he",
        Lang::Fin => "fi",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "no",
        Lang::Ell => "el",
        Lang::Kat => "ka",
        Lang::Hye => "hy",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        other => other.code(),
    }
}

/// Parse an ISO 639-1 or 639-3 code.
pub fn parse_code(code: &str) -> Option<Lang> {
    let code = code.trim().to_ascii_lowercase();
    Lang::all()
        .iter()
        .copied()
        .find(|&l| iso_code(l) == code || l.code() == code)
}

/// Bit flags of the languages a lowercase word is a function word of.
const EN: u8 = 1;
const FR: u8 = 2;
const DE: u8 = 4;

/// Function words of English, French and German: frequent, short, and (mostly) exclusive to
/// one of the three. A `match` compiles to a few length-and-byte comparisons.
fn function_word(word: &str) -> u8 {
    match word {
        "the" | "and" | "is" | "are" | "of" | "to" | "that" | "it" | "you" | "for" | "with"
        | "this" | "was" | "have" | "be" | "not" | "they" | "we" | "he" | "she" | "what"
        | "will" | "my" | "your" | "has" | "but" | "at" | "by" | "from" | "an" | "his" | "her"
        | "their" | "were" | "been" | "who" | "would" | "there" | "about" | "just" | "can"
        | "all" | "our" | "if" | "or" | "so" | "do" | "no" | "i" | "me" | "its" | "it's"
        | "don't" | "i'm" | "should" | "could" | "than" | "them" | "when" | "which" | "these"
        | "new" | "after" | "over" | "how" | "why" | "out" | "up" | "says" | "said" | "like"
        | "get" | "now" | "more" | "only" | "into" | "had" | "did" | "does" | "here" | "some"
        | "any" | "very" | "much" | "many" | "being" | "against" | "people" | "because"
        | "won't" | "can't" | "didn't" | "doesn't" | "isn't" | "you're" | "we're" | "they're"
        | "that's" | "what's" | "there's" | "he's" | "she's" | "let's" | "where" | "while"
        | "last" | "year" | "years" | "today" | "first" | "week" | "every" | "never" | "other"
        | "still" | "back" | "yesterday" | "during" | "through" | "off" | "another" | "again"
        | "before" | "under" | "between" | "without" | "within" | "among" | "whose" | "those"
        | "each" | "both" | "might" | "must" | "then" | "too" | "also" | "even" | "ever"
        | "got" | "going" | "him" | "us" => EN,
        "le" | "la" | "les" | "des" | "du" | "et" | "est" | "un" | "une" | "que" | "qui"
        | "dans" | "pour" | "pas" | "sur" | "avec" | "ce" | "il" | "elle" | "nous" | "vous"
        | "ne" | "au" | "aux" | "sont" | "mais" | "par" | "cette" | "je" | "tu" | "ils"
        | "leur" | "sa" | "ses" | "mes" | "tout" | "plus" | "comme" | "été" | "être" | "c'est"
        | "l'" | "d'" | "qu'" | "n'" | "j'" | "s'" | "c'" | "très" | "ont" | "aussi" | "fait"
        | "ou" | "où" | "notre" | "votre" | "nos" | "vos" | "ces" | "cet" | "lui" | "après"
        | "depuis" | "sans" | "sous" | "chez" | "entre" | "contre" | "encore" | "déjà"
        | "toujours" | "rien" | "jamais" | "bien" | "peut" | "doit" | "faut" | "selon"
        | "avait" | "était" | "sera" | "ça" | "moi" | "toi" | "eux" | "quand" | "lors" => FR,
        "der" | "die" | "das" | "und" | "ist" | "nicht" | "ein" | "eine" | "mit" | "sich"
        | "auf" | "für" | "den" | "dem" | "zu" | "von" | "sie" | "wir" | "ich" | "auch" | "es"
        | "im" | "sind" | "wird" | "nach" | "wie" | "aus" | "bei" | "noch" | "aber" | "oder"
        | "wenn" | "nur" | "einen" | "einer" | "werden" | "dass" | "hat" | "kein" | "keine"
        | "mehr" | "über" | "vom" | "zum" | "zur" | "gegen" | "ohne" | "schon" | "jetzt"
        | "heute" | "hier" | "wurde" | "haben" | "sein" | "ihre" | "unser" | "uns" | "weil" => DE,
        _ => 0,
    }
}

/// Running count of English, French and German function words over a text's tokens.
#[derive(Default)]
struct FunctionWordCounts {
    counts: [usize; 3],
    /// The current word, lowercased (reused between words).
    word: String,
    /// Byte offset in `word` of its first apostrophe, if any.
    apostrophe: Option<usize>,
}

impl FunctionWordCounts {
    /// Count the words of `text` (a token or a whole text).
    fn add(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_alphanumeric() || c == '\'' || c == '’' {
                if c == '’' || c == '\'' {
                    self.apostrophe.get_or_insert(self.word.len());
                    self.word.push('\'');
                } else if c.is_ascii() {
                    self.word.push(c.to_ascii_lowercase());
                } else {
                    self.word.extend(c.to_lowercase());
                }
            } else {
                self.end_word();
            }
        }
        self.end_word();
    }

    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let word = self.word.as_str();
        // French elision: "l'homme", "c'est", "qu'il" count by their head.
        let flags = match self.apostrophe {
            Some(pos) if function_word(word) == 0 => function_word(&word[..=pos]) & FR,
            _ => function_word(word),
        };
        for (i, bit) in [EN, FR, DE].into_iter().enumerate() {
            self.counts[i] += (flags & bit != 0) as usize;
        }
        self.word.clear();
        self.apostrophe = None;
    }
}

impl LangId {
    /// Build a detector restricted to `allowed` (ISO codes). An empty list means the default.
    pub fn new(allowed: &[String]) -> Result<Self, String> {
        let mut langs = Vec::new();
        let codes: Vec<&str> = if allowed.is_empty() {
            DEFAULT_ALLOW.to_vec()
        } else {
            allowed.iter().map(String::as_str).collect()
        };
        for code in codes {
            let lang = parse_code(code).ok_or_else(|| format!("unknown language code {code:?}"))?;
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
        let fast_path = langs
            .iter()
            .filter(|l| is_latin_script_lang(**l))
            .all(|l| matches!(l, Lang::Eng | Lang::Fra | Lang::Deu));
        Ok(LangId {
            detector: Detector::with_allowlist(langs.clone()),
            fast_path,
            allowed: langs,
        })
    }

    pub fn allowed_codes(&self) -> Vec<&'static str> {
        self.allowed.iter().map(|&l| iso_code(l)).collect()
    }

    /// Decide the language of `text`, whose Cyrillic share is `cyrillic_share`.
    pub fn detect(&self, text: &str, cyrillic_share: f64) -> LangInfo {
        // One pass over the tokens that carry language; the de-noised text itself is only
        // built for whatlang.
        let fast_path = self.fast_path && cyrillic_share < 0.2;
        let mut any_letter = false;
        let mut function_words = FunctionWordCounts::default();
        for token in language_tokens(text, PREFIX_CHARS) {
            any_letter = any_letter || token.chars().any(char::is_alphabetic);
            if fast_path {
                function_words.add(token);
            }
        }
        if !any_letter {
            // Only links, handles, tags, numbers or emoji: nothing to decide from.
            return LangInfo {
                code: "und",
                confidence: 0.0,
                method: LangMethod::Undetermined,
            };
        }
        if fast_path {
            if let Some(info) = self.decide_by_function_words(function_words.counts) {
                return info;
            }
        }
        let clean = denoise(text, PREFIX_CHARS);
        match self.detector.detect(&clean) {
            Some(info) => LangInfo {
                code: iso_code(info.lang()),
                confidence: info.confidence(),
                method: LangMethod::Whatlang,
            },
            None => LangInfo {
                code: "und",
                confidence: 0.0,
                method: LangMethod::Undetermined,
            },
        }
    }

    fn decide_by_function_words(&self, [en, fr, de]: [usize; 3]) -> Option<LangInfo> {
        let allowed = |l: Lang| self.allowed.contains(&l);
        let candidates = [
            (Lang::Eng, en, fr + de),
            (Lang::Fra, fr, en + de),
            (Lang::Deu, de, en + fr),
        ];
        for (lang, hits, others) in candidates {
            if allowed(lang) && ((hits >= 3 && hits >= 4 * others) || (hits >= 1 && others == 0)) {
                // More decisive evidence, more confidence; never claims certainty.
                let confidence =
                    (1.0 - 1.0 / (hits as f64 + 1.0) - 0.1 * others as f64).clamp(0.5, 0.95);
                return Some(LangInfo {
                    code: iso_code(lang),
                    confidence,
                    method: LangMethod::FunctionWords,
                });
            }
        }
        None
    }
}

fn is_latin_script_lang(lang: Lang) -> bool {
    !matches!(
        lang,
        Lang::Rus
            | Lang::Ukr
            | Lang::Bel
            | Lang::Bul
            | Lang::Srp
            | Lang::Mkd
            | Lang::Ell
            | Lang::Ara
            | Lang::Heb
            | Lang::Cmn
            | Lang::Jpn
            | Lang::Kor
            | Lang::Kat
            | Lang::Hye
            | Lang::Hin
            | Lang::Tha
            | Lang::Pes
            | Lang::Urd
            | Lang::Ben
            | Lang::Tam
            | Lang::Tel
            | Lang::Mar
            | Lang::Guj
            | Lang::Kan
            | Lang::Mal
            | Lang::Ori
            | Lang::Pan
            | Lang::Nep
            | Lang::Sin
            | Lang::Khm
            | Lang::Amh
            | Lang::Yid
            | Lang::Mya
    )
}

/// Drop URLs, @handles and #hashtags (they flip script and language votes) and keep at most
/// `max_chars` characters.
pub fn denoise(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars * 2));
    for token in language_tokens(text, max_chars) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// The white-space separated tokens of `text` that [`denoise`] keeps.
fn language_tokens(text: &str, max_chars: usize) -> impl Iterator<Item = &str> {
    let mut chars = 0;
    text.split_whitespace()
        .filter(|token| {
            // Quotes and dots before a handle ("'@user", ".@user") do not make it a word.
            let bare =
                token.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '#');
            let starts_with = |prefix: &[u8]| {
                bare.as_bytes()
                    .get(..prefix.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
            };
            !(bare.is_empty()
                || bare.starts_with('@')
                || bare.starts_with('#')
                || starts_with(b"http")
                || starts_with(b"www."))
        })
        .take_while(move |token| {
            let room = chars < max_chars;
            chars += token.chars().count() + 1;
            room
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> LangId {
        LangId::new(&[]).unwrap()
    }

    #[test]
    fn fast_path_decides_clear_english_and_french() {
        let en = id().detect("The minister said that the army is ready for this", 0.0);
        assert_eq!((en.code, en.method), ("en", LangMethod::FunctionWords));
        let fr = id().detect(
            "Le ministre a dit que l'armée est prête pour cette guerre",
            0.0,
        );
        assert_eq!((fr.code, fr.method), ("fr", LangMethod::FunctionWords));
    }

    #[test]
    fn ambiguous_text_falls_back_to_whatlang() {
        let info = id().detect("Macron Zelensky Kyiv Paris", 0.0);
        assert_eq!(info.method, LangMethod::Whatlang);
    }

    #[test]
    fn cyrillic_text_is_russian_or_ukrainian() {
        let ru = id().detect(
            "Специальная военная операция идёт по плану, заявили в Кремле",
            1.0,
        );
        assert_eq!(ru.code, "ru");
        let uk = id().detect(
            "Збройні сили України продовжують звільняти території від окупантів",
            1.0,
        );
        assert_eq!(uk.code, "uk");
    }

    #[test]
    fn noise_is_stripped_before_detection() {
        assert_eq!(
            denoise("Look #Kremlin @user https://x.ru/a www.b.c here", 100),
            "Look here"
        );
        assert_eq!(denoise("aaaa bbbb cccc", 5), "aaaa");
        assert_eq!(denoise("'@user как .@other", 100), "как");
    }

    #[test]
    fn text_of_links_and_handles_only_is_undetermined() {
        let info = id().detect("'@user https://t.co/abc #tag 123", 0.0);
        assert_eq!((info.code, info.method), ("und", LangMethod::Undetermined));
        assert_eq!(id().detect("'@yasooqa как дела у тебя", 0.6).code, "ru");
    }

    /// Function words are counted by their head before an apostrophe (straight or curly),
    /// whichever comes first in the word.
    #[test]
    fn elided_words_count_by_their_head() {
        let mut counts = FunctionWordCounts::default();
        counts.add("l’armée qu'il c'est aujourd'hui l'homme’s xyz'");
        // l’, qu', c'est, l' count as French; aujourd' and xyz' are no function words.
        assert_eq!(counts.counts, [0, 4, 0]);
        counts.add("it's don't");
        assert_eq!(counts.counts, [2, 4, 0]);
    }

    #[test]
    fn rejects_unknown_codes() {
        assert!(LangId::new(&["xx".to_string()]).is_err());
        assert_eq!(
            LangId::new(&["en".into(), "fra".into()])
                .unwrap()
                .allowed_codes(),
            vec!["en", "fr"]
        );
    }
}
