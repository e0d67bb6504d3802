//! Every rule code — interference heuristic or campaign indicator — described in one shape:
//! what `calque rule CODE` prints, what `calque rules list --format json` and
//! `calque heuristics --format json` write, and what the HTML page and the workbook show on a
//! highlight (description, source, references, DISARM ids).

use crate::campaigns::CampaignSet;
use crate::config::Config;
use crate::heuristics::{self, Heuristic};
use serde::Serialize;

/// What a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleType {
    /// A Russian-syntax interference heuristic (`src/heuristics/`).
    Heuristic,
    /// An indicator of a campaign rule file (`data/campaigns/`, `--rules`, `--ioc`).
    Indicator,
}

/// One rule, described.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub code: String,
    #[serde(rename = "type")]
    pub rule_type: RuleType,
    /// Heuristic: its kebab-case name; indicator: its kind (phrase, regex, domain, all_of…).
    pub name: String,
    /// Heuristic: its family (articles, prepositions…); indicator: its campaign id.
    pub group: String,
    /// Heuristic: the family again; indicator: the campaign's name.
    pub group_name: String,
    /// Languages it applies to (ISO 639-1); empty: any.
    pub languages: Vec<String>,
    /// Effective weight (the config's, else the default); 0 for building blocks.
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
    pub fires_on: Vec<String>,
    pub must_not_fire_on: Vec<String>,
    /// Where it is defined: a rule file and line, or the heuristic's module.
    pub defined_in: String,
}

/// Every rule of an analysis setup.
#[derive(Debug, Clone, Serialize)]
pub struct RuleCatalog {
    pub rules: Vec<RuleInfo>,
}

impl RuleCatalog {
    /// Every heuristic, then every indicator of `set`, with weights as `config` sets them.
    pub fn new(set: &CampaignSet, config: &Config) -> Self {
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
        RuleCatalog::new(&CampaignSet::embedded().unwrap(), &Config::default())
    }

    #[test]
    fn every_heuristic_and_indicator_is_in_the_catalog_with_a_description() {
        let set = CampaignSet::embedded().unwrap();
        let c = catalog();
        assert_eq!(
            c.rules.len(),
            heuristics::all().count() + set.indicators.len()
        );
        for r in &c.rules {
            assert_eq!(c.get(&r.code.to_lowercase()).unwrap().code, r.code);
            assert!(!r.description.is_empty(), "{} has no description", r.code);
            if r.rule_type == RuleType::Heuristic {
                assert!(!r.rationale.is_empty(), "{} has no rationale", r.code);
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
