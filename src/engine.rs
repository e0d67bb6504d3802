//! Building an [`Analyzer`] from where its parts live: config file, rule directories, outlet
//! list, indicator feeds, claim databases, fact-checker list, rule selection. The command line
//! (`src/cli/common.rs`) and the Python binding (`python/`) both call [`EngineOptions::build`],
//! so the same options give the same analyzer, and the same error messages, in both.

use crate::campaigns::ioc::{self, IocReport, IocSpec};
use crate::campaigns::{outlets::Outlets, CampaignSet, RuleSources};
use crate::config::Config;
use crate::context::ContextDetector;
use crate::langid::{LangId, DEFAULT_ALLOW};
use crate::narratives::load::{self as narratives_load, LoadReport, NarrativeSpec};
use crate::narratives::Claim;
use crate::rule_selection::RuleSelection;
use crate::{Analyzer, Fatal, Result};
use std::path::PathBuf;

/// Everything an [`Analyzer`] is built from; the CLI's `--config`, `--rules`, `--ioc`… flags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EngineOptions {
    /// Scoring configuration file (`--config`); `None`: the defaults.
    pub config: Option<PathBuf>,
    /// Rule files or directories added to the embedded ones (`--rules`).
    pub rules: Vec<PathBuf>,
    /// Only the rules of `rules`, not the embedded ones (`--no-embedded-rules`).
    pub no_embedded_rules: bool,
    /// Outlet list replacing the embedded one (`--outlets`).
    pub outlets: Option<PathBuf>,
    /// Languages the detector may answer, overriding the config's (`--allow-langs`).
    pub allow_langs: Vec<String>,
    /// Published indicator feeds (`--ioc`).
    pub ioc: Vec<IocSpec>,
    /// Claim databases (`--narratives`).
    pub narratives: Vec<NarrativeSpec>,
    /// Fact-checker list replacing the embedded one (`--factcheckers`).
    pub factcheckers: Option<PathBuf>,
    /// The rules that run (`--select` / `--ignore`); default: all.
    pub selection: RuleSelection,
}

impl EngineOptions {
    /// The rule files, restricted to the selection.
    pub fn rule_sources(&self) -> Result<RuleSources> {
        let mut sources = if self.no_embedded_rules {
            RuleSources::default()
        } else {
            RuleSources::embedded()
        };
        for path in &self.rules {
            sources.add_path(path)?;
        }
        sources.select(self.selection.clone());
        Ok(sources)
    }

    pub fn outlets(&self) -> Result<Outlets> {
        match &self.outlets {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Fatal::rules(format!("{}: cannot read outlet list: {e}", path.display()))
                })?;
                Outlets::parse(&path.display().to_string(), &text)
            }
            None => Outlets::embedded(),
        }
    }

    pub fn campaigns(&self) -> Result<CampaignSet> {
        Ok(self.campaigns_and_feeds()?.0)
    }

    /// The rules, plus what each `--ioc` feed added.
    pub fn campaigns_and_feeds(&self) -> Result<(CampaignSet, Vec<IocReport>)> {
        let set = CampaignSet::load(&self.rule_sources()?, self.outlets()?)?;
        self.add_feeds(set)
    }

    /// Load the `--ioc` feeds into `set`.
    pub fn add_feeds(&self, mut set: CampaignSet) -> Result<(CampaignSet, Vec<IocReport>)> {
        let mut reports = Vec::new();
        for spec in &self.ioc {
            reports.push(ioc::load_file(&mut set, spec)?);
        }
        Ok((set, reports))
    }

    pub fn config(&self) -> Result<Config> {
        let mut config = match &self.config {
            Some(path) => Config::load(path)?,
            None => Config::default(),
        };
        if !self.allow_langs.is_empty() {
            config.langid.allow = self.allow_langs.clone();
        }
        Ok(config)
    }

    /// The claims of every claim database, with what each contributed.
    pub fn claims(&self) -> Result<(Vec<Claim>, Vec<LoadReport>)> {
        let mut claims = Vec::new();
        let mut reports = Vec::new();
        if self.narratives.is_empty() {
            return Ok((claims, reports));
        }
        let langid = claim_langid()?;
        for spec in &self.narratives {
            let (c, r) = narratives_load::load_file(spec, &langid)?;
            claims.extend(c);
            reports.push(r);
        }
        Ok((claims, reports))
    }

    /// The context detector: the embedded fact-checker list, or `factcheckers`.
    pub fn context(&self) -> Result<ContextDetector> {
        match &self.factcheckers {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Fatal::rules(format!(
                        "{}: cannot read fact-checker list: {e}",
                        path.display()
                    ))
                })?;
                ContextDetector::with_organisations(&path.display().to_string(), &text)
            }
            None => ContextDetector::embedded(),
        }
    }

    /// The analyzer these options describe, compiled once, with what each claim database
    /// contributed (claims it could not use are counted there: the caller says so).
    pub fn build(&self) -> Result<(Analyzer, Vec<LoadReport>)> {
        let (claims, reports) = self.claims()?;
        let analyzer =
            Analyzer::with_selection(self.config()?, self.campaigns()?, &self.selection)?
                .with_claims(claims)
                .with_context(self.context()?);
        Ok((analyzer, reports))
    }

    /// The analyzer these options describe, compiled once.
    pub fn analyzer(&self) -> Result<Analyzer> {
        Ok(self.build()?.0)
    }
}

/// The language detector that decides a claim's language when its database does not say.
pub fn claim_langid() -> Result<LangId> {
    let allow: Vec<String> = DEFAULT_ALLOW.iter().map(|s| s.to_string()).collect();
    LangId::new(&allow).map_err(|e| Fatal::config(format!("language detector: {e}")))
}
