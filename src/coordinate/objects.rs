//! What a post shares: the objects two accounts can co-share (CooRTweet's `object_id`), one
//! per type, each with a 128-bit key and a short form to show.
//!
//! - `text`: the post's text key ([`text_key`]): the normalized view (case, accents,
//!   look-alike letters, invisible characters folded by [`crate::normalize`]) without links,
//!   @mentions and the `RT @user:` prefix, words only (punctuation and emoji dropped). Only
//!   texts of at least `min_words` words count, so that "Thank you!" links nobody.
//! - `url`: every link, in [`links::canonical_link`] form (tracking parameters and redirect
//!   wrappers removed, defanged forms refanged).
//! - `domain`: the host of every link or bare domain, but not that of a platform or link
//!   shortener ([`PLATFORM_HOSTS`]): every tweet with a link names `t.co`.
//! - `hashtag`, `mention`: lowercased, without `#` / `@`.
//! - `repost`: the reposted post: the `--repost-col` value or, without one, the account of a
//!   `RT @user:` prefix with the text key of what follows. A repost shares only its repost target: its text, links and tags are
//!   the original's (as the QUT toolkit does).
//!
//! Near-duplicate text (`near-text`) starts from the same text key, see `minhash`.

use super::minhash::{self, NearSignature};
use crate::campaigns::links;
use crate::normalize::normalize;
use crate::record::Record;

/// The types of object, in a fixed order (also the order of the per-type columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum ObjectKind {
    Text = 0,
    NearText = 1,
    Url = 2,
    Domain = 3,
    Hashtag = 4,
    Mention = 5,
    Repost = 6,
}

impl ObjectKind {
    pub const ALL: [ObjectKind; 7] = [
        ObjectKind::Text,
        ObjectKind::NearText,
        ObjectKind::Url,
        ObjectKind::Domain,
        ObjectKind::Hashtag,
        ObjectKind::Mention,
        ObjectKind::Repost,
    ];

    /// The name used in `--types` and in the outputs' `object_type` / `edge_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Text => "text",
            ObjectKind::NearText => "near-text",
            ObjectKind::Url => "url",
            ObjectKind::Domain => "domain",
            ObjectKind::Hashtag => "hashtag",
            ObjectKind::Mention => "mention",
            ObjectKind::Repost => "repost",
        }
    }

    pub fn from_u8(v: u8) -> Option<ObjectKind> {
        ObjectKind::ALL.get(v as usize).copied()
    }

    pub fn parse(name: &str) -> Option<ObjectKind> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        ObjectKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A set of object types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    pub fn all() -> Self {
        Kinds(0x7F)
    }
    pub fn none() -> Self {
        Kinds(0)
    }
    pub fn with(self, kind: ObjectKind) -> Self {
        Kinds(self.0 | 1 << kind as u8)
    }
    pub fn has(self, kind: ObjectKind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }
    /// Parse a comma-separated list (`text,url,near-text`).
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut kinds = Kinds::none();
        for name in list.split(',').filter(|n| !n.trim().is_empty()) {
            let kind = ObjectKind::parse(name).ok_or_else(|| {
                format!(
                    "unknown object type {name:?}; the types are {}",
                    ObjectKind::ALL.map(ObjectKind::as_str).join(", ")
                )
            })?;
            kinds = kinds.with(kind);
        }
        if kinds == Kinds::none() {
            return Err("no object type given".into());
        }
        Ok(kinds)
    }
    pub fn iter(self) -> impl Iterator<Item = ObjectKind> {
        ObjectKind::ALL.into_iter().filter(move |k| self.has(*k))
    }
}

/// Hosts whose name says nothing about what is shared: platforms and link shorteners. Their
/// links are still `url` objects; they are not `domain` objects.
pub const PLATFORM_HOSTS: &[&str] = &[
    "t.co",
    "x.com",
    "facebook.com",
    "instagram.com",
    "youtube.com",
    "t.me",
    "tiktok.com",
    "vk.com",
    "ok.ru",
    "reddit.com",
    "bit.ly",
    "ow.ly",
    "buff.ly",
    "dlvr.it",
    "ift.tt",
    "tinyurl.com",
    "goo.gl",
    "is.gd",
    "lnkd.in",
    "trib.al",
];

