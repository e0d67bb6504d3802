//! Links, hosts and hashtags found in an item's text, including defanged forms
//! (`hxxp://`, `example[.]com`, `example(.)com`, `example[dot]com`).

use crate::record::Span;
use crate::text::{is_ascii_white_space, starts_with_ignore_ascii_case, token_end};

/// A host name found in the text, lowercased, refanged and in ASCII form (IDN labels as
/// `xn--…`), with the rest of its link and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRef {
    pub host: String,
    /// What followed the host in the link ("/path?query"), lowercased; empty for a bare host.
    pub path: String,
    pub span: Span,
}

/// A hashtag found in the text, lowercased, without '#'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRef {
    pub tag: String,
    pub span: Span,
}

/// Undo common defanging: `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `hxxp`.
pub fn refang(token: &str) -> String {
    let mut s = token.to_lowercase();
    if s.contains(['[', '(', '{']) {
        for (pat, with) in [
            ("[.]", "."),
            ("(.)", "."),
            ("{.}", "."),
            ("[dot]", "."),
            ("(dot)", "."),
            ("{dot}", "."),
            ("[:]", ":"),
            ("[://]", "://"),
        ] {
            if s.contains(pat) {
                s = s.replace(pat, with);
            }
        }
    }
    if let Some(rest) = s.strip_prefix("hxxp") {
        s = format!("http{rest}");
    }
    s
}

/// Longest host name DNS can resolve, in bytes of its ASCII form (RFC 1035 §2.3.4, without
/// the final dot): a longer "host" cannot be a working link, and bounding it keeps every
/// per-host test (suffix lookups, look-alike tests, punycode) to a fixed amount of work.
pub const MAX_HOST_BYTES: usize = 253;

/// Longest DNS label, in bytes (RFC 1035 §2.3.4).
pub const MAX_LABEL_BYTES: usize = 63;

/// Bytes of a link's path kept in [`HostRef::path`]: `url` indicators are prefixes far
/// shorter than this, and a megabyte of query string is not copied for each link.
pub const MAX_PATH_BYTES: usize = 4096;

/// Whether `host` fits DNS limits ([`MAX_HOST_BYTES`], [`MAX_LABEL_BYTES`]), counted in
/// characters: a Unicode host's ASCII form has at least one byte per character, so a host
/// over the limits here is over them once encoded too, and is refused before any encoding.
fn within_dns_limits(host: &str) -> bool {
    let chars = |s: &str| {
        if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        }
    };
    host.len() <= 4 * MAX_HOST_BYTES
        && chars(host) <= MAX_HOST_BYTES
        && host.split('.').all(|label| chars(label) <= MAX_LABEL_BYTES)
}

/// `path` cut to at most [`MAX_PATH_BYTES`], at a character boundary.
fn bounded_path(path: &str) -> &str {
    if path.len() <= MAX_PATH_BYTES {
        return path;
    }
    let mut end = MAX_PATH_BYTES;
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    &path[..end]
}

fn is_host_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.'
}

/// The host part of a refanged token, if it looks like a URL or a bare domain, in ASCII
/// form (see [`ascii_host`]).
pub fn host_of(token: &str) -> Option<String> {
    split_link(token).map(|(host, _)| host)
}

/// A refanged token split into its ASCII host and the rest of the link ("/path?query").
pub fn split_link(token: &str) -> Option<(String, String)> {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let t = t.trim_start_matches('/');
    let after_scheme = match t.find("://") {
        Some(i) => &t[i + 3..],
        None => t,
    };
    // "user@host/…" — but an '@' after the first '/' belongs to the path ("youtube.com/@name").
    let authority_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let after_user = match after_scheme[..authority_end].rfind('@') {
        Some(i) => &after_scheme[i + 1..],
        None => after_scheme,
    };
    let host_len: usize = after_user
        .char_indices()
        .find(|&(_, c)| !is_host_char(c))
        .map_or(after_user.len(), |(i, _)| i);
    let (raw_host, rest) = after_user.split_at(host_len);
    let host = raw_host.trim_end_matches('.').trim_start_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    if !within_dns_limits(host) {
        return None;
    }
    let tld = top_level_label(host)?;
    // A TLD is alphabetic (or punycode) and 2–24 letters; this also rules out numbers
    // like "3.5" and file names' extensions are accepted only when the token had a scheme
    // or "www." (see `extract_hosts`).
    let tld_ok = ((2..=24).contains(&tld.chars().count())
        && tld.chars().all(|c| c.is_alphabetic()))
        || tld.starts_with("xn--");
    if !tld_ok {
        return None;
    }
    let host = ascii_host(host)?;
    if !within_dns_limits(&host) {
        return None;
    }
    // A port is not part of the path.
    let rest = rest
        .strip_prefix(':')
        .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    let path = if rest.starts_with(['/', '?', '#']) {
        bounded_path(rest)
            .trim_end_matches(['.', ',', ';', ':', '!', ')', ']', '"', '\''])
            .to_lowercase()
    } else {
        String::new()
    };
    Some((host, path))
}

