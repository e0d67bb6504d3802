//! `calque rules`: list, check and test campaign rules.

use super::common::EngineArgs;
use calque::campaigns::ioc::IocReport;
use calque::campaigns::{CampaignSet, RuleSources};
use calque::catalog::RuleCatalog;
use calque::{Fatal, FatalKind, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// List campaigns, their indicators and narratives (csv/json: context cues too).
    #[command(
        after_help = "Examples:\n  calque rules list --rules my-rules/\n  calque rules list --format csv > rules.csv   # one row per indicator, narrative, context cue\n  calque rule MAT-005                          # one rule in full"
    )]
    List {
        /// Output: one line per indicator and narrative under its campaign, or one CSV row /
        /// JSON object per indicator, narrative (and the NARRATIVE entry) and context cue, with
        /// every field of `calque rule` (`type`: indicator, narrative, context).
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Validate rule files; errors give file, line and what is wrong.
    #[command(
        after_help = "Examples:\n  calque rules check                # the embedded rules\n  calque rules check my-rules/      # only the files in my-rules/"
    )]
    Check {
        /// Directory or file to check instead of the embedded rules.
        dir: Option<PathBuf>,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Run every indicator's fires_on / must_not_fire_on examples.
    #[command(
        after_help = "Examples:\n  calque rules test\n  calque rules test --rules my-rules/"
    )]
    Test {
        /// Directory or file to test instead of the embedded rules.
        dir: Option<PathBuf>,
        #[command(flatten)]
        engine: EngineArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    Text,
    Csv,
    Json,
}

fn load(dir: &Option<PathBuf>, engine: &EngineArgs) -> Result<(CampaignSet, Vec<IocReport>)> {
    match dir {
        Some(d) => {
            let mut sources = RuleSources::default();
            sources.add_path(d)?;
            engine.add_feeds(CampaignSet::load(&sources, engine.outlets()?)?)
        }
        None => engine.campaigns_and_feeds(),
    }
}

/// One line per `--ioc` feed: format, what loaded per campaign, what was skipped and why.
fn print_feeds(reports: &[IocReport]) {
    for r in reports {
        let loaded: Vec<String> = r.loaded.iter().map(|(c, n)| format!("{c} {n}")).collect();
        outln!(
            "feed {} ({}): {} domains/links loaded ({})",
            r.origin,
            r.format,
            r.total_loaded(),
            loaded.join(", ")
        );
        for (reason, n) in &r.skipped {
            outln!("  skipped {n}: {reason}");
        }
    }
}

pub fn run(args: RulesArgs) -> Result<()> {
    match args.command {
        RulesCommand::List { format, engine } => {
            let (set, feeds) = engine.campaigns_and_feeds()?;
            if format != ListFormat::Text {
                let catalog = RuleCatalog::new(&set, &engine.config()?, &engine.context()?);
                return match format {
                    ListFormat::Csv => super::rule::print_csv(catalog.non_heuristics()),
                    _ => super::rule::print_json(catalog.non_heuristics()),
                };
            }
            print_feeds(&feeds);
            for c in &set.campaigns {
                let aliases = if c.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" — also {}", c.aliases.join(", "))
                };
                outln!("{} ({}){}  [{}]", c.id, c.name, aliases, c.origin);
                for &i in &c.indicators {
                    let ind = &set.indicators[i];
                    let weight = if ind.part {
                        "part".to_string()
                    } else {
                        format!("{:.2}", ind.weight)
                    };
                    let langs = if ind.languages.is_empty() {
                        "any".to_string()
                    } else {
                        ind.languages.join(",")
                    };
                    outln!(
                        "  {:<10} {:<9} {:>5} {:<6} {}",
                        ind.id,
                        ind.kind.as_str(),
                        weight,
                        langs,
                        ind.description
                    );
                }
                for n in set
                    .narratives
                    .iter()
                    .filter(|n| n.campaign.as_deref() == Some(c.id.as_str()))
                {
                    outln!(
                        "  {:<10} {:<9} {:>5} {:<6} {}",
                        n.id,
                        "narrative",
                        "",
                        n.lang,
                        n.text
                    );
                }
            }
            Ok(())
        }
        RulesCommand::Check { dir, engine } => {
            let (set, feeds) = load(&dir, &engine)?;
            print_feeds(&feeds);
            engine.context()?;
            outln!(
                "ok: {} campaigns, {} indicators, {} narratives",
                set.campaigns.len(),
                set.indicators.len(),
                set.narratives.len()
            );
            Ok(())
        }
        RulesCommand::Test { dir, engine } => {
            let (set, _) = load(&dir, &engine)?;
            let failures = set.test_examples();
            let examples: usize = set
                .indicators
                .iter()
                .map(|i| i.fires_on.len() + i.must_not_fire_on.len())
                .chain(
                    set.narratives
                        .iter()
                        .map(|n| n.fires_on.len() + n.must_not_fire_on.len()),
                )
                .sum();
            for f in &failures {
                outln!("FAIL {} ({}): {}", f.indicator, f.location, f.message);
            }
            outln!(
                "{} passed, {} failed",
                examples - failures.len(),
                failures.len()
            );
            if failures.is_empty() {
                Ok(())
            } else {
                Err(Fatal::new(
                    FatalKind::TestFailed,
                    format!("{} rule examples failed", failures.len()),
                ))
            }
        }
    }
}
