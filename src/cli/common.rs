//! Options shared by every command that analyses text.

use calque::campaigns::{outlets::Outlets, CampaignSet, RuleSources};
use calque::config::Config;
use calque::{Analyzer, Fatal, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
pub struct EngineArgs {
    /// Scoring configuration (weights, thresholds, language allow-list), e.g. a file written by
    /// `calque tune`. Keys left out keep the defaults shown in data/calque.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Directory (or file) of campaign rule files to add to the embedded ones; a file whose
    /// campaign id matches an embedded campaign replaces it. Example: --rules my-rules/
    #[arg(long, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the rule files given with --rules, not the embedded ones.
    #[arg(long)]
    pub no_embedded_rules: bool,
    /// Outlet list for typosquat indicators instead of the embedded data/outlets.toml.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
}

impl EngineArgs {
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
        CampaignSet::load(&self.rule_sources()?, self.outlets()?)
    }

    pub fn config(&self) -> Result<Config> {
        match &self.config {
            Some(path) => Config::load(path),
            None => Ok(Config::default()),
        }
    }

    pub fn analyzer(&self) -> Result<Analyzer> {
        Analyzer::new(self.config()?, self.campaigns()?)
    }
}