/// The last label of `host`, if it has two labels or more and none is empty or starts or
/// ends with '-'.
fn top_level_label(host: &str) -> Option<&str> {
    let (mut labels, mut tld) = (0, "");
    for label in host.split('.') {
        if label.is_empty() || label.starts_with('-') || label.ends_with('-') {
            return None;
        }
        labels += 1;
        tld = label;
    }
    (labels >= 2).then_some(tld)
}

/// `host` with every non-ASCII label encoded as punycode (`xn--…`, RFC 3492), lowercased,
/// so that a Unicode host and its `xn--` form compare equal. `None` if a label cannot be
/// encoded.
pub fn ascii_host(host: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(host.len());
    for (i, label) in host.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        if label.is_ascii() {
            out.extend(label.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            let folded: String = label.to_lowercase().nfc().collect();
            out.push_str("xn--");
            out.push_str(&punycode::encode(&folded).ok()?);
        }
    }
    Some(out)
}

/// `host` with its `xn--` labels decoded to Unicode (labels that do not decode stay as they
/// are), for look-alike tests on what a reader sees.
pub fn unicode_host(host: &str) -> String {
    host.split('.')
        .map(|label| {
            label
                .strip_prefix("xn--")
                .and_then(|p| punycode::decode(p).ok())
                .unwrap_or_else(|| label.to_string())
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Platform host aliases: the same site under several names.
pub fn canonical_platform_host(host: &str) -> &str {
    let host = host
        .strip_prefix("m.")
        .or_else(|| host.strip_prefix("mobile."))
        .unwrap_or(host);
    match host {
        "twitter.com" => "x.com",
        "telegram.me" => "t.me",
        "youtu.be" => "youtube.com",
        "fb.com" => "facebook.com",
        _ => host,
    }
}

/// The key a `url` indicator is stored and looked up under: canonical host and path with no
/// trailing '/'. `None` if `url` has no host or no path.
pub fn url_key(url: &str) -> Option<(String, String)> {
    let (host, path) = split_link(&refang(url.trim()))?;
    let path = path.trim_end_matches('/').to_string();
    if path.is_empty() {
        return None;
    }
    Some((canonical_platform_host(&host).to_string(), path))
}

/// Whether a link (`host`, `path` as in [`HostRef`]) lies under the `url` indicator key.
pub fn link_is_under(host: &str, path: &str, (key_host, key_path): (&str, &str)) -> bool {
    canonical_platform_host(host) == key_host
        && path.starts_with(key_path)
        && path[key_path.len()..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '/' | '?' | '#' | '&'))
}

/// Query parameters that only say who shared a link, from where or through which campaign:
/// two shares of one page differ by them, so coordination drops them.
const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gclsrc",
    "msclkid",
    "yclid",
    "igshid",
    "igsh",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "ref",
    "ref_src",
    "ref_url",
    "smid",
    "cmpid",
    "ocid",
    "xtor",
    "mkt_tok",
    "spm",
    "vero_id",
    "wt_mc",
    "wt.mc_id",
    "at_medium",
    "at_campaign",
    "share",
    "feature",
    "si",
    "trk",
    "__twitter_impression",
    "rss",
    "s_cid",
    "sr_share",
    "fb_source",
    "fb_ref",
];
/// Prefixes of tracking parameter names (`utm_source`, `hsa_acc`, `pk_campaign`…).
const TRACKING_PREFIXES: &[&str] = &["utm_", "hsa_", "oly_", "pk_", "mtm_", "fb_action_"];
/// Parameters that track only on one host: X's `?s=20&t=…` share suffix (on YouTube `t` is
/// the time to start at, a different link).
const HOST_TRACKING_PARAMETERS: &[(&str, &[&str])] = &[("x.com", &["s", "t"])];

/// Redirect wrappers: (host, path, the query parameter holding the real link); an empty
/// parameter means the whole query is the link (`href.li/?https://…`).
const REDIRECT_WRAPPERS: &[(&str, &str, &str)] = &[
    ("l.facebook.com", "/l.php", "u"),
    ("lm.facebook.com", "/l.php", "u"),
    ("facebook.com", "/l.php", "u"),
    ("facebook.com", "/flx/warn", "u"),
    ("l.instagram.com", "/", "u"),
    ("google.com", "/url", "q"),
    ("google.com", "/url", "url"),
    ("youtube.com", "/redirect", "q"),
    ("t.umblr.com", "/redirect", "z"),
    ("out.reddit.com", "", "url"),
    ("vk.com", "/away.php", "to"),
    ("away.vk.com", "/away.php", "to"),
    ("t.me", "/iv", "url"),
    ("duckduckgo.com", "/l", "uddg"),
    ("href.li", "/", ""),
];

/// A shared link (`host` and `path` as in [`HostRef`]) in the form coordination compares, as
/// `host/path?query`: platform aliases folded ([`canonical_platform_host`], `youtu.be/ID` as
/// `youtube.com/watch?v=ID`), a redirect wrapper replaced by the link it wraps, tracking
/// parameters and the fragment dropped, the other parameters sorted, no trailing '/'.
/// `None` when nothing is left but the host (a bare domain is not a link to a page).
pub fn canonical_link(host: &str, path: &str) -> Option<String> {
    canonical_link_within(host, path, 3)
}

fn canonical_link_within(host: &str, path: &str, depth: u8) -> Option<String> {
    let host = canonical_platform_host(host);
    let before_fragment = path.split('#').next().unwrap_or("");
    let (page, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let page = page.trim_end_matches('/');
    if depth > 0 {
        if let Some(wrapped) = unwrap_redirect(host, page, query) {
            let refanged = refang(wrapped.trim());
            if let Some((inner_host, inner_path)) = split_link(&refanged) {
                return match canonical_link_within(&inner_host, &inner_path, depth - 1) {
                    Some(link) => Some(link),
                    None => Some(canonical_platform_host(&inner_host).to_string()),
                };
            }
        }
    }
    let host_tracking = HOST_TRACKING_PARAMETERS
        .iter()
        .find(|(h, _)| *h == host)
        .map_or(&[][..], |(_, names)| *names);
    let mut params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(name, _)| {
            !(TRACKING_PARAMETERS.contains(&name.as_ref())
                || TRACKING_PREFIXES.iter().any(|p| name.starts_with(p))
                || host_tracking.contains(&name.as_ref())
                || name.is_empty())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let (host, page) = match (host, page.strip_prefix('/')) {
        // youtu.be/ID is youtube.com/watch?v=ID.
        ("youtube.com", Some(id))
            if path_is_short_video_id(id) && !params.iter().any(|(k, _)| k == "v") =>
        {
            params.push(("v".into(), id.into()));
            (host, "/watch")
        }
        _ => (host, page),
    };
    if page.is_empty() && params.is_empty() {
        return None;
    }
    params.sort();
    let mut link = String::with_capacity(host.len() + page.len() + query.len() + 1);
    link.push_str(host);
    link.push_str(page);
    if !params.is_empty() {
        link.push('?');
        link.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(params)
                .finish(),
        );
    }
    Some(link)
}

/// Whether `id` (a path without its leading '/') is a youtu.be video id: one segment of
/// letters, digits, '-' and '_' (the path is lowercased, which is as canonical as it gets).
fn path_is_short_video_id(id: &str) -> bool {
    id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The link a redirect wrapper points to, still percent-decoded from its query.
fn unwrap_redirect(host: &str, page: &str, query: &str) -> Option<String> {
    REDIRECT_WRAPPERS
        .iter()
        .filter(|(h, p, _)| {
            *h == host && (page == p.trim_end_matches('/') || (p.is_empty() && !page.is_empty()))
        })
        .find_map(|(_, _, param)| {
            if param.is_empty() {
                let decoded: String = percent_decode(query);
                return (!decoded.is_empty()).then_some(decoded);
            }
            form_urlencoded::parse(query.as_bytes())
                .find(|(name, _)| name == param)
                .map(|(_, value)| value.into_owned())
                .filter(|v| !v.is_empty())
        })
}

/// A whole query string percent-decoded (as `href.li/?https%3A%2F%2F…`).
fn percent_decode(query: &str) -> String {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| {
            if v.is_empty() {
                k.into_owned()
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// File-name extensions that look like TLDs but, without a scheme, are files.
const FILE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "mp4", "mov", "pdf", "txt", "csv", "doc", "docx", "html", "htm",
    "php", "exe", "zip", "webp", "js",
];

/// Every host mentioned in `text`: URLs with a scheme, `www.` names and bare domains.
pub fn extract_hosts(text: &str) -> Vec<HostRef> {
    let mut out = Vec::new();
    if may_be_defanged(text) {
        // Rare: a defanged dot can hide in any token.
        for (start, token) in tokens(text) {
            push_host(start, token, &mut out);
        }
        return out;
    }
    // Without "dot"/"DOT" anywhere, only a token holding a '.' can name a host: visit just
    // those, found by a byte search, instead of splitting every text into words.
    let mut examined_until = 0;
    for dot in memchr::memchr_iter(b'.', text.as_bytes()) {
        if dot < examined_until {
            continue;
        }
        let (start, token) = token_around(text, dot);
        examined_until = start + token.len();
        push_host(start, token, &mut out);
    }
    out
}

/// Whether `text` holds "dot" or "DOT" (as in `example[dot]com`): one byte search for their
/// first letters, instead of two substring searches.
fn may_be_defanged(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'd', b'D', bytes)
        .any(|i| matches!(&bytes[i..], [b'd', b'o', b't', ..] | [b'D', b'O', b'T', ..]))
}

/// The white-space separated token (as [`tokens`] splits them) holding byte `at`, which is
/// not white space, with its byte offset. ASCII bytes are tested one by one; only non-ASCII
/// characters are decoded.
fn token_around(text: &str, at: usize) -> (usize, &str) {
    let bytes = text.as_bytes();
    let mut start = at;
    while let Some(&b) = start.checked_sub(1).and_then(|i| bytes.get(i)) {
        if b.is_ascii() {
            if is_ascii_white_space(b) {
                break;
            }
            start -= 1;
        } else {
            // Back to the first byte of the character that ends at `start`.
            let mut first = start - 1;
            while first > 0 && bytes[first] & 0xC0 == 0x80 {
                first -= 1;
            }
            match text.get(first..start).and_then(|c| c.chars().next()) {
                Some(c) if !c.is_whitespace() => start = first,
                _ => break,
            }
        }
    }
    let end = token_end(text, at).0;
    (start, &text[start..end])
}

/// Push the host of `token` (at byte `start` of the text), if it names one.
fn push_host(start: usize, token: &str, out: &mut Vec<HostRef>) {
    let plain_ascii = token
        .bytes()
        .all(|b| b.is_ascii() && !matches!(b, b'[' | b'(' | b'{'))
        && !starts_with_ignore_case(token, "hxxp");
    if plain_ascii {
        push_host_ascii(start, token, out);
    } else {
        push_host_general(start, token, out);
    }
}

/// [`push_host_general`] for an ASCII token without brackets or "hxxp", whose refanged form
/// is the token lowercased: the same tests on the token itself, ignoring ASCII case, with no
/// copy of the token and no Unicode tables.
fn push_host_ascii(start: usize, token: &str, out: &mut Vec<HostRef>) {
    let bytes = token.as_bytes();
    if !may_be_defanged(token) && memchr::memchr(b'.', trim_link_ends(token).as_bytes()).is_none() {
        return;
    }
    let explicit = scheme_separator(token).is_some() || starts_with_ignore_case(token, "www.");
    if !explicit && memchr::memchr(b'.', bytes).is_none() {
        return;
    }
    let Some((host, path)) = split_ascii_link(token) else {
        return;
    };
    if !explicit {
        let tld = host.rsplit('.').next().unwrap_or("");
        if FILE_EXTENSIONS.contains(&tld) || !bytes.iter().any(u8::is_ascii_alphabetic) {
            return;
        }
        // Bare "word.word" in prose ("end.Next") needs a lowercase-only token to count.
        if bytes.iter().any(u8::is_ascii_uppercase) && memchr::memchr(b'/', bytes).is_none() {
            return;
        }
    }
    out.push(HostRef {
        host,
        path,
        span: Span::new(start, start + token.len()),
    });
}

/// [`split_link`] of an ASCII token without brackets or "hxxp" once refanged (lowercased),
/// computed on the token itself.
fn split_ascii_link(token: &str) -> Option<(String, String)> {
    let t = trim_link_ends(token).trim_start_matches('/');
    let after_scheme = match scheme_separator(t) {
        Some(i) => &t[i + 3..],
        None => t,
    };
    // "user@host/…" — but an '@' after the first '/' belongs to the path ("youtube.com/@name").
    let authority_end =
        memchr::memchr3(b'/', b'?', b'#', after_scheme.as_bytes()).unwrap_or(after_scheme.len());
    let after_user = match memchr::memrchr(b'@', &after_scheme.as_bytes()[..authority_end]) {
        Some(i) => &after_scheme[i + 1..],
        None => after_scheme,
    };
    let host_len = after_user
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'.'))
        .unwrap_or(after_user.len());
    let (raw_host, rest) = after_user.split_at(host_len);
    let host = raw_host.trim_end_matches('.').trim_start_matches('.');
    let host = if starts_with_ignore_case(host, "www.") {
        &host[4..]
    } else {
        host
    };
    if !within_dns_limits(host) {
        return None;
    }
    let tld = top_level_label(host)?;
    let tld_ok = ((2..=24).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        || starts_with_ignore_case(tld, "xn--");
    if !tld_ok {
        return None;
    }
    // A port is not part of the path.
    let rest = rest
        .strip_prefix(':')
        .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    let path = if rest.starts_with(['/', '?', '#']) {
        bounded_path(rest)
            .trim_end_matches(['.', ',', ';', ':', '!', ')', ']', '"', '\''])
            .to_ascii_lowercase()
    } else {
        String::new()
    };
    Some((host.to_ascii_lowercase(), path))
}

/// An ASCII `token` without the characters around a link that cannot belong to it (anything
/// but letters, digits and '/').
fn trim_link_ends(token: &str) -> &str {
    let keep = |b: &u8| b.is_ascii_alphanumeric() || *b == b'/';
    let bytes = token.as_bytes();
    match (bytes.iter().position(keep), bytes.iter().rposition(keep)) {
        (Some(first), Some(last)) => &token[first..=last],
        _ => "",
    }
}

/// Byte offset of the first "://" in `s`.
fn scheme_separator(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(b':', bytes).find(|&i| bytes[i + 1..].starts_with(b"//"))
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    starts_with_ignore_ascii_case(s.as_bytes(), prefix.as_bytes())
}

/// [`push_host`] for any token: refang, then split.
fn push_host_general(start: usize, token: &str, out: &mut Vec<HostRef>) {
    // A host needs a dot inside the token (or a defanged one): skip every other word,
    // and words that only end a sentence, cheaply.
    if !may_be_defanged(token)
        && !token
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
            .contains('.')
    {
        return;
    }
    let refanged = refang(token);
    let explicit = refanged.contains("://") || refanged.starts_with("www.");
    if !explicit && !refanged.contains('.') {
        return;
    }
    if let Some((host, path)) = split_link(&refanged) {
        let tld = host.rsplit('.').next().unwrap_or("");
        if !explicit
            && (FILE_EXTENSIONS.contains(&tld) || !token.chars().any(|c| c.is_alphabetic()))
        {
            return;
        }
        // Bare "word.word" in prose ("end.Next") needs a lowercase-only token to count.
        if !explicit && token.chars().any(|c| c.is_uppercase()) && !token.contains('/') {
            return;
        }
        out.push(HostRef {
            host,
            path,
            span: Span::new(start, start + token.len()),
        });
    }
}

/// Every hashtag in `text`.
pub fn extract_hashtags(text: &str) -> Vec<TagRef> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for i in memchr::memchr_iter(b'#', bytes) {
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'&') {
            continue;
        }
        let body: &str = &text[i + 1..];
        let len: usize = body
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
            .map_or(body.len(), |(j, _)| j);
        if len == 0 {
            continue;
        }
        let raw = &body[..len];
        let tag = if raw.is_ascii() {
            raw.to_ascii_lowercase()
        } else {
            crate::normalize::normalize(raw).text
        };
        out.push(TagRef {
            tag,
            span: Span::new(i, i + 1 + len),
        });
    }
    out
}

/// Whitespace-separated tokens with their byte offsets.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(text: &str) -> Vec<String> {
        extract_hosts(text).into_iter().map(|h| h.host).collect()
    }

    #[test]
    fn finds_urls_and_bare_domains() {
        assert_eq!(
            hosts("see https://www.lemonde.ltd/article?id=3 now"),
            vec!["lemonde.ltd"]
        );
        assert_eq!(
            hosts("source: spiegel.co.com and rrn.media"),
            vec!["spiegel.co.com", "rrn.media"]
        );
    }

    #[test]
    fn refangs_defanged_links() {
        assert_eq!(hosts("hxxps://bild[.]pics/x"), vec!["bild.pics"]);
        assert_eq!(hosts("visit example(.)com today"), vec!["example.com"]);
    }

    #[test]
    fn ignores_numbers_files_and_prose() {
        assert!(hosts("inflation rose 3.5 percent").is_empty());
        assert!(hosts("see photo.jpg attached").is_empty());
        assert!(hosts("It ended.Next day we left").is_empty());
    }

    #[test]
    fn unicode_hosts_and_their_punycode_form_are_the_same_host() {
        assert_eq!(
            hosts("https://actu-auvergne-rhône-alpes.fr/a"),
            vec!["xn--actu-auvergne-rhne-alpes-lnc.fr"]
        );
        assert_eq!(
            hosts("https://xn--actu-auvergne-rhne-alpes-lnc.fr/a"),
            vec!["xn--actu-auvergne-rhne-alpes-lnc.fr"]
        );
        assert_eq!(hosts("http://пример.рф/"), vec!["xn--e1afmkfd.xn--p1ai"]);
        assert_eq!(unicode_host("xn--e1afmkfd.xn--p1ai"), "пример.рф");
        assert_eq!(ascii_host("ПРИМЕР.рф").unwrap(), "xn--e1afmkfd.xn--p1ai");
    }

    #[test]
    fn keeps_the_path_and_ignores_an_at_sign_in_it() {
        let found = extract_hosts("watch hxxps://www.youtube[.]com/@GovoritMD/videos, now");
        assert_eq!(found[0].host, "youtube.com");
        assert_eq!(found[0].path, "/@govoritmd/videos");
        let found = extract_hosts("t.me/ps_peoplesay.");
        assert_eq!(
            (found[0].host.as_str(), found[0].path.as_str()),
            ("t.me", "/ps_peoplesay")
        );
        let found = extract_hosts("mail user@rrn.media");
        assert_eq!(
            (found[0].host.as_str(), found[0].path.as_str()),
            ("rrn.media", "")
        );
    }

    /// Every token visited, as before the '.'-search fast path (synthetic texts).
    fn hosts_visiting_every_token(text: &str) -> Vec<HostRef> {
        let mut out = Vec::new();
        for (start, token) in tokens(text) {
            push_host(start, token, &mut out);
        }
        out
    }

    #[test]
    fn visiting_only_tokens_with_a_dot_finds_the_same_hosts() {
        let mut texts: Vec<String> = vec![
            "see https://www.lemonde.ltd/article?id=3 now".into(),
            ".rrn.media. at the start and end.".into(),
            "a\u{3000}rrn.media\u{a0}x.com\u{2003}t.me/abc\u{85}bild.pics".into(),
            "Zoé\u{2009}écrit sur лента.ру et sur пример.рф/путь.".into(),
            "end.Next . .. ... www.x.org... (spiegel.co.com), «rt.com»!".into(),
            "no periods here at all".into(),
            "..........".into(),
            "\u{1F600}.\u{1F600} 3.5 photo.jpg user@rrn.media".into(),
        ];
        // Raw CSV lines are fine as texts here: quotes and commas only make harder tokens.
        let samples = include_str!("../../data/samples/posts.csv")
            .lines()
            .chain(include_str!("../../tests/fixtures/french_native_sample.txt").lines());
        texts.extend(samples.map(String::from));
        texts.extend(crate::normalize::test_inputs::generated(5_000));
        let mut found = 0;
        for text in texts.iter().filter(|t| !may_be_defanged(t)) {
            let fast = extract_hosts(text);
            assert_eq!(fast, hosts_visiting_every_token(text), "{text:?}");
            found += fast.len();
        }
        assert!(
            found >= 10,
            "only {found} hosts: the texts should hold links"
        );
    }

    /// `count` tokens of up to 8 pieces of links, defanged or not, in both cases (synthetic).
    fn generated_link_tokens(count: usize) -> Vec<String> {
        #[rustfmt::skip]
        const PIECES: &[&str] = &[
            "https://", "HTTP://", "hxxps://", "HXXP", "ftp://", "://", ":/", "www.", "WWW.", "Www",
            "t.co", "T.CO", "example", "Example", "rrn", ".", ".", "..", "-", "-x", "x-", "com",
            "COM", "media", "xn--", "XN--p1ai", "xn--e1afmkfd", "jpg", "PDF", "js", "html", "/",
            "/", "//", "?", "#", "&", "=", "@", "user@", "@name", ":", ":8080", "8080", "3", "5",
            "'", "\"", ")", "]", ",", "!", ";", "(", "[", "{", "[.]", "(.)", "[dot]", "dot", "DOT",
            "abcdefghijklmnopqrstuvwxyz", "Path", "a", "Z", "_", "%20", "é", "ф", "\u{A0}",
            "example.com", "t.co/", "rrn.media", "Bild.Pics/", "x.org",
        ];
        crate::normalize::test_inputs::from_pieces(PIECES, 0x5DEE_CE66_D1CE_4E5B, count, 1..9)
    }

    #[test]
    fn ascii_fast_path_finds_the_same_host_as_refanging() {
        let mut tokens: Vec<String> = [
            "https://t.co/AbC?x=1#Frag",
            "HTTPS://WWW.Example.COM:8080/Path/",
            "Https://User@Host.Example.org/@Name.",
            "WWW.rrn.MEDIA",
            "www.x",
            "example.com:443",
            "'(spiegel.co.com),",
            "https://xn--e1afmkfd.xn--p1ai/",
            "XN--E1AFMKFD.XN--P1AI",
            "photo.JPG",
            "3.5",
            "end.Next",
            "t.me/ps_peoplesay.",
            "a.b-.c",
            "a..b.com",
            ".rrn.media.",
            "//rrn.media",
            "mailto:user@rrn.media",
            "https://",
            "http://localhost/x",
            "x.y.z.abcdefghijklmnopqrstuvwxyz",
            "hxxps://example[.]com/Path",
        ]
        .map(String::from)
        .to_vec();
        tokens.extend(generated_link_tokens(100_000));
        let samples = include_str!("../../data/samples/posts.csv")
            .lines()
            .chain(include_str!("../../tests/fixtures/french_native_sample.txt").lines());
        tokens.extend(
            samples.flat_map(|l| l.split_whitespace().map(String::from).collect::<Vec<_>>()),
        );
        let (mut compared, mut found) = (0, 0);
        for token in &tokens {
            let plain = token.is_ascii()
                && !token.contains(['[', '(', '{'])
                && !token.to_ascii_lowercase().starts_with("hxxp");
            if !plain {
                continue;
            }
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            push_host_ascii(7, token, &mut fast);
            push_host_general(7, token, &mut general);
            assert_eq!(fast, general, "{token:?}");
            compared += 1;
            found += fast.len();
        }
        assert!(
            compared > 50_000 && found > 5_000,
            "{compared} tokens, {found} hosts"
        );
    }

    #[test]
    fn byte_level_token_around_matches_char_search() {
        fn reference(text: &str, at: usize) -> (usize, &str) {
            let start = text[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[at..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| at + i);
            (start, &text[start..end])
        }
        let mut texts: Vec<String> = vec![
            "a\u{3000}rrn.media\u{a0}x.com\u{2003}t.me/abc\u{85}bild.pics".into(),
            "é.é ф.рф\u{2028}😀.😀\u{0B}x.y\u{0C}.\u{202F}.\u{1680}a.b\u{205F}".into(),
            ".".into(),
            " . ".into(),
        ];
        texts.extend(crate::normalize::test_inputs::generated(5_000));
        let mut dots = 0;
        for text in &texts {
            for at in memchr::memchr_iter(b'.', text.as_bytes()) {
                assert_eq!(
                    token_around(text, at),
                    reference(text, at),
                    "{text:?} at {at}"
                );
                dots += 1;
            }
        }
        assert!(dots > 5_000, "only {dots} dots");
    }

    #[test]
    fn defanged_means_holding_dot_in_one_case() {
        for (text, expected) in [
            ("example[dot]com", true),
            ("EXAMPLE(DOT)COM", true),
            ("anecdote", true),
            ("Dot matrix", false),
            ("dOt", false),
            ("d o t", false),
            ("ddot", true),
            ("DDOT", true),
            ("do", false),
            ("", false),
            ("éd\u{301}ot", false),
        ] {
            assert_eq!(may_be_defanged(text), expected, "{text:?}");
            assert_eq!(
                may_be_defanged(text),
                text.contains("dot") || text.contains("DOT")
            );
        }
    }

    fn canonical(link: &str) -> Option<String> {
        let found = extract_hosts(link);
        assert_eq!(found.len(), 1, "{link:?}");
        canonical_link(&found[0].host, &found[0].path)
    }

    #[test]
    fn canonical_links_drop_tracking_and_fragments_and_sort_parameters() {
        let expected = Some("rrn.media/article?id=3&page=2".to_string());
        for link in [
            "https://rrn.media/article?id=3&page=2",
            "https://www.rrn.media/article/?page=2&id=3&utm_source=tw&utm_medium=social",
            "http://rrn.media/article?fbclid=IwAR0xyz&id=3&page=2#comments",
            "hxxps://rrn[.]media/article?id=3&igshid=abc&page=2",
        ] {
            assert_eq!(canonical(link), expected, "{link}");
        }
        assert_eq!(
            canonical("https://x.com/user/status/123?s=20&t=AbCd"),
            Some("x.com/user/status/123".into())
        );
        assert_eq!(
            canonical("https://twitter.com/User/status/123"),
            Some("x.com/user/status/123".into())
        );
        // YouTube's `t` is where the video starts: kept.
        assert_eq!(
            canonical("https://youtu.be/dQw4w9WgXcQ?si=xyz&t=42"),
            Some("youtube.com/watch?t=42&v=dqw4w9wgxcq".into())
        );
        assert_eq!(
            canonical("https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share"),
            Some("youtube.com/watch?v=dqw4w9wgxcq".into())
        );
        // Nothing but the host: not a page.
        assert_eq!(canonical("https://rrn.media/?utm_source=x"), None);
        assert_eq!(canonical("rrn.media"), None);
    }

    #[test]
    fn canonical_links_unwrap_redirect_wrappers() {
        let expected = Some("rrn.media/article?id=3".to_string());
        for link in [
            "https://l.facebook.com/l.php?u=https%3A%2F%2Frrn.media%2Farticle%3Fid%3D3%26utm_source%3Dfb&h=AT0",
            "https://www.google.com/url?sa=t&url=https%3A%2F%2Frrn.media%2Farticle%3Fid%3D3",
            "https://vk.com/away.php?to=https%3A%2F%2Fwww.rrn.media%2Farticle%3Fid%3D3",
            "https://href.li/?https://rrn.media/article?id=3",
        ] {
            assert_eq!(canonical(link), expected, "{link}");
        }
        // A wrapper around a bare domain gives the domain.
        assert_eq!(
            canonical("https://l.facebook.com/l.php?u=https%3A%2F%2Frrn.media%2F"),
            Some("rrn.media".into())
        );
        // A wrapper without its parameter stays as it is.
        assert_eq!(
            canonical("https://l.facebook.com/l.php?x=1"),
            Some("l.facebook.com/l.php?x=1".into())
        );
    }

    #[test]
    fn hosts_beyond_dns_limits_are_not_hosts() {
        let label63 = "a".repeat(63);
        let at_limit = format!("{label63}.{label63}.{label63}.{}.com", "b".repeat(57));
        assert_eq!(at_limit.len(), MAX_HOST_BYTES);
        assert_eq!(
            hosts(&format!("https://{at_limit}/x")),
            vec![at_limit.clone()]
        );
        assert!(hosts(&format!("https://c{at_limit}/x")).is_empty());
        assert!(hosts(&format!("https://{}a.com/x", "a.".repeat(500_000))).is_empty());
        assert!(hosts(&format!("https://a{label63}.com/")).is_empty());
        assert!(hosts(&format!("www.{label63}.com")).len() == 1);
        // Counted in characters before encoding, in bytes of the xn-- form after.
        assert!(hosts(&format!("http://{}.рф/", "п".repeat(64))).is_empty());
        assert!(hosts(&format!("http://{}.рф/", "п".repeat(60))).is_empty());
        assert_eq!(hosts(&format!("http://{}.рф/", "п".repeat(20))).len(), 1);
        assert!(hosts(&format!("hxxps://{}b[.]com", "a[.]".repeat(200))).is_empty());
    }

    #[test]
    fn a_long_path_is_kept_up_to_a_bound() {
        let found = extract_hosts(&format!("https://rrn.media/{}é", "ab/".repeat(5000)));
        assert_eq!(found[0].host, "rrn.media");
        assert!(found[0].path.starts_with("/ab/ab/"));
        assert!(found[0].path.len() <= MAX_PATH_BYTES);
        let found = extract_hosts(&format!("https://t.me/{}", "é".repeat(5000)));
        assert!(found[0].path.len() <= MAX_PATH_BYTES && found[0].path.starts_with("/é"));
    }

    #[test]
    fn extracts_hashtags() {
        let tags: Vec<String> = extract_hashtags("#StopNATO and #Élections2024, not a#b or &#39;")
            .into_iter()
            .map(|t| t.tag)
            .collect();
        assert_eq!(tags, vec!["stopnato", "elections2024"]);
    }
}
