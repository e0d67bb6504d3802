//! The page's plots as inline SVG, drawn by a small generator rather than a plotting crate.
//!
//! Why not a crate: plotters' SVG backend needs font metrics (a system font or a TTF feature)
//! to place text, writes an element per pixel-run that makes pages heavy, and has no graph
//! layout; what the page needs is four simple charts — stacked bars, a grid of counts, rings
//! of nodes — whose every label is text written by the accounts being screened. Writing them
//! through `maud` keeps every label escaped by construction and each mark's numbers in a
//! `<title>` that browsers show on hover, with no script.
//!
//! Conventions: a fixed `viewBox` (the page scales it), labels in the page's font, colours
//! from the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies),
//! levels in the report's colours.

use super::aggregate::{day_label, Aggregates, LEVELS, SCORE_BINS};
use maud::{html, Markup};
use std::collections::BTreeMap;

/// Colours of the campaigns' series, in order (Okabe–Ito), then grey for the rest.
pub const SERIES_COLOURS: [&str; 7] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
];
const OTHER_COLOUR: &str = "#999999";

/// The colour of a level.
pub fn level_colour(level: &str) -> &'static str {
    match level {
        "high" => "#c0392b",
        "medium" => "#e08e0b",
        _ => "#8e9ba6",
    }
}

const WIDTH: f64 = 680.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;

/// A coordinate with one decimal.
fn c(x: f64) -> String {
    format!("{x:.1}")
}

/// A "nice" step (1, 2 or 5 × 10^k) for about `ticks` ticks up to `max`.
pub fn nice_step(max: f64, ticks: usize) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / ticks.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    step.max(1.0)
}

/// The y axis: grid lines and labels from 0 to the top of the scale; returns (scale top, markup).
fn y_axis(max: u64) -> (f64, Markup) {
    let step = nice_step(max as f64, 4);
    let top = (max as f64 / step).ceil().max(1.0) * step;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let markup = html! {
        @for k in 0..=((top / step).round() as u64) {
            @let value = k as f64 * step;
            @let y = HEIGHT - BOTTOM - value / top * plot_h;
            line x1=(c(LEFT)) x2=(c(WIDTH - RIGHT)) y1=(c(y)) y2=(c(y)) class="grid" {}
            text x=(c(LEFT - 6.0)) y=(c(y + 4.0)) text-anchor="end" class="tick" { (value as u64) }
        }
    };
    (top, markup)
}

/// A stacked bar chart: one bar per x label, one segment per series.
struct Stacked<'a> {
    title: &'a str,
    /// One label per bar, for its tooltip.
    x_labels: Vec<String>,
    /// Labels drawn under the axis: (position in bar widths from the left, text).
    x_ticks: Vec<(f64, String)>,
    /// (series name, colour, value per bar).
    series: Vec<(String, &'a str, Vec<u64>)>,
    y_title: &'a str,
}

