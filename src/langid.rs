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

use crate::text::{skip_white_space, starts_with_ignore_ascii_case, token_end};
use foldhash::fast::FixedState;
use std::collections::HashMap;
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

// Function words of English, French and German: frequent, short, and (mostly) exclusive to
// one of the three. Each word is in one list only (a test checks it).
#[rustfmt::skip]
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "and", "is", "are", "of", "to", "that", "it", "you", "for", "with", "this", "was",
    "have", "be", "not", "they", "we", "he", "she", "what", "will", "my", "your", "has", "but",
    "at", "by", "from", "an", "his", "her", "their", "were", "been", "who", "would", "there",
    "about", "just", "can", "all", "our", "if", "or", "so", "do", "no", "i", "me", "its", "it's",
    "don't", "i'm", "should", "could", "than", "them", "when", "which", "these", "new", "after",
    "over", "how", "why", "out", "up", "says", "said", "like", "get", "now", "more", "only",
    "into", "had", "did", "does", "here", "some", "any", "very", "much", "many", "being",
    "against", "people", "because", "won't", "can't", "didn't", "doesn't", "isn't", "you're",
    "we're", "they're", "that's", "what's", "there's", "he's", "she's", "let's", "where", "while",
    "last", "year", "years", "today", "first", "week", "every", "never", "other", "still", "back",
    "yesterday", "during", "through", "off", "another", "again", "before", "under", "between",
    "without", "within", "among", "whose", "those", "each", "both", "might", "must", "then", "too",
    "also", "even", "ever", "got", "going", "him", "us",
];
#[rustfmt::skip]
const FRENCH_FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "des", "du", "et", "est", "un", "une", "que", "qui", "dans", "pour", "pas",
    "sur", "avec", "ce", "il", "elle", "nous", "vous", "ne", "au", "aux", "sont", "mais", "par",
    "cette", "je", "tu", "ils", "leur", "sa", "ses", "mes", "tout", "plus", "comme", "été", "être",
    "c'est", "l'", "d'", "qu'", "n'", "j'", "s'", "c'", "très", "ont", "aussi", "fait", "ou", "où",
    "notre", "votre", "nos", "vos", "ces", "cet", "lui", "après", "depuis", "sans", "sous", "chez",
    "entre", "contre", "encore", "déjà", "toujours", "rien", "jamais", "bien", "peut", "doit",
    "faut", "selon", "avait", "était", "sera", "ça", "moi", "toi", "eux", "quand", "lors",
];
#[rustfmt::skip]
const GERMAN_FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "sich", "auf", "für", "den",
    "dem", "zu", "von", "sie", "wir", "ich", "auch", "es", "im", "sind", "wird", "nach", "wie",
    "aus", "bei", "noch", "aber", "oder", "wenn", "nur", "einen", "einer", "werden", "dass", "hat",
    "kein", "keine", "mehr", "über", "vom", "zum", "zur", "gegen", "ohne", "schon", "jetzt",
    "heute", "hier", "wurde", "haben", "sein", "ihre", "unser", "uns", "weil",
];

/// The function words, hashed: every word of a text is looked up, so the lookup must cost a
/// few instructions (a `match` on `&str` compares the word with each candidate of its length
/// in turn). Words of up to 8 bytes are packed little-endian into a `u64` (zero bytes after the
/// word: no word holds a zero byte), a key foldhash hashes in a few instructions.
struct FunctionWordTable {
    short: HashMap<u64, u8, FixedState>,
    /// Words longer than 8 bytes, compared one by one (only "yesterday").
    long: Vec<(&'static [u8], u8)>,
}

/// Longest word a [`FunctionWordCounts`] keeps whole (in two `u64`s); longer ones are no
/// function word.
const WORD_BUFFER: usize = 16;

static FUNCTION_WORDS: std::sync::LazyLock<FunctionWordTable> = std::sync::LazyLock::new(|| {
    let mut table = FunctionWordTable {
        short: HashMap::default(),
        long: Vec::new(),
    };
    let lists = [
        (ENGLISH_FUNCTION_WORDS, EN),
        (FRENCH_FUNCTION_WORDS, FR),
        (GERMAN_FUNCTION_WORDS, DE),
    ];
    for (words, flag) in lists {
        for word in words {
            let word = word.as_bytes();
            assert!(!word.is_empty() && word.len() <= WORD_BUFFER && !word.contains(&0));
            if word.len() > 8 {
                table.long.push((word, flag));
            } else {
                *table.short.entry(pack(word)).or_default() |= flag;
            }
        }
    }
    table
});

/// `word` (at most 8 bytes) as a little-endian `u64`, zero-padded.
fn pack(word: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes[..word.len()].copy_from_slice(word);
    u64::from_le_bytes(bytes)
}

impl FunctionWordTable {
    /// Flags of a word packed by [`pack`] (0 when it is no function word).
    fn packed(&self, key: u64) -> u8 {
        self.short.get(&key).copied().unwrap_or(0)
    }

