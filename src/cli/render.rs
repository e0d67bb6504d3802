//! `calque render`: the HTML page and the Excel workbook of an existing report.

use super::common::EngineArgs;
use calque::catalog::RuleCatalog;
use calque::config::Config;
use calque::output::OutputSet;
use calque::render::extras::Extras;
use calque::render::{self, RenderOptions, Rendering, RunInfo};
use calque::{Fatal, Result};
use clap::Args;
use std::path::{Path, PathBuf};

/// The HTML and workbook outputs, shared by `scan` and `render`.
#[derive(Args, Debug, Clone, Default)]
pub struct PageArgs {
    /// Write a self-contained HTML page (summary, plots, top items with their evidence
    /// highlighted) to FILE; it opens offline in any browser.
    #[arg(long, value_name = "FILE")]
    pub html: Option<String>,
    /// Write an Excel workbook (report, summary, rules; accounts and clusters when given) to FILE.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<String>,
    /// Items detailed on the HTML page.
    #[arg(long, default_value_t = render::DEFAULT_HTML_ITEMS, value_name = "N")]
    pub html_items: usize,
    /// Rows of the workbook's report sheet (the full ranking stays in the report file).
    #[arg(long, default_value_t = render::DEFAULT_XLSX_ROWS, value_name = "N")]
    pub xlsx_rows: usize,
}

impl PageArgs {
    pub fn any(&self) -> bool {
        self.html.is_some() || self.xlsx.is_some()
    }

    pub fn options(&self) -> RenderOptions {
        RenderOptions {
            html_items: self.html_items,
            xlsx_rows: self.xlsx_rows,
        }
    }
}

/// The configuration shown on the page: thresholds, config file, rule sources.
pub fn settings(engine: &EngineArgs, config: &Config) -> Vec<(String, String)> {
    let mut s = vec![
        ("high threshold".into(), format!("{:.2}", config.score.high)),
        (
            "medium threshold".into(),
            format!("{:.2}", config.score.medium),
        ),
        (
            "config".into(),
            engine
                .config
                .as_ref()
                .map_or("built-in defaults (data/calque.toml)".into(), |p| {
                    p.display().to_string()
                }),
        ),
    ];
    let mut rules: Vec<String> = Vec::new();
    if !engine.no_embedded_rules {
        rules.push("embedded (data/campaigns/)".into());
    }
    rules.extend(engine.rules.iter().map(|p| p.display().to_string()));
    s.push(("campaign rules".into(), rules.join(", ")));
    if !engine.ioc.is_empty() {
        let feeds: Vec<String> = engine
            .ioc
            .iter()
            .map(|spec| spec.path.display().to_string())
            .collect();
        s.push(("indicator feeds".into(), feeds.join(", ")));
    }
    if !config.weights.is_empty() {
        s.push((
            "weights set by the config".into(),
            config
                .weights
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    s
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque render report.jsonl --html report.html
  calque render report.csv --html report.html --xlsx report.xlsx --summary summary.json
  calque render report.csv --xlsx report.xlsx --accounts accounts.csv --coordination coord/
  calque render report.csv --html report.html --rules my-rules/   # describe custom rules too

Reads a report written by `calque scan` (CSV or JSON Lines) once: the counts and plots cover
every row, the page details the first --html-items rows and the workbook's report sheet the
first --xlsx-rows. Give the rules the scan used (--rules, --ioc, --config) so that the page
describes them.")]
pub struct RenderArgs {
    /// The report (CSV or JSON Lines, as written by calque scan); - reads standard input.
    #[arg(value_name = "REPORT")]
    report: String,
    #[command(flatten)]
    page: PageArgs,
    /// The run summary written by `calque scan --summary FILE`: counts of records read and
    /// rejected on the page.
    #[arg(long, value_name = "FILE")]
    summary: Option<String>,
    /// The accounts table (`calque scan --accounts FILE`): the top accounts section and sheet.
    #[arg(long, value_name = "FILE")]
    accounts: Option<String>,
    /// The coordination directory (`calque coordinate -o DIR`): clusters.csv, edges.csv,
    /// nodes.csv give the network picture and the clusters sheet.
    #[arg(long, value_name = "DIR")]
    coordination: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: RenderArgs) -> Result<()> {
    if !args.page.any() {
        return Err(Fatal::usage(
            "nothing to render: give --html FILE and/or --xlsx FILE",
        ));
    }
    // Both outputs are checked against the inputs before anything is read, and put in place
    // together once both are complete.
    let mut inputs = vec![args.report.clone()];
    inputs.extend(args.summary.iter().cloned());
    inputs.extend(args.accounts.iter().cloned());
    if let Some(dir) = &args.coordination {
        for name in ["clusters.csv", "edges.csv", "nodes.csv"] {
            inputs.push(dir.join(name).display().to_string());
        }
    }
    let mut outputs = OutputSet::new(&inputs);
    let html = args
        .page
        .html
        .as_ref()
        .map(|p| outputs.stage(p, "--html"))
        .transpose()?;
    let xlsx = args
        .page
        .xlsx
        .as_ref()
        .map(|p| outputs.stage(p, "--xlsx"))
        .transpose()?;

    let config = args.engine.config()?;
    let catalog = RuleCatalog::new(&args.engine.campaigns()?, &config, &args.engine.context()?);
    let options = args.page.options();
    let (top, aggregates) = render::read_report(&args.report, options.rows_needed())?;
    let counts = args
        .summary
        .as_deref()
        .map(render::load_summary)
        .transpose()?;
    let extras = Extras::load(
        args.accounts.as_deref(),
        args.coordination.as_deref().map(Path::new),
        options.xlsx_rows,
    )?;
    let run = RunInfo {
        source: if args.report == "-" {
            "a report on standard input".into()
        } else {
            format!("the report {}", args.report)
        },
        counts,
        settings: settings(&args.engine, &config),
    };
    let rendering = Rendering {
        run: &run,
        aggregates: &aggregates,
        top: &top,
        catalog: &catalog,
        extras: &extras,
        options: &options,
    };
    render::write_staged(&rendering, html, xlsx, &mut outputs)?;
    outputs.commit()
}
