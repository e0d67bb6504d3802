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

use super::minhash;
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

/// A range of one of a chunk's buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Span32 {
    start: u32,
    end: u32,
}

impl Span32 {
    fn of<T>(start: usize, buffer: &[T]) -> Self {
        Span32 {
            start: start as u32,
            end: buffer.len() as u32,
        }
    }
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One object a post shares; what the outputs show of it is in its chunk
/// ([`PostObjects::shown`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedObject {
    pub kind: ObjectKind,
    pub key: u128,
    /// A finer object this one is implied by: a domain's link. Two posts sharing the domain
    /// through the very same link are paired on the link only.
    pub implied_by: u64,
    /// At most [`MAX_SHOWN_BYTES`] bytes (and "…") of the chunk's `text`.
    shown: Span32,
}

/// What the near-duplicate search keeps of a post (its shingles and shown form are in the
/// chunk: [`PostObjects::near`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NearEntry {
    bands: [u64; minhash::BANDS],
    text_hash: u64,
    shingles: Span32,
    shown: Span32,
}

/// A post's near-duplicate signature, borrowed from its chunk.
#[derive(Debug, Clone, Copy)]
pub struct NearText<'a> {
    /// The shingle hashes, sorted, without repeats.
    pub shingles: &'a [u32],
    /// One key per band.
    pub bands: &'a [u64; minhash::BANDS],
    /// The text key's hash: two posts with the same are `text` copies, not near-duplicates.
    pub text_hash: u64,
    pub shown: &'a str,
}

/// No near-duplicate signature (a post's `near` index).
const NO_NEAR: u32 = u32::MAX;

/// The objects of consecutive posts (a chunk, found on one thread), in flat buffers: no
/// allocation per post or object once the buffers have grown, and one free per chunk.
#[derive(Debug, Default)]
pub struct ChunkObjects {
    /// Per post: the end of its objects in `objects`, and its entry in `near` (or [`NO_NEAR`]).
    posts: Vec<(u32, u32)>,
    objects: Vec<SharedObject>,
    near: Vec<NearEntry>,
    shingles: Vec<u32>,
    /// The shown forms, back to back.
    text: String,
    /// The text key being built.
    key: String,
}

/// The objects of one post, borrowed from its chunk.
#[derive(Debug, Clone, Copy)]
pub struct PostObjects<'a> {
    chunk: &'a ChunkObjects,
    pub objects: &'a [SharedObject],
    near: Option<&'a NearEntry>,
}

impl<'a> PostObjects<'a> {
    /// What the outputs show of `object` (one of this post's).
    pub fn shown(&self, object: &SharedObject) -> &'a str {
        &self.chunk.text[object.shown.range()]
    }

    /// When `near-text` is on and the text is long enough.
    pub fn near(&self) -> Option<NearText<'a>> {
        self.near.map(|n| NearText {
            shingles: &self.chunk.shingles[n.shingles.range()],
            bands: &n.bands,
            text_hash: n.text_hash,
            shown: &self.chunk.text[n.shown.range()],
        })
    }
}

impl ChunkObjects {
    pub fn with_capacity(posts: usize) -> Self {
        ChunkObjects {
            posts: Vec::with_capacity(posts),
            objects: Vec::with_capacity(posts * 4),
            text: String::with_capacity(posts * 64),
            ..ChunkObjects::default()
        }
    }

    /// Posts added.
    pub fn len(&self) -> usize {
        self.posts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    /// The objects of the `i`-th post added.
    pub fn post(&self, i: usize) -> PostObjects<'_> {
        let start = i.checked_sub(1).map_or(0, |p| self.posts[p].0 as usize);
        let (end, near) = self.posts[i];
        PostObjects {
            chunk: self,
            objects: &self.objects[start..end as usize],
            near: (near != NO_NEAR).then(|| &self.near[near as usize]),
        }
    }

    /// A post with no objects (left out, or sharing nothing).
    pub fn push_empty(&mut self) {
        self.posts.push((self.objects.len() as u32, NO_NEAR));
    }

    /// Append `s` cut to [`MAX_SHOWN_BYTES`] (as [`shown`]) to the text; its span.
    fn push_shown(&mut self, s: &str) -> Span32 {
        let start = self.text.len();
        if s.len() <= MAX_SHOWN_BYTES {
            self.text.push_str(s);
        } else {
            let mut end = MAX_SHOWN_BYTES;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            self.text.push_str(&s[..end]);
            self.text.push('…');
        }
        Span32::of(start, self.text.as_bytes())
    }

