//! Context: does an item report on, or debunk, the campaign evidence or the claim it matched?
//!
//! A fact-check quoting a fake headline, or a news report naming `lemonde.ltd`, carries the
//! same indicators as the campaign post itself. This module finds the signs of such a context
//! (`docs/scoring.md`, "Context"):
//!
//! - **cues** of `data/context.toml`, matched on the normalized view at word boundaries:
//!   fact-check framing and negation (`debunk`), naming the campaign or describing the
//!   operation (`report`), reported speech (`distance`, which counts only when the matched
//!   words stand inside quotation marks);
//! - **who and where** (`data/factcheckers.toml`): the item's author is a fact-checker,
//!   research group or newsroom account, its URL is on one of their sites, or its text links to
//!   an article on a fact-checker's site.
//!
//! Both lists are data, validated with file, line and column on load.

use crate::campaigns::{at_word_boundaries, host_suffixes, links};
use crate::error::{line_col, Fatal, Result};
use crate::multi_search::MultiSearch;
use crate::normalize::{normalize, Normalized};
use crate::record::Span;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

const EMBEDDED_CUES: &str = include_str!("../data/context.toml");
const EMBEDDED_ORGANISATIONS: &str = include_str!("../data/factcheckers.toml");

/// What an item's context says about the evidence it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum ContextKind {
    #[default]
    None,
    Report,
    Debunk,
}

impl ContextKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContextKind::None => "none",
            ContextKind::Report => "report",
            ContextKind::Debunk => "debunk",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    Debunk,
    Report,
    Distance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Factchecker,
    Research,
    Newsroom,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Factchecker => "fact-checker",
            OrgKind::Research => "research group",
            OrgKind::Newsroom => "newsroom",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(rename = "cue")]
    cues: Vec<CueDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueDef {
    id: Spanned<String>,
    context: CueKind,
    #[serde(default)]
    languages: Vec<Spanned<String>>,
    #[serde(default)]
    at_start: bool,
    description: String,
    phrases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgFile {
    #[serde(rename = "organisation")]
    organisations: Vec<OrgDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgDef {
    id: Spanned<String>,
    name: String,
    kind: OrgKind,
    #[serde(default)]
    domains: Vec<Spanned<String>>,
    #[serde(default)]
    handles: Vec<Spanned<String>>,
    source: Spanned<String>,
}

impl CueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Debunk => "debunk",
            CueKind::Report => "report",
            CueKind::Distance => "distance",
        }
    }
}

/// A cue as loaded.
#[derive(Debug, Clone)]
pub struct Cue {
    pub id: String,
    pub kind: CueKind,
    pub languages: Vec<String>,
    pub at_start: bool,
    pub description: String,
    /// Its phrases, as written (the normalized form).
    pub phrases: Vec<String>,
    /// Where it is defined: "file:line".
    pub location: String,
}

/// A sign of context that is not a cue of `data/context.toml` but found by the detector
/// itself: its stable code (what `evidence_spans` and `calque rule` use) and what it means.
#[derive(Debug, Clone, Copy)]
pub struct DerivedSign {
    pub code: &'static str,
    /// "report", "debunk", or "debunk or report" (by the organisation's kind).
    pub context: &'static str,
    pub description: &'static str,
}

/// The matched evidence stands inside quotation marks, next to another cue.
pub const QUOTE: &str = "CTX-QUOTE";
/// The item's author is the account of a listed organisation.
pub const ORG_AUTHOR: &str = "CTX-ORG-AUTHOR";
/// The item's URL is on a listed organisation's site.
pub const ORG_URL: &str = "CTX-ORG-URL";
/// The text links to an article on a listed fact-checker's site.
pub const ORG_LINK: &str = "CTX-ORG-LINK";

/// Every derived sign; cue ids must differ from these codes.
pub const DERIVED_SIGNS: [DerivedSign; 4] = [
    DerivedSign {
        code: QUOTE,
        context: "report",
        description: "The matched evidence (campaign indicator or narrative words) stands inside quotation marks, and another cue was found: the item quotes what it matched.",
    },
    DerivedSign {
        code: ORG_AUTHOR,
        context: "debunk or report",
        description: "The item's author is the account of a fact-checker (debunk), research group or newsroom (report) of data/factcheckers.toml.",
    },
    DerivedSign {
        code: ORG_URL,
        context: "debunk or report",
        description: "The item's URL is on the site of a fact-checker (debunk), research group or newsroom (report) of data/factcheckers.toml.",
    },
    DerivedSign {
        code: ORG_LINK,
        context: "debunk",
        description: "The text links to an article on a fact-checker's site (data/factcheckers.toml): it points to a fact-check.",
    },
];

