//! The matching view of an item's text.
//!
//! Campaign phrases and regexes run on a *normalized* copy of the text so that case, accents,
//! compatibility forms, zero-width characters, Cyrillic/Greek look-alike letters and
//! s p a c e d letters do not evade them. Every byte of the normalized text remembers which
//! character of the original produced it, so spans found here are reported on the original.

use crate::record::Span;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalized text plus, for each of its bytes, the byte offset of the original character it
/// came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    /// Empty when byte `i` of `text` came from byte `i` of the original (ASCII text that
    /// normalization only lowercased): most texts, which then need no map.
    origin: Vec<u32>,
}

impl Normalized {
    /// Byte offset in the original of the character that produced byte `i` (clamped to the
    /// text); the text is not empty.
    fn origin_of(&self, i: usize) -> usize {
        let i = i.min(self.text.len() - 1);
        if self.origin.is_empty() {
            i
        } else {
            self.origin[i] as usize
        }
    }

    /// Map a span of the normalized text back to the original text it came from.
    pub fn to_original(&self, span: Span, original: &str) -> Span {
        if self.text.is_empty() || span.start >= span.end {
            return Span::new(0, 0);
        }
        let start = self.origin_of(span.start);
        let last = self.origin_of(span.end - 1);
        let end = last + original[last..].chars().next().map_or(0, char::len_utf8);
        Span::new(start, end.max(start))
    }
}

/// Characters that render as nothing and are used to split words invisibly.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}')
}

/// Latin letter that a Cyrillic or Greek letter is visually confused with (lowercase), if any.
pub fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic
        'а' | 'А' => 'a',
        'в' | 'В' => 'b',
        'с' | 'С' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ё' | 'Ё' => 'e',
        'һ' | 'Һ' | 'н' | 'Н' => 'h',
        'і' | 'І' | 'ї' | 'Ї' | 'ӏ' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' => 'k',
        'м' | 'М' => 'm',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'ԛ' => 'q',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' => 't',
        'у' | 'У' => 'y',
        'х' | 'Х' => 'x',
        'ԝ' | 'Ԝ' => 'w',
        // Greek
        'α' | 'Α' => 'a',
        'β' | 'Β' => 'b',
        'ε' | 'Ε' => 'e',
        'η' | 'Η' => 'h',
        'ι' | 'Ι' => 'i',
        'κ' | 'Κ' => 'k',
        'μ' | 'Μ' => 'm',
        'ν' | 'Ν' => 'n',
        'ο' | 'Ο' => 'o',
        'ρ' | 'Ρ' => 'p',
        'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'u',
        'χ' | 'Χ' => 'x',
        'ζ' | 'Ζ' => 'z',
        _ => return None,
    })
}

fn is_cyrillic_or_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

fn fold_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// Build the matching view of `original`.
///
/// Steps, per character: drop invisible characters; compatibility-decompose (NFKD) and drop
/// combining marks (accents); fold quotes and dashes; lowercase; inside a word that mixes
/// Latin with Cyrillic/Greek letters — or in a wholly look-alike word when the text is mostly
/// Latin — replace look-alikes with their Latin letter; collapse runs of white space to one
/// space. Finally, runs of four or more single letters separated by one space, dot or hyphen
/// ("v e r i f y"), or of three or more separated by dots ("B.B.C."), are joined.
///
/// Runs once per item on millions of items, so it writes the output directly: ASCII bytes are
/// copied (lowercased), and each other character's folded form comes from a table built once.
pub fn normalize(original: &str) -> Normalized {
    if original.is_ascii() {
        let text: Vec<u8> = original.bytes().map(fold_ascii).collect();
        if !has_double_space(&text) && !may_have_spaced_word(&text) {
            // Byte for byte as the original: no offset map to build.
            return Normalized {
                text: String::from_utf8(text).expect("ASCII folds to ASCII"),
                origin: Vec::new(),
            };
        }
    }
    let mut out = Builder::with_capacity(original.len());
    if original.is_ascii() {
        out.push_ascii_run(original.as_bytes(), 0);
    } else {
        fold_unicode(original, &mut out);
    }
    let maybe_spaced = may_have_spaced_word(&out.text);
    let mut normalized = Normalized {
        // Only whole characters were pushed, so this cannot fail.
        text: String::from_utf8(out.text).expect("normalized text is built from whole characters"),
        origin: out.origin,
    };
    if maybe_spaced {
        join_spaced_letters(&mut normalized);
    }
    normalized
}

