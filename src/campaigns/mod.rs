//! Campaign rules: load TOML rule files, compile them once, and match items against them.
//!
//! All literal phrases of all campaigns go into one Aho-Corasick automaton run over the
//! normalized view; regexes run on the same view; domains and hashtags are looked up in hash
//! maps from the links and tags extracted from the original text; `all_of`/`any_of`
//! combinations are evaluated last, in file order. See `docs/rules.md`.

pub mod ioc;
pub mod links;
pub mod outlets;
pub mod prefilter;
pub mod schema;

use crate::error::{line_col, Fatal, Result};
use crate::multi_search::MultiSearch;
use crate::normalize::{normalize, Normalized};
use crate::record::{Link, Span};
use crate::rule_selection::RuleSelection;
use regex::{Regex, RegexBuilder};
use schema::{Kind, RuleFile};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// Largest compiled size allowed for one indicator's regex.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A campaign as loaded from its rule file.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub references: Vec<String>,
    pub disarm: Vec<String>,
    pub description: String,
    /// Where it was loaded from ("embedded:matryoshka.toml" or a path).
    pub origin: String,
    /// Indices into [`CampaignSet::indicators`].
    pub indicators: Vec<usize>,
}

/// What an indicator matches, compiled.
#[derive(Debug, Clone)]
pub enum Matcher {
    /// Phrases live in the shared automaton; this keeps their text for display.
    Phrase(Vec<String>),
    Regex(Regex),
    Domain(Vec<String>),
    /// (canonical host, path prefix) pairs, see [`links::url_key`].
    Url(Vec<(String, String)>),
    Hashtag(Vec<String>),
    Typosquat(Vec<String>),
    AllOf(Vec<usize>),
    AnyOf {
        of: Vec<usize>,
        min: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub campaign: usize,
    pub kind: Kind,
    pub weight: f64,
    pub part: bool,
    pub languages: Vec<String>,
    pub description: String,
    pub source: String,
    pub fires_on: Vec<String>,
    pub must_not_fire_on: Vec<String>,
    /// "file:line" of the indicator's id, for messages.
    pub location: String,
    pub matcher: Matcher,
}

/// An indicator that fired on an item, with the spans of the original text it fired on.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorHit {
    pub indicator: usize,
    pub spans: Vec<Span>,
}

/// Bytes of a phrase that the shared automaton searches (see `CampaignSet::head_phrases`).
const PHRASE_HEAD_BYTES: usize = 8;

/// Every loaded campaign, compiled for matching.
#[derive(Debug, Clone)]
pub struct CampaignSet {
    pub campaigns: Vec<Campaign>,
    pub indicators: Vec<Indicator>,
    /// The claims rule files declare (`[[narrative]]`), matched like `--narratives` claims.
    pub narratives: Vec<crate::narratives::Claim>,
    phrases: Option<MultiSearch>,
    /// The patterns of `phrases`, in order: every distinct phrase head, then every regex
    /// literal.
    phrase_patterns: Vec<Vec<u8>>,
    /// Every phrase, in full; the automaton searches their heads (first [`PHRASE_HEAD_BYTES`]
    /// bytes) and each head occurrence is checked against the phrases that start with it.
    phrases_full: Vec<Vec<u8>>,
    /// For each head pattern: the phrases (indices into `phrases_full`) it starts.
    head_phrases: Vec<Vec<usize>>,
    /// For each phrase: the indicators that own it.
    phrase_owners: Vec<Vec<usize>>,
    domains: HashMap<String, Vec<usize>>,
    /// Length of the longest key of `domains`: a link's longer suffixes are not looked up.
    longest_domain: usize,
    /// Canonical host → (path prefix, indicator).
    urls: HashMap<String, Vec<(String, usize)>>,
    hashtags: HashMap<String, Vec<usize>>,
    regexes: Vec<usize>,
    typosquats: Vec<usize>,
    regex_prefilter: prefilter::RegexPrefilter,
    combos: Vec<usize>,
    outlets: outlets::Outlets,
    /// The selection the set was loaded with; feeds added later obey it too.
    pub selection: RuleSelection,
    /// Ids of the indicators the selection left out, which are known codes all the same.
    pub left_out: Vec<String>,
}

/// Rule files to load, in order; a later file with the same campaign id replaces an earlier one.
#[derive(Debug, Default, Clone)]
pub struct RuleSources {
    files: Vec<(String, String)>,
    /// Indicators left out of the set (`--select` / `--ignore`).
    selection: RuleSelection,
}

impl RuleSources {
    /// The rule files embedded in the binary.
    pub fn embedded() -> Self {
        RuleSources {
            files: EMBEDDED_RULE_FILES
                .iter()
                .map(|(name, text)| (format!("embedded:{name}"), text.to_string()))
                .collect(),
            selection: RuleSelection::all(),
        }
    }

