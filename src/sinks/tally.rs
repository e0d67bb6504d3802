//! The run's counts for the summary: records read, scored and rejected (by reason), and
//! scored items by language, level and best-matching campaign.

use super::{Extract, Finish, Item, Sink};
use crate::error::Result;
use crate::record::Event;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct TallySink {
    /// Campaign ids, by index in the analyzer's campaign set.
    campaign_ids: Vec<String>,
    records_read: u64,
    scored: u64,
    rejected: u64,
    by_reason: BTreeMap<String, u64>,
    by_language: BTreeMap<String, u64>,
    by_level: BTreeMap<String, u64>,
    by_campaign: BTreeMap<String, u64>,
}

impl TallySink {
    pub fn new(campaign_ids: Vec<String>) -> Self {
        TallySink {
            campaign_ids,
            ..TallySink::default()
        }
    }
}

/// Language, level and best campaign of each scored item of a chunk.
pub struct Labels;

impl Extract for Labels {
    type Part = Vec<(&'static str, &'static str, Option<usize>)>;

    fn begin(&self, events: &[(u64, Event)]) -> Self::Part {
        Vec::with_capacity(events.len())
    }

    fn add(&self, part: &mut Self::Part, item: &Item<'_>) {
        if let Some(a) = item.analysis {
            part.push((
                a.lang.code,
                a.level.as_str(),
                a.best_campaign().map(|c| c.campaign),
            ));
        }
    }
}

/// Count one more `key` (without allocating the key when it is already counted).
fn count(map: &mut BTreeMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_owned(), 1);
        }
    }
}

impl Sink for TallySink {
    type Extractor = Labels;

    fn extractor(&self) -> Labels {
        Labels
    }

    fn consume(&mut self, events: &[(u64, Event)], part: <Labels as Extract>::Part) -> Result<()> {
        self.records_read += events.len() as u64;
        for (_, event) in events {
            if let Event::Reject(_, reject) = event {
                self.rejected += 1;
                count(&mut self.by_reason, reject.reason.as_str());
            }
        }
        self.scored += part.len() as u64;
        for (lang, level, campaign) in part {
            count(&mut self.by_language, lang);
            count(&mut self.by_level, level);
            if let Some(c) = campaign {
                count(&mut self.by_campaign, &self.campaign_ids[c]);
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()> {
        debug_assert_eq!(self.records_read, self.scored + self.rejected);
        let s = &mut *run.summary;
        s.records_read = self.records_read;
        s.scored = self.scored;
        s.rejected = self.rejected;
        s.rejected_by_reason = self.by_reason;
        s.by_language = self.by_language;
        s.by_level = self.by_level;
        s.by_campaign = self.by_campaign;
        Ok(())
    }
}
