//! Small helpers shared by heuristics.

use crate::record::Span;
use regex::Regex;
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};
use std::sync::{LazyLock, OnceLock};

/// A regex compiled on first use. Heuristic patterns are constants, so a bad one is a bug
/// caught by that heuristic's example test.
///
/// A Unicode word boundary (`\b`) makes the regex crate leave its fast DFA for a backtracker
/// on any text beyond ASCII, most French text among them. So on such texts [`Self::may_match`]
/// first runs the same regex without its word boundaries, which the DFA handles: it matches
/// wherever the regex does, so when it finds nothing the regex cannot match either.
pub struct Pattern {
    regex: LazyLock<Regex>,
    /// The regex without its Unicode word boundaries; `None` when it has none.
    boundless: OnceLock<Option<regex_automata::meta::Regex>>,
}

impl Pattern {
    pub const fn new(init: fn() -> Regex) -> Self {
        Pattern {
            regex: LazyLock::new(init),
            boundless: OnceLock::new(),
        }
    }

    /// False only when the regex cannot match `text`; cheap on texts beyond ASCII, where the
    /// regex itself would be slow.
    pub fn may_match(&self, text: &str) -> bool {
        if text.is_ascii() {
            return true;
        }
        match self
            .boundless
            .get_or_init(|| without_unicode_word_boundaries(self.regex.as_str()))
        {
            Some(boundless) => boundless.is_match(text),
            None => true,
        }
    }
}

impl std::ops::Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        &self.regex
    }
}

/// `pattern` with every Unicode word-boundary assertion removed (a regex that matches
/// wherever `pattern` does, and more), if it has any.
fn without_unicode_word_boundaries(pattern: &str) -> Option<regex_automata::meta::Regex> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut removed = false;
    let boundless = strip_word_boundaries(&hir, &mut removed);
    if !removed {
        return None;
    }
    regex_automata::meta::Regex::builder()
        .build_from_hir(&boundless)
        .ok()
}

