use crate::record::Span;
use std::sync::LazyLock;

/// The characters that a single-byte code page decodes bytes 0x80–0xFF to, from
/// `encoding_rs` (the WHATWG tables).
fn high_half(encoding: &'static encoding_rs::Encoding) -> [char; 128] {
    let mut table = ['\0'; 128];
    for (b, slot) in (0x80u8..=0xFF).zip(table.iter_mut()) {
        let bytes = [b];
        let (decoded, _) = encoding.decode_without_bom_handling(&bytes);
        *slot = decoded.chars().next().unwrap_or('\u{FFFD}');
    }
    table
}

/// A code page's high half as a lookup from character to byte, sorted by character: Russian
/// text runs through it character by character, where a scan of the 128 entries cost more
/// than the rest of the analysis.
struct HighBytes(Vec<(char, u8)>);

impl HighBytes {
    fn new(table: [char; 128]) -> Self {
        let mut by_char: Vec<(char, u8)> = (0x80u8..=0xFF).zip(table).map(|(b, c)| (c, b)).collect();
        // Where several bytes decode to one character, the lowest byte stands for it.
        by_char.sort_unstable();
        by_char.dedup_by_key(|&mut (c, _)| c);
        HighBytes(by_char)
    }

    /// The byte the code page encodes `c` as, if one of its high half.
    fn byte_of(&self, c: char) -> Option<u8> {
        let k = self.0.binary_search_by_key(&c, |&(ch, _)| ch).ok()?;
        Some(self.0[k].1)
    }
}

/// Bytes 0x80–0xFF of Windows-1251 and of DOS code page 866.
static CP1251_HIGH: LazyLock<HighBytes> =
    LazyLock::new(|| HighBytes::new(high_half(encoding_rs::WINDOWS_1251)));
static CP866_HIGH: LazyLock<HighBytes> =
    LazyLock::new(|| HighBytes::new(high_half(encoding_rs::IBM866)));

/// Spans of `text` that are UTF-8 text decoded through a Cyrillic code page (Windows-1251 or
/// DOS 866): re-encoding them in that code page yields valid UTF-8 for typographic
/// punctuation, symbols or emoji ("вЂњ" is “, "тАФ" is —), or for Cyrillic ("Рџ").
pub fn mojibake_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    // Both code pages map their lead bytes to Cyrillic letters or box-drawing characters
    // (U+2500–U+25A0, led by 0xE2 in UTF-8).
    if !crate::script::has_cyrillic(text)
        && !crate::script::any_char_led_by(
            text,
            |b| b == 0xE2,
            |c| ('\u{2500}'..='\u{25A0}').contains(&c),
        )
    {
        return spans;
    }
    for (table, cyrillic_ok) in [(&*CP1251_HIGH, true), (&*CP866_HIGH, false)] {
        // Maximal runs of characters that the code page encodes as a high byte.
        let mut run: Vec<(usize, u8)> = Vec::new();
        let chars = text.char_indices().chain(std::iter::once((text.len(), '\0')));
        for (i, c) in chars {
            let high = if c.is_ascii() { None } else { table.byte_of(c) };
            match high {
                Some(b) => run.push((i, b)),
                None => {
                    decode_run(&run, i, cyrillic_ok, &mut spans);
                    run.clear();
                }
            }
        }
    }
    spans.sort();
    spans.dedup();
    spans
}

/// Mark the valid UTF-8 sequences inside one run of code-page bytes ending at `run_end`.
fn decode_run(run: &[(usize, u8)], run_end: usize, cyrillic_ok: bool, spans: &mut Vec<Span>) {
    let bytes: Vec<u8> = run.iter().map(|&(_, b)| b).collect();
    let start_of = |k: usize| if k < run.len() { run[k].0 } else { run_end };
    let mut k = 0;
    let mut cyrillic_streak: Vec<(usize, usize)> = Vec::new();
    let flush_streak = |streak: &mut Vec<(usize, usize)>, spans: &mut Vec<Span>| {
        if streak.len() >= 2 {
            spans.extend(streak.iter().map(|&(s, e)| Span::new(s, e)));
        }
        streak.clear();
    };
    while k < bytes.len() {
        let len = match bytes[k] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        let decoded = (len > 0 && k + len <= bytes.len())
            .then(|| std::str::from_utf8(&bytes[k..k + len]).ok())
            .flatten()
            .and_then(|s| s.chars().next());
        match decoded {
            Some(c) if is_typographic(c) => {
                flush_streak(&mut cyrillic_streak, spans);
                spans.push(Span::new(start_of(k), start_of(k + len)));
                k += len;
            }
            Some(c) if cyrillic_ok && crate::script::is_cyrillic(c) => {
                cyrillic_streak.push((start_of(k), start_of(k + len)));
                k += len;
            }
            _ => {
                flush_streak(&mut cyrillic_streak, spans);
                k += 1;
            }
        }
    }
    flush_streak(&mut cyrillic_streak, spans);
}