    /// Compile only the indicators `selection` selects (and the building blocks of selected
    /// combinations, which then count only through them).
    pub fn select(&mut self, selection: RuleSelection) {
        self.selection = selection;
    }

    pub fn add(&mut self, origin: impl Into<String>, text: impl Into<String>) {
        self.files.push((origin.into(), text.into()));
    }

    /// Add every `*.toml` file of `dir` (sorted by name), or `dir` itself if it is a file.
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        let mut files = Vec::new();
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| {
                Fatal::rules(format!(
                    "{}: cannot read rules directory: {e}",
                    path.display()
                ))
            })?;
            for entry in entries {
                let p = entry
                    .map_err(|e| Fatal::rules(format!("{}: {e}", path.display())))?
                    .path();
                if p.extension().is_some_and(|x| x == "toml") {
                    files.push(p);
                }
            }
            files.sort();
            if files.is_empty() {
                return Err(Fatal::rules(format!(
                    "{}: no *.toml rule files in this directory",
                    path.display()
                )));
            }
        } else {
            files.push(path.to_path_buf());
        }
        for p in files {
            let text = std::fs::read_to_string(&p).map_err(|e| {
                Fatal::rules(format!("{}: cannot read rule file: {e}", p.display()))
            })?;
            self.add(p.display().to_string(), text);
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Error at a byte offset of a rule file, rendered "file:line:col: message".
fn at(origin: &str, text: &str, offset: usize, msg: impl std::fmt::Display) -> Fatal {
    let (line, col) = line_col(text, offset);
    Fatal::rules(format!("{origin}:{line}:{col}: {msg}"))
}

struct Builder {
    set: CampaignSet,
    phrase_index: HashMap<String, usize>,
    phrase_patterns: Vec<String>,
}

impl CampaignSet {
    /// Load and compile rule files; the last file defining a campaign id wins.
    pub fn load(sources: &RuleSources, outlets: outlets::Outlets) -> Result<Self> {
        let mut parsed: Vec<(String, String, RuleFile)> = Vec::new();
        for (origin, text) in &sources.files {
            let file: RuleFile = toml::from_str(text).map_err(|e| {
                let offset = e.span().map_or(0, |s| s.start);
                at(origin, text, offset, e.message())
            })?;
            let id = file.campaign.id.get_ref().clone();
            if let Some(pos) = parsed
                .iter()
                .position(|(_, _, f)| *f.campaign.id.get_ref() == id)
            {
                parsed.remove(pos);
            }
            parsed.push((origin.clone(), text.clone(), file));
        }
        let mut left_out = Vec::new();
        if !sources.selection.is_all() {
            for (_, _, file) in &mut parsed {
                left_out.extend(select_indicators(&sources.selection, file));
            }
            parsed.retain(|(_, _, file)| !file.indicators.is_empty());
        }
        parsed.sort_by(|a, b| a.2.campaign.id.get_ref().cmp(b.2.campaign.id.get_ref()));
        let mut b = Builder {
            set: CampaignSet {
                campaigns: Vec::new(),
                indicators: Vec::new(),
                narratives: Vec::new(),
                phrases: None,
                phrase_owners: Vec::new(),
                phrase_patterns: Vec::new(),
                phrases_full: Vec::new(),
                head_phrases: Vec::new(),
                domains: HashMap::new(),
                longest_domain: 0,
                urls: HashMap::new(),
                hashtags: HashMap::new(),
                regexes: Vec::new(),
                typosquats: Vec::new(),
                regex_prefilter: prefilter::RegexPrefilter::default(),
                combos: Vec::new(),
                outlets,
                selection: sources.selection.clone(),
                left_out,
            },
            phrase_index: HashMap::new(),
            phrase_patterns: Vec::new(),
        };
        let mut seen_ids: HashMap<String, String> = HashMap::new();
        for (origin, text, file) in parsed {
            b.add_file(&origin, &text, file, &mut seen_ids)?;
        }
        let set = &b.set;
        b.set.regex_prefilter =
            prefilter::RegexPrefilter::build(set.regexes.iter().filter_map(|&i| {
                match &set.indicators[i].matcher {
                    Matcher::Regex(re) => Some((i, re.as_str())),
                    _ => None,
                }
            }));
        // One automaton for every phrase and every regex prefix: one pass per item. A DFA:
        // hundreds of patterns run over every item, where the DFA is about twice as fast as
        // the default NFA (engineering notes §4.3), for a few MB of memory.
        // Phrases are searched by their heads: a smaller automaton stays in cache between items,
        // and a head occurrence is checked against its phrases in full.
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for (p, phrase) in b.phrase_patterns.iter().enumerate() {
            let bytes = phrase.as_bytes();
            let head = &bytes[..bytes.len().min(PHRASE_HEAD_BYTES)];
            match patterns.iter().position(|h| h.as_slice() == head) {
                Some(k) => b.set.head_phrases[k].push(p),
                None => {
                    patterns.push(head.to_vec());
                    b.set.head_phrases.push(vec![p]);
                }
            }
            b.set.phrases_full.push(bytes.to_vec());
        }
        patterns.extend(b.set.regex_prefilter.patterns.iter().cloned());
        if !patterns.is_empty() {
            let ac = MultiSearch::new(&patterns, false)
                .map_err(|e| Fatal::rules(format!("cannot build the phrase automaton: {e}")))?;
            b.set.phrases = Some(ac);
        }
        b.set.phrase_patterns = patterns;
        Ok(b.set)
    }

    /// Load the embedded rule files with the embedded outlet list.
    pub fn embedded() -> Result<Self> {
        Self::load(&RuleSources::embedded(), outlets::Outlets::embedded()?)
    }

    pub fn campaign_of(&self, indicator: usize) -> &Campaign {
        &self.campaigns[self.indicators[indicator].campaign]
    }

    pub fn outlets(&self) -> &outlets::Outlets {
        &self.outlets
    }

    /// Index of the indicator with this id.
    pub fn indicator_by_id(&self, id: &str) -> Option<usize> {
        self.indicators
            .iter()
            .position(|i| i.id.eq_ignore_ascii_case(id))
    }

    /// Languages named by any indicator.
    pub fn languages(&self) -> Vec<String> {
        let mut langs: Vec<String> = self
            .indicators
            .iter()
            .flat_map(|i| i.languages.iter().cloned())
            .collect();
        langs.sort();
        langs.dedup();
        langs
    }

    /// The index of campaign `id`, created with these details if it is not loaded yet.
    pub fn ensure_campaign(
        &mut self,
        id: &str,
        name: &str,
        description: &str,
        origin: &str,
    ) -> usize {
        if let Some(c) = self.campaigns.iter().position(|c| c.id == id) {
            return c;
        }
        self.campaigns.push(Campaign {
            id: id.to_string(),
            name: name.to_string(),
            aliases: Vec::new(),
            references: Vec::new(),
            disarm: Vec::new(),
            description: description.to_string(),
            origin: origin.to_string(),
            indicators: Vec::new(),
        });
        self.campaigns.len() - 1
    }

    /// Add a `domain` or `url` indicator from a published feed (see [`crate::campaigns::ioc`])
    /// to campaign `campaign_id` (created if missing); returns its index. Its `campaign` field
    /// is overwritten. Other kinds are refused: they need the compiled phrase automaton.
    pub fn add_domain_indicator(
        &mut self,
        campaign_id: &str,
        indicator: Indicator,
    ) -> Result<usize> {
        if self.indicator_by_id(&indicator.id).is_some() {
            return Err(Fatal::rules(format!(
                "{}: indicator id {:?} is already used",
                indicator.location, indicator.id
            )));
        }
        let idx = self.indicators.len();
        match &indicator.matcher {
            Matcher::Domain(domains) => {
                for d in domains {
                    self.add_domain_key(d.clone(), idx);
                }
            }
            Matcher::Url(keys) => {
                for (host, path) in keys {
                    self.urls
                        .entry(host.clone())
                        .or_default()
                        .push((path.clone(), idx));
                }
            }
            _ => {
                return Err(Fatal::rules(format!(
                    "{}: indicator {}: only domain and url indicators can be added after loading",
                    indicator.location, indicator.id
                )))
            }
        }
        let campaign = self.ensure_campaign(campaign_id, campaign_id, "", &indicator.location);
        self.indicators.push(Indicator {
            campaign,
            ..indicator
        });
        self.campaigns[campaign].indicators.push(idx);
        Ok(idx)
    }

    /// Make `indicator` fire on links to `domain` and its subdomains.
    fn add_domain_key(&mut self, domain: String, indicator: usize) {
        self.longest_domain = self.longest_domain.max(domain.len());
        self.domains.entry(domain).or_default().push(indicator);
    }

    /// The suffixes of `host` looked up among domain indicators: only those short enough to
    /// be a key. With hosts at most 253 bytes ([`links::MAX_HOST_BYTES`]), a fixed amount of
    /// work per host.
    fn domain_keys<'h>(&self, host: &'h str) -> impl Iterator<Item = &'h str> {
        let longest = self.longest_domain;
        host_suffixes(host).skip_while(move |s| s.len() > longest)
    }

    /// Every indicator that fires on `original` (whose normalized view is `norm`) for an item
    /// in language `lang`, in indicator order.
    pub fn matches(&self, original: &str, norm: &Normalized, lang: &str) -> Vec<IndicatorHit> {
        self.matches_with_links(original, norm, lang, &[])
    }

    /// As [`Self::matches`], with links the item carries outside its text (see
    /// [`crate::record::Record::links`]): they are matched as if written at their spans.
    pub fn matches_with_links(
        &self,
        original: &str,
        norm: &Normalized,
        lang: &str,
        links: &[Link],
    ) -> Vec<IndicatorHit> {
        let mut found = Vec::new();
        if let Some(ac) = &self.phrases {
            ac.for_each(norm.text.as_bytes(), |p, s, e| found.push((p, s, e)));
        }
        self.matches_found(original, norm, lang, links, found)
    }

    /// The patterns of the phrase automaton, in pattern order: a caller may search them in
    /// its own pass and hand the occurrences to [`Self::matches_found`].
    pub fn phrase_patterns(&self) -> &[Vec<u8>] {
        &self.phrase_patterns
    }

    /// As [`Self::matches_with_links`], given every occurrence in `norm.text` of every pattern
    /// of [`Self::phrase_patterns`], as (pattern index, start, end), overlapping ones included.
    pub fn matches_found(
        &self,
        original: &str,
        norm: &Normalized,
        lang: &str,
        links: &[Link],
        found: impl IntoIterator<Item = (usize, usize, usize)>,
    ) -> Vec<IndicatorHit> {
        let mut spans: BTreeMap<usize, Vec<Span>> = BTreeMap::new();
        let applies = |i: usize| {
            let langs = &self.indicators[i].languages;
            langs.is_empty() || lang == "und" || langs.iter().any(|l| l == lang)
        };
        let mut prefixes_found = Vec::new();
        let text = norm.text.as_str();
        let head_count = self.head_phrases.len();
        for (k, start, _) in found {
            if k >= head_count {
                prefixes_found.push(k - head_count);
                continue;
            }
            for &p in &self.head_phrases[k] {
                let end = start + self.phrases_full[p].len();
                if !text.as_bytes()[start..].starts_with(&self.phrases_full[p])
                    || !at_word_boundaries(text, start, end)
                {
                    continue;
                }
                let span = norm.to_original(Span::new(start, end), original);
                for &i in &self.phrase_owners[p] {
                    if applies(i) {
                        spans.entry(i).or_default().push(span);
                    }
                }
            }
        }
        for i in self.regex_prefilter.candidates(prefixes_found) {
            if !applies(i) {
                continue;
            }
            if let Matcher::Regex(re) = &self.indicators[i].matcher {
                for m in re.find_iter(&norm.text) {
                    if m.start() < m.end() {
                        let span = norm.to_original(Span::new(m.start(), m.end()), original);
                        spans.entry(i).or_default().push(span);
                    }
                }
            }
        }
        if !self.domains.is_empty() || !self.urls.is_empty() || !self.typosquats.is_empty() {
            let mut hosts = links::extract_hosts(original);
            for link in links {
                // Hosts of a link carried outside the text count where the text shows it.
                hosts.extend(links::extract_hosts(&link.url).into_iter().map(|mut h| {
                    h.span = link.span;
                    h
                }));
            }
            for host in hosts {
                for suffix in self.domain_keys(&host.host) {
                    for &i in self.domains.get(suffix).map_or(&[][..], |v| v.as_slice()) {
                        if applies(i) {
                            spans.entry(i).or_default().push(host.span);
                        }
                    }
                }
                if !host.path.is_empty() && !self.urls.is_empty() {
                    let chost = links::canonical_platform_host(&host.host);
                    for (prefix, i) in self.urls.get(chost).map_or(&[][..], |v| v.as_slice()) {
                        let key = (chost, prefix.as_str());
                        if applies(*i) && links::link_is_under(&host.host, &host.path, key) {
                            spans.entry(*i).or_default().push(host.span);
                        }
                    }
                }
                if !self.typosquats.is_empty() {
                    // Look-alike tests run on what a reader sees: IDN labels decoded and
                    // Cyrillic/Greek look-alike letters folded ("lеmonde.fr" with a Cyrillic е).
                    let decoded;
                    let seen = if host.host.is_ascii() && !host.host.contains("xn--") {
                        host.host.as_str()
                    } else {
                        decoded = normalize(&links::unicode_host(&host.host)).text;
                        decoded.as_str()
                    };
                    let imitated = self.outlets.imitated_ids_link(&host.host, seen);
                    if !imitated.is_empty() {
                        for &i in &self.typosquats {
                            if let Matcher::Typosquat(ids) = &self.indicators[i].matcher {
                                let hit = ids.is_empty()
                                    || ids.iter().any(|id| imitated.contains(&id.as_str()));
                                if applies(i) && hit {
                                    spans.entry(i).or_default().push(host.span);
                                }
                            }
                        }
                    }
                }
            }
        }
        if !self.hashtags.is_empty() {
            for tag in links::extract_hashtags(original) {
                for &i in self
                    .hashtags
                    .get(&tag.tag)
                    .map_or(&[][..], |v| v.as_slice())
                {
                    if applies(i) {
                        spans.entry(i).or_default().push(tag.span);
                    }
                }
            }
        }
        for &i in &self.combos {
            if !applies(i) {
                continue;
            }
            let (of, min) = match &self.indicators[i].matcher {
                Matcher::AllOf(of) => (of, of.len()),
                Matcher::AnyOf { of, min } => (of, *min),
                _ => continue,
            };
            let fired: Vec<usize> = of
                .iter()
                .copied()
                .filter(|j| spans.contains_key(j))
                .collect();
            if fired.len() >= min && !fired.is_empty() {
                let mut union: Vec<Span> = fired
                    .iter()
                    .flat_map(|j| spans[j].iter().copied())
                    .collect();
                union.sort();
                union.dedup();
                spans.insert(i, union);
            }
        }
        spans
            .into_iter()
            .map(|(indicator, mut spans)| {
                spans.sort();
                spans.dedup();
                IndicatorHit { indicator, spans }
            })
            .collect()
    }
}