fn strip_word_boundaries(hir: &Hir, removed: &mut bool) -> Hir {
    match hir.kind() {
        HirKind::Look(
            Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode,
        ) => {
            *removed = true;
            Hir::empty()
        }
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(strip_word_boundaries(&rep.sub, removed)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(strip_word_boundaries(&cap.sub, removed)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(
            subs.iter()
                .map(|sub| strip_word_boundaries(sub, removed))
                .collect(),
        ),
        HirKind::Alternation(subs) => Hir::alternation(
            subs.iter()
                .map(|sub| strip_word_boundaries(sub, removed))
                .collect(),
        ),
        _ => hir.clone(),
    }
}

/// Whether a word character (`\w` of a Unicode regex) starts at byte `at` of `text`.
///
/// A Unicode `\b` makes the regex crate leave its fast DFA for a backtracker on any non-ASCII
/// text, which costs about ten times more on French. [`Pattern::may_match`] now spares most
/// texts that cost; the hottest French regexes, written before it, also spell a leading `\b`
/// as `(?:^|\W)` (it consumes the character before the word, so nothing they match may end on
/// a non-word character) and check a trailing one with this function.
pub fn word_char_at(text: &str, at: usize) -> bool {
    static WORD: Pattern = Pattern::new(|| Regex::new(r"^\w").unwrap());
    text.get(at..).is_some_and(|rest| WORD.is_match(rest))
}

/// Push every match of `re` in `text`.
pub fn push_all(re: &Pattern, text: &str, hits: &mut Vec<Span>) {
    if re.may_match(text) {
        hits.extend(re.find_iter(text).map(|m| Span::new(m.start(), m.end())));
    }
}

/// Push every match of `re` (or of its capture group `group`, when present) for which `keep`
/// says yes; `keep` sees the whole text and the match.
pub fn push_group_if(
    re: &Pattern,
    group: usize,
    text: &str,
    hits: &mut Vec<Span>,
    mut keep: impl FnMut(&str, &regex::Captures) -> bool,
) {
    // Most texts do not match: decide that with the fast engines before asking for captures,
    // which need the slower backtracker.
    if !re.may_match(text) || !re.is_match(text) {
        return;
    }
    for caps in re.captures_iter(text) {
        if !keep(text, &caps) {
            continue;
        }
        if let Some(m) = caps.get(group).or_else(|| caps.get(0)) {
            hits.push(Span::new(m.start(), m.end()));
        }
    }
}

/// The text just before `at`, at most `max_chars` characters.
pub fn before(text: &str, at: usize, max_chars: usize) -> &str {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .nth(max_chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &head[start..]
}

/// The text just after `at`, at most `max_chars` characters.
pub fn after(text: &str, at: usize, max_chars: usize) -> &str {
    let tail = &text[at..];
    let end = tail
        .char_indices()
        .nth(max_chars)
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// Push every date written day.month.year with dots ("24.02.2022", "9.05.2015"), the Russian
/// convention, in any language: days 1–31, months 1–12, years 1900–2099.
///
/// Left out: version, section and article numbers ("version 2.3.2019", "§ 5.10.2010",
/// "1.2.2018.1", "v1.2.2019"), and anything inside a URL or path, where dots and digits are
/// identifiers rather than dates.
pub fn push_dotted_dates(text: &str, hits: &mut Vec<Span>) {
    static DOTTED_DATE: Pattern = Pattern::new(|| {
        Regex::new(r"(?-u:\b)(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d(?-u:\b)")
            .unwrap()
    });
    // Words before a number that make it a version or a numbered section, in English and French.
    const NUMBERING_WORDS: &[&str] = &[
        "version",
        "v",
        "ver",
        "release",
        "build",
        "chapter",
        "chapitre",
        "section",
        "§",
        "rule",
        "article",
        "art",
        "paragraphe",
        "firmware",
    ];
    push_group_if(&DOTTED_DATE, 0, text, hits, |text, caps| {
        let m = caps.get(0).unwrap();
        let left = before(text, m.start(), 12).to_lowercase();
        // The last word, after any elision: "l'article" → "article".
        let prev = left
            .split_whitespace()
            .last()
            .and_then(|w| w.rsplit(['\'', '’']).next())
            .unwrap_or("");
        let glued =
            left.ends_with(['.', '-', '/']) || left.ends_with(|c: char| c.is_alphanumeric());
        let next = after(text, m.end(), 2);
        let numbered_further =
            next.starts_with('.') && next[1..].starts_with(|d: char| d.is_ascii_digit());
        // After the last white space, which may take several bytes (an em space).
        let token_start = text[..m.start()]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let token = &text[token_start..m.start()];
        let in_url = token.contains("://") || token.contains("www.") || token.contains('/');
        !glued && !numbered_further && !in_url && !NUMBERING_WORDS.contains(&prev)
    });
}

/// Whether `text` around `[start, end)` sits inside double quotes or after a distancing
/// phrase ("so-called", "what Russia calls"), i.e. the words are reported, not used.
pub fn is_quoted_or_distanced(text: &str, start: usize, end: usize) -> bool {
    let left = before(text, start, 40).to_lowercase();
    let right = after(text, end, 3);
    let opens = left
        .chars()
        .rev()
        .take(2)
        .any(|c| matches!(c, '"' | '“' | '«' | '\'' | '‘'));
    let closes = right
        .chars()
        .take(2)
        .any(|c| matches!(c, '"' | '”' | '»' | '\'' | '’'));
    (opens && closes)
        || [
            "what russia calls",
            "what moscow calls",
            "what the kremlin calls",
            "kremlin's so-called",
            "russia's so-called",
            "dubbed",
        ]
        .iter()
        .any(|p| left.contains(p))
}

/// Whether `text` reads like a headline or telegraphic note: no article (a/an/the) anywhere
/// and no first- or second-person pronoun. Natives drop articles in that register ("Explosion
/// at concert kills 22"), so article-omission heuristics stay silent on it; a writer who uses
/// articles or speaks in the first person elsewhere in the item is not writing headlines.
pub fn looks_telegraphic(text: &str) -> bool {
    static MARKERS: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:a|an|the|i|i'm|i've|i'd|i'll|me|my|we|us|our|you|your)(?-u:\b)")
            .unwrap()
    });
    !MARKERS.is_match(text)
}

/// Whether position `at` starts a sentence: only spaces, @mentions, #hashtags, quotes or
/// opening brackets separate it from the start of the text or from a `.`, `!`, `?`, `:` or
/// a line break.
pub fn is_sentence_start(text: &str, at: usize) -> bool {
    let mut words = text[..at].rsplit(|c: char| c.is_whitespace());
    for word in words.by_ref() {
        let word = word.trim_start_matches(['"', '\'', '“', '‘', '(', '«']);
        if word.is_empty() || word.starts_with('@') || word.starts_with('#') {
            continue;
        }
        return word.ends_with(['.', '!', '?', ':', '…'])
            || word.starts_with("http")
            || word.ends_with(['"', '”', ')'])
                && word
                    .trim_end_matches(['"', '”', ')'])
                    .ends_with(['.', '!', '?']);
    }
    true
}

/// Whether a noun phrase ending at `end` is complete: what follows is the end of the text,
/// punctuation, a link, a hashtag, or a function word — not another noun that would make a
/// compound ("at hotel reception", "in city council").
pub fn ends_noun_phrase(text: &str, end: usize) -> bool {
    let rest = after(text, end, 24);
    let trimmed = rest.trim_start();
    if trimmed.is_empty() {
        return true;
    }
    if rest.len() == trimmed.len() {
        // Glued to the next character: only punctuation ends the phrase.
        // A "(" glued on is a call or a plural marker ("article()", "airport(s)"), not an end.
        return !trimmed.starts_with(|c: char| {
            c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '(' | '_' | '/')
        });
    }
    if trimmed.starts_with(|c: char| !c.is_alphanumeric()) || trimmed.starts_with("http") {
        return true;
    }
    let next: String = trimmed
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect::<String>()
        .to_lowercase();
    FUNCTION_WORDS.contains(&next.as_str())
}

