//! Every code the report's `evidence` and `evidence_spans` columns can name — interference
//! heuristic, campaign indicator, a rule file's narrative (known claim), the `NARRATIVE` entry,
//! context cue — described in one shape: what `calque rule CODE` prints, what
//! `calque rules list --format json` and `calque heuristics --format json` write, and what the
//! HTML page and the workbook show on a highlight (description, source, references, DISARM ids).

use crate::campaigns::CampaignSet;
use crate::config::Config;
use crate::context::{ContextDetector, CueKind, DERIVED_SIGNS};
use crate::heuristics::{self, Heuristic};
use crate::narratives::Claim;
use serde::Serialize;

/// The code of the report's narrative entry (the words an item shares with its claim).
pub const NARRATIVE: &str = "NARRATIVE";

/// What a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleType {
    /// A Russian-syntax interference heuristic (`src/heuristics/`).
    Heuristic,
    /// An indicator of a campaign rule file (`data/campaigns/`, `--rules`, `--ioc`).
    Indicator,
    /// A known claim of a rule file (`[[narrative]]`), or the report's `NARRATIVE` entry.
    Narrative,
    /// A sign that the item reports on or debunks what it matched (`data/context.toml` cues
    /// and the detector's derived signs such as `CTX-QUOTE`).
    Context,
}

impl RuleType {
    /// As `--format csv` and the workbook write it (JSON: the same, by serde).
    pub fn as_str(self) -> &'static str {
        match self {
            RuleType::Heuristic => "heuristic",
            RuleType::Indicator => "indicator",
            RuleType::Narrative => "narrative",
            RuleType::Context => "context",
        }
    }
}

/// One rule, described.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub code: String,
    #[serde(rename = "type")]
    pub rule_type: RuleType,
    /// Heuristic: its kebab-case name; indicator: its kind (phrase, regex, domain, all_of…);
    /// narrative: "claim" (or "match" for `NARRATIVE`); context: debunk, report, distance.
    pub name: String,
    /// Heuristic: its family (articles, prepositions…); indicator and narrative: its campaign
    /// id (`narratives` for `NARRATIVE`); context: "context".
    pub group: String,
    /// Heuristic: the family again; indicator and narrative: the campaign's name.
    pub group_name: String,
    /// Languages it applies to (ISO 639-1); empty: any.
    pub languages: Vec<String>,
    /// Effective weight (the config's, else the default); 0 for building blocks; narratives:
    /// `narrative_weight`; context: 0 (a context caps the score at `context_cap` instead).
    pub weight: f64,
    /// A building block of combinations, which contributes nothing alone.
    pub part: bool,
    /// What it detects.
    pub description: String,
    /// Why it is evidence: the heuristic's rationale, or the campaign's description.
    pub rationale: String,
    /// Where the rule comes from (a report, with its date), as the rule file cites it.
    pub source: String,
    /// Links to the reports behind the rule (the campaign's references).
    pub references: Vec<String>,
    /// DISARM technique ids (the campaign's).
    pub disarm: Vec<String>,
    /// Examples it fires on; a context cue: its phrases.
    pub fires_on: Vec<String>,
    pub must_not_fire_on: Vec<String>,
    /// Where it is defined: a rule file and line, or the heuristic's module.
    pub defined_in: String,
}

impl RuleInfo {
    /// A rule with a code, a type and a description, every other field empty.
    pub fn bare(code: &str, rule_type: RuleType, description: &str) -> Self {
        RuleInfo {
            code: code.to_string(),
            rule_type,
            name: String::new(),
            group: String::new(),
            group_name: String::new(),
            languages: Vec::new(),
            weight: 0.0,
            part: false,
            description: description.to_string(),
            rationale: String::new(),
            source: String::new(),
            references: Vec::new(),
            disarm: Vec::new(),
            fires_on: Vec::new(),
            must_not_fire_on: Vec::new(),
            defined_in: String::new(),
        }
    }
}

/// Every rule of an analysis setup.
#[derive(Debug, Clone, Serialize)]
pub struct RuleCatalog {
    pub rules: Vec<RuleInfo>,
}

