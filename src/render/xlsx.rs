//! The Excel workbook (rust_xlsxwriter): the report's top rows, the run summary, every rule,
//! and the accounts and clusters tables when they exist.
//!
//! - **report**: ids, handles and every other text as text (an 18-digit tweet id would lose
//!   its last digits as a number, `@handle` or `=…` would become a formula: cells are written
//!   as strings, never parsed), scores as numbers, web addresses as hyperlinks, header frozen,
//!   an autofilter, set widths, evidence wrapped. Texts beyond Excel's 32,767 characters are
//!   shortened with a note; hyperlinks beyond Excel's 65,530 per sheet stay text.
//! - **summary**: the run, the counts by level, language and campaign, campaigns × languages.
//! - **rules**: code, type, name, family or campaign, description, source, references, DISARM,
//!   and on how many of the report's items each rule counted.
//! - **accounts**, **clusters**: as their tables, numbers as numbers except in id-like columns.

use super::aggregate::LEVELS;
use super::html::safe_href;
use super::table::Table;
use super::Rendering;
use crate::catalog::RuleType;
use crate::error::{Fatal, Result};
use crate::report::NUMERIC_COLUMNS;
use rust_xlsxwriter::{Format, FormatAlign, Url, Workbook, Worksheet, XlsxError};

/// Excel's limit on the characters of a cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on hyperlinks in a worksheet.
const MAX_LINKS: usize = 65_530;
/// Excel's last row (0-based), header included.
const MAX_ROW: u32 = 1_048_575;

fn xerr(e: XlsxError) -> Fatal {
    Fatal::output(format!("cannot write the workbook: {e}"))
}

/// `text` cut to fit a cell, with a note of what was left out.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_CELL_CHARS || text.chars().count() <= MAX_CELL_CHARS {
        return text.into();
    }
    let keep = MAX_CELL_CHARS - 100;
    let cut = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    let left_out = text[cut..].chars().count();
    format!(
        "{} […{left_out} characters left out; the report file has the whole text]",
        &text[..cut]
    )
    .into()
}

/// Whether a column holds identifiers (never numbers, whatever they look like).
fn id_like(column: &str) -> bool {
    column
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|token| {
            matches!(
                token,
                "id" | "ids"
                    | "account"
                    | "author"
                    | "user"
                    | "userid"
                    | "username"
                    | "handle"
                    | "screen"
                    | "name"
                    | "url"
                    | "urls"
                    | "source"
                    | "target"
                    | "node"
                    | "label"
                    | "cluster"
                    | "platform"
                    | "evidence"
                    | "members"
            )
        })
}

/// A cell of a table column as a number, when it is one and the column is not id-like: at most
/// 15 significant digits (what a double keeps), no leading zero or sign (codes like `007`).
fn as_number(column: &str, cell: &str) -> Option<f64> {
    if id_like(column) || cell.is_empty() {
        return None;
    }
    let digits = cell.bytes().filter(u8::is_ascii_digit).count();
    let leading_zero = cell.len() > 1 && cell.starts_with('0') && !cell.starts_with("0.");
    if digits > 15 || leading_zero || cell.starts_with('+') {
        return None;
    }
    cell.parse::<f64>().ok().filter(|x| x.is_finite())
}

struct Formats {
    header: Format,
    wrap: Format,
    top: Format,
    bold: Format,
    number4: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(0xE8ECEF)
                .set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            top: Format::new().set_align(FormatAlign::Top),
            bold: Format::new().set_bold(),
            number4: Format::new()
                .set_num_format("0.0000")
                .set_align(FormatAlign::Top),
        }
    }
}

/// Width of a report column, in characters.
fn report_width(column: &str) -> f64 {
    match column {
        "rank" | "lang" => 6.0,
        "score" | "level" | "campaign_score" | "interference_score" => 9.0,
        "lang_confidence" | "cyrillic_share" | "mixed_script_tokens" | "platform" => 9.0,
        "id" | "author" | "timestamp" | "campaign" => 20.0,
        "url" | "source" | "interference_rules" | "campaign_rules" | "other_campaigns" => 26.0,
        "evidence" => 60.0,
        "text" => 90.0,
        "evidence_spans" => 24.0,
        _ => 16.0,
    }
}

