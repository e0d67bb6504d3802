//! Published indicator feeds (`--ioc FILE`): domains and links that researchers tied to a
//! campaign, loaded as `domain` (a whole site) or `url` (one account or page on a platform)
//! indicators. Three formats, recognised from their first line:
//!
//! - **Meta threat-research CSV** (`facebook/threat-research`): a header naming an
//!   `indicator`, `indicator_refanged` or `indicator_value` column. Rows whose indicator is a
//!   domain or a link load; free-text rows (descriptions, "76 accounts") are counted as
//!   skipped. The campaign comes from `campaign=` or else from the row's file/comments.
//! - **DIMA CSV** (`M82-project/DIMA_Plugin_Chrome`, flattened): header `db,domain,matchType,…`;
//!   `db` names the operation (see [`dima_campaign`]).
//! - **Plain list**: one domain or link per line, `#` comments, and the campaign from
//!   `campaign=FILE` or a `# campaign: id` line.
//!
//! A bare domain of a big platform (youtube.com, t.me, …) is never loaded as a whole-site
//! indicator: it would tag every link to the platform. See `docs/rules.md`.

use super::links;
use super::schema::Kind;
use super::{CampaignSet, Indicator, Matcher};
use crate::error::{Fatal, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Weight of a feed indicator: a link to a domain that a public report tied to the campaign
/// is strong evidence on its own (it still says "matches indicators", not "is the campaign").
pub const IOC_WEIGHT: f64 = 0.8;

/// Hosts of platforms and services where a whole-domain match means nothing.
const PLATFORM_HOSTS: &[&str] = &[
    "youtube.com",
    "m.youtube.com",
    "youtu.be",
    "facebook.com",
    "fb.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "t.me",
    "telegram.me",
    "tiktok.com",
    "vk.com",
    "ok.ru",
    "pinterest.com",
    "ca.pinterest.com",
    "change.org",
    "gab.com",
    "8kun.top",
    "rumble.com",
    "odysee.com",
    "bitchute.com",
    "linkedin.com",
    "reddit.com",
    "medium.com",
    "substack.com",
    "google.com",
    "docs.google.com",
    "drive.google.com",
    "bit.ly",
    "t.co",
    "archive.org",
    "web.archive.org",
    "wikipedia.org",
];

/// Whether `host` is (a subdomain of) a platform host.
pub fn is_platform_host(host: &str) -> bool {
    super::host_suffixes(host).any(|h| PLATFORM_HOSTS.contains(&h))
}

/// One `--ioc` argument: `FILE` or `campaign=FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IocSpec {
    pub campaign: Option<String>,
    pub path: PathBuf,
}

impl std::str::FromStr for IocSpec {
    type Err = String;

    fn from_str(arg: &str) -> std::result::Result<Self, String> {
        if let Some((campaign, path)) = arg.split_once('=') {
            let id_like = !campaign.is_empty()
                && campaign
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            // A file whose name contains '=' still works when it exists.
            if id_like && !Path::new(arg).exists() {
                if path.is_empty() {
                    return Err(format!("--ioc {arg}: no file after '='"));
                }
                return Ok(IocSpec {
                    campaign: Some(campaign.to_ascii_lowercase()),
                    path: PathBuf::from(path),
                });
            }
        }
        Ok(IocSpec {
            campaign: None,
            path: PathBuf::from(arg),
        })
    }
}

/// What one feed file contributed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IocReport {
    pub origin: String,
    pub format: &'static str,
    /// Campaign id → number of domains and links loaded.
    pub loaded: BTreeMap<String, usize>,
    /// Reason → number of rows skipped for it.
    pub skipped: BTreeMap<String, usize>,
}

impl IocReport {
    pub fn total_loaded(&self) -> usize {
        self.loaded.values().sum()
    }
}