/// ASCII byte as pushed: lowercase, white space as a space (branch-free, to vectorize).
#[inline(always)]
fn fold_ascii(b: u8) -> u8 {
    let lower = b | (u8::from(b.wrapping_sub(b'A') < 26) << 5);
    if b.wrapping_sub(b'\t') < 5 {
        b' '
    } else {
        lower
    }
}

/// Whether two spaces meet in `bytes` (an OR over all pairs, which vectorizes).
fn has_double_space(bytes: &[u8]) -> bool {
    let pairs = bytes.iter().zip(bytes.iter().skip(1));
    pairs.fold(0u8, |any, (&a, &b)| {
        any | (u8::from(a == b' ') & u8::from(b == b' '))
    }) != 0
}

/// The matching view under construction: UTF-8 bytes, each with its origin.
struct Builder {
    text: Vec<u8>,
    origin: Vec<u32>,
}

impl Builder {
    fn with_capacity(original_len: usize) -> Self {
        // Folding rarely lengthens text (ligatures, "…"); a little slack avoids most regrowth.
        let capacity = original_len + original_len / 8;
        Builder {
            text: Vec::with_capacity(capacity),
            origin: Vec::with_capacity(capacity),
        }
    }

    /// ASCII bytes starting at byte `offset` of the original: lowercased, white space as one
    /// space collapsed with the one before.
    #[inline(always)]
    fn push_ascii_run(&mut self, run: &[u8], offset: usize) {
        // Straight copies the compiler vectorizes, then a fix-up pass only when two spaces
        // meet (a minority of texts): this loop sees most of the bytes.
        let start = self.text.len();
        self.text.extend(run.iter().map(|&b| fold_ascii(b)));
        self.origin
            .extend((offset..offset + run.len()).map(|at| at as u32));
        if has_double_space(&self.text[start.saturating_sub(1)..]) {
            self.collapse_spaces_from(start);
        }
    }

    /// Drop each space of `text[start..]` that follows a space.
    fn collapse_spaces_from(&mut self, start: usize) {
        let (text, origin) = (&mut self.text[..], &mut self.origin[..]);
        // Nothing moves before the first pair of spaces.
        let Some(first) =
            (start.max(1)..text.len()).find(|&i| text[i - 1] == b' ' && text[i] == b' ')
        else {
            return;
        };
        let mut after_space = true;
        let mut len = first;
        for read in first..text.len() {
            let byte = text[read];
            let space = byte == b' ';
            text[len] = byte;
            origin[len] = origin[read];
            len += usize::from(!(space && after_space));
            after_space = space;
        }
        self.text.truncate(len);
        self.origin.truncate(len);
    }

    /// A character produced by the character at `at`; never white space.
    #[inline]
    fn push_char(&mut self, c: char, at: u32) {
        let len = c.len_utf8();
        self.text
            .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        self.origin.resize(self.origin.len() + len, at);
    }

    /// An already folded piece (see [`fold_char`]) produced by the character at `at`.
    #[inline]
    fn push_folded(&mut self, folded: &str, at: u32) {
        if !folded.as_bytes().contains(&b' ') {
            self.text.extend_from_slice(folded.as_bytes());
            self.origin.resize(self.origin.len() + folded.len(), at);
            return;
        }
        for c in folded.chars() {
            if c == ' ' && self.text.last() == Some(&b' ') {
                continue;
            }
            self.push_char(c, at);
        }
    }
}

/// Whether the normalized bytes may hold a spaced-out word: every run that
/// `join_spaced_letters` joins starts with an isolated letter, a separator, a letter and the
/// same separator. Exact for ASCII, bytes beyond ASCII taken as letters; branch-free over
/// all windows of five bytes so that it vectorizes, and most texts stop here.
fn may_have_spaced_word(t: &[u8]) -> bool {
    if t.len() < 4 {
        return false;
    }
    // `before`, `letter`, `sep`, `middle`, `after`: bytes at i-2 ..= i+2. A character beyond
    // ASCII has a lead byte >= 0xC0 and ends with a byte >= 0x80.
    let window = |before: u8, letter: u8, sep: u8, middle: u8, after: u8| -> u8 {
        let is_sep = u8::from(sep == b' ')
            | u8::from(sep == b'.')
            | u8::from(sep == b'-')
            | u8::from(sep == b'_');
        let wide_middle = u8::from(middle >= 0xC0);
        let letter_ok =
            u8::from((letter | 0x20).wrapping_sub(b'a') < 26) | u8::from(letter >= 0x80);
        let before_ok = u8::from(letter >= 0x80) | u8::from(!before.is_ascii_alphanumeric());
        let middle_ok = u8::from((middle | 0x20).wrapping_sub(b'a') < 26) | wide_middle;
        is_sep & (u8::from(after == sep) | wide_middle) & letter_ok & before_ok & middle_ok
    };
    // The text's first letter has nothing before it.
    let at_start = window(b' ', t[0], t[1], t[2], t[3]);
    let windows = t.iter().zip(&t[1..]).zip(&t[2..]).zip(&t[3..]).zip(&t[4..]);
    let inside = windows.fold(0u8, |any, ((((&b, &l), &s), &m), &a)| {
        any | window(b, l, s, m, a)
    });
    (at_start | inside) != 0
}

