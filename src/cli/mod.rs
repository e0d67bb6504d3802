//! Command-line parsing and dispatch. Each subcommand has its own module; all of them build
//! the library's [`calque::Analyzer`] through [`common::EngineArgs`].

/// `print!` to standard output; a closed pipe (`calque rules list | head`) ends the program
/// quietly with exit code 0, as ripgrep does, instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("calque: cannot write to standard output: {e}");
            std::process::exit(6);
        }
    }};
}

/// `println!` with [`out!`]'s handling of closed pipes.
macro_rules! outln {
    () => { out!("\n") };
    ($($arg:tt)*) => {{ out!($($arg)*); out!("\n"); }};
}

mod accounts;
mod common;
mod coordinate;
mod eval;
mod explain;
mod heuristics;
mod narratives;
mod render;
mod rule;
mod rules;
mod scan;
mod tune;
use calque::values;

use clap::{Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (records that could not be read are in the rejects file, not an error)
  2  usage error (unknown flag, bad value)
  3  input error: a file cannot be opened or read, an unknown column, a corrupt gzip stream
  4  rule error: a campaign rule file, outlet list, IOC feed, claim database or
     fact-checker list is invalid
  5  config error: the --config file is invalid, or --select/--ignore names no rule
  6  output error: the report, rejects or summary cannot be written
  7  a self-test failed (calque rules test)";

#[derive(Parser)]
#[command(
    name = "calque",
    version,
    about = "Screen posts and transcripts for indicators of Russian influence operations.",
    long_about = "calque screens social-media posts and video transcripts for indicators of Russian \
influence operations: Russian-syntax interference in English and French, and the patterns of known \
campaigns (Matryoshka/Overload, Doppelganger, Pravda network, Storm-1516, CopyCop, IRA). It writes a \
ranked CSV report in which every score is explained by the rules that fired and the text they fired \
on. A high score means an item matches indicators of a campaign — never that it is propaganda.",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Screen inputs and write a ranked, explained report.
    Scan(Box<scan::ScanArgs>),
    /// List the interference heuristics, or show one in full.
    Heuristics(heuristics::HeuristicsArgs),
    /// List, check and test campaign rules.
    Rules(rules::RulesArgs),
    /// Check claim databases (--narratives) and list the claims texts match.
    Narratives(narratives::NarrativesArgs),
    /// Render an existing report as a self-contained HTML page and/or an Excel workbook.
    Render(render::RenderArgs),
    /// Describe any rule code, heuristic or campaign indicator: description, examples, source
    /// and DISARM ids.
    Rule(rule::RuleArgs),
    /// Show everything the pipeline saw for one item: language, normalized view, every rule
    /// that fired with its span and contribution, and the final score.
    Explain(explain::ExplainArgs),
    /// Measure scores and rules against labelled data (ROC-AUC, PR-AUC, precision@k, …).
    Eval(eval::EvalArgs),
    /// Fit heuristic and indicator weights on labelled data and write a config.
    Tune(tune::TuneArgs),
    /// Find accounts that act together (co-shared texts, near-duplicates, links, domains,
    /// hashtags, mentions, reposts within a time window), with the posts behind every link.
    Coordinate(coordinate::CoordinateArgs),
    /// Roll the posts of existing reports up to accounts, with an account-level test.
    Accounts(accounts::AccountsArgs),
}

/// Parse arguments, run the subcommand and return the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    // An interrupted run removes its temporary outputs (and never leaves a partial one).
    calque::output::install_signal_cleanup();
    let result = match cli.command {
        Command::Scan(args) => scan::run(*args),
        Command::Heuristics(args) => heuristics::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Narratives(args) => narratives::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Render(args) => render::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Tune(args) => tune::run(args),
        Command::Coordinate(args) => coordinate::run(args),
        Command::Accounts(args) => accounts::run(args),
    };
    match result {
        Ok(()) => 0,
        // `calque scan -o - | head`: the reader went away, which is not an error.
        Err(e) if e.kind == calque::FatalKind::Output && e.message.contains("Broken pipe") => 0,
        Err(e) => {
            eprintln!("calque: error: {e}");
            e.kind.exit_code()
        }
    }
}