    fn get(&self, word: &[u8]) -> u8 {
        if word.len() <= 8 {
            self.packed(pack(word))
        } else {
            self.long
                .iter()
                .find(|(w, _)| *w == word)
                .map_or(0, |&(_, flags)| flags)
        }
    }
}

/// Running count of English, French and German function words over a text's tokens.
#[derive(Default)]
struct FunctionWordCounts {
    counts: [usize; 3],
    /// The first [`WORD_BUFFER`] bytes of the current word, lowercased, packed as by
    /// [`pack`] (zero after the word), and its length in bytes (which may exceed them).
    head: u64,
    tail: u64,
    word_len: usize,
    /// Byte offset in the word of its first apostrophe, if any.
    apostrophe: Option<usize>,
}

/// What each byte is to [`FunctionWordCounts::add`]: an ASCII letter or digit maps to itself
/// lowercased, the apostrophe to itself, other ASCII bytes to 0 (they end a word) and
/// non-ASCII bytes to [`NON_ASCII`] (their character is decoded).
static WORD_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            NON_ASCII
        } else if byte.is_ascii_alphanumeric() || byte == b'\'' {
            byte.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table
};
const NON_ASCII: u8 = 0xFF;

impl FunctionWordCounts {
    /// Count the words of `text` (a token or a whole text): runs of alphanumeric characters
    /// and apostrophes (straight or curly, counted as straight), lowercased. ASCII bytes are
    /// taken one by one through a table, without decoding characters.
    fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match WORD_BYTES[b as usize] {
                0 => {
                    i += 1;
                    self.end_word();
                }
                b'\'' => {
                    i += 1;
                    self.push_apostrophe();
                }
                NON_ASCII => {
                    let Some(c) = text[i..].chars().next() else {
                        break;
                    };
                    i += c.len_utf8();
                    if c == '’' {
                        self.push_apostrophe();
                    } else if c.is_alphanumeric() {
                        for lower in c.to_lowercase() {
                            let mut utf8 = [0; 4];
                            for &b in lower.encode_utf8(&mut utf8).as_bytes() {
                                self.push(b);
                            }
                        }
                    } else {
                        self.end_word();
                    }
                }
                lower => {
                    i += 1;
                    self.push(lower);
                }
            }
        }
        self.end_word();
    }

    fn push(&mut self, b: u8) {
        match self.word_len {
            len @ 0..8 => self.head |= u64::from(b) << (8 * len),
            len @ 8..WORD_BUFFER => self.tail |= u64::from(b) << (8 * (len - 8)),
            _ => {}
        }
        self.word_len += 1;
    }

    fn push_apostrophe(&mut self) {
        self.apostrophe.get_or_insert(self.word_len);
        self.push(b'\'');
    }

    fn end_word(&mut self) {
        if self.word_len != 0 {
            self.count_word();
        }
    }

    /// Function-word flags of the current word's first `len` bytes (0 past [`WORD_BUFFER`]).
    #[inline]
    fn flags_of_prefix(&self, table: &FunctionWordTable, len: usize) -> u8 {
        match len {
            0..8 => table.packed(self.head & ((1u64 << (8 * len)) - 1)),
            8 => table.packed(self.head),
            9..=WORD_BUFFER => {
                let mut bytes = [0; WORD_BUFFER];
                bytes[..8].copy_from_slice(&self.head.to_le_bytes());
                bytes[8..].copy_from_slice(&self.tail.to_le_bytes());
                table.get(&bytes[..len])
            }
            _ => 0,
        }
    }

    fn count_word(&mut self) {
        let table = &*FUNCTION_WORDS;
        let whole = self.flags_of_prefix(table, self.word_len);
        // French elision: "l'homme", "c'est", "qu'il" count by their head.
        let flags = match self.apostrophe {
            Some(pos) if whole == 0 => self.flags_of_prefix(table, pos + 1) & FR,
            _ => whole,
        };
        for (i, bit) in [EN, FR, DE].into_iter().enumerate() {
            self.counts[i] += (flags & bit != 0) as usize;
        }
        self.head = 0;
        self.tail = 0;
        self.word_len = 0;
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
            any_letter = any_letter || has_letter(token);
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

/// The white-space separated tokens of `text` that [`denoise`] keeps: not a link, @handle
/// or #hashtag, and starting within the first `max_chars` characters (counting one for each
/// space between kept tokens).
fn language_tokens(text: &str, max_chars: usize) -> LanguageTokens<'_> {
    LanguageTokens {
        text,
        pos: 0,
        chars: 0,
        max_chars,
    }
}