/// Fewest single letters that `join_spaced_letters` joins ("v e r i f y")…
const SPACED_MIN_LETTERS: usize = 4;
/// …and fewest when every separator is a dot ("B.B.C.").
const DOTTED_MIN_LETTERS: usize = 3;

fn fold_unicode(original: &str, out: &mut Builder) {
    let table = fold_table();
    let mut words = LookalikeWords::new(original);
    let mut scratch = String::new();
    let bytes = original.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Copy the ASCII run up to the next other character.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        out.push_ascii_run(&bytes[i..i + run], i);
        i += run;
        let Some(c) = original[i..].chars().next() else {
            break;
        };
        let at = i as u32;
        i += c.len_utf8();
        if LOOKALIKE_RANGE.contains(&c) {
            if let Some(latin) = latin_lookalike(c) {
                if words.folds_word_at(at as usize) {
                    out.push_char(latin, at);
                    continue;
                }
            }
        }
        if let Some(folded) = table.get(c) {
            out.push_folded(folded, at);
        } else if IDENTITY_SUPPLEMENTARY.iter().any(|r| r.contains(&c)) {
            out.push_char(c, at);
        } else {
            scratch.clear();
            fold_char(c, &mut scratch);
            out.push_folded(&scratch, at);
        }
    }
}

/// Every character [`latin_lookalike`] maps lies in this range (a test checks all of Unicode).
const LOOKALIKE_RANGE: std::ops::RangeInclusive<char> = '\u{0370}'..='\u{052F}';

/// Blocks beyond the Basic Multilingual Plane (emoji, pictographs) whose characters fold to
/// themselves: no decomposition, not a mark, no case (a test checks every one of them).
const IDENTITY_SUPPLEMENTARY: [std::ops::RangeInclusive<char>; 2] =
    ['\u{1F300}'..='\u{1F5FF}', '\u{1F600}'..='\u{1FAFF}'];

/// What a non-ASCII character becomes when it is not folded as a look-alike: nothing if
/// invisible, else its NFKD decomposition without combining marks or invisible characters,
/// quotes and dashes folded, lowercased, white space as `' '` (collapsed when pushed).
fn fold_char(c: char, folded: &mut String) {
    if is_invisible(c) {
        return;
    }
    for d in c.nfkd() {
        if is_combining_mark(d) || is_invisible(d) {
            continue;
        }
        for l in fold_punctuation(d).to_lowercase() {
            folded.push(if l.is_whitespace() { ' ' } else { l });
        }
    }
}

/// [`fold_char`] of every non-ASCII character of the Basic Multilingual Plane, computed once:
/// the decomposition and case lookups are the cost of normalizing non-English text.
struct FoldTable {
    /// `folded[starts[cp]..starts[cp + 1]]` is the folded form of code point `cp`.
    starts: Vec<u32>,
    folded: String,
}

impl FoldTable {
    const LIMIT: u32 = 0x1_0000;

    fn build() -> FoldTable {
        let mut starts = Vec::with_capacity(Self::LIMIT as usize + 1);
        let mut folded = String::new();
        for cp in 0..Self::LIMIT {
            starts.push(folded.len() as u32);
            if let Some(c) = char::from_u32(cp).filter(|c| !c.is_ascii()) {
                fold_char(c, &mut folded);
            }
        }
        starts.push(folded.len() as u32);
        FoldTable { starts, folded }
    }

    #[inline]
    fn get(&self, c: char) -> Option<&str> {
        let cp = c as usize;
        let end = *self.starts.get(cp + 1)? as usize;
        Some(&self.folded[self.starts[cp] as usize..end])
    }
}