/// Load one feed file into `set`.
pub fn load_file(set: &mut CampaignSet, spec: &IocSpec) -> Result<IocReport> {
    let bytes = std::fs::read(&spec.path).map_err(|e| {
        Fatal::rules(format!(
            "{}: cannot read indicator feed: {e}",
            spec.path.display()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Fatal::rules(format!(
            "{}: indicator feed is not UTF-8 (byte {})",
            spec.path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    load_text(
        set,
        &spec.path.display().to_string(),
        &text,
        spec.campaign.as_deref(),
    )
}

/// Load a feed from its text; `origin` names it in messages and indicator sources.
pub fn load_text(
    set: &mut CampaignSet,
    origin: &str,
    text: &str,
    campaign: Option<&str>,
) -> Result<IocReport> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("").to_ascii_lowercase();
    let header: Vec<&str> = first
        .split(',')
        .map(|h| h.trim().trim_matches('"'))
        .collect();
    let mut feed = Feed::new(origin);
    if header.contains(&"db") && header.contains(&"domain") && header.contains(&"matchtype") {
        feed.report.format = "dima";
        read_dima(&mut feed, text, campaign)?;
    } else if header
        .iter()
        .any(|h| matches!(*h, "indicator" | "indicator_refanged" | "indicator_value"))
    {
        feed.report.format = "meta";
        read_meta(&mut feed, text, campaign)?;
    } else {
        feed.report.format = "list";
        read_list(&mut feed, text, campaign)?;
    }
    feed.commit(set)
}

/// Indicators gathered from one file, grouped by (campaign, source) before they are added.
struct Feed {
    origin: String,
    report: IocReport,
    /// (campaign, source) → (first line, domains, links).
    groups: BTreeMap<(String, String), Group>,
}

#[derive(Default)]
struct Group {
    line: usize,
    /// Earliest and latest date given for the entries ("" when none).
    first_date: String,
    last_date: String,
    domains: Vec<String>,
    urls: Vec<(String, String)>,
}

impl Feed {
    fn new(origin: &str) -> Self {
        Feed {
            origin: origin.to_string(),
            report: IocReport {
                origin: origin.to_string(),
                ..IocReport::default()
            },
            groups: BTreeMap::new(),
        }
    }

    fn skip(&mut self, reason: &str) {
        *self.report.skipped.entry(reason.to_string()).or_default() += 1;
    }

    /// Add one feed entry; `Ok(false)` if it is neither a domain nor a link. Entries with the
    /// same campaign and `source` become one indicator; `date` (ISO, may be empty) is summarised
    /// as a range in its source.
    fn add(
        &mut self,
        line: usize,
        campaign: &str,
        source: &str,
        date: &str,
        entry: &str,
    ) -> Result<bool> {
        let entry = entry.trim();
        if entry.is_empty() || entry.contains(char::is_whitespace) {
            return Ok(false);
        }
        let refanged = links::refang(entry);
        let Some((host, path)) = links::split_link(&refanged) else {
            return Ok(false);
        };
        let group = self
            .groups
            .entry((campaign.to_string(), source.to_string()))
            .or_insert_with(|| Group {
                line,
                ..Group::default()
            });
        let date = date.trim();
        if !date.is_empty() {
            if group.first_date.is_empty() || date < group.first_date.as_str() {
                group.first_date = date.to_string();
            }
            if date > group.last_date.as_str() {
                group.last_date = date.to_string();
            }
        }
        let path = path.trim_end_matches('/');
        let path_is_page = !path.is_empty() && path != "/";
        if is_platform_host(&host) {
            match links::url_key(&refanged) {
                Some(key) if path_is_page => {
                    if !group.urls.contains(&key) {
                        group.urls.push(key);
                    }
                }
                _ => {
                    self.skip("bare platform domain (would match every link to the platform)");
                    return Ok(true);
                }
            }
        } else if path_is_page && !is_site_root(path) {
            // A page of an ordinary site: the page, not the site (Meta lists articles of real
            // outlets that the operation placed or cited).
            let key = links::url_key(&refanged).ok_or_else(|| {
                Fatal::rules(format!(
                    "{}:{line}: cannot read link {entry:?}",
                    self.origin
                ))
            })?;
            if !group.urls.contains(&key) {
                group.urls.push(key);
            }
        } else if !group.domains.contains(&host) {
            group.domains.push(host);
        }
        *self.report.loaded.entry(campaign.to_string()).or_default() += 1;
        Ok(true)
    }

    fn commit(self, set: &mut CampaignSet) -> Result<IocReport> {
        let mut counters: BTreeMap<String, usize> = BTreeMap::new();
        for ((campaign, source), group) in self.groups {
            if group.domains.is_empty() && group.urls.is_empty() {
                continue;
            }
            set.ensure_campaign(
                &campaign,
                &campaign_name(&campaign),
                campaign_description(&campaign),
                &self.origin,
            );
            for (kind, matcher, what) in [
                (
                    Kind::Domain,
                    Matcher::Domain(group.domains.clone()),
                    "domains",
                ),
                (Kind::Url, Matcher::Url(group.urls.clone()), "links"),
            ] {
                let count = match &matcher {
                    Matcher::Domain(d) => d.len(),
                    Matcher::Url(u) => u.len(),
                    _ => 0,
                };
                if count == 0 {
                    continue;
                }
                let n = counters.entry(campaign.clone()).or_default();
                let id = next_free_id(set, &campaign, n);
                if !set.selection.selects(&id) {
                    set.left_out.push(id);
                    continue;
                }
                let indicator = Indicator {
                    id,
                    campaign: 0,
                    kind,
                    weight: IOC_WEIGHT,
                    part: false,
                    languages: Vec::new(),
                    description: format!(
                        "A link listed for {campaign} in {} ({count} {what})",
                        self.origin
                    ),
                    source: match (group.first_date.as_str(), group.last_date.as_str()) {
                        ("", _) => source.clone(),
                        (a, b) if a == b => format!("{source} ({a})"),
                        (a, b) => format!("{source} ({a} to {b})"),
                    },
                    fires_on: Vec::new(),
                    must_not_fire_on: Vec::new(),
                    location: format!("{}:{}", self.origin, group.line),
                    matcher,
                };
                set.add_domain_indicator(&campaign, indicator)?;
            }
        }
        Ok(self.report)
    }
}

/// "IOC-<CAMPAIGN>-<n>" with the first n not taken yet (several feeds may name a campaign).
fn next_free_id(set: &CampaignSet, campaign: &str, n: &mut usize) -> String {
    loop {
        *n += 1;
        let id = format!("IOC-{}-{}", campaign.to_ascii_uppercase(), n);
        if set.indicator_by_id(&id).is_none() {
            return id;
        }
    }
}

/// A path that only names a site's home page ("/", "/index.html", "/fr").
fn is_site_root(path: &str) -> bool {
    let p = path.trim_matches('/');
    p.is_empty()
        || p == "index.html"
        || p == "index.php"
        || (p.len() == 2 && p.chars().all(|c| c.is_ascii_lowercase()))
}

/// Campaign id for a DIMA `db` value. Operations without a rule file keep their own id;
/// Baybridge is a Chinese operation and is kept apart from the Russian ones.
pub fn dima_campaign(db: &str) -> String {
    match db.trim().to_ascii_lowercase().as_str() {
        "doppelganger" | "rrn" => "doppelganger".into(),
        "portalkombat" | "pravda" => "pravda-network".into(),
        "storm1516" | "storm-1516" => "storm-1516".into(),
        "copycop" => "copycop".into(),
        "inforos" => "inforos".into(),
        "laundromat" => "laundromat".into(),
        "baybridge" => "baybridge".into(),
        other => other
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect(),
    }
}

fn campaign_name(id: &str) -> String {
    match id {
        "inforos" => "InfoRos (GRU-linked Russian-language sites)".into(),
        "laundromat" => "Russian content laundromat".into(),
        "baybridge" => "Baybridge (Chinese, not Russian)".into(),
        "meta-russia-cib" => "Russia-based CIB network (Meta)".into(),
        "meta-china-cib" => "China-based CIB network (Meta, not Russian)".into(),
        other => other.to_string(),
    }
}

fn campaign_description(id: &str) -> &'static str {
    match id {
        "inforos" => "Domains that OpenFacto tied to InfoRos, a GRU-linked galaxy of Russian-language sites (loaded from a DIMA feed).",
        "laundromat" => "Sites that republish RT content to evade sanctions (GMF Alliance for Securing Democracy, via DIMA).",
        "baybridge" => "A CHINESE influence operation (Tadaweb & Paul Charon, 2025), listed in DIMA; not a Russian campaign.",
        "meta-russia-cib" => "Russia-based coordinated inauthentic behaviour networks that Meta took down (not Doppelganger).",
        "meta-china-cib" => "A CHINESE network in Meta's September 2022 takedown; not a Russian campaign.",
        _ => "",
    }
}

/// Campaign of a Meta row: Doppelganger files and the Russian half of the September 2022
/// report (Meta's first Doppelganger takedown) are Doppelganger; China rows are kept apart.
pub fn meta_campaign(source_file: &str, comments: &str) -> String {
    let f = source_file.to_ascii_lowercase();
    let c = comments.to_ascii_lowercase();
    if c.starts_with("china") || (f.contains("china") && !f.contains("russia")) {
        "meta-china-cib".into()
    } else if f.contains("doppelganger") || c.contains("doppelganger") || f.starts_with("2022_09") {
        "doppelganger".into()
    } else {
        "meta-russia-cib".into()
    }
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes())
}

fn csv_error(origin: &str, e: &csv::Error) -> Fatal {
    let line = e.position().map_or(0, |p| p.line());
    Fatal::rules(format!("{origin}:{line}: malformed CSV: {e}"))
}

fn column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    })
}