fn write_header(ws: &mut Worksheet, header: &[String], f: &Formats) -> Result<()> {
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)
            .map_err(xerr)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    Ok(())
}

fn report_sheet(ws: &mut Worksheet, top: &Table, rows: usize, f: &Formats) -> Result<()> {
    ws.set_name("report").map_err(xerr)?;
    write_header(ws, &top.header, f)?;
    let rows = &top.rows[..top.rows.len().min(rows).min(MAX_ROW as usize)];
    let mut links = 0;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, (column, cell)) in top.header.iter().zip(row).enumerate() {
            let c = c as u16;
            let numeric = NUMERIC_COLUMNS.contains(&column.as_str());
            match cell.parse::<f64>() {
                Ok(x) if numeric && x.is_finite() => {
                    let fmt = if column.ends_with("score") {
                        &f.number4
                    } else {
                        &f.top
                    };
                    ws.write_number_with_format(r, c, x, fmt).map_err(xerr)?;
                    continue;
                }
                _ => {}
            }
            if column == "url" && links < MAX_LINKS {
                if let Some(href) = safe_href(cell) {
                    if ws.write_url(r, c, Url::new(href)).is_ok() {
                        links += 1;
                        continue;
                    }
                }
            }
            let fmt = if column == "evidence" {
                &f.wrap
            } else {
                &f.top
            };
            ws.write_string_with_format(r, c, fit(cell), fmt)
                .map_err(xerr)?;
        }
    }
    let last_col = top.header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)
        .map_err(xerr)?;
    for (c, column) in top.header.iter().enumerate() {
        ws.set_column_width(c as u16, report_width(column))
            .map_err(xerr)?;
    }
    Ok(())
}

/// A generic table (accounts, clusters): numbers where a column holds numbers, text elsewhere.
fn table_sheet(ws: &mut Worksheet, name: &str, t: &Table, f: &Formats) -> Result<()> {
    ws.set_name(name).map_err(xerr)?;
    write_header(ws, &t.header, f)?;
    let rows = &t.rows[..t.rows.len().min(MAX_ROW as usize)];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, (column, cell)) in t.header.iter().zip(row).enumerate() {
            match as_number(column, cell) {
                Some(x) => ws.write_number(r, c as u16, x).map_err(xerr)?,
                None => ws.write_string(r, c as u16, fit(cell)).map_err(xerr)?,
            };
        }
    }
    if !t.header.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, (t.header.len() - 1) as u16)
            .map_err(xerr)?;
    }
    for (c, column) in t.header.iter().enumerate() {
        let widest = rows
            .iter()
            .take(200)
            .filter_map(|row| row.get(c))
            .map(|cell| cell.chars().count())
            .chain([column.len()])
            .max()
            .unwrap_or(8);
        ws.set_column_width(c as u16, (widest as f64 + 2.0).clamp(6.0, 50.0))
            .map_err(xerr)?;
    }
    Ok(())
}