fn fold_table() -> &'static FoldTable {
    static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(FoldTable::build)
}

/// Decides, once per word, whether the look-alikes of a word are folded; only words that
/// contain a look-alike are ever examined.
struct LookalikeWords<'a> {
    text: &'a str,
    latin_dominant: Option<bool>,
    /// End of the last word examined and whether it folds.
    last_word: Option<(usize, bool)>,
}

impl<'a> LookalikeWords<'a> {
    fn new(text: &'a str) -> Self {
        LookalikeWords {
            text,
            latin_dominant: None,
            last_word: None,
        }
    }

    /// Whether the word containing byte `at` folds its look-alikes; `at` only increases
    /// from call to call.
    fn folds_word_at(&mut self, at: usize) -> bool {
        if let Some((end, folds)) = self.last_word {
            if at < end {
                return folds;
            }
        }
        let text = self.text;
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(i, _)| at + i);
        let (has_latin, has_other, all_lookalike) = word_scripts(&text[start..end]);
        let folds = has_other
            && (has_latin
                || (all_lookalike
                    && *self
                        .latin_dominant
                        .get_or_insert_with(|| latin_dominant(text))));
        self.last_word = Some((end, folds));
        folds
    }
}

/// Word characters: a zero-width character or an accent inside a word does not split it.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_invisible(c) || is_combining_mark(c)
}

fn latin_dominant(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else if is_cyrillic_or_greek(c) {
            other += 1;
        }
    }
    latin > other
}

/// Whether `word` has Latin letters, Cyrillic/Greek letters, and whether all of the latter
/// are look-alikes.
fn word_scripts(word: &str) -> (bool, bool, bool) {
    let mut has_latin = false;
    let mut has_other = false;
    let mut all_lookalike = true;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii_alphabetic() {
            has_latin = true;
        } else if is_cyrillic_or_greek(c) {
            has_other = true;
            if latin_lookalike(c).is_none() {
                all_lookalike = false;
            }
        }
    }
    (has_latin, has_other, all_lookalike)
}

fn is_spaced_letter_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '_')
}

/// Whether `text` has three isolated letters separated twice by the same separator, which any
/// run that `join_spaced_letters` joins starts with. Cheap, so most texts stop here.
fn has_spaced_letter_triple(text: &str) -> bool {
    let bytes = text.as_bytes();
    let isolated_outer = |letter: Option<char>, beyond: Option<char>| {
        letter.is_some_and(char::is_alphabetic) && !beyond.is_some_and(char::is_alphanumeric)
    };
    for (p, &sep) in bytes.iter().enumerate() {
        if p == 0 || !is_spaced_letter_separator(sep as char) {
            continue;
        }
        // Separator bytes are ASCII, so every offset below is a character boundary.
        let Some(middle) = text[p + 1..].chars().next() else {
            return false;
        };
        let q = p + 1 + middle.len_utf8();
        if bytes.get(q) != Some(&sep) || !middle.is_alphabetic() {
            continue;
        }
        let mut before = text[..p].chars().rev();
        let mut after = text[q + 1..].chars();
        if isolated_outer(before.next(), before.next())
            && isolated_outer(after.next(), after.next())
        {
            return true;
        }
    }
    false
}