/// A fact-checker, research group or newsroom.
#[derive(Debug, Clone)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
}

/// One sign of context found in an item.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextHit {
    /// A cue id ("CTX-EN-VERDICT") or a derived sign's code ([`DERIVED_SIGNS`]): what
    /// `evidence_spans` names and `calque rule` explains.
    pub code: String,
    /// For humans: the cue id again, or what was recognised ("author @AFPFactCheck is …").
    pub label: String,
    pub kind: ContextKind,
    /// Where in the text (empty for the author or URL columns).
    pub spans: Vec<Span>,
}

/// An item's context and the signs it rests on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub kind: ContextKind,
    pub hits: Vec<ContextHit>,
    /// Whether the item was looked at (it matched something): otherwise `kind` is `None`
    /// without a search, and the report leaves the column empty.
    pub evaluated: bool,
}

/// The metadata of an item the context looks at besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemMeta<'a> {
    pub author: &'a str,
    pub url: &'a str,
    /// Links outside the text (the campaign rules read them; see `Record::links`).
    pub links: &'a [crate::record::Link],
}

/// The compiled cue lexicon and organisation list.
#[derive(Debug)]
pub struct ContextDetector {
    pub cues: Vec<Cue>,
    pub organisations: Vec<Organisation>,
    automaton: Option<MultiSearch>,
    /// Per automaton pattern: the cues that own it.
    owners: Vec<Vec<usize>>,
    patterns: Vec<Vec<u8>>,
    /// Lowercase handle → organisation.
    handles: HashMap<String, usize>,
    /// Domain → organisation.
    domains: HashMap<String, usize>,
}

fn at(origin: &str, text: &str, offset: usize, msg: impl std::fmt::Display) -> Fatal {
    let (line, col) = line_col(text, offset);
    Fatal::rules(format!("{origin}:{line}:{col}: {msg}"))
}

impl ContextDetector {
    /// The embedded `data/context.toml` and `data/factcheckers.toml`.
    pub fn embedded() -> Result<Self> {
        Self::parse(
            ("embedded:context.toml", EMBEDDED_CUES),
            ("embedded:factcheckers.toml", EMBEDDED_ORGANISATIONS),
        )
    }

    /// The embedded cues with another organisation list.
    pub fn with_organisations(origin: &str, text: &str) -> Result<Self> {
        Self::parse(("embedded:context.toml", EMBEDDED_CUES), (origin, text))
    }