fn read_meta(feed: &mut Feed, text: &str, campaign: Option<&str>) -> Result<()> {
    let mut rdr = csv_reader(text);
    let headers = rdr
        .headers()
        .map_err(|e| csv_error(&feed.origin, &e))?
        .clone();
    let value = column(
        &headers,
        &["indicator_refanged", "indicator", "indicator_value"],
    )
    .expect("format detection found an indicator column");
    let source_file = column(&headers, &["source_file"]);
    let comments = column(&headers, &["comments", "comment"]);
    let procedure = column(&headers, &["procedure", "indicator_type"]);
    let date = column(&headers, &["date", "ds"]);
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error(&feed.origin, &e))?;
        let line = record.position().map_or(0, |p| p.line()) as usize;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let mut entry = get(Some(value));
        // "jiraboom.pro (Hosted a spoof of Der Spiegel)": a domain with a remark.
        if let Some((first, rest)) = entry.split_once(char::is_whitespace) {
            if rest.trim_start().starts_with('(') {
                entry = first;
            }
        }
        let file = get(source_file);
        let camp = match campaign {
            Some(c) => c.to_string(),
            None => meta_campaign(
                if file.is_empty() { &feed.origin } else { file },
                get(comments),
            ),
        };
        let procedure_name = get(procedure);
        let mut source = format!(
            "Meta threat-research indicators, {}",
            if file.is_empty() {
                feed.origin.as_str()
            } else {
                file
            }
        );
        if !procedure_name.is_empty() {
            source.push_str(&format!(", {procedure_name}"));
        }
        if !feed.add(line, &camp, &source, get(date), entry)? {
            feed.skip("free text, not a domain or link");
        }
    }
    Ok(())
}