/// Iterator of [`language_tokens`]. It splits as `str::split_whitespace` (Unicode
/// White_Space) but walks ASCII bytes one by one, decoding only non-ASCII characters.
struct LanguageTokens<'a> {
    text: &'a str,
    /// Byte offset of the rest of the text.
    pos: usize,
    /// Characters of the tokens kept so far, one more for each.
    chars: usize,
    max_chars: usize,
}

impl<'a> Iterator for LanguageTokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        loop {
            let start = skip_white_space(text, self.pos);
            if start >= text.len() {
                self.pos = text.len();
                return None;
            }
            let (end, continuation_bytes) = token_end(text, start);
            self.pos = end;
            let token = &text[start..end];
            if !is_language_token(token) {
                continue;
            }
            if self.chars >= self.max_chars {
                self.pos = text.len();
                return None;
            }
            self.chars += (end - start - continuation_bytes) + 1;
            return Some(token);
        }
    }
}

/// Byte offset in `token` of its first character for which `stop` holds, or its length.
/// ASCII bytes are taken as characters without decoding.
fn find_char(token: &str, stop: impl Fn(char) -> bool) -> usize {
    let bytes = token.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match token[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if stop(c) {
            return i;
        }
        i += c.len_utf8();
    }
    token.len()
}

/// Whether a token carries language: not a link, @handle or #hashtag. Quotes and dots before
/// a handle ("'@user", ".@user") do not make it a word.
fn is_language_token(token: &str) -> bool {
    let bytes = token.as_bytes();
    // Most tokens start with an ASCII letter or digit: nothing to skip.
    let bare_start = if bytes.first().is_some_and(u8::is_ascii_alphanumeric) {
        0
    } else {
        find_char(token, |c| c.is_alphanumeric() || c == '@' || c == '#')
    };
    let bare = &bytes[bare_start..];
    let starts_with = |prefix: &[u8]| starts_with_ignore_ascii_case(bare, prefix);
    match bare.first() {
        None | Some(b'@' | b'#') => false,
        Some(b'h' | b'H' | b'w' | b'W') => !(starts_with(b"http") || starts_with(b"www.")),
        Some(_) => true,
    }
}