impl CampaignSet {
    /// Indicators that fired only as evidence inside a fired `all_of`/`any_of` combination
    /// (directly or through nested combinations). Their evidence counts once, through the
    /// combination, so that "outlet name + verification request" is not also scored as a
    /// separate verification request.
    pub fn subsumed(&self, fired: &[usize]) -> Vec<usize> {
        let mut subsumed = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        for &i in fired {
            if let Matcher::AllOf(of) | Matcher::AnyOf { of, .. } = &self.indicators[i].matcher {
                stack.extend(of.iter().copied().filter(|p| fired.contains(p)));
            }
        }
        while let Some(p) = stack.pop() {
            if subsumed.contains(&p) {
                continue;
            }
            subsumed.push(p);
            if let Matcher::AllOf(of) | Matcher::AnyOf { of, .. } = &self.indicators[p].matcher {
                stack.extend(of.iter().copied().filter(|q| fired.contains(q)));
            }
        }
        subsumed.sort_unstable();
        subsumed
    }
}

/// Keep the indicators of `file` that `selection` selects, and the ones that kept combinations
/// are made of (combinations refer only to indicators defined before them in the same file),
/// turned into building blocks so that they count only through the combination. Returns the
/// ids left out.
fn select_indicators(selection: &RuleSelection, file: &mut RuleFile) -> Vec<String> {
    let defs = &mut file.indicators;
    let mut keep: Vec<bool> = defs
        .iter()
        .map(|d| selection.selects(d.id.get_ref().trim()))
        .collect();
    let mut as_part = vec![false; defs.len()];
    for i in (0..defs.len()).rev() {
        if !keep[i] {
            continue;
        }
        for r in &defs[i].of {
            let r = r.get_ref().trim();
            if let Some(j) = defs[..i].iter().rposition(|d| d.id.get_ref().trim() == r) {
                if !keep[j] {
                    keep[j] = true;
                    as_part[j] = true;
                }
            }
        }
    }
    let mut left_out = Vec::new();
    let mut k = 0;
    defs.retain_mut(|d| {
        let (kept, part) = (keep[k], as_part[k]);
        k += 1;
        if !kept {
            left_out.push(d.id.get_ref().trim().to_string());
        } else if part && !d.part {
            d.part = true;
            d.weight = None;
        }
        kept
    });
    left_out
}