fn read_dima(feed: &mut Feed, text: &str, campaign: Option<&str>) -> Result<()> {
    let mut rdr = csv_reader(text);
    let headers = rdr
        .headers()
        .map_err(|e| csv_error(&feed.origin, &e))?
        .clone();
    let col = |name: &str| column(&headers, &[name]);
    let (db, domain, match_type) = (col("db"), col("domain"), col("matchType"));
    let (source_col, report, date) = (col("source"), col("reportUrl"), col("identifiedDate"));
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error(&feed.origin, &e))?;
        let line = record.position().map_or(0, |p| p.line()) as usize;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let camp = match campaign {
            Some(c) => c.to_string(),
            None if get(db).is_empty() => {
                return Err(Fatal::rules(format!(
                    "{}:{line}: empty `db` column: cannot tell the campaign",
                    feed.origin
                )))
            }
            None => dima_campaign(get(db)),
        };
        let source = format!(
            "{} {} — via DIMA database ({})",
            get(source_col),
            get(report),
            get(db)
        );
        let raw = get(domain);
        let entry = match get(match_type).to_ascii_lowercase().as_str() {
            "exact" | "" => raw.to_string(),
            // `contains` is applied to host names only: an entry that is itself a domain
            // matches that host and its subdomains; a bare word ("topnews") would match
            // unrelated hosts and is skipped.
            "contains" if raw.contains('.') => raw.to_string(),
            "contains" => {
                feed.skip("`contains` word without a dot (would over-match host names)");
                continue;
            }
            // Only the anchored-host form `(^|\.)example\.com$` is a domain.
            "pattern" => match anchored_host_pattern(raw) {
                Some(host) => host,
                None => {
                    feed.skip("`pattern` that is not an anchored host name");
                    continue;
                }
            },
            other => {
                return Err(Fatal::rules(format!(
                    "{}:{line}: unknown matchType {other:?} (exact, contains or pattern)",
                    feed.origin
                )))
            }
        };
        if !feed.add(line, &camp, &source, get(date), &entry)? {
            return Err(Fatal::rules(format!(
                "{}:{line}: {raw:?} is not a domain",
                feed.origin
            )));
        }
    }
    Ok(())
}