impl Stacked<'_> {
    /// The segments of bar `i`, bottom up: (y, height, colour), on a scale topping at `top`.
    fn segments(&self, i: usize, top: f64, plot_h: f64) -> Vec<(f64, f64, &str)> {
        let mut y = HEIGHT - BOTTOM;
        let mut out = Vec::new();
        for (_, colour, values) in &self.series {
            let v = values.get(i).copied().unwrap_or(0);
            if v > 0 {
                let h = v as f64 / top * plot_h;
                y -= h;
                out.push((y, h, *colour));
            }
        }
        out
    }

    fn render(&self) -> Markup {
        let bars = self.x_labels.len().max(1);
        let totals: Vec<u64> = (0..bars)
            .map(|i| {
                self.series
                    .iter()
                    .map(|s| s.2.get(i).copied().unwrap_or(0))
                    .sum()
            })
            .collect();
        let max = totals.iter().copied().max().unwrap_or(0);
        let (top, axis) = y_axis(max);
        let plot_w = WIDTH - LEFT - RIGHT;
        let plot_h = HEIGHT - TOP - BOTTOM;
        let slot = plot_w / bars as f64;
        // Few bars stay bars, not walls.
        let bar_w = (slot * 0.85).clamp(1.0, 48.0);
        html! {
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {HEIGHT}"))
                role="img" aria-label=(self.title) class="plot" {
                title { (self.title) }
                (axis)
                @for (i, label) in self.x_labels.iter().enumerate() {
                    @let x = LEFT + i as f64 * slot + (slot - bar_w) / 2.0;
                    @let tooltip = format!("{label}: {}{}", totals[i],
                        self.series.iter().filter(|s| s.2.get(i).copied().unwrap_or(0) > 0)
                            .map(|s| format!("\n{} {}", s.0, s.2[i])).collect::<String>());
                    g class="bar" {
                        title { (tooltip) }
                        @for (y, h, colour) in self.segments(i, top, plot_h) {
                            rect x=(c(x)) y=(c(y)) width=(c(bar_w)) height=(c(h.max(0.5))) fill=(colour) {}
                        }
                        // An invisible column over the whole height, so the tooltip shows
                        // above short bars too.
                        rect x=(c(LEFT + i as f64 * slot)) y=(c(TOP)) width=(c(slot)) height=(c(plot_h)) class="hit" {}
                    }
                }
                @for (at, label) in &self.x_ticks {
                    text x=(c(LEFT + at * slot)) y=(c(HEIGHT - BOTTOM + 16.0))
                        text-anchor="middle" class="tick" { (label) }
                }
                line x1=(c(LEFT)) x2=(c(WIDTH - RIGHT)) y1=(c(HEIGHT - BOTTOM)) y2=(c(HEIGHT - BOTTOM)) class="axis" {}
                text x=(c(14.0)) y=(c(TOP + plot_h / 2.0)) transform=(format!("rotate(-90 14 {})", c(TOP + plot_h / 2.0)))
                    text-anchor="middle" class="axis-title" { (self.y_title) }
            }
            (legend(self.series.iter().map(|(name, colour, values)| (name.as_str(), *colour, values.iter().sum::<u64>()))))
        }
    }
}

/// A legend: a swatch, a name and a count per series.
fn legend<'a>(entries: impl Iterator<Item = (&'a str, &'a str, u64)>) -> Markup {
    html! {
        ul class="legend" {
            @for (name, colour, count) in entries {
                li {
                    svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" {
                        rect width="10" height="10" fill=(colour) {}
                    }
                    " " (name) " " span class="muted" { "(" (count) ")" }
                }
            }
        }
    }
}

/// Histogram of scores above 0, stacked by level; `None` when every score is 0.
pub fn score_histogram(agg: &Aggregates) -> Option<Markup> {
    let any = agg
        .score_histogram
        .values()
        .any(|h| h.iter().any(|&n| n > 0));
    if !any {
        return None;
    }
    let width = 1.0 / SCORE_BINS as f64;
    let x_labels = (0..SCORE_BINS)
        .map(|i| format!("{:.2}–{:.2}", i as f64 * width, (i + 1) as f64 * width))
        .collect();
    let series = LEVELS
        .iter()
        .rev()
        .filter_map(|level| {
            let bins = agg.score_histogram.get(*level)?;
            Some((level.to_string(), level_colour(level), bins.to_vec()))
        })
        .collect();
    Some(
        Stacked {
            title: "Scores above 0 by level",
            x_labels,
            x_ticks: (0..=SCORE_BINS)
                .step_by(SCORE_BINS / 5)
                .map(|i| (i as f64, format!("{:.1}", i as f64 * width)))
                .collect(),
            series,
            y_title: "items",
        }
        .render(),
    )
}

/// Bucket width for a span of `days` days: a day, a week (7) or a month (30, by calendar).
fn bucket_days(span_days: i64) -> i64 {
    if span_days <= 92 {
        1
    } else if span_days <= 730 {
        7
    } else {
        30
    }
}

