use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:smth|smb|smbd|Smth|Smb|Smbd)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// The abbreviations "smth" (something) and "smb" / "smbd" (somebody) in running text.
    ///
    /// ## Why it signals Russian interference
    /// These are the abbreviations of Russian-school English textbooks and bilingual dictionaries
    /// («smth» = что-либо, «smb» = кто-либо), which Russian speakers carry into informal writing;
    /// English dictionaries write "sth"/"sb" and natives spell the words out. IRA "Fearmonger"
    /// tweets: "I want smth new to read", "Smb hit the jackpot on Thanksgiving day".
    ///
    /// ## Fires on
    /// "I want smth new to read", "Smb hit the jackpot", "want smbd to cook it for me".
    ///
    /// ## Must not fire on
    /// "something", "the SMB protocol" (upper case), "mount an smb:// share", "smb share",
    /// "SMB loans" (small and medium business).
    ///
    /// ## Known false positives
    /// Network administrators writing "smb" for the file-sharing protocol in lower case: excluded
    /// before "://" or protocol words.
    pub struct SmthSmb {
        code: "RU-EN-LEX-014",
        name: "smth-smb",
        family: LexicalCalques,
        lang: En,
        weight: 0.5,
        fires_on: [
            "I want smth new to read. Advice?",
            "Smb hit the jackpot on Thanksgiving day",
            "want smbd to cook it for me",
        ],
        must_not_fire_on: [
            "I want something new to read",
            "Enable the SMB protocol on the server",
            "Mount smb://server/share or an smb share",
        ],
        triggers: ["smth", "smb"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let next = support::after(text, m.end(), 10).to_ascii_lowercase();
            let prev = support::before(text, m.start(), 1);
            !(prev == "/"
                || prev == "."
                || next.starts_with("://")
                || next.starts_with('.')
                || [" share", " protocol", " server", " client", " mount", " version", "1", "2", "3", " v"]
                    .iter()
                    .any(|w| next.starts_with(w)))
        });
    }
}