/// Characters that English text really contains and that mojibake turns into Cyrillic.
fn is_typographic(c: char) -> bool {
    matches!(c,
        '\u{00A1}'..='\u{00FF}'
        | '\u{2000}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{20AC}'
        | '\u{2100}'..='\u{214F}'
        | '\u{2190}'..='\u{21FF}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{FE0F}'
        | '\u{1F000}'..='\u{1FAFF}')
}

/// Merge touching spans so one garbled quote pair reads as one piece of evidence.
fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    spans.sort();
    for s in spans {
        match out.last_mut() {
            Some(last) if last.end >= s.start => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

crate::heuristic! {
    /// ## What it detects
    /// Mojibake from a Cyrillic code page: UTF-8 punctuation, symbols or emoji that were decoded as
    /// Windows-1251 ("вЂњin no wayвЂќ" for “in no way”, "вЂ”" for —, "рџ" emoji) or DOS 866
    /// ("тАФ" for —, "тАЛ" for a zero-width space).
    ///
    /// ## Why it signals Russian interference
    /// The text passed through a tool or system whose default code page is Cyrillic — a Russian
    /// or Ukrainian operator's machine or software. IRA "Fearmonger" tweets carry both the 1251
    /// and the 866 variants; native English systems produce Latin-1 mojibake ("â€™") instead.
    ///
    /// ## Fires on
    /// "IAEA вЂњin no wayвЂќ handing inspections", "Donald Trump is Dominating вЂ” CNN Poll",
    /// "Former US president тАЛJimmy Carter".
    ///
    /// ## Must not fire on
    /// Correct “quotes” and — dashes, Western Latin-1 mojibake ("itâ€™s"), a Russian word in
    /// English text ("the word война").
    ///
    /// ## Known false positives
    /// None expected: the Cyrillic letters must re-encode to valid UTF-8 for punctuation, symbols
    /// or emoji, which ordinary Russian words do not.
    pub struct CyrillicCodepageMojibake {
        code: "RU-EN-SCRIPT-002",
        name: "cyrillic-codepage-mojibake",
        family: ScriptMixing,
        lang: En,
        weight: 0.7,
        fires_on: [
            "US State Dept: IAEA вЂњin no wayвЂќ handing nuclear inspections to Iran",
            "Donald Trump is Dominating вЂ” CNN Poll",
            "Former US president тАЛJimmy Carter has cancer",
        ],
        must_not_fire_on: [
            "US State Dept: IAEA “in no way” handing inspections",
            "Western mojibake: itâ€™s broken",
            "The Russian word война means war",
            "Он сказал там всё",
        ],
    }
    fn check(text, hits) {
        hits.extend(merged(mojibake_spans(text)));
    }
}

#[cfg(test)]
mod decoding {
    use super::mojibake_spans;

    fn found(text: &str) -> Vec<&str> {
        mojibake_spans(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn decodes_emoji_dashes_and_cyrillic_mojibake() {
        // 👍 (F0 9F 91 8D) read as Windows-1251.
        assert_eq!(found("nice рџ‘Ќ"), vec!["рџ‘Ќ"]);
        // — (E2 80 94) read as DOS 866.
        assert_eq!(found("Poll тАФ CNN"), vec!["тАФ"]);
        // "Привет" read as Windows-1251: a streak of Cyrillic mojibake, one span per letter.
        assert_eq!(found("say РџСЂРёРІРµС‚").concat(), "РџСЂРёРІРµС‚");
    }

    #[test]
    fn the_lookup_gives_the_first_byte_each_character_decodes_from() {
        for encoding in [encoding_rs::WINDOWS_1251, encoding_rs::IBM866] {
            let table = super::high_half(encoding);
            let lookup = super::HighBytes::new(table);
            let mut checked = 0;
            for c in ('\u{80}'..='\u{2FFF}').chain(['\u{FFFD}', '\u{1F600}']) {
                let by_scan = table.iter().position(|&t| t == c).map(|p| 0x80 + p as u8);
                assert_eq!(lookup.byte_of(c), by_scan, "{c:?} in {}", encoding.name());
                checked += by_scan.is_some() as usize;
            }
            assert!(checked >= 120, "{}: only {checked} characters found", encoding.name());
        }
    }

    #[test]
    fn leaves_real_russian_and_single_cyrillic_decodes_alone() {
        assert!(found("Привет, как дела? Там всё хорошо.").is_empty());
        // "Её" decodes to one Latin letter (U+0178), not to punctuation: not mojibake.
        assert!(found("Её нет").is_empty());
    }
}

