//! Links, hosts and hashtags found in an item's text, including defanged forms
//! (`hxxp://`, `example[.]com`, `example(.)com`, `example[dot]com`).

use crate::record::Span;

/// A host name found in the text, lowercased and refanged, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRef {
    pub host: String,
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

fn is_host_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.'
}

/// The host part of a refanged token, if it looks like a URL or a bare domain.
pub fn host_of(token: &str) -> Option<String> {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    let after_scheme = match t.find("://") {
        Some(i) => &t[i + 3..],
        None => t,
    };
    let after_user = after_scheme
        .rsplit_once('@')
        .map_or(after_scheme, |(_, h)| h);
    let host: String = after_user
        .chars()
        .take_while(|&c| is_host_char(c))
        .collect();
    let host = host
        .trim_matches('.')
        .trim_start_matches("www.")
        .to_string();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
    {
        return None;
    }
    let tld = labels.last().unwrap();
    // A TLD is alphabetic (or punycode) and 2–24 letters; this also rules out numbers
    // like "3.5" and file names' extensions are accepted only when the token had a scheme
    // or "www." (see `extract_hosts`).
    let tld_ok = (tld.len() >= 2 && tld.len() <= 24 && tld.chars().all(|c| c.is_alphabetic()))
        || tld.starts_with("xn--");
    tld_ok.then_some(host)
}

/// File-name extensions that look like TLDs but, without a scheme, are files.
const FILE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "mp4", "mov", "pdf", "txt", "csv", "doc", "docx", "html", "htm",
    "php", "exe", "zip", "webp", "js",
];

/// Every host mentioned in `text`: URLs with a scheme, `www.` names and bare domains.
pub fn extract_hosts(text: &str) -> Vec<HostRef> {
    let mut out = Vec::new();
    for (start, token) in tokens(text) {
        // A host needs a dot (or a defanged one): skip every other word cheaply.
        if !token.contains('.') && !token.contains("dot") && !token.contains("DOT") {
            continue;
        }
        let refanged = refang(token);
        let explicit = refanged.contains("://") || refanged.starts_with("www.");
        if !explicit && !refanged.contains('.') {
            continue;
        }
        if let Some(host) = host_of(&refanged) {
            let tld = host.rsplit('.').next().unwrap_or("");
            if !explicit
                && (FILE_EXTENSIONS.contains(&tld) || !token.chars().any(|c| c.is_alphabetic()))
            {
                continue;
            }
            // Bare "word.word" in prose ("end.Next") needs a lowercase-only token to count.
            if !explicit && token.chars().any(|c| c.is_uppercase()) && !token.contains('/') {
                continue;
            }
            out.push(HostRef {
                host,
                span: Span::new(start, start + token.len()),
            });
        }
    }
    out
}

/// Every hashtag in `text`.
pub fn extract_hashtags(text: &str) -> Vec<TagRef> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('#') {
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
        let tag = crate::normalize::normalize(&body[..len]).text;
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
    fn extracts_hashtags() {
        let tags: Vec<String> = extract_hashtags("#StopNATO and #Élections2024, not a#b or &#39;")
            .into_iter()
            .map(|t| t.tag)
            .collect();
        assert_eq!(tags, vec!["stopnato", "elections2024"]);
    }
}