impl RuleCatalog {
    /// Every heuristic, every indicator and narrative of `set`, the `NARRATIVE` entry, then
    /// every context cue and derived sign of `context`, with weights as `config` sets them.
    pub fn new(set: &CampaignSet, config: &Config, context: &ContextDetector) -> Self {
        let mut rules = heuristic_rules(config);
        rules.extend(set.indicators.iter().map(|ind| {
            let campaign = &set.campaigns[ind.campaign];
            RuleInfo {
                code: ind.id.clone(),
                rule_type: RuleType::Indicator,
                name: ind.kind.as_str().to_string(),
                group: campaign.id.clone(),
                group_name: campaign.name.clone(),
                languages: ind.languages.clone(),
                weight: config.weights.get(&ind.id).copied().unwrap_or(ind.weight),
                part: ind.part,
                description: ind.description.clone(),
                rationale: campaign.description.clone(),
                source: ind.source.clone(),
                references: campaign.references.clone(),
                disarm: campaign.disarm.clone(),
                fires_on: ind.fires_on.clone(),
                must_not_fire_on: ind.must_not_fire_on.clone(),
                defined_in: ind.location.clone(),
            }
        }));
        rules.extend(
            set.narratives
                .iter()
                .filter(|c| !c.id.is_empty())
                .map(|c| narrative_info(c, set, config)),
        );
        rules.push(narrative_entry(config));
        rules.extend(context_rules(context, config));
        RuleCatalog { rules }
    }

    /// The rule with this code, in any case.
    pub fn get(&self, code: &str) -> Option<&RuleInfo> {
        let code = code.trim();
        self.rules
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(code))
    }

    /// Up to `n` codes that start like `code` (for "did you mean").
    pub fn near(&self, code: &str, n: usize) -> Vec<&str> {
        let code = code.trim().to_ascii_uppercase();
        // The longest head of `code` that some rule starts with.
        (1..=code.len())
            .rev()
            .filter(|&k| code.is_char_boundary(k))
            .map(|k| {
                self.rules
                    .iter()
                    .filter(|r| r.code.to_ascii_uppercase().starts_with(&code[..k]))
                    .map(|r| r.code.as_str())
                    .take(n)
                    .collect::<Vec<_>>()
            })
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    }

    pub fn heuristics(&self) -> impl Iterator<Item = &RuleInfo> {
        self.rules
            .iter()
            .filter(|r| r.rule_type == RuleType::Heuristic)
    }

    pub fn indicators(&self) -> impl Iterator<Item = &RuleInfo> {
        self.rules
            .iter()
            .filter(|r| r.rule_type == RuleType::Indicator)
    }

    /// What the rule files and context lists define: indicators, narratives, the
    /// `NARRATIVE` entry and context cues (what `calque rules list --format csv|json` lists).
    pub fn non_heuristics(&self) -> impl Iterator<Item = &RuleInfo> {
        self.rules
            .iter()
            .filter(|r| r.rule_type != RuleType::Heuristic)
    }
}

/// A known claim — a rule file's `[[narrative]]`, or a claim database's claim looked up by
/// id — described: the claim is what it detects.
pub fn narrative_info(claim: &Claim, set: &CampaignSet, config: &Config) -> RuleInfo {
    let campaign = claim
        .campaign
        .as_deref()
        .and_then(|id| set.campaigns.iter().find(|c| c.id == id));
    RuleInfo {
        code: claim.id.clone(),
        rule_type: RuleType::Narrative,
        name: "claim".into(),
        group: claim.campaign.clone().unwrap_or_default(),
        group_name: campaign.map_or(String::new(), |c| c.name.clone()),
        languages: vec![claim.lang.to_string()],
        weight: config.score.narrative_weight,
        part: false,
        description: claim.text.clone(),
        rationale: campaign.map_or(String::new(), |c| c.description.clone()),
        source: if claim.citation.is_empty() {
            // A database's claim: who checked it, the verdict, when.
            [
                ("checked by ", &claim.author),
                ("verdict: ", &claim.rating),
                ("dated ", &claim.date),
            ]
            .iter()
            .filter(|(_, x)| !x.is_empty())
            .map(|(what, x)| format!("{what}{x}"))
            .collect::<Vec<_>>()
            .join(", ")
        } else {
            claim.citation.clone()
        },
        // The claim's own fact-check or report: what `narrative_source` shows.
        references: (!claim.url.is_empty())
            .then(|| claim.url.clone())
            .into_iter()
            .collect(),
        disarm: campaign.map_or(Vec::new(), |c| c.disarm.clone()),
        fires_on: claim.fires_on.clone(),
        must_not_fire_on: claim.must_not_fire_on.clone(),
        defined_in: claim.origin.clone(),
    }
}