/// `host` and each parent domain: "a.b.example.com", "b.example.com", "example.com", "com".
pub fn host_suffixes(host: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(host), |h| h.split_once('.').map(|(_, rest)| rest))
}

pub(crate) fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let edge_ok = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (Some(o), Some(i)) if i.is_alphanumeric() => !o.is_alphanumeric(),
        _ => true,
    };
    edge_ok(before, first) && edge_ok(after, last)
}

impl Builder {
    /// Add one normalized phrase to the shared automaton's patterns, owned by `indicator`.
    fn add_phrase_pattern(&mut self, pattern: String, indicator: usize) {
        let k = match self.phrase_index.get(&pattern) {
            Some(&k) => k,
            None => {
                self.phrase_patterns.push(pattern.clone());
                self.set.phrase_owners.push(Vec::new());
                self.phrase_index
                    .insert(pattern, self.phrase_patterns.len() - 1);
                self.phrase_patterns.len() - 1
            }
        };
        if !self.set.phrase_owners[k].contains(&indicator) {
            self.set.phrase_owners[k].push(indicator);
        }
    }

    fn add_file(
        &mut self,
        origin: &str,
        text: &str,
        file: RuleFile,
        seen_ids: &mut HashMap<String, String>,
    ) -> Result<()> {
        let err = |offset: usize, msg: String| at(origin, text, offset, msg);
        let c = file.campaign;
        if c.id.get_ref().trim().is_empty() {
            return Err(err(
                c.id.span().start,
                "campaign id must not be empty".into(),
            ));
        }
        let campaign = self.set.campaigns.len();
        let mut local: HashMap<String, usize> = HashMap::new();
        let mut own = Vec::new();
        if file.indicators.is_empty() && file.narratives.is_empty() {
            return Err(err(
                c.id.span().start,
                format!(
                    "campaign {:?} has no [[indicator]] nor [[narrative]]",
                    c.id.get_ref()
                ),
            ));
        }
        for def in &file.narratives {
            let id = def.id.get_ref().trim().to_string();
            let id_at = def.id.span().start;
            let (line, _) = line_col(text, id_at);
            if id.is_empty() {
                return Err(err(id_at, "narrative id must not be empty".into()));
            }
            if let Some(previous) = seen_ids.get(&id.to_ascii_uppercase()) {
                return Err(err(
                    id_at,
                    format!("narrative id {id:?} is already used at {previous}"),
                ));
            }
            seen_ids.insert(id.to_ascii_uppercase(), format!("{origin}:{line}"));
            let lang = match def.lang.get_ref().trim() {
                "en" => "en",
                "fr" => "fr",
                other => {
                    return Err(err(
                        def.lang.span().start,
                        format!(
                        "narrative {id}: lang {other:?}: only \"en\" and \"fr\" claims are matched"
                    ),
                    ))
                }
            };
            let claim = def
                .claim
                .get_ref()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if claim.is_empty() {
                return Err(err(
                    def.claim.span().start,
                    format!("narrative {id}: empty claim"),
                ));
            }
            if def.source.get_ref().trim().is_empty() {
                return Err(err(
                    def.source.span().start,
                    format!("narrative {id}: `source` must cite where the claim comes from"),
                ));
            }
            if def.fires_on.is_empty() {
                return Err(err(
                    id_at,
                    format!("narrative {id}: needs at least one `fires_on` example (a paraphrase)"),
                ));
            }
            self.set.narratives.push(crate::narratives::Claim {
                text: claim,
                lang,
                id,
                url: def.url.trim().to_string(),
                origin: format!("{origin}:{line}"),
                campaign: Some(c.id.get_ref().clone()),
                citation: def.source.get_ref().trim().to_string(),
                fires_on: def.fires_on.clone(),
                must_not_fire_on: def.must_not_fire_on.clone(),
                ..crate::narratives::Claim::default()
            });
        }
        for def in file.indicators {
            let id = def.id.get_ref().trim().to_string();
            let id_at = def.id.span().start;
            let (line, _) = line_col(text, id_at);
            let location = format!("{origin}:{line}");
            if id.is_empty() {
                return Err(err(id_at, "indicator id must not be empty".into()));
            }
            if let Some(previous) = seen_ids.get(&id.to_ascii_uppercase()) {
                return Err(err(
                    id_at,
                    format!("indicator id {id:?} is already used at {previous}"),
                ));
            }
            seen_ids.insert(id.to_ascii_uppercase(), location.clone());
            let kind = *def.kind.get_ref();
            let weight = match (&def.weight, def.part) {
                (Some(w), _) => {
                    let v = *w.get_ref();
                    if !(0.0..=1.0).contains(&v) || v.is_nan() {
                        return Err(err(
                            w.span().start,
                            format!("indicator {id}: weight {v} is outside [0, 1]"),
                        ));
                    }
                    v
                }
                (None, true) => 0.0,
                (None, false) => {
                    return Err(err(
                        id_at,
                        format!("indicator {id}: `weight` is required (or set `part = true`)"),
                    ))
                }
            };
            if def.source.get_ref().trim().is_empty() {
                return Err(err(
                    def.source.span().start,
                    format!("indicator {id}: `source` must cite where the indicator comes from"),
                ));
            }
            if def.fires_on.is_empty() || def.must_not_fire_on.is_empty() {
                return Err(err(id_at, format!("indicator {id}: needs at least one `fires_on` and one `must_not_fire_on` example")));
            }
            let mut languages = Vec::new();
            for l in &def.languages {
                let code = l.get_ref().trim().to_ascii_lowercase();
                if crate::langid::parse_code(&code).is_none() {
                    return Err(err(
                        l.span().start,
                        format!("indicator {id}: unknown language code {code:?}"),
                    ));
                }
                languages.push(
                    crate::langid::iso_code(crate::langid::parse_code(&code).unwrap()).to_string(),
                );
            }
            let idx = self.set.indicators.len();
            let require = |field: &str, present: bool| -> Result<()> {
                if present {
                    Ok(())
                } else {
                    Err(err(
                        id_at,
                        format!(
                            "indicator {id}: kind {} needs a non-empty `{field}`",
                            kind.as_str()
                        ),
                    ))
                }
            };
            let matcher = match kind {
                Kind::Phrase => {
                    require("phrases", !def.phrases.is_empty())?;
                    let mut shown = Vec::new();
                    for p in &def.phrases {
                        let n = normalize(p.get_ref()).text.trim().to_string();
                        if n.is_empty() {
                            return Err(err(
                                p.span().start,
                                format!("indicator {id}: empty phrase"),
                            ));
                        }
                        // Also the phrase written as one word: "c a n y o u v e r i f y" is
                        // normalized to "canyouverify", and hashtags run words together
                        // (#SpecialMilitaryOperation). Short phrases would collide with words.
                        let squeezed: String = n.chars().filter(|c| *c != ' ').collect();
                        let squeezed = (squeezed.len() != n.len()
                            && squeezed.chars().filter(|c| c.is_alphanumeric()).count() >= 10)
                            .then_some(squeezed);
                        for pattern in std::iter::once(n).chain(squeezed) {
                            self.add_phrase_pattern(pattern, idx);
                        }
                        shown.push(p.get_ref().clone());
                    }
                    Matcher::Phrase(shown)
                }
                Kind::Regex => {
                    let p = def.pattern.as_ref().ok_or_else(|| {
                        err(id_at, format!("indicator {id}: kind regex needs `pattern`"))
                    })?;
                    let re = RegexBuilder::new(p.get_ref())
                        .size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .map_err(|e| {
                            err(
                                p.span().start,
                                format!("indicator {id}: invalid regex: {e}"),
                            )
                        })?;
                    if re.is_match("") {
                        return Err(err(
                            p.span().start,
                            format!("indicator {id}: regex matches the empty string"),
                        ));
                    }
                    self.set.regexes.push(idx);
                    Matcher::Regex(re)
                }
                Kind::Domain => {
                    require("domains", !def.domains.is_empty())?;
                    let mut list = Vec::new();
                    for d in &def.domains {
                        let host =
                            links::host_of(&links::refang(d.get_ref())).ok_or_else(|| {
                                err(
                                    d.span().start,
                                    format!("indicator {id}: {:?} is not a domain", d.get_ref()),
                                )
                            })?;
                        self.set.add_domain_key(host.clone(), idx);
                        list.push(host);
                    }
                    Matcher::Domain(list)
                }
                Kind::Url => {
                    require("urls", !def.urls.is_empty())?;
                    let mut list = Vec::new();
                    for u in &def.urls {
                        let key = links::url_key(u.get_ref()).ok_or_else(|| {
                            err(
                                u.span().start,
                                format!(
                                    "indicator {id}: {:?} is not a link with a path (use kind domain for a whole site)",
                                    u.get_ref()
                                ),
                            )
                        })?;
                        self.set
                            .urls
                            .entry(key.0.clone())
                            .or_default()
                            .push((key.1.clone(), idx));
                        list.push(key);
                    }
                    Matcher::Url(list)
                }
                Kind::Hashtag => {
                    require("hashtags", !def.hashtags.is_empty())?;
                    let mut list = Vec::new();
                    for h in &def.hashtags {
                        let tag = normalize(h.get_ref().trim_start_matches('#')).text;
                        if tag.is_empty() || tag.contains(char::is_whitespace) {
                            return Err(err(
                                h.span().start,
                                format!("indicator {id}: {:?} is not a hashtag", h.get_ref()),
                            ));
                        }
                        self.set.hashtags.entry(tag.clone()).or_default().push(idx);
                        list.push(tag);
                    }
                    Matcher::Hashtag(list)
                }
                Kind::Typosquat => {
                    let mut ids = Vec::new();
                    for o in &def.outlets {
                        if !self.set.outlets.contains(o.get_ref()) {
                            return Err(err(
                                o.span().start,
                                format!(
                                    "indicator {id}: unknown outlet {:?} (see data/outlets.toml)",
                                    o.get_ref()
                                ),
                            ));
                        }
                        ids.push(o.get_ref().clone());
                    }
                    self.set.typosquats.push(idx);
                    Matcher::Typosquat(ids)
                }
                Kind::AllOf | Kind::AnyOf => {
                    require("of", !def.of.is_empty())?;
                    let mut refs = Vec::new();
                    for r in &def.of {
                        let j = local.get(r.get_ref().trim()).copied().ok_or_else(|| {
                            err(r.span().start, format!("indicator {id}: {:?} is not an indicator defined earlier in this file", r.get_ref()))
                        })?;
                        refs.push(j);
                    }
                    self.set.combos.push(idx);
                    if kind == Kind::AllOf {
                        Matcher::AllOf(refs)
                    } else {
                        let min = def.min.as_ref().map_or(1, |m| *m.get_ref());
                        if min == 0 || min > refs.len() {
                            let offset = def.min.as_ref().map_or(id_at, |m| m.span().start);
                            return Err(err(
                                offset,
                                format!(
                                    "indicator {id}: `min` must be between 1 and {}",
                                    refs.len()
                                ),
                            ));
                        }
                        Matcher::AnyOf { of: refs, min }
                    }
                }
            };
            let unused = [
                ("phrases", !def.phrases.is_empty() && kind != Kind::Phrase),
                ("pattern", def.pattern.is_some() && kind != Kind::Regex),
                ("domains", !def.domains.is_empty() && kind != Kind::Domain),
                ("urls", !def.urls.is_empty() && kind != Kind::Url),
                (
                    "hashtags",
                    !def.hashtags.is_empty() && kind != Kind::Hashtag,
                ),
                (
                    "outlets",
                    !def.outlets.is_empty() && kind != Kind::Typosquat,
                ),
                (
                    "of",
                    !def.of.is_empty() && !matches!(kind, Kind::AllOf | Kind::AnyOf),
                ),
                ("min", def.min.is_some() && kind != Kind::AnyOf),
            ];
            if let Some((field, _)) = unused.iter().find(|(_, bad)| *bad) {
                return Err(err(
                    id_at,
                    format!(
                        "indicator {id}: `{field}` does not apply to kind {}",
                        kind.as_str()
                    ),
                ));
            }
            local.insert(id.clone(), idx);
            own.push(idx);
            self.set.indicators.push(Indicator {
                id,
                campaign,
                kind,
                weight,
                part: def.part,
                languages,
                description: def.description,
                source: def.source.into_inner(),
                fires_on: def.fires_on,
                must_not_fire_on: def.must_not_fire_on,
                location,
                matcher,
            });
        }
        self.set.campaigns.push(Campaign {
            id: c.id.into_inner(),
            name: c.name,
            aliases: c.aliases,
            references: c.references,
            disarm: c.disarm,
            description: c.description,
            origin: origin.to_string(),
            indicators: own,
        });
        Ok(())
    }
}

