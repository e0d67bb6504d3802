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
    origin: Vec<u32>,
}

impl Normalized {
    /// Map a span of the normalized text back to the original text it came from.
    pub fn to_original(&self, span: Span, original: &str) -> Span {
        if self.text.is_empty() || span.start >= span.end {
            return Span::new(0, 0);
        }
        let start = self.origin[span.start.min(self.origin.len() - 1)] as usize;
        let last = self.origin[(span.end - 1).min(self.origin.len() - 1)] as usize;
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
pub fn normalize(original: &str) -> Normalized {
    if original.is_ascii() && count_isolated_ascii_letters(original) < DOTTED_MIN_LETTERS {
        return normalize_plain_ascii(original);
    }
    let mut chars: Vec<(char, u32)> = Vec::with_capacity(original.len());
    if original.is_ascii() {
        // Nothing to decompose, strip or fold: lowercase and collapse space only.
        for (i, b) in original.bytes().enumerate() {
            push_collapsing_space(&mut chars, (b as char).to_ascii_lowercase(), i as u32);
        }
    } else {
        fold_unicode(original, &mut chars);
    }
    join_spaced_letters(&mut chars);
    let mut out = Normalized {
        text: String::with_capacity(original.len()),
        origin: Vec::with_capacity(original.len()),
    };
    for (c, at) in chars {
        out.text.push(c);
        for _ in 0..c.len_utf8() {
            out.origin.push(at);
        }
    }
    out
}

/// Fewest single letters that `join_spaced_letters` joins ("v e r i f y")…
const SPACED_MIN_LETTERS: usize = 4;
/// …and fewest when every separator is a dot ("B.B.C.").
const DOTTED_MIN_LETTERS: usize = 3;

/// Letters with no letter or digit on either side; a spaced-out word needs at least
/// [`DOTTED_MIN_LETTERS`] of them, so below that the joining step has nothing to do.
fn count_isolated_ascii_letters(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| {
            b[i].is_ascii_alphabetic()
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                && (i + 1 == b.len() || !b[i + 1].is_ascii_alphanumeric())
        })
        .count()
}

/// The common case, built directly: ASCII text with no spaced-out word only needs lowercasing
/// and white space collapsed (same result as the general path, which a test checks).
fn normalize_plain_ascii(original: &str) -> Normalized {
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
    Normalized { text, origin }
}

fn fold_unicode(original: &str, chars: &mut Vec<(char, u32)>) {
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

fn push_collapsing_space(chars: &mut Vec<(char, u32)>, c: char, at: u32) {
    if c.is_whitespace() {
        if matches!(chars.last(), Some((' ', _))) {
            return;
        }
        chars.push((' ', at));
    } else {
        chars.push((c, at));
    }
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

fn should_fold_word(word: &str, latin_dominant: bool) -> bool {
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
    has_other && (has_latin || (latin_dominant && all_lookalike))
}

/// Split `text` into alternating runs of word characters and other characters, with their
/// byte offsets. Invisible characters count as word characters so that a zero-width space
/// inside a word does not split it.
fn words_and_gaps(text: &str) -> impl Iterator<Item = (usize, &str)> {
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
fn join_spaced_letters(chars: &mut Vec<(char, u32)>) {
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
        while j + 2 < n && is_sep(sep) && chars[j + 1].0 == sep && isolated_letter(j + 2, chars) {
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
    fn plain_ascii_shortcut_equals_the_general_path() {
        for text in [
            "Hello,   World!\t\nNew  line",
            "  leading and trailing  ",
            "I saw a cat and a dog",
            "CAN YOU VERIFY this BBC video? https://t.co/AbC",
            "",
            "\u{0B}vertical\u{0B}\u{0B}tab",
        ] {
            let fast = normalize_plain_ascii(text);
            let mut chars = Vec::new();
            for (i, b) in text.bytes().enumerate() {
                push_collapsing_space(&mut chars, (b as char).to_ascii_lowercase(), i as u32);
            }
            join_spaced_letters(&mut chars);
            let slow: String = chars.iter().map(|(c, _)| *c).collect();
            let slow_origin: Vec<u32> = chars.iter().map(|(_, at)| *at).collect();
            assert_eq!(fast.text, slow, "{text:?}");
            assert_eq!(fast.origin, slow_origin, "{text:?}");
        }
        // With four isolated letters the general path runs and joins them.
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
}