/// Bytes of an object shown in the outputs (the key is computed on the whole object).
pub const MAX_SHOWN_BYTES: usize = 120;

/// One object a post shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedObject {
    pub kind: ObjectKind,
    pub key: u128,
    /// A finer object this one is implied by: a domain's link. Two posts sharing the domain
    /// through the very same link are paired on the link only.
    pub implied_by: u64,
    /// What the outputs show (at most [`MAX_SHOWN_BYTES`] bytes).
    pub shown: String,
}

/// What the near-duplicate search keeps of a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearText {
    pub signature: NearSignature,
    /// The text key's hash: two posts with the same are `text` copies, not near-duplicates.
    pub text_hash: u64,
    pub shown: String,
}

/// Everything coordination needs from one post's text.
#[derive(Debug, Clone, Default)]
pub struct PostObjects {
    pub objects: Vec<SharedObject>,
    /// When `near-text` is on and the text is long enough.
    pub near: Option<NearText>,
}

/// Extraction settings.
#[derive(Debug, Clone)]
pub struct ObjectOptions {
    pub kinds: Kinds,
    /// Texts with fewer words have no `text` or `near-text` object.
    pub min_words: usize,
    /// Index in `Record::kept` of the repost column (`--repost-col`).
    pub repost_column: Option<usize>,
}

impl Default for ObjectOptions {
    fn default() -> Self {
        ObjectOptions {
            kinds: Kinds::all(),
            min_words: 5,
            repost_column: None,
        }
    }
}