fn rules_sheet(ws: &mut Worksheet, r: &Rendering<'_>, f: &Formats) -> Result<()> {
    ws.set_name("rules").map_err(xerr)?;
    let header: Vec<String> = [
        "code",
        "type",
        "name",
        "family or campaign",
        "campaign name",
        "languages",
        "weight",
        "items",
        "description",
        "why it is evidence",
        "source",
        "references",
        "DISARM",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    write_header(ws, &header, f)?;
    let mut rules: Vec<(&crate::catalog::RuleInfo, u64)> = r
        .catalog
        .rules
        .iter()
        .map(|rule| {
            (
                rule,
                r.aggregates.by_rule.get(&rule.code).copied().unwrap_or(0),
            )
        })
        .collect();
    // Rules that counted in the report first; the catalogue's order otherwise.
    rules.sort_by_key(|r| std::cmp::Reverse(r.1));
    for (i, (rule, items)) in rules.iter().enumerate() {
        let row = i as u32 + 1;
        let rule_type = rule.rule_type.as_str();
        let group_name = match rule.rule_type {
            RuleType::Heuristic => "",
            _ => rule.group_name.as_str(),
        };
        let text_cells: [(u16, &str); 5] = [
            (0, &rule.code),
            (1, rule_type),
            (2, &rule.name),
            (3, &rule.group),
            (4, group_name),
        ];
        for (c, v) in text_cells {
            ws.write_string_with_format(row, c, v, &f.top)
                .map_err(xerr)?;
        }
        ws.write_string_with_format(row, 5, rule.languages.join(", "), &f.top)
            .map_err(xerr)?;
        ws.write_number_with_format(row, 6, rule.weight, &f.top)
            .map_err(xerr)?;
        ws.write_number_with_format(row, 7, *items as f64, &f.top)
            .map_err(xerr)?;
        for (c, v) in [
            (8u16, rule.description.as_str()),
            (9, rule.rationale.as_str()),
            (10, rule.source.as_str()),
        ] {
            ws.write_string_with_format(row, c, fit(v), &f.wrap)
                .map_err(xerr)?;
        }
        ws.write_string_with_format(row, 11, rule.references.join("\n"), &f.wrap)
            .map_err(xerr)?;
        ws.write_string_with_format(row, 12, rule.disarm.join(", "), &f.top)
            .map_err(xerr)?;
    }
    ws.autofilter(0, 0, rules.len() as u32, 12).map_err(xerr)?;
    for (c, w) in [
        16.0, 10.0, 20.0, 18.0, 24.0, 9.0, 7.0, 7.0, 50.0, 50.0, 40.0, 40.0, 24.0,
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(c as u16, *w).map_err(xerr)?;
    }
    Ok(())
}

/// Rows of (key, value) written one after another.
struct Lines<'w> {
    ws: &'w mut Worksheet,
    row: u32,
    bold: Format,
}

impl Lines<'_> {
    fn put(&mut self, key: &str, value: Value<'_>) -> Result<()> {
        self.ws.write_string(self.row, 0, key).map_err(xerr)?;
        self.value(1, value)?;
        self.row += 1;
        Ok(())
    }

    fn title(&mut self, key: &str, value: &str) -> Result<()> {
        self.ws
            .write_string_with_format(self.row, 0, key, &self.bold)
            .map_err(xerr)?;
        self.ws
            .write_string_with_format(self.row, 1, value, &self.bold)
            .map_err(xerr)?;
        self.row += 1;
        Ok(())
    }

    fn value(&mut self, col: u16, value: Value<'_>) -> Result<()> {
        match value {
            Value::Text(v) => self.ws.write_string(self.row, col, fit(v)).map(|_| ()),
            Value::Number(n) => self.ws.write_number(self.row, col, n).map(|_| ()),
        }
        .map_err(xerr)
    }

    fn counts(&mut self, title: &str, map: &std::collections::BTreeMap<String, u64>) -> Result<()> {
        self.title(title, "items")?;
        let mut sorted: Vec<(&String, &u64)> = map.iter().collect();
        sorted.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        for (k, n) in sorted {
            self.put(k, Value::Number(*n as f64))?;
        }
        self.row += 1;
        Ok(())
    }
}