/// `example.com` from `(^|\.)example\.com$` (backslashes possibly doubled).
fn anchored_host_pattern(pattern: &str) -> Option<String> {
    let p = pattern.replace("\\\\", "\\");
    let body = p.strip_prefix("(^|\\.)")?.strip_suffix('$')?;
    let host = body.replace("\\.", ".");
    host.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        .then_some(host)
}

fn read_list(feed: &mut Feed, text: &str, campaign: Option<&str>) -> Result<()> {
    let mut header_campaign: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let entry = raw.trim();
        if let Some(comment) = entry.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment
                .strip_prefix("campaign:")
                .or_else(|| comment.strip_prefix("campaign ="))
            {
                let id = id.trim().trim_matches('"').to_ascii_lowercase();
                if id.is_empty() {
                    return Err(Fatal::rules(format!(
                        "{}:{line}: `# campaign:` line without a campaign id",
                        feed.origin
                    )));
                }
                header_campaign = Some(id);
            }
            continue;
        }
        if entry.is_empty() {
            continue;
        }
        let camp = match (campaign, &header_campaign) {
            (Some(c), _) => c.to_string(),
            (None, Some(c)) => c.clone(),
            (None, None) => {
                return Err(Fatal::rules(format!(
                    "{}:{line}: no campaign for this list: give `--ioc CAMPAIGN={}` or start the file with `# campaign: ID`",
                    feed.origin, feed.origin
                )))
            }
        };
        let source = format!("indicator list {}", feed.origin);
        // Allow "domain<TAB>comment" or "domain,comment".
        let first = entry.split([',', '\t', ' ']).next().unwrap_or("");
        if !feed.add(line, &camp, &source, "", first)? {
            return Err(Fatal::rules(format!(
                "{}:{line}: {first:?} is not a domain or link",
                feed.origin
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaigns::{outlets::Outlets, RuleSources};
    use crate::normalize::normalize;

    fn empty_set() -> CampaignSet {
        CampaignSet::load(&RuleSources::default(), Outlets::embedded().unwrap()).unwrap()
    }

    /// Campaign ids whose indicators fire on `text`.
    fn fired(set: &CampaignSet, text: &str) -> Vec<String> {
        let mut ids: Vec<String> = set
            .matches(text, &normalize(text), "en")
            .iter()
            .map(|h| set.campaign_of(h.indicator).id.clone())
            .collect();
        ids.dedup();
        ids
    }

    // SYNTHETIC fixture in Meta's normalised column layout (entries from Meta's public
    // Doppelganger and Sept 2022 files).
    const META: &str = "source_file,tactic,technique,procedure,indicator,indicator_refanged,comments,date
2022_09_removing_coordinated_inauthentic_behavior_from_china_and_russia.csv,,,domain_name,bild[.]pics,bild.pics,Germany-targeting CIB domain,2022-09-27
2022_09_removing_coordinated_inauthentic_behavior_from_china_and_russia.csv,,,cib_url,https://www.petice[.]com/p1,https://www.petice.com/p1,China: CIB Petition,2022-09-27
2022_09_removing_coordinated_inauthentic_behavior_from_china_and_russia.csv,,,telegram_url,https://t[.]me/via_napoli,https://t.me/via_napoli,CIB Telegram URL,2022-09-27
Q2_2023_Doppelganger_Russia_based_CIB_network_updated.csv,9. Enabling longevity,9.5 Replacing infrastructure,9.5.3 Using redirect domains,0qrhv[.]top,0qrhv.top,,
Q2_2023_Doppelganger_Russia_based_CIB_network_updated.csv,9. Enabling longevity,9.5 Replacing infrastructure,9.5.3 Using redirect domains,xn--icrosoft-g89c[.]com,xn--icrosoft-g89c.com,,
Q3_2023_Russia-based_CIB_network.csv,,,0.9.1 Acquiring Facebook assets,6 accounts,6 accounts,,
Q3_2023_Russia-based_CIB_network.csv,,,0.9.4 Acquiring X / Twitter accounts,https://twitter[.]com/PeopleSayNews,https://twitter.com/PeopleSayNews,,
Q3_2023_Russia-based_CIB_network.csv,,,0.9.6 Acquiring TikTok accounts,tiktok[.]com,tiktok.com,,
Q2_2023_Doppelganger_Russia_based_CIB_network_updated.csv,,,0.6.2 Acquiring domains,jiraboom[.]pro (Hosted a spoof of Der Spiegel),jiraboom.pro (Hosted a spoof of Der Spiegel),,
";

    #[test]
    fn meta_feed_loads_domains_and_links_with_their_campaigns() {
        let mut set = empty_set();
        let r = load_text(&mut set, "meta.csv", META, None).unwrap();
        assert_eq!(r.format, "meta");
        assert_eq!(r.loaded["doppelganger"], 5);
        assert_eq!(r.loaded["meta-china-cib"], 1);
        assert_eq!(r.loaded["meta-russia-cib"], 1);
        assert_eq!(r.skipped.values().sum::<usize>(), 2);
        assert_eq!(
            fired(&set, "read hxxps://bild[.]pics/artikel"),
            vec!["doppelganger"]
        );
        assert_eq!(
            fired(&set, "see https://www.0qrhv.top/x"),
            vec!["doppelganger"]
        );
        assert_eq!(fired(&set, "join t.me/via_napoli"), vec!["doppelganger"]);
        assert_eq!(
            fired(&set, "follow https://x.com/peoplesaynews"),
            vec!["meta-russia-cib"]
        );
        // Other accounts on the same platforms do not fire; nor does the bare platform.
        assert!(fired(&set, "join t.me/via_napoli_fans").is_empty());
        assert!(fired(&set, "see https://tiktok.com/@someone").is_empty());
        // The page, not the whole petition site.
        assert!(fired(&set, "https://www.petice.com/other").is_empty());
        assert_eq!(
            fired(&set, "https://petice.com/p1?x=1"),
            vec!["meta-china-cib"]
        );
    }

    #[test]
    fn a_campaign_given_on_the_command_line_wins() {
        let mut set = empty_set();
        let r = load_text(&mut set, "meta.csv", META, Some("mine")).unwrap();
        assert_eq!(r.loaded.keys().collect::<Vec<_>>(), vec!["mine"]);
    }

    #[test]
    fn unicode_and_punycode_forms_of_a_feed_host_both_fire() {
        let mut set = empty_set();
        let list = "# campaign: copycop\nactu-auvergne-rhône-alpes.fr\nxn--e1afmkfd.xn--p1ai\n";
        load_text(&mut set, "l.txt", list, None).unwrap();
        for text in [
            "https://actu-auvergne-rhône-alpes.fr/article",
            "https://xn--actu-auvergne-rhne-alpes-lnc.fr/article",
            "http://пример.рф/",
            "http://xn--e1afmkfd.xn--p1ai/",
        ] {
            assert_eq!(fired(&set, text), vec!["copycop"], "{text}");
        }
    }

    // SYNTHETIC fixture in the DIMA layout (entries from the DIMA database).
    const DIMA: &str = "db,domain,matchType,riskLevel,identifiedDate,source,reportUrl,tags,reason
RRN,rrn.media,exact,high,2023-06-13,VIGINUM,https://www.sgdsn.gouv.fr,RRN,x
Doppelganger,faz.ltd,exact,high,2024-09-04,US DOJ,https://www.justice.gov,,x
Pravda,news-pravda.com,contains,high,2025-02-24,DFRLab,https://dfrlab.org,,x
Pravda,topnews,contains,medium,2024-02-12,VIGINUM,https://www.sgdsn.gouv.fr,,x
Storm1516,klartext-news.de,exact,high,2025-05-07,VIGINUM,https://www.sgdsn.gouv.fr,,x
Baybridge,haipress.com,exact,high,2025-03-01,Tadaweb,https://www.tadaweb.com,,x
laundromat,\"(^|\\\\.)gab\\\\.com$\",pattern,medium,2024-05-02,GMF ASD,https://securingdemocracy.gmfus.org,,x
laundromat,m.youtube.com,contains,medium,2024-05-02,GMF ASD,https://securingdemocracy.gmfus.org,,x
InfoRos,inforos.ru,exact,high,2022-01-27,OpenFacto,https://openfacto.fr,,x
";

    #[test]
    fn dima_feed_maps_operations_to_campaigns() {
        let mut set = empty_set();
        let r = load_text(&mut set, "dima.csv", DIMA, None).unwrap();
        assert_eq!(r.format, "dima");
        assert_eq!(r.loaded["doppelganger"], 2);
        assert_eq!(r.loaded["pravda-network"], 1);
        assert_eq!(r.loaded["storm-1516"], 1);
        assert_eq!(r.loaded["baybridge"], 1);
        assert_eq!(r.loaded["inforos"], 1);
        assert!(
            !r.loaded.contains_key("laundromat"),
            "platforms are skipped"
        );
        assert_eq!(r.skipped.values().sum::<usize>(), 3);
        assert_eq!(
            fired(&set, "https://france.news-pravda.com/x"),
            vec!["pravda-network"]
        );
        assert!(fired(&set, "https://topnews.example.com/").is_empty());
        assert!(fired(&set, "https://m.youtube.com/watch?v=1").is_empty());
        // One indicator per campaign and source; its source keeps the report and the dates.
        let rrn = set
            .indicators
            .iter()
            .find(|i| i.source.contains("(RRN)"))
            .unwrap();
        assert!(
            rrn.source.contains("VIGINUM https://www.sgdsn.gouv.fr"),
            "{}",
            rrn.source
        );
        assert!(rrn.source.ends_with("(2023-06-13)"), "{}", rrn.source);
        let baybridge = set.campaigns.iter().find(|c| c.id == "baybridge").unwrap();
        assert!(baybridge.description.contains("CHINESE"));
    }

    #[test]
    fn plain_lists_need_a_campaign_and_errors_name_file_and_line() {
        let mut set = empty_set();
        let e = load_text(&mut set, "l.txt", "rrn.media\n", None).unwrap_err();
        assert!(e.message.starts_with("l.txt:1:"), "{}", e.message);
        let e = load_text(
            &mut set,
            "l.txt",
            "# campaign: x\nrrn.media\nnot a domain\n",
            None,
        )
        .unwrap_err();
        assert!(
            e.message.starts_with("l.txt:3:") && e.message.contains("not a domain"),
            "{}",
            e.message
        );
        let r = load_text(
            &mut set,
            "l.txt",
            "# a comment\n\nrrn[.]media\n",
            Some("doppelganger"),
        )
        .unwrap();
        assert_eq!(r.loaded["doppelganger"], 1);
        let e = load_text(
            &mut set,
            "d.csv",
            "db,domain,matchType\nRRN,not a domain,exact\n",
            None,
        )
        .unwrap_err();
        assert!(e.message.starts_with("d.csv:2:"), "{}", e.message);
    }

    #[test]
    fn two_feeds_for_one_campaign_get_distinct_ids() {
        let mut set = empty_set();
        load_text(&mut set, "a.txt", "# campaign: x\na.example\n", None).unwrap();
        load_text(&mut set, "b.txt", "# campaign: x\nb.example\n", None).unwrap();
        let ids: Vec<&str> = set.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, vec!["IOC-X-1", "IOC-X-2"]);
    }

    #[test]
    fn ioc_spec_parses_campaign_prefix() {
        let s: IocSpec = "storm-1516=feeds/x.txt".parse().unwrap();
        assert_eq!(s.campaign.as_deref(), Some("storm-1516"));
        assert_eq!(s.path, PathBuf::from("feeds/x.txt"));
        let s: IocSpec = "feeds/x.csv".parse().unwrap();
        assert_eq!(s.campaign, None);
    }
}
