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

pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

/// Measure `text` in one pass.
pub fn measure(text: &str) -> ScriptStats {
    let mut stats = ScriptStats::default();
    let mut word_start: Option<usize> = None;
    let (mut has_latin, mut has_other) = (false, false);
    let close_word =
        |start: Option<usize>, end: usize, latin: bool, other: bool, stats: &mut ScriptStats| {
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

    #[test]
    fn plain_text_has_no_mixed_words() {
        assert!(measure("Ordinary English, café, naïve.")
            .mixed_tokens
            .is_empty());
        assert_eq!(measure("").cyrillic_share(), 0.0);
    }
}
