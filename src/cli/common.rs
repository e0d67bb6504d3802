//! Options shared by every command that analyses text.

use super::values;
use calque::campaigns::ioc::{IocReport, IocSpec};
use calque::campaigns::{outlets::Outlets, CampaignSet};
use calque::config::Config;
use calque::context::ContextDetector;
use calque::engine::EngineOptions;
use calque::ingest::{self, ColumnSpec, IngestOptions, InputEncoding, InputFormat};
use calque::narratives::load::NarrativeSpec;
use calque::rule_selection::RuleSelection;
use calque::{Analyzer, Result};
use clap::Args;
use std::path::PathBuf;

/// How posts are read, the same for every command that reads them as `scan` does (scan,
/// coordinate): the format, the columns found by name, and what becomes of odd records.
#[derive(Args, Debug, Clone)]
pub struct PostInputArgs {
    /// Input format, instead of guessing from the extension (stdin: JSON Lines if it starts
    /// with '{', else text). Example: --input-format tsv
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Encoding of inputs without a byte-order mark (UTF-8, UTF-16 and UTF-32 BOMs are always
    /// recognised): a label such as cp1251, latin1, utf-16le, koi8-r. Default: UTF-8.
    #[arg(long, value_name = "NAME", value_parser = InputEncoding::from_label)]
    pub encoding: Option<InputEncoding>,
    /// CSV field delimiter: a character, or comma, semicolon, tab, pipe. Default: sniffed from
    /// the header among , ; tab |. Example: --delimiter ';'
    #[arg(long, value_name = "CHAR", value_parser = ingest::parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Cut transcripts (subtitles, Whisper or YouTube JSON) into items of about this length,
    /// at a sentence end when one is near. Default: one item per transcript.
    /// Example: --transcript-window 60s
    #[arg(long, value_name = "DURATION", value_parser = ingest::parse_duration)]
    pub transcript_window: Option<u64>,
    /// Column (CSV) or dotted field path (JSON Lines) holding the text. Default: the first of
    /// text, content, tweet_text, full_text, message, body, post, transcript, caption…
    #[arg(long, value_name = "NAME")]
    pub text_col: Option<String>,
    /// Column holding the item id (default: id, tweet_id, post_id…; without one, an item is
    /// named by its file:line).
    #[arg(long, value_name = "NAME")]
    pub id_col: Option<String>,
    /// Column holding the author (default: author, user, username, screen_name, user.screen_name…).
    #[arg(long, value_name = "NAME")]
    pub author_col: Option<String>,
    /// Column holding the timestamp (default: timestamp, created_at, date, publish_date…).
    #[arg(long, value_name = "NAME")]
    pub time_col: Option<String>,
    /// Records larger than this many bytes are rejected (reason too_large); 1 to 1073741824.
    #[arg(long, default_value = "1048576", value_name = "BYTES", value_parser = values::record_bytes)]
    pub max_record_bytes: usize,
    /// Replace invalid UTF-8 bytes with U+FFFD and keep the record, instead of rejecting it
    /// (reason invalid_utf8). Useful for exports with truncated multi-byte characters.
    #[arg(long)]
    pub lossy_utf8: bool,
}

impl PostInputArgs {
    /// The ingest options: these columns, with `more` for the command's own (kept columns,
    /// URL, platform).
    pub fn ingest(self, more: ColumnSpec) -> IngestOptions {
        IngestOptions {
            columns: ColumnSpec {
                text: self.text_col,
                id: self.id_col,
                author: self.author_col,
                timestamp: self.time_col,
                ..more
            },
            max_record_bytes: self.max_record_bytes,
            lossy_utf8: self.lossy_utf8,
            encoding: self.encoding,
            delimiter: self.delimiter,
            transcript_window_ms: self.transcript_window,
            ..IngestOptions::default()
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct EngineArgs {
    /// Scoring configuration (weights, thresholds, language allow-list), e.g. a file written by
    /// `calque tune`. Keys left out keep the defaults shown in data/calque.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Directory (or file) of campaign rule files to add to the embedded ones; a file whose
    /// campaign id matches an embedded campaign replaces it. Example: --rules my-rules/
    #[arg(long, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the rule files given with --rules, not the embedded ones.
    #[arg(long)]
    pub no_embedded_rules: bool,
    /// Outlet list for typosquat indicators instead of the embedded data/outlets.toml.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
    /// Languages the language detector may answer (ISO 639-1), overriding the config's
    /// [langid] allow. Default: those of the heuristics and rules plus ru, uk.
    /// Example: --allow-langs en,fr,ru,uk,de,es
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub allow_langs: Vec<String>,
    /// Published indicator feed whose domains and links become indicators of a campaign:
    /// Meta threat-research CSV, DIMA CSV, or one domain per line (campaign from CAMPAIGN= or
    /// a `# campaign: ID` line). Repeatable. Example: --ioc doppelganger=domains.txt
    #[arg(long, value_name = "[CAMPAIGN=]FILE")]
    pub ioc: Vec<IocSpec>,
    /// Claim database whose claims items are matched against (docs/scoring.md): CSV with a
    /// claim column (EUvsDisinfo's case list: `title`; name another with COLUMN=FILE),
    /// ClaimReview JSON / JSON-LD, a fact-check search export, or JSON Lines. Repeatable.
    /// Check one first with `calque narratives check FILE`. Example: --narratives claims.json
    #[arg(long, value_name = "[COLUMN=]FILE")]
    pub narratives: Vec<NarrativeSpec>,
    /// Fact-checker, research group and newsroom list for the context column, instead of the
    /// embedded data/factcheckers.toml.
    #[arg(long, value_name = "FILE")]
    pub factcheckers: Option<PathBuf>,
}

impl EngineArgs {
    /// The library's description of the analyzer these flags ask for.
    pub fn options(&self) -> EngineOptions {
        EngineOptions {
            config: self.config.clone(),
            rules: self.rules.clone(),
            no_embedded_rules: self.no_embedded_rules,
            outlets: self.outlets.clone(),
            allow_langs: self.allow_langs.clone(),
            ioc: self.ioc.clone(),
            narratives: self.narratives.clone(),
            factcheckers: self.factcheckers.clone(),
            selection: RuleSelection::all(),
        }
    }

    pub fn outlets(&self) -> Result<Outlets> {
        self.options().outlets()
    }

    /// The rules, plus what each `--ioc` feed added.
    pub fn campaigns_and_feeds(&self) -> Result<(CampaignSet, Vec<IocReport>)> {
        self.options().campaigns_and_feeds()
    }

    /// Load the `--ioc` feeds into `set`.
    pub fn add_feeds(&self, set: CampaignSet) -> Result<(CampaignSet, Vec<IocReport>)> {
        self.options().add_feeds(set)
    }

    pub fn context(&self) -> Result<ContextDetector> {
        self.options().context()
    }

    pub fn config(&self) -> Result<Config> {
        self.options().config()
    }

    pub fn campaigns(&self) -> Result<CampaignSet> {
        self.options().campaigns()
    }

    /// The analyzer: rules, feeds, claim databases and context lists.
    pub fn analyzer(&self) -> Result<Analyzer> {
        self.analyzer_selecting(&SelectionArgs::default())
    }

    /// An analyzer that runs only the rules `selection` selects (the others are not compiled),
    /// with the claim databases and context lists; built by the library
    /// ([`EngineOptions::build`]), as the Python binding builds it. A claim database with
    /// claims it could not use says so on stderr (never silently).
    pub fn analyzer_selecting(&self, selection: &SelectionArgs) -> Result<Analyzer> {
        let options = EngineOptions {
            selection: selection.selection(),
            ..self.options()
        };
        let (analyzer, reports) = options.build()?;
        for r in reports.iter().filter(|r| r.total_skipped() > 0) {
            eprintln!(
                "calque: narratives {}: {} claims loaded, {} skipped (see `calque narratives check {}`)",
                r.origin,
                r.total_loaded(),
                r.total_skipped(),
                r.origin
            );
        }
        Ok(analyzer)
    }
}

/// `--select` / `--ignore`, for the commands that analyse (scan, eval, explain).
#[derive(Args, Debug, Clone, Default)]
pub struct SelectionArgs {
    /// Run only these rules: heuristic codes, indicator ids, or prefixes of them (as ruff
    /// does), comma-separated; ALL selects every rule. Deselected rules do not run at all.
    /// Example: --select RU-EN-,MAT-
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Do not run these rules (codes or prefixes); a more specific --select wins.
    /// Example: --ignore RU-EN-ART,IRA-
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
}

impl SelectionArgs {
    pub fn selection(&self) -> RuleSelection {
        RuleSelection::new(&self.select, &self.ignore)
    }
}

pub use calque::engine::claim_langid;
