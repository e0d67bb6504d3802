//! `calque heuristics`: list the interference heuristics, like `ruff rule`.

use calque::heuristics;
use calque::{Fatal, Result};
use clap::Args;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque heuristics                 # one line per heuristic
  calque heuristics RU-EN-PREP-001  # its full documentation and examples
  calque heuristics --lang fr --format csv
  calque heuristics --format json   # every field, as `calque rule --format json`
  calque rule MAT-005               # campaign indicators too")]
pub struct HeuristicsArgs {
    /// Show this heuristic in full.
    code: Option<String>,
    /// Only heuristics of this language (en, fr).
    #[arg(long)]
    lang: Option<String>,
    /// Output as a table, CSV or JSON (every field of `calque rule`), or with full docs.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ListFormat {
    Table,
    Csv,
    Json,
    Full,
}

fn full(h: &dyn heuristics::Heuristic) -> String {
    let i = h.info();
    let mut s = format!(
        "{} ({})\nfamily: {}  language: {}  default weight: {}\n\n",
        i.code,
        i.name,
        i.family.as_str(),
        i.lang.code(),
        i.weight
    );
    for line in i.doc.lines() {
        s.push_str(line.strip_prefix(' ').unwrap_or(line));
        s.push('\n');
    }
    s.push_str("\nExamples that fire:\n");
    for e in i.fires_on {
        s.push_str(&format!("  + {e}\n"));
    }
    s.push_str("Near-misses that must not fire:\n");
    for e in i.must_not_fire_on {
        s.push_str(&format!("  - {e}\n"));
    }
    s
}

fn summary_line(doc: &str) -> String {
    doc.lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty() || l.starts_with('#'))
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(args: HeuristicsArgs) -> Result<()> {
    if let Some(code) = &args.code {
        let h = heuristics::by_code(code).ok_or_else(|| {
            Fatal::input(format!(
                "no heuristic with code {code:?}; `calque heuristics` lists them, and `calque rule {code}` looks campaign indicators up too"
            ))
        })?;
        out!("{}", full(h));
        return Ok(());
    }
    let selected: Vec<_> = heuristics::all()
        .filter(|h| {
            args.lang
                .as_deref()
                .is_none_or(|l| h.info().lang.code() == l)
        })
        .collect();
    match args.format {
        ListFormat::Table => {
            outln!(
                "{:<18} {:<4} {:<20} {:>6}  {}",
                "CODE",
                "LANG",
                "FAMILY",
                "WEIGHT",
                "WHAT IT DETECTS"
            );
            for h in &selected {
                let i = h.info();
                outln!(
                    "{:<18} {:<4} {:<20} {:>6.2}  {}",
                    i.code,
                    i.lang.code(),
                    i.family.as_str(),
                    i.weight,
                    summary_line(i.doc)
                );
            }
        }
        ListFormat::Json => {
            let rules = calque::catalog::heuristic_rules(&calque::config::Config::default());
            super::rule::print_json(
                rules
                    .iter()
                    .filter(|r| selected.iter().any(|h| h.info().code == r.code)),
            )?;
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            let _ = w.write_record(["code", "name", "language", "family", "weight", "summary"]);
            for h in &selected {
                let i = h.info();
                let _ = w.write_record([
                    i.code,
                    i.name,
                    i.lang.code(),
                    i.family.as_str(),
                    &i.weight.to_string(),
                    &summary_line(i.doc),
                ]);
            }
            let _ = w.flush();
        }
        ListFormat::Full => {
            for h in &selected {
                outln!("{}", full(*h));
            }
        }
    }
    Ok(())
}