    /// An object whose key is already known (that of `object`).
    fn push_keyed(&mut self, kind: ObjectKind, key: u128, implied_by: u64, object: &str) {
        let shown = self.push_shown(object);
        self.objects.push(SharedObject {
            kind,
            key,
            implied_by,
            shown,
        });
    }

    /// The object made of `parts` end to end.
    fn push_parts(&mut self, kind: ObjectKind, implied_by: u64, parts: &[&str]) {
        let start = self.text.len();
        for part in parts {
            self.text.push_str(part);
        }
        let key = key_of(&self.text.as_bytes()[start..]);
        if self.text.len() - start > MAX_SHOWN_BYTES {
            let mut end = start + MAX_SHOWN_BYTES;
            while !self.text.is_char_boundary(end) {
                end -= 1;
            }
            self.text.truncate(end);
            self.text.push('…');
        }
        self.objects.push(SharedObject {
            kind,
            key,
            implied_by,
            shown: Span32::of(start, self.text.as_bytes()),
        });
    }

    /// The near-duplicate signature of the text key `key` (whose hash is `text_hash`).
    fn push_near(&mut self, key: &str, text_hash: u64) -> u32 {
        let start = self.shingles.len();
        minhash::shingles_into(key, &mut self.shingles);
        let shingles = Span32::of(start, &self.shingles);
        let bands = minhash::bands(&minhash::minhash(&self.shingles[shingles.range()]));
        let shown = self.push_shown(key);
        self.near.push(NearEntry {
            bands,
            text_hash,
            shingles,
            shown,
        });
        (self.near.len() - 1) as u32
    }

    /// Close the post whose objects start at `first`: one object once per post (a link given
    /// twice, a domain of two links).
    fn end_post(&mut self, first: usize, near: u32) {
        let objects = &mut self.objects[first..];
        if objects.len() > 1 {
            objects.sort_unstable_by_key(|o| (o.kind, o.key, o.implied_by));
            let mut kept = 1;
            for i in 1..objects.len() {
                let (last, this) = (objects[kept - 1], objects[i]);
                if (last.kind, last.key) == (this.kind, this.key) {
                    // Two links of one domain: the domain is no longer implied by one link.
                    if last.implied_by != this.implied_by {
                        objects[kept - 1].implied_by = 0;
                    }
                } else {
                    objects[kept] = this;
                    kept += 1;
                }
            }
            self.objects.truncate(first + kept);
        }
        self.posts.push((self.objects.len() as u32, near));
    }
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

/// The account a `RT @user:` prefix names (as written), if the text starts with one.
fn retweeted_name(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let rest = t.strip_prefix("RT @").or_else(|| t.strip_prefix("rt @"))?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    (len > 0).then(|| &rest[..len])
}

/// The account a `RT @user:` prefix names (lowercased), if the text starts with one.
pub fn retweeted_account(text: &str) -> Option<String> {
    retweeted_name(text).map(str::to_ascii_lowercase)
}

/// Calls `found` with every @mention in `text` (as written, without '@'): an '@' not preceded
/// by a letter, digit or '.' (not an e-mail address), followed by 1–50 ASCII letters, digits,
/// '_' or '.' (trailing dots excluded).
fn for_each_mention(text: &str, mut found: impl FnMut(&str)) {
    let bytes = text.as_bytes();
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
            // ASCII only, so a character boundary.
            found(&text[at + 1..at + 1 + len]);
        }
    }
}

/// Every @mention in `text` (lowercased, without '@'), as [`for_each_mention`] finds them.
pub fn mentions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_mention(text, |name| out.push(name.to_ascii_lowercase()));
    out
}

/// The text key of `text` (see the module doc) and its number of words.
pub fn text_key(text: &str) -> (String, usize) {
    let mut key = String::new();
    let words = text_key_into(text, &mut key);
    (key, words)
}