/// Items per day (or week, or month, for long spans), stacked by campaign; when no dated
/// item matched a campaign, all dated items. `None` without dated items.
pub fn per_day(agg: &Aggregates) -> Option<Markup> {
    let (&first, _) = agg.per_day.first_key_value()?;
    let (&last, _) = agg.per_day.last_key_value()?;
    let bucket = bucket_days(last - first);
    let buckets = ((last - first) / bucket + 1) as usize;
    let key = |day: i64| ((day - first) / bucket) as usize;
    let count = |days: &BTreeMap<i64, u64>| {
        let mut v = vec![0u64; buckets];
        for (&d, &n) in days {
            v[key(d)] += n;
        }
        v
    };
    let mut campaigns: Vec<(&String, u64)> = agg
        .per_day_campaign
        .iter()
        .map(|(c, days)| (c, days.values().sum()))
        .collect();
    campaigns.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut series: Vec<(String, &str, Vec<u64>)> = Vec::new();
    if campaigns.is_empty() {
        series.push(("all items".into(), OTHER_COLOUR, count(&agg.per_day)));
    } else {
        for (i, (name, _)) in campaigns.iter().enumerate() {
            let values = count(&agg.per_day_campaign[*name]);
            if i < SERIES_COLOURS.len() {
                series.push((name.to_string(), SERIES_COLOURS[i], values));
            } else if let Some(other) = series.get_mut(SERIES_COLOURS.len()) {
                for (o, v) in other.2.iter_mut().zip(values) {
                    *o += v;
                }
            } else {
                series.push(("other campaigns".into(), OTHER_COLOUR, values));
            }
        }
    }
    let x_labels: Vec<String> = (0..buckets)
        .map(|i| {
            let day = first + i as i64 * bucket;
            match bucket {
                1 => day_label(day),
                7 => format!("week of {}", day_label(day)),
                _ => day_label(day)[..7].to_string(),
            }
        })
        .collect();
    let title = match (bucket, campaigns.is_empty()) {
        (1, false) => "Items per day, by best-matching campaign",
        (7, false) => "Items per week, by best-matching campaign",
        (_, false) => "Items per 30 days, by best-matching campaign",
        (1, true) => "Items per day",
        (7, true) => "Items per week",
        _ => "Items per 30 days",
    };
    let every = buckets.div_ceil(6);
    Some(
        Stacked {
            title,
            x_ticks: x_labels
                .iter()
                .enumerate()
                .filter(|(i, _)| i % every == 0)
                .map(|(i, l)| (i as f64 + 0.5, l.clone()))
                .collect(),
            x_labels,
            series,
            y_title: "items",
        }
        .render(),
    )
}