/// Join "v e r i f y" / "v.e.r.i.f.y" into "verify" when at least four single letters are
/// separated by single separators.
fn join_spaced_letters(out: &mut Normalized) {
    if !has_spaced_letter_triple(&out.text) {
        return;
    }
    let chars: Vec<(usize, char)> = out.text.char_indices().collect();
    let n = chars.len();
    let isolated_letter = |i: usize| {
        chars[i].1.is_alphabetic()
            && (i == 0 || !chars[i - 1].1.is_alphanumeric())
            && (i + 1 == n || !chars[i + 1].1.is_alphanumeric())
    };
    // Byte offsets of the separators to drop, in order.
    let mut drop: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < n {
        if !isolated_letter(i) {
            i += 1;
            continue;
        }
        // Extend the run with one and the same separator: "a B.B.C." is "a" then "B.B.C.".
        let mut j = i;
        let mut letters = 1;
        let sep = if j + 1 < n { chars[j + 1].1 } else { ' ' };
        while j + 2 < n
            && is_spaced_letter_separator(sep)
            && chars[j + 1].1 == sep
            && isolated_letter(j + 2)
        {
            j += 2;
            letters += 1;
        }
        // Dotted acronyms join from three letters ("B.B.C." → "bbc"), other runs from four.
        if letters >= SPACED_MIN_LETTERS || (sep == '.' && letters >= DOTTED_MIN_LETTERS) {
            drop.extend((i + 1..j).step_by(2).map(|k| chars[k].0));
            i = j + 1;
        } else {
            // Too short: its last letters may start a run with another separator.
            i += 1;
        }
    }
    if drop.is_empty() {
        return;
    }
    // Separators are one byte each, so dropping them keeps text and origin aligned.
    let mut next = drop.iter().copied().peekable();
    let mut kept = String::with_capacity(out.text.len());
    let mut origin = Vec::with_capacity(out.origin.len());
    for (at, c) in out.text.char_indices() {
        if next.peek() == Some(&at) {
            next.next();
            continue;
        }
        kept.push(c);
        origin.extend_from_slice(&out.origin[at..at + c.len_utf8()]);
    }
    out.text = kept;
    out.origin = origin;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn lowercases_strips_accents_and_compat_forms() {
        assert_eq!(norm("Pouvez-Vous VÉRIFIER"), "pouvez-vous verifier");
        assert_eq!(norm("ｆｕｌｌｗｉｄｔｈ ﬁle"), "fullwidth file");
    }

    #[test]
    fn removes_zero_width_and_collapses_space() {
        assert_eq!(norm("ve\u{200B}rify  this\u{00A0} now"), "verify this now");
    }

    #[test]
    fn folds_lookalikes_inside_latin_words_only() {
        // Cyrillic 'е' and 'о' inside Latin words.
        assert_eq!(norm("Zеlеnsky yacht"), "zelensky yacht");
        // A whole look-alike word in Latin text ("ВВС" in Cyrillic).
        assert_eq!(norm("new ВВС video"), "new bbc video");
        // Russian text stays Russian.
        assert_eq!(
            norm("Специальная военная операция"),
            "специальная военная операция"
        );
    }

    #[test]
    fn joins_spaced_letters() {
        assert_eq!(norm("please v e r i f y this"), "please verify this");
        assert_eq!(norm("B.B.C.N.E.W.S"), "bbcnews");
        assert_eq!(norm("a B.B.C. video"), "a bbc. video");
        assert_eq!(norm("the U.S. and a b c"), "the u.s. and a b c");
        // Three letters are not enough: ordinary text keeps its spaces.
        assert_eq!(norm("a b c"), "a b c");
        assert_eq!(norm("I saw a cat"), "i saw a cat");
    }

    #[test]
    fn plain_ascii_equals_the_reference() {
        for text in [
            "Hello,   World!\t\nNew  line",
            "  leading and trailing  ",
            "I saw a cat and a dog",
            "CAN YOU VERIFY this BBC video? https://t.co/AbC",
            "",
            "\u{0B}vertical\u{0B}\u{0B}tab",
        ] {
            assert_same_as_reference(text);
        }
        // With four isolated letters the spaced word is joined.
        assert_eq!(norm("check v e r i f y now"), "check verify now");
    }

    #[test]
    fn maps_spans_back_to_original() {
        let original = "Ça   VÉRIFIE\u{200B}R «ok»";
        let n = normalize(original);
        let at = n.text.find("verifier").unwrap();
        let span = n.to_original(Span::new(at, at + "verifier".len()), original);
        assert_eq!(span.slice(original), "VÉRIFIE\u{200B}R");
    }

    /// Text and offsets identical to the reference implementation.
    fn assert_same_as_reference(text: &str) {
        let fast = normalize(text);
        let (text_ref, origin_ref) = reference::normalize(text);
        assert_eq!(fast.text, text_ref, "text of {text:?}");
        let origin: Vec<u32> = (0..fast.text.len())
            .map(|i| fast.origin_of(i) as u32)
            .collect();
        assert_eq!(origin, origin_ref, "origin of {text:?}");
    }

    #[test]
    fn equals_the_reference_on_hand_picked_text() {
        for text in test_inputs::HAND_PICKED {
            assert_same_as_reference(text);
        }
    }

    #[test]
    fn equals_the_reference_on_samples_and_fixtures() {
        for text in test_inputs::samples_and_fixtures() {
            assert_same_as_reference(&text);
        }
    }

    #[test]
    fn equals_the_reference_on_generated_text() {
        for text in test_inputs::generated(20_000) {
            assert_same_as_reference(&text);
        }
    }

    #[test]
    fn equals_the_reference_on_every_character() {
        for c in test_inputs::every_character() {
            assert_same_as_reference(&format!("{c}"));
            assert_same_as_reference(&format!("Ab{c}d {c}{c}\u{A0}"));
            assert_same_as_reference(&format!("{c}о {c}e"));
        }
        for b in 0..=0x7Fu8 {
            let c = b as char;
            assert_same_as_reference(&format!("{c}x{c}{c} {c}y"));
        }
    }

    #[test]
    fn lookalikes_lie_in_the_range_the_fast_path_checks() {
        for c in ('\0'..=char::MAX).filter(|c| !c.is_ascii()) {
            if latin_lookalike(c).is_some() {
                assert!(LOOKALIKE_RANGE.contains(&c), "{c:?}");
            }
        }
    }
}

