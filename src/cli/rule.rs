//! `calque rule CODE…`: any code of the report's evidence columns — heuristic, campaign
//! indicator, a rule file's narrative id, `NARRATIVE`, context cue — described in full.

use super::common::EngineArgs;
use calque::catalog::{narrative_info, RuleCatalog, RuleInfo, RuleType, NARRATIVE};
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
  calque rule CTX-EN-VERDICT          # a context cue: what it means, its phrases
  calque rule MAT-N01                 # a rule file's known claim: claim, source, URL, campaign
  calque rule 12345 --narratives cases.csv   # a claim database's claim, by its id
  calque rule NARRATIVE               # the narrative entry of the evidence column
  calque rule mat-001 RU-FR-ART-001 --format json
  calque rule MYRULE-1 --rules my-rules/")]
pub struct RuleArgs {
    /// Heuristic codes, indicator or narrative ids, NARRATIVE, context cue ids (any case).
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
        RuleType::Narrative if r.code == NARRATIVE => {
            "the evidence column's narrative entry: words an item shares with a known claim".into()
        }
        RuleType::Narrative if r.group.is_empty() => "known claim (narrative)".into(),
        RuleType::Narrative => format!(
            "known claim (narrative) of campaign {} ({})",
            r.group, r.group_name
        ),
        RuleType::Context => format!(
            "context cue ({}): the item reports on or debunks what it matched",
            r.name
        ),
    };
    s += &format!("{} — {what}\n", r.code);
    let langs = if r.languages.is_empty() {
        "any".to_string()
    } else {
        r.languages.join(", ")
    };
    let counts = match r.rule_type {
        RuleType::Narrative => format!("counts as: {:.2} × narrative score", r.weight),
        RuleType::Context => "counts as: a cap on the score (context_cap)".into(),
        _ => format!("weight: {:.2}", r.weight),
    };
    s += &format!(
        "languages: {langs}   {counts}   defined in: {}\n",
        r.defined_in
    );
    let mut section = |title: &str, body: &str| {
        if !body.trim().is_empty() {
            s += &format!("\n{title}\n");
            for line in body.lines() {
                s += &format!("  {line}\n");
            }
        }
    };
    let claim = r.rule_type == RuleType::Narrative && r.code != NARRATIVE;
    section(
        if claim { "Claim" } else { "What it detects" },
        &r.description,
    );
    section(
        match r.rule_type {
            _ if claim => "The campaign",
            RuleType::Context => "Why it matters",
            _ => "Why it is evidence",
        },
        &r.rationale,
    );
    section("Source", &r.source);
    section(
        if claim {
            "Fact-check or report (the report's narrative_source)"
        } else {
            "References"
        },
        &r.references.join("\n"),
    );
    section("DISARM techniques", &r.disarm.join(", "));
    if r.rule_type == RuleType::Context {
        section(
            "Phrases (matched on the normalized text at word boundaries)",
            &r.fires_on
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", "),
        );
        return s;
    }
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
    let set = args.engine.campaigns()?;
    let catalog = RuleCatalog::new(&set, &config, &args.engine.context()?);
    // Claims of --narratives databases, looked up by id only when asked for (a database can
    // hold tens of thousands; the catalogue, which the page and workbook list, holds none).
    let (claims, _) = args.engine.options().claims()?;
    let from_databases: Vec<RuleInfo> = args
        .codes
        .iter()
        .filter(|code| catalog.get(code).is_none())
        .filter_map(|code| {
            claims
                .iter()
                .find(|c| !c.id.is_empty() && c.id.eq_ignore_ascii_case(code.trim()))
        })
        .map(|c| narrative_info(c, &set, &config))
        .collect();
    let mut found = Vec::new();
    for code in &args.codes {
        let in_database = || {
            from_databases
                .iter()
                .find(|r| r.code.eq_ignore_ascii_case(code.trim()))
        };
        match catalog.get(code).or_else(in_database) {
            Some(r) => found.push(r),
            None => {
                let near = catalog.near(code, 5);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", near.join(", "))
                };
                return Err(Fatal::input(format!(
                    "no rule with code {code:?}{hint}: not a heuristic, indicator, narrative id or context cue; `calque heuristics` and `calque rules list --format csv` list them"
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
        let rule_type = r.rule_type.as_str();
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
