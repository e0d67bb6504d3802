//! `calque rule CODE…`: any rule code, heuristic or campaign indicator, described in full.

use super::common::EngineArgs;
use calque::catalog::{RuleCatalog, RuleInfo, RuleType};
use calque::{Fatal, Result};
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleFormat {
    /// Sections for a human.
    Text,
    /// A JSON array of rules (the fields of `calque rules list --format json`).
    Json,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque rule MAT-005                 # a campaign indicator: description, source, DISARM ids
  calque rule RU-EN-PREP-001          # an interference heuristic
  calque rule mat-001 RU-FR-ART-001 --format json
  calque rule MYRULE-1 --rules my-rules/")]
pub struct RuleArgs {
    /// Heuristic codes or indicator ids (any case).
    #[arg(required = true, value_name = "CODE")]
    codes: Vec<String>,
    #[arg(long, value_enum, default_value_t = RuleFormat::Text)]
    format: RuleFormat,
    #[command(flatten)]
    engine: EngineArgs,
}

/// One rule as text: what `calque rule` prints.
pub fn render(r: &RuleInfo) -> String {
    let mut s = String::new();
    let what = match r.rule_type {
        RuleType::Heuristic => format!("interference heuristic {} ({})", r.name, r.group),
        RuleType::Indicator => format!(
            "{}{} indicator of campaign {} ({})",
            r.name,
            if r.part { " building-block" } else { "" },
            r.group,
            r.group_name
        ),
    };
    s += &format!("{} — {what}\n", r.code);
    let langs = if r.languages.is_empty() {
        "any".to_string()
    } else {
        r.languages.join(", ")
    };
    s += &format!(
        "languages: {langs}   weight: {:.2}   defined in: {}\n",
        r.weight, r.defined_in
    );
    let mut section = |title: &str, body: &str| {
        if !body.trim().is_empty() {
            s += &format!("\n{title}\n");
            for line in body.lines() {
                s += &format!("  {line}\n");
            }
        }
    };
    section("What it detects", &r.description);
    section("Why it is evidence", &r.rationale);
    section("Source", &r.source);
    section("References", &r.references.join("\n"));
    section("DISARM techniques", &r.disarm.join(", "));
    let examples = |sign: &str, list: &[String]| {
        list.iter()
            .map(|e| format!("{sign} {e}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    section("Examples that fire", &examples("+", &r.fires_on));
    section(
        "Near-misses that must not fire",
        &examples("-", &r.must_not_fire_on),
    );
    s
}

pub fn run(args: RuleArgs) -> Result<()> {
    let config = args.engine.config()?;
    let catalog = RuleCatalog::new(&args.engine.campaigns()?, &config);
    let mut found = Vec::new();
    for code in &args.codes {
        match catalog.get(code) {
            Some(r) => found.push(r),
            None => {
                let near = catalog.near(code, 5);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", near.join(", "))
                };
                return Err(Fatal::input(format!(
                    "no heuristic or indicator with code {code:?}{hint}; `calque heuristics` and `calque rules list` list them"
                )));
            }
        }
    }
    match args.format {
        RuleFormat::Text => {
            for (i, r) in found.iter().enumerate() {
                if i > 0 {
                    outln!();
                }
                out!("{}", render(r));
            }
        }
        RuleFormat::Json => print_json(found.into_iter())?,
    }
    Ok(())
}

/// Columns of `--format csv` listings of rules; lists are joined with `;`.
const CSV_COLUMNS: &[&str] = &[
    "code",
    "type",
    "name",
    "group",
    "group_name",
    "languages",
    "weight",
    "part",
    "description",
    "rationale",
    "source",
    "references",
    "disarm",
    "defined_in",
];

/// Rules as CSV on standard output (for `rules list` and `heuristics`).
pub fn print_csv<'a>(rules: impl Iterator<Item = &'a RuleInfo>) -> Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Fatal::output(format!("cannot write CSV: {e}"));
    w.write_record(CSV_COLUMNS).map_err(err)?;
    for r in rules {
        let rule_type = match r.rule_type {
            RuleType::Heuristic => "heuristic",
            RuleType::Indicator => "indicator",
        };
        w.write_record([
            r.code.as_str(),
            rule_type,
            &r.name,
            &r.group,
            &r.group_name,
            &r.languages.join(";"),
            &format!("{:.2}", r.weight),
            if r.part { "true" } else { "false" },
            &r.description,
            &r.rationale,
            &r.source,
            &r.references.join(";"),
            &r.disarm.join(";"),
            &r.defined_in,
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Fatal::output(format!("cannot write CSV: {}", e.error())))?;
    out!("{}", String::from_utf8_lossy(&bytes));
    Ok(())
}

/// Rules as one JSON array on standard output.
pub fn print_json<'a>(rules: impl Iterator<Item = &'a RuleInfo>) -> Result<()> {
    let rules: Vec<&RuleInfo> = rules.collect();
    outln!(
        "{}",
        serde_json::to_string_pretty(&rules)
            .map_err(|e| Fatal::output(format!("cannot write JSON: {e}")))?
    );
    Ok(())
}
