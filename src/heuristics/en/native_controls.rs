//! Native-English control sentences (synthetic, written for this test): idiomatic English that
//! sits close to the Russian-interference patterns. No English heuristic may fire on any of
//! them; each line names the trap it sets.

use crate::heuristics::en::HEURISTICS;

const NATIVE_CONTROLS: &[&str] = &[
    // Articles: idioms without articles, headlines, compounds, uncountables.
    "I'll see you at school tomorrow, then we go home by bus.",
    "She stayed in bed all day and went to church on Sunday.",
    "He was in hospital for a week after the crash.",
    "Explosion at factory kills three, injures dozens",
    "Police investigate shooting at hotel near airport",
    "We met at the airport and took a taxi to the hotel.",
    "It is good news for the economy and great work by the team.",
    "There is no such thing as a free lunch.",
    "Any such request must be made in writing.",
    "Most people think the plan will fail, and most of the experts agree.",
    "It was an interesting film with a great cast.",
    "Watch video: the president speaks at the summit",
    "I have no idea what you mean.",
    "She has reason to believe the report is wrong.",
    "The town council met in city hall on Tuesday.",
    // Prepositions.
    "I read it on the internet, in an internet forum about internet marketing.",
    "They took part in the protest and took part at first only as observers.",
    "It depends on the weather and, of course, on you.",
    "He is married to a teacher; they are married with two kids.",
    "Rescuers arrived to find the building in flames.",
    "The report consists of three parts.",
    "Congratulations on your graduation! He congratulated her with a hug.",
    "Please answer the question and reply to my email.",
    "People are angry on Twitter about the new tax.",
    "The song was played on the piano at the funeral.",
    "The attack on Ukraine was condemned; new sanctions on Ukraine's enemies followed.",
    // Lexical.
    "Let me take a photo; we made a photo album last year.",
    "The judges will decide the issue next week.",
    "The island is a territory of the United States.",
    "It is worth noting that turnout was high.",
    "Can you explain to me why this happened? I need to explain myself.",
    "As usual, the meeting ran late, as usually happens.",
    "I could feel myself falling asleep.",
    "He spun out in the first turn of the race.",
    "He went in for surgery on Monday.",
    "My friends and I went to the game.",
    // Numbers and dates.
    "For the first time in 2000 years, the temple is open.",
    "Inflation rose 3.5 percent to 2,500 dollars a year.",
    "Unemployment fell to 4.1% in 2017.",
    // Verbs.
    "The secret to success is knowing when to stop.",
    "I have lived here since 2010 and have known him for years.",
    "I have been waiting since yesterday.",
    "We've had a great week so far.",
    // Word order and questions.
    "I very much like the new design.",
    "I like this song very much.",
    "Why do you say that? How is it possible?",
    "What you see is what you get.",
    "Why it matters: the vote is close.",
    "Where you going tonight?",
    // Punctuation and typography.
    "He said that the vote was rigged.",
    "The simple rule to remember, if you want to win, is to practise.",
    "Great speech tonight — thank you, Chicago!",
    "The result — a landslide — surprised everyone.",
    "See the study (Smith et al. (2005)) for details :)",
    "Options: 1) stay 2) leave",
    "The meeting is on 10/20/2017 at No. 10 Downing Street.",
    "J.K. Rowling and H.W. Bush visited Washington D.C. and the U.S. Virgin Islands.",
    // Transliteration, script, lexicon, MT.
    "Tchaikovsky and Dostoevsky; President Zelensky met Sergey Brin.",
    "We visited Kharkiv, Mykolaiv and Odesa.",
    "Russia calls it a \"special military operation\".",
    "The suspect was arrested in connection with the robbery.",
    "The framework agreement was signed as part of the visit.",
    "Russia is ready for talks, the Kremlin said.",
];

#[test]
fn native_controls_trigger_no_english_heuristic() {
    crate::heuristics::assert_silent_on(HEURISTICS, NATIVE_CONTROLS.iter().copied());
}
