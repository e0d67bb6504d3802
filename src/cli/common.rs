//! Options shared by every command that analyses text.

use calque::campaigns::ioc::{self, IocReport, IocSpec};
use calque::campaigns::{outlets::Outlets, CampaignSet, RuleSources};
use calque::config::Config;
use calque::rule_selection::RuleSelection;
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

    pub fn analyzer(&self) -> Result<Analyzer> {
        Analyzer::new(self.config()?, self.campaigns()?)
    }

    /// An analyzer that runs only the rules `selection` selects: the others are not compiled.
    pub fn analyzer_selecting(&self, selection: &SelectionArgs) -> Result<Analyzer> {
        let selection = selection.selection();
        let mut sources = self.rule_sources()?;
        sources.select(selection.clone());
        let (set, _) = self.add_feeds(CampaignSet::load(&sources, self.outlets()?)?)?;
        Analyzer::with_selection(self.config()?, set, &selection)
    }
}

/// `--select` / `--ignore`, for the commands that analyse (scan, eval, explain).
#[derive(Args, Debug, Clone, Default)]
pub struct SelectionArgs {
    /// Run only these rules: heuristic codes, indicator ids, or prefixes of them (as ruff
    /// does), comma-separated; ALL selects every rule. Deselected rules do not run at all.
    /// Example: --select RU-EN-,MAT-
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Do not run these rules (codes or prefixes); a more specific --select wins.
    /// Example: --ignore RU-EN-ART,IRA-
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
}

impl SelectionArgs {
    pub fn selection(&self) -> RuleSelection {
        RuleSelection::new(&self.select, &self.ignore)
    }
}