/// The text key of `text` into `key` (cleared first); returns its number of words.
pub fn text_key_into(text: &str, key: &mut String) -> usize {
    key.clear();
    let normalized = normalize(text).text;
    let bytes = normalized.as_bytes();
    let mut words = 0;
    let mut first = true;
    let mut start = 0;
    let ends = memchr::memchr_iter(b' ', bytes).chain(std::iter::once(bytes.len()));
    for end in ends {
        // Split on ASCII spaces: every token is whole characters.
        let token = &normalized[start..end];
        start = end + 1;
        if token.is_empty() {
            continue;
        }
        // "RT @user:" is not part of what was written.
        if std::mem::take(&mut first) && token == "rt" {
            continue;
        }
        let t = token.as_bytes();
        let before = key.len();
        if before > 0 {
            key.push(' ');
        }
        let word_start = key.len();
        if t.iter().all(u8::is_ascii_alphanumeric) {
            // Most tokens: a plain word (or "hxxp…", a defanged scheme).
            if t.starts_with(b"hxxp") {
                key.truncate(before);
                continue;
            }
            key.push_str(token);
        } else if t[0] == b'@' || is_link_token(t) {
            key.truncate(before);
            continue;
        } else if token.is_ascii() {
            for &b in t.iter().filter(|b| b.is_ascii_alphanumeric()) {
                key.push(char::from(b));
            }
        } else {
            for c in token.chars().filter(|c| c.is_alphanumeric()) {
                key.push(c);
            }
        }
        if key.len() == word_start {
            key.truncate(before);
        } else {
            words += 1;
        }
    }
    words
}

/// Whether a (normalized) token is a link or a bare domain: it has a scheme or "www.", or a
/// '.' between a letter or digit and a letter (`rrn.media`, but not `3.5` or `end.`). Tokens
/// are a few bytes: plain loops, no search set-up.
fn is_link_token(b: &[u8]) -> bool {
    b.starts_with(b"www.")
        || b.starts_with(b"hxxp")
        || b.windows(3).any(|w| w == b"://")
        || (1..b.len().saturating_sub(1)).any(|i| {
            b[i] == b'.' && b[i - 1].is_ascii_alphanumeric() && b[i + 1].is_ascii_alphabetic()
        })
}

