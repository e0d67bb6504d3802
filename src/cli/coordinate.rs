//! `calque coordinate`.

use super::common::{EngineArgs, PostInputArgs};
use super::values;
use calque::coordinate::edges::Thresholds;
use calque::coordinate::objects::{Kinds, ObjectKind, ObjectOptions};
use calque::coordinate::run::{self, RunOptions};
use calque::coordinate::sweep::Window;
use calque::coordinate::{object_campaigns, CoordOptions};
use calque::ingest::ColumnSpec;
use calque::{Fatal, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque coordinate posts.csv -o coord/
  calque coordinate tweets.jsonl --window 30s --types text,near-text,url -o coord/
  calque coordinate export.csv --repost-col retweet_tweetid --fast-window 5s -o coord/

Writes into the output directory: pairs.csv (the pairs of posts behind every edge: the
evidence), edges.csv (source,target,weight,edge_type,…: Gephi and the QUT toolkit read it),
nodes.csv, clusters.csv, network.graphml, summary.json and rejects.csv. Every file appears
only when all of them are complete. Columns are documented in docs/report-schema.md.

Posts need an author and a readable timestamp; those without are counted in the summary and
left out. Object types: text (same text after normalisation, at least --min-words words),
near-text (Jaccard similarity of character 5-grams >= --similarity), url (tracking
parameters and redirect wrappers removed), domain, hashtag, mention, repost.")]
pub struct CoordinateArgs {
    /// Input files (CSV, TSV, JSON Lines or text, optionally .gz); - reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Output directory (created if missing).
    #[arg(short, long, default_value = "coord", value_name = "DIR")]
    output: PathBuf,
    #[command(flatten)]
    input: PostInputArgs,
    /// Column holding the id of the reposted or quoted post (e.g. retweet_tweetid,
    /// quoted_status_id). Without it, a "RT @user:" prefix names the repost target.
    #[arg(long, value_name = "NAME")]
    repost_col: Option<String>,
    /// Two posts pair when at most this far apart. Example: --window 5m
    #[arg(long, default_value = "60s", value_parser = parse_duration, value_name = "DURATION")]
    window: i64,
    /// ... and at least this far apart (0 by default).
    #[arg(long, default_value = "0s", value_parser = parse_duration, value_name = "DURATION")]
    min_delay: i64,
    /// Pairs at most this far apart are also counted in a fast network (fast column,
    /// fast_weight).
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    fast_window: Option<i64>,
    /// Object types to co-share, comma-separated.
    #[arg(
        long,
        default_value = "text,near-text,url,domain,hashtag,mention,repost",
        value_parser = parse_kinds,
        value_name = "TYPES"
    )]
    types: Kinds,
    /// Jaccard similarity of character 5-grams a near-text pair must reach (0-1). 0.7 is
    /// about one word changed in each of two 15-word copies (docs/EVALUATION.md, section F).
    #[arg(long, default_value_t = 0.7, value_name = "J")]
    similarity: f64,
    /// Texts of fewer words make no text or near-text object.
    #[arg(long, default_value_t = 5, value_name = "N")]
    min_words: usize,
    /// Objects shared by more accounts are hubs and make no pairs (default: 1% of the
    /// accounts, at least 50).
    #[arg(long, value_name = "N")]
    max_object_accounts: Option<usize>,
    /// Edges need at least this weight (distinct co-shared objects).
    #[arg(long, default_value_t = 2, value_name = "N")]
    min_weight: u32,
    /// Edges need a weight above this quantile of all edge weights (0-1; 0: off), as
    /// CooRTweet's edge_weight. Example: --edge-percentile 0.9
    #[arg(long, default_value_t = 0.0, value_name = "P")]
    edge_percentile: f64,
    /// Accounts with fewer posts take no part.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_posts: u32,
    /// Memory for each external sort before it spills to temporary files, in MiB (1 to
    /// 1048576).
    #[arg(long = "sort-memory-mib", default_value = "256", value_name = "MIB", value_parser = values::sort_memory_bytes)]
    sort_memory: usize,
    /// Directory for temporary files (default: the system's).
    #[arg(long, value_name = "DIR")]
    temp_dir: Option<PathBuf>,
    /// Worker threads (0: one per core; at most 4 per core). The outputs are identical
    /// whatever the number.
    #[arg(long, default_value = "0", value_name = "N", value_parser = values::threads)]
    threads: usize,
    /// Write cells as they are (by default a cell starting with = + - @ gets a leading ').
    #[arg(long)]
    raw_cells: bool,
    /// Do not name the campaigns whose indicators fire on a cluster's objects.
    #[arg(long)]
    no_campaigns: bool,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

fn parse_duration(s: &str) -> std::result::Result<i64, String> {
    let s = s.trim();
    // A bare number is seconds.
    if let Ok(secs) = s.parse::<f64>() {
        if secs.is_finite() && secs >= 0.0 {
            return Ok((secs * 1000.0).round() as i64);
        }
    }
    let d = humantime::parse_duration(s).map_err(|e| format!("{e} (e.g. 60s, 5m, 1h, 500ms)"))?;
    i64::try_from(d.as_millis()).map_err(|_| "duration too long".to_string())
}

fn parse_kinds(s: &str) -> std::result::Result<Kinds, String> {
    Kinds::parse(s)
}

pub fn run(args: CoordinateArgs) -> Result<()> {
    if !(0.0..=1.0).contains(&args.similarity) {
        return Err(Fatal::input("--similarity must be between 0 and 1"));
    }
    if !(0.0..1.0).contains(&args.edge_percentile) {
        return Err(Fatal::input(
            "--edge-percentile must be at least 0 and below 1",
        ));
    }
    if args.min_delay > args.window {
        return Err(Fatal::input("--min-delay is longer than --window"));
    }
    let repost_column = args.repost_col.as_ref().map(|_| 0);
    let options = RunOptions {
        inputs: calque::ingest::expand_inputs(&args.inputs)?,
        input_format: args.input.input_format,
        ingest: args.input.ingest(ColumnSpec {
            keep: args.repost_col.into_iter().collect(),
            ..ColumnSpec::default()
        }),
        output_dir: args.output,
        threads: values::capped_threads(args.threads),
        batch_size: 4096,
        coord: CoordOptions {
            objects: ObjectOptions {
                kinds: args.types,
                min_words: args.min_words,
                repost_column,
            },
            window: Window {
                window_ms: args.window,
                min_delay_ms: args.min_delay,
                fast_ms: args.fast_window,
            },
            similarity: args.similarity,
            hub_limit: args.max_object_accounts,
            thresholds: Thresholds {
                min_weight: args.min_weight,
                percentile: args.edge_percentile,
            },
            min_posts: args.min_posts,
            sort_memory: args.sort_memory,
            temp_dir: args.temp_dir,
            raw_cells: args.raw_cells,
        },
    };
    let campaigns = if args.no_campaigns {
        None
    } else {
        Some(args.engine.campaigns()?)
    };
    let matcher = campaigns
        .as_ref()
        .map(|set| move |kind: ObjectKind, shown: &str| object_campaigns(set, kind, shown));
    let summary = match &matcher {
        Some(m) => run::run(&options, Some(m)),
        None => run::run(&options, None),
    }?;
    if !args.quiet {
        eprint!("{}", summary.render());
    }
    Ok(())
}