/// The report's `NARRATIVE` entry: which claim it is, the report's narrative columns say.
fn narrative_entry(config: &Config) -> RuleInfo {
    RuleInfo {
        code: NARRATIVE.into(),
        rule_type: RuleType::Narrative,
        name: "match".into(),
        group: "narratives".into(),
        group_name: "known narratives".into(),
        languages: vec!["en".into(), "fr".into()],
        weight: config.score.narrative_weight,
        part: false,
        description: "The item repeats a known claim: the words it shares with the claim that \
            matched it best at or above the threshold. The report's `narrative` column gives the \
            claim, `narrative_source` its fact-check URL (or where it was loaded from), \
            `narrative_score` the score; `calque explain` shows the claim's id, and `calque rule \
            ID` describes a rule file's claim (ids like MAT-N01)."
            .into(),
        rationale: "A lexical match says the item repeats the words of a checked claim, not that \
            it asserts it (fact-checks repeat claims too, hence the context column). The \
            narrative counts as its own factor, narrative_weight × narrative_score, below the \
            high threshold on its own; when its words overlap a counted indicator, the stronger \
            side counts once (`NARRATIVE (counted through ID)` or `NARRATIVE = ID`)."
            .into(),
        source: "Claims of the rule files' [[narrative]] tables and of the claim databases \
            given with --narratives (docs/scoring.md, \"Known narratives\")."
            .into(),
        references: Vec::new(),
        disarm: Vec::new(),
        fires_on: Vec::new(),
        must_not_fire_on: Vec::new(),
        defined_in: "src/narratives/ (docs/scoring.md)".into(),
    }
}

/// Why a context of this kind is evidence, and what it does to the score.
fn context_rationale(context: &str, cap: f64) -> String {
    let effect = format!(
        "A debunk or report context caps the overall score at context_cap ({cap:.2}), below high \
         (docs/scoring.md, \"Context\")."
    );
    match context {
        "distance" => format!(
            "Reported speech: it makes a report context only when the matched evidence stands \
             inside quotation marks. {effect}"
        ),
        _ => format!(
            "Fact-checks and news reports quote the campaign's words and claims; this sign says \
             the item is one of them ({context}). {effect}"
        ),
    }
}

/// The cues of `data/context.toml` and the detector's derived signs.
fn context_rules(context: &ContextDetector, config: &Config) -> Vec<RuleInfo> {
    let cap = config.score.context_cap;
    let cue = |code: &str, kind: &str, description: &str| RuleInfo {
        name: kind.to_string(),
        group: "context".into(),
        group_name: "context".into(),
        rationale: context_rationale(kind, cap),
        ..RuleInfo::bare(code, RuleType::Context, description)
    };
    let cues = context.cues.iter().map(|c| {
        let mut info = cue(&c.id, c.kind.as_str(), &c.description);
        if c.at_start {
            info.description +=
                " (Only as the first words of the text, after an optional \"RT @handle:\".)";
        }
        if c.kind == CueKind::Distance {
            info.description += " (Counts only when the matched evidence is quoted.)";
        }
        info.languages = c.languages.clone();
        info.source = "calque's context lexicon (data/context.toml)".into();
        info.fires_on = c.phrases.clone();
        info.defined_in = c.location.clone();
        info
    });
    let derived = DERIVED_SIGNS.iter().map(|d| {
        let mut info = cue(d.code, d.context, d.description);
        info.source = if d.code == crate::context::QUOTE {
            "calque's context detector (src/context.rs)".into()
        } else {
            "calque's list of fact-checkers, research groups and newsrooms (data/factcheckers.toml)"
                .into()
        };
        info.defined_in = "src/context.rs".into();
        info
    });
    cues.chain(derived).collect()
}

/// Every heuristic, in registry order, with weights as `config` sets them.
pub fn heuristic_rules(config: &Config) -> Vec<RuleInfo> {
    heuristics::all()
        .map(|h| heuristic_info(h, config))
        .collect()
}

fn heuristic_info(h: &dyn Heuristic, config: &Config) -> RuleInfo {
    let i = h.info();
    let sections = doc_sections(i.doc);
    let section = |name: &str| {
        sections
            .iter()
            .find(|(title, _)| title.starts_with(name))
            .map_or(String::new(), |(_, body)| body.clone())
    };
    RuleInfo {
        code: i.code.to_string(),
        rule_type: RuleType::Heuristic,
        name: i.name.to_string(),
        group: i.family.as_str().to_string(),
        group_name: i.family.as_str().to_string(),
        languages: vec![i.lang.code().to_string()],
        weight: config.weights.get(i.code).copied().unwrap_or(i.weight),
        part: false,
        description: section("What it detects"),
        rationale: section("Why it"),
        source: section("Source"),
        references: Vec::new(),
        // DISARM describes behaviours of campaigns; a language tell is none of them.
        disarm: Vec::new(),
        fires_on: i.fires_on.iter().map(|s| s.to_string()).collect(),
        must_not_fire_on: i.must_not_fire_on.iter().map(|s| s.to_string()).collect(),
        defined_in: format!(
            "heuristic {} (docs/heuristics.md; src/heuristics/{}/)",
            i.code,
            i.lang.code()
        ),
    }
}