    /// Parse a cue file and an organisation file, each given as (origin, text).
    pub fn parse(cues: (&str, &str), orgs: (&str, &str)) -> Result<Self> {
        let (origin, text) = cues;
        let file: CueFile = toml::from_str(text)
            .map_err(|e| at(origin, text, e.span().map_or(0, |s| s.start), e.message()))?;
        let mut detector = ContextDetector {
            cues: Vec::new(),
            organisations: Vec::new(),
            automaton: None,
            owners: Vec::new(),
            patterns: Vec::new(),
            handles: HashMap::new(),
            domains: HashMap::new(),
        };
        let mut ids: HashMap<String, usize> = HashMap::new();
        for def in file.cues {
            let id = def.id.get_ref().trim().to_string();
            if id.is_empty() {
                return Err(at(
                    origin,
                    text,
                    def.id.span().start,
                    "cue id must not be empty",
                ));
            }
            if ids.insert(id.to_ascii_uppercase(), 0).is_some() {
                return Err(at(
                    origin,
                    text,
                    def.id.span().start,
                    format!("cue id {id:?} is used twice"),
                ));
            }
            if DERIVED_SIGNS
                .iter()
                .any(|d| d.code.eq_ignore_ascii_case(&id))
            {
                return Err(at(
                    origin,
                    text,
                    def.id.span().start,
                    format!("cue id {id:?} is the code of a sign the detector finds itself"),
                ));
            }
            let mut languages = Vec::new();
            for l in &def.languages {
                let code = crate::langid::parse_code(l.get_ref().trim()).ok_or_else(|| {
                    at(
                        origin,
                        text,
                        l.span().start,
                        format!("cue {id}: unknown language code {:?}", l.get_ref()),
                    )
                })?;
                languages.push(crate::langid::iso_code(code).to_string());
            }
            if def.phrases.is_empty() {
                return Err(at(
                    origin,
                    text,
                    def.id.span().start,
                    format!("cue {id}: no phrases"),
                ));
            }
            let cue = detector.cues.len();
            for p in &def.phrases {
                let n = normalize(p.get_ref()).text.trim().to_string();
                if n.is_empty() {
                    return Err(at(
                        origin,
                        text,
                        p.span().start,
                        format!("cue {id}: empty phrase"),
                    ));
                }
                if n != *p.get_ref() {
                    return Err(at(
                        origin,
                        text,
                        p.span().start,
                        format!("cue {id}: write the phrase as the normalized view shows it: {n:?} (lowercase, no accents)"),
                    ));
                }
                match detector
                    .patterns
                    .iter()
                    .position(|q| q.as_slice() == n.as_bytes())
                {
                    Some(k) if !detector.owners[k].contains(&cue) => detector.owners[k].push(cue),
                    Some(_) => {
                        return Err(at(
                            origin,
                            text,
                            p.span().start,
                            format!("cue {id}: phrase {n:?} is listed twice"),
                        ));
                    }
                    None => {
                        detector.patterns.push(n.into_bytes());
                        detector.owners.push(vec![cue]);
                    }
                }
            }
            let (line, _) = line_col(text, def.id.span().start);
            detector.cues.push(Cue {
                id,
                kind: def.context,
                languages,
                at_start: def.at_start,
                description: def.description,
                phrases: def.phrases.iter().map(|p| p.get_ref().clone()).collect(),
                location: format!("{origin}:{line}"),
            });
        }
        if !detector.patterns.is_empty() {
            detector.automaton =
                Some(MultiSearch::new(&detector.patterns, false).map_err(|e| {
                    Fatal::rules(format!("{origin}: cannot build the cue automaton: {e}"))
                })?);
        }

        let (origin, text) = orgs;
        let file: OrgFile = toml::from_str(text)
            .map_err(|e| at(origin, text, e.span().map_or(0, |s| s.start), e.message()))?;
        let mut org_ids: HashMap<String, ()> = HashMap::new();
        for def in file.organisations {
            let id = def.id.get_ref().trim().to_string();
            if id.is_empty() || org_ids.insert(id.clone(), ()).is_some() {
                return Err(at(
                    origin,
                    text,
                    def.id.span().start,
                    format!("organisation id {id:?} is empty or used twice"),
                ));
            }
            if def.source.get_ref().trim().is_empty() {
                return Err(at(
                    origin,
                    text,
                    def.source.span().start,
                    format!("organisation {id}: `source` must say where the entry comes from"),
                ));
            }
            let k = detector.organisations.len();
            for d in &def.domains {
                let host = links::host_of(&links::refang(d.get_ref()))
                    .filter(|h| h.contains('.'))
                    .ok_or_else(|| {
                        at(
                            origin,
                            text,
                            d.span().start,
                            format!("organisation {id}: {:?} is not a domain", d.get_ref()),
                        )
                    })?;
                if let Some(other) = detector.domains.insert(host.clone(), k) {
                    return Err(at(
                        origin,
                        text,
                        d.span().start,
                        format!(
                            "organisation {id}: domain {host} is already listed for {}",
                            detector.organisations[other].id
                        ),
                    ));
                }
            }
            for h in &def.handles {
                let handle = h
                    .get_ref()
                    .trim()
                    .trim_start_matches('@')
                    .to_ascii_lowercase();
                if handle.is_empty()
                    || !handle
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                {
                    return Err(at(
                        origin,
                        text,
                        h.span().start,
                        format!(
                            "organisation {id}: {:?} is not an account name",
                            h.get_ref()
                        ),
                    ));
                }
                if let Some(other) = detector.handles.insert(handle.clone(), k) {
                    return Err(at(
                        origin,
                        text,
                        h.span().start,
                        format!(
                            "organisation {id}: handle @{handle} is already listed for {}",
                            detector.organisations[other].id
                        ),
                    ));
                }
            }
            detector.organisations.push(Organisation {
                id,
                name: def.name,
                kind: def.kind,
            });
        }
        Ok(detector)
    }