/// Whether the word at the start of `next` is a verb, so the noun before it is a subject, not
/// an attribute ("EU fell" vs "EU countries"): a past form in -ed or a frequent verb of the chart and
/// argument genres. Nouns after the name make it attributive and are left alone.
pub fn verb_follows(next: &str) -> bool {
    let word: String = next
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    (word.len() > 4 && word.ends_with("ed") && word != "united")
        || matches!(
            word.as_str(),
            "fell"
                | "rose"
                | "grew"
                | "saw"
                | "sees"
                | "shows"
                | "showed"
                | "became"
                | "becomes"
                | "went"
                | "goes"
                | "got"
                | "gets"
                | "gives"
                | "gave"
                | "offers"
                | "provides"
                | "makes"
                | "made"
                | "allows"
                | "helps"
                | "plays"
                | "needs"
                | "wants"
                | "tries"
                | "continues"
                | "seems"
                | "began"
                | "begins"
                | "starts"
                | "remains"
                | "stays"
                | "takes"
                | "took"
                | "had"
                | "faces"
                | "suffers"
                | "leads"
                | "led"
                | "reaches"
                | "occupies"
                | "demonstrates"
                | "experiences"
                | "increases"
                | "decreases"
                | "declines"
                | "drops"
                | "rises"
                | "falls"
                | "grows"
                | "keeps"
                | "kept"
                | "comes"
                | "came"
                | "holds"
                | "held"
                | "gained"
                | "lost"
                | "loses"
                | "spends"
                | "spent"
                | "contains"
                | "includes"
                | "consists"
                | "belongs"
                | "ranks"
                | "ranked"
                | "shares"
                | "differs"
        )
}