/// Inputs shared by the tests that compare the fast paths with their reference
/// implementations (here and in `script`).
#[cfg(test)]
pub(crate) mod test_inputs {
    /// Short texts aimed at each rule.
    pub(crate) const HAND_PICKED: &[&str] = &[
        "Pouvez-Vous VÉRIFIER",
        "ｆｕｌｌｗｉｄｔｈ ﬁle",
        "ve\u{200B}rify  this\u{00A0} now",
        "Zеlеnsky yacht",
        "new ВВС video",
        "Специальная военная операция",
        "please v e r i f y this",
        "B.B.C.N.E.W.S",
        "a B.B.C. video",
        "the U.S. and a b c",
        "a b c",
        "I saw a cat",
        "Ça   VÉRIFIE\u{200B}R «ok»",
        "Ce\u{301}sar a\u{308}b",
        "\u{301}\u{301}leading marks",
        "В.В.С. news and А.Б.В.Г",
        "д а в а й",
        "x … y…z",
        "a…b…c…d",
        "İstanbul ǅemal ß ﬃ ½ ㎏ ﷺ ¨ ´",
        "tab\t\u{0B}\u{0C}\r\nend \u{85} \u{2028} \u{3000}",
        "мир peace mіr",
        "ѕсаm alert: рау now",
        "Ζeus Ολυμπος οκ",
        "👍🏽 ❤️ 🇫🇷 😀😀 \u{1F100} 🄰",
        "\u{FEFF}\u{200D}\u{FE0F}",
        "‘quoted’ “double” „low“ ‐‑‒–—― −5",
        "中文 한국어 العربية עברית",
        "a.b.c. a-b-c-d a_b_c_d a.b-c.d",
        "v\u{200B} e r i f y",
        "é é é é",
        "ﬁ ﬁ ﬁ ﬁ",
        "",
        " ",
        "\u{A0}",
    ];

