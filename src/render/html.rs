//! The HTML page: one self-contained file (inline CSS, SVG and a few lines of script; no
//! network access, forbidden outright by its Content-Security-Policy) with the run's summary,
//! the plots, the accounts and coordination sections when their inputs exist, and the top
//! items with their evidence highlighted.
//!
//! Every piece of input text — posts, authors, ids, URLs, campaign and rule names — goes
//! through `maud`, which escapes it: a post containing `<script>` renders as text. The
//! policy allows only the page's own script, by its hash, so even a markup mistake could not
//! run injected script. Links are made only of `http:` and `https:` URLs.
//!
//! Without JavaScript every section is there and the filters by level, campaign and language
//! work (radio buttons and CSS); the search box, which needs script, is hidden then.

use super::aggregate::{Aggregates, LEVELS};
use super::extras::Extras;
use super::highlight::{self, Mark, Piece};
use super::plots;
use super::table::Table;
use super::Rendering;
use crate::catalog::{RuleInfo, RuleType};
use crate::report::evidence_spans;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::BTreeMap;

/// Longest text shown in full, in characters; longer texts show their head and the context
/// of each span (the report has them whole).
const MAX_TEXT_CHARS: usize = 3_000;
/// Rows of the accounts and clusters tables on the page (the workbook has more).
const TABLE_ROWS: usize = 25;
/// Rules listed in the summary's table.
const SUMMARY_RULES: usize = 10;

/// The page's script: the search box, and the count of items shown. Its SHA-256 is in the
/// Content-Security-Policy ([`SCRIPT_HASH`]; a test checks they agree).
pub const SCRIPT: &str = r##"(function () {
  var q = document.getElementById("q");
  var shown = document.getElementById("shown");
  var items = Array.prototype.slice.call(document.querySelectorAll("#items > li"));
  function update() {
    var needle = q.value.trim().toLowerCase();
    var n = 0;
    items.forEach(function (li) {
      var hit = !needle || li.textContent.toLowerCase().indexOf(needle) >= 0;
      li.classList.toggle("nomatch", !hit);
      if (li.offsetParent !== null) { n += 1; }
    });
    shown.textContent = n + " of " + items.length + " items shown";
  }
  q.hidden = false;
  shown.hidden = false;
  q.addEventListener("input", update);
  document.addEventListener("change", update);
  update();
})();"##;

/// `sha256-` and the base64 SHA-256 of [`SCRIPT`].
pub const SCRIPT_HASH: &str = "sha256-h2QsoZZaMtFdEBUX23BdFSMak9ZIKu8wTJ6214cAEaM=";