pub fn key_of(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// `s` cut to at most `max` bytes on a character boundary, with "…" when cut.
pub fn shown(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// The account a `RT @user:` prefix names (lowercased), if the text starts with one.
pub fn retweeted_account(text: &str) -> Option<String> {
    let t = text.trim_start();
    let rest = t.strip_prefix("RT @").or_else(|| t.strip_prefix("rt @"))?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    (len > 0).then(|| rest[..len].to_ascii_lowercase())
}

/// Every @mention in `text` (lowercased, without '@'): an '@' not preceded by a letter,
/// digit or '.' (not an e-mail address), followed by 1–50 ASCII letters, digits, '_' or '.'
/// (trailing dots excluded).
pub fn mentions(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for at in memchr::memchr_iter(b'@', bytes) {
        if at > 0 {
            let before = bytes[at - 1];
            if before.is_ascii_alphanumeric() || before == b'.' || before == b'_' {
                continue;
            }
            // An '@' after a non-ASCII letter (é@x) is part of a word too.
            if !before.is_ascii() {
                let c = text[..at].chars().next_back();
                if c.is_some_and(char::is_alphanumeric) {
                    continue;
                }
            }
        }
        let name: &[u8] = &bytes[at + 1..];
        let mut len = name
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'.')
            .count();
        while len > 0 && name[len - 1] == b'.' {
            len -= 1;
        }
        if (1..=50).contains(&len) {
            out.push(String::from_utf8_lossy(&name[..len]).to_ascii_lowercase());
        }
    }
    out
}

/// The text key of `text` (see the module doc) and its number of words.
pub fn text_key(text: &str) -> (String, usize) {
    let normalized = normalize(text).text;
    let mut key: Vec<u8> = Vec::with_capacity(normalized.len());
    let mut words = 0;
    let mut first = true;
    for token in normalized.split(' ').filter(|t| !t.is_empty()) {
        // "RT @user:" is not part of what was written.
        if std::mem::take(&mut first) && token == "rt" {
            continue;
        }
        if token.starts_with('@') || is_link_token(token) {
            continue;
        }
        let before = key.len();
        if before > 0 {
            key.push(b' ');
        }
        let word_start = key.len();
        if token.is_ascii() {
            key.extend(token.bytes().filter(u8::is_ascii_alphanumeric));
        } else {
            let mut buf = [0u8; 4];
            for c in token.chars().filter(|c| c.is_alphanumeric()) {
                key.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        if key.len() == word_start {
            key.truncate(before);
        } else {
            words += 1;
        }
    }
    let key = String::from_utf8(key).expect("built from whole characters");
    (key, words)
}

/// Whether a (normalized) token is a link or a bare domain: it has a scheme or "www.", or a
/// '.' between a letter or digit and a letter (`rrn.media`, but not `3.5` or `end.`).
fn is_link_token(token: &str) -> bool {
    let b = token.as_bytes();
    b.starts_with(b"www.")
        || b.starts_with(b"hxxp")
        || memchr::memchr_iter(b':', b).any(|i| b[i + 1..].starts_with(b"//"))
        || memchr::memchr_iter(b'.', b).any(|i| {
            i > 0
                && b[i - 1].is_ascii_alphanumeric()
                && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
        })
}

impl ObjectOptions {
    /// The objects `record` shares.
    pub fn extract(&self, record: &Record) -> PostObjects {
        let mut out = PostObjects::default();
        let kinds = self.kinds;
        let text = record.text.as_str();
        let repost_target = self
            .repost_column
            .and_then(|i| record.kept.get(i))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty());
        let retweeted = retweeted_account(text);
        if repost_target.is_some() || retweeted.is_some() {
            if kinds.has(ObjectKind::Repost) {
                // Without a column, the retweeted post is its author and text.
                let target = match (repost_target, retweeted) {
                    (Some(id), _) => id.to_string(),
                    (None, Some(user)) => format!("RT @{user}: {}", text_key(text).0),
                    (None, None) => unreachable!("one of them is set"),
                };
                push(&mut out.objects, ObjectKind::Repost, &target, 0);
            }
            return out;
        }
        if kinds.has(ObjectKind::Text) || kinds.has(ObjectKind::NearText) {
            let (key, words) = text_key(text);
            if words >= self.min_words {
                if kinds.has(ObjectKind::Text) {
                    push(&mut out.objects, ObjectKind::Text, &key, 0);
                }
                if kinds.has(ObjectKind::NearText) {
                    out.near = Some(NearText {
                        signature: minhash::signature(&key),
                        text_hash: key_of(key.as_bytes()) as u64,
                        shown: shown(&key, MAX_SHOWN_BYTES),
                    });
                }
            }
        }
        if kinds.has(ObjectKind::Url) || kinds.has(ObjectKind::Domain) {
            for host in links::extract_hosts(text) {
                let link = links::canonical_link(&host.host, &host.path);
                let domain = match &link {
                    Some(l) => l.split(['/', '?']).next().unwrap_or(l).to_string(),
                    None => links::canonical_platform_host(&host.host).to_string(),
                };
                let mut implied_by = 0;
                if let Some(link) = link.filter(|l| *l != domain) {
                    implied_by = key_of(link.as_bytes()) as u64;
                    if kinds.has(ObjectKind::Url) {
                        push(&mut out.objects, ObjectKind::Url, &link, 0);
                    }
                }
                if kinds.has(ObjectKind::Domain) && !PLATFORM_HOSTS.contains(&domain.as_str()) {
                    push(&mut out.objects, ObjectKind::Domain, &domain, implied_by);
                }
            }
        }
        if kinds.has(ObjectKind::Hashtag) && text.contains('#') {
            for tag in links::extract_hashtags(text) {
                push(
                    &mut out.objects,
                    ObjectKind::Hashtag,
                    &format!("#{}", tag.tag),
                    0,
                );
            }
        }
        if kinds.has(ObjectKind::Mention) && text.contains('@') {
            for name in mentions(text) {
                push(&mut out.objects, ObjectKind::Mention, &name, 0);
            }
        }
        // One object once per post (a link given twice, a domain of two links).
        out.objects.sort_by_key(|o| (o.kind, o.key, o.implied_by));
        out.objects.dedup_by(|b, a| {
            if a.kind == b.kind && a.key == b.key {
                // Two links of one domain: the domain is no longer implied by one link.
                if a.implied_by != b.implied_by {
                    a.implied_by = 0;
                }
                true
            } else {
                false
            }
        });
        out
    }
}

fn push(objects: &mut Vec<SharedObject>, kind: ObjectKind, object: &str, implied_by: u64) {
    objects.push(SharedObject {
        kind,
        key: key_of(object.as_bytes()),
        implied_by,
        shown: shown(object, MAX_SHOWN_BYTES),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str) -> Record {
        Record {
            text: text.into(),
            ..Record::default()
        }
    }

    fn shown_of(objects: &PostObjects, kind: ObjectKind) -> Vec<String> {
        objects
            .objects
            .iter()
            .filter(|o| o.kind == kind)
            .map(|o| o.shown.clone())
            .collect()
    }

    #[test]
    fn text_key_keeps_words_only() {
        let (key, words) = text_key(
            "RT @someone: Can you VERIFY this video?? 🙏 https://t.co/AbC @AFPfr @dpa #Fake",
        );
        assert_eq!(key, "can you verify this video fake");
        assert_eq!(words, 6);
        // Look-alike letters and accents fold.
        assert_eq!(text_key("Сan yоu vérify").0, text_key("can you verify").0);
        assert_eq!(text_key("!!! 🙏 ...").1, 0);
    }

    #[test]
    fn mentions_skip_emails_and_trailing_dots() {
        assert_eq!(
            mentions("@AFPfr and @dpa_news. mail me@x.org, (@BBC) é@no"),
            vec!["afpfr", "dpa_news", "bbc"]
        );
    }

    #[test]
    fn objects_of_a_post() {
        let options = ObjectOptions::default();
        let got = options.extract(&record(
            "Is this real? Please check @AFPfr @dpa https://rrn.media/a?utm_source=x #Ukraine #ukraine rrn.media",
        ));
        assert_eq!(shown_of(&got, ObjectKind::Url), vec!["rrn.media/a"]);
        assert_eq!(shown_of(&got, ObjectKind::Domain), vec!["rrn.media"]);
        // The domain came from the link and as a bare domain: not implied by the link only.
        let domain = got
            .objects
            .iter()
            .find(|o| o.kind == ObjectKind::Domain)
            .unwrap();
        assert_eq!(domain.implied_by, 0);
        assert_eq!(shown_of(&got, ObjectKind::Hashtag), vec!["#ukraine"]);
        let mut m = shown_of(&got, ObjectKind::Mention);
        m.sort();
        assert_eq!(m, vec!["afpfr", "dpa"]);
        assert_eq!(
            shown_of(&got, ObjectKind::Text),
            vec!["is this real please check ukraine ukraine"]
        );
        assert!(got.near.is_some());
    }

    #[test]
    fn a_repost_shares_only_its_target() {
        let options = ObjectOptions::default();
        let got = options.extract(&record("RT @Source_1: big news https://rrn.media/a #x"));
        assert_eq!(got.objects.len(), 1);
        assert_eq!(
            shown_of(&got, ObjectKind::Repost),
            vec!["RT @source_1: big news x"]
        );
        let with_column = ObjectOptions {
            repost_column: Some(0),
            ..ObjectOptions::default()
        };
        let mut r = record("big news, five words here");
        r.kept = vec!["1234567".into()];
        let got = with_column.extract(&r);
        assert_eq!(shown_of(&got, ObjectKind::Repost), vec!["1234567"]);
        assert!(got.near.is_none());
    }

    #[test]
    fn platform_hosts_are_no_domain_and_short_texts_no_text() {
        let got = ObjectOptions::default().extract(&record("Thank you! https://t.co/xyz"));
        assert!(shown_of(&got, ObjectKind::Domain).is_empty());
        assert_eq!(shown_of(&got, ObjectKind::Url), vec!["t.co/xyz"]);
        assert!(shown_of(&got, ObjectKind::Text).is_empty());
        assert!(got.near.is_none());
    }

    #[test]
    fn kinds_parse() {
        let k = Kinds::parse("text, near_text,URL").unwrap();
        assert!(k.has(ObjectKind::Text) && k.has(ObjectKind::NearText) && k.has(ObjectKind::Url));
        assert!(!k.has(ObjectKind::Domain));
        assert!(Kinds::parse("text,bogus").is_err());
        assert!(Kinds::parse("").is_err());
    }
}