    /// Every line of the bundled sample posts and of every test fixture, and each file whole.
    pub(crate) fn samples_and_fixtures() -> Vec<String> {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut files = vec![std::path::PathBuf::from(format!(
            "{root}/data/samples/posts.txt"
        ))];
        let mut dirs = vec![std::path::PathBuf::from(format!("{root}/tests/fixtures"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        let mut texts = Vec::new();
        for file in files {
            let content = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
            texts.extend(content.lines().map(str::to_string));
            texts.push(content);
        }
        assert!(texts.len() > 100, "only {} texts read", texts.len());
        texts
    }

    /// Pieces that exercise every branch: ASCII of all kinds, accents precomposed and
    /// combining, look-alikes, zero-width characters, compatibility forms, quotes, dashes,
    /// white space, emoji, other scripts and spaced-out letters.
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "a", "b", "c", "e", "o", "p", "x", "y", "I", "A", "B", "C", "Z", "verify", "the", "BBC",
        "Zelensky", "0", "7", "42", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}",
        ".", ".", "-", "-", "_", ",", "!", "?", "'", "\"", "`", "#", "@", "/", ":", "é", "É", "è",
        "ç", "ñ", "Å", "ï", "ô", "ß", "İ", "ǅ", "e\u{301}", "a\u{308}", "\u{301}", "\u{308}",
        "\u{327}", "а", "е", "о", "с", "р", "у", "х", "і", "ј", "ԁ", "ѕ", "А", "В", "С", "Е", "Н",
        "К", "М", "О", "Р", "Т", "ё", "д", "ж", "и", "й", "л", "я", "Ж", "ы", "α", "ο", "ν", "κ",
        "Α", "Β", "Ε", "Ζ", "λ", "Ω", "ά", "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}",
        "\u{AD}", "\u{2060}", "\u{FE0F}", "\u{34F}", "ﬁ", "ﬂ", "ﬃ", "Ａ", "ｂ", "１", "\u{3000}",
        "\u{A0}", "\u{2009}", "\u{202F}", "\u{85}", "\u{2028}", "‘", "’", "“", "”", "„", "«", "»",
        "´", "′", "″", "‐", "–", "—", "―", "−", "…", "…", "¨", "½", "²", "㎏", "™", "ﷺ", "😀", "👍",
        "🏽", "❤", "🇫", "🇷", "\u{1F100}", "🄰", "🤔", "𝐀", "𝔞", "中", "한", "ا", "ל", "\u{FFFD}",
        "v e r i f y", "B.B.C.", "a.b.c", "x-y-z-w", "q_r_s_t", "в е р и", "U.S.", "é t é s",
    ];

    /// `count` texts of up to 40 pieces, drawn by a fixed-seed xorshift64 generator.
    pub(crate) fn generated(count: usize) -> Vec<String> {
        from_pieces(PIECES, 0x9E37_79B9_7F4A_7C15, count, 0..40)
    }

    /// `count` texts, each of a number of `pieces` drawn from `lengths`, picked by a
    /// xorshift64 generator seeded with `seed` (synthetic, the same on every run).
    pub(crate) fn from_pieces(
        pieces: &[&str],
        seed: u64,
        count: usize,
        lengths: std::ops::Range<usize>,
    ) -> Vec<String> {
        let mut state = seed;
        let mut next = move |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        (0..count)
            .map(|_| {
                let len = lengths.start + next(lengths.len());
                (0..len).map(|_| pieces[next(pieces.len())]).collect()
            })
            .collect()
    }

    /// Every non-ASCII character of the Basic Multilingual Plane, the supplementary blocks
    /// `normalize` takes as identity, and a sample of the rest.
    pub(crate) fn every_character() -> impl Iterator<Item = char> {
        let identity = super::IDENTITY_SUPPLEMENTARY.iter().flat_map(|r| r.clone());
        ('\u{80}'..='\u{FFFF}')
            .chain(identity)
            .chain(('\u{10000}'..='\u{10FFFF}').step_by(61))
    }
}

/// The implementation before the byte-level rewrite, kept verbatim (helpers included) as the
/// oracle that the fast path must match byte for byte, offsets included.
#[cfg(test)]
mod reference {
    // The character tables and script tests are shared with the fast path: they did not
    // change in the rewrite.
    use super::{fold_punctuation, is_invisible, latin_dominant, latin_lookalike, word_scripts};
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    pub(super) fn normalize(original: &str) -> (String, Vec<u32>) {
        if original.is_ascii() && count_isolated_ascii_letters(original) < DOTTED_MIN_LETTERS {
            return normalize_plain_ascii(original);
        }
        let mut chars: Vec<(char, u32)> = Vec::with_capacity(original.len());
        if original.is_ascii() {
            for (i, b) in original.bytes().enumerate() {
                push_collapsing_space(&mut chars, (b as char).to_ascii_lowercase(), i as u32);
            }
        } else {
            fold_unicode(original, &mut chars);
        }
        join_spaced_letters(&mut chars);
        let mut text = String::new();
        let mut origin = Vec::new();
        for (c, at) in chars {
            text.push(c);
            for _ in 0..c.len_utf8() {
                origin.push(at);
            }
        }
        (text, origin)
    }

    pub(super) fn normalize_plain_ascii(original: &str) -> (String, Vec<u32>) {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, b) in original.bytes().enumerate() {
            let c = (b as char).to_ascii_lowercase();
            if c.is_whitespace() {
                if text.ends_with(' ') {
                    continue;
                }
                text.push(' ');
            } else {
                text.push(c);
            }
            origin.push(i as u32);
        }
        (text, origin)
    }

    /// Fewest single letters that `join_spaced_letters` joins ("v e r i f y")…
    const SPACED_MIN_LETTERS: usize = 4;
    /// …and fewest when every separator is a dot ("B.B.C.").
    const DOTTED_MIN_LETTERS: usize = 3;

    /// Letters with no letter or digit on either side; a spaced-out word needs at least
    /// [`DOTTED_MIN_LETTERS`] of them, so below that the joining step has nothing to do.
    pub(super) fn count_isolated_ascii_letters(text: &str) -> usize {
        let b = text.as_bytes();
        (0..b.len())
            .filter(|&i| {
                b[i].is_ascii_alphabetic()
                    && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    && (i + 1 == b.len() || !b[i + 1].is_ascii_alphanumeric())
            })
            .count()
    }

