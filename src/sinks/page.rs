//! `scan --html FILE --xlsx FILE`: the HTML page and the Excel workbook of the scan
//! (`src/render/`). On the analysis threads, each item's rule ids; on the sink thread, the
//! aggregates over every item (O(1) per item: a few map updates and its timestamp's day); at
//! the end, the report's first rows (published by the report sink, which finishes before this
//! one) and the aggregates are rendered into the staged files, committed with the report.

use super::report::FirstRows;
use super::{Extract, Finish, Item, Sink};
use crate::analyze::Analyzer;
use crate::catalog::RuleCatalog;
use crate::error::{Fatal, Result};
use crate::output::{OutputSet, Staged};
use crate::record::Event;
use crate::render::aggregate::{Aggregates, ItemFacts};
use crate::render::extras::Extras;
use crate::render::{decode::decode_rows, write_staged, RenderOptions, Rendering, RunInfo};
use crate::report::encode::RowEncoder;

/// What `--html` / `--xlsx` ask for.
#[derive(Debug, Clone, Default)]
pub struct PageOutputs {
    pub html: Option<String>,
    pub xlsx: Option<String>,
    pub options: RenderOptions,
    /// The run's configuration, shown on the page as (setting, value).
    pub settings: Vec<(String, String)>,
}

pub struct PageSink {
    aggregates: Aggregates,
    campaign_ids: Vec<String>,
    /// Heuristic codes, then indicator ids: what [`RuleIds`] numbers.
    rule_codes: Vec<String>,
    heuristics: usize,
    catalog: RuleCatalog,
    page: PageOutputs,
    /// The report's encoding, to decode its first rows.
    encoder: RowEncoder,
    html: Option<Staged>,
    xlsx: Option<Staged>,
}

impl PageSink {
    /// Stage the page's files now (so that a bad path fails before anything is read).
    pub fn new(
        outputs: &mut OutputSet,
        analyzer: &Analyzer,
        page: &PageOutputs,
        encoder: RowEncoder,
    ) -> Result<Self> {
        let html = match &page.html {
            Some(path) => Some(outputs.stage(path, "--html")?),
            None => None,
        };
        let xlsx = match &page.xlsx {
            Some(path) => Some(outputs.stage(path, "--xlsx")?),
            None => None,
        };
        let heuristics = analyzer.heuristics.iter().map(|(h, _)| h.info().code);
        let indicators = analyzer.campaigns.indicators.iter().map(|i| i.id.as_str());
        Ok(PageSink {
            aggregates: Aggregates::default(),
            campaign_ids: analyzer
                .campaigns
                .campaigns
                .iter()
                .map(|c| c.id.clone())
                .collect(),
            rule_codes: heuristics.chain(indicators).map(String::from).collect(),
            heuristics: analyzer.heuristics.len(),
            catalog: RuleCatalog::new(&analyzer.campaigns, &analyzer.config, &analyzer.context),
            page: page.clone(),
            encoder,
            html,
            xlsx,
        })
    }
}

/// What the page needs of each scored item of a chunk.
pub struct PagePart {
    /// Per scored item: score, level, language, best campaign, end of its rule ids in `rules`.
    items: Vec<(f64, &'static str, &'static str, Option<usize>, usize)>,
    /// The rules of the items' `interference_rules` and `campaign_rules` cells, back to back,
    /// as indices into the sink's `rule_codes`.
    rules: Vec<u32>,
}

/// Numbers each item's rules: heuristic `i` is `i`, indicator `k` is `heuristics + k`.
pub struct RuleIds {
    heuristics: usize,
}

impl Extract for RuleIds {
    type Part = PagePart;

    fn begin(&self, events: &[(u64, Event)]) -> PagePart {
        PagePart {
            items: Vec::with_capacity(events.len()),
            rules: Vec::new(),
        }
    }

    fn add(&self, part: &mut PagePart, item: &Item<'_>) {
        let Some(a) = item.analysis else {
            return;
        };
        part.rules
            .extend(a.heuristic_hits.iter().map(|h| h.heuristic as u32));
        let best = a.best_campaign();
        if let Some(best) = best {
            part.rules.extend(
                best.counted
                    .iter()
                    .map(|&k| (self.heuristics + a.indicator_hits[k].indicator) as u32),
            );
        }
        part.items.push((
            a.score,
            a.level.as_str(),
            a.lang.code,
            best.map(|c| c.campaign),
            part.rules.len(),
        ));
    }
}

impl Sink for PageSink {
    type Extractor = RuleIds;

    fn extractor(&self) -> RuleIds {
        RuleIds {
            heuristics: self.heuristics,
        }
    }

    fn consume(&mut self, events: &[(u64, Event)], part: PagePart) -> Result<()> {
        let records = events.iter().filter_map(|(_, ev)| match ev {
            Event::Record(_, record) => Some(record),
            Event::Reject(..) => None,
        });
        let mut rules_start = 0;
        for (record, (score, level, lang, campaign, rules_end)) in records.zip(part.items) {
            let facts = ItemFacts {
                score,
                level,
                lang,
                campaign: campaign.map_or("", |c| &self.campaign_ids[c]),
                timestamp: &record.timestamp,
            };
            let codes = part.rules[rules_start..rules_end]
                .iter()
                .map(|&i| self.rule_codes[i as usize].as_str());
            self.aggregates.add(&facts, codes);
            rules_start = rules_end;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()> {
        let PageSink {
            aggregates,
            catalog,
            page,
            encoder,
            html,
            xlsx,
            ..
        } = *self;
        let first = run.fact::<FirstRows>().ok_or_else(|| {
            Fatal::output("internal error: the report published no rows for the page")
        })?;
        let mut top = decode_rows(encoder.format(), encoder.header(), &first.0)?;
        top.total_rows = run.summary.rows_written;
        let info = RunInfo {
            source: format!("the scan of {}", run.summary.inputs.join(", ")),
            counts: Some(run.summary.clone()),
            settings: page.settings.clone(),
        };
        let rendering = Rendering {
            run: &info,
            aggregates: &aggregates,
            top: &top,
            catalog: &catalog,
            extras: &Extras::default(),
            options: &page.options,
        };
        write_staged(&rendering, html, xlsx, run.outputs)
    }
}