    /// The organisation whose account is `author` (with or without '@').
    pub fn organisation_of_author(&self, author: &str) -> Option<&Organisation> {
        let handle = author.trim().trim_start_matches('@').to_ascii_lowercase();
        self.handles.get(&handle).map(|&k| &self.organisations[k])
    }

    /// The organisation one of whose sites holds `host` (or a parent domain of it).
    pub fn organisation_of_host(&self, host: &str) -> Option<&Organisation> {
        host_suffixes(host)
            .find_map(|h| self.domains.get(h))
            .map(|&k| &self.organisations[k])
    }

    /// The context of an item in language `lang` whose matched evidence (campaign indicator
    /// spans, narrative words) is at `evidence` in `text`.
    pub fn detect(
        &self,
        text: &str,
        norm: &Normalized,
        lang: &str,
        meta: &ItemMeta<'_>,
        evidence: &[Span],
    ) -> Context {
        let mut by_cue: Vec<Vec<Span>> = vec![Vec::new(); self.cues.len()];
        if let Some(ac) = &self.automaton {
            let start = content_start(&norm.text);
            let ntext = norm.text.as_str();
            ac.for_each(ntext.as_bytes(), |p, s, e| {
                if !at_word_boundaries(ntext, s, e) {
                    return;
                }
                for &c in &self.owners[p] {
                    let cue = &self.cues[c];
                    let applies = cue.languages.is_empty()
                        || lang == "und"
                        || cue.languages.iter().any(|l| l == lang);
                    if applies && (!cue.at_start || s == start) {
                        by_cue[c].push(norm.to_original(Span::new(s, e), text));
                    }
                }
            });
        }
        let mut hits: Vec<ContextHit> = Vec::new();
        let quoted = quoted_regions(text);
        let evidence_quoted: Vec<Span> = evidence
            .iter()
            .copied()
            .filter(|e| quoted.iter().any(|q| q.start <= e.start && e.end <= q.end))
            .collect();
        for (c, spans) in by_cue.into_iter().enumerate() {
            if spans.is_empty() {
                continue;
            }
            let cue = &self.cues[c];
            let kind = match cue.kind {
                CueKind::Debunk => ContextKind::Debunk,
                CueKind::Report => ContextKind::Report,
                CueKind::Distance if !evidence_quoted.is_empty() => ContextKind::Report,
                CueKind::Distance => continue,
            };
            hits.push(ContextHit {
                code: cue.id.clone(),
                label: cue.id.clone(),
                kind,
                spans,
            });
        }
        if !evidence_quoted.is_empty() && !hits.is_empty() {
            hits.push(ContextHit {
                code: QUOTE.into(),
                label: "quotes the matched text".into(),
                kind: ContextKind::Report,
                spans: evidence_quoted,
            });
        }
        let org_kind = |o: &Organisation| match o.kind {
            OrgKind::Factchecker => ContextKind::Debunk,
            OrgKind::Research | OrgKind::Newsroom => ContextKind::Report,
        };
        if let Some(o) = self
            .organisation_of_author(meta.author)
            .filter(|_| !meta.author.is_empty())
        {
            hits.push(ContextHit {
                code: ORG_AUTHOR.into(),
                label: format!(
                    "author @{} is {} ({})",
                    meta.author.trim().trim_start_matches('@'),
                    o.name,
                    o.kind.as_str()
                ),
                kind: org_kind(o),
                spans: Vec::new(),
            });
        }
        if let Some(o) =
            links::host_of(&links::refang(meta.url)).and_then(|h| self.organisation_of_host(&h))
        {
            hits.push(ContextHit {
                code: ORG_URL.into(),
                label: format!("url on a site of {} ({})", o.name, o.kind.as_str()),
                kind: org_kind(o),
                spans: Vec::new(),
            });
        }
        if !self.domains.is_empty() {
            for host in links::extract_hosts(text) {
                let article = host.path.trim_matches('/').len() > 1;
                if let Some(o) = self.organisation_of_host(&host.host) {
                    if article && o.kind == OrgKind::Factchecker {
                        hits.push(ContextHit {
                            code: ORG_LINK.into(),
                            label: format!("links to a fact-check by {}", o.name),
                            kind: ContextKind::Debunk,
                            spans: vec![host.span],
                        });
                    }
                }
            }
        }
        let kind = hits.iter().map(|h| h.kind).max().unwrap_or_default();
        Context {
            kind,
            hits,
            evaluated: true,
        }
    }
}