/// Whether position `at` starts a sentence inside running prose: a sentence-final ".", "!"
/// or "?" ends a word of three letters or more (or a figure) just before it. Headings, list
/// items ("VII. Amount of…", "8 Number of…") and the start of the text do not count.
pub fn is_prose_sentence_start(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    if head.len() == text[..at].len() || !head.ends_with(['.', '!', '?']) {
        return false;
    }
    let word = head[..head.len() - 1]
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let word = word.trim_end_matches(['%', ')', '"', '\'', '”', '’']);
    word.len() >= 3
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ',' | '.' | '-'))
        && word.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Words after which a noun phrase is over (see [`ends_noun_phrase`]).
const FUNCTION_WORDS: &[&str] = &[
    "and",
    "or",
    "but",
    "where",
    "when",
    "with",
    "without",
    "in",
    "on",
    "at",
    "to",
    "for",
    "of",
    "from",
    "near",
    "because",
    "which",
    "who",
    "that",
    "yesterday",
    "today",
    "tomorrow",
    "now",
    "again",
    "too",
    "also",
    "is",
    "was",
    "are",
    "were",
    "so",
    "then",
    "there",
    "here",
    "last",
    "every",
    "after",
    "before",
    "during",
    "by",
    "about",
    "since",
    "until",
    "if",
    "as",
    "it",
    "i",
    "we",
    "you",
    "he",
    "she",
    "they",
    "lol",
    "everyone",
    "everybody",
    "everything",
    "anyone",
    "nobody",
    "nothing",
    "many",
    "some",
    "all",
    "can",
    "will",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "could",
    "would",
    "should",
    "must",
    "not",
    "no",
    "very",
    "only",
    "just",
    "this",
    "these",
    "those",
    "than",
    "like",
    "what",
    "how",
    "why",
    "my",
    "your",
    "our",
    "his",
    "her",
    "their",
    "a",
    "an",
    "the",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn dotted_dates(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        push_dotted_dates(text, &mut hits);
        hits.iter().map(|s| s.slice(text)).collect()
    }

    /// Synthetic: a date after multi-byte white space (em space, ideographic space) used to
    /// panic on slicing inside that space.
    #[test]
    fn dotted_dates_after_multi_byte_white_space() {
        assert_eq!(dotted_dates("\u{2003}12.03.2022#tag"), ["12.03.2022"]);
        assert_eq!(dotted_dates("le\u{3000}24.02.2022"), ["24.02.2022"]);
        assert!(dotted_dates("voir\u{2003}https://x.fr/?d=24.02.2022").is_empty());
    }

    #[test]
    fn dotted_dates_skip_versions_sections_and_urls() {
        assert_eq!(
            dotted_dates("le 24.02.2022 et le 9.05.2015"),
            ["24.02.2022", "9.05.2015"]
        );
        assert!(dotted_dates("version 2.3.2019, v1.2.2019, 1.2.2018.1").is_empty());
        assert!(dotted_dates("§ 5.10.2010 et article 3.1.2001").is_empty());
        assert!(dotted_dates("https://site.fr/archives?d=24.02.2022 voir").is_empty());
        assert!(dotted_dates("192.168.1.20 et 3.5 et 14.30 et 1.500.000").is_empty());
        assert!(dotted_dates("24.13.2022 et 32.01.2022 et 24.02.1850").is_empty());
    }

    #[test]
    fn context_windows_respect_char_boundaries() {
        let t = "абв где";
        assert_eq!(before(t, t.len(), 3), "где");
        assert_eq!(after(t, 0, 2), "аб");
    }

    #[test]
    fn detects_quoted_and_distanced_use() {
        let t = "what Russia calls a special military operation";
        let s = t.find("special").unwrap();
        assert!(is_quoted_or_distanced(t, s, t.len()));
        let q = "the \"special military operation\" began";
        let s = q.find("special").unwrap();
        assert!(is_quoted_or_distanced(
            q,
            s,
            s + "special military operation".len()
        ));
        let plain = "the special military operation goes on";
        let s = plain.find("special").unwrap();
        assert!(!is_quoted_or_distanced(plain, s, s + 26));
    }

    #[test]
    fn telegraphic_means_no_article_and_no_first_or_second_person() {
        assert!(looks_telegraphic(
            "Explosion at concert kills 22 in Manchester"
        ));
        assert!(!looks_telegraphic("There was an explosion at concert"));
        assert!(!looks_telegraphic("I went to cinema yesterday"));
        assert!(!looks_telegraphic("You have problem"));
    }

    #[test]
    fn sentence_starts_skip_mentions_and_hashtags() {
        let t = "@bob #news Why you say this? Then why";
        assert!(is_sentence_start(t, t.find("Why").unwrap()));
        assert!(is_sentence_start(t, t.find("Then").unwrap()));
        assert!(!is_sentence_start(t, t.rfind("why").unwrap()));
        assert!(is_sentence_start("Hello", 0));
    }

    #[test]
    fn noun_phrase_ends_before_function_words_and_punctuation() {
        let t = "at hotel reception and at hotel in Paris, to cinema";
        let first = t.find("hotel").unwrap() + 5;
        assert!(!ends_noun_phrase(t, first));
        let second = t.rfind("hotel").unwrap() + 5;
        assert!(ends_noun_phrase(t, second));
        assert!(ends_noun_phrase(t, t.find("Paris").unwrap() + 5));
        assert!(ends_noun_phrase(t, t.len()));
        assert!(!ends_noun_phrase("in city-wide", 7));
        assert!(!ends_noun_phrase("similar to article() and body()", 18));
    }
}

