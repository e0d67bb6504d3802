//! Word-level helpers shared by the French heuristics (not a heuristic itself).
//!
//! French writers often drop accents ("probleme", "periode"), so word lists are compared on a
//! folded form: lower case without diacritics.

use foldhash::fast::FixedState;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `word` in lower case with French diacritics removed ("Période" → "periode", "œil" → "oeil").
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' => out.push('i'),
            'ô' | 'ö' | 'ó' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ç' => out.push('c'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '’' => out.push('\''),
            _ => out.push(c),
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// The word that ends just before byte `at`, skipping spaces; "" when punctuation (or the
/// start of the text) comes first. An apostrophe ends a word: before "il" in "qu'il" is "qu".
pub fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end_matches([' ', '\u{a0}']);
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(head.len(), |(i, _)| i);
    &head[start..]
}

/// The word that starts just after byte `at`, skipping spaces; "" when punctuation (or the end
/// of the text) comes first.
pub fn word_after(text: &str, at: usize) -> &str {
    let tail = text[at..].trim_start_matches([' ', '\u{a0}']);
    let end = tail
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// Subject pronouns and pre-verbal clitics that make a following "la"/"le" an object pronoun
/// rather than an article: "on la programme", "je le classe", "je te la programme".
pub fn is_subject_clitic(word: &str) -> bool {
    matches!(
        fold(word).as_str(),
        "je" | "j"
            | "tu"
            | "il"
            | "elle"
            | "on"
            | "nous"
            | "vous"
            | "ils"
            | "elles"
            | "ne"
            | "n"
            | "qui"
            | "ce"
            | "c"
            | "me"
            | "m"
            | "te"
            | "t"
            | "se"
            | "s"
    )
}

/// The rest of the sentence that starts at `at` (up to . ! ? or a line break, excluded).
pub fn sentence_rest(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let end = tail.find(['.', '!', '?', '\n']).map_or(tail.len(), |i| i);
    &tail[..end]
}

/// Whether the sentence that contains byte `at` ends with a question mark.
pub fn sentence_is_question(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    rest.find(['.', '!', '?', '\n'])
        .is_some_and(|i| rest[i..].starts_with('?'))
}

/// Whether a clause starts at byte `at`: only the start of the text, punctuation, or a
/// coordinating conjunction ("et", "mais") precede it.
pub fn starts_clause(text: &str, at: usize) -> bool {
    let prev = word_before(text, at);
    if prev.is_empty() {
        return true;
    }
    matches!(fold(prev).as_str(), "et" | "mais" | "or" | "car")
}

/// Whether the span `[start, end)` sits inside a hashtag, an @handle or a URL.
pub fn in_tag_or_url(text: &str, start: usize) -> bool {
    let token_start = text[..start].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let token = &text[token_start..start];
    token.contains('#') || token.contains('@') || token.contains('/') || token.contains("www.")
}

/// Function words found in French but not in English, Spanish or Italian ("la", "de", "que",
/// "il" are shared and left out).
const FRENCH_ONLY: &[&str] = &[
    "le", "les", "des", "du", "est", "et", "une", "qui", "pour", "dans", "pas", "sur", "avec",
    "cette", "elle", "nous", "vous", "je", "ne", "au", "aux", "mais", "ou", "sont", "plus", "très",
    "été", "à", "c'est", "c'", "l'", "d'", "qu'", "n'", "j'", "ça", "mes", "ses", "leur",
];

/// Function words of English, Spanish and Italian that are not also French words ("on", "y",
/// "es", "con", "non" are French too and are left out).
const OTHER_ONLY: &[&str] = &[
    "the", "and", "is", "are", "of", "to", "in", "for", "with", "that", "this", "was", "by",
    "from", "at", "has", "have", "says", "said", "you", "it", "el", "los", "las", "por", "del",
    "para", "una", "pero", "como", "della", "degli", "gli", "di", "che", "per", "sono",
];

/// Whether `text` reads as French rather than English, Spanish or Italian, by counting
/// function words. Language identification upstream can call a short English or Spanish
/// post French; heuristics whose words also exist in those languages check this first.
pub fn looks_french(text: &str) -> bool {
    thread_local! {
        /// The last text asked about and the answer: several French heuristics ask about
        /// the same item in turn.
        static LAST: RefCell<(String, bool)> = const { RefCell::new((String::new(), false)) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        // Starts as ("", false), which is also the answer for "".
        if last.0 != text {
            last.1 = count_says_french(text);
            last.0.clear();
            last.0.push_str(text);
        }
        last.1
    })
}

/// [`looks_french`], computed.
fn count_says_french(text: &str) -> bool {
    let (mut french, mut other) = (0usize, 0usize);
    let mut lower = String::new();
    for token in text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’')) {
        if token.is_empty() {
            continue;
        }
        lower.clear();
        if token.is_ascii() {
            lower.push_str(token);
            lower.make_ascii_lowercase();
        } else {
            for c in token.chars() {
                match c {
                    '’' => lower.push('\''),
                    c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
                    c => lower.extend(c.to_lowercase()),
                }
            }
        }
        // "l'Europe" counts as "l'".
        let head = match lower.find('\'') {
            Some(i) if i + 1 < lower.len() => &lower[..=i],
            _ => lower.as_str(),
        };
        match FUNCTION_WORDS.get(head) {
            Some(WordClass::FrenchOnly) => french += 1,
            _ if is_participle(&lower) => french += 1,
            Some(WordClass::OtherOnly) => other += 1,
            None => {}
        }
    }
    french >= 1 && french > other
}

