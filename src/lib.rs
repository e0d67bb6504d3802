//! calque: screen social-media posts and transcripts for indicators of Russian influence
//! operations, with scores explained by the rules that fired and the text they fired on.
//!
//! The pipeline, stage by stage (see `docs/ARCHITECTURE.md`):
//! [`ingest`] → [`normalize`] + [`script`] + [`langid`] → [`heuristics`] → [`campaigns`] →
//! [`score`] → [`report`], driven per item by [`analyze`] and per run by [`pipeline`];
//! [`accounts`] rolls posts up to accounts.

pub mod accounts;
pub mod analyze;
pub mod campaigns;
pub mod catalog;
pub mod config;
pub mod context;
pub mod coordinate;
pub mod engine;
pub mod error;
pub mod eval;
pub mod evidence;
pub mod heuristics;
pub mod ingest;
pub mod langid;
pub mod multi_search;
pub mod narratives;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod render;
pub mod report;
pub mod rule_selection;
pub mod score;
pub mod script;
pub mod sinks;
pub mod text;
pub mod timestamp;
pub mod values;

pub use analyze::{Analysis, Analyzer};
pub use error::{Fatal, FatalKind, Result};
pub use record::Span;