/// Result of running one indicator's examples.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub indicator: String,
    pub location: String,
    pub message: String,
}

impl CampaignSet {
    /// Run every indicator's `fires_on` / `must_not_fire_on` examples; return the failures.
    ///
    /// An example is analysed in the indicator's first language (or English), so language
    /// gating applies as it would in a scan.
    pub fn test_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            let lang = ind.languages.first().map_or("en", String::as_str);
            let fires = |text: &str| {
                let norm = normalize(text);
                self.matches(text, &norm, lang)
                    .iter()
                    .any(|h| h.indicator == i)
            };
            for ex in &ind.fires_on {
                if !fires(ex) {
                    failures.push(ExampleFailure {
                        indicator: ind.id.clone(),
                        location: ind.location.clone(),
                        message: format!("must fire on {ex:?} but did not"),
                    });
                }
            }
            for ex in &ind.must_not_fire_on {
                if fires(ex) {
                    failures.push(ExampleFailure {
                        indicator: ind.id.clone(),
                        location: ind.location.clone(),
                        message: format!("must not fire on {ex:?} but did"),
                    });
                }
            }
        }
        failures.extend(self.test_narrative_examples());
        failures
    }

    /// Run the `[[narrative]]` examples: each `fires_on` text must have the narrative as its
    /// best match at or above the default threshold, no `must_not_fire_on` text may.
    fn test_narrative_examples(&self) -> Vec<ExampleFailure> {
        if self.narratives.is_empty() {
            return Vec::new();
        }
        let params = crate::config::NarrativesConfig::default().params();
        let set = crate::narratives::NarrativeSet::build(self.narratives.clone());
        let mut failures = Vec::new();
        for (i, claim) in set.claims.iter().enumerate() {
            let best = |text: &str| set.best(text, claim.lang, &params);
            let mut fail = |message: String| {
                failures.push(ExampleFailure {
                    indicator: claim.id.clone(),
                    location: claim.origin.clone(),
                    message,
                })
            };
            for ex in &claim.fires_on {
                match best(ex) {
                    Some(m) if m.claim == i => {}
                    Some(m) => fail(format!(
                        "must be the best match of {ex:?} but {} is ({:.2})",
                        set.claims[m.claim].id, m.score
                    )),
                    None => fail(format!(
                        "must match {ex:?} but nothing reaches the threshold"
                    )),
                }
            }
            for ex in &claim.must_not_fire_on {
                if let Some(m) = best(ex).filter(|m| m.claim == i) {
                    fail(format!("must not match {ex:?} but did ({:.2})", m.score));
                }
            }
        }
        failures
    }
}

#[cfg(test)]
mod tests;
