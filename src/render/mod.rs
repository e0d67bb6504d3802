//! The fact-checker's report: a self-contained HTML page and an Excel workbook, rendered from
//! (a) counts over every item ([`aggregate::Aggregates`], O(1) per item) and (b) the top rows
//! of the ranked report ([`table::Table`]), plus the rule catalogue and, when they exist, the
//! accounts and coordination tables ([`extras::Extras`]). `calque render` reads those back
//! from files ([`read_report`]); `calque scan --html/--xlsx` collects them while it scans.

pub mod aggregate;
pub mod decode;
pub mod extras;
pub mod highlight;
pub mod html;
pub mod plots;
pub mod table;
pub mod xlsx;

use crate::catalog::RuleCatalog;
use crate::error::{Fatal, Result};
use crate::output::{OutputSet, Staged};
use crate::pipeline::Summary;
use aggregate::{Aggregates, ItemFacts};
use extras::Extras;
use std::io::Write;
use table::{read_table, RowView, Table};

/// Items detailed on the HTML page by default: what an editor reads in one sitting, and a
/// page that opens instantly (about 5 KB per item).
pub const DEFAULT_HTML_ITEMS: usize = 200;
/// Rows of the workbook's report sheet by default. A spreadsheet is for the top of the
/// ranking: past a few thousand rows items score low or zero, Excel slows down with the long
/// texts, and the full ranking is in the report file. Writing 5,000 rows takes well under a
/// second (docs/PERFORMANCE.md).
pub const DEFAULT_XLSX_ROWS: usize = 5_000;

/// How much to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    pub html_items: usize,
    pub xlsx_rows: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            html_items: DEFAULT_HTML_ITEMS,
            xlsx_rows: DEFAULT_XLSX_ROWS,
        }
    }
}

impl RenderOptions {
    /// Rows of the report needed by both outputs.
    pub fn rows_needed(&self) -> usize {
        self.html_items.max(self.xlsx_rows)
    }
}

/// Read a summary written by `calque scan --summary FILE`.
pub fn load_summary(path: &str) -> Result<Summary> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fatal::input(format!("{path}: cannot read the summary: {e}")))?;
    serde_json::from_str(&text).map_err(|e| {
        Fatal::input(format!(
            "{path}:{}: not a calque summary (JSON written by scan --summary): {e}",
            e.line()
        ))
    })
}

/// What the page and the workbook say about the run.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// Where the rows come from: the report file, or the scan's inputs.
    pub source: String,
    /// The scan's counts, when known.
    pub counts: Option<Summary>,
    /// The run's configuration, as (setting, value), in display order.
    pub settings: Vec<(String, String)>,
}

/// Everything a renderer needs.
#[derive(Debug, Clone, Copy)]
pub struct Rendering<'a> {
    pub run: &'a RunInfo,
    pub aggregates: &'a Aggregates,
    /// The report's first rows, in rank order.
    pub top: &'a Table,
    pub catalog: &'a RuleCatalog,
    pub extras: &'a Extras,
    pub options: &'a RenderOptions,
}

/// The cells of a report row that the aggregates count.
pub fn facts<'a>(row: &'a RowView<'_>) -> ItemFacts<'a> {
    ItemFacts {
        score: row.get("score").parse().unwrap_or(0.0),
        level: row.get("level"),
        lang: row.get("lang"),
        campaign: row.get("campaign"),
        timestamp: row.get("timestamp"),
    }
}

/// The rule codes of a report row: its `interference_rules` and `campaign_rules`.
pub fn rule_codes<'a>(row: &'a RowView<'_>) -> impl Iterator<Item = &'a str> {
    row.get("interference_rules")
        .split(';')
        .chain(row.get("campaign_rules").split(';'))
        .filter(|c| !c.is_empty())
}

/// Read a report written by `calque scan` (CSV or JSON Lines, detected from its first byte):
/// its first `keep` rows, and the aggregates over all of its rows.
pub fn read_report(path: &str, keep: usize) -> Result<(Table, Aggregates)> {
    let mut aggregates = Aggregates::default();
    let top = read_table(path, keep, |row| {
        aggregates.add(&facts(row), rule_codes(row))
    })?;
    let missing: Vec<&str> = ["rank", "score", "level", "text"]
        .into_iter()
        .filter(|c| top.col(c).is_none())
        .collect();
    if !missing.is_empty() && !top.header.is_empty() {
        return Err(Fatal::input(format!(
            "{path}: not a calque report: no column {} (docs/report-schema.md)",
            missing.join(", ")
        )));
    }
    Ok((top, aggregates))
}

/// Render the page into `html` and the workbook into `xlsx` (files staged in `outputs`), and
/// mark them ready: they are put in place with the run's other outputs on commit.
pub fn write_staged(
    r: &Rendering<'_>,
    html: Option<Staged>,
    xlsx: Option<Staged>,
    outputs: &mut OutputSet,
) -> Result<()> {
    let write = |file: &mut Staged, bytes: &[u8]| {
        let name = file.name().to_string();
        file.write_all(bytes)
            .map_err(|e| Fatal::output(format!("{name}: {e}")))
    };
    if let Some(mut file) = html {
        write(&mut file, html::render(r).as_bytes())?;
        outputs.ready(file)?;
    }
    if let Some(mut file) = xlsx {
        write(&mut file, &xlsx::render(r)?)?;
        outputs.ready(file)?;
    }
    Ok(())
}
