//! Script mixing: how much of an item is Cyrillic, and how many words mix Latin with
//! Cyrillic or Greek letters (the classic homoglyph trick, or a Russian keyboard left on).

use crate::record::Span;

/// Script measurements of one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScriptStats {
    /// Letters in the item.
    pub letters: usize,
    /// Cyrillic letters in the item.
    pub cyrillic: usize,
    /// Words that contain both Latin and Cyrillic (or Greek) letters.
    pub mixed_tokens: Vec<Span>,
}

impl ScriptStats {
    /// Share of letters that are Cyrillic, in [0, 1].
    pub fn cyrillic_share(&self) -> f64 {
        if self.letters == 0 {
            0.0
        } else {
            self.cyrillic as f64 / self.letters as f64
        }
    }
}

pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

pub fn is_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
}

/// Whether `text` holds a Cyrillic letter (see [`is_cyrillic`]).
pub fn has_cyrillic(text: &str) -> bool {
    any_char_led_by(text, is_cyrillic_lead, is_cyrillic)
}

/// Whether `text` holds a Cyrillic or Greek letter.
pub fn has_cyrillic_or_greek(text: &str) -> bool {
    any_char_led_by(
        text,
        |b| is_cyrillic_lead(b) || is_greek_lead(b),
        |c| is_cyrillic(c) || is_greek(c),
    )
}

/// First UTF-8 bytes of the characters [`is_cyrillic`] accepts.
fn is_cyrillic_lead(b: u8) -> bool {
    matches!(b, 0xD0..=0xD4 | 0xE1 | 0xE2 | 0xEA)
}

/// First UTF-8 bytes of the characters [`is_greek`] accepts.
fn is_greek_lead(b: u8) -> bool {
    matches!(b, 0xCD..=0xCF | 0xE1)
}

/// Whether a character of `text` satisfies `accept`, decoding only the characters whose first
/// UTF-8 byte satisfies `lead` (which must hold for every character `accept` takes, and only
/// for lead bytes of characters beyond ASCII, 0xC0 and up): most texts are rejected by a scan
/// that skips runs of ASCII whole, without decoding.
pub fn any_char_led_by(
    text: &str,
    lead: impl Fn(u8) -> bool,
    accept: impl Fn(char) -> bool,
) -> bool {
    debug_assert!(
        (0..0xC0).all(|b| !lead(b)),
        "lead accepts a byte that starts no character beyond ASCII"
    );
    const CHUNK: usize = 16;
    text.as_bytes()
        .chunks(CHUNK)
        .enumerate()
        .filter(|(_, chunk)| !chunk.is_ascii())
        .any(|(n, chunk)| {
            chunk.iter().enumerate().any(|(k, &b)| {
                // A lead byte (>= 0xC0) always starts a character, so this is a char boundary.
                lead(b) && text[n * CHUNK + k..].chars().next().is_some_and(&accept)
            })
        })
}

pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

/// Measure `text`.
///
/// Runs once per item on millions of items, mostly English or French: ASCII letters are
/// counted in one pass, then only the other characters are looked up, and a word is
/// examined for mixing only when it holds a Cyrillic or Greek letter.
pub fn measure(text: &str) -> ScriptStats {
    let bytes = text.as_bytes();
    let mut stats = ScriptStats {
        letters: bytes.iter().filter(|b| b.is_ascii_alphabetic()).count(),
        ..ScriptStats::default()
    };
    if text.is_ascii() {
        return stats;
    }
    // End of the last word examined for mixing.
    let mut examined_until = 0;
    // Only the first byte of a character beyond ASCII is at least 0xC0; chunks of ASCII are
    // skipped whole.
    let lead_bytes = bytes
        .chunks(16)
        .enumerate()
        .filter(|(_, chunk)| !chunk.is_ascii())
        .flat_map(|(n, chunk)| {
            let offset = n * 16;
            chunk
                .iter()
                .enumerate()
                .filter(|(_, &b)| b >= 0xC0)
                .map(move |(k, _)| offset + k)
        });
    for i in lead_bytes {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !c.is_alphabetic() {
            continue;
        }
        stats.letters += 1;
        let other = if is_latin_beyond_ascii(c) {
            false
        } else if is_cyrillic(c) {
            stats.cyrillic += 1;
            true
        } else {
            is_greek(c)
        };
        if other && i >= examined_until {
            let (word, has_latin) = word_around(text, i);
            examined_until = word.end;
            if has_latin {
                stats.mixed_tokens.push(word);
            }
        }
    }
    stats
}