/// Past participles in -é / -ée / -ées ("déclaré", "acheté"); not Italian "perché".
fn is_participle(lower: &str) -> bool {
    (lower.ends_with('é') || lower.ends_with("ée") || lower.ends_with("ées"))
        && !lower.ends_with("ché")
        && lower.chars().count() >= 4
}

#[derive(Clone, Copy)]
enum WordClass {
    FrenchOnly,
    OtherOnly,
}

/// [`FRENCH_ONLY`] and [`OTHER_ONLY`] in one table: `looks_french` looks up every token.
static FUNCTION_WORDS: LazyLock<HashMap<&str, WordClass, FixedState>> = LazyLock::new(|| {
    let other = OTHER_ONLY.iter().map(|w| (*w, WordClass::OtherOnly));
    // French last: a word on both lists counts as French, as it always did.
    let french = FRENCH_ONLY.iter().map(|w| (*w, WordClass::FrenchOnly));
    other.chain(french).collect()
});

/// Whether the determiner starting at byte `det_start` is used as a determiner: not the tail
/// of an elision ("qu'un", "l'une") and not an object pronoun after a subject clitic
/// ("on la programme").
pub fn is_determiner_use(text: &str, det_start: usize) -> bool {
    !text[..det_start].ends_with(['\'', '’']) && !is_subject_clitic(word_before(text, det_start))
}

/// Whether `token` is mojibake: UTF-8 punctuation decoded as Windows-1251 ("вЂ™" for ’,
/// "вЂ“" for –), which looks Cyrillic but says nothing about the writer.
/// Whether `text` reads as transcribed speech: it holds a hesitation ("euh", "heu", "hum"),
/// the transcriber's mark. There commas are pauses that the transcriber heard, not the
/// writer's punctuation, so punctuation heuristics stay silent.
pub fn looks_transcribed(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| matches!(w, "euh" | "Euh" | "heu" | "hum" | "euhm"))
}

pub fn is_mojibake(token: &str) -> bool {
    token.contains("вЂ") || token.contains("тА")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_drops_case_and_accents() {
        assert_eq!(fold("Période"), "periode");
        assert_eq!(fold("ŒIL"), "oeil");
        assert_eq!(fold("qu’il"), "qu'il");
    }

    #[test]
    fn words_around_a_position() {
        let t = "qu'il la programme, puis";
        let la = t.find("la").unwrap();
        assert_eq!(word_before(t, la), "il");
        assert_eq!(word_after(t, la + 2), "programme");
        let comma = t.find(',').unwrap();
        assert_eq!(word_after(t, comma), "");
        assert_eq!(word_before(t, comma + 1), "");
        assert_eq!(word_before(t, 0), "");
    }

    #[test]
    fn clauses_and_sentences() {
        let t = "Il montre bien que oui. Bien que tard, et bien que";
        assert!(!starts_clause(t, t.find("bien").unwrap()));
        assert!(starts_clause(t, t.find("Bien").unwrap()));
        assert!(starts_clause(t, t.rfind("bien").unwrap()));
        assert_eq!(sentence_rest(t, 3), "montre bien que oui");
        let q = "Je ne sais pas, est-ce vrai ? Non.";
        assert!(sentence_is_question(q, 0));
        assert!(!sentence_is_question(q, q.find("Non").unwrap()));
    }

    /// The remembered answer is the answer for that very text, whatever was asked before.
    #[test]
    fn remembered_answers_follow_the_text() {
        let texts = [
            "Zelenskiy ment encore une fois",
            "Zelenskiy ment encore une fois",
            "Putin says the war is going well",
            "",
            "L'Europe à genoux",
            "Putin says the war is going well",
            "L'Europe à genoux!",
            "L'Europe à genoux",
        ];
        for text in texts {
            assert_eq!(looks_french(text), count_says_french(text), "{text:?}");
        }
        assert!(looks_french(texts[0]) && !looks_french(texts[2]) && !looks_french(""));
    }

    #[test]
    fn french_is_told_from_english_spanish_and_italian() {
        assert!(looks_french("Zelenskiy ment encore une fois"));
        assert!(looks_french("L'Europe à genoux"));
        assert!(!looks_french("Putin says the war is going well"));
        assert!(!looks_french("Putin dice que la guerra es larga"));
        assert!(!looks_french("La Europa del Este y el petróleo"));
        assert!(!looks_french("Putin"));
        assert!(looks_french("Sergey Lavrov a déclaré que la France ment"));
        assert!(!looks_french("Putin dice perché la guerra"));
        assert!(looks_french("On y va, non ? Tu es con ou quoi"));
    }

    #[test]
    fn mojibake_is_recognised() {
        assert!(is_mojibake("donвЂ™t"));
        assert!(is_mojibake("тАУ"));
        assert!(!is_mojibake("спасибо"));
    }

    #[test]
    fn tags_and_urls() {
        let t = "voir #Putin et https://x.fr/Putin puis Putin";
        assert!(in_tag_or_url(t, t.find("Putin").unwrap()));
        assert!(in_tag_or_url(t, t.find("/Putin").unwrap() + 1));
        assert!(!in_tag_or_url(t, t.rfind("Putin").unwrap()));
    }
}