/// Campaigns × languages: a grid of item counts, shaded by count. `None` without campaigns.
pub fn campaign_language(agg: &Aggregates) -> Option<Markup> {
    if agg.campaign_language.is_empty() {
        return None;
    }
    let mut campaigns: Vec<(&String, u64)> = agg
        .campaign_language
        .iter()
        .map(|(c, langs)| (c, langs.values().sum()))
        .collect();
    campaigns.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut langs: BTreeMap<&str, u64> = BTreeMap::new();
    for by_lang in agg.campaign_language.values() {
        for (l, n) in by_lang {
            *langs.entry(l.as_str()).or_default() += n;
        }
    }
    let mut langs: Vec<(&str, u64)> = langs.into_iter().collect();
    langs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    langs.truncate(12);
    let max = agg
        .campaign_language
        .values()
        .flat_map(|m| m.values())
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    let (label_w, cell_w, cell_h, head_h) = (150.0, 52.0, 26.0, 24.0);
    let width = label_w + cell_w * langs.len() as f64 + 8.0;
    let height = head_h + cell_h * campaigns.len() as f64 + 4.0;
    Some(html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {} {}", c(width), c(height)))
            role="img" aria-label="Items by best-matching campaign and language" class="plot grid-plot"
            width=(c(width)) {
            title { "Items by best-matching campaign and language" }
            @for (j, (lang, _)) in langs.iter().enumerate() {
                text x=(c(label_w + (j as f64 + 0.5) * cell_w)) y=(c(head_h - 8.0)) text-anchor="middle" class="tick" { (lang) }
            }
            @for (i, (campaign, _)) in campaigns.iter().enumerate() {
                @let y = head_h + i as f64 * cell_h;
                text x=(c(label_w - 8.0)) y=(c(y + cell_h / 2.0 + 4.0)) text-anchor="end" class="tick" { (campaign) }
                @for (j, (lang, _)) in langs.iter().enumerate() {
                    @let n = agg.campaign_language[*campaign].get(*lang).copied().unwrap_or(0);
                    @let shade = if n == 0 { 0.0 } else { 0.15 + 0.85 * (n as f64).ln_1p() / (max as f64).ln_1p() };
                    g {
                        title { (campaign) " × " (lang) ": " (n) " items" }
                        rect x=(c(label_w + j as f64 * cell_w + 1.0)) y=(c(y + 1.0)) width=(c(cell_w - 2.0)) height=(c(cell_h - 2.0))
                            fill="#0072b2" fill-opacity=(format!("{shade:.2}")) class="cell" {}
                        @if n > 0 {
                            text x=(c(label_w + (j as f64 + 0.5) * cell_w)) y=(c(y + cell_h / 2.0 + 4.0)) text-anchor="middle"
                                class=(if shade > 0.55 { "count light" } else { "count" }) { (n) }
                        }
                    }
                }
            }
        }
    })
}

/// One coordinated cluster to draw: its label, its accounts and the edges between them.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterPicture {
    pub label: String,
    /// Accounts shown (the most connected first); `hidden` more are left out.
    pub nodes: Vec<String>,
    pub hidden: usize,
    /// (node index, node index, weight).
    pub edges: Vec<(usize, usize, f64)>,
}

/// The largest coordinated clusters side by side, each a ring of its accounts with its edges
/// as chords (thicker for heavier edges). A ring needs no iterative layout, so the picture is
/// deterministic and every account stays readable in its tooltip.
pub fn network(clusters: &[ClusterPicture]) -> Option<Markup> {
    if clusters.is_empty() {
        return None;
    }
    let per_row = 3usize;
    let (cell, radius) = (240.0, 66.0);
    let rows = clusters.len().div_ceil(per_row);
    let width = cell * per_row.min(clusters.len()) as f64;
    let height = cell * rows as f64;
    let max_weight = clusters
        .iter()
        .flat_map(|c| c.edges.iter().map(|e| e.2))
        .fold(0.0f64, f64::max)
        .max(1e-9);
    Some(html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {} {}", c(width), c(height)))
            role="img" aria-label="Largest coordinated clusters" class="plot network" {
            title { "Largest coordinated clusters: accounts (dots) and the links between them" }
            @for (k, cluster) in clusters.iter().enumerate() {
                @let cx = (k % per_row) as f64 * cell + cell / 2.0;
                @let cy = (k / per_row) as f64 * cell + cell / 2.0 + 8.0;
                @let n = cluster.nodes.len().max(1);
                @let at = |i: usize| {
                    let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
                    (cx + radius * angle.cos(), cy + radius * angle.sin())
                };
                g class="cluster" {
                    text x=(c(cx)) y=(c(cy - radius - 22.0)) text-anchor="middle" class="cluster-title" {
                        (cluster.label)
                    }
                    @for (a, b, w) in &cluster.edges {
                        @let (x1, y1) = at(*a);
                        @let (x2, y2) = at(*b);
                        line x1=(c(x1)) y1=(c(y1)) x2=(c(x2)) y2=(c(y2)) class="edge"
                            stroke-width=(format!("{:.2}", 0.6 + 3.0 * w / max_weight)) {
                            title { (cluster.nodes[*a]) " — " (cluster.nodes[*b]) ": weight " (format!("{w}")) }
                        }
                    }
                    @for (i, node) in cluster.nodes.iter().enumerate() {
                        @let (x, y) = at(i);
                        circle cx=(c(x)) cy=(c(y)) r="5" class="node" { title { (node) } }
                        // Names beside small rings; in big ones, on hover only.
                        @if cluster.nodes.len() <= 12 {
                            @let (dx, anchor) = if (x - cx).abs() < 1.0 { (0.0, "middle") } else if x > cx { (8.0, "start") } else { (-8.0, "end") };
                            @let dy = if (x - cx).abs() < 1.0 { if y < cy { -9.0 } else { 16.0 } } else { 4.0 };
                            text x=(c(x + dx)) y=(c(y + dy)) text-anchor=(anchor) class="node-label" { (short(node, 18)) }
                        }
                    }
                    @if cluster.hidden > 0 {
                        text x=(c(cx)) y=(c(cy + 4.0)) text-anchor="middle" class="tick" {
                            "+" (cluster.hidden) " more"
                        }
                    }
                }
            }
        }
    })
}