/// `is_latin` for a letter beyond ASCII (the alphabetic lookup already done).
fn is_latin_beyond_ascii(letter: char) -> bool {
    matches!(letter, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Word characters: a zero-width character does not split a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || crate::normalize::is_invisible(c)
}

/// The word containing the letter at byte `at`, and whether it has a Latin letter.
fn word_around(text: &str, at: usize) -> (Span, bool) {
    let mut has_latin = false;
    let mut note = |c: char| {
        has_latin |= is_latin(c);
    };
    let mut start = at;
    for (i, c) in text[..at].char_indices().rev() {
        if !is_word_char(c) {
            break;
        }
        note(c);
        start = i;
    }
    let mut end = text.len();
    for (i, c) in text[at..].char_indices() {
        if !is_word_char(c) {
            end = at + i;
            break;
        }
        note(c);
    }
    (Span::new(start, end), has_latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cyrillic_share() {
        let s = measure("abc где");
        assert_eq!(s.letters, 6);
        assert_eq!(s.cyrillic, 3);
        assert!((s.cyrillic_share() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn finds_mixed_script_words() {
        // "Сan" starts with Cyrillic С; "уou" with Cyrillic у.
        let text = "Сan уou see? plain words, чисто русские";
        let s = measure(text);
        let found: Vec<&str> = s.mixed_tokens.iter().map(|sp| sp.slice(text)).collect();
        assert_eq!(found, vec!["Сan", "уou"]);
    }

    fn assert_same_as_reference(text: &str) {
        assert_eq!(measure(text), reference::measure(text), "{text:?}");
    }

    #[test]
    fn equals_the_reference() {
        use crate::normalize::test_inputs;
        for text in test_inputs::HAND_PICKED {
            assert_same_as_reference(text);
        }
        for text in test_inputs::samples_and_fixtures() {
            assert_same_as_reference(&text);
        }
        for text in test_inputs::generated(20_000) {
            assert_same_as_reference(&text);
        }
        for c in test_inputs::every_character() {
            assert_same_as_reference(&format!("{c}"));
            assert_same_as_reference(&format!("Ab{c}d {c}{c}\u{A0}x1{c}"));
            // Alone with a Cyrillic letter, then with a Latin one: the script of `c` decides.
            assert_same_as_reference(&format!("{c}о {c}e"));
        }
        for b in 0..=0x7Fu8 {
            let c = b as char;
            assert_same_as_reference(&format!("{c}x{c}{c} {c}y"));
            assert_same_as_reference(&format!("{c}xо{c}{c} {c}yé"));
        }
    }

    #[test]
    fn lead_bytes_cover_every_cyrillic_and_greek_letter() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            if is_cyrillic(c) {
                assert!(is_cyrillic_lead(lead), "{c:?}");
            }
            if is_greek(c) {
                assert!(is_greek_lead(lead), "{c:?}");
            }
        }
        assert!(has_cyrillic("Zеlensky") && has_cyrillic_or_greek("Zеlensky"));
        assert!(!has_cyrillic("αβγ") && has_cyrillic_or_greek("αβγ"));
        assert!(!has_cyrillic_or_greek("café “quoted” — ☀ ok"));
    }

    /// The chunked scan must agree with decoding every character, wherever in a 16-byte
    /// chunk (or across two) the letter falls.
    #[test]
    fn script_tests_equal_decoding_every_character() {
        use crate::normalize::test_inputs;
        let check = |text: &str| {
            assert_eq!(
                has_cyrillic(text),
                text.chars().any(is_cyrillic),
                "{text:?}"
            );
            assert_eq!(
                has_cyrillic_or_greek(text),
                text.chars().any(|c| is_cyrillic(c) || is_greek(c)),
                "{text:?}"
            );
        };
        let mut found = 0;
        for text in test_inputs::samples_and_fixtures()
            .into_iter()
            .chain(test_inputs::generated(5_000))
            .chain(test_inputs::HAND_PICKED.iter().map(|t| t.to_string()))
        {
            check(&text);
            found += has_cyrillic_or_greek(&text) as usize;
        }
        assert!(found > 100, "only {found} texts with Cyrillic or Greek");
        for c in test_inputs::every_character() {
            for pad in [0, 13, 14, 15, 16, 31] {
                check(&format!("{}{c} tail", "x".repeat(pad)));
                check(&format!("{}é{c}", "x".repeat(pad)));
            }
        }
    }

    #[test]
    fn plain_text_has_no_mixed_words() {
        assert!(measure("Ordinary English, café, naïve.")
            .mixed_tokens
            .is_empty());
        assert_eq!(measure("").cyrillic_share(), 0.0);
    }
}

/// The implementation before the ASCII fast paths, kept verbatim as the oracle the fast
/// version must match.
#[cfg(test)]
mod reference {
    use super::{is_cyrillic, is_greek, is_latin, ScriptStats};
    use crate::record::Span;

    /// Measure `text` in one pass.
    pub(super) fn measure(text: &str) -> ScriptStats {
        let mut stats = ScriptStats::default();
        let mut word_start: Option<usize> = None;
        let (mut has_latin, mut has_other) = (false, false);
        let close_word = |start: Option<usize>,
                          end: usize,
                          latin: bool,
                          other: bool,
                          stats: &mut ScriptStats| {
            if let Some(s) = start {
                if latin && other {
                    stats.mixed_tokens.push(Span::new(s, end));
                }
            }
        };
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() || crate::normalize::is_invisible(c) {
                if word_start.is_none() {
                    word_start = Some(i);
                    has_latin = false;
                    has_other = false;
                }
                if c.is_alphabetic() {
                    stats.letters += 1;
                    if is_latin(c) {
                        has_latin = true;
                    } else if is_cyrillic(c) {
                        stats.cyrillic += 1;
                        has_other = true;
                    } else if is_greek(c) {
                        has_other = true;
                    }
                }
            } else {
                close_word(word_start.take(), i, has_latin, has_other, &mut stats);
            }
        }
        close_word(word_start, text.len(), has_latin, has_other, &mut stats);
        stats
    }
}