#[cfg(test)]
mod word_boundary_prefilter {
    use super::*;

    static FR: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)\b(?:est|sont)\s+sur\s+le\s+c[ôo]t[ée]\s+(?:de|du)\s+(\p{L}+)\b").unwrap()
    });
    static NEGATED: Pattern = Pattern::new(|| Regex::new(r"\Bété\b|\b[Ll]a (\w+)").unwrap());
    static ASCII_ONLY: Pattern =
        Pattern::new(|| Regex::new(r"(?i)(?-u:\b)in the nearest time(?-u:\b)").unwrap());

    /// The prefilter may say "maybe" where the regex finds nothing, never "no" where it
    /// finds something; and it does say "no" on French text that cannot match.
    #[test]
    fn never_rejects_a_text_the_regex_matches() {
        let mut texts: Vec<String> = [
            "Il est sur le côté de Kiev, c'était l'été",
            "Ils sont  sur le cote du peuple",
            "Macron estsur le côté de",
            "L'été, la guerre: éTÉ été_x a·été",
            "déjà est sur le côté dexx",
            "Rien à voir ici, vraiment rien — même pas un mot",
            "la",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.extend(
            include_str!("../../data/samples/posts.txt")
                .lines()
                .map(String::from),
        );
        let (mut rejected, mut matched) = (0, 0);
        for text in &texts {
            for re in [&FR, &NEGATED] {
                if re.is_match(text) {
                    matched += 1;
                    assert!(re.may_match(text), "{} on {text:?}", re.as_str());
                } else if !re.may_match(text) {
                    rejected += 1;
                }
            }
        }
        assert!(
            matched >= 4 && rejected >= 5,
            "{matched} matched, {rejected} rejected"
        );
    }

    #[test]
    fn only_unicode_word_boundaries_are_removed() {
        assert!(without_unicode_word_boundaries(FR.as_str()).is_some());
        assert!(without_unicode_word_boundaries(ASCII_ONLY.as_str()).is_none());
        assert!(without_unicode_word_boundaries(r"\p{L}+ sur").is_none());
        let boundless = without_unicode_word_boundaries(r"\bété\b").unwrap();
        // The boundaries are gone, nothing else is.
        assert!(boundless.is_match("xétéx"));
        assert!(!boundless.is_match("ete"));
    }
}