/// `text` cut to `chars` characters, with an ellipsis when cut.
fn short(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::aggregate::ItemFacts;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0.0, 4), 1.0);
        assert_eq!(nice_step(3.0, 4), 1.0);
        assert_eq!(nice_step(37.0, 4), 10.0);
        assert_eq!(nice_step(1234.0, 4), 500.0);
        assert_eq!(nice_step(80.0, 4), 20.0);
    }

    fn agg_with(items: &[(f64, &str, &str, &str)]) -> Aggregates {
        let mut agg = Aggregates::default();
        for &(score, level, campaign, ts) in items {
            let facts = ItemFacts {
                score,
                level,
                lang: "en",
                campaign,
                timestamp: ts,
            };
            agg.add(&facts, []);
        }
        agg
    }

    #[test]
    fn plots_are_omitted_without_data_and_escape_labels() {
        let none = agg_with(&[(0.0, "low", "", "")]);
        assert!(score_histogram(&none).is_none());
        assert!(per_day(&none).is_none());
        assert!(campaign_language(&none).is_none());
        assert!(network(&[]).is_none());

        let hostile = "<script>alert(1)</script>";
        let agg = agg_with(&[
            (0.9, "high", hostile, "2024-03-01T10:00:00Z"),
            (0.5, "medium", "matryoshka", "2024-03-03T10:00:00Z"),
        ]);
        for svg in [
            score_histogram(&agg).unwrap(),
            per_day(&agg).unwrap(),
            campaign_language(&agg).unwrap(),
        ] {
            let s = svg.into_string();
            assert!(s.starts_with("<svg"));
            assert!(!s.contains("<script>"), "{s}");
        }
        let s = campaign_language(&agg).unwrap().into_string();
        assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // Three days of data: daily bars, one per day including the empty one.
        let s = per_day(&agg).unwrap().into_string();
        assert!(s.contains("2024-03-02: 0"), "{s}");
        assert_eq!(s.matches("class=\"bar\"").count(), 3);
    }

    #[test]
    fn network_draws_every_cluster_node_and_edge() {
        let cluster = ClusterPicture {
            label: "cluster 1 <b>".into(),
            nodes: vec!["@a".into(), "@b".into(), "@c".into()],
            hidden: 2,
            edges: vec![(0, 1, 3.0), (1, 2, 1.0)],
        };
        let s = network(&[cluster.clone(), cluster]).unwrap().into_string();
        assert_eq!(s.matches("<circle").count(), 6);
        assert_eq!(s.matches("class=\"edge\"").count(), 4);
        assert!(s.contains("cluster 1 &lt;b&gt;"));
        assert!(s.contains("+2 more"));
    }
}
