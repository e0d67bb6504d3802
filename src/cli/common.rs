//! Options shared by every command that analyses text.

use calque::campaigns::ioc::{IocReport, IocSpec};
use calque::campaigns::{outlets::Outlets, CampaignSet};
use calque::engine::EngineOptions;
use calque::{Analyzer, Result};
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
    /// Languages the language detector may answer (ISO 639-1), overriding the config's
    /// [langid] allow. Default: those of the heuristics and rules plus ru, uk.
    /// Example: --allow-langs en,fr,ru,uk,de,es
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub allow_langs: Vec<String>,
    /// Published indicator feed whose domains and links become indicators of a campaign:
    /// Meta threat-research CSV, DIMA CSV, or one domain per line (campaign from CAMPAIGN= or
    /// a `# campaign: ID` line). Repeatable. Example: --ioc doppelganger=domains.txt
    #[arg(long, value_name = "[CAMPAIGN=]FILE")]
    pub ioc: Vec<IocSpec>,
}

impl EngineArgs {
    /// The library's description of the analyzer these flags ask for.
    pub fn options(&self) -> EngineOptions {
        EngineOptions {
            config: self.config.clone(),
            rules: self.rules.clone(),
            no_embedded_rules: self.no_embedded_rules,
            outlets: self.outlets.clone(),
            allow_langs: self.allow_langs.clone(),
            ioc: self.ioc.clone(),
            narratives: Vec::new(),
        }
    }

    pub fn outlets(&self) -> Result<Outlets> {
        self.options().outlets()
    }

    /// The rules, plus what each `--ioc` feed added.
    pub fn campaigns_and_feeds(&self) -> Result<(CampaignSet, Vec<IocReport>)> {
        self.options().campaigns_and_feeds()
    }

    /// Load the `--ioc` feeds into `set`.
    pub fn add_feeds(&self, set: CampaignSet) -> Result<(CampaignSet, Vec<IocReport>)> {
        self.options().add_feeds(set)
    }

    /// Built by the library ([`EngineOptions::analyzer`]), as the Python binding builds it.
    pub fn analyzer(&self) -> Result<Analyzer> {
        self.options().analyzer()
    }
}
