//! Building an [`Analyzer`] from where its parts live: config file, rule directories, outlet
//! list, indicator feeds. The command line (`src/cli/common.rs`) and the Python binding
//! (`python/`) both call [`EngineOptions::analyzer`], so the same options give the same
//! analyzer, and the same error messages, in both.

use crate::campaigns::ioc::{self, IocReport, IocSpec};
use crate::campaigns::{outlets::Outlets, CampaignSet, RuleSources};
use crate::config::Config;
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
    /// Claim databases (`--narratives`). Hook for the narratives work (issue 13): until it is
    /// merged, [`EngineOptions::analyzer`] refuses a non-empty list; when it is, load the claims
    /// here (as `EngineArgs::claims` does on that branch) so that the CLI and Python share it.
    pub narratives: Vec<String>,
}

impl EngineOptions {
    pub fn rule_sources(&self) -> Result<RuleSources> {
        let mut sources = if self.no_embedded_rules {
            RuleSources::default()
        } else {
            RuleSources::embedded()
        };
        for path in &self.rules {
            sources.add_path(path)?;
        }
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

    /// The analyzer these options describe, compiled once.
    pub fn analyzer(&self) -> Result<Analyzer> {
        if !self.narratives.is_empty() {
            return Err(Fatal::usage(
                "--narratives: claim databases are not supported by this build yet",
            ));
        }
        Analyzer::new(self.config()?, self.campaigns()?)
    }
}
