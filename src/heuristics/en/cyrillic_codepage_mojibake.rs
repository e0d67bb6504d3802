use crate::record::Span;

/// Bytes 0x80–0xFF of Windows-1251 (0x98, unassigned, kept as U+0098).
const CP1251_HIGH: [char; 128] = [
    '\u{0402}', '\u{0403}', '\u{201A}', '\u{0453}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{20AC}', '\u{2030}', '\u{0409}', '\u{2039}', '\u{040A}', '\u{040C}', '\u{040B}', '\u{040F}',
    '\u{0452}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{0098}', '\u{2122}', '\u{0459}', '\u{203A}', '\u{045A}', '\u{045C}', '\u{045B}', '\u{045F}',
    '\u{00A0}', '\u{040E}', '\u{045E}', '\u{0408}', '\u{00A4}', '\u{0490}', '\u{00A6}', '\u{00A7}',
    '\u{0401}', '\u{00A9}', '\u{0404}', '\u{00AB}', '\u{00AC}', '\u{00AD}', '\u{00AE}', '\u{0407}',
    '\u{00B0}', '\u{00B1}', '\u{0406}', '\u{0456}', '\u{0491}', '\u{00B5}', '\u{00B6}', '\u{00B7}',
    '\u{0451}', '\u{2116}', '\u{0454}', '\u{00BB}', '\u{0458}', '\u{0405}', '\u{0455}', '\u{0457}',
    '\u{0410}', '\u{0411}', '\u{0412}', '\u{0413}', '\u{0414}', '\u{0415}', '\u{0416}', '\u{0417}',
    '\u{0418}', '\u{0419}', '\u{041A}', '\u{041B}', '\u{041C}', '\u{041D}', '\u{041E}', '\u{041F}',
    '\u{0420}', '\u{0421}', '\u{0422}', '\u{0423}', '\u{0424}', '\u{0425}', '\u{0426}', '\u{0427}',
    '\u{0428}', '\u{0429}', '\u{042A}', '\u{042B}', '\u{042C}', '\u{042D}', '\u{042E}', '\u{042F}',
    '\u{0430}', '\u{0431}', '\u{0432}', '\u{0433}', '\u{0434}', '\u{0435}', '\u{0436}', '\u{0437}',
    '\u{0438}', '\u{0439}', '\u{043A}', '\u{043B}', '\u{043C}', '\u{043D}', '\u{043E}', '\u{043F}',
    '\u{0440}', '\u{0441}', '\u{0442}', '\u{0443}', '\u{0444}', '\u{0445}', '\u{0446}', '\u{0447}',
    '\u{0448}', '\u{0449}', '\u{044A}', '\u{044B}', '\u{044C}', '\u{044D}', '\u{044E}', '\u{044F}',
];

/// Bytes 0x80–0xFF of DOS code page 866.
const CP866_HIGH: [char; 128] = [
    '\u{0410}', '\u{0411}', '\u{0412}', '\u{0413}', '\u{0414}', '\u{0415}', '\u{0416}', '\u{0417}',
    '\u{0418}', '\u{0419}', '\u{041A}', '\u{041B}', '\u{041C}', '\u{041D}', '\u{041E}', '\u{041F}',
    '\u{0420}', '\u{0421}', '\u{0422}', '\u{0423}', '\u{0424}', '\u{0425}', '\u{0426}', '\u{0427}',
    '\u{0428}', '\u{0429}', '\u{042A}', '\u{042B}', '\u{042C}', '\u{042D}', '\u{042E}', '\u{042F}',
    '\u{0430}', '\u{0431}', '\u{0432}', '\u{0433}', '\u{0434}', '\u{0435}', '\u{0436}', '\u{0437}',
    '\u{0438}', '\u{0439}', '\u{043A}', '\u{043B}', '\u{043C}', '\u{043D}', '\u{043E}', '\u{043F}',
    '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{2561}', '\u{2562}', '\u{2556}',
    '\u{2555}', '\u{2563}', '\u{2551}', '\u{2557}', '\u{255D}', '\u{255C}', '\u{255B}', '\u{2510}',
    '\u{2514}', '\u{2534}', '\u{252C}', '\u{251C}', '\u{2500}', '\u{253C}', '\u{255E}', '\u{255F}',
    '\u{255A}', '\u{2554}', '\u{2569}', '\u{2566}', '\u{2560}', '\u{2550}', '\u{256C}', '\u{2567}',
    '\u{2568}', '\u{2564}', '\u{2565}', '\u{2559}', '\u{2558}', '\u{2552}', '\u{2553}', '\u{256B}',
    '\u{256A}', '\u{2518}', '\u{250C}', '\u{2588}', '\u{2584}', '\u{258C}', '\u{2590}', '\u{2580}',
    '\u{0440}', '\u{0441}', '\u{0442}', '\u{0443}', '\u{0444}', '\u{0445}', '\u{0446}', '\u{0447}',
    '\u{0448}', '\u{0449}', '\u{044A}', '\u{044B}', '\u{044C}', '\u{044D}', '\u{044E}', '\u{044F}',
    '\u{0401}', '\u{0451}', '\u{0404}', '\u{0454}', '\u{0407}', '\u{0457}', '\u{040E}', '\u{045E}',
    '\u{00B0}', '\u{2219}', '\u{00B7}', '\u{221A}', '\u{2116}', '\u{00A4}', '\u{25A0}', '\u{00A0}',
];

/// Spans of `text` that are UTF-8 text decoded through a Cyrillic code page (Windows-1251 or
/// DOS 866): re-encoding them in that code page yields valid UTF-8 for typographic
/// punctuation, symbols or emoji ("вЂњ" is “, "тАФ" is —), or for Cyrillic ("Рџ").
pub fn mojibake_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    if text.is_ascii() {
        return spans;
    }
    // Both code pages map their lead bytes to Cyrillic letters or box-drawing characters.
    if !text
        .chars()
        .any(|c| crate::script::is_cyrillic(c) || ('\u{2500}'..='\u{25A0}').contains(&c))
    {
        return spans;
    }
    for (table, cyrillic_ok) in [(&CP1251_HIGH, true), (&CP866_HIGH, false)] {
        // Maximal runs of characters that the code page encodes as a high byte.
        let mut run: Vec<(usize, u8)> = Vec::new();
        let chars = text.char_indices().chain(std::iter::once((text.len(), '\0')));
        for (i, c) in chars {
            let high = if c.is_ascii() {
                None
            } else {
                table.iter().position(|&t| t == c)
            };
            match high {
                Some(p) => run.push((i, 0x80 + p as u8)),
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
    fn leaves_real_russian_and_single_cyrillic_decodes_alone() {
        assert!(found("Привет, как дела? Там всё хорошо.").is_empty());
        // "Её" decodes to one Latin letter (U+0178), not to punctuation: not mojibake.
        assert!(found("Её нет").is_empty());
    }
}