const STYLE: &str = r#"
:root { --fg: #1d2630; --muted: #5b6770; --line: #d8dee4; --bg: #fff; --soft: #f4f6f8;
  --high: #c0392b; --medium: #e08e0b; --low: #8e9ba6; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0; }
header.page, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header.page { padding-top: 18px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 14px 0 6px; }
.lede { color: var(--muted); margin: 0 0 8px; }
nav a { margin-right: 14px; }
a { color: #0b62a4; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--soft); }
.card h3 { margin-top: 0; }
.big { font-size: 1.6em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.code { white-space: nowrap; }
details.run { margin-top: 12px; } details.run summary { cursor: pointer; color: var(--muted); }
.scroll { overflow-x: auto; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; overflow-wrap: anywhere; }
.level { display: inline-block; padding: 0 7px; border-radius: 10px; color: #fff; font-size: 0.85em; font-weight: 600; }
.level.high { background: var(--high); } .level.medium { background: var(--medium); } .level.low { background: var(--low); }
figure { margin: 0 0 18px; min-width: 0; }
.plot-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 8px 24px; align-items: start; }
table.wide td { white-space: nowrap; }
figcaption { color: var(--muted); font-size: 0.9em; }
svg.plot { width: 100%; height: auto; max-width: 760px; display: block; }
svg.grid-plot { width: auto; max-width: 100%; }
svg.network { max-width: 760px; }
svg .grid { stroke: #e6eaee; } svg .axis { stroke: #9aa5ae; }
svg .tick { font-size: 13px; fill: #4a5560; } svg .axis-title { font-size: 13px; fill: #4a5560; }
svg .node-label { font-size: 10px; fill: #1d2630; }
svg .hit { fill: transparent; } svg .bar:hover rect:not(.hit) { opacity: 0.8; }
svg .count { font-size: 11px; fill: #1d2630; } svg .count.light { fill: #fff; }
svg .edge { stroke: #0072b2; stroke-opacity: 0.45; } svg .node { fill: #d55e00; }
svg .cluster-title { font-size: 12px; font-weight: 600; fill: #1d2630; }
ul.legend { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 0.9em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.filters { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; margin: 8px 0 14px; }
.filters fieldset { border: 0; padding: 0; margin: 0; }
.filters legend { float: left; color: var(--muted); margin-right: 6px; font-size: 0.9em; }
.filters label { display: inline-block; border: 1px solid var(--line); border-radius: 12px; padding: 0 8px;
  margin: 0 2px 4px 0; cursor: pointer; font-size: 0.9em; background: #fff; }
.filters input[type=search] { padding: 4px 8px; min-width: 260px; border: 1px solid var(--line); border-radius: 4px; }
ol.items { list-style: none; padding: 0; margin: 0; }
ol.items > li { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin-bottom: 12px; }
ol.items > li.nomatch { display: none; }
.item-head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; font-size: 0.92em; }
.rank { font-weight: 700; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 8px 0; font-size: 1.02em; }
mark { border-radius: 3px; padding: 0 1px; }
mark.ev-c { background: #ffe08a; } mark.ev-h { background: #b9e3ff; } mark.ev-hc { background: #c9f0c0; } mark.ev-x { background: #e6dcf5; }
sup.tag { font-size: 0.68em; font-weight: 700; color: #6b3a00; background: #fff3d6; border: 1px solid #f0c674;
  border-radius: 3px; padding: 0 3px; margin: 0 2px; vertical-align: super; white-space: nowrap; }
sup.tag.h { color: #0b4a75; background: #e4f4ff; border-color: #8cc8f0; }
sup.tag.x { color: #4a2a75; background: #f3eefb; border-color: #c3aee6; }
.gap { color: var(--muted); font-style: italic; }
details.why summary { cursor: pointer; color: #0b62a4; }
dl.rules dt { font-weight: 600; margin-top: 8px; }
dl.rules dd { margin: 2px 0 0 16px; }
.small { font-size: 0.88em; }
footer { color: var(--muted); font-size: 0.88em; padding-bottom: 30px; margin-top: 30px; border-top: 1px solid var(--line); }
@media print { .filters, nav { display: none; } ol.items > li { break-inside: avoid; } }
"#;

/// A link target only if it is a plain web address; anything else (`javascript:`, `data:`…)
/// is shown as text.
pub fn safe_href(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    ((lower.starts_with("https://") || lower.starts_with("http://"))
        && !u.chars().any(|c| c.is_control() || c.is_whitespace()))
    .then_some(u)
}

fn link(url: &str, text: &str) -> Markup {
    match safe_href(url) {
        Some(href) => {
            html! { a href=(href) rel="noopener noreferrer nofollow" target="_blank" { (text) } }
        }
        None => html! { (text) },
    }
}

fn score4(s: &str) -> String {
    s.parse::<f64>()
        .map(|x| format!("{x:.4}"))
        .unwrap_or_else(|_| s.to_string())
}

/// The filter values of the top items: distinct values in order of frequency, with counts.
fn filter_values<'a>(
    top: &'a Table,
    rows: &'a [Vec<String>],
    column: &str,
) -> Vec<(&'a str, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        *counts.entry(top.cell(row, column)).or_default() += 1;
    }
    let mut values: Vec<(&str, usize)> = counts.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    values
}

/// The rule of a code, from the catalogue; unknown codes (rules not loaded) get a stub.
fn rule_or_stub(r: &Rendering<'_>, code: &str) -> RuleInfo {
    if let Some(rule) = r.catalog.get(code) {
        return rule.clone();
    }
    RuleInfo::bare(
        code,
        if code.starts_with("RU-") {
            RuleType::Heuristic
        } else {
            RuleType::Indicator
        },
        "not among the rules loaded to render this page (pass the scan's --rules)",
    )
}

/// The rules of one item with their spans (in the order of the evidence column).
fn item_rules(r: &Rendering<'_>, row: &[String]) -> (Vec<RuleInfo>, Vec<Mark>) {
    let top = r.top;
    let text = top.cell(row, "text");
    let mut rules = Vec::new();
    let mut marks = Vec::new();
    match evidence_spans::parse(top.cell(row, "evidence_spans")) {
        Ok(entries) if !entries.is_empty() => {
            for entry in entries {
                let idx = rules.len();
                rules.push(rule_or_stub(r, &entry.code));
                for span in evidence_spans::to_byte_spans(text, &entry.spans)
                    .into_iter()
                    .flatten()
                {
                    marks.push(Mark { rule: idx, span });
                }
            }
        }
        // A report without the column (or with a damaged one): the rules, unhighlighted.
        _ => {
            for cell in ["interference_rules", "campaign_rules"] {
                for code in top.cell(row, cell).split(';').filter(|c| !c.is_empty()) {
                    rules.push(rule_or_stub(r, code));
                }
            }
        }
    }
    (rules, marks)
}

fn rule_tooltip(rule: &RuleInfo) -> String {
    let mut s = format!("{}: {}", rule.code, rule.description);
    if !rule.source.is_empty() {
        s += &format!("\nSource: {}", rule.source);
    }
    if !rule.disarm.is_empty() {
        s += &format!("\nDISARM: {}", rule.disarm.join(", "));
    }
    s
}

fn highlighted_text(text: &str, rules: &[RuleInfo], marks: &[Mark]) -> Markup {
    let pieces = highlight::pieces(text, marks, MAX_TEXT_CHARS);
    html! {
        @for piece in &pieces {
            @match piece {
                Piece::Gap { chars } => span class="gap" { " […" (chars) " characters left out…] " },
                Piece::Text { text, covered_by, starts } => {
                    @for &i in starts {
                        sup class=(match rules[i].rule_type { RuleType::Heuristic => "tag h", RuleType::Context => "tag x", _ => "tag" })
                            title=(rule_tooltip(&rules[i])) { (rules[i].code) }
                    }
                    @if covered_by.is_empty() {
                        (text)
                    } @else {
                        @let heuristic = covered_by.iter().any(|&i| rules[i].rule_type == RuleType::Heuristic);
                        @let campaign = covered_by.iter().any(|&i| matches!(rules[i].rule_type, RuleType::Indicator | RuleType::Narrative));
                        @let class = match (heuristic, campaign) { (true, true) => "ev-hc", (true, false) => "ev-h", (false, true) => "ev-c", (false, false) => "ev-x" };
                        @let tooltip = covered_by.iter().map(|&i| rule_tooltip(&rules[i])).collect::<Vec<_>>().join("\n\n");
                        mark class=(class) title=(tooltip) { (text) }
                    }
                }
            }
        }
    }
}

fn rule_details(rule: &RuleInfo) -> Markup {
    html! {
        dt {
            (rule.code) " "
            span class="muted" {
                @match rule.rule_type {
                    RuleType::Heuristic => { "interference heuristic " (rule.name) " (" (rule.group) ")" },
                    RuleType::Indicator => { "indicator of " (rule.group_name) },
                    RuleType::Narrative if rule.code == crate::catalog::NARRATIVE => { "words shared with a known claim (see the narrative columns)" },
                    RuleType::Narrative => { "known claim of " (rule.group_name) },
                    RuleType::Context => { "context cue (" (rule.name) "): the item reports on or debunks what it matched" },
                }
            }
        }
        dd {
            (rule.description)
            @if !rule.rationale.is_empty() && rule.rule_type == RuleType::Heuristic {
                br; span class="muted" { "Why: " } (rule.rationale)
            }
            @if !rule.source.is_empty() { br; span class="muted" { "Source: " } (rule.source) }
            @if !rule.references.is_empty() {
                br; span class="muted" { "Reports: " }
                @for (i, url) in rule.references.iter().enumerate() {
                    @if i > 0 { ", " }
                    (link(url, url))
                }
            }
            @if !rule.disarm.is_empty() { br; span class="muted" { "DISARM: " } (rule.disarm.join(", ")) }
        }
    }
}

fn item(r: &Rendering<'_>, row: &[String], filters: &[Filter<'_>; 3]) -> Markup {
    let t = r.top;
    let cell = |name: &str| t.cell(row, name);
    let (rules, marks) = item_rules(r, row);
    let level = cell("level");
    let level_class = if LEVELS.contains(&level) {
        level
    } else {
        "low"
    };
    let classes = filters
        .iter()
        .map(|f| format!("{}-{}", f.prefix, f.position(cell(f.column))))
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        li class=(classes) id=(format!("item-{}", cell("rank"))) {
            div class="item-head" {
                span class="rank" { "#" (cell("rank")) }
                span class=(format!("level {level_class}")) { (level) " " (score4(cell("score"))) }
                @if !cell("campaign").is_empty() {
                    span { "matches indicators of " strong { (cell("campaign")) } " (" (score4(cell("campaign_score"))) ")" }
                }
                @if cell("interference_score").parse::<f64>().is_ok_and(|x| x > 0.0) {
                    span { "interference " (score4(cell("interference_score"))) }
                }
                span class="muted" { "lang " (cell("lang")) }
                @if !cell("author").is_empty() { span { (cell("author")) } }
                @if !cell("platform").is_empty() { span class="muted" { (cell("platform")) } }
                @if !cell("timestamp").is_empty() { span class="muted" { (cell("timestamp")) } }
                @if !cell("id").is_empty() { span class="muted" { "id " (cell("id")) } }
                @if !cell("url").is_empty() {
                    @if safe_href(cell("url")).is_some() { (link(cell("url"), "original post ↗")) }
                    @else { span class="muted" { "url " (cell("url")) } }
                }
            }
            p class="text" { (highlighted_text(cell("text"), &rules, &marks)) }
            @if !rules.is_empty() {
                details class="why" {
                    summary { "Why it was flagged: " (rules.iter().map(|r| r.code.as_str()).collect::<Vec<_>>().join(", ")) }
                    dl class="rules" { @for rule in &rules { (rule_details(rule)) } }
                    @if !cell("other_campaigns").is_empty() {
                        p class="small" { span class="muted" { "Other campaigns: " } (cell("other_campaigns")) }
                    }
                    p class="small muted" { "Source: " (cell("source")) }
                }
            }
        }
    }
}

/// Radio buttons (siblings of the item list, so CSS can filter it), and per filter value the
/// CSS that hides the other items and marks the chosen label.
struct Filter<'a> {
    /// Name of the radio group (and prefix of its ids).
    name: &'static str,
    /// Prefix of the items' classes: an item of value `i` has class `{prefix}-{i}`.
    prefix: &'static str,
    /// The report column filtered on.
    column: &'static str,
    legend: &'static str,
    /// (value, label, items).
    values: Vec<(&'a str, String, usize)>,
}

impl<'a> Filter<'a> {
    fn new(
        top: &'a Table,
        rows: &'a [Vec<String>],
        (name, prefix, column, legend): (&'static str, &'static str, &'static str, &'static str),
    ) -> Self {
        let mut values: Vec<(&str, String, usize)> = filter_values(top, rows, column)
            .into_iter()
            .map(|(v, n)| {
                (
                    v,
                    if v.is_empty() {
                        "none".to_string()
                    } else {
                        v.to_string()
                    },
                    n,
                )
            })
            .collect();
        if column == "level" {
            // Levels in their own order, not by frequency.
            values.sort_by_key(|(v, _, _)| {
                LEVELS.iter().position(|l| l == v).unwrap_or(LEVELS.len())
            });
        }
        Filter {
            name,
            prefix,
            column,
            legend,
            values,
        }
    }

    /// Index of `value` among the filter's values, for an item's class.
    fn position(&self, value: &str) -> usize {
        self.values
            .iter()
            .position(|(v, _, _)| *v == value)
            .unwrap_or(0)
    }

    fn radios(&self) -> Markup {
        html! {
            input type="radio" name=(self.name) id=(format!("{}-all", self.name)) class="visually-hidden" checked;
            @for (i, _) in self.values.iter().enumerate() {
                input type="radio" name=(self.name) id=(format!("{}-{i}", self.name)) class="visually-hidden";
            }
        }
    }

    fn labels(&self, total: usize) -> Markup {
        html! {
            fieldset {
                legend { (self.legend) }
                label for=(format!("{}-all", self.name)) { "all (" (total) ")" }
                @for (i, (_, label, n)) in self.values.iter().enumerate() {
                    label for=(format!("{}-{i}", self.name)) { (label) " (" (n) ")" }
                }
            }
        }
    }

    fn css(&self, out: &mut String) {
        let name = self.name;
        // Only indices and fixed names: no input text reaches the style sheet.
        out.push_str(&format!(
            "#{name}-all:checked ~ .filters label[for={name}-all] {{ background: #1d2630; color: #fff; }}\n"
        ));
        for i in 0..self.values.len() {
            out.push_str(&format!(
                "#{name}-{i}:checked ~ ol.items > li:not(.{}-{i}) {{ display: none; }}\n\
                 #{name}-{i}:checked ~ .filters label[for={name}-{i}] {{ background: #1d2630; color: #fff; }}\n",
                self.prefix
            ));
        }
    }
}

fn summary(r: &Rendering<'_>) -> Markup {
    let a: &Aggregates = r.aggregates;
    let counts = r.run.counts.as_ref();
    let mut langs: Vec<(&String, &u64)> = a.by_language.iter().collect();
    langs.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    let mut campaigns: Vec<(&String, &u64)> = a.by_campaign.iter().collect();
    campaigns.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    let mut rules: Vec<(&String, &u64)> = a.by_rule.iter().collect();
    rules.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    html! {
        section id="summary" {
            h2 { "Summary" }
            div class="cards" {
                div class="card" {
                    h3 { "Items" }
                    div class="big" { (a.items) }
                    div class="muted" { "in the report" }
                    @if let Some(c) = counts {
                        dl class="kv small" {
                            dt { "read" } dd { (c.records_read) }
                            dt { "scored" } dd { (c.scored) }
                            dt { "rejected" } dd {
                                (c.rejected)
                                @for (reason, n) in &c.rejected_by_reason { " · " (reason) " " (n) }
                            }
                            @if c.rows_filtered > 0 { dt { "left out" } dd { (c.rows_filtered) " (--top / --min-score)" } }
                        }
                    }
                    dl class="kv small" {
                        dt { "dated" } dd { (a.dated_items()) }
                        @if a.timestamps_missing > 0 { dt { "no timestamp" } dd { (a.timestamps_missing) } }
                        @if a.timestamps_unreadable > 0 { dt { "unreadable time" } dd { (a.timestamps_unreadable) } }
                    }
                }
                div class="card" {
                    h3 { "Levels" }
                    dl class="kv" {
                        @for level in LEVELS {
                            dt { span class=(format!("level {level}")) { (level) } }
                            dd { (a.by_level.get(level).copied().unwrap_or(0)) }
                        }
                    }
                    p class="small muted" { "high ≥ " (r.run.settings.iter().find(|s| s.0 == "high threshold").map_or("0.70", |s| s.1.as_str()))
                        ", medium ≥ " (r.run.settings.iter().find(|s| s.0 == "medium threshold").map_or("0.40", |s| s.1.as_str())) }
                }
                div class="card" {
                    h3 { "Campaigns (best match)" }
                    @if campaigns.is_empty() { p class="muted" { "No item matched a campaign's indicators." } }
                    dl class="kv" {
                        @for (c, n) in &campaigns { dt { (c) } dd { (n) } }
                    }
                }
                div class="card" {
                    h3 { "Languages" }
                    dl class="kv" {
                        @for (l, n) in langs.iter().take(10) { dt { (l) } dd { (n) } }
                    }
                    @if langs.len() > 10 { p class="small muted" { (langs.len() - 10) " more" } }
                }
            }
            @if !rules.is_empty() {
                h3 { "Rules that fired most" }
                div class="scroll" {
                    table {
                        thead { tr { th { "rule" } th { "family or campaign" } th class="num" { "items" } th { "what it detects" } } }
                        tbody {
                            @for (code, n) in rules.iter().take(SUMMARY_RULES) {
                                @let rule = r.catalog.get(code);
                                tr {
                                    td class="code" { (code) }
                                    td { @match rule { Some(rule) => { (rule.group) }, None => "" } }
                                    td class="num" { (n) }
                                    td { @if let Some(rule) = rule { (rule.description) } }
                                }
                            }
                        }
                    }
                }
            }
            details class="run" {
            summary { "Run: calque " (env!("CARGO_PKG_VERSION")) ", configuration and inputs" }
            dl class="kv small" {
                dt { "calque" } dd { (env!("CARGO_PKG_VERSION")) ", report schema " (crate::report::SCHEMA_VERSION) }
                dt { "rows from" } dd { (r.run.source) }
                @if let Some(c) = counts { @if !c.inputs.is_empty() { dt { "inputs" } dd { (c.inputs.join(", ")) } } }
                @for (k, v) in &r.run.settings { dt { (k) } dd { (v) } }
            }
            }
        }
    }
}

fn plots_section(a: &Aggregates) -> Markup {
    let histogram = plots::score_histogram(a);
    let per_day = plots::per_day(a);
    let grid = plots::campaign_language(a);
    html! {
        section id="plots" {
            h2 { "Plots" }
            div class="plot-grid" {
            @if let Some(svg) = histogram {
                figure {
                    (svg)
                    figcaption { "Items by score, above 0 (" (a.zero_scores) " items scored 0 and are not drawn), coloured by level. Hover a bar for its counts." }
                }
            } @else {
                p class="muted" { "No item scored above 0." }
            }
            @if let Some(svg) = per_day {
                figure {
                    (svg)
                    figcaption { "When the items were posted (UTC), by their best-matching campaign. "
                        (a.dated_items()) " items dated; " (a.timestamps_missing) " without a timestamp, " (a.timestamps_unreadable) " unreadable"
                        @if a.days_dropped > 0 { ", " (a.days_dropped) " past the limit of distinct days" } "." }
                }
            }
            @if let Some(svg) = grid {
                figure {
                    (svg)
                    figcaption { "Items per best-matching campaign and detected language." }
                }
            }
            }
        }
    }
}

/// The columns of a table shown on the page: those of `preferred` that exist, else the first
/// eight.
fn shown_columns(t: &Table, preferred: &[&str]) -> Vec<usize> {
    let picked: Vec<usize> = preferred.iter().filter_map(|c| t.col(c)).collect();
    if picked.len() >= 3 {
        picked
    } else {
        (0..t.header.len().min(8)).collect()
    }
}

fn table_markup(t: &Table, columns: &[usize]) -> Markup {
    html! {
        div class="scroll" {
            table class="wide" {
                thead { tr { @for &c in columns { th { (t.header[c]) } } } }
                tbody {
                    @for row in t.rows.iter().take(TABLE_ROWS) {
                        tr { @for &c in columns {
                            @let v = row.get(c).map_or("", String::as_str);
                            @if v.parse::<f64>().is_ok() { td class="num" { (v) } } @else { td { (v) } }
                        } }
                    }
                }
            }
        }
        @if t.total_rows > TABLE_ROWS as u64 {
            p class="small muted" { "First " (TABLE_ROWS) " of " (t.total_rows) " rows; the workbook and the table file have them all." }
        }
    }
}

/// Columns of the accounts table shown on the page (`src/accounts/table.rs`), when present.
const ACCOUNT_COLUMNS: &[&str] = &[
    "rank",
    "level",
    "score",
    "platform",
    "account",
    "posts",
    "words",
    "first_seen",
    "last_seen",
    "languages",
    "interference_hits",
    "hits_per_1k_words",
    "interference_q",
    "top_heuristics",
    "campaign",
    "campaign_posts",
    "max_post_score",
    "cluster",
];
/// Columns of `clusters.csv` shown on the page (`src/coordinate/output.rs`), when present.
const CLUSTER_COLUMNS: &[&str] = &[
    "cluster",
    "accounts",
    "edges",
    "posts",
    "objects",
    "first_time",
    "last_time",
    "top_objects",
    "campaigns",
];

fn extras_sections(e: &Extras) -> Markup {
    html! {
        @if let Some(accounts) = &e.accounts {
            section id="accounts" {
                h2 { "Top accounts" }
                p class="lede" { "Posts rolled up to the accounts behind them, ranked; an account's level weighs all of its posts (see the accounts table's documentation)." }
                (table_markup(accounts, &shown_columns(accounts, ACCOUNT_COLUMNS)))
            }
        }
        @if e.clusters.is_some() || !e.network.is_empty() {
            section id="coordination" {
                h2 { "Coordinated clusters" }
                @if let Some(svg) = plots::network(&e.network) {
                    figure {
                        (svg)
                        figcaption { "The largest clusters of accounts that shared the same objects within the coordination window: dots are accounts (the most connected of each cluster), lines the links between them, thicker for more shared objects. Hover for names and weights." }
                    }
                }
                @if let Some(clusters) = &e.clusters {
                    (table_markup(clusters, &shown_columns(clusters, CLUSTER_COLUMNS)))
                }
            }
        }
    }
}

/// The page.
pub fn render(r: &Rendering<'_>) -> String {
    let t = r.top;
    let rows = &t.rows[..t.rows.len().min(r.options.html_items)];
    let filters = [
        Filter::new(t, rows, ("fl", "lv", "level", "Level")),
        Filter::new(t, rows, ("fc", "c", "campaign", "Campaign")),
        Filter::new(t, rows, ("fg", "g", "lang", "Language")),
    ];
    let mut css = String::from(STYLE);
    for f in &filters {
        f.css(&mut css);
    }
    let policy = format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'"
    );
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("calque {}", env!("CARGO_PKG_VERSION")));
                title { "calque report" }
                style { (PreEscaped(&css)) }
            }
            body {
                header class="page" {
                    h1 { "calque report" }
                    p class="lede" {
                        "Items ranked by how well they match indicators of known Russian influence operations and Russian-syntax interference. "
                        strong { "A match is a reason to look, not a verdict" } ": every flag below shows the rule, its source and the exact text it fired on."
                    }
                    nav {
                        a href="#summary" { "Summary" }
                        a href="#plots" { "Plots" }
                        @if r.extras.accounts.is_some() { a href="#accounts" { "Accounts" } }
                        @if r.extras.clusters.is_some() || !r.extras.network.is_empty() { a href="#coordination" { "Coordination" } }
                        a href="#top-items" { "Top items" }
                    }
                }
                main {
                    (summary(r))
                    (plots_section(r.aggregates))
                    (extras_sections(r.extras))
                    section id="top-items" {
                        h2 { "Top " (rows.len()) @if rows.len() == 1 { " item" } @else { " items" } @if (t.total_rows as usize) > rows.len() { " of " (t.total_rows) } }
                        p class="lede small" {
                            "Highlights: " mark class="ev-c" { "campaign indicator or narrative" } " " mark class="ev-h" { "interference heuristic" } " "
                            mark class="ev-hc" { "both" } " " mark class="ev-x" { "context (reports on or debunks it)" } "; the label before a highlight names the rule — hover it, or open “Why it was flagged”, for its description, source and DISARM techniques."
                        }
                        @for f in &filters { (f.radios()) }
                        div class="filters" {
                            @for f in &filters { (f.labels(rows.len())) }
                            input type="search" id="q" placeholder="Search text, author, rule…" aria-label="Search the items" hidden;
                            span id="shown" class="muted small" hidden {}
                            noscript { span class="muted small" { "Search needs JavaScript; your browser's Find (Ctrl+F) works on this page." } }
                        }
                        ol class="items" id="items" {
                            @for row in rows { (item(r, row, &filters)) }
                        }
                        @if rows.is_empty() { p class="muted" { "The report has no rows." } }
                    }
                }
                footer {
                    p { "Generated by calque " (env!("CARGO_PKG_VERSION")) " from " (r.run.source) ". "
                        "Scores combine campaign indicators and language evidence (docs/scoring.md); language evidence alone never makes an item high. "
                        "Every rule: " code { "calque rule CODE" } "." }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    markup.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_exactly_the_pages_script() {
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(SCRIPT.as_bytes());
        let hash = base64::engine::general_purpose::STANDARD.encode(digest);
        assert_eq!(
            SCRIPT_HASH,
            format!("sha256-{hash}"),
            "the script changed: put its new hash in SCRIPT_HASH"
        );
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            safe_href(" https://x.example/a "),
            Some("https://x.example/a")
        );
        assert_eq!(safe_href("HTTP://x.example"), Some("HTTP://x.example"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//x.example",
            "https://a b",
            "ftp://x",
            "",
            "https",
        ] {
            assert_eq!(safe_href(bad), None, "{bad}");
        }
    }
}