/// The `## Title` sections of a heuristic's doc comment, each body's lines joined by spaces
/// (paragraphs by a blank line).
pub fn doc_sections(doc: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in doc.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line).trim_end();
        if let Some(title) = line.strip_prefix("## ") {
            sections.push((title.trim().to_string(), String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            if line.trim().is_empty() {
                if !body.is_empty() && !body.ends_with("\n\n") {
                    body.push_str("\n\n");
                }
            } else {
                if !body.is_empty() && !body.ends_with('\n') {
                    body.push(' ');
                }
                body.push_str(line.trim());
            }
        }
    }
    for (_, body) in &mut sections {
        let trimmed = body.trim_end().to_string();
        *body = trimmed;
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> RuleCatalog {
        RuleCatalog::new(
            &CampaignSet::embedded().unwrap(),
            &Config::default(),
            &ContextDetector::embedded().unwrap(),
        )
    }

    #[test]
    fn every_rule_of_every_kind_is_in_the_catalog_with_a_description() {
        let set = CampaignSet::embedded().unwrap();
        let context = ContextDetector::embedded().unwrap();
        let c = catalog();
        assert_eq!(
            c.rules.len(),
            heuristics::all().count()
                + set.indicators.len()
                + set.narratives.len()
                + 1
                + context.cues.len()
                + DERIVED_SIGNS.len()
        );
        // One code, one rule: `get` must never have to choose.
        let mut codes: Vec<String> = c.rules.iter().map(|r| r.code.to_uppercase()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), c.rules.len());
        for r in &c.rules {
            assert_eq!(c.get(&r.code.to_lowercase()).unwrap().code, r.code);
            assert!(!r.description.is_empty(), "{} has no description", r.code);
            assert!(!r.rationale.is_empty(), "{} has no rationale", r.code);
            if r.rule_type == RuleType::Heuristic {
                assert!(!r.description.contains("##"), "{}", r.description);
            } else {
                assert!(!r.source.is_empty(), "{} has no source", r.code);
            }
        }
        assert!(c.get("NOPE-404").is_none());
    }

    #[test]
    fn indicators_carry_their_campaigns_disarm_ids_and_references() {
        let c = catalog();
        let mat = c.get("MAT-005").unwrap();
        assert_eq!(mat.group, "matryoshka");
        assert!(mat.disarm.iter().any(|d| d == "T0087"), "{:?}", mat.disarm);
        assert!(mat.references.iter().any(|r| r.starts_with("https://")));
        assert!(mat.defined_in.contains("matryoshka.toml:"));
    }

    #[test]
    fn narratives_carry_claim_source_url_and_campaign_and_cues_their_phrases() {
        let c = catalog();
        let n = c.get("cc-n01").unwrap();
        assert_eq!(n.rule_type, RuleType::Narrative);
        assert_eq!(n.description, "The UK government has criminalised Islam.");
        assert_eq!(
            (n.group.as_str(), n.languages.as_slice()),
            ("copycop", &["en".to_string()][..])
        );
        assert!(n.source.starts_with("GMF Alliance"), "{}", n.source);
        assert!(n.references[0].starts_with("https://securingdemocracy"));
        assert!(n.defined_in.contains("copycop.toml:"));
        let cue = c.get("CTX-EN-HEADLINE").unwrap();
        assert_eq!(
            (cue.rule_type, cue.name.as_str()),
            (RuleType::Context, "debunk")
        );
        assert!(cue.fires_on.iter().any(|p| p == "fact check:"));
        assert!(cue.description.contains("first words"));
        assert_eq!(c.get("CTX-ORG-LINK").unwrap().rule_type, RuleType::Context);
        assert_eq!(c.get(NARRATIVE).unwrap().rule_type, RuleType::Narrative);
    }

    #[test]
    fn doc_sections_split_on_titles_and_join_lines() {
        let doc = " ## What it detects\n \"on the photo\"\n as a place.\n\n Second.\n ## Why it signals\n Calque.\n";
        let s = doc_sections(doc);
        assert_eq!(s[0].0, "What it detects");
        assert_eq!(s[0].1, "\"on the photo\" as a place.\n\nSecond.");
        assert_eq!(s[1], ("Why it signals".to_string(), "Calque.".to_string()));
    }

    #[test]
    fn near_codes_share_the_longest_head() {
        let c = catalog();
        let near = c.near("MAT-9", 3);
        assert!(!near.is_empty() && near.iter().all(|n| n.starts_with("MAT-")));
        assert!(c.near("RU-EN-PREP-999", 3)[0].starts_with("RU-EN-PREP-"));
    }
}