impl ObjectOptions {
    /// The objects `record` shares, as the chunk's next post.
    pub fn extract_into(&self, record: &Record, chunk: &mut ChunkObjects) {
        let first = chunk.objects.len();
        let kinds = self.kinds;
        let text = record.text.as_str();
        let repost_target = self
            .repost_column
            .and_then(|i| record.kept.get(i))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty());
        let retweeted = retweeted_name(text);
        if repost_target.is_some() || retweeted.is_some() {
            if kinds.has(ObjectKind::Repost) {
                // Without a column, the retweeted post is its author and text.
                match (repost_target, retweeted) {
                    (Some(id), _) => chunk.push_parts(ObjectKind::Repost, 0, &[id]),
                    (None, Some(user)) => {
                        let mut key = std::mem::take(&mut chunk.key);
                        text_key_into(text, &mut key);
                        let user = user.to_ascii_lowercase();
                        chunk.push_parts(ObjectKind::Repost, 0, &["RT @", &user, ": ", &key]);
                        chunk.key = key;
                    }
                    (None, None) => unreachable!("one of them is set"),
                }
            }
            chunk.end_post(first, NO_NEAR);
            return;
        }
        let mut near = NO_NEAR;
        if kinds.has(ObjectKind::Text) || kinds.has(ObjectKind::NearText) {
            let mut key = std::mem::take(&mut chunk.key);
            let words = text_key_into(text, &mut key);
            if words >= self.min_words {
                let hash = key_of(key.as_bytes());
                if kinds.has(ObjectKind::Text) {
                    chunk.push_keyed(ObjectKind::Text, hash, 0, &key);
                }
                if kinds.has(ObjectKind::NearText) {
                    near = chunk.push_near(&key, hash as u64);
                }
            }
            chunk.key = key;
        }
        if kinds.has(ObjectKind::Url) || kinds.has(ObjectKind::Domain) {
            for host in links::extract_hosts(text) {
                let link = links::canonical_link(&host.host, &host.path);
                let domain = match &link {
                    Some(l) => l.split(['/', '?']).next().unwrap_or(l),
                    None => links::canonical_platform_host(&host.host),
                };
                let mut implied_by = 0;
                if let Some(link) = link.as_deref().filter(|l| *l != domain) {
                    let key = key_of(link.as_bytes());
                    implied_by = key as u64;
                    if kinds.has(ObjectKind::Url) {
                        chunk.push_keyed(ObjectKind::Url, key, 0, link);
                    }
                }
                if kinds.has(ObjectKind::Domain) && !PLATFORM_HOSTS.contains(&domain) {
                    chunk.push_parts(ObjectKind::Domain, implied_by, &[domain]);
                }
            }
        }
        if kinds.has(ObjectKind::Hashtag) && text.contains('#') {
            for tag in links::extract_hashtags(text) {
                chunk.push_parts(ObjectKind::Hashtag, 0, &["#", &tag.tag]);
            }
        }
        if kinds.has(ObjectKind::Mention) && text.contains('@') {
            for_each_mention(text, |name| {
                let start = chunk.text.len();
                chunk.text.push_str(name);
                chunk.text[start..].make_ascii_lowercase();
                let key = key_of(&chunk.text.as_bytes()[start..]);
                chunk.objects.push(SharedObject {
                    kind: ObjectKind::Mention,
                    key,
                    implied_by: 0,
                    // At most 50 bytes: never cut.
                    shown: Span32::of(start, chunk.text.as_bytes()),
                });
            });
        }
        chunk.end_post(first, near);
    }

    /// The objects of `record` alone, as the only post of a chunk.
    pub fn extract(&self, record: &Record) -> ChunkObjects {
        let mut chunk = ChunkObjects::default();
        self.extract_into(record, &mut chunk);
        chunk
    }
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

    fn shown_of(chunk: &ChunkObjects, kind: ObjectKind) -> Vec<String> {
        let post = chunk.post(0);
        post.objects
            .iter()
            .filter(|o| o.kind == kind)
            .map(|o| post.shown(o).to_string())
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

    /// The text key as first written (split, filter, two searches per token), to check the
    /// one-pass version against.
    fn reference_text_key(text: &str) -> (String, usize) {
        let normalized = normalize(text).text;
        let mut key: Vec<u8> = Vec::new();
        let mut words = 0;
        let mut first = true;
        for token in normalized.split(' ').filter(|t| !t.is_empty()) {
            if std::mem::take(&mut first) && token == "rt" {
                continue;
            }
            let b = token.as_bytes();
            let link = b.starts_with(b"www.")
                || b.starts_with(b"hxxp")
                || memchr::memchr_iter(b':', b).any(|i| b[i + 1..].starts_with(b"//"))
                || memchr::memchr_iter(b'.', b).any(|i| {
                    i > 0
                        && b[i - 1].is_ascii_alphanumeric()
                        && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                });
            if token.starts_with('@') || link {
                continue;
            }
            let before = key.len();
            if before > 0 {
                key.push(b' ');
            }
            let word_start = key.len();
            let mut buf = [0u8; 4];
            for c in token.chars().filter(|c| c.is_alphanumeric()) {
                key.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            if key.len() == word_start {
                key.truncate(before);
            } else {
                words += 1;
            }
        }
        (String::from_utf8(key).unwrap(), words)
    }

    #[test]
    fn text_key_equals_its_definition() {
        let mut texts: Vec<String> = [
            "RT @x: rt hello",
            "rt rt rt",
            "  RT  spaced   out  ",
            "hxxpfoo bar hxxp://x.y",
            "www.example.com/a b",
            "a.b 3.5 end. x.Y http://a ftp://b c:/d",
            "@a @b c@d.e",
            "v e r i f y this B.B.C. news",
            "Сan yоu vérify ﬁne Ⅻ 😡🙏 ‼️",
            "",
            " ",
            "...",
            "日本語のテキスト と English",
            "tab\tand\nnewline\r\nhere",
            "ǅemal Ǆ ß ẞ İstanbul",
            "mixed-case WORDS with_under_scores and-dashes",
            "x.com/a?b=c#frag #tag @user.",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for file in [
            "data/samples/posts.csv",
            "tests/fixtures/campaigns/synthetic-matryoshka.csv",
        ] {
            let mut r = csv::Reader::from_path(file).unwrap();
            let col = r
                .headers()
                .unwrap()
                .iter()
                .position(|h| h == "text")
                .unwrap();
            texts.extend(r.records().map(|rec| rec.unwrap()[col].to_string()));
        }
        assert!(texts.len() > 50);
        for text in &texts {
            assert_eq!(text_key(text), reference_text_key(text), "{text:?}");
        }
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
            .post(0)
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
        assert!(got.post(0).near().is_some());
    }

    #[test]
    fn a_repost_shares_only_its_target() {
        let options = ObjectOptions::default();
        let got = options.extract(&record("RT @Source_1: big news https://rrn.media/a #x"));
        assert_eq!(got.post(0).objects.len(), 1);
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
        assert!(got.post(0).near().is_none());
    }

    #[test]
    fn platform_hosts_are_no_domain_and_short_texts_no_text() {
        let got = ObjectOptions::default().extract(&record("Thank you! https://t.co/xyz"));
        assert!(shown_of(&got, ObjectKind::Domain).is_empty());
        assert_eq!(shown_of(&got, ObjectKind::Url), vec!["t.co/xyz"]);
        assert!(shown_of(&got, ObjectKind::Text).is_empty());
        assert!(got.post(0).near().is_none());
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