fn summary_sheet(ws: &mut Worksheet, r: &Rendering<'_>, f: &Formats) -> Result<()> {
    ws.set_name("summary").map_err(xerr)?;
    ws.set_column_width(0, 34.0).map_err(xerr)?;
    ws.set_column_width(1, 60.0).map_err(xerr)?;
    let a = r.aggregates;
    let mut l = Lines {
        ws,
        row: 0,
        bold: f.bold.clone(),
    };
    l.title(
        "calque report",
        "A match is a reason to look, not a verdict.",
    )?;
    l.put("calque version", Value::Text(env!("CARGO_PKG_VERSION")))?;
    l.put("report schema", Value::Text(crate::report::SCHEMA_VERSION))?;
    l.put("rows from", Value::Text(&r.run.source))?;
    if let Some(c) = &r.run.counts {
        if !c.inputs.is_empty() {
            l.put("inputs", Value::Text(&c.inputs.join(", ")))?;
        }
        l.put("records read", Value::Number(c.records_read as f64))?;
        l.put("scored", Value::Number(c.scored as f64))?;
        l.put("rejected", Value::Number(c.rejected as f64))?;
        for (reason, n) in &c.rejected_by_reason {
            l.put(&format!("  rejected: {reason}"), Value::Number(*n as f64))?;
        }
    }
    l.put("items in the report", Value::Number(a.items as f64))?;
    let shown = r.top.rows.len().min(r.options.xlsx_rows);
    l.put("rows in the report sheet", Value::Number(shown as f64))?;
    for (k, v) in &r.run.settings {
        l.put(k, Value::Text(v))?;
    }
    l.row += 1;
    l.title("Level", "items")?;
    for level in LEVELS {
        let n = a.by_level.get(level).copied().unwrap_or(0);
        l.put(level, Value::Number(n as f64))?;
    }
    l.row += 1;
    l.counts("Language", &a.by_language)?;
    l.counts("Best-matching campaign", &a.by_campaign)?;
    l.counts("Rule (items it counted on)", &a.by_rule)?;
    l.title("Timestamps", "items")?;
    l.put("dated", Value::Number(a.dated_items() as f64))?;
    l.put("missing", Value::Number(a.timestamps_missing as f64))?;
    l.put("unreadable", Value::Number(a.timestamps_unreadable as f64))?;
    l.row += 1;
    // Campaigns × languages as a grid.
    let mut langs: Vec<&String> = a
        .campaign_language
        .values()
        .flat_map(|m| m.keys())
        .collect();
    langs.sort();
    langs.dedup();
    if !langs.is_empty() {
        l.ws.write_string_with_format(l.row, 0, "Campaign × language", &f.bold)
            .map_err(xerr)?;
        for (j, lang) in langs.iter().enumerate() {
            l.ws.write_string_with_format(l.row, j as u16 + 1, *lang, &f.bold)
                .map_err(xerr)?;
        }
        l.row += 1;
        for (campaign, by_lang) in &a.campaign_language {
            l.ws.write_string(l.row, 0, campaign).map_err(xerr)?;
            for (j, lang) in langs.iter().enumerate() {
                let n = by_lang.get(*lang).copied().unwrap_or(0);
                l.value(j as u16 + 1, Value::Number(n as f64))?;
            }
            l.row += 1;
        }
    }
    Ok(())
}

enum Value<'a> {
    Text(&'a str),
    Number(f64),
}

/// The workbook's bytes.
pub fn render(r: &Rendering<'_>) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    report_sheet(wb.add_worksheet(), r.top, r.options.xlsx_rows, &f)?;
    summary_sheet(wb.add_worksheet(), r, &f)?;
    rules_sheet(wb.add_worksheet(), r, &f)?;
    if let Some(accounts) = &r.extras.accounts {
        table_sheet(wb.add_worksheet(), "accounts", accounts, &f)?;
    }
    if let Some(clusters) = &r.extras.clusters {
        table_sheet(wb.add_worksheet(), "clusters", clusters, &f)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_codes_stay_text_counts_become_numbers() {
        assert_eq!(as_number("posts", "12"), Some(12.0));
        assert_eq!(as_number("hits_per_1k_words", "0.75"), Some(0.75));
        assert_eq!(as_number("p_value", "1e-9"), Some(1e-9));
        assert_eq!(as_number("account", "12"), None);
        assert_eq!(as_number("user_id", "12"), None);
        assert_eq!(as_number("top_post_ids", "815963007977213952"), None);
        assert_eq!(as_number("value", "815963007977213952"), None); // 18 digits
        assert_eq!(as_number("code", "007"), None);
        assert_eq!(as_number("posts", "+1"), None);
        assert_eq!(as_number("posts", "NaN"), None);
        assert_eq!(as_number("posts", ""), None);
    }

    #[test]
    fn long_texts_are_shortened_to_fit_a_cell() {
        let short = "é".repeat(MAX_CELL_CHARS);
        assert_eq!(fit(&short), short.as_str());
        let long = "ж".repeat(MAX_CELL_CHARS + 10);
        let fitted = fit(&long);
        assert!(fitted.chars().count() <= MAX_CELL_CHARS);
        assert!(fitted.contains("110 characters left out"));
    }
}