/// Byte offset in the normalized text where its first words start: after leading white
/// space, punctuation, emoji and an "rt @handle:" prefix.
fn content_start(ntext: &str) -> usize {
    let mut rest = ntext;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
        let trimmed = match trimmed.strip_prefix("rt @") {
            Some(after) => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                &after[end..]
            }
            None => trimmed,
        };
        if trimmed.len() == rest.len() {
            return ntext.len() - rest.len();
        }
        rest = trimmed;
    }
}

/// Spans of the original text inside double quotation marks ("…", “…”, «…», „…“).
pub fn quoted_regions(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"' | '“' | '«' | '„') => open = Some((i + c.len_utf8(), c)),
            (Some((start, o)), _) => {
                let closes = match o {
                    '"' => c == '"',
                    '“' => c == '”' || c == '"',
                    '«' => c == '»',
                    _ => c == '“' || c == '”' || c == '"',
                };
                if closes {
                    out.push(Span::new(start, i));
                    open = None;
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(text: &str, lang: &str, meta: ItemMeta<'_>, evidence: &[Span]) -> Context {
        let d = ContextDetector::embedded().unwrap();
        d.detect(text, &normalize(text), lang, &meta, evidence)
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    #[test]
    fn fact_check_framing_and_campaign_names_are_found() {
        let t = "FACT CHECK: the #KochFarms turkey poisoning story was a hoax";
        let c = detect(t, "en", ItemMeta::default(), &[]);
        assert_eq!(c.kind, ContextKind::Debunk);
        let labels: Vec<&str> = c.hits.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, ["CTX-EN-HEADLINE", "CTX-EN-VERDICT"]);
        assert_eq!(c.hits[0].spans[0].slice(t), "FACT CHECK:");
        let fr = "Attention : lemonde.ltd est un faux site créé par Doppelgänger";
        let c = detect(fr, "fr", ItemMeta::default(), &[]);
        assert_eq!(c.kind, ContextKind::Debunk);
        assert!(c.hits.iter().any(|h| h.label == "CTX-ATTRIBUTION"));
        let r = detect(
            "VIGINUM says Storm-1516 staged the video",
            "en",
            ItemMeta::default(),
            &[],
        );
        assert_eq!(r.kind, ContextKind::Report);
    }

    #[test]
    fn verification_requests_are_not_debunks() {
        for (t, lang) in [
            ("@FullFact real or fake? Refugees attacked a driver", "en"),
            ("Is this fake? Can you verify this BBC video", "en"),
            (
                "Info ou intox ? Selon Le Monde, des réfugiés ont vandalisé une église",
                "fr",
            ),
            (
                "Vrai ou faux ? Selon Le Figaro, Zelensky s'est offert un palais",
                "fr",
            ),
            (
                "The official media don't report on it, so what should I believe?",
                "en",
            ),
        ] {
            let c = detect(t, lang, ItemMeta::default(), &[]);
            assert_eq!(c.kind, ContextKind::None, "{t:?}: {:?}", c.hits);
        }
        // A headline cue counts only as the first words.
        let c = detect(
            "Breaking news, fake: nothing",
            "en",
            ItemMeta::default(),
            &[],
        );
        assert!(c.hits.iter().all(|h| h.label != "CTX-EN-HEADLINE"));
        let c = detect("RT @afp: FACT CHECK: no", "en", ItemMeta::default(), &[]);
        assert!(c.hits.iter().any(|h| h.label == "CTX-EN-HEADLINE"));
    }

    #[test]
    fn reported_speech_counts_only_around_quoted_evidence() {
        let t = "The post claims that \"Zelensky bought a villa\" with aid";
        let ev = [span_of(t, "villa")];
        assert_eq!(
            detect(t, "en", ItemMeta::default(), &ev).kind,
            ContextKind::Report
        );
        let unquoted = "A French professor claims that Maia Sandu is corrupt";
        let ev = [span_of(unquoted, "Maia Sandu")];
        assert_eq!(
            detect(unquoted, "en", ItemMeta::default(), &ev).kind,
            ContextKind::None
        );
    }

    #[test]
    fn authors_and_sites_of_fact_checkers_and_newsrooms() {
        let t = "Zelensky did buy a villa, says this video";
        let fc = ItemMeta {
            author: "@AFPFactCheck",
            ..ItemMeta::default()
        };
        assert_eq!(detect(t, "en", fc, &[]).kind, ContextKind::Debunk);
        let news = ItemMeta {
            author: "someone",
            url: "https://www.reuters.com/world/x",
            ..ItemMeta::default()
        };
        assert_eq!(detect(t, "en", news, &[]).kind, ContextKind::Report);
        // Tagging a fact-checker is what Matryoshka does: not a context.
        assert_eq!(
            detect(
                "@AFPFactCheck please verify",
                "en",
                ItemMeta::default(),
                &[]
            )
            .kind,
            ContextKind::None
        );
        let link = "See https://factuel.afp.com/doc.afp.com.34XY7 on this video";
        assert_eq!(
            detect(link, "en", ItemMeta::default(), &[]).kind,
            ContextKind::Debunk
        );
    }

    #[test]
    fn bad_lists_are_reported_with_line_and_column() {
        let e = ContextDetector::parse(
            ("c.toml", "[[cue]]\nid = \"X\"\ncontext = \"debunk\"\ndescription = \"d\"\nphrases = [\"Faux\"]\n"),
            ("o.toml", "organisation = []\n"),
        )
        .unwrap_err();
        assert!(e.message.starts_with("c.toml:5:"), "{}", e.message);
        let e = ContextDetector::parse(
            ("c.toml", "cue = []\n"),
            (
                "o.toml",
                "[[organisation]]\nid = \"a\"\nname = \"A\"\nkind = \"blog\"\nsource = \"s\"\n",
            ),
        )
        .unwrap_err();
        assert!(e.message.starts_with("o.toml:4:"), "{}", e.message);
        let e = ContextDetector::parse(
            ("c.toml", "cue = []\n"),
            ("o.toml", "[[organisation]]\nid = \"a\"\nname = \"A\"\nkind = \"newsroom\"\ndomains = [\"not a domain\"]\nsource = \"s\"\n"),
        )
        .unwrap_err();
        assert!(e.message.starts_with("o.toml:5:"), "{}", e.message);
        // A cue may not take a derived sign's code: `calque rule` would not know which.
        let e = ContextDetector::parse(
            ("c.toml", "[[cue]]\nid = \"ctx-quote\"\ncontext = \"report\"\ndescription = \"d\"\nphrases = [\"x\"]\n"),
            ("o.toml", "organisation = []\n"),
        )
        .unwrap_err();
        assert!(e.message.starts_with("c.toml:2:"), "{}", e.message);
    }

    #[test]
    fn derived_signs_carry_stable_codes_and_readable_labels() {
        let t = "The post claims that \"Zelensky bought a villa\". See https://factuel.afp.com/doc.afp.com.34XY7";
        let meta = ItemMeta {
            author: "@AFPFactCheck",
            url: "https://factuel.afp.com/x",
            ..ItemMeta::default()
        };
        let c = detect(t, "en", meta, &[span_of(t, "villa")]);
        let codes: Vec<(&str, &str)> = c
            .hits
            .iter()
            .map(|h| (h.code.as_str(), h.label.as_str()))
            .collect();
        assert_eq!(codes[0], ("CTX-DISTANCE", "CTX-DISTANCE"));
        assert_eq!(codes[1], (QUOTE, "quotes the matched text"));
        assert_eq!(codes[2].0, ORG_AUTHOR);
        assert!(
            codes[2].1.starts_with("author @AFPFactCheck is AFP"),
            "{codes:?}"
        );
        assert_eq!(codes[3].0, ORG_URL);
        assert_eq!(
            codes[4],
            (
                ORG_LINK,
                "links to a fact-check by AFP Fact Check / AFP Factuel"
            )
        );
    }
}