/// Whether `token` holds an alphabetic character.
fn has_letter(token: &str) -> bool {
    token
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
        || find_char(token, char::is_alphabetic) < token.len()
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

    /// Tricky texts for the byte-level fast paths (synthetic).
    const TRICKY: &[&str] = &[
        "The\u{0B}end of\u{0C}it\u{85}is\u{A0}near\u{2003}the\u{3000}end\u{2028}and\u{202F}so",
        "tab\tnew\nline\r\nvertical\u{0B}\u{0B}tab",
        "L’ARMÉE QU’IL C’EST l’Élysée D’après N'IMPORTE",
        "It's DON'T you’re THEY'RE yesterday YESTERDAY yesterday's aujourd’hui",
        "l'administration qu’aujourd'hui toujours'x toujours' xxxxxxxxxxxxxxxxx'yy ''' ’’",
        "'@user .@other «@third» #tag ‘#tag’ HTTP://x.org Www.x.org www https hxxps://example[.]com/Path",
        "İSTANBUL İst ǅemal ß Σ ΣΑΣ Ⅻ ½ ² ﬁle Ａ１ über ÜBER FÜR été ÉTÉ Être où Où ça ÇA",
        "e\u{301}te\u{301} cafe\u{301} \u{301}\u{301} 😀the😀 the😀and der—die—das",
        "3.5 123 ... — « » ' ’ @ # @@ ## .# .@",
        "user@host.com ex@mple le@la the#and",
    ];

    /// `count` texts of up to 300 pieces rich in function words, apostrophes, noise tokens and
    /// white space of every kind, drawn by a fixed-seed xorshift64 generator (synthetic).
    fn generated_texts(count: usize) -> Vec<String> {
        #[rustfmt::skip]
        const PIECES: &[&str] = &[
            "the", "The", "THE", "and", "le", "La", "les", "der", "DIE", "und", "über", "Über",
            "été", "ÉTÉ", "où", "ça", "Ça", "très", "yesterday", "toujours", "c", "l", "qu", "it",
            "don", "s", "t", "est", "i", "m", "x", "é", "İ", "ß", "Σ", "Ⅻ", "ǅ", "ﬁ", "0", "42",
            "'", "'", "’", "’", "‘", "-", ".", ",", "!", "«", "»", "\"", "@", "#", "😀", "\u{301}",
            " ", " ", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}",
            "\u{A0}", "\u{2003}", "\u{3000}", "\u{2028}", "\u{200B}", "http://t.co/x",
            "HTTPS://x.org", "www.", "WWW.x", "hxxps://x[.]y", "'@u", ".@u", "#t",
        ];
        crate::normalize::test_inputs::from_pieces(PIECES, 0x2545_F491_4F6C_DD1D, count, 0..300)
    }

    fn oracle_texts() -> Vec<String> {
        let mut texts: Vec<String> = TRICKY.iter().map(|t| t.to_string()).collect();
        texts.extend(
            crate::normalize::test_inputs::HAND_PICKED
                .iter()
                .map(|t| t.to_string()),
        );
        texts.extend(crate::normalize::test_inputs::samples_and_fixtures());
        texts.extend(crate::normalize::test_inputs::generated(5_000));
        texts.extend(generated_texts(3_000));
        texts
    }

    #[test]
    fn byte_level_tokens_match_split_whitespace() {
        let mut kept_and_cut = [0usize; 2];
        for text in oracle_texts() {
            for max_chars in [PREFIX_CHARS, 0, 1, 9, 40] {
                let fast: Vec<&str> = language_tokens(&text, max_chars).collect();
                let slow: Vec<&str> = reference::language_tokens(&text, max_chars).collect();
                assert_eq!(fast, slow, "{text:?} max_chars {max_chars}");
                let all = reference::language_tokens(&text, usize::MAX).count();
                kept_and_cut[(fast.len() < all) as usize] += 1;
                for token in fast {
                    assert_eq!(
                        has_letter(token),
                        token.chars().any(char::is_alphabetic),
                        "{token:?}"
                    );
                }
            }
        }
        // Both sides of the prefix bound were exercised.
        assert!(kept_and_cut.iter().all(|&n| n > 1_000), "{kept_and_cut:?}");
    }

    #[test]
    fn byte_level_counts_match_the_char_loop() {
        let mut decided = 0;
        for text in oracle_texts() {
            let (mut fast, mut slow) =
                (FunctionWordCounts::default(), reference::Counts::default());
            for token in text.split_whitespace() {
                fast.add(token);
                slow.add(token);
                assert_eq!(fast.counts, slow.counts, "{token:?} in {text:?}");
            }
            // A whole text at once, white space ending words.
            let (mut fast, mut slow) =
                (FunctionWordCounts::default(), reference::Counts::default());
            fast.add(&text);
            slow.add(&text);
            assert_eq!(fast.counts, slow.counts, "{text:?}");
            decided += (fast.counts.iter().sum::<usize>() > 0) as usize;
        }
        assert!(decided > 3_000, "only {decided} texts held function words");
    }

    #[test]
    fn hashed_function_words_match_the_lists() {
        let lists = [
            ENGLISH_FUNCTION_WORDS,
            FRENCH_FUNCTION_WORDS,
            GERMAN_FUNCTION_WORDS,
        ];
        let mut probes: Vec<String> = Vec::new();
        for (i, words) in lists.iter().enumerate() {
            for word in *words {
                let mut others = lists.iter().enumerate().filter(|&(j, _)| j != i);
                assert!(
                    others.all(|(_, o)| !o.contains(word)),
                    "{word:?} is in two lists"
                );
                assert_ne!(FUNCTION_WORDS.get(word.as_bytes()), 0, "{word:?}");
                for cut in 1..word.len() {
                    if let Some(head) = word.get(..cut) {
                        probes.push(head.to_string());
                        probes.push(format!("{head}'"));
                    }
                }
                probes.push(word.to_uppercase());
                probes.push(format!("{word}s"));
                probes.push(format!("{word}'"));
                probes.push(format!("x{word}"));
            }
        }
        probes.extend(["", "'", "yesterdays", "yesterda", "toujourss", "\0"].map(String::from));
        for probe in &probes {
            assert_eq!(
                FUNCTION_WORDS.get(probe.as_bytes()),
                reference::function_word(probe),
                "{probe:?}"
            );
        }
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

    /// The implementation before the byte-level rewrite, kept as the oracle the fast paths
    /// must match; its `match` on the words is replaced by a scan of the same lists.
    mod reference {
        use super::super::*;

        pub fn function_word(word: &str) -> u8 {
            [
                (ENGLISH_FUNCTION_WORDS, EN),
                (FRENCH_FUNCTION_WORDS, FR),
                (GERMAN_FUNCTION_WORDS, DE),
            ]
            .iter()
            .filter(|(words, _)| words.contains(&word))
            .fold(0, |flags, (_, flag)| flags | flag)
        }

        #[derive(Default)]
        pub struct Counts {
            pub counts: [usize; 3],
            word: String,
            apostrophe: Option<usize>,
        }

        impl Counts {
            pub fn add(&mut self, text: &str) {
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

        pub fn language_tokens(text: &str, max_chars: usize) -> impl Iterator<Item = &str> {
            let mut chars = 0usize;
            text.split_whitespace()
                .filter(|token| {
                    let bare = token
                        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '#');
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
                    chars = chars.saturating_add(token.chars().count() + 1);
                    room
                })
        }
    }
}