    pub(super) fn fold_unicode(original: &str, chars: &mut Vec<(char, u32)>) {
        let latin_dominant = latin_dominant(original);
        for (word_start, word) in words_and_gaps(original) {
            let fold_lookalikes = should_fold_word(word, latin_dominant);
            for (i, c) in word.char_indices() {
                let at = (word_start + i) as u32;
                if is_invisible(c) {
                    continue;
                }
                if fold_lookalikes {
                    if let Some(l) = latin_lookalike(c) {
                        chars.push((l, at));
                        continue;
                    }
                }
                if c.is_ascii() {
                    push_collapsing_space(chars, c.to_ascii_lowercase(), at);
                    continue;
                }
                for d in c.nfkd() {
                    if is_combining_mark(d) || is_invisible(d) {
                        continue;
                    }
                    let d = fold_punctuation(d);
                    for l in d.to_lowercase() {
                        push_collapsing_space(chars, l, at);
                    }
                }
            }
        }
    }

    pub(super) fn push_collapsing_space(chars: &mut Vec<(char, u32)>, c: char, at: u32) {
        if c.is_whitespace() {
            if matches!(chars.last(), Some((' ', _))) {
                return;
            }
            chars.push((' ', at));
        } else {
            chars.push((c, at));
        }
    }

    pub(super) fn should_fold_word(word: &str, latin_dominant: bool) -> bool {
        let (has_latin, has_other, all_lookalike) = word_scripts(word);
        has_other && (has_latin || (latin_dominant && all_lookalike))
    }

    /// Split `text` into alternating runs of word characters and other characters, with their
    /// byte offsets. Invisible characters count as word characters so that a zero-width space
    /// inside a word does not split it.
    pub(super) fn words_and_gaps(text: &str) -> impl Iterator<Item = (usize, &str)> {
        let mut rest = text;
        let mut offset = 0;
        std::iter::from_fn(move || {
            let mut chars = rest.char_indices();
            let (_, first) = chars.next()?;
            let is_word = |c: char| c.is_alphanumeric() || is_invisible(c) || is_combining_mark(c);
            let kind = is_word(first);
            let end = chars
                .find(|&(_, c)| is_word(c) != kind)
                .map_or(rest.len(), |(i, _)| i);
            let piece = (offset, &rest[..end]);
            rest = &rest[end..];
            offset += end;
            Some(piece)
        })
    }

    /// Join "v e r i f y" / "v.e.r.i.f.y" into "verify" when at least four single letters are
    /// separated by single separators.
    pub(super) fn join_spaced_letters(chars: &mut Vec<(char, u32)>) {
        const MIN_LETTERS: usize = SPACED_MIN_LETTERS;
        let is_sep = |c: char| c == ' ' || c == '.' || c == '-' || c == '_';
        let n = chars.len();
        let isolated_letter = |i: usize, chars: &[(char, u32)]| {
            chars[i].0.is_alphabetic()
                && (i == 0 || !chars[i - 1].0.is_alphanumeric())
                && (i + 1 == n || !chars[i + 1].0.is_alphanumeric())
        };
        // Separators to drop, in order; almost always none, so nothing is allocated.
        let mut drop: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < n {
            if !isolated_letter(i, chars) {
                i += 1;
                continue;
            }
            // Extend the run: letter (sep letter)*
            // Extend the run with one and the same separator: "a B.B.C." is "a" then "B.B.C.".
            let mut j = i;
            let mut letters = 1;
            let sep = if j + 1 < n { chars[j + 1].0 } else { ' ' };
            while j + 2 < n && is_sep(sep) && chars[j + 1].0 == sep && isolated_letter(j + 2, chars)
            {
                j += 2;
                letters += 1;
            }
            // Dotted acronyms join from three letters ("B.B.C." → "bbc"), other runs from four.
            if letters >= MIN_LETTERS || (sep == '.' && letters >= DOTTED_MIN_LETTERS) {
                drop.extend((i + 1..j).step_by(2));
                i = j + 1;
            } else {
                // Too short: its last letters may start a run with another separator.
                i += 1;
            }
        }
        if drop.is_empty() {
            return;
        }
        let mut idx = 0;
        let mut next = drop.iter().peekable();
        chars.retain(|_| {
            let keep = next.peek() != Some(&&idx);
            if !keep {
                next.next();
            }
            idx += 1;
            keep
        });
    }
}
